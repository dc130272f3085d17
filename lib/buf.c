/* buf.c — growable byte buffers and checked allocation (see buf.h). */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static _Noreturn void out_of_memory(size_t n)
{
    die(EXIT_BAD_INPUT, "out of memory (allocating %zu bytes)", n);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void buf_reserve(struct buf *b, size_t extra)
{
    if (extra >= (size_t)-1 - b->len - 1)
        out_of_memory((size_t)-1);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void buf_append_grow(struct buf *b, const void *data, size_t n)
{
    buf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void buf_append_str(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_append_char_grow(struct buf *b, char c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

char *buf_put_uint(char *p, unsigned long long v, unsigned min_digits)
{
    char digits[BUF_UINT_MAX];
    size_t k = sizeof digits;
    do {
        digits[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (k > 0 && (v || sizeof digits - k < min_digits));
    memcpy(p, digits + k, sizeof digits - k);
    return p + (sizeof digits - k);
}

void buf_append_uint(struct buf *b, unsigned long long v, unsigned min_digits)
{
    buf_reserve(b, BUF_UINT_MAX);
    b->len = (size_t)(buf_put_uint(b->data + b->len, v, min_digits) - b->data);
    b->data[b->len] = '\0';
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    /* Most messages fit in a small stack buffer: format once. */
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        buf_append(b, small, (size_t)n);
        return;
    }
    buf_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *buf_detach(struct buf *b, size_t *len)
{
    if (!b->data)
        buf_reserve(b, 0), b->data[0] = '\0';
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void buf_trim(struct buf *b)
{
    if (b->cap > SCRATCH_KEEP_BYTES)
        buf_free(b);
    else
        buf_reset(b);
}

void *array_trim(void *p, size_t *cap, size_t elem_size)
{
    if (*cap <= SCRATCH_KEEP_BYTES / elem_size)
        return p;
    free(p);
    *cap = 0;
    return NULL;
}

void *array_grow(void *p, size_t *cap, size_t need, size_t elem_size)
{
    if (elem_size && need > ((size_t)-1) / elem_size)
        out_of_memory((size_t)-1);
    size_t grown = *cap ? *cap : 64;
    while (grown < need)
        grown = grown > ((size_t)-1) / 2 ? need : grown * 2;
    if (elem_size && grown > ((size_t)-1) / elem_size)
        grown = need;
    *cap = grown;
    return xrealloc(p, grown * elem_size);
}
