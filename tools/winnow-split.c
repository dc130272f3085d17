/* winnow-split — split documents into post, quote and comment records.
 *
 * Reads text files, NDJSON documents, WARC/WET files and tar archives (any
 * of them gzipped) and writes one NDJSON record per post, quoted article
 * and comment (see winnow-split(1)). Holds one document at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "input.h"
#include "output.h"
#include "progress.h"
#include "record.h"
#include "rejects.h"
#include "segment.h"
#include "sources.h"
#include "strset.h"
#include "utf8.h"

static const struct cli_program program = {
    "winnow-split",
    "Usage: winnow-split [OPTION]... [FILE]...\n"
    "Split documents into records: one NDJSON line per post, quoted article\n"
    "and comment. FILEs are text files, NDJSON documents ({\"id\",\"text\",...}),\n"
    "WARC/WET files or tar archives, any of them gzipped; '-' or none is stdin.\n"
    "\n"
    "  -f, --format FORMAT  auto (default), text, ndjson, warc or tar\n"
    "  -b, --by MODE        blog (default): posts, quotes and comments;\n"
    "                       paragraph: one record per paragraph;\n"
    "                       document: one record per document\n"
    "      --rejects FILE   write bad input lines to FILE and go on\n"
    "      --counts FILE    write the accounting (documents, records) as JSON\n"
    "  -q, --quiet          no progress meter, no summary warnings\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad input or a failed write, 2 usage error.\n"
    "See winnow-split(1).\n"};

struct options {
    struct cli_common common;
    enum source_format format;
    enum split_mode mode;
};

struct run {
    const struct options *options;
    struct output *out;
    struct record *record;
    struct buf text;       /* the current document, repaired */
    struct buf reason;
    const struct document *document; /* the one being split, or NULL */
    struct input *in;                 /* the input being read, or NULL */
    struct strset *doc_ids;   /* every document id given out so far */
    struct buf doc_id;        /* the current document's unique id */
    unsigned long long renamed;
    struct progress progress;
    struct accounting totals;
    unsigned long long repaired;     /* invalid UTF-8 sequences replaced */
    unsigned long long repaired_docs;
    unsigned long long bytes;
};

static enum split_mode parse_mode(const char *name)
{
    if (strcmp(name, "blog") == 0)
        return SPLIT_BLOG;
    if (strcmp(name, "paragraph") == 0)
        return SPLIT_PARAGRAPH;
    if (strcmp(name, "document") == 0)
        return SPLIT_DOCUMENT;
    die_usage("invalid --by '%s' (blog, paragraph or document)", name);
}

static void parse_options(int argc, char **argv, struct options *opt)
{
    enum { OPT_FORMAT = 'f', OPT_BY = 'b' };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"by", required_argument, NULL, OPT_BY},
        CLI_COMMON_OPTIONS,
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "f:b:" CLI_COMMON_SHORT, longopts, NULL)) != -1) {
        if (cli_common_option(c, optarg, &opt->common, &program))
            continue;
        if (c == OPT_FORMAT) {
            int format = source_format_parse(optarg);
            if (format < 0)
                die_usage("invalid --format '%s' (auto, text, ndjson, warc or tar)", optarg);
            opt->format = (enum source_format)format;
        } else if (c == OPT_BY) {
            opt->mode = parse_mode(optarg);
        }
    }
}

static void set_optional(struct record *r, const char *key, const char *value)
{
    if (value)
        record_set_string(r, key, value, strlen(value));
}

/* Member order: identity first, then structure, then the text itself. */
static int write_segment(const struct segment *seg, void *ctx)
{
    struct run *run = ctx;
    struct record *r = run->record;
    record_clear(r);
    set_optional(r, "id", seg->id);
    set_optional(r, "doc", run->doc_id.data);
    set_optional(r, "kind", segment_kind_name(seg->kind));
    set_optional(r, "date", seg->date);
    set_optional(r, "title", seg->title);
    set_optional(r, "post", seg->post);
    set_optional(r, "parent", seg->parent);
    set_optional(r, "n", seg->n);
    if (seg->kind == SEGMENT_COMMENT)
        record_set_int(r, "depth", seg->depth);
    set_optional(r, "source", seg->source);
    set_optional(r, "headline", seg->headline);
    set_optional(r, "intro", seg->intro);
    record_set_pair(r, "span", (long long)seg->span_start, (long long)seg->span_end);
    record_set_string(r, "text", seg->text, seg->text_len);
    const char *meta = run->document->meta;
    if (meta && record_set_json(r, "meta", meta, strlen(meta), &run->reason) != 0)
        die(EXIT_BAD_INPUT, "%s", run->reason.data);
    record_write(r, run->out);
    run->totals.out++;
    progress_update(&run->progress, run->totals.out, run->bytes);
    return 0;
}

/* Record ids must be unique, so a document id seen before (two WARC records
 * with one WARC-Record-ID, two tar members a/x.txt and b/x.txt) gets the
 * first free suffix ~2, ~3, ... */
static void choose_doc_id(struct run *run, const struct document *doc)
{
    buf_reset(&run->doc_id);
    buf_append_str(&run->doc_id, doc->id);
    for (unsigned long k = 2; !strset_add(run->doc_ids, run->doc_id.data); k++) {
        buf_reset(&run->doc_id);
        buf_printf(&run->doc_id, "%s~%lu", doc->id, k);
    }
    if (strcmp(run->doc_id.data, doc->id) != 0) {
        run->renamed++;
        if (!run->options->common.quiet)
            warn_at(doc->origin, doc->line, "duplicate document id '%s' renamed '%s'",
                    doc->id, run->doc_id.data);
    }
}

static int split_document(const struct document *doc, void *ctx)
{
    struct run *run = ctx;
    run->document = doc;
    choose_doc_id(run, doc);
    run->totals.in++;
    run->bytes += doc->len;
    /* Valid text (nearly all of it) is split where it lies; only text to
     * repair is copied, so that a huge document is not held twice. */
    const char *text = doc->len ? doc->text : "";
    size_t len = doc->len;
    buf_trim(&run->text);
    if (!utf8_is_valid(text, len)) {
        size_t repaired = utf8_repair(text, len, &run->text);
        run->repaired += repaired;
        run->repaired_docs += repaired > 0;
        text = run->text.data ? run->text.data : "";
        len = run->text.len;
    }
    int rc = split_text(run->options->mode, run->doc_id.data, text, len, write_segment, run);
    run->document = NULL; /* it is gone after this call */
    return rc;
}

/* The fatal hook (diag.h): memory running out in a document still writes
 * the records finished before it and names the document. */
static void stop_mid_document(void *ctx)
{
    struct run *run = ctx;
    output_flush_finished_lines(run->out);
    const struct document *doc = run->document;
    if (doc)
        warn_at(doc->origin, doc->line, "stopped in document '%s'; the records before it were written",
                doc->id);
    else if (run->in) /* reading a document: of NDJSON, the line last read */
        warn_at(input_name(run->in), input_lineno(run->in),
                "stopped reading a document; the records before it were written");
}

/* Returns false when the input could not be read to its end. */
static bool split_input(struct run *run, const char *path, struct rejects *rj)
{
    struct input *in = input_open(path);
    if (!in)
        return false;
    struct source_counts counts = {0, 0, 0};
    run->in = in;
    int rc = read_documents(in, run->options->format, rj, split_document, run, &counts);
    run->totals.blank += counts.blank;
    run->in = NULL;
    int closed = input_close(in);
    return rc == 0 && closed == 0;
}

static void report(const struct run *run, const struct options *opt,
                   const struct rejects *rj)
{
    struct accounting totals = run->totals;
    totals.rejected = rejects_count(rj);
    if (run->repaired && !opt->common.quiet)
        warnf("repaired %llu invalid UTF-8 sequence(s) in %llu document(s)",
              run->repaired, run->repaired_docs);
    char extra[128];
    snprintf(extra, sizeof extra, "\"utf8_repaired\":%llu,\"ids_renamed\":%llu",
             run->repaired, run->renamed);
    accounting_write(opt->common.counts_path, program.name, &totals, extra);
}

int main(int argc, char **argv)
{
    diag_init(program.name);
    struct options opt = {{false, NULL, NULL}, FORMAT_AUTO, SPLIT_BLOG};
    parse_options(argc, argv, &opt);

    struct run run = {0};
    run.options = &opt;
    run.out = output_stdout();
    run.record = record_new();
    run.doc_ids = strset_new();
    progress_init(&run.progress, opt.common.quiet);
    struct rejects *rj = rejects_open(opt.common.rejects_path);

    bool ok = true;
    diag_set_fatal_hook(stop_mid_document, &run);
    for (const char *const *path = cli_operands(argc, argv, optind); *path; path++) {
        if (!split_input(&run, *path, rj)) {
            ok = false;
            if (!opt.common.rejects_path)
                break; /* stop at the first bad input, after what was good */
        }
    }
    diag_set_fatal_hook(NULL, NULL);
    progress_end(&run.progress);
    output_close(run.out);
    report(&run, &opt, rj);
    rejects_close(rj);
    record_free(run.record);
    buf_free(&run.text);
    buf_free(&run.doc_id);
    strset_free(run.doc_ids);
    buf_free(&run.reason);
    return ok ? EXIT_OK : EXIT_BAD_INPUT;
}
