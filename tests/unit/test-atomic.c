/* Unit tests of lib/atomic and the atomic, gzipped outputs of lib/output:
 * nothing under the target's name before the commit, an existing target
 * kept on abort and replaced on commit, symlinks kept, special files
 * written in place, gzip output that gunzips to the data. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "atomic.h"
#include "buf.h"
#include "check.h"
#include "output.h"

static char dir[] = "/tmp/test-atomic-XXXXXX";

static char *in_dir(const char *name)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Entries of the test folder, hidden ones included (".", ".." not). */
static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    static char text[4096];
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    return text;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

static void write_text(struct atomic_file *af, const char *text)
{
    ssize_t n = write(atomic_fd(af), text, strlen(text));
    (void)n;
}

static void test_commit_and_abort(struct atomic_file *(*open_fn)(const char *), const char *how)
{
    char *target = xstrdup(in_dir("out.txt"));
    struct atomic_file *af = open_fn(target);
    CHECK(af != NULL, "%s: opens", how);
    write_text(af, "hello\n");
    CHECK(!exists(target), "%s: nothing under the name before the commit", how);
    CHECK(atomic_commit(af) == 0, "%s: commits", how);
    CHECK_STR(slurp(target), "hello\n", "%s: the data is there after the commit", how);
    CHECK(entries() == 1, "%s: no temporary file left", how);

    af = open_fn(target);
    write_text(af, "half-writ");
    atomic_abort(af);
    CHECK_STR(slurp(target), "hello\n", "%s: abort leaves an existing target as it was", how);
    CHECK(entries() == 1, "%s: abort removes the temporary file", how);

    af = open_fn(target);
    write_text(af, "replaced\n");
    CHECK_STR(slurp(target), "hello\n", "%s: the old content stays until the commit", how);
    atomic_commit(af);
    CHECK_STR(slurp(target), "replaced\n", "%s: commit replaces an existing target", how);
    struct stat st;
    stat(target, &st);
    mode_t mask = umask(0);
    umask(mask);
    CHECK((st.st_mode & 0777) == (0666 & ~mask), "%s: mode as a plain open would give", how);
    unlink(target);
    free(target);
}

static void test_special_targets(void)
{
    struct atomic_file *af = atomic_open("/dev/null");
    CHECK(af && atomic_is_direct(af), "/dev/null is written in place");
    write_text(af, "x");
    CHECK(atomic_commit(af) == 0 && exists("/dev/null"), "/dev/null survives the commit");

    char *real = xstrdup(in_dir("real.txt"));
    char *link = xstrdup(in_dir("link.txt"));
    put(real, "old\n");
    CHECK(symlink("real.txt", link) == 0, "symlink made");
    af = atomic_open(link);
    write_text(af, "new\n");
    atomic_commit(af);
    struct stat st;
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "a symlink target stays a symlink");
    CHECK_STR(slurp(real), "new\n", "the file it points to gets the data");
    unlink(link);
    unlink(real);
    free(real);
    free(link);

    CHECK(atomic_open(in_dir("no/such/dir/x")) == NULL, "a missing folder is an error");
}

static void test_output_gzip(void)
{
    char *target = xstrdup(in_dir("out.jsonl.gz"));
    struct output *o = output_file_atomic(target, 6);
    CHECK(o != NULL, "gzip output opens");
    struct buf want = BUF_INIT;
    for (int i = 0; i < 20000; i++) /* several compressed blocks */
        buf_printf(&want, "{\"n\":%d}\n", i * 7919 % 100003);
    output_write(o, want.data, want.len);
    CHECK(!exists(target), "gzip output: nothing under the name before close");
    output_close(o);
    gzFile gz = gzopen(target, "rb");
    struct buf got = BUF_INIT;
    char chunk[8192];
    int n;
    while ((n = gzread(gz, chunk, sizeof chunk)) > 0)
        buf_append(&got, chunk, (size_t)n);
    gzclose(gz);
    CHECK(got.len == want.len && memcmp(got.data, want.data, want.len) == 0,
          "gzip output gunzips to the data written");
    unsigned char magic[2] = {0, 0};
    FILE *f = fopen(target, "rb");
    CHECK(fread(magic, 1, 2, f) == 2 && magic[0] == 0x1f && magic[1] == 0x8b, "gzip magic");
    fclose(f);
    unlink(target);

    o = output_file_atomic(target, 0);
    output_puts(o, "discarded");
    output_abort(o);
    CHECK(!exists(target) && entries() == 0, "output_abort leaves nothing");
    buf_free(&want);
    buf_free(&got);
    free(target);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        SKIP("atomic: cannot make a temporary folder");
        return CHECK_DONE();
    }
    test_commit_and_abort(atomic_open, "atomic_open");
    test_commit_and_abort(atomic_open_named, "named temporary");
    test_special_targets();
    test_output_gzip();
    rmdir(dir);
    return CHECK_DONE();
}
