/* Unit tests of lib/html: tags removed, invisible parts dropped, block
 * elements as line breaks, white space, malformed HTML, linear time. */
#include <stdlib.h>
#include <time.h>

#include "buf.h"
#include "check.h"
#include "html.h"

static void check_text(const char *name, const char *html, const char *want)
{
    struct buf out = BUF_INIT;
    html_to_text(html, strlen(html), &out);
    CHECK_STR(out.data ? out.data : "", want, "%s", name);
    buf_free(&out);
}

static void test_tags(void)
{
    check_text("inline tags removed", "<p>Hello <b>bold</b> <a href=\"/x\">world</a></p>",
               "Hello bold world\n");
    check_text("upper-case tags", "<P>One</P><DIV>Two</DIV>", "One\n\nTwo\n");
    check_text("adjacent inline elements stay joined", "<span>a</span><span>b</span>",
               "ab\n");
    check_text("entities left as written", "<p>Fish &amp; chips &#8217;&nbsp;x</p>",
               "Fish &amp; chips &#8217;&nbsp;x\n");
    check_text("doctype and processing instruction dropped",
               "<!DOCTYPE html><?xml version=\"1.0\"?>text", "text\n");
    check_text("'>' inside a quoted attribute", "<a title=\"x > y\" href='/a>b'>link</a>",
               "link\n");
    check_text("self-closing tags", "a<img src=x />b<hr/>c", "ab\n\nc\n");
    check_text("empty input", "", "");
    check_text("only markup", "<html><body><div></div></body></html>", "");
}

static void test_dropped(void)
{
    check_text("script dropped", "<p>a</p><script>if (x < 1) { y = \"</p>\"; }</script><p>b</p>",
               "a\n\nb\n");
    check_text("style dropped", "before<style type=\"text/css\">p > a { color: red }</style>after",
               "beforeafter\n");
    check_text("upper-case SCRIPT end tag", "<SCRIPT>x</SCRIPT >shown", "shown\n");
    check_text("'</scripts' does not end a script", "<script>a</scripts>b</script>c", "c\n");
    check_text("head dropped with its title",
               "<html><head><title>Title</title><meta charset=utf-8></head><body>Body</body></html>",
               "Body\n");
    check_text("an unclosed head ends at <body>", "<head><title>T</title><link rel=x><body>Body",
               "Body\n");
    check_text("comment dropped", "a<!-- hidden <p>x</p> -->b", "ab\n");
    check_text("empty comment <!-->", "a<!-->b", "ab\n");
    check_text("noscript, svg, template, textarea dropped",
               "a<noscript>Enable JS</noscript>b<svg><text>icon</text></svg>c"
               "<template><p>t</p></template>d<textarea>typed</textarea>e",
               "abcde\n");
}

static void test_blocks(void)
{
    check_text("paragraphs separated by a blank line", "<h1>Title</h1><p>One</p><p>Two</p>",
               "Title\n\nOne\n\nTwo\n");
    check_text("list items on their own lines", "<ul><li>one</li><li>two</li></ul>after",
               "one\ntwo\n\nafter\n");
    check_text("br ends a line, two br a paragraph", "a<br>b<br/><br>c<BR>d",
               "a\nb\n\nc\nd\n");
    check_text("table rows and cells", "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>",
               "a b\nc\n");
    check_text("blockquote, section, article", "x<blockquote>q</blockquote><section>s</section><article>t</article>",
               "x\n\nq\n\ns\n\nt\n");
    check_text("white space collapsed", "  a \n\t b  \r\n c ", "a b c\n");
    check_text("white space around blocks trimmed", "<p>  one  </p>  <p>\n two\n</p>",
               "one\n\ntwo\n");
    check_text("pre keeps white space", "<pre>a\n  b\r\nc</pre>after", "a\n  b\nc\n\nafter\n");
    check_text("nested blocks give one blank line", "<div><div><p>x</p></div></div><div>y</div>",
               "x\n\ny\n");
}

static void test_malformed(void)
{
    check_text("unclosed tags", "<p>one<p>two<div>three", "one\n\ntwo\n\nthree\n");
    check_text("'<' in text", "1 < 2, a<3 and x <= y", "1 < 2, a<3 and x <= y\n");
    check_text("'<' before a letter with no '>' after", "if a<b then c", "if a<b then c\n");
    check_text("truncated comment keeps the text before it", "kept<!-- never closed <p>x",
               "kept\n");
    check_text("truncated tag keeps its text", "text <a href=\"x", "text <a href=\"x\n");
    check_text("unclosed quote", "<a href=\"x>link</a> more <b>bold</b>", "link more bold\n");
    check_text("unclosed script drops the rest", "a<script>never closed", "a\n");
    check_text("stray end tags", "</p></div>text</b>", "text\n");
    check_text("'</' and '<!' alone", "a</ b> c <! d", "a c <! d\n");
    check_text("a lone '<' at the end", "end <", "end <\n");

    struct buf out = BUF_INIT;
    const char nul[] = "a\0b<p>c";
    html_to_text(nul, sizeof nul - 1, &out);
    CHECK(out.len == 7 && memcmp(out.data, "a\0b\n\nc\n", 7) == 0, "NUL bytes are text");
    buf_free(&out);

    /* Random markup-heavy bytes: no crash (sanitizers watch), output no
     * longer than the input plus the final newline. */
    const char alphabet[] = "<>/!-\"'= abcpdivscrt\n\r\0&;";
    unsigned state = 12345;
    bool bounded = true;
    for (int round = 0; round < 2000; round++) {
        char s[300];
        size_t n = (size_t)(round % 300);
        for (size_t i = 0; i < n; i++) {
            state = state * 1103515245u + 12345u;
            s[i] = alphabet[(state >> 16) % (sizeof alphabet - 1)];
        }
        buf_reset(&out);
        html_to_text(s, n, &out);
        bounded = bounded && out.len <= n + 2;
    }
    CHECK(bounded, "random markup: no crash, output bounded by the input");
    buf_free(&out);
}

/* Inputs that would make a naive scanner quadratic: many '<' without a
 * '>', many unclosed quotes, many comment starts. */
static void test_linear_time(void)
{
    const char *patterns[] = {"a<b ", "<a x=\"", "<!-", "<a x='y'"};
    for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
        struct buf html = BUF_INIT, out = BUF_INIT;
        while (html.len < 2 * 1024 * 1024)
            buf_append_str(&html, patterns[k]);
        clock_t start = clock();
        html_to_text(html.data, html.len, &out);
        double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
        CHECK(seconds < 5.0, "2 MB of \"%s\" takes linear time (%.2f s)", patterns[k], seconds);
        buf_free(&html);
        buf_free(&out);
    }
}

static void test_appends(void)
{
    struct buf out = BUF_INIT;
    buf_append_str(&out, "prefix\n");
    html_to_text("<p>a</p>", 8, &out);
    CHECK_STR(out.data, "prefix\na\n", "appends to what the buffer holds");
    buf_free(&out);
}

static void test_looks_like(void)
{
    CHECK(html_looks_like("<!DOCTYPE html><html>", 21), "doctype looks like HTML");
    CHECK(html_looks_like("\xEF\xBB\xBF  \n<HTML lang=en>", 20), "BOM, space, <HTML> look like HTML");
    CHECK(html_looks_like("<!-- c --><head></head>", 23), "comment then head looks like HTML");
    CHECK(!html_looks_like("plain text <html>", 17), "text first is not HTML");
    CHECK(!html_looks_like("<p>a fragment</p>", 17), "a fragment without html/head/body is not");
    CHECK(!html_looks_like("", 0), "empty is not HTML");
}

int main(void)
{
    test_tags();
    test_dropped();
    test_blocks();
    test_malformed();
    test_linear_time();
    test_appends();
    test_looks_like();
    return CHECK_DONE();
}
