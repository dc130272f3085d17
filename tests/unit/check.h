/* check.h — the unit-test protocol of winnow.
 *
 * Each tests/unit/test-*.c is a program that prints one line per check,
 * "ok - NAME" or "not ok - NAME: detail", and exits 1 if any failed (0
 * otherwise). tests/run.sh counts those lines. A test that needs data which
 * may be absent (../shared) prints "skip - NAME: reason".
 */
#ifndef WINNOW_CHECK_H
#define WINNOW_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

/* cond is evaluated exactly once: it may have side effects. */
#define CHECK(cond, ...)                                                  \
    do {                                                                  \
        int passed_ = (cond) ? 1 : 0;                                     \
        printf(passed_ ? "ok - " : "not ok - ");                          \
        check_failures += !passed_;                                       \
        printf(__VA_ARGS__);                                              \
        if (!passed_)                                                     \
            printf(" (%s:%d: %s)", __FILE__, __LINE__, #cond);            \
        printf("\n");                                                     \
    } while (0)

#define CHECK_STR(got, want, ...)                                         \
    do {                                                                  \
        const char *got_ = (got), *want_ = (want);                        \
        int same_ = (got_ && want_) ? strcmp(got_, want_) == 0            \
                                    : got_ == want_;                      \
        if (same_) {                                                      \
            printf("ok - ");                                              \
        } else {                                                          \
            printf("not ok - ");                                          \
            check_failures++;                                             \
        }                                                                 \
        printf(__VA_ARGS__);                                              \
        if (!same_)                                                       \
            printf(" (%s:%d: got \"%s\", want \"%s\")", __FILE__,          \
                   __LINE__, got_ ? got_ : "(null)",                      \
                   want_ ? want_ : "(null)");                             \
        printf("\n");                                                     \
    } while (0)

#define SKIP(...)                                                         \
    do {                                                                  \
        printf("skip - ");                                                \
        printf(__VA_ARGS__);                                              \
        printf("\n");                                                     \
    } while (0)

#define CHECK_DONE() (fflush(stdout), check_failures ? 1 : 0)

#endif
