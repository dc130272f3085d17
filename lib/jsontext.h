/* jsontext.h — transformations of JSON text that need no parse tree.
 *
 * Owns: the pretty layout of winnow's output. The input of jsontext_pretty is one
 * valid JSON value as the record layer writes it (compact); whitespace
 * between tokens is tolerated and dropped. Numbers and strings go out
 * byte for byte, so pretty output means exactly what the compact one does.
 */
#ifndef WINNOW_JSONTEXT_H
#define WINNOW_JSONTEXT_H

#include <stddef.h>

struct buf;

/* Append json laid out with two spaces per level, as jq and Jansson do:
 * one member or element per line, "key": value, empty containers as {} and
 * []. The first line is not indented; the others start at `level` levels,
 * so a value can be placed inside an enclosing array. No final newline. */
void jsontext_pretty(const char *json, size_t len, unsigned level,
                     struct buf *out);

/* Append s[0..len) as a JSON string literal, escaped as the record layer
 * escapes (json_escape of jsonstr.h). */
void jsontext_string(const char *s, size_t len, struct buf *out);

#endif
