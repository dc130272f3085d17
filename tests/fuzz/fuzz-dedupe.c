/* libFuzzer target: the signature code of deduplication, over the input
 * read two ways.
 *
 * As text (lib/shingle.h, minhash.h, lsh.h, dedupe.h, sigfile.h):
 *  - a text of W words has max(1, W - size + 1) shingles, none without
 *    words; folding digits keeps valid UTF-8 valid;
 *  - a signature agrees with itself everywhere; its sketch differs from
 *    another's in no more positions than the signatures do; an empty set
 *    signs as UINT32_MAX; a signature stored in an LSH index is found
 *    under each of its band keys;
 *  - the same text twice: the second is an exact duplicate of the first;
 *  - its signature lines, parsed back, give the same item.
 * As lines of the sharded files (lib/sigfile.h, cluster.h):
 *  - a "#params" line that parses sets the parameters the "~" lines are
 *    read with; a "~" record line and a drop-list line that parse are
 *    written back byte for byte (ids with a raw CR aside, which writing
 *    escapes);
 *  - the lines through the clustering step, up to the first it refuses:
 *    every drop-list line it writes parses;
 *  - the input as a drop list (a temporary file) looked up for the
 *    orders it lists, in order.
 */
#include <string.h>
#include <unistd.h>

#include "cluster.h"
#include "dedupe.h"
#include "fuzz-util.h"
#include "lsh.h"
#include "minhash.h"
#include "shingle.h"
#include "sigfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_dedupe_name = "dedupe";

enum { FZ_DEDUPE_PERMS = 64, FZ_DEDUPE_BANDS = 16, FZ_DEDUPE_ROWS = 4 };

/* ---- the input as text --------------------------------------------------- */

static void fz_dedupe_shingles(const char *text, size_t len)
{
    static const struct shingle_options options[] = {{1, false}, {5, false}, {3, true}};
    struct shingles s;
    shingles_init(&s);
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        shingles_compute(&s, &options[i], text, len);
        size_t want = s.words == 0 ? 0
                      : s.words < options[i].size ? 1
                                                   : s.words - options[i].size + 1;
        if (s.count != want)
            fuzz_fail(fz_dedupe_name, "%zu words, shingle size %u: %zu shingles, want %zu",
                      s.words, options[i].size, s.count, want);
    }
    shingles_free(&s);
    if (utf8_is_valid(text, len)) {
        struct buf folded = BUF_INIT;
        text_fold_digits(text, len, &folded);
        if (folded.len > 0 && !utf8_is_valid(folded.data, folded.len))
            fuzz_fail(fz_dedupe_name, "folding digits broke UTF-8");
        buf_free(&folded);
    }
}

static void fz_dedupe_minhash_lsh(const char *text, size_t len)
{
    struct shingles s;
    shingles_init(&s);
    struct shingle_options opt = {5, false};
    shingles_compute(&s, &opt, text, len);
    struct minhash *m = minhash_new(FZ_DEDUPE_PERMS);
    uint32_t mins[FZ_DEDUPE_PERMS], keys[FZ_DEDUPE_BANDS];
    uint16_t compact[FZ_DEDUPE_PERMS];
    minhash_sign(m, s.hash, s.count, mins);
    for (unsigned i = 0; s.count == 0 && i < FZ_DEDUPE_PERMS; i++)
        if (mins[i] != UINT32_MAX)
            fuzz_fail(fz_dedupe_name, "the empty set signs %u at %u", (unsigned)mins[i], i);
    minhash_compact(mins, FZ_DEDUPE_PERMS, compact);
    if (minhash_matches(compact, compact, FZ_DEDUPE_PERMS) != FZ_DEDUPE_PERMS)
        fuzz_fail(fz_dedupe_name, "a signature disagrees with itself");
    /* Against the signature of the text's first half: the sketches never
     * differ in more positions than the signatures do. */
    uint32_t half_mins[FZ_DEDUPE_PERMS];
    uint16_t half[FZ_DEDUPE_PERMS];
    uint64_t sketch[MINHASH_SKETCH_WORDS(FZ_DEDUPE_PERMS)];
    uint64_t half_sketch[MINHASH_SKETCH_WORDS(FZ_DEDUPE_PERMS)];
    minhash_sign(m, s.hash, s.count / 2, half_mins);
    minhash_compact(half_mins, FZ_DEDUPE_PERMS, half);
    minhash_sketch(compact, FZ_DEDUPE_PERMS, sketch);
    minhash_sketch(half, FZ_DEDUPE_PERMS, half_sketch);
    unsigned mismatches = FZ_DEDUPE_PERMS - minhash_matches(compact, half, FZ_DEDUPE_PERMS);
    unsigned differ = minhash_sketch_differ(sketch, half_sketch, FZ_DEDUPE_PERMS);
    if (differ > mismatches || minhash_sketch_differ(sketch, sketch, FZ_DEDUPE_PERMS) != 0)
        fuzz_fail(fz_dedupe_name, "sketches differ in %u positions, signatures in %u", differ,
                  mismatches);
    lsh_band_keys(mins, FZ_DEDUPE_BANDS, FZ_DEDUPE_ROWS, keys);
    struct lsh_index *idx = lsh_index_new(FZ_DEDUPE_BANDS);
    lsh_index_add(idx, keys, 1);
    lsh_index_add(idx, keys, 2);
    struct lsh_candidates found = {NULL, 0, 0};
    lsh_index_lookup(idx, keys, &found);
    if (found.count != 2 * FZ_DEDUPE_BANDS)
        fuzz_fail(fz_dedupe_name, "LSH lookup found %zu values, want %d", found.count,
                  2 * FZ_DEDUPE_BANDS);
    lsh_candidates_free(&found);
    lsh_index_free(idx);
    minhash_free(m);
    shingles_free(&s);
}

static void fz_dedupe_same_item(const struct dedupe_item *a, const struct dedupe_item *b,
                                const struct dedupe_params *p)
{
    bool same = a->has_exact == b->has_exact && a->has_near == b->has_near &&
                (!a->has_exact || (a->exact.lo == b->exact.lo && a->exact.hi == b->exact.hi));
    if (same && a->has_near)
        same = memcmp(a->keys, b->keys, p->bands * sizeof *a->keys) == 0 &&
               memcmp(a->compact, b->compact, p->perms * sizeof *a->compact) == 0;
    if (!same)
        fuzz_fail(fz_dedupe_name, "a signature line does not read back as its item");
}

/* The "~" line of out (the last line). */
static const char *fz_dedupe_record_line(const struct buf *out, size_t *len)
{
    size_t end = out->len - 1; /* its newline */
    size_t start = end;
    while (start > 0 && out->data[start - 1] != '\n')
        start--;
    *len = end - start;
    return out->data + start;
}

static void fz_dedupe_decide(const char *text, size_t len)
{
    struct dedupe_params p = {DEDUPE_BOTH, {5, false}, FZ_DEDUPE_PERMS, 0, 0, 0.75, 0, 0};
    dedupe_params_finish(&p);
    struct dedupe_signer *signer = dedupe_signer_new(&p);
    struct dedupe *d = dedupe_new(&p);
    struct dedupe_item item;
    memset(&item, 0, sizeof item);
    dedupe_sign_exact(signer, text, len, &item);
    dedupe_sign_near(signer, text, len, &item);
    struct dedupe_verdict first, second;
    dedupe_decide(d, "a", 1, &item, &first);
    dedupe_decide(d, "b", 1, &item, &second);
    if (first.type != DEDUPE_KEPT || second.type != DEDUPE_EXACT_DUP || second.of != 0)
        fuzz_fail(fz_dedupe_name, "the same text twice: verdicts %d and %d (of %u)",
                  (int)first.type, (int)second.type, (unsigned)second.of);
    struct buf lines = BUF_INIT, reason = BUF_INIT;
    sigfile_write_record(sigfile_order(3, 42), "id\t\\x", 5, &p, &item, &lines);
    size_t line_len;
    const char *line = fz_dedupe_record_line(&lines, &line_len);
    struct sigfile_record r;
    sigfile_record_init(&r, &p);
    if (!sigfile_parse_record(&r, line, line_len, &reason))
        fuzz_fail(fz_dedupe_name, "its own \"~\" line does not parse: %s", reason.data);
    fz_dedupe_same_item(&item, &r.item, &p);
    sigfile_record_free(&r);
    buf_free(&lines);
    buf_free(&reason);
    dedupe_free(d);
    dedupe_signer_free(signer);
}

/* ---- the input as signature lines and drop lists --------------------------- */

struct fz_dedupe_lines {
    struct dedupe_params params; /* from the last "#params" line */
    uint64_t *orders;       /* of the drop lines of shard 0, as listed */
    size_t count, cap;
};

static void fz_dedupe_record(const struct fz_dedupe_lines *st, const char *line, size_t len)
{
    struct sigfile_record r;
    struct buf reason = BUF_INIT, id = BUF_INIT, again = BUF_INIT;
    sigfile_record_init(&r, &st->params);
    if (sigfile_parse_record(&r, line, len, &reason) &&
        sigfile_unescape(r.id, r.id_len, &id) && !memchr(r.id, '\r', r.id_len)) {
        sigfile_write_record(r.order, id.data ? id.data : "", id.len, &st->params, &r.item,
                             &again);
        size_t again_len;
        const char *written = fz_dedupe_record_line(&again, &again_len);
        if (again_len != len || memcmp(written, line, len) != 0)
            fuzz_fail(fz_dedupe_name, "a \"~\" line is written back as \"%.*s\"",
                      (int)again_len, written);
    }
    sigfile_record_free(&r);
    buf_free(&reason);
    buf_free(&id);
    buf_free(&again);
}

static void fz_dedupe_drop(struct fz_dedupe_lines *st, const char *line, size_t len)
{
    struct sigfile_drop d;
    if (!sigfile_parse_drop(line, len, &d))
        return;
    char *similarity = xstrndup(d.similarity, d.similarity_len);
    struct buf again = BUF_INIT;
    sigfile_write_drop(d.order, d.id, d.id_len, d.dup_of, d.dup_of_len, d.exact, similarity,
                       &again);
    if (again.len != len + 1 || memcmp(again.data, line, len) != 0)
        fuzz_fail(fz_dedupe_name, "a drop line is written back as \"%s\"", again.data);
    buf_free(&again);
    free(similarity);
    if (sigfile_order_shard(d.order) != 0)
        return;
    if (st->count == st->cap) {
        st->cap = st->cap ? 2 * st->cap : 16;
        st->orders = xrealloc(st->orders, st->cap * sizeof *st->orders);
    }
    st->orders[st->count++] = d.order;
}

static void fz_dedupe_line(struct fz_dedupe_lines *st, const char *line, size_t len)
{
    struct dedupe_params p;
    memset(&p, 0, sizeof p);
    if (sigfile_parse_params(line, len, &p))
        st->params = p;
    fz_dedupe_record(st, line, len);
    fz_dedupe_drop(st, line, len);
}

/* Each line in a buffer of its own size, without "\n" and a "\r" before
 * it (as input_getline gives lines); fn is called on each. */
static void fz_dedupe_each_line(const char *s, size_t size,
                                void (*fn)(void *ctx, const char *line, size_t len),
                                void *ctx)
{
    for (size_t from = 0, to; from < size; from = to + 1) {
        const char *nl = memchr(s + from, '\n', size - from);
        to = nl ? (size_t)(nl - s) : size;
        size_t len = to - from;
        if (len > 0 && s[from + len - 1] == '\r')
            len--;
        char *line = xmalloc(len ? len : 1);
        memcpy(line, s + from, len);
        fn(ctx, line, len);
        free(line);
    }
}

static void fz_dedupe_line_fn(void *ctx, const char *line, size_t len)
{
    fz_dedupe_line(ctx, line, len);
}

struct fz_dedupe_cluster {
    struct cluster *c;
    bool refused;
    struct buf out, reason;
};

static void fz_dedupe_cluster_fn(void *ctx, const char *line, size_t len)
{
    struct fz_dedupe_cluster *cl = ctx;
    if (!cl->refused && !cluster_line(cl->c, line, len, &cl->out, &cl->reason))
        cl->refused = true;
}

static void fz_dedupe_cluster(const char *s, size_t size)
{
    struct fz_dedupe_cluster cl = {cluster_new(), false, BUF_INIT, BUF_INIT};
    fz_dedupe_each_line(s, size, fz_dedupe_cluster_fn, &cl);
    if (!cl.refused)
        cluster_finish(cl.c, &cl.reason);
    for (size_t from = 0, to; from < cl.out.len; from = to + 1) {
        const char *nl = memchr(cl.out.data + from, '\n', cl.out.len - from);
        to = nl ? (size_t)(nl - cl.out.data) : cl.out.len;
        struct sigfile_drop d;
        if (!sigfile_parse_drop(cl.out.data + from, to - from, &d))
            fuzz_fail(fz_dedupe_name, "the clustering step wrote a bad drop line");
    }
    cluster_free(cl.c);
    buf_free(&cl.out);
    buf_free(&cl.reason);
}

/* The input as a drop list on disk, looked up at each listed order of
 * shard 0 and just past it, while the orders rise. */
static void fz_dedupe_droplist(const char *s, size_t size, const struct fz_dedupe_lines *st)
{
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/fuzz-dedupe-XXXXXX", dir);
    int fd = mkstemp(path.data);
    if (fd < 0) {
        buf_free(&path);
        return; /* no temporary directory: nothing to look at */
    }
    bool written = write(fd, s, size) == (ssize_t)size;
    close(fd);
    struct droplist *dl = written ? droplist_open(path.data, 0) : NULL;
    if (dl) {
        struct sigfile_drop d;
        int rc = 0;
        for (size_t i = 0; i < st->count && rc >= 0; i++) {
            if (i > 0 && st->orders[i] <= st->orders[i - 1])
                break;
            rc = droplist_lookup(dl, st->orders[i], &d);
            if (rc >= 0)
                rc = droplist_lookup(dl, st->orders[i] + 1, &d);
        }
        droplist_close(dl, rc >= 0);
    }
    unlink(path.data);
    buf_free(&path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    fz_dedupe_shingles(s, size);
    fz_dedupe_minhash_lsh(s, size);
    fz_dedupe_decide(s, size);
    struct fz_dedupe_lines st;
    memset(&st, 0, sizeof st);
    st.params = (struct dedupe_params){DEDUPE_BOTH, {5, false}, FZ_DEDUPE_PERMS, 0, 0, 0.75, 0, 0};
    dedupe_params_finish(&st.params);
    fz_dedupe_each_line(s, size, fz_dedupe_line_fn, &st);
    fz_dedupe_cluster(s, size);
    fz_dedupe_droplist(s, size, &st);
    free(st.orders);
    return 0;
}
