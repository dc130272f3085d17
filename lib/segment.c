/* segment.c — splitting one document's text into records (see segment.h).
 *
 * Everything works on an index of the document's non-blank lines, each
 * knowing its indentation and how many blank lines precede it: blank lines
 * only ever matter as separators, so they need no entry of their own, and
 * every rule of SPEC "Splitting" becomes a test on a line or on its
 * neighbour. A blog page costs one pass to find the post starts, then a few
 * passes over each post's own lines: its comment section (found from the
 * end), its text, its quotes, its comments. Every pass is linear.
 *
 * Only ASCII spaces and tabs are indentation; a non-breaking space is text,
 * except that a line holding nothing but spaces of either kind is blank and
 * that fields (title, source, headline, intro) are trimmed of it.
 */
#include "segment.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "blogline.h"
#include "buf.h"
#include "quotes.h"
#include "segscan.h"

enum {
    DATE_LINE_MAX = 64,      /* longer lines are never tried as dates */
    TITLE_MAX = 200,
    TITLE_SENTENCE_WORDS = 6, /* a longer line ending in '.' is a sentence */
    TAB_COLUMNS = 4,
    COUNT_CAP = 100000       /* indentation and blank-line counts saturate */
};

const char *segment_kind_name(enum segment_kind kind)
{
    switch (kind) {
    case SEGMENT_POST: return "post";
    case SEGMENT_QUOTE: return "quote";
    case SEGMENT_COMMENT: return "comment";
    case SEGMENT_PARAGRAPH: return "paragraph";
    case SEGMENT_DOCUMENT: return "document";
    }
    return "unknown";
}

/* ---- ids ------------------------------------------------------------------ */

/* Append base, then tag, then number: "DOC/p3". */
static void append_id(struct buf *b, const char *base, const char *tag, size_t number)
{
    buf_append_str(b, base);
    buf_append_str(b, tag);
    buf_append_uint(b, number, 1);
}

/* ---- the line index ------------------------------------------------------- */

struct line {
    size_t start;           /* first byte of the line */
    size_t body;            /* first byte after the indentation */
    size_t end;             /* past the last byte before trailing spaces, tabs, CR */
    unsigned indent;        /* columns of ASCII indentation, a tab counting 4 */
    unsigned blanks_before; /* blank lines since the previous indexed line */
};

struct line_index {
    struct line *lines;
    size_t count, cap;
};

static struct line measure_line(const char *s, size_t start, size_t stop)
{
    struct line ln = {start, start, stop, 0, 0};
    while (ln.body < stop && (s[ln.body] == ' ' || s[ln.body] == '\t')) {
        ln.indent += s[ln.body] == '\t' ? TAB_COLUMNS : 1;
        if (ln.indent > COUNT_CAP)
            ln.indent = COUNT_CAP;
        ln.body++;
    }
    while (ln.end > ln.body && seg_is_blank(s[ln.end - 1]))
        ln.end--;
    return ln;
}

static void index_push(struct line_index *ix, const struct line *ln)
{
    ix->lines = array_reserve(ix->lines, &ix->cap, ix->count + 1, sizeof *ix->lines);
    ix->lines[ix->count++] = *ln;
}

static void index_lines(const char *s, size_t len, struct line_index *ix)
{
    unsigned blanks = 0;
    size_t pos = 0;
    while (pos < len) {
        const char *newline = memchr(s + pos, '\n', len - pos);
        size_t stop = newline ? (size_t)(newline - s) : len;
        struct line ln = measure_line(s, pos, stop);
        if (seg_skip_spaces(s, ln.body, ln.end) >= ln.end) {
            if (blanks < COUNT_CAP)
                blanks++;
        } else {
            ln.blanks_before = blanks;
            index_push(ix, &ln);
            blanks = 0;
        }
        pos = stop + 1;
    }
}

/* ---- record text ------------------------------------------------------------ */

/* The text and span of the one record being built. */
struct text_builder {
    struct buf text;
    size_t span_start, span_end;
    bool has_text;
    bool break_pending;
};

/* A record without text gets an empty span at empty_span_at. */
static void tb_start(struct text_builder *tb, size_t empty_span_at)
{
    buf_reset(&tb->text);
    tb->span_start = tb->span_end = empty_span_at;
    tb->has_text = false;
    tb->break_pending = false;
}

static void tb_break(struct text_builder *tb)
{
    if (tb->has_text)
        tb->break_pending = true;
}

static void tb_add(struct text_builder *tb, const char *s, size_t from, size_t to)
{
    if (from >= to)
        return;
    if (tb->has_text)
        buf_append(&tb->text, "\n\n", tb->break_pending ? 2 : 1);
    else
        tb->span_start = from;
    buf_append(&tb->text, s + from, to - from);
    tb->span_end = to;
    tb->has_text = true;
    tb->break_pending = false;
}

struct splitter {
    const char *doc_id;
    const char *text;
    segment_sink sink;
    void *ctx;
    struct line_index index;
    struct text_builder record;
    struct buf post_id, id, parent, n;
    struct buf title, source, headline, intro;
};

static const char *buf_text(const struct buf *b)
{
    return b->data ? b->data : "";
}

/* The field is s[from..to) without surrounding spaces of either kind. */
static void set_trimmed(struct buf *field, const char *s, size_t from, size_t to)
{
    from = seg_skip_spaces(s, from, to);
    to = seg_trim_back(s, from, to);
    buf_reset(field);
    buf_append(field, s + from, to - from);
}

static int emit(struct splitter *sp, struct segment *seg)
{
    seg->text = buf_text(&sp->record.text);
    seg->text_len = sp->record.text.len;
    seg->span_start = sp->record.span_start;
    seg->span_end = sp->record.span_end;
    return sp->sink(seg, sp->ctx);
}

/* A paragraph runs from `first` to the next line that follows a blank. */
static size_t paragraph_end(const struct splitter *sp, size_t first, size_t to)
{
    size_t next = first + 1;
    while (next < to && sp->index.lines[next].blanks_before == 0)
        next++;
    return next;
}

/* keep_indent: the paragraph and document modes keep it, blog records
 * drop it (there it is structure, already read). */
static void add_paragraph(struct splitter *sp, size_t first, size_t next, bool keep_indent)
{
    tb_break(&sp->record);
    for (size_t i = first; i < next; i++) {
        const struct line *ln = &sp->index.lines[i];
        tb_add(&sp->record, sp->text, keep_indent ? ln->start : ln->body, ln->end);
    }
}

/* ---- paragraph and document modes ------------------------------------------ */

static int emit_document(struct splitter *sp)
{
    tb_start(&sp->record, 0);
    size_t count = sp->index.count;
    for (size_t first = 0, next; first < count; first = next) {
        next = paragraph_end(sp, first, count);
        add_paragraph(sp, first, next, true);
    }
    if (!sp->record.has_text)
        return 0;
    struct segment seg = {.kind = SEGMENT_DOCUMENT, .id = sp->doc_id};
    return emit(sp, &seg);
}

static int emit_paragraphs(struct splitter *sp)
{
    size_t count = sp->index.count, number = 0;
    int rc = 0;
    for (size_t first = 0, next; first < count && rc == 0; first = next) {
        next = paragraph_end(sp, first, count);
        tb_start(&sp->record, 0);
        add_paragraph(sp, first, next, true);
        buf_reset(&sp->id);
        append_id(&sp->id, sp->doc_id, "/para", ++number);
        struct segment seg = {.kind = SEGMENT_PARAGRAPH, .id = buf_text(&sp->id)};
        rc = emit(sp, &seg);
    }
    return rc;
}

/* ---- post starts -------------------------------------------------------------- */

static bool is_date_line(const struct splitter *sp, const struct line *ln, char iso[11])
{
    return ln->end - ln->body <= DATE_LINE_MAX &&
           parse_date_line(sp->text + ln->body, ln->end - ln->body, iso);
}

/* A title is a heading, not a sentence or a byline: a quoted article's own
 * date line followed by its first paragraph or its "By ..." is no post. */
static bool looks_like_title(const struct splitter *sp, const struct line *ln)
{
    const char *s = sp->text;
    size_t from = ln->body, to = seg_trim_back(s, ln->body, ln->end);
    if (to == from || to - from > TITLE_MAX)
        return false;
    char last = s[to - 1];
    if (last == ',' || last == ';' || last == ':')
        return false;
    if (last == '.' && !seg_ends_with(s, from, to, "...") &&
        seg_count_words(s, from, to) > TITLE_SENTENCE_WORDS)
        return false;
    return !(to - from > 3 && memcmp(s + from, "By ", 3) == 0 && seg_is_upper(s[from + 3]));
}

/* A date line at column 0, then (blank lines aside) an unindented title
 * that is not itself a date. A date right under an intro is the quoted
 * article's own. */
static bool is_post_start(const struct splitter *sp, size_t i)
{
    const struct line *date = &sp->index.lines[i];
    char iso[11];
    if (i + 1 >= sp->index.count || date->indent != 0 || !is_date_line(sp, date, iso))
        return false;
    if (i > 0 && date[-1].indent == 0 &&
        quote_marker(sp->text, date[-1].body, date[-1].end) != SIZE_MAX)
        return false;
    const struct line *title = date + 1;
    return title->indent == 0 && looks_like_title(sp, title) && !is_date_line(sp, title, iso);
}

/* ---- comment section ----------------------------------------------------------- */

/* The indentation of top-level comments and of replies, read from the
 * section itself: the seeds indent them 2 and 4 columns, other pages a
 * tab and two. */
struct levels {
    unsigned top_min, top_max, reply_min, reply_max;
};

static bool line_number(const struct splitter *sp, const struct line *ln, unsigned *number,
                        size_t *text_from)
{
    return blogline_number(sp->text, ln->body, ln->end, number, text_from);
}

static bool opens_comment(const struct splitter *sp, const struct levels *lv,
                          const struct line *ln, unsigned *number, size_t *text_from)
{
    return ln->indent >= lv->top_min && ln->indent <= lv->top_max &&
           line_number(sp, ln, number, text_from);
}

static bool opens_reply(const struct splitter *sp, const struct levels *lv, const struct line *ln,
                        unsigned *number, size_t *text_from)
{
    return ln->indent >= lv->reply_min && ln->indent <= lv->reply_max && ln->blanks_before > 0 &&
           line_number(sp, ln, number, text_from);
}

/* Top-level comments are the least indented numbered lines of [from, to):
 * a column either side of them; replies two to max(3, top) columns deeper. */
static struct levels read_levels(const struct splitter *sp, size_t from, size_t to)
{
    unsigned top = COUNT_CAP, number;
    size_t text_from;
    for (size_t i = from; i < to; i++) {
        const struct line *ln = &sp->index.lines[i];
        if (ln->indent >= 1 && ln->indent < top && line_number(sp, ln, &number, &text_from))
            top = ln->indent;
    }
    if (top == COUNT_CAP)
        top = 2;
    return (struct levels){top > 1 ? top - 1 : 1, top + 1, top + 2, top + (top > 3 ? top : 3)};
}

static size_t intro_marker(const struct splitter *sp, const struct line *ln)
{
    return quote_marker(sp->text, ln->body, ln->end);
}

static bool ends_with_colon(const struct splitter *sp, const struct line *ln)
{
    return quote_colon(sp->text, ln->body, ln->end) != SIZE_MAX || intro_marker(sp, ln) != SIZE_MAX;
}

static bool is_furniture(const struct splitter *sp, const struct line *ln)
{
    return blogline_is_furniture(sp->text, ln->body, ln->end);
}

struct comment_section {
    size_t from;             /* first line; the region's end when there is none */
    size_t to;               /* past the last line: page furniture may follow */
    unsigned orphan_number;  /* > 0: lines before the first opener are this comment */
    struct levels levels;
};

/* An indented run right under a paragraph (no blank line between), or under
 * one that announces it with ':' and a single blank line, is the post's own
 * list, not its comments; unless that line is furniture ("3 comments:"). */
static bool is_body_list(const struct splitter *sp, size_t region_from, size_t run_from)
{
    if (run_from == region_from)
        return false;
    const struct line *first = &sp->index.lines[run_from];
    const struct line *above = first - 1;
    if (is_furniture(sp, above))
        return false;
    return first->blanks_before == 0 || (first->blanks_before == 1 && ends_with_colon(sp, above));
}

struct list_state {
    struct list_item item; /* the last item */
    unsigned indent;       /* its indentation */
};

/* After one blank line, does the line carry the list on: the next number,
 * or the same bullet, at the same indentation? */
static bool continues_list(const struct list_state *list, const struct list_item *item,
                           unsigned indent)
{
    if (item->mark != list->item.mark || item->mark == LIST_MARK_NONE || indent != list->indent)
        return false;
    if (item->mark == LIST_MARK_NUMBER)
        return item->number == list->item.number + 1;
    return item->bullet == list->item.bullet;
}

/* Where the post's own list that starts at line `first` ends: its lines
 * follow one another, or continue its numbering or bullets after one blank
 * line. A wider gap, numbering that starts again at 1, or any other line
 * after a blank is what follows the list: the comments. A deeper line
 * after a blank (a continuation paragraph, a reply) shows that the run was
 * comments from its start: then there is no list. */
static size_t body_list_end(const struct splitter *sp, size_t first, size_t to)
{
    const struct line *lines = sp->index.lines;
    const char *s = sp->text;
    struct list_state list = {blogline_list_item(s, lines[first].body, lines[first].end),
                              lines[first].indent};
    size_t i = first + 1;
    for (; i < to; i++) {
        const struct line *ln = &lines[i];
        struct list_item item = blogline_list_item(s, ln->body, ln->end);
        bool restarts = item.mark == LIST_MARK_NUMBER && item.number == 1 &&
                        list.item.mark == LIST_MARK_NUMBER;
        if (ln->blanks_before == 1 && ln->indent > list.indent &&
            !continues_list(&list, &item, ln->indent))
            return first; /* a paragraph or reply deeper in: comments, not a list */
        if (ln->blanks_before >= 2 || restarts ||
            (ln->blanks_before == 1 && !continues_list(&list, &item, ln->indent)))
            break;
        if (item.mark != LIST_MARK_NONE)
            list = (struct list_state){item, ln->indent};
    }
    return i;
}

/* Page furniture ("Newer Post Older Post Home") can follow the comments:
 * the unindented furniture lines that end [from, to) start here. */
static size_t furniture_start(const struct splitter *sp, size_t from, size_t to)
{
    while (to > from && sp->index.lines[to - 1].indent < 2 &&
           is_furniture(sp, &sp->index.lines[to - 1]))
        to--;
    return to;
}

/* A furniture line between two indented lines ("Reply" under a comment)
 * belongs to the run of comments. */
static bool is_furniture_in_run(const struct splitter *sp, size_t from, size_t i, size_t end)
{
    const struct line *lines = sp->index.lines;
    return i > from && i + 1 < end && lines[i - 1].indent >= 2 && lines[i + 1].indent >= 2 &&
           is_furniture(sp, &lines[i]);
}

/* The trailing run of [from, end) of lines indented 2+ columns, when it
 * holds a top-level opener; the section ends at end. */
static struct comment_section section_before(const struct splitter *sp, size_t from, size_t end,
                                             size_t to)
{
    struct comment_section none = {to, to, 0, {0, 0, 0, 0}};
    const struct line *lines = sp->index.lines;
    size_t start = end;
    while (start > from &&
           (lines[start - 1].indent >= 2 || is_furniture_in_run(sp, from, start - 1, end)))
        start--;
    if (start < end && is_body_list(sp, from, start))
        start = body_list_end(sp, start, end);
    if (start == end)
        return none;
    struct comment_section section = {start, end, 0, read_levels(sp, start, end)};
    size_t opener = start, text_from;
    unsigned number = 0;
    while (opener < end &&
           !opens_comment(sp, &section.levels, &lines[opener], &number, &text_from))
        opener++;
    if (opener == end)
        return none;
    if (opener > start && number > 1)
        section.orphan_number = number - 1;
    else if (opener > start)
        section.from = opener; /* text before a comment 1 stays with the post */
    return section;
}

/* Where the unindented labels and furniture that end [from, end) start. */
static size_t label_start(const struct splitter *sp, size_t from, size_t end)
{
    const struct line *lines = sp->index.lines;
    while (end > from && lines[end - 1].indent < 2 &&
           (blogline_is_label(sp->text, lines[end - 1].body, lines[end - 1].end) ||
            is_furniture(sp, &lines[end - 1])))
        end--;
    return end;
}

/* The comment section: the trailing run of lines indented 2+ columns
 * (known furniture after it aside) that holds a top-level opener. Short
 * labels of platforms the furniture list does not know ("Blog Archive")
 * may follow it too, when a wide gap or a header shows it is comments. */
static struct comment_section find_comment_section(const struct splitter *sp, size_t from,
                                                   size_t to)
{
    const struct line *lines = sp->index.lines;
    size_t end = furniture_start(sp, from, to);
    struct comment_section section = section_before(sp, from, end, to);
    size_t loose_end = label_start(sp, from, end);
    if (section.from < section.to || loose_end == end)
        return section;
    struct comment_section loose = section_before(sp, from, loose_end, to);
    if (loose.from == loose.to || loose.from == from)
        return section;
    const struct line *first = &lines[loose.from];
    bool announced = first->blanks_before >= 2 || is_furniture(sp, first - 1);
    return announced ? loose : section;
}

/* ---- a post's text and its quotes ---------------------------------------------- */

/* Does an intro end at line ln, with `after` the line right under it: a
 * line ending in ":-", or in a bare ':' after an intro's formula with an
 * unindented line under it (not a list)? */
static bool ends_intro(const struct splitter *sp, const struct line *ln, const struct line *after)
{
    if (intro_marker(sp, ln) != SIZE_MAX)
        return true;
    const char *s = sp->text;
    size_t colon = quote_colon(s, ln->body, ln->end);
    return colon != SIZE_MAX && ln->indent == 0 && after->indent == 0 &&
           quote_intro_strength(s, quote_sentence_start(s, ln->body, colon), colon) ==
               INTRO_FORMULA;
}

/* In a post, an intro ends its paragraph even when the headline or the
 * article follows it without a blank line. */
static size_t post_paragraph_end(const struct splitter *sp, size_t first, size_t to)
{
    const struct line *lines = sp->index.lines;
    size_t next = first + 1;
    while (next < to && lines[next].blanks_before == 0 &&
           !ends_intro(sp, &lines[next - 1], &lines[next]))
        next++;
    return next;
}

/* Can the paragraph at `next` open a quote's text: unindented, no list? */
static bool opens_article(const struct splitter *sp, size_t next)
{
    const struct line *ln = &sp->index.lines[next];
    return ln->indent == 0 &&
           blogline_list_item(sp->text, ln->body, ln->end).mark == LIST_MARK_NONE &&
           quote_colon(sp->text, ln->body, ln->end) == SIZE_MAX;
}

/* A paragraph whose last line ends in a bare ':' is an intro when that
 * line names a source and the next paragraph is a one-line headline with
 * more after it ("This from the Guardian:", a headline, the article), or
 * when the line is an intro's formula and an article's paragraph follows. */
static bool is_colon_intro(const struct splitter *sp, size_t next, size_t to)
{
    const struct line *lines = sp->index.lines;
    const struct line *ln = &lines[next - 1];
    const char *s = sp->text;
    size_t colon = quote_colon(s, ln->body, ln->end);
    if (colon == SIZE_MAX || ln->indent != 0 || next + 1 >= to || !opens_article(sp, next))
        return false;
    enum intro_strength strength =
        quote_intro_strength(s, quote_sentence_start(s, ln->body, colon), colon);
    if (strength == INTRO_NONE)
        return false;
    bool headline = post_paragraph_end(sp, next, to) == next + 1 &&
                    quote_is_headline(s, lines[next].body, lines[next].end);
    return headline || strength == INTRO_FORMULA;
}

/* Is the paragraph that ends before line `next` an intro? */
static bool is_intro_paragraph(const struct splitter *sp, size_t next, size_t to)
{
    return intro_marker(sp, &sp->index.lines[next - 1]) != SIZE_MAX ||
           is_colon_intro(sp, next, to);
}

/* The blogger's paragraphs before the first quote, and every intro. */
static void add_post_paragraphs(struct splitter *sp, size_t from, size_t to)
{
    bool quoting = false;
    for (size_t first = from, next; first < to; first = next) {
        next = post_paragraph_end(sp, first, to);
        bool intro = is_intro_paragraph(sp, next, to);
        if (intro || !quoting)
            add_paragraph(sp, first, next, false);
        quoting = quoting || intro;
    }
}

struct post {
    size_t number;     /* k of "<doc>/p<k>" */
    size_t date_line;  /* index of the date line; the title follows it */
    size_t header_to;  /* lines [0, header_to) come before the first post */
    size_t body_to;    /* the next post's date line, or the line count */
};

static void add_paragraphs(struct splitter *sp, size_t from, size_t to)
{
    for (size_t first = from, next; first < to; first = next) {
        next = paragraph_end(sp, first, to);
        add_paragraph(sp, first, next, false);
    }
}

/* The post's text: a page header before the first post, its own
 * paragraphs and intros (up to own_to), and the furniture before and
 * after its comments. */
static int emit_post(struct splitter *sp, const struct post *post, size_t own_to,
                     const struct comment_section *section)
{
    const struct line *date = &sp->index.lines[post->date_line];
    const struct line *title = date + 1;
    char iso[11];
    parse_date_line(sp->text + date->body, date->end - date->body, iso);
    set_trimmed(&sp->title, sp->text, title->body, title->end);
    tb_start(&sp->record, title->end);
    add_paragraphs(sp, 0, post->header_to);
    add_post_paragraphs(sp, post->date_line + 2, own_to);
    add_paragraphs(sp, own_to, section->from);
    add_paragraphs(sp, section->to, post->body_to);
    struct segment seg = {.kind = SEGMENT_POST, .id = buf_text(&sp->post_id), .date = iso,
                          .title = buf_text(&sp->title)};
    return emit(sp, &seg);
}

/* Sets the quote's intro and source from the intro paragraph's last line. */
static void read_intro(struct splitter *sp, size_t intro_line)
{
    const char *s = sp->text;
    const struct line *ln = &sp->index.lines[intro_line];
    size_t marker = intro_marker(sp, ln);
    if (marker == SIZE_MAX)
        marker = quote_colon(s, ln->body, ln->end);
    size_t sentence = quote_sentence_start(s, ln->body, marker);
    set_trimmed(&sp->intro, s, sentence, ln->end);
    quote_source(s, sentence, marker, &sp->source);
}

/* A line that reads as a whole sentence: it starts with a capital or an
 * opening quote mark and ends as sentences end. */
static bool is_sentence_line(const struct splitter *sp, const struct line *ln)
{
    const char *s = sp->text;
    size_t to = seg_trim_back(s, ln->body, ln->end);
    bool opens = seg_is_upper(s[ln->body]) || s[ln->body] == '"' ||
                 (ln->end - ln->body >= 3 && memcmp(s + ln->body, "\xE2\x80\x9C", 3) == 0);
    char last = to > ln->body ? s[to - 1] : '\0';
    return opens && (last == '.' || last == '!' || last == '?' || last == '"' ||
                     seg_ends_with(s, ln->body, to, "\xE2\x80\x9D"));
}

/* The quote's first paragraph is its headline when it is one line that
 * reads as a headline (a date does not) and more of the quote follows;
 * or when its first line reads so and the next is a sentence, not the
 * rest of a headline that wraps ("Headline" then "The article..."). */
static bool read_headline(struct splitter *sp, size_t first, size_t next, size_t to)
{
    const struct line *ln = &sp->index.lines[first];
    char iso[11];
    if (!quote_is_headline(sp->text, ln->body, ln->end) || is_date_line(sp, ln, iso))
        return false;
    bool alone = next - first == 1 && next < to &&
                 !is_intro_paragraph(sp, post_paragraph_end(sp, next, to), to);
    if (!alone && !(next - first >= 2 && is_sentence_line(sp, ln + 1)))
        return false;
    set_trimmed(&sp->headline, sp->text, ln->body, ln->end);
    return true;
}

struct quote_state {
    size_t count;       /* quotes emitted so far */
    size_t intro_line;  /* last line of the open quote's intro, SIZE_MAX if none */
    bool has_headline;
};

/* A quote without text (an intro followed at once by another) is not a
 * record: its intro is already in the post's text. */
static int flush_quote(struct splitter *sp, struct quote_state *q)
{
    if (q->intro_line == SIZE_MAX || !sp->record.has_text)
        return 0;
    read_intro(sp, q->intro_line);
    buf_reset(&sp->id);
    append_id(&sp->id, buf_text(&sp->post_id), "/q", ++q->count);
    const char *post_id = buf_text(&sp->post_id);
    struct segment seg = {.kind = SEGMENT_QUOTE, .id = buf_text(&sp->id), .post = post_id,
                          .parent = post_id,
                          .source = sp->source.len ? buf_text(&sp->source) : NULL,
                          .headline = q->has_headline ? buf_text(&sp->headline) : NULL,
                          .intro = buf_text(&sp->intro)};
    return emit(sp, &seg);
}

/* Each intro paragraph opens a quote that holds the paragraphs after it,
 * up to the next intro or the end of the post's own lines. */
static int emit_quotes(struct splitter *sp, size_t from, size_t to)
{
    struct quote_state q = {0, SIZE_MAX, false};
    int rc = 0;
    for (size_t first = from, next; first < to && rc == 0; first = next) {
        next = post_paragraph_end(sp, first, to);
        if (is_intro_paragraph(sp, next, to)) {
            rc = flush_quote(sp, &q);
            q.intro_line = next - 1;
            q.has_headline = false;
            tb_start(&sp->record, sp->index.lines[first].body);
        } else if (q.intro_line != SIZE_MAX) {
            if (!sp->record.has_text)
                q.has_headline = read_headline(sp, first, next, to);
            add_paragraph(sp, first, next, false);
        }
    }
    return rc ? rc : flush_quote(sp, &q);
}

/* ---- comments ------------------------------------------------------------------- */

struct thread {
    unsigned top;    /* number of the last top-level comment, 0 before any */
    unsigned reply;  /* number of the last reply under it, 0 before any */
    bool open;       /* a comment or reply is being built */
};

static int flush_comment(struct splitter *sp, struct thread *th)
{
    if (!th->open)
        return 0;
    th->open = false;
    const char *post_id = buf_text(&sp->post_id);
    buf_reset(&sp->id);
    buf_reset(&sp->parent);
    buf_reset(&sp->n);
    buf_append_uint(&sp->n, th->top, 1);
    if (th->reply) {
        buf_append_char(&sp->n, '.');
        buf_append_uint(&sp->n, th->reply, 1);
        append_id(&sp->parent, post_id, "/c", th->top);
    } else {
        buf_append_str(&sp->parent, post_id);
    }
    buf_append_str(&sp->id, post_id);
    buf_append_str(&sp->id, "/c");
    buf_append(&sp->id, sp->n.data, sp->n.len);
    struct segment seg = {.kind = SEGMENT_COMMENT, .id = buf_text(&sp->id), .post = post_id,
                          .parent = buf_text(&sp->parent), .n = buf_text(&sp->n),
                          .depth = th->reply ? 2 : 1};
    return emit(sp, &seg);
}

static void open_comment(struct splitter *sp, struct thread *th, unsigned top, unsigned reply,
                         size_t text_at)
{
    th->top = top;
    th->reply = reply;
    th->open = true;
    tb_start(&sp->record, text_at);
}

/* Threads the section's lines: "  N." opens comment N, "    K." after a
 * blank line opens reply N.K, when the number moves forward; every other
 * line continues the comment or reply being built. */
static int emit_comments(struct splitter *sp, const struct comment_section *section)
{
    struct thread th = {0, 0, false};
    const struct line *lines = sp->index.lines;
    const struct levels *lv = &section->levels;
    if (section->orphan_number > 0)
        open_comment(sp, &th, section->orphan_number, 0, lines[section->from].body);
    int rc = 0;
    for (size_t i = section->from; i < section->to && rc == 0; i++) {
        const struct line *ln = &lines[i];
        unsigned number;
        size_t text_from;
        if (opens_comment(sp, lv, ln, &number, &text_from) && number > th.top) {
            rc = flush_comment(sp, &th);
            open_comment(sp, &th, number, 0, text_from);
        } else if (th.top > 0 && opens_reply(sp, lv, ln, &number, &text_from) &&
                   number > th.reply) {
            rc = flush_comment(sp, &th);
            open_comment(sp, &th, th.top, number, text_from);
        } else {
            /* find_comment_section starts every section with an opener or
             * an orphan, so a comment is always open here. */
            text_from = ln->body;
            if (ln->blanks_before > 0)
                tb_break(&sp->record);
        }
        tb_add(&sp->record, sp->text, text_from, ln->end);
    }
    return rc ? rc : flush_comment(sp, &th);
}

/* ---- blog mode ------------------------------------------------------------------ */

static int split_post(struct splitter *sp, const struct post *post)
{
    size_t body_from = post->date_line + 2;
    struct comment_section section = find_comment_section(sp, body_from, post->body_to);
    buf_reset(&sp->post_id);
    append_id(&sp->post_id, sp->doc_id, "/p", post->number);
    /* Furniture between the post and its comments ("Posted by ...",
     * "Labels: ...", "4 comments:") is not part of the last quote. */
    size_t own_to = furniture_start(sp, body_from, section.from);
    int rc = emit_post(sp, post, own_to, &section);
    if (rc == 0)
        rc = emit_quotes(sp, body_from, own_to);
    if (rc == 0 && section.from < section.to)
        rc = emit_comments(sp, &section);
    return rc;
}

static int split_blog(struct splitter *sp)
{
    size_t *starts = NULL, count = 0, cap = 0;
    for (size_t i = 0; i < sp->index.count; i++) {
        if (!is_post_start(sp, i))
            continue;
        starts = array_reserve(starts, &cap, count + 1, sizeof *starts);
        starts[count++] = i;
    }
    int rc = 0;
    if (count == 0)
        rc = emit_document(sp);
    for (size_t k = 0; k < count && rc == 0; k++) {
        struct post post = {k + 1, starts[k], k == 0 ? starts[0] : 0,
                            k + 1 < count ? starts[k + 1] : sp->index.count};
        rc = split_post(sp, &post);
    }
    free(starts);
    return rc;
}

int split_text(enum split_mode mode, const char *doc_id, const char *text, size_t len,
               segment_sink sink, void *ctx)
{
    struct splitter sp = {.doc_id = doc_id, .text = text, .sink = sink, .ctx = ctx};
    index_lines(text, len, &sp.index);
    int rc;
    switch (mode) {
    case SPLIT_PARAGRAPH: rc = emit_paragraphs(&sp); break;
    case SPLIT_DOCUMENT: rc = emit_document(&sp); break;
    case SPLIT_BLOG:
    default: rc = split_blog(&sp); break;
    }
    free(sp.index.lines);
    struct buf *bufs[] = {&sp.record.text, &sp.post_id, &sp.id, &sp.parent, &sp.n,
                          &sp.title, &sp.source, &sp.headline, &sp.intro};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        buf_free(bufs[i]);
    return rc;
}
