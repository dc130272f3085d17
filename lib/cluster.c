/* cluster.c — the clustering step over sorted signatures (see cluster.h). */
#include "cluster.h"

#include <stdlib.h>
#include <string.h>

#include "dedupe.h"
#include "diag.h"
#include "input.h"
#include "output.h"
#include "progress.h"
#include "hashset.h"
#include "sigfile.h"

enum phase { PHASE_PARAMS, PHASE_KEYS, PHASE_RECORDS };

struct cluster {
    enum phase phase;
    bool have_params;
    struct buf params_line;
    struct dedupe_params params;
    struct dedupe *engine;
    struct sigfile_record record;
    struct buf group_key;        /* key of the group being read */
    uint64_t *members;           /* its orders */
    size_t count, cap;
    struct hashset *involved;    /* orders that share a key with another */
    bool any_record;
    uint64_t last_order;
    struct cluster_totals totals;
    struct buf id_scratch;
};

struct cluster *cluster_new(void)
{
    struct cluster *c = xcalloc(1, sizeof *c);
    c->involved = hashset_new();
    return c;
}

void cluster_free(struct cluster *c)
{
    if (!c)
        return;
    buf_free(&c->params_line);
    dedupe_free(c->engine);
    if (c->have_params)
        sigfile_record_free(&c->record);
    buf_free(&c->group_key);
    free(c->members);
    hashset_free(c->involved);
    buf_free(&c->id_scratch);
    free(c);
}

static struct hash128 order_key(uint64_t order)
{
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)(order >> (8 * i));
    return hash128_of(le, sizeof le);
}

static void flush_group(struct cluster *c)
{
    if (c->count >= 2)
        for (size_t i = 0; i < c->count; i++)
            hashset_add(c->involved, order_key(c->members[i]), 0, NULL);
    c->count = 0;
}

static bool take_params(struct cluster *c, const char *line, size_t len, struct buf *reason)
{
    if (c->phase != PHASE_PARAMS) {
        buf_append_str(reason, "#params line after keys (is the stream sorted with LC_ALL=C?)");
        return false;
    }
    if (c->have_params) {
        if (len == c->params_line.len && memcmp(line, c->params_line.data, len) == 0)
            return true;
        buf_append_str(reason, "shards were signed with different parameters");
        return false;
    }
    if (!sigfile_parse_params(line, len, &c->params)) {
        buf_append_str(reason, "bad #params line");
        return false;
    }
    buf_append(&c->params_line, line, len);
    c->have_params = true;
    c->engine = dedupe_new(&c->params);
    sigfile_record_init(&c->record, &c->params);
    return true;
}

static void push_member(struct cluster *c, uint64_t order)
{
    if (c->count == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->members = xrealloc(c->members, c->cap * sizeof *c->members);
    }
    c->members[c->count++] = order;
}

/* -1, 0 or 1 as key sorts before, with or after the current group's key
 * (bytes as unsigned, as sort does in the C locale). */
static int compare_key(const struct cluster *c, const char *key, size_t len)
{
    size_t n = len < c->group_key.len ? len : c->group_key.len;
    int cmp = memcmp(key, c->group_key.data, n);
    if (cmp != 0)
        return cmp < 0 ? -1 : 1;
    return (len > c->group_key.len) - (len < c->group_key.len);
}

static bool take_key(struct cluster *c, const char *line, size_t len, struct buf *reason)
{
    const char *tab = memchr(line, '\t', len);
    uint64_t order;
    if (!tab || !sigfile_parse_order(tab + 1, len - (size_t)(tab + 1 - line), &order)) {
        buf_append_str(reason, "bad key line (want KEY, TAB, ORDER)");
        return false;
    }
    size_t klen = (size_t)(tab - line);
    int cmp = c->phase == PHASE_KEYS ? compare_key(c, line, klen) : 1;
    if (c->phase == PHASE_RECORDS || cmp < 0) {
        buf_append_str(reason, "signature lines out of order (sort them with LC_ALL=C sort)");
        return false;
    }
    if (cmp > 0) {
        flush_group(c);
        c->phase = PHASE_KEYS;
        buf_reset(&c->group_key);
        buf_append(&c->group_key, line, klen);
    }
    push_member(c, order);
    return true;
}

static bool take_record(struct cluster *c, const char *line, size_t len, struct buf *out,
                        struct buf *reason)
{
    if (!sigfile_parse_record(&c->record, line, len, reason))
        return false;
    if (c->any_record && c->record.order <= c->last_order) {
        buf_append_str(reason, "record lines out of order, or one record twice (a shard given twice?)");
        return false;
    }
    if (c->phase == PHASE_KEYS)
        flush_group(c);
    c->phase = PHASE_RECORDS;
    c->any_record = true;
    c->last_order = c->record.order;
    c->totals.in++;
    uint32_t unused;
    if (!hashset_find(c->involved, order_key(c->record.order), &unused)) {
        c->totals.kept++;
        return true;
    }
    struct dedupe_verdict v;
    dedupe_decide(c->engine, c->record.id, c->record.id_len, &c->record.item, &v);
    if (v.type == DEDUPE_KEPT) {
        c->totals.kept++;
        return true;
    }
    bool exact = v.type == DEDUPE_EXACT_DUP;
    if (exact)
        c->totals.exact++;
    else
        c->totals.near++;
    char similarity[16];
    dedupe_similarity_text(&v, c->params.perms, similarity);
    size_t of_len;
    const char *of = dedupe_kept_id(c->engine, v.of, &of_len);
    sigfile_write_drop(c->record.order, c->record.id, c->record.id_len, of, of_len, exact,
                       similarity, out);
    return true;
}

bool cluster_line(struct cluster *c, const char *line, size_t len, struct buf *out,
                  struct buf *reason)
{
    if (len == 0)
        return true;
    if (line[0] == '#')
        return take_params(c, line, len, reason);
    if (!c->have_params) {
        buf_append_str(reason, "no #params line before the signatures");
        return false;
    }
    if (line[0] == 'e' || line[0] == 'n')
        return take_key(c, line, len, reason);
    if (line[0] == '~')
        return take_record(c, line, len, out, reason);
    buf_append_str(reason, "not a signature line (want #params, e., n or ~ lines)");
    return false;
}

bool cluster_finish(struct cluster *c, struct buf *reason)
{
    if (c->phase == PHASE_KEYS) {
        buf_append_str(reason, "key lines but no record lines: the stream ended early");
        return false;
    }
    return true;
}

const struct cluster_totals *cluster_totals(const struct cluster *c)
{
    return &c->totals;
}

const struct dedupe_params *cluster_params(const struct cluster *c)
{
    return c->have_params ? &c->params : NULL;
}

size_t cluster_memory(const struct cluster *c)
{
    return sizeof *c + hashset_memory(c->involved) + c->cap * sizeof *c->members +
           (c->engine ? dedupe_memory(c->engine) : 0);
}

/* Returns false when the input could not be read or a line was bad. */
static bool cluster_input(struct cluster *c, const char *path, struct output *out,
                          struct buf *lines, struct buf *reason, struct progress *meter)
{
    struct input *in = input_open(path);
    if (!in)
        return false;
    const char *line;
    size_t len;
    int rc;
    bool ok = true;
    while (ok && (rc = input_getline(in, &line, &len)) > 0) {
        buf_reset(lines);
        buf_reset(reason);
        ok = cluster_line(c, line, len, lines, reason);
        if (!ok)
            warn_at(input_name(in), input_lineno(in), "%s", reason->data);
        output_write(out, lines->data, lines->len);
        progress_update(meter, c->totals.in, input_bytes_out(in));
    }
    ok = ok && rc == 0;
    return input_close(in) == 0 && ok;
}

int cluster_run(const char *const *paths, bool quiet, struct cluster_totals *totals)
{
    struct cluster *c = cluster_new();
    struct output *out = output_stdout();
    struct buf lines = BUF_INIT, reason = BUF_INIT;
    struct progress meter;
    progress_init(&meter, quiet);
    bool ok = true;
    for (; ok && *paths; paths++)
        ok = cluster_input(c, *paths, out, &lines, &reason, &meter);
    progress_end(&meter);
    buf_reset(&reason);
    if (ok && !cluster_finish(c, &reason)) {
        warnf("%s", reason.data);
        ok = false;
    }
    output_close(out);
    *totals = c->totals;
    cluster_free(c);
    buf_free(&lines);
    buf_free(&reason);
    return ok ? EXIT_OK : EXIT_BAD_INPUT;
}
