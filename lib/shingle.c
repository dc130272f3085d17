/* shingle.c — words and word shingles as hashes (see shingle.h). */
#include "shingle.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "utf8.h"

void shingles_init(struct shingles *s)
{
    memset(s, 0, sizeof *s);
}

void shingles_free(struct shingles *s)
{
    free(s->hash);
    buf_free(&s->word);
    buf_free(&s->word_hashes);
    memset(s, 0, sizeof *s);
}

static bool is_word_category(utf8proc_category_t c)
{
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* Append the word's lowercased form of one non-ASCII code point, or return
 * false when it separates words. */
static bool append_wide(struct buf *word, int32_t cp, bool fold_digits)
{
    utf8proc_category_t c = utf8proc_category(cp);
    if (!is_word_category(c))
        return false;
    if (fold_digits && c == UTF8PROC_CATEGORY_ND) {
        buf_append_char(word, '0');
        return true;
    }
    char bytes[4];
    int n = utf8_encode(utf8proc_tolower(cp), bytes);
    buf_append(word, bytes, (size_t)n);
    return true;
}

static void push_shingle(struct shingles *s, const unsigned char *words, size_t n)
{
    if (s->each && s->count == SHINGLE_BATCH) {
        s->each(s->each_ctx, s->hash, s->count);
        s->count = 0;
    }
    s->hash = array_reserve(s->hash, &s->cap, s->count + 1, sizeof *s->hash);
    s->hash[s->count++] = (uint32_t)XXH3_64bits(words, n * 8);
    s->total++;
}

/* Record the hash of one word (its lowercased bytes) at the end of the
 * window, and the shingle of the last `size` words once there are that
 * many. The window holds at most 2 * size words: when full, its last
 * size - 1 move to the front, so that each shingle's words lie side by
 * side and a word costs O(1), whatever the length of the text. */
static void add_word(struct shingles *s, const char *word, size_t len)
{
    uint64_t h = XXH3_64bits(word, len);
    size_t k = s->size, in_window = s->word_hashes.len / 8;
    if (in_window == 2 * k) {
        memmove(s->word_hashes.data, s->word_hashes.data + 8 * (k + 1), 8 * (k - 1));
        s->word_hashes.len = 8 * (k - 1);
        in_window = k - 1;
    }
    unsigned char le[8];
    for (int i = 0; i < 8; i++)
        le[i] = (unsigned char)(h >> (8 * i));
    buf_append(&s->word_hashes, le, sizeof le);
    s->words++;
    if (in_window + 1 >= k)
        push_shingle(s, (const unsigned char *)s->word_hashes.data + 8 * (in_window + 1 - k), k);
}

static void end_word(struct shingles *s)
{
    if (s->word.len == 0)
        return;
    add_word(s, s->word.data, s->word.len);
    buf_reset(&s->word);
}

static bool is_ascii_word_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Append text[0..n) (ASCII letters and digits) to the word, lowercased,
 * digits folded when asked. */
static void append_ascii_word(struct buf *word, const char *text, size_t n, bool fold_digits)
{
    buf_reserve(word, n);
    char *out = word->data + word->len;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        else if (fold_digits && c >= '0' && c <= '9')
            c = '0';
        out[i] = c;
    }
    word->len += n;
    word->data[word->len] = '\0';
}

/* Hash each word of text (add_word). A word is a run of
 * letters and digits (any script), lowercased; the common case, a word of
 * lowercase ASCII that ends at ASCII, is hashed where it stands. */
static void hash_words(struct shingles *s, const struct shingle_options *opt,
                       const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            if (!is_ascii_word_char(c)) {
                end_word(s);
                i++;
                continue;
            }
            size_t j = i;
            bool as_is = true; /* no capital, no digit to fold */
            for (; j < len && is_ascii_word_char((unsigned char)text[j]); j++)
                as_is = as_is && !(text[j] >= 'A' && text[j] <= 'Z') &&
                        !(opt->fold_digits && text[j] >= '0' && text[j] <= '9');
            if (as_is && s->word.len == 0 && (j == len || (unsigned char)text[j] < 0x80))
                add_word(s, text + i, j - i);
            else
                append_ascii_word(&s->word, text + i, j - i, opt->fold_digits);
            i = j;
            continue;
        }
        int32_t cp;
        i += (size_t)utf8_decode(text + i, len - i, &cp);
        if (cp < 0 || !append_wide(&s->word, cp, opt->fold_digits))
            end_word(s);
    }
    end_word(s);
}

void shingles_compute(struct shingles *s, const struct shingle_options *opt,
                      const char *text, size_t len)
{
    shingles_compute_each(s, opt, text, len, NULL, NULL);
}

void shingles_compute_each(struct shingles *s, const struct shingle_options *opt,
                           const char *text, size_t len, shingle_batch_fn *each, void *ctx)
{
    s->each = each;
    s->each_ctx = ctx;
    s->count = 0;
    s->total = 0;
    s->words = 0;
    s->size = opt->size;
    buf_reset(&s->word);
    buf_reset(&s->word_hashes);
    hash_words(s, opt, text, len);
    /* A text of fewer words than a shingle: one shingle, all of them. */
    if (s->words > 0 && s->words < s->size)
        push_shingle(s, (const unsigned char *)s->word_hashes.data, s->words);
}

void text_fold_digits(const char *text, size_t len, struct buf *out)
{
    size_t i = 0;
    buf_reserve(out, len);
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            buf_append_char(out, c >= '0' && c <= '9' ? '0' : (char)c);
            i++;
            continue;
        }
        int32_t cp;
        int n = utf8_decode(text + i, len - i, &cp);
        if (cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND)
            buf_append_char(out, '0');
        else
            buf_append(out, text + i, (size_t)n);
        i += (size_t)n;
    }
}
