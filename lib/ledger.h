/* ledger.h — the accounting of a whole pipeline, gathered and checked.
 *
 * Owns: the counts objects of the programs of a pipeline, as each wrote
 * them with --counts (accounting_write of rejects.h: one JSON object per
 * line with "program", "in", "out", "rejected", "blank" and the program's
 * own members), in the order given, and the checks made on them:
 *   - balanced: for each program, in = out + rejected + dropped (its
 *     "dropped" member, 0 when absent). Not applicable (null) to
 *     winnow-split, which reads documents and writes records;
 *   - chained: each program's "in" equals the "out" of the one before it
 *     (null with fewer than two programs).
 * A counts file is read when the caller asks, normally once the input has
 * ended; as an upstream program writes its counts only when it exits,
 * just after closing its output, a file that does not exist yet is waited
 * for (accounting_write creates it atomically, so once it exists it is
 * whole).
 */
#ifndef WINNOW_LEDGER_H
#define WINNOW_LEDGER_H

struct accounting;
struct json_t;
struct ledger;

struct ledger *ledger_new(void);
void ledger_free(struct ledger *l);

/* Read path: a file of counts lines, or a directory whose regular files
 * not starting with '.' are read in name order (name them by stage:
 * 1-split.json, 2-normalize.json, ...; a directory is not waited for).
 * A missing file is waited for up to wait_seconds. Returns 0, or -1 after
 * reporting "program: FILE:LINE: reason". */
int ledger_read(struct ledger *l, const char *path, double wait_seconds);
/* Append a program's counts (the program running now, last). */
void ledger_add(struct ledger *l, const char *program,
                const struct accounting *a, unsigned long long dropped);

/* The report: {"programs": [each counts object plus "balanced"],
 * "balanced", "chained", "documents_in", "records_split", "rejected",
 * "dropped", "records_out"} as a new Jansson object (caller releases). */
struct json_t *ledger_report(const struct ledger *l);

#endif
