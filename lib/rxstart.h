/* rxstart.h — where a set of PCRE2 expressions can start a match.
 *
 * Owns: a filter that lets a program run many expressions over a text only
 * at the few positions where each can match, instead of letting PCRE2 try
 * every position: what made the figures extractor slow. The filter is
 * learnt from PCRE2 itself. To know whether expression E can start at a
 * position, it asks PCRE2 for a hard partial match of E, anchored there,
 * on a tiny subject made of the characters around the position (the byte
 * before it, its character, the next character and the one after it). A
 * match that starts there on the whole text reads the same characters, so
 * it also matches, or runs into the end of, the tiny subject: the filter
 * never rejects a position where a match starts. It keeps every answer (by
 * byte pairs, and in a cache for the longer keys), so after a few records
 * a position costs a table lookup or two.
 *
 * What the expressions must be: at most RXSTART_MAX; compiled with
 * PCRE2_UTF and PCRE2_ANCHORED (the caller then runs each only at its
 * candidates: an anchored match at each candidate in turn finds what an
 * unanchored search would); JIT-compiled for PCRE2_JIT_PARTIAL_HARD too
 * where the platform has JIT, or learning runs in the interpreter. What
 * looks before a match's start may only reject it: negative lookbehinds
 * are fine (the tiny subject, which lacks the text before the byte before,
 * can only make them succeed), but no \b, \B or positive lookbehind may
 * decide a match at its start (a positive one inside a negative lookahead
 * is fine). Texts must be valid UTF-8.
 *
 * Memory: fixed tables of about 2 MB (answers by bytes, and the longer
 * keys: English needs a few tens of thousands), filled as texts need them;
 * per scanned text, up to 8 bytes per byte of text for the first sieve and
 * 4 bytes per candidate position of each expression (a text over 4 GiB
 * gets no lists: it is asked position by position). Results never depend
 * on what the tables hold: only the time does.
 */
#ifndef WINNOW_RXSTART_H
#define WINNOW_RXSTART_H

#include <stddef.h>

enum { RXSTART_MAX = 32 };

struct rxstart;
/* The pcre2_code pointers (8-bit) must outlive the filter. */
struct rxstart *rxstart_new(const void *const *codes, size_t n);
void rxstart_free(struct rxstart *rs);

/* Find the candidate positions of every expression in text[0..len). */
void rxstart_scan(struct rxstart *rs, const char *text, size_t len);

/* Expression e will not be asked about the last scan's text again: its
 * list, grown past a few MB by a huge text, is given back now (asked all
 * the same, it answers position by position). */
void rxstart_forget(struct rxstart *rs, size_t e);

/* The first position p, from <= p < end, where expression e may start a
 * match in the subject text[0..end), or end when there is none. text and
 * a len >= end are those of the last scan. */
size_t rxstart_next(struct rxstart *rs, size_t e, const char *text, size_t end, size_t from);

#endif
