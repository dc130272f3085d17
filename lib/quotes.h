/* quotes.h — how a blog post introduces a quoted article: the intro line,
 * the source it names, and the article's headline.
 *
 * Owns: the rules of SPEC "Splitting" that read one line of text (see
 * winnow-split(1), "Quoted articles"). segment.c decides which paragraphs
 * these rules are asked about. Every function reads s[from..to) of valid
 * UTF-8 and returns offsets into it; ASCII case rules only, never the
 * locale's.
 */
#ifndef WINNOW_QUOTES_H
#define WINNOW_QUOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Where the ":-" that ends s[from..to) begins (trailing spaces aside, and
 * also ": -", ":--", ":–", ":—"), or SIZE_MAX when the line has none. */
size_t quote_marker(const char *s, size_t from, size_t to);

/* Where the bare ':' that ends s[from..to) is (trailing spaces aside), or
 * SIZE_MAX when the line does not end in one. */
size_t quote_colon(const char *s, size_t from, size_t to);

/* Where the last sentence of s[from..to) starts: after the last '.', '!'
 * or '?' (perhaps closed by a quote mark) that a space follows. */
size_t quote_sentence_start(const char *s, size_t from, size_t to);

/* Writes to out (reset first) the source that the intro sentence
 * s[from..to) (marker excluded) names: the name after the last from, in,
 * on, at or via; else after by or "according to"; else X of "what X had
 * to say"; else the last run of capitalised words; else the whole
 * sentence. A trailing time ("today", "on Tuesday") is not part of it. */
void quote_source(const char *s, size_t from, size_t to, struct buf *out);

/* How firmly a sentence ending in a bare ':' reads as an intro. */
enum intro_strength {
    INTRO_NONE,    /* it names no source: "Stacey concluded:" */
    INTRO_SOURCE,  /* it names a source: "Speaking on the Today programme, she said:" */
    INTRO_FORMULA  /* an intro's formula: it names a source in at most 12 words
                      and reports no speech ("This from the Guardian:",
                      "Here's what BBC News had to say:", "Napo Press Release:") */
};

/* The source is named after a preposition, by "what X had to say", or by
 * a line that is a source ("Napo Press Release", "Kestrel Justice
 * statement"). */
enum intro_strength quote_intro_strength(const char *s, size_t from, size_t to);

/* Can the one line s[from..to) be a quote's headline: at most 200 bytes
 * and 25 words, not starting in lower case or with "By ", and, once
 * closing quote marks and brackets are set aside, not ending in '.', ',',
 * ':', ';' or an ellipsis ('?' and '!' are fine). */
bool quote_is_headline(const char *s, size_t from, size_t to);

#endif
