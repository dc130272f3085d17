/* rxstart.c — where a set of PCRE2 expressions can start (see rxstart.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rxstart.h"

#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "swar.h"

typedef uint32_t exprmask; /* bit e: expression e */

enum {
    KEY_WORD = 10, /* letters of a word a key holds */
    KEY_AFTER = 3, /* and the ASCII bytes after them */
    /* A key reads at most KEY_WORD + KEY_AFTER bytes from its position
     * (or 4 + 4 + 1 when it starts with no letter): a position further
     * than this from the end of a subject has the same key in it as in
     * the whole text. */
    REACH = 16,
    /* Keys are kept in an open-addressing table of KEY_SLOTS, at most
     * half full; a text with more distinct keys than that (English has a
     * few tens of thousands) empties it and starts over. */
    KEY_SLOTS = 1 << 16,
    SIEVE_CHUNK = 4096, /* positions sieved at a time */
};

/* What PCRE2 said about one key: the expressions asked, and those of them
 * that may start there. */
struct answers {
    exprmask known, can;
};

/* A longer key: the tiny subject itself (see make_key), zero-padded. */
struct key {
    unsigned char len, at; /* 0, 0: an empty slot */
    char s[1 + KEY_WORD + KEY_AFTER];
};

/* Keys are hashed and compared as two words. */
_Static_assert(sizeof(struct key) == 16, "a key is 16 bytes");

struct keyed {
    struct key key;
    struct answers answers;
};

/* Positions are 32-bit: half the memory of a huge text's candidates. A
 * longer text gets no lists (rxstart_next then asks position by position). */
#define LIST_LIMIT ((size_t)UINT32_MAX)

struct list {
    uint32_t *pos; /* owned */
    size_t n, cap;
};

struct rxstart {
    const pcre2_code *codes[RXSTART_MAX];
    size_t n;
    exprmask all;
    pcre2_match_data *match_data;
    exprmask first[256];          /* by the byte at the position alone */
    struct answers after[128][128]; /* [ASCII byte before][ASCII byte at] */
    struct answers pair[128][128];  /* [ASCII byte at][ASCII byte after] */
    struct answers triple[26][26][26]; /* three lowercase letters from p on */
    /* Bit [c][d] of dead_pair: no expression starts with the ASCII bytes
     * c, d; of dead_after: none starts at d after c (asked of all of them).
     * Tests in tables small enough for the first-level cache, for the
     * positions asked one by one. */
    uint64_t dead_pair[128][2], asked_pair[128][2];
    uint64_t dead_after[128][2], asked_after[128][2];
    /* What the first sieve reads, a byte per pair of bytes (any bytes):
     * live_pair[c][d] is 0 when no expression starts at c (first) or with
     * c, d (dead_pair); live_after[b][c] is 0 when none starts at c after b
     * (dead_after). Kept in step with the dead bits. Two loads a byte
     * instead of the bit tests: the sieve reads every byte of a text, and
     * the pairs of a language are few enough to stay cached. */
    unsigned char live_pair[256][256], live_after[256][256];
    struct keyed *keyed;            /* KEY_SLOTS */
    size_t keys_held;
    struct list lists[RXSTART_MAX];
    size_t cursor[RXSTART_MAX];     /* where rxstart_next last stopped in each */
    size_t scanned;                 /* the length of the last text scanned */
    exprmask listed;                /* whose lists hold that text's candidates */
    size_t alive[SIEVE_CHUNK];      /* what the first sieve let through */
};

/* ---- asking PCRE2 ------------------------------------------------------- */

/* The expressions of want that may start a match at offset at of the tiny
 * subject s[0..len): anchored there, a hard partial match succeeds or runs
 * into the end of s. Any other failure (a limit) counts as "may". */
static exprmask learn(struct rxstart *rs, exprmask want, const char *s, size_t len, size_t at)
{
    exprmask can = 0;
    for (size_t e = 0; e < rs->n; e++) {
        if (!(want >> e & 1))
            continue;
        /* Not PCRE2_ANCHORED here: the code is anchored already, and the
         * option at match time would keep the JIT out. */
        int rc = pcre2_match(rs->codes[e], (PCRE2_SPTR)s, len, at,
                             PCRE2_PARTIAL_HARD | PCRE2_NO_UTF_CHECK, rs->match_data, NULL);
        if (rc != PCRE2_ERROR_NOMATCH)
            can |= (exprmask)1 << e;
    }
    return can;
}

/* The expressions of want that may start where the key of a stands,
 * asking PCRE2 only about those not asked before. */
static exprmask ask(struct rxstart *rs, struct answers *a, exprmask want, const char *s,
                    size_t len, size_t at)
{
    exprmask unknown = want & ~a->known;
    if (unknown) {
        a->can |= learn(rs, unknown, s, len, at);
        a->known |= unknown;
    }
    return a->can & want;
}

struct rxstart *rxstart_new(const void *const *codes, size_t n)
{
    if (n > RXSTART_MAX)
        die(EXIT_BAD_INPUT, "rxstart: %zu expressions, at most %d", n, RXSTART_MAX);
    struct rxstart *rs = xcalloc(1, sizeof *rs);
    for (size_t e = 0; e < n; e++)
        rs->codes[e] = codes[e];
    rs->n = n;
    rs->all = (exprmask)(((uint64_t)1 << n) - 1);
    rs->match_data = pcre2_match_data_create(1, NULL);
    if (!rs->match_data)
        die(EXIT_BAD_INPUT, "out of memory");
    rs->keyed = xcalloc(KEY_SLOTS, sizeof *rs->keyed);
    for (int b = 0; b < 0x80; b++) {
        char s = (char)b;
        rs->first[b] = learn(rs, rs->all, &s, 1, 0);
    }
    /* A continuation byte starts no character; a lead byte is decided by
     * the longer key, which holds its whole character. */
    for (int b = 0xC0; b < 0x100; b++)
        rs->first[b] = rs->all;
    for (int c = 0; c < 256; c++)
        memset(rs->live_pair[c], rs->first[c] != 0, sizeof rs->live_pair[c]);
    memset(rs->live_after, 1, sizeof rs->live_after);
    return rs;
}

void rxstart_free(struct rxstart *rs)
{
    if (!rs)
        return;
    for (size_t e = 0; e < rs->n; e++)
        free(rs->lists[e].pos);
    free(rs->keyed);
    pcre2_match_data_free(rs->match_data);
    free(rs);
}

/* ---- the keys ----------------------------------------------------------- */

static bool is_ascii(unsigned char c)
{
    return c < 0x80;
}

/* Byte length of the (valid) UTF-8 character whose lead byte is c. */
static size_t char_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static bool is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

/* The candidates of m at p by the ASCII bytes around it: the byte before
 * (lookbehinds) with the byte at p, then the byte at p with the next, then
 * (most of text) three lowercase letters. */
static exprmask by_pairs(struct rxstart *rs, const char *t, size_t end, size_t p, exprmask m)
{
    unsigned char c = (unsigned char)t[p];
    if (p > 0 && is_ascii((unsigned char)t[p - 1])) {
        char s[2] = {t[p - 1], t[p]};
        m = ask(rs, &rs->after[(unsigned char)t[p - 1]][c], m, s, 2, 1);
    }
    if (m && p + 1 < end && is_ascii((unsigned char)t[p + 1])) {
        char s[2] = {t[p], t[p + 1]};
        m = ask(rs, &rs->pair[c][(unsigned char)t[p + 1]], m, s, 2, 0);
    }
    if (m && p + 2 < end && is_lower(c) && is_lower((unsigned char)t[p + 1]) &&
        is_lower((unsigned char)t[p + 2])) {
        struct answers *a = &rs->triple[c - 'a'][t[p + 1] - 'a'][t[p + 2] - 'a'];
        m = ask(rs, a, m, t + p, 3, 0);
    }
    return m;
}

static bool is_ascii_letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Append to k the characters of t[q..end) that the key takes: a word's
 * letters and the few ASCII bytes after them (what tells "in excess"
 * from "in the"); else the character, the next one and one ASCII byte. */
static void key_bytes(const char *t, size_t end, size_t q, struct key *k)
{
    size_t n = k->len;
    if (is_ascii_letter((unsigned char)t[q])) {
        size_t letters = 0;
        while (q < end && letters < KEY_WORD && is_ascii_letter((unsigned char)t[q])) {
            k->s[n++] = t[q++];
            letters++;
        }
        bool long_word = q < end && is_ascii_letter((unsigned char)t[q]);
        for (size_t i = 0; !long_word && i < KEY_AFTER && q < end && is_ascii((unsigned char)t[q]); i++)
            k->s[n++] = t[q++];
    } else {
        for (int part = 0; part < 2 && q < end; part++) {
            size_t bytes = char_len((unsigned char)t[q]);
            memcpy(k->s + n, t + q, bytes);
            n += bytes;
            q += bytes;
        }
        if (q < end && is_ascii((unsigned char)t[q]))
            k->s[n++] = t[q++];
    }
    k->len = (unsigned char)n;
}

/* The key of p in the subject t[0..end): the byte before it (when ASCII),
 * then key_bytes from p; p at k->at. */
static void make_key(const char *t, size_t end, size_t p, struct key *k)
{
    memset(k, 0, sizeof *k);
    if (p > 0 && is_ascii((unsigned char)t[p - 1]))
        k->s[k->len++] = t[p - 1];
    k->at = k->len;
    key_bytes(t, end, p, k);
}

static bool same_key(const struct key *a, const uint64_t b[2])
{
    uint64_t w[2];
    memcpy(w, a, sizeof w);
    return w[0] == b[0] && w[1] == b[1];
}

static size_t key_slot(const uint64_t w[2])
{
    uint64_t h = w[0] * 0x9E3779B97F4A7C15ULL ^ w[1] * 0xC2B2AE3D27D4EB4FULL;
    return (size_t)(h >> 40) & (KEY_SLOTS - 1);
}

/* The slot of key, claimed if the key is new. */
static struct keyed *find_key(struct rxstart *rs, const struct key *key)
{
    uint64_t w[2];
    memcpy(w, key, sizeof w);
    for (size_t i = key_slot(w);; i = (i + 1) & (KEY_SLOTS - 1)) {
        struct keyed *slot = &rs->keyed[i];
        if (same_key(&slot->key, w))
            return slot;
        if (slot->key.len == 0) {
            if (++rs->keys_held * 2 > KEY_SLOTS) { /* full: forget every key */
                memset(rs->keyed, 0, KEY_SLOTS * sizeof *rs->keyed);
                rs->keys_held = 1;
                slot = &rs->keyed[key_slot(w)];
            }
            slot->key = *key;
            return slot;
        }
    }
}

static exprmask by_key(struct rxstart *rs, const char *t, size_t end, size_t p, exprmask m)
{
    struct key key;
    make_key(t, end, p, &key);
    struct keyed *slot = find_key(rs, &key);
    return ask(rs, &slot->answers, m, key.s, key.len, key.at);
}

/* The expressions of m that the bytes around p leave possible at p in the
 * subject t[0..end): what remains for the key to decide. */
static exprmask by_bytes(struct rxstart *rs, const char *t, size_t end, size_t p, exprmask m)
{
    m &= rs->first[(unsigned char)t[p]];
    if (m && is_ascii((unsigned char)t[p]))
        m = by_pairs(rs, t, end, p, m);
    return m;
}

/* The expressions of m that may start at p in the subject t[0..end). */
static exprmask candidates_at(struct rxstart *rs, const char *t, size_t end, size_t p, exprmask m)
{
    m = by_bytes(rs, t, end, p, m);
    return m ? by_key(rs, t, end, p, m) : 0;
}

/* ---- scanning ----------------------------------------------------------- */

static void list_push(struct list *l, size_t pos)
{
    l->pos = array_reserve(l->pos, &l->cap, l->n + 1, sizeof *l->pos);
    l->pos[l->n++] = (uint32_t)pos; /* < LIST_LIMIT: see rxstart_scan */
}

/* Whether no expression can start with the ASCII bytes c, d (after:
 * at d after c), asking all of them the first time. */
static bool is_dead(struct rxstart *rs, unsigned char c, unsigned char d, bool after)
{
    uint64_t bit = (uint64_t)1 << (d & 63);
    uint64_t *dead = after ? rs->dead_after[c] : rs->dead_pair[c];
    uint64_t *asked = after ? rs->asked_after[c] : rs->asked_pair[c];
    if (!(asked[d >> 6] & bit)) {
        char s[2] = {(char)c, (char)d};
        struct answers *a = after ? &rs->after[c][d] : &rs->pair[c][d];
        if (!ask(rs, a, rs->all, s, 2, after ? 1 : 0)) {
            dead[d >> 6] |= bit;
            if (after)
                rs->live_after[c][d] = 0;
            else
                rs->live_pair[c][d] = 0;
        }
        asked[d >> 6] |= bit;
    }
    return dead[d >> 6] >> (d & 63) & 1;
}

/* 1 unless the table says for sure (without asking) that no expression
 * starts with c, d (after: at d after c). */
static uint64_t may(const uint64_t dead[128][2], unsigned char c, unsigned char d)
{
    if ((c | d) & 0x80)
        return 1;
    return ~dead[c][d >> 6] >> (d & 63) & 1;
}

/* The first sieve, without a branch per byte (those mispredict on text):
 * the positions of text[from..to) (to < len) whose byte and the next may
 * start some expression go to rs->alive; returns how many. */
static size_t sieve(struct rxstart *rs, const char *text, size_t from, size_t to)
{
    size_t n = 0;
    unsigned char before = from > 0 ? (unsigned char)text[from - 1] : 0x80;
    for (size_t p = from; p < to; p++) {
        unsigned char c = (unsigned char)text[p];
        rs->alive[n] = p;
        n += rs->live_pair[c][(unsigned char)text[p + 1]] & rs->live_after[before][c];
        before = c;
    }
    return n;
}

/* A hint that *p will be read soon; nothing else. */
#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* The expressions that the bytes around p leave possible there, 0 for
 * the pairs the sieve had not asked about yet that no expression starts. */
static exprmask scan_by_bytes(struct rxstart *rs, const char *text, size_t len, size_t p)
{
    unsigned char c = (unsigned char)text[p];
    if (p + 1 < len && is_ascii(c) && is_ascii((unsigned char)text[p + 1]) &&
        is_dead(rs, c, (unsigned char)text[p + 1], false))
        return 0;
    if (p > 0 && is_ascii(c) && is_ascii((unsigned char)text[p - 1]) &&
        is_dead(rs, (unsigned char)text[p - 1], c, true))
        return 0;
    return by_bytes(rs, text, len, p, rs->all);
}

/* A position waiting for its key's answers. */
struct pending {
    size_t p;
    exprmask m;
    struct key key;
};

enum { BATCH = 16 };

/* Add the positions pos[0..n) (n <= BATCH, increasing) to the lists of
 * the expressions that may start there. Most of the time of a scan went
 * in waiting for the key table (far bigger than a cache): the keys of a
 * batch are made first and their slots fetched together, then looked up. */
static void scan_batch(struct rxstart *rs, const char *text, size_t len, const size_t *pos,
                       size_t n)
{
    struct pending pend[BATCH];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        exprmask m = scan_by_bytes(rs, text, len, pos[i]);
        if (!m)
            continue;
        struct pending *q = &pend[k++];
        q->p = pos[i];
        q->m = m;
        make_key(text, len, pos[i], &q->key);
        uint64_t w[2];
        memcpy(w, &q->key, sizeof w);
        PREFETCH(&rs->keyed[key_slot(w)]);
    }
    for (size_t i = 0; i < k; i++) {
        const struct pending *q = &pend[i];
        struct keyed *slot = find_key(rs, &q->key);
        exprmask m = ask(rs, &slot->answers, q->m, q->key.s, q->key.len, q->key.at);
        for (; m; m &= m - 1)
            list_push(&rs->lists[swar_lowest_bit(m)], q->p);
    }
}

void rxstart_forget(struct rxstart *rs, size_t e)
{
    struct list *l = &rs->lists[e];
    l->n = rs->cursor[e] = 0;
    l->pos = array_trim(l->pos, &l->cap, sizeof *l->pos);
    rs->listed &= ~((exprmask)1 << e);
}

/* Every list forgotten: before the next text. */
static void forget_all(struct rxstart *rs)
{
    for (size_t e = 0; e < rs->n; e++)
        rxstart_forget(rs, e);
}

void rxstart_scan(struct rxstart *rs, const char *text, size_t len)
{
    forget_all(rs);
    rs->scanned = len;
    if (len > LIST_LIMIT)
        return;
    rs->listed = rs->all;
    size_t last = len > 0 ? len - 1 : 0; /* the sieve reads a byte ahead */
    for (size_t from = 0; from < last; from += SIEVE_CHUNK) {
        size_t to = last - from > SIEVE_CHUNK ? from + SIEVE_CHUNK : last;
        size_t n = sieve(rs, text, from, to);
        for (size_t i = 0; i < n; i += BATCH)
            scan_batch(rs, text, len, rs->alive + i, n - i < BATCH ? n - i : BATCH);
    }
    if (len > 0 && rs->first[(unsigned char)text[last]])
        scan_batch(rs, text, len, &last, 1);
}

/* Index of the first position >= from in l. */
static size_t lower_bound(const struct list *l, size_t from)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->pos[mid] < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether expression e may start at p in the subject text[0..end),
 * dismissing first what the bytes at p and around it settle. */
static bool may_start_near(struct rxstart *rs, size_t e, const char *text, size_t end, size_t p)
{
    unsigned char c = (unsigned char)text[p];
    if (!(rs->first[c] >> e & 1))
        return false;
    if (p > 0 && !may(rs->dead_after, (unsigned char)text[p - 1], c))
        return false;
    if (p + 1 < end && !may(rs->dead_pair, c, (unsigned char)text[p + 1]))
        return false;
    return candidates_at(rs, text, end, p, (exprmask)1 << e) != 0;
}

size_t rxstart_next(struct rxstart *rs, size_t e, const char *text, size_t end, size_t from)
{
    /* Far from end, the scan's list holds the answer; near it, the keys
     * differ (the subject ends sooner) and are asked again, unless the
     * subject is the text scanned. */
    size_t far = !(rs->listed >> e & 1) ? 0
                 : end == rs->scanned      ? end
                 : end > REACH             ? end - REACH
                                           : 0;
    if (from < far) {
        /* Callers mostly go forward: start from where the last call
         * stopped, and search only when they went back. */
        const struct list *l = &rs->lists[e];
        size_t i = rs->cursor[e];
        if (i > 0 && l->pos[i - 1] >= from)
            i = lower_bound(l, from);
        while (i < l->n && l->pos[i] < from)
            i++;
        rs->cursor[e] = i;
        if (i < l->n && l->pos[i] < far)
            return l->pos[i];
        from = far;
    }
    for (size_t p = from; p < end; p++)
        if (may_start_near(rs, e, text, end, p))
            return p;
    return end;
}
