/* test-rxstart.c — the start filter never loses a match: on generated
 * texts (ASCII, other scripts, the case variants PCRE2 folds together),
 * every position where an expression matches is one rxstart_next gives,
 * with the subject ending at the text's end or earlier. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "rxstart.h"

static const char *const expressions[] = {
    /* a word start, words in a row, \s */
    "(?<![\\p{L}\\p{N}_])(?:up\\s+to|in\\s+excess\\s+of|about)\\s+[0-9]+",
    /* anywhere, even inside a word */
    "doubl|tim(?:es)?|fold\\b",
    /* a first character that is not ASCII */
    "[£$€]\\s?[0-9]+",
    "(?<![\\p{L}.,])[0-9]+(?:[.,][0-9]+)?\\s?%",
    "per\\s?cent\\b(?!\\s+of)",
    "\\p{Lu}{2,}",
    /* folded together by PCRE2: s and U+017F, k and U+212A */
    "some|kelvin",
    /* a lookahead past what the keys hold */
    "(?<!\\w)the\\s+(?:last|past)\\s+(?:few\\s+)?years",
};
#define EXPRESSIONS (sizeof expressions / sizeof *expressions)

static const char *const pieces[] = {
    "up to ", "in excess of ", "about ", "in the ", "12", "3.5", "40%", " per cent", "percent of",
    "doubled", "sometimes", "manifold ", "£5", "€ 7", "$10", "the last years", "the past few years",
    "the lasting", "ſome", "\xe2\x84\xaa" "elvin", "KELVIN", "caf\xc3\xa9 ", "\xc3\x89" "COLE ",
    "\xc2\xa0", "\xe2\x80\x99", "\n", " ", " ", "  ", ".", ",", "a", "word ", "UP TO 9", "tim",
    "\xe4\xb8\xad\xe6\x96\x87", "x1", "_2", "ÀB",
};
#define PIECES (sizeof pieces / sizeof *pieces)

static uint64_t next_random(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return *state >> 33;
}

static void make_text(uint64_t seed, struct buf *out)
{
    uint64_t state = seed;
    size_t n = next_random(&state) % 60;
    buf_reset(out);
    for (size_t i = 0; i < n; i++)
        buf_append_str(out, pieces[next_random(&state) % PIECES]);
}

static bool char_start(const char *s, size_t p)
{
    return ((unsigned char)s[p] & 0xC0) != 0x80;
}

/* Every match start of code in text[0..end) is a candidate; returns false
 * at the first that is not, and counts the starts. */
static bool no_start_lost(struct rxstart *rs, size_t e, pcre2_code *code, const char *text,
                          size_t end, pcre2_match_data *md, size_t *starts)
{
    for (size_t p = 0; p < end; p++) {
        if (!char_start(text, p))
            continue;
        int rc = pcre2_match(code, (PCRE2_SPTR)text, end, p, PCRE2_NO_UTF_CHECK, md, NULL);
        if (rc < 0)
            continue;
        ++*starts;
        if (rxstart_next(rs, e, text, end, p) != p) {
            printf("# expression %zu matches at %zu of \"%.*s\"\n", e, p, (int)end, text);
            return false;
        }
    }
    return true;
}

int main(void)
{
    pcre2_code *codes[EXPRESSIONS];
    for (size_t e = 0; e < EXPRESSIONS; e++) {
        int err;
        PCRE2_SIZE offset;
        codes[e] = pcre2_compile((PCRE2_SPTR)expressions[e], PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_ANCHORED, &err,
                                 &offset, NULL);
        CHECK(codes[e] != NULL, "expression %zu compiles", e);
        if (!codes[e])
            return CHECK_DONE();
        (void)pcre2_jit_compile(codes[e], PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
    }
    struct rxstart *rs = rxstart_new((const void *const *)codes, EXPRESSIONS);
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    struct buf text = BUF_INIT;
    size_t starts[EXPRESSIONS] = {0};
    bool lost = false;
    for (uint64_t seed = 1; seed <= 400 && !lost; seed++) {
        make_text(seed, &text);
        rxstart_scan(rs, text.data ? text.data : "", text.len);
        for (size_t e = 0; e < EXPRESSIONS && !lost; e++) {
            /* The whole text, then the subject cut short at every character. */
            for (size_t end = text.len + 1; end-- > 0 && !lost;)
                if (end == text.len || char_start(text.data, end))
                    lost = !no_start_lost(rs, e, codes[e], text.data, end, md, &starts[e]);
        }
    }
    CHECK(!lost, "no match start is ever filtered out");
    for (size_t e = 0; e < EXPRESSIONS; e++)
        CHECK(starts[e] > 0, "expression %zu matched somewhere (%zu starts)", e, starts[e]);

    /* And it filters: a text without digits or currency gives those
     * expressions nothing to try. */
    static const char plain[] = "nothing here but words and more words, all of them plain.";
    rxstart_scan(rs, plain, strlen(plain));
    CHECK(rxstart_next(rs, 2, plain, strlen(plain), 0) == strlen(plain),
          "no currency sign: no candidate");
    CHECK(rxstart_next(rs, 3, plain, strlen(plain), 0) == strlen(plain), "no digit: no candidate");

    rxstart_free(rs);
    pcre2_match_data_free(md);
    for (size_t e = 0; e < EXPRESSIONS; e++)
        pcre2_code_free(codes[e]);
    buf_free(&text);
    return CHECK_DONE();
}
