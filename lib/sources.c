/* sources.c — what an input is, and the documents it holds (see sources.h).
 *
 * Every format is read through struct input, so that gzip, stdin and line
 * numbers behave the same everywhere. WARC records are looked at with
 * input_peek before they are consumed: a record is judged whole (header,
 * content, what follows it) while it is still in the input's buffer, which
 * is what lets a record whose Content-Length is wrong be recovered from
 * instead of derailing the rest of the file.
 */
#include "sources.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "buf.h"
#include "diag.h"
#include "html.h"
#include "input.h"
#include "record.h"
#include "rejects.h"
#include "utf8.h"

enum {
    DETECT_SCAN_MAX = 64 * 1024,      /* leading white space looked through */
    TAR_MAGIC_OFFSET = 257,
    WARC_HEADER_MAX = 1024 * 1024,
    WARC_LOOKAHEAD = 64,              /* bytes after a record checked */
    STREAM_SKIP_MIN = 16 * 1024 * 1024, /* larger skipped records are not
                                           held in memory */
    RESYNC_SLACK = 16 * 1024 * 1024,  /* how far past a wrong Content-Length
                                         the next record is looked for */
    HTTP_HEAD_PEEK = 64 * 1024,
    COPY_BLOCK = 64 * 1024
};

/* Where documents go; shared by every reader of one read_documents call. */
struct source {
    struct rejects *rj;
    document_sink sink;
    void *ctx;
    struct source_counts *counts;
};

static int read_format(struct input *in, const char *id_name,
                       enum source_format format, const struct source *src);

int source_format_parse(const char *name)
{
    static const struct {
        const char *name;
        enum source_format format;
    } formats[] = {{"auto", FORMAT_AUTO}, {"text", FORMAT_TEXT},
                   {"ndjson", FORMAT_NDJSON}, {"warc", FORMAT_WARC},
                   {"tar", FORMAT_TAR}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (name && strcmp(name, formats[i].name) == 0)
            return (int)formats[i].format;
    return -1;
}

static int deliver(const struct source *src, const struct document *doc)
{
    src->counts->documents++;
    return src->sink(doc, src->ctx);
}

static bool is_blank_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

/* ASCII only: nothing here may depend on the locale. */
static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool equal_nocase(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    if (n != k)
        return false;
    for (size_t i = 0; i < k; i++)
        if (lower(s[i]) != lower(word[i]))
            return false;
    return true;
}

/* Ids go into JSON strings, so they are made valid UTF-8 here. */
static void set_id(struct buf *id, const char *s, size_t n)
{
    buf_reset(id);
    utf8_repair(s, n, id);
    buf_append(id, "", 0); /* allocated and terminated even when empty */
}

/* ------------------------------------------------------------------------
 * Recognising the format
 * ------------------------------------------------------------------------ */

/* Offset of the first non-white byte, or `got` when there is none within
 * DETECT_SCAN_MAX; *p is left pointing at the peeked bytes. */
static ssize_t peek_past_white_space(struct input *in, const char **p)
{
    size_t want = 512, from = 0;
    for (;;) {
        ssize_t got = input_peek(in, p, want);
        if (got < 0)
            return -1;
        size_t i = from;
        while (i < (size_t)got && is_blank_byte((*p)[i]))
            i++;
        if (i < (size_t)got || (size_t)got < want || want >= DETECT_SCAN_MAX)
            return (ssize_t)i;
        from = i;
        want *= 2;
    }
}

/* Peek until the line starting at `from` is complete (or the input ends).
 * Returns the offset of its '\n' (or of the end), -1 on error. */
static ssize_t peek_line_end(struct input *in, size_t from, const char **p)
{
    size_t want = from + 4096, searched = from;
    for (;;) {
        ssize_t got = input_peek(in, p, want);
        if (got < 0)
            return -1;
        const char *nl = memchr(*p + searched, '\n', (size_t)got - searched);
        if (nl)
            return nl - *p;
        if ((size_t)got < want)
            return got;
        searched = (size_t)got;
        want *= 2;
    }
}

static bool first_line_is_object(struct input *in, size_t start)
{
    const char *p;
    ssize_t end = peek_line_end(in, start, &p);
    if (end < 0)
        return false;
    size_t len = (size_t)end - start;
    if (len > 0 && p[start + len - 1] == '\r')
        len--;
    struct record *probe = record_new();
    struct buf reason = BUF_INIT;
    bool ok = record_parse(probe, p + start, len, &reason) == 0;
    record_free(probe);
    buf_free(&reason);
    return ok;
}

/* FORMAT_TEXT, _NDJSON, _WARC or _TAR for what `in` holds; -1 on error. */
static int detect_format(struct input *in)
{
    const char *p;
    ssize_t got = input_peek(in, &p, TAR_MAGIC_OFFSET + 5);
    if (got < 0)
        return -1;
    if (got >= 5 && memcmp(p, "WARC/", 5) == 0)
        return FORMAT_WARC;
    if (got >= TAR_MAGIC_OFFSET + 5 && memcmp(p + TAR_MAGIC_OFFSET, "ustar", 5) == 0)
        return FORMAT_TAR;
    ssize_t first = peek_past_white_space(in, &p);
    if (first < 0)
        return -1;
    ssize_t have = input_peek(in, &p, (size_t)first + 1);
    if (have < 0)
        return -1;
    if (have > first && p[first] == '{' && first_line_is_object(in, (size_t)first))
        return FORMAT_NDJSON;
    return FORMAT_TEXT;
}

/* ------------------------------------------------------------------------
 * Plain text: the whole input is one document
 * ------------------------------------------------------------------------ */

/* "pages/x.txt.gz" -> "x"; a name that is all extension (".profile") is
 * kept, since removing it would leave nothing. */
static void text_id(const char *name, struct buf *id)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (*base == '\0')
        base = name;
    size_t leading_dots = strspn(base, ".");
    const char *dot = strchr(base + leading_dots, '.');
    size_t len = dot ? (size_t)(dot - base) : strlen(base);
    set_id(id, base, len);
}

static int read_text(struct input *in, const char *id_name,
                     const struct source *src)
{
    struct buf text = BUF_INIT, id = BUF_INIT;
    const char *whole = NULL;
    size_t whole_len = 0;
    /* A tar member is in memory already: read it where it is. */
    int status = input_whole(in, &whole, &whole_len) ? 0 : input_slurp(in, &text);
    if (status == 0) {
        text_id(id_name, &id);
        if (!whole) {
            whole = text.data ? text.data : "";
            whole_len = text.len;
        }
        struct document doc = {id.data, whole, whole_len, NULL, input_name(in), 0};
        status = deliver(src, &doc);
    }
    buf_free(&text);
    buf_free(&id);
    return status;
}

/* ------------------------------------------------------------------------
 * NDJSON documents: one {"id":..., "text":...} per line
 * ------------------------------------------------------------------------ */

struct ndjson_line {
    const struct source *src;
    int status;              /* the sink's non-zero value, or -1 */
    struct record *record;
    struct buf reason;
    struct buf meta;
    struct buf id;
};

static bool is_blank_line(const char *line, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!is_blank_byte(line[i]))
            return false;
    return true;
}

/* "an array", "a number", "null": for "field \"id\" is ..." */
static const char *type_phrase(const char *type)
{
    if (strcmp(type, "array") == 0)
        return "an array";
    if (strcmp(type, "object") == 0)
        return "an object";
    if (strcmp(type, "number") == 0)
        return "a number";
    if (strcmp(type, "boolean") == 0)
        return "a boolean";
    if (strcmp(type, "string") == 0)
        return "a string";
    return "null";
}

/* Why field name is not what a document needs (want): missing, or of
 * another type. Returns false, for the caller to return. */
static bool wrong_field(struct ndjson_line *nl, const char *name, const char *want)
{
    const char *type = record_type(nl->record, name);
    if (!type)
        buf_printf(&nl->reason, "missing field \"%s\"", name);
    else
        buf_printf(&nl->reason, "field \"%s\" is %s, want %s", name, type_phrase(type), want);
    return false;
}

static bool take_id(struct ndjson_line *nl)
{
    const char *s;
    size_t len;
    long long number;
    if (record_get_string(nl->record, "id", &s, &len)) {
        if (memchr(s, '\0', len)) {
            buf_append_str(&nl->reason, "field \"id\" holds a NUL character");
            return false;
        }
        set_id(&nl->id, s, len);
        return true;
    }
    if (record_get_int(nl->record, "id", &number)) {
        buf_reset(&nl->id);
        buf_printf(&nl->id, "%lld", number);
        return true;
    }
    return wrong_field(nl, "id", "a string or an integer");
}

/* Fill doc from one line; false with nl->reason set when the line is bad. */
static bool document_from_line(struct ndjson_line *nl, const char *line,
                               size_t len, struct document *doc)
{
    buf_reset(&nl->reason);
    /* In place: the record is parsed again before the next line is read. */
    if (record_parse_view(nl->record, line, len, &nl->reason) != 0)
        return false;
    if (!take_id(nl))
        return false;
    if (!record_get_string(nl->record, "text", &doc->text, &doc->len))
        return wrong_field(nl, "text", "a string");
    static const char *const document_fields[] = {"id", "text", NULL};
    buf_reset(&nl->meta);
    record_serialize_except(nl->record, document_fields, &nl->meta);
    doc->meta = strcmp(nl->meta.data, "{}") == 0 ? NULL : nl->meta.data;
    doc->id = nl->id.data;
    return true;
}

/* One line of NDJSON documents (input_line_fn): blank, a document, or
 * rejected; false when the run must stop. */
static bool ndjson_document(struct input *in, const char *line, size_t len, void *ctx)
{
    struct ndjson_line *nl = ctx;
    if (is_blank_line(line, len)) {
        nl->src->counts->blank++;
        return true;
    }
    struct document doc = {0};
    if (!document_from_line(nl, line, len, &doc)) {
        if (!rejects_add(nl->src->rj, input_name(in), input_lineno(in), nl->reason.data,
                         line, len))
            nl->status = -1;
    } else {
        doc.origin = input_name(in);
        doc.line = input_lineno(in);
        nl->status = deliver(nl->src, &doc);
    }
    return nl->status == 0;
}

static int read_ndjson(struct input *in, const struct source *src)
{
    struct ndjson_line nl = {src, 0, record_new(), BUF_INIT, BUF_INIT, BUF_INIT};
    bool read_all = input_lines(in, ndjson_document, &nl);
    int status = nl.status != 0 ? nl.status : read_all ? 0 : -1;
    record_free(nl.record);
    buf_free(&nl.reason);
    buf_free(&nl.meta);
    buf_free(&nl.id);
    return status;
}

/* ------------------------------------------------------------------------
 * Header lines, shared by WARC and HTTP: "Name: value" up to a blank line
 * ------------------------------------------------------------------------ */

struct header_field {
    const char *name, *value;
    size_t name_len, value_len; /* name_len 0: a folded continuation line */
};

enum { FIELD_OK = 1, FIELD_END = 0, FIELD_MALFORMED = -1, FIELD_UNENDED = -2 };

/* Read the header line at p[*pos], moving *pos past it. Returns FIELD_OK,
 * FIELD_END at the blank line ending the header, FIELD_MALFORMED for a line
 * without a colon, FIELD_UNENDED when p[0..end) runs out first. */
static int next_header_field(const char *p, size_t end, size_t *pos,
                             struct header_field *f)
{
    const char *line = p + *pos;
    const char *nl = memchr(line, '\n', end - *pos);
    if (!nl)
        return FIELD_UNENDED;
    size_t len = (size_t)(nl - line);
    *pos += len + 1;
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
                       line[len - 1] == '\t'))
        len--;
    if (len == 0)
        return FIELD_END;
    const char *colon = memchr(line, ':', len);
    bool folded = line[0] == ' ' || line[0] == '\t';
    if (!colon && !folded)
        return FIELD_MALFORMED;
    f->name = line;
    f->name_len = folded ? 0 : (size_t)(colon - line);
    f->value = folded ? line : colon + 1;
    while (f->value < line + len && (*f->value == ' ' || *f->value == '\t'))
        f->value++;
    f->value_len = (size_t)(line + len - f->value);
    return FIELD_OK;
}

static bool field_is(const struct header_field *f, const char *name)
{
    return equal_nocase(f->name, f->name_len, name);
}

/* A value's position inside the bytes it came from, which may move. */
struct span {
    size_t off, len;
};

static struct span span_of(const char *base, const char *s, size_t len)
{
    struct span sp = {(size_t)(s - base), len};
    return sp;
}

/* "<urn:uuid:...>" -> "urn:uuid:..." */
static void strip_angle_brackets(const char **s, size_t *len)
{
    if (*len >= 2 && (*s)[0] == '<' && (*s)[*len - 1] == '>') {
        (*s)++;
        *len -= 2;
    }
}

/* ------------------------------------------------------------------------
 * HTTP responses inside WARC records
 * ------------------------------------------------------------------------ */

struct http_head {
    int status;
    size_t body_start;
    struct span content_type, transfer_encoding, content_encoding;
};

/* False unless c[0..n) starts with a status line and a complete header. */
static bool parse_http_head(const char *c, size_t n, struct http_head *h)
{
    memset(h, 0, sizeof *h);
    if (n < 12 || memcmp(c, "HTTP/", 5) != 0)
        return false;
    const char *status_end = memchr(c, '\n', n);
    if (!status_end)
        return false;
    const char *space = memchr(c, ' ', (size_t)(status_end - c));
    if (!space || status_end - space < 4)
        return false;
    for (int i = 1; i <= 3; i++) {
        if (space[i] < '0' || space[i] > '9')
            return false;
        h->status = h->status * 10 + (space[i] - '0');
    }
    size_t pos = (size_t)(status_end - c) + 1;
    struct header_field f;
    int rc;
    while ((rc = next_header_field(c, n, &pos, &f)) != FIELD_END) {
        if (rc == FIELD_UNENDED)
            return false;
        if (rc != FIELD_OK || f.name_len == 0)
            continue; /* servers send odd lines; they do not matter here */
        if (field_is(&f, "Content-Type"))
            h->content_type = span_of(c, f.value, f.value_len);
        else if (field_is(&f, "Transfer-Encoding"))
            h->transfer_encoding = span_of(c, f.value, f.value_len);
        else if (field_is(&f, "Content-Encoding"))
            h->content_encoding = span_of(c, f.value, f.value_len);
    }
    h->body_start = pos;
    return true;
}

enum body_kind { BODY_OTHER, BODY_HTML, BODY_PLAIN };

/* From the media type before any ";" parameters. */
static enum body_kind body_kind_of(const char *c, const struct http_head *h,
                                   const char *body, size_t body_len)
{
    const char *type = c + h->content_type.off;
    size_t len = h->content_type.len;
    const char *semicolon = memchr(type, ';', len);
    if (semicolon)
        len = (size_t)(semicolon - type);
    while (len > 0 && (type[len - 1] == ' ' || type[len - 1] == '\t'))
        len--;
    if (len == 0)
        return html_looks_like(body, body_len) ? BODY_HTML : BODY_OTHER;
    if (equal_nocase(type, len, "text/html") ||
        equal_nocase(type, len, "application/xhtml+xml"))
        return BODY_HTML;
    if (equal_nocase(type, len, "text/plain"))
        return BODY_PLAIN;
    return BODY_OTHER;
}

static bool contains_nocase(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    for (size_t i = 0; i + k <= n; i++)
        if (equal_nocase(s + i, k, word))
            return true;
    return false;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Undo "Transfer-Encoding: chunked" (wget stores bodies as they came).
 * A body cut short keeps what arrived; false when it is not chunked at
 * all. */
static bool dechunk(const char *s, size_t n, struct buf *out)
{
    size_t i = 0;
    while (i < n) {
        size_t size = 0, digits = 0;
        for (; i < n && hex_value(s[i]) >= 0; i++, digits++) {
            if (size > (SIZE_MAX >> 4))
                return false;
            size = size * 16 + (size_t)hex_value(s[i]);
        }
        const char *nl = memchr(s + i, '\n', n - i);
        if (digits == 0 || !nl)
            return false;
        i = (size_t)(nl - s) + 1; /* past chunk extensions and CRLF */
        if (size == 0)
            break; /* trailers, if any, are not body */
        if (size > n - i)
            size = n - i;
        buf_append(out, s + i, size);
        i += size;
        if (i < n && s[i] == '\r')
            i++;
        if (i < n && s[i] == '\n')
            i++;
    }
    return true;
}

struct warc_reader {
    struct input *in;
    const struct source *src;
    const char *name;
    long line;            /* line number of the next unconsumed byte */
    long record_line;     /* where the record being read starts */
    bool warned_resync;
    char *scratch;        /* COPY_BLOCK bytes, for consuming */
    struct buf id, text, body, inflated;
    struct record *meta;
    struct buf meta_json;
};

/* Undo a gzip Content-Encoding; other encodings cannot be read. */
static bool decode_content(struct warc_reader *w, const char *c,
                           const struct http_head *h, const char **body,
                           size_t *len)
{
    const char *enc = c + h->content_encoding.off;
    size_t enc_len = h->content_encoding.len;
    if (enc_len == 0 || equal_nocase(enc, enc_len, "identity"))
        return true;
    if (!equal_nocase(enc, enc_len, "gzip") && !equal_nocase(enc, enc_len, "x-gzip"))
        return false;
    struct buf name = BUF_INIT;
    buf_printf(&name, "%s:%ld: gzip-encoded body", w->name, w->record_line);
    struct input *gz = input_open_memory(name.data, *body, *len);
    buf_reset(&w->inflated);
    bool ok = input_is_gzip(gz) && input_slurp(gz, &w->inflated) == 0;
    if (input_close(gz) != 0)
        ok = false;
    buf_free(&name);
    *body = w->inflated.data ? w->inflated.data : "";
    *len = w->inflated.len;
    return ok;
}

/* The text of a response record's HTTP body: HTML reduced, plain text as
 * it is. False for anything else (images, redirects, errors, ...). */
static bool response_text(struct warc_reader *w, const char *c, size_t n,
                          const char **text, size_t *text_len)
{
    struct http_head h;
    if (!parse_http_head(c, n, &h) || h.status < 200 || h.status > 299)
        return false;
    const char *body = c + h.body_start;
    size_t len = n - h.body_start;
    if (contains_nocase(c + h.transfer_encoding.off, h.transfer_encoding.len,
                        "chunked")) {
        buf_reset(&w->body);
        if (dechunk(body, len, &w->body)) {
            body = w->body.data ? w->body.data : "";
            len = w->body.len;
        }
    }
    if (!decode_content(w, c, &h, &body, &len))
        return false;
    switch (body_kind_of(c, &h, body, len)) {
    case BODY_HTML:
        buf_reset(&w->text);
        html_to_text(body, len, &w->text);
        *text = w->text.data ? w->text.data : "";
        *text_len = w->text.len;
        return true;
    case BODY_PLAIN:
        *text = body;
        *text_len = len;
        return true;
    case BODY_OTHER:
        break;
    }
    return false;
}

/* ------------------------------------------------------------------------
 * WARC and WET
 * ------------------------------------------------------------------------ */

struct warc_header {
    size_t length;            /* up to and including the blank line */
    unsigned long long content_length;
    bool has_content_length;
    struct span type, record_id, target_uri, date;
};

/* Where a record's content lies in the bytes at the front of the input. */
struct warc_extent {
    size_t content_off, content_len;
    size_t record_len;        /* bytes to consume, record end included */
};

static size_t count_newlines(const char *s, size_t n)
{
    size_t count = 0;
    const char *end = s + n;
    while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL) {
        count++;
        s++;
    }
    return count;
}

/* Read and drop n bytes. Returns 0, 1 when the input ended first, -1 on a
 * read error (reported). */
static int consume(struct warc_reader *w, unsigned long long n)
{
    while (n > 0) {
        size_t chunk = n < COPY_BLOCK ? (size_t)n : COPY_BLOCK;
        ssize_t got = input_read(w->in, w->scratch, chunk);
        if (got < 0)
            return -1;
        if (got == 0)
            return 1;
        w->line += (long)count_newlines(w->scratch, (size_t)got);
        n -= (unsigned long long)got;
    }
    return 0;
}

static int warc_error(const struct warc_reader *w, long line, const char *what)
{
    warn_at(w->name, line, "%s", what);
    return -1;
}

/* Past the CR and LF bytes between records. Returns 1 when a record
 * follows, 0 at the end of input, -1 on error. */
static int skip_record_gap(struct warc_reader *w)
{
    for (;;) {
        const char *p;
        ssize_t got = input_peek(w->in, &p, WARC_LOOKAHEAD);
        if (got <= 0)
            return got < 0 ? -1 : 0;
        size_t k = 0;
        while (k < (size_t)got && (p[k] == '\r' || p[k] == '\n'))
            k++;
        if (k == 0)
            return 1;
        if (consume(w, k) < 0)
            return -1;
    }
}

/* Peek until the header's blank line is in view; its end in *length.
 * Returns 0, or -1 (reported). */
static int peek_header_end(struct warc_reader *w, long line, size_t *length)
{
    size_t want = 4096, from = 0;
    for (;;) {
        const char *p;
        ssize_t got = input_peek(w->in, &p, want);
        if (got < 0)
            return -1;
        size_t n = (size_t)got;
        for (size_t i = from; i + 1 < n; i++) {
            if (p[i] != '\n')
                continue;
            if (p[i + 1] == '\n' || (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n')) {
                *length = i + (p[i + 1] == '\n' ? 2 : 3);
                return 0;
            }
        }
        if (n < want)
            return warc_error(w, line, "truncated WARC record");
        if (want >= WARC_HEADER_MAX)
            return warc_error(w, line, "bad WARC header: no end within 1 MiB");
        from = n - 2;
        want *= 2;
    }
}

static bool is_version_line(const char *p, size_t len)
{
    size_t i = 5, digits = 0;
    if (len < 8 || memcmp(p, "WARC/", 5) != 0)
        return false;
    for (; i < len && p[i] >= '0' && p[i] <= '9'; i++)
        digits++;
    if (digits == 0 || i >= len || p[i++] != '.')
        return false;
    for (digits = 0; i < len && p[i] >= '0' && p[i] <= '9'; i++)
        digits++;
    while (i < len && p[i] == '\r')
        i++;
    return digits > 0 && i == len;
}

static bool parse_content_length(const char *s, size_t len, unsigned long long *v)
{
    *v = 0;
    if (len == 0 || len > 18)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (unsigned long long)(s[i] - '0');
    }
    return true;
}

/* Remember the header fields a document needs. False on a bad value. */
static bool note_warc_field(const char *p, const struct header_field *f,
                            struct warc_header *h)
{
    struct span value = span_of(p, f->value, f->value_len);
    if (field_is(f, "WARC-Type"))
        h->type = value;
    else if (field_is(f, "WARC-Record-ID"))
        h->record_id = value;
    else if (field_is(f, "WARC-Target-URI"))
        h->target_uri = value;
    else if (field_is(f, "WARC-Date"))
        h->date = value;
    else if (field_is(f, "Content-Length")) {
        h->has_content_length = true;
        return parse_content_length(f->value, f->value_len, &h->content_length);
    }
    return true;
}

static int read_warc_header(struct warc_reader *w, long line,
                            struct warc_header *h)
{
    memset(h, 0, sizeof *h);
    const char *p;
    ssize_t got = input_peek(w->in, &p, 5);
    if (got < 0)
        return -1;
    if (got < 5 || memcmp(p, "WARC/", 5) != 0)
        return warc_error(w, line, "bad WARC header: no WARC/1.x version line");
    if (peek_header_end(w, line, &h->length) < 0)
        return -1;
    if (input_peek(w->in, &p, h->length) < 0)
        return -1;
    const char *version_end = memchr(p, '\n', h->length);
    if (!is_version_line(p, (size_t)(version_end - p)))
        return warc_error(w, line, "bad WARC header: no WARC/1.x version line");
    size_t pos = (size_t)(version_end - p) + 1;
    struct header_field f;
    int rc;
    while ((rc = next_header_field(p, h->length, &pos, &f)) == FIELD_OK) {
        if (f.name_len > 0 && !note_warc_field(p, &f, h))
            return warc_error(w, line, "bad WARC header: bad Content-Length");
    }
    if (rc == FIELD_MALFORMED)
        return warc_error(w, line, "bad WARC header: a line that is not \"Name: value\"");
    if (!h->has_content_length)
        return warc_error(w, line, "bad WARC header: no Content-Length");
    return 0;
}

/* After a record's content come CR/LF bytes, then the next record or the
 * end of input. */
static bool record_ends_at(const char *p, size_t got, size_t at, bool more)
{
    size_t i = at;
    while (i < got && (p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i == got)
        return true;
    if (got - i < 5)
        return more;
    return memcmp(p + i, "WARC/", 5) == 0;
}

static size_t trim_newlines(const char *s, size_t from, size_t to)
{
    while (to > from && (s[to - 1] == '\n' || s[to - 1] == '\r'))
        to--;
    return to;
}

/* The Content-Length was wrong (WET files from some tools count
 * characters, not bytes): the record runs to the next line that starts
 * with "WARC/", or to the end of input. */
static int resync(struct warc_reader *w, const struct warc_header *h,
                  long line, struct warc_extent *x)
{
    size_t declared_end = h->length + (size_t)h->content_length;
    size_t want = declared_end + WARC_LOOKAHEAD, searched = h->length - 1;
    for (;;) {
        const char *p;
        ssize_t peeked = input_peek(w->in, &p, want);
        if (peeked < 0)
            return -1;
        size_t got = (size_t)peeked;
        for (size_t i = searched; i + 6 <= got; i++) {
            if (p[i] == '\n' && memcmp(p + i + 1, "WARC/", 5) == 0) {
                x->record_len = i + 1;
                break;
            }
        }
        if (x->record_len == 0 && got < want && got >= declared_end)
            x->record_len = got; /* the last record, declared too short */
        if (x->record_len > 0) {
            x->content_off = h->length;
            x->content_len = trim_newlines(p, h->length, x->record_len) - h->length;
            break;
        }
        if (got < want)
            return warc_error(w, line, "truncated WARC record");
        if (want > declared_end + RESYNC_SLACK)
            return warc_error(w, line, "bad WARC record: Content-Length does not match its content");
        searched = got - 5;
        want *= 2;
    }
    if (!w->warned_resync)
        warn_at(w->name, line, "WARC Content-Length does not match the record; "
                "read up to the next record instead");
    w->warned_resync = true;
    return 0;
}

/* Bring the whole record into view and find where its content ends. */
static int locate_record(struct warc_reader *w, const struct warc_header *h,
                         long line, struct warc_extent *x)
{
    memset(x, 0, sizeof *x);
    if (h->content_length > (unsigned long long)(SIZE_MAX / 2 - h->length))
        return warc_error(w, line, "bad WARC header: Content-Length too large");
    size_t end = h->length + (size_t)h->content_length;
    size_t want = end + WARC_LOOKAHEAD;
    const char *p;
    ssize_t got = input_peek(w->in, &p, want);
    if (got < 0)
        return -1;
    if ((size_t)got >= end && record_ends_at(p, (size_t)got, end, (size_t)got == want)) {
        x->content_off = h->length;
        x->content_len = (size_t)h->content_length;
        x->record_len = end;
        return 0;
    }
    return resync(w, h, line, x);
}

static bool type_is(const char *p, const struct warc_header *h, const char *type)
{
    return equal_nocase(p + h->type.off, h->type.len, type);
}

/* meta: {"url": WARC-Target-URI, "date": WARC-Date}, absent ones left out. */
static const char *warc_meta(struct warc_reader *w, const char *p,
                             const struct warc_header *h)
{
    struct buf value = BUF_INIT;
    record_clear(w->meta);
    if (h->target_uri.len > 0) {
        const char *uri = p + h->target_uri.off;
        size_t len = h->target_uri.len;
        strip_angle_brackets(&uri, &len);
        utf8_repair(uri, len, &value);
        record_set_string(w->meta, "url", value.data ? value.data : "", value.len);
    }
    if (h->date.len > 0) {
        buf_reset(&value);
        utf8_repair(p + h->date.off, h->date.len, &value);
        record_set_string(w->meta, "date", value.data ? value.data : "", value.len);
    }
    buf_free(&value);
    if (record_size(w->meta) == 0)
        return NULL;
    buf_reset(&w->meta_json);
    record_serialize(w->meta, &w->meta_json);
    return w->meta_json.data;
}

/* Hand over a conversion or response record in view at the front of the
 * input; records without text are skipped. */
static int deliver_record(struct warc_reader *w, const struct warc_header *h,
                          const struct warc_extent *x, long line)
{
    const char *p;
    if (input_peek(w->in, &p, x->record_len) < 0)
        return -1;
    const char *text = p + x->content_off;
    size_t len = x->content_len;
    if (type_is(p, h, "response") && !response_text(w, text, len, &text, &len))
        len = 0;
    if (len == 0) {
        w->src->counts->skipped++;
        return 0;
    }
    if (h->record_id.len == 0)
        return warc_error(w, line, "bad WARC header: no WARC-Record-ID");
    const char *id = p + h->record_id.off;
    size_t id_len = h->record_id.len;
    strip_angle_brackets(&id, &id_len);
    set_id(&w->id, id, id_len);
    struct document doc = {w->id.data, text, len, warc_meta(w, p, h), w->name, line};
    return deliver(w->src, &doc);
}

/* A record too large to hold whose text is not wanted: consumed as it
 * streams by. Its Content-Length must be right. */
static int skip_large_record(struct warc_reader *w, const struct warc_header *h,
                             long line)
{
    w->src->counts->skipped++;
    int rc = consume(w, h->length + h->content_length);
    return rc > 0 ? warc_error(w, line, "truncated WARC record") : rc;
}

/* A large response is held in memory only when its body is text. */
static bool is_large_binary_response(struct warc_reader *w, const struct warc_header *h)
{
    const char *p;
    ssize_t got = input_peek(w->in, &p, h->length + HTTP_HEAD_PEEK);
    struct http_head head;
    if (got < 0 || !parse_http_head(p + h->length, (size_t)got - h->length, &head))
        return false; /* let the full read judge */
    const char *c = p + h->length;
    const char *type = c + head.content_type.off;
    return head.content_type.len > 0 && !contains_nocase(type, head.content_type.len, "text") &&
           !contains_nocase(type, head.content_type.len, "html");
}

static int read_record(struct warc_reader *w)
{
    long line = w->line;
    w->record_line = line;
    struct warc_header h;
    if (read_warc_header(w, line, &h) < 0)
        return -1;
    const char *p;
    if (input_peek(w->in, &p, h.length) < 0)
        return -1;
    bool wanted = type_is(p, &h, "conversion") || type_is(p, &h, "response");
    if (h.content_length >= STREAM_SKIP_MIN &&
        (!wanted || (type_is(p, &h, "response") && is_large_binary_response(w, &h))))
        return skip_large_record(w, &h, line);
    struct warc_extent x;
    if (locate_record(w, &h, line, &x) < 0)
        return -1;
    int status = 0;
    if (wanted)
        status = deliver_record(w, &h, &x, line);
    else
        w->src->counts->skipped++;
    if (status != 0)
        return status;
    return consume(w, x.record_len) < 0 ? -1 : 0;
}

static int read_warc(struct input *in, const struct source *src)
{
    struct warc_reader w = {0};
    w.in = in;
    w.src = src;
    w.name = input_name(in);
    w.line = 1;
    w.scratch = xmalloc(COPY_BLOCK);
    w.meta = record_new();
    int status;
    while ((status = skip_record_gap(&w)) > 0) {
        status = read_record(&w);
        if (status != 0)
            break;
    }
    free(w.scratch);
    record_free(w.meta);
    buf_free(&w.id);
    buf_free(&w.text);
    buf_free(&w.body);
    buf_free(&w.inflated);
    buf_free(&w.meta_json);
    return status;
}

/* ------------------------------------------------------------------------
 * tar archives (libarchive), each regular member recognised in turn
 * ------------------------------------------------------------------------ */

struct tar_feed {
    struct input *in;
    bool failed; /* the input reported its own error */
};

static la_ssize_t feed_archive(struct archive *a, void *data, const void **out)
{
    struct tar_feed *feed = data;
    /* The block stays valid until the next call, as libarchive needs. */
    const char *block = "";
    ssize_t got = input_read_view(feed->in, &block, COPY_BLOCK);
    if (got < 0) {
        feed->failed = true;
        archive_set_error(a, EIO, "read error");
        return -1;
    }
    *out = block;
    return (la_ssize_t)got;
}

/* A member in memory is an input of its own; tar in tar is not read. */
static int read_member(const struct source *src, const char *archive_name,
                       const char *member, const char *data, size_t len)
{
    struct buf origin = BUF_INIT;
    buf_printf(&origin, "%s:%s", archive_name, member);
    struct input *in = input_open_memory(origin.data, data, len);
    int status = detect_format(in);
    if (status == FORMAT_TAR) {
        warn_at(origin.data, 0, "tar archive inside a tar archive skipped");
        src->counts->skipped++;
        status = 0;
    } else if (status >= 0) {
        status = read_format(in, member, (enum source_format)status, src);
    }
    if (input_close(in) != 0 && status == 0)
        status = -1;
    buf_free(&origin);
    return status;
}

/* The member's bytes, straight from libarchive's blocks (no copy through
 * a buffer of our own); holes of a sparse member read as zero bytes, as
 * archive_read_data gives them. */
static bool read_member_data(struct archive *a, struct buf *data)
{
    const void *block;
    size_t size;
    la_int64_t offset;
    int rc;
    buf_reset(data);
    while ((rc = archive_read_data_block(a, &block, &size, &offset)) == ARCHIVE_OK) {
        if (offset < 0)
            return false;
        while (data->len < (size_t)offset)
            buf_append_char(data, '\0');
        buf_append(data, block, size);
    }
    return rc == ARCHIVE_EOF;
}

/* Report what libarchive found wrong, unless the input reported first. */
static int archive_failure(struct archive *a, const struct tar_feed *feed,
                           const char *name)
{
    if (!feed->failed) {
        const char *why = archive_error_string(a);
        warn_at(name, 0, "%s", why ? why : "broken tar archive");
    }
    return -1;
}

static int read_archive_members(struct archive *a, const struct tar_feed *feed,
                                const char *name, const struct source *src)
{
    struct buf data = BUF_INIT;
    struct archive_entry *entry;
    int status = 0, rc;
    while (status == 0 && (rc = archive_read_next_header(a, &entry)) != ARCHIVE_EOF) {
        if (rc == ARCHIVE_WARN) {
            const char *why = archive_error_string(a);
            warn_at(name, 0, "%s", why ? why : "tar archive warning");
        } else if (rc != ARCHIVE_OK) {
            status = archive_failure(a, feed, name);
            break;
        }
        if (archive_entry_filetype(entry) != AE_IFREG) {
            src->counts->skipped++;
            continue;
        }
        if (!read_member_data(a, &data)) {
            status = archive_failure(a, feed, name);
            break;
        }
        const char *member = archive_entry_pathname(entry);
        status = read_member(src, name, member ? member : "(unnamed)",
                             data.data ? data.data : "", data.len);
    }
    buf_free(&data);
    return status;
}

static int read_tar(struct input *in, const struct source *src)
{
    struct tar_feed feed = {in, false};
    struct archive *a = archive_read_new();
    if (!a)
        die(EXIT_BAD_INPUT, "out of memory (opening an archive)");
    archive_read_support_format_tar(a);
    archive_read_support_filter_all(a);
    int status;
    if (archive_read_open(a, &feed, NULL, feed_archive, NULL) != ARCHIVE_OK)
        status = archive_failure(a, &feed, input_name(in));
    else
        status = read_archive_members(a, &feed, input_name(in), src);
    archive_read_free(a);
    return status;
}

/* ------------------------------------------------------------------------ */

static int read_format(struct input *in, const char *id_name,
                       enum source_format format, const struct source *src)
{
    switch (format) {
    case FORMAT_TEXT: return read_text(in, id_name, src);
    case FORMAT_NDJSON: return read_ndjson(in, src);
    case FORMAT_WARC: return read_warc(in, src);
    case FORMAT_TAR: return read_tar(in, src);
    case FORMAT_AUTO: break;
    }
    int detected = detect_format(in);
    return detected < 0 ? -1 : read_format(in, id_name, (enum source_format)detected, src);
}

int read_documents(struct input *in, enum source_format format,
                   struct rejects *rj, document_sink sink, void *ctx,
                   struct source_counts *counts)
{
    struct source src = {rj, sink, ctx, counts};
    return read_format(in, input_name(in), format, &src);
}
