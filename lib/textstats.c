/* textstats.c — the `stats` of a text (see textstats.h). */
#include "textstats.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
/* Inline: most keys are a few bytes, where the call would cost as much as
 * the hash. */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "buf.h"
#include "diag.h"
#include "swar.h"
#include "textseg.h"
#include "utf8.h"

/* ---- the stop-word list ------------------------------------------------------------------ */

/* The English stop-word list of the Snowball project (Martin Porter,
 * snowball.tartarus.org/algorithms/english/stop.txt): its 174 words,
 * pronouns, forms of be/have/do, modal and negated contractions, articles,
 * conjunctions, prepositions and quantifiers, written out here from that
 * published list. Like the original it leaves out "us" (US, the United
 * States) and "mine" (a coal mine). Sorted in byte order for the binary
 * search; a unit test checks the order and the count. The Gopher rule
 * (Rae et al. 2021) asks for two of its eight words "the be to of and that
 * have with"; the fraction over this longer list is the smoother signal. */
static const char *const STOPWORDS[] = {
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and",
    "any", "are", "aren't", "as", "at", "be", "because", "been", "before", "being",
    "below", "between", "both", "but", "by", "can't", "cannot", "could",
    "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down",
    "during", "each", "few", "for", "from", "further", "had", "hadn't", "has",
    "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her",
    "here", "here's", "hers", "herself", "him", "himself", "his", "how", "how's",
    "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it",
    "it's", "its", "itself", "let's", "me", "more", "most", "mustn't", "my",
    "myself", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other",
    "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shan't",
    "she", "she'd", "she'll", "she's", "should", "shouldn't", "so", "some", "such",
    "than", "that", "that's", "the", "their", "theirs", "them", "themselves",
    "then", "there", "there's", "these", "they", "they'd", "they'll", "they're",
    "they've", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were",
    "weren't", "what", "what's", "when", "when's", "where", "where's", "which",
    "while", "who", "who's", "whom", "why", "why's", "with", "won't", "would",
    "wouldn't", "you", "you'd", "you'll", "you're", "you've", "your", "yours",
    "yourself", "yourselves",
};

#define STOPWORD_COUNT (sizeof STOPWORDS / sizeof STOPWORDS[0])

/* Compare the n bytes of key with the C string word, in byte order. */
static int compare_key(const char *key, size_t n, const char *word)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char k = (unsigned char)key[i], w = (unsigned char)word[i];
        if (w == '\0' || k != w)
            return w == '\0' || k > w ? 1 : -1;
    }
    return word[n] == '\0' ? 0 : -1;
}

/* key: a folded word (lowercase, ’ as '). */
static bool is_stop_key(const char *key, size_t n)
{
    size_t lo = 0, hi = STOPWORD_COUNT;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_key(key, n, STOPWORDS[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

/* The key of a word: simple lowercase mapping (locale-free, one code point
 * for one), and the typographic apostrophes read as '. */
static int32_t fold(int32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp - 'A' + 'a';
    if (cp < 0x80)
        return cp;
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
        return '\'';
    return utf8proc_tolower(cp);
}

/* Append the key of w[0..n) to out. */
static void append_key(const char *w, size_t n, struct buf *out)
{
    for (size_t p = 0; p < n;) {
        int k;
        int32_t cp = fold(textseg_decode(w, n, p, &k));
        if (cp < 0) {
            buf_append(out, w + p, (size_t)k);
        } else {
            char enc[4];
            buf_append(out, enc, (size_t)utf8_encode(cp, enc));
        }
        p += (size_t)k;
    }
}

bool text_stats_is_stopword(const char *w, size_t n)
{
    if (n > 64)
        return false; /* the longest stop word has 10 letters */
    struct buf key = BUF_INIT;
    append_key(w, n, &key);
    bool stop = key.len > 0 && is_stop_key(key.data, key.len);
    buf_free(&key);
    return stop;
}

size_t text_stats_stopword_count(void)
{
    return STOPWORD_COUNT;
}

const char *text_stats_stopword(size_t i)
{
    return i < STOPWORD_COUNT ? STOPWORDS[i] : NULL;
}

/* ---- syllables ---------------------------------------------------------------------------- */

/* The letter cp as a lowercase ASCII letter when it is one with accents
 * removed ("É" -> 'e'), or '#' for a letter of another script. */
static char base_letter(int32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return (char)(cp - 'A' + 'a');
    if (cp >= 'a' && cp <= 'z')
        return (char)cp;
    utf8proc_int32_t parts[8];
    int boundclass = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, parts, 8, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &boundclass);
    if (n >= 1 && parts[0] >= 'a' && parts[0] <= 'z')
        return (char)parts[0];
    return '#';
}

static bool is_vowel(char c)
{
    /* One bit per letter from 'a': a, e, i, o, u and y. */
    enum { VOWELS = 1 << 0 | 1 << 4 | 1 << 8 | 1 << 14 | 1 << 20 | 1 << 24 };
    return c >= 'a' && c <= 'z' && ((VOWELS >> (c - 'a')) & 1);
}

/* A run of letters being counted: its vowel groups and its last letters. */
struct letter_run {
    size_t groups;
    char last[3];    /* last[0] is the latest letter; '\0' when none */
    bool plain_e;    /* the latest letter is "e" or "E" without an accent */
};

/* Push letter c (as base_letter gives it); plain_e: the letter was "e" or
 * "E" without an accent. */
static inline void run_push_base(struct letter_run *r, char c, bool plain_e)
{
    if (is_vowel(c) && !is_vowel(r->last[0]))
        r->groups++;
    r->last[2] = r->last[1];
    r->last[1] = r->last[0];
    r->last[0] = c;
    r->plain_e = plain_e;
}

static void run_push(struct letter_run *r, int32_t cp)
{
    run_push_base(r, base_letter(cp), cp == 'e' || cp == 'E');
}

static bool is_consonant(char c)
{
    return c != '\0' && !is_vowel(c);
}

/* Syllables of a finished run: its vowel groups, less a silent final "e"
 * after a consonant ("make"), unless that leaves none ("the"), the run
 * ends in consonant + "le" ("table") or the "e" has an accent ("café"). */
static size_t run_finish(struct letter_run *r)
{
    size_t groups = r->groups;
    if (r->plain_e && is_consonant(r->last[1]) && groups > 1 &&
        !(r->last[1] == 'l' && is_consonant(r->last[2])))
        groups--;
    memset(r, 0, sizeof *r);
    return groups;
}

/* What ascii_word needs to know of a byte, by one lookup. */
enum {
    BYTE_LETTER = 1,
    BYTE_VOWEL = 2,     /* a e i o u y, either case */
    BYTE_LOWER = 4,
    BYTE_NOT_ASCII = 8,
    BYTE_UPPER = 0x20,  /* the bit that lowercases an ASCII capital */
};

static void byte_classes(unsigned char cls[256])
{
    for (int c = 0; c < 256; c++) {
        bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
        cls[c] = (unsigned char)((upper || lower ? BYTE_LETTER : 0) |
                                 (is_vowel((char)(c | 0x20)) && (upper || lower) ? BYTE_VOWEL : 0) |
                                 (lower ? BYTE_LOWER : 0) | (upper ? BYTE_UPPER : 0) |
                                 (c >= 0x80 ? BYTE_NOT_ASCII : 0));
    }
}

size_t text_stats_syllables(const char *w, size_t n)
{
    struct letter_run run = {0, {0, 0, 0}, false};
    size_t total = 0;
    for (size_t p = 0; p < n;) {
        int k;
        int32_t cp = textseg_decode(w, n, p, &k);
        bool ascii_letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
        utf8proc_category_t c = ascii_letter ? UTF8PROC_CATEGORY_LL
                                : cp < 0     ? UTF8PROC_CATEGORY_CN
                                             : utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            run_push(&run, cp);
        else if (c < UTF8PROC_CATEGORY_MN || c > UTF8PROC_CATEGORY_ME)
            total += run_finish(&run); /* marks are part of their letter */
        p += (size_t)k;
    }
    total += run_finish(&run);
    return total ? total : 1;
}

/* ---- hash tables -------------------------------------------------------------------------- */

/* Open addressing, linear probing, at most half full. A slot is in use
 * when its gen equals the table's: a new record clears the table by
 * bumping gen, so clearing costs nothing whatever the table's size. */
struct slot {
    uint64_t hash;
    uint32_t a, b;         /* the key: see each table's use (offsets < TEXT_LIMIT) */
    unsigned value : 31;   /* a word id */
    unsigned flag : 1;
    uint32_t gen;
};

struct table {
    struct slot *slots; /* owned */
    size_t cap;         /* a power of two */
    size_t size;        /* slots in use in this generation */
    uint32_t gen;
};

enum { TABLE_MIN_CAP = 64, TABLE_KEEP_CAP = 4096 };

static size_t capacity_for(size_t entries)
{
    size_t cap = TABLE_MIN_CAP;
    while (cap < entries * 2)
        cap *= 2;
    return cap;
}

/* Start a new record: forget every entry, and give back the memory of a
 * big table that the last record made more than four times too big. A
 * small one stays: shrinking it would only make the next longer record
 * grow it again, rehashing at each step. */
static void table_clear(struct table *t)
{
    if (!t->slots || (t->cap > TABLE_KEEP_CAP && t->cap > 8 * t->size)) {
        free(t->slots);
        t->cap = capacity_for(t->size);
        t->slots = xcalloc(t->cap, sizeof *t->slots);
        t->gen = 0;
    }
    t->size = 0;
    if (++t->gen == 0) { /* wrapped around: stamps are ambiguous */
        memset(t->slots, 0, t->cap * sizeof *t->slots);
        t->gen = 1;
    }
}

static void table_free(struct table *t)
{
    free(t->slots);
    t->slots = NULL;
}

/* After a record: a table grown past SCRATCH_KEEP_BYTES is given back
 * (table_clear makes a small one for the next). */
static void table_trim(struct table *t)
{
    if (t->cap > SCRATCH_KEEP_BYTES / sizeof *t->slots) {
        table_free(t);
        t->cap = t->size = 0;
    }
}

typedef bool (*slot_matches)(const struct slot *slot, const void *key);

/* The slot holding key, or the free slot where it goes. */
static struct slot *table_find(const struct table *t, uint64_t hash, slot_matches matches,
                               const void *key)
{
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        struct slot *slot = &t->slots[i];
        if (slot->gen != t->gen || (slot->hash == hash && matches(slot, key)))
            return slot;
    }
}

static bool slot_is_free(const struct table *t, const struct slot *slot)
{
    return slot->gen != t->gen;
}

static void table_grow(struct table *t)
{
    struct table bigger = {xcalloc(t->cap * 2, sizeof(struct slot)), t->cap * 2, t->size, 1};
    size_t mask = bigger.cap - 1;
    for (size_t i = 0; i < t->cap; i++) {
        if (slot_is_free(t, &t->slots[i]))
            continue;
        size_t j = (size_t)t->slots[i].hash & mask;
        while (bigger.slots[j].gen == bigger.gen)
            j = (j + 1) & mask;
        bigger.slots[j] = t->slots[i];
        bigger.slots[j].gen = bigger.gen;
    }
    free(t->slots);
    *t = bigger;
}

/* Claim the free slot found for hash. Pointers into the table are stale
 * afterwards (it may grow): fill the slot first. */
static void table_claim(struct table *t, struct slot *slot, uint64_t hash)
{
    slot->gen = t->gen;
    slot->hash = hash;
}

static void table_added(struct table *t)
{
    if (++t->size * 2 > t->cap)
        table_grow(t);
}

/* The hash of every key: the stop-word index below uses it too. */
static uint64_t key_hash(const char *key, size_t n)
{
    return XXH3_64bits(key, n);
}

/* Tables keyed by a span of bytes: a slot holds base[a..a+b), where base
 * is the text (lines, paragraphs) or the keys buffer (words). */
struct span_key {
    const char *base;
    size_t start, len;
};

static bool span_matches(const struct slot *slot, const void *key)
{
    const struct span_key *k = key;
    return slot->b == k->len && memcmp(k->base + slot->a, k->base + k->start, k->len) == 0;
}

/* The slot holding base[start..start+len), or the free slot where it goes;
 * *hash is set for claim_span. */
static struct slot *find_span(const struct table *t, const char *base, size_t start,
                              size_t len, uint64_t *hash)
{
    struct span_key key = {base, start, len};
    *hash = key_hash(base + start, len);
    return table_find(t, *hash, span_matches, &key);
}

static void claim_span(struct table *t, struct slot *slot, uint64_t hash, size_t start,
                       size_t len)
{
    table_claim(t, slot, hash);
    slot->a = (uint32_t)start;
    slot->b = (uint32_t)len;
}

/* ---- the stop words by hash --------------------------------------------------------------- */

/* The stop words indexed by the hash every word key gets anyway, so that
 * a new word of a record costs one probe instead of a binary search. */
enum { STOP_SLOTS = 512 }; /* a power of two, over twice the list */

struct stop_index {
    uint64_t hash[STOP_SLOTS];
    unsigned short word[STOP_SLOTS]; /* 1 + index into STOPWORDS; 0: empty */
};

static void stop_index_build(struct stop_index *ix)
{
    memset(ix, 0, sizeof *ix);
    for (size_t w = 0; w < STOPWORD_COUNT; w++) {
        uint64_t h = key_hash(STOPWORDS[w], strlen(STOPWORDS[w]));
        size_t i = (size_t)h & (STOP_SLOTS - 1);
        while (ix->word[i])
            i = (i + 1) & (STOP_SLOTS - 1);
        ix->hash[i] = h;
        ix->word[i] = (unsigned short)(w + 1);
    }
}

/* Whether the key (a folded word) with hash h is a stop word. */
static bool stop_index_has(const struct stop_index *ix, const char *key, size_t n, uint64_t h)
{
    for (size_t i = (size_t)h & (STOP_SLOTS - 1); ix->word[i]; i = (i + 1) & (STOP_SLOTS - 1)) {
        const char *w = STOPWORDS[ix->word[i] - 1];
        if (ix->hash[i] == h && strlen(w) == n && memcmp(w, key, n) == 0)
            return true;
    }
    return false;
}

/* ---- the scratch -------------------------------------------------------------------------- */

/* Per word of the record, in text order, only its distinct word's id: 4
 * bytes (a word of English is about 6 bytes of text), and one bit for the
 * n-grams; what a distinct word has in common is kept once per distinct
 * word. Positions and counts are 32-bit (see TEXT_LIMIT). */
typedef uint32_t word_index;
/* Texts up to this many bytes: offsets fit 32 bits, and word ids and
 * counts 31 (a word and the gap after it take two bytes at least). */
#define TEXT_LIMIT ((size_t)UINT32_MAX)

struct distinct_word {
    word_index count; /* its occurrences */
    word_index chars; /* its code points */
};

struct text_stats_scratch {
    unsigned char ascii_category[128]; /* utf8proc's category of each ASCII byte */
    unsigned char byte_class[256];     /* see ascii_word */
    struct stop_index stop;
    struct buf keys;      /* the keys of the record's distinct words */
    struct table words;   /* key (a = offset in keys, b = length) -> id */
    struct table ngrams;  /* a = index of the first occurrence, value = count */
    struct table lines;   /* a = offset in the text, b = length */
    struct table paras;   /* the same for paragraphs */
    word_index *word;     /* the id of each word of the record */
    size_t cap;           /* room in word */
    struct distinct_word *distinct; /* by id */
    size_t distinct_cap;
    uint64_t *repeats;    /* bit i: the current n-gram starting at word i may repeat */
    size_t repeats_cap;   /* in uint64_t */
};

struct text_stats_scratch *text_stats_scratch_new(void)
{
    struct text_stats_scratch *s = xcalloc(1, sizeof *s);
    for (int32_t c = 0; c < 128; c++)
        s->ascii_category[c] = (unsigned char)utf8proc_category(c);
    stop_index_build(&s->stop);
    byte_classes(s->byte_class);
    return s;
}

void text_stats_scratch_free(struct text_stats_scratch *s)
{
    if (!s)
        return;
    buf_free(&s->keys);
    table_free(&s->words);
    table_free(&s->ngrams);
    table_free(&s->lines);
    table_free(&s->paras);
    free(s->word);
    free(s->distinct);
    free(s->repeats);
    free(s);
}

/* What a huge record made the scratch grow to is given back at its end. */
static void scratch_trim(struct text_stats_scratch *s)
{
    s->word = array_trim(s->word, &s->cap, sizeof *s->word);
    s->distinct = array_trim(s->distinct, &s->distinct_cap, sizeof *s->distinct);
    s->repeats = array_trim(s->repeats, &s->repeats_cap, sizeof *s->repeats);
    buf_trim(&s->keys);
    table_trim(&s->words);
    table_trim(&s->ngrams);
    table_trim(&s->lines);
    table_trim(&s->paras);
}

/* ---- characters --------------------------------------------------------------------------- */

static bool eight_ascii(const char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return (w & 0x8080808080808080ULL) == 0;
}

/* Count `times` characters of category c into st. */
static void count_char(utf8proc_category_t c, struct text_stats *st, size_t times)
{
    if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) {
        st->letters += times;
        if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
            st->uppercase += times;
    } else if (c == UTF8PROC_CATEGORY_ND) {
        st->digits += times;
    } else if (c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO) {
        st->punct += times;
    }
}

/* ASCII bytes are only tallied in the loop and classified once at the
 * end: a byte costs one increment. */
static void count_chars(const char *text, size_t len, const struct text_stats_scratch *s,
                        struct text_stats *st)
{
    size_t ascii[128] = {0};
    for (size_t p = 0; p < len;) {
        unsigned char b = (unsigned char)text[p];
        if (b < 0x80) {
            ascii[b]++;
            p++;
            continue;
        }
        int n;
        int32_t cp = textseg_decode(text, len, p, &n);
        p += (size_t)n;
        st->chars++;
        if (cp >= 0)
            count_char(utf8proc_category(cp), st, 1);
    }
    for (int b = 0; b < 128; b++) {
        st->chars += ascii[b];
        count_char((utf8proc_category_t)s->ascii_category[b], st, ascii[b]);
    }
}

static size_t code_points(const char *text, size_t from, size_t to)
{
    size_t count = 0, p = from;
    while (p < to) {
        if (to - p >= 8 && eight_ascii(text + p)) { /* a run of ASCII */
            p += 8;
            count += 8;
            continue;
        }
        int n;
        textseg_decode(text, to, p, &n);
        p += (size_t)n;
        count++;
    }
    return count;
}

/* ---- lines and paragraphs ----------------------------------------------------------------- */

/* Whether text[start..start+len) was seen before in t; remember it if not. */
static bool seen_before(struct table *t, const char *text, size_t start, size_t len)
{
    uint64_t hash;
    struct slot *slot = find_span(t, text, start, len, &hash);
    if (!slot_is_free(t, slot))
        return true;
    claim_span(t, slot, hash, start, len);
    table_added(t);
    return false;
}

static bool ends_with(const char *text, size_t from, size_t to, const char *suffix)
{
    size_t n = strlen(suffix);
    return to - from >= n && memcmp(text + to - n, suffix, n) == 0;
}

/* One non-blank line, text[t0..t1) with its spaces trimmed. */
static void add_line(const char *text, size_t t0, size_t t1, struct text_stats_scratch *s,
                     struct text_stats *st)
{
    size_t chars = code_points(text, t0, t1);
    st->lines++;
    st->line_chars += chars;
    st->bullet_lines += textseg_bullet_len(text + t0, t1 - t0) > 0;
    st->ellipsis_lines += ends_with(text, t0, t1, "...") || ends_with(text, t0, t1, "\xE2\x80\xA6");
    if (seen_before(&s->lines, text, t0, t1 - t0)) {
        st->dup_lines++;
        st->dup_line_chars += chars;
    }
}

/* One paragraph, text[p0..p1): its first line's start to its last's end. */
static void add_paragraph(const char *text, size_t p0, size_t p1, struct text_stats_scratch *s,
                          struct text_stats *st)
{
    size_t chars = code_points(text, p0, p1);
    st->paragraphs++;
    st->para_chars += chars;
    if (seen_before(&s->paras, text, p0, p1 - p0)) {
        st->dup_paras++;
        st->dup_para_chars += chars;
    }
}

static void count_lines(const char *text, size_t len, struct text_stats_scratch *s,
                        struct text_stats *st)
{
    table_clear(&s->lines);
    table_clear(&s->paras);
    bool in_para = false;
    size_t p0 = 0, p1 = 0;
    for (size_t p = 0; p < len;) {
        const char *nl = memchr(text + p, '\n', len - p);
        size_t e = nl ? (size_t)(nl - text) : len;
        size_t t0 = textseg_trim_start(text, p, e);
        size_t t1 = textseg_trim_end(text, t0, e);
        if (t0 == t1) {
            if (in_para)
                add_paragraph(text, p0, p1, s, st);
            in_para = false;
        } else {
            add_line(text, t0, t1, s, st);
            if (!in_para)
                p0 = t0;
            in_para = true;
            p1 = t1;
        }
        p = e + 1;
    }
    if (in_para)
        add_paragraph(text, p0, p1, s, st);
}

/* ---- words -------------------------------------------------------------------------------- */

/* The id of the word whose key was just appended to s->keys at start;
 * *stop tells whether it is a stop word. */
static size_t intern_key(struct text_stats_scratch *s, size_t start, bool *stop)
{
    size_t len = s->keys.len - start;
    uint64_t hash;
    struct slot *slot = find_span(&s->words, s->keys.data, start, len, &hash);
    if (!slot_is_free(&s->words, slot)) {
        s->keys.len = start; /* known: drop the copy */
        *stop = slot->flag;
        return slot->value;
    }
    size_t id = s->words.size;
    claim_span(&s->words, slot, hash, start, len);
    slot->value = (unsigned)id & 0x7FFFFFFFu; /* ids < words < TEXT_LIMIT / 2 */
    *stop = stop_index_has(&s->stop, s->keys.data + start, len, hash);
    slot->flag = *stop;
    table_added(&s->words);
    return id;
}

/* What the stats need of one word. */
struct word_shape {
    size_t chars, upper, lower, syllables;
};

/* A run of ASCII letters: the rule of run_push and run_finish, with the
 * last three (lowercase) letters packed in one integer. */
struct ascii_run {
    size_t groups;
    unsigned vowel; /* the latest letter is a vowel */
    uint32_t last;  /* latest letter in the low byte; 0: no letter yet */
};

static size_t ascii_run_finish(struct ascii_run *r)
{
    char l0 = (char)(r->last & 0xFF), l1 = (char)(r->last >> 8 & 0xFF),
         l2 = (char)(r->last >> 16 & 0xFF);
    size_t groups = r->groups;
    if (l0 == 'e' && is_consonant(l1) && groups > 1 && !(l1 == 'l' && is_consonant(l2)))
        groups--;
    r->groups = r->vowel = r->last = 0;
    return groups;
}

/* The shape of an all-ASCII word, its key appended to keys, in one pass
 * with one table lookup a byte: most words of most texts. Gives what
 * any_word gives; returns false (keys unchanged) at a byte that is not
 * ASCII. */
static bool ascii_word(const unsigned char *cls, const char *w, size_t n, struct buf *keys,
                       struct word_shape *shape)
{
    struct ascii_run run = {0, 0, 0};
    if (keys->cap - keys->len <= n)
        buf_reserve(keys, n);
    char *key = keys->data + keys->len;
    *shape = (struct word_shape){n, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i], k = cls[c];
        if (k & BYTE_NOT_ASCII)
            return false;
        key[i] = (char)(c | (k & BYTE_UPPER));
        shape->upper += (k & BYTE_UPPER) != 0;
        shape->lower += (k & BYTE_LOWER) != 0;
        if (k & BYTE_LETTER) {
            unsigned vowel = (k & BYTE_VOWEL) != 0;
            run.groups += vowel & ~run.vowel;
            run.vowel = vowel;
            run.last = run.last << 8 | (unsigned char)key[i];
        } else if (run.last) {
            shape->syllables += ascii_run_finish(&run);
        }
    }
    keys->len += n;
    shape->syllables += ascii_run_finish(&run);
    if (shape->syllables == 0)
        shape->syllables = 1;
    return true;
}

/* The same for any word, character by character. */
static struct word_shape any_word(const char *w, size_t n, struct buf *keys)
{
    struct word_shape shape = {0, 0, 0, text_stats_syllables(w, n)};
    for (size_t p = 0; p < n; shape.chars++) {
        int k;
        int32_t cp = textseg_decode(w, n, p, &k);
        p += (size_t)k;
        if (cp < 0x80) { /* ASCII: A-Z are Lu, a-z Ll, nothing else is cased */
            shape.upper += cp >= 'A' && cp <= 'Z';
            shape.lower += cp >= 'a' && cp <= 'z';
            continue;
        }
        utf8proc_category_t c = utf8proc_category(cp);
        shape.upper += c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        shape.lower += c == UTF8PROC_CATEGORY_LL;
    }
    append_key(w, n, keys);
    return shape;
}

static void add_word(struct text_stats_scratch *s, const char *text, const struct textseg_word *w,
                     struct text_stats *st)
{
    const char *word = text + w->start;
    size_t n = w->end - w->start, start = s->keys.len;
    struct word_shape shape;
    if (!ascii_word(s->byte_class, word, n, &s->keys, &shape))
        shape = any_word(word, n, &s->keys);
    s->word = array_reserve(s->word, &s->cap, st->words + 1, sizeof *s->word);
    size_t distinct = s->words.size;
    bool stop;
    size_t id = intern_key(s, start, &stop);
    if (id == distinct) { /* a new word: the same key has the same code points */
        s->distinct = array_reserve(s->distinct, &s->distinct_cap, id + 1, sizeof *s->distinct);
        s->distinct[id] = (struct distinct_word){0, (word_index)shape.chars};
    }
    s->distinct[id].count++;
    s->word[st->words] = (word_index)id;
    st->words++;
    st->word_chars += shape.chars;
    st->all_caps_words += shape.upper >= 2 && shape.lower == 0;
    st->stopwords += stop;
    st->urls += w->kind == TEXTSEG_URL;
    st->emails += w->kind == TEXTSEG_EMAIL;
    /* A URL or an address is read out as one unit, not letter by letter. */
    st->syllables += w->kind == TEXTSEG_WORD ? shape.syllables : 1;
}

/* Whether the gap between consecutive words a and b is one space after a
 * word that does not end in a full stop: no sentence ends there (what
 * textseg_ends_sentence would say), and most gaps are such. */
static bool plain_space_gap(const char *text, const struct textseg_word *a,
                            const struct textseg_word *b)
{
    return b->start == a->end + 1 && text[a->end] == ' ' && text[a->end - 1] != '.';
}

/* The words, their sentences and the counts of each distinct word, in one
 * walk: a sentence ends between two words or at the end. */
static void count_words(const char *text, size_t len, struct text_stats_scratch *s,
                        struct text_stats *st)
{
    table_clear(&s->words);
    buf_reset(&s->keys);
    struct textseg_words it;
    struct textseg_word w, prev;
    size_t ends = 0;
    textseg_words_init(&it, text, len);
    while (textseg_next_word(&it, &w)) {
        add_word(s, text, &w, st);
        if (st->words > 1 && !plain_space_gap(text, &prev, &w) &&
            textseg_ends_sentence(text, len, &prev, &w))
            ends++;
        prev = w;
    }
    st->unique_words = s->words.size;
    st->sentences = st->words ? ends + 1 : 0;
}

/* ---- n-grams ------------------------------------------------------------------------------ */

/* An n-gram can occur twice only where both its (n-1)-grams do, so each
 * n looks only at the starts the n-1 before it marked `repeats`; the
 * n-grams it skips occur once and can never be the most frequent. */

struct ngram_key {
    const word_index *word;
    size_t start, n;
};

static bool ngram_matches(const struct slot *slot, const void *key)
{
    const struct ngram_key *k = key;
    return memcmp(k->word + slot->a, k->word + k->start, k->n * sizeof *k->word) == 0;
}

static uint64_t ngram_hash(const word_index *word, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = (h ^ word[i]) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

/* Bits 0..last of a block: all of them unless the block holds bit `last`
 * of the whole array (block j of 64). */
static uint64_t bits_upto(size_t j, size_t last)
{
    if (j < last / 64)
        return ~(uint64_t)0;
    unsigned top = (unsigned)(last % 64);
    return top == 63 ? ~(uint64_t)0 : ((uint64_t)1 << (top + 1)) - 1;
}

/* The n-gram that wins: most occurrences, then most characters, then the
 * earliest first occurrence. */
struct top_ngram {
    size_t count, chars, first;
};

static bool beats(const struct top_ngram *x, const struct top_ngram *y)
{
    if (x->count != y->count)
        return x->count > y->count;
    if (x->chars != y->chars)
        return x->chars > y->chars;
    return x->first < y->first;
}

/* The slot of the n-gram starting at word i, or the free slot where it
 * goes; *hash is set for table_claim. */
static struct slot *find_ngram(const struct text_stats_scratch *s, size_t i, size_t n,
                               uint64_t *hash)
{
    struct ngram_key key = {s->word, i, n};
    *hash = ngram_hash(s->word + i, n);
    return table_find(&s->ngrams, *hash, ngram_matches, &key);
}

/* Count the n-gram starting at i (whose (n-1)-grams repeat) and return
 * it as a candidate: count 1 when it is new. */
static struct top_ngram count_ngram(struct text_stats_scratch *s, size_t i, size_t n)
{
    uint64_t hash;
    struct slot *slot = find_ngram(s, i, n, &hash);
    struct top_ngram candidate = {1, 0, i};
    if (slot_is_free(&s->ngrams, slot)) {
        table_claim(&s->ngrams, slot, hash);
        slot->a = (uint32_t)i;
        slot->value = 1;
        table_added(&s->ngrams);
        return candidate;
    }
    candidate.first = slot->a;
    candidate.count = ++slot->value; /* < words < 2^31 */
    for (size_t k = 0; k < n; k++)
        candidate.chars += s->distinct[s->word[candidate.first + k]].chars;
    return candidate;
}

/* The most frequent n-gram. The repeats bits become those of the
 * n-grams, in place, 64 at a time: a block's candidates (both
 * (n-1)-grams at i and i + 1 repeat) are taken from its bits before any
 * is written, and an n-gram seen again sets the bit of its first
 * occurrence, which is behind (in this block's new bits or in a block
 * already done). Only the candidates are looked at. */
static struct top_ngram find_top_ngram(struct text_stats_scratch *s, size_t words, size_t n)
{
    struct top_ngram top = {0, 0, 0};
    table_clear(&s->ngrams);
    uint64_t *bits = s->repeats;
    size_t last = words - n, blocks = words / 64 + 1; /* words >= n */
    for (size_t j = 0; j <= last / 64; j++) {
        uint64_t old = bits[j], after = j + 1 < blocks ? bits[j + 1] : 0, now = 0;
        uint64_t candidates = old & (old >> 1 | after << 63) & bits_upto(j, last);
        for (; candidates; candidates &= candidates - 1) {
            size_t i = j * 64 + swar_lowest_bit(candidates);
            struct top_ngram candidate = count_ngram(s, i, n);
            if (candidate.count < 2)
                continue;
            now |= (uint64_t)1 << (i % 64);
            if (candidate.first / 64 == j)
                now |= (uint64_t)1 << (candidate.first % 64);
            else
                bits[candidate.first / 64] |= (uint64_t)1 << (candidate.first % 64);
            if (beats(&candidate, &top))
                top = candidate;
        }
        bits[j] = now;
    }
    return top;
}

static bool same_ngram(const word_index *a, const word_index *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            return false;
    return true;
}

/* Code points of the words covered by the most frequent n-gram, each word
 * counted once where occurrences overlap; 0 when no n-gram repeats. Every
 * occurrence has its repeats bit set (find_top_ngram just did). */
static size_t covered_chars(const struct text_stats_scratch *s, size_t words, size_t n,
                            const struct top_ngram *top)
{
    const word_index *word = s->word;
    size_t covered = 0, counted_until = 0, last = words - n;
    for (size_t j = top->first / 64; j <= last / 64; j++) {
        uint64_t set = s->repeats[j] & bits_upto(j, last);
        if (j == top->first / 64)
            set &= ~(uint64_t)0 << (top->first % 64);
        for (; set; set &= set - 1) {
            size_t i = j * 64 + swar_lowest_bit(set);
            if (!same_ngram(word + i, word + top->first, n))
                continue;
            for (size_t k = i > counted_until ? i : counted_until; k < i + n; k++)
                covered += s->distinct[word[k]].chars;
            counted_until = i + n;
        }
    }
    return covered;
}

static void count_ngrams(struct text_stats_scratch *s, struct text_stats *st)
{
    size_t words = st->words;
    if (st->unique_words == words)
        return; /* no word repeats, so no n-gram does */
    size_t blocks = words / 64 + 1;
    s->repeats = array_reserve(s->repeats, &s->repeats_cap, blocks, sizeof *s->repeats);
    for (size_t j = 0; j < blocks; j++) {
        uint64_t block = 0;
        for (size_t k = 0; k < 64 && j * 64 + k < words; k++)
            block |= (uint64_t)(s->distinct[s->word[j * 64 + k]].count > 1) << k;
        s->repeats[j] = block;
    }
    for (size_t n = 2; n <= 4 && n <= words; n++) {
        struct top_ngram top = find_top_ngram(s, words, n);
        if (top.count < 2)
            return; /* no n-gram repeats, so no longer one does */
        st->top_ngram_chars[n - 2] = covered_chars(s, words, n, &top);
    }
}

/* ---- the stats ---------------------------------------------------------------------------- */

static double ratio(size_t part, size_t whole)
{
    return whole ? (double)part / (double)whole : 0.0;
}

static void derive(struct text_stats *st)
{
    st->mean_word_length = ratio(st->word_chars, st->words);
    st->upper_fraction = ratio(st->uppercase, st->letters);
    st->all_caps_word_fraction = ratio(st->all_caps_words, st->words);
    st->digit_fraction = ratio(st->digits, st->chars);
    st->punct_fraction = ratio(st->punct, st->chars);
    st->stopword_fraction = ratio(st->stopwords, st->words);
    st->unique_word_fraction = ratio(st->unique_words, st->words);
    st->dup_line_fraction = ratio(st->dup_lines, st->lines);
    st->dup_line_char_fraction = ratio(st->dup_line_chars, st->line_chars);
    st->dup_para_fraction = ratio(st->dup_paras, st->paragraphs);
    st->dup_para_char_fraction = ratio(st->dup_para_chars, st->para_chars);
    st->top_2gram_char_fraction = ratio(st->top_ngram_chars[0], st->word_chars);
    st->top_3gram_char_fraction = ratio(st->top_ngram_chars[1], st->word_chars);
    st->top_4gram_char_fraction = ratio(st->top_ngram_chars[2], st->word_chars);
    st->bullet_line_fraction = ratio(st->bullet_lines, st->lines);
    st->ellipsis_line_fraction = ratio(st->ellipsis_lines, st->lines);
    st->flesch_reading_ease = st->words ? 206.835 - 1.015 * ratio(st->words, st->sentences) -
                                              84.6 * ratio(st->syllables, st->words)
                                        : 0.0;
}

void text_stats_compute(const char *text, size_t len, struct text_stats_scratch *s,
                        struct text_stats *st)
{
    memset(st, 0, sizeof *st);
    if (len > TEXT_LIMIT)
        die(1, "a text of %zu bytes is too long to measure (the limit is %zu)", len, TEXT_LIMIT);
    st->bytes = len;
    count_chars(text, len, s, st);
    count_lines(text, len, s, st);
    count_words(text, len, s, st);
    count_ngrams(s, st);
    derive(st);
    scratch_trim(s);
}

/* ---- JSON --------------------------------------------------------------------------------- */

enum member_type { MEMBER_COUNT, MEMBER_REAL };

/* name: the member's key as it is written, quotes and colon included. */
static const struct member {
    const char *name;
    size_t name_len;
    enum member_type type;
    size_t offset;
} MEMBERS[] = {
#define COUNT(m) {"\"" #m "\":", sizeof #m + 2, MEMBER_COUNT, offsetof(struct text_stats, m)}
#define REAL(m) {"\"" #m "\":", sizeof #m + 2, MEMBER_REAL, offsetof(struct text_stats, m)}
    COUNT(bytes), COUNT(chars), COUNT(words), COUNT(sentences), COUNT(paragraphs),
    COUNT(lines), REAL(mean_word_length), REAL(upper_fraction),
    REAL(all_caps_word_fraction), REAL(digit_fraction), REAL(punct_fraction),
    REAL(stopword_fraction), REAL(unique_word_fraction), REAL(dup_line_fraction),
    REAL(dup_line_char_fraction), REAL(dup_para_fraction), REAL(dup_para_char_fraction),
    REAL(top_2gram_char_fraction), REAL(top_3gram_char_fraction),
    REAL(top_4gram_char_fraction), REAL(bullet_line_fraction),
    REAL(ellipsis_line_fraction), COUNT(urls), COUNT(emails), REAL(flesch_reading_ease),
#undef COUNT
#undef REAL
};

/* x rounded to 4 decimals, half away from zero, without trailing zeros,
 * written at p; returns the end. Digits are printed as integers, so the
 * locale's decimal point never shows. */
static char *put_real(char *p, double x)
{
    long long v = isfinite(x) ? llround(x * 10000.0) : 0;
    if (v < 0) {
        *p++ = '-';
        v = -v;
    }
    p = buf_put_uint(p, (unsigned long long)(v / 10000), 1);
    int frac = (int)(v % 10000), digits = 4;
    if (frac == 0)
        return p;
    while (frac % 10 == 0) {
        frac /= 10;
        digits--;
    }
    *p++ = '.';
    return buf_put_uint(p, (unsigned long long)frac, (unsigned)digits);
}

/* Room for the whole object: the names, and per member a separator, a
 * sign, a point and digits. */
enum { STATS_JSON_MAX = 1024 + 25 * (3 + 2 * BUF_UINT_MAX) };

void text_stats_append_json(const struct text_stats *st, struct buf *out)
{
    buf_reserve(out, STATS_JSON_MAX);
    char *p = out->data + out->len;
    *p++ = '{';
    for (size_t i = 0; i < sizeof MEMBERS / sizeof MEMBERS[0]; i++) {
        const struct member *m = &MEMBERS[i];
        const char *field = (const char *)st + m->offset;
        if (i)
            *p++ = ',';
        memcpy(p, m->name, m->name_len);
        p += m->name_len;
        if (m->type == MEMBER_COUNT) {
            size_t v;
            memcpy(&v, field, sizeof v);
            p = buf_put_uint(p, v, 1);
        } else {
            double v;
            memcpy(&v, field, sizeof v);
            p = put_real(p, v);
        }
    }
    *p++ = '}';
    out->len = (size_t)(p - out->data);
    out->data[out->len] = '\0';
}

void text_stats_json(const char *text, size_t len, struct text_stats_scratch *s, struct buf *out)
{
    struct text_stats st;
    text_stats_compute(text, len, s, &st);
    text_stats_append_json(&st, out);
}
