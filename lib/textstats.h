/* textstats.h — the `stats` of a text: counts and web-corpus quality signals.
 *
 * Owns: the definition of every member of `stats` (the formulas, written
 * for users in the STATS section of winnow-extract-stats(1), and the
 * published heuristic each follows: the Gopher quality filters and
 * repetition removal of Rae et al. 2021, the C4 rules of Raffel et al.
 * 2020), their JSON form, the English stop-word list and the syllable rule
 * of the reading-ease score. Words and sentences come from textseg.h.
 *
 * JSON: one compact object, members in the order of struct text_stats
 * below (bytes, chars, words, sentences, paragraphs, lines,
 * mean_word_length, ..., urls, emails, flesch_reading_ease). Counts are
 * integers; every other member is rounded to 4 decimals (half away from
 * zero) and printed without trailing zeros, so "0.5", "0", "12.25".
 * Empty text gives zeros, never NaN.
 *
 * Memory: the scratch owns every buffer; it is reused across records, and
 * its hash tables are cleared in O(1) (a generation stamp), so a small
 * record after a big one costs no more than a small record. Per record it
 * holds 4 bytes and a bit per word, 8 bytes per distinct word, 48-96 bytes
 * per distinct word in its table (slots at most half full) plus the
 * distinct words' bytes, 48-96 bytes per distinct word n-gram (one n at a
 * time, and only n-grams whose shorter parts repeat), and 48-96 bytes per
 * distinct line and paragraph (measured, whole program with --only stats:
 * a 20 MB record of 1 MB of blog text repeated peaks at 62 MB, 3.1 times
 * the record, where 16 bytes per word made it 104 MB). A table that grew
 * past 4096 slots and is more than four times larger than the last record
 * needed is shrunk. Nothing is kept from one record to the next.
 * Cost: linear in the length of the text (expected, hashing with XXH3):
 * one pass over the characters, one over the lines, one over the words
 * (which counts the sentences too), and the n-grams only where words
 * repeat (64 word starts at a time, looking only at those whose shorter
 * parts repeat). About 90 MB/s of record NDJSON for `winnow-extract-stats
 * -j 1 --only stats` on English blog records.
 */
#ifndef WINNOW_TEXTSTATS_H
#define WINNOW_TEXTSTATS_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

struct text_stats_scratch;                       /* reusable buffers, owned by the caller */
struct text_stats_scratch *text_stats_scratch_new(void);
void text_stats_scratch_free(struct text_stats_scratch *s);

struct text_stats {
    /* The JSON members, in their order. */
    size_t bytes;                   /* UTF-8 bytes */
    size_t chars;                   /* code points */
    size_t words;                   /* textseg words (URLs, e-mails included) */
    size_t sentences;               /* textseg sentences */
    size_t paragraphs;              /* runs of non-blank lines */
    size_t lines;                   /* non-blank lines */
    double mean_word_length;        /* word_chars / words */
    double upper_fraction;          /* uppercase / letters */
    double all_caps_word_fraction;  /* all_caps_words / words */
    double digit_fraction;          /* digits / chars */
    double punct_fraction;          /* punct / chars */
    double stopword_fraction;       /* stopwords / words */
    double unique_word_fraction;    /* unique_words / words */
    double dup_line_fraction;       /* dup_lines / lines */
    double dup_line_char_fraction;  /* dup_line_chars / line_chars */
    double dup_para_fraction;       /* dup_paras / paragraphs */
    double dup_para_char_fraction;  /* dup_para_chars / para_chars */
    double top_2gram_char_fraction; /* top_ngram_chars[0] / word_chars */
    double top_3gram_char_fraction; /* top_ngram_chars[1] / word_chars */
    double top_4gram_char_fraction; /* top_ngram_chars[2] / word_chars */
    double bullet_line_fraction;    /* bullet_lines / lines */
    double ellipsis_line_fraction;  /* ellipsis_lines / lines */
    size_t urls;
    size_t emails;
    double flesch_reading_ease;     /* 206.835 - 1.015 w/s - 84.6 syllables/w */

    /* What the fractions are made of: not in the JSON, for tests and for
     * callers that add records up. */
    size_t letters;                 /* L* code points */
    size_t uppercase;               /* Lu and Lt code points */
    size_t digits;                  /* Nd code points */
    size_t punct;                   /* P* code points */
    size_t word_chars;              /* code points inside words */
    size_t all_caps_words;          /* >= 2 uppercase letters, no lowercase */
    size_t stopwords;               /* words on the stop-word list */
    size_t unique_words;            /* distinct words, case folded */
    size_t syllables;               /* by the rule of text_stats_syllables */
    size_t line_chars;              /* code points of the (trimmed) lines */
    size_t dup_lines;               /* lines seen before in the text */
    size_t dup_line_chars;          /* their code points */
    size_t para_chars;              /* code points of the (trimmed) paragraphs */
    size_t dup_paras;               /* paragraphs seen before in the text */
    size_t dup_para_chars;          /* their code points */
    size_t top_ngram_chars[3];      /* n = 2, 3, 4: word code points covered
                                       by the most frequent n-gram */
    size_t bullet_lines;
    size_t ellipsis_lines;
};

/* Compute the stats of text (UTF-8, len bytes; an ill-formed sequence
 * counts as one character of no class) into *st. Costs about 16 bytes of
 * scratch per word and 24 per distinct word, line and paragraph; a text
 * over 4 GiB ends the program with a message, as running out of memory
 * does. */
void text_stats_compute(const char *text, size_t len, struct text_stats_scratch *s,
                        struct text_stats *st);

/* Append the JSON members of st to out as one compact JSON object. */
void text_stats_append_json(const struct text_stats *st, struct buf *out);

/* Compute the stats of text (valid UTF-8, len bytes) and append them to out as one compact JSON object, members in a fixed documented order. */
void text_stats_json(const char *text, size_t len, struct text_stats_scratch *s, struct buf *out);

/* Whether the word w[0..n) is on the English stop-word list (the Snowball
 * list: see textstats.c); matched case-insensitively, with ’ read as '. */
bool text_stats_is_stopword(const char *w, size_t n);

/* The stop-word list itself: its size and its i-th word (i < size), in
 * byte order; the strings are static. */
size_t text_stats_stopword_count(void);
const char *text_stats_stopword(size_t i);

/* Syllables of the word w[0..n) by the documented rule (at least 1). */
size_t text_stats_syllables(const char *w, size_t n);

#endif
