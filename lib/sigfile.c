/* sigfile.c — signature lines and drop lists (see sigfile.h). */
#include "sigfile.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "input.h"
#include "minhash.h"

uint64_t sigfile_order(unsigned shard, uint64_t index)
{
    return (uint64_t)shard * SIGFILE_SHARD_SPAN + index;
}

unsigned sigfile_order_shard(uint64_t order)
{
    return (unsigned)(order / SIGFILE_SHARD_SPAN);
}

void sigfile_order_text(uint64_t order, char out[24])
{
    snprintf(out, 24, "%05u.%012" PRIu64, sigfile_order_shard(order),
             order % SIGFILE_SHARD_SPAN);
}

static bool digits(const char *s, size_t n, uint64_t *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (uint64_t)(s[i] - '0');
    }
    return true;
}

bool sigfile_parse_order(const char *s, size_t len, uint64_t *order)
{
    uint64_t shard, index;
    if (len != 18 || s[5] != '.' || !digits(s, 5, &shard) || !digits(s + 6, 12, &index))
        return false;
    *order = sigfile_order((unsigned)shard, index);
    return true;
}

void sigfile_escape(const char *s, size_t len, struct buf *out)
{
    for (size_t i = 0; i < len; i++) {
        switch (s[i]) {
        case '\\': buf_append(out, "\\\\", 2); break;
        case '\t': buf_append(out, "\\t", 2); break;
        case '\n': buf_append(out, "\\n", 2); break;
        case '\r': buf_append(out, "\\r", 2); break;
        default: buf_append_char(out, s[i]); break;
        }
    }
}

bool sigfile_unescape(const char *s, size_t len, struct buf *out)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\\') {
            buf_append_char(out, s[i]);
            continue;
        }
        if (++i == len)
            return false;
        switch (s[i]) {
        case '\\': buf_append_char(out, '\\'); break;
        case 't': buf_append_char(out, '\t'); break;
        case 'n': buf_append_char(out, '\n'); break;
        case 'r': buf_append_char(out, '\r'); break;
        default: return false;
        }
    }
    return true;
}

/* --- parameters ---------------------------------------------------------- */

#define PARAMS_FORMAT \
    "v1 mode=%u shingle=%u fold_digits=%u perms=%u bands=%u rows=%u needed=%u min_words=%u"

void sigfile_write_params(const struct dedupe_params *p, const char *field,
                          const char *key_field, struct buf *out)
{
    buf_append_str(out, "#params\t");
    buf_printf(out, PARAMS_FORMAT, p->mode, p->shingle.size,
               (unsigned)p->shingle.fold_digits, p->perms, p->bands, p->rows, p->needed,
               p->min_words);
    buf_printf(out, " threshold=%.6g field=", p->threshold);
    sigfile_escape(field, strlen(field), out);
    buf_append_str(out, " key_field=");
    if (key_field)
        sigfile_escape(key_field, strlen(key_field), out);
    else
        buf_append_char(out, '-');
    buf_append_char(out, '\n');
}

bool sigfile_parse_params(const char *line, size_t len, struct dedupe_params *p)
{
    static const char prefix[] = "#params\t";
    size_t plen = sizeof prefix - 1;
    if (len <= plen || memcmp(line, prefix, plen) != 0)
        return false;
    char *text = xstrndup(line + plen, len - plen);
    unsigned fold = 0;
    int used = 0;
    int got = sscanf(text, PARAMS_FORMAT " threshold=%n", &p->mode, &p->shingle.size,
                     &fold, &p->perms, &p->bands, &p->rows, &p->needed, &p->min_words, &used);
    bool ok = got == 8 && used > 0;
    if (ok)
        p->threshold = strtod(text + used, NULL);
    free(text);
    p->shingle.fold_digits = fold != 0;
    return ok && p->mode >= DEDUPE_EXACT && p->mode <= DEDUPE_BOTH && p->perms >= 1 &&
           p->perms <= MINHASH_MAX_PERMS && p->bands >= 1 && p->rows >= 1 &&
           (uint64_t)p->bands * p->rows <= p->perms && p->needed >= 1 && p->needed <= p->perms;
}

/* --- records ----------------------------------------------------------------- */

static const char hex_digits[] = "0123456789abcdef";

static void put_hex(struct buf *out, uint64_t v, int nibbles)
{
    char text[16];
    for (int i = nibbles - 1; i >= 0; i--, v >>= 4)
        text[i] = hex_digits[v & 15];
    buf_append(out, text, (size_t)nibbles);
}

static bool get_hex(const char *s, int nibbles, uint64_t *v)
{
    *v = 0;
    for (int i = 0; i < nibbles; i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (unsigned)(c - 'a' + 10);
        else
            return false;
        *v = (*v << 4) | d;
    }
    return true;
}

static void put_key_line(struct buf *out, const char *order_text)
{
    buf_append_char(out, '\t');
    buf_append_str(out, order_text);
    buf_append_char(out, '\n');
}

void sigfile_write_record(uint64_t order, const char *id, size_t id_len,
                          const struct dedupe_params *p,
                          const struct dedupe_item *item, struct buf *out)
{
    char order_text[24];
    sigfile_order_text(order, order_text);
    if (item->has_exact) {
        buf_append_str(out, "e.");
        put_hex(out, item->exact.hi, 16);
        put_hex(out, item->exact.lo, 16);
        put_key_line(out, order_text);
    }
    if (item->has_near) {
        for (unsigned j = 0; j < p->bands; j++) {
            buf_printf(out, "n%04u.", j);
            put_hex(out, item->keys[j], 8);
            put_key_line(out, order_text);
        }
    }
    buf_printf(out, "~%s\t", order_text);
    sigfile_escape(id, id_len, out);
    buf_append_char(out, '\t');
    if (item->has_exact) {
        put_hex(out, item->exact.hi, 16);
        put_hex(out, item->exact.lo, 16);
    } else {
        buf_append_char(out, '-');
    }
    buf_append_char(out, '\t');
    if (item->has_near) {
        for (unsigned j = 0; j < p->bands; j++)
            put_hex(out, item->keys[j], 8);
        buf_append_char(out, '\t');
        for (unsigned i = 0; i < p->perms; i++)
            put_hex(out, item->compact[i], 4);
    } else {
        buf_append_str(out, "-\t-");
    }
    buf_append_char(out, '\n');
}

void sigfile_record_init(struct sigfile_record *r, const struct dedupe_params *p)
{
    memset(r, 0, sizeof *r);
    r->bands = p->bands;
    r->perms = p->perms;
    r->keys = xmalloc(p->bands * sizeof *r->keys);
    r->compact = xmalloc(p->perms * sizeof *r->compact);
    r->item.keys = r->keys;
    r->item.compact = r->compact;
}

void sigfile_record_free(struct sigfile_record *r)
{
    free(r->keys);
    free(r->compact);
    memset(r, 0, sizeof *r);
}

/* Split line into exactly n tab-separated fields. */
static bool split_fields(const char *line, size_t len, size_t n, const char **field,
                         size_t *flen)
{
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != '\t')
            continue;
        if (k == n)
            return false;
        field[k] = line + start;
        flen[k++] = i - start;
        start = i + 1;
    }
    return k == n;
}

static bool parse_exact(struct sigfile_record *r, const char *s, size_t n)
{
    r->item.has_exact = !(n == 1 && s[0] == '-');
    if (!r->item.has_exact)
        return true;
    return n == 32 && get_hex(s, 16, &r->item.exact.hi) && get_hex(s + 16, 16, &r->item.exact.lo);
}

static bool parse_near(struct sigfile_record *r, const char *keys, size_t nkeys,
                       const char *sig, size_t nsig)
{
    bool dash_keys = nkeys == 1 && keys[0] == '-', dash_sig = nsig == 1 && sig[0] == '-';
    r->item.has_near = !dash_keys;
    if (dash_keys || dash_sig)
        return dash_keys && dash_sig;
    if (nkeys != 8 * (size_t)r->bands || nsig != 4 * (size_t)r->perms)
        return false;
    uint64_t v;
    for (unsigned j = 0; j < r->bands; j++) {
        if (!get_hex(keys + 8 * j, 8, &v))
            return false;
        r->keys[j] = (uint32_t)v;
    }
    for (unsigned i = 0; i < r->perms; i++) {
        if (!get_hex(sig + 4 * i, 4, &v))
            return false;
        r->compact[i] = (uint16_t)v;
    }
    return true;
}

bool sigfile_parse_record(struct sigfile_record *r, const char *line, size_t len,
                          struct buf *reason)
{
    const char *f[5];
    size_t n[5];
    if (len < 1 || line[0] != '~' || !split_fields(line + 1, len - 1, 5, f, n)) {
        buf_append_str(reason, "bad record line (want ~ORDER, id, exact hash, band keys, signature)");
        return false;
    }
    if (!sigfile_parse_order(f[0], n[0], &r->order)) {
        buf_append_str(reason, "bad order (want SSSSS.IIIIIIIIIIII)");
        return false;
    }
    r->id = f[1];
    r->id_len = n[1];
    if (!parse_exact(r, f[2], n[2])) {
        buf_append_str(reason, "bad exact hash (want 32 hex digits or -)");
        return false;
    }
    if (!parse_near(r, f[3], n[3], f[4], n[4])) {
        buf_printf(reason, "bad band keys or signature (want %u and %u hex digits, or - and -)",
                   8 * r->bands, 4 * r->perms);
        return false;
    }
    return true;
}

/* --- drop list ------------------------------------------------------------------ */

void sigfile_write_drop(uint64_t order, const char *id, size_t id_len,
                        const char *dup_of, size_t dup_of_len, bool exact,
                        const char *similarity, struct buf *out)
{
    char order_text[24];
    sigfile_order_text(order, order_text);
    buf_append_str(out, order_text);
    buf_append_char(out, '\t');
    buf_append(out, id, id_len);
    buf_append_char(out, '\t');
    buf_append(out, dup_of, dup_of_len);
    buf_printf(out, "\t%s\t%s\n", exact ? "exact" : "near", similarity);
}

static bool is_json_similarity(const char *s, size_t n)
{
    if (n == 1)
        return s[0] == '0' || s[0] == '1';
    if (n < 3 || n > 5 || s[0] != '0' || s[1] != '.')
        return false;
    for (size_t i = 2; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool sigfile_parse_drop(const char *line, size_t len, struct sigfile_drop *d)
{
    const char *f[5];
    size_t n[5];
    if (!split_fields(line, len, 5, f, n) || !sigfile_parse_order(f[0], n[0], &d->order))
        return false;
    d->id = f[1];
    d->id_len = n[1];
    d->dup_of = f[2];
    d->dup_of_len = n[2];
    if (n[3] == 5 && memcmp(f[3], "exact", 5) == 0)
        d->exact = true;
    else if (n[3] == 4 && memcmp(f[3], "near", 4) == 0)
        d->exact = false;
    else
        return false;
    d->similarity = f[4];
    d->similarity_len = n[4];
    return is_json_similarity(f[4], n[4]);
}

struct droplist {
    struct input *in;
    unsigned shard;
    bool need_read;          /* the last entry given out is used up */
    bool pending;            /* next holds this shard's next listed record */
    bool failed;
    struct sigfile_drop next;
    struct buf line;         /* the line next points into */
    bool any;                /* a line was read: last_order is set */
    uint64_t last_order;
};

struct droplist *droplist_open(const char *path, unsigned shard)
{
    struct input *in = input_open(path);
    if (!in)
        return NULL;
    struct droplist *dl = xcalloc(1, sizeof *dl);
    dl->in = in;
    dl->shard = shard;
    dl->need_read = true;
    return dl;
}

/* Read on to this shard's next listed record (pending) or the end. Every
 * line is checked, those of other shards too. False on error (reported). */
static bool advance(struct droplist *dl)
{
    const char *line;
    size_t len;
    int rc;
    dl->pending = false;
    dl->need_read = false;
    while ((rc = input_getline(dl->in, &line, &len)) > 0) {
        const char *name = input_name(dl->in);
        long lineno = input_lineno(dl->in);
        buf_reset(&dl->line);
        buf_append(&dl->line, line, len);
        if (!sigfile_parse_drop(dl->line.data, len, &dl->next)) {
            warn_at(name, lineno, "bad drop-list line (want ORDER, id, dup_of, exact|near, similarity)");
            return false;
        }
        if (dl->any && dl->next.order <= dl->last_order) {
            warn_at(name, lineno, "drop list out of order (use the list --cluster wrote)");
            return false;
        }
        dl->any = true;
        dl->last_order = dl->next.order;
        if (sigfile_order_shard(dl->next.order) == dl->shard) {
            dl->pending = true;
            return true;
        }
    }
    return rc == 0;
}

int droplist_lookup(struct droplist *dl, uint64_t order, struct sigfile_drop *d)
{
    if (!dl->failed && dl->need_read && !advance(dl))
        dl->failed = true;
    if (dl->failed)
        return -1;
    if (!dl->pending || dl->next.order > order)
        return 0;
    if (dl->next.order < order) {
        warn_at(input_name(dl->in), input_lineno(dl->in),
                "listed record '%.*s' was not met in shard %u", (int)dl->next.id_len,
                dl->next.id, dl->shard);
        dl->failed = true;
        return -1;
    }
    *d = dl->next;
    dl->need_read = true;
    return 1;
}

int droplist_close(struct droplist *dl, bool complete)
{
    bool ok = !dl->failed && complete;
    if (ok && dl->need_read)
        ok = advance(dl);
    if (ok && dl->pending) {
        warn_at(input_name(dl->in), input_lineno(dl->in),
                "listed record '%.*s' is past the end of shard %u (was the shard changed?)",
                (int)dl->next.id_len, dl->next.id, dl->shard);
        ok = false;
    }
    if (input_close(dl->in) != 0)
        ok = false;
    buf_free(&dl->line);
    free(dl);
    return ok || !complete ? 0 : -1;
}
