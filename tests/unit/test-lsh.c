/* Unit tests of lib/lsh: default bands, band keys, the index. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "lsh.h"

int main(void)
{
    CHECK(lsh_default_bands(0.7, 128) == 32, "threshold 0.7: 32 bands of 4 (%u)", lsh_default_bands(0.7, 128));
    CHECK(lsh_default_bands(0.8, 128) == 21, "threshold 0.8: 21 bands of 6 (%u)", lsh_default_bands(0.8, 128));
    CHECK(lsh_default_bands(0.5, 128) == 42, "threshold 0.5: 42 bands of 3 (%u)", lsh_default_bands(0.5, 128));
    CHECK(lsh_default_bands(0.01, 16) == 16, "a tiny threshold: one row per band");
    const double ts[] = {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
    int low = 0;
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        unsigned bands = lsh_default_bands(ts[i], 128);
        low += lsh_catch_probability(ts[i], bands, 128 / bands) < LSH_DEFAULT_CATCH;
    }
    CHECK(low == 0, "default bands catch a pair at the threshold with p >= %.3f", LSH_DEFAULT_CATCH);
    CHECK(fabs(lsh_catch_probability(0.5, 2, 1) - 0.75) < 1e-12, "catch probability formula");

    uint32_t mins[8] = {1, 2, 3, 4, 1, 2, 3, 4}, keys[4], other[4];
    lsh_band_keys(mins, 2, 4, keys);
    CHECK(keys[0] != keys[1], "equal rows in different bands give different keys");
    mins[7] = 5;
    lsh_band_keys(mins, 2, 4, other);
    CHECK(other[0] == keys[0] && other[1] != keys[1], "a changed minimum changes its band only");
    lsh_band_keys(mins, 4, 2, keys);
    CHECK(keys[0] != other[0], "rows per band are part of the key");

    struct lsh_index *idx = lsh_index_new(2);
    struct lsh_candidates c = {NULL, 0, 0};
    uint32_t k1[2] = {100, 200}, k2[2] = {100, 300}, k3[2] = {7, 8};
    lsh_index_add(idx, k1, 0);
    lsh_index_add(idx, k2, 1);
    lsh_index_lookup(idx, k3, &c);
    CHECK(c.count == 0, "no shared key, no candidate");
    lsh_index_lookup(idx, k1, &c);
    CHECK(c.count == 3, "band 0 gives both, band 1 the first (%zu)", c.count);
    c.count = 0;
    uint32_t swapped[2] = {200, 100};
    lsh_index_lookup(idx, swapped, &c);
    CHECK(c.count == 0, "a key matches in its own band only");

    enum { N = 50000 };
    for (uint32_t v = 2; v < N; v++) {
        uint32_t k[2] = {v * 2654435761u, 42};
        lsh_index_add(idx, k, v);
    }
    c.count = 0;
    uint32_t probe[2] = {1234 * 2654435761u, 1};
    lsh_index_lookup(idx, probe, &c);
    CHECK(c.count == 1 && c.value[0] == 1234, "a key is found after growth");
    c.count = 0;
    uint32_t common[2] = {1, 42};
    lsh_index_lookup(idx, common, &c);
    CHECK(c.count == N - 2, "a key stored %d times gives every value (%zu)", N - 2, c.count);
    double per = (double)lsh_index_memory(idx) / (2.0 * N);
    CHECK(per >= 8 / 0.75 && per <= 8 / 0.375 + 1, "memory per entry and band 11-21 bytes (%.1f)", per);
    lsh_candidates_free(&c);
    lsh_index_free(idx);
    lsh_index_free(NULL);
    return CHECK_DONE();
}
