/* winnow-dedupe — drop (or mark) exact and near duplicate records.
 *
 * One process: every record in order, by the rule of lib/dedupe.h. Sharded:
 * --signatures per shard, --cluster over the sorted signatures of all
 * shards, --drop-listed per shard (see winnow-dedupe(1)). Holds the kept
 * records' ids and signatures; the cost per record is in the man page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "cluster.h"
#include "dedupe.h"
#include "diag.h"
#include "filter.h"
#include "minhash.h"
#include "output.h"
#include "record.h"
#include "sigfile.h"

/* Chosen on the labelled benchmark (bench/dedupe/, winnow-dedupe(1)). */
#define DEFAULT_THRESHOLD 0.75
#define DEFAULT_THRESHOLD_TEXT "0.75"

static const struct cli_program program = {
    "winnow-dedupe",
    "Usage: winnow-dedupe [OPTION]... [FILE]...\n"
    "Drop exact and near duplicate records, keeping the first occurrence.\n"
    "FILEs are record NDJSON; '-' or none is stdin.\n"
    "\n"
    "  -m, --mode MODE        exact, near or both (default)\n"
    "  -f, --field NAME       the text compared (default text)\n"
    "  -k, --key-field NAME   compare this field for exact duplicates (a key\n"
    "                         written by winnow-normalize --key)\n"
    "  -t, --threshold J      near duplicate from this Jaccard similarity of word\n"
    "                         shingles (default " DEFAULT_THRESHOLD_TEXT ")\n"
    "      --shingle N        words per shingle (default 5)\n"
    "      --perms N          MinHash permutations (default 128)\n"
    "      --bands N          LSH bands (default: chosen from the threshold)\n"
    "      --fold-digits      compare with every digit as 0 (figures ignored)\n"
    "      --min-words N      texts of fewer words are compared exactly only\n"
    "      --mark             keep every record; add dup_of and dup to duplicates\n"
    "      --removed FILE     write each dropped record, with dup_of, to FILE\n"
    "      --stats FILE       write the summary (in, kept, exact, near) as JSON\n"
    "\n"
    "Sharded (the same decisions, in three steps; see winnow-dedupe(1)):\n"
    "      --signatures       write this shard's signature lines, not records\n"
    "      --shard N          the shard's number in the global order (default 0)\n"
    "      --cluster          read sorted signature lines, write the drop list\n"
    "      --drop-listed LIST drop (or --mark) the records LIST names\n"
    "\n"
    "      --rejects FILE     write bad input lines to FILE and go on\n"
    "      --counts FILE      write the accounting (in, out, exact, near) as JSON\n"
    "  -q, --quiet            no summary line, no progress meter\n"
    "  -h, --help             show this help and exit\n"
    "      --version          show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad input or a failed write, 2 usage error.\n"
    "See winnow-dedupe(1).\n"};

enum step { STEP_SINGLE, STEP_SIGNATURES, STEP_CLUSTER, STEP_DROP_LISTED };

struct options {
    struct cli_common common;
    struct dedupe_params params;
    const char *field, *key_field;
    bool mark;
    const char *removed_path, *stats_path, *drop_list;
    enum step step;
    unsigned shard;
    bool shard_given;
};

struct run {
    const struct options *opt;
    struct dedupe_signer *signer;
    struct dedupe *engine;
    struct droplist *drops;
    struct output *removed;
    uint64_t index;          /* records taken so far (the order in the shard) */
    unsigned long long exact, near;
    struct buf scratch, id_text;
};

static unsigned parse_mode(const char *arg)
{
    if (strcmp(arg, "exact") == 0)
        return DEDUPE_EXACT;
    if (strcmp(arg, "near") == 0)
        return DEDUPE_NEAR;
    if (strcmp(arg, "both") == 0)
        return DEDUPE_BOTH;
    die_usage("invalid --mode '%s' (exact, near or both)", arg);
}

static void set_step(struct options *opt, enum step step)
{
    if (opt->step != STEP_SINGLE && opt->step != step)
        die_usage("--signatures, --cluster and --drop-listed are separate steps");
    opt->step = step;
}

enum {
    OPT_SHINGLE = CLI_OPT_FIRST_PROGRAM_OPTION, OPT_PERMS, OPT_BANDS, OPT_FOLD, OPT_MIN_WORDS, OPT_MARK,
    OPT_REMOVED, OPT_STATS, OPT_SIGNATURES, OPT_SHARD, OPT_CLUSTER, OPT_DROP_LISTED
};

static void program_option(int c, const char *arg, struct options *opt)
{
    switch (c) {
    case 'm': opt->params.mode = parse_mode(arg); break;
    case 'f': opt->field = arg; break;
    case 'k': opt->key_field = arg; break;
    case 't': opt->params.threshold = cli_parse_real(arg, "--threshold", 0.01, 1); break;
    case OPT_SHINGLE: opt->params.shingle.size = (unsigned)cli_parse_count(arg, "--shingle", 1, 64); break;
    case OPT_PERMS: opt->params.perms = (unsigned)cli_parse_count(arg, "--perms", 1, MINHASH_MAX_PERMS); break;
    case OPT_BANDS: opt->params.bands = (unsigned)cli_parse_count(arg, "--bands", 1, MINHASH_MAX_PERMS); break;
    case OPT_FOLD: opt->params.shingle.fold_digits = true; break;
    case OPT_MIN_WORDS: opt->params.min_words = (unsigned)cli_parse_count(arg, "--min-words", 0, 1000000); break;
    case OPT_MARK: opt->mark = true; break;
    case OPT_REMOVED: opt->removed_path = arg; break;
    case OPT_STATS: opt->stats_path = arg; break;
    case OPT_SIGNATURES: set_step(opt, STEP_SIGNATURES); break;
    case OPT_CLUSTER: set_step(opt, STEP_CLUSTER); break;
    case OPT_DROP_LISTED: set_step(opt, STEP_DROP_LISTED); opt->drop_list = arg; break;
    case OPT_SHARD:
        opt->shard = (unsigned)cli_parse_count(arg, "--shard", 0, SIGFILE_MAX_SHARD);
        opt->shard_given = true;
        break;
    default: break;
    }
}

static void check_options(struct options *opt)
{
    struct dedupe_params *p = &opt->params;
    if (p->bands > p->perms)
        die_usage("--bands %u is more than --perms %u", p->bands, p->perms);
    if (opt->shard_given && opt->step != STEP_SIGNATURES && opt->step != STEP_DROP_LISTED)
        die_usage("--shard goes with --signatures or --drop-listed");
    bool writes_records = opt->step == STEP_SINGLE || opt->step == STEP_DROP_LISTED;
    if ((opt->mark || opt->removed_path) && !writes_records)
        die_usage("--mark and --removed go with the single process or --drop-listed");
    if (opt->mark && opt->removed_path)
        die_usage("--mark keeps every record: nothing would go to --removed");
    if (opt->key_field && !(p->mode & DEDUPE_EXACT))
        die_usage("--key-field is for exact duplicates, but --mode is near");
    dedupe_params_finish(p);
}

static void parse_options(int argc, char **argv, struct options *opt)
{
    static const struct option longopts[] = {
        {"mode", required_argument, NULL, 'm'},
        {"field", required_argument, NULL, 'f'},
        {"key-field", required_argument, NULL, 'k'},
        {"threshold", required_argument, NULL, 't'},
        {"shingle", required_argument, NULL, OPT_SHINGLE},
        {"perms", required_argument, NULL, OPT_PERMS},
        {"bands", required_argument, NULL, OPT_BANDS},
        {"fold-digits", no_argument, NULL, OPT_FOLD},
        {"min-words", required_argument, NULL, OPT_MIN_WORDS},
        {"mark", no_argument, NULL, OPT_MARK},
        {"removed", required_argument, NULL, OPT_REMOVED},
        {"stats", required_argument, NULL, OPT_STATS},
        {"signatures", no_argument, NULL, OPT_SIGNATURES},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"cluster", no_argument, NULL, OPT_CLUSTER},
        {"drop-listed", required_argument, NULL, OPT_DROP_LISTED},
        CLI_COMMON_OPTIONS,
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "m:f:k:t:" CLI_COMMON_SHORT, longopts, NULL)) != -1)
        if (!cli_common_option(c, optarg, &opt->common, &program))
            program_option(c, optarg, opt);
    check_options(opt);
}

/* --- records ------------------------------------------------------------- */

static bool get_text(struct record *r, const char *key, const char **s, size_t *len,
                     struct buf *reason)
{
    if (record_get_string(r, key, s, len))
        return true;
    const char *type = record_type(r, key);
    if (type)
        buf_printf(reason, "field \"%s\" is %s, want a string", key, type);
    else
        buf_printf(reason, "missing field \"%s\"", key);
    return false;
}

/* Check the record's id and compared fields and fill item with what the
 * mode compares (the near signature only when near_too); the record then
 * takes the next place in the shard's order. False: a bad record (the
 * reason is set), which takes no place, in every step alike. */
static bool take_record(struct run *run, struct record *r, const struct filter_context *fc,
                        const char **id, size_t *id_len, struct dedupe_item *item, bool near_too)
{
    const struct options *opt = run->opt;
    const char *text;
    size_t len;
    memset(item, 0, sizeof *item);
    if (!get_text(r, "id", id, id_len, fc->reason))
        return false;
    if (opt->params.mode & DEDUPE_EXACT) {
        const char *field = opt->key_field ? opt->key_field : opt->field;
        if (!get_text(r, field, &text, &len, fc->reason))
            return false;
        dedupe_sign_exact(run->signer, text, len, item);
    }
    if (opt->params.mode & DEDUPE_NEAR) {
        if (!get_text(r, opt->field, &text, &len, fc->reason))
            return false;
        if (near_too)
            dedupe_sign_near(run->signer, text, len, item);
    }
    if (run->index >= SIGFILE_SHARD_SPAN)
        die(EXIT_BAD_INPUT, "%s: more than %llu records in one shard", fc->file,
            (unsigned long long)SIGFILE_SHARD_SPAN);
    run->index++;
    return true;
}

/* A duplicate: annotate it, then keep it (--mark) or drop it. */
static enum filter_verdict duplicate(struct run *run, struct record *r, const char *of,
                                     size_t of_len, bool exact, const char *similarity)
{
    if (exact)
        run->exact++;
    else
        run->near++;
    if (!run->opt->mark && !run->removed)
        return FILTER_DROP;
    record_set_string(r, "dup_of", of, of_len);
    buf_reset(&run->scratch);
    buf_printf(&run->scratch, "{\"type\":\"%s\",\"similarity\":%s}", exact ? "exact" : "near",
               similarity);
    if (record_set_json(r, "dup", run->scratch.data, run->scratch.len, &run->id_text) != 0)
        die(EXIT_BAD_INPUT, "internal error: %s", run->id_text.data);
    if (run->opt->mark)
        return FILTER_KEEP;
    record_write(r, run->removed);
    return FILTER_DROP;
}

static enum filter_verdict dedupe_one(struct record *r, const struct filter_context *fc, void *ctx)
{
    struct run *run = ctx;
    const char *id, *text;
    size_t id_len, len;
    struct dedupe_item item;
    struct dedupe_verdict v;
    if (!take_record(run, r, fc, &id, &id_len, &item, false))
        return FILTER_REJECT;
    bool found = dedupe_find_exact(run->engine, &item, &v);
    if (!found && (run->opt->params.mode & DEDUPE_NEAR)) {
        record_get_string(r, run->opt->field, &text, &len);
        dedupe_sign_near(run->signer, text, len, &item);
        found = dedupe_find_near(run->engine, &item, &v);
    }
    if (!found) {
        dedupe_keep(run->engine, id, id_len, &item);
        return FILTER_KEEP;
    }
    char similarity[16];
    dedupe_similarity_text(&v, run->opt->params.perms, similarity);
    size_t of_len;
    const char *of = dedupe_kept_id(run->engine, v.of, &of_len);
    /* of lives in the engine until the next keep: set before then. */
    return duplicate(run, r, of, of_len, v.type == DEDUPE_EXACT_DUP, similarity);
}

static enum filter_verdict sign_one(struct record *r, const struct filter_context *fc, void *ctx)
{
    struct run *run = ctx;
    const char *id;
    size_t id_len;
    struct dedupe_item item;
    if (!take_record(run, r, fc, &id, &id_len, &item, true))
        return FILTER_REJECT;
    buf_reset(&run->scratch);
    sigfile_write_record(sigfile_order(run->opt->shard, run->index - 1), id, id_len,
                         &run->opt->params, &item, &run->scratch);
    output_write(fc->out, run->scratch.data, run->scratch.len);
    return FILTER_WRITTEN;
}

static enum filter_verdict drop_listed_one(struct record *r, const struct filter_context *fc,
                                           void *ctx)
{
    struct run *run = ctx;
    const char *id;
    size_t id_len;
    struct sigfile_drop d;
    struct dedupe_item item;
    if (!take_record(run, r, fc, &id, &id_len, &item, false))
        return FILTER_REJECT; /* the same records as --signatures rejected */
    int listed = droplist_lookup(run->drops, sigfile_order(run->opt->shard, run->index - 1), &d);
    if (listed <= 0)
        return listed == 0 ? FILTER_KEEP : FILTER_STOP;
    buf_reset(&run->id_text);
    sigfile_escape(id, id_len, &run->id_text);
    if (run->id_text.len != d.id_len || memcmp(run->id_text.data, d.id, d.id_len) != 0) {
        warn_at(fc->file, fc->line, "record '%s' is listed as '%.*s' (was the shard changed "
                "since --signatures?)", run->id_text.data, (int)d.id_len, d.id);
        return FILTER_STOP;
    }
    buf_reset(&run->id_text);
    char similarity[8];
    snprintf(similarity, sizeof similarity, "%.*s", (int)d.similarity_len, d.similarity);
    if (!sigfile_unescape(d.dup_of, d.dup_of_len, &run->id_text)) {
        warn_at(run->opt->drop_list, 0, "bad escape in dup_of '%.*s'", (int)d.dup_of_len, d.dup_of);
        return FILTER_STOP;
    }
    return duplicate(run, r, run->id_text.data, run->id_text.len, d.exact, similarity);
}

/* --- main --------------------------------------------------------------------- */

static void report(const struct options *opt, const struct cluster_totals *t,
                   unsigned long long rejected, const struct accounting *counts)
{
    if (!opt->common.quiet && opt->step != STEP_SIGNATURES) {
        struct buf line = BUF_INIT;
        buf_printf(&line, "%llu records in, %llu kept, %llu exact duplicates, %llu near duplicates",
                   t->in, t->kept, t->exact, t->near);
        if (rejected)
            buf_printf(&line, ", %llu rejected", rejected);
        warnf("%s", line.data);
        buf_free(&line);
    }
    if (opt->stats_path) {
        struct output *o = output_file_atomic(opt->stats_path, 0);
        if (!o)
            exit(EXIT_BAD_INPUT);
        struct buf json = BUF_INIT;
        buf_printf(&json, "{\"in\":%llu,\"kept\":%llu,\"exact\":%llu,\"near\":%llu,"
                   "\"rejected\":%llu}\n", t->in, t->kept, t->exact, t->near, rejected);
        output_write(o, json.data, json.len);
        output_close(o);
        buf_free(&json);
    }
    /* "dropped" lets the accounting balance: in = out + rejected + dropped. */
    unsigned long long dropped = 0;
    if (opt->step == STEP_SINGLE || opt->step == STEP_DROP_LISTED)
        dropped = counts->in - counts->out - counts->rejected;
    char extra[128];
    snprintf(extra, sizeof extra, "\"exact\":%llu,\"near\":%llu,\"dropped\":%llu",
             t->exact, t->near, dropped);
    accounting_write(opt->common.counts_path, program.name, counts, extra);
}

static int run_records(const struct options *opt, const char *const *paths,
                       struct cluster_totals *t, struct filter_totals *ft)
{
    struct run run = {0};
    run.opt = opt;
    run.signer = dedupe_signer_new(&opt->params);
    filter_fn fn = opt->step == STEP_SIGNATURES ? sign_one
                   : opt->step == STEP_DROP_LISTED ? drop_listed_one : dedupe_one;
    if (opt->step == STEP_SINGLE)
        run.engine = dedupe_new(&opt->params);
    if (opt->step == STEP_DROP_LISTED && !(run.drops = droplist_open(opt->drop_list, opt->shard)))
        exit(EXIT_BAD_INPUT);
    if (opt->removed_path && !(run.removed = output_file(opt->removed_path)))
        exit(EXIT_BAD_INPUT);
    struct output *out = output_stdout();
    if (opt->step == STEP_SIGNATURES) {
        sigfile_write_params(&opt->params, opt->field, opt->key_field, &run.scratch);
        output_write(out, run.scratch.data, run.scratch.len);
    }
    int status = filter_run_to(&opt->common, paths, fn, &run, ft, out);
    /* Listed records never met are an error only after a complete run. */
    if (run.drops && droplist_close(run.drops, status == EXIT_OK) != 0)
        status = EXIT_BAD_INPUT;
    output_close(out);
    if (run.removed)
        output_close(run.removed);
    t->in = ft->counts.in;
    t->exact = run.exact;
    t->near = run.near;
    t->kept = ft->counts.in - ft->counts.rejected - run.exact - run.near;
    dedupe_free(run.engine);
    dedupe_signer_free(run.signer);
    buf_free(&run.scratch);
    buf_free(&run.id_text);
    return status;
}

int main(int argc, char **argv)
{
    diag_init(program.name);
    struct options opt = {0};
    opt.field = "text";
    opt.params.mode = DEDUPE_BOTH;
    opt.params.shingle.size = 5;
    opt.params.perms = 128;
    opt.params.threshold = DEFAULT_THRESHOLD;
    parse_options(argc, argv, &opt);
    const char *const *paths = cli_operands(argc, argv, optind);

    struct cluster_totals totals = {0, 0, 0, 0};
    if (opt.step == STEP_CLUSTER) {
        int status = cluster_run(paths, opt.common.quiet, &totals);
        /* Records in; out: those kept (not on the drop list). */
        struct accounting counts = {totals.in, totals.kept, 0, 0};
        report(&opt, &totals, 0, &counts);
        return status;
    }
    struct filter_totals ft;
    memset(&ft, 0, sizeof ft);
    int status = run_records(&opt, paths, &totals, &ft);
    report(&opt, &totals, ft.counts.rejected, &ft.counts);
    return status;
}
