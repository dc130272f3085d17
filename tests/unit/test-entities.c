/* test-entities.c — the HTML named reference table and the decoder. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "entities.h"

static struct buf out = BUF_INIT, scratch = BUF_INIT;

static const char *decode(const char *s, size_t *count)
{
    size_t n = entities_decode(s, strlen(s), &out, &scratch);
    if (count)
        *count = n;
    return out.data;
}

static void test_table(void)
{
    CHECK(entity_count() == 2231, "the table holds the 2231 names of the WHATWG list (%zu)",
          entity_count());
    size_t len;
    const char *v = entity_lookup("amp;", 4, &len);
    CHECK(v && len == 1 && v[0] == '&', "amp; is &");
    v = entity_lookup("amp", 3, &len);
    CHECK(v && len == 1 && v[0] == '&', "legacy amp (no ';') is &");
    CHECK(entity_lookup("rsquo", 5, &len) == NULL, "rsquo has no legacy form");
    v = entity_lookup("CounterClockwiseContourIntegral;", 32, &len);
    CHECK(v && len == 3 && memcmp(v, "∳", 3) == 0, "the longest name is found");
    v = entity_lookup("nGt;", 4, &len);
    CHECK(v && len == 6 && memcmp(v, "≫⃒", 6) == 0, "a two-character value (nGt;)");
    CHECK(entity_lookup("Amp;", 4, &len) == NULL, "names are case-sensitive");
    CHECK(entity_lookup("", 0, &len) == NULL, "the empty name is not a name");
}

static void test_decoding(void)
{
    static const struct { const char *in, *want; } cases[] = {
        {"&amp; &lt; &gt; &quot; &apos;", "& < > \" '"},
        {"caf&eacute; &hellip; &rsquo;", "café … ’"},
        {"&nbsp;", "\xC2\xA0"},
        {"&#8217; &#x2019; &#X2019; &#x00E9;", "’ ’ ’ é"},
        {"&#146; &#x80;", "’ €"},                       /* Windows-1252 range */
        {"&#0; &#xD800; &#x110000; &#99999999999999;", "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD"},
        {"&#128512;", "😀"},
        {"don&#39t", "don't"},                           /* numeric without ';' */
        {"&amp;amp;lt;", "<"},                           /* double escaping, in full */
        {"&#38;amp;", "&"},
        {"&l&#116;;", "<"},                              /* a decoded char completes a name */
        {"&amp", "&"}, {"&amp.", "&."}, {"&eacute ", "é "},
        {"&copy2019", "&copy2019"},                      /* legacy name followed by alnum */
        {"?a=1&para=2", "?a=1&para=2"},                  /* ... or by '=' */
        {"&notit;", "&notit;"}, {"AT&T", "AT&T"}, {"Q&A", "Q&A"}, {"fish & chips", "fish & chips"},
        {"&", "&"}, {"&&", "&&"}, {"&;", "&;"}, {"&#;", "&#;"}, {"&#x;", "&#x;"}, {"&#", "&#"},
        {"&ThickSpace;&fjlig;", "\xE2\x81\x9F\xE2\x80\x8A" "fj"},
        {"&NoSuchEntityWithAVeryLongNameThatGoesOnAndOn;", "&NoSuchEntityWithAVeryLongNameThatGoesOnAndOn;"},
        {"", ""}, {"no references", "no references"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        CHECK_STR(decode(cases[i].in, NULL), cases[i].want, "decode %s", cases[i].in);
    size_t count;
    decode("&amp;amp; &lt;b&gt; &#8217;", &count);
    CHECK(count == 5, "references decoded are counted (%zu)", count);
}

static void test_idempotent(void)
{
    static const char *const inputs[] = {
        "&amp;amp;amp;amp;lt;", "&l&#116;;", "&&#35;38;lt;", "&#38;#38;#38;", "&am&#112;;",
        "&&&amp;&&", "&#x26;#x26;lt;", "plain"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        char *once = xstrdup(decode(inputs[i], NULL));
        CHECK_STR(decode(once, NULL), once, "decoding twice equals once: %s", inputs[i]);
        free(once);
    }
}

int main(void)
{
    test_table();
    test_decoding();
    test_idempotent();
    buf_free(&out);
    buf_free(&scratch);
    return CHECK_DONE();
}
