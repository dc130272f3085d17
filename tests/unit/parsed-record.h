/* parsed-record.h — for unit tests: a record parsed from a JSON line. */
#ifndef WINNOW_TEST_PARSED_RECORD_H
#define WINNOW_TEST_PARSED_RECORD_H

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "record.h"

/* The record of the line text (caller frees it with record_free). A line
 * that does not parse is a mistake in the test: it is said as a "# ..."
 * line, and the (empty) record still returned so that the checks fail. */
static inline struct record *parsed(const char *text)
{
    struct record *r = record_new();
    struct buf reason = BUF_INIT;
    if (record_parse(r, text, strlen(text), &reason) != 0)
        printf("# parse failed: %s\n", reason.data);
    buf_free(&reason);
    return r;
}

#endif
