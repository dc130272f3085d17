/* gentext.h — expanding the templates of winnow-generate.
 *
 * Owns: the template language of genvocab.h and the figures and numbers it
 * can ask for. In a template, {name} is one entry of the vocabulary slot
 * `name` (itself a template), {a|b|c} one of the alternatives (an empty one
 * is allowed), {@role} the post's cast member (see enum cast_role), {#kind}
 * a figure or number written fresh each time, and a leading ^ inside the
 * braces ({^name}) capitalises the first letter of what it gives.
 * Figure kinds: percent, money, amount (money without a qualifier), cases, count_offenders, count_staff,
 * count_cases, of_the, from_to, fraction, ratio, multiplier, times, every,
 * period, short_period, short_period_or_year, over_period; numbers that are
 * not figures: year, month_year, date, weekday, clock, num, num_big,
 * num_word. Years are at most `year` and at most eight years before it.
 * Every choice comes from the caller's prng, so expansion is deterministic.
 * An unknown slot name is a bug in the vocabulary: it is written as
 * "{?name}" so that the unit tests see it.
 */
#ifndef WINNOW_GENTEXT_H
#define WINNOW_GENTEXT_H

#include <stddef.h>

#include "buf.h"
#include "prng.h"

enum cast_role {
    CAST_INSPECTOR,
    CAST_MINISTER,
    CAST_UNION_LEADER,
    CAST_CEO,
    CAST_COMPANY,
    CAST_AREA,
    CAST_REPORTER,
    CAST_MP,
    CAST_COUNT
};

/* The vocabulary, indexed for lookup by name. */
struct vocab;
struct vocab *vocab_new(void);
void vocab_free(struct vocab *v);
/* Number of entries of slot name (0 when there is no such slot). */
size_t vocab_count(const struct vocab *v, const char *name);
/* The i-th raw template of slot name, or NULL. */
const char *vocab_entry(const struct vocab *v, const char *name, size_t i);

enum { TEXT_RECENT = 40 };

/* Zero-initialise, then set vocab and rng (and cast and year if wanted). */
struct textgen {
    const struct vocab *vocab;
    struct prng *rng;
    const char *cast[CAST_COUNT]; /* owned by the caller */
    int year;                     /* "now" for years and dates; 0: 2019 */
    /* The last templates picked: a slot avoids repeating them. */
    const char *recent[TEXT_RECENT];
    unsigned recent_next;
};

/* Append the expansion of tmpl to out. */
void text_expand(struct textgen *t, const char *tmpl, struct buf *out);
/* The same for tmpl[0..len). */
void text_expand_n(struct textgen *t, const char *tmpl, size_t len, struct buf *out);
/* Append one random entry of slot name, expanded. */
void text_slot(struct textgen *t, const char *name, struct buf *out);
/* The same, with its first letter capitalised (a sentence). */
void text_sentence(struct textgen *t, const char *name, struct buf *out);
/* Capitalise the first ASCII letter of out->data[from..), skipping
 * opening quote marks. */
void text_capitalise(struct buf *out, size_t from);

/* "260,000": digits grouped by commas. */
void text_grouped(struct buf *out, unsigned long long n);
/* "eleven": numbers 0-99 in words. */
void text_number_word(struct buf *out, unsigned n);

#endif
