/* record-pass — bench-only program: the cost of the record layer itself.
 *
 *   record-pass pass FILE...   parse every record and write it (the loop of
 *                              every record program, doing nothing)
 *   record-pass text FILE...   the same, decoding "text" and setting it
 *                              again (decode, escape, write)
 *
 * It runs filter_run as the programs do, so reading, pipes and writing are
 * measured too. Not installed; bench/cases/05-record.sh uses it.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "filter.h"
#include "record.h"

static enum filter_verdict keep(struct record *r, const struct filter_context *fc,
                                void *ctx)
{
    (void)r, (void)fc, (void)ctx;
    return FILTER_KEEP;
}

static enum filter_verdict reset_text(struct record *r, const struct filter_context *fc,
                                      void *ctx)
{
    (void)fc, (void)ctx;
    const char *text;
    size_t len;
    if (record_get_string(r, "text", &text, &len))
        record_set_string(r, "text", text, len);
    return FILTER_KEEP;
}

int main(int argc, char **argv)
{
    diag_init("record-pass");
    if (argc < 2 || (strcmp(argv[1], "pass") != 0 && strcmp(argv[1], "text") != 0))
        die_usage("usage: record-pass pass|text [FILE...]");
    struct cli_common common = {true, NULL, NULL};
    static const char *const stdin_only[] = {"-", NULL};
    const char *const *paths = argc > 2 ? (const char *const *)argv + 2 : stdin_only;
    struct filter_totals totals = {0};
    filter_fn fn = strcmp(argv[1], "pass") == 0 ? keep : reset_text;
    return filter_run(&common, paths, fn, NULL, &totals);
}
