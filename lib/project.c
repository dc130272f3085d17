/* project.c — projection of records onto paths (see project.h). */
#include "project.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "emit.h"
#include "jsontext.h"
#include "record.h"

/* As the record layer writes values (record.c). */
enum { DUMP_FLAGS = JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15) };

struct field {
    char *name;      /* as written, spaces trimmed; owned */
    char *name_json; /* name as a JSON string, made once; owned */
    size_t name_json_len;
    char **segments; /* unescaped; owned */
    size_t n;
};

struct projection {
    struct field *fields;
    size_t n;
};

static void free_field(struct field *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->segments[i]);
    free(f->segments);
    free(f->name);
    free(f->name_json);
}

void projection_free(struct projection *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free_field(&p->fields[i]);
    free(p->fields);
    free(p);
}

/* Split one field's text into unescaped segments at unescaped dots. */
static bool parse_segments(struct field *f, const char *s, size_t len)
{
    struct buf seg = BUF_INIT;
    f->segments = xmalloc((len + 1) * sizeof *f->segments);
    bool ok = true;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '.') {
            if (seg.len == 0)
                ok = false;
            f->segments[f->n++] = seg.data ? buf_detach(&seg, NULL) : xstrdup("");
            continue;
        }
        if (s[i] == '\\' && i + 1 < len)
            i++;
        buf_append_char(&seg, s[i]);
    }
    buf_free(&seg);
    return ok;
}

/* End of the field starting at s: the first comma not escaped. */
static const char *field_end(const char *s)
{
    while (*s && *s != ',')
        s += (s[0] == '\\' && s[1]) ? 2 : 1;
    return s;
}

static bool already_listed(const struct projection *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->fields[i].name, name) == 0)
            return true;
    return false;
}

/* Parse the field s..end and add it; false (error set) when it is empty
 * or already listed. */
static bool add_field(struct projection *p, const char *s, const char *end,
                      const char *list, struct buf *error)
{
    while (s < end && *s == ' ')
        s++;
    while (end > s && end[-1] == ' ' && !(end - 1 > s && end[-2] == '\\'))
        end--;
    struct field f = {xstrndup(s, (size_t)(end - s)), NULL, 0, NULL, 0};
    if (s == end || !parse_segments(&f, s, (size_t)(end - s))) {
        buf_printf(error, "empty field or path segment in '%s'", list);
        free_field(&f);
        return false;
    }
    if (already_listed(p, f.name)) {
        buf_printf(error, "field '%s' given twice", f.name);
        free_field(&f);
        return false;
    }
    struct buf json = BUF_INIT;
    jsontext_string(f.name, strlen(f.name), &json);
    f.name_json = buf_detach(&json, &f.name_json_len);
    p->fields[p->n++] = f;
    return true;
}

struct projection *projection_parse(const char *list, struct buf *error)
{
    struct projection *p = xcalloc(1, sizeof *p);
    size_t room = 1;
    for (const char *c = list; *c; c++)
        room += *c == ',';
    p->fields = xcalloc(room, sizeof *p->fields);
    for (const char *s = list;; s++) {
        const char *end = field_end(s);
        if (!add_field(p, s, end, list, error)) {
            projection_free(p);
            return NULL;
        }
        if (!*end)
            break;
        s = end;
    }
    return p;
}

size_t projection_size(const struct projection *p)
{
    return p->n;
}

const char *projection_name(const struct projection *p, size_t i)
{
    return p->fields[i].name;
}

/* An array index: digits only, no leading zero, small enough. */
static bool parse_index(const char *s, size_t *index)
{
    size_t n = strlen(s);
    if (n == 0 || n > 18 || (n > 1 && s[0] == '0'))
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    *index = (size_t)strtoull(s, NULL, 10);
    return true;
}

/* The value at f's path below the top-level member (a new reference), or
 * NULL. */
static json_t *nested_value(const struct field *f, const struct record *r)
{
    json_t *top = record_get_jansson(r, f->segments[0]);
    const json_t *v = top;
    for (size_t i = 1; v && i < f->n; i++) {
        size_t index;
        if (json_is_object(v))
            v = json_object_get(v, f->segments[i]);
        else if (json_is_array(v) && parse_index(f->segments[i], &index))
            v = json_array_get(v, index);
        else
            v = NULL;
    }
    json_t *found = v ? json_incref((json_t *)v) : NULL;
    json_decref(top);
    return found;
}

static int append_to_buf(const char *data, size_t n, void *ctx)
{
    buf_append(ctx, data, n);
    return 0;
}

static void append_json_value(const struct field *f, const struct record *r,
                              struct buf *out)
{
    if (f->n == 1) {
        if (!record_get_json(r, f->segments[0], out))
            buf_append_str(out, "null");
        return;
    }
    json_t *v = nested_value(f, r);
    if (v)
        json_dump_callback(v, append_to_buf, out, DUMP_FLAGS);
    else
        buf_append_str(out, "null");
    json_decref(v);
}

void projection_json(const struct projection *p, const struct record *r,
                     struct buf *out)
{
    buf_append_char(out, '{');
    for (size_t i = 0; i < p->n; i++) {
        if (i)
            buf_append_char(out, ',');
        buf_append(out, p->fields[i].name_json, p->fields[i].name_json_len);
        buf_append_char(out, ':');
        append_json_value(&p->fields[i], r, out);
    }
    buf_append_char(out, '}');
}

void projection_csv_header(const struct projection *p, struct buf *out)
{
    for (size_t i = 0; i < p->n; i++)
        csv_field(out, p->fields[i].name, strlen(p->fields[i].name), i == 0);
}

/* The CSV text of one field: strings as text, null and absent empty,
 * anything else as compact JSON. */
static void csv_value(const struct field *f, const struct record *r,
                      struct buf *cell)
{
    const char *s;
    size_t len;
    if (f->n == 1) {
        const char *type = record_type(r, f->segments[0]);
        if (!type || strcmp(type, "null") == 0)
            return;
        if (record_get_string(r, f->segments[0], &s, &len))
            buf_append(cell, s, len);
        else
            record_get_json(r, f->segments[0], cell);
        return;
    }
    json_t *v = nested_value(f, r);
    if (json_is_string(v))
        buf_append(cell, json_string_value(v), json_string_length(v));
    else if (v && !json_is_null(v))
        json_dump_callback(v, append_to_buf, cell, DUMP_FLAGS);
    json_decref(v);
}

void projection_csv_row(const struct projection *p, const struct record *r,
                        struct buf *out)
{
    struct buf cell = BUF_INIT;
    for (size_t i = 0; i < p->n; i++) {
        buf_reset(&cell);
        csv_value(&p->fields[i], r, &cell);
        csv_field(out, cell.data ? cell.data : "", cell.len, i == 0);
    }
    buf_free(&cell);
}
