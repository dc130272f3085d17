/* Unit tests of lib/minhash: determinism, set semantics, accuracy. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "minhash.h"
#include "prng.h"

enum { PERMS = 128, SET = 300, TRIALS = 400 };

/* Mean and spread of the estimate for sets of Jaccard similarity j. */
static void estimate(const struct minhash *m, double j, uint64_t *seed, double *mean, double *sd,
                     double *truth)
{
    static uint32_t x[2 * SET], y[SET];
    uint32_t mx[PERMS], my[PERMS];
    uint16_t cx[PERMS], cy[PERMS];
    int shared = (int)(2.0 * SET * j / (1.0 + j) + 0.5);
    *truth = (double)shared / (2.0 * SET - shared);
    double sum = 0, sum2 = 0;
    for (int t = 0; t < TRIALS; t++) {
        for (int i = 0; i < 2 * SET; i++)
            x[i] = (uint32_t)splitmix64(seed);
        for (int i = 0; i < SET; i++)
            y[i] = i < shared ? x[i] : x[SET + i];
        minhash_sign(m, x, SET, mx);
        minhash_sign(m, y, SET, my);
        minhash_compact(mx, PERMS, cx);
        minhash_compact(my, PERMS, cy);
        double e = minhash_matches(cx, cy, PERMS) / (double)PERMS;
        sum += e;
        sum2 += e * e;
    }
    *mean = sum / TRIALS;
    *sd = sqrt(sum2 / TRIALS - *mean * *mean);
}

int main(void)
{
    struct minhash *m = minhash_new(PERMS);
    CHECK(minhash_perms(m) == PERMS, "perms");
    uint32_t set[6] = {11, 22, 33, 44, 55, 66}, shuffled[8] = {66, 11, 55, 22, 44, 33, 11, 66};
    uint32_t s1[PERMS], s2[PERMS];
    minhash_sign(m, set, 6, s1);
    minhash_sign(m, shuffled, 8, s2);
    CHECK(memcmp(s1, s2, sizeof s1) == 0, "order and repeats of shingles do not matter");
    struct minhash *again = minhash_new(PERMS);
    minhash_sign(again, set, 6, s2);
    CHECK(memcmp(s1, s2, sizeof s1) == 0, "the permutations are the same in every run");
    minhash_free(again);
    minhash_sign(m, set, 0, s2);
    CHECK(s2[0] == UINT32_MAX && s2[PERMS - 1] == UINT32_MAX, "the empty set");

    /* An odd number of permutations exercises the loop's tail. */
    struct minhash *odd = minhash_new(37);
    uint32_t o[37], full[PERMS];
    minhash_sign(odd, set, 6, o);
    minhash_sign(m, set, 6, full);
    CHECK(memcmp(o, full, sizeof o) == 0, "the first 37 of 128 permutations are the 37");
    minhash_free(odd);

    uint64_t seed = 12345;
    const double js[] = {0.3, 0.5, 0.7, 0.8, 0.9};
    for (size_t i = 0; i < sizeof js / sizeof js[0]; i++) {
        double mean, sd, truth;
        estimate(m, js[i], &seed, &mean, &sd, &truth);
        double want_sd = sqrt(truth * (1 - truth) / PERMS);
        CHECK(fabs(mean - truth) < 0.01, "J %.3f: the estimate is unbiased (mean %.4f)", truth, mean);
        CHECK(sd < 1.2 * want_sd, "J %.3f: spread %.4f near the binomial %.4f", truth, sd, want_sd);
    }
    uint16_t c1[4] = {1, 2, 3, 4}, c2[4] = {1, 9, 3, 9};
    CHECK(minhash_matches(c1, c2, 4) == 2, "matches counts agreeing positions");

    /* The early-stopping count agrees with the full one wherever the full
     * one reaches `needed`, and stays below `needed` elsewhere. */
    long wrong = 0, passed = 0;
    for (int trial = 0; trial < 2000; trial++) {
        uint16_t x[150], y[150];
        unsigned perms = 1 + (unsigned)(splitmix64(&seed) % 150);
        unsigned agree_per_256 = (unsigned)(splitmix64(&seed) % 257);
        for (unsigned i = 0; i < perms; i++) {
            x[i] = (uint16_t)splitmix64(&seed);
            y[i] = (splitmix64(&seed) & 255) < agree_per_256 ? x[i] : (uint16_t)(x[i] + 1);
        }
        unsigned needed = 1 + (unsigned)(splitmix64(&seed) % perms);
        unsigned all = minhash_matches(x, y, perms);
        unsigned quick = minhash_matches_at_least(x, y, perms, needed);
        passed += all >= needed;
        wrong += all >= needed ? quick != all : quick >= needed;
    }
    CHECK(wrong == 0 && passed > 200, "matches_at_least agrees with matches (%ld of 2000 wrong, %ld pass)",
          wrong, passed);

    /* A sketch sees exactly the positions whose two lowest bits differ,
     * never more than the signatures' mismatches: what makes dismissing a
     * candidate by its sketch exact. Lengths around and past whole words. */
    const unsigned deltas[] = {0, 1, 2, 3, 4, 256, 0x8000};
    long sketch_wrong = 0, hidden = 0;
    for (int trial = 0; trial < 3000; trial++) {
        static uint16_t x[MINHASH_MAX_PERMS], y[MINHASH_MAX_PERMS];
        uint64_t sx[MINHASH_SKETCH_WORDS(MINHASH_MAX_PERMS)];
        uint64_t sy[MINHASH_SKETCH_WORDS(MINHASH_MAX_PERMS)];
        unsigned perms = trial == 0 ? MINHASH_MAX_PERMS : 1 + (unsigned)(splitmix64(&seed) % 300);
        unsigned differing = 0;
        for (unsigned i = 0; i < perms; i++) {
            x[i] = (uint16_t)splitmix64(&seed);
            y[i] = (uint16_t)(x[i] + deltas[splitmix64(&seed) % 7]);
            differing += ((x[i] ^ y[i]) & 3) != 0;
        }
        minhash_sketch(x, perms, sx);
        minhash_sketch(y, perms, sy);
        unsigned differ = minhash_sketch_differ(sx, sy, perms);
        unsigned mismatches = perms - minhash_matches(x, y, perms);
        sketch_wrong += differ != differing || differ > mismatches;
        hidden += differ < mismatches;
    }
    CHECK(sketch_wrong == 0 && hidden > 0,
          "sketches differ where the two low bits do (%ld of 3000 wrong)", sketch_wrong);
    minhash_free(m);
    minhash_free(NULL);
    return CHECK_DONE();
}
