/* input.c — reading one input, gzip-transparently (see input.h). */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "diag.h"

enum {
    RAW_BLOCK = 256 * 1024,     /* compressed bytes read per read(2) */
    INITIAL_BUFFER = 256 * 1024,
    PIPE_SIZE = 1024 * 1024,
    /* Bytes read or inflated per fill at most: a buffer that a huge line
     * made grow is not filled (its pages touched) far past that line by
     * the lines after it. */
    FILL_MAX = 1024 * 1024
};

struct input {
    char *name;
    int fd;                      /* -1 for memory input */
    bool owns_fd;
    const unsigned char *mem;    /* memory input, not owned */
    size_t mem_len, mem_pos;

    bool gzip;
    z_stream zs;
    bool member_open;            /* inside a gzip member */
    unsigned char *raw;          /* compressed (or first plain) bytes */
    size_t raw_len, raw_pos;
    bool raw_eof;

    char *data;                  /* decompressed bytes [start, end) */
    bool view;                   /* data is the caller's memory: never
                                    written, grown or freed */
    size_t cap, start, end;
    size_t scanned;              /* bytes after start known to hold no '\n' */
    bool eof, failed, bom_checked, unterminated;
    long lineno;
    unsigned long long bytes_out;
};

static void enlarge_pipe(int fd)
{
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
        (void)fcntl(fd, F_SETPIPE_SZ, PIPE_SIZE); /* best effort */
}

static struct input *input_new(const char *name)
{
    struct input *in = xcalloc(1, sizeof *in);
    in->name = xstrdup(name);
    in->fd = -1;
    in->raw = xmalloc(RAW_BLOCK);
    in->cap = INITIAL_BUFFER;
    in->data = xmalloc(in->cap);
    return in;
}

/* Read up to cap bytes of the file (or memory) into dst. Returns bytes
 * read, 0 at end, -1 on error (reported). */
static ssize_t read_source(struct input *in, unsigned char *dst, size_t cap)
{
    if (in->raw_eof)
        return 0;
    size_t got;
    if (in->fd < 0) {
        got = in->mem_len - in->mem_pos;
        if (got > cap)
            got = cap;
        memcpy(dst, in->mem + in->mem_pos, got);
        in->mem_pos += got;
    } else {
        ssize_t n;
        do
            n = read(in->fd, dst, cap);
        while (n < 0 && errno == EINTR);
        if (n < 0) {
            warn_at(in->name, 0, "read error: %s", strerror(errno));
            in->failed = true;
            return -1;
        }
        got = (size_t)n;
    }
    if (got == 0)
        in->raw_eof = true;
    return (ssize_t)got;
}

/* Read compressed-side bytes into in->raw. Returns bytes read, 0 at end,
 * -1 on error (reported). */
static ssize_t raw_fill(struct input *in)
{
    in->raw_pos = in->raw_len = 0;
    ssize_t n = read_source(in, in->raw, RAW_BLOCK);
    if (n > 0)
        in->raw_len = (size_t)n;
    return n;
}

static bool is_gzip_magic(const unsigned char *p, size_t n)
{
    return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

/* Decide gzip or plain from the first bytes; a one-byte first read is
 * topped up so that the two magic bytes are seen together. */
static int detect_gzip(struct input *in)
{
    if (raw_fill(in) < 0)
        return -1;
    if (in->raw_len == 1 && !in->raw_eof) {
        unsigned char first = in->raw[0];
        if (raw_fill(in) < 0)
            return -1;
        memmove(in->raw + 1, in->raw, in->raw_len);
        in->raw[0] = first;
        in->raw_len++;
    }
    in->gzip = is_gzip_magic(in->raw, in->raw_len);
    if (in->gzip) {
        if (inflateInit2(&in->zs, 15 + 16) != Z_OK)
            die(EXIT_BAD_INPUT, "%s: cannot initialise zlib", in->name);
        in->member_open = true;
    }
    return 0;
}

struct input *input_open(const char *path)
{
    bool is_stdin = !path || strcmp(path, "-") == 0;
    struct input *in = input_new(is_stdin ? "stdin" : path);
    if (is_stdin) {
        in->fd = STDIN_FILENO;
    } else {
        in->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (in->fd < 0) {
            warn_at(path, 0, "%s", strerror(errno));
            free(in->raw), free(in->data), free(in->name), free(in);
            return NULL;
        }
        in->owns_fd = true;
    }
    enlarge_pipe(in->fd);
    if (detect_gzip(in) < 0)
        in->eof = true;
    return in;
}

/* Plain bytes in memory are read where they are: no buffers, no copy. */
static struct input *input_view(const char *name, const void *data, size_t len)
{
    struct input *in = xcalloc(1, sizeof *in);
    in->name = xstrdup(name);
    in->fd = -1;
    in->view = true;
    in->data = (char *)data; /* only ever read: see `view` */
    in->cap = in->end = len;
    in->raw_eof = in->eof = true;
    return in;
}

struct input *input_open_memory(const char *name, const void *data, size_t len)
{
    if (!is_gzip_magic(data, len))
        return input_view(name, data, len);
    struct input *in = input_new(name);
    in->mem = data;
    in->mem_len = len;
    if (detect_gzip(in) < 0)
        in->eof = true;
    return in;
}

int input_close(struct input *in)
{
    if (!in)
        return 0;
    int status = in->failed ? -1 : 0;
    if (in->gzip)
        inflateEnd(&in->zs);
    if (in->owns_fd && close(in->fd) != 0)
        status = -1;
    free(in->raw);
    if (!in->view)
        free(in->data);
    free(in->name);
    free(in);
    return status;
}

const char *input_name(const struct input *in) { return in->name; }
bool input_is_gzip(const struct input *in) { return in->gzip; }
long input_lineno(const struct input *in) { return in->lineno; }
bool input_last_line_unterminated(const struct input *in) { return in->unterminated; }
unsigned long long input_bytes_out(const struct input *in) { return in->bytes_out; }

/* Make room for at least `want` more bytes after end: compact first,
 * then grow. A line too long for the memory left is bad input on its line
 * (reported; returns false), not the end of the program: what was read
 * before it is still written. */
static bool make_room(struct input *in, size_t want)
{
    if (in->start > 0 && (in->cap - in->end < want || in->start == in->end)) {
        memmove(in->data, in->data + in->start, in->end - in->start);
        in->end -= in->start;
        in->start = 0;
    }
    if (in->cap - in->end < want) {
        size_t cap = in->cap;
        while (cap - in->end < want)
            cap *= 2;
        char *data = realloc(in->data, cap);
        if (!data) {
            warn_at(in->name, in->lineno + 1, "line too long: out of memory after %zu bytes",
                    in->end - in->start);
            in->failed = true;
            return false;
        }
        in->data = data;
        in->cap = cap;
    }
    return true;
}

/* The room to fill after end, at most FILL_MAX. */
static size_t fill_room(const struct input *in)
{
    size_t room = in->cap - in->end;
    return room < FILL_MAX ? room : FILL_MAX;
}

/* Plain input: leftover detection bytes first, then read straight into
 * data (no copy through raw). */
static ssize_t fill_plain(struct input *in)
{
    if (in->raw_pos < in->raw_len) {
        size_t n = in->raw_len - in->raw_pos;
        if (!make_room(in, n))
            return -1;
        memcpy(in->data + in->end, in->raw + in->raw_pos, n);
        in->raw_pos = in->raw_len;
        in->end += n;
        return (ssize_t)n;
    }
    if (!make_room(in, RAW_BLOCK))
        return -1;
    ssize_t n = read_source(in, (unsigned char *)in->data + in->end, fill_room(in));
    if (n <= 0)
        return in->failed ? -1 : 0;
    in->end += (size_t)n;
    return n;
}

/* After a member ends, another may follow (multi-member gzip). Trailing
 * zero bytes (tape padding) are ignored, as gzip(1) does. */
static int next_member(struct input *in)
{
    for (;;) {
        while (in->raw_pos < in->raw_len && in->raw[in->raw_pos] == 0)
            in->raw_pos++;
        if (in->raw_pos < in->raw_len)
            break;
        ssize_t n = raw_fill(in);
        if (n <= 0)
            return n < 0 ? -1 : 0;
    }
    if (in->raw[in->raw_pos] != 0x1f) {
        warn_at(in->name, 0, "trailing garbage after gzip data ignored");
        in->raw_pos = in->raw_len;
        in->raw_eof = true;
        return 0;
    }
    inflateReset(&in->zs);
    in->member_open = true;
    return 1;
}

static ssize_t fill_gzip(struct input *in)
{
    for (;;) {
        if (!in->member_open) {
            int more = next_member(in);
            if (more <= 0)
                return more;
        }
        if (in->raw_pos == in->raw_len) {
            ssize_t n = raw_fill(in);
            if (n < 0)
                return -1;
            if (n == 0) {
                warn_at(in->name, 0, "truncated gzip input");
                in->failed = true;
                return -1;
            }
        }
        if (!make_room(in, RAW_BLOCK))
            return -1;
        in->zs.next_in = in->raw + in->raw_pos;
        in->zs.avail_in = (uInt)(in->raw_len - in->raw_pos);
        in->zs.next_out = (unsigned char *)in->data + in->end;
        in->zs.avail_out = (uInt)fill_room(in);
        int rc = inflate(&in->zs, Z_NO_FLUSH);
        size_t produced = (size_t)((char *)in->zs.next_out - (in->data + in->end));
        in->raw_pos = in->raw_len - in->zs.avail_in;
        in->end += produced;
        if (rc == Z_STREAM_END)
            in->member_open = false;
        else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            warn_at(in->name, 0, "invalid gzip data: %s",
                    in->zs.msg ? in->zs.msg : "inflate failed");
            in->failed = true;
            return -1;
        }
        if (produced > 0)
            return (ssize_t)produced;
    }
}

/* Append more decompressed bytes at end. Returns bytes added, 0 at end of
 * input, -1 on error. */
static ssize_t fill(struct input *in)
{
    if (in->eof)
        return in->failed ? -1 : 0;
    ssize_t n = in->gzip ? fill_gzip(in) : fill_plain(in);
    if (n <= 0)
        in->eof = true;
    return n;
}

/* Skip a byte-order mark at the very start; every reader calls this first
 * and only the first call looks. */
static void skip_bom(struct input *in)
{
    if (in->bom_checked)
        return;
    in->bom_checked = true;
    while (in->end - in->start < 3 && fill(in) > 0)
        ;
    if (in->end - in->start >= 3 && memcmp(in->data + in->start, "\xEF\xBB\xBF", 3) == 0)
        in->start += 3;
}

ssize_t input_peek(struct input *in, const char **p, size_t want)
{
    skip_bom(in);
    while (in->end - in->start < want && fill(in) > 0)
        ;
    *p = in->data + in->start;
    if (in->failed)
        return -1;
    size_t have = in->end - in->start;
    return (ssize_t)(have < want ? have : want);
}

/* Hand over the n bytes at start: they are consumed. */
static const char *consume(struct input *in, size_t n)
{
    const char *p = in->data + in->start;
    in->start += n;
    in->scanned = 0;
    in->bytes_out += n;
    return p;
}

/* The line of n bytes at start (and its terminator, `terminator` bytes). */
static int take_line(struct input *in, size_t n, size_t terminator, const char **line,
                     size_t *len)
{
    *line = consume(in, n + terminator);
    *len = (n > 0 && (*line)[n - 1] == '\r') ? n - 1 : n;
    in->unterminated = terminator == 0;
    in->lineno++;
    return 1;
}

int input_getline(struct input *in, const char **line, size_t *len)
{
    skip_bom(in);
    for (;;) {
        char *from = in->data + in->start + in->scanned;
        char *nl = memchr(from, '\n', in->end - in->start - in->scanned);
        if (nl)
            return take_line(in, (size_t)(nl - (in->data + in->start)), 1, line, len);
        in->scanned = in->end - in->start;
        ssize_t got = fill(in);
        if (got < 0)
            return -1;
        if (got == 0)
            break;
    }
    size_t n = in->end - in->start;
    return n == 0 ? 0 : take_line(in, n, 0, line, len);
}

bool input_lines(struct input *in, input_line_fn fn, void *ctx)
{
    const char *line;
    size_t len;
    int rc;
    while ((rc = input_getline(in, &line, &len)) > 0)
        if (!fn(in, line, len, ctx))
            return false;
    return rc == 0;
}

bool input_each_line(const char *path, input_line_fn fn, void *ctx)
{
    struct input *in = input_open(path);
    if (!in)
        return false;
    bool ok = input_lines(in, fn, ctx);
    return input_close(in) == 0 && ok;
}

ssize_t input_read_view(struct input *in, const char **p, size_t n)
{
    skip_bom(in);
    if (in->start == in->end) {
        ssize_t got = fill(in);
        if (got <= 0)
            return got;
    }
    size_t have = in->end - in->start;
    size_t take = have < n ? have : n;
    *p = consume(in, take);
    return (ssize_t)take;
}

ssize_t input_read(struct input *in, void *dst, size_t n)
{
    const char *p;
    ssize_t got = input_read_view(in, &p, n);
    if (got > 0)
        memcpy(dst, p, (size_t)got);
    return got;
}

bool input_whole(struct input *in, const char **p, size_t *len)
{
    if (!in->view)
        return false;
    skip_bom(in);
    *len = in->end - in->start;
    *p = consume(in, *len);
    return true;
}

int input_slurp(struct input *in, struct buf *out)
{
    skip_bom(in);
    for (;;) {
        size_t have = in->end - in->start;
        buf_append(out, consume(in, have), have);
        in->start = in->end = 0;
        ssize_t got = fill(in);
        if (got < 0) {
            /* What the failing read inflated is handed over too, as
             * input_read hands it over: both see the same bytes. */
            have = in->end - in->start;
            buf_append(out, consume(in, have), have);
            in->start = in->end = 0;
            return -1;
        }
        if (got == 0)
            return 0;
    }
}
