/* test-normalize.c — each normalization step alone, the default chain, the
 * dedupe key, idempotence and the steady state without allocation. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "normalize.h"

#define ALL_STEPS ((1u << NORM_STEP_COUNT) - 1)

static struct buf result = BUF_INIT;

/* s through a fresh normalizer running `steps`; what changed in *counts. */
static const char *norm(unsigned steps, enum norm_form form, const char *s,
                        struct norm_counts *counts)
{
    struct normalizer *nz = normalizer_new(steps, form);
    const char *out;
    size_t len;
    struct norm_counts local;
    memset(&local, 0, sizeof local);
    normalizer_run(nz, s, strlen(s), &out, &len, counts ? counts : &local);
    buf_reset(&result);
    buf_append(&result, out, len);
    normalizer_free(nz);
    return result.data;
}

static const char *step(enum norm_step st, const char *s)
{
    return norm(NORM_BIT(st), NORM_NFC, s, NULL);
}

static void test_names(void)
{
    enum norm_form form = NORM_NFC;
    CHECK(norm_step_parse("mojibake", 8, &form) == NORM_MOJIBAKE, "mojibake is a step");
    CHECK(norm_step_parse("nfkc", 4, &form) == NORM_UNICODE && form == NORM_NFKC,
          "nfkc names the Unicode step in NFKC");
    CHECK(norm_step_parse("nfc", 3, &form) == NORM_UNICODE && form == NORM_NFC, "nfc names it in NFC");
    CHECK(norm_step_parse("lowe", 4, NULL) == -1 && norm_step_parse("", 0, NULL) == -1,
          "unknown and empty names are not steps");
    CHECK_STR(norm_step_name(NORM_UNICODE, NORM_NFKC), "nfkc", "the step is named after its form");
    CHECK_STR(norm_step_name(NORM_LOWER, NORM_NFC), "lower", "lower is named lower");
}

static void test_each_step(void)
{
    /* mojibake alone: nothing else changes. */
    CHECK_STR(step(NORM_MOJIBAKE, "It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s  &amp;\xC2\xA0x"),
              "It’s  &amp;\xC2\xA0x", "mojibake alone");
    CHECK_STR(step(NORM_ENTITIES, "caf&eacute;  &#8217; Ã©"), "café  ’ Ã©", "entities alone");
    CHECK_STR(step(NORM_UNICODE, "e\xCC\x81 \xE2\x84\xAB \xEF\xAC\x81"), "é Å ﬁ",
              "nfc alone: composes, keeps compatibility characters");
    CHECK_STR(norm(NORM_BIT(NORM_UNICODE), NORM_NFKC, "e\xCC\x81 \xE2\x84\xAB \xEF\xAC\x81 \xC2\xB2", NULL),
              "é Å fi 2", "nfkc alone: compatibility characters folded");
    CHECK_STR(step(NORM_UNICODE, "a\xCC\x81\xCC\xA3"), "ạ\xCC\x81", "nfc reorders marks (acute after dot below)");
    CHECK_STR(step(NORM_UNICODE, "\xE1\x84\x80\xE1\x85\xA1"), "가", "nfc composes Hangul jamo");
    CHECK_STR(step(NORM_CONTROLS, "zero\xE2\x80\x8Bwidth soft\xC2\xADhyphen \xEF\xBB\xBF" "bom "
                                  "\xE2\x80\x8Ertl\xE2\x80\x8F \xE2\x80\xAA" "embed\xE2\x80\xAC"),
              "zerowidth softhyphen bom rtl embed", "controls: zero-width, soft hyphen, BOM, bidi marks");
    CHECK_STR(step(NORM_CONTROLS, "a\tb\nc\r\nd\re\x01\x7F" "f\x0C" "g"), "a\tb\nc\nd\nef\ng",
              "controls: tab and newline stay, CR LF and CR and FF become newline, C0 go");
    CHECK_STR(step(NORM_CONTROLS, "👨\xE2\x80\x8D👩 \xE2\x80\x8Dx y\xE2\x80\x8C"), "👨\xE2\x80\x8D👩 x y",
              "controls: ZWJ stays inside an emoji sequence, goes at word edges");
    CHECK_STR(step(NORM_CONTROLS, "\xD9\x85\xE2\x80\x8C\xD9\x8A"), "\xD9\x85\xE2\x80\x8C\xD9\x8A",
              "controls: ZWNJ stays between Arabic-script letters");
    CHECK_STR(step(NORM_SPACES, "  a\xC2\xA0\xC2\xA0" "b\xE2\x80\x83 c\t\td  \n  e \n\n\n\n f  \n"),
              "a b c d\ne\n\nf", "spaces: NBSP, em space, tabs; runs; trimmed lines; 3+ newlines");
    CHECK_STR(step(NORM_SPACES, "a\xE2\x80\xA8" "b\xE2\x80\xA9" "c"), "a\nb\n\nc",
              "spaces: line and paragraph separators");
    CHECK_STR(step(NORM_SPACES, " \n \t "), "", "spaces: white space alone becomes empty");
    CHECK_STR(step(NORM_PUNCT, "“Don’t” ‘x’ «y» a–b c—d e…"), "\"Don't\" 'x' \"y\" a-b c-d e...",
              "punct: quotes, guillemets, dashes, ellipsis");
    CHECK_STR(step(NORM_PUNCT, "ÂGE £5"), "ÂGE £5", "punct leaves letters and £");
    CHECK_STR(step(NORM_LOWER, "ÀB Straße ΣΑΣ İ"), "àb strasse σασ i̇", "lower: full case folding");
}

static void test_counts(void)
{
    struct norm_counts c;
    memset(&c, 0, sizeof c);
    norm(NORM_DEFAULT_STEPS, NORM_NFC, "caf\xC3\x83\xC2\xA9 &amp; &lt; e\xCC\x81 x\xE2\x80\x8By  z ", &c);
    CHECK(c.step[NORM_MOJIBAKE] == 1 && c.step[NORM_ENTITIES] == 2 && c.step[NORM_UNICODE] == 1 &&
          c.step[NORM_CONTROLS] == 1 && c.step[NORM_SPACES] == 2,
          "counts: mojibake %llu, entities %llu, nfc %llu, controls %llu, spaces %llu",
          c.step[NORM_MOJIBAKE], c.step[NORM_ENTITIES], c.step[NORM_UNICODE],
          c.step[NORM_CONTROLS], c.step[NORM_SPACES]);
}

static void test_default_chain(void)
{
    CHECK_STR(norm(NORM_DEFAULT_STEPS, NORM_NFC,
                   "  It\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s \xC3\x82\xC2\xA3" "5 &amp; caf&eacute;\xC2\xA0\xC2\xA0"
                   "to\xE2\x80\x8B" "day\n\n\n\nNext\xC2\xA0line ",
                   NULL),
              "It’s £5 & café today\n\nNext line", "default chain: mojibake, entities, NBSP, zero-width");
    /* Work one step makes for an earlier one is done in the same run. */
    CHECK_STR(norm(NORM_DEFAULT_STEPS, NORM_NFC, "caf\xC3\x83&#169;", NULL), "café",
              "a decoded reference that spells mojibake is repaired");
    CHECK_STR(norm(NORM_DEFAULT_STEPS, NORM_NFC, "&am\xC2\xADp;", NULL), "&",
              "a removed soft hyphen that completes a reference");
    CHECK_STR(norm(NORM_DEFAULT_STEPS, NORM_NFC, "e\xE2\x80\x8B\xCC\x81", NULL), "é",
              "a removed zero-width space lets a mark compose");
    CHECK_STR(norm(NORM_DEFAULT_STEPS, NORM_NFC, "&rsquo\xCD\xBE", NULL), "’",
              "NFC's ';' (from U+037E) completes a reference");
}

/* Correct text in many languages, with typographic quotes and £. */
static const char *const correct_text[] = {
    "déjà vu", "Noël", "garçon", "œuvre", "À bientôt", "l’été", "Besançon", "ÂGE D’OR",
    "Straße", "Müller", "Österreich", "Ärger", "Düsseldorf", "Fußgängerübergänge",
    "mañana", "Peñíscola", "¿Qué pasó?", "¡Olé!", "niño", "São Paulo", "coração", "Açores",
    "NÃO", "irmã", "Ærøskøbing", "Øresund", "Åland", "Æsir", "smørrebrød", "Łódź",
    "Wrocław", "źdźbło", "Gdańsk", "Dvořák", "příliš žluťoučký kůň", "Erdős Pál", "Győr",
    "İstanbul", "Eskişehir", "ağaç", "București", "Timișoara", "ROMÂNIA", "Þingvellir",
    "Reykjavík", "Eyjafjallajökull", "Tiếng Việt", "Hà Nội", "Čakovec", "Šibenik", "Đakovo",
    "Rīga", "Ķemeri", "naïve", "Ångström", "résumé", "façade", "Zoë", "Brontë",
    "“quoted”", "‘single’", "em — dash", "en – dash", "wait…", "£277m", "€5", "±3", "×2",
    "50°C", "It’s “£5”, isn’t it?"};

static void test_correct_text_kept(void)
{
    size_t n = sizeof correct_text / sizeof *correct_text;
    struct buf all = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        CHECK_STR(norm(NORM_DEFAULT_STEPS, NORM_NFC, correct_text[i], NULL), correct_text[i],
                  "correct text kept: %s", correct_text[i]);
        buf_printf(&all, "%s%s", i ? " " : "", correct_text[i]);
    }
    CHECK_STR(norm(NORM_DEFAULT_STEPS, NORM_NFC, all.data, NULL), all.data,
              "all %zu correct texts in one line kept", n);
    buf_free(&all);
}

static void test_key(void)
{
    struct normalizer *nz = normalizer_new(NORM_DEFAULT_STEPS, NORM_NFC);
    const char *key;
    size_t len;
    const char *text = "  Héllo,\xC2\xA0WORLD!  It’s \xEF\xAC\x81ne — ＡＢＣ &amp; 3½ ";
    normalizer_key(nz, text, strlen(text), &key, &len);
    CHECK_STR(key, "héllo world its fine abc 31⁄2", "key: NFKC, folded, no punctuation, spaces folded");
    text = "caf\xC3\x83\xC2\xA9\n\nCAFE\xCC\x81";
    normalizer_key(nz, text, strlen(text), &key, &len);
    CHECK_STR(key, "café café", "key: mojibake repaired and NFC before folding");
    normalizer_free(nz);
}

static void test_idempotent(void)
{
    static const char *const inputs[] = {
        "Ã¢â‚¬â„¢ &amp;amp; \xC2\xA0 x", "caf\xC3\x83&#169;", "&am\xC2\xADp;", "e\xE2\x80\x8B\xCC\x81",
        "&amp\xCD\xBE", "&rsquo\xCD\xBE", "ÉTÉ… “Ô»", "\xC3\x83\xE2\x80\x8B\xC2\xA9", "&Amp; &NBSP; ΣΑΣ", "&#195;&#169;",
        "\xEF\xBC\x86" "amp;", "a\r\n\r\n\r\nb", "  \n\n  ", "", "x&#x200B;y",
        "\xCC\x81 leading mark", "Ä&#x2013;g"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        for (enum norm_form form = NORM_NFC; form <= NORM_NFKC; form++) {
            unsigned sets[] = {NORM_DEFAULT_STEPS, ALL_STEPS};
            for (size_t k = 0; k < 2; k++) {
                char *once = xstrdup(norm(sets[k], form, inputs[i], NULL));
                CHECK_STR(norm(sets[k], form, once, NULL), once, "twice equals once (%s, %s): input %zu",
                          form == NORM_NFC ? "nfc" : "nfkc", k ? "all steps" : "default", i);
                free(once);
            }
        }
    }
}

/* Random texts made of the pieces that make steps interact (mojibake
 * halves, reference parts, marks, zero-width and space characters, stray
 * bytes): normalizing twice must equal normalizing once for each of them. */
static void test_idempotent_random(void)
{
    static const char *const pieces[] = {
        "Ã", "©", "Â", "£", "â", "€", "™", "&", "amp", ";", "#", "38", "x26", "lt", "\xE2\x80\x8B",
        "\xCC\x81", "\xCC\xA3", "e", "E", "\xC2\xA0", " ", "\n", "\t", "\r", "’", "”", "…", "Ð",
        "\xC2\xAD", "ß", "İ", "Σ", "\xEF\xBC\x86", "\xCD\xBE", "copy", "eacute", "\xE2\x80\x8D",
        "\xE1\x84\x80", "\xE1\x85\xA1", "\xE2\x80\xA8", "\xE2\x80\xA9", "Ä", "°", "\xC2\x89",
        "AMP", "NBSP", "ǅ", "ﬁ", "\x01", "\xF8", "\xE2\x82"};
    size_t n_pieces = sizeof pieces / sizeof *pieces;
    unsigned sets[] = {NORM_DEFAULT_STEPS, ALL_STEPS};
    struct normalizer *nz[4];
    for (int k = 0; k < 4; k++)
        nz[k] = normalizer_new(sets[k % 2], k < 2 ? NORM_NFC : NORM_NFKC);
    struct buf text = BUF_INIT, once = BUF_INIT;
    unsigned long long state = 42;
    int failures = 0, tried = 0;
    for (int iter = 0; iter < 5000; iter++) {
        buf_reset(&text);
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        int len = 1 + (int)(state >> 60);
        for (int i = 0; i < len; i++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            buf_append_str(&text, pieces[(state >> 33) % n_pieces]);
        }
        for (int k = 0; k < 4; k++) {
            const char *out;
            size_t out_len;
            normalizer_run(nz[k], text.data, text.len, &out, &out_len, NULL);
            buf_reset(&once);
            buf_append(&once, out, out_len);
            normalizer_run(nz[k], once.data, once.len, &out, &out_len, NULL);
            failures += out_len != once.len || memcmp(out, once.data, out_len) != 0;
            tried++;
        }
    }
    CHECK(failures == 0, "twice equals once on %d random texts (%d differ)", tried, failures);
    for (int k = 0; k < 4; k++)
        normalizer_free(nz[k]);
    buf_free(&text);
    buf_free(&once);
}

/* Once it has seen the longest text, the normalizer's buffers stop growing:
 * normalizing more records allocates nothing. */
static void test_steady_state(void)
{
    struct normalizer *nz = normalizer_new(ALL_STEPS, NORM_NFC);
    struct buf text = BUF_INIT;
    for (int i = 0; i < 200; i++)
        buf_printf(&text, "Ã©t&amp;é e\xCC\x81 \xE2\x80\x8B x\xC2\xA0 “y” %d\n\n\n", i);
    const char *out;
    size_t len;
    struct norm_counts c;
    memset(&c, 0, sizeof c);
    for (int round = 0; round < 3; round++)
        normalizer_run(nz, text.data, text.len, &out, &len, &c);
    size_t warm = normalizer_footprint(nz);
    for (int round = 0; round < 5; round++)
        for (size_t cut = 0; cut < text.len; cut += 97)
            normalizer_run(nz, text.data + cut, text.len - cut, &out, &len, &c);
    CHECK(normalizer_footprint(nz) == warm, "steady state: footprint %zu stays %zu",
          normalizer_footprint(nz), warm);
    buf_free(&text);
    normalizer_free(nz);
}

/* A huge text's buffers are given back at the next record; a result fed
 * back in (it lives in the normalizer's own buffer) is not freed under it. */
static void test_huge_then_small(void)
{
    struct normalizer *nz = normalizer_new(ALL_STEPS, NORM_NFC);
    struct buf text = BUF_INIT;
    while (text.len < 3 * SCRATCH_KEEP_BYTES)
        buf_append_str(&text, "Ã©t&amp;é  x\xC2\xA0 “y”\n\n\n");
    const char *out;
    size_t len;
    normalizer_run(nz, text.data, text.len, &out, &len, NULL);
    CHECK(normalizer_footprint(nz) > 2 * SCRATCH_KEEP_BYTES, "a huge text grows the buffers (%zu)",
          normalizer_footprint(nz));
    struct buf once = BUF_INIT;
    buf_append(&once, out, len);
    normalizer_run(nz, out, len, &out, &len, NULL); /* its own result, in place */
    CHECK(len == once.len && memcmp(out, once.data, len) == 0, "the huge result normalized again is unchanged");
    normalizer_run(nz, "a&amp;b", 7, &out, &len, NULL);
    CHECK(len == 3 && memcmp(out, "a&b", 3) == 0, "a small text after it");
    normalizer_run(nz, "c&amp;d", 7, &out, &len, NULL);
    CHECK(normalizer_footprint(nz) < 2 * SCRATCH_KEEP_BYTES, "the huge text's buffers are given back (%zu)",
          normalizer_footprint(nz));
    buf_free(&text);
    buf_free(&once);
    normalizer_free(nz);
}

/* A text given in normalizer_input's buffer is overwritten as the steps
 * work: the result and the verdict must be those of a caller's copy. */
static void test_input_buffer(void)
{
    const char *texts[] = {
        "plain text, nothing to do",
        "two  spaces",                        /* one step */
        "x\xE2\x80\x8By  z",                  /* controls, then spaces */
        "caf\xC3\x83\xC2\xA9 &amp;amp; \xC3\x83\xC2\xA9t\xC3\x83\xC2\xA9", /* rounds in two steps */
        "&#195;&#169;t&#195;&#169;  ok",      /* entities give mojibake: a second pass */
        "\xC3\x83\xC2\xA9",                   /* mojibake alone */
        "",
    };
    struct normalizer *nz = normalizer_new(ALL_STEPS, NORM_NFC);
    struct buf want = BUF_INIT;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *out;
        size_t len, n = strlen(texts[i]);
        bool changed = normalizer_run(nz, texts[i], n, &out, &len, NULL);
        buf_reset(&want);
        buf_append(&want, out, len);
        struct buf *in = normalizer_input(nz);
        CHECK(in->len == 0, "the input buffer comes empty");
        buf_append(in, texts[i], n);
        bool changed_in = normalizer_run(nz, in->data, in->len, &out, &len, NULL);
        CHECK(changed_in == changed, "text %zu: the same verdict (%d, %d)", i, changed_in, changed);
        CHECK(len == want.len && memcmp(out, want.data, len) == 0, "text %zu: the same result", i);
    }
    /* A huge one costs the two buffers, not a third. */
    struct buf *in = normalizer_input(nz);
    while (in->len < 3 * SCRATCH_KEEP_BYTES)
        buf_append_str(in, "\xC3\x83\xC2\xA9t&amp;amp;\xE2\x80\x8B  x\n");
    size_t n = in->len;
    const char *out;
    size_t len;
    CHECK(normalizer_run(nz, in->data, in->len, &out, &len, NULL), "the huge text changes");
    CHECK(normalizer_footprint(nz) < 3 * n, "the huge text costs two buffers (%zu for %zu bytes)",
          normalizer_footprint(nz), n);
    buf_free(&want);
    normalizer_free(nz);
}

int main(void)
{
    test_names();
    test_huge_then_small();
    test_input_buffer();
    test_each_step();
    test_counts();
    test_default_chain();
    test_correct_text_kept();
    test_key();
    test_idempotent();
    test_idempotent_random();
    test_steady_state();
    buf_free(&result);
    return CHECK_DONE();
}
