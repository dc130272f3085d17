/* numwords.c — one number in digits or words (see numwords.h). */
#include "numwords.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

enum word_role {
    ROLE_SMALL,      /* adds: one .. ninety */
    ROLE_HUNDRED,    /* multiplies what came before: hundred, dozen */
    ROLE_SCALE,      /* closes a group: thousand, million, ... */
    ROLE_ARTICLE,    /* a, an: one, when a scale follows */
    ROLE_HALF,
    ROLE_AND,        /* and, of: joins, adds nothing */
    ROLE_INDEF_SMALL,   /* tens, dozens, scores */
    ROLE_INDEF_HUNDRED, /* hundreds */
    ROLE_INDEF_SCALE    /* thousands, millions, billions */
};

struct word {
    const char *name;
    enum word_role role;
    double value;
};

static const struct word words[] = {
    {"zero", ROLE_SMALL, 0},       {"one", ROLE_SMALL, 1},
    {"two", ROLE_SMALL, 2},        {"three", ROLE_SMALL, 3},
    {"four", ROLE_SMALL, 4},       {"five", ROLE_SMALL, 5},
    {"six", ROLE_SMALL, 6},        {"seven", ROLE_SMALL, 7},
    {"eight", ROLE_SMALL, 8},      {"nine", ROLE_SMALL, 9},
    {"ten", ROLE_SMALL, 10},       {"eleven", ROLE_SMALL, 11},
    {"twelve", ROLE_SMALL, 12},    {"thirteen", ROLE_SMALL, 13},
    {"fourteen", ROLE_SMALL, 14},  {"fifteen", ROLE_SMALL, 15},
    {"sixteen", ROLE_SMALL, 16},   {"seventeen", ROLE_SMALL, 17},
    {"eighteen", ROLE_SMALL, 18},  {"nineteen", ROLE_SMALL, 19},
    {"twenty", ROLE_SMALL, 20},    {"thirty", ROLE_SMALL, 30},
    {"forty", ROLE_SMALL, 40},     {"fifty", ROLE_SMALL, 50},
    {"sixty", ROLE_SMALL, 60},     {"seventy", ROLE_SMALL, 70},
    {"eighty", ROLE_SMALL, 80},    {"ninety", ROLE_SMALL, 90},
    {"hundred", ROLE_HUNDRED, 100}, {"dozen", ROLE_HUNDRED, 12},
    {"thousand", ROLE_SCALE, 1e3}, {"million", ROLE_SCALE, 1e6},
    {"billion", ROLE_SCALE, 1e9},  {"trillion", ROLE_SCALE, 1e12},
    {"a", ROLE_ARTICLE, 1},        {"an", ROLE_ARTICLE, 1},
    {"half", ROLE_HALF, 0.5},      {"and", ROLE_AND, 0},
    {"of", ROLE_AND, 0},
    {"tens", ROLE_INDEF_SMALL, 10}, {"dozens", ROLE_INDEF_SMALL, 12},
    {"scores", ROLE_INDEF_SMALL, 20},
    {"hundreds", ROLE_INDEF_HUNDRED, 100},
    {"thousands", ROLE_INDEF_SCALE, 1e3}, {"millions", ROLE_INDEF_SCALE, 1e6},
    {"billions", ROLE_INDEF_SCALE, 1e9},
};

/* Scales glued to digits: 277m, 1.2bn, 30k, 2tn. */
static const struct word suffixes[] = {
    {"k", ROLE_SCALE, 1e3}, {"m", ROLE_SCALE, 1e6}, {"bn", ROLE_SCALE, 1e9},
    {"tn", ROLE_SCALE, 1e12},
};

struct state {
    double total;      /* closed groups: 260 thousand */
    double current;    /* the open group: 260 */
    bool has_current;
    bool article_only; /* current is 1 only because of "a"/"an" */
    double factor;     /* 0.5 after a leading "half" */
    bool seen_number;
    struct number *out;
};

static bool is_ascii_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Without strlen: it runs over the whole table for every word read. */
static bool same_word(const char *s, size_t n, const char *name)
{
    size_t i = 0;
    for (; i < n; i++)
        if (name[i] == '\0' || lower(s[i]) != name[i])
            return false;
    return name[i] == '\0';
}

static const struct word *lookup(const struct word *table, size_t count,
                                 const char *s, size_t n)
{
    for (size_t i = 0; i < count; i++)
        if (same_word(s, n, table[i].name))
            return &table[i];
    return NULL;
}

static bool is_unicode_space(int32_t cp)
{
    return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000;
}

/* Length of the separator at s[0..n): spaces, tabs, newlines, hyphens. */
static size_t separator_length(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
            i++;
            continue;
        }
        if ((unsigned char)c < 0x80)
            break;
        int32_t cp;
        int k = utf8_decode(s + i, n - i, &cp);
        if (cp < 0 || !is_unicode_space(cp))
            break;
        i += (size_t)k;
    }
    return i;
}

static void close_group(struct state *st, double scale)
{
    st->total += (st->has_current ? st->current : 1) * scale;
    st->current = 0;
    st->has_current = false;
    st->article_only = false;
    st->out->scale = scale;
}

/* True when s[i] is a thousands comma: exactly three digits follow it. */
static bool is_group_comma(const char *s, size_t n, size_t i)
{
    if (s[i] != ',' || i == 0 || i + 3 >= n)
        return false;
    return is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
           (i + 4 == n || !is_digit(s[i + 4]));
}

/* Digits: 260,000 or 0.13, then an optional glued scale. Returns the
 * length read, 0 if s does not start with a valid digit token. */
static size_t read_digits(struct state *st, const char *s, size_t n)
{
    if (st->has_current)
        return 0; /* "5 6" is two numbers */
    double v = 0;
    size_t i = 0;
    int digits = 0;
    for (; i < n; i++) {
        if (is_digit(s[i])) {
            v = v * 10 + (s[i] - '0');
            digits++;
        } else if (is_group_comma(s, n, i)) {
            st->out->grouped = true;
        } else {
            break;
        }
    }
    if (i < n && s[i] == '.' && i + 1 < n && is_digit(s[i + 1])) {
        double place = 0.1;
        for (i++; i < n && is_digit(s[i]); i++, place /= 10)
            v += (s[i] - '0') * place;
        st->out->decimal = true;
    }
    st->out->digits = digits;
    st->current = v;
    st->has_current = true;
    st->seen_number = true;
    size_t letters = 0;
    while (i + letters < n && is_ascii_letter(s[i + letters]))
        letters++;
    if (letters) {
        const struct word *w = lookup(suffixes, sizeof suffixes / sizeof *suffixes, s + i, letters);
        if (!w)
            return 0;
        close_group(st, w->value);
        i += letters;
    }
    return i;
}

/* Apply one word. Returns false when it cannot stand where it is. */
static bool apply_word(struct state *st, const struct word *w, bool last)
{
    switch (w->role) {
    case ROLE_SMALL:
        if (st->article_only)
            return false; /* "a two" */
        st->current = (st->has_current ? st->current : 0) + w->value;
        st->has_current = true;
        st->seen_number = true;
        return true;
    case ROLE_HUNDRED:
        st->current = (st->has_current ? st->current : 1) * w->value;
        st->has_current = true;
        st->article_only = false;
        st->seen_number = true;
        return true;
    case ROLE_SCALE:
        close_group(st, w->value);
        st->article_only = false;
        st->seen_number = true;
        return true;
    case ROLE_ARTICLE:
        if (!st->has_current) { /* "a hundred"; in "two and a half" only the article */
            st->current = 1;
            st->has_current = true;
            st->article_only = true;
        }
        return !last;
    case ROLE_HALF:
        if (!st->has_current) {
            st->factor *= 0.5;  /* half a million */
        } else if (st->article_only) {
            st->current = 0.5;  /* a half */
            st->article_only = false;
        } else {
            st->current += 0.5; /* two and a half */
        }
        st->seen_number = true;
        return true;
    case ROLE_AND:
        return !last;
    case ROLE_INDEF_SMALL:
    case ROLE_INDEF_HUNDRED:
        st->current = (st->has_current ? st->current : 1) * w->value;
        st->has_current = true;
        st->seen_number = true;
        st->out->indefinite = true;
        return true;
    case ROLE_INDEF_SCALE:
        close_group(st, w->value);
        st->seen_number = true;
        st->out->indefinite = true;
        return true;
    }
    return false;
}

bool numwords_parse(const char *s, size_t n, struct number *out)
{
    memset(out, 0, sizeof *out);
    out->scale = 1;
    struct state st = {0, 0, false, false, 1, false, out};
    size_t i = separator_length(s, n);
    while (i < n) {
        size_t len;
        if (is_digit(s[i])) {
            len = read_digits(&st, s + i, n - i);
            if (len == 0)
                return false;
        } else if (is_ascii_letter(s[i])) {
            for (len = 0; i + len < n && is_ascii_letter(s[i + len]); len++)
                ;
            const struct word *w = lookup(words, sizeof words / sizeof *words, s + i, len);
            size_t after = i + len + separator_length(s + i + len, n - i - len);
            if (!w || !apply_word(&st, w, after >= n))
                return false;
            out->words = true;
        } else {
            return false;
        }
        i += len;
        size_t sep = separator_length(s + i, n - i);
        if (sep == 0 && i < n)
            return false; /* "5x", "two," */
        i += sep;
    }
    if (!st.seen_number)
        return false;
    out->value = (st.total + (st.has_current ? st.current : 0)) * st.factor;
    return true;
}
