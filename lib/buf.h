/* buf.h — growable byte buffers and checked allocation.
 *
 * Owns: every heap allocation of winnow goes through xmalloc/xrealloc/xstrdup,
 * which end the program with "out of memory" (exit 1) instead of returning
 * NULL, so that callers never carry an allocation-failure path of their own.
 * A struct buf owns its data; buf_free releases it; buf_reset keeps the
 * memory for reuse (buffers in hot loops are allocated once).
 * The data is always NUL-terminated after buf_reserve/append, so it can be
 * handed to functions that want a C string (the length stays authoritative).
 */
#ifndef WINNOW_BUF_H
#define WINNOW_BUF_H

#include <stddef.h>
#include <string.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

struct buf {
    char *data;   /* NULL until the first append; owned */
    size_t len;   /* bytes in use, not counting the terminating NUL */
    size_t cap;   /* bytes allocated */
};

#define BUF_INIT {NULL, 0, 0}

/* Make room for at least `extra` more bytes plus a NUL. */
void buf_reserve(struct buf *b, size_t extra);
/* The appends that must grow b first: the inline ones below call them. */
void buf_append_grow(struct buf *b, const void *data, size_t n);
void buf_append_char_grow(struct buf *b, char c);

/* Inline where there is room (always but the first few times): a record
 * is written in dozens of small appends. */
static inline void buf_append(struct buf *b, const void *data, size_t n)
{
    if (n >= b->cap - b->len) { /* cap 0 (no data yet) lands here too */
        buf_append_grow(b, data, n);
        return;
    }
    if (n)
        memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void buf_append_char(struct buf *b, char c)
{
    if (b->cap - b->len < 2) {
        buf_append_char_grow(b, c);
        return;
    }
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void buf_append_str(struct buf *b, const char *s);
/* v in decimal, at least min_digits digits (zeros in front), without
 * printf: for numbers written per record (ids, stats, figures). */
void buf_append_uint(struct buf *b, unsigned long long v, unsigned min_digits);
/* The same digits written at p (room for BUF_UINT_MAX bytes); returns the
 * end: for a writer that reserved room for a whole record once. */
enum { BUF_UINT_MAX = 20 };
char *buf_put_uint(char *p, unsigned long long v, unsigned min_digits);
/* printf-style append. */
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Forget the contents, keep the memory. */
void buf_reset(struct buf *b);
/* Release the memory; the buf is empty and reusable afterwards. */
void buf_free(struct buf *b);
/* Hand the data to the caller (who frees it) and leave the buf empty. */
char *buf_detach(struct buf *b, size_t *len);

/* Scratch kept from one record to the next: what grew past this for one
 * big record is given back before the next phase or record, so that a
 * huge record costs its scratch once, not once per phase that keeps some. */
enum { SCRATCH_KEEP_BYTES = 1 << 20 };
/* buf_reset, or buf_free when b holds more than SCRATCH_KEEP_BYTES. */
void buf_trim(struct buf *b);
/* For an array p of *cap elements of elem_size bytes (owned by the
 * caller): p itself, or NULL (p freed, *cap 0) when it is larger than
 * SCRATCH_KEEP_BYTES. */
void *array_trim(void *p, size_t *cap, size_t elem_size);
/* The same array with room for at least `need` elements: p itself, or p
 * grown (doubled, from 64) when *cap is less. The untouched pages of a
 * grown array cost nothing. */
void *array_grow(void *p, size_t *cap, size_t need, size_t elem_size);
/* Inline: it is asked once per word or per candidate position. */
static inline void *array_reserve(void *p, size_t *cap, size_t need, size_t elem_size)
{
    return need <= *cap ? p : array_grow(p, cap, need, elem_size);
}

#endif
