/* normalize.c — the normalization chain (see normalize.h). */
#include "normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "entities.h"
#include "mojibake.h"
#include "normquick.h"
#include "swar.h"

#if defined(__SSE2__) && !defined(WINNOW_NO_SIMD)
#include <emmintrin.h>
#endif
#include "unorm.h"
#include "utf8.h"

enum { MAX_PASSES = 4 };

struct normalizer {
    unsigned steps;
    enum norm_form form;
    struct buf a, b;      /* the text between steps, in turn */
    struct buf scratch;   /* working space of a step */
    struct unorm unicode;
    struct norm_quick quick; /* which steps a text needs */
    bool every_step;         /* no quick check (for the tests) */
    unsigned char ascii_key[128]; /* enum key_class of each ASCII character */
};

static void fill_ascii_key(unsigned char table[128]);

static const char *const step_names[NORM_STEP_COUNT] = {
    "mojibake", "entities", "nfc", "controls", "spaces", "punct", "lower"};

const char *norm_step_name(enum norm_step step, enum norm_form form)
{
    if (step == NORM_UNICODE && form == NORM_NFKC)
        return "nfkc";
    return step_names[step];
}

int norm_step_parse(const char *name, size_t len, enum norm_form *form)
{
    if (len == 4 && memcmp(name, "nfkc", 4) == 0) {
        if (form)
            *form = NORM_NFKC;
        return NORM_UNICODE;
    }
    for (int i = 0; i < NORM_STEP_COUNT; i++) {
        if (strlen(step_names[i]) == len && memcmp(step_names[i], name, len) == 0) {
            if (i == NORM_UNICODE && form)
                *form = NORM_NFC;
            return i;
        }
    }
    return -1;
}

struct normalizer *normalizer_new(unsigned steps, enum norm_form form)
{
    struct normalizer *nz = xcalloc(1, sizeof *nz);
    nz->steps = steps;
    nz->form = form;
    norm_quick_init(&nz->quick);
    fill_ascii_key(nz->ascii_key);
    return nz;
}

void normalizer_free(struct normalizer *nz)
{
    if (!nz)
        return;
    buf_free(&nz->a);
    buf_free(&nz->b);
    buf_free(&nz->scratch);
    unorm_free(&nz->unicode);
    norm_quick_free(&nz->quick);
    free(nz);
}

void normalizer_run_every_step(struct normalizer *nz, bool every_step)
{
    nz->every_step = every_step;
}

size_t normalizer_footprint(const struct normalizer *nz)
{
    return nz->a.cap + nz->b.cap + nz->scratch.cap +
           nz->unicode.cap * sizeof *nz->unicode.cps + norm_quick_footprint(&nz->quick);
}

/* ---- characters ------------------------------------------------------- */

static void append_cp(struct buf *out, int32_t cp)
{
    char enc[4];
    buf_append(out, enc, (size_t)utf8_encode(cp, enc));
}

/* Next character of s[*i..n): its code point (-1 if ill-formed) and *i
 * moved past it. */
static int32_t next_cp(const char *s, size_t n, size_t *i)
{
    int32_t cp;
    *i += (size_t)utf8_decode(s + *i, n - *i, &cp);
    return cp;
}

static utf8proc_category_t category(int32_t cp)
{
    return cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
}

/* ---- controls ---------------------------------------------------------- */

/* ZWJ and ZWNJ carry meaning between letters, marks and symbols. */
static bool joins(int32_t cp)
{
    utf8proc_category_t c = category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) ||
           c == UTF8PROC_CATEGORY_SO || c == UTF8PROC_CATEGORY_SK;
}

static bool is_joiner(int32_t cp)
{
    return cp == 0x200C || cp == 0x200D;
}

/* The character before s[i], or -1. */
static int32_t cp_before(const char *s, size_t i)
{
    size_t start = i;
    while (start > 0) {
        start--;
        if (((unsigned char)s[start] & 0xC0) != 0x80 || i - start == 4)
            break;
    }
    if (start == i)
        return -1;
    size_t j = start;
    int32_t cp = next_cp(s, i, &j);
    return j == i ? cp : -1;
}

/* What the controls step makes of the character cp at s[at..next): -1 keep
 * it, 0 drop it, '\n' a line break. */
static int control_verdict(const char *s, size_t n, size_t at, size_t next, int32_t cp)
{
    if (cp == '\n' || cp == '\t')
        return -1;
    if (cp == '\r')
        return next < n && s[next] == '\n' ? 0 : '\n';
    if (cp == '\v' || cp == '\f' || cp == 0x85)
        return '\n';
    utf8proc_category_t c = category(cp);
    if (c != UTF8PROC_CATEGORY_CC && c != UTF8PROC_CATEGORY_CF)
        return -1;
    if (is_joiner(cp) && next < n) {
        size_t j = next;
        if (joins(cp_before(s, at)) && joins(next_cp(s, n, &j)))
            return -1;
    }
    return 0;
}

static bool ascii_clean(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c == 0x7F || (c < 0x20 && c != '\n' && c != '\t'))
            return false;
    }
    return true;
}

static size_t step_controls(const char *s, size_t n, struct buf *out)
{
    buf_reset(out);
    if (ascii_clean(s, n)) {
        buf_append(out, s, n);
        return 0;
    }
    size_t changed = 0, copied = 0;
    for (size_t i = 0; i < n;) {
        size_t at = i;
        if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
            i++;
            continue;
        }
        int32_t cp = next_cp(s, n, &i);
        int verdict = control_verdict(s, n, at, i, cp);
        if (verdict < 0)
            continue;
        buf_append(out, s + copied, at - copied);
        if (verdict)
            buf_append_char(out, (char)verdict);
        copied = i;
        changed++;
    }
    buf_append(out, s + copied, n - copied);
    return changed;
}

/* ---- spaces ------------------------------------------------------------ */

enum space_kind { NOT_SPACE, HSPACE, LINE_BREAK, PARAGRAPH_BREAK };

static enum space_kind space_kind(int32_t cp)
{
    if (cp == ' ' || cp == '\t')
        return HSPACE;
    if (cp == '\n' || cp == 0x2028)
        return LINE_BREAK;
    if (cp == 0x2029)
        return PARAGRAPH_BREAK;
    if (cp < 0x80)
        return NOT_SPACE;
    return category(cp) == UTF8PROC_CATEGORY_ZS ? HSPACE : NOT_SPACE;
}

/* White space waiting for the next visible character: what is kept of it
 * depends on what comes next. */
struct pending {
    size_t spaces;       /* horizontal spaces since the last visible character or break */
    bool plain_space;    /* the first of them is ' ' (kept as it is) */
    size_t breaks;       /* line breaks (a paragraph break counts two) */
    size_t break_chars;  /* the characters that made them */
    bool plain_breaks;   /* all of them are '\n' */
};

/* Emit what the pending white space becomes before a visible character;
 * returns the characters changed or removed. */
static size_t flush_pending(struct pending *p, bool at_start, struct buf *out)
{
    size_t changed = 0;
    if (p->breaks) {
        size_t keep = at_start ? 0 : p->breaks < 2 ? p->breaks : 2;
        for (size_t k = 0; k < keep; k++)
            buf_append_char(out, '\n');
        /* Every break character beyond those kept, and any that was not
         * a plain '\n', counts as a change. */
        changed += p->plain_breaks && p->break_chars >= keep ? p->break_chars - keep
                                                             : p->break_chars;
        changed += p->spaces; /* spaces around breaks are trimmed */
    } else if (p->spaces) {
        if (!at_start)
            buf_append_char(out, ' ');
        changed += at_start ? p->spaces : p->spaces - (p->plain_space ? 1 : 0);
    }
    memset(p, 0, sizeof *p);
    p->plain_breaks = true;
    return changed;
}

static void add_space(struct pending *p, enum space_kind kind, int32_t cp)
{
    if (kind == HSPACE) {
        if (p->spaces == 0 && p->breaks == 0)
            p->plain_space = cp == ' ';
        p->spaces++;
        return;
    }
    p->breaks += kind == PARAGRAPH_BREAK ? 2 : 1;
    p->break_chars++;
    p->plain_breaks = p->plain_breaks && cp == '\n';
}

/* How many bytes from s on, up to 16, surely continue a visible run (16:
 * all): not bytes >= 0x80 (a non-ASCII space?), below ' ', or a space not
 * followed by visible ASCII. Reads s[0..17). SSE2 where the compiler has
 * it, else eight bytes at a time. */
#if defined(__SSE2__) && !defined(WINNOW_NO_SIMD)
static unsigned visible_prefix16(const char *s)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + 1));
    /* Signed compares: bytes >= 0x80 are negative. */
    __m128i breaks = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(' ')),
                                  _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
                                                _mm_cmplt_epi8(y, _mm_set1_epi8(' ' + 1))));
    unsigned mask = (unsigned)_mm_movemask_epi8(breaks);
    return mask ? (unsigned)__builtin_ctz(mask) : 16;
}
#else
static uint64_t run_breaks(const char *s)
{
    uint64_t x = swar_load(s), y = swar_load(s + 1);
    uint64_t not_visible_y = swar_high(y) | swar_below_space(y) | swar_eq(y, ' ');
    return swar_high(x) | swar_below_space(x) | (swar_eq(x, ' ') & not_visible_y);
}

static unsigned visible_prefix16(const char *s)
{
    return swar_unmarked16(s, run_breaks);
}
#endif

/* End of the run from s[i] (just past a visible character) that the spaces
 * step copies as it is: visible characters, and single plain spaces
 * between two visible ASCII characters (a pending ' ' that flush_pending
 * would write back unchanged). */
static size_t visible_run(const char *s, size_t n, size_t i)
{
    while (i < n) {
        if (n - i >= 17) {
            unsigned visible = visible_prefix16(s + i);
            i += visible;
            if (visible == 16)
                continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c > ' ' && c < 0x80) {
            i++;
        } else if (c == ' ') {
            if (i + 1 >= n || (unsigned char)s[i + 1] <= ' ' || (unsigned char)s[i + 1] >= 0x80)
                break;
            i += 2;
        } else if (c >= 0x80) {
            size_t next = i;
            if (space_kind(next_cp(s, n, &next)) != NOT_SPACE)
                break;
            i = next;
        } else {
            break;
        }
    }
    return i;
}

static size_t step_spaces(const char *s, size_t n, struct buf *out)
{
    buf_reset(out);
    buf_reserve(out, n);
    struct pending p;
    memset(&p, 0, sizeof p);
    p.plain_breaks = true;
    size_t changed = 0;
    bool any_visible = false;
    for (size_t i = 0; i < n;) {
        size_t at = i;
        unsigned char c = (unsigned char)s[i];
        int32_t cp = c < 0x80 ? (i++, c) : next_cp(s, n, &i);
        enum space_kind kind = space_kind(cp);
        if (kind == NOT_SPACE) {
            i = visible_run(s, n, i);
            changed += flush_pending(&p, !any_visible, out);
            buf_append(out, s + at, i - at);
            any_visible = true;
            continue;
        }
        add_space(&p, kind, cp);
    }
    /* Trailing white space is trimmed. */
    changed += p.spaces + p.break_chars;
    if (!out->data)
        buf_append(out, "", 0);
    return changed;
}

/* ---- punct ------------------------------------------------------------- */

static const char *ascii_punct(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x2035: case 0x2039: case 0x203A:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x2036: case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return "-";
    case 0x2026:
        return "...";
    default:
        return NULL;
    }
}

static size_t step_punct(const char *s, size_t n, struct buf *out)
{
    buf_reset(out);
    size_t changed = 0, copied = 0;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t at = i;
        const char *ascii = ascii_punct(next_cp(s, n, &i));
        if (!ascii)
            continue;
        buf_append(out, s + copied, at - copied);
        buf_append_str(out, ascii);
        copied = i;
        changed++;
    }
    buf_append(out, s + copied, n - copied);
    return changed;
}

/* ---- the chain ---------------------------------------------------------- */

static unsigned unicode_flags(enum norm_form form)
{
    return UNORM_COMPOSE | (form == NORM_NFKC ? UNORM_COMPAT : 0);
}

/* Run one step from in[0..n) into out; returns what it changed. The steps
 * that repeat their rounds (mojibake, entities) work in spare after the
 * first, which may hold in: they no longer read it then. */
static size_t run_step(struct normalizer *nz, enum norm_step step, const char *in, size_t n,
                       struct buf *out, struct buf *spare)
{
    switch (step) {
    case NORM_MOJIBAKE:
        return mojibake_repair(in, n, out, spare);
    case NORM_ENTITIES:
        return entities_decode(in, n, out, spare);
    case NORM_UNICODE:
        return unorm_apply(&nz->unicode, in, n, unicode_flags(nz->form), out);
    case NORM_CONTROLS:
        return step_controls(in, n, out);
    case NORM_SPACES:
        return step_spaces(in, n, out);
    case NORM_PUNCT:
        return step_punct(in, n, out);
    case NORM_LOWER:
        return unorm_apply(&nz->unicode, in, n, unicode_flags(nz->form) | UNORM_CASEFOLD, out);
    case NORM_STEP_COUNT:
        break;
    }
    buf_reset(out);
    buf_append(out, in, n);
    return 0;
}

/* Steps that run rounds until nothing changes, in their spare buffer. */
static bool repeats_rounds(enum norm_step step)
{
    return step == NORM_MOJIBAKE || step == NORM_ENTITIES;
}

/* Steps whose changes can give an earlier step new work. */
static bool feeds_back(enum norm_step step)
{
    return step == NORM_ENTITIES || step == NORM_UNICODE || step == NORM_CONTROLS ||
           step == NORM_LOWER;
}

/* Whether s points into b's data (compared as addresses: s may be any
 * caller's string). */
static bool holds(const struct buf *b, const char *s)
{
    uintptr_t p = (uintptr_t)s, start = (uintptr_t)b->data;
    return b->data && p >= start && p <= start + b->len;
}

struct text {
    const char *s;
    size_t n;
    const char *input;   /* the caller's text */
    bool input_reused;   /* a step used the buffer holding it as working space */
};

/* Of steps, those that may change *t. */
static unsigned quick_check(struct normalizer *nz, unsigned steps, const struct text *t)
{
    if (nz->every_step)
        return steps;
    return norm_quick_steps(&nz->quick, steps, nz->form, t->s, t->n);
}

/* One pass of the chain over *t, which is moved to the result. Returns
 * true when a step that feeds back changed the text while a step before
 * it is on. The quick check (normquick.h) says which steps may change the
 * text; a step it rules out is skipped, and the check is made again only
 * after a step has changed the text. */
static bool run_pass(struct normalizer *nz, unsigned steps, struct text *t,
                     struct norm_counts *counts)
{
    bool again = false;
    unsigned earlier = 0;
    unsigned needed = quick_check(nz, steps, t);
    for (int step = 0; step < NORM_STEP_COUNT; step++) {
        if (!(steps & NORM_BIT(step)))
            continue;
        if (needed & NORM_BIT(step)) {
            /* Two buffers in turn, and no third: the one a step does not
             * write holds its input or nothing the chain still needs. */
            struct buf *dst = t->s == nz->a.data ? &nz->b : &nz->a;
            struct buf *spare = dst == &nz->a ? &nz->b : &nz->a;
            /* Whether the step overwrites the caller's text (given in a
             * normalizer buffer): writing dst does; a step that repeats
             * rounds writes spare too, once it has changed something. */
            bool input_in_dst = holds(dst, t->input), input_in_spare = holds(spare, t->input);
            size_t changed = run_step(nz, (enum norm_step)step, t->s, t->n, dst, spare);
            if (input_in_dst ||
                (changed && input_in_spare && repeats_rounds((enum norm_step)step)))
                t->input_reused = true;
            if (counts)
                counts->step[step] += changed;
            if (changed) {
                t->s = dst->data;
                t->n = dst->len;
                again = again || (earlier && feeds_back((enum norm_step)step));
                unsigned later = steps & ~(NORM_BIT(step + 1) - 1);
                needed = quick_check(nz, later, t);
            }
        }
        earlier |= NORM_BIT(step);
    }
    return again;
}


/* What a huge last record made the buffers grow to is given back before
 * the next (its result is the caller's no longer), but for the one that
 * holds s: a caller may normalize a result again. */
static void trim_buffers(struct normalizer *nz, const char *s)
{
    struct buf *own[] = {&nz->a, &nz->b, &nz->scratch};
    for (size_t i = 0; i < sizeof own / sizeof *own; i++)
        if (!holds(own[i], s))
            buf_trim(own[i]);
}

static bool run_chain(struct normalizer *nz, unsigned steps, const char *s, size_t n,
                      const char **out, size_t *out_len, struct norm_counts *counts)
{
    struct text t = {s, n, s, false};
    trim_buffers(nz, s);
    /* A repeated pass reads the result of the last, in a or b, and writes
     * into the other. */
    bool again = run_pass(nz, steps, &t, counts);
    for (int pass = 1; again && pass < MAX_PASSES; pass++)
        again = run_pass(nz, steps, &t, counts);
    *out = t.s;
    *out_len = t.n;
    /* A step reports a change only when its output differs from its input,
     * and no step gives back what an earlier one changed (each moves the
     * text towards the same normal form): when s was overwritten as working
     * space, the change stands. */
    if (t.input_reused)
        return true;
    if (t.s == s)
        return false; /* no step changed anything */
    return t.n != n || memcmp(t.s, s, n) != 0;
}

struct buf *normalizer_input(struct normalizer *nz)
{
    buf_trim(&nz->a); /* what a huge last text made it grow to goes back */
    return &nz->a;
}

bool normalizer_run(struct normalizer *nz, const char *s, size_t n, const char **out,
                    size_t *out_len, struct norm_counts *counts)
{
    return run_chain(nz, nz->steps, s, n, out, out_len, counts);
}

/* ---- the dedupe key ------------------------------------------------------ */

static bool is_punctuation(int32_t cp)
{
    utf8proc_category_t c = category(cp);
    return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

static bool is_white(int32_t cp)
{
    utf8proc_category_t c = category(cp);
    return cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0x85 || c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP;
}

/* What the key makes of a character. */
enum key_class { KEY_KEEP, KEY_WHITE, KEY_DROP };

static void fill_ascii_key(unsigned char table[128])
{
    for (int32_t c = 0; c < 128; c++)
        table[c] = (unsigned char)(is_white(c) ? KEY_WHITE : is_punctuation(c) ? KEY_DROP : KEY_KEEP);
}

/* Drop punctuation, fold white space: from in[0..n) into out. ASCII goes
 * by the normalizer's table, runs of kept characters at once. */
static void fold_key(const struct normalizer *nz, const char *in, size_t n, struct buf *out)
{
    buf_reset(out);
    bool space = false;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)in[i];
        if (c < 0x80) {
            enum key_class k = (enum key_class)nz->ascii_key[c];
            size_t j = i + 1;
            if (k == KEY_WHITE)
                space = out->len > 0;
            if (k != KEY_KEEP) {
                i = j;
                continue;
            }
            while (j < n && (unsigned char)in[j] < 0x80 &&
                   nz->ascii_key[(unsigned char)in[j]] == KEY_KEEP)
                j++;
            if (space)
                buf_append_char(out, ' ');
            space = false;
            buf_append(out, in + i, j - i);
            i = j;
            continue;
        }
        size_t at = i;
        int32_t cp = next_cp(in, n, &i);
        if (is_white(cp)) {
            space = out->len > 0;
            continue;
        }
        if (is_punctuation(cp))
            continue;
        if (space)
            buf_append_char(out, ' ');
        space = false;
        if (cp >= 0)
            buf_append(out, in + at, i - at);
        else
            append_cp(out, 0xFFFD);
    }
    if (!out->data)
        buf_append(out, "", 0);
}

void normalizer_key(struct normalizer *nz, const char *s, size_t n, const char **out,
                    size_t *out_len)
{
    const char *text;
    size_t len;
    unsigned repairs = NORM_BIT(NORM_MOJIBAKE) | NORM_BIT(NORM_ENTITIES) |
                       NORM_BIT(NORM_CONTROLS);
    run_chain(nz, repairs, s, n, &text, &len, NULL);
    /* text is s or lives in one of the buffers: fold into one it is not in. */
    struct buf *folded = text == nz->a.data ? &nz->b : &nz->a;
    unorm_apply(&nz->unicode, text, len, UNORM_COMPOSE | UNORM_COMPAT | UNORM_CASEFOLD,
                &nz->scratch);
    fold_key(nz, nz->scratch.data, nz->scratch.len, folded);
    *out = folded->data;
    *out_len = folded->len;
}
