/* record.h — one record: a JSON object that is one line of NDJSON.
 *
 * Owns: how a record is held in memory, parsed and written. Programs reach
 * fields only through this interface, so the representation can change
 * without touching them. A record owns its fields; strings returned by the
 * getters belong to the record and stay valid until the record is changed,
 * cleared or destroyed. Members keep their order; a replaced member keeps
 * its place, a new one goes at the end.
 *
 * Parsing is strict RFC 8259: the line must be exactly one JSON object,
 * strings must be valid UTF-8 (an escaped \u0000 is allowed: lengths are
 * explicit), duplicate keys are rejected. The verdict on every line is
 * Jansson's (see lib/jsonscan.h for the exact rules).
 *
 * Held as the line itself plus an index of its top-level members: parsing
 * validates in one pass and decodes nothing; a string is decoded when a
 * program asks for it. Writing copies the members a program did not touch
 * as their input bytes, so an unchanged line goes out as it came in. JSON
 * text out (written records, record_get_json) is always compact and
 * spells strings as Jansson writes them: whitespace between tokens and
 * escapes Jansson writes otherwise ("\/", "\u00e9") are rewritten once,
 * when a line has them. Numbers keep their input spelling (1E5, -0, 2.50);
 * numbers a program sets are written as Jansson writes them.
 */
#ifndef WINNOW_RECORD_H
#define WINNOW_RECORD_H

#include <stdbool.h>
#include <stddef.h>

struct record;
struct output;
struct buf;

struct record *record_new(void);
void record_free(struct record *r);
/* Remove every member; the record is reused for the next line. */
void record_clear(struct record *r);

/* Parse one line (without its newline) into r, replacing its contents; the
 * record keeps its own copy of the line. Returns 0, or -1 with a short
 * reason (e.g. "invalid JSON: ':' expected (column 12)") written to reason;
 * r is then empty. */
int record_parse(struct record *r, const char *line, size_t len,
                 struct buf *reason);
/* The same without the copy: r reads line in place, so line must stay
 * unchanged until r is parsed again, cleared or freed. For loops that
 * parse, use and write each line before reading the next (filter_run). */
int record_parse_view(struct record *r, const char *line, size_t len,
                      struct buf *reason);

bool record_has(const struct record *r, const char *key);
/* True when key holds a string; *s (NUL-terminated) and *len are set. */
bool record_get_string(const struct record *r, const char *key,
                       const char **s, size_t *len);
/* True when key holds a string, decoded into out (reset first; the record
 * keeps no copy): for a caller that has a buffer of its own to work in. */
bool record_get_string_into(const struct record *r, const char *key, struct buf *out);
/* True when key holds an integer. */
bool record_get_int(const struct record *r, const char *key, long long *v);
/* True when key holds a number (integer or not); *v as strtod reads it. */
bool record_get_real(const struct record *r, const char *key, double *v);
/* Append the value of key as compact JSON to out; false if absent. */
bool record_get_json(const struct record *r, const char *key, struct buf *out);
/* The value of key as compact JSON text, without a copy: *json (not
 * NUL-terminated) and *len; false if absent. */
bool record_get_raw(const struct record *r, const char *key,
                    const char **json, size_t *len);
/* Type name of key's value ("string", "number", "object", ...) or NULL. */
const char *record_type(const struct record *r, const char *key);

void record_set_string(struct record *r, const char *key, const char *s,
                       size_t len);
/* The same without a copy: s is escaped as the record is written, so
 * s[0..len) must stay unchanged until r is written for the last time,
 * parsed again, cleared or freed. For a huge string that lives in the
 * caller's buffer anyway (winnow-normalize's result). */
void record_set_string_view(struct record *r, const char *key, const char *s,
                            size_t len);
void record_set_int(struct record *r, const char *key, long long v);
/* v must be finite: JSON has no NaN or infinity (the program stops). */
void record_set_real(struct record *r, const char *key, double v);
/* A two-element integer array, as `span` is. */
void record_set_pair(struct record *r, const char *key, long long a,
                     long long b);
/* Set key to a JSON value given as text. Returns 0, or -1 if json is not
 * one valid JSON value (reason set). */
int record_set_json(struct record *r, const char *key, const char *json,
                    size_t len, struct buf *reason);
/* record_set_json without the validation, for JSON the program wrote
 * itself (about 8% of winnow-extract-stats, measured). Contract: json[0..len)
 * is one valid JSON value, compact (no whitespace between tokens), valid
 * UTF-8, numbers as Jansson writes them; breaking it writes bad records.
 * A value holding a backslash is validated anyway (its escapes may need
 * respelling); it then ends the program if invalid. Unit tests
 * (tests/unit/test-record.c) check that the generators calling this keep
 * the contract: record_set_json accepts what they write, to the byte. */
void record_set_json_trusted(struct record *r, const char *key, const char *json,
                             size_t len);

/* A member whose JSON the caller writes when the record is written, so
 * that it is never held whole (a huge record's figures). write(ctx, sink)
 * puts the value through record_put: compact trusted JSON, as for
 * record_set_json_trusted, spelled as record_set_json would (its unit tests
 * check it), starting with the byte first ('[' or '{'). ctx and what write
 * reads must stay unchanged until r is written for the last time, parsed
 * again, cleared or freed. A getter that needs the JSON text has it made
 * then, once. */
struct record_sink;
typedef void (*record_json_writer)(const void *ctx, struct record_sink *sink);
void record_set_json_writer(struct record *r, const char *key, char first,
                            record_json_writer write, const void *ctx);
void record_put(struct record_sink *sink, const char *p, size_t n);
void record_remove(struct record *r, const char *key);
/* Number of members, and iteration by index in member order. */
size_t record_size(const struct record *r);
const char *record_key_at(const struct record *r, size_t i);

/* Append the record as compact JSON (no newline) to out. */
void record_serialize(const struct record *r, struct buf *out);
/* Append every member except those named in `except` (NULL-terminated
 * list) as one compact JSON object to out; "{}" when none is left. */
void record_serialize_except(const struct record *r, const char *const *except,
                             struct buf *out);
/* Append the record as compact JSON (no newline) to out, with the members
 * named in `first` (NULL-terminated list; those present) leading in that
 * order, then every other member in member order. */
void record_serialize_ordered(const struct record *r, const char *const *first,
                              struct buf *out);
/* The value of key as a Jansson value (a new reference the caller releases
 * with json_decref), or NULL when absent. The value is shared with the
 * record, which decodes it once and keeps it until the member changes or
 * the record is parsed again, cleared or freed: the caller must not change
 * it. For the modes that need a whole value (emit-json's --nest,
 * --summary, nested --fields paths). */
struct json_t;
struct json_t *record_get_jansson(const struct record *r, const char *key);
/* Write the record and a newline. */
void record_write(const struct record *r, struct output *o);

#endif
