/* genvocab.h — the words and templates of winnow-generate.
 *
 * Owns: the vocabulary of generated pages, as static tables. A slot is a
 * named list of templates; a template is text in which {name} expands one
 * entry of slot `name`, {a|b|c} one of the alternatives, {#fig} a figure or
 * number (see gentext.h), {@role} a name from the post's cast and {^...}
 * the same with its first letter capitalised. Everything here was written
 * for winnow; none of it is copied from the seed pages.
 */
#ifndef WINNOW_GENVOCAB_H
#define WINNOW_GENVOCAB_H

#include <stddef.h>

struct vocab_slot {
    const char *name;
    const char *const *entries;
    size_t count;
};

/* Every slot, in no particular order; vocab_slot_count entries. */
extern const struct vocab_slot vocab_slots[];
extern const size_t vocab_slot_count;

#endif
