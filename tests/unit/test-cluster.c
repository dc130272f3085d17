/* Unit tests of lib/cluster: on a corpus with exact copies, edits and
 * chains, split into shards, the clustering step over the sorted signature
 * lines lists exactly the duplicates the single process finds; and a bad
 * stream is refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cluster.h"
#include "dedupe.h"
#include "prng.h"
#include "sigfile.h"

enum { RECORDS = 1500, SHARDS = 5 };

static void random_text(struct prng *g, struct buf *out)
{
    long words = prng_range(g, 8, 90);
    for (long i = 0; i < words; i++)
        buf_printf(out, "%sw%lu", i ? " " : "", (unsigned long)prng_below(g, 400));
}

/* A corpus where a third of the records are copies or edits of earlier
 * ones (and of edits: chains). */
static char **make_corpus(void)
{
    struct prng g;
    prng_seed(&g, 2024);
    char **text = xcalloc(RECORDS, sizeof *text);
    struct buf b = BUF_INIT;
    for (int i = 0; i < RECORDS; i++) {
        buf_reset(&b);
        if (i < 20 || prng_chance(&g, 65)) {
            random_text(&g, &b);
        } else {
            const char *src = text[prng_below(&g, (uint64_t)i)];
            buf_append_str(&b, src);
            if (prng_chance(&g, 60)) {
                /* change a word or add some */
                size_t at = prng_below(&g, b.len + 1);
                while (at < b.len && b.data[at] != ' ')
                    at++;
                b.len = at < b.len ? at : b.len;
                b.data[b.len] = '\0';
                buf_printf(&b, " x%lu %s", (unsigned long)prng_below(&g, 50), src + (at < strlen(src) ? at : strlen(src)));
            }
        }
        text[i] = xstrdup(b.data);
    }
    buf_free(&b);
    return text;
}

static int compare_lines(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void single(char **text, const struct dedupe_params *p, struct buf *drops, size_t *dups)
{
    struct dedupe_signer *s = dedupe_signer_new(p);
    struct dedupe *d = dedupe_new(p);
    struct dedupe_item item;
    struct dedupe_verdict v;
    char id[32], sim[16];
    *dups = 0;
    for (int i = 0; i < RECORDS; i++) {
        memset(&item, 0, sizeof item);
        dedupe_sign_exact(s, text[i], strlen(text[i]), &item);
        dedupe_sign_near(s, text[i], strlen(text[i]), &item);
        int n = snprintf(id, sizeof id, "r%d", i);
        dedupe_decide(d, id, (size_t)n, &item, &v);
        if (v.type == DEDUPE_KEPT)
            continue;
        size_t of_len;
        const char *of = dedupe_kept_id(d, v.of, &of_len);
        dedupe_similarity_text(&v, p->perms, sim);
        sigfile_write_drop(sigfile_order(0, (uint64_t)i), id, (size_t)n, of, of_len,
                           v.type == DEDUPE_EXACT_DUP, sim, drops);
        ++*dups;
    }
    dedupe_free(d);
    dedupe_signer_free(s);
}

/* Record i goes to shard i * SHARDS / RECORDS; the single process's order
 * of record i is (0, i), a shard's is (shard, place): compare by id. */
static void sharded_lines(char **text, const struct dedupe_params *p, struct buf *all)
{
    struct dedupe_signer *s = dedupe_signer_new(p);
    struct dedupe_item item;
    char id[32];
    uint64_t place = 0;
    int shard = 0;
    for (unsigned sh = 0; sh < SHARDS; sh++)
        sigfile_write_params(p, "text", NULL, all);
    for (int i = 0; i < RECORDS; i++) {
        int now = i * SHARDS / RECORDS;
        if (now != shard) {
            shard = now;
            place = 0;
        }
        memset(&item, 0, sizeof item);
        dedupe_sign_exact(s, text[i], strlen(text[i]), &item);
        dedupe_sign_near(s, text[i], strlen(text[i]), &item);
        int n = snprintf(id, sizeof id, "r%d", i);
        sigfile_write_record(sigfile_order((unsigned)shard, place++), id, (size_t)n, p, &item, all);
    }
    dedupe_signer_free(s);
}

/* Sort the lines (C-locale byte order, as sort does) and cluster them. */
static bool cluster_sorted(struct buf *all, struct buf *drops, struct buf *reason)
{
    size_t n = 0, cap = 1024;
    char **lines = xmalloc(cap * sizeof *lines);
    for (char *line = strtok(all->data, "\n"); line; line = strtok(NULL, "\n")) {
        if (n == cap)
            lines = xrealloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = line;
    }
    qsort(lines, n, sizeof *lines, compare_lines);
    struct cluster *c = cluster_new();
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = cluster_line(c, lines[i], strlen(lines[i]), drops, reason);
    ok = ok && cluster_finish(c, reason);
    CHECK(cluster_totals(c)->in == RECORDS, "the clustering step saw every record");
    cluster_free(c);
    free(lines);
    return ok;
}

/* Drop lines name orders; compare the (id, dup_of, type, similarity) parts. */
static void strip_orders(struct buf *drops)
{
    struct buf out = BUF_INIT;
    for (char *line = strtok(drops->data, "\n"); line; line = strtok(NULL, "\n"))
        buf_printf(&out, "%s\n", strchr(line, '\t') + 1);
    buf_free(drops);
    *drops = out;
}

static void equivalence(unsigned mode, double threshold)
{
    char **text = make_corpus();
    struct dedupe_params p = {mode, {5, false}, 128, 0, 0, threshold, 0, 0};
    dedupe_params_finish(&p);
    struct buf want = BUF_INIT, all = BUF_INIT, got = BUF_INIT, reason = BUF_INIT;
    size_t dups;
    single(text, &p, &want, &dups);
    sharded_lines(text, &p, &all);
    bool ok = cluster_sorted(&all, &got, &reason);
    CHECK(ok, "mode %u: the sorted stream is accepted (%s)", mode, reason.data ? reason.data : "");
    strip_orders(&want);
    strip_orders(&got);
    CHECK(dups > RECORDS / 10, "mode %u, threshold %.2f: the corpus has duplicates (%zu)", mode,
          threshold, dups);
    CHECK(want.len == got.len && memcmp(want.data, got.data, want.len) == 0,
          "mode %u, threshold %.2f: %d shards give the single process's duplicates", mode,
          threshold, SHARDS);
    for (int i = 0; i < RECORDS; i++)
        free(text[i]);
    free(text);
    buf_free(&want);
    buf_free(&all);
    buf_free(&got);
    buf_free(&reason);
}

static bool refuses(const char *const *lines, size_t n, const char *want_reason)
{
    struct cluster *c = cluster_new();
    struct buf out = BUF_INIT, reason = BUF_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = cluster_line(c, lines[i], strlen(lines[i]), &out, &reason);
    ok = ok && cluster_finish(c, &reason);
    bool refused = !ok && reason.data && strstr(reason.data, want_reason);
    cluster_free(c);
    buf_free(&out);
    buf_free(&reason);
    return refused;
}

static void bad_streams(void)
{
    struct dedupe_params p = {DEDUPE_EXACT, {5, false}, 128, 0, 0, 0.7, 0, 0}, q = p;
    q.shingle.size = 4;
    dedupe_params_finish(&p);
    dedupe_params_finish(&q);
    struct buf a = BUF_INIT, b = BUF_INIT;
    sigfile_write_params(&p, "text", NULL, &a);
    sigfile_write_params(&q, "text", NULL, &b);
    a.data[--a.len] = '\0';
    b.data[--b.len] = '\0';
    const char *mixed[] = {a.data, b.data};
    CHECK(refuses(mixed, 2, "different parameters"), "shards signed differently are refused");
    const char *no_params[] = {"~00000.000000000000\tz\t-\t-\t-"};
    CHECK(refuses(no_params, 1, "no #params"), "signatures without parameters are refused");
    const char *unsorted[] = {a.data, "e.2\t00000.000000000001", "e.1\t00000.000000000000"};
    CHECK(refuses(unsorted, 3, "out of order"), "unsorted keys are refused");
    const char *twice[] = {a.data, "~00000.000000000001\tz\t-\t-\t-", "~00000.000000000001\tz\t-\t-\t-"};
    CHECK(refuses(twice, 3, "twice"), "a record given twice is refused");
    const char *truncated[] = {a.data, "e.1\t00000.000000000000"};
    CHECK(refuses(truncated, 2, "ended early"), "keys without records are refused");
    const char *junk[] = {a.data, "hello"};
    CHECK(refuses(junk, 2, "not a signature line"), "junk is refused");
    buf_free(&a);
    buf_free(&b);
}

int main(void)
{
    equivalence(DEDUPE_BOTH, 0.7);
    equivalence(DEDUPE_BOTH, 0.5);
    equivalence(DEDUPE_NEAR, 0.8);
    equivalence(DEDUPE_EXACT, 0.7);
    bad_streams();
    return CHECK_DONE();
}
