/* Unit tests of lib/input: lines, CRLF, BOM, gzip (single and multi-member,
 * truncated), long lines, raw reads. Runs on data built in memory. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "buf.h"
#include "check.h"
#include "gzip-member.h"
#include "diag.h"
#include "input.h"

/* All lines of an input joined with '|'; status of the last getline. */
static int read_lines(struct input *in, struct buf *joined)
{
    const char *line;
    size_t len;
    int rc;
    while ((rc = input_getline(in, &line, &len)) > 0) {
        buf_append(joined, line, len);
        buf_append_char(joined, '|');
    }
    return rc;
}

static void check_lines(const char *name, const char *data, size_t n, const char *want)
{
    struct input *in = input_open_memory(name, data, n);
    struct buf got = BUF_INIT;
    int rc = read_lines(in, &got);
    CHECK(rc == 0, "%s: read to the end", name);
    CHECK_STR(got.data ? got.data : "", want, "%s: lines", name);
    input_close(in);
    buf_free(&got);
}

static void test_plain(void)
{
    check_lines("empty", "", 0, "");
    check_lines("lf", "a\nb\n", 4, "a|b|");
    check_lines("no final newline", "a\nb", 3, "a|b|");
    check_lines("crlf", "a\r\nb\r\n", 6, "a|b|");
    check_lines("blank lines kept", "a\n\n\nb\n", 6, "a|||b|");
    check_lines("bom skipped", "\xEF\xBB\xBFx\ny\n", 7, "x|y|");
    check_lines("bom only at start", "x\n\xEF\xBB\xBFy\n", 7, "x|\xEF\xBB\xBFy|");
    check_lines("one byte", "z", 1, "z|");
}

static void test_gzip(void)
{
    struct buf gz = BUF_INIT;
    gzip_member("first\nsecond\n", 13, &gz);
    size_t one_member = gz.len;
    gzip_member("third\n", 6, &gz);
    check_lines("multi-member gzip", gz.data, gz.len, "first|second|third|");

    struct input *in = input_open_memory("gz", gz.data, gz.len);
    const char *p;
    CHECK(input_peek(in, &p, 5) == 5 && memcmp(p, "first", 5) == 0 && input_is_gzip(in),
          "peek sees decompressed bytes");
    input_close(in);

    /* Cut the first member short: an error, after the lines before it. */
    in = input_open_memory("truncated", gz.data, one_member - 6);
    struct buf got = BUF_INIT;
    int rc = read_lines(in, &got);
    CHECK(rc < 0, "truncated gzip is an error");
    CHECK(input_close(in) != 0, "close reports the failed input");
    buf_free(&got);

    char garbage[] = "\x1f\x8b\x08\x00not deflate data at all";
    in = input_open_memory("garbage", garbage, sizeof garbage - 1);
    rc = read_lines(in, &got);
    CHECK(rc < 0, "corrupt gzip is an error");
    input_close(in);
    buf_free(&got);
    buf_free(&gz);
}

static void test_long_line(void)
{
    size_t n = 3 * 1024 * 1024;
    char *data = malloc(n + 3);
    memset(data, 'x', n);
    memcpy(data + n, "\nyz", 3);
    struct input *in = input_open_memory("long", data, n + 3);
    const char *line;
    size_t len;
    CHECK(input_getline(in, &line, &len) == 1 && len == n, "a 3 MB line is one line");
    CHECK(input_getline(in, &line, &len) == 1 && len == 2 && input_lineno(in) == 2,
          "the next line is line 2");
    CHECK(input_last_line_unterminated(in), "the last line had no newline");
    CHECK(input_getline(in, &line, &len) == 0, "then end of input");
    input_close(in);
    free(data);
}

static void test_raw_reads(void)
{
    const char *data = "header\nbody bytes";
    struct input *in = input_open_memory("raw", data, strlen(data));
    const char *line;
    size_t len;
    char body[32];
    CHECK(input_getline(in, &line, &len) == 1 && len == 6, "a line, then");
    ssize_t n = input_read(in, body, sizeof body);
    CHECK(n == 10 && memcmp(body, "body bytes", 10) == 0, "raw bytes after it");
    CHECK(input_read(in, body, sizeof body) == 0, "raw read at the end returns 0");
    input_close(in);

    struct buf all = BUF_INIT;
    in = input_open_memory("slurp", data, strlen(data));
    CHECK(input_slurp(in, &all) == 0 && all.len == strlen(data), "slurp reads everything");
    input_close(in);
    buf_free(&all);
}

/* input_lines hands over what input_getline gives, with line numbers,
 * until the callback says stop. */
struct line_log {
    struct buf joined;
    long stop_at;  /* line number whose callback says stop; 0: none */
    long last;     /* line number seen last */
};

static bool log_line(struct input *in, const char *line, size_t len, void *ctx)
{
    struct line_log *log = ctx;
    log->last = input_lineno(in);
    buf_append(&log->joined, line, len);
    buf_append_char(&log->joined, '|');
    return log->last != log->stop_at;
}

static void test_each_line(void)
{
    const char *data = "\xEF\xBB\xBF" "a\r\nb\n\nc";
    struct line_log log = {BUF_INIT, 0, 0};
    struct input *in = input_open_memory("lines", data, strlen(data));
    CHECK(input_lines(in, log_line, &log) && log.last == 4, "every line is handed over");
    CHECK_STR(log.joined.data, "a|b||c|", "as input_getline gives them");
    input_close(in);

    buf_reset(&log.joined);
    log.stop_at = 2;
    in = input_open_memory("stop", data, strlen(data));
    CHECK(!input_lines(in, log_line, &log) && log.last == 2, "the callback stops the loop");
    CHECK_STR(log.joined.data, "a|b|", "no line after the stop");
    input_close(in);
    buf_free(&log.joined);

    log = (struct line_log){BUF_INIT, 0, 0};
    CHECK(!input_each_line("/nonexistent/winnow/file", log_line, &log) && log.last == 0,
          "a file that cannot be opened is a failure, with no line");
    buf_free(&log.joined);
}

static void test_files(void)
{
    CHECK(input_open("/nonexistent/winnow/file") == NULL, "a missing file is reported");
}

int main(void)
{
    diag_init("test-input");
    test_plain();
    test_gzip();
    test_long_line();
    test_raw_reads();
    test_each_line();
    test_files();
    return CHECK_DONE();
}
