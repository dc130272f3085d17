/* textseg.h — words and sentences of UTF-8 text, with byte offsets.
 *
 * Owns: the segmentation rules winnow measures text with (the `stats` of
 * winnow-extract-stats) and finds the sentence of a cited figure with (its
 * `figures`). The rules are documented for users in the SEGMENTATION
 * section of winnow-extract-stats(1); in short:
 *
 * Words. A word is a maximal run of letters, marks and numbers (Unicode
 * categories L*, M*, N*, from utf8proc), joined across one character when
 * it stands between two word characters: an apostrophe (' U+2019 U+02BC)
 * between letters ("don't", "CRC’s"), a hyphen (- U+2010 U+2011) or "_"
 * ("ill-conceived", "50-90"), a full stop ("3.5", "08.46", "e.g", "bbc.co";
 * not from a lowercase to a capital letter, as in "rule.Throwing"), a
 * comma or a colon between digits ("260,000", "11:05"). A word whose
 * dot-separated parts are all letters, one or two of them each ("e.g.",
 * "U.S.", "a.m."), keeps its final full stop. A URL (from "http://",
 * "https://", "ftp://" or "www." to the next space, less trailing
 * punctuation) and an e-mail address (local@domain.tld, ASCII) are one
 * word each. Everything else (spaces, NBSP among them, punctuation,
 * symbols) separates words.
 *
 * Sentences. A sentence ends at the end of the text, at a blank line
 * (paragraph break), before a line that starts with a list marker (a bullet
 * such as "•", or "N." "N)" "N:"), and after a run of terminators
 * (. ! ? … ‼ ‽ ⁇ ⁈ ⁉ 。 ！ ？ ؟ ۔ । ॥) plus any closing quotes and brackets,
 * when a space or the end of the text follows (after 。！？ nothing need
 * follow: those scripts put no space between sentences). A run of full
 * stops and ellipses alone does not end a sentence when the next word
 * starts with a lowercase letter; nor when it is one full stop after a known
 * abbreviation ("Mr." "Dr." "e.g." "cf." "No. 5" "Dec. 14": the list is
 * in textseg.c), after an initial before a capital ("J. K. Rowling"), after
 * dotted capitals ("J.K." "U.S."), or after a list number at the start of
 * a line ("  15. Probation is..."). A sentence runs from its first to its
 * last non-space character and holds at least one word; text between
 * sentences (spaces, a separator line such as "***") belongs to none.
 *
 * Use:
 *     struct textseg_sentences it;
 *     struct textseg_sentence s;
 *     textseg_sentences_init(&it, text, len);
 *     while (textseg_next_sentence(&it, &s))
 *         use(text + s.start, s.end - s.start);
 * and the same with textseg_words_init / textseg_next_word for words.
 *
 * Memory: none. Iterators point into the caller's text, which must outlive
 * them and must not change while they run; they allocate nothing and may
 * be copied. Invalid UTF-8 is tolerated (each ill-formed sequence is a
 * separator); nothing is read past len, and text needs no NUL.
 * Cost: linear in the length of the text.
 */
#ifndef WINNOW_TEXTSEG_H
#define WINNOW_TEXTSEG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "utf8.h"

enum textseg_kind { TEXTSEG_WORD, TEXTSEG_URL, TEXTSEG_EMAIL };

struct textseg_word {
    size_t start, end;      /* the word is text[start..end) */
    enum textseg_kind kind;
};

/* Word iterator; its fields are private. */
struct textseg_words {
    const char *text;
    size_t len;
    size_t pos;
    size_t no_email_before; /* e-mail scans that failed reached here */
    size_t at_sign;         /* the next '@' (or len) from the last scan */
};

void textseg_words_init(struct textseg_words *it, const char *text, size_t len);
/* Store the next word in *w and return true, or return false at the end. */
bool textseg_next_word(struct textseg_words *it, struct textseg_word *w);

struct textseg_sentence {
    size_t start, end;      /* the sentence is text[start..end) */
    size_t words;           /* how many words it holds (>= 1) */
};

/* Sentence iterator; its fields are private. */
struct textseg_sentences {
    struct textseg_words words;
    struct textseg_word next; /* the first word of the next sentence */
    bool has_next;
    size_t start;             /* where the next sentence starts */
};

void textseg_sentences_init(struct textseg_sentences *it, const char *text,
                            size_t len);
/* Store the next sentence in *s and return true, or return false. */
bool textseg_next_sentence(struct textseg_sentences *it,
                           struct textseg_sentence *s);

/* Whether a sentence ends between the consecutive words a and b (b the
 * word right after a): what textseg_next_sentence decides, for a caller
 * that walks the words once and counts sentences as it goes (a text with
 * words has one sentence more than such ends). */
bool textseg_ends_sentence(const char *text, size_t len, const struct textseg_word *a,
                           const struct textseg_word *b);

/* Whitespace as the rules use it: TAB, LF, VT, FF, CR, U+0085 and the
 * Unicode separators (Zs, Zl, Zp: NBSP and the other spaces). */
bool textseg_is_space(int32_t cp);

/* Byte length of the list marker that text[0..len) starts with, or 0.
 * Bullets count whatever follows them: • ‣ ⁃ ∙ · ◦ ▪ ▫ ■ □ ● ○ ◆ ◇ ▸ ▹ ► ➢ ➤
 * ✓ ✔; "-" "*" "+" and "–" (U+2013) count when a space or a tab follows.
 * Numbers ("1." "2)" "3:") are not bullets: see textseg_enumerator_len. */
size_t textseg_bullet_len(const char *text, size_t len);

/* Byte length of a list number that text[0..len) starts with: one to
 * three ASCII digits, then "." ")" or ":", then a space or a tab; or 0. */
size_t textseg_enumerator_len(const char *text, size_t len);

/* Decode the code point at text[pos] (pos < len) and store its byte length
 * in *n (>= 1). Returns -1 for an ill-formed byte sequence. Inline: the
 * segmenters call it for every character, and ASCII, the common case,
 * then costs neither a call nor a table. */
static inline int32_t textseg_decode(const char *text, size_t len, size_t pos, int *n)
{
    unsigned char c = (unsigned char)text[pos];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    int32_t cp;
    *n = utf8_decode(text + pos, len - pos, &cp);
    return cp;
}

/* Offset just past the last non-space character of text[from..to), or
 * from when there is none; and offset of the first non-space character,
 * or to. */
size_t textseg_trim_end(const char *text, size_t from, size_t to);
size_t textseg_trim_start(const char *text, size_t from, size_t to);

#endif
