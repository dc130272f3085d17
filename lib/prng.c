/* prng.c — xoshiro256** seeded by splitmix64 (see prng.h). */
#include "prng.h"

uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

uint64_t prng_mix(uint64_t a, uint64_t b)
{
    uint64_t state = a ^ (b * UINT64_C(0xD6E8FEB86659FD93));
    splitmix64(&state);
    return splitmix64(&state);
}

void prng_seed(struct prng *p, uint64_t seed)
{
    uint64_t state = seed;
    for (int i = 0; i < 4; i++)
        p->s[i] = splitmix64(&state);
}

static uint64_t rotate_left(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t prng_next(struct prng *p)
{
    uint64_t *s = p->s;
    uint64_t result = rotate_left(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotate_left(s[3], 45);
    return result;
}

uint64_t prng_below(struct prng *p, uint64_t n)
{
    if (n == 0)
        return 0;
    /* Values below `threshold` would make some residues more likely. */
    uint64_t threshold = (0 - n) % n;
    for (;;) {
        uint64_t x = prng_next(p);
        if (x >= threshold)
            return x % n;
    }
}

long prng_range(struct prng *p, long lo, long hi)
{
    if (lo >= hi)
        return lo;
    return lo + (long)prng_below(p, (uint64_t)(hi - lo) + 1);
}

bool prng_chance(struct prng *p, unsigned percent)
{
    return prng_below(p, 100) < percent;
}

bool prng_chance_mille(struct prng *p, unsigned per_mille)
{
    return prng_below(p, 1000) < per_mille;
}
