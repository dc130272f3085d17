/* filter.h — the loop every record-to-record program runs.
 *
 * Owns: reading record NDJSON from the operands (files, "-" for stdin,
 * stdin when none), skipping and counting blank lines, parsing each line
 * into one reused record, the bad-line policy (FILE:LINE or --rejects),
 * handing each record to the program, writing the records it keeps, the
 * progress meter and the accounting (--counts).
 * Memory: one record and one line at a time.
 */
#ifndef WINNOW_FILTER_H
#define WINNOW_FILTER_H

#include "cli.h"
#include "rejects.h"

struct record;
struct output;

enum filter_verdict {
    FILTER_KEEP,    /* write the record (as the program left it) */
    FILTER_DROP,    /* do not write it (counted as dropped) */
    FILTER_REJECT,  /* the record is bad input: reason given */
    FILTER_STOP,    /* stop reading (the program has reported why) */
    FILTER_WRITTEN  /* the program wrote the record to fc->out itself, or
                       keeps it for later output: counted as out */
};

struct filter_context {
    const char *file;  /* input name, for messages */
    long line;         /* line number of the record */
    struct buf *reason; /* where FILTER_REJECT puts its reason */
    struct output *out; /* the program's output, for programs that write
                           more than the record (or instead of it) */
};

typedef enum filter_verdict (*filter_fn)(struct record *r,
                                         const struct filter_context *fc,
                                         void *ctx);

struct filter_totals {
    struct accounting counts; /* in, out, rejected, blank */
    unsigned long long dropped;
};

/* Run fn over every record of the operands, writing kept records to
 * stdout. Returns the exit status: 0, or 1 when an input could not be read
 * or a bad line stopped the run. The output is closed (checked) before
 * returning. */
int filter_run(const struct cli_common *common, const char *const *paths,
               filter_fn fn, void *ctx, struct filter_totals *totals);

/* The same, writing kept records to out (owned by the caller, who closes
 * or aborts it afterwards: a program whose output is a file, or which
 * writes more once the input has ended). */
int filter_run_to(const struct cli_common *common, const char *const *paths,
                  filter_fn fn, void *ctx, struct filter_totals *totals,
                  struct output *out);

#endif
