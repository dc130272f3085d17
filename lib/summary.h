/* summary.h — --summary: one JSON report of a whole stream of records.
 *
 * Owns: the counters and distributions gathered from every record, and the
 * report's layout. Memory: per distinct document and post id, the id plus
 * about 50 bytes; per record with stats, 8 bytes per numeric stat (the
 * quantiles are exact); per distinct figure, its identity plus about 80
 * bytes. Everything else is a fixed set of counters.
 *
 * A record with "dup_of" (winnow-dedupe --mark) is a duplicate: it is
 * counted under "duplicates" (removed) and nowhere else, so that the rest
 * of the report describes the corpus without its duplicates.
 *
 * The report, members always present and always in this order:
 *   records        valid records read (duplicates included)
 *   kept           records that are not duplicates
 *   by_kind        kept records per kind: post, quote, comment, paragraph,
 *                  document (always), then other kinds by name
 *   documents      distinct "doc" values among kept records
 *   posts          {count, dated, undated, by_month: {"YYYY-MM": n} by month}
 *   comments_per_post  {posts, comments, without_post, and the distribution
 *                  of comments per post over the posts present}
 *   duplicates     {removed, by_type: {exact, near, others by name},
 *                  by_kind: as by_kind}
 *   stats          {NAME: distribution} for every numeric member of
 *                  "stats" (nested members as "a.b"), in order of first
 *                  appearance
 *   figures        {count, records, by_kind: {percent, money, count,
 *                  fraction, ratio, multiplier, duration, then others},
 *                  by_kind_unit: [{kind, unit, count}], most_cited:
 *                  [{kind, unit, value | low, high, of, count, text}]}; the
 *                  two lists hold the `top` largest counts, ties in order
 *                  of first appearance; a figure is identified by its kind,
 *                  unit, value, low, high and of, and "text" is its first
 *                  surface form
 *   accounting     see ledger.h
 * A distribution is {count, min, q1, median, q3, p90, max, mean}: exact
 * nearest-rank quantiles (distrib.h), null when count is 0. Numbers:
 * integral values as integers, others rounded to 4 decimal places.
 */
#ifndef WINNOW_SUMMARY_H
#define WINNOW_SUMMARY_H

#include <stddef.h>

struct buf;
struct ledger;
struct record;
struct summary;

struct summary *summary_new(unsigned top);
void summary_free(struct summary *s);

/* Check the members the summary reads: "date", "post" and "dup_of"
 * strings, "stats" and "dup" objects, "figures" an array of objects with a
 * string "kind" (and "unit", "text" strings where present), wherever they
 * are present. "id", "doc" and "kind" must be strings (the caller checks
 * them). Returns 0, or -1 with the reason. */
int summary_check(const struct record *r, struct buf *reason);
/* Count r, which passed summary_check. */
void summary_add(struct summary *s, const struct record *r);

/* Append the report as compact JSON; the accounting comes from ledger. */
void summary_write(struct summary *s, const struct ledger *ledger,
                   struct buf *out);

#endif
