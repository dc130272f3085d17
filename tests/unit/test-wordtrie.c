/* test-wordtrie.c — word alternations as tries: the text written, and that
 * PCRE2 finds a word in the same places with either form. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "wordtrie.h"

static void expect_trie(const char *alternation, const char *want)
{
    struct buf out = BUF_INIT;
    bool ok = wordtrie_append(alternation, &out);
    CHECK_STR(ok ? out.data : "(refused)", want, "trie of %s", alternation);
    buf_free(&out);
}

static pcre2_code *compile(const char *source)
{
    int err;
    PCRE2_SIZE offset;
    return pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED,
                         PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &offset, NULL);
}

static bool matches(pcre2_code *code, const char *subject)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, strlen(subject), 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc >= 0;
}

/* In a lookahead, the alternation and its trie accept the same subjects. */
static void expect_same_language(const char *alternation, const char *const *subjects)
{
    struct buf trie = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
    CHECK(wordtrie_append(alternation, &trie), "%s is plain words", alternation);
    buf_printf(&a, "^(?!%s\\b)\\w+", alternation);
    buf_printf(&b, "^(?!%s\\b)\\w+", trie.data);
    pcre2_code *ca = compile(a.data), *cb = compile(b.data);
    CHECK(ca && cb, "both compile");
    for (size_t i = 0; ca && cb && subjects[i]; i++)
        CHECK(matches(ca, subjects[i]) == matches(cb, subjects[i]),
              "\"%s\": the same verdict with either form", subjects[i]);
    pcre2_code_free(ca);
    pcre2_code_free(cb);
    buf_free(&trie);
    buf_free(&a);
    buf_free(&b);
}

int main(void)
{
    expect_trie("(?:the|then|there|to)", "(?:t(?:he(?:n|re)?|o))");
    expect_trie("a|an|and|about", "(?:a(?:bout|n(?:d)?)?)");
    expect_trie("(?:b|a|(?:c|a))", "(?:a|b|c)");
    expect_trie("seven|seventeen|one", "(?:one|seven(?:teen)?)");
    expect_trie("Up|up", "(?:Up|up)");
    struct buf out = BUF_INIT;
    CHECK(!wordtrie_append("up\\s+to", &out) && out.len == 0, "a regex that is not plain words is refused");
    CHECK(!wordtrie_append("", &out), "an empty list is refused");
    buf_free(&out);

    static const char *const subjects[] = {
        "the", "then", "there", "th", "thermal", "to", "toe", "The", "THEN", "a", "an",
        "and", "andes", "abo", "about", "abouts", "seven", "seventeen", "seventh", "x", NULL};
    expect_same_language("(?:the|then|there|to|a|an|and|about|seven|seventeen)", subjects);

    struct buf replaced = BUF_INIT;
    wordtrie_replace("x(?!AB)y(?!AB)z", "(?!AB)", "-", &replaced);
    CHECK_STR(replaced.data, "x-y-z", "every occurrence is replaced");
    buf_reset(&replaced);
    wordtrie_replace("abc", "zz", "-", &replaced);
    CHECK_STR(replaced.data, "abc", "no occurrence: the text as it is");
    buf_free(&replaced);
    return CHECK_DONE();
}
