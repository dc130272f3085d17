/* wordtrie.c — an alternation of words rewritten as a trie (see wordtrie.h). */
#include "wordtrie.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct words {
    char **word; /* owned, each owned */
    size_t n, cap;
};

static void words_free(struct words *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->word[i]);
    free(w->word);
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Split alternation into its words; false if it holds anything else. */
static bool split_words(const char *s, struct words *out)
{
    while (*s) {
        if (strncmp(s, "(?:", 3) == 0) {
            s += 3;
        } else if (*s == ')' || *s == '|') {
            s++;
        } else if (is_letter(*s)) {
            size_t n = 0;
            while (is_letter(s[n]))
                n++;
            if (out->n == out->cap) {
                out->cap = out->cap ? 2 * out->cap : 64;
                out->word = xrealloc(out->word, out->cap * sizeof *out->word);
            }
            out->word[out->n++] = xstrndup(s, n);
            s += n;
        } else {
            return false;
        }
    }
    return out->n > 0;
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append the trie of w[lo..hi) (sorted, distinct, sharing their first
 * depth letters) from letter depth on. A word that ends here makes the
 * rest optional: the shortest word sorts first. grouped: the caller has
 * opened a group for these branches already. */
static void append_node(struct buf *out, char *const *w, size_t lo, size_t hi, size_t depth,
                        bool grouped)
{
    bool ends = w[lo][depth] == '\0';
    if (ends)
        lo++;
    if (lo == hi)
        return;
    size_t branches = 0;
    for (size_t i = lo; i < hi; branches++) {
        char c = w[i][depth];
        while (i < hi && w[i][depth] == c)
            i++;
    }
    bool group = ends || (branches > 1 && !grouped);
    if (group)
        buf_append_str(out, "(?:");
    for (size_t i = lo; i < hi;) {
        size_t j = i;
        while (j < hi && w[j][depth] == w[i][depth])
            j++;
        if (i > lo)
            buf_append_char(out, '|');
        buf_append_char(out, w[i][depth]);
        append_node(out, w, i, j, depth + 1, false);
        i = j;
    }
    if (group)
        buf_append_str(out, ends ? ")?" : ")");
}

bool wordtrie_append(const char *alternation, struct buf *out)
{
    struct words w = {NULL, 0, 0};
    if (!split_words(alternation, &w)) {
        words_free(&w);
        return false;
    }
    qsort(w.word, w.n, sizeof *w.word, by_bytes);
    size_t distinct = 1;
    for (size_t i = 1; i < w.n; i++) {
        if (strcmp(w.word[i], w.word[distinct - 1]) == 0)
            free(w.word[i]);
        else
            w.word[distinct++] = w.word[i];
    }
    w.n = distinct;
    /* The group keeps the trie one atom, whatever follows it. */
    buf_append_str(out, "(?:");
    append_node(out, w.word, 0, w.n, 0, true);
    buf_append_char(out, ')');
    words_free(&w);
    return true;
}

void wordtrie_replace(const char *source, const char *from, const char *to, struct buf *out)
{
    size_t n = strlen(from);
    const char *hit;
    while (n > 0 && (hit = strstr(source, from)) != NULL) {
        buf_append(out, source, (size_t)(hit - source));
        buf_append_str(out, to);
        source = hit + n;
    }
    buf_append_str(out, source);
}
