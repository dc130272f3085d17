/* entities.h — decoding HTML character references in text.
 *
 * Owns: the table of named references (the full WHATWG list, 2231 names,
 * generated into entities-table.h by lib/gen-entities.sh from
 * lib/html5-entities.json) and the decoding policy:
 *  - "&name;" for every name of the list;
 *  - the legacy names HTML also reads without ';' ("&amp", "&eacute"), only
 *    when the name is not followed by a letter, digit or '=' (the rule HTML
 *    applies in attributes), so "&copy2019" and "?a=1&para=2" in plain text
 *    stay as written;
 *  - "&#NNN;" and "&#xHHH;", ';' optional, mapped as HTML does: 0, surrogates
 *    and values past U+10FFFF give U+FFFD, 0x80-0x9F give the Windows-1252
 *    character ("&#146;" is ’).
 * Decoding is complete: a reference that decodes to '&' is read again with
 * what follows ("&amp;amp;" gives "&", "&amp;lt;" gives "<"), and the text
 * is decoded again while a decoded character completes a new reference, so
 * the output holds no reference and decoding twice equals decoding once.
 */
#ifndef WINNOW_ENTITIES_H
#define WINNOW_ENTITIES_H

#include <stddef.h>

struct buf;

/* Replace out's contents with s[0..n) decoded; scratch is working space.
 * Returns the number of references decoded. */
size_t entities_decode(const char *s, size_t n, struct buf *out, struct buf *scratch);

/* The UTF-8 value of the named reference name[0..len) (without '&', with
 * its ';' if it has one), or NULL. */
const char *entity_lookup(const char *name, size_t len, size_t *value_len);

/* Number of names in the table. */
size_t entity_count(void);

#endif
