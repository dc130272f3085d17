/* filter.h — the loop every record-to-record program runs.
 *
 * Owns: reading record NDJSON from the operands (files, "-" for stdin,
 * stdin when none), skipping and counting blank lines, parsing each line
 * into one reused record, the bad-line policy (FILE:LINE or --rejects),
 * handing each record to the program, writing the records it keeps, the
 * progress meter and the accounting (--counts).
 * Memory: one record and one line at a time (filter_run_parallel: see
 * there).
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

enum { FILTER_TALLIES = 4 };

struct filter_context {
    const char *file;  /* input name, for messages */
    long line;         /* line number of the record */
    struct buf *reason; /* where FILTER_REJECT puts its reason */
    struct output *out; /* the program's output, for programs that write
                           more than the record (or instead of it) */
    unsigned long long *tally; /* filter_run_parallel: FILTER_TALLIES
                           counters the program adds this record's counts
                           to (see there); NULL under filter_run */
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

/* ---- several threads -------------------------------------------------

 * The same loop with the records computed by `jobs` threads, for programs
 * whose work per record is heavy and independent of the other records
 * (winnow-extract-stats). The main thread reads the lines into batches (256
 * KB or 1024 lines), the threads parse them, run fn and serialize the kept
 * records, and the main thread writes each batch's results in input order
 * and applies the bad-line policy: the output, the rejects, the messages
 * and the totals are those of filter_run. A line of 1 MB or more is run on
 * the main thread once the batches before it are written, so a huge record
 * costs what it costs filter_run. Each thread has its own ctx: new(shared)
 * makes one, done(shared, ctx) frees it at the end. fn may return FILTER_KEEP, FILTER_DROP or
 * FILTER_REJECT only, and gets no fc->out. What it counts goes to
 * fc->tally, not to its ctx: the counts of each record are added to tally
 * as its result is written, so that the records a thread ran past a bad
 * line are not counted. With jobs < 2, or when no thread can be started,
 * it is filter_run with one ctx.
 * Memory: up to 2 * jobs batches in flight (256 KB of lines each, and
 * their output records), given back before a line run on the main thread;
 * one ctx per thread (that line borrows the first thread's, idle then). */
struct filter_workers {
    unsigned jobs;
    unsigned long long *tally; /* FILTER_TALLIES totals, owned by the caller */
    void *shared;
    void *(*new)(void *shared);
    void (*done)(void *shared, void *ctx);
};

int filter_run_parallel(const struct cli_common *common, const char *const *paths,
                        filter_fn fn, const struct filter_workers *workers,
                        struct filter_totals *totals);

#endif
