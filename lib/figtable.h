/* figtable.h — --figures: one table row per figure a record cites.
 *
 * Owns: the date and title of every post seen so far (copies, kept until
 * figtable_free), the layout of a row and the policy for finding the
 * sentence of a figure.
 *
 * A row is one compact JSON object with these members, always all of them
 * and in this order (FIGTABLE_COLUMNS), null where there is no value:
 *   id, doc, kind      the record's
 *   post               the post's id: the record's own id for a post, its
 *                      "post" member for a quote or comment
 *   date, title        the post's, remembered when the post went by
 *   source, headline   the record's (quotes have them)
 *   figure_text, figure_kind, value, low, high, of, unit, approx, span
 *                      the figure's text, kind and other members
 *   sentence           the sentence of the record's text that holds the
 *                      figure (textseg.h rules): from the start of the
 *                      sentence holding the figure's first character to the
 *                      end of the one holding its last, exact bytes of the
 *                      text; where a figure lies outside every sentence,
 *                      its own edges are the bounds. null when the record
 *                      has no string "text" or the span does not fit it.
 * The figure's span is in code points of "text" (winnow-extract-stats); it
 * is converted to bytes by walking the text once per record for figures in
 * text order.
 *
 * Posts come before their quotes and comments within a document, so a
 * post's date and title are remembered as it streams by (a later post with
 * the same id replaces them). A quote or comment whose post was never seen
 * gets null date and title, and is counted in the report.
 *
 * A record with "dup_of" (winnow-dedupe --mark) is a duplicate: it gives no
 * rows (its figures are in the rows of the copy that was kept), but a
 * duplicate post's date and title are remembered all the same, so that the
 * quotes and comments of a post that is a duplicate (an archive page's
 * copy) and that are not duplicates themselves still get them.
 *
 * Memory: per post, its id, the JSON text of its date and title, and about
 * 170 bytes (copies, the countmap entry and slot, one pointer, allocator
 * overhead and the slack of tables that double). Measured: 65 MB for
 * 300,000 posts with 28-byte ids and 29 bytes of date and title, 224 bytes
 * a post. Per record, its sentences (16 bytes each) while its rows are
 * built.
 */
#ifndef WINNOW_FIGTABLE_H
#define WINNOW_FIGTABLE_H

#include <stddef.h>

struct buf;
struct record;
struct figtable;

/* The row members in order, as a --fields list (the default CSV columns). */
#define FIGTABLE_COLUMNS                                                    \
    "id,doc,kind,post,date,title,source,headline,figure_text,figure_kind," \
    "value,low,high,of,unit,approx,span,sentence"

struct figtable_report {
    unsigned long long rows;                /* rows built */
    unsigned long long records_with_figures;
    unsigned long long posts_remembered;    /* distinct post ids */
    unsigned long long duplicates_skipped;  /* records with dup_of */
    unsigned long long unknown_post_rows;   /* rows with null date, title */
    unsigned long long unknown_post_records;
    const char *first_unknown_post;         /* owned by the table, or NULL */
};

/* Called with each row: json[0..len), compact, no newline. */
typedef void (*figtable_row_fn)(const char *json, size_t len, void *ctx);

struct figtable *figtable_new(void);
void figtable_free(struct figtable *t);

/* Check the members --figures reads: "post", "dup_of", "text" strings
 * where present; "figures" (where present) an array of objects, each with
 * a string "text" and "kind", "unit" and "approx" strings, "value", "low",
 * "high" and "of" numbers where present, "span" (where present) two integers
 * 0 <= start <= end. "id", "doc" and "kind" must be strings (the caller
 * checks them). Returns 0, or -1 with the reason. */
int figtable_check(const struct record *r, struct buf *reason);

/* Remember r's date and title if it is a post, then call row once per
 * figure of r, in the order of its "figures". r must have passed
 * figtable_check. Returns the number of rows. */
size_t figtable_add(struct figtable *t, const struct record *r,
                    figtable_row_fn row, void *ctx);

/* The counts so far; the strings stay owned by the table. */
void figtable_report(const struct figtable *t, struct figtable_report *rep);

#endif
