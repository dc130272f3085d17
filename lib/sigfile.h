/* sigfile.h — the files of sharded deduplication: signature lines and the
 * drop list.
 *
 * Owns: their formats, which are tab-separated text so that `sort` (or the
 * shuffle of a MapReduce engine, which sorts by the text before the first
 * tab) can bring together what must meet. All of it is plain ASCII but the
 * ids, which are escaped (\\ \t \n \r) so that a line is a line.
 *
 * Global order. Record i (0-based, counting the records of its shard that
 * are not rejected) of shard s has the order s * 10^12 + i, written
 * "SSSSS.IIIIIIIIIIII" (zero-padded, so that text order is number order).
 * The single process gives its records the orders of shard 0.
 *
 * Signature lines (winnow-dedupe --signatures), for each record:
 *   e.<exact hash, 32 hex>     TAB <order>          exact key (exact modes)
 *   n<band, 4 digits>.<8 hex>  TAB <order>          one per LSH band (near)
 *   ~<order> TAB <id> TAB <exact hash or -> TAB <band keys or -> TAB
 *            <compact signature, 4 hex per permutation, or ->
 * and, once per shard, "#params TAB <the parameters>". In C-locale order
 * the parameters come first, then the keys, then the records in global
 * order: the clustering step reads the stream once (lib/cluster.h).
 *
 * Drop list (winnow-dedupe --cluster), one line per duplicate, in order:
 *   <order> TAB <id> TAB <dup_of id> TAB exact|near TAB <similarity>
 */
#ifndef WINNOW_SIGFILE_H
#define WINNOW_SIGFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "dedupe.h"

#define SIGFILE_MAX_SHARD 99999U
#define SIGFILE_SHARD_SPAN UINT64_C(1000000000000) /* records per shard */

uint64_t sigfile_order(unsigned shard, uint64_t index);
unsigned sigfile_order_shard(uint64_t order);
/* "SSSSS.IIIIIIIIIIII" (18 characters) and its NUL. */
void sigfile_order_text(uint64_t order, char out[24]);
/* Parse exactly that form; false if s[0..len) is anything else. */
bool sigfile_parse_order(const char *s, size_t len, uint64_t *order);

void sigfile_escape(const char *s, size_t len, struct buf *out);
/* Append the unescaped text; false on a bad escape. */
bool sigfile_unescape(const char *s, size_t len, struct buf *out);

/* The parameter line, with its newline. Field names are part of it so that
 * shards signed differently are caught, not mixed. */
void sigfile_write_params(const struct dedupe_params *p, const char *field,
                          const char *key_field, struct buf *out);
/* Read the parameters back from a "#params" line (newline stripped). */
bool sigfile_parse_params(const char *line, size_t len, struct dedupe_params *p);

/* Every line of one record (keys, then its "~" line). */
void sigfile_write_record(uint64_t order, const char *id, size_t id_len,
                          const struct dedupe_params *p,
                          const struct dedupe_item *item, struct buf *out);

/* A parsed "~" line: the id (escaped, pointing into the line) and the item,
 * whose arrays the struct owns. */
struct sigfile_record {
    uint64_t order;
    const char *id;
    size_t id_len;
    struct dedupe_item item;
    uint32_t *keys;
    uint16_t *compact;
    unsigned bands, perms; /* sizes of keys and compact */
};

void sigfile_record_init(struct sigfile_record *r, const struct dedupe_params *p);
void sigfile_record_free(struct sigfile_record *r);
/* Parse a "~" line; false (and reason set) when it is malformed. */
bool sigfile_parse_record(struct sigfile_record *r, const char *line, size_t len,
                          struct buf *reason);

/* One drop-list line, with its newline; ids escaped already. */
void sigfile_write_drop(uint64_t order, const char *id, size_t id_len,
                        const char *dup_of, size_t dup_of_len, bool exact,
                        const char *similarity, struct buf *out);

struct sigfile_drop {
    uint64_t order;
    const char *id, *dup_of;     /* escaped, into the line */
    size_t id_len, dup_of_len;
    bool exact;
    const char *similarity;      /* JSON number text, into the line */
    size_t similarity_len;
};

bool sigfile_parse_drop(const char *line, size_t len, struct sigfile_drop *d);

/* Reads a drop list alongside one shard's records, both in order, so that
 * it holds one line at a time. */
struct droplist;

/* NULL when path cannot be opened (reported). */
struct droplist *droplist_open(const char *path, unsigned shard);
/* 1 when the record at order is listed (*d set; valid until the next
 * call), 0 when it is not, -1 on a bad or out-of-order list (reported as
 * "LIST:LINE: ..."). */
int droplist_lookup(struct droplist *dl, uint64_t order, struct sigfile_drop *d);
/* Close. With complete (the whole shard was read), -1 (reported) when
 * listed records of the shard were never met or the list could not be
 * read to its end. */
int droplist_close(struct droplist *dl, bool complete);

#endif
