/* libFuzzer target: lib/normalize.h, each step alone (mojibake, entities,
 * nfc, nfkc, controls, spaces, punct, lower), the default chain in both
 * forms and every step at once, over the input made valid UTF-8 (as
 * winnow-normalize repairs raw text first); and the dedupe key.
 *
 * Properties (a violation aborts):
 *  - the output is valid UTF-8;
 *  - normalizer_run says "changed" exactly when the output differs;
 *  - idempotence (SPEC "Normalizing"): normalizing the output again with
 *    the same steps changes nothing;
 *  - the dedupe key is valid UTF-8.
 */
#include <string.h>

#include "fuzz-util.h"
#include "normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_normalize_name = "normalize";

struct fz_normalize_config {
    const char *name;
    unsigned steps;
    enum norm_form form;
};

static const struct fz_normalize_config fz_normalize_configs[] = {
    {"mojibake", NORM_BIT(NORM_MOJIBAKE), NORM_NFC},
    {"entities", NORM_BIT(NORM_ENTITIES), NORM_NFC},
    {"nfc", NORM_BIT(NORM_UNICODE), NORM_NFC},
    {"nfkc", NORM_BIT(NORM_UNICODE), NORM_NFKC},
    {"controls", NORM_BIT(NORM_CONTROLS), NORM_NFC},
    {"spaces", NORM_BIT(NORM_SPACES), NORM_NFC},
    {"punct", NORM_BIT(NORM_PUNCT), NORM_NFC},
    {"lower", NORM_BIT(NORM_LOWER), NORM_NFC},
    {"default", NORM_DEFAULT_STEPS, NORM_NFC},
    {"default,nfkc", NORM_DEFAULT_STEPS, NORM_NFKC},
    {"all,nfkc", (1u << NORM_STEP_COUNT) - 1, NORM_NFKC},
};

static void fz_normalize_one(const struct fz_normalize_config *c, const struct buf *text)
{
    struct normalizer *nz = normalizer_new(c->steps, c->form);
    const char *out;
    size_t len;
    bool changed = normalizer_run(nz, text->data, text->len, &out, &len, NULL);
    if (!utf8_is_valid(out, len))
        fuzz_fail(fz_normalize_name, "%s: output is not valid UTF-8", c->name);
    bool differs = len != text->len || memcmp(out, text->data, len) != 0;
    if (changed != differs)
        fuzz_fail(fz_normalize_name, "%s: says changed=%d, output differs=%d", c->name,
                  (int)changed, (int)differs);
    struct buf once = BUF_INIT;
    buf_append(&once, out, len);
    buf_append(&once, "", 0);
    const char *twice;
    size_t twice_len;
    if (normalizer_run(nz, once.data, once.len, &twice, &twice_len, NULL) ||
        twice_len != once.len || memcmp(twice, once.data, once.len) != 0)
        fuzz_fail(fz_normalize_name, "%s: not idempotent: \"%.100s\" became \"%.100s\"",
                  c->name, once.data, twice);
    buf_free(&once);
    normalizer_free(nz);
}

static void fz_normalize_key(const struct buf *text)
{
    struct normalizer *nz = normalizer_new(NORM_DEFAULT_STEPS, NORM_NFC);
    const char *key;
    size_t len;
    normalizer_key(nz, text->data, text->len, &key, &len);
    if (!utf8_is_valid(key, len))
        fuzz_fail(fz_normalize_name, "key: not valid UTF-8");
    normalizer_free(nz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf text = BUF_INIT;
    fuzz_text(data, size, &text);
    size_t configs = sizeof fz_normalize_configs / sizeof fz_normalize_configs[0];
    for (size_t i = 0; i < configs; i++)
        fz_normalize_one(&fz_normalize_configs[i], &text);
    fz_normalize_key(&text);
    buf_free(&text);
    return 0;
}
