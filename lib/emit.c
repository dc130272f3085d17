/* emit.c — framing of output values (see emit.h). */
#include "emit.h"

#include <string.h>

#include "jsontext.h"
#include "output.h"

void emitter_init(struct emitter *em, struct output *out, bool pretty,
                  bool array)
{
    em->out = out;
    em->pretty = pretty;
    em->array = array;
    em->values = 0;
    em->scratch = (struct buf)BUF_INIT;
}

void emitter_value(struct emitter *em, const char *json, size_t len)
{
    if (em->array)
        output_write(em->out, em->values ? ",\n" : "[\n", 2);
    if (em->array && em->pretty)
        output_write(em->out, "  ", 2);
    if (em->pretty) {
        buf_reset(&em->scratch);
        jsontext_pretty(json, len, em->array ? 1 : 0, &em->scratch);
        output_write(em->out, em->scratch.data, em->scratch.len);
    } else {
        output_write(em->out, json, len);
    }
    if (!em->array)
        output_putc(em->out, '\n');
    em->values++;
}

void emitter_finish(struct emitter *em)
{
    if (em->array)
        output_puts(em->out, em->values ? "\n]\n" : "[]\n");
}

void emitter_free(struct emitter *em)
{
    buf_free(&em->scratch);
}

static bool needs_quotes(const char *s, size_t len)
{
    if (len == 0)
        return false;
    if (s[0] == ' ' || s[len - 1] == ' ')
        return true;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            return true;
    return false;
}

void csv_field(struct buf *row, const char *s, size_t len, bool first)
{
    if (!first)
        buf_append_char(row, ',');
    if (!needs_quotes(s, len)) {
        buf_append(row, s, len);
        return;
    }
    buf_append_char(row, '"');
    const char *end = s + len;
    while (s < end) {
        const char *quote = memchr(s, '"', (size_t)(end - s));
        const char *stop = quote ? quote + 1 : end;
        buf_append(row, s, (size_t)(stop - s));
        if (quote)
            buf_append_char(row, '"'); /* "" inside a quoted field */
        s = stop;
    }
    buf_append_char(row, '"');
}
