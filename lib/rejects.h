/* rejects.h — what happens to a bad input line.
 *
 * Owns: the policy for bad lines. Without --rejects the line is reported as
 * "program: FILE:LINE: reason" and the program stops with status 1 after
 * every good record before it was written. With --rejects FILE each bad line
 * goes to FILE as one JSON object {"file","line","reason","text"} (text with
 * invalid UTF-8 replaced by U+FFFD) and the program goes on.
 * It also owns the accounting of records in, out, rejected and blank lines,
 * written by --counts FILE as one JSON object.
 */
#ifndef WINNOW_REJECTS_H
#define WINNOW_REJECTS_H

#include <stdbool.h>
#include <stddef.h>

struct output;

struct accounting {
    unsigned long long in;       /* records (or documents) read */
    unsigned long long out;      /* records written */
    unsigned long long rejected; /* bad lines */
    unsigned long long blank;    /* blank lines skipped */
};

struct rejects;

/* path NULL: stop on the first bad line. */
struct rejects *rejects_open(const char *path);
/* Handle a bad line. Returns true when the program should go on (the line
 * was written to the rejects file), false when it must stop (the error was
 * reported; the caller flushes its output and exits 1). */
bool rejects_add(struct rejects *rj, const char *file, long line,
                 const char *reason, const char *text, size_t len);
unsigned long long rejects_count(const struct rejects *rj);
void rejects_close(struct rejects *rj);

/* Write the accounting as one JSON line to path: {"program":..., "in":...,
 * "out":..., "rejected":..., "blank":..., plus extra, a JSON object text
 * whose members are appended, or NULL}, atomically (see atomic.h). A
 * program that drops records reports them as "dropped", so that the
 * accounting can check in = out + rejected + dropped (ledger.h). Does
 * nothing when path is NULL. */
void accounting_write(const char *path, const char *program,
                      const struct accounting *a, const char *extra_members);

#endif
