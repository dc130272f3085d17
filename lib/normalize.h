/* normalize.h — the text normalization chain of winnow-normalize.
 *
 * Owns: the steps, their names and their fixed order, what each one does,
 * and the dedupe key. In order (SPEC "Normalizing"):
 *   mojibake  UTF-8 read as Windows-1252/Latin-1 repaired (mojibake.h)
 *   entities  HTML character references decoded (entities.h)
 *   nfc       Unicode NFC, or NFKC with form NORM_NFKC (unorm.h)
 *   controls  control and format characters removed (zero-width space,
 *             soft hyphen, BOM, bidi marks, ...); "\n" and "\t" stay;
 *             CR LF, CR, VT, FF and NEL become "\n"; ZWJ and ZWNJ stay
 *             between two letters, marks or symbols (Persian, Indic
 *             scripts and emoji sequences need them)
 *   spaces    every Unicode space (Zs, NBSP among them) and tab becomes a
 *             space; runs collapse to one; lines are trimmed; U+2028
 *             becomes a line break and U+2029 a blank line; 3+ line
 *             breaks become 2; the text is trimmed
 * and off by default:
 *   punct     typographic quotes, primes and guillemets to ' and ",
 *             dashes and minus to -, the ellipsis to ...
 *   lower     Unicode full case folding (the text is recomposed to the
 *             chosen form, so that it stays normalized)
 *
 * Normalizing twice equals normalizing once: a step can create work for an
 * earlier one (a decoded "&#195;&#169;" spells mojibake, a removed
 * zero-width space lets two marks meet), so when entities, nfc, controls or
 * lower change the text and an earlier step is on, the chain runs again,
 * at most four times in all.
 *
 * Speed: one scan (lib/normquick.h) first proves which steps can change
 * the text at all; most fields need none and come back unchanged without
 * a copy, and a field that needs one step runs that step alone.
 *
 * Memory: a normalizer owns its buffers; they grow to the longest text
 * seen and are reused, so the steady state allocates nothing (the quick
 * check's character cache is a fixed 128 KB).
 */
#ifndef WINNOW_NORMALIZE_H
#define WINNOW_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

enum norm_step {
    NORM_MOJIBAKE,
    NORM_ENTITIES,
    NORM_UNICODE, /* named "nfc" or "nfkc" after the form */
    NORM_CONTROLS,
    NORM_SPACES,
    NORM_PUNCT,
    NORM_LOWER,
    NORM_STEP_COUNT
};

enum norm_form { NORM_NFC, NORM_NFKC };

#define NORM_BIT(step) (1u << (step))
#define NORM_DEFAULT_STEPS                                                    \
    (NORM_BIT(NORM_MOJIBAKE) | NORM_BIT(NORM_ENTITIES) | NORM_BIT(NORM_UNICODE) | \
     NORM_BIT(NORM_CONTROLS) | NORM_BIT(NORM_SPACES))

/* What each step changed, added up over calls. */
struct norm_counts {
    unsigned long long step[NORM_STEP_COUNT];
};

/* "mojibake", ...; the Unicode step is "nfc" or "nfkc" after form. */
const char *norm_step_name(enum norm_step step, enum norm_form form);

/* The step named name[0..len): its index, or -1. "nfc" and "nfkc" both
 * name NORM_UNICODE and set *form (when form is not NULL). */
int norm_step_parse(const char *name, size_t len, enum norm_form *form);

struct normalizer;

/* steps: a set of NORM_BIT()s. */
struct normalizer *normalizer_new(unsigned steps, enum norm_form form);
void normalizer_free(struct normalizer *nz);

/* Normalize s[0..n) (valid UTF-8). *out and *out_len are set to the result,
 * which belongs to the normalizer and is valid until its next call. What
 * each step changed is added to counts (may be NULL). Returns true when the
 * text changed. */
bool normalizer_run(struct normalizer *nz, const char *s, size_t n, const char **out,
                    size_t *out_len, struct norm_counts *counts);

/* A buffer, empty, that the caller may fill with the next text and then
 * pass to normalizer_run (as its data and length): the text is not copied
 * again, and a huge one then costs the normalizer's two buffers in all
 * (one holds it, the steps write the other in turn). Its contents are
 * the normalizer's to overwrite from that call on. */
struct buf *normalizer_input(struct normalizer *nz);

/* The dedupe key of s[0..n): the default repairs (mojibake, entities,
 * controls), then NFKC with full case folding, punctuation (Unicode P*)
 * removed and every run of white space folded to one space, trimmed.
 * The result is set as for normalizer_run. */
void normalizer_key(struct normalizer *nz, const char *s, size_t n, const char **out,
                    size_t *out_len);

/* Run every step even where the quick check (normquick.h) proves it would
 * change nothing: slower, the same result; the tests compare the two. */
void normalizer_run_every_step(struct normalizer *nz, bool every_step);

/* Bytes the normalizer holds in its buffers: it stops growing once the
 * longest text has been seen (the tests check that the steady state
 * allocates nothing). */
size_t normalizer_footprint(const struct normalizer *nz);

#endif
