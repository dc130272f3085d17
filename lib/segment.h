/* segment.h — splitting one document's text into records.
 *
 * Owns: the structure rules of SPEC "Splitting": --by blog (posts, quoted
 * articles, threaded comments, and the `document` fallback for pages
 * without that structure), --by paragraph and --by document. The rules
 * that read one line live beside it: dateline.h (date lines), quotes.h
 * (intros, sources, headlines), blogline.h (numbered and bulleted lines,
 * page furniture); winnow-split(1) documents them all.
 *
 * The text handed in must be valid UTF-8 (the caller repairs it first).
 * Segments are passed to the sink in output order: each post, then its
 * quotes, then its comments in document order. Every string in a segment
 * belongs to the splitter and is valid only during the sink call.
 * Cost: the splitter holds the line index of one document (a few words per
 * line) and the texts of one post's records at a time.
 */
#ifndef WINNOW_SEGMENT_H
#define WINNOW_SEGMENT_H

#include <stddef.h>

#include "dateline.h" /* parse_date_line, declared here before */

enum segment_kind {
    SEGMENT_POST,
    SEGMENT_QUOTE,
    SEGMENT_COMMENT,
    SEGMENT_PARAGRAPH,
    SEGMENT_DOCUMENT
};

enum split_mode { SPLIT_BLOG, SPLIT_PARAGRAPH, SPLIT_DOCUMENT };

/* Name of a kind as it appears in records ("post", "quote", ...). */
const char *segment_kind_name(enum segment_kind kind);

struct segment {
    enum segment_kind kind;
    const char *id;        /* "<doc>/p1", "<doc>/p1/q2", "<doc>/p1/c4.2" */
    const char *text;      /* paragraphs separated by "\n\n" */
    size_t text_len;
    size_t span_start;     /* byte offsets in the document text */
    size_t span_end;
    /* post */
    const char *date;      /* ISO 8601 "2017-12-14", or NULL */
    const char *title;     /* or NULL */
    /* quote, comment */
    const char *post;      /* id of the post */
    const char *parent;    /* id of the post or of the comment replied to */
    /* comment */
    const char *n;         /* number path as printed: "4", "4.2" */
    int depth;             /* 1 = top level */
    /* quote */
    const char *source;    /* "the Guardian" */
    const char *headline;  /* or NULL */
    const char *intro;     /* the blogger's line that introduced the quote */
};

/* Called once per segment; a non-zero return stops the split and is
 * returned by split_text. */
typedef int (*segment_sink)(const struct segment *seg, void *ctx);

/* Split text[0..len) of document doc_id. Returns 0 or the sink's value. */
int split_text(enum split_mode mode, const char *doc_id, const char *text,
               size_t len, segment_sink sink, void *ctx);

#endif
