/* read-file.h — for unit tests: a fixture file read whole, and data that
 * may be absent (../shared) checked for before a test uses it. */
#ifndef WINNOW_TEST_READ_FILE_H
#define WINNOW_TEST_READ_FILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/stat.h>

#include "buf.h"
#include "check.h"

/* Append the bytes of the file at path to out, which is NUL-terminated
 * afterwards (also for an empty file); false when the file cannot be
 * opened or a read fails. */
static inline bool read_whole_file(const char *path, struct buf *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    bool ok = !ferror(f);
    fclose(f);
    buf_reserve(out, 0);
    return ok;
}

/* True when the folder dir is there; otherwise prints
 * "skip - WHAT: DIR not present" and returns false. */
static inline bool have_dir_or_skip(const char *dir, const char *what)
{
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    SKIP("%s: %s not present", what, dir);
    return false;
}

#endif
