/* test-numwords.c — the number parser, on hand-computed examples. */
#include <math.h>
#include <string.h>

#include "check.h"
#include "numwords.h"

static void expect(const char *text, double want)
{
    struct number n;
    bool ok = numwords_parse(text, strlen(text), &n);
    CHECK(ok && fabs(n.value - want) <= 1e-9 * (fabs(want) > 1 ? fabs(want) : 1),
          "\"%s\" = %.10g (got %s%.10g)", text, want, ok ? "" : "no number, ", ok ? n.value : 0.0);
}

static void expect_none(const char *text)
{
    struct number n;
    CHECK(!numwords_parse(text, strlen(text), &n), "\"%s\" is not one number", text);
}

int main(void)
{
    /* digits */
    expect("7", 7);
    expect("260,000", 260000);
    expect("10,071", 10071);
    expect("1,234,567", 1234567);
    expect("0.13", 0.13);
    expect("28,750.5", 28750.5);
    expect("08.46", 8.46);
    /* glued and spoken scales */
    expect("277m", 277e6);
    expect("1.2bn", 1.2e9);
    expect("30k", 30000);
    expect("2tn", 2e12);
    expect("1.2 million", 1.2e6);
    expect("3 billion", 3e9);
    expect("7.6\xc2\xa0million", 7.6e6); /* a no-break space between */
    /* words */
    expect("two", 2);
    expect("Eleven", 11);
    expect("twenty-one", 21);
    expect("ninety nine", 99);
    expect("a hundred", 100);
    expect("one hundred and fifty", 150);
    expect("two hundred and sixty thousand", 260000);
    expect("one million two hundred thousand", 1200000);
    expect("a dozen", 12);
    expect("two dozen", 24);
    expect("half a dozen", 6);
    expect("half a million", 500000);
    expect("two and a half", 2.5);
    expect("one and a half million", 1.5e6);
    expect("two and a half million", 2.5e6);
    expect("a half", 0.5);
    expect("SIXTY", 60);
    /* indefinite plurals: the order they name */
    expect("thousands", 1000);
    expect("tens of thousands", 10000);
    expect("hundreds of thousands", 100000);
    expect("dozens", 12);
    expect("millions", 1e6);
    struct number n;
    CHECK(numwords_parse("tens of thousands", 17, &n) && n.indefinite, "tens of thousands is indefinite");
    CHECK(numwords_parse("260,000", 7, &n) && n.grouped && !n.indefinite && n.digits == 6,
          "260,000 is grouped, 6 digits");
    CHECK(numwords_parse("277m", 4, &n) && n.scale == 1e6, "277m has scale 1e6");
    CHECK(numwords_parse("1.2 million", 11, &n) && n.scale == 1e6 && n.decimal, "1.2 million: scale and decimal");
    CHECK(numwords_parse("2014", 4, &n) && n.digits == 4 && !n.grouped, "2014 has 4 digits, no commas");
    CHECK(numwords_parse("two thousand", 12, &n) && n.words, "two thousand is in words");
    /* not numbers */
    expect_none("");
    expect_none("a");
    expect_none("and");
    expect_none("fish");
    expect_none("5x");
    expect_none("277mm");
    expect_none("5 6");
    expect_none("26,00");
    expect_none("260,");
    expect_none("a two");
    expect_none("two,");
    return CHECK_DONE();
}
