/* Unit tests of lib/sources: format detection, text, NDJSON documents (with
 * bad lines), WARC and WET (gzipped, truncated, malformed, wrong lengths),
 * tar archives; then the real crawl files of ../shared/fixtures when
 * present. Fixtures: tests/fixtures/sources/ (see make-fixtures.sh there). */
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "check.h"
#include "gzip-member.h"
#include "diag.h"
#include "input.h"
#include "rejects.h"
#include "sources.h"

#define FIXTURES "tests/fixtures/sources/"
#define REAL "../shared/fixtures/"

struct seen_doc {
    char *id, *text, *meta, *origin;
    size_t len;
    long line;
};

struct seen {
    struct seen_doc *docs;
    size_t n;
    int stop_after;   /* sink returns 7 after this many; 0: never */
    struct source_counts counts;
    int status;       /* what read_documents returned */
    struct buf stderr_text;
};

static int collect(const struct document *doc, void *ctx)
{
    struct seen *s = ctx;
    s->docs = xrealloc(s->docs, (s->n + 1) * sizeof *s->docs);
    struct seen_doc *d = &s->docs[s->n++];
    d->id = xstrdup(doc->id);
    d->text = xstrndup(doc->text, doc->len);
    d->len = doc->len;
    d->meta = doc->meta ? xstrdup(doc->meta) : NULL;
    d->origin = xstrdup(doc->origin);
    d->line = doc->line;
    return s->stop_after && (int)s->n >= s->stop_after ? 7 : 0;
}

static void seen_free(struct seen *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->docs[i].id);
        free(s->docs[i].text);
        free(s->docs[i].meta);
        free(s->docs[i].origin);
    }
    free(s->docs);
    buf_free(&s->stderr_text);
    memset(s, 0, sizeof *s);
}

/* Run read_documents on `in` (closed here) with stderr captured. */
static void run(struct input *in, enum source_format format, struct rejects *rj,
                struct seen *s)
{
    fflush(stderr);
    FILE *capture = tmpfile();
    int saved = dup(STDERR_FILENO);
    dup2(fileno(capture), STDERR_FILENO);
    s->status = read_documents(in, format, rj, collect, s, &s->counts);
    input_close(in);
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    rewind(capture);
    char block[4096];
    size_t got;
    while ((got = fread(block, 1, sizeof block, capture)) > 0)
        buf_append(&s->stderr_text, block, got);
    buf_append(&s->stderr_text, "", 0); /* terminated even when empty */
    for (size_t i = 0; i < s->stderr_text.len; i++)
        if (s->stderr_text.data[i] == '\n')
            s->stderr_text.data[i] = '|'; /* one check, one output line */
    fclose(capture);
}

static void run_memory(const char *name, const char *data, size_t len,
                       enum source_format format, struct seen *s)
{
    struct rejects *rj = rejects_open(NULL);
    run(input_open_memory(name, data, len), format, rj, s);
    rejects_close(rj);
}

static void run_string(const char *name, const char *data, enum source_format format,
                       struct seen *s)
{
    run_memory(name, data, strlen(data), format, s);
}

/* False (and the test skipped) when the file is missing. */
static bool run_file(const char *path, enum source_format format, struct seen *s)
{
    if (access(path, R_OK) != 0) {
        SKIP("%s: not present", path);
        return false;
    }
    struct rejects *rj = rejects_open(NULL);
    run(input_open(path), format, rj, s);
    rejects_close(rj);
    return true;
}

static bool has(const char *haystack, const char *needle)
{
    return haystack && strstr(haystack, needle) != NULL;
}

static size_t count_occurrences(const char *haystack, const char *needle)
{
    size_t count = 0;
    for (const char *p = haystack; p && (p = strstr(p, needle)) != NULL; p++)
        count++;
    return count;
}

/* ------------------------------------------------------------------------ */

static void test_format_names(void)
{
    CHECK(source_format_parse("auto") == FORMAT_AUTO && source_format_parse("text") == FORMAT_TEXT &&
              source_format_parse("ndjson") == FORMAT_NDJSON && source_format_parse("warc") == FORMAT_WARC &&
              source_format_parse("tar") == FORMAT_TAR,
          "format names parse");
    CHECK(source_format_parse("pdf") == -1 && source_format_parse("TEXT") == -1,
          "unknown format names are -1");
}

static void test_detection(void)
{
    static const struct {
        const char *name, *data;
        const char *want_id; /* the first document's id tells the format */
        size_t want_docs;
    } cases[] = {
        {"warc", "WARC/1.0\nWARC-Type: conversion\nWARC-Record-ID: <w>\nContent-Length: 1\n\nx\n\n", "w", 1},
        {"ndjson", "{\"id\":\"n1\",\"text\":\"a\"}\n{\"id\":\"n2\",\"text\":\"b\"}\n", "n1", 2},
        {"ndjson after blank lines", "\n  \r\n{\"id\":\"n1\",\"text\":\"a\"}\n", "n1", 1},
        {"bom then ndjson", "\xEF\xBB\xBF{\"id\":\"n1\",\"text\":\"a\"}", "n1", 1},
        {"brace but not JSON", "{not json}\nsecond line\n", "brace but not JSON", 1},
        {"JSON array", "[1,2]\n", "JSON array", 1},
        {"plain text", "Just text.\n", "plain text", 1},
        {"empty", "", "empty", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct seen s = {0};
        run_string(cases[i].name, cases[i].data, FORMAT_AUTO, &s);
        CHECK(s.status == 0 && s.n == cases[i].want_docs, "detect %s: %zu document(s)",
              cases[i].name, cases[i].want_docs);
        CHECK_STR(s.n ? s.docs[0].id : NULL, cases[i].want_id, "detect %s: id", cases[i].name);
        seen_free(&s);
    }

    const char *ndjson = "{\"id\":\"gz\",\"text\":\"zipped\"}\n";
    struct buf gz = BUF_INIT;
    gzip_member(ndjson, strlen(ndjson), &gz);
    struct seen s = {0};
    run_memory("docs.jsonl.gz", gz.data, gz.len, FORMAT_AUTO, &s);
    CHECK(s.n == 1 && strcmp(s.docs[0].id, "gz") == 0, "gzipped NDJSON is detected as NDJSON");
    seen_free(&s);
    buf_free(&gz);

    run_string("docs.jsonl", ndjson, FORMAT_TEXT, &s);
    CHECK(s.n == 1 && strcmp(s.docs[0].id, "docs") == 0 && s.docs[0].len == strlen(ndjson),
          "--format text reads NDJSON as one text document");
    seen_free(&s);
}

static void test_text(void)
{
    struct seen s = {0};
    if (run_file(FIXTURES "plain-page.txt", FORMAT_AUTO, &s)) {
        const char *want = "Thursday, 14 December 2017\n\nA plain page\n\nIts only paragraph.\n";
        CHECK(s.status == 0 && s.n == 1 && s.counts.documents == 1, "text file: one document");
        CHECK_STR(s.n ? s.docs[0].id : NULL, "plain-page", "text file: id is the name without extension");
        CHECK_STR(s.n ? s.docs[0].text : NULL, want, "text file: text is the whole file");
        CHECK(s.n && s.docs[0].meta == NULL && s.docs[0].line == 0, "text file: no meta, line 0");
        CHECK_STR(s.n ? s.docs[0].origin : NULL, FIXTURES "plain-page.txt", "text file: origin is the path");
    }
    seen_free(&s);

    static const struct {
        const char *name, *want;
    } ids[] = {
        {"pages/x.txt.gz", "x"},
        {"000_3cda5d15756a79be.txt", "000_3cda5d15756a79be"},
        {"/abs/dir/page", "page"},
        {".profile", ".profile"},
        {"dir/.hidden.txt", ".hidden"},
        {"stdin", "stdin"},
        {"a.b.c.d", "a"},
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        run_string(ids[i].name, "text", FORMAT_TEXT, &s);
        CHECK_STR(s.n ? s.docs[0].id : NULL, ids[i].want, "text id of \"%s\"", ids[i].name);
        seen_free(&s);
    }

    run_string("bad-\xff-name.txt", "text", FORMAT_TEXT, &s);
    CHECK_STR(s.n ? s.docs[0].id : NULL, "bad-\xEF\xBF\xBD-name", "invalid UTF-8 in a file name is repaired in the id");
    seen_free(&s);

    run_memory("nul.txt", "a\0b\xff", 4, FORMAT_AUTO, &s);
    CHECK(s.n == 1 && s.docs[0].len == 4 && memcmp(s.docs[0].text, "a\0b\xff", 4) == 0,
          "text is handed over as read, NUL and invalid UTF-8 included");
    seen_free(&s);
}

/* ------------------------------------------------------------------------ */

static char *read_whole(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct buf b = BUF_INIT;
    char block[4096];
    size_t got;
    while (f && (got = fread(block, 1, sizeof block, f)) > 0)
        buf_append(&b, block, got);
    if (f)
        fclose(f);
    return buf_detach(&b, NULL);
}

static void check_ndjson_documents(const struct seen *s)
{
    CHECK(s->n == 3 && s->counts.documents == 3, "NDJSON: three good documents");
    if (s->n != 3)
        return;
    CHECK_STR(s->docs[0].id, "doc-1", "NDJSON: string id");
    CHECK_STR(s->docs[0].text, "First document.\nSecond line.", "NDJSON: text with an escaped newline");
    CHECK_STR(s->docs[0].meta, "{\"url\":\"https://example.org/1\",\"crawl\":{\"n\":1}}",
              "NDJSON: other members go to meta, in order");
    CHECK(s->docs[0].line == 1, "NDJSON: line of the first document");
    CHECK_STR(s->docs[1].id, "42", "NDJSON: an integer id becomes its decimal text");
    CHECK(s->docs[1].meta == NULL && s->docs[1].line == 3, "NDJSON: no other members, no meta (CRLF line 3)");
    CHECK_STR(s->docs[1].text, "Integer id.", "NDJSON: CR stripped from a CRLF line");
    CHECK_STR(s->docs[2].id, "doc-7", "NDJSON: the last document");
    CHECK_STR(s->docs[2].meta, "{\"lang\":\"en\"}", "NDJSON: meta of the last document");
    CHECK(s->docs[2].line == 12, "NDJSON: line of the last document");
    CHECK(s->counts.blank == 2, "NDJSON: blank and white-space lines counted (%llu)", s->counts.blank);
}

static void test_ndjson_with_rejects(void)
{
    char path[] = "/tmp/test-sources-rejects-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        SKIP("NDJSON with rejects: cannot make a temporary file");
        return;
    }
    close(fd);
    struct rejects *rj = rejects_open(path);
    struct seen s = {0};
    struct input *in = input_open(FIXTURES "docs.jsonl");
    if (!in) {
        SKIP("NDJSON: fixture missing");
        rejects_close(rj);
        unlink(path);
        return;
    }
    run(in, FORMAT_AUTO, rj, &s);
    CHECK(s.status == 0, "NDJSON with --rejects: read to the end");
    check_ndjson_documents(&s);
    CHECK(rejects_count(rj) == 7, "NDJSON: seven bad lines rejected (%llu)", rejects_count(rj));
    rejects_close(rj);

    char *rejected = read_whole(path);
    static const char *const want[] = {
        "\"line\":4,\"reason\":\"invalid JSON: ",
        "\"line\":5,\"reason\":\"missing field \\\"text\\\"\"",
        "\"line\":6,\"reason\":\"field \\\"id\\\" is a number, want a string or an integer\"",
        "\"line\":7,\"reason\":\"invalid JSON: ",
        "\"line\":9,\"reason\":\"field \\\"id\\\" is an array, want a string or an integer\"",
        "\"line\":10,\"reason\":\"missing field \\\"id\\\"\"",
        "\"line\":11,\"reason\":\"field \\\"text\\\" is a number, want a string\"",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        CHECK(has(rejected, want[i]), "NDJSON reject: %s", want[i]);
    CHECK(has(rejected, "\"file\":\"" FIXTURES "docs.jsonl\""), "NDJSON reject names the file");
    free(rejected);
    unlink(path);
    seen_free(&s);
}

static void test_ndjson_stops(void)
{
    struct seen s = {0};
    if (!run_file(FIXTURES "docs.jsonl", FORMAT_AUTO, &s))
        return;
    CHECK(s.status == -1, "NDJSON without --rejects: a bad line stops with -1");
    CHECK(s.n == 2, "NDJSON: the documents before the bad line were handed over");
    CHECK(has(s.stderr_text.data, FIXTURES "docs.jsonl:4: invalid JSON"),
          "NDJSON: the bad line is reported as FILE:LINE (%s)", s.stderr_text.data);
    seen_free(&s);

    run_string("nul-id.jsonl", "{\"id\":\"a\\u0000b\",\"text\":\"t\"}\n", FORMAT_NDJSON, &s);
    CHECK(s.status == -1 && has(s.stderr_text.data, "NUL"), "NDJSON: an id holding NUL is a bad line");
    seen_free(&s);

    s.stop_after = 1;
    run_string("two.jsonl", "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\"}\n", FORMAT_AUTO, &s);
    CHECK(s.status == 7 && s.n == 1, "a sink's non-zero value stops reading and is returned");
    seen_free(&s);
}

/* ------------------------------------------------------------------------ */

static const char *const warc_html_text =
    "Thursday, 14 December 2017\n\n"
    "First paragraph, over two lines &amp; an entity.\n\n"
    "Second bold paragraph.\n\n"
    "one\ntwo\n";

static void check_sample_warc(const char *path)
{
    struct seen s = {0};
    if (!run_file(path, FORMAT_AUTO, &s))
        return;
    CHECK(s.status == 0, "%s: read to the end", path);
    CHECK(s.n == 3, "%s: three documents (html, plain, chunked), got %zu", path, s.n);
    CHECK(s.counts.skipped == 6, "%s: six records skipped (warcinfo, request, png, 301, "
          "resource, metadata), got %llu", path, s.counts.skipped);
    if (s.n == 3) {
        CHECK_STR(s.docs[0].id, "urn:uuid:html-1", "%s: id without <>", path);
        CHECK_STR(s.docs[0].text, warc_html_text, "%s: HTML reduced to text", path);
        CHECK_STR(s.docs[0].meta, "{\"url\":\"https://blog.example/2017/12/post.html\","
                  "\"date\":\"2017-12-14T10:00:00Z\"}", "%s: meta url without <> and date", path);
        CHECK(s.docs[0].line == 23, "%s: line where the record starts (%ld)", path, s.docs[0].line);
        CHECK_STR(s.docs[1].id, "urn:uuid:plain-1", "%s: lower-case header names", path);
        CHECK_STR(s.docs[1].text, "Plain text body.\nSecond line.\n", "%s: text/plain kept", path);
        CHECK_STR(s.docs[1].meta, "{\"url\":\"https://blog.example/robots.txt\"}",
                  "%s: meta without a date", path);
        CHECK_STR(s.docs[2].text, "Chunked body in pieces.\n", "%s: chunked body decoded", path);
    }
    CHECK(s.stderr_text.len == 0, "%s: nothing on stderr (%s)", path, s.stderr_text.data);
    seen_free(&s);
}

static void test_warc_files(void)
{
    check_sample_warc(FIXTURES "sample.warc");
    check_sample_warc(FIXTURES "sample.warc.gz");

    struct seen s = {0};
    if (run_file(FIXTURES "sample.wet", FORMAT_AUTO, &s)) {
        CHECK(s.status == 0 && s.n == 2 && s.counts.skipped == 1, "WET: two conversion records, warcinfo skipped");
        if (s.n == 2) {
            CHECK_STR(s.docs[0].id, "urn:uuid:conv-1", "WET: id");
            CHECK_STR(s.docs[0].text, "Thursday, 14 December 2017\n\nA title\n\nThe text of the page.\n",
                      "WET: text as stored");
            CHECK_STR(s.docs[0].meta, "{\"url\":\"http://a.example/x?q=\\\"1\\\"\",\"date\":\"2019-03-18T00:00:00Z\"}",
                      "WET: meta escaped as JSON");
            CHECK(s.docs[0].line == 9, "WET: LF-only record starts at line 9 (%ld)", s.docs[0].line);
            CHECK_STR(s.docs[1].text, "Caf\xC3\xA9 \xE2\x80\x94 \"quoted\" text\n", "WET: UTF-8 text");
        }
    }
    seen_free(&s);

    if (run_file(FIXTURES "truncated.warc", FORMAT_AUTO, &s)) {
        CHECK(s.status == -1 && s.n == 0, "truncated WARC: an error, no document");
        CHECK(has(s.stderr_text.data, FIXTURES "truncated.warc:11: truncated WARC record"),
              "truncated WARC: reported with its line (%s)", s.stderr_text.data);
    }
    seen_free(&s);
}

/* One record: TYPE, extra header lines (LF), content. */
static void warc_record(struct buf *out, const char *type, const char *headers,
                        const char *content, long declared_length)
{
    size_t len = strlen(content);
    buf_printf(out, "WARC/1.0\r\nWARC-Type: %s\r\n%sContent-Length: %ld\r\n\r\n%s\r\n\r\n", type,
               headers, declared_length >= 0 ? declared_length : (long)len, content);
}

static void run_warc(const char *name, const struct buf *data, struct seen *s)
{
    run_memory(name, data->data, data->len, FORMAT_AUTO, s);
}

static void test_warc_errors(void)
{
    static const struct {
        const char *name, *data, *message;
    } bad[] = {
        {"no colon", "WARC/1.0\r\nWARC-Type conversion\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
         "no colon:1: bad WARC header: a line that is not"},
        {"no length", "WARC/1.0\r\nWARC-Type: conversion\r\n\r\nx\r\n\r\n",
         "no length:1: bad WARC header: no Content-Length"},
        {"bad length", "WARC/1.0\r\nContent-Length: 12x\r\n\r\nx\r\n\r\n",
         "bad length:1: bad WARC header: bad Content-Length"},
        {"bad version", "WARC/one\r\nContent-Length: 1\r\n\r\nx\r\n\r\n",
         "bad version:1: bad WARC header: no WARC/1.x version line"},
        {"cut header", "WARC/1.0\r\nWARC-Type: conv", "cut header:1: truncated WARC record"},
        {"no record id", "WARC/1.0\nWARC-Type: conversion\nContent-Length: 1\n\nx\n\n",
         "no record id:1: bad WARC header: no WARC-Record-ID"},
        {"garbage first", "\r\n\r\nGARBAGE\nWARC/1.0\n", "garbage first:3: bad WARC header"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct seen s = {0};
        run_string(bad[i].name, bad[i].data, FORMAT_WARC, &s);
        CHECK(s.status == -1 && has(s.stderr_text.data, bad[i].message), "WARC %s: error \"%s\" (got %s)",
              bad[i].name, bad[i].message, s.stderr_text.data);
        seen_free(&s);
    }

    struct seen s = {0};
    run_string("empty-id.wet", "WARC/1.0\nWARC-Type: conversion\nWARC-Record-ID: <>\n"
               "Content-Length: 1\n\nx\n\n", FORMAT_AUTO, &s);
    CHECK_STR(s.n ? s.docs[0].id : NULL, "", "WARC-Record-ID \"<>\": an empty id, terminated");
    seen_free(&s);

    run_string("empty.warc", "", FORMAT_WARC, &s);
    CHECK(s.status == 0 && s.n == 0, "empty input as WARC: no document, no error");
    seen_free(&s);
}

/* Content-Length counted wrong (as in cc_net's sample WET): the record
 * runs to the next "WARC/" line, with one warning. */
static void test_warc_wrong_lengths(void)
{
    struct buf data = BUF_INIT;
    warc_record(&data, "warcinfo", "", "info: x\ninfo: y", 30);  /* too long */
    warc_record(&data, "conversion", "WARC-Record-ID: <a>\r\n", "short by five", 8);
    warc_record(&data, "conversion", "WARC-Record-ID: <b>\r\n", "right length", -1);
    warc_record(&data, "conversion", "WARC-Record-ID: <c>\r\n", "last, too short", 4);
    struct seen s = {0};
    run_warc("lengths.wet", &data, &s);
    CHECK(s.status == 0 && s.n == 3, "wrong Content-Lengths: every record recovered");
    if (s.n == 3) {
        CHECK_STR(s.docs[0].text, "short by five", "too short a Content-Length: whole content");
        CHECK_STR(s.docs[1].text, "right length", "the next record is read as declared");
        CHECK_STR(s.docs[2].text, "last, too short", "the last record runs to the end of input");
    }
    CHECK(count_occurrences(s.stderr_text.data, "Content-Length does not match") == 1,
          "one warning per input (%s)", s.stderr_text.data);
    seen_free(&s);
    buf_free(&data);
}

static void test_warc_responses(void)
{
    struct buf data = BUF_INIT, gz = BUF_INIT, record = BUF_INIT;
    const char *html = "<html><body><p>Zipped page.</p></body></html>";
    gzip_member(html, strlen(html), &gz);
    buf_append_str(&record, "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n\r\n");
    buf_append(&record, gz.data, gz.len);
    buf_printf(&data, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <gz>\r\n"
               "Content-Length: %zu\r\n\r\n", record.len);
    buf_append(&data, record.data, record.len);
    buf_append_str(&data, "\r\n\r\n");
    warc_record(&data, "response", "WARC-Record-ID: <sniffed>\r\n",
                "HTTP/1.1 200 OK\r\n\r\n<!doctype html><p>No type given.</p>", -1);
    warc_record(&data, "response", "WARC-Record-ID: <untyped>\r\n",
                "HTTP/1.1 200 OK\r\n\r\nnot markup", -1);
    warc_record(&data, "response", "WARC-Record-ID: <brotli>\r\n",
                "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Type: text/html\r\n\r\n\x01\x02", -1);
    warc_record(&data, "response", "WARC-Record-ID: <headless>\r\n",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", -1);
    warc_record(&data, "response", "WARC-Record-ID: <not-found>\r\n",
                "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>Gone</p>", -1);
    warc_record(&data, "response", "WARC-Record-ID: <xhtml>\r\n",
                "HTTP/1.0 200 OK\nContent-Type: application/xhtml+xml\n\n<p>LF only</p>", -1);
    warc_record(&data, "conversion", "WARC-Record-ID: <empty>\r\n", "", -1);
    struct seen s = {0};
    run_warc("responses.warc", &data, &s);
    CHECK(s.status == 0 && s.n == 3 && s.counts.skipped == 5,
          "responses: gzip, sniffed and xhtml read; untyped text, brotli, no body, 404, empty skipped "
          "(%zu documents, %llu skipped)", s.n, s.counts.skipped);
    if (s.n == 3) {
        CHECK_STR(s.docs[0].text, "Zipped page.\n", "gzip Content-Encoding decoded");
        CHECK_STR(s.docs[1].text, "No type given.\n", "no Content-Type but HTML: reduced");
        CHECK_STR(s.docs[2].text, "LF only\n", "HTTP header with LF line ends");
        CHECK(s.docs[0].meta == NULL, "no url or date: no meta");
    }
    seen_free(&s);
    buf_free(&data);
    buf_free(&gz);
    buf_free(&record);
}

/* Skipped records larger than what is held in memory stream past; a large
 * binary response too. */
static void test_warc_large_records(void)
{
    size_t big = 17u * 1024 * 1024;
    char *filler = xmalloc(big + 1);
    memset(filler, 'z', big);
    filler[big] = '\0';
    struct buf data = BUF_INIT;
    warc_record(&data, "resource", "WARC-Record-ID: <big-resource>\r\n", filler, -1);
    memcpy(filler, "HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\n\r\n", 44);
    warc_record(&data, "response", "WARC-Record-ID: <big-video>\r\n", filler, -1);
    warc_record(&data, "conversion", "WARC-Record-ID: <after>\r\n", "after the big ones", -1);
    free(filler);
    struct seen s = {0};
    run_warc("big.warc", &data, &s);
    CHECK(s.status == 0 && s.n == 1 && s.counts.skipped == 2, "large records skipped as they stream by");
    CHECK_STR(s.n ? s.docs[0].id : NULL, "after", "the record after them is read");
    CHECK(s.n && s.docs[0].line == 18, "line numbers count the skipped records (%ld)", s.n ? s.docs[0].line : 0);
    seen_free(&s);

    data.len = 200; /* cut inside the big resource record */
    run_warc("big-cut.warc", &data, &s);
    CHECK(s.status == -1 && has(s.stderr_text.data, "truncated WARC record"),
          "a large skipped record cut short is an error");
    seen_free(&s);
    buf_free(&data);
}

/* ------------------------------------------------------------------------ */

static void test_tar(void)
{
    struct seen s = {0};
    if (run_file(FIXTURES "pages.tar.gz", FORMAT_AUTO, &s)) {
        CHECK(s.status == 0 && s.n == 3, "tar.gz: three text members");
        CHECK(s.counts.skipped == 1, "tar.gz: the directory entry skipped");
        if (s.n == 3) {
            CHECK_STR(s.docs[0].id, "alpha", "tar member id: name without directory and extension");
            CHECK_STR(s.docs[0].text, "Alpha page.\n", "tar member text");
            CHECK_STR(s.docs[1].id, "beta", "tar member .md");
            CHECK_STR(s.docs[2].id, "gamma", "tar member without extension");
            CHECK_STR(s.docs[2].text, "Gamma page, no extension.\n", "tar member text");
            CHECK_STR(s.docs[0].origin, FIXTURES "pages.tar.gz:pages/alpha.txt",
                      "tar member origin names archive and member");
        }
    }
    seen_free(&s);

    if (run_file(FIXTURES "mixed.tar", FORMAT_AUTO, &s)) {
        CHECK(s.status == 0 && s.n == 5, "mixed tar: NDJSON, gzipped text and WET members (%zu)", s.n);
        CHECK(s.counts.skipped == 3, "mixed tar: symlink, nested tar and warcinfo skipped (%llu)",
              s.counts.skipped);
        if (s.n == 5) {
            CHECK(strcmp(s.docs[0].id, "m-1") == 0 && s.docs[1].line == 2, "mixed tar: NDJSON member by lines");
            CHECK_STR(s.docs[2].id, "note", "mixed tar: gzipped member id");
            CHECK_STR(s.docs[2].text, "Gzipped member.\n", "mixed tar: gzipped member decompressed");
            CHECK_STR(s.docs[3].id, "urn:uuid:conv-1", "mixed tar: WET member records");
        }
        CHECK(has(s.stderr_text.data, "mixed.tar:inner.tar: tar archive inside a tar archive skipped"),
              "mixed tar: nested tar reported (%s)", s.stderr_text.data);
    }
    seen_free(&s);

    char *tar = read_whole(FIXTURES "mixed.tar");
    run_memory("cut.tar", tar, 700, FORMAT_AUTO, &s);
    CHECK(s.status == -1 && has(s.stderr_text.data, "cut.tar: "), "truncated tar: an error (%s)",
          s.stderr_text.data);
    seen_free(&s);
    free(tar);

    run_string("garbage.tar", "this is not a tar archive at all", FORMAT_TAR, &s);
    CHECK(s.status == -1 && has(s.stderr_text.data, "garbage.tar: "), "not a tar with --format tar: an error (%s)",
          s.stderr_text.data);
    seen_free(&s);
}

/* ------------------------------------------------------------------------ */

static size_t count_lines_starting(const char *path, const char *prefix)
{
    char *text = read_whole(path);
    size_t count = 0;
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "")
        if (strncmp(p, prefix, strlen(prefix)) == 0)
            count++;
    free(text);
    return count;
}

static void check_real(const char *name, size_t want, bool warc)
{
    struct seen s = {0};
    if (!run_file(name, FORMAT_AUTO, &s))
        return;
    CHECK(s.status == 0 && s.n == want, "real %s: %zu documents (got %zu, status %d)", name, want, s.n,
          s.status);
    bool texts = true, metas = true;
    for (size_t i = 0; i < s.n; i++) {
        texts = texts && s.docs[i].len > 0;
        metas = metas && s.docs[i].meta &&
                (warc ? has(s.docs[i].meta, "\"url\":\"http") && !has(s.docs[i].meta, "<")
                      : has(s.docs[i].meta, "\"source\""));
    }
    CHECK(texts, "real %s: every document has text", name);
    CHECK(metas, "real %s: every document has its meta", name);
    seen_free(&s);
}

static void test_real_fixtures(void)
{
    if (access(REAL, R_OK) != 0) {
        SKIP("real crawl files: " REAL " not present");
        return;
    }
    /* Counted beforehand: zcat | wc -l; grep -c '^WARC-Type: response'. */
    check_real(REAL "dolma/cc_en_head-0091.jsonl.gz", 10, false);
    check_real(REAL "dolma/cc_en_head-0174.jsonl.gz", 10, false);
    check_real(REAL "dolma/provided-documents-000.json.gz", 10, false);
    check_real(REAL "dolma/sample-0000.warc.gz", 22, true);
    check_real(REAL "dolma/sample-0001.warc.gz", 15, true);
    const char *wet = REAL "ccnet-sample.wet.txt";
    if (access(wet, R_OK) == 0)
        check_real(wet, count_lines_starting(wet, "WARC-Type: conversion"), true);
    else
        SKIP("%s: not present", wet);
}

int main(void)
{
    diag_init("test-sources");
    test_format_names();
    test_detection();
    test_text();
    test_ndjson_with_rejects();
    test_ndjson_stops();
    test_warc_files();
    test_warc_errors();
    test_warc_wrong_lengths();
    test_warc_responses();
    test_warc_large_records();
    test_tar();
    test_real_fixtures();
    return CHECK_DONE();
}
