/* blogline.c — numbered and bulleted lines, and page furniture (see
 * blogline.h).
 */
#include "blogline.h"

#include <string.h>

#include "segscan.h"

enum {
    NUMBER_DIGITS_MAX = 4,
    FURNITURE_MAX = 100, /* bytes: longer lines are someone's text */
    LABEL_MAX = 60,
    LABEL_WORDS_MAX = 8
};

bool blogline_number(const char *s, size_t from, size_t to, unsigned *number, size_t *text_from)
{
    size_t i = from;
    *number = 0;
    while (i < to && seg_is_digit(s[i]) && i - from < NUMBER_DIGITS_MAX) {
        *number = *number * 10 + (unsigned)(s[i] - '0');
        i++;
    }
    if (i == from || *number == 0 || i >= to || (s[i] != '.' && s[i] != ')'))
        return false;
    i++;
    if (i < to && s[i] != ' ' && s[i] != '\t')
        return false;
    while (i < to && (s[i] == ' ' || s[i] == '\t'))
        i++;
    *text_from = i;
    return true;
}

struct list_item blogline_list_item(const char *s, size_t from, size_t to)
{
    static const char *const bullets[] = {"\xE2\x80\xA2", "\xE2\x97\xA6", "\xE2\x96\xAA",
                                          "\xC2\xB7", "\xE2\x80\x93", "-", "*"};
    struct list_item item = {LIST_MARK_NONE, 0, NULL};
    size_t text_from;
    if (blogline_number(s, from, to, &item.number, &text_from)) {
        item.mark = LIST_MARK_NUMBER;
        return item;
    }
    for (size_t i = 0; i < sizeof bullets / sizeof *bullets; i++) {
        size_t n = strlen(bullets[i]);
        if (to - from > n && memcmp(s + from, bullets[i], n) == 0 &&
            seg_space_after(s, from + n, to) > 0)
            return (struct list_item){LIST_MARK_BULLET, 0, bullets[i]};
    }
    return item;
}

/* Does s[from..to) start with the words of phrase, case aside, ending
 * there or before a space or punctuation? */
static bool starts_with_phrase(const char *s, size_t from, size_t to, const char *phrase)
{
    size_t n = strlen(phrase);
    if (to - from < n || !seg_spells(s + from, n, phrase))
        return false;
    return from + n == to || !seg_is_letter(s[from + n]);
}

static const char *const comment_words[] = {"comments", "comment", "responses", "response",
                                            "replies", "reply", "thoughts", "thought", NULL};

/* "12 comments:", "No comments:", "One response to ...", "3 thoughts on
 * ...", or a bare "Comments" / "Comments:". */
bool blogline_is_comment_header(const char *s, size_t from, size_t to)
{
    from = seg_skip_spaces(s, from, to);
    to = seg_trim_back(s, from, to);
    if (to == from || to - from > FURNITURE_MAX)
        return false;
    size_t i = from;
    while (i < to && seg_is_digit(s[i]))
        i++;
    if (i == from && (starts_with_phrase(s, from, to, "no") || starts_with_phrase(s, from, to, "one")))
        i = from + (seg_to_lower(s[from + 1]) == 'o' ? 2 : 3);
    if (i == from) {
        size_t end = s[to - 1] == ':' ? to - 1 : to;
        return seg_spells_any(s + from, end - from, comment_words);
    }
    i = seg_skip_spaces(s, i, to);
    size_t word_end = i;
    while (word_end < to && seg_is_letter(s[word_end]))
        word_end++;
    return seg_spells_any(s + i, word_end - i, comment_words);
}

bool blogline_is_label(const char *s, size_t from, size_t to)
{
    from = seg_skip_spaces(s, from, to);
    to = seg_trim_back(s, from, to);
    if (to == from || to - from > LABEL_MAX || seg_count_words(s, from, to) > LABEL_WORDS_MAX)
        return false;
    char last = s[to - 1];
    return last != '.' && last != '!' && last != '?' && last != ',' && last != ';' &&
           last != '"' && !seg_ends_with(s, from, to, "\xE2\x80\x9D");
}

bool blogline_is_furniture(const char *s, size_t from, size_t to)
{
    static const char *const phrases[] = {
        "newer post", "older post", "newer posts", "older posts", "subscribe to",
        "post a comment", "leave a comment", "add a comment", "share this", "share to",
        "share on", "email this", "email thisblogthis", "labels:", "label:", "posted by", "links to this post",
        "create a link", "reactions:", "powered by", "like this:", "related posts",
        "you might also like", "filed under", "tags:", "permalink", "leave a reply",
        "blog archive", "view my complete profile", "follow by email", "search this blog",
        "popular posts", "load more", "previous post", "next post", "older entries",
        "newer entries", "posted in", "posted on"};
    static const char *const whole[] = {"home", "share", "tweet", "reply", "delete", "print",
                                        "like", "twitter", "facebook", "email", "whatsapp",
                                        "linkedin", "pinterest", "reddit", "about me"};
    from = seg_skip_spaces(s, from, to);
    to = seg_trim_back(s, from, to);
    if (to == from || to - from > FURNITURE_MAX)
        return false;
    if (blogline_is_comment_header(s, from, to))
        return true;
    for (size_t i = 0; i < sizeof phrases / sizeof *phrases; i++)
        if (starts_with_phrase(s, from, to, phrases[i]))
            return true;
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        if (seg_spells(s + from, to - from, whole[i]))
            return true;
    return false;
}
