/* test-figures.c — lib/figures on hand-computed examples: each kind, each
 * qualifier form, ranges, spans in code points, and each exclusion. */
#include <pthread.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "figures.h"

static struct figures *ex;

/* The JSON array of the figures of text must be exactly want. */
static void expect(const char *name, const char *text, const char *want)
{
    struct buf out = BUF_INIT;
    figures_extract(ex, text, strlen(text), &out);
    CHECK_STR(out.data, want, "%s", name);
    buf_free(&out);
}

/* text holds no figure at all. */
static void expect_none(const char *name, const char *text)
{
    expect(name, text, "[]");
}

static void kinds(void)
{
    expect("percent", "up to 40% of the total",
           "[{\"text\":\"up to 40%\",\"span\":[0,9],\"kind\":\"percent\",\"value\":40,\"approx\":\"up_to\"}]");
    expect("percent in words", "Forty per cent said so",
           "[{\"text\":\"Forty per cent\",\"span\":[0,14],\"kind\":\"percent\",\"value\":40}]");
    expect("percent decimal", "just 0.13% of it",
           "[{\"text\":\"0.13%\",\"span\":[5,10],\"kind\":\"percent\",\"value\":0.13}]");
    expect("percent range", "a fall of 10-15% is due",
           "[{\"text\":\"10-15%\",\"span\":[10,16],\"kind\":\"percent\",\"low\":10,\"high\":15}]");
    expect("percent between", "offers of between 5% and 7% were made",
           "[{\"text\":\"between 5% and 7%\",\"span\":[10,27],\"kind\":\"percent\",\"low\":5,\"high\":7}]");
    expect("a fall from one percentage to another is two figures", "deaths fell from 9.1% to 6.3%.",
           "[{\"text\":\"9.1%\",\"span\":[17,21],\"kind\":\"percent\",\"value\":9.1},"
           "{\"text\":\"6.3%\",\"span\":[25,29],\"kind\":\"percent\",\"value\":6.3}]");
    expect("percentage points", "up 1.5 percentage points",
           "[{\"text\":\"1.5 percentage points\",\"span\":[3,24],\"kind\":\"percent\",\"value\":1.5,\"unit\":\"points\"}]");
    expect("money £m, span in code points", "a £277m bailout",
           "[{\"text\":\"£277m\",\"span\":[2,7],\"kind\":\"money\",\"value\":277000000,\"unit\":\"GBP\"}]");
    expect("money $ billion", "it paid $4.6 million",
           "[{\"text\":\"$4.6 million\",\"span\":[8,20],\"kind\":\"money\",\"value\":4600000,\"unit\":\"USD\"}]");
    expect("money € bn", "€1.1bn profit",
           "[{\"text\":\"€1.1bn\",\"span\":[0,6],\"kind\":\"money\",\"value\":1100000000,\"unit\":\"EUR\"}]");
    expect("money k", "£30k a year",
           "[{\"text\":\"£30k\",\"span\":[0,4],\"kind\":\"money\",\"value\":30000,\"unit\":\"GBP\"}]");
    expect("money range, scale carried", "worth £3-4m",
           "[{\"text\":\"£3-4m\",\"span\":[6,11],\"kind\":\"money\",\"low\":3000000,\"high\":4000000,\"unit\":\"GBP\"}]");
    expect("money with qualifier", "almost £400m",
           "[{\"text\":\"almost £400m\",\"span\":[0,12],\"kind\":\"money\",\"value\":400000000,\"unit\":\"GBP\",\"approx\":\"almost\"}]");
    expect("money in words", "2 million pounds",
           "[{\"text\":\"2 million pounds\",\"span\":[0,16],\"kind\":\"money\",\"value\":2000000,\"unit\":\"GBP\"}]");
    expect("pence", "45p a mile",
           "[{\"text\":\"45p\",\"span\":[0,3],\"kind\":\"money\",\"value\":0.45,\"unit\":\"GBP\"}]");
    expect("count with noun phrase", "the 21 private community rehabilitation companies (CRCs)",
           "[{\"text\":\"21 private community rehabilitation companies\",\"span\":[4,49],\"kind\":\"count\",\"value\":21,\"unit\":\"companies\"}]");
    expect("count with commas", "260,000 offenders on probation",
           "[{\"text\":\"260,000 offenders\",\"span\":[0,17],\"kind\":\"count\",\"value\":260000,\"unit\":\"offenders\"}]");
    expect("count range", "carrying 50-90 cases",
           "[{\"text\":\"50-90 cases\",\"span\":[9,20],\"kind\":\"count\",\"low\":50,\"high\":90,\"unit\":\"cases\"}]");
    expect("count range with to", "ranged from 50 to 100 cases",
           "[{\"text\":\"from 50 to 100 cases\",\"span\":[7,27],\"kind\":\"count\",\"low\":50,\"high\":100,\"unit\":\"cases\"}]");
    expect("bare range with from", "rose from 23 to 70 in May",
           "[{\"text\":\"from 23 to 70\",\"span\":[5,18],\"kind\":\"count\",\"low\":23,\"high\":70}]");
    expect("X of the Y", "Eleven of the 21 companies are owned",
           "[{\"text\":\"Eleven of the 21 companies\",\"span\":[0,26],\"kind\":\"count\",\"value\":11,\"of\":21,\"unit\":\"companies\"}]");
    expect("count in words", "two hundred and sixty thousand offenders",
           "[{\"text\":\"two hundred and sixty thousand offenders\",\"span\":[0,40],\"kind\":\"count\",\"value\":260000,\"unit\":\"offenders\"}]");
    expect("indefinite count", "tens of thousands of offenders",
           "[{\"text\":\"tens of thousands of offenders\",\"span\":[0,30],\"kind\":\"count\",\"value\":10000,\"unit\":\"offenders\",\"approx\":\"indefinite\"}]");
    expect("a dozen", "a dozen branches wrote",
           "[{\"text\":\"a dozen branches\",\"span\":[0,16],\"kind\":\"count\",\"value\":12,\"unit\":\"branches\"}]");
    expect("irregular plural", "3 other people",
           "[{\"text\":\"3 other people\",\"span\":[0,14],\"kind\":\"count\",\"value\":3,\"unit\":\"people\"}]");
    expect("count with trailing qualifier", "200 cases or more",
           "[{\"text\":\"200 cases or more\",\"span\":[0,17],\"kind\":\"count\",\"value\":200,\"unit\":\"cases\",\"approx\":\"or_more\"}]");
    expect("qualified bare count", "junior staff up to 200.",
           "[{\"text\":\"up to 200\",\"span\":[13,22],\"kind\":\"count\",\"value\":200,\"approx\":\"up_to\"}]");
    expect("dots as thousands separators in a count", "over 1.000 teachers",
           "[{\"text\":\"over 1.000 teachers\",\"span\":[0,19],\"kind\":\"count\",\"value\":1000,\"unit\":\"teachers\",\"approx\":\"over\"}]");
    expect("bare big number", "the population is 84,000.",
           "[{\"text\":\"84,000\",\"span\":[18,24],\"kind\":\"count\",\"value\":84000}]");
    expect("fraction", "around two thirds of their cases",
           "[{\"text\":\"around two thirds\",\"span\":[0,17],\"kind\":\"fraction\",\"value\":0.6667,\"approx\":\"around\"}]");
    expect("fraction a quarter", "a quarter of posts",
           "[{\"text\":\"a quarter\",\"span\":[0,9],\"kind\":\"fraction\",\"value\":0.25}]");
    expect("fraction half of", "nearly half of the rest",
           "[{\"text\":\"nearly half\",\"span\":[0,11],\"kind\":\"fraction\",\"value\":0.5,\"approx\":\"nearly\"}]");
    expect("ratio", "1 in 3 will reoffend",
           "[{\"text\":\"1 in 3\",\"span\":[0,6],\"kind\":\"ratio\",\"value\":1,\"of\":3}]");
    expect("ratio with unit", "one in five residents stays",
           "[{\"text\":\"one in five residents\",\"span\":[0,21],\"kind\":\"ratio\",\"value\":1,\"of\":5,\"unit\":\"residents\"}]");
    expect("ratio out of", "three out of four said",
           "[{\"text\":\"three out of four\",\"span\":[0,17],\"kind\":\"ratio\",\"value\":3,\"of\":4}]");
    expect("multiplier trebled", "the rate trebled",
           "[{\"text\":\"trebled\",\"span\":[9,16],\"kind\":\"multiplier\",\"value\":3}]");
    expect("multiplier halved", "breaches halved",
           "[{\"text\":\"halved\",\"span\":[9,15],\"kind\":\"multiplier\",\"value\":0.5}]");
    expect("multiplier qualified", "has almost doubled",
           "[{\"text\":\"almost doubled\",\"span\":[4,18],\"kind\":\"multiplier\",\"value\":2,\"approx\":\"almost\"}]");
    expect("multiplier N times", "three times as likely",
           "[{\"text\":\"three times\",\"span\":[0,11],\"kind\":\"multiplier\",\"value\":3}]");
    expect("multiplier fold", "a tenfold rise and a 2-fold fall",
           "[{\"text\":\"tenfold\",\"span\":[2,9],\"kind\":\"multiplier\",\"value\":10},"
           "{\"text\":\"2-fold\",\"span\":[21,27],\"kind\":\"multiplier\",\"value\":2}]");
    expect("duration every", "by phone every six weeks",
           "[{\"text\":\"every six weeks\",\"span\":[9,24],\"kind\":\"duration\",\"value\":6,\"unit\":\"weeks\"}]");
    expect("duration the last", "over the last 18 months",
           "[{\"text\":\"the last 18 months\",\"span\":[5,23],\"kind\":\"duration\",\"value\":18,\"unit\":\"months\"}]");
    expect("duration half an hour", "less than half an hour",
           "[{\"text\":\"less than half an hour\",\"span\":[0,22],\"kind\":\"duration\",\"value\":0.5,\"unit\":\"hours\",\"approx\":\"less_than\"}]");
    expect("duration a year with qualifier", "less than a year's experience",
           "[{\"text\":\"less than a year\",\"span\":[0,16],\"kind\":\"duration\",\"value\":1,\"unit\":\"years\",\"approx\":\"less_than\"}]");
    expect("duration adjective", "an 8-day target",
           "[{\"text\":\"8-day\",\"span\":[3,8],\"kind\":\"duration\",\"value\":8,\"unit\":\"days\"}]");
    expect("duration -weekly", "six-weekly calls",
           "[{\"text\":\"six-weekly\",\"span\":[0,10],\"kind\":\"duration\",\"value\":6,\"unit\":\"weeks\"}]");
    expect("duration range", "from six to 18 months",
           "[{\"text\":\"from six to 18 months\",\"span\":[0,21],\"kind\":\"duration\",\"low\":6,\"high\":18,\"unit\":\"months\"}]");
}

static void qualifiers(void)
{
    static const struct {
        const char *text, *approx;
    } cases[] = {
        {"almost 30 cases", "almost"},           {"more than 30 cases", "more_than"},
        {"over 30 cases", "over"},               {"about 30 cases", "about"},
        {"nearly 30 cases", "nearly"},           {"at least 30 cases", "at_least"},
        {"less than 30 cases", "less_than"},     {"around 30 cases", "around"},
        {"some 30 cases", "some"},               {"approximately 30 cases", "approximately"},
        {"fewer than 30 cases", "fewer_than"},   {"roughly 30 cases", "roughly"},
        {"an estimated 30 cases", "estimated"},  {"as many as 30 cases", "as_many_as"},
        {"no more than 30 cases", "no_more_than"}, {"up to 30 cases", "up_to"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char want[256];
        snprintf(want, sizeof want,
                 "[{\"text\":\"%s\",\"span\":[0,%zu],\"kind\":\"count\",\"value\":30,\"unit\":\"cases\",\"approx\":\"%s\"}]",
                 cases[i].text, strlen(cases[i].text), cases[i].approx);
        expect(cases[i].text, cases[i].text, want);
    }
}

static void exclusions(void)
{
    expect_none("years", "introduced in 2014 by the minister, since 2013");
    expect_none("a year before a noun", "In 2014 staff were told");
    expect_none("year ranges", "from 2010 to 2015 and between 2016 and 2018");
    expect_none("dates", "Thursday, 14 December 2017 and Nov 2015 and 1975/6");
    expect_none("menus: a number and a noun on two lines", "Home\n475\nCinema news\n68\nproductions");
    expect_none("years before titles and year ranges", "2014 Canadian Lawyers, 1940-1945 recording dates");
    expect_none("a year before a time unit", "Best of 2014 Year in review, in 2015 weeks passed");
    expect_none("zero counts", "Share: 0 shares, 0 comments");
    expect_none("a date before a verb in -s", "the hearing on 12 May reopens, and 3 Oct counts");
    expect_none("ISO dates", "on 2017-12-14 at noon");
    expect_none("clock times", "Anon at 08.46 and 11:05 and at 9.20 writes");
    expect_none("list numbering", "  1. Her interview\n    1: assess each case\n    2) send");
    expect_none("ordinals", "the 3rd inspector, the 21st century, the first report");
    expect_none("names with digits", "on R4 and the M62 and G4S and Covid-19 cases");
    expect_none("references", "page 18 refers to Tier 4 cases and Section 21 notices");
    expect_none("scores", "a 3-1 win");
    expect_none("ages", "a seven year old child and a 10-year-old");
    expect_none("one is not a count", "one of them, one case, the number one priority");
    expect_none("a year alone", "£ a year, a week later");
    expect_none("frequency, not a multiplier", "three times a week");
    expect_none("ordinal half", "the first half of the year");
    expect_none("words with number inside", "someone, tenfolding, moreover 40");
    expect_none("verbs are not units", "the number 10 says");
    expect_none("invalid UTF-8 gives nothing", "\xff 40% \xc0");
    expect_none("empty", "");
}

static void spans_and_order(void)
{
    /* “ and ” are 3 bytes each, £ 2: spans count characters. */
    expect("code point spans", "“£5m” and “20%”",
           "[{\"text\":\"£5m\",\"span\":[1,4],\"kind\":\"money\",\"value\":5000000,\"unit\":\"GBP\"},"
           "{\"text\":\"20%\",\"span\":[11,14],\"kind\":\"percent\",\"value\":20}]");
    expect("longest wins", "up to 40% of offenders",
           "[{\"text\":\"up to 40%\",\"span\":[0,9],\"kind\":\"percent\",\"value\":40,\"approx\":\"up_to\"}]");
    expect("JSON escaping of the surface", "carrying 40\tcases",
           "[{\"text\":\"40\\tcases\",\"span\":[9,17],\"kind\":\"count\",\"value\":40,\"unit\":\"cases\"}]");
    expect("text order", "12% of 40 cases in 3 weeks",
           "[{\"text\":\"12%\",\"span\":[0,3],\"kind\":\"percent\",\"value\":12},"
           "{\"text\":\"40 cases\",\"span\":[7,15],\"kind\":\"count\",\"value\":40,\"unit\":\"cases\"},"
           "{\"text\":\"3 weeks\",\"span\":[19,26],\"kind\":\"duration\",\"value\":3,\"unit\":\"weeks\"}]");
    /* A fresh extractor's first text without figures (nothing allocated
     * yet), then reuse: the second call forgets the first. */
    struct figures *fresh = figures_new();
    size_t none;
    figures_find(fresh, "no numbers here", 15, &none);
    CHECK(none == 0, "a fresh extractor on text without figures");
    figures_free(fresh);
    size_t n;
    figures_find(ex, "12% and 13%", 11, &n);
    CHECK(n == 2, "two figures found (%zu)", n);
    figures_find(ex, "none here", 9, &n);
    CHECK(n == 0, "a later call starts afresh (%zu)", n);
    CHECK_STR(figure_kind_name(FIGURE_RATIO), "ratio", "kind names");
    /* The variant for known-valid text finds the same; the checking one
     * gives nothing for invalid text. */
    const char *valid = "prices rose 12% in 3 weeks, from \xc2\xa3" "5m to \xe2\x82\xac" "9bn";
    size_t checked, trusted;
    const struct figure *f = figures_find(ex, valid, strlen(valid), &checked);
    size_t first_end = checked ? f[checked - 1].char_end : 0;
    f = figures_find_utf8(ex, valid, strlen(valid), &trusted);
    CHECK(checked == 3 && trusted == checked && f[trusted - 1].char_end == first_end,
          "figures_find_utf8 finds what figures_find does (%zu, %zu)", checked, trusted);
    figures_find(ex, "rose 12% \xc0\xaf", 11, &n);
    CHECK(n == 0, "invalid UTF-8 gives no figures (%zu)", n);
}

struct pieces {
    struct buf all;
    size_t count, largest;
};

static void collect(void *sink, const char *p, size_t len)
{
    struct pieces *k = sink;
    buf_append(&k->all, p, len);
    k->count++;
    k->largest = len > k->largest ? len : k->largest;
}

/* figures_write_json in pieces gives figures_append_json's array. */
static void written_in_pieces(void)
{
    struct buf text = BUF_INIT, whole = BUF_INIT, piece = BUF_INIT;
    struct pieces k = {BUF_INIT, 0, 0};
    while (text.len < 300000)
        buf_append_str(&text, "Up to 40% of the 260,000 offenders, \"nearly doubled\". ");
    size_t n;
    const struct figure *figs = figures_find(ex, text.data, text.len, &n);
    figures_append_json(figs, n, text.data, &whole);
    figures_write_json(figs, n, text.data, &piece, collect, &k);
    CHECK(n > 10000 && whole.len > 3 * 64 * 1024 && k.all.len == whole.len &&
              memcmp(k.all.data, whole.data, whole.len) == 0 && piece.len == 0,
          "%zu figures written in pieces: the same %zu bytes", n, whole.len);
    CHECK(k.count > 3 && k.largest < 64 * 1024 + 4096, "in %zu pieces of at most %zu bytes",
          k.count, k.largest);
    buf_free(&text);
    buf_free(&whole);
    buf_free(&piece);
    buf_free(&k.all);
}

struct sharer {
    const struct figure_patterns *pat;
    const char *text;
    struct buf json;
};

static void *extract_shared(void *arg)
{
    struct sharer *s = arg;
    struct figures *mine = figures_new_with(s->pat);
    for (int round = 0; round < 3; round++) {
        buf_reset(&s->json);
        figures_extract(mine, s->text, strlen(s->text), &s->json);
    }
    figures_free(mine);
    return NULL;
}

/* Extractors in two threads over one set of compiled patterns find, at
 * the same time, what an extractor with its own patterns finds. */
static void shared_patterns(void)
{
    struct buf text = BUF_INIT, want = BUF_INIT;
    while (text.len < 200000)
        buf_append_str(&text, "Up to 40% of 260,000 offenders, one in five, for three weeks; "
                              "\xc2\xa3" "5m doubled in 2 years. ");
    figures_extract(ex, text.data, text.len, &want);
    struct figure_patterns *pat = figure_patterns_new();
    struct sharer s[2] = {{pat, text.data, BUF_INIT}, {pat, text.data, BUF_INIT}};
    pthread_t t[2];
    int started = 0;
    for (int i = 0; i < 2; i++)
        started += pthread_create(&t[i], NULL, extract_shared, &s[i]) == 0;
    CHECK(started == 2, "two threads started");
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < started; i++)
        CHECK(s[i].json.len == want.len && want.len > 100000 &&
                  memcmp(s[i].json.data, want.data, want.len) == 0,
              "thread %d over shared patterns: the same %zu bytes of figures", i, want.len);
    figure_patterns_free(pat);
    figure_patterns_free(NULL);
    for (int i = 0; i < 2; i++)
        buf_free(&s[i].json);
    buf_free(&text);
    buf_free(&want);
}

int main(void)
{
    ex = figures_new();
    kinds();
    qualifiers();
    exclusions();
    spans_and_order();
    written_in_pieces();
    shared_patterns();
    figures_free(ex);
    return CHECK_DONE();
}
