/* html.c — HTML to plain text in one forward pass (see html.h).
 *
 * This is not an HTML5 tree builder: it only needs to know, at each byte,
 * whether the byte is shown and where lines end, so it scans tags without
 * building elements. Every search that could fail (a '>' that never comes,
 * a quote that is never closed) remembers its failure, so that malformed
 * input cannot make the scan quadratic.
 */
#include "html.h"

#include <stdint.h>
#include <string.h>

#include "buf.h"

enum tag_effect {
    EFFECT_NONE,      /* inline markup: removed, its text stays */
    EFFECT_LINE,      /* ends a line */
    EFFECT_PARAGRAPH, /* ends a paragraph */
    EFFECT_BREAK,     /* <br>: each one ends one more line */
    EFFECT_CELL,      /* a table cell or a control: a space keeps it apart
                         from its neighbours */
    EFFECT_PRE,       /* white space inside is kept as written */
    EFFECT_RAW,       /* content is not markup and not shown */
    EFFECT_HIDDEN,    /* markup whose text is not shown */
    EFFECT_BODY       /* the shown part of the page starts */
};

static const struct {
    const char *name;
    enum tag_effect effect;
} tag_effects[] = {
    {"p", EFFECT_PARAGRAPH},        {"div", EFFECT_PARAGRAPH},
    {"h1", EFFECT_PARAGRAPH},       {"h2", EFFECT_PARAGRAPH},
    {"h3", EFFECT_PARAGRAPH},       {"h4", EFFECT_PARAGRAPH},
    {"h5", EFFECT_PARAGRAPH},       {"h6", EFFECT_PARAGRAPH},
    {"blockquote", EFFECT_PARAGRAPH}, {"section", EFFECT_PARAGRAPH},
    {"article", EFFECT_PARAGRAPH},  {"header", EFFECT_PARAGRAPH},
    {"footer", EFFECT_PARAGRAPH},   {"main", EFFECT_PARAGRAPH},
    {"aside", EFFECT_PARAGRAPH},    {"nav", EFFECT_PARAGRAPH},
    {"table", EFFECT_PARAGRAPH},    {"ul", EFFECT_PARAGRAPH},
    {"ol", EFFECT_PARAGRAPH},       {"dl", EFFECT_PARAGRAPH},
    {"figure", EFFECT_PARAGRAPH},   {"form", EFFECT_PARAGRAPH},
    {"fieldset", EFFECT_PARAGRAPH}, {"address", EFFECT_PARAGRAPH},
    {"details", EFFECT_PARAGRAPH},  {"hr", EFFECT_PARAGRAPH},
    {"center", EFFECT_PARAGRAPH},   {"dialog", EFFECT_PARAGRAPH},
    {"menu", EFFECT_PARAGRAPH},     {"hgroup", EFFECT_PARAGRAPH},
    {"li", EFFECT_LINE},            {"tr", EFFECT_LINE},
    {"dt", EFFECT_LINE},            {"dd", EFFECT_LINE},
    {"caption", EFFECT_LINE},       {"figcaption", EFFECT_LINE},
    {"summary", EFFECT_LINE},       {"legend", EFFECT_LINE},
    {"option", EFFECT_LINE},
    {"td", EFFECT_CELL},            {"th", EFFECT_CELL},
    {"button", EFFECT_CELL},        {"label", EFFECT_CELL},
    {"br", EFFECT_BREAK},
    {"pre", EFFECT_PRE},            {"listing", EFFECT_PRE},
    {"script", EFFECT_RAW},         {"style", EFFECT_RAW},
    {"title", EFFECT_RAW},          {"textarea", EFFECT_RAW},
    {"noscript", EFFECT_RAW},       {"iframe", EFFECT_RAW},
    {"noembed", EFFECT_RAW},        {"noframes", EFFECT_RAW},
    {"head", EFFECT_HIDDEN},        {"template", EFFECT_HIDDEN},
    {"svg", EFFECT_HIDDEN},
    {"body", EFFECT_BODY},
};

enum { TAG_NAME_MAX = 15 };
#define NOT_FOUND SIZE_MAX

struct html_scan {
    const char *s;
    size_t n;
    struct buf *out;
    size_t out_start;    /* out->len when we began: what is ours */
    int owed_breaks;     /* newlines owed before the next shown text */
    bool owed_space;
    int pre_depth;
    int hidden_depth;
    size_t no_gt_from;   /* no '>' at or after this offset */
    bool quotes_failed;  /* quoting was found unbalanced: ignored from here */
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_name_char(char c)
{
    return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == ':';
}

/* ASCII only: the result must not depend on the locale. */
static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool starts_with_nocase(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n < k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (lower(s[i]) != prefix[i])
            return false;
    return true;
}

/* --- writing the text ---------------------------------------------------- */

static bool out_is_empty(const struct html_scan *h)
{
    return h->out->len == h->out_start;
}

static int trailing_newlines(const struct html_scan *h)
{
    int count = 0;
    size_t i = h->out->len;
    while (count < 2 && i > h->out_start && h->out->data[i - 1] == '\n') {
        count++;
        i--;
    }
    return count;
}

/* Breaks and spaces are owed, not written, so that runs of block tags give
 * one blank line and nothing dangles at the start or the end. */
static void pay_owed(struct html_scan *h)
{
    if (!out_is_empty(h)) {
        int have = trailing_newlines(h);
        if (h->owed_breaks > have)
            buf_append(h->out, "\n\n", (size_t)(h->owed_breaks - have));
        else if (h->owed_breaks == 0 && h->owed_space && have == 0)
            buf_append_char(h->out, ' ');
    }
    h->owed_breaks = 0;
    h->owed_space = false;
}

static void owe_break(struct html_scan *h, int level)
{
    if (h->owed_breaks < level)
        h->owed_breaks = level;
}

static void write_preformatted(struct html_scan *h, const char *s, size_t n)
{
    pay_owed(h);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') {
            if (i + 1 < n && s[i + 1] == '\n')
                continue;
            buf_append_char(h->out, '\n');
        } else {
            buf_append_char(h->out, s[i]);
        }
    }
}

static void write_text(struct html_scan *h, const char *s, size_t n)
{
    if (h->hidden_depth > 0 || n == 0)
        return;
    if (h->pre_depth > 0) {
        write_preformatted(h, s, n);
        return;
    }
    size_t i = 0;
    while (i < n) {
        if (is_space(s[i])) {
            h->owed_space = true;
            i++;
            continue;
        }
        size_t word_end = i;
        while (word_end < n && !is_space(s[word_end]))
            word_end++;
        pay_owed(h);
        buf_append(h->out, s + i, word_end - i);
        i = word_end;
    }
}

/* --- scanning markup ----------------------------------------------------- */

static size_t find_gt(struct html_scan *h, size_t from)
{
    if (from >= h->no_gt_from)
        return NOT_FOUND;
    const char *gt = memchr(h->s + from, '>', h->n - from);
    if (!gt) {
        h->no_gt_from = from;
        return NOT_FOUND;
    }
    return (size_t)(gt - h->s);
}

/* The '>' that ends a tag whose attributes start at `from`; a '>' inside a
 * quoted attribute value does not end it. */
static size_t find_tag_end(struct html_scan *h, size_t from)
{
    const char *s = h->s;
    size_t n = h->n, j = from;
    if (h->quotes_failed || from >= h->no_gt_from)
        return find_gt(h, from);
    while (j < n && s[j] != '>') {
        if (s[j++] != '=')
            continue;
        while (j < n && is_space(s[j]))
            j++;
        if (j < n && (s[j] == '"' || s[j] == '\'')) {
            const char *close = memchr(s + j + 1, s[j], n - j - 1);
            if (!close) {
                h->quotes_failed = true;
                return find_gt(h, from);
            }
            j = (size_t)(close - s) + 1;
        }
    }
    if (j < n)
        return j;
    /* Quotes paired so that no '>' is left outside them: they cannot be
     * trusted, and honouring them again could rescan to the end each time. */
    h->quotes_failed = true;
    return find_gt(h, from);
}

static enum tag_effect effect_of(const char *name)
{
    for (size_t i = 0; i < sizeof tag_effects / sizeof tag_effects[0]; i++)
        if (strcmp(tag_effects[i].name, name) == 0)
            return tag_effects[i].effect;
    return EFFECT_NONE;
}

static void apply_effect(struct html_scan *h, enum tag_effect effect,
                         bool closing, bool self_closing)
{
    bool shapes_text = effect == EFFECT_LINE || effect == EFFECT_PARAGRAPH ||
                       effect == EFFECT_BREAK || effect == EFFECT_CELL;
    if (shapes_text && h->hidden_depth > 0)
        return; /* layout of what is not shown */
    switch (effect) {
    case EFFECT_LINE: owe_break(h, 1); break;
    case EFFECT_PARAGRAPH: owe_break(h, 2); break;
    case EFFECT_CELL: h->owed_space = true; break;
    case EFFECT_BREAK:
        if (h->owed_breaks < 2)
            h->owed_breaks++;
        break;
    case EFFECT_PRE:
        owe_break(h, 2);
        if (!closing)
            h->pre_depth++;
        else if (h->pre_depth > 0)
            h->pre_depth--;
        break;
    case EFFECT_HIDDEN:
        if (self_closing)
            break;
        if (!closing)
            h->hidden_depth++;
        else if (h->hidden_depth > 0)
            h->hidden_depth--;
        break;
    case EFFECT_BODY:
        /* A <head> left open ends where the body starts. */
        if (!closing)
            h->hidden_depth = 0;
        break;
    case EFFECT_NONE:
    case EFFECT_RAW:
        break;
    }
}

/* Skip the content of a raw-text element up to and including its end tag;
 * with no end tag the rest of the input is its content. */
static size_t skip_raw_text(struct html_scan *h, size_t from, const char *name)
{
    size_t name_len = strlen(name);
    size_t i = from;
    while (i < h->n) {
        const char *lt = memchr(h->s + i, '<', h->n - i);
        if (!lt)
            break;
        i = (size_t)(lt - h->s) + 1;
        if (i < h->n && h->s[i] == '/' &&
            starts_with_nocase(h->s + i + 1, h->n - i - 1, name)) {
            size_t after = i + 1 + name_len;
            if (after >= h->n || is_space(h->s[after]) || h->s[after] == '/' ||
                h->s[after] == '>') {
                size_t gt = find_gt(h, after);
                return gt == NOT_FOUND ? h->n : gt + 1;
            }
        }
    }
    return h->n;
}

static size_t literal_lt(struct html_scan *h, size_t at)
{
    write_text(h, "<", 1);
    return at + 1;
}

/* A start or end tag at s[at] == '<'. Returns the offset after it. */
static size_t scan_tag(struct html_scan *h, size_t at, bool closing)
{
    char name[TAG_NAME_MAX + 1];
    size_t k = 0, j = at + 1 + (closing ? 1 : 0);
    bool name_too_long = false;
    for (; j < h->n && is_name_char(h->s[j]); j++) {
        if (k < TAG_NAME_MAX)
            name[k++] = lower(h->s[j]);
        else
            name_too_long = true;
    }
    name[k] = '\0';
    size_t end = find_tag_end(h, j);
    if (end == NOT_FOUND)
        return literal_lt(h, at); /* "a <b" at the end: keep it as text */
    bool self_closing = end > j && h->s[end - 1] == '/';
    enum tag_effect effect = name_too_long ? EFFECT_NONE : effect_of(name);
    apply_effect(h, effect, closing, self_closing);
    if (effect == EFFECT_RAW && !closing && !self_closing)
        return skip_raw_text(h, end + 1, name);
    return end + 1;
}

/* Comments end at "-->" ("<!-->" is an empty one); one left open runs to
 * the end of the input, as in a browser. */
static size_t skip_comment(struct html_scan *h, size_t at)
{
    size_t i = at + 2;
    while (i + 3 <= h->n) {
        const char *dash = memchr(h->s + i, '-', h->n - i);
        if (!dash)
            break;
        i = (size_t)(dash - h->s);
        if (i + 3 <= h->n && memcmp(h->s + i, "-->", 3) == 0)
            return i + 3;
        i++;
    }
    return h->n;
}

/* <!DOCTYPE ...>, <?xml ...?>, </ ...>: dropped up to their '>'. */
static size_t skip_declaration(struct html_scan *h, size_t at)
{
    size_t gt = find_gt(h, at + 1);
    return gt == NOT_FOUND ? literal_lt(h, at) : gt + 1;
}

static size_t scan_markup(struct html_scan *h, size_t at)
{
    if (at + 1 >= h->n)
        return literal_lt(h, at);
    char next = h->s[at + 1];
    if (next == '!') {
        if (at + 4 <= h->n && memcmp(h->s + at, "<!--", 4) == 0)
            return skip_comment(h, at);
        return skip_declaration(h, at);
    }
    if (next == '?')
        return skip_declaration(h, at);
    if (next == '/') {
        if (at + 2 < h->n && is_alpha(h->s[at + 2]))
            return scan_tag(h, at, true);
        return skip_declaration(h, at);
    }
    if (is_alpha(next))
        return scan_tag(h, at, false);
    return literal_lt(h, at); /* "a < b" */
}

void html_to_text(const char *html, size_t len, struct buf *out)
{
    struct html_scan h = {0};
    h.s = html;
    h.n = len;
    h.out = out;
    h.out_start = out->len;
    h.no_gt_from = NOT_FOUND;
    size_t i = 0;
    while (i < len) {
        const char *lt = memchr(html + i, '<', len - i);
        size_t text_end = lt ? (size_t)(lt - html) : len;
        write_text(&h, html + i, text_end - i);
        if (!lt)
            break;
        i = scan_markup(&h, text_end);
    }
    if (!out_is_empty(&h) && trailing_newlines(&h) == 0)
        buf_append_char(out, '\n');
}

bool html_looks_like(const char *s, size_t len)
{
    static const char *const markers[] = {"<html", "<!doctype", "<head",
                                          "<body"};
    size_t i = 0;
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && is_space(s[i]))
        i++;
    if (i >= len || s[i] != '<')
        return false;
    size_t window = len - i < 1024 ? len - i : 1024;
    for (size_t at = i; at < i + window; at++) {
        if (s[at] != '<')
            continue;
        for (size_t m = 0; m < sizeof markers / sizeof markers[0]; m++)
            if (starts_with_nocase(s + at, i + window - at, markers[m]))
                return true;
    }
    return false;
}
