/* Unit tests of lib/quotes (intro markers, sources, headlines) and of
 * lib/blogline (numbered and bulleted lines, page furniture). */
#include <stdint.h>
#include <string.h>

#include "blogline.h"
#include "buf.h"
#include "check.h"
#include "quotes.h"

/* ---- markers and sentences ----------------------------------------------------- */

static void check_marker(const char *line, long want)
{
    size_t got = quote_marker(line, 0, strlen(line));
    CHECK(want < 0 ? got == SIZE_MAX : got == (size_t)want, "marker of \"%s\": want %ld, got %ld",
          line, want, got == SIZE_MAX ? -1L : (long)got);
}

static void test_markers(void)
{
    check_marker("This from the Guardian:-", 22);
    check_marker("This from the Guardian: -", 22);
    check_marker("This from the Guardian :-", 23);
    check_marker("This from the Guardian:--", 22);
    check_marker("This from the Guardian:\xe2\x80\x93", 22);
    check_marker("This from the Guardian:\xe2\x80\x94", 22);
    check_marker("This from the Guardian:-\xc2\xa0 \xc2\xa0\r", 22);
    check_marker("This from the Guardian:", -1);
    check_marker("A well-known two-tier", -1);
    check_marker("Scores: 3-", -1);
    check_marker("-", -1);
    check_marker("", -1);
    const char *colon = "Napo Press Release: \xc2\xa0";
    CHECK(quote_colon(colon, 0, strlen(colon)) == 18, "bare colon found past trailing spaces");
    CHECK(quote_colon("no colon", 0, 8) == SIZE_MAX, "no bare colon");

    const char *text = "It said \xe2\x80\x9c" "enough.\xe2\x80\x9d This from the Observer:-";
    size_t start = quote_sentence_start(text, 0, strlen(text));
    CHECK_STR(text + start, "This from the Observer:-", "sentence after a curly closing quote");
    text = "Ends here. And e.g. this";
    CHECK_STR(text + quote_sentence_start(text, 0, strlen(text)), "this",
              "a full stop and a space end a sentence");
    CHECK(quote_sentence_start("No stop", 0, 7) == 0, "one sentence starts at the start");
}

/* ---- sources ----------------------------------------------------------------------- */

static void check_source(const char *intro, const char *want)
{
    struct buf out = BUF_INIT;
    quote_source(intro, 0, strlen(intro), &out);
    buf_reserve(&out, 0);
    CHECK_STR(out.data, want, "source of \"%s\"", intro);
    buf_free(&out);
}

static void test_sources(void)
{
    /* The seeds. */
    check_source("This\xc2\xa0 from the Guardian", "the Guardian");
    check_source("Alan Travis writing\xc2\xa0 in the Guardian", "the Guardian");
    check_source("This\xc2\xa0 from the Telegraph", "the Telegraph");
    check_source("Napo Press Release", "Napo Press Release");
    /* Prepositions, the last one that names something. */
    check_source("This on Inside Time", "Inside Time");
    check_source("A report at the Justice Gap", "the Justice Gap");
    check_source("I see this in the Guardian", "the Guardian");
    check_source("Statement from Kestrel Justice", "Kestrel Justice");
    check_source("And finally, via Civil Service World", "Civil Service World");
    check_source("As reported by the Yorkshire Post", "the Yorkshire Post");
    check_source("As reported by Children & Young People Now", "Children & Young People Now");
    check_source("According to Inside Time", "Inside Time");
    check_source("Story by Alan Travis in the Guardian", "the Guardian");
    check_source("This from the Guardian, by Alan Travis", "the Guardian");
    /* Times after the name. */
    check_source("This from the Guardian today", "the Guardian");
    check_source("As reported in the Telegraph on Tuesday", "the Telegraph");
    check_source("This in the Times this morning", "the Times");
    check_source("From the Observer in December 2017", "the Observer");
    check_source("This from the Mail on Sunday", "the Mail on Sunday");
    check_source("Read it in the Guardian here", "the Guardian");
    /* No preposition. */
    check_source("Here's what BBC News had to say", "BBC News");
    check_source("Here's what the i had to say", "the i");
    check_source("The Guardian reports", "the Guardian");
    check_source("BBC reports", "BBC");
    check_source("Meanwhile the Northern Echo has this", "the Northern Echo");
    check_source("Here's the Guardian's take", "the Guardian");
    check_source("A spokesman told the Independent", "the Independent");
    check_source("Kestrel Justice statement", "Kestrel Justice statement");
    check_source("HMPPS staff bulletin", "HMPPS staff bulletin");
    check_source("Read this", "Read this");
    check_source("Here's one I found earlier", "Here's one I found earlier");
    check_source("", "");
}

static void check_strength(const char *intro, enum intro_strength want)
{
    static const char *const names[] = {"none", "source", "formula"};
    enum intro_strength got = quote_intro_strength(intro, 0, strlen(intro));
    CHECK(got == want, "\"%s\": intro strength %s (got %s)", intro, names[want], names[got]);
}

static void test_intro_strength(void)
{
    check_strength("This from the Guardian", INTRO_FORMULA);
    check_strength("As reported by the Yorkshire Post", INTRO_FORMULA);
    check_strength("Here's what BBC News had to say", INTRO_FORMULA);
    check_strength("Napo Press Release", INTRO_FORMULA);
    check_strength("MoJ statement", INTRO_FORMULA);
    check_strength("Kirsty O'Halloran in the Manchester Evening News", INTRO_FORMULA);
    check_strength("Speaking on the Today programme, she said", INTRO_SOURCE);
    check_strength("Here is what staff in Wessex have told me", INTRO_SOURCE);
    check_strength("There is more on this story, and on the reaction to it, from the "
                   "Guardian",
                   INTRO_SOURCE);
    check_strength("Update", INTRO_NONE);
    check_strength("Stacey concluded", INTRO_NONE);
    check_strength("Here are the questions I would ask", INTRO_NONE);
    check_strength("The report's main concerns were", INTRO_NONE);
    check_strength("Ian Lawrence, Napo general secretary, said in a statement", INTRO_NONE);
    check_strength("", INTRO_NONE);
}

/* ---- headlines ------------------------------------------------------------------------ */

static void check_headline(const char *line, bool want)
{
    CHECK(quote_is_headline(line, 0, strlen(line)) == want, "\"%s\" %s a headline", line,
          want ? "is" : "is not");
}

static void test_headlines(void)
{
    check_headline("Private probation firms criticised for supervising offenders by phone", true);
    check_headline("Is probation working?", true);
    check_headline("Scrap the contracts now!", true);
    check_headline("Probation service \xe2\x80\x98in crisis\xe2\x80\x99", true);
    check_headline("\xe2\x80\x9cWe were told it would be better\xe2\x80\x9d", true);
    check_headline("\"We were never asked\": staff speak out", true);
    check_headline("Privatisation has left public at greater risk \xe2\x80\x93 report", true);
    check_headline("Probation still failing, says watchdog\xc2\xa0", true);
    check_headline("\xe2\x80\x9cPublic protection is our number one priority.\xe2\x80\x9d", false);
    check_headline("\"It is a disgrace,\"", false);
    check_headline("The report was published on Thursday.", false);
    check_headline("Among the findings:", false);
    check_headline("And then there were none\xe2\x80\xa6", false);
    check_headline("by our home affairs staff", false);
    check_headline("By Alan Travis", false);
    check_headline("", false);
    check_headline("one two three four five six seven eight nine ten eleven twelve thirteen "
                   "fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one "
                   "twenty-two twenty-three twenty-four twenty-five twenty-six",
                   false);
}

/* ---- numbered, bulleted and furniture lines ------------------------------------------------ */

static void check_number(const char *line, unsigned want, const char *want_text)
{
    unsigned number = 0;
    size_t text_from = 0;
    bool ok = blogline_number(line, 0, strlen(line), &number, &text_from);
    if (want == 0)
        CHECK(!ok, "\"%s\" is not numbered", line);
    else
        CHECK(ok && number == want && strcmp(line + text_from, want_text) == 0,
              "\"%s\" is number %u", line, want);
}

static void test_numbers_and_items(void)
{
    check_number("4. Text", 4, "Text");
    check_number("4) Text", 4, "Text");
    check_number("12.", 12, "");
    check_number("1234.\tText", 1234, "Text");
    check_number("12345. Text", 0, NULL);
    check_number("0. Text", 0, NULL);
    check_number("1: Text", 0, NULL);
    check_number("1.5 million", 0, NULL);
    check_number("2016. What a year", 2016, "What a year");
    check_number("Text", 0, NULL);

    const char *bullet = "\xe2\x80\xa2 Item";
    struct list_item a = blogline_list_item(bullet, 0, strlen(bullet));
    struct list_item b = blogline_list_item("- Item", 0, 6);
    struct list_item c = blogline_list_item("3. Item", 0, 7);
    struct list_item d = blogline_list_item("-5 degrees", 0, 10);
    CHECK(a.mark == LIST_MARK_BULLET && b.mark == LIST_MARK_BULLET && a.bullet != b.bullet,
          "bullets of two kinds");
    CHECK(c.mark == LIST_MARK_NUMBER && c.number == 3, "a numbered item");
    CHECK(d.mark == LIST_MARK_NONE, "a dash without a space is no bullet");
}

static void check_furniture(const char *line, bool want)
{
    CHECK(blogline_is_furniture(line, 0, strlen(line)) == want, "\"%s\" %s furniture", line,
          want ? "is" : "is not");
}

static void test_furniture(void)
{
    check_furniture("Newer Post Older Post Home", true);
    check_furniture("Subscribe to: Post Comments (Atom)", true);
    check_furniture("Post a Comment", true);
    check_furniture("Posted by Jim Brown at 10:23", true);
    check_furniture("Email ThisBlogThis!Share to TwitterShare to Facebook", true);
    check_furniture("Labels: CRCs, inspections, TR", true);
    check_furniture("4 comments:", true);
    check_furniture("No comments:", true);
    check_furniture("One response to \xe2\x80\x9c" "Damning Report\xe2\x80\x9d", true);
    check_furniture("Share this:", true);
    check_furniture("Home", true);
    check_furniture("Homeless people are left without support.", false);
    check_furniture("Comments on the report are welcome below.", false);
    check_furniture("Sharing the load was never the plan.", false);
    check_furniture("Posted by Jim Brown at 10:23, a long line that goes on and on and on and "
                    "on, far past the length that furniture ever has.",
                    false);
    check_furniture("", false);
    CHECK(blogline_is_comment_header("12 comments:", 0, 12), "\"12 comments:\" announces comments");
    CHECK(blogline_is_comment_header("Comments", 0, 8), "\"Comments\" announces comments");
    CHECK(!blogline_is_comment_header("12 commentators agree", 0, 21),
          "\"12 commentators agree\" does not");
}

int main(void)
{
    test_markers();
    test_sources();
    test_intro_strength();
    test_headlines();
    test_numbers_and_items();
    test_furniture();
    return CHECK_DONE();
}
