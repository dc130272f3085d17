/* emit.h — the shape of winnow-emit-json's output stream.
 *
 * Owns: how values are framed on the output: NDJSON (one compact value and
 * "\n" per value), pretty (each value laid out over lines, see jsontext.h,
 * followed by "\n"), array (one JSON array holding every value: "[", the
 * values separated by ",\n", "]"; compact values one per line, pretty ones
 * indented one level; "[]" when there are none), and CSV fields (RFC 4180
 * quoting; rows end in "\n"). The emitter writes through an output it does
 * not own and keeps one scratch buffer, reused.
 */
#ifndef WINNOW_EMIT_H
#define WINNOW_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct output;

struct emitter {
    struct output *out;
    bool pretty, array;
    unsigned long long values; /* values written so far */
    struct buf scratch;
};

void emitter_init(struct emitter *em, struct output *out, bool pretty,
                  bool array);
/* Write one value, given as compact JSON text. */
void emitter_value(struct emitter *em, const char *json, size_t len);
/* End the stream (an array is closed; "[]" if it was empty). The output
 * stays open. */
void emitter_finish(struct emitter *em);
void emitter_free(struct emitter *em);

/* Append one CSV field to row, preceded by a comma unless first. The field
 * is quoted when it holds a comma, a double quote, CR or LF, or starts or
 * ends with a space; quotes inside are doubled. */
void csv_field(struct buf *row, const char *s, size_t len, bool first);

#endif
