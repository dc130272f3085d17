/* summary.c — the report of a whole stream of records (see summary.h). */
#include "summary.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "countmap.h"
#include "diag.h"
#include "distrib.h"
#include "ledger.h"
#include "record.h"

enum { DUMP_FLAGS = JSON_COMPACT | JSON_REAL_PRECISION(15) };
enum { MAX_STATS_DEPTH = 8 }; /* nested stats objects followed this deep */

static const char *const record_kinds[] = {"post", "quote", "comment", "paragraph",
                                           "document", NULL};
static const char *const dup_types[] = {"exact", "near", NULL};
static const char *const figure_kinds[] = {"percent", "money", "count", "fraction",
                                           "ratio", "multiplier", "duration", NULL};

struct summary {
    unsigned top;
    unsigned long long records, duplicates;
    struct countmap *kinds, *dup_kinds, *dup_types, *docs;
    unsigned long long posts, undated;
    struct countmap *months;
    struct countmap *post_ids;      /* kept posts */
    struct countmap *comment_posts; /* post id -> comments */
    unsigned long long comments;
    struct countmap *stat_names;
    struct distrib *stat_values; /* one per stat name */
    size_t stat_room;
    unsigned long long figures, figure_records;
    struct countmap *figure_kinds, *kind_units, *figure_ids;
    char **examples; /* per figure id: its first surface text; owned */
    size_t example_room;
    struct buf name, key; /* scratch of summary_add, reused record after record */
};

struct summary *summary_new(unsigned top)
{
    struct summary *s = xcalloc(1, sizeof *s);
    s->top = top;
    struct countmap **maps[] = {&s->kinds, &s->dup_kinds, &s->dup_types, &s->docs,
                                &s->months, &s->post_ids, &s->comment_posts,
                                &s->stat_names, &s->figure_kinds, &s->kind_units,
                                &s->figure_ids};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        *maps[i] = countmap_new();
    return s;
}

void summary_free(struct summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < countmap_size(s->stat_names); i++)
        distrib_free(&s->stat_values[i]);
    free(s->stat_values);
    for (size_t i = 0; i < countmap_size(s->figure_ids); i++)
        free(s->examples[i]);
    free(s->examples);
    struct countmap *maps[] = {s->kinds, s->dup_kinds, s->dup_types, s->docs,
                               s->months, s->post_ids, s->comment_posts,
                               s->stat_names, s->figure_kinds, s->kind_units,
                               s->figure_ids};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        countmap_free(maps[i]);
    buf_free(&s->name);
    buf_free(&s->key);
    free(s);
}

/* --- checking ------------------------------------------------------------- */

static int fail(struct buf *reason, const char *member, const char *what)
{
    buf_reset(reason);
    buf_printf(reason, "member \"%s\" %s", member, what);
    return -1;
}

static bool typed_or_absent(const struct record *r, const char *key, const char *type)
{
    const char *t = record_type(r, key);
    return !t || strcmp(t, type) == 0;
}

static bool string_or_absent(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return !v || json_is_string(v);
}

/* NULL when every element of figures is a figure, else what is wrong. */
static const char *figures_problem(const json_t *figures)
{
    size_t i;
    const json_t *f;
    json_array_foreach(figures, i, f) {
        if (!json_is_object(f))
            return "holds an element that is not an object";
        if (!json_is_string(json_object_get(f, "kind")))
            return "holds a figure whose \"kind\" is missing or not a string";
        if (!string_or_absent(f, "unit") || !string_or_absent(f, "text"))
            return "holds a figure whose \"unit\" or \"text\" is not a string";
    }
    return NULL;
}

int summary_check(const struct record *r, struct buf *reason)
{
    static const char *const strings[] = {"date", "post", "dup_of", NULL};
    for (const char *const *key = strings; *key; key++)
        if (!typed_or_absent(r, *key, "string"))
            return fail(reason, *key, "is not a string");
    if (!typed_or_absent(r, "stats", "object"))
        return fail(reason, "stats", "is not an object");
    if (!typed_or_absent(r, "dup", "object"))
        return fail(reason, "dup", "is not an object");
    if (!typed_or_absent(r, "figures", "array"))
        return fail(reason, "figures", "is not an array");
    json_t *figures = record_get_jansson(r, "figures");
    const char *problem = figures ? figures_problem(figures) : NULL;
    json_decref(figures);
    if (problem)
        return fail(reason, "figures", problem);
    return 0;
}

/* --- counting ------------------------------------------------------------- */

static void count_string(struct countmap *m, const struct record *r, const char *key)
{
    const char *s;
    size_t len;
    if (record_get_string(r, key, &s, &len))
        countmap_add(m, s, len, 1);
}

static void count_duplicate(struct summary *s, const struct record *r)
{
    s->duplicates++;
    count_string(s->dup_kinds, r, "kind");
    json_t *dup = record_get_jansson(r, "dup");
    const json_t *type = json_object_get(dup, "type");
    if (json_is_string(type))
        countmap_add(s->dup_types, json_string_value(type), json_string_length(type), 1);
    else
        countmap_add(s->dup_types, "unknown", 7, 1);
    json_decref(dup);
}

/* "YYYY-MM" from a date that starts "YYYY-MM-". */
static bool month_of(const char *date, size_t len)
{
    static const char shape[] = "dddd-dd-";
    if (len < 8)
        return false;
    for (size_t i = 0; i < 8; i++) {
        bool digit = date[i] >= '0' && date[i] <= '9';
        if (shape[i] == 'd' ? !digit : date[i] != '-')
            return false;
    }
    return true;
}

static void count_post(struct summary *s, const struct record *r)
{
    const char *s_date, *id;
    size_t len, id_len;
    s->posts++;
    if (record_get_string(r, "date", &s_date, &len) && month_of(s_date, len))
        countmap_add(s->months, s_date, 7, 1);
    else
        s->undated++;
    if (record_get_string(r, "id", &id, &id_len))
        countmap_add(s->post_ids, id, id_len, 1);
}

static void count_comment(struct summary *s, const struct record *r)
{
    const char *post;
    size_t len;
    s->comments++;
    if (record_get_string(r, "post", &post, &len))
        countmap_add(s->comment_posts, post, len, 1);
}

static void add_stat(struct summary *s, const struct buf *name, double v)
{
    size_t i = countmap_add(s->stat_names, name->data, name->len, 1);
    if (i >= s->stat_room) {
        size_t room = s->stat_room ? s->stat_room * 2 : 32;
        s->stat_values = xrealloc(s->stat_values, room * sizeof *s->stat_values);
        for (size_t k = s->stat_room; k < room; k++)
            s->stat_values[k] = (struct distrib)DISTRIB_INIT;
        s->stat_room = room;
    }
    distrib_add(&s->stat_values[i], v);
}

static void add_stats(struct summary *s, const json_t *object, struct buf *name,
                      unsigned depth)
{
    const char *key;
    const json_t *value;
    json_object_foreach((json_t *)object, key, value) {
        size_t mark = name->len;
        if (mark)
            buf_append_char(name, '.');
        buf_append_str(name, key);
        if (json_is_number(value))
            add_stat(s, name, json_number_value(value));
        else if (json_is_object(value) && depth < MAX_STATS_DEPTH)
            add_stats(s, value, name, depth + 1);
        name->len = mark;
        name->data[mark] = '\0';
    }
}

static json_t *must(json_t *v)
{
    if (!v)
        die(EXIT_BAD_INPUT, "out of memory (summary)");
    return v;
}

static int append_to_buf(const char *data, size_t n, void *ctx)
{
    buf_append(ctx, data, n);
    return 0;
}

/* A figure's identity: its kind, unit and numbers, as compact JSON. */
static void figure_identity(const json_t *f, struct buf *key)
{
    static const char *const members[] = {"kind", "unit", "value", "low", "high",
                                          "of", NULL};
    json_t *id = must(json_object());
    for (const char *const *m = members; *m; m++) {
        json_t *v = json_object_get(f, *m);
        if (v)
            json_object_set(id, *m, v);
    }
    buf_reset(key);
    json_dump_callback(id, append_to_buf, key, DUMP_FLAGS);
    json_decref(id);
}

static void count_figure(struct summary *s, const json_t *f, struct buf *key)
{
    const json_t *kind = json_object_get(f, "kind");
    s->figures++;
    countmap_add(s->figure_kinds, json_string_value(kind), json_string_length(kind), 1);
    json_t *pair = must(json_pack("[OO]", kind, json_object_get(f, "unit")
                                                    ? json_object_get(f, "unit")
                                                    : json_null()));
    buf_reset(key);
    json_dump_callback(pair, append_to_buf, key, DUMP_FLAGS);
    json_decref(pair);
    countmap_add(s->kind_units, key->data, key->len, 1);

    figure_identity(f, key);
    size_t before = countmap_size(s->figure_ids);
    size_t i = countmap_add(s->figure_ids, key->data, key->len, 1);
    if (i == before) { /* a new figure: keep its first surface form */
        if (i >= s->example_room) {
            s->example_room = s->example_room ? s->example_room * 2 : 64;
            s->examples = xrealloc(s->examples, s->example_room * sizeof *s->examples);
        }
        const json_t *text = json_object_get(f, "text");
        s->examples[i] = xstrdup(json_is_string(text) ? json_string_value(text) : "");
    }
}

static void count_figures(struct summary *s, const struct record *r)
{
    json_t *figures = record_get_jansson(r, "figures");
    if (json_array_size(figures) > 0)
        s->figure_records++;
    size_t i;
    const json_t *f;
    json_array_foreach(figures, i, f) {
        count_figure(s, f, &s->key);
    }
    json_decref(figures);
}

void summary_add(struct summary *s, const struct record *r)
{
    s->records++;
    if (record_has(r, "dup_of")) {
        count_duplicate(s, r);
        return;
    }
    count_string(s->kinds, r, "kind");
    count_string(s->docs, r, "doc");
    const char *kind;
    size_t len;
    if (record_get_string(r, "kind", &kind, &len)) {
        if (strcmp(kind, "post") == 0)
            count_post(s, r);
        else if (strcmp(kind, "comment") == 0)
            count_comment(s, r);
    }
    json_t *stats = record_get_jansson(r, "stats");
    if (json_is_object(stats)) {
        buf_reset(&s->name);
        buf_append_str(&s->name, "");
        add_stats(s, stats, &s->name, 1);
    }
    json_decref(stats);
    count_figures(s, r);
}

/* --- the report ------------------------------------------------------------ */

static json_t *count_json(unsigned long long n)
{
    return must(json_integer((json_int_t)n));
}

/* Integral values as integers; others rounded to 4 decimal places. */
static json_t *number_json(double v)
{
    if (fabs(v) < 1e15) {
        double rounded = round(v * 1e4) / 1e4;
        if (rounded == floor(rounded))
            return must(json_integer((json_int_t)rounded));
        return must(json_real(rounded));
    }
    return must(json_real(v));
}

static void set(json_t *o, const char *key, json_t *value)
{
    if (json_object_set_new(o, key, value) != 0)
        die(EXIT_BAD_INPUT, "out of memory (summary)");
}

static json_t *distribution_json(struct distrib *d)
{
    struct distrib_summary ds;
    distrib_summarize(d, &ds);
    const double values[] = {ds.min, ds.q1, ds.median, ds.q3, ds.p90, ds.max, ds.mean};
    static const char *const names[] = {"min", "q1", "median", "q3", "p90", "max", "mean"};
    json_t *o = must(json_object());
    set(o, "count", count_json(ds.count));
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        set(o, names[i], ds.count ? number_json(values[i]) : json_null());
    return o;
}

/* Counts per name: the fixed names first (0 when unseen), then the
 * others in byte order. */
static json_t *counts_by_name(const struct countmap *m, const char *const *fixed)
{
    json_t *o = must(json_object());
    for (const char *const *name = fixed; name && *name; name++) {
        size_t i = countmap_find(m, *name, strlen(*name));
        set(o, *name, count_json(i == (size_t)-1 ? 0 : countmap_count(m, i)));
    }
    size_t *order = countmap_by_key(m);
    for (size_t k = 0; k < countmap_size(m); k++) {
        size_t len;
        const char *key = countmap_key(m, order[k], &len);
        if (!json_object_getn(o, key, len))
            json_object_setn_new(o, key, len, count_json(countmap_count(m, order[k])));
    }
    free(order);
    return o;
}

static json_t *posts_json(const struct summary *s)
{
    json_t *o = must(json_object());
    set(o, "count", count_json(s->posts));
    set(o, "dated", count_json(s->posts - s->undated));
    set(o, "undated", count_json(s->undated));
    set(o, "by_month", counts_by_name(s->months, NULL));
    return o;
}

static json_t *comments_per_post_json(const struct summary *s)
{
    struct distrib d = DISTRIB_INIT;
    unsigned long long with_post = 0;
    for (size_t i = 0; i < countmap_size(s->post_ids); i++) {
        size_t len;
        const char *id = countmap_key(s->post_ids, i, &len);
        size_t k = countmap_find(s->comment_posts, id, len);
        unsigned long long n = k == (size_t)-1 ? 0 : countmap_count(s->comment_posts, k);
        with_post += n;
        distrib_add(&d, (double)n);
    }
    json_t *o = must(json_object());
    set(o, "posts", count_json(countmap_size(s->post_ids)));
    set(o, "comments", count_json(s->comments));
    set(o, "without_post", count_json(s->comments - with_post));
    json_t *dist = distribution_json(&d);
    const char *key;
    json_t *value;
    json_object_foreach(dist, key, value) {
        if (strcmp(key, "count") != 0)
            json_object_set(o, key, value);
    }
    json_decref(dist);
    distrib_free(&d);
    return o;
}

static json_t *duplicates_json(const struct summary *s)
{
    json_t *o = must(json_object());
    set(o, "removed", count_json(s->duplicates));
    set(o, "by_type", counts_by_name(s->dup_types, dup_types));
    set(o, "by_kind", counts_by_name(s->dup_kinds, record_kinds));
    return o;
}

static json_t *stats_json(struct summary *s)
{
    json_t *o = must(json_object());
    for (size_t i = 0; i < countmap_size(s->stat_names); i++) {
        size_t len;
        const char *name = countmap_key(s->stat_names, i, &len);
        json_object_setn_new(o, name, len, distribution_json(&s->stat_values[i]));
    }
    return o;
}

static json_t *parse_key(const char *key, size_t len)
{
    return must(json_loadb(key, len, JSON_DECODE_ANY, NULL));
}

/* The object for one entry of a top list. */
typedef json_t *(*top_entry_fn)(const struct summary *s, size_t entry);

/* The s->top entries of m with the largest counts, ties in order of
 * first appearance, each as make writes it. */
static json_t *top_list(const struct summary *s, const struct countmap *m, top_entry_fn make)
{
    json_t *list = must(json_array());
    size_t *order = countmap_by_count(m);
    for (size_t k = 0; k < countmap_size(m) && k < s->top; k++)
        json_array_append_new(list, make(s, order[k]));
    free(order);
    return list;
}

static json_t *kind_unit_entry(const struct summary *s, size_t entry)
{
    size_t len;
    const char *key = countmap_key(s->kind_units, entry, &len);
    json_t *pair = parse_key(key, len);
    json_t *o = must(json_pack("{sOsOso}", "kind", json_array_get(pair, 0), "unit",
                               json_array_get(pair, 1), "count",
                               count_json(countmap_count(s->kind_units, entry))));
    json_decref(pair);
    return o;
}

static json_t *figure_entry(const struct summary *s, size_t entry)
{
    size_t len;
    const char *key = countmap_key(s->figure_ids, entry, &len);
    json_t *o = parse_key(key, len);
    set(o, "count", count_json(countmap_count(s->figure_ids, entry)));
    set(o, "text", must(json_string(s->examples[entry])));
    return o;
}

static json_t *figures_json(const struct summary *s)
{
    json_t *o = must(json_object());
    set(o, "count", count_json(s->figures));
    set(o, "records", count_json(s->figure_records));
    set(o, "by_kind", counts_by_name(s->figure_kinds, figure_kinds));
    set(o, "by_kind_unit", top_list(s, s->kind_units, kind_unit_entry));
    set(o, "most_cited", top_list(s, s->figure_ids, figure_entry));
    return o;
}

void summary_write(struct summary *s, const struct ledger *ledger, struct buf *out)
{
    json_t *report = must(json_object());
    set(report, "records", count_json(s->records));
    set(report, "kept", count_json(s->records - s->duplicates));
    set(report, "by_kind", counts_by_name(s->kinds, record_kinds));
    set(report, "documents", count_json(countmap_size(s->docs)));
    set(report, "posts", posts_json(s));
    set(report, "comments_per_post", comments_per_post_json(s));
    set(report, "duplicates", duplicates_json(s));
    set(report, "stats", stats_json(s));
    set(report, "figures", figures_json(s));
    set(report, "accounting", ledger ? ledger_report(ledger) : json_null());
    json_dump_callback(report, append_to_buf, out, DUMP_FLAGS);
    json_decref(report);
}
