/* Unit tests of lib/textseg: words (joiners, abbreviations, decimals, URLs,
 * e-mails, non-ASCII, NBSP), sentences (abbreviations, initials, decimals,
 * ellipses, quotes, paragraphs, lists), offsets, and hostile input (empty,
 * spaces only, one word of 1 MB, invalid UTF-8, long runs). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "check.h"
#include "textseg.h"

/* The words of text joined by "|", each URL marked "U:" and each e-mail
 * "E:"; the buffer is static, valid until the next call. */
static const char *words_of(const char *text)
{
    static struct buf out = BUF_INIT;
    struct textseg_words it;
    struct textseg_word w;
    buf_reset(&out);
    buf_reserve(&out, 0);
    textseg_words_init(&it, text, strlen(text));
    while (textseg_next_word(&it, &w)) {
        if (out.len)
            buf_append_char(&out, '|');
        if (w.kind != TEXTSEG_WORD)
            buf_append_str(&out, w.kind == TEXTSEG_URL ? "U:" : "E:");
        buf_append(&out, text + w.start, w.end - w.start);
    }
    return out.data;
}

/* The sentences of text joined by "|". */
static const char *sentences_of(const char *text)
{
    static struct buf out = BUF_INIT;
    struct textseg_sentences it;
    struct textseg_sentence s;
    buf_reset(&out);
    buf_reserve(&out, 0);
    textseg_sentences_init(&it, text, strlen(text));
    while (textseg_next_sentence(&it, &s)) {
        if (out.len)
            buf_append_char(&out, '|');
        buf_append(&out, text + s.start, s.end - s.start);
    }
    return out.data;
}

static size_t count_sentences(const char *text, size_t len)
{
    struct textseg_sentences it;
    struct textseg_sentence s;
    size_t n = 0;
    textseg_sentences_init(&it, text, len);
    while (textseg_next_sentence(&it, &s))
        n++;
    return n;
}

static void test_words_basic(void)
{
    CHECK_STR(words_of("Hello, world!"), "Hello|world", "words: punctuation separates");
    CHECK_STR(words_of("  two\tspaced\n\nwords  "), "two|spaced|words", "words: any whitespace separates");
    CHECK_STR(words_of("one\xC2\xA0two"), "one|two", "words: NBSP separates");
    CHECK_STR(words_of("one\xE2\x80\x83two\xE3\x80\x80three"), "one|two|three",
              "words: em space and ideographic space separate");
    CHECK_STR(words_of("don't CRC\xE2\x80\x99s officers\xE2\x80\x99 work 'quoted'"),
              "don't|CRC\xE2\x80\x99s|officers|work|quoted",
              "words: apostrophes join letters only");
    CHECK_STR(words_of("ill-conceived face-to-face 50-90 -x y- snake_case"),
              "ill-conceived|face-to-face|50-90|x|y|snake_case",
              "words: hyphens and underscores join word characters");
    CHECK_STR(words_of("up to 40% \xC2\xA3" "277m \xE2\x80\x93 twenty"),
              "up|to|40|277m|twenty", "words: symbols and dashes separate");
}

static void test_words_numbers(void)
{
    CHECK_STR(words_of("3.5 08.46 0.13% 260,000 11:05 in 2014."),
              "3.5|08.46|0.13|260,000|11:05|in|2014",
              "words: decimals, times, thousands stay whole; a final stop does not");
    CHECK_STR(words_of("1,2 a,b 2014,"), "1,2|a|b|2014", "words: commas join digits only");
    CHECK_STR(words_of("12:30: done"), "12:30|done", "words: a trailing colon is not part of a time");
}

static void test_words_abbreviations(void)
{
    CHECK_STR(words_of("e.g. i.e. U.S. a.m. Mr. Dr. HM"), "e.g.|i.e.|U.S.|a.m.|Mr|Dr|HM",
              "words: dotted abbreviations keep their final stop, others do not");
    CHECK_STR(words_of("bbc.co.uk."), "bbc.co.uk", "words: a domain does not keep a final stop");
    CHECK_STR(words_of("J. K. Rowling"), "J|K|Rowling", "words: spaced initials");
    CHECK_STR(words_of("J.K. Rowling"), "J.K.|Rowling", "words: dotted initials");
    CHECK_STR(words_of("the rule.Throwing"), "the|rule|Throwing",
              "words: a stop between lowercase and a capital splits");
    CHECK_STR(words_of("end..next"), "end|next", "words: two stops split");
}

static void test_words_urls_emails(void)
{
    CHECK_STR(words_of("See https://example.org/a_(b)?x=1, and www.bbc.co.uk/news."),
              "See|U:https://example.org/a_(b)?x=1|and|U:www.bbc.co.uk/news",
              "urls: trailing punctuation is not part of the URL, a balanced bracket is");
    CHECK_STR(words_of("(http://x.org/y) HTTP://X.ORG ftp://f.net/a.txt"),
              "U:http://x.org/y|U:HTTP://X.ORG|U:ftp://f.net/a.txt",
              "urls: an enclosing bracket stays out; schemes in any case");
    CHECK_STR(words_of("http:// www. www.x"), "http|www|U:www.x",
              "urls: a bare prefix is not a URL");
    CHECK_STR(words_of("\xE2\x80\x9Chttps://a.org/p\xE2\x80\x9D next"),
              "U:https://a.org/p|next", "urls: closing curly quote ends a URL");
    CHECK_STR(words_of("Write to jane.doe+tag@example.co.uk."),
              "Write|to|E:jane.doe+tag@example.co.uk", "emails: one word, final stop left out");
    CHECK_STR(words_of("user@localhost a@b.c1 x@y.z"), "user|localhost|a|b.c1|x|y.z",
              "emails: a domain needs a dot and a letter TLD of two or more");
    CHECK_STR(words_of("mail:bob@ex.org;"), "mail|E:bob@ex.org", "emails: after a colon");
}

static void test_words_unicode(void)
{
    CHECK_STR(words_of("Caf\xC3\xA9 na\xC3\xAFve Z\xC3\xBCrich"), "Caf\xC3\xA9|na\xC3\xAFve|Z\xC3\xBCrich",
              "words: Latin letters with accents");
    CHECK_STR(words_of("\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1 \xD1\x80\xD1\x83\xD1\x81"
                       " \xE6\x9D\xB1\xE4\xBA\xAC"),
              "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1|\xD1\x80\xD1\x83\xD1\x81|"
              "\xE6\x9D\xB1\xE4\xBA\xAC",
              "words: Greek, Cyrillic, CJK");
    CHECK_STR(words_of("cafe\xCC\x81 ok"), "cafe\xCC\x81|ok", "words: a combining accent stays in its word");
    CHECK_STR(words_of("ab\xFF" "cd \xC3"), "ab|cd", "words: an invalid byte separates");
    CHECK_STR(words_of("x\xE2\x80\x8By"), "x|y", "words: a zero-width space separates");
}

static void test_words_empty(void)
{
    CHECK_STR(words_of(""), "", "words: empty text has none");
    CHECK_STR(words_of(" \t\n\xC2\xA0\r\n "), "", "words: spaces only have none");
    CHECK_STR(words_of("... -- !!! \xE2\x80\xA2"), "", "words: punctuation only has none");
}

static void test_word_offsets(void)
{
    const char *text = "  Caf\xC3\xA9, e.g. 3.5";
    struct textseg_words it;
    struct textseg_word w[3];
    textseg_words_init(&it, text, strlen(text));
    bool got = textseg_next_word(&it, &w[0]) && textseg_next_word(&it, &w[1]) &&
               textseg_next_word(&it, &w[2]);
    /* "  " = 2 bytes, "Café" = 5 (é is 2), ", " = 2, "e.g." = 4, " " = 1, "3.5" = 3. */
    CHECK(got && w[0].start == 2 && w[0].end == 7, "offsets: first word [2,7)");
    CHECK(got && w[1].start == 9 && w[1].end == 13, "offsets: second word [9,13)");
    CHECK(got && w[2].start == 14 && w[2].end == 17, "offsets: third word [14,17)");
    CHECK(!textseg_next_word(&it, &w[0]), "offsets: then the end");
    CHECK(!textseg_next_word(&it, &w[0]), "offsets: the end stays the end");
}

static void test_sentences_basic(void)
{
    CHECK_STR(sentences_of("Hello world. This is it! Is it? Yes."),
              "Hello world.|This is it!|Is it?|Yes.", "sentences: . ! ?");
    CHECK_STR(sentences_of("Really?! yes"), "Really?!|yes", "sentences: ! and ? end even before lowercase");
    CHECK_STR(sentences_of("No terminator at all"), "No terminator at all", "sentences: end of text ends one");
    CHECK_STR(sentences_of("  Lead and trail.  \n "), "Lead and trail.", "sentences: trimmed");
    CHECK_STR(sentences_of("End.\xC2\xA0Next one."), "End.|Next one.", "sentences: NBSP after a stop");
    CHECK_STR(sentences_of("One.\r\n\r\nTwo"), "One.|Two", "sentences: CRLF blank line");
    CHECK_STR(sentences_of("I think so. it is bad."), "I think so. it is bad.",
              "sentences: a stop before a lowercase word does not end one");
    CHECK_STR(sentences_of("Ca va. Tr\xC3\xA8s bien\xE3\x80\x82\xE6\xAC\xA1\xE3\x80\x82"),
              "Ca va.|Tr\xC3\xA8s bien\xE3\x80\x82|\xE6\xAC\xA1\xE3\x80\x82",
              "sentences: an ideographic full stop needs no space");
}

static void test_sentences_abbreviations(void)
{
    CHECK_STR(sentences_of("Mr. Smith met Dr. Jones. They talked."),
              "Mr. Smith met Dr. Jones.|They talked.", "sentences: Mr. Dr.");
    CHECK_STR(sentences_of("Use tools, e.g. Hammers, i.e. Tools. Then stop."),
              "Use tools, e.g. Hammers, i.e. Tools.|Then stop.", "sentences: e.g. i.e. before a capital");
    CHECK_STR(sentences_of("Today we see a report by Dame Glenys Stacey, HM Chief Inspector of "
                           "Probation. It is damning."),
              "Today we see a report by Dame Glenys Stacey, HM Chief Inspector of Probation.|"
              "It is damning.",
              "sentences: Dame Glenys Stacey, HM Chief Inspector");
    CHECK_STR(sentences_of("Seen by H.M. Inspectors. Fine."), "Seen by H.M. Inspectors.|Fine.",
              "sentences: H.M. dotted");
    CHECK_STR(sentences_of("J. K. Rowling wrote it. She is rich."),
              "J. K. Rowling wrote it.|She is rich.", "sentences: spaced initials");
    CHECK_STR(sentences_of("J.K. Rowling wrote it. Fine."), "J.K. Rowling wrote it.|Fine.",
              "sentences: dotted initials");
    CHECK_STR(sentences_of("See No. 5 and pp. 12 today. In Dec. 14 events."),
              "See No. 5 and pp. 12 today.|In Dec. 14 events.", "sentences: No. pp. Dec. before numbers");
    CHECK_STR(sentences_of("Say no. Then go."), "Say no.|Then go.",
              "sentences: 'no.' before a word ends one");
    CHECK_STR(sentences_of("We met at 9 a.m. The talk began."), "We met at 9 a.m.|The talk began.",
              "sentences: a.m. before a capital ends one");
    CHECK_STR(sentences_of("Tools etc. More tools."), "Tools etc.|More tools.",
              "sentences: etc. before a capital ends one");
}

static void test_sentences_numbers(void)
{
    CHECK_STR(sentences_of("It rose 3.5 per cent. At 08.46 Anon wrote. Done."),
              "It rose 3.5 per cent.|At 08.46 Anon wrote.|Done.", "sentences: decimals and times");
    CHECK_STR(sentences_of("It began in 2014. Then it failed."), "It began in 2014.|Then it failed.",
              "sentences: a number before a stop");
    CHECK_STR(sentences_of("  15. Probation is the joke. We agree."),
              "15. Probation is the joke.|We agree.", "sentences: a comment number");
    CHECK_STR(sentences_of("Done.\n  2. Next point\n  3) Last point"),
              "Done.|2. Next point|3) Last point", "sentences: numbered lines");
}

static void test_sentences_punctuation(void)
{
    CHECK_STR(sentences_of("Wait... What? Well\xE2\x80\xA6 fine. I see..."),
              "Wait...|What?|Well\xE2\x80\xA6 fine.|I see...", "sentences: ellipses");
    CHECK_STR(sentences_of("He said \"no.\" Then he left."), "He said \"no.\"|Then he left.",
              "sentences: straight quote after the stop");
    CHECK_STR(sentences_of("\xE2\x80\x9CStop.\xE2\x80\x9D Then go (quietly.) Now."),
              "\xE2\x80\x9CStop.\xE2\x80\x9D|Then go (quietly.)|Now.",
              "sentences: curly quote and bracket after the stop");
    CHECK_STR(sentences_of("\xE2\x80\x9CI question this.\xE2\x80\x9D the inspector wrote."),
              "\xE2\x80\x9CI question this.\xE2\x80\x9D the inspector wrote.",
              "sentences: a quote followed by lowercase continues");
    CHECK_STR(sentences_of("It said \xE2\x80\x9Cgo.\xE2\x80\x9D \xE2\x80\x9CNow.\xE2\x80\x9D"),
              "It said \xE2\x80\x9Cgo.\xE2\x80\x9D|\xE2\x80\x9CNow.\xE2\x80\x9D",
              "sentences: the next starts at its opening quote");
    CHECK_STR(sentences_of("That might help..should not."), "That might help..should not.",
              "sentences: no space, no end");
}

static void test_sentences_urls(void)
{
    CHECK_STR(sentences_of("Visit www.example.com. Then leave."), "Visit www.example.com.|Then leave.",
              "sentences: a URL before a stop");
    CHECK_STR(sentences_of("Mail jane@example.org. Thanks."), "Mail jane@example.org.|Thanks.",
              "sentences: an e-mail before a stop");
    CHECK_STR(sentences_of("See https://a.org/x.html for more. Done."),
              "See https://a.org/x.html for more.|Done.", "sentences: dots inside a URL");
}

static void test_sentences_structure(void)
{
    CHECK_STR(sentences_of("Title line\n\nFirst sentence. Second one"),
              "Title line|First sentence.|Second one", "sentences: a blank line ends one");
    CHECK_STR(sentences_of("Wrapped line\ncontinues here."), "Wrapped line\ncontinues here.",
              "sentences: a single line break does not");
    CHECK_STR(sentences_of("Findings include:\n  \xE2\x80\xA2 Quality is poor.\n  \xE2\x80\xA2 Staff are few"),
              "Findings include:|\xE2\x80\xA2 Quality is poor.|\xE2\x80\xA2 Staff are few",
              "sentences: bullet lines");
    CHECK_STR(sentences_of("List:\n- one\n-two"), "List:|- one\n-two",
              "sentences: a hyphen needs a space to be a bullet");
    CHECK_STR(sentences_of("***\n\nHello there.\n\n***"), "Hello there.",
              "sentences: separator lines belong to none");
    CHECK_STR(sentences_of("Hi \xE2\x80\x94 there.\n\n\xE2\x80\x94\n\nNext."), "Hi \xE2\x80\x94 there.|Next.",
              "sentences: a dash paragraph between two");
}

static void test_sentence_offsets(void)
{
    const char *text = "  One two. \xC2\xA0Three";
    struct textseg_sentences it;
    struct textseg_sentence s[2];
    textseg_sentences_init(&it, text, strlen(text));
    bool got = textseg_next_sentence(&it, &s[0]) && textseg_next_sentence(&it, &s[1]);
    /* "  " 2, "One two." [2,10), " " + NBSP (2 bytes) = 3, "Three" [13,18). */
    CHECK(got && s[0].start == 2 && s[0].end == 10 && s[0].words == 2, "sentence offsets: [2,10), 2 words");
    CHECK(got && s[1].start == 13 && s[1].end == 18 && s[1].words == 1, "sentence offsets: [13,18), 1 word");
    CHECK(!textseg_next_sentence(&it, &s[0]), "sentence offsets: then the end");
    CHECK(!textseg_next_sentence(&it, &s[0]), "sentence offsets: the end stays the end");
    CHECK_STR(sentences_of(""), "", "sentences: empty text has none");
    CHECK_STR(sentences_of(" \n\t\xC2\xA0 "), "", "sentences: spaces only have none");
    CHECK_STR(sentences_of("?! ... \xE2\x80\xA2"), "", "sentences: punctuation only has none");
}

static void test_helpers(void)
{
    CHECK(textseg_is_space(0xA0) && textseg_is_space(0x2003) && textseg_is_space('\r') &&
              textseg_is_space(0x2028) && !textseg_is_space(0x200B) && !textseg_is_space('x'),
          "is_space: NBSP, em space, CR, LS yes; ZWSP, x no");
    CHECK(textseg_bullet_len("\xE2\x80\xA2item", 7) == 3, "bullet: • counts whatever follows");
    CHECK(textseg_bullet_len("- a", 3) == 1 && textseg_bullet_len("-a", 2) == 0 &&
              textseg_bullet_len("-", 1) == 0,
          "bullet: - needs a following space");
    CHECK(textseg_bullet_len("\xE2\x80\x93 a", 5) == 3 && textseg_bullet_len("\xE2\x80\x94 a", 5) == 0,
          "bullet: en dash yes, em dash no");
    CHECK(textseg_bullet_len("", 0) == 0 && textseg_bullet_len("1. a", 4) == 0, "bullet: empty and numbers no");
    CHECK(textseg_enumerator_len("12. a", 5) == 3 && textseg_enumerator_len("3) a", 4) == 2 &&
              textseg_enumerator_len("4: a", 4) == 2,
          "enumerator: 12. 3) 4:");
    CHECK(textseg_enumerator_len("2017. a", 7) == 0 && textseg_enumerator_len("3.5", 3) == 0 &&
              textseg_enumerator_len("3.", 2) == 0,
          "enumerator: not a year, a decimal or a bare number");
    const char *t = " \xC2\xA0x y\xC2\xA0 ";
    CHECK(textseg_trim_start(t, 0, strlen(t)) == 3 && textseg_trim_end(t, 0, strlen(t)) == 6,
          "trim: NBSP is trimmed on both sides");
    CHECK(textseg_trim_start("  ", 0, 2) == 2 && textseg_trim_end("  ", 0, 2) == 0, "trim: all spaces");
}

static double seconds_since(clock_t start)
{
    return (double)(clock() - start) / CLOCKS_PER_SEC;
}

static void test_huge(void)
{
    size_t n = 1 << 20;
    char *text = xmalloc(n + 1);
    memset(text, 'a', n);
    text[n] = '\0';
    struct textseg_words it;
    struct textseg_word w;
    textseg_words_init(&it, text, n);
    bool one = textseg_next_word(&it, &w) && w.start == 0 && w.end == n && !textseg_next_word(&it, &w);
    CHECK(one, "huge: one word of 1 MB");
    struct textseg_sentences si;
    struct textseg_sentence s;
    textseg_sentences_init(&si, text, n);
    CHECK(textseg_next_sentence(&si, &s) && s.start == 0 && s.end == n && s.words == 1,
          "huge: one sentence of 1 MB");

    /* Every "ab" starts an e-mail scan over the whole run of "ab+ab+...":
     * quadratic without the remembered failure, linear with it. */
    for (size_t i = 0; i < n; i++)
        text[i] = "ab+"[i % 3];
    clock_t start = clock();
    size_t words = 0;
    textseg_words_init(&it, text, n);
    while (textseg_next_word(&it, &w))
        words++;
    double took = seconds_since(start);
    CHECK(words == (n + 2) / 3, "huge: 1 MB of ab+ is %zu words (%zu)", (n + 2) / 3, words);
    CHECK(took < 10.0, "huge: e-mail scans stay linear (%.2f s)", took);

    for (size_t i = 0; i < n; i++)
        text[i] = "Go. "[i % 4];
    start = clock();
    size_t sentences = count_sentences(text, n);
    took = seconds_since(start);
    CHECK(sentences == n / 4, "huge: 1 MB of 'Go. ' is %zu sentences (%zu)", n / 4, sentences);
    CHECK(took < 10.0, "huge: sentences in linear time (%.2f s)", took);

    memset(text, ' ', n);
    memcpy(text + n / 2, "Mr.", 3);
    CHECK(count_sentences(text, n) == 1, "huge: one word among 1 MB of spaces");
    free(text);
}

int main(void)
{
    test_words_basic();
    test_words_numbers();
    test_words_abbreviations();
    test_words_urls_emails();
    test_words_unicode();
    test_words_empty();
    test_word_offsets();
    test_sentences_basic();
    test_sentences_abbreviations();
    test_sentences_numbers();
    test_sentences_punctuation();
    test_sentences_urls();
    test_sentences_structure();
    test_sentence_offsets();
    test_helpers();
    test_huge();
    return CHECK_DONE();
}
