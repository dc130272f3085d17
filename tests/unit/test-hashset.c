/* Unit tests of lib/hashset: 128-bit keys, values, growth, memory. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "hashset.h"

static struct hash128 key_of(unsigned i)
{
    char text[32];
    int n = snprintf(text, sizeof text, "record %u", i);
    return hash128_of(text, (size_t)n);
}

int main(void)
{
    struct hashset *set = hashset_new();
    uint32_t v = 99;
    CHECK(hashset_size(set) == 0 && !hashset_find(set, key_of(1), &v), "a new set is empty");
    CHECK(hashset_add(set, key_of(1), 7, NULL), "adding a new key says so");
    CHECK(hashset_find(set, key_of(1), &v) && v == 7, "the value comes back (%u)", v);
    v = 0;
    CHECK(!hashset_add(set, key_of(1), 8, &v) && v == 7, "adding a key again keeps the first value");
    CHECK(hashset_add(set, key_of(2), 0, NULL) && hashset_find(set, key_of(2), &v) && v == 0,
          "value 0 is a value, not a free slot");

    /* Keys that agree in the bits that choose the slot must still differ. */
    struct hash128 a = {5, 1}, b = {5, 2}, c = {5 + 64, 1};
    CHECK(hashset_add(set, a, 10, NULL) && hashset_add(set, b, 11, NULL) &&
          hashset_add(set, c, 12, NULL), "keys equal in their low word are distinct");
    CHECK(hashset_find(set, b, &v) && v == 11, "all 128 bits are compared");

    struct hash128 same_text = hash128_of("record 1", 8);
    CHECK(hashset_find(set, same_text, &v) && v == 7, "XXH3-128 of the same bytes finds the key");

    enum { N = 200000 };
    unsigned refused = 0, wrong = 0;
    for (unsigned i = 3; i < N; i++)
        refused += !hashset_add(set, key_of(i), i, NULL);
    for (unsigned i = 3; i < N; i++)
        wrong += !hashset_find(set, key_of(i), &v) || v != i;
    CHECK(refused == 0 && wrong == 0, "%d keys survive growth (%u refused, %u wrong)", N, refused, wrong);
    CHECK(!hashset_find(set, key_of(N), &v), "a key never added is not found after growth");

    double per_key = (double)hashset_memory(set) / (double)hashset_size(set);
    CHECK(per_key >= 20.0 / 0.75 && per_key <= 20.0 / 0.375 + 1,
          "memory per key within the documented 27-53 bytes (%.1f)", per_key);
    hashset_free(set);
    hashset_free(NULL);
    return CHECK_DONE();
}
