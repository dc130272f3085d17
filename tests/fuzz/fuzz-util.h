/* fuzz-util.h — what the fuzz targets of tests/fuzz/ share.
 *
 * Each target tests/fuzz/fuzz-NAME.c defines LLVMFuzzerTestOneInput and
 * names its own static functions and types with a prefix of its own
 * (fz_NAME_), because tests/unit/test-fuzz-regress.c compiles every target
 * into one program (renaming each LLVMFuzzerTestOneInput with a macro, so
 * each target declares its own prototype) (with gcc, no libFuzzer) to replay the corpora and the
 * regression inputs on every `make test`. A target must therefore hold no
 * state from one input to the next beyond a cache that does not change
 * what it checks (a compiled extractor, say).
 */
#ifndef WINNOW_FUZZ_UTIL_H
#define WINNOW_FUZZ_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "utf8.h"

/* A property does not hold: say which and abort, so that libFuzzer keeps
 * the input. The line goes to stdout as well as stderr, because
 * `make fuzz-run` closes the targets' stderr (the library's warnings about
 * bad input would flood it). */
__attribute__((format(printf, 2, 3))) static inline _Noreturn void
fuzz_fail(const char *target, const char *fmt, ...)
{
    char why[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    printf("fuzz-%s: property violated: %s\n", target, why);
    fflush(stdout);
    fprintf(stderr, "fuzz-%s: property violated: %s\n", target, why);
    abort();
}

/* The input as text: valid UTF-8 (each ill-formed piece becomes U+FFFD,
 * as the programs repair raw text before splitting or normalizing it) and
 * NUL-terminated, so that out->data is never NULL. */
static inline void fuzz_text(const uint8_t *data, size_t size, struct buf *out)
{
    buf_reset(out);
    utf8_repair((const char *)data, size, out);
    buf_append(out, "", 0);
}

/* Where fuzz_touch leaves its checksum, so that its reads stay. */
static volatile unsigned fuzz_touched;

/* Read every byte of s[0..n): a span that runs out of its buffer shows
 * under ASan. */
static inline void fuzz_touch(const char *s, size_t n)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++)
        sum = sum * 31u + (unsigned char)s[i];
    fuzz_touched += sum;
}

#endif
