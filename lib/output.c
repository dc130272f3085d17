/* output.c — buffered, checked writing (see output.h). */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"

enum {
    PIPE_SIZE = 1024 * 1024,
    BLOCK = 256 * 1024 /* at most half the enlarged pipe per write */
};

struct output {
    int fd;
    char *name;
    char *data;
    size_t len;
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
    o->data = xmalloc(BLOCK);
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

static _Noreturn void write_failed(const struct output *o, int err)
{
    if (err == EPIPE)
        exit(EXIT_OK); /* the reader has all it wanted */
    die(EXIT_BAD_INPUT, "%s: write error: %s", o->name, strerror(err));
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

void output_flush(struct output *o)
{
    write_all(o, o->data, o->len);
    o->len = 0;
}

void output_write(struct output *o, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        size_t room = BLOCK - o->len;
        size_t take = n < room ? n : room;
        memcpy(o->data + o->len, p, take);
        o->len += take;
        p += take;
        n -= take;
        if (o->len == BLOCK)
            output_flush(o);
    }
}

void output_puts(struct output *o, const char *s)
{
    output_write(o, s, strlen(s));
}

void output_putc(struct output *o, char c)
{
    if (o->len == BLOCK)
        output_flush(o);
    o->data[o->len++] = c;
}

void output_close(struct output *o)
{
    if (!o)
        return;
    output_flush(o);
    /* Some file systems (NFS, quotas) report a failed write only at close,
     * so close is checked too; stdout included, as jq does. */
    if (close(o->fd) != 0 && errno != EINTR)
        write_failed(o, errno);
    free(o->data);
    free(o->name);
    free(o);
}
