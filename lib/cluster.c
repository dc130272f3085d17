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
    struct buf params_line;      /* the first "#params" line */
    struct dedupe_params params;
    struct dedupe *engine;       /* made with the parameters: NULL before */
    struct sigfile_record record;
    struct buf group_key;        /* key of the group being read */
    uint64_t *members;           /* its orders */
    size_t count, cap;
    struct hashset *involved;    /* orders that share a key with another */
    bool any_record;
    uint64_t last_order;
    struct cluster_totals totals;
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
    if (c->engine)
        sigfile_record_free(&c->record);
    buf_free(&c->group_key);
    free(c->members);
    hashset_free(c->involved);
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
    if (c->engine) {
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
    c->engine = dedupe_new(&c->params);
    sigfile_record_init(&c->record, &c->params);
    return true;
}

static void push_member(struct cluster *c, uint64_t order)
{
    c->members = array_reserve(c->members, &c->cap, c->count + 1, sizeof *c->members);
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
    if (!c->engine) {
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

/* The state of cluster_run over its inputs. */
struct cluster_pass {
    struct cluster *c;
    struct output *out;
    struct buf lines, reason;
    struct progress meter;
};

/* One line of the sorted stream (input_line_fn); false at a bad line. */
static bool cluster_input_line(struct input *in, const char *line, size_t len, void *ctx)
{
    struct cluster_pass *cp = ctx;
    buf_reset(&cp->lines);
    buf_reset(&cp->reason);
    bool ok = cluster_line(cp->c, line, len, &cp->lines, &cp->reason);
    if (!ok)
        warn_at(input_name(in), input_lineno(in), "%s", cp->reason.data);
    output_write(cp->out, cp->lines.data, cp->lines.len);
    progress_update(&cp->meter, cp->c->totals.in, input_bytes_out(in));
    return ok;
}

int cluster_run(const char *const *paths, bool quiet, struct cluster_totals *totals)
{
    struct cluster_pass cp = {cluster_new(), output_stdout(), BUF_INIT, BUF_INIT, {0}};
    progress_init(&cp.meter, quiet);
    bool ok = true;
    for (; ok && *paths; paths++)
        ok = input_each_line(*paths, cluster_input_line, &cp);
    progress_end(&cp.meter);
    buf_reset(&cp.reason);
    if (ok && !cluster_finish(cp.c, &cp.reason)) {
        warnf("%s", cp.reason.data);
        ok = false;
    }
    output_close(cp.out);
    *totals = cp.c->totals;
    cluster_free(cp.c);
    buf_free(&cp.lines);
    buf_free(&cp.reason);
    return ok ? EXIT_OK : EXIT_BAD_INPUT;
}
