/* jsonscan.h — one validating pass over a JSON text, indexing the members
 * of the top-level object without building any value.
 *
 * Owns: the definition of valid JSON used for records, which is exactly
 * what Jansson 2.14 accepts with JSON_DECODE_ANY | JSON_REJECT_DUPLICATES |
 * JSON_ALLOW_NUL (Jansson is the reference; tests/unit/test-record-diff.c
 * and tests/fuzz/fuzz-record.c hold the two to the same verdicts):
 *   - RFC 8259 grammar; whitespace is space, tab, CR and LF;
 *   - strict UTF-8 everywhere (no overlong forms, no UTF-8-encoded
 *     surrogates, nothing above U+10FFFF); raw control characters are not
 *     allowed in strings; \u escapes must pair surrogates correctly;
 *   - \u0000 is allowed in string values, not in object keys;
 *   - duplicate keys (compared after decoding escapes) are rejected in
 *     every object, nested ones included;
 *   - integers must fit in a signed 64-bit integer, and numbers with a
 *     fraction or exponent must not overflow a double (underflow is fine);
 *   - at most 2048 levels of nesting, counting every value (a scalar inside
 *     2048 nested containers is one too deep), as JSON_PARSER_MAX_DEPTH.
 * One difference is kept on purpose: Jansson 2.14 ignores a raw NUL byte
 * right after a number or a literal ("{\"a\":1\0}": its lexer pushes the
 * byte back into a buffer where NUL means empty); here a raw NUL outside a
 * string is an error, as RFC 8259 says.
 *
 * Memory: a scanner owns its scratch (member index, key table, decoded
 * keys) and reuses it from one text to the next; results point into the
 * scanned text and into the scanner, and stay valid until the next scan.
 */
#ifndef WINNOW_JSONSCAN_H
#define WINNOW_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>

enum json_kind {
    JSON_KIND_OBJECT,
    JSON_KIND_ARRAY,
    JSON_KIND_STRING,
    JSON_KIND_INTEGER, /* a number without fraction or exponent */
    JSON_KIND_REAL,
    JSON_KIND_TRUE,
    JSON_KIND_FALSE,
    JSON_KIND_NULL
};

/* The kind of the value whose text starts with byte c, from that byte
 * alone: JSON_KIND_INTEGER for any other byte (a number's first byte does
 * not say whether it is a real). For text known to be one valid value. */
enum json_kind json_kind_of_start(char c);

/* A value as it appears in the text. */
struct json_span {
    size_t start, len;   /* byte offsets of the value's text */
    enum json_kind kind;
    bool escaped;        /* a string holding a backslash escape */
    bool rewrite;        /* the text is not in canonical form: whitespace
                            between tokens, or a string escape spelled
                            otherwise than Jansson writes it (\/, \u00e9);
                            json_recode writes the canonical form */
};

/* A member of the top-level object. */
struct json_member {
    size_t key_start, key_len; /* the key's text inside its quotes */
    bool key_escaped;          /* the key holds escapes; see json_scan_key */
    size_t decoded_start, decoded_len; /* where json_scan_key finds it */
    struct json_span value;
};

struct json_scan_error {
    const char *what;    /* static text, e.g. "invalid escape" */
    size_t offset;       /* byte offset of the offending byte */
    int byte;            /* for "unable to decode byte": the byte; else -1 */
};

struct json_scanner;

struct json_scanner *json_scanner_new(void);
void json_scanner_free(struct json_scanner *s);

/* Check that text[0..len) is exactly one JSON value (surrounding
 * whitespace allowed). Returns 0, or -1 with err filled in. When the value
 * is an object its members are indexed. */
int json_scan(struct json_scanner *s, const char *text, size_t len,
              struct json_scan_error *err);

/* The value of the last successful scan, without surrounding whitespace. */
const struct json_span *json_scan_root(const struct json_scanner *s);
/* True when the last scanned text held no whitespace at all. */
bool json_scan_compact(const struct json_scanner *s);
/* Members of the top-level object of the last scan, in text order. */
size_t json_scan_count(const struct json_scanner *s);
const struct json_member *json_scan_member(const struct json_scanner *s,
                                           size_t i);
/* The decoded key of member i (escapes resolved; never holds a NUL). */
const char *json_scan_key(const struct json_scanner *s, const char *text,
                          size_t i, size_t *len);

/* Column (1-based, counted in UTF-8 characters as Jansson does) of a byte
 * offset, for error messages. */
size_t json_column(const char *text, size_t len, size_t offset);

#endif
