/* sources.h — the documents an input holds.
 *
 * Owns: recognising what an input is (plain text, NDJSON documents, WARC or
 * WET, a tar archive; any of them gzipped) and turning it into documents:
 * an id, raw text, and the document-level fields that go to `meta`.
 *  - text: the whole input is one document; its id is the file name without
 *    directories and extensions ("pages/x.txt.gz" -> "x"), "stdin" for stdin.
 *  - NDJSON: one document per line, `id` (string or integer) and `text`
 *    (string) required; every other member goes to meta. Bad lines go
 *    through the rejects policy.
 *  - WARC/WET: each `conversion` record (text) and `response` record (HTTP
 *    body; HTML reduced to its text) is a document, its WARC-Record-ID the
 *    id (angle brackets removed), WARC-Target-URI and WARC-Date in meta as
 *    `url` and `date`. Other record types are skipped.
 *  - tar: each regular member is read (libarchive) and recognised in turn;
 *    a text member is one document whose id is its file name without
 *    directories and extensions.
 * Document text is handed over as read: it may hold invalid UTF-8, which the
 * caller repairs.
 */
#ifndef WINNOW_SOURCES_H
#define WINNOW_SOURCES_H

#include <stddef.h>

struct input;
struct rejects;

enum source_format {
    FORMAT_AUTO,
    FORMAT_TEXT,
    FORMAT_NDJSON,
    FORMAT_WARC,
    FORMAT_TAR
};

/* Parse "text", "ndjson", "warc", "tar", "auto"; -1 when unknown. */
int source_format_parse(const char *name);

struct document {
    const char *id;        /* NUL-terminated */
    const char *text;      /* raw bytes, not NUL-terminated */
    size_t len;
    const char *meta;      /* a JSON object as text, or NULL */
    const char *origin;    /* input name, for messages */
    long line;             /* NDJSON line number, else 0 */
};

/* Called per document; a non-zero return stops reading and is returned. */
typedef int (*document_sink)(const struct document *doc, void *ctx);

struct source_counts {
    unsigned long long documents; /* handed to the sink */
    unsigned long long skipped;   /* WARC records of other types, tar
                                     members that are not regular files */
    unsigned long long blank;     /* blank NDJSON lines */
};

/* Read every document of `in`. Returns 0 when the input was read to the
 * end, the sink's non-zero value, or -1 on an error that ends the input
 * (already reported: a read error, truncated gzip, a bad line without
 * --rejects, a broken WARC or tar). */
int read_documents(struct input *in, enum source_format format,
                   struct rejects *rj, document_sink sink, void *ctx,
                   struct source_counts *counts);

#endif
