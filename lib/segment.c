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

#include "buf.h"

enum {
    DATE_LINE_MAX = 64,      /* longer lines are never tried as dates */
    TITLE_MAX = 200,
    HEADLINE_MAX = 200,
    HEADLINE_WORDS_MAX = 25,
    TAB_COLUMNS = 4,
    COUNT_CAP = 100000,      /* indentation and blank-line counts saturate */
    OPENER_DIGITS_MAX = 4
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

/* ---- ASCII classifiers: never the locale's ------------------------------ */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
static char to_lower(char c) { return is_upper(c) ? (char)(c - 'A' + 'a') : c; }
static bool is_trailing_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Case-insensitive: does s[0..n) spell lower_word? */
static bool spells(const char *s, size_t n, const char *lower_word)
{
    size_t i = 0;
    for (; i < n; i++)
        if (lower_word[i] == '\0' || to_lower(s[i]) != lower_word[i])
            return false;
    return lower_word[i] == '\0';
}

/* ---- spaces, non-breaking ones included --------------------------------- */

static bool is_nbsp(const char *s, size_t i, size_t to)
{
    return i + 1 < to && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0;
}

/* Bytes of the space that starts at s[i] (0 if none). */
static size_t space_after(const char *s, size_t i, size_t to)
{
    if (i >= to)
        return 0;
    if (is_trailing_blank(s[i]))
        return 1;
    return is_nbsp(s, i, to) ? 2 : 0;
}

/* Bytes of the space that ends s[from..to) (0 if none). C2 is a lead byte,
 * so C2 A0 read backwards can only be a whole NBSP. */
static size_t space_before(const char *s, size_t from, size_t to)
{
    if (to <= from)
        return 0;
    if (is_trailing_blank(s[to - 1]))
        return 1;
    return to - from >= 2 && is_nbsp(s, to - 2, to) ? 2 : 0;
}

static size_t skip_spaces(const char *s, size_t from, size_t to)
{
    size_t width;
    while ((width = space_after(s, from, to)) > 0)
        from += width;
    return from;
}

static size_t trim_spaces_back(const char *s, size_t from, size_t to)
{
    size_t width;
    while ((width = space_before(s, from, to)) > 0)
        to -= width;
    return to;
}

/* ---- date lines ----------------------------------------------------------- */

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};
static const char *const weekday_names[7] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

struct cursor {
    const char *s;
    size_t pos, end;
};

/* Full name or its first three letters; returns index + 1, or 0. */
static int match_name(const char *word, size_t n, const char *const *names, int count)
{
    for (int i = 0; i < count; i++) {
        char abbreviation[4] = {names[i][0], names[i][1], names[i][2], '\0'};
        if (spells(word, n, names[i]) || (n == 3 && spells(word, n, abbreviation)))
            return i + 1;
    }
    return 0;
}

static size_t take_letters(struct cursor *c)
{
    size_t from = c->pos;
    while (c->pos < c->end && is_letter(c->s[c->pos]))
        c->pos++;
    return c->pos - from;
}

static bool take_number(struct cursor *c, size_t min_digits, size_t max_digits, unsigned *value)
{
    size_t digits = 0;
    *value = 0;
    while (c->pos < c->end && is_digit(c->s[c->pos]) && digits < max_digits) {
        *value = *value * 10 + (unsigned)(c->s[c->pos] - '0');
        c->pos++;
        digits++;
    }
    /* "123" read with max 2 digits must not leave a digit behind. */
    if (c->pos < c->end && is_digit(c->s[c->pos]))
        return false;
    return digits >= min_digits;
}

static bool take_byte(struct cursor *c, char byte)
{
    if (c->pos < c->end && c->s[c->pos] == byte) {
        c->pos++;
        return true;
    }
    return false;
}

/* Returns whether at least one space was skipped. */
static bool take_gap(struct cursor *c)
{
    size_t from = c->pos;
    c->pos = skip_spaces(c->s, c->pos, c->end);
    return c->pos > from;
}

/* A day of the month, with an optional ordinal suffix ("14th"). */
static bool take_day(struct cursor *c, unsigned *day)
{
    if (!take_number(c, 1, 2, day))
        return false;
    size_t at = c->pos;
    if (take_letters(c) == 2) {
        const char *suffix = c->s + at;
        if (spells(suffix, 2, "st") || spells(suffix, 2, "nd") || spells(suffix, 2, "rd") ||
            spells(suffix, 2, "th"))
            return true;
    }
    c->pos = at;
    return true;
}

static bool take_month(struct cursor *c, unsigned *month)
{
    size_t at = c->pos;
    size_t n = take_letters(c);
    *month = (unsigned)match_name(c->s + at, n, month_names, 12);
    return *month != 0;
}

/* A comma or a gap (or both) between two parts of a date. */
static bool take_separator(struct cursor *c)
{
    bool comma = take_byte(c, ',');
    return take_gap(c) || comma;
}

static bool parse_iso_date(struct cursor c, unsigned *year, unsigned *month, unsigned *day)
{
    return take_number(&c, 4, 4, year) && take_byte(&c, '-') && take_number(&c, 2, 2, month) &&
           take_byte(&c, '-') && take_number(&c, 2, 2, day) && c.pos == c.end;
}

/* [Weekday[,]] D[th] Month[,] YYYY  or  [Weekday[,]] Month D[th][,] YYYY */
static bool parse_named_date(struct cursor c, unsigned *year, unsigned *month, unsigned *day)
{
    size_t at = c.pos;
    size_t n = take_letters(&c);
    if (n > 0 && match_name(c.s + at, n, weekday_names, 7)) {
        if (!take_separator(&c))
            return false;
    } else {
        c.pos = at;
    }
    if (c.pos < c.end && is_digit(c.s[c.pos])) {
        if (!take_day(&c, day) || !take_gap(&c) || !take_month(&c, month))
            return false;
    } else if (!take_month(&c, month) || !take_gap(&c) || !take_day(&c, day)) {
        return false;
    }
    return take_separator(&c) && take_number(&c, 4, 4, year) && c.pos == c.end;
}

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static void put_digits(char *out, unsigned value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

int parse_date_line(const char *line, size_t len, char iso[11])
{
    struct cursor c = {line, 0, len};
    c.pos = skip_spaces(line, 0, len);
    c.end = trim_spaces_back(line, c.pos, len);
    unsigned year = 0, month = 0, day = 0;
    if (!parse_iso_date(c, &year, &month, &day) && !parse_named_date(c, &year, &month, &day))
        return 0;
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return 0;
    put_digits(iso, year, 4);
    iso[4] = '-';
    put_digits(iso + 5, month, 2);
    iso[7] = '-';
    put_digits(iso + 8, day, 2);
    iso[10] = '\0';
    return 1;
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
    while (ln.end > ln.body && is_trailing_blank(s[ln.end - 1]))
        ln.end--;
    return ln;
}

static void index_push(struct line_index *ix, const struct line *ln)
{
    if (ix->count == ix->cap) {
        ix->cap = ix->cap ? ix->cap * 2 : 64;
        ix->lines = xrealloc(ix->lines, ix->cap * sizeof *ix->lines);
    }
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
        if (skip_spaces(s, ln.body, ln.end) >= ln.end) {
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
    from = skip_spaces(s, from, to);
    to = trim_spaces_back(s, from, to);
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
        buf_printf(&sp->id, "%s/para%zu", sp->doc_id, ++number);
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

/* A date line at column 0, then (blank lines aside) an unindented title
 * that is short and is not itself a date. */
static bool is_post_start(const struct splitter *sp, size_t i)
{
    const struct line *date = &sp->index.lines[i];
    char iso[11];
    if (i + 1 >= sp->index.count || date->indent != 0 || !is_date_line(sp, date, iso))
        return false;
    const struct line *title = date + 1;
    return title->indent == 0 && title->end - title->body <= TITLE_MAX &&
           !is_date_line(sp, title, iso);
}

/* ---- comment section ----------------------------------------------------------- */

/* "N." or "N. text" with N of 1-4 digits, not 0. *text_from is where the
 * comment's own text begins on the line. */
static bool parse_opener(const struct splitter *sp, const struct line *ln, unsigned *number,
                         size_t *text_from)
{
    const char *s = sp->text;
    size_t i = ln->body;
    *number = 0;
    while (i < ln->end && is_digit(s[i]) && i - ln->body < OPENER_DIGITS_MAX) {
        *number = *number * 10 + (unsigned)(s[i] - '0');
        i++;
    }
    if (i == ln->body || *number == 0 || i >= ln->end || s[i] != '.')
        return false;
    i++;
    if (i < ln->end && s[i] != ' ' && s[i] != '\t')
        return false;
    while (i < ln->end && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *text_from = i;
    return true;
}

static bool opens_comment(const struct splitter *sp, const struct line *ln, unsigned *number,
                          size_t *text_from)
{
    return ln->indent >= 1 && ln->indent <= 3 && parse_opener(sp, ln, number, text_from);
}

static bool opens_reply(const struct splitter *sp, const struct line *ln, unsigned *number,
                        size_t *text_from)
{
    return ln->indent >= 4 && ln->indent <= 5 && ln->blanks_before > 0 &&
           parse_opener(sp, ln, number, text_from);
}

/* Where an intro's ":-" (or ": -") begins, or SIZE_MAX. */
static size_t intro_marker(const struct splitter *sp, const struct line *ln)
{
    const char *s = sp->text;
    size_t end = trim_spaces_back(s, ln->body, ln->end);
    if (end <= ln->body || s[end - 1] != '-')
        return SIZE_MAX;
    size_t colon = trim_spaces_back(s, ln->body, end - 1);
    return colon > ln->body && s[colon - 1] == ':' ? colon - 1 : SIZE_MAX;
}

static bool ends_with_colon(const struct splitter *sp, const struct line *ln)
{
    size_t end = trim_spaces_back(sp->text, ln->body, ln->end);
    return (end > ln->body && sp->text[end - 1] == ':') || intro_marker(sp, ln) != SIZE_MAX;
}

struct comment_section {
    size_t from;             /* first line; the region's end when there is none */
    unsigned orphan_number;  /* > 0: lines before the first opener are this comment */
};

/* An indented run right under a paragraph (no blank line between), or under
 * one that announces it with ':' and a single blank line, is the post's own
 * list, not its comments. */
static bool is_body_list(const struct splitter *sp, size_t region_from, size_t run_from)
{
    if (run_from == region_from)
        return false;
    const struct line *first = &sp->index.lines[run_from];
    return first->blanks_before == 0 ||
           (first->blanks_before == 1 && ends_with_colon(sp, first - 1));
}

/* The trailing run of lines indented 2+ columns that holds a top-level
 * opener. */
static struct comment_section find_comment_section(const struct splitter *sp, size_t from,
                                                   size_t to)
{
    struct comment_section none = {to, 0};
    const struct line *lines = sp->index.lines;
    size_t start = to;
    while (start > from && lines[start - 1].indent >= 2)
        start--;
    if (start == to)
        return none;
    if (is_body_list(sp, from, start)) {
        /* The post's list ends where a wider gap (the seeds' two blank
         * lines) announces the comments. */
        do
            start++;
        while (start < to && lines[start].blanks_before < 2);
        if (start == to)
            return none;
    }
    size_t opener = start, text_from;
    unsigned number = 0;
    while (opener < to && !opens_comment(sp, &lines[opener], &number, &text_from))
        opener++;
    if (opener == to)
        return none;
    if (opener == start)
        return (struct comment_section){start, 0};
    if (number > 1)
        return (struct comment_section){start, number - 1};
    /* Text before a comment 1 has no number to take: it stays with the
     * post, the nearest record. */
    return (struct comment_section){opener, 0};
}

/* ---- a post's text and its quotes ---------------------------------------------- */

static bool is_intro_paragraph(const struct splitter *sp, size_t next)
{
    return intro_marker(sp, &sp->index.lines[next - 1]) != SIZE_MAX;
}

/* The blogger's paragraphs before the first quote, and every intro. */
static void add_post_paragraphs(struct splitter *sp, size_t from, size_t to)
{
    bool quoting = false;
    for (size_t first = from, next; first < to; first = next) {
        next = paragraph_end(sp, first, to);
        bool intro = is_intro_paragraph(sp, next);
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

static int emit_post(struct splitter *sp, const struct post *post, size_t body_to)
{
    const struct line *date = &sp->index.lines[post->date_line];
    const struct line *title = date + 1;
    char iso[11];
    parse_date_line(sp->text + date->body, date->end - date->body, iso);
    set_trimmed(&sp->title, sp->text, title->body, title->end);
    tb_start(&sp->record, title->end);
    for (size_t first = 0, next; first < post->header_to; first = next) {
        next = paragraph_end(sp, first, post->header_to);
        add_paragraph(sp, first, next, false);
    }
    add_post_paragraphs(sp, post->date_line + 2, body_to);
    struct segment seg = {.kind = SEGMENT_POST, .id = buf_text(&sp->post_id), .date = iso,
                          .title = buf_text(&sp->title)};
    return emit(sp, &seg);
}

/* Bytes of the closing quote mark or bracket at s[i] (0 if none). */
static size_t closing_mark_width(const char *s, size_t i, size_t to)
{
    if (i < to && (s[i] == '"' || s[i] == '\'' || s[i] == ')'))
        return 1;
    bool curly = i + 2 < to && memcmp(s + i, "\xE2\x80", 2) == 0 &&
                 (s[i + 2] == '\x9D' || s[i + 2] == '\x99');
    return curly ? 3 : 0;
}

/* Sentences end at . ! or ? (perhaps closed by a quote mark) and a space. */
static size_t last_sentence_start(const char *s, size_t from, size_t to)
{
    size_t start = from;
    for (size_t i = from; i < to; i++) {
        if (s[i] != '.' && s[i] != '!' && s[i] != '?')
            continue;
        size_t after = i + 1 + closing_mark_width(s, i + 1, to);
        size_t next = skip_spaces(s, after, to);
        if (next > after && next < to)
            start = next;
    }
    return start;
}

static bool is_source_preposition(const char *word, size_t n)
{
    return spells(word, n, "from") || spells(word, n, "in") || spells(word, n, "on") ||
           spells(word, n, "at");
}

/* The name after the last "from/in/on/at" that is followed by "the" or a
 * capitalised word; the whole intro when there is none. */
static size_t source_start(const char *s, size_t from, size_t to)
{
    size_t found = from, previous = 0, previous_len = 0;
    size_t i = skip_spaces(s, from, to);
    while (i < to) {
        size_t word = i;
        while (i < to && space_after(s, i, to) == 0)
            i++;
        size_t len = i - word;
        if (previous_len > 0 && is_source_preposition(s + previous, previous_len) &&
            (spells(s + word, len, "the") || is_upper(s[word])))
            found = word;
        previous = word;
        previous_len = len;
        i = skip_spaces(s, i, to);
    }
    return found;
}

static bool is_strippable_punctuation(char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '-';
}

/* Sets the quote's intro and source from the intro paragraph's last line. */
static void read_intro(struct splitter *sp, size_t intro_line)
{
    const char *s = sp->text;
    const struct line *ln = &sp->index.lines[intro_line];
    size_t marker = intro_marker(sp, ln);
    size_t end = trim_spaces_back(s, ln->body, ln->end);
    size_t sentence = last_sentence_start(s, ln->body, marker);
    set_trimmed(&sp->intro, s, sentence, end);
    size_t name = source_start(s, sentence, marker);
    size_t name_end = marker;
    for (;;) {
        size_t before = trim_spaces_back(s, name, name_end);
        if (before > name && is_strippable_punctuation(s[before - 1]))
            before--;
        if (before == name_end)
            break;
        name_end = before;
    }
    set_trimmed(&sp->source, s, name, name_end);
}

static bool ends_in_closing_punctuation(const char *s, size_t from, size_t to)
{
    static const char *const closers[] = {".", "!", "?", ":", ";", ",", "\"", ")",
                                          "\xE2\x80\x9D", "\xE2\x80\x99", "\xE2\x80\xA6"};
    for (size_t i = 0; i < sizeof closers / sizeof *closers; i++) {
        size_t n = strlen(closers[i]);
        if (to - from >= n && memcmp(s + to - n, closers[i], n) == 0)
            return true;
    }
    return false;
}

static size_t count_words(const char *s, size_t from, size_t to)
{
    size_t words = 0;
    for (size_t i = skip_spaces(s, from, to); i < to; i = skip_spaces(s, i, to)) {
        words++;
        while (i < to && space_after(s, i, to) == 0)
            i++;
    }
    return words;
}

/* The quote's first paragraph is its headline when it is one short line
 * without closing punctuation. */
static bool read_headline(struct splitter *sp, size_t first, size_t next)
{
    if (next - first != 1)
        return false;
    const struct line *ln = &sp->index.lines[first];
    const char *s = sp->text;
    size_t from = skip_spaces(s, ln->body, ln->end);
    size_t to = trim_spaces_back(s, from, ln->end);
    if (to - from > HEADLINE_MAX || ends_in_closing_punctuation(s, from, to) ||
        count_words(s, from, to) > HEADLINE_WORDS_MAX)
        return false;
    set_trimmed(&sp->headline, s, from, to);
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
    buf_printf(&sp->id, "%s/q%zu", buf_text(&sp->post_id), ++q->count);
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
        next = paragraph_end(sp, first, to);
        if (is_intro_paragraph(sp, next)) {
            rc = flush_quote(sp, &q);
            q.intro_line = next - 1;
            q.has_headline = false;
            tb_start(&sp->record, sp->index.lines[first].body);
        } else if (q.intro_line != SIZE_MAX) {
            if (!sp->record.has_text)
                q.has_headline = read_headline(sp, first, next);
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
    if (th->reply) {
        buf_printf(&sp->n, "%u.%u", th->top, th->reply);
        buf_printf(&sp->parent, "%s/c%u", post_id, th->top);
    } else {
        buf_printf(&sp->n, "%u", th->top);
        buf_append_str(&sp->parent, post_id);
    }
    buf_printf(&sp->id, "%s/c%s", post_id, buf_text(&sp->n));
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
static int emit_comments(struct splitter *sp, const struct comment_section *section, size_t to)
{
    struct thread th = {0, 0, false};
    const struct line *lines = sp->index.lines;
    if (section->orphan_number > 0)
        open_comment(sp, &th, section->orphan_number, 0, lines[section->from].body);
    int rc = 0;
    for (size_t i = section->from; i < to && rc == 0; i++) {
        const struct line *ln = &lines[i];
        unsigned number;
        size_t text_from;
        if (opens_comment(sp, ln, &number, &text_from) && number > th.top) {
            rc = flush_comment(sp, &th);
            open_comment(sp, &th, number, 0, text_from);
        } else if (th.top > 0 && opens_reply(sp, ln, &number, &text_from) &&
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
    buf_printf(&sp->post_id, "%s/p%zu", sp->doc_id, post->number);
    int rc = emit_post(sp, post, section.from);
    if (rc == 0)
        rc = emit_quotes(sp, body_from, section.from);
    if (rc == 0 && section.from < post->body_to)
        rc = emit_comments(sp, &section, post->body_to);
    return rc;
}

static int split_blog(struct splitter *sp)
{
    size_t *starts = NULL, count = 0, cap = 0;
    for (size_t i = 0; i < sp->index.count; i++) {
        if (!is_post_start(sp, i))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            starts = xrealloc(starts, cap * sizeof *starts);
        }
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
