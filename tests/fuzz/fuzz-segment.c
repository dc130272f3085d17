/* libFuzzer target: lib/segment.h split_text in every mode (blog,
 * paragraph, document) over the input made valid UTF-8 (as winnow-split
 * repairs raw text first).
 *
 * Properties, for each mode (a violation aborts):
 *  - every segment has an id, a kind its mode can give, text that is
 *    valid UTF-8 and a span inside the document (start <= end <= length);
 *  - lossless (SPEC "Splitting"): every non-blank line of the document is
 *    held by some segment: it is one of the lines of a segment's text
 *    (both trimmed of spaces, tabs, CR and NBSP), or is one once a
 *    comment's number ("4." "4.2)") is taken off the front, or it is a
 *    post's date line or holds a post's title.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz-util.h"
#include "segment.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_segment_name = "segment";

/* What the segments of one split hold: their trimmed text lines, sorted,
 * and the titles and dates of the posts. */
struct fz_segment_held {
    char **lines;
    size_t count, cap;
    char **titles;
    size_t titles_count, titles_cap;
    char dates[64][11];
    size_t dates_count;
    bool any_date_dropped; /* more dates than dates[] holds */
    enum split_mode mode;
    size_t doc_len;
};

static bool fz_segment_is_space(const char *s, size_t i, size_t to)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')
        return true;
    return i + 1 < to && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0;
}

/* s[*from..*to) without spaces, tabs, CR and NBSP at either end. */
static void fz_segment_trim(const char *s, size_t *from, size_t *to)
{
    while (*from < *to && fz_segment_is_space(s, *from, *to))
        *from += s[*from] == ' ' || s[*from] == '\t' || s[*from] == '\r' ? 1 : 2;
    for (;;) {
        if (*to > *from && (s[*to - 1] == ' ' || s[*to - 1] == '\t' || s[*to - 1] == '\r'))
            (*to)--;
        else if (*to >= *from + 2 && (unsigned char)s[*to - 2] == 0xC2 &&
                 (unsigned char)s[*to - 1] == 0xA0)
            *to -= 2;
        else
            break;
    }
}

static void fz_segment_push(char ***items, size_t *count, size_t *cap, char *item)
{
    if (*count == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *items = xrealloc(*items, *cap * sizeof **items);
    }
    (*items)[(*count)++] = item;
}

static void fz_segment_add_lines(struct fz_segment_held *held, const char *t, size_t n)
{
    for (size_t from = 0, to; from < n; from = to + 1) {
        const char *nl = memchr(t + from, '\n', n - from);
        to = nl ? (size_t)(nl - t) : n;
        size_t a = from, b = to;
        fz_segment_trim(t, &a, &b);
        if (a < b)
            fz_segment_push(&held->lines, &held->count, &held->cap, xstrndup(t + a, b - a));
    }
}

static bool fz_segment_kind_fits(enum split_mode mode, enum segment_kind kind)
{
    switch (mode) {
    case SPLIT_PARAGRAPH: return kind == SEGMENT_PARAGRAPH;
    case SPLIT_DOCUMENT: return kind == SEGMENT_DOCUMENT;
    case SPLIT_BLOG: return kind != SEGMENT_PARAGRAPH;
    }
    return false;
}

static void fz_segment_note_post(struct fz_segment_held *held, const struct segment *seg)
{
    if (seg->title)
        fz_segment_push(&held->titles, &held->titles_count, &held->titles_cap,
                        xstrdup(seg->title));
    if (!seg->date)
        return;
    if (strlen(seg->date) != 10)
        fuzz_fail(fz_segment_name, "%s: date \"%s\" is not YYYY-MM-DD", seg->id, seg->date);
    if (held->dates_count < sizeof held->dates / sizeof held->dates[0])
        memcpy(held->dates[held->dates_count++], seg->date, 11);
    else
        held->any_date_dropped = true;
}

static int fz_segment_take(const struct segment *seg, void *ctx)
{
    struct fz_segment_held *held = ctx;
    if (!seg->id || !*seg->id)
        fuzz_fail(fz_segment_name, "a segment without an id");
    if (!fz_segment_kind_fits(held->mode, seg->kind))
        fuzz_fail(fz_segment_name, "%s: kind %s in mode %d", seg->id,
                  segment_kind_name(seg->kind), (int)held->mode);
    if (seg->text_len > 0 && !seg->text)
        fuzz_fail(fz_segment_name, "%s: NULL text of %zu bytes", seg->id, seg->text_len);
    if (seg->text_len > 0 && !utf8_is_valid(seg->text, seg->text_len))
        fuzz_fail(fz_segment_name, "%s: text is not valid UTF-8", seg->id);
    if (seg->span_start > seg->span_end || seg->span_end > held->doc_len)
        fuzz_fail(fz_segment_name, "%s: span [%zu, %zu] outside the document of %zu bytes",
                  seg->id, seg->span_start, seg->span_end, held->doc_len);
    fz_segment_add_lines(held, seg->text, seg->text_len);
    if (seg->kind == SEGMENT_POST)
        fz_segment_note_post(held, seg);
    return 0;
}

static int fz_segment_compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool fz_segment_has_line(const struct fz_segment_held *held, const char *line)
{
    return held->count > 0 && bsearch(&line, held->lines, held->count, sizeof *held->lines,
                                      fz_segment_compare) != NULL;
}

/* Bytes of the space (space, tab, CR, NBSP: what lines are trimmed of)
 * at p, 0 if none. */
static size_t fz_segment_space_at(const char *p)
{
    if (*p == ' ' || *p == '\t' || *p == '\r')
        return 1;
    return (unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0 ? 2 : 0;
}

/* The rest of a comment's first line after its number ("4.", "4.2)",
 * "12." and the spaces after it), or NULL when it has none. */
static const char *fz_segment_after_number(const char *line)
{
    const char *p = line;
    if (*p < '0' || *p > '9')
        return NULL;
    while ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9'))
        p++;
    if (*p != '.' && *p != ')')
        return NULL;
    p++;
    if (*p != '\0' && fz_segment_space_at(p) == 0)
        return NULL;
    for (size_t width; (width = fz_segment_space_at(p)) > 0;)
        p += width;
    return p;
}

static bool fz_segment_is_held(const struct fz_segment_held *held, const char *line,
                               size_t len)
{
    if (fz_segment_has_line(held, line))
        return true;
    const char *rest = fz_segment_after_number(line);
    if (rest && (*rest == '\0' || fz_segment_has_line(held, rest)))
        return true;
    char iso[11];
    if (parse_date_line(line, len, iso)) {
        if (held->any_date_dropped)
            return true;
        for (size_t i = 0; i < held->dates_count; i++)
            if (strcmp(held->dates[i], iso) == 0)
                return true;
    }
    for (size_t i = 0; i < held->titles_count; i++)
        if (*held->titles[i] && strstr(line, held->titles[i]))
            return true;
    return false;
}

static void fz_segment_check_lossless(const struct fz_segment_held *held, const char *doc,
                                      size_t len)
{
    for (size_t from = 0, to; from < len; from = to + 1) {
        const char *nl = memchr(doc + from, '\n', len - from);
        to = nl ? (size_t)(nl - doc) : len;
        size_t a = from, b = to;
        fz_segment_trim(doc, &a, &b);
        if (a == b)
            continue;
        char *line = xstrndup(doc + a, b - a);
        /* A NUL inside a line cannot be looked up as a string. */
        bool held_line = strlen(line) != b - a || fz_segment_is_held(held, line, b - a);
        if (!held_line)
            fuzz_fail(fz_segment_name, "mode %d lost the line at byte %zu: \"%.200s\"",
                      (int)held->mode, a, line);
        free(line);
    }
}

static void fz_segment_free(struct fz_segment_held *held)
{
    for (size_t i = 0; i < held->count; i++)
        free(held->lines[i]);
    for (size_t i = 0; i < held->titles_count; i++)
        free(held->titles[i]);
    free(held->lines);
    free(held->titles);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum split_mode modes[] = {SPLIT_BLOG, SPLIT_PARAGRAPH, SPLIT_DOCUMENT};
    struct buf text = BUF_INIT;
    fuzz_text(data, size, &text);
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        struct fz_segment_held held;
        memset(&held, 0, sizeof held);
        held.mode = modes[m];
        held.doc_len = text.len;
        if (split_text(modes[m], "doc", text.data, text.len, fz_segment_take, &held) != 0)
            fuzz_fail(fz_segment_name, "split_text failed with a sink that returns 0");
        if (held.count > 0)
            qsort(held.lines, held.count, sizeof *held.lines, fz_segment_compare);
        fz_segment_check_lossless(&held, text.data, text.len);
        fz_segment_free(&held);
    }
    buf_free(&text);
    return 0;
}
