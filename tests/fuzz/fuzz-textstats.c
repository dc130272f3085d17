/* libFuzzer target: the stats of lib/textstats.h, over the input as a text
 * (in a buffer of exactly its size, so that ASan sees a read past the end).
 *
 * Properties (a violation aborts):
 *  - the counts agree with one another: chars <= bytes, letters <= chars,
 *    uppercase <= letters, unique words <= words, a text with words has a
 *    sentence and no more sentences than words, duplicated lines and
 *    paragraphs <= lines and paragraphs, the words the top n-grams cover
 *    <= the characters of all words; every fraction is in [0, 1];
 *  - the scratch carries nothing from one text to the next: the input's
 *    stats are the same measured first, after its first half, and with a
 *    fresh scratch;
 *  - the JSON written is one object that Jansson accepts.
 */
#include <jansson.h>
#include <string.h>

#include "fuzz-util.h"
#include "textstats.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_textstats_name = "textstats";

static void fz_textstats_at_most(size_t part, size_t whole, const char *what)
{
    if (part > whole)
        fuzz_fail(fz_textstats_name, "%s: %zu > %zu", what, part, whole);
}

static void fz_textstats_fraction(double f, const char *what)
{
    if (!(f >= 0.0 && f <= 1.0))
        fuzz_fail(fz_textstats_name, "%s = %g, not in [0, 1]", what, f);
}

static void fz_textstats_check(const struct text_stats *st)
{
    fz_textstats_at_most(st->chars, st->bytes, "chars <= bytes");
    fz_textstats_at_most(st->letters, st->chars, "letters <= chars");
    fz_textstats_at_most(st->uppercase, st->letters, "uppercase <= letters");
    fz_textstats_at_most(st->unique_words, st->words, "unique words <= words");
    fz_textstats_at_most(st->sentences, st->words, "sentences <= words");
    if (st->words > 0 && st->sentences == 0)
        fuzz_fail(fz_textstats_name, "%zu words in no sentence", st->words);
    fz_textstats_at_most(st->dup_lines, st->lines, "duplicate lines <= lines");
    fz_textstats_at_most(st->dup_paras, st->paragraphs, "duplicate paragraphs <= paragraphs");
    fz_textstats_at_most(st->paragraphs, st->lines, "paragraphs <= lines");
    for (int n = 0; n < 3; n++)
        fz_textstats_at_most(st->top_ngram_chars[n], st->word_chars, "top n-gram chars <= word chars");
    const double fractions[] = {
        st->upper_fraction,          st->all_caps_word_fraction, st->digit_fraction,
        st->punct_fraction,          st->stopword_fraction,      st->unique_word_fraction,
        st->dup_line_fraction,       st->dup_line_char_fraction, st->dup_para_fraction,
        st->dup_para_char_fraction,  st->top_2gram_char_fraction, st->top_3gram_char_fraction,
        st->top_4gram_char_fraction, st->bullet_line_fraction,   st->ellipsis_line_fraction};
    for (size_t i = 0; i < sizeof fractions / sizeof *fractions; i++)
        fz_textstats_fraction(fractions[i], "a fraction");
}

static bool fz_textstats_same(const struct text_stats *a, const struct text_stats *b)
{
    /* Every member is computed from the text alone, in the same order:
     * the same bytes, or the scratch leaked into the result. */
    return memcmp(a, b, sizeof *a) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = xmalloc(size ? size : 1);
    memcpy(text, data, size);
    struct text_stats_scratch *scratch = text_stats_scratch_new();
    struct text_stats first, again, fresh;
    text_stats_compute(text, size, scratch, &first);
    fz_textstats_check(&first);

    struct text_stats half;
    text_stats_compute(text, size / 2, scratch, &half);
    fz_textstats_check(&half);
    text_stats_compute(text, size, scratch, &again);
    struct text_stats_scratch *other = text_stats_scratch_new();
    text_stats_compute(text, size, other, &fresh);
    if (!fz_textstats_same(&first, &again) || !fz_textstats_same(&first, &fresh))
        fuzz_fail(fz_textstats_name, "the stats of %zu bytes depend on what was measured before", size);

    struct buf json = BUF_INIT;
    text_stats_json(text, size, scratch, &json);
    json_error_t err;
    json_t *v = json_loadb(json.data, json.len, JSON_REJECT_DUPLICATES, &err);
    if (!json_is_object(v))
        fuzz_fail(fz_textstats_name, "stats JSON rejected: %s: %.200s", err.text, json.data);
    json_decref(v);
    buf_free(&json);
    text_stats_scratch_free(other);
    text_stats_scratch_free(scratch);
    free(text);
    return 0;
}
