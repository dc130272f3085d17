/* pagesink.c — tar, NDJSON, directory and truth outputs (see pagesink.h). */
#include "pagesink.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#define ZLIB_CONST /* deflate reads through a const pointer */
#include <zlib.h>

#include "atomic.h"
#include "buf.h"
#include "diag.h"
#include "record.h"

enum { STREAM_BLOCK = 256 * 1024 };

/* ---- a file, gzipped or not, written atomically --------------------------------- */

struct stream {
    struct atomic_file *file;
    bool gzip;
    z_stream z;
    unsigned char *block;  /* pending output bytes */
    size_t used;
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int write_fd(struct stream *st, const unsigned char *p, size_t n)
{
    int fd = atomic_fd(st->file);
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            warnf("%s: write error: %s", atomic_path(st->file), strerror(errno));
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int flush_block(struct stream *st)
{
    int rc = write_fd(st, st->block, st->used);
    st->used = 0;
    return rc;
}

static bool stream_open(struct stream *st, const char *path, bool allow_gzip)
{
    memset(st, 0, sizeof *st);
    st->gzip = allow_gzip && ends_with(path, ".gz");
    if (st->gzip && deflateInit2(&st->z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        warnf("%s: cannot start gzip compression", path);
        return false;
    }
    st->file = atomic_open(path);
    if (!st->file) {
        if (st->gzip)
            deflateEnd(&st->z);
        return false;
    }
    st->block = xmalloc(STREAM_BLOCK);
    return true;
}

/* Run deflate over the input until it is consumed (or, finishing, until
 * the stream ends), writing each full block. */
static int deflate_all(struct stream *st, int flush)
{
    for (;;) {
        st->z.next_out = st->block + st->used;
        st->z.avail_out = (uInt)(STREAM_BLOCK - st->used);
        int rc = deflate(&st->z, flush);
        st->used = STREAM_BLOCK - st->z.avail_out;
        if (rc == Z_STREAM_ERROR) {
            warnf("%s: gzip compression failed", atomic_path(st->file));
            return -1;
        }
        if (st->used == STREAM_BLOCK && flush_block(st) != 0)
            return -1;
        bool done = flush == Z_FINISH ? rc == Z_STREAM_END : st->z.avail_in == 0;
        if (done && st->z.avail_out > 0)
            return 0;
    }
}

static int stream_write(struct stream *st, const void *data, size_t n)
{
    if (st->gzip) {
        st->z.next_in = data;
        st->z.avail_in = (uInt)n; /* callers write far less than 4 GiB at once */
        return deflate_all(st, Z_NO_FLUSH);
    }
    if (st->used + n > STREAM_BLOCK && flush_block(st) != 0)
        return -1;
    if (n >= STREAM_BLOCK)
        return write_fd(st, data, n);
    memcpy(st->block + st->used, data, n);
    st->used += n;
    return 0;
}

static void stream_release(struct stream *st)
{
    if (st->gzip)
        deflateEnd(&st->z);
    free(st->block);
    st->block = NULL;
}

static int stream_commit(struct stream *st)
{
    int rc = 0;
    if (st->gzip) {
        st->z.next_in = NULL;
        st->z.avail_in = 0;
        rc = deflate_all(st, Z_FINISH);
    }
    if (rc == 0)
        rc = flush_block(st);
    stream_release(st);
    if (rc != 0) {
        atomic_abort(st->file);
        return -1;
    }
    return atomic_commit(st->file);
}

static void stream_abort(struct stream *st)
{
    stream_release(st);
    atomic_abort(st->file);
}

/* ---- the sinks ----------------------------------------------------------------------- */

struct page_sink {
    enum page_sink_kind kind;
    char *path;
    struct stream stream;     /* tar, ndjson, truth */
    struct archive *archive;  /* tar */
    struct record *record;    /* ndjson, truth */
    struct buf line;
    bool failed;              /* tar: a write failed inside libarchive */
};

static la_ssize_t tar_write(struct archive *a, void *ctx, const void *data, size_t n)
{
    struct page_sink *s = ctx;
    if (stream_write(&s->stream, data, n) != 0) {
        s->failed = true;
        archive_set_error(a, EIO, "write error");
        return -1;
    }
    return (la_ssize_t)n;
}

static bool tar_open(struct page_sink *s)
{
    s->archive = archive_write_new();
    if (!s->archive || archive_write_set_format_ustar(s->archive) != ARCHIVE_OK ||
        archive_write_open2(s->archive, s, NULL, tar_write, NULL, NULL) != ARCHIVE_OK) {
        warnf("%s: cannot start the tar archive: %s", s->path,
              s->archive ? archive_error_string(s->archive) : "out of memory");
        return false;
    }
    return true;
}

static bool make_directory(const char *path)
{
    struct stat st;
    if (mkdir(path, 0777) == 0 || (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return true;
    warnf("%s: cannot create the directory: %s", path,
          errno == EEXIST ? "a file of that name exists" : strerror(errno));
    return false;
}

struct page_sink *page_sink_open(enum page_sink_kind kind, const char *path)
{
    struct page_sink *s = xcalloc(1, sizeof *s);
    s->kind = kind;
    s->path = xstrdup(path);
    bool ok;
    if (kind == SINK_DIR) {
        ok = make_directory(path);
    } else {
        ok = stream_open(&s->stream, path, true);
        if (ok && kind == SINK_TAR && !tar_open(s)) {
            stream_abort(&s->stream);
            ok = false;
        }
    }
    if (!ok) {
        if (s->archive)
            archive_write_free(s->archive);
        free(s->path);
        free(s);
        return NULL;
    }
    s->record = record_new();
    return s;
}

static int write_tar_member(struct page_sink *s, const struct gen_page *page)
{
    struct archive_entry *e = archive_entry_new();
    buf_reset(&s->line);
    buf_printf(&s->line, "pages/%s.txt", page->name);
    archive_entry_set_pathname(e, s->line.data);
    archive_entry_set_size(e, (la_int64_t)page->len);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_mtime(e, (time_t)page->crawl_time, 0);
    int rc = archive_write_header(s->archive, e) == ARCHIVE_OK &&
                     archive_write_data(s->archive, page->text, page->len) == (la_ssize_t)page->len
                 ? 0
                 : -1;
    archive_entry_free(e);
    if (rc != 0 && !s->failed) /* stream_write has already said why */
        warnf("%s: %s", s->path, archive_error_string(s->archive));
    return rc;
}

static void set_field(struct record *r, const char *key, const char *value)
{
    if (value)
        record_set_string(r, key, value, strlen(value));
}

static int write_line(struct page_sink *s)
{
    buf_reset(&s->line);
    record_serialize(s->record, &s->line);
    buf_append_char(&s->line, '\n');
    return stream_write(&s->stream, s->line.data, s->line.len);
}

static int write_document(struct page_sink *s, const struct gen_page *page)
{
    struct record *r = s->record;
    record_clear(r);
    set_field(r, "id", page->name);
    record_set_string(r, "text", page->text, page->len);
    set_field(r, "url", page->url);
    set_field(r, "crawl_date", page->crawl_date);
    return write_line(s);
}

static int write_truth(struct page_sink *s, const struct gen_page *page)
{
    for (size_t i = 0; i < page->record_count; i++) {
        const struct gen_record *t = &page->records[i];
        struct record *r = s->record;
        record_clear(r);
        set_field(r, "id", t->id);
        set_field(r, "doc", page->name);
        set_field(r, "kind", t->kind);
        set_field(r, "parent", t->parent);
        set_field(r, "date", t->date);
        set_field(r, "title", t->title);
        set_field(r, "source", t->source);
        set_field(r, "headline", t->headline);
        set_field(r, "n", t->n);
        if (t->depth > 0)
            record_set_int(r, "depth", t->depth);
        if (write_line(s) != 0)
            return -1;
    }
    return 0;
}

static int write_file(struct page_sink *s, const struct gen_page *page)
{
    buf_reset(&s->line);
    buf_printf(&s->line, "%s/%s.txt", s->path, page->name);
    struct stream st;
    if (!stream_open(&st, s->line.data, false))
        return -1;
    if (stream_write(&st, page->text, page->len) != 0) {
        stream_abort(&st);
        return -1;
    }
    return stream_commit(&st);
}

int page_sink_write(struct page_sink *s, const struct gen_page *page)
{
    switch (s->kind) {
    case SINK_TAR: return write_tar_member(s, page);
    case SINK_NDJSON: return write_document(s, page);
    case SINK_DIR: return write_file(s, page);
    case SINK_TRUTH: return write_truth(s, page);
    }
    return -1;
}

static void sink_free(struct page_sink *s)
{
    if (s->archive)
        archive_write_free(s->archive);
    record_free(s->record);
    buf_free(&s->line);
    free(s->path);
    free(s);
}

int page_sink_commit(struct page_sink *s)
{
    int rc = 0;
    if (s->kind == SINK_TAR && archive_write_close(s->archive) != ARCHIVE_OK) {
        if (!s->failed)
            warnf("%s: %s", s->path, archive_error_string(s->archive));
        rc = -1;
    }
    if (s->kind != SINK_DIR) {
        if (rc == 0)
            rc = stream_commit(&s->stream);
        else
            stream_abort(&s->stream);
    }
    sink_free(s);
    return rc;
}

void page_sink_abort(struct page_sink *s)
{
    /* Freeing the archive closes it, which still writes to the stream. */
    if (s->archive) {
        archive_write_free(s->archive);
        s->archive = NULL;
    }
    if (s->kind != SINK_DIR)
        stream_abort(&s->stream);
    sink_free(s);
}
