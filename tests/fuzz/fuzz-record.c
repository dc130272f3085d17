/* libFuzzer target: the differential check of lib/record against Jansson
 * (tests/unit/record-diff.h) on each input, as a record line and as a JSON
 * value. A difference aborts with its description. Build with `make fuzz`;
 * run from the project root, for example:
 *     build/fuzz/fuzz-record -max_total_time=300 -dict=tests/fuzz/record.dict \
 *         build/fuzz/corpus-record tests/fuzz/corpus-record \
 *         tests/fixtures/record-diff
 * Inputs that once failed are kept in tests/fixtures/record-diff/, which
 * test-record-diff checks on every run. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "record-diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct record *r = record_new();
    struct buf why = BUF_INIT;
    const char *text = size ? (const char *)data : "";
    if (!diff_line(r, text, size, &why) || !diff_value(r, text, size, &why)) {
        fprintf(stderr, "record layer and Jansson differ: %s\n", why.data);
        abort();
    }
    buf_free(&why);
    record_free(r);
    return 0;
}
