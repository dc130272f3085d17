/* strset.h — a set of strings, for names that must stay unique in a run.
 *
 * Owns: copies of the strings added (freed by strset_free). Open
 * addressing with linear probing over XXH3-64 hashes; the table doubles at
 * 50% load. Memory per member: the string plus 9 bytes of copy overhead and
 * 32-64 bytes of table (16-byte slots, hash and pointer, at most half of
 * them used).
 */
#ifndef WINNOW_STRSET_H
#define WINNOW_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset;

struct strset *strset_new(void);
void strset_free(struct strset *set);
/* Add a copy of s; true when it was not a member yet. */
bool strset_add(struct strset *set, const char *s);
bool strset_contains(const struct strset *set, const char *s);
size_t strset_size(const struct strset *set);

#endif
