/* figures.h — the statistics a text cites, as structured data.
 *
 * Owns: what counts as a figure and how it is written as JSON (see
 * winnow-extract-stats(1), "Figures"). Kinds: percent, money, count (the
 * counted noun as unit; "X of the Y" as value and of), fraction, ratio
 * ("1 in 3": value 1, of 3), multiplier ("trebled": 3) and duration ("every
 * six weeks": 6 weeks). A range gives low and high instead of value; a
 * qualifier ("up to", "almost", ...) gives approx. Never figures: years,
 * dates, clock times, list and comment numbering, ordinals, names with
 * digits (R4, M62), references (page 18, Section 21).
 *
 * An extractor compiles its PCRE2 patterns once (JIT where the platform has
 * it) and owns its match data and scratch list, reused from call to call:
 * create one per thread, use it for every text. Each pattern runs only
 * near its anchors and, there, only where it can start a match (rxstart.h,
 * about 2 MB of tables, and while a text is searched up to 4 bytes per
 * byte of it); the found figures cost about 110 bytes each (a 20 MB
 * record of repeated blog text has 100,000); the long word lists of its lookaheads are compiled as tries
 * (wordtrie.h). Text must be valid UTF-8
 * (invalid text gives no figures). Spans are given both as byte offsets and
 * as character (Unicode code point) offsets into the text.
 */
#ifndef WINNOW_FIGURES_H
#define WINNOW_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

enum figure_kind {
    FIGURE_MONEY,
    FIGURE_PERCENT,
    FIGURE_FRACTION,
    FIGURE_RATIO,
    FIGURE_MULTIPLIER,
    FIGURE_DURATION,
    FIGURE_COUNT,
    FIGURE_KINDS
};

/* 104 bytes: a huge text has one every few hundred bytes. */
struct figure {
    size_t start, end;           /* byte offsets of the surface in the text */
    size_t char_start, char_end; /* the same in code points */
    double value, low, high;
    double of;
    const char *unit;            /* NULL, a static name, or into the text */
    size_t unit_len;
    char approx[16];             /* "" or "up_to", ...: QUAL in figures.c, at most 13 */
    enum figure_kind kind;
    bool range;                  /* low and high instead of value */
    bool has_of;                 /* "Eleven of the 21", "1 in 3" */
};

struct figures;

/* Compile the patterns, and an extractor that owns them. Ends the program
 * on a pattern error (a bug). */
struct figures *figures_new(void);
void figures_free(struct figures *ex);

/* The compiled patterns alone (about 30 ms to make, JIT included), for
 * many extractors: nothing in them changes once made, so extractors in
 * different threads may share them. Each extractor still learns its own
 * rxstart tables and has its own match data. */
struct figure_patterns;
struct figure_patterns *figure_patterns_new(void);
void figure_patterns_free(struct figure_patterns *pat);
/* An extractor over pat, which must outlive it. */
struct figures *figures_new_with(const struct figure_patterns *pat);

/* Find the figures of text[0..len), in text order. The array belongs to
 * the extractor and stays valid until its next call; *count is set. */
const struct figure *figures_find(struct figures *ex, const char *text,
                                  size_t len, size_t *count);

/* The same for a text the caller knows to be valid UTF-8 (a record's
 * string is: the record layer validates it), without checking it again.
 * Contract: text is valid UTF-8 (PCRE2 then runs without its own check). */
const struct figure *figures_find_utf8(struct figures *ex, const char *text,
                                       size_t len, size_t *count);

/* Append the figures of text[0..len) to out as one compact JSON array:
 * [{"text","span","kind","value"|"low","high","of","unit","approx"}, ...],
 * span in code points, members in that order, absent ones left out. */
void figures_extract(struct figures *ex, const char *text, size_t len,
                     struct buf *out);

/* Append figs[0..n) (found in text) to out as one JSON array, as above. */
void figures_append_json(const struct figure *figs, size_t n, const char *text,
                         struct buf *out);

/* The same array handed to put(sink, bytes, len) in pieces of about 64 KB
 * built in out (left empty), so that a huge text's figures are never held
 * as text; with put NULL, figures_append_json. */
typedef void (*figures_put)(void *sink, const char *p, size_t len);
void figures_write_json(const struct figure *figs, size_t n, const char *text,
                        struct buf *out, figures_put put, void *sink);

/* Append one figure as a JSON object (text is the text it was found in). */
void figure_json(const struct figure *f, const char *text, struct buf *out);

const char *figure_kind_name(enum figure_kind kind);

#endif
