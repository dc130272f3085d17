/* test-normquick.c — the quick check of the normalization chain: what it
 * rules out must be what the steps leave alone. Checked against utf8proc's
 * own data (every code point), and against the chain run without the check
 * on random texts built from the characters each step acts on. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "check.h"
#include "mojibake.h"
#include "normalize.h"
#include "normquick.h"
#include "prng.h"
#include "unorm.h"
#include "utf8.h"

#define ALL_STEPS ((1u << NORM_STEP_COUNT) - 1)

static bool is_surrogate(int32_t cp)
{
    return cp >= 0xD800 && cp <= 0xDFFF;
}

/* No stable character is the second (or later) part of a canonical
 * decomposition: so it can never compose with what precedes it. */
static void test_stable_never_composes(struct norm_quick *q)
{
    long decompositions = 0, wrong = 0;
    int32_t first_wrong = -1;
    for (int32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (is_surrogate(cp))
            continue;
        utf8proc_int32_t parts[32];
        int boundclass = 0;
        utf8proc_ssize_t n = utf8proc_decompose_char(cp, parts, 32, UTF8PROC_DECOMPOSE,
                                                     &boundclass);
        if (n < 2)
            continue;
        decompositions++;
        for (utf8proc_ssize_t k = 1; k < n; k++) {
            if (norm_quick_char(q, parts[k]) & (NQ_NFC_STABLE | NQ_NFKC_STABLE)) {
                wrong++;
                if (first_wrong < 0)
                    first_wrong = parts[k];
            }
        }
    }
    CHECK(decompositions > 10000, "utf8proc knows %ld canonical decompositions", decompositions);
    CHECK(wrong == 0, "no stable character ends a canonical decomposition (%ld do, first U+%04X)",
          wrong, (unsigned)first_wrong);
}

/* Text made of stable characters is left alone by NFC (NFKC). */
static void test_stable_is_kept(struct norm_quick *q)
{
    struct unorm u = UNORM_INIT;
    struct buf out = BUF_INIT;
    long stable[2] = {0, 0}, changed[2] = {0, 0};
    int32_t first_changed = -1;
    for (int32_t cp = 0x80; cp < 0x30000; cp++) {
        if (is_surrogate(cp))
            continue;
        unsigned flags = norm_quick_char(q, cp);
        char enc[4];
        int len = utf8_encode(cp, enc);
        char text[16];
        size_t n = 0;
        text[n++] = 'x';
        memcpy(text + n, enc, (size_t)len), n += (size_t)len;
        memcpy(text + n, enc, (size_t)len), n += (size_t)len;
        text[n++] = 'y';
        for (int f = 0; f < 2; f++) {
            if (!(flags & (f ? NQ_NFKC_STABLE : NQ_NFC_STABLE)))
                continue;
            stable[f]++;
            unorm_apply(&u, text, n, UNORM_COMPOSE | (f ? UNORM_COMPAT : 0), &out);
            if (out.len != n || memcmp(out.data, text, n) != 0) {
                changed[f]++;
                if (first_changed < 0)
                    first_changed = cp;
            }
        }
    }
    CHECK(stable[0] > 100000 && stable[1] > 100000, "most characters are stable (%ld NFC, %ld NFKC)",
          stable[0], stable[1]);
    CHECK(changed[0] == 0 && changed[1] == 0,
          "stable characters stay as they are (%ld NFC, %ld NFKC change, first U+%04X)",
          changed[0], changed[1], (unsigned)first_changed);
    CHECK(!(norm_quick_char(q, 0x0301) & NQ_NFC_STABLE) && !(norm_quick_char(q, 0x1161) & NQ_NFC_STABLE) &&
          !(norm_quick_char(q, 0x212B) & NQ_NFC_STABLE),
          "a combining mark, a Hangul vowel and the Angstrom sign are not stable");
    CHECK((norm_quick_char(q, 0x2019) & NQ_NFC_STABLE) && (norm_quick_char(q, 0xE9) & NQ_NFC_STABLE) &&
          !(norm_quick_char(q, 0xFB01) & NQ_NFKC_STABLE) && (norm_quick_char(q, 0xFB01) & NQ_NFC_STABLE),
          "’ and é are stable; the ﬁ ligature is stable in NFC only");
    CHECK((norm_quick_char(q, 0xA0) & NQ_SPACE) && (norm_quick_char(q, 0x2029) & NQ_SPACE) &&
          (norm_quick_char(q, 0x200B) & NQ_CONTROL) && (norm_quick_char(q, 0x85) & NQ_CONTROL) &&
          !(norm_quick_char(q, 0x2019) & (NQ_SPACE | NQ_CONTROL)),
          "spaces and controls are told apart");
    unorm_free(&u);
    buf_free(&out);
}

/* Pieces each step acts on (and some none does), for random texts. */
static const char *const pieces[] = {
    "word", "Word", " ", " ", " ", "\n", "\n\n", "\t", "  ", " \n", "\r\n", "\r", "\x0C",
    "\x01", "\x7F", "&", "&amp;", "&eacute;", "&#8217;", "&#195;&#169;", "\xE2\x80\x99",
    "\xC3\xA9", "\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2", "\xC3\x83\xC2\xA9", "\xC3\xA9\xC2\xA0",
    "\xC3", "\xC2\xA0", "\xE2\x80\x83", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\x8B",
    "\xE2\x80\x8D", "\xC2\xAD", "\xEF\xBB\xBF", "\xC2\x85", "e\xCC\x81", "\xCC\x81",
    "\xCC\xA3", "\xE2\x84\xAB", "\xEF\xAC\x81", "\xE1\x84\x80", "\xE1\x85\xA1", "\xEA\xB0\x80",
    "\xF0\x9F\x91\xA8", "\xE2\x80\x9C", "\xE2\x80\x94", "\xE2\x80\xA6", "\xC2\xB2", "\xCE\xA3",
    "\xD9\x85", "\xE0\xAC\xBE", "\xE0\xAD\x87", "\xC3\x9F", "ab12", ". ", "x", "\xFF"};

static void random_text(uint64_t *state, struct buf *text)
{
    buf_reset(text);
    size_t count = (size_t)(splitmix64(state) % 24);
    for (size_t i = 0; i < count; i++)
        buf_append_str(text, pieces[splitmix64(state) % (sizeof pieces / sizeof *pieces)]);
    if (!text->data)
        buf_append(text, "", 0);
}

/* The chain with the quick check and without it: same text, same counts. */
static void test_same_as_every_step(void)
{
    const unsigned step_sets[] = {NORM_DEFAULT_STEPS, ALL_STEPS, NORM_BIT(NORM_MOJIBAKE),
                                  NORM_BIT(NORM_ENTITIES), NORM_BIT(NORM_UNICODE),
                                  NORM_BIT(NORM_CONTROLS), NORM_BIT(NORM_SPACES),
                                  NORM_BIT(NORM_PUNCT), NORM_BIT(NORM_LOWER)};
    uint64_t state = 7;
    struct buf text = BUF_INIT, fast_out = BUF_INIT;
    long tried = 0, differ = 0, skipped_some = 0;
    for (size_t k = 0; k < sizeof step_sets / sizeof *step_sets; k++) {
        for (int form = 0; form < 2; form++) {
            enum norm_form nf = form ? NORM_NFKC : NORM_NFC;
            struct normalizer *fast = normalizer_new(step_sets[k], nf);
            struct normalizer *slow = normalizer_new(step_sets[k], nf);
            normalizer_run_every_step(slow, true);
            for (int i = 0; i < 3000; i++) {
                random_text(&state, &text);
                struct norm_counts cf, cs;
                memset(&cf, 0, sizeof cf);
                memset(&cs, 0, sizeof cs);
                const char *out;
                size_t len;
                bool changed_fast = normalizer_run(fast, text.data, text.len, &out, &len, &cf);
                buf_reset(&fast_out);
                buf_append(&fast_out, out, len);
                bool changed_slow = normalizer_run(slow, text.data, text.len, &out, &len, &cs);
                tried++;
                if (changed_fast != changed_slow || len != fast_out.len ||
                    memcmp(out, fast_out.data, len) != 0 || memcmp(&cf, &cs, sizeof cf) != 0) {
                    if (differ == 0)
                        printf("# differs on steps %#x form %d: \"%s\"\n", step_sets[k], form,
                               text.data);
                    differ++;
                }
                skipped_some += !changed_fast;
            }
            normalizer_free(fast);
            normalizer_free(slow);
        }
    }
    CHECK(differ == 0, "the quick check changes nothing: %ld random texts, %ld differ", tried,
          differ);
    CHECK(skipped_some > 0, "some texts need no step (%ld)", skipped_some);
    buf_free(&text);
    buf_free(&fast_out);
}

/* Where no mojibake candidate may start, mojibake_repair changes nothing. */
static void test_mojibake_may_start(void)
{
    uint64_t state = 11;
    struct buf text = BUF_INIT, out = BUF_INIT, scratch = BUF_INIT;
    long wrong = 0, repaired = 0;
    for (int i = 0; i < 20000; i++) {
        random_text(&state, &text);
        bool may = false;
        for (size_t p = 0; p < text.len && !may; p++)
            may = mojibake_may_start(text.data, text.len, p);
        size_t n = mojibake_repair(text.data, text.len, &out, &scratch);
        repaired += n > 0;
        wrong += n > 0 && !may;
    }
    CHECK(repaired > 0 && wrong == 0, "repairs happen only where a candidate may start (%ld of %ld)",
          wrong, repaired);
    buf_free(&text);
    buf_free(&out);
    buf_free(&scratch);
}

static void test_scan(struct norm_quick *q)
{
    unsigned d = NORM_DEFAULT_STEPS;
#define STEPS(s) norm_quick_steps(q, d, NORM_NFC, s, strlen(s))
    CHECK(STEPS("A plain sentence. Another one, with ’quotes’ and café.\n\nNext paragraph.") == 0,
          "clean text needs no step");
    CHECK(STEPS("") == 0, "the empty text needs no step");
    CHECK(STEPS("Two  spaces in a long enough sentence") == NORM_BIT(NORM_SPACES),
          "a double space needs spaces (found eight bytes at a time)");
    CHECK(STEPS("trailing space at the very end of it ") == NORM_BIT(NORM_SPACES),
          "a trailing space needs spaces");
    CHECK(STEPS("three\n\n\nbreaks") == NORM_BIT(NORM_SPACES), "three line breaks need spaces");
    CHECK(STEPS("a long enough run of words &amp; more") == NORM_BIT(NORM_ENTITIES), "& needs entities");
    CHECK(STEPS("a long enough run of words caf\xC3\xA9\xC2\xA0x") ==
              (NORM_BIT(NORM_MOJIBAKE) | NORM_BIT(NORM_SPACES)),
          "é before NBSP may be mojibake; NBSP needs spaces");
    CHECK(STEPS("a long enough run of words e\xCC\x81") == NORM_BIT(NORM_UNICODE),
          "a combining mark needs nfc");
    CHECK(STEPS("zero\xE2\x80\x8Bwidth") == NORM_BIT(NORM_CONTROLS), "a zero-width space needs controls");
    CHECK(norm_quick_steps(q, NORM_BIT(NORM_LOWER), NORM_NFC, "abc Def", 7) == NORM_BIT(NORM_LOWER),
          "a capital needs lower");
    CHECK(norm_quick_steps(q, NORM_BIT(NORM_UNICODE), NORM_NFKC, "\xEF\xAC\x81", 3) ==
              NORM_BIT(NORM_UNICODE),
          "the ﬁ ligature needs nfkc");
#undef STEPS
}

int main(void)
{
    struct norm_quick q;
    norm_quick_init(&q);
    test_stable_never_composes(&q);
    test_stable_is_kept(&q);
    test_scan(&q);
    norm_quick_free(&q);
    test_same_as_every_step();
    test_mojibake_may_start();
    return CHECK_DONE();
}
