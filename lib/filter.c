/* filter.c — the record-to-record loop (see filter.h). */
#include "filter.h"

#include <string.h>

#include "buf.h"
#include "diag.h"
#include "input.h"
#include "output.h"
#include "progress.h"
#include "record.h"

struct loop {
    const struct cli_common *common;
    filter_fn fn;
    void *ctx;
    struct output *out;
    struct record *record;
    struct rejects *rejects;
    struct progress progress;
    struct buf reason;
    struct filter_totals *totals;
    unsigned long long bytes;
    struct input *in; /* the input being read, for the fatal hook */
};

static bool is_blank(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t')
            return false;
    return true;
}

/* Returns false when the run must stop. */
static bool handle_line(struct loop *lp, struct input *in, const char *line, size_t len)
{
    if (is_blank(line, len)) {
        lp->totals->counts.blank++;
        return true;
    }
    lp->totals->counts.in++;
    const char *file = input_name(in);
    long lineno = input_lineno(in);
    /* The line stays valid until the next input_getline, and the record
     * is parsed again before it is used again: no copy is needed. */
    if (record_parse_view(lp->record, line, len, &lp->reason) != 0)
        return rejects_add(lp->rejects, file, lineno, lp->reason.data, line, len);
    struct filter_context fc = {file, lineno, &lp->reason, lp->out};
    buf_reset(&lp->reason);
    switch (lp->fn(lp->record, &fc, lp->ctx)) {
    case FILTER_KEEP:
        record_write(lp->record, lp->out);
        lp->totals->counts.out++;
        return true;
    case FILTER_DROP:
        lp->totals->dropped++;
        return true;
    case FILTER_REJECT:
        return rejects_add(lp->rejects, file, lineno,
                           lp->reason.len ? lp->reason.data : "bad record", line, len);
    case FILTER_WRITTEN:
        lp->totals->counts.out++;
        return true;
    case FILTER_STOP:
        break;
    }
    return false;
}

/* One line of an input (input_line_fn); false when the run must stop. */
static bool filter_line(struct input *in, const char *line, size_t len, void *ctx)
{
    struct loop *lp = ctx;
    lp->in = in;
    lp->bytes += len + 1;
    bool go_on = handle_line(lp, in, line, len);
    progress_update(&lp->progress, lp->totals->counts.in, lp->bytes);
    return go_on;
}

/* The fatal hook while the loop runs (diag.h): a fatal error in the middle
 * of a record (out of memory) still writes every record before it, as bad
 * input would, and names the line it stopped on. */
static void stop_mid_record(void *ctx)
{
    struct loop *lp = ctx;
    output_flush_finished_lines(lp->out);
    if (lp->in)
        warn_at(input_name(lp->in), input_lineno(lp->in),
                "stopped at this record; every record before it was written");
}

int filter_run(const struct cli_common *common, const char *const *paths,
               filter_fn fn, void *ctx, struct filter_totals *totals)
{
    struct output *out = output_stdout();
    int status = filter_run_to(common, paths, fn, ctx, totals, out);
    output_close(out);
    return status;
}

int filter_run_to(const struct cli_common *common, const char *const *paths,
                  filter_fn fn, void *ctx, struct filter_totals *totals,
                  struct output *out)
{
    struct loop lp = {0};
    lp.common = common;
    lp.fn = fn;
    lp.ctx = ctx;
    lp.totals = totals;
    lp.out = out;
    lp.record = record_new();
    lp.rejects = rejects_open(common->rejects_path);
    progress_init(&lp.progress, common->quiet);

    int status = EXIT_OK;
    diag_set_fatal_hook(stop_mid_record, &lp);
    for (; *paths; paths++) {
        lp.in = NULL; /* set at the first line: lp.in is gone with its file */
        if (!input_each_line(*paths, filter_line, &lp)) {
            status = EXIT_BAD_INPUT;
            if (!common->rejects_path)
                break; /* stop after every good record before the bad one */
        }
    }
    diag_set_fatal_hook(NULL, NULL);
    progress_end(&lp.progress);
    totals->counts.rejected = rejects_count(lp.rejects);
    rejects_close(lp.rejects);
    record_free(lp.record);
    buf_free(&lp.reason);
    return status;
}
