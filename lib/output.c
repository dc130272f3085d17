/* output.c — buffered, checked writing (see output.h). */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libdeflate.h>

#include "atomic.h"
#include "buf.h"
#include "diag.h"

enum {
    PIPE_SIZE = 1024 * 1024,
    BLOCK = 256 * 1024,      /* at most half the enlarged pipe per write */
    GZIP_BLOCK = 1024 * 1024 /* text per gzip member (about 200 KB packed) */
};

struct output {
    int fd;
    char *name;
    char *data;
    size_t len;
    size_t block;               /* bytes data holds before it goes out */
    struct atomic_file *atomic; /* NULL unless written atomically */
    struct libdeflate_compressor *gz; /* NULL unless gzip-compressed */
    unsigned char *zdata;       /* compressed bytes on their way out */
    size_t zcap;
    bool any_member;            /* a gzip member has been written */
    bool failed;                /* a write failed: nothing more goes out */
};

static void enlarge_pipe(int fd)
{
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
        (void)fcntl(fd, F_SETPIPE_SZ, PIPE_SIZE); /* best effort */
}

static struct output *output_new(int fd, const char *name)
{
    struct output *o = xcalloc(1, sizeof *o);
    o->fd = fd;
    o->name = xstrdup(name);
    o->block = BLOCK;
    o->data = xmalloc(o->block);
    return o;
}

struct output *output_stdout(void)
{
    /* EPIPE must reach us as an error code, not kill us mid-record. */
    signal(SIGPIPE, SIG_IGN);
    enlarge_pipe(STDOUT_FILENO);
    return output_new(STDOUT_FILENO, "stdout");
}

struct output *output_file(const char *path)
{
    signal(SIGPIPE, SIG_IGN);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        warn_at(path, 0, "%s", strerror(errno));
        return NULL;
    }
    return output_new(fd, path);
}

static void output_free(struct output *o)
{
    if (o->gz) {
        libdeflate_free_compressor(o->gz);
        free(o->zdata);
    }
    free(o->data);
    free(o->name);
    free(o);
}

static _Noreturn void write_failed(struct output *o, int err)
{
    /* Nothing half-written may stay under an atomic output's name. */
    atomic_abort(o->atomic);
    o->atomic = NULL;
    o->failed = true;
    if (err == EPIPE)
        exit(EXIT_OK); /* the reader has all it wanted */
    die(EXIT_BAD_INPUT, "%s: write error: %s", o->name, strerror(err));
}

struct output *output_file_atomic(const char *path, int gzip_level)
{
    signal(SIGPIPE, SIG_IGN);
    struct atomic_file *af = atomic_open(path);
    if (!af)
        return NULL;
    struct output *o = output_new(atomic_fd(af), path);
    o->atomic = af;
    if (gzip_level > 0) {
        o->gz = libdeflate_alloc_compressor(gzip_level > 9 ? 9 : gzip_level);
        if (!o->gz)
            die(EXIT_BAD_INPUT, "%s: cannot start gzip compression", path);
        o->block = GZIP_BLOCK;
        o->data = xrealloc(o->data, o->block);
        o->zcap = libdeflate_gzip_compress_bound(o->gz, o->block);
        o->zdata = xmalloc(o->zcap);
    }
    return o;
}

static void write_all(struct output *o, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(o->fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            write_failed(o, errno);
        }
        p += w;
        n -= (size_t)w;
    }
}

/* The buffered bytes as one gzip member (libdeflate compresses whole
 * buffers; a gzip file may hold any number of members, and gzip, zlib and
 * lib/input.c read them all as one stream). */
static void gzip_member_out(struct output *o)
{
    size_t n = libdeflate_gzip_compress(o->gz, o->data, o->len, o->zdata, o->zcap);
    if (n == 0)
        die(EXIT_BAD_INPUT, "%s: gzip compression failed", o->name);
    write_all(o, (const char *)o->zdata, n);
    o->any_member = true;
}

void output_flush(struct output *o)
{
    if (o->gz) {
        if (o->len > 0)
            gzip_member_out(o);
    } else {
        write_all(o, o->data, o->len);
    }
    o->len = 0;
}

void output_flush_finished_lines(struct output *o)
{
    if (o->failed || o->atomic)
        return;
    const char *last = o->len ? memrchr(o->data, '\n', o->len) : NULL;
    o->len = last ? (size_t)(last - o->data) + 1 : 0;
    output_flush(o);
}

void output_write(struct output *o, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        size_t room = o->block - o->len;
        size_t take = n < room ? n : room;
        memcpy(o->data + o->len, p, take);
        o->len += take;
        p += take;
        n -= take;
        if (o->len == o->block)
            output_flush(o);
    }
}

void output_puts(struct output *o, const char *s)
{
    output_write(o, s, strlen(s));
}

void output_putc(struct output *o, char c)
{
    if (o->len == o->block)
        output_flush(o);
    o->data[o->len++] = c;
}

void output_close(struct output *o)
{
    if (!o)
        return;
    output_flush(o);
    if (o->gz && !o->any_member)
        gzip_member_out(o); /* empty output is still one valid member */
    if (o->atomic) {
        struct atomic_file *af = o->atomic;
        o->atomic = NULL;
        output_free(o);
        if (atomic_commit(af) != 0) /* reported, temporary file removed */
            exit(EXIT_BAD_INPUT);
        return;
    }
    /* Some file systems (NFS, quotas) report a failed write only at close,
     * so close is checked too; stdout included, as jq does. */
    if (close(o->fd) != 0 && errno != EINTR)
        write_failed(o, errno);
    output_free(o);
}

void output_abort(struct output *o)
{
    if (!o)
        return;
    if (!o->atomic) {
        output_close(o);
        return;
    }
    atomic_abort(o->atomic);
    output_free(o);
}
