/* wordtrie.h — an alternation of words rewritten as a trie, for PCRE2.
 *
 * Owns: the rewriting of a regular expression's long alternations of plain
 * words ("(?:the|then|there|to)") as tries ("(?:t(?:he(?:n|re)?|o))").
 * PCRE2 tries the words of an alternation one after another, so a list of
 * hundreds of words costs hundreds of tests wherever it stands; the trie
 * costs a few. Both match the same strings, but not always the same one
 * first: the rewriting is for places where only whether some word matches
 * counts (inside a lookahead), never where the match is captured.
 *
 * Memory: the caller owns every buf; nothing else is allocated for long.
 */
#ifndef WINNOW_WORDTRIE_H
#define WINNOW_WORDTRIE_H

#include <stdbool.h>

struct buf;

/* Append to out the trie of the words of alternation, a text of plain
 * words (ASCII letters), "|" and groups "(?:" ... ")" only, as one group.
 * Returns false (out unchanged) when alternation holds anything else. */
bool wordtrie_append(const char *alternation, struct buf *out);

/* Append to out the text source with every occurrence of from replaced by
 * to. */
void wordtrie_replace(const char *source, const char *from, const char *to, struct buf *out);

#endif
