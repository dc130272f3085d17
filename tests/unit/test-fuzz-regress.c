/* test-fuzz-regress — every fuzz target of tests/fuzz/, without libFuzzer.
 *
 * Each tests/fuzz/fuzz-NAME.c is compiled in here with its
 * LLVMFuzzerTestOneInput renamed, and run over every file of
 * tests/fuzz/corpus-NAME/ (the seeds) and tests/fuzz/regress-NAME/ (inputs
 * that once crashed a target or broke one of its properties). A target
 * aborts on a broken property and the sanitizer build stops on a bad
 * access, a leak or undefined behaviour, so `make test` replays every
 * crash ever found under ASan and UBSan. The file being replayed is named
 * on stderr first, so a crash says which one.
 *
 * With file operands, replays those files through every target instead.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "read-file.h"

#define LLVMFuzzerTestOneInput fuzz_dedupe_one
#include "../fuzz/fuzz-dedupe.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_figures_one
#include "../fuzz/fuzz-figures.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_input_one
#include "../fuzz/fuzz-input.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_normalize_one
#include "../fuzz/fuzz-normalize.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_numwords_one
#include "../fuzz/fuzz-numwords.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_record_one
#include "../fuzz/fuzz-record.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_segment_one
#include "../fuzz/fuzz-segment.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_sources_one
#include "../fuzz/fuzz-sources.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_textstats_one
#include "../fuzz/fuzz-textstats.c"
#undef LLVMFuzzerTestOneInput

struct fuzz_target {
    const char *name;
    int (*one)(const uint8_t *data, size_t size);
};

static const struct fuzz_target targets[] = {
    {"dedupe", fuzz_dedupe_one},     {"figures", fuzz_figures_one},
    {"input", fuzz_input_one},       {"normalize", fuzz_normalize_one},
    {"numwords", fuzz_numwords_one}, {"record", fuzz_record_one},
    {"segment", fuzz_segment_one},   {"sources", fuzz_sources_one},
    {"textstats", fuzz_textstats_one},
};

enum { TARGETS = sizeof targets / sizeof targets[0] };

/* The whole file in a buffer of exactly its size (as libFuzzer hands an
 * input over, so that ASan sees a read past its end); NULL if unreadable. */
static uint8_t *read_whole(const char *path, size_t *size)
{
    struct buf data = BUF_INIT;
    uint8_t *exact = NULL;
    if (read_whole_file(path, &data)) {
        *size = data.len;
        exact = xmalloc(data.len ? data.len : 1);
        if (data.len)
            memcpy(exact, data.data, data.len);
    }
    buf_free(&data);
    return exact;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files of dir, sorted (caller frees); *count 0 when it is absent. */
static char **list_files(const char *dir, size_t *count)
{
    char **names = NULL;
    size_t cap = 0;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    const struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct buf path = BUF_INIT;
        buf_printf(&path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path.data, &st) == 0 && S_ISREG(st.st_mode)) {
            if (*count == cap) {
                cap = cap ? 2 * cap : 32;
                names = xrealloc(names, cap * sizeof *names);
            }
            names[(*count)++] = buf_detach(&path, NULL);
        }
        buf_free(&path);
    }
    closedir(d);
    if (*count)
        qsort(names, *count, sizeof *names, compare_names);
    return names;
}

/* Run target over one file; false when it cannot be read. */
static bool replay(const struct fuzz_target *t, const char *path)
{
    size_t size;
    uint8_t *data = read_whole(path, &size);
    if (!data)
        return false;
    fprintf(stderr, "fuzz-%s: replaying %s\n", t->name, path);
    t->one(data, size);
    free(data);
    return true;
}

/* Every file of dir through target t; returns how many, -1 if one could
 * not be read. */
static long replay_dir(const struct fuzz_target *t, const char *dir)
{
    size_t count;
    char **files = list_files(dir, &count);
    long replayed = 0;
    for (size_t i = 0; i < count; i++) {
        if (replayed >= 0)
            replayed = replay(t, files[i]) ? replayed + 1 : -1;
        free(files[i]);
    }
    free(files);
    return replayed;
}

static void replay_target(const char *root, const struct fuzz_target *t)
{
    struct buf corpus = BUF_INIT, regress = BUF_INIT;
    buf_printf(&corpus, "%s/tests/fuzz/corpus-%s", root, t->name);
    buf_printf(&regress, "%s/tests/fuzz/regress-%s", root, t->name);
    long seeds = replay_dir(t, corpus.data);
    long crashes = replay_dir(t, regress.data);
    CHECK(seeds > 0 && crashes >= 0,
          "fuzz-%s: %ld seeds of %s and %ld regression inputs of %s replayed", t->name,
          seeds, corpus.data, crashes, regress.data);
    buf_free(&corpus);
    buf_free(&regress);
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            for (size_t k = 0; k < TARGETS; k++)
                CHECK(replay(&targets[k], argv[i]), "fuzz-%s: %s replayed", targets[k].name,
                      argv[i]);
        return CHECK_DONE();
    }
    const char *root = getenv("WINNOW_ROOT") ? getenv("WINNOW_ROOT") : ".";
    for (size_t k = 0; k < TARGETS; k++)
        replay_target(root, &targets[k]);
    return CHECK_DONE();
}
