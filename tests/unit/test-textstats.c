/* Unit tests of lib/textstats: every member of `stats` on a hand-computed
 * example (the arithmetic is in the comment beside each expectation), the
 * stop-word list and the syllable rule, the JSON form, hostile input
 * (empty, spaces only, one word of 1 MB), scratch reuse, and the seeds. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "read-file.h"
#include "textstats.h"

#define SEEDS "../shared/seeds"

static struct text_stats_scratch *scratch;

static struct text_stats stats_of(const char *text)
{
    struct text_stats st;
    text_stats_compute(text, strlen(text), scratch, &st);
    return st;
}

static const char *json_of(const char *text, size_t len)
{
    static struct buf out = BUF_INIT;
    buf_reset(&out);
    text_stats_json(text, len, scratch, &out);
    return out.data;
}

/* The text of member name in the JSON object json, static. */
static const char *member(const char *json, const char *name)
{
    static char value[64];
    char key[64];
    snprintf(key, sizeof key, "\"%s\":", name);
    const char *at = strstr(json, key);
    if (!at)
        return "(absent)";
    at += strlen(key);
    size_t n = strcspn(at, ",}");
    snprintf(value, sizeof value, "%.*s", (int)n, at);
    return value;
}

static bool near(double got, double want)
{
    return fabs(got - want) < 1e-9;
}

static void test_counts(void)
{
    struct text_stats st = stats_of("Hello world.\n\nSecond para here.\nIts line two!\n");
    /* 12 + 2 + 17 + 1 + 13 + 1 = 46 bytes, all ASCII. */
    CHECK(st.bytes == 46 && st.chars == 46, "counts: 46 bytes, 46 chars (%zu, %zu)", st.bytes, st.chars);
    /* Hello world Second para here Its line two */
    CHECK(st.words == 8, "counts: 8 words (%zu)", st.words);
    /* "Hello world." "Second para here." "Its line two!" */
    CHECK(st.sentences == 3, "counts: 3 sentences (%zu)", st.sentences);
    /* The blank line makes two paragraphs of 1 and 2 lines. */
    CHECK(st.paragraphs == 2 && st.lines == 3, "counts: 2 paragraphs, 3 lines (%zu, %zu)",
          st.paragraphs, st.lines);

    st = stats_of("Caf\xC3\xA9 \xC2\xA3" "5");
    /* C a f é(2) ' ' £(2) 5: 9 bytes, 7 code points; words Café and 5. */
    CHECK(st.bytes == 9 && st.chars == 7 && st.words == 2, "counts: bytes and chars differ (%zu, %zu, %zu)",
          st.bytes, st.chars, st.words);

    st = stats_of("  \n\n  one\n \t \n\n\ntwo\nthree  \n   ");
    /* Non-blank lines: "one", "two", "three"; paragraphs {one}, {two three}. */
    CHECK(st.lines == 3 && st.paragraphs == 2, "counts: blank lines of spaces (%zu, %zu)", st.lines,
          st.paragraphs);
}

static void test_mean_word_length(void)
{
    struct text_stats st = stats_of("The cat's e.g. 3.5");
    /* The(3) cat's(5) e.g.(4) 3.5(3) = 15 chars / 4 words = 3.75 */
    CHECK(st.word_chars == 15 && near(st.mean_word_length, 3.75), "mean_word_length: 15/4 = 3.75 (%g)",
          st.mean_word_length);
    st = stats_of("na\xC3\xAFve caf\xC3\xA9");
    /* naïve(5) café(4) = 9 code points / 2 = 4.5, not bytes (11/2) */
    CHECK(near(st.mean_word_length, 4.5), "mean_word_length: counts code points, 9/2 = 4.5 (%g)",
          st.mean_word_length);
    /* I(1) am(2) here(4) = 7/3 = 2.3333... */
    CHECK_STR(member(json_of("I am here", strlen("I am here")), "mean_word_length"), "2.3333",
              "mean_word_length: 7/3 rounds to 2.3333");
}

static void test_case_fractions(void)
{
    struct text_stats st = stats_of("ABc dE 12!");
    /* letters A B c d E = 5, uppercase A B E = 3: 3/5 = 0.6 (digits, ! not letters) */
    CHECK(st.letters == 5 && st.uppercase == 3 && near(st.upper_fraction, 0.6),
          "upper_fraction: 3/5 = 0.6 (%g)", st.upper_fraction);
    st = stats_of("\xC3\x89t\xC3\xA9 \xCE\xA3\xCF\x83");
    /* É t é Σ σ: 5 letters, É Σ uppercase: 2/5 = 0.4 */
    CHECK(near(st.upper_fraction, 0.4), "upper_fraction: non-ASCII 2/5 = 0.4 (%g)", st.upper_fraction);

    st = stats_of("HM Chief Inspector NPS I A.B. CRCs 2017 OK");
    /* all caps: HM, NPS, A.B., OK (I has one letter; CRCs has a lowercase s;
     * 2017 has none): 4 of 9 words = 0.4444 */
    CHECK(st.words == 9 && st.all_caps_words == 4 && near(st.all_caps_word_fraction, 4.0 / 9),
          "all_caps_word_fraction: 4/9 (%zu of %zu)", st.all_caps_words, st.words);
    CHECK_STR(member(json_of("HM Chief Inspector NPS I A.B. CRCs 2017 OK", 42 /* bytes */), "all_caps_word_fraction"),
              "0.4444", "all_caps_word_fraction: JSON 0.4444");
}

static void test_digit_punct_fractions(void)
{
    struct text_stats st = stats_of("Up 40% in 2014, (approx.)");
    /* "Up"2 " "1 "40%"3 " "1 "in"2 " "1 "2014,"5 " "1 "(approx.)"9 = 25 chars;
     * digits 4 0 2 0 1 4 = 6: 6/25 = 0.24; punctuation % , ( . ) = 5: 5/25 = 0.2 */
    CHECK(st.chars == 25 && st.digits == 6 && near(st.digit_fraction, 0.24),
          "digit_fraction: 6/25 = 0.24 (%zu/%zu)", st.digits, st.chars);
    CHECK(st.punct == 5 && near(st.punct_fraction, 0.2), "punct_fraction: 5/25 = 0.2 (%zu)", st.punct);
    st = stats_of("\xC2\xA3" "5 \xE2\x80\x93 a\xE2\x80\x99" "b");
    /* £ 5 ' ' – ' ' a ’ b = 8 chars; digit 5: 1/8; punctuation – (Pd) ’ (Pf): 2/8;
     * £ is a symbol (Sc), not punctuation */
    CHECK(near(st.digit_fraction, 0.125) && near(st.punct_fraction, 0.25),
          "digit/punct_fraction: Unicode categories 1/8, 2/8 (%g, %g)", st.digit_fraction,
          st.punct_fraction);
}

static void test_stopwords(void)
{
    struct text_stats st = stats_of("The probation service is in a mess and it\xE2\x80\x99s THE worst");
    /* The is in a and it’s THE: 7 of 11 words = 0.636363... */
    CHECK(st.words == 11 && st.stopwords == 7 && near(st.stopword_fraction, 7.0 / 11),
          "stopword_fraction: 7/11 (%zu of %zu)", st.stopwords, st.words);
    const char *text = "The probation service is in a mess and it\xE2\x80\x99s THE worst";
    CHECK_STR(member(json_of(text, strlen(text)), "stopword_fraction"),
              "0.6364", "stopword_fraction: JSON 0.6364");
    CHECK(text_stats_is_stopword("the", 3) && text_stats_is_stopword("THE", 3) &&
              text_stats_is_stopword("Don\xE2\x80\x99t", 7) && text_stats_is_stopword("cannot", 6) &&
              text_stats_is_stopword("yourselves", 10) && text_stats_is_stopword("a", 1),
          "stop words: the THE Don’t cannot yourselves a");
    CHECK(!text_stats_is_stopword("us", 2) && !text_stats_is_stopword("mine", 4) &&
              !text_stats_is_stopword("will", 4) && !text_stats_is_stopword("probation", 9) &&
              !text_stats_is_stopword("", 0) && !text_stats_is_stopword("thee", 4),
          "not stop words: us mine will probation (empty) thee, as in Snowball");
}

static void test_stopword_list(void)
{
    size_t n = text_stats_stopword_count(), unsorted = 0, missed = 0, apostrophes = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = text_stats_stopword(i);
        unsorted += i > 0 && strcmp(text_stats_stopword(i - 1), w) >= 0;
        missed += !text_stats_is_stopword(w, strlen(w));
        apostrophes += strchr(w, '\'') != NULL;
    }
    /* Snowball's English list: 174 words, 50 of them contractions: i'm
     * you're he's she's it's we're they're (7), i've you've we've they've
     * (4), i'd ... they'd (6), i'll ... they'll (6), isn't ... mustn't (17;
     * cannot is not one), let's that's who's what's here's there's when's
     * where's why's how's (10). */
    CHECK(n == 174, "stop-word list: 174 words (%zu)", n);
    CHECK(unsorted == 0, "stop-word list: strictly in byte order (%zu out of place)", unsorted);
    CHECK(missed == 0, "stop-word list: every word is found (%zu missed)", missed);
    CHECK(apostrophes == 50, "stop-word list: 50 contractions (%zu)", apostrophes);
    CHECK(text_stats_stopword(n) == NULL, "stop-word list: past the end is NULL");
}

static void test_unique_words(void)
{
    struct text_stats st = stats_of("the cat the Cat THE dog");
    /* 6 words; distinct after folding case: the cat dog = 3: 3/6 = 0.5 */
    CHECK(st.unique_words == 3 && near(st.unique_word_fraction, 0.5), "unique_word_fraction: 3/6 (%zu)",
          st.unique_words);
    st = stats_of("it\xE2\x80\x99s it's");
    /* it’s and it's are one word: 1/2 */
    CHECK(st.unique_words == 1, "unique_word_fraction: ’ and ' fold together (%zu)", st.unique_words);
}

static void test_duplicates(void)
{
    const char *text = "alpha beta\ngamma\n\nalpha beta\ngamma\n\ndelta\n  alpha beta  \n";
    struct text_stats st = stats_of(text);
    /* lines (trimmed): "alpha beta"10 "gamma"5 "alpha beta"10* "gamma"5* "delta"5
     * "alpha beta"10*; * = seen before: 3 of 6 = 0.5; chars 25 of 45 = 0.5556 */
    CHECK(st.lines == 6 && st.dup_lines == 3 && near(st.dup_line_fraction, 0.5),
          "dup_line_fraction: 3/6 (%zu of %zu)", st.dup_lines, st.lines);
    CHECK(st.line_chars == 45 && st.dup_line_chars == 25 && near(st.dup_line_char_fraction, 25.0 / 45),
          "dup_line_char_fraction: 25/45 (%zu of %zu)", st.dup_line_chars, st.line_chars);
    /* paragraphs: "alpha beta\ngamma"16, the same 16*, "delta\n  alpha beta"18:
     * 1 of 3; chars 16 of 50 = 0.32 */
    CHECK(st.paragraphs == 3 && st.dup_paras == 1 && near(st.dup_para_fraction, 1.0 / 3),
          "dup_para_fraction: 1/3 (%zu of %zu)", st.dup_paras, st.paragraphs);
    CHECK(st.para_chars == 50 && st.dup_para_chars == 16 && near(st.dup_para_char_fraction, 0.32),
          "dup_para_char_fraction: 16/50 (%zu of %zu)", st.dup_para_chars, st.para_chars);
    CHECK_STR(member(json_of(text, strlen(text)), "dup_line_char_fraction"), "0.5556",
              "dup_line_char_fraction: JSON 0.5556");
    st = stats_of("Same\nsame\nSame ");
    /* case matters for lines: "Same" "same" "Same"*: 1 of 3 */
    CHECK(st.dup_lines == 1 && st.dup_paras == 0, "duplicates: lines compare exactly, after trimming");
}

static void test_top_ngrams(void)
{
    struct text_stats st = stats_of("the cat sat on the cat mat the cat");
    /* words: the cat sat on the cat mat the cat; chars 3*8 + 2 = 26.
     * 2-gram "the cat" at 0, 4, 7 covers 6 words * 3 = 18: 18/26 = 0.6923;
     * no 3-gram or 4-gram repeats: 0 */
    CHECK(st.word_chars == 26 && st.top_ngram_chars[0] == 18 && near(st.top_2gram_char_fraction, 18.0 / 26),
          "top_2gram_char_fraction: 18/26 (%zu)", st.top_ngram_chars[0]);
    CHECK(st.top_ngram_chars[1] == 0 && st.top_ngram_chars[2] == 0 && st.top_3gram_char_fraction == 0 &&
              st.top_4gram_char_fraction == 0,
          "top_3/4gram_char_fraction: no repeat gives 0");

    st = stats_of("a a a a");
    /* 4 words of 1 char. "a a" at 0,1,2 and "a a a" at 0,1 overlap: each word
     * counted once: 4/4 = 1; "a a a a" occurs once: 0 */
    CHECK(st.top_ngram_chars[0] == 4 && st.top_ngram_chars[1] == 4 && st.top_ngram_chars[2] == 0,
          "top n-grams: overlapping occurrences count each word once (%zu %zu %zu)", st.top_ngram_chars[0],
          st.top_ngram_chars[1], st.top_ngram_chars[2]);

    st = stats_of("ab cd ab cd x y x y");
    /* "ab cd" (2 times, 4 chars) beats "x y" (2 times, 2 chars): covers
     * words 0-3 = 8 of 12 chars = 0.6667 */
    CHECK(st.top_ngram_chars[0] == 8 && near(st.top_2gram_char_fraction, 8.0 / 12),
          "top_2gram_char_fraction: ties go to the longer n-gram, 8/12 (%zu)", st.top_ngram_chars[0]);

    st = stats_of("One fish. one FISH");
    /* case folded: "one fish" twice, 4 words * ... = 3+4+3+4 = 14 of 14 = 1 */
    CHECK(st.top_ngram_chars[0] == 14 && near(st.top_2gram_char_fraction, 1.0),
          "top_2gram_char_fraction: n-grams fold case (%zu)", st.top_ngram_chars[0]);

    st = stats_of("the cat sat on the mat and the cat sat on the hat");
    /* 4-gram "the cat sat on" at 0 and 7: 2 * (3+3+3+2) = 22 of
     * 3+3+3+2+3+3+3+3+3+3+2+3+3 = 37: 0.5946; 3-gram "the cat sat" and
     * "cat sat on" both twice with 9 and 8 chars: the longer wins, 18;
     * 2-grams "the cat" "cat sat" "sat on" "on the" twice each; "the cat" and
     * "cat sat" 6 chars, the earlier wins: 12 */
    CHECK(st.word_chars == 37 && st.top_ngram_chars[2] == 22 && near(st.top_4gram_char_fraction, 22.0 / 37),
          "top_4gram_char_fraction: 22/37 (%zu)", st.top_ngram_chars[2]);
    CHECK(st.top_ngram_chars[1] == 18 && near(st.top_3gram_char_fraction, 18.0 / 37),
          "top_3gram_char_fraction: 18/37 (%zu)", st.top_ngram_chars[1]);
    CHECK(st.top_ngram_chars[0] == 12, "top_2gram_char_fraction: 12/37 (%zu)", st.top_ngram_chars[0]);
}

/* The most frequent n-gram the slow way: every start compared with
 * every other. Words are given as indexes into vocab. */
static size_t slow_top_chars(const size_t *w, size_t words, size_t n, const char *const *vocab)
{
    size_t best = SIZE_MAX, best_count = 1, best_chars = 0;
    for (size_t i = 0; i + n <= words; i++) {
        size_t count = 0, chars = 0;
        for (size_t j = 0; j + n <= words; j++)
            count += memcmp(w + i, w + j, n * sizeof *w) == 0;
        for (size_t k = 0; k < n; k++)
            chars += strlen(vocab[w[i + k]]);
        if (count > best_count || (count == best_count && count > 1 && chars > best_chars)) {
            best = i, best_count = count, best_chars = chars; /* earlier wins ties */
        }
    }
    if (best == SIZE_MAX)
        return 0;
    size_t covered = 0, until = 0;
    for (size_t j = best; j + n <= words; j++) {
        if (memcmp(w + best, w + j, n * sizeof *w) != 0)
            continue;
        for (size_t k = j > until ? j : until; k < j + n; k++)
            covered += strlen(vocab[w[k]]);
        until = j + n;
    }
    return covered;
}

static void test_top_ngrams_random(void)
{
    static const char *const vocab[] = {"a", "bb", "ccc", "dddd", "a", "ee", "f"};
    unsigned seed = 12345;
    size_t w[300], failures = 0, cases = 0;
    struct buf text = BUF_INIT;
    for (int round = 0; round < 400; round++) {
        size_t words = 2 + (size_t)round % 280, kinds = 2 + (size_t)round % 5;
        buf_reset(&text);
        for (size_t i = 0; i < words; i++) {
            seed = seed * 1103515245u + 12345u;
            w[i] = (seed >> 16) % kinds;
            if (w[i] == 4)
                w[i] = 0; /* "a" twice in vocab: one word */
            if (i)
                buf_append_char(&text, ' ');
            buf_append_str(&text, vocab[w[i]]);
        }
        struct text_stats st;
        text_stats_compute(text.data, text.len, scratch, &st);
        for (size_t n = 2; n <= 4; n++, cases++)
            failures += st.top_ngram_chars[n - 2] != slow_top_chars(w, words, n, vocab);
    }
    buf_free(&text);
    CHECK(failures == 0, "top n-grams: %zu of %zu random texts differ from the slow count",
          failures, cases);
}

static void test_line_shapes(void)
{
    struct text_stats st =
        stats_of("Intro line\n\xE2\x80\xA2 first\n- second\n-third\n* fourth\nWait...\nHmm\xE2\x80\xA6\nDone.\n"
                 "Wait... no\n");
    /* 9 lines; bullets "• first" "- second" "* fourth" (not "-third": no
     * space): 3/9; ellipsis endings "Wait..." "Hmm…" (not "Wait... no"): 2/9 */
    CHECK(st.lines == 9 && st.bullet_lines == 3 && near(st.bullet_line_fraction, 3.0 / 9),
          "bullet_line_fraction: 3/9 (%zu of %zu)", st.bullet_lines, st.lines);
    CHECK(st.ellipsis_lines == 2 && near(st.ellipsis_line_fraction, 2.0 / 9),
          "ellipsis_line_fraction: 2/9 (%zu)", st.ellipsis_lines);
    st = stats_of("  \xE2\x80\xA2 indented bullet  \nEnds with two..\n");
    /* a bullet after spaces counts; ".." is not an ellipsis: 1/2, 0/2 */
    CHECK(st.bullet_lines == 1 && st.ellipsis_lines == 0, "bullet/ellipsis: indentation, two dots");
}

static void test_urls_emails(void)
{
    struct text_stats st =
        stats_of("See https://example.org/x and www.bbc.co.uk, or mail a.b@example.com or user@localhost.");
    /* URLs: https://example.org/x, www.bbc.co.uk; e-mail: a.b@example.com
     * (user@localhost has no dot in its domain) */
    CHECK(st.urls == 2 && st.emails == 1, "urls 2, emails 1 (%zu, %zu)", st.urls, st.emails);
}

static void test_syllables(void)
{
    static const struct {
        const char *word;
        size_t want;
    } cases[] = {
        {"make", 1},         /* a, e - silent e */
        {"table", 2},        /* a, e: consonant + "le" keeps its e */
        {"the", 1},          /* e alone is not silent */
        {"probation", 3},    /* o, a, io */
        {"face-to-face", 3}, /* face(1) to(1) face(1) */
        {"don't", 1},        /* don(1) t(0) */
        {"caf\xC3\xA9", 2},  /* a, é: an accented e is not silent */
        {"people", 2},       /* eo, e: "ple" */
        {"whole", 1},        /* o, e - silent: "ole" after a vowel */
        {"queue", 1},        /* ueue is one group */
        {"happy", 2},        /* a, y */
        {"rhythm", 1},       /* y */
        {"inspectorate", 4}, /* i, e, o, a, e - silent */
        {"ideologically", 6},/* i, eo, o, i, a, y */
        {"HELLO", 2},        /* case does not matter */
        {"NPS", 1},          /* no vowel: at least 1 */
        {"2017", 1},         /* no letter: 1 */
        {"\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1", 1}, /* other scripts: 1 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t got = text_stats_syllables(cases[i].word, strlen(cases[i].word));
        CHECK(got == cases[i].want, "syllables: %s = %zu (%zu)", cases[i].word, cases[i].want, got);
    }
}

static void test_flesch(void)
{
    struct text_stats st = stats_of("The cat sat on the mat. It was happy.");
    /* 9 words, 2 sentences, syllables 8*1 + happy 2 = 10:
     * 206.835 - 1.015*9/2 - 84.6*10/9 = 206.835 - 4.5675 - 94 = 108.2675 */
    CHECK(st.words == 9 && st.sentences == 2 && st.syllables == 10 &&
              near(st.flesch_reading_ease, 108.2675),
          "flesch_reading_ease: 108.2675 (%g)", st.flesch_reading_ease);
    const char *hard = "Institutionalization internationalization.";
    st = stats_of(hard);
    /* 8 + 8 syllables, 2 words, 1 sentence: 206.835 - 2.03 - 84.6*8 = -471.995 */
    CHECK(st.syllables == 16 && near(st.flesch_reading_ease, -471.995),
          "flesch_reading_ease: may go below 0 (%g)", st.flesch_reading_ease);
    CHECK_STR(member(json_of(hard, strlen(hard)), "flesch_reading_ease"), "-471.995",
              "flesch_reading_ease: negative in JSON");
    st = stats_of("Visit https://example.org/some/long/path/with/vowels now");
    /* visit(2) URL(1) now(1) = 4 syllables, 3 words */
    CHECK(st.syllables == 4, "flesch: a URL is one syllable (%zu)", st.syllables);
}

static void test_json(void)
{
    CHECK_STR(json_of("Hello world.", 12),
              "{\"bytes\":12,\"chars\":12,\"words\":2,\"sentences\":1,\"paragraphs\":1,\"lines\":1,"
              "\"mean_word_length\":5,\"upper_fraction\":0.1,\"all_caps_word_fraction\":0,"
              "\"digit_fraction\":0,\"punct_fraction\":0.0833,\"stopword_fraction\":0,"
              "\"unique_word_fraction\":1,\"dup_line_fraction\":0,\"dup_line_char_fraction\":0,"
              "\"dup_para_fraction\":0,\"dup_para_char_fraction\":0,\"top_2gram_char_fraction\":0,"
              "\"top_3gram_char_fraction\":0,\"top_4gram_char_fraction\":0,"
              "\"bullet_line_fraction\":0,\"ellipsis_line_fraction\":0,\"urls\":0,\"emails\":0,"
              "\"flesch_reading_ease\":77.905}",
              "json: every member in order; 10/2 = 5, 1/10, 1/12 = 0.0833, hello(2) world(1): "
              "206.835 - 1.015*2 - 84.6*1.5 = 77.905");
    const char *zeros =
        "{\"bytes\":0,\"chars\":0,\"words\":0,\"sentences\":0,\"paragraphs\":0,\"lines\":0,"
        "\"mean_word_length\":0,\"upper_fraction\":0,\"all_caps_word_fraction\":0,"
        "\"digit_fraction\":0,\"punct_fraction\":0,\"stopword_fraction\":0,"
        "\"unique_word_fraction\":0,\"dup_line_fraction\":0,\"dup_line_char_fraction\":0,"
        "\"dup_para_fraction\":0,\"dup_para_char_fraction\":0,\"top_2gram_char_fraction\":0,"
        "\"top_3gram_char_fraction\":0,\"top_4gram_char_fraction\":0,"
        "\"bullet_line_fraction\":0,\"ellipsis_line_fraction\":0,\"urls\":0,\"emails\":0,"
        "\"flesch_reading_ease\":0}";
    CHECK_STR(json_of("", 0), zeros, "json: empty text is all zeros");
    const char *spaces = json_of(" \n\t \xC2\xA0\n", 7);
    const char *head = "{\"bytes\":7,\"chars\":6,\"words\":0,\"sentences\":0,\"paragraphs\":0,\"lines\":0,";
    const char *rest = "\"mean_word_length\"";
    CHECK(strncmp(spaces, head, strlen(head)) == 0 && strstr(spaces, rest) &&
              strcmp(strstr(spaces, rest), strstr(zeros, rest)) == 0,
          "json: spaces only: 7 bytes, 6 chars, the rest zeros (%s)", spaces);
    /* 2/3 = 0.66666 rounds up, 1/8 = 0.125 keeps its digits, 1/3 rounds down */
    CHECK_STR(member(json_of("aa aa b", 7 /* bytes */), "unique_word_fraction"), "0.6667", "json: 2/3 -> 0.6667");
    CHECK_STR(member(json_of("a b c d e f g h H", 17 /* bytes */), "upper_fraction"), "0.1111", "json: 1/9 -> 0.1111");
}

static void test_huge_and_reuse(void)
{
    size_t n = 1 << 20;
    char *text = xmalloc(n);
    memset(text, 'x', n);
    struct buf big = BUF_INIT;
    text_stats_json(text, n, scratch, &big);
    struct text_stats st;
    text_stats_compute(text, n, scratch, &st);
    /* one word of 1 MB: words 1, sentences 1, mean 1048576, no repeat */
    CHECK(st.words == 1 && st.sentences == 1 && st.lines == 1 && near(st.mean_word_length, (double)n) &&
              st.top_ngram_chars[0] == 0,
          "huge: one word of 1 MB");
    CHECK(!strstr(big.data, "nan") && !strstr(big.data, "inf"), "huge: JSON has numbers only");
    CHECK_STR(member(big.data, "mean_word_length"), "1048576", "huge: mean_word_length in JSON");

    /* 10000 distinct words, then the same again: the tables grow. */
    struct buf many = BUF_INIT;
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 10000; i++)
            buf_printf(&many, "w%d ", i);
    text_stats_compute(many.data, many.len / 2, scratch, &st);
    CHECK(st.words == 10000 && st.unique_words == 10000, "growth: 10000 distinct words (%zu)", st.unique_words);
    text_stats_compute(many.data, many.len, scratch, &st);
    /* every 2-gram but the one across the seam occurs twice; the longest
     * (5+5 chars) and earliest is "w1000 w1001": 2 * 10 = 20 */
    CHECK(st.unique_words == 10000 && near(st.unique_word_fraction, 0.5) && st.top_ngram_chars[0] == 20,
          "growth: the same 10000 twice (%zu, %zu)", st.unique_words, st.top_ngram_chars[0]);

    /* A fresh scratch and a reused one (after a big record) agree. */
    const char *small = "One two. One two!\n\nOne two. One two!";
    struct buf reused = BUF_INIT, fresh = BUF_INIT;
    text_stats_json(small, strlen(small), scratch, &reused);
    struct text_stats_scratch *other = text_stats_scratch_new();
    text_stats_json(small, strlen(small), other, &fresh);
    text_stats_scratch_free(other);
    CHECK_STR(reused.data, fresh.data, "reuse: the scratch carries nothing between records");
    text_stats_scratch_free(NULL);
    buf_free(&reused);
    buf_free(&fresh);
    buf_free(&many);
    buf_free(&big);
    free(text);
}

/* ---- seeds ---------------------------------------------------------------------------------- */

static bool is_ascii_space(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* What `wc -w` counts, and how many of those tokens hold an ASCII letter
 * or digit (each holds at least one word, and words never cross spaces). */
static void count_tokens(const char *s, size_t n, size_t *tokens, size_t *alnum_tokens)
{
    *tokens = *alnum_tokens = 0;
    bool in = false, alnum = false;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || is_ascii_space(s[i])) {
            *alnum_tokens += in && alnum;
            in = alnum = false;
            continue;
        }
        *tokens += !in;
        in = true;
        unsigned char c = (unsigned char)s[i];
        alnum |= (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    }
}

static size_t count_terminators(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += s[i] == '.' || s[i] == '!' || s[i] == '?' ||
                 (i + 2 < n && memcmp(s + i, "\xE2\x80\xA6", 3) == 0);
    return count;
}

static bool fractions_in_range(const struct text_stats *st)
{
    const double f[] = {st->upper_fraction, st->all_caps_word_fraction, st->digit_fraction,
                        st->punct_fraction, st->stopword_fraction, st->unique_word_fraction,
                        st->dup_line_fraction, st->dup_line_char_fraction, st->dup_para_fraction,
                        st->dup_para_char_fraction, st->top_2gram_char_fraction,
                        st->top_3gram_char_fraction, st->top_4gram_char_fraction,
                        st->bullet_line_fraction, st->ellipsis_line_fraction};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (!(f[i] >= 0 && f[i] <= 1))
            return false;
    return true;
}

/* lines and paragraphs counted by hand (grep -cv '^[[:space:]]*$' and
 * awk 'BEGIN{RS=""} END{print NR}'), bullets by grep -c '^[[:space:]]*•'. */
static void test_seed(const char *name, size_t want_lines, size_t want_paragraphs, size_t want_bullets)
{
    struct buf path = BUF_INIT, page = BUF_INIT;
    buf_printf(&path, SEEDS "/%s.txt", name);
    if (!read_whole_file(path.data, &page)) {
        CHECK(false, "seed %s is readable", name);
        buf_free(&path);
        return;
    }
    struct text_stats st;
    text_stats_compute(page.data, page.len, scratch, &st);
    size_t tokens, alnum_tokens;
    count_tokens(page.data, page.len, &tokens, &alnum_tokens);
    CHECK(st.bytes == page.len, "seed %s: bytes", name);
    CHECK(st.words >= alnum_tokens && st.words <= tokens + tokens / 50,
          "seed %s: %zu words within [%zu, %zu space-separated tokens + 2%%]", name, st.words, alnum_tokens, tokens);
    CHECK(st.lines == want_lines && st.paragraphs == want_paragraphs, "seed %s: %zu lines, %zu paragraphs",
          name, st.lines, st.paragraphs);
    size_t terminators = count_terminators(page.data, page.len);
    CHECK(st.sentences >= st.paragraphs && st.sentences <= terminators + st.paragraphs,
          "seed %s: %zu sentences within [%zu, %zu]", name, st.sentences, st.paragraphs,
          terminators + st.paragraphs);
    CHECK(st.bullet_lines == want_bullets && st.urls == 0 && st.emails == 0 && st.dup_lines == 0,
          "seed %s: %zu bullets, no URL, e-mail or duplicate line", name, st.bullet_lines);
    CHECK(fractions_in_range(&st) && st.stopword_fraction > 0.3 && st.stopword_fraction < 0.6 &&
              st.mean_word_length > 4 && st.mean_word_length < 6,
          "seed %s: English prose: stop words %.3f, mean word length %.2f", name, st.stopword_fraction,
          st.mean_word_length);
    CHECK(st.flesch_reading_ease > 20 && st.flesch_reading_ease < 80, "seed %s: reading ease %.1f", name,
          st.flesch_reading_ease);
    buf_free(&path);
    buf_free(&page);
}

static void test_seeds(void)
{
    if (!have_dir_or_skip(SEEDS, "seeds"))
        return;
    test_seed("000_3cda5d15756a79be", 68, 62, 6);
    test_seed("002_565c8be4b69fe0ea", 84, 72, 0);
}

int main(void)
{
    scratch = text_stats_scratch_new();
    test_counts();
    test_mean_word_length();
    test_case_fractions();
    test_digit_punct_fractions();
    test_stopwords();
    test_stopword_list();
    test_unique_words();
    test_duplicates();
    test_top_ngrams();
    test_top_ngrams_random();
    test_line_shapes();
    test_urls_emails();
    test_syllables();
    test_flesch();
    test_json();
    test_huge_and_reuse();
    test_seeds();
    text_stats_scratch_free(scratch);
    return CHECK_DONE();
}
