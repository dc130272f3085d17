/* winnow-emit-json — the sink of a winnow pipeline: records out as NDJSON,
 * pretty JSON, a JSON array, a projection (JSON or CSV), posts nested with
 * their quotes and comments, or one summary of the corpus; to stdout or
 * atomically to a file, gzipped when its name ends in .gz. See
 * winnow-emit-json(1).
 *
 * Holds one record at a time, except --nest (every record until the end of
 * input, see nest.h), the summary (its counters, see summary.h) and
 * --figures (the date and title of every post, see figtable.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "emit.h"
#include "figtable.h"
#include "filter.h"
#include "ledger.h"
#include "nest.h"
#include "output.h"
#include "project.h"
#include "record.h"
#include "rejects.h"
#include "summary.h"

static const struct cli_program program = {
    "winnow-emit-json",
    "Usage: winnow-emit-json [OPTION]... [FILE]...\n"
    "Write records (NDJSON, '-' or no FILE for stdin) as JSON: compact NDJSON\n"
    "with the members id, doc and kind first, by default.\n"
    "\n"
    "  -o, --output FILE      write to FILE, atomically (a temporary file, then\n"
    "                         a rename); gzip-compressed when FILE ends in .gz\n"
    "      --level N          gzip level for -o FILE.gz, 1 (fast, default) to 9\n"
    "      --pretty           indent each value over several lines\n"
    "      --array            one JSON array instead of one value per line\n"
    "      --fields LIST      only these members, by dotted path, in this order\n"
    "                         (id,kind,stats.words,span.0)\n"
    "      --format FORMAT    json (default) or csv (needs --fields, except\n"
    "                         with --figures)\n"
    "      --no-header        csv: no header line\n"
    "      --nest             one object per post with its \"quotes\" and its\n"
    "                         \"comments\" tree (\"replies\"), in document order\n"
    "      --figures          one row per figure cited instead of the records:\n"
    "                         the record's id, doc, kind, its post's id, date\n"
    "                         and title, source, headline, the figure's members\n"
    "                         and the sentence that holds it\n"
    "      --summary          one JSON report of the whole stream instead\n"
    "      --summary-file FILE  also write that report (indented) to FILE\n"
    "      --counts-from PATH the --counts file of an upstream program (or a\n"
    "                         folder of them), for the report's accounting;\n"
    "                         repeatable, in pipeline order\n"
    "      --counts-wait SECONDS  how long to wait for a counts file that does\n"
    "                         not exist yet (default 10)\n"
    "      --top N            entries in the report's figure lists (default 10)\n"
    "      --rejects FILE     write bad input lines to FILE and go on\n"
    "      --counts FILE      write the accounting (records in, out, ...) as JSON\n"
    "  -q, --quiet            no progress meter, no --nest warnings\n"
    "  -h, --help             show this help and exit\n"
    "      --version          show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad input or a failed write, 2 usage error.\n"
    "See winnow-emit-json(1).\n"};

struct options {
    struct cli_common common;
    const char *output_path; /* NULL: stdout */
    int level;
    bool pretty, array, nest, summary, csv, no_header, figures;
    const char *fields;
    const char *summary_file;
    const char **counts_from; /* argv strings, in the order given */
    size_t n_counts_from;
    double counts_wait;
    unsigned top;
};

struct run {
    const struct options *opt;
    struct output *out;
    struct emitter em;
    struct projection *projection; /* --fields, or --figures as CSV */
    struct nest *nest;             /* --nest */
    struct figtable *figtable;     /* --figures */
    struct record *row;            /* --figures: a row, for the projection */
    struct buf row_reason;         /* scratch for parsing a row */
    unsigned long long csv_rows;   /* CSV rows written, header excluded */
    struct summary *summary;       /* --summary or --summary-file */
    struct buf line;               /* scratch, reused */
};

/* Output member order: identity first, then the record as it came. */
static const char *const leading_members[] = {"id", "doc", "kind", NULL};

enum {
    OPT_LEVEL = CLI_OPT_FIRST_PROGRAM_OPTION,
    OPT_PRETTY,
    OPT_ARRAY,
    OPT_FIELDS,
    OPT_FORMAT,
    OPT_NO_HEADER,
    OPT_NEST,
    OPT_FIGURES,
    OPT_SUMMARY,
    OPT_SUMMARY_FILE,
    OPT_COUNTS_FROM,
    OPT_COUNTS_WAIT,
    OPT_TOP
};

static void program_option(int c, const char *arg, struct options *opt)
{
    switch (c) {
    case 'o': opt->output_path = strcmp(arg, "-") == 0 ? NULL : arg; break;
    case OPT_LEVEL: opt->level = (int)cli_parse_count(arg, "--level", 1, 9); break;
    case OPT_PRETTY: opt->pretty = true; break;
    case OPT_ARRAY: opt->array = true; break;
    case OPT_FIELDS: opt->fields = arg; break;
    case OPT_FORMAT:
        if (strcmp(arg, "csv") != 0 && strcmp(arg, "json") != 0)
            die_usage("invalid --format '%s' (json or csv)", arg);
        opt->csv = strcmp(arg, "csv") == 0;
        break;
    case OPT_NO_HEADER: opt->no_header = true; break;
    case OPT_NEST: opt->nest = true; break;
    case OPT_FIGURES: opt->figures = true; break;
    case OPT_SUMMARY: opt->summary = true; break;
    case OPT_SUMMARY_FILE: opt->summary_file = arg; break;
    case OPT_COUNTS_FROM: opt->counts_from[opt->n_counts_from++] = arg; break;
    case OPT_COUNTS_WAIT: opt->counts_wait = cli_parse_real(arg, "--counts-wait", 0, 86400); break;
    case OPT_TOP: opt->top = (unsigned)cli_parse_count(arg, "--top", 1, 1000000); break;
    default: break;
    }
}

/* Options that cannot go together: one line saying which. */
static void check_combinations(const struct options *opt)
{
    if (opt->csv && !opt->fields && !opt->figures)
        die_usage("--format csv needs --fields (or --figures)");
    if (opt->csv && (opt->pretty || opt->array || opt->nest || opt->summary))
        die_usage("--format csv cannot be combined with --pretty, --array, --nest or --summary");
    if (opt->no_header && !opt->csv)
        die_usage("--no-header applies to --format csv only");
    if (opt->summary && (opt->nest || opt->fields || opt->array))
        die_usage("--summary cannot be combined with --nest, --fields or --array");
    if (opt->nest && opt->fields)
        die_usage("--nest cannot be combined with --fields");
    if (opt->figures && (opt->nest || opt->summary))
        die_usage("--figures cannot be combined with --nest or --summary");
    if (opt->n_counts_from && !opt->summary && !opt->summary_file)
        die_usage("--counts-from needs --summary or --summary-file");
}

static void parse_options(int argc, char **argv, struct options *opt)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"level", required_argument, NULL, OPT_LEVEL},
        {"pretty", no_argument, NULL, OPT_PRETTY},
        {"array", no_argument, NULL, OPT_ARRAY},
        {"fields", required_argument, NULL, OPT_FIELDS},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"no-header", no_argument, NULL, OPT_NO_HEADER},
        {"nest", no_argument, NULL, OPT_NEST},
        {"figures", no_argument, NULL, OPT_FIGURES},
        {"summary", no_argument, NULL, OPT_SUMMARY},
        {"summary-file", required_argument, NULL, OPT_SUMMARY_FILE},
        {"counts-from", required_argument, NULL, OPT_COUNTS_FROM},
        {"counts-wait", required_argument, NULL, OPT_COUNTS_WAIT},
        {"top", required_argument, NULL, OPT_TOP},
        CLI_COMMON_OPTIONS,
        {NULL, 0, NULL, 0}};
    opt->counts_from = xcalloc((size_t)argc + 1, sizeof *opt->counts_from);
    int c;
    while ((c = getopt_long(argc, argv, "o:" CLI_COMMON_SHORT, longopts, NULL)) != -1) {
        if (!cli_common_option(c, optarg, &opt->common, &program))
            program_option(c, optarg, opt);
    }
    check_combinations(opt);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The members every mode relies on: id, doc and kind, all strings. */
static int check_identity(const struct record *r, struct buf *reason)
{
    for (const char *const *key = leading_members; *key; key++) {
        const char *type = record_type(r, *key);
        if (type && strcmp(type, "string") == 0)
            continue;
        buf_reset(reason);
        buf_printf(reason, "member \"%s\" %s", *key, type ? "is not a string" : "is missing");
        return -1;
    }
    return 0;
}

/* Write r through the projection, as a CSV row or a JSON object. */
static void write_projected(struct run *run, const struct record *r)
{
    buf_reset(&run->line);
    if (run->opt->csv) {
        projection_csv_row(run->projection, r, &run->line);
        buf_append_char(&run->line, '\n');
        output_write(run->out, run->line.data, run->line.len);
        run->csv_rows++;
    } else {
        projection_json(run->projection, r, &run->line);
        emitter_value(&run->em, run->line.data, run->line.len);
    }
}

/* --figures: one row, as built, or projected. */
static void write_figure_row(const char *json, size_t len, void *ctx)
{
    struct run *run = ctx;
    if (!run->projection) {
        emitter_value(&run->em, json, len);
        return;
    }
    if (record_parse_view(run->row, json, len, &run->row_reason) != 0)
        die(EXIT_BAD_INPUT, "internal error: a figure row is not valid JSON: %s",
            run->row_reason.data);
    write_projected(run, run->row);
}

static int check_record(const struct run *run, const struct record *r, struct buf *reason)
{
    if (check_identity(r, reason) != 0 ||
        (run->nest && nest_check(r, reason) != 0) ||
        (run->summary && summary_check(r, reason) != 0) ||
        (run->figtable && figtable_check(r, reason) != 0))
        return -1;
    return 0;
}

static enum filter_verdict emit_record(struct record *r, const struct filter_context *fc,
                                       void *ctx)
{
    struct run *run = ctx;
    if (check_record(run, r, fc->reason) != 0)
        return FILTER_REJECT;
    if (run->summary)
        summary_add(run->summary, r);
    if (run->opt->summary)
        return FILTER_WRITTEN; /* represented in the report */
    if (run->figtable) {
        figtable_add(run->figtable, r, write_figure_row, run);
        return FILTER_WRITTEN; /* represented by its rows, if any */
    }
    if (run->projection) {
        write_projected(run, r);
    } else {
        buf_reset(&run->line);
        record_serialize_ordered(r, leading_members, &run->line);
        if (run->nest)
            nest_add(run->nest, r, run->line.data, run->line.len);
        else
            emitter_value(&run->em, run->line.data, run->line.len);
    }
    return FILTER_WRITTEN;
}

static void write_csv_header(struct run *run)
{
    if (!run->opt->csv || run->opt->no_header)
        return;
    buf_reset(&run->line);
    projection_csv_header(run->projection, &run->line);
    buf_append_char(&run->line, '\n');
    output_write(run->out, run->line.data, run->line.len);
}

static void report_figures(const struct figtable *t, bool quiet)
{
    struct figtable_report rep;
    figtable_report(t, &rep);
    if (!quiet && rep.unknown_post_records)
        warnf("%llu figure row(s) of %llu record(s) whose post never arrived: date and "
              "title are null (first post: %s)",
              rep.unknown_post_rows, rep.unknown_post_records, rep.first_unknown_post);
}

static void report_nest(const struct nest_report *rep, bool quiet)
{
    if (quiet)
        return;
    if (rep->orphan_groups)
        warnf("%llu record(s) of %llu post(s) that never arrived: written as orphan "
              "groups (\"missing\": true; first: %s)",
              rep->orphan_records, rep->orphan_groups, rep->first_orphan);
    if (rep->missing_parents)
        warnf("%llu comment(s) whose parent comment never arrived: placed at their "
              "post's top level (first: %s)",
              rep->missing_parents, rep->first_missing_parent);
    if (rep->duplicate_posts)
        warnf("%llu post record(s) with an id seen before: written on their own",
              rep->duplicate_posts);
}

/* The accounting of every program named by --counts-from, then ours. */
static struct ledger *gather_accounting(const struct options *opt,
                                        const struct filter_totals *totals)
{
    struct ledger *ledger = ledger_new();
    for (size_t i = 0; i < opt->n_counts_from; i++) {
        if (ledger_read(ledger, opt->counts_from[i], opt->counts_wait) != 0) {
            ledger_free(ledger);
            return NULL;
        }
    }
    ledger_add(ledger, program.name, &totals->counts, totals->dropped);
    return ledger;
}

static void write_summary_file(const char *path, const struct buf *report)
{
    struct output *o = output_file_atomic(path, ends_with(path, ".gz") ? 6 : 0);
    if (!o)
        exit(EXIT_BAD_INPUT);
    struct emitter em;
    emitter_init(&em, o, true, false);
    emitter_value(&em, report->data, report->len);
    emitter_free(&em);
    output_close(o);
}

/* The report, with the accounting; false when the counts files could not
 * be read. */
static bool build_report(struct run *run, const struct filter_totals *totals,
                         struct buf *report)
{
    struct ledger *ledger = gather_accounting(run->opt, totals);
    if (!ledger)
        return false;
    summary_write(run->summary, ledger, report);
    ledger_free(ledger);
    return true;
}

/* What is written once the input has ended: the nested posts, the report,
 * the end of the array. Returns the exit status. */
static int finish_output(struct run *run, const struct filter_totals *totals,
                         int status, struct nest_report *rep, struct buf *report)
{
    if (run->nest) {
        nest_write(run->nest, &run->em, rep);
        report_nest(rep, run->opt->common.quiet);
    }
    if (run->figtable)
        report_figures(run->figtable, run->opt->common.quiet);
    if (run->summary && status == EXIT_OK && !build_report(run, totals, report))
        status = EXIT_BAD_INPUT;
    if (run->opt->summary && report->len)
        emitter_value(&run->em, report->data, report->len);
    emitter_finish(&run->em);
    return status;
}

static void write_counts(const struct options *opt, const struct filter_totals *totals,
                         const struct run *run, const struct nest_report *rep)
{
    char extra[320];
    int n = snprintf(extra, sizeof extra, "\"objects\":%llu",
                     run->opt->csv ? run->csv_rows : run->em.values);
    if (opt->nest && n > 0 && (size_t)n < sizeof extra)
        snprintf(extra + n, sizeof extra - (size_t)n,
                 ",\"orphan_groups\":%llu,\"orphan_records\":%llu,"
                 "\"missing_parents\":%llu,\"duplicate_posts\":%llu",
                 rep->orphan_groups, rep->orphan_records, rep->missing_parents,
                 rep->duplicate_posts);
    if (run->figtable && n > 0 && (size_t)n < sizeof extra) {
        struct figtable_report fr;
        figtable_report(run->figtable, &fr);
        snprintf(extra + n, sizeof extra - (size_t)n,
                 ",\"figure_rows\":%llu,\"records_with_figures\":%llu,"
                 "\"duplicates_skipped\":%llu,\"posts_remembered\":%llu,"
                 "\"rows_without_post\":%llu",
                 fr.rows, fr.records_with_figures, fr.duplicates_skipped,
                 fr.posts_remembered, fr.unknown_post_rows);
    }
    accounting_write(opt->common.counts_path, program.name, &totals->counts, extra);
}

static struct output *open_output(const struct options *opt)
{
    if (!opt->output_path)
        return output_stdout();
    int level = ends_with(opt->output_path, ".gz") ? opt->level : 0;
    struct output *o = output_file_atomic(opt->output_path, level);
    if (!o)
        exit(EXIT_BAD_INPUT);
    return o;
}

static void setup(struct run *run, const struct options *opt)
{
    run->opt = opt;
    const char *fields = opt->fields;
    if (!fields && opt->figures && opt->csv)
        fields = FIGTABLE_COLUMNS;
    if (fields) {
        struct buf error = BUF_INIT;
        run->projection = projection_parse(fields, &error);
        if (!run->projection)
            die_usage("invalid --fields: %s", error.data);
    }
    if (opt->figures) {
        run->figtable = figtable_new();
        run->row = record_new();
    }
    run->out = open_output(opt);
    emitter_init(&run->em, run->out, opt->pretty, opt->array);
    if (opt->nest)
        run->nest = nest_new();
    if (opt->summary || opt->summary_file)
        run->summary = summary_new(opt->top);
}

static void teardown(struct run *run, const struct options *opt)
{
    emitter_free(&run->em);
    projection_free(run->projection);
    nest_free(run->nest);
    summary_free(run->summary);
    figtable_free(run->figtable);
    record_free(run->row);
    buf_free(&run->row_reason);
    buf_free(&run->line);
    free(opt->counts_from);
}

int main(int argc, char **argv)
{
    diag_init(program.name);
    struct options opt = {0};
    opt.level = 1;
    opt.counts_wait = 10;
    opt.top = 10;
    parse_options(argc, argv, &opt);

    struct run run = {0};
    setup(&run, &opt);
    write_csv_header(&run);
    struct filter_totals totals = {{0, 0, 0, 0}, 0};
    int status = filter_run_to(&opt.common, cli_operands(argc, argv, optind), emit_record,
                               &run, &totals, run.out);
    struct nest_report rep = {0};
    struct buf report = BUF_INIT;
    /* On stdout, every good record before a bad one is written; a file
     * appears only when the whole run succeeded. */
    if (status == EXIT_OK || !opt.output_path)
        status = finish_output(&run, &totals, status, &rep, &report);
    write_counts(&opt, &totals, &run, &rep);
    if (status == EXIT_OK || !opt.output_path)
        output_close(run.out);
    else
        output_abort(run.out);
    if (status == EXIT_OK && opt.summary_file)
        write_summary_file(opt.summary_file, &report);
    buf_free(&report);
    nest_report_free(&rep);
    teardown(&run, &opt);
    return status;
}
