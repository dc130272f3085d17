/* blogline.h — what one line of a blog page is, apart from quotes and
 * dates: a numbered or bulleted item ("  4. ", "  4) ", "  • "), or the
 * page furniture of blog platforms ("Newer Post Older Post Home",
 * "3 comments:", "Share this:").
 *
 * Owns: those line rules (see winnow-split(1)). segment.c decides where
 * they matter. Every function reads s[from..to), the line without its
 * indentation, of valid UTF-8; ASCII case rules only, never the locale's.
 */
#ifndef WINNOW_BLOGLINE_H
#define WINNOW_BLOGLINE_H

#include <stdbool.h>
#include <stddef.h>

/* "N." or "N)" alone or before a space or tab, N of 1-4 digits, not 0:
 * sets *number and *text_from (where the text after it begins). */
bool blogline_number(const char *s, size_t from, size_t to, unsigned *number, size_t *text_from);

enum list_mark { LIST_MARK_NONE, LIST_MARK_NUMBER, LIST_MARK_BULLET };

/* How a list item is marked: its number ("N." or "N)"), or the bytes of
 * its bullet ('•', '◦', '▪', '·', '-', '*', '–' before a space). */
struct list_item {
    enum list_mark mark;
    unsigned number;
    const char *bullet;
};

struct list_item blogline_list_item(const char *s, size_t from, size_t to);

/* Is the line the furniture of a blog platform rather than anyone's text:
 * navigation, sharing, labels, "Posted by", "N comments:", "No comments:",
 * "Post a Comment"? Only short lines are. */
bool blogline_is_furniture(const char *s, size_t from, size_t to);

/* Is the line a short label rather than a sentence ("Blog Archive",
 * "Older Posts", "Jim"): at most 60 bytes and 8 words, not ending in '.',
 * '!', '?', ',', ';' or a closing double quote? */
bool blogline_is_label(const char *s, size_t from, size_t to);

/* Does the line announce the comments ("12 comments:", "Comments:",
 * "3 Responses to ...")? */
bool blogline_is_comment_header(const char *s, size_t from, size_t to);

#endif
