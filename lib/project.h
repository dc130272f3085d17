/* project.h — --fields: a projection of records onto a list of paths.
 *
 * Owns: the parsed field list and the projected values. A field list is
 * comma-separated; each field is a path of member names separated by dots
 * ("stats.words"); a segment of digits indexes an array ("span.0");
 * "\." and "\," stand for a dot or a comma inside a name, "\\" for a
 * backslash. Spaces around a field are ignored. An empty field or segment,
 * or a field given twice, is an error.
 *
 * JSON: one flat object whose keys are the fields as written, in the order
 * given, and whose values are the values found (compact JSON), null where
 * the path leads nowhere. CSV: one field per path, in the same order: a
 * string as its text, null or absent as an empty field, numbers, booleans,
 * objects and arrays as their compact JSON.
 */
#ifndef WINNOW_PROJECT_H
#define WINNOW_PROJECT_H

#include <stddef.h>

struct buf;
struct record;
struct projection;

/* NULL on a bad list, with the reason in error. */
struct projection *projection_parse(const char *list, struct buf *error);
void projection_free(struct projection *p);

size_t projection_size(const struct projection *p);
/* Field i as written (the JSON key and the CSV header). */
const char *projection_name(const struct projection *p, size_t i);

/* Append the projected record as one compact JSON object. */
void projection_json(const struct projection *p, const struct record *r,
                     struct buf *out);
/* Append the CSV header line, or the record's CSV row, without "\n". */
void projection_csv_header(const struct projection *p, struct buf *out);
void projection_csv_row(const struct projection *p, const struct record *r,
                        struct buf *out);

#endif
