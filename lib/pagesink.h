/* pagesink.h — where generated pages go.
 *
 * Owns: the output forms of winnow-generate and their file formats:
 *  - tar: a ustar archive (written with libarchive) of pages/<name>.txt,
 *    each member dated by its crawl time, owner 0, mode 0644;
 *  - ndjson: one document per page, {"id","text","url","crawl_date"};
 *  - dir: one <name>.txt per page in a directory (created if missing);
 *  - truth: one record per record the splitter should produce,
 *    {"id","doc","kind","parent","date","title","source","headline","n",
 *    "depth"}, absent fields left out.
 * A FILE ending in ".gz" is gzipped (zlib, no name or time in the header, so
 * the bytes depend on the pages alone). Every file is written atomically
 * (lib/atomic.h): nothing appears under its name until page_sink_commit.
 * Write errors are reported ("program: FILE: write error: reason") and
 * returned, never fatal here, so that the caller can abort every sink.
 */
#ifndef WINNOW_PAGESINK_H
#define WINNOW_PAGESINK_H

#include "generate.h"

enum page_sink_kind { SINK_TAR, SINK_NDJSON, SINK_DIR, SINK_TRUTH };

struct page_sink;

/* NULL on failure (reported). */
struct page_sink *page_sink_open(enum page_sink_kind kind, const char *path);
/* 0, or -1 after reporting the error. */
int page_sink_write(struct page_sink *s, const struct gen_page *page);
/* Finish and rename into place; frees s. 0, or -1 (reported; nothing is
 * left under the target's name). */
int page_sink_commit(struct page_sink *s);
/* Remove what was written; frees s. */
void page_sink_abort(struct page_sink *s);

#endif
