/* gzip-member.h — for unit tests: compress bytes into one gzip member. */
#ifndef WINNOW_TEST_GZIP_MEMBER_H
#define WINNOW_TEST_GZIP_MEMBER_H

#include <zlib.h>

#include "buf.h"

/* Append one gzip member holding data[0..n) to out. */
static void gzip_member(const char *data, size_t n, struct buf *out)
{
    z_stream zs = {0};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t bound = deflateBound(&zs, n) + 32;
    buf_reserve(out, bound);
    zs.next_in = (unsigned char *)data;
    zs.avail_in = (uInt)n;
    zs.next_out = (unsigned char *)out->data + out->len;
    zs.avail_out = (uInt)bound;
    deflate(&zs, Z_FINISH);
    out->len += bound - zs.avail_out;
    deflateEnd(&zs);
}

#endif
