/* winnow-normalize — normalize the text fields of records.
 *
 * Runs the chain of lib/normalize.h (mojibake, entities, nfc, controls,
 * spaces; punct and lower on request) over the chosen string fields of each
 * record, or writes a dedupe key (--key). Every other member passes through
 * untouched. Holds one record at a time (see winnow-normalize(1)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "diag.h"
#include "filter.h"
#include "normalize.h"
#include "record.h"

static const struct cli_program program = {
    "winnow-normalize",
    "Usage: winnow-normalize [OPTION]... [FILE]...\n"
    "Normalize the text fields of records. FILEs are record NDJSON (gzipped or\n"
    "not); '-' or none is stdin.\n"
    "\n"
    "Steps, in this order (the first five on by default):\n"
    "  mojibake  repair UTF-8 read as Windows-1252/Latin-1 (\303\242\342\202\254\342\204\242 -> \342\200\231,\n"
    "            \303\203\302\251 -> \303\251)\n"
    "  entities  decode HTML character references (&amp; &eacute; &#8217;)\n"
    "  nfc       Unicode NFC (NFKC with --form nfkc; the step is then nfkc)\n"
    "  controls  remove control and format characters (zero-width, soft hyphen,\n"
    "            BOM, bidi marks); newline and tab stay\n"
    "  spaces    every Unicode space becomes a space; runs collapse; lines are\n"
    "            trimmed; 3+ newlines become 2; the text is trimmed\n"
    "  punct     typographic quotes, dashes and ellipsis to ASCII (off)\n"
    "  lower     Unicode case folding (off)\n"
    "\n"
    "  -s, --steps LIST     run exactly these steps (comma-separated)\n"
    "      --STEP           switch a step on (--punct, --lower)\n"
    "      --no-STEP        switch a step off (--no-mojibake)\n"
    "      --form FORM      nfc (default) or nfkc\n"
    "  -f, --field NAME     normalize this field (repeatable; default text, title,\n"
    "                       headline); a field that is not a string is left as it is\n"
    "  -k, --key FIELD      write the dedupe key of the first field (NFKC, case\n"
    "                       folded, punctuation removed, white space folded) into\n"
    "                       FIELD and change nothing else\n"
    "      --report         add \"norm\": what each step changed in the record\n"
    "      --rejects FILE   write bad input lines to FILE and go on\n"
    "      --counts FILE    write the accounting and the step totals as JSON\n"
    "  -q, --quiet          no totals on stderr, no progress meter\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad input or a failed write, 2 usage error.\n"
    "See winnow-normalize(1).\n"};

static const char *const default_fields[] = {"text", "title", "headline"};

struct options {
    struct cli_common common;
    unsigned steps;
    enum norm_form form;
    const char **fields; /* argv strings; owned array */
    size_t field_count;
    const char *key_field;
    bool report;
};

struct run {
    const struct options *opt;
    struct normalizer *normalizer;
    struct norm_counts totals;
    unsigned long long fields_changed;
    unsigned long long not_string;
    unsigned long long keys_written;
    struct buf json; /* the "norm" member of --report, reused */
};

/* ---- options --------------------------------------------------------------- */

enum {
    OPT_STEPS = 's',
    OPT_FIELD = 'f',
    OPT_KEY = 'k',
    OPT_FORM = CLI_OPT_FIRST_PROGRAM_OPTION,
    OPT_REPORT,
    OPT_STEP_ON,                        /* + step: --mojibake, ... */
    OPT_STEP_OFF = OPT_STEP_ON + 16     /* + step: --no-mojibake, ... */
};

static void parse_steps(const char *list, struct options *opt)
{
    unsigned steps = 0;
    const char *p = list;
    for (;;) {
        size_t len = strcspn(p, ",");
        enum norm_form form = NORM_NFC;
        int step = norm_step_parse(p, len, &form);
        if (step < 0)
            die_usage("invalid step '%.*s' in --steps (mojibake, entities, nfc, nfkc, "
                      "controls, spaces, punct, lower)", (int)len, p);
        if (form == NORM_NFKC)
            opt->form = NORM_NFKC;
        steps |= NORM_BIT(step);
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    opt->steps = steps;
}

static void add_field(struct options *opt, const char *name)
{
    if (!*name)
        die_usage("--field needs a name");
    opt->fields = xrealloc(opt->fields, (opt->field_count + 1) * sizeof *opt->fields);
    opt->fields[opt->field_count++] = name;
}

static bool program_option(int c, const char *arg, struct options *opt)
{
    switch (c) {
    case OPT_STEPS:
        parse_steps(arg, opt);
        return true;
    case OPT_FORM:
        if (strcmp(arg, "nfc") != 0 && strcmp(arg, "nfkc") != 0)
            die_usage("invalid --form '%s' (nfc or nfkc)", arg);
        opt->form = strcmp(arg, "nfkc") == 0 ? NORM_NFKC : NORM_NFC;
        return true;
    case OPT_FIELD:
        add_field(opt, arg);
        return true;
    case OPT_KEY:
        if (!*arg)
            die_usage("--key needs a field name");
        opt->key_field = arg;
        return true;
    case OPT_REPORT:
        opt->report = true;
        return true;
    default:
        break;
    }
    if (c >= OPT_STEP_ON && c < OPT_STEP_ON + NORM_STEP_COUNT) {
        opt->steps |= NORM_BIT(c - OPT_STEP_ON);
        return true;
    }
    if (c >= OPT_STEP_OFF && c < OPT_STEP_OFF + NORM_STEP_COUNT) {
        opt->steps &= ~NORM_BIT(c - OPT_STEP_OFF);
        return true;
    }
    return false;
}

#define STEP_OPTIONS(name, step)                                   \
    {name, no_argument, NULL, OPT_STEP_ON + (step)},               \
    {"no-" name, no_argument, NULL, OPT_STEP_OFF + (step)}

static void parse_options(int argc, char **argv, struct options *opt)
{
    static const struct option longopts[] = {
        {"steps", required_argument, NULL, OPT_STEPS},
        {"form", required_argument, NULL, OPT_FORM},
        {"field", required_argument, NULL, OPT_FIELD},
        {"key", required_argument, NULL, OPT_KEY},
        {"report", no_argument, NULL, OPT_REPORT},
        STEP_OPTIONS("mojibake", NORM_MOJIBAKE),
        STEP_OPTIONS("entities", NORM_ENTITIES),
        STEP_OPTIONS("nfc", NORM_UNICODE),
        STEP_OPTIONS("controls", NORM_CONTROLS),
        STEP_OPTIONS("spaces", NORM_SPACES),
        STEP_OPTIONS("punct", NORM_PUNCT),
        STEP_OPTIONS("lower", NORM_LOWER),
        CLI_COMMON_OPTIONS,
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "s:f:k:" CLI_COMMON_SHORT, longopts, NULL)) != -1) {
        if (!cli_common_option(c, optarg, &opt->common, &program))
            program_option(c, optarg, opt);
    }
    if (opt->field_count == 0)
        for (size_t i = 0; i < sizeof default_fields / sizeof *default_fields; i++)
            add_field(opt, default_fields[i]);
    if (opt->key_field && strcmp(opt->key_field, opt->fields[0]) == 0)
        die_usage("--key '%s' would overwrite the field the key is made from", opt->key_field);
    if (opt->key_field && opt->report)
        die_usage("--report has nothing to report with --key");
}

/* ---- records ------------------------------------------------------------------ */

/* The "norm" member: what each step that ran changed in this record. */
static void set_report(struct run *run, struct record *r, const struct norm_counts *counts,
                       const struct filter_context *fc)
{
    struct buf *json = &run->json;
    buf_reset(json);
    buf_append_char(json, '{');
    for (int step = 0; step < NORM_STEP_COUNT; step++) {
        if (!(run->opt->steps & NORM_BIT(step)))
            continue;
        buf_printf(json, "%s\"%s\":%llu", json->len > 1 ? "," : "",
                   norm_step_name((enum norm_step)step, run->opt->form), counts->step[step]);
    }
    buf_append_char(json, '}');
    if (record_set_json(r, "norm", json->data, json->len, fc->reason) != 0)
        die(EXIT_BAD_INPUT, "%s", fc->reason->data); /* cannot happen: we wrote it */
}

static enum filter_verdict write_key(struct run *run, struct record *r)
{
    const char *s, *key;
    size_t len, key_len;
    if (!record_get_string(r, run->opt->fields[0], &s, &len)) {
        if (record_has(r, run->opt->fields[0]))
            run->not_string++;
        return FILTER_KEEP;
    }
    normalizer_key(run->normalizer, s, len, &key, &key_len);
    record_set_string(r, run->opt->key_field, key, key_len);
    run->keys_written++;
    return FILTER_KEEP;
}

/* Normalize one field. Its result stays in the normalizer's buffer when
 * borrow is set (written from there: no copy of a huge text), so no other
 * field may be normalized after it in this record. */
static void normalize_field(struct run *run, struct record *r, const char *field, bool borrow,
                            struct norm_counts *counts)
{
    const char *out;
    size_t out_len;
    struct buf *text = normalizer_input(run->normalizer);
    if (!record_get_string_into(r, field, text)) {
        if (record_has(r, field))
            run->not_string++; /* numbers, null, objects: left as they are */
        return;
    }
    if (normalizer_run(run->normalizer, text->data, text->len, &out, &out_len, counts)) {
        if (borrow)
            record_set_string_view(r, field, out, out_len);
        else
            record_set_string(r, field, out, out_len);
        run->fields_changed++;
    }
}

/* The field with the longest value: normalized last, and borrowed. */
static size_t longest_field(const struct run *run, const struct record *r)
{
    size_t longest = 0, longest_len = 0;
    for (size_t i = 0; i < run->opt->field_count; i++) {
        const char *json;
        size_t len;
        if (record_get_raw(r, run->opt->fields[i], &json, &len) && len > longest_len) {
            longest = i;
            longest_len = len;
        }
    }
    return longest;
}

static enum filter_verdict normalize_record(struct record *r, const struct filter_context *fc,
                                            void *ctx)
{
    struct run *run = ctx;
    if (run->opt->key_field)
        return write_key(run, r);
    struct norm_counts counts;
    memset(&counts, 0, sizeof counts);
    size_t last = longest_field(run, r);
    for (size_t i = 0; i < run->opt->field_count; i++)
        if (i != last)
            normalize_field(run, r, run->opt->fields[i], false, &counts);
    normalize_field(run, r, run->opt->fields[last], true, &counts);
    for (int step = 0; step < NORM_STEP_COUNT; step++)
        run->totals.step[step] += counts.step[step];
    if (run->opt->report)
        set_report(run, r, &counts, fc);
    return FILTER_KEEP;
}

/* ---- totals ---------------------------------------------------------------------- */

/* "mojibake":2,"entities":0,... for the steps that ran. */
static void step_totals_json(const struct run *run, struct buf *out)
{
    bool first = true;
    for (int step = 0; step < NORM_STEP_COUNT; step++) {
        if (!(run->opt->steps & NORM_BIT(step)))
            continue;
        buf_printf(out, "%s\"%s\":%llu", first ? "" : ",",
                   norm_step_name((enum norm_step)step, run->opt->form), run->totals.step[step]);
        first = false;
    }
}

static void report_totals(const struct run *run, const struct filter_totals *ft)
{
    const struct options *opt = run->opt;
    struct buf line = BUF_INIT;
    if (!opt->common.quiet) {
        if (opt->key_field) {
            buf_printf(&line, "%llu records, %llu keys written", ft->counts.in,
                       run->keys_written);
        } else {
            buf_printf(&line, "%llu records, %llu fields changed", ft->counts.in,
                       run->fields_changed);
            const char *sep = ";";
            for (int step = 0; step < NORM_STEP_COUNT; step++) {
                if (!(opt->steps & NORM_BIT(step)))
                    continue;
                buf_printf(&line, "%s %s %llu", sep,
                           norm_step_name((enum norm_step)step, opt->form),
                           run->totals.step[step]);
                sep = ",";
            }
        }
        warnf("%s", line.data);
        if (run->not_string)
            warnf("%llu field(s) were not strings and were left as they are", run->not_string);
    }
    buf_reset(&line);
    buf_printf(&line, "\"fields_changed\":%llu,\"keys_written\":%llu,\"not_string\":%llu,\"norm\":{",
               run->fields_changed, run->keys_written, run->not_string);
    step_totals_json(run, &line);
    buf_append_char(&line, '}');
    accounting_write(opt->common.counts_path, program.name, &ft->counts, line.data);
    buf_free(&line);
}

int main(int argc, char **argv)
{
    diag_init(program.name);
    struct options opt;
    memset(&opt, 0, sizeof opt);
    opt.steps = NORM_DEFAULT_STEPS;
    opt.form = NORM_NFC;
    parse_options(argc, argv, &opt);

    struct run run;
    memset(&run, 0, sizeof run);
    run.opt = &opt;
    run.normalizer = normalizer_new(opt.steps, opt.form);
    struct filter_totals totals;
    memset(&totals, 0, sizeof totals);
    int status = filter_run(&opt.common, cli_operands(argc, argv, optind), normalize_record,
                            &run, &totals);
    report_totals(&run, &totals);
    normalizer_free(run.normalizer);
    buf_free(&run.json);
    free(opt.fields);
    return status;
}
