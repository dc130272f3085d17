/* figtable.c — the table of cited figures (see figtable.h). */
#include "figtable.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "countmap.h"
#include "jsontext.h"
#include "record.h"
#include "textseg.h"

/* As the record layer writes values (record.c). */
enum { DUMP_FLAGS = JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15) };

struct sentence_bounds {
    size_t start, end; /* bytes of the text */
};

struct figtable {
    struct countmap *posts; /* post id -> entry number */
    char **post_info;       /* per entry: date JSON, NUL, title JSON, NUL */
    size_t info_cap;
    struct sentence_bounds *sentences; /* of the current record */
    size_t n_sentences, sentences_cap;
    struct buf row;                    /* scratch, reused */
    struct figtable_report counts;
    char *first_unknown_post;
};

/* Row members taken from the figure object: row name, figure key. */
static const char *const figure_members[][2] = {
    {"figure_text", "text"}, {"figure_kind", "kind"}, {"value", "value"},
    {"low", "low"},          {"high", "high"},        {"of", "of"},
    {"unit", "unit"},        {"approx", "approx"},    {"span", "span"},
};
enum { N_FIGURE_MEMBERS = sizeof figure_members / sizeof figure_members[0] };

struct figtable *figtable_new(void)
{
    struct figtable *t = xcalloc(1, sizeof *t);
    t->posts = countmap_new();
    return t;
}

void figtable_free(struct figtable *t)
{
    if (!t)
        return;
    size_t n = countmap_size(t->posts);
    for (size_t i = 0; i < n; i++)
        free(t->post_info[i]);
    free(t->post_info);
    countmap_free(t->posts);
    free(t->sentences);
    buf_free(&t->row);
    free(t->first_unknown_post);
    free(t);
}

/* ---- checks ------------------------------------------------------------ */

static int fail(struct buf *reason, const char *what)
{
    buf_reset(reason);
    buf_append_str(reason, what);
    return -1;
}

static bool typed_or_absent(const struct record *r, const char *key, const char *type)
{
    const char *t = record_type(r, key);
    return !t || strcmp(t, type) == 0;
}

static bool json_typed_or_absent(const json_t *o, const char *key, bool (*ok)(const json_t *))
{
    const json_t *v = json_object_get(o, key);
    return !v || ok(v);
}

static bool is_string(const json_t *v) { return json_is_string(v); }
static bool is_number(const json_t *v) { return json_is_number(v); }

/* Two integers, 0 <= start <= end. */
static bool is_span(const json_t *v)
{
    const json_t *a = json_array_get(v, 0), *b = json_array_get(v, 1);
    return json_is_array(v) && json_array_size(v) == 2 && json_is_integer(a) &&
           json_is_integer(b) && json_integer_value(a) >= 0 &&
           json_integer_value(a) <= json_integer_value(b);
}

/* NULL when f is a figure as --figures reads it, else what is wrong. */
static const char *figure_problem(const json_t *f)
{
    static const char *const strings[] = {"unit", "approx"};
    static const char *const numbers[] = {"value", "low", "high", "of"};
    if (!json_is_object(f))
        return "is not an object";
    if (!json_is_string(json_object_get(f, "text")))
        return "has no string \"text\"";
    if (!json_is_string(json_object_get(f, "kind")))
        return "has no string \"kind\"";
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        if (!json_typed_or_absent(f, strings[i], is_string))
            return strings[i][0] == 'u' ? "has a \"unit\" that is not a string"
                                        : "has an \"approx\" that is not a string";
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
        if (!json_typed_or_absent(f, numbers[i], is_number))
            return "has a value, low, high or of that is not a number";
    if (!json_typed_or_absent(f, "span", is_span))
        return "has a \"span\" that is not [start, end] (integers, 0 <= start <= end)";
    return NULL;
}

int figtable_check(const struct record *r, struct buf *reason)
{
    if (!typed_or_absent(r, "post", "string"))
        return fail(reason, "member \"post\" is not a string");
    if (!typed_or_absent(r, "dup_of", "string"))
        return fail(reason, "member \"dup_of\" is not a string");
    if (!typed_or_absent(r, "text", "string"))
        return fail(reason, "member \"text\" is not a string");
    if (!typed_or_absent(r, "figures", "array"))
        return fail(reason, "member \"figures\" is not an array");
    json_t *figures = record_get_jansson(r, "figures");
    size_t i;
    const json_t *f;
    const char *problem = NULL;
    json_array_foreach(figures, i, f) {
        problem = figure_problem(f);
        if (problem)
            break;
    }
    json_decref(figures);
    if (!problem)
        return 0;
    buf_reset(reason);
    buf_printf(reason, "figure %zu of member \"figures\" %s", i + 1, problem);
    return -1;
}

/* ---- posts ------------------------------------------------------------- */

static void raw_or_null(const struct record *r, const char *key, struct buf *out)
{
    const char *json;
    size_t len;
    if (record_get_raw(r, key, &json, &len))
        buf_append(out, json, len);
    else
        buf_append_str(out, "null");
}

/* Remember (or replace) the date and title of post r. */
static void remember_post(struct figtable *t, const struct record *r)
{
    const char *id;
    size_t id_len;
    record_get_string(r, "id", &id, &id_len);
    size_t entry = countmap_add(t->posts, id, id_len, 1);
    if (entry >= t->info_cap) {
        size_t cap = t->info_cap ? 2 * t->info_cap : 64;
        t->post_info = xrealloc(t->post_info, cap * sizeof *t->post_info);
        memset(t->post_info + t->info_cap, 0, (cap - t->info_cap) * sizeof *t->post_info);
        t->info_cap = cap;
    }
    struct buf info = BUF_INIT;
    raw_or_null(r, "date", &info);
    buf_append_char(&info, '\0');
    raw_or_null(r, "title", &info);
    free(t->post_info[entry]);
    t->post_info[entry] = buf_detach(&info, NULL);
}

/* The remembered date and title (JSON text) of the post with this id, or
 * NULL when it was never seen. */
static const char *post_info(const struct figtable *t, const char *id, size_t len)
{
    size_t entry = countmap_find(t->posts, id, len);
    return entry == (size_t)-1 ? NULL : t->post_info[entry];
}

/* ---- sentences --------------------------------------------------------- */

static void find_sentences(struct figtable *t, const char *text, size_t len)
{
    struct textseg_sentences it;
    struct textseg_sentence s;
    t->n_sentences = 0;
    textseg_sentences_init(&it, text, len);
    while (textseg_next_sentence(&it, &s)) {
        if (t->n_sentences == t->sentences_cap) {
            t->sentences_cap = t->sentences_cap ? 2 * t->sentences_cap : 32;
            t->sentences = xrealloc(t->sentences, t->sentences_cap * sizeof *t->sentences);
        }
        t->sentences[t->n_sentences++] = (struct sentence_bounds){s.start, s.end};
    }
}

/* The first sentence that ends after byte pos, or n_sentences. */
static size_t sentence_ending_after(const struct figtable *t, size_t pos)
{
    size_t lo = 0, hi = t->n_sentences;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->sentences[mid].end > pos)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* The bytes [*from, *to) of the sentences holding bytes [start, end). */
static void sentence_around(const struct figtable *t, size_t start, size_t end,
                            size_t *from, size_t *to)
{
    size_t i = sentence_ending_after(t, start);
    *from = i < t->n_sentences && t->sentences[i].start <= start ? t->sentences[i].start
                                                                  : start;
    size_t last = end > start ? end - 1 : start;
    size_t j = sentence_ending_after(t, last);
    *to = j < t->n_sentences && t->sentences[j].start <= last ? t->sentences[j].end : end;
    if (*to < end)
        *to = end;
}

/* Code point offsets to byte offsets, walking forward (back to the start
 * only when asked for an earlier offset). */
struct cp_cursor {
    const char *text;
    size_t len, byte, cp;
};

static bool cp_to_byte(struct cp_cursor *c, size_t cp, size_t *byte)
{
    if (cp < c->cp)
        c->byte = c->cp = 0;
    while (c->cp < cp && c->byte < c->len) {
        c->byte++;
        while (c->byte < c->len && ((unsigned char)c->text[c->byte] & 0xC0) == 0x80)
            c->byte++;
        c->cp++;
    }
    *byte = c->byte;
    return c->cp == cp;
}

/* ---- rows -------------------------------------------------------------- */

/* name: one of this file's own member names, plain ASCII letters and '_',
 * so its JSON string is itself in quotes (no escaping, row after row). */
static void member_name(struct buf *row, const char *name)
{
    buf_append_char(row, row->len ? ',' : '{'); /* the first member opens */
    buf_append_char(row, '"');
    buf_append_str(row, name);
    buf_append(row, "\":", 2);
}

static void member_raw(struct buf *row, const char *name, const char *json, size_t len)
{
    member_name(row, name);
    if (json)
        buf_append(row, json, len);
    else
        buf_append_str(row, "null");
}

static void member_from_record(struct buf *row, const char *name, const struct record *r)
{
    member_name(row, name);
    raw_or_null(r, name, row);
}

static int append_to_buf(const char *data, size_t n, void *ctx)
{
    buf_append(ctx, data, n);
    return 0;
}

static void member_json(struct buf *row, const char *name, const json_t *v)
{
    member_name(row, name);
    if (v)
        json_dump_callback(v, append_to_buf, row, DUMP_FLAGS);
    else
        buf_append_str(row, "null");
}

/* What every row of one record shares. */
struct record_rows {
    const struct record *r;
    const char *post;      /* id, or NULL */
    size_t post_len;
    const char *info;      /* date JSON, NUL, title JSON; or NULL */
    size_t date_len, title_len; /* of the two parts of info */
    const char *text;      /* or NULL */
    size_t text_len;
    struct cp_cursor cursor;
};

static void append_sentence(struct figtable *t, struct record_rows *rr, const json_t *span)
{
    size_t start, end, from, to;
    if (!rr->text || !span ||
        !cp_to_byte(&rr->cursor, (size_t)json_integer_value(json_array_get(span, 0)), &start) ||
        !cp_to_byte(&rr->cursor, (size_t)json_integer_value(json_array_get(span, 1)), &end)) {
        member_raw(&t->row, "sentence", NULL, 0);
        return;
    }
    sentence_around(t, start, end, &from, &to);
    member_name(&t->row, "sentence");
    jsontext_string(rr->text + from, to - from, &t->row);
}

static void build_row(struct figtable *t, struct record_rows *rr, const json_t *figure)
{
    struct buf *row = &t->row;
    buf_reset(row);
    member_from_record(row, "id", rr->r);
    member_from_record(row, "doc", rr->r);
    member_from_record(row, "kind", rr->r);
    member_name(row, "post");
    if (rr->post)
        jsontext_string(rr->post, rr->post_len, row);
    else
        buf_append_str(row, "null");
    member_raw(row, "date", rr->info, rr->date_len);
    member_raw(row, "title", rr->info ? rr->info + rr->date_len + 1 : NULL, rr->title_len);
    member_from_record(row, "source", rr->r);
    member_from_record(row, "headline", rr->r);
    for (size_t i = 0; i < N_FIGURE_MEMBERS; i++)
        member_json(row, figure_members[i][0], json_object_get(figure, figure_members[i][1]));
    append_sentence(t, rr, json_object_get(figure, "span"));
    buf_append_char(row, '}');
}

/* The post of r: its own id for a post, else its "post" member. */
static void find_post(struct figtable *t, struct record_rows *rr)
{
    const char *kind;
    size_t kind_len;
    record_get_string(rr->r, "kind", &kind, &kind_len);
    if (strcmp(kind, "post") == 0) {
        remember_post(t, rr->r);
        record_get_string(rr->r, "id", &rr->post, &rr->post_len);
    } else if (!record_get_string(rr->r, "post", &rr->post, &rr->post_len)) {
        rr->post = NULL;
    }
    rr->info = rr->post ? post_info(t, rr->post, rr->post_len) : NULL;
    if (rr->info) { /* measured once for all the record's rows */
        rr->date_len = strlen(rr->info);
        rr->title_len = strlen(rr->info + rr->date_len + 1);
    }
}

static void count_unknown_post(struct figtable *t, const struct record_rows *rr, size_t rows)
{
    if (!rr->post || rr->info || rows == 0)
        return;
    t->counts.unknown_post_records++;
    t->counts.unknown_post_rows += rows;
    if (!t->first_unknown_post)
        t->first_unknown_post = xstrndup(rr->post, rr->post_len);
}

size_t figtable_add(struct figtable *t, const struct record *r, figtable_row_fn row,
                    void *ctx)
{
    struct record_rows rr = {r, NULL, 0, NULL, 0, 0, NULL, 0, {NULL, 0, 0, 0}};
    find_post(t, &rr);
    if (record_has(r, "dup_of")) {
        t->counts.duplicates_skipped++;
        return 0; /* its figures are cited where the kept copy is */
    }
    json_t *figures = record_get_jansson(r, "figures");
    size_t n = json_array_size(figures);
    if (n > 0 && record_get_string(r, "text", &rr.text, &rr.text_len)) {
        find_sentences(t, rr.text, rr.text_len);
        rr.cursor = (struct cp_cursor){rr.text, rr.text_len, 0, 0};
    }
    for (size_t i = 0; i < n; i++) {
        build_row(t, &rr, json_array_get(figures, i));
        row(t->row.data, t->row.len, ctx);
    }
    json_decref(figures);
    t->counts.rows += n;
    t->counts.records_with_figures += n > 0;
    count_unknown_post(t, &rr, n);
    return n;
}

void figtable_report(const struct figtable *t, struct figtable_report *rep)
{
    *rep = t->counts;
    rep->posts_remembered = countmap_size(t->posts);
    rep->first_unknown_post = t->first_unknown_post;
}
