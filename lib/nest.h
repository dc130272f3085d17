/* nest.h — --nest: the records of each post gathered into one object.
 *
 * Owns: every record handed to it, held until nest_write (its JSON text
 * as the caller serialized it, plus copies of its id, post, parent and doc),
 * and the assembling of the output objects.
 *
 * Policy. A post is written as its own record with two members added:
 * "quotes" (its quote records) and "comments" (its top-level comment
 * records, each with "replies", recursively); both are always present,
 * possibly empty. Children are in document order: by span start where the
 * records have a span, else in the order they arrived. Records are grouped
 * by post id wherever they arrive in the stream, so the objects can only be
 * written once the input has ended; each object takes the place where the
 * first record of its group arrived. A record of another kind (document,
 * paragraph, anything else) is written on its own, at its place.
 *
 * Nothing is dropped: quotes and comments whose post never arrived are
 * written as an orphan group {"id": POST, "doc": DOC, "kind": "post",
 * "missing": true, "quotes": [...], "comments": [...]}; a comment whose
 * parent comment never arrived (or whose parents form a cycle) hangs at the
 * post's top level; a second post record with an id seen before is written
 * on its own. Each case is counted in the nest_report. Records are never
 * changed: the member "parent" still says where a comment belonged.
 *
 * Memory: every record is held until the end of input: its JSON text plus
 * about 250 bytes (copies of its ids, its entry, allocator overhead and the
 * grouping arrays of nest_write). Measured: 67 MB peak for 37 MB of records
 * (74,400 records of 500 bytes), about 1.8 times the input.
 */
#ifndef WINNOW_NEST_H
#define WINNOW_NEST_H

#include <stddef.h>

struct buf;
struct emitter;
struct record;
struct nest;

struct nest_report {
    unsigned long long objects;         /* top-level values written */
    unsigned long long posts;           /* posts written with their record */
    unsigned long long orphan_groups;   /* posts whose record never arrived */
    unsigned long long orphan_records;  /* quotes and comments in those */
    unsigned long long missing_parents; /* comments hung at the top level */
    unsigned long long duplicate_posts; /* post records written on their own */
    char *first_orphan;         /* the first missing post's id, or NULL */
    char *first_missing_parent; /* the first such comment's id, or NULL */
};

struct nest *nest_new(void);
void nest_free(struct nest *n);

/* Check the members --nest relies on: "post" a string on quotes and
 * comments, "parent" a string where present, "span" an array starting with
 * an integer where present, and no member that --nest adds ("quotes" and
 * "comments" on a post, "replies" on a comment). "id" and "kind" must be
 * strings (the caller checks them). Returns 0, or -1 with the reason. */
int nest_check(const struct record *r, struct buf *reason);
/* Hold r, whose JSON text (compact, one object) is json[0..len), as the
 * caller wants it written. r must have passed nest_check. */
void nest_add(struct nest *n, const struct record *r, const char *json,
              size_t len);

/* Write every object through em, in order. The report's strings are owned
 * by the report (nest_report_free). */
void nest_write(struct nest *n, struct emitter *em, struct nest_report *report);
void nest_report_free(struct nest_report *report);

#endif
