/* Unit tests of lib/dedupe: the rule (exact, near, earliest kept, chains),
 * the signer, similarity text. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "dedupe.h"

enum { PERMS = 10 };

/* An item whose band keys are its signature (10 bands of 1 row). */
struct fake {
    struct dedupe_item item;
    uint32_t keys[PERMS];
    uint16_t sig[PERMS];
};

static struct dedupe_item *fake(struct fake *f, const uint16_t *sig, uint64_t exact)
{
    memcpy(f->sig, sig, sizeof f->sig);
    for (int i = 0; i < PERMS; i++)
        f->keys[i] = sig[i];
    f->item.has_exact = true;
    f->item.exact.lo = exact;
    f->item.exact.hi = 0;
    f->item.has_near = true;
    f->item.keys = f->keys;
    f->item.compact = f->sig;
    return &f->item;
}

static void rule_tests(void)
{
    struct dedupe_params p = {DEDUPE_BOTH, {5, false}, PERMS, PERMS, 0, 0.7, 0, 0};
    dedupe_params_finish(&p);
    CHECK(p.rows == 1 && p.needed == 7, "needed = ceil(0.7 * 10) = 7 (%u)", p.needed);
    struct dedupe *d = dedupe_new(&p);
    struct dedupe_verdict v;
    struct fake f;
    const uint16_t A[PERMS] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const uint16_t B[PERMS] = {1, 2, 3, 4, 5, 6, 7, 80, 90, 100};    /* 7/10 with A */
    const uint16_t C[PERMS] = {1, 2, 3, 4, 50, 60, 70, 80, 90, 100}; /* 7/10 with B, 4 with A */
    const uint16_t D[PERMS] = {1, 2, 3, 4, 5, 6, 7, 8, 90, 100};    /* 8 with A, 6 with C */

    dedupe_decide(d, "A", 1, fake(&f, A, 1), &v);
    CHECK(v.type == DEDUPE_KEPT && v.of == 0, "the first record is kept");
    dedupe_decide(d, "A2", 2, fake(&f, B, 1), &v);
    CHECK(v.type == DEDUPE_EXACT_DUP && v.of == 0, "the same exact hash: an exact duplicate");
    dedupe_decide(d, "B", 1, fake(&f, B, 2), &v);
    CHECK(v.type == DEDUPE_NEAR_DUP && v.of == 0 && v.matches == 7, "7 of 10 agree: near duplicate of A");
    dedupe_decide(d, "C", 1, fake(&f, C, 3), &v);
    CHECK(v.type == DEDUPE_KEPT, "a chain: C ~ B ~ A but C !~ A, and B is no candidate: C is kept");
    dedupe_decide(d, "B2", 2, fake(&f, B, 2), &v);
    CHECK(v.type == DEDUPE_NEAR_DUP && v.of == 0,
          "a copy of a near duplicate is a near duplicate of its kept record, not exact");
    dedupe_decide(d, "D", 1, fake(&f, D, 4), &v);
    CHECK(v.type == DEDUPE_NEAR_DUP && v.of == 0 && v.matches == 8, "the earliest kept match wins");
    const uint16_t E[PERMS] = {1, 2, 3, 4, 50, 60, 70, 8, 9, 10};   /* 7 with A, 7 with C */
    dedupe_decide(d, "E", 1, fake(&f, E, 5), &v);
    CHECK(v.type == DEDUPE_NEAR_DUP && v.of == 0, "two kept matches: the earlier is named");
    size_t len;
    CHECK_STR(dedupe_kept_id(d, 1, &len), "C", "kept ids are numbered in order");
    CHECK(dedupe_kept_count(d) == 2, "duplicates are not stored");

    struct dedupe_item none = {false, {0, 0}, false, NULL, NULL};
    dedupe_decide(d, "Z", 1, &none, &v);
    CHECK(v.type == DEDUPE_KEPT, "an item without signature is kept");
    dedupe_decide(d, "Z2", 2, &none, &v);
    CHECK(v.type == DEDUPE_KEPT, "and never matches another");
    dedupe_decide(d, "n\0l", 3, fake(&f, A, 77), &v);
    CHECK(v.type == DEDUPE_NEAR_DUP, "A again with another exact hash: near, similarity 1");
    CHECK(dedupe_memory(d) > 0, "memory is counted");
    dedupe_free(d);

    /* The bands where F agrees with the later kept record come first, so
     * the later one is found first: the earlier must still be named. */
    d = dedupe_new(&p);
    const uint16_t G[PERMS] = {11, 12, 13, 4, 5, 6, 7, 18, 19, 20}; /* 4 with A */
    const uint16_t F[PERMS] = {11, 12, 13, 4, 5, 6, 7, 8, 9, 10};   /* 7 with G, then 7 with A */
    dedupe_decide(d, "A", 1, fake(&f, A, 1), &v);
    dedupe_decide(d, "G", 1, fake(&f, G, 2), &v);
    CHECK(v.type == DEDUPE_KEPT && v.of == 1, "G shares 4 of 10 with A: kept");
    dedupe_decide(d, "F", 1, fake(&f, F, 3), &v);
    CHECK(v.type == DEDUPE_NEAR_DUP && v.of == 0 && v.matches == 7,
          "found through G first, the earlier A is named (of %u, %u matches)", v.of, v.matches);
    dedupe_decide(d, "F2", 2, fake(&f, G, 4), &v);
    CHECK(v.type == DEDUPE_NEAR_DUP && v.of == 1 && v.matches == 10,
          "a lookup after one that named A still finds G (of %u)", v.of);
    dedupe_free(d);

    struct dedupe_params exact_only = {DEDUPE_EXACT, {5, false}, PERMS, 0, 0, 0.7, 0, 0};
    dedupe_params_finish(&exact_only);
    d = dedupe_new(&exact_only);
    dedupe_decide(d, "A", 1, fake(&f, A, 1), &v);
    dedupe_decide(d, "B", 1, fake(&f, A, 2), &v);
    CHECK(v.type == DEDUPE_KEPT, "--mode exact: equal signatures alone do not make duplicates");
    dedupe_keep(d, "x\0y", 3, fake(&f, A, 3));
    CHECK(dedupe_kept_id(d, 2, &len) && len == 3, "an id with a NUL keeps its length");
    dedupe_free(d);
}

static void signer_tests(void)
{
    struct dedupe_params p = {DEDUPE_BOTH, {5, false}, 128, 0, 0, 0.7, 0, 0};
    dedupe_params_finish(&p);
    CHECK(p.bands == 32 && p.rows == 4 && p.needed == 90, "defaults: 32 bands of 4, 90 of 128");
    struct dedupe_signer *s = dedupe_signer_new(&p);
    struct dedupe *d = dedupe_new(&p);
    const char *post = "Today we see publication of an utterly damning annual report by the "
                       "chief inspector of probation which many will take as signalling the "
                       "beginning of the end for this disastrous piece of political vandalism.";
    const char *edited = "Today we see publication of an utterly damning annual report by the "
                         "chief inspector of probation which many will take as signalling the "
                         "beginning of the end for this disastrous piece of political vandalism!! "
                         "Update: the minister replied.";
    struct dedupe_item item;
    struct dedupe_verdict v;
    memset(&item, 0, sizeof item);
    dedupe_sign_exact(s, post, strlen(post), &item);
    dedupe_sign_near(s, post, strlen(post), &item);
    CHECK(dedupe_signer_words(s) == 34, "words counted (%zu)", dedupe_signer_words(s));
    dedupe_decide(d, "p", 1, &item, &v);
    dedupe_sign_exact(s, edited, strlen(edited), &item);
    dedupe_sign_near(s, edited, strlen(edited), &item);
    dedupe_decide(d, "p2", 2, &item, &v);
    CHECK(v.type == DEDUPE_NEAR_DUP && v.matches >= 100, "an added sentence: near duplicate (%u/128)", v.matches);
    dedupe_sign_near(s, "", 0, &item);
    CHECK(!item.has_near, "an empty text has no signature");
    dedupe_free(d);
    dedupe_signer_free(s);
}

static void similarity_tests(void)
{
    char text[16];
    struct dedupe_verdict v = {DEDUPE_NEAR_DUP, 0, 117};
    dedupe_similarity_text(&v, 128, text);
    CHECK_STR(text, "0.914", "117/128");
    v.matches = 64;
    dedupe_similarity_text(&v, 128, text);
    CHECK_STR(text, "0.5", "trailing zeros go");
    v.matches = 128;
    dedupe_similarity_text(&v, 128, text);
    CHECK_STR(text, "1", "all agree");
    v.matches = 1279;
    dedupe_similarity_text(&v, 1280, text);
    CHECK_STR(text, "0.999", "rounding below 1 stays below 1");
    v.type = DEDUPE_EXACT_DUP;
    v.matches = 0;
    dedupe_similarity_text(&v, 128, text);
    CHECK_STR(text, "1", "exact");
}

int main(void)
{
    rule_tests();
    signer_tests();
    similarity_tests();
    return CHECK_DONE();
}
