/* textseg.c — words and sentences of UTF-8 text (see textseg.h). */
#include "textseg.h"

#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

/* ---- characters ------------------------------------------------------------------------ */

static utf8proc_category_t category(int32_t cp)
{
    return cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
}

/* 1 for the ASCII letters and digits: the word loops test a byte with one
 * load. Bytes from 0x80 are 0 here and take the general path. */
static const unsigned char ASCII_ALNUM[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* controls */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /*  !"#$%&'()*+,-./ */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, /* 0-9 :;<=>? */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* @ A-O */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* P-Z [\]^_ */
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* ` a-o */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, /* p-z {|}~ DEL */
};

static bool is_ascii_alpha(int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static bool is_ascii_digit(int32_t cp)
{
    return cp >= '0' && cp <= '9';
}

static bool is_letter(int32_t cp)
{
    if (cp < 0x80)
        return is_ascii_alpha(cp);
    utf8proc_category_t c = category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_letter_or_mark(int32_t cp)
{
    if (cp < 0x80)
        return is_ascii_alpha(cp);
    utf8proc_category_t c = category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME;
}

static bool is_digit(int32_t cp)
{
    return cp < 0x80 ? is_ascii_digit(cp) : category(cp) == UTF8PROC_CATEGORY_ND;
}

/* Letters, marks and numbers: L*, M*, N* are contiguous in utf8proc. */
static bool is_word_char(int32_t cp)
{
    if (cp < 0x80)
        return is_ascii_alpha(cp) || is_ascii_digit(cp);
    utf8proc_category_t c = category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

static bool is_upper(int32_t cp)
{
    if (cp >= 0 && cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool textseg_is_space(int32_t cp)
{
    if (cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85)
        return true;
    if (cp < 0x80)
        return false;
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL ||
           c == UTF8PROC_CATEGORY_ZP;
}

static bool is_space_at(const char *text, size_t len, size_t pos)
{
    int n;
    return pos < len && textseg_is_space(textseg_decode(text, len, pos, &n));
}

size_t textseg_trim_start(const char *text, size_t from, size_t to)
{
    while (from < to) {
        int n;
        if (!textseg_is_space(textseg_decode(text, to, from, &n)))
            break;
        from += (size_t)n;
    }
    return from;
}

/* Start of the code point that ends just before pos (pos > from). */
static size_t step_back(const char *text, size_t from, size_t pos)
{
    size_t q = pos - 1;
    while (q > from && pos - q < 4 && ((unsigned char)text[q] & 0xC0) == 0x80)
        q--;
    return q;
}

size_t textseg_trim_end(const char *text, size_t from, size_t to)
{
    while (to > from) {
        size_t q = step_back(text, from, to);
        int n;
        int32_t cp = textseg_decode(text, to, q, &n);
        if ((size_t)n != to - q || !textseg_is_space(cp))
            break;
        to = q;
    }
    return to;
}

/* ---- list markers ------------------------------------------------------------------------ */

static bool is_bullet(int32_t cp)
{
    static const int32_t bullets[] = {
        0x00B7, 0x2022, 0x2023, 0x2043, 0x2219, 0x25A0, 0x25A1, 0x25AA, 0x25AB,
        0x25B8, 0x25B9, 0x25BA, 0x25C6, 0x25C7, 0x25CB, 0x25CF, 0x25E6, 0x2713,
        0x2714, 0x27A2, 0x27A4,
    };
    for (size_t i = 0; i < sizeof bullets / sizeof bullets[0]; i++)
        if (cp == bullets[i])
            return true;
    return false;
}

size_t textseg_bullet_len(const char *text, size_t len)
{
    if (len == 0)
        return 0;
    int n;
    int32_t cp = textseg_decode(text, len, 0, &n);
    if (is_bullet(cp))
        return (size_t)n;
    /* ASCII marks and the en dash are also ordinary punctuation: only a
     * following space makes them bullets. */
    if ((cp == '-' || cp == '*' || cp == '+' || cp == 0x2013) &&
        is_space_at(text, len, (size_t)n))
        return (size_t)n;
    return 0;
}

size_t textseg_enumerator_len(const char *text, size_t len)
{
    size_t d = 0;
    while (d < len && d < 4 && is_ascii_digit((unsigned char)text[d]))
        d++;
    if (d == 0 || d > 3 || d + 1 >= len)
        return 0;
    if (text[d] != '.' && text[d] != ')' && text[d] != ':')
        return 0;
    return is_space_at(text, len, d + 1) ? d + 1 : 0;
}

/* ---- words ------------------------------------------------------------------------------- */

void textseg_words_init(struct textseg_words *it, const char *text, size_t len)
{
    it->text = text;
    it->len = len;
    it->pos = 0;
    it->no_email_before = 0;
    const char *at = memchr(text, '@', len);
    it->at_sign = at ? (size_t)(at - text) : len;
}

/* Whether the joiner j between prev and next keeps one word going. */
static bool joins(int32_t prev, int32_t j, int32_t next)
{
    switch (j) {
    case '\'':
    case 0x2019:
    case 0x02BC:
        return is_letter_or_mark(prev) && is_letter(next);
    case '-':
    case 0x2010:
    case 0x2011:
    case '_':
        return is_word_char(prev) && is_word_char(next);
    case '.':
        /* "rule.Throwing" is two words run together (and so is "Ph.D"). */
        return is_word_char(prev) && is_word_char(next) &&
               !(category(prev) == UTF8PROC_CATEGORY_LL && is_upper(next));
    case ',':
    case ':':
        return is_digit(prev) && is_digit(next);
    default:
        return false;
    }
}

/* "e.g", "U.S", "Ph.D": at least one full stop, and every part between
 * full stops one or two letters. */
static bool is_dotted_abbreviation(const char *w, size_t n)
{
    size_t part = 0;
    bool dotted = false;
    for (size_t p = 0; p < n;) {
        int k;
        int32_t cp = textseg_decode(w, n, p, &k);
        if (cp == '.') {
            if (part == 0)
                return false;
            dotted = true;
            part = 0;
        } else if (is_letter(cp) && part < 2) {
            part++;
        } else if (!(category(cp) >= UTF8PROC_CATEGORY_MN &&
                     category(cp) <= UTF8PROC_CATEGORY_ME)) {
            return false;
        }
        p += (size_t)k;
    }
    return dotted && part > 0;
}

/* The ASCII characters that joins() may accept between word characters. */
static bool is_ascii_joiner(unsigned char b)
{
    return b == '\'' || b == '-' || b == '_' || b == '.' || b == ',' || b == ':';
}

/* Length of the run of ASCII letters and digits at p[0..8), eight bytes
 * at once (the byte loop's exit mispredicts once a word). */
static size_t alnum_run8(const char *p)
{
    const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    uint64_t x;
    memcpy(&x, p, sizeof x);
    uint64_t x7 = x & ~high, folded = x7 | 0x20 * ones;
    /* Per byte v < 0x80, no carry between bytes: the high bit of
     * v + 0x80 - c says v >= c, that of v + 0x7F - c says v > c. */
#define AT_LEAST(v, c) (((v) + (0x80 - (c)) * ones) & high)
#define AT_MOST(v, c) (~((v) + (0x7F - (c)) * ones) & high)
    uint64_t alnum = ((AT_LEAST(x7, '0') & AT_MOST(x7, '9')) |
                      (AT_LEAST(folded, 'a') & AT_MOST(folded, 'z'))) & ~x;
#undef AT_LEAST
#undef AT_MOST
    uint64_t stop = ~alnum & high;
    return stop ? (size_t)__builtin_ctzll(stop) / 8 : 8;
}

static size_t scan_plain_word(const struct textseg_words *it, size_t start)
{
    const char *t = it->text;
    size_t pos = start;
    int32_t prev = -1;
    while (pos < it->len) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (it->len - pos >= 8) {
            size_t run = alnum_run8(t + pos);
            if (run > 0) {
                pos += run;
                prev = (unsigned char)t[pos - 1];
                continue;
            }
        }
#endif
        unsigned char b = (unsigned char)t[pos];
        if (ASCII_ALNUM[b]) { /* most of a word */
            prev = b;
            pos++;
            continue;
        }
        if (b < 0x80 && !is_ascii_joiner(b))
            break; /* most word ends: ASCII that joins nothing (see joins) */
        int n;
        int32_t cp = textseg_decode(t, it->len, pos, &n);
        if (is_word_char(cp)) {
            prev = cp;
            pos += (size_t)n;
            continue;
        }
        if (prev < 0 || pos + (size_t)n >= it->len)
            break;
        int n2;
        int32_t next = textseg_decode(t, it->len, pos + (size_t)n, &n2);
        if (!joins(prev, cp, next))
            break;
        prev = next;
        pos += (size_t)n + (size_t)n2;
    }
    if (pos < it->len && t[pos] == '.' && is_dotted_abbreviation(t + start, pos - start))
        pos++;
    return pos;
}

/* Whether s[0..n) starts with prefix[0..k), a lowercase ASCII word. */
static bool ascii_prefix_nocase(const char *s, size_t n, const char *prefix, size_t k)
{
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != prefix[i])
            return false;
    }
    return true;
}

static size_t url_prefix_len(const char *s, size_t n)
{
    static const struct {
        const char *text;
        size_t len;
    } prefixes[] = {{"https://", 8}, {"http://", 7}, {"ftp://", 6}, {"www.", 4}};
    char first = (char)(s[0] | 0x20);
    if (first != 'h' && first != 'f' && first != 'w')
        return 0; /* most words: no need to try each prefix */
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (ascii_prefix_nocase(s, n, prefixes[i].text, prefixes[i].len))
            return prefixes[i].len;
    return 0;
}

static bool ends_url(int32_t cp)
{
    if (cp < 0x20 || cp == 0x7F || textseg_is_space(cp))
        return true;
    if (cp < 0x80)
        return strchr("<>\"{}|\\^`", (int)cp) != NULL;
    utf8proc_category_t c = category(cp);
    return c >= UTF8PROC_CATEGORY_PC && c <= UTF8PROC_CATEGORY_PO;
}

/* End of the URL whose scheme or "www." (prefix bytes) starts at start, or
 * start when there is nothing after the prefix. */
static size_t scan_url(const struct textseg_words *it, size_t start, size_t prefix)
{
    const char *t = it->text;
    size_t pos = start + prefix;
    long open = 0;
    while (pos < it->len) {
        int n;
        if (ends_url(textseg_decode(t, it->len, pos, &n)))
            break;
        open += t[pos] == '(' ? 1 : t[pos] == ')' ? -1 : 0;
        pos += (size_t)n;
    }
    /* Sentence punctuation after a URL is not part of it; a closing
     * bracket is, when the URL opened it ("…/Foo_(bar)"). */
    while (pos > start + prefix) {
        char c = t[pos - 1];
        if (c == ')' && open < 0)
            open++;
        else if (!strchr(".,;:!?'*]", c) || c == '\0')
            break;
        pos--;
    }
    return pos > start + prefix ? pos : start;
}

static bool is_ascii_alnum(unsigned char c)
{
    return is_ascii_alpha(c) || is_ascii_digit(c);
}

static bool is_email_local_char(unsigned char c)
{
    return is_ascii_alnum(c) || (c != '\0' && strchr("._%+-", c) != NULL);
}

static bool is_label_char(unsigned char c)
{
    return is_ascii_alnum(c) || c == '-';
}

/* End of the domain of an e-mail address whose '@' is at at, or 0. */
static size_t scan_email_domain(const char *t, size_t len, size_t at)
{
    size_t d = at + 1, end = 0, last = 0, labels = 0;
    for (;;) {
        size_t l = d;
        while (l < len && is_label_char((unsigned char)t[l]))
            l++;
        if (l == d)
            break;
        labels++;
        last = d;
        end = l;
        if (l + 1 < len && t[l] == '.' && is_label_char((unsigned char)t[l + 1]))
            d = l + 1;
        else
            break;
    }
    if (labels < 2 || end - last < 2)
        return 0;
    for (size_t i = last; i < end; i++)
        if (!is_ascii_alpha((unsigned char)t[i]))
            return 0;
    return end;
}

/* End of the e-mail address starting at start, or 0. A failed scan is
 * remembered: any later start before the same '@' would fail the same way,
 * which keeps a long run like "ab.ab.ab..." linear. */
static size_t scan_email(struct textseg_words *it, size_t start)
{
    if (start < it->no_email_before)
        return 0;
    /* An address needs an '@' ahead: most texts have none, and then no
     * word is scanned twice. */
    if (it->at_sign < start) {
        const char *at = memchr(it->text + start, '@', it->len - start);
        it->at_sign = at ? (size_t)(at - it->text) : it->len;
    }
    if (it->at_sign == it->len)
        return 0;
    const char *t = it->text;
    size_t p = start;
    while (p < it->len && is_email_local_char((unsigned char)t[p]))
        p++;
    size_t end = p < it->len && t[p] == '@' ? scan_email_domain(t, it->len, p) : 0;
    if (end == 0)
        it->no_email_before = p;
    return end;
}

bool textseg_next_word(struct textseg_words *it, struct textseg_word *w)
{
    while (it->pos < it->len) {
        unsigned char b = (unsigned char)it->text[it->pos];
        if (b < 0x80 && !ASCII_ALNUM[b]) { /* a space or punctuation */
            it->pos++;
            continue;
        }
        int n;
        int32_t cp = textseg_decode(it->text, it->len, it->pos, &n);
        if (!is_word_char(cp)) {
            it->pos += (size_t)n;
            continue;
        }
        size_t start = it->pos, end = 0;
        size_t prefix = url_prefix_len(it->text + start, it->len - start);
        w->kind = TEXTSEG_URL;
        if (prefix)
            end = scan_url(it, start, prefix);
        if (end <= start && cp < 0x80) {
            w->kind = TEXTSEG_EMAIL;
            end = scan_email(it, start);
        }
        if (end <= start) {
            w->kind = TEXTSEG_WORD;
            end = scan_plain_word(it, start);
        }
        w->start = start;
        w->end = end;
        it->pos = end;
        return true;
    }
    return false;
}

/* ---- sentences --------------------------------------------------------------------------- */

/* Abbreviations after which one full stop ends no sentence, lowercase
 * ASCII, matched without regard to case. Titles before a name, and Latin
 * and reference abbreviations; "etc." "Inc." "Ltd." are left out because
 * they end sentences as often as not. */
static const char *const ABBREVIATIONS[] = {
    "adm", "al", "approx", "capt", "ca", "cf", "cllr", "cmdr", "col", "cpl",
    "det", "dr", "esp", "fr", "gen", "gov", "hon", "incl", "insp", "lt",
    "maj", "messrs", "mlle", "mme", "mr", "mrs", "ms", "mx", "pres", "prof",
    "rep", "resp", "rev", "revd", "rt", "sen", "sgt", "sr", "st", "supt",
    "viz", "vs",
};

/* Abbreviations that end no sentence when a number follows ("No. 5",
 * "pp. 12", "Dec. 14"). */
static const char *const NUMBER_ABBREVIATIONS[] = {
    "apr", "art", "aug", "ch", "dec", "feb", "fig", "figs", "jan", "jul",
    "jun", "mar", "no", "nos", "nov", "oct", "p", "para", "paras", "pp",
    "sec", "sep", "sept", "vol", "vols",
};

/* Dotted abbreviations (with their final full stop) that end no sentence. */
static const char *const DOTTED_ABBREVIATIONS[] = {"a.k.a.", "c.f.", "e.g.", "i.e."};

static bool in_list(const char *const *list, size_t count, const char *w, size_t n)
{
    char first = (char)(w[0] | 0x20); /* a capital as its lowercase letter */
    for (size_t i = 0; i < count; i++)
        if (list[i][0] == first && strlen(list[i]) == n && ascii_prefix_nocase(w, n, list[i], n))
            return true;
    return false;
}

#define IN_LIST(list, w, n) in_list(list, sizeof list / sizeof list[0], w, n)

static bool is_terminator(int32_t cp)
{
    static const int32_t terminators[] = {
        '.', '!', '?', 0x2026, 0x203C, 0x203D, 0x2047, 0x2048, 0x2049,
        0x3002, 0xFF01, 0xFF1F, 0x061F, 0x06D4, 0x0964, 0x0965,
    };
    for (size_t i = 0; i < sizeof terminators / sizeof terminators[0]; i++)
        if (cp == terminators[i])
            return true;
    return false;
}

static bool is_closer(int32_t cp)
{
    if (cp < 0x80)
        return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}';
    utf8proc_category_t c = category(cp);
    return c == UTF8PROC_CATEGORY_PE || c == UTF8PROC_CATEGORY_PF;
}

static int32_t first_char(const char *text, size_t len, const struct textseg_word *w)
{
    int n;
    return textseg_decode(text, len, w->start, &n);
}

/* "J.K.", "U.S.": every part one capital letter. */
static bool is_dotted_capitals(const char *w, size_t n)
{
    for (size_t p = 0; p < n;) {
        int k;
        if (!is_upper(textseg_decode(w, n, p, &k)))
            return false;
        p += (size_t)k;
        if (p >= n || w[p] != '.')
            return false;
        p++;
    }
    return true;
}

/* Whether only spaces stand between the last line break (or the start of
 * the text) and pos. */
static bool at_line_start(const char *text, size_t pos)
{
    while (pos > 0) {
        size_t q = step_back(text, 0, pos);
        int n;
        int32_t cp = textseg_decode(text, pos, q, &n);
        if (cp == '\n')
            return true;
        if (!textseg_is_space(cp))
            return false;
        pos = q;
    }
    return true;
}

/* Whether a single full stop right after word a is part of an
 * abbreviation rather than the end of a sentence; b is the next word. */
static bool is_abbreviation_stop(const char *text, size_t len,
                                 const struct textseg_word *a,
                                 const struct textseg_word *b)
{
    const char *w = text + a->start;
    size_t n = a->end - a->start;
    if (a->kind != TEXTSEG_WORD)
        return false;
    if (w[n - 1] == '.')
        return IN_LIST(DOTTED_ABBREVIATIONS, w, n) || is_dotted_capitals(w, n);
    if (IN_LIST(ABBREVIATIONS, w, n))
        return true;
    int32_t next = first_char(text, len, b);
    if (is_digit(next) && IN_LIST(NUMBER_ABBREVIATIONS, w, n))
        return true;
    int k;
    int32_t first = textseg_decode(text, len, a->start, &k);
    if ((size_t)k == n && is_upper(first) && is_upper(next))
        return true; /* an initial: "J. K. Rowling" */
    return textseg_enumerator_len(w, len - a->start) == n + 1 && at_line_start(text, a->start);
}

struct run {
    size_t start;   /* first terminator */
    size_t count;   /* terminators in the run */
    bool strong;    /* holds one other than a full stop or an ellipsis */
    bool wide;      /* holds a full-width one (。！？), which needs no space after */
};

static bool run_ends_sentence(const char *text, size_t len, const struct run *r,
                              size_t stop_after_word, const struct textseg_word *a,
                              const struct textseg_word *b)
{
    if (r->strong)
        return true;
    if (b->kind == TEXTSEG_WORD && category(first_char(text, len, b)) == UTF8PROC_CATEGORY_LL)
        return false;
    if (r->start != stop_after_word || r->count != 1 || text[r->start] != '.')
        return true;
    return !is_abbreviation_stop(text, len, a, b);
}

/* Where a sentence ends and the next one starts. */
struct boundary {
    size_t end, next;
};

/* A terminator run in text[g0..g1) that ends the sentence of word a. */
static bool find_terminator(const char *text, size_t len, size_t g0, size_t g1,
                            const struct textseg_word *a, const struct textseg_word *b,
                            struct boundary *out)
{
    size_t p = g0;
    while (p < g1) {
        int n;
        int32_t cp = textseg_decode(text, len, p, &n);
        if (!is_terminator(cp)) {
            p += (size_t)n;
            continue;
        }
        struct run r = {p, 0, false, false};
        while (p < g1 && is_terminator(cp = textseg_decode(text, len, p, &n))) {
            r.count++;
            r.strong |= cp != '.' && cp != 0x2026;
            r.wide |= cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
            p += (size_t)n;
        }
        while (p < g1 && is_closer(cp = textseg_decode(text, len, p, &n)))
            p += (size_t)n;
        if (!r.wide && !is_space_at(text, len, p))
            continue;
        if (run_ends_sentence(text, len, &r, g0, a, b)) {
            out->end = p;
            out->next = textseg_trim_start(text, p, g1);
            return true;
        }
    }
    return false;
}

/* Blank lines in text[g0..g1): the line break before the first one and the
 * end of the last one. */
static bool find_paragraph_break(const char *text, size_t len, size_t g0, size_t g1,
                                 size_t *first, size_t *after_last)
{
    bool found = false, blank = false, seen_newline = false;
    size_t newline = 0;
    for (size_t p = g0; p < g1;) {
        int n;
        int32_t cp = textseg_decode(text, len, p, &n);
        if (cp == '\n') {
            if (seen_newline && blank) {
                if (!found)
                    *first = newline;
                found = true;
                *after_last = p + 1;
            }
            seen_newline = true;
            blank = true;
            newline = p;
        } else if (!textseg_is_space(cp)) {
            blank = false;
        }
        p += (size_t)n;
    }
    return found;
}

/* A line break in text[g0..g1) before a line that starts with a list
 * marker; the marker may be the next word ("2." in "\n  2. Next"). */
static bool find_list_line(const char *text, size_t len, size_t g0, size_t g1,
                           size_t *newline, size_t *marker)
{
    for (size_t p = g0; p < g1; p++) {
        if (text[p] != '\n')
            continue;
        size_t q = textseg_trim_start(text, p + 1, g1);
        if ((q < g1 && textseg_bullet_len(text + q, len - q) > 0) ||
            (q == g1 && textseg_enumerator_len(text + q, len - q) > 0)) {
            *newline = p;
            *marker = q;
            return true;
        }
    }
    return false;
}

/* Whether the gap text[g0..g1) is plain: ASCII with no line break and no
 * terminator, so that no sentence can end in it. Most gaps are one space. */
static bool is_plain_gap(const char *text, size_t g0, size_t g1)
{
    for (size_t p = g0; p < g1; p++) {
        unsigned char c = (unsigned char)text[p];
        if (c >= 0x80 || c == '\n' || c == '.' || c == '!' || c == '?')
            return false;
    }
    return true;
}

/* Whether the sentence holding word a ends in the gap before word b. */
static bool find_boundary(const char *text, size_t len, const struct textseg_word *a,
                          const struct textseg_word *b, struct boundary *out)
{
    size_t g0 = a->end, g1 = b->start, first, after;
    if (text[g0 - 1] != '.' && is_plain_gap(text, g0, g1))
        return false;
    if (find_paragraph_break(text, len, g0, g1, &first, &after)) {
        out->end = textseg_trim_end(text, a->start, first);
        out->next = textseg_trim_start(text, after, g1);
        return true;
    }
    if (find_list_line(text, len, g0, g1, &first, &after)) {
        out->end = textseg_trim_end(text, a->start, first);
        out->next = after;
        return true;
    }
    /* The final full stop of "U.S." belongs to the word, and may still be
     * the end of its sentence. */
    if (a->kind == TEXTSEG_WORD && text[a->end - 1] == '.')
        g0--;
    return find_terminator(text, len, g0, g1, a, b, out);
}

bool textseg_ends_sentence(const char *text, size_t len, const struct textseg_word *a,
                           const struct textseg_word *b)
{
    struct boundary unused;
    return find_boundary(text, len, a, b, &unused);
}

/* Where the text's first sentence starts: after any blank line that comes
 * before the first word. */
static size_t first_start(const char *text, size_t len, size_t first_word)
{
    size_t first, after;
    if (find_paragraph_break(text, len, 0, first_word, &first, &after))
        return textseg_trim_start(text, after, first_word);
    return textseg_trim_start(text, 0, first_word);
}

void textseg_sentences_init(struct textseg_sentences *it, const char *text, size_t len)
{
    textseg_words_init(&it->words, text, len);
    it->has_next = textseg_next_word(&it->words, &it->next);
    it->start = it->has_next ? first_start(text, len, it->next.start) : len;
}

bool textseg_next_sentence(struct textseg_sentences *it, struct textseg_sentence *s)
{
    if (!it->has_next)
        return false;
    const char *text = it->words.text;
    size_t len = it->words.len;
    struct textseg_word a = it->next;
    s->start = it->start;
    s->words = 0;
    for (;;) {
        s->words++;
        it->has_next = textseg_next_word(&it->words, &it->next);
        if (!it->has_next) {
            size_t first, after;
            s->end = find_paragraph_break(text, len, a.end, len, &first, &after)
                         ? textseg_trim_end(text, a.start, first)
                         : textseg_trim_end(text, a.start, len);
            return true;
        }
        struct boundary b;
        if (find_boundary(text, len, &a, &it->next, &b)) {
            s->end = b.end;
            it->start = b.next;
            return true;
        }
        a = it->next;
    }
}
