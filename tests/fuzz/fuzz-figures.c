/* libFuzzer target: the figures extractor (lib/figures.h) over the input
 * made valid UTF-8, and over the raw input when that is not valid.
 *
 * Properties (a violation aborts):
 *  - spans lie within the text, start and end on character boundaries,
 *    in text order and without overlap; the character offsets count the
 *    code points before them; the kind is known; a unit can be read;
 *  - figures_extract writes a JSON array (Jansson reads it: no NaN, no
 *    infinity, valid strings) of one object per figure whose "text" is
 *    the slice text[start..end) and whose "span" is [char_start,
 *    char_end];
 *  - invalid UTF-8 gives no figures.
 * The extractor is compiled once and reused, as the programs do.
 */
#include <jansson.h>
#include <string.h>

#include "figures.h"
#include "fuzz-util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_figures_name = "figures";

static bool fz_figures_boundary(const char *text, size_t len, size_t at)
{
    return at == len || ((unsigned char)text[at] & 0xC0) != 0x80;
}

static void fz_figures_check_spans(const struct figure *figs, size_t count,
                                   const char *text, size_t len)
{
    size_t previous_end = 0;
    for (size_t i = 0; i < count; i++) {
        const struct figure *f = &figs[i];
        if (f->start >= f->end || f->end > len)
            fuzz_fail(fz_figures_name, "figure %zu: span [%zu, %zu) outside %zu bytes", i,
                      f->start, f->end, len);
        if (!fz_figures_boundary(text, len, f->start) || !fz_figures_boundary(text, len, f->end))
            fuzz_fail(fz_figures_name, "figure %zu: span [%zu, %zu) cuts a character", i,
                      f->start, f->end);
        if (f->start < previous_end)
            fuzz_fail(fz_figures_name, "figure %zu at %zu overlaps the one before (to %zu)", i,
                      f->start, previous_end);
        previous_end = f->end;
        if (f->char_start != utf8_count(text, f->start) ||
            f->char_end - f->char_start != utf8_count(text + f->start, f->end - f->start))
            fuzz_fail(fz_figures_name, "figure %zu: character span [%zu, %zu] is wrong", i,
                      f->char_start, f->char_end);
        if ((unsigned)f->kind >= FIGURE_KINDS)
            fuzz_fail(fz_figures_name, "figure %zu: kind %d", i, (int)f->kind);
        if (f->unit)
            fuzz_touch(f->unit, f->unit_len);
        if (!memchr(f->approx, '\0', sizeof f->approx))
            fuzz_fail(fz_figures_name, "figure %zu: approx is not terminated", i);
    }
}

static void fz_figures_check_json(const struct figure *figs, size_t count, const char *text,
                                  const struct buf *json)
{
    json_error_t error;
    json_t *array = json_loadb(json->data, json->len, 0, &error);
    if (!array || !json_is_array(array) || json_array_size(array) != count)
        fuzz_fail(fz_figures_name, "not a JSON array of %zu figures (%s): %.300s", count,
                  array ? "wrong size" : error.text, json->data);
    for (size_t i = 0; i < count; i++) {
        const struct figure *f = &figs[i];
        json_t *object = json_array_get(array, i);
        json_t *surface = json_object_get(object, "text");
        json_t *span = json_object_get(object, "span");
        if (!json_is_string(surface) || json_string_length(surface) != f->end - f->start ||
            memcmp(json_string_value(surface), text + f->start, f->end - f->start) != 0)
            fuzz_fail(fz_figures_name, "figure %zu: \"text\" is not the slice [%zu, %zu)", i,
                      f->start, f->end);
        if (!json_is_array(span) || json_array_size(span) != 2 ||
            json_integer_value(json_array_get(span, 0)) != (json_int_t)f->char_start ||
            json_integer_value(json_array_get(span, 1)) != (json_int_t)f->char_end)
            fuzz_fail(fz_figures_name, "figure %zu: \"span\" is not [%zu, %zu]", i,
                      f->char_start, f->char_end);
    }
    json_decref(array);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct figures *extractor; /* compiled once: a cache */
    if (!extractor)
        extractor = figures_new();
    struct buf text = BUF_INIT, json = BUF_INIT;
    fuzz_text(data, size, &text);
    size_t count;
    const struct figure *found = figures_find(extractor, text.data, text.len, &count);
    /* A copy: the extractor's array is reused by figures_extract below. */
    struct figure *figs = xmalloc((count ? count : 1) * sizeof *figs);
    if (count)
        memcpy(figs, found, count * sizeof *figs);
    fz_figures_check_spans(figs, count, text.data, text.len);
    figures_append_json(figs, count, text.data, &json);
    fz_figures_check_json(figs, count, text.data, &json);
    buf_reset(&json);
    figures_extract(extractor, text.data, text.len, &json);
    fz_figures_check_json(figs, count, text.data, &json);
    if (!utf8_is_valid((const char *)data, size)) {
        size_t raw_count;
        figures_find(extractor, (const char *)data, size, &raw_count);
        if (raw_count != 0)
            fuzz_fail(fz_figures_name, "%zu figures in invalid UTF-8", raw_count);
    }
    free(figs);
    buf_free(&text);
    buf_free(&json);
    return 0;
}
