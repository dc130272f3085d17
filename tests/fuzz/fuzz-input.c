/* libFuzzer target: lib/input.h over bytes in memory (plain or gzip, one
 * member or many, truncated, with a byte-order mark, CR LF lines).
 *
 * The input is read three times, and the three readings must agree:
 *  - input_slurp: everything, the reference;
 *  - input_getline: each line, put back together with the terminator it
 *    had ("\n", or "\r\n" with the "\r" stripped, or none at the end),
 *    spells the slurped bytes; lines hold no '\n'; line numbers count up
 *    by one; input_bytes_out equals the bytes slurped;
 *  - input_peek and input_read in chunks of changing size: the bytes
 *    peeked are the bytes then read, and all of them spell the slurped
 *    bytes.
 * A reading that fails (a truncated or broken gzip stream) must fail in
 * all three, after a prefix of the same bytes. (Not quite: input_read may
 * still hand over the bytes inflated by the call that failed, which
 * input_slurp drops; both report the error, so bytes past the slurped ones
 * are not compared then.)
 */
#include <string.h>

#include "fuzz-util.h"
#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_input_name = "input";

/* The reference: status of input_slurp and the bytes it read. */
static int fz_input_slurp(const uint8_t *data, size_t size, struct buf *all)
{
    struct input *in = input_open_memory("fuzz", data, size);
    buf_reset(all);
    int rc = input_slurp(in, all);
    if (rc == 0 && input_bytes_out(in) != all->len)
        fuzz_fail(fz_input_name, "slurp: bytes_out %llu, slurped %zu",
                  input_bytes_out(in), all->len);
    if (input_close(in) != 0)
        rc = -1;
    buf_append(all, "", 0);
    return rc;
}

/* Where the line at all[*off..] ends, past its terminator. */
static void fz_input_match_line(const struct buf *all, size_t *off, const char *line,
                                size_t len, bool unterminated, long lineno)
{
    if (memchr(line, '\n', len))
        fuzz_fail(fz_input_name, "line %ld holds a newline", lineno);
    if (*off + len > all->len || memcmp(all->data + *off, line, len) != 0)
        fuzz_fail(fz_input_name, "line %ld is not the slurped bytes at %zu", lineno, *off);
    *off += len;
    if (*off < all->len && all->data[*off] == '\r' &&
        (unterminated ? *off + 1 == all->len : *off + 1 < all->len && all->data[*off + 1] == '\n'))
        (*off)++;
    if (unterminated) {
        if (*off != all->len)
            fuzz_fail(fz_input_name, "unterminated line %ld is not the last bytes", lineno);
        return;
    }
    if (*off >= all->len || all->data[*off] != '\n')
        fuzz_fail(fz_input_name, "line %ld does not end at a newline", lineno);
    (*off)++;
}

static void fz_input_by_lines(const uint8_t *data, size_t size, const struct buf *all,
                              int want_rc)
{
    struct input *in = input_open_memory("fuzz", data, size);
    const char *line;
    size_t len, off = 0;
    long lines = 0;
    int rc;
    while ((rc = input_getline(in, &line, &len)) > 0) {
        lines++;
        if (input_lineno(in) != lines)
            fuzz_fail(fz_input_name, "line number %ld, want %ld", input_lineno(in), lines);
        fz_input_match_line(all, &off, line, len, input_last_line_unterminated(in), lines);
    }
    if (input_close(in) != 0)
        rc = -1;
    if (rc != want_rc)
        fuzz_fail(fz_input_name, "getline ends with %d, slurp with %d", rc, want_rc);
    if (rc == 0 && off != all->len)
        fuzz_fail(fz_input_name, "lines spell %zu bytes, slurp %zu", off, all->len);
}

static void fz_input_by_chunks(const uint8_t *data, size_t size, const struct buf *all,
                               int want_rc)
{
    struct input *in = input_open_memory("fuzz", data, size);
    char chunk[512];
    size_t off = 0;
    ssize_t got;
    for (unsigned turn = 0;; turn++) {
        size_t want = 1 + (turn * 37u) % sizeof chunk;
        if (turn % 3 == 0) {
            const char *p;
            ssize_t peeked = input_peek(in, &p, want);
            if (peeked >= 0 && (off + (size_t)peeked > all->len ||
                                memcmp(all->data + off, p, (size_t)peeked) != 0))
                fuzz_fail(fz_input_name, "peek at %zu is not the slurped bytes", off);
        }
        got = input_read(in, chunk, want);
        if (got <= 0)
            break;
        size_t compared = (size_t)got;
        if (want_rc < 0) /* bytes past the slurped ones: see above */
            compared = off >= all->len ? 0 : off + compared > all->len ? all->len - off : compared;
        else if (off + compared > all->len)
            fuzz_fail(fz_input_name, "read past the %zu slurped bytes", all->len);
        if (compared > 0 && memcmp(all->data + off, chunk, compared) != 0)
            fuzz_fail(fz_input_name, "read at %zu is not the slurped bytes", off);
        off += (size_t)got;
    }
    int rc = got < 0 ? -1 : 0;
    if (input_close(in) != 0)
        rc = -1;
    if (rc != want_rc)
        fuzz_fail(fz_input_name, "read ends with %d, slurp with %d", rc, want_rc);
    if (rc == 0 && off != all->len)
        fuzz_fail(fz_input_name, "reads spell %zu bytes, slurp %zu", off, all->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct buf all = BUF_INIT;
    int rc = fz_input_slurp(data, size, &all);
    fz_input_by_lines(data, size, &all, rc);
    fz_input_by_chunks(data, size, &all, rc);
    buf_free(&all);
    return 0;
}
