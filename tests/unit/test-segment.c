/* Unit tests of lib/segment: date lines; every blog fixture against its
 * hand-written expectation, losslessness and spans; record texts; the
 * paragraph and document modes; the seeds when present; hostile input. */
#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "check.h"
#include "read-file.h"
#include "segment.h"

#define FIXTURES "tests/fixtures/blog"
#define SEEDS "../shared/seeds"

/* ---- collecting segments ---------------------------------------------------- */

struct rec {
    enum segment_kind kind;
    char *id, *text, *date, *title, *post, *parent, *n, *source, *headline, *intro;
    size_t text_len, span_start, span_end;
    int depth;
};

struct recs {
    struct rec *items;
    size_t count, cap;
    size_t stop_after; /* the sink returns 7 after this many records; 0: never */
};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static int collect(const struct segment *seg, void *ctx)
{
    struct recs *rs = ctx;
    if (rs->count == rs->cap) {
        rs->cap = rs->cap ? rs->cap * 2 : 16;
        rs->items = xrealloc(rs->items, rs->cap * sizeof *rs->items);
    }
    struct rec *r = &rs->items[rs->count++];
    r->kind = seg->kind;
    r->id = dup_or_null(seg->id);
    r->text = xstrndup(seg->text, seg->text_len);
    r->text_len = seg->text_len;
    r->date = dup_or_null(seg->date);
    r->title = dup_or_null(seg->title);
    r->post = dup_or_null(seg->post);
    r->parent = dup_or_null(seg->parent);
    r->n = dup_or_null(seg->n);
    r->source = dup_or_null(seg->source);
    r->headline = dup_or_null(seg->headline);
    r->intro = dup_or_null(seg->intro);
    r->span_start = seg->span_start;
    r->span_end = seg->span_end;
    r->depth = seg->depth;
    return rs->stop_after && rs->count >= rs->stop_after ? 7 : 0;
}

static void recs_free(struct recs *rs)
{
    for (size_t i = 0; i < rs->count; i++) {
        struct rec *r = &rs->items[i];
        char *fields[] = {r->id, r->text, r->date, r->title, r->post, r->parent,
                          r->n, r->source, r->headline, r->intro};
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++)
            free(fields[f]);
    }
    free(rs->items);
    *rs = (struct recs){0};
}

static int split_collect(enum split_mode mode, const char *doc, const char *text, size_t len,
                         struct recs *rs)
{
    return split_text(mode, doc, text, len, collect, rs);
}

static const struct rec *find_rec(const struct recs *rs, const char *id)
{
    for (size_t i = 0; i < rs->count; i++)
        if (strcmp(rs->items[i].id, id) == 0)
            return &rs->items[i];
    return NULL;
}

static bool starts_with(const char *text, const char *prefix)
{
    return text && strncmp(text, prefix, strlen(prefix)) == 0;
}

static const char *text_of(const struct recs *rs, const char *id)
{
    const struct rec *r = find_rec(rs, id);
    return r ? r->text : NULL;
}

/* ---- date lines --------------------------------------------------------------- */

static void check_date(const char *line, const char *want)
{
    char iso[11] = "";
    int ok = parse_date_line(line, strlen(line), iso);
    if (want)
        CHECK_STR(ok ? iso : NULL, want, "date line \"%s\"", line);
    else
        CHECK(!ok, "not a date line: \"%s\"", line);
}

static void test_dates(void)
{
    check_date("Thursday, 14 December 2017", "2017-12-14");
    check_date("Thursday 14 December 2017", "2017-12-14");
    check_date("14 December 2017", "2017-12-14");
    check_date("14th December 2017", "2017-12-14");
    check_date("1st March 2018", "2018-03-01");
    check_date("Thu, 14 Dec 2017", "2017-12-14");
    check_date("December 14, 2017", "2017-12-14");
    check_date("Thursday, December 14, 2017", "2017-12-14");
    check_date("2017-12-14", "2017-12-14");
    check_date("Thursday 14th of December 2017", "2017-12-14");
    check_date("14 of December 2017", "2017-12-14");
    check_date("Dec. 14, 2017", "2017-12-14");
    check_date("Thu. 14 Dec. 2017", "2017-12-14");
    check_date("Thurs 14 Sept 2017", "2017-09-14");
    check_date("Tues, 12 Sept 2017", "2017-09-12");
    check_date("Weds 13 December 2017", "2017-12-13");
    check_date("Thursday, 14 December, 2017", "2017-12-14");
    check_date("14/12/2017", "2017-12-14");
    check_date("4/5/2017", "2017-05-04");
    check_date("12/14/2017", "2017-12-14");
    check_date("31/02/2017", NULL);
    check_date("14/12/17", NULL);
    check_date("14/12/2017/1", NULL);
    check_date("14 of 2017", NULL);
    check_date("Septe 14 2017", NULL);
    check_date("December. 14, 2017", NULL);
    check_date("  thursday, 14 DECEMBER 2017 \r", "2017-12-14");
    check_date("Thursday, 14 December 2017\xc2\xa0", "2017-12-14");
    check_date("29 February 2016", "2016-02-29");
    check_date("29 February 2000", "2000-02-29");
    check_date("29 February 2017", NULL);
    check_date("29 February 1900", NULL);
    check_date("31 February 2017", NULL);
    check_date("31 April 2017", NULL);
    check_date("0 May 2017", NULL);
    check_date("32 May 2017", NULL);
    check_date("14 December 1899", NULL);
    check_date("14 December 2101", NULL);
    check_date("2017-13-01", NULL);
    check_date("2017-12-14T10:00", NULL);
    check_date("Thursday, 14 December 2017 at noon", NULL);
    check_date("On Thursday, 14 December 2017", NULL);
    check_date("14 Decembre 2017", NULL);
    check_date("14 Decem 2017", NULL);
    check_date("Thursday, 14 December", NULL);
    check_date("December 2017", NULL);
    check_date("14December2017", NULL);
    check_date("114 December 2017", NULL);
    check_date("14 December 20171", NULL);
    check_date("", NULL);
    char iso[11];
    CHECK(parse_date_line("14 December 2017 and more", 16, iso) == 1 &&
              strcmp(iso, "2017-12-14") == 0,
          "parse_date_line reads only len bytes");
}

/* ---- expectations ------------------------------------------------------------- */

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

/* One line per record, in the columns of the .expect files. */
static void describe(const struct recs *rs, struct buf *out)
{
    buf_reset(out);
    for (size_t i = 0; i < rs->count; i++) {
        const struct rec *r = &rs->items[i];
        char depth[16] = "-";
        if (r->kind == SEGMENT_COMMENT)
            snprintf(depth, sizeof depth, "%d", r->depth);
        bool is_comment = r->kind == SEGMENT_COMMENT, is_quote = r->kind == SEGMENT_QUOTE;
        buf_printf(out, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", segment_kind_name(r->kind),
                   r->id, (is_comment || is_quote) ? or_dash(r->parent) : "-",
                   is_comment ? or_dash(r->n) : "-", depth, or_dash(r->date),
                   or_dash(r->title), is_quote ? or_dash(r->source) : "-",
                   is_quote ? or_dash(r->headline) : "-");
    }
    buf_reserve(out, 0);
}

/* Copies line `index` (0-based, empty lines skipped) of text into out;
 * returns false past the end. */
static bool nth_line(const char *text, size_t index, struct buf *out)
{
    size_t seen = 0;
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n > 0 && seen++ == index) {
            buf_reset(out);
            buf_append(out, p, n);
            return true;
        }
        p += n + (end ? 1 : 0);
    }
    return false;
}

/* Returns the index of the first differing line, or -1 when equal. */
static long first_difference(const char *got, const char *want, struct buf *got_line,
                             struct buf *want_line)
{
    for (size_t i = 0;; i++) {
        bool has_got = nth_line(got, i, got_line), has_want = nth_line(want, i, want_line);
        if (!has_got && !has_want)
            return -1;
        if (!has_got)
            buf_reset(got_line), buf_append_str(got_line, "(no more records)");
        if (!has_want)
            buf_reset(want_line), buf_append_str(want_line, "(no more records)");
        if (!has_got || !has_want || strcmp(got_line->data, want_line->data) != 0)
            return (long)i;
    }
}

/* ---- lossless and span checks --------------------------------------------------- */

static bool is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* s[*from..*to) without leading spaces/tabs and trailing spaces/tabs/CR. */
static void trim_line(const char *s, size_t *from, size_t *to)
{
    while (*from < *to && (s[*from] == ' ' || s[*from] == '\t'))
        (*from)++;
    while (*to > *from && is_space_byte(s[*to - 1]))
        (*to)--;
}

static bool is_blank_line(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (is_space_byte(s[i]))
            continue;
        if (i + 1 < to && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        return false;
    }
    return true;
}

struct line_set {
    char **lines;
    size_t count, cap;
};

static void set_add(struct line_set *set, const char *s, size_t from, size_t to)
{
    trim_line(s, &from, &to);
    if (from == to)
        return;
    if (set->count == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 64;
        set->lines = xrealloc(set->lines, set->cap * sizeof *set->lines);
    }
    set->lines[set->count++] = xstrndup(s + from, to - from);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool set_has(const struct line_set *set, const char *line)
{
    return bsearch(&line, set->lines, set->count, sizeof *set->lines, compare_strings) != NULL;
}

static void set_free(struct line_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        free(set->lines[i]);
    free(set->lines);
}

/* Accepts a document line held by the records: as a text line, as a text
 * line once a comment's "N. " or "N) " is removed, or as a post's date or
 * title. */
static bool is_held(const struct line_set *set, const struct recs *rs, const char *line)
{
    if (set_has(set, line))
        return true;
    size_t digits = 0;
    while (line[digits] >= '0' && line[digits] <= '9')
        digits++;
    if (digits > 0 && (line[digits] == '.' || line[digits] == ')') &&
        (line[digits + 1] == '\0' || line[digits + 1] == ' ' || line[digits + 1] == '\t')) {
        const char *rest = line + digits + 1;
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (*rest == '\0' || set_has(set, rest))
            return true;
    }
    char iso[11];
    bool date = parse_date_line(line, strlen(line), iso);
    for (size_t i = 0; i < rs->count; i++) {
        const struct rec *r = &rs->items[i];
        if (r->kind != SEGMENT_POST)
            continue;
        if ((date && r->date && strcmp(iso, r->date) == 0) ||
            (r->title && strstr(line, r->title) != NULL))
            return true;
    }
    return false;
}

/* Returns the first non-blank document line no record holds (caller
 * frees), or NULL when nothing was lost. */
static char *first_lost_line(const char *doc, size_t len, const struct recs *rs)
{
    struct line_set set = {0};
    for (size_t i = 0; i < rs->count; i++) {
        const char *t = rs->items[i].text;
        size_t n = rs->items[i].text_len;
        for (size_t from = 0, to; from < n; from = to + 1) {
            const char *nl = memchr(t + from, '\n', n - from);
            to = nl ? (size_t)(nl - t) : n;
            set_add(&set, t, from, to);
        }
    }
    if (set.count)
        qsort(set.lines, set.count, sizeof *set.lines, compare_strings);
    char *lost = NULL;
    for (size_t from = 0, to; from < len && !lost; from = to + 1) {
        const char *nl = memchr(doc + from, '\n', len - from);
        to = nl ? (size_t)(nl - doc) : len;
        size_t a = from, b = to;
        trim_line(doc, &a, &b);
        if (is_blank_line(doc, a, b))
            continue;
        char *line = xstrndup(doc + a, b - a);
        if (!is_held(&set, rs, line))
            lost = line;
        else
            free(line);
    }
    set_free(&set);
    return lost;
}

/* Every record's first text line starts at span_start and its last one
 * ends at span_end. Returns the id of the first record that fails. */
static const char *first_bad_span(const char *doc, size_t len, const struct recs *rs)
{
    for (size_t i = 0; i < rs->count; i++) {
        const struct rec *r = &rs->items[i];
        if (r->span_start > r->span_end || r->span_end > len)
            return r->id;
        if (r->text_len == 0)
            continue;
        const char *nl = strchr(r->text, '\n');
        size_t first = nl ? (size_t)(nl - r->text) : r->text_len;
        const char *last_nl = strrchr(r->text, '\n');
        const char *last = last_nl ? last_nl + 1 : r->text;
        size_t last_len = r->text_len - (size_t)(last - r->text);
        if (r->span_end - r->span_start < first ||
            memcmp(doc + r->span_start, r->text, first) != 0 ||
            r->span_end - r->span_start < last_len ||
            memcmp(doc + r->span_end - last_len, last, last_len) != 0)
            return r->id;
    }
    return NULL;
}

static void check_lossless_and_spans(const char *name, const char *doc, size_t len,
                                     const struct recs *rs)
{
    char *lost = first_lost_line(doc, len, rs);
    CHECK(lost == NULL, "%s: lossless%s%s%s", name, lost ? ": lost \"" : "",
          lost ? lost : "", lost ? "\"" : "");
    free(lost);
    const char *bad = first_bad_span(doc, len, rs);
    CHECK(bad == NULL, "%s: spans point at the record texts%s%s", name,
          bad ? ": wrong span of " : "", bad ? bad : "");
}

/* ---- fixtures ------------------------------------------------------------------- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names (without ".txt") of the fixture pages, sorted; caller frees. */
static char **list_fixtures(size_t *count)
{
    char **names = NULL;
    size_t cap = 0;
    *count = 0;
    DIR *dir = opendir(FIXTURES);
    if (!dir)
        return NULL;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        size_t n = strlen(entry->d_name);
        if (n <= 4 || strcmp(entry->d_name + n - 4, ".txt") != 0)
            continue;
        if (*count == cap) {
            cap = cap ? cap * 2 : 32;
            names = xrealloc(names, cap * sizeof *names);
        }
        names[(*count)++] = xstrndup(entry->d_name, n - 4);
    }
    closedir(dir);
    if (*count)
        qsort(names, *count, sizeof *names, compare_names);
    return names;
}

static void test_fixture(const char *name)
{
    struct buf path = BUF_INIT, page = BUF_INIT, want = BUF_INIT, got = BUF_INIT;
    struct buf got_line = BUF_INIT, want_line = BUF_INIT;
    buf_printf(&path, FIXTURES "/%s.txt", name);
    bool have_page = read_whole_file(path.data, &page);
    buf_reset(&path);
    buf_printf(&path, FIXTURES "/%s.expect", name);
    bool have_want = read_whole_file(path.data, &want);
    if (!have_page || !have_want) {
        CHECK(false, "%s: fixture page and .expect are readable", name);
    } else {
        struct recs rs = {0};
        split_collect(SPLIT_BLOG, name, page.data, page.len, &rs);
        describe(&rs, &got);
        long line = first_difference(got.data, want.data, &got_line, &want_line);
        CHECK(line < 0, "%s: records as expected%s%ld%s%s%s%s%s", name,
              line < 0 ? "" : ": record ", line + 1, line < 0 ? "" : ": got \"",
              line < 0 ? "" : got_line.data, line < 0 ? "" : "\", want \"",
              line < 0 ? "" : want_line.data, line < 0 ? "" : "\"");
        check_lossless_and_spans(name, page.data, page.len, &rs);
        recs_free(&rs);
    }
    struct buf *bufs[] = {&path, &page, &want, &got, &got_line, &want_line};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        buf_free(bufs[i]);
}

static void test_fixtures(void)
{
    size_t count;
    char **names = list_fixtures(&count);
    CHECK(count >= 15, "at least 15 blog fixtures in " FIXTURES " (found %zu)", count);
    for (size_t i = 0; i < count; i++) {
        test_fixture(names[i]);
        free(names[i]);
    }
    free(names);
}

/* Splits one fixture for the text checks below; false if it is missing. */
static bool split_fixture(const char *name, struct recs *rs)
{
    struct buf path = BUF_INIT, page = BUF_INIT;
    buf_printf(&path, FIXTURES "/%s.txt", name);
    bool ok = read_whole_file(path.data, &page);
    if (ok)
        split_collect(SPLIT_BLOG, name, page.data, page.len, rs);
    else
        CHECK(false, "fixture %s is readable", name);
    buf_free(&path);
    buf_free(&page);
    return ok;
}

/* ---- record texts ----------------------------------------------------------------- */

static void test_comment_texts(void)
{
    struct recs rs = {0};
    if (split_fixture("replies-continuation", &rs)) {
        CHECK_STR(text_of(&rs, "replies-continuation/p1/c1"),
                  "I have read it. The short version is that nothing works and nobody is "
                  "surprised.\n\nThe longer version is that the resettlement teams were never "
                  "resourced to do what the contracts promised.",
                  "comment: marker removed, continuation paragraph after a blank line");
        CHECK_STR(text_of(&rs, "replies-continuation/p1/c1.1"),
                  "That matches my experience exactly.\n\nWe were told to complete a plan for "
                  "every prisoner in twelve weeks with half the staff we needed.\n\nThe plans "
                  "were never read by anyone on the outside.",
                  "reply: marker removed, continuation paragraphs");
        CHECK_STR(text_of(&rs, "replies-continuation/p1/c2"),
                  "Does anyone have a link to the full report?\nIt is not on the website "
                  "yet.\nI have looked twice.",
                  "comment: consecutive lines joined with a newline");
        const struct rec *reply = find_rec(&rs, "replies-continuation/p1/c2.1");
        CHECK(reply && reply->depth == 2 && strcmp(reply->parent, "replies-continuation/p1/c2") == 0 &&
                  strcmp(reply->post, "replies-continuation/p1") == 0 && strcmp(reply->n, "2.1") == 0,
              "reply 2.1: depth 2, parent c2, post p1");
    }
    recs_free(&rs);
    if (split_fixture("poem-and-list", &rs)) {
        CHECK_STR(text_of(&rs, "poem-and-list/p1/c2"),
                  "My plan for Monday:\n1: open the laptop\n2: wait for the laptop\n3: go home",
                  "a '    1: ' list stays in its comment");
        CHECK_STR(text_of(&rs, "poem-and-list/p1/c2.1"),
                  "You forgot\n4: apologise to the service user", "a list line continues a reply");
        CHECK_STR(text_of(&rs, "poem-and-list/p1/c3.1"),
                  "Thanks. It took longer to write than my last three assessments.\n\n(That is "
                  "not a joke.)",
                  "deeper indentation continues a reply");
        const char *poem = text_of(&rs, "poem-and-list/p1/c1");
        CHECK(poem && strstr(poem, "climb,\nthe laptop freezes every time,\n") &&
                  strstr(poem, "by the clock.\n\nHe waited Monday"),
              "a poem keeps its lines and stanzas");
    }
    recs_free(&rs);
    if (split_fixture("missing-first-number", &rs)) {
        CHECK_STR(text_of(&rs, "missing-first-number/p1/c1"),
                  "Unlucky for some, but this was meant to be comment number one.",
                  "orphan text before comment 2 is comment 1");
        const char *post = text_of(&rs, "missing-first-number/p3");
        CHECK(post && strstr(post, "\n\n(Posted on behalf of a reader who asked to stay anonymous.)"),
              "orphan text before comment 1 stays in the post");
    }
    recs_free(&rs);
    if (split_fixture("bullets-nbsp", &rs)) {
        CHECK_STR(text_of(&rs, "bullets-nbsp/p1/c2"),
                  "\xc2\xa0Telephone supervision is not supervision.",
                  "NBSP after a comment marker is text");
    }
    recs_free(&rs);
}

static void test_post_and_quote_texts(void)
{
    struct recs rs = {0};
    if (split_fixture("intro-end-of-paragraph", &rs)) {
        const char *post = text_of(&rs, "intro-end-of-paragraph/p1");
        CHECK(post && strstr(post, "never assessed. This\xc2\xa0 from the BBC website:-") &&
                  !strstr(post, "Probation in Wales requires"),
              "intro at the end of a paragraph is in the post text, the quote is not");
        const struct rec *q = find_rec(&rs, "intro-end-of-paragraph/p1/q1");
        CHECK_STR(q ? q->intro : NULL, "This\xc2\xa0 from the BBC website:-",
                  "intro is the last sentence, trimmed");
        CHECK(q && starts_with(q->text, "Probation in Wales requires improvement, say inspectors\n\n"),
              "headline is the quote's first paragraph");
        CHECK_STR(q ? q->post : NULL, "intro-end-of-paragraph/p1", "quote's post");
    }
    recs_free(&rs);
    if (split_fixture("intro-own-line", &rs)) {
        CHECK_STR(text_of(&rs, "intro-own-line/p1"),
                  "There is talk once again of bringing the service back together. Two very "
                  "different takes this week.\n\nThis from the Guardian:-\n\nAnd this in the "
                  "Spectator:-",
                  "post text: blogger paragraphs and every intro");
        const struct rec *q = find_rec(&rs, "intro-own-line/p1/q1");
        CHECK(q && strstr(q->text, "declined to comment on what it called speculation.") &&
                  !strstr(q->text, "Spectator"),
              "a quote runs to the next intro");
    }
    recs_free(&rs);
    if (split_fixture("bullets-nbsp", &rs)) {
        const struct rec *q = find_rec(&rs, "bullets-nbsp/p1/q1");
        CHECK(q && starts_with(q->text, "Probation still failing, says watchdog\xc2\xa0\n\n"),
              "quote text keeps the headline's NBSP, the headline field does not");
        const char *post = text_of(&rs, "bullets-nbsp/p1");
        CHECK(post && strstr(post, "The report found:\n\n\xe2\x80\xa2 Too many cases") &&
                  strstr(post, "widespread.\nThe inspectors concluded"),
              "bullets are text, their paragraph runs into the unindented line");
    }
    recs_free(&rs);
}

static void test_page_texts(void)
{
    struct recs rs = {0};
    if (split_fixture("label-page", &rs)) {
        const char *post = text_of(&rs, "label-page/p1");
        CHECK(starts_with(post, "Showing posts with label probation. Show all posts\n\nAnother week"),
              "a label page's header line opens the first post's text");
        const struct rec *p = find_rec(&rs, "label-page/p1");
        CHECK(p && p->span_start == 0, "the first post's span starts at the header");
    }
    recs_free(&rs);
    static const char curly[] = "1 May 2018\n\nTitle\n\nThey called it \xe2\x80\x9c" "a "
                                "disgrace.\xe2\x80\x9d This in the Observer:-\n\nHeadline here\n\nBody.\n";
    split_collect(SPLIT_BLOG, "curly", curly, sizeof curly - 1, &rs);
    const struct rec *q = find_rec(&rs, "curly/p1/q1");
    CHECK_STR(q ? q->intro : NULL, "This in the Observer:-",
              "a sentence closed by a curly quote ends before the intro");
    CHECK_STR(q ? q->source : NULL, "the Observer", "source after 'in the'");
    recs_free(&rs);
    if (split_fixture("crlf", &rs)) {
        bool clean = rs.count > 0;
        for (size_t i = 0; i < rs.count; i++)
            if (memchr(rs.items[i].text, '\r', rs.items[i].text_len) ||
                (rs.items[i].title && strchr(rs.items[i].title, '\r')))
                clean = false;
        CHECK(clean, "CRLF: no carriage return in any text or title");
    }
    recs_free(&rs);
    if (split_fixture("body-numbered-list", &rs)) {
        const char *post = text_of(&rs, "body-numbered-list/p1");
        CHECK(post && strstr(post, "would ask.\n\n1. How many CRC staff have left since 2015?\n2. ") &&
                  strstr(post, "wants:\n\n1. An end to the contracts.\n2. A single public service."),
              "numbered lists in the body stay in the post");
    }
    recs_free(&rs);
}

/* Texts of the layouts that real blog platforms add. */
static void test_variant_texts(void)
{
    struct recs rs = {0};
    if (split_fixture("list-ends-post", &rs)) {
        const char *post = text_of(&rs, "list-ends-post/p1");
        CHECK(post && strstr(post, "minister:\n\n1. Publication of the full review.\n2. ") &&
                  strstr(post, "3. Who will be held to account?"),
              "a list that ends the post stays in the post");
        CHECK_STR(text_of(&rs, "list-ends-post/p1/c1"), "They won't answer any of them.",
                  "the comment after the list is its own record");
        post = text_of(&rs, "list-ends-post/p3");
        CHECK(post && strstr(post, "1. An end to telephone supervision.\n\n2. Caseloads"),
              "a list with blank lines between its items stays in the post");
        const char *quote = text_of(&rs, "list-ends-post/p2/q1");
        CHECK(quote && strstr(quote, "\xe2\x80\xa2 Senior leaders lacked grip on performance."),
              "a bullet list that ends the last quote stays in the quote");
    }
    recs_free(&rs);
    if (split_fixture("blogger-furniture", &rs)) {
        const char *post = text_of(&rs, "blogger-furniture/p1");
        const char *quote = text_of(&rs, "blogger-furniture/p1/q1");
        CHECK(post && strstr(post, "Labels: CRCs, inspections, TR\n\n4 comments:") &&
                  strstr(post, "Newer Post Older Post Home"),
              "furniture before and after the comments is in the post");
        CHECK(quote && !strstr(quote, "Labels") && !strstr(quote, "Posted by"),
              "furniture is not in the last quote");
        CHECK_STR(text_of(&rs, "blogger-furniture/p1/c3"), "What happens now?",
                  "the last comment ends before the furniture");
    }
    recs_free(&rs);
    if (split_fixture("comment-variants", &rs)) {
        CHECK_STR(text_of(&rs, "comment-variants/p1/c1.1"), "A reply, also bracketed.",
                  "a bracketed number is removed from the text");
        CHECK_STR(text_of(&rs, "comment-variants/p2/c2"), "Anonymous said...\nSame in our office.",
                  "a number alone on its line: the name line opens the text");
        CHECK_STR(text_of(&rs, "comment-variants/p3/c2"), "Second comment.\n\nIts second paragraph.",
                  "tab indentation: a deeper paragraph continues the comment");
    }
    recs_free(&rs);
    if (split_fixture("date-variants", &rs)) {
        const char *quote = text_of(&rs, "date-variants/p2/q1");
        CHECK(quote && strstr(quote, "\n\nWednesday 13 December 2017\n\n") &&
                  strstr(quote, "12 December 2017\n\nBy Alan Travis"),
              "a quoted article's own date lines stay in the quote");
    }
    recs_free(&rs);
}

/* ---- other modes --------------------------------------------------------------------- */

static void test_modes(void)
{
    static const char text[] = "\n\n  Indented first\nline two  \r\n\n\n\n"
                               "Second para\r\n   \n\xc2\xa0\n\tThird\n\n";
    struct recs rs = {0};
    split_collect(SPLIT_PARAGRAPH, "doc", text, sizeof text - 1, &rs);
    CHECK(rs.count == 3, "paragraph mode: 3 paragraphs (got %zu)", rs.count);
    if (rs.count == 3) {
        CHECK_STR(rs.items[0].id, "doc/para1", "paragraph id");
        CHECK(rs.items[0].kind == SEGMENT_PARAGRAPH, "paragraph kind");
        CHECK_STR(rs.items[0].text, "  Indented first\nline two",
                  "paragraph mode keeps indentation, trims line ends");
        CHECK(rs.items[0].span_start == 2 && rs.items[0].span_end == 27,
              "paragraph span [%zu, %zu]", rs.items[0].span_start, rs.items[0].span_end);
        CHECK_STR(rs.items[2].id, "doc/para3", "third paragraph id");
        CHECK_STR(rs.items[2].text, "\tThird", "an NBSP-only line is blank");
    }
    check_lossless_and_spans("paragraph mode", text, sizeof text - 1, &rs);
    recs_free(&rs);

    split_collect(SPLIT_DOCUMENT, "doc", text, sizeof text - 1, &rs);
    CHECK(rs.count == 1 && rs.items[0].kind == SEGMENT_DOCUMENT, "document mode: one record");
    if (rs.count == 1) {
        CHECK_STR(rs.items[0].id, "doc", "document id");
        CHECK_STR(rs.items[0].text, "  Indented first\nline two\n\nSecond para\n\n\tThird",
                  "document mode collapses blank runs, drops leading and trailing ones");
    }
    recs_free(&rs);

    split_collect(SPLIT_BLOG, "doc", text, sizeof text - 1, &rs);
    CHECK(rs.count == 1 && rs.items[0].kind == SEGMENT_DOCUMENT &&
              strcmp(rs.items[0].text, "  Indented first\nline two\n\nSecond para\n\n\tThird") == 0,
          "blog mode without posts falls back to the document record");
    recs_free(&rs);

    static const char blog[] = "1 May 2018\n\nTitle\n\nText.\n";
    rs.stop_after = 1;
    int rc = split_collect(SPLIT_BLOG, "doc", blog, sizeof blog - 1, &rs);
    CHECK(rc == 7 && rs.count == 1, "a non-zero sink return stops the split and is returned");
    recs_free(&rs);
    CHECK_STR(segment_kind_name(SEGMENT_QUOTE), "quote", "kind names");
}

/* ---- seeds ------------------------------------------------------------------------------ */

/* "kind|id|date|title|source|headline" of non-comments, then the n of each comment. */
static void summarize(const struct recs *rs, struct buf *out, struct buf *numbers)
{
    buf_reset(out);
    buf_reset(numbers);
    for (size_t i = 0; i < rs->count; i++) {
        const struct rec *r = &rs->items[i];
        if (r->kind == SEGMENT_COMMENT) {
            buf_printf(numbers, "%s ", r->n);
            continue;
        }
        buf_printf(out, "%s|%s|%s|%s|%s|%s\n", segment_kind_name(r->kind), r->id,
                   or_dash(r->date), or_dash(r->title), or_dash(r->source), or_dash(r->headline));
    }
    buf_reserve(out, 0);
    buf_reserve(numbers, 0);
}

static void test_seed(const char *name, const char *want_summary, const char *want_numbers)
{
    struct buf path = BUF_INIT, page = BUF_INIT, summary = BUF_INIT, numbers = BUF_INIT;
    buf_printf(&path, SEEDS "/%s.txt", name);
    if (!read_whole_file(path.data, &page)) {
        CHECK(false, "seed %s is readable", name);
    } else {
        struct recs rs = {0};
        split_collect(SPLIT_BLOG, name, page.data, page.len, &rs);
        summarize(&rs, &summary, &numbers);
        CHECK_STR(summary.data, want_summary, "seed %s: post and quotes", name);
        CHECK_STR(numbers.data, want_numbers, "seed %s: comments and replies", name);
        check_lossless_and_spans(name, page.data, page.len, &rs);
        size_t bad = 0;
        for (size_t i = 0; i < rs.count; i++) {
            const struct rec *r = &rs.items[i];
            if (r->kind != SEGMENT_COMMENT)
                continue;
            bool reply = strchr(r->n, '.') != NULL;
            char parent[128];
            snprintf(parent, sizeof parent, "%s/p1%s%.*s", name, reply ? "/c" : "",
                     reply ? (int)(strchr(r->n, '.') - r->n) : 0, r->n);
            if (r->depth != (reply ? 2 : 1) || strcmp(r->parent, parent) != 0 ||
                r->text_len == 0)
                bad++;
        }
        CHECK(bad == 0, "seed %s: every comment has its parent, depth and text", name);
        recs_free(&rs);
    }
    buf_free(&path);
    buf_free(&page);
    buf_free(&summary);
    buf_free(&numbers);
}

static void test_seeds(void)
{
    if (!have_dir_or_skip(SEEDS, "seeds"))
        return;
    test_seed("000_3cda5d15756a79be",
              "post|000_3cda5d15756a79be/p1|2017-12-14|Inspector Signals End of TR|-|-\n"
              "quote|000_3cda5d15756a79be/p1/q1|-|-|the Guardian|Private probation firms "
              "criticised for supervising offenders by phone\n"
              "quote|000_3cda5d15756a79be/p1/q2|-|-|the Telegraph|Thousands of offenders "
              "supervised by phone calls after release from prison\n",
              "1 2 3 4 4.1 4.2 5 5.1 6 7 8 8.1 9 ");
    test_seed("002_565c8be4b69fe0ea",
              "post|002_565c8be4b69fe0ea/p1|2016-12-15|Damning Probation Report|-|-\n"
              "quote|002_565c8be4b69fe0ea/p1/q1|-|-|the Guardian|Privatisation of probation "
              "service has left public at greater risk \xe2\x80\x93 report\n"
              "quote|002_565c8be4b69fe0ea/p1/q2|-|-|Napo Press Release|HMI Probation publish "
              "damning report on London CRC\n",
              "1 1.1 1.2 2 3 3.1 3.2 3.3 3.4 3.5 4 5 6 6.1 7 8 8.1 8.2 9 10 11 12 13 13.1 14 "
              "15 15.1 16 16.1 17 ");
}

/* ---- robustness ----------------------------------------------------------------------------- */

static double seconds_since(clock_t start)
{
    return (double)(clock() - start) / CLOCKS_PER_SEC;
}

static void check_all_modes(const char *name, const char *text, size_t len, size_t want_blog)
{
    size_t counts[3];
    enum split_mode modes[3] = {SPLIT_BLOG, SPLIT_PARAGRAPH, SPLIT_DOCUMENT};
    for (int m = 0; m < 3; m++) {
        struct recs rs = {0};
        split_collect(modes[m], "x", text, len, &rs);
        counts[m] = rs.count;
        recs_free(&rs);
    }
    CHECK(counts[0] == want_blog && counts[1] == want_blog && counts[2] == want_blog,
          "%s: %zu records in each mode (got %zu, %zu, %zu)", name, want_blog, counts[0],
          counts[1], counts[2]);
}

static void test_garbage(void)
{
    size_t len = 1 << 20;
    char *junk = xmalloc(len);
    unsigned long state = 12345;
    for (size_t i = 0; i < len; i++) {
        state = state * 6364136223846793005UL + 1442695040888963407UL;
        unsigned byte = (unsigned)(state >> 56);
        /* Mostly the bytes that matter to the splitter. */
        static const char structural[] = " \t\r\n\n\n.:-0123456789\xc2\xa0";
        junk[i] = byte < 160 ? structural[byte % (sizeof structural - 1)] : (char)byte;
    }
    struct recs rs = {0};
    clock_t start = clock();
    int rc = split_collect(SPLIT_BLOG, "junk", junk, len, &rs);
    CHECK(rc == 0 && rs.count >= 1, "binary-looking text splits without a crash (%zu records)",
          rs.count);
    check_lossless_and_spans("binary-looking text", junk, len, &rs);
    CHECK(seconds_since(start) < 10, "binary-looking text is fast (%.2fs)", seconds_since(start));
    recs_free(&rs);
    free(junk);
}

static void test_huge_line(void)
{
    size_t len = 5u << 20;
    char *line = xmalloc(len);
    for (size_t i = 0; i < len; i++)
        line[i] = "probation :- 14. "[i % 17];
    line[len - 1] = 'x';
    struct recs rs = {0};
    clock_t start = clock();
    split_collect(SPLIT_BLOG, "huge", line, len, &rs);
    CHECK(rs.count == 1 && rs.items[0].text_len == len && seconds_since(start) < 10,
          "a 5 MB single line is one document record (%.2fs)", seconds_since(start));
    recs_free(&rs);
    free(line);
}

static void test_many_posts(void)
{
    struct buf text = BUF_INIT;
    for (int k = 0; k < 2000; k++)
        buf_printf(&text,
                   "Monday, %d March 2015\n\nPost number %d\n\nSome text. This from the "
                   "Guardian:-\n\nA headline\n\nThe article.\n\n\n  1. First comment.\n\n"
                   "    1. A reply.\n\n  2. Second comment.\n\n",
                   k % 28 + 1, k);
    struct recs rs = {0};
    clock_t start = clock();
    split_collect(SPLIT_BLOG, "many", text.data, text.len, &rs);
    double took = seconds_since(start);
    size_t posts = 0, quotes = 0, comments = 0;
    for (size_t i = 0; i < rs.count; i++) {
        posts += rs.items[i].kind == SEGMENT_POST;
        quotes += rs.items[i].kind == SEGMENT_QUOTE;
        comments += rs.items[i].kind == SEGMENT_COMMENT;
    }
    CHECK(posts == 2000 && quotes == 2000 && comments == 6000,
          "2000 posts in one document: %zu posts, %zu quotes, %zu comments", posts, quotes,
          comments);
    CHECK_STR(rs.count ? rs.items[rs.count - 1].id : NULL, "many/p2000/c2", "last record id");
    CHECK(took < 5, "2000 posts split fast (%.3fs)", took);
    recs_free(&rs);

    /* Worst cases for the scans: every line a date, every line an opener. */
    buf_reset(&text);
    for (int k = 0; k < 200000; k++)
        buf_append_str(&text, k % 2 ? "  1.\n" : "1 May 2018\n");
    start = clock();
    split_collect(SPLIT_BLOG, "dense", text.data, text.len, &rs);
    CHECK(seconds_since(start) < 5, "200000 dense structural lines split fast (%.3fs)",
          seconds_since(start));
    recs_free(&rs);
    buf_free(&text);
}

static void test_robustness(void)
{
    check_all_modes("empty text", "", 0, 0);
    check_all_modes("only blank lines", "\n\n  \n\t\r\n\xc2\xa0 \n", 10, 0);
    check_all_modes("one word", "word", 4, 1);
    static const char lonely[] = "Thursday, 14 December 2017\n\nTitle only";
    struct recs rs = {0};
    split_collect(SPLIT_BLOG, "t", lonely, sizeof lonely - 1, &rs);
    CHECK(rs.count == 1 && rs.items[0].kind == SEGMENT_POST && rs.items[0].text_len == 0 &&
              rs.items[0].span_start == rs.items[0].span_end,
          "a post with a title and nothing else has empty text and an empty span");
    recs_free(&rs);
    test_garbage();
    test_huge_line();
    test_many_posts();
}

int main(void)
{
    test_dates();
    test_fixtures();
    test_comment_texts();
    test_post_and_quote_texts();
    test_page_texts();
    test_variant_texts();
    test_modes();
    test_seeds();
    test_robustness();
    return CHECK_DONE();
}
