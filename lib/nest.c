/* nest.c — posts with their quotes and comment trees (see nest.h). */
#include "nest.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "emit.h"
#include "jsontext.h"
#include "record.h"
#include "stablesort.h"

enum role { ROLE_POST, ROLE_QUOTE, ROLE_COMMENT, ROLE_OTHER };

enum { NONE = (size_t)-1 };

struct held {
    char *json;   /* the record as it is written; owned */
    size_t len;
    char *block;  /* id, post, parent and doc, NUL-separated; owned */
    const char *id, *post, *parent, *doc; /* into block; NULL if absent */
    enum role role;
    bool has_span;
    long long span_start;
};

struct nest {
    struct held *held;
    size_t n, room;
};

struct nest *nest_new(void)
{
    return xcalloc(1, sizeof(struct nest));
}

void nest_free(struct nest *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->n; i++) {
        free(n->held[i].json);
        free(n->held[i].block);
    }
    free(n->held);
    free(n);
}

void nest_report_free(struct nest_report *report)
{
    free(report->first_orphan);
    free(report->first_missing_parent);
    report->first_orphan = report->first_missing_parent = NULL;
}

static enum role role_of(const struct record *r)
{
    const char *kind;
    size_t len;
    if (!record_get_string(r, "kind", &kind, &len))
        return ROLE_OTHER;
    if (strcmp(kind, "post") == 0)
        return ROLE_POST;
    if (strcmp(kind, "quote") == 0)
        return ROLE_QUOTE;
    if (strcmp(kind, "comment") == 0)
        return ROLE_COMMENT;
    return ROLE_OTHER;
}

/* Where span is present: true with its start when it is [integer, ...]. */
static bool span_start(const struct record *r, long long *start)
{
    json_t *span = record_get_jansson(r, "span");
    json_t *first = json_array_get(span, 0);
    bool ok = json_is_integer(first);
    if (ok)
        *start = json_integer_value(first);
    json_decref(span);
    return ok;
}

static int fail(struct buf *reason, const char *what, const char *member)
{
    buf_reset(reason);
    buf_printf(reason, "member \"%s\" %s", member, what);
    return -1;
}

int nest_check(const struct record *r, struct buf *reason)
{
    enum role role = role_of(r);
    const char *type = record_type(r, "post");
    if ((role == ROLE_QUOTE || role == ROLE_COMMENT) && !type)
        return fail(reason, "is missing (a quote or comment names its post)", "post");
    if ((role == ROLE_QUOTE || role == ROLE_COMMENT) && strcmp(type, "string") != 0)
        return fail(reason, "is not a string", "post");
    type = record_type(r, "parent");
    if (type && strcmp(type, "string") != 0)
        return fail(reason, "is not a string", "parent");
    long long start;
    if (record_has(r, "span") && !span_start(r, &start))
        return fail(reason, "is not [start, end]", "span");
    if (role == ROLE_POST && record_has(r, "quotes"))
        return fail(reason, "is reserved by --nest on a post", "quotes");
    if (role == ROLE_POST && record_has(r, "comments"))
        return fail(reason, "is reserved by --nest on a post", "comments");
    if (role == ROLE_COMMENT && record_has(r, "replies"))
        return fail(reason, "is reserved by --nest on a comment", "replies");
    return 0;
}

/* Copy the string members a record is grouped by into one block. */
static void keep_names(struct held *h, const struct record *r)
{
    static const char *const names[] = {"id", "post", "parent", "doc"};
    const char *value[4];
    size_t len[4], total = 0;
    for (size_t i = 0; i < 4; i++) {
        if (!record_get_string(r, names[i], &value[i], &len[i]))
            value[i] = NULL, len[i] = 0;
        total += len[i] + 1;
    }
    h->block = xmalloc(total);
    const char **slot[4] = {&h->id, &h->post, &h->parent, &h->doc};
    char *p = h->block;
    for (size_t i = 0; i < 4; i++) {
        memcpy(p, value[i] ? value[i] : "", len[i]);
        p[len[i]] = '\0';
        *slot[i] = value[i] ? p : NULL;
        p += len[i] + 1;
    }
}

void nest_add(struct nest *n, const struct record *r, const char *json,
              size_t len)
{
    if (n->n == n->room) {
        n->room = n->room ? n->room * 2 : 256;
        n->held = xrealloc(n->held, n->room * sizeof *n->held);
    }
    struct held *h = &n->held[n->n++];
    h->json = xstrndup(json, len);
    h->len = len;
    keep_names(h, r);
    h->role = role_of(r);
    h->has_span = span_start(r, &h->span_start);
    if (!h->id) /* the caller checks "id"; never group by a missing one */
        h->role = ROLE_OTHER;
}

/* The post id a record belongs to (its own id for a post). */
static const char *group_key(const struct held *h)
{
    return h->role == ROLE_POST ? h->id : h->post;
}

static int by_group(const void *ctx, size_t a, size_t b)
{
    const struct nest *n = ctx;
    return strcmp(group_key(&n->held[a]), group_key(&n->held[b]));
}

/* Document order: records with a span by its start, before any without. */
static int by_position(const void *ctx, size_t a, size_t b)
{
    const struct nest *n = ctx;
    const struct held *x = &n->held[a], *y = &n->held[b];
    if (x->has_span != y->has_span)
        return x->has_span ? -1 : 1;
    if (!x->has_span)
        return 0;
    return x->span_start < y->span_start ? -1 : x->span_start > y->span_start;
}

/* --- one post and its children ------------------------------------------ */

struct group {
    const struct nest *nest;
    const char *key;     /* the post id */
    size_t post;         /* record number of the post, or NONE */
    size_t *quotes, n_quotes;
    size_t *comments, n_comments; /* record numbers, document order */
    size_t *parent;      /* per comment: position of its parent, or NONE */
    size_t *first_child, *last_child, *next_sibling; /* positions */
    size_t first_root, last_root;
};

/* Append an object's text without its closing brace, ready for members. */
static void open_object(struct buf *out, const struct held *h)
{
    buf_append(out, h->json, h->len - 1);
    if (h->len > 2)
        buf_append_char(out, ',');
}

/* Position (in g->comments) of the comment with this id, or NONE: a lower
 * bound over the positions sorted by id, so the first of equals wins. */
static size_t find_comment(const struct group *g, const size_t *sorted_ids,
                           const char *id)
{
    size_t lo = 0, hi = g->n_comments;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(g->nest->held[g->comments[sorted_ids[mid]]].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < g->n_comments && strcmp(g->nest->held[g->comments[sorted_ids[lo]]].id, id) == 0)
        return sorted_ids[lo];
    return NONE;
}

static void note_missing_parent(struct nest_report *report, const char *id)
{
    report->missing_parents++;
    if (!report->first_missing_parent)
        report->first_missing_parent = xstrdup(id);
}

static int comment_by_id(const void *ctx, size_t a, size_t b)
{
    const struct group *g = ctx;
    return strcmp(g->nest->held[g->comments[a]].id, g->nest->held[g->comments[b]].id);
}

/* Positions in g->comments, ordered by the comments' ids. */
static size_t *positions_by_id(const struct group *g)
{
    size_t *positions = xmalloc((g->n_comments + 1) * sizeof *positions);
    for (size_t k = 0; k < g->n_comments; k++)
        positions[k] = k;
    stable_sort(positions, g->n_comments, comment_by_id, g);
    return positions;
}

static void find_parents(struct group *g, struct nest_report *report)
{
    size_t *sorted_ids = positions_by_id(g);
    for (size_t k = 0; k < g->n_comments; k++) {
        const struct held *c = &g->nest->held[g->comments[k]];
        g->parent[k] = NONE;
        if (!c->parent || strcmp(c->parent, g->key) == 0)
            continue;
        size_t p = find_comment(g, sorted_ids, c->parent);
        if (p != NONE && p != k)
            g->parent[k] = p;
        else
            note_missing_parent(report, c->id);
    }
    free(sorted_ids);
}

/* A chain of parents that loops never reaches the post: cut it where the
 * walk comes back to itself, so every comment is written once. */
static void break_cycles(struct group *g, struct nest_report *report)
{
    enum { UNSEEN, ON_PATH, DONE };
    unsigned char *state = xcalloc(g->n_comments + 1, 1);
    size_t *path = xmalloc((g->n_comments + 1) * sizeof *path);
    for (size_t k = 0; k < g->n_comments; k++) {
        size_t depth = 0, cur = k;
        while (cur != NONE && state[cur] == UNSEEN) {
            state[cur] = ON_PATH;
            path[depth++] = cur;
            cur = g->parent[cur];
        }
        if (cur != NONE && state[cur] == ON_PATH) {
            g->parent[cur] = NONE;
            note_missing_parent(report, g->nest->held[g->comments[cur]].id);
        }
        while (depth > 0)
            state[path[--depth]] = DONE;
    }
    free(path);
    free(state);
}

static void append_child(size_t *first, size_t *last, size_t *next_sibling, size_t k)
{
    next_sibling[k] = NONE;
    if (*first == NONE)
        *first = k;
    else
        next_sibling[*last] = k;
    *last = k;
}

static void link_children(struct group *g)
{
    g->first_root = g->last_root = NONE;
    for (size_t k = 0; k < g->n_comments; k++)
        g->first_child[k] = g->last_child[k] = NONE;
    for (size_t k = 0; k < g->n_comments; k++) {
        size_t p = g->parent[k];
        if (p == NONE)
            append_child(&g->first_root, &g->last_root, g->next_sibling, k);
        else
            append_child(&g->first_child[p], &g->last_child[p], g->next_sibling, k);
    }
}

/* Depth-first, without recursion: a thread may be as deep as its input. */
static void write_comments(const struct group *g, struct buf *out)
{
    size_t *stack = xmalloc((g->n_comments + 1) * sizeof *stack);
    size_t depth = 0, cur = g->first_root;
    bool need_comma = false;
    for (;;) {
        if (cur != NONE) {
            if (need_comma)
                buf_append_char(out, ',');
            open_object(out, &g->nest->held[g->comments[cur]]);
            buf_append_str(out, "\"replies\":[");
            stack[depth++] = cur;
            cur = g->first_child[cur];
            need_comma = false;
            continue;
        }
        if (depth == 0)
            break;
        size_t done = stack[--depth];
        buf_append_str(out, "]}");
        cur = g->next_sibling[done];
        need_comma = true;
    }
    free(stack);
}

static void write_header(const struct group *g, struct buf *out,
                         struct nest_report *report)
{
    const struct nest *n = g->nest;
    if (g->post != NONE) {
        open_object(out, &n->held[g->post]);
        report->posts++;
        return;
    }
    /* An orphan group: its post's id, and the doc of its first record. */
    size_t first = g->n_quotes ? g->quotes[0] : g->comments[0];
    for (size_t i = 0; i < g->n_quotes; i++)
        first = g->quotes[i] < first ? g->quotes[i] : first;
    for (size_t i = 0; i < g->n_comments; i++)
        first = g->comments[i] < first ? g->comments[i] : first;
    const char *doc = n->held[first].doc;
    buf_append_str(out, "{\"id\":");
    jsontext_string(g->key, strlen(g->key), out);
    if (doc) {
        buf_append_str(out, ",\"doc\":");
        jsontext_string(doc, strlen(doc), out);
    }
    buf_append_str(out, ",\"kind\":\"post\",\"missing\":true,");
    report->orphan_groups++;
    report->orphan_records += g->n_quotes + g->n_comments;
    if (!report->first_orphan)
        report->first_orphan = xstrdup(g->key);
}

static void write_group(struct group *g, struct buf *out, struct nest_report *report)
{
    stable_sort(g->quotes, g->n_quotes, by_position, g->nest);
    stable_sort(g->comments, g->n_comments, by_position, g->nest);
    size_t m = g->n_comments + 1;
    g->parent = xmalloc(m * sizeof *g->parent);
    g->first_child = xmalloc(m * sizeof *g->first_child);
    g->last_child = xmalloc(m * sizeof *g->last_child);
    g->next_sibling = xmalloc(m * sizeof *g->next_sibling);
    find_parents(g, report);
    break_cycles(g, report);
    link_children(g);

    write_header(g, out, report);
    buf_append_str(out, "\"quotes\":[");
    for (size_t i = 0; i < g->n_quotes; i++) {
        if (i)
            buf_append_char(out, ',');
        const struct held *q = &g->nest->held[g->quotes[i]];
        buf_append(out, q->json, q->len);
    }
    buf_append_str(out, "],\"comments\":[");
    write_comments(g, out);
    buf_append_str(out, "]}");
    free(g->parent);
    free(g->first_child);
    free(g->last_child);
    free(g->next_sibling);
}

/* --- the whole stream ---------------------------------------------------- */

enum unit_type { UNIT_NONE, UNIT_SINGLE, UNIT_GROUP };

struct unit {
    enum unit_type type;
    size_t from, to; /* UNIT_GROUP: its records are sorted[from..to) */
};

/* Mark where each output object goes: at the arrival of its first record. */
static void plan_units(const struct nest *n, const size_t *sorted, size_t count,
                       struct unit *units, struct nest_report *report)
{
    for (size_t i = 0; i < n->n; i++)
        units[i] = (struct unit){n->held[i].role == ROLE_OTHER ? UNIT_SINGLE : UNIT_NONE, 0, 0};
    for (size_t a = 0; a < count;) {
        size_t b = a + 1;
        while (b < count && by_group(n, sorted[a], sorted[b]) == 0)
            b++;
        /* Stable by arrival: sorted[a] is the group's first record. */
        units[sorted[a]] = (struct unit){UNIT_GROUP, a, b};
        bool have_post = false;
        for (size_t i = a; i < b; i++) {
            if (n->held[sorted[i]].role != ROLE_POST)
                continue;
            if (have_post) {
                units[sorted[i]] = (struct unit){UNIT_SINGLE, 0, 0};
                report->duplicate_posts++;
            }
            have_post = true;
        }
        a = b;
    }
}

static void collect_group(const struct nest *n, const size_t *sorted,
                          const struct unit *u, struct group *g)
{
    g->nest = n;
    g->key = group_key(&n->held[sorted[u->from]]);
    g->post = NONE;
    g->n_quotes = g->n_comments = 0;
    size_t size = u->to - u->from;
    g->quotes = xmalloc((size + 1) * sizeof *g->quotes);
    g->comments = xmalloc((size + 1) * sizeof *g->comments);
    for (size_t i = u->from; i < u->to; i++) {
        size_t r = sorted[i];
        const struct held *h = &n->held[r];
        if (h->role == ROLE_POST && g->post == NONE)
            g->post = r;
        else if (h->role == ROLE_QUOTE)
            g->quotes[g->n_quotes++] = r;
        else if (h->role == ROLE_COMMENT)
            g->comments[g->n_comments++] = r;
    }
}

void nest_write(struct nest *n, struct emitter *em, struct nest_report *report)
{
    size_t count = 0;
    size_t *sorted = xmalloc((n->n + 1) * sizeof *sorted);
    for (size_t i = 0; i < n->n; i++)
        if (n->held[i].role != ROLE_OTHER)
            sorted[count++] = i;
    stable_sort(sorted, count, by_group, n);
    struct unit *units = xmalloc((n->n + 1) * sizeof *units);
    plan_units(n, sorted, count, units, report);

    struct buf text = BUF_INIT;
    for (size_t i = 0; i < n->n; i++) {
        if (units[i].type == UNIT_SINGLE) {
            emitter_value(em, n->held[i].json, n->held[i].len);
        } else if (units[i].type == UNIT_GROUP) {
            struct group g;
            collect_group(n, sorted, &units[i], &g);
            buf_reset(&text);
            write_group(&g, &text, report);
            emitter_value(em, text.data, text.len);
            free(g.quotes);
            free(g.comments);
        } else {
            continue;
        }
        report->objects++;
    }
    buf_free(&text);
    free(units);
    free(sorted);
}
