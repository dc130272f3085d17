/* atomic.c — write to a temporary file, then rename (see atomic.h). */
#define _GNU_SOURCE /* O_TMPFILE, mkostemp */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"

enum temp_kind {
    TEMP_UNNAMED, /* O_TMPFILE: no name until the commit links one */
    TEMP_NAMED,   /* .NAME.XXXXXX beside the target */
    TEMP_NONE     /* the target itself, written in place */
};

struct atomic_file {
    int fd;
    enum temp_kind kind;
    char *target;  /* where the data ends up (a symlink resolved) */
    char *shown;   /* the name the caller gave, for messages */
    char *temp;    /* TEMP_NAMED: the temporary name; else NULL */
};

/* Device and process files are never replaced by a rename: /dev/stdout
 * names whatever descriptor 1 is (a pipe, or a file opened with >>). */
static bool is_special_path(const char *path)
{
    return strncmp(path, "/dev/", 5) == 0 || strncmp(path, "/proc/", 6) == 0;
}

/* The directory part of path ("." when there is none). Owned by caller. */
static char *directory_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/* A name "DIR/.BASE.SUFFIX" beside target. Owned by caller. */
static char *sibling_name(const char *target, const char *suffix)
{
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    struct buf name = BUF_INIT;
    buf_append(&name, target, dir_len);
    buf_printf(&name, ".%s.%s", target + dir_len, suffix);
    return buf_detach(&name, NULL);
}

/* Decide where the data goes: in place for special files, through the
 * link's target for a symlink (so the link itself survives), else the
 * path itself. Returns the target (owned by caller) and sets *direct. */
static char *choose_target(const char *path, bool *direct)
{
    struct stat st;
    *direct = false;
    if (is_special_path(path)) {
        *direct = true;
        return xstrdup(path);
    }
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char *resolved = realpath(path, NULL);
        if (resolved && stat(resolved, &st) == 0 && S_ISREG(st.st_mode)) {
            char *target = xstrdup(resolved);
            free(resolved);
            return target;
        }
        free(resolved);
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        *direct = true;
    return xstrdup(path);
}

/* The mode a plain open(..., 0666) would give, for mkstemp's 0600 file. */
static mode_t creation_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static int open_unnamed(struct atomic_file *af)
{
#ifdef O_TMPFILE
    /* Linking an unnamed file needs /proc/self/fd (see commit_unnamed). */
    if (access("/proc/self/fd", X_OK) != 0)
        return -1;
    char *dir = directory_of(af->target);
    af->fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    free(dir);
    if (af->fd >= 0) {
        af->kind = TEMP_UNNAMED;
        return 0;
    }
#else
    (void)af;
#endif
    return -1;
}

static int open_named(struct atomic_file *af)
{
    af->temp = sibling_name(af->target, "XXXXXX");
    af->fd = mkostemp(af->temp, O_CLOEXEC);
    if (af->fd < 0) {
        free(af->temp);
        af->temp = NULL;
        return -1;
    }
    af->kind = TEMP_NAMED;
    if (fchmod(af->fd, creation_mode()) != 0) {
        int err = errno;
        (void)close(af->fd);
        (void)unlink(af->temp);
        free(af->temp);
        af->temp = NULL;
        af->fd = -1;
        errno = err;
        return -1;
    }
    return 0;
}

static void atomic_free(struct atomic_file *af)
{
    free(af->target);
    free(af->shown);
    free(af->temp);
    free(af);
}

static struct atomic_file *open_target(const char *path, bool allow_unnamed)
{
    struct atomic_file *af = xcalloc(1, sizeof *af);
    bool direct;
    af->fd = -1;
    af->shown = xstrdup(path);
    af->target = choose_target(path, &direct);
    int rc;
    if (direct) {
        af->kind = TEMP_NONE;
        af->fd = open(af->target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        rc = af->fd >= 0 ? 0 : -1;
    } else {
        rc = allow_unnamed ? open_unnamed(af) : -1;
        if (rc != 0)
            rc = open_named(af);
    }
    if (rc != 0) {
        warn_at(path, 0, "%s", strerror(errno));
        atomic_free(af);
        return NULL;
    }
    return af;
}

struct atomic_file *atomic_open(const char *path)
{
    return open_target(path, true);
}

struct atomic_file *atomic_open_named(const char *path)
{
    return open_target(path, false);
}

int atomic_fd(const struct atomic_file *af)
{
    return af->fd;
}

const char *atomic_path(const struct atomic_file *af)
{
    return af->shown;
}

bool atomic_is_direct(const struct atomic_file *af)
{
    return af->kind == TEMP_NONE;
}

/* Give the unnamed file a temporary name beside the target; the kernel
 * refuses to link over an existing name, so a free one is searched. */
static int link_unnamed(struct atomic_file *af)
{
    char proc_path[64];
    snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", af->fd);
    for (unsigned attempt = 0; attempt < 1000; attempt++) {
        char suffix[48];
        snprintf(suffix, sizeof suffix, "%ld.%u", (long)getpid(), attempt);
        char *temp = sibling_name(af->target, suffix);
        if (linkat(AT_FDCWD, proc_path, AT_FDCWD, temp, AT_SYMLINK_FOLLOW) == 0) {
            af->temp = temp;
            return 0;
        }
        free(temp);
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

/* Returns 0, or -1 with errno set; the temporary name (if any) is gone
 * on failure. */
static int finish(struct atomic_file *af)
{
    if (af->kind == TEMP_NONE) {
        int rc = close(af->fd);
        af->fd = -1;
        return rc;
    }
    /* Data first on disk, then the name: a crash after the rename must not
     * leave an empty file under the target's name. */
    if (fsync(af->fd) != 0 && errno != EINVAL)
        return -1;
    if (af->kind == TEMP_UNNAMED && link_unnamed(af) != 0)
        return -1;
    int rc = close(af->fd);
    af->fd = -1;
    if (rc == 0)
        rc = rename(af->temp, af->target);
    return rc;
}

int atomic_commit(struct atomic_file *af)
{
    int rc = finish(af);
    if (rc != 0) {
        int err = errno;
        if (af->temp)
            (void)unlink(af->temp);
        if (af->fd >= 0)
            (void)close(af->fd);
        warn_at(af->shown, 0, "%s", strerror(err));
    }
    atomic_free(af);
    return rc == 0 ? 0 : -1;
}

void atomic_abort(struct atomic_file *af)
{
    if (!af)
        return;
    if (af->fd >= 0)
        (void)close(af->fd);
    if (af->kind == TEMP_NAMED && af->temp)
        (void)unlink(af->temp);
    atomic_free(af);
}
