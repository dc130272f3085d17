/* winnow-extract-stats — add `stats` and `figures` to each record.
 *
 * stats: measurements of the record's text (lib/textstats.h); figures: the
 * statistics the text cites (lib/figures.h). Every other member passes
 * through untouched. A record whose field is missing or not a string
 * passes through unchanged and is counted (or, with --strict, is bad
 * input). Holds one record at a time (see winnow-extract-stats(1)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "figures.h"
#include "filter.h"
#include "record.h"
#include "textstats.h"

static const struct cli_program program = {
    "winnow-extract-stats",
    "Usage: winnow-extract-stats [OPTION]... [FILE]...\n"
    "Add \"stats\" (measurements of the text) and \"figures\" (the statistics the\n"
    "text cites: percentages, money, counts, fractions, ratios, multipliers,\n"
    "durations) to each record. FILEs are record NDJSON (gzipped or not); '-'\n"
    "or none is stdin.\n"
    "\n"
    "  -o, --only WHAT      add only \"stats\" or only \"figures\"\n"
    "  -f, --field NAME     measure this string field (default text); figure\n"
    "                       spans are character offsets into it\n"
    "      --strict         a record whose field is missing or not a string is\n"
    "                       bad input (default: it passes through unchanged)\n"
    "  -j, --jobs N         measure on N threads (default: one per core, at\n"
    "                       most 4); the output is the same\n"
    "      --rejects FILE   write bad input lines to FILE and go on\n"
    "      --counts FILE    write the accounting and the totals as JSON\n"
    "  -q, --quiet          no totals on stderr, no progress meter\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad input or a failed write, 2 usage error.\n"
    "See winnow-extract-stats(1).\n"};

struct options {
    struct cli_common common;
    bool stats;
    bool figures;
    const char *field;
    bool strict;
    unsigned jobs;
};

/* The figures of the record at hand, for write_figures. */
struct figures_out {
    const struct figure *figs;
    size_t count;
    const char *text;
    struct buf *piece;
};

/* What every thread reads: the options, and the figures patterns compiled
 * once for all of them. */
struct shared {
    const struct options *opt;
    struct figure_patterns *patterns; /* NULL without figures */
};

struct run {
    const struct options *opt;
    struct figures *extractor;
    struct text_stats_scratch *scratch;
    struct buf stats_json;   /* reused */
    struct figures_out figures_out; /* what write_figures writes */
    struct buf piece;        /* write_figures's JSON, 64 KB at a time */
};

/* What is counted, in filter_context.tally. */
enum { MEASURED, NO_TEXT /* field missing or not a string */, FIGURES };

enum { MAX_JOBS = 64 };

enum { OPT_ONLY = 'o', OPT_FIELD = 'f', OPT_JOBS = 'j', OPT_STRICT = CLI_OPT_FIRST_PROGRAM_OPTION };

static void parse_options(int argc, char **argv, struct options *opt)
{
    static const struct option longopts[] = {
        {"only", required_argument, NULL, OPT_ONLY},
        {"field", required_argument, NULL, OPT_FIELD},
        {"strict", no_argument, NULL, OPT_STRICT},
        {"jobs", required_argument, NULL, OPT_JOBS},
        CLI_COMMON_OPTIONS,
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "o:f:j:" CLI_COMMON_SHORT, longopts, NULL)) != -1) {
        if (cli_common_option(c, optarg, &opt->common, &program))
            continue;
        if (c == OPT_ONLY) {
            if (strcmp(optarg, "stats") != 0 && strcmp(optarg, "figures") != 0)
                die_usage("invalid --only '%s' (stats or figures)", optarg);
            opt->stats = strcmp(optarg, "stats") == 0;
            opt->figures = !opt->stats;
        } else if (c == OPT_FIELD) {
            if (!*optarg)
                die_usage("--field needs a name");
            opt->field = optarg;
        } else if (c == OPT_STRICT) {
            opt->strict = true;
        } else if (c == OPT_JOBS) {
            opt->jobs = (unsigned)cli_parse_count(optarg, "--jobs", 1, MAX_JOBS);
        }
    }
}

/* Trusted: textstats writes compact, valid JSON (its unit tests and
 * test-record check it against record_set_json). */
static void set_member(struct record *r, const char *key, const struct buf *json)
{
    record_set_json_trusted(r, key, json->data, json->len);
}

static void put_to_record(void *sink, const char *p, size_t len)
{
    record_put(sink, p, len);
}

/* record_json_writer: the figures, written as the record is (trusted:
 * figure_json's output is checked against record_set_json in test-record). */
static void write_figures(const void *ctx, struct record_sink *sink)
{
    const struct figures_out *out = ctx;
    buf_trim(out->piece);
    figures_write_json(out->figs, out->count, out->text, out->piece, put_to_record, sink);
}

static enum filter_verdict extract(struct record *r, const struct filter_context *fc, void *ctx)
{
    struct run *run = ctx;
    const char *field = run->opt->field, *text;
    size_t len;
    if (!record_get_string(r, field, &text, &len)) {
        if (run->opt->strict) {
            const char *type = record_type(r, field);
            if (type)
                buf_printf(fc->reason, "field \"%s\" is %s %s, not a string", field,
                           type[0] == 'a' || type[0] == 'o' ? "an" : "a", type);
            else
                buf_printf(fc->reason, "missing field \"%s\"", field);
            return FILTER_REJECT;
        }
        fc->tally[NO_TEXT]++;
        return FILTER_KEEP;
    }
    if (run->opt->stats) {
        buf_reset(&run->stats_json);
        text_stats_json(text, len, run->scratch, &run->stats_json);
        set_member(r, "stats", &run->stats_json);
    }
    if (run->opt->figures) {
        size_t count;
        const struct figure *figs = figures_find_utf8(run->extractor, text, len, &count);
        fc->tally[FIGURES] += count;
        run->figures_out = (struct figures_out){figs, count, text, &run->piece};
        record_set_json_writer(r, "figures", '[', write_figures, &run->figures_out);
    }
    fc->tally[MEASURED]++;
    return FILTER_KEEP;
}

static void report(const struct options *opt, const unsigned long long *tally,
                   const struct filter_totals *ft)
{
    if (!opt->common.quiet) {
        if (opt->figures)
            warnf("%llu records measured, %llu figures", tally[MEASURED], tally[FIGURES]);
        else
            warnf("%llu records measured", tally[MEASURED]);
        if (tally[NO_TEXT])
            warnf("%llu record(s) without a string \"%s\" passed through unchanged",
                  tally[NO_TEXT], opt->field);
    }
    char extra[160];
    snprintf(extra, sizeof extra, "\"measured\":%llu,\"no_text\":%llu,\"figures\":%llu",
             tally[MEASURED], tally[NO_TEXT], tally[FIGURES]);
    accounting_write(opt->common.counts_path, program.name, &ft->counts, extra);
}

/* One thread's extractor and scratch (filter_workers.new). */
static void *run_new(void *shared)
{
    const struct shared *all = shared;
    struct run *run = xcalloc(1, sizeof *run);
    run->opt = all->opt;
    if (all->patterns)
        run->extractor = figures_new_with(all->patterns);
    if (run->opt->stats)
        run->scratch = text_stats_scratch_new();
    return run;
}

static void run_done(void *shared, void *ctx)
{
    (void)shared;
    struct run *run = ctx;
    figures_free(run->extractor);
    if (run->scratch)
        text_stats_scratch_free(run->scratch);
    buf_free(&run->stats_json);
    buf_free(&run->piece);
    free(run);
}

/* One thread per core, up to 4: more gain little over the cost of the
 * main thread's reading and writing. */
static unsigned default_jobs(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > 4 ? 4 : (unsigned)cores;
}

int main(int argc, char **argv)
{
    diag_init(program.name);
    struct options opt;
    memset(&opt, 0, sizeof opt);
    opt.stats = opt.figures = true;
    opt.field = "text";
    parse_options(argc, argv, &opt);
    if (!opt.jobs)
        opt.jobs = default_jobs();

    unsigned long long tally[FILTER_TALLIES] = {0};
    struct shared shared = {&opt, opt.figures ? figure_patterns_new() : NULL};
    struct filter_workers workers = {opt.jobs, tally, &shared, run_new, run_done};
    struct filter_totals totals;
    memset(&totals, 0, sizeof totals);
    int status = filter_run_parallel(&opt.common, cli_operands(argc, argv, optind), extract,
                                     &workers, &totals);
    figure_patterns_free(shared.patterns);
    report(&opt, tally, &totals);
    return status;
}
