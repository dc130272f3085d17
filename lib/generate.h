/* generate.h — synthetic pages of a probation blog, and the records they
 * should split into.
 *
 * Owns: the model of a crawl of a few blogs in the format of the seed pages
 * (SPEC "Splitting"): post pages; the same posts again on monthly and
 * yearly archive pages and on label pages (a "Showing posts with label"
 * line, then the posts), on mobile copies (exact duplicates) and on later
 * crawls (near duplicates: an "Update:" paragraph, a few words changed,
 * more comments). Each post has the blogger's paragraphs (sometimes with a
 * numbered or bulleted list), quoted articles introduced by a line ending
 * in ":-" (at the end of a paragraph or on its own line, with or without a
 * headline), and a numbered, threaded comment section (replies, continuation
 * paragraphs, poems, "1:" lists, comments pasted twice). The text cites
 * figures of every kind beside numbers that are not figures, and carries a
 * little noise: non-breaking spaces, bullets, curly quotes, mojibake, HTML
 * entities, zero-width spaces, the odd CRLF page.
 *
 * Everything follows from the seed: the same seed gives the same pages, in
 * the same order, byte for byte, whatever is asked of it afterwards. The
 * generator holds one page at a time (plus a few small buffers); a post that
 * appears again is generated again from its own number.
 */
#ifndef WINNOW_GENERATE_H
#define WINNOW_GENERATE_H

#include <stddef.h>
#include <stdint.h>

/* One record the splitter should produce for a page (SPEC "Records"):
 * what the generator knows it wrote. Absent fields are NULL. */
struct gen_record {
    const char *kind;     /* "post", "quote" or "comment" */
    const char *id;       /* "<doc>/p1", "<doc>/p1/q2", "<doc>/p1/c4.2" */
    const char *parent;   /* quote, comment: the post or the comment replied to */
    const char *date;     /* post: "2017-12-14" */
    const char *title;    /* post */
    const char *source;   /* quote: "the Guardian" */
    const char *headline; /* quote, when it has one */
    const char *n;        /* comment: "4", "4.2" */
    int depth;            /* comment: 1 or 2; else 0 */
};

struct gen_page {
    const char *name;       /* the document id: tar member pages/<name>.txt */
    const char *text;       /* UTF-8 page text, NUL-terminated */
    size_t len;
    const char *url;
    const char *crawl_date; /* "2018-03-04T11:22:33Z" */
    long long crawl_time;   /* the same, in seconds since 1970 */
    const char *kind;       /* "post", "mobile", "recrawl", "monthly", "yearly", "label" */
    const struct gen_record *records;
    size_t record_count;
};

struct generator;

struct generator *generator_new(uint64_t seed);
void generator_free(struct generator *g);

/* Make the next page. Everything *page points to belongs to the generator
 * and stays valid until the next call or generator_free. */
void generator_next(struct generator *g, struct gen_page *page);

#endif
