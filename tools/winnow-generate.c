/* winnow-generate — a synthetic crawl of probation blog pages.
 *
 * Writes pages in the format of the seed pages (see winnow-generate(1)) as
 * a tar archive, NDJSON documents, a directory of text files, and the
 * records the splitter should find in them. Same seed and size, same bytes.
 * Holds one page at a time.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "generate.h"
#include "pagesink.h"
#include "progress.h"
#include "rejects.h"

static const struct cli_program program = {
    "winnow-generate",
    "Usage: winnow-generate [OPTION]... --tar FILE|--ndjson FILE|--dir DIR|--truth FILE...\n"
    "Generate a synthetic crawl of blog pages in the format winnow-split reads:\n"
    "post pages, archive and label pages that repeat posts, near duplicates,\n"
    "quoted articles, threaded comments, cited figures and a little noise.\n"
    "\n"
    "  -s, --seed N         the random seed (default 1); same seed and size,\n"
    "                       same output, byte for byte\n"
    "  -S, --size SIZE      stop once the page text reaches about SIZE bytes\n"
    "                       (default 1M); suffixes K, M, G (powers of 1024)\n"
    "      --tar FILE       a tar archive of pages/NAME.txt (gzipped if FILE\n"
    "                       ends in .gz)\n"
    "      --ndjson FILE    one {\"id\",\"text\",\"url\",\"crawl_date\"} per page\n"
    "                       (gzipped if FILE ends in .gz)\n"
    "      --dir DIR        one NAME.txt per page in DIR (created if missing)\n"
    "      --truth FILE     the records winnow-split should produce, one per line\n"
    "                       (gzipped if FILE ends in .gz)\n"
    "      --counts FILE    write the accounting (pages, bytes, records) as JSON\n"
    "      --rejects FILE   accepted for uniformity; nothing is read, so unused\n"
    "  -q, --quiet          no progress meter\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Files are written atomically: nothing appears under FILE's name unless it\n"
    "is complete. Exit status: 0 success, 1 a failed write, 2 usage error.\n"
    "See winnow-generate(1).\n"};

struct options {
    struct cli_common common;
    unsigned long long seed;
    unsigned long long size;
    const char *paths[4]; /* indexed by enum page_sink_kind; NULL: not asked for */
};

/* "300K", "3M", "1G", "5000": bytes, in powers of 1024. */
static unsigned long long parse_size(const char *arg)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (*end == 'k' || *end == 'K')
        shift = 10;
    else if (*end == 'm' || *end == 'M')
        shift = 20;
    else if (*end == 'g' || *end == 'G')
        shift = 30;
    if (shift > 0)
        end++;
    if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno == ERANGE || v == 0 ||
        v > (~0ULL >> shift))
        die_usage("invalid --size '%s' (a positive number of bytes, with K, M or G)", arg);
    return v << shift;
}

static void set_path(struct options *opt, enum page_sink_kind kind, const char *name,
                     const char *arg)
{
    if (opt->paths[kind])
        die_usage("--%s given twice", name);
    if (arg[0] == '\0')
        die_usage("--%s needs a file name", name);
    opt->paths[kind] = arg;
}

static void parse_options(int argc, char **argv, struct options *opt)
{
    enum { OPT_SEED = 's', OPT_SIZE = 'S', OPT_TAR = CLI_OPT_FIRST_PROGRAM_OPTION,
           OPT_NDJSON, OPT_DIR, OPT_TRUTH };
    static const struct option longopts[] = {
        {"seed", required_argument, NULL, OPT_SEED},
        {"size", required_argument, NULL, OPT_SIZE},
        {"tar", required_argument, NULL, OPT_TAR},
        {"ndjson", required_argument, NULL, OPT_NDJSON},
        {"dir", required_argument, NULL, OPT_DIR},
        {"truth", required_argument, NULL, OPT_TRUTH},
        CLI_COMMON_OPTIONS,
        {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "s:S:" CLI_COMMON_SHORT, longopts, NULL)) != -1) {
        if (cli_common_option(c, optarg, &opt->common, &program))
            continue;
        switch (c) {
        case OPT_SEED: opt->seed = cli_parse_count(optarg, "--seed", 0, ULLONG_MAX); break;
        case OPT_SIZE: opt->size = parse_size(optarg); break;
        case OPT_TAR: set_path(opt, SINK_TAR, "tar", optarg); break;
        case OPT_NDJSON: set_path(opt, SINK_NDJSON, "ndjson", optarg); break;
        case OPT_DIR: set_path(opt, SINK_DIR, "dir", optarg); break;
        case OPT_TRUTH: set_path(opt, SINK_TRUTH, "truth", optarg); break;
        default: break;
        }
    }
    if (optind < argc)
        die_usage("unexpected operand '%s' (the generator reads no input)", argv[optind]);
    if (!opt->paths[SINK_TAR] && !opt->paths[SINK_NDJSON] && !opt->paths[SINK_DIR] &&
        !opt->paths[SINK_TRUTH])
        die_usage("no output: give --tar, --ndjson, --dir or --truth");
}

struct totals {
    unsigned long long pages, bytes, records;
};

static void abort_all(struct page_sink **sinks, size_t from)
{
    for (size_t i = from; i < 4; i++)
        if (sinks[i])
            page_sink_abort(sinks[i]);
}

/* Generate until the size is reached; false after a failed write (every
 * sink then aborted). */
static bool generate(const struct options *opt, struct page_sink **sinks, struct totals *t)
{
    struct generator *g = generator_new(opt->seed);
    struct progress progress;
    progress_init(&progress, opt->common.quiet);
    bool ok = true;
    while (ok && t->bytes < opt->size) {
        struct gen_page page;
        generator_next(g, &page);
        for (size_t i = 0; i < 4 && ok; i++)
            ok = !sinks[i] || page_sink_write(sinks[i], &page) == 0;
        t->pages++;
        t->bytes += page.len;
        t->records += page.record_count;
        progress_update(&progress, t->records, t->bytes);
    }
    progress_end(&progress);
    generator_free(g);
    if (!ok)
        abort_all(sinks, 0);
    return ok;
}

int main(int argc, char **argv)
{
    diag_init(program.name);
    struct options opt = {{false, NULL, NULL}, 1, 1ULL << 20, {NULL, NULL, NULL, NULL}};
    parse_options(argc, argv, &opt);

    struct page_sink *sinks[4] = {NULL, NULL, NULL, NULL};
    for (size_t i = 0; i < 4; i++) {
        if (opt.paths[i] && !(sinks[i] = page_sink_open((enum page_sink_kind)i, opt.paths[i]))) {
            abort_all(sinks, 0);
            return EXIT_BAD_INPUT;
        }
    }
    struct totals t = {0, 0, 0};
    if (!generate(&opt, sinks, &t))
        return EXIT_BAD_INPUT;
    for (size_t i = 0; i < 4; i++) {
        int rc = sinks[i] ? page_sink_commit(sinks[i]) : 0;
        sinks[i] = NULL;
        if (rc != 0) {
            abort_all(sinks, i + 1);
            return EXIT_BAD_INPUT;
        }
    }
    struct accounting totals = {0};
    totals.out = t.pages;
    char extra[128];
    snprintf(extra, sizeof extra, "\"bytes\":%llu,\"records\":%llu", t.bytes, t.records);
    accounting_write(opt.common.counts_path, program.name, &totals, extra);
    return EXIT_OK;
}
