/* jsontext.c — JSON text layout and string escaping (see jsontext.h). */
#include "jsontext.h"

#include <stdbool.h>

#include "buf.h"
#include "jsonstr.h"

static void newline(struct buf *out, unsigned level)
{
    buf_append_char(out, '\n');
    for (unsigned i = 0; i < level; i++)
        buf_append(out, "  ", 2);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Index of the first non-space byte at or after i. */
static size_t skip_space(const char *json, size_t len, size_t i)
{
    while (i < len && is_space(json[i]))
        i++;
    return i;
}

/* Copy the string literal starting at json[i] (the opening quote); returns
 * the index after its closing quote. */
static size_t copy_string(const char *json, size_t len, size_t i, struct buf *out)
{
    size_t start = i++;
    while (i < len && json[i] != '"')
        i += json[i] == '\\' ? 2 : 1;
    if (i < len)
        i++;
    if (i > len)
        i = len;
    buf_append(out, json + start, i - start);
    return i;
}

void jsontext_pretty(const char *json, size_t len, unsigned level,
                     struct buf *out)
{
    size_t i = 0;
    while (i < len) {
        char c = json[i];
        if (c == '"') {
            i = copy_string(json, len, i, out);
            continue;
        }
        i++;
        switch (c) {
        case '{':
        case '[': {
            size_t next = skip_space(json, len, i);
            if (next < len && json[next] == (c == '{' ? '}' : ']')) {
                buf_append(out, c == '{' ? "{}" : "[]", 2);
                i = next + 1;
            } else {
                buf_append_char(out, c);
                newline(out, ++level);
            }
            break;
        }
        case '}':
        case ']':
            newline(out, level ? --level : 0);
            buf_append_char(out, c);
            break;
        case ',':
            buf_append_char(out, ',');
            newline(out, level);
            break;
        case ':':
            buf_append(out, ": ", 2);
            break;
        case ' ':
        case '\t':
        case '\n':
        case '\r':
            break;
        default:
            buf_append_char(out, c);
            break;
        }
    }
}

void jsontext_string(const char *s, size_t len, struct buf *out)
{
    buf_reserve(out, JSON_ESCAPE_MAX(len));
    out->len += json_escape(s, len, out->data + out->len);
    out->data[out->len] = '\0';
}
