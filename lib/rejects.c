/* rejects.c — the bad-line policy and the accounting (see rejects.h). */
#include "rejects.h"

#include <jansson.h>
#include <stdlib.h>

#include "buf.h"
#include "diag.h"
#include "output.h"
#include "utf8.h"

struct rejects {
    struct output *file; /* NULL: stop at the first bad line */
    unsigned long long count;
    struct buf line;     /* scratch, reused */
};

struct rejects *rejects_open(const char *path)
{
    struct rejects *rj = xcalloc(1, sizeof *rj);
    if (path) {
        rj->file = output_file(path);
        if (!rj->file)
            exit(EXIT_BAD_INPUT);
    }
    return rj;
}

/* One JSON object per bad line; the text is made valid UTF-8 so the
 * rejects file is itself clean NDJSON. */
static void write_reject(struct rejects *rj, const char *file, long line,
                         const char *reason, const char *text, size_t len)
{
    struct buf clean = BUF_INIT;
    utf8_repair(text, len, &clean);
    json_t *entry = json_pack("{s:s, s:I, s:s, s:s%}", "file", file, "line",
                              (json_int_t)line, "reason", reason, "text",
                              clean.data ? clean.data : "", clean.len);
    buf_free(&clean);
    if (!entry)
        die(EXIT_BAD_INPUT, "out of memory (writing a reject)");
    char *json = json_dumps(entry, JSON_COMPACT);
    json_decref(entry);
    if (!json)
        die(EXIT_BAD_INPUT, "out of memory (writing a reject)");
    output_puts(rj->file, json);
    output_putc(rj->file, '\n');
    free(json);
}

bool rejects_add(struct rejects *rj, const char *file, long line,
                 const char *reason, const char *text, size_t len)
{
    rj->count++;
    if (!rj->file) {
        warn_at(file, line, "%s", reason);
        return false;
    }
    write_reject(rj, file, line, reason, text, len);
    return true;
}

unsigned long long rejects_count(const struct rejects *rj)
{
    return rj->count;
}

void rejects_close(struct rejects *rj)
{
    if (!rj)
        return;
    output_close(rj->file);
    buf_free(&rj->line);
    free(rj);
}

void accounting_write(const char *path, const char *program,
                      const struct accounting *a, const char *extra_members)
{
    if (!path)
        return;
    /* Atomic: a reader waiting for this file (winnow-emit-json
     * --counts-from) sees it whole or not at all. */
    struct output *o = output_file_atomic(path, 0);
    if (!o)
        exit(EXIT_BAD_INPUT);
    struct buf line = BUF_INIT;
    buf_printf(&line,
               "{\"program\":\"%s\",\"in\":%llu,\"out\":%llu,"
               "\"rejected\":%llu,\"blank\":%llu",
               program, a->in, a->out, a->rejected, a->blank);
    if (extra_members && *extra_members)
        buf_printf(&line, ",%s", extra_members);
    buf_append_str(&line, "}\n");
    output_write(o, line.data, line.len);
    output_close(o);
    buf_free(&line);
}
