/* cluster.h — the clustering step of sharded deduplication.
 *
 * Owns: reading the merged, sorted signature lines of every shard
 * (lib/sigfile.h) and deciding, by the rule of lib/dedupe.h, which records
 * are duplicates of which. It sees the stream once, in its sorted order:
 *  1. the "#params" lines, which must all be the same;
 *  2. the key lines, grouped by key: a record that shares a key (exact hash
 *     or band key) with another record is "involved";
 *  3. the "~" record lines in global order: an involved record goes through
 *     dedupe_decide exactly as the single process would take it; any other
 *     record has no candidate and is kept without being stored.
 * Since a record's candidates in the single process are kept records that
 * share a key with it, and those are all involved, both modes take the same
 * decisions.
 *
 * Memory: 20/load bytes per involved record (a hashset of orders), the
 * dedupe memory of the involved records that are kept, and the orders of
 * one key group.
 */
#ifndef WINNOW_CLUSTER_H
#define WINNOW_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct cluster_totals {
    unsigned long long in, kept, exact, near;
};

struct cluster;

struct cluster *cluster_new(void);
void cluster_free(struct cluster *c);

/* Take one line of the sorted stream (without its newline). Drop-list
 * lines for the duplicates it decides are appended to out. Returns false,
 * with reason set, when the line is malformed or out of order. */
bool cluster_line(struct cluster *c, const char *line, size_t len,
                  struct buf *out, struct buf *reason);
/* After the last line; false (reason set) when the stream ended early. */
bool cluster_finish(struct cluster *c, struct buf *reason);
const struct cluster_totals *cluster_totals(const struct cluster *c);

/* The whole step: read the sorted stream from paths (files, "-" for
 * stdin), write the drop list to standard output, fill *totals; a progress
 * meter on a terminal unless quiet. Returns 0, or 1 after reporting
 * "FILE:LINE: reason" for a bad line or an input that could not be read. */
int cluster_run(const char *const *paths, bool quiet, struct cluster_totals *totals);

#endif
