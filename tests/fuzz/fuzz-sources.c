/* libFuzzer target: lib/sources.h read_documents over bytes in memory, in
 * every format: auto-detected (plain text, NDJSON documents, WARC/WET with
 * HTTP responses and HTML bodies, tar through libarchive; any of them
 * gzipped), and forced to NDJSON (bad lines to a rejects file that
 * discards them), to WARC and to tar. Once more with a sink that stops at
 * the first document, so that every reader's early way out is taken.
 *
 * Every document handed over must have a NUL-terminated id that is valid
 * UTF-8, text whose every byte can be read, an origin, and meta that is
 * NULL or a JSON object; the count of documents equals the sink's calls
 * and a sink's stop value comes back from read_documents. ASan and UBSan
 * watch the rest, LeakSanitizer the cleanup after an error.
 */
#include <jansson.h>
#include <string.h>

#include "fuzz-util.h"
#include "input.h"
#include "rejects.h"
#include "sources.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_sources_name = "sources";

enum { FZ_SOURCES_STOP = 7 };

struct fz_sources_sink {
    unsigned long long calls;
    bool stop;            /* return FZ_SOURCES_STOP from the first call */
};

static void fz_sources_check_meta(const char *meta)
{
    json_error_t error;
    json_t *value = json_loads(meta, JSON_ALLOW_NUL, &error);
    if (!value || !json_is_object(value))
        fuzz_fail(fz_sources_name, "meta is not a JSON object: %.200s", meta);
    json_decref(value);
}

static int fz_sources_take(const struct document *doc, void *ctx)
{
    struct fz_sources_sink *sink = ctx;
    sink->calls++;
    if (!doc->id || !utf8_is_valid(doc->id, strlen(doc->id)))
        fuzz_fail(fz_sources_name, "document id missing or not UTF-8");
    if (!doc->origin)
        fuzz_fail(fz_sources_name, "document without origin");
    if (doc->len > 0 && !doc->text)
        fuzz_fail(fz_sources_name, "document text NULL with length %zu", doc->len);
    fuzz_touch(doc->text, doc->len);
    if (doc->meta)
        fz_sources_check_meta(doc->meta);
    return sink->stop ? FZ_SOURCES_STOP : 0;
}

static void fz_sources_read(const uint8_t *data, size_t size, enum source_format format,
                            const char *rejects_path, bool stop)
{
    struct input *in = input_open_memory("fuzz.warc", data, size);
    struct rejects *rj = rejects_open(rejects_path);
    struct fz_sources_sink sink = {0, stop};
    struct source_counts counts = {0, 0, 0};
    int rc = read_documents(in, format, rj, fz_sources_take, &sink, &counts);
    if (counts.documents != sink.calls)
        fuzz_fail(fz_sources_name, "%llu documents counted, %llu handed over",
                  counts.documents, sink.calls);
    if (stop && sink.calls > 0 && rc != FZ_SOURCES_STOP)
        fuzz_fail(fz_sources_name, "the sink stopped with %d, read_documents returned %d",
                  FZ_SOURCES_STOP, rc);
    if (rc != 0 && rc != -1 && rc != FZ_SOURCES_STOP)
        fuzz_fail(fz_sources_name, "read_documents returned %d", rc);
    rejects_close(rj);
    input_close(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_sources_read(data, size, FORMAT_AUTO, NULL, false);
    fz_sources_read(data, size, FORMAT_AUTO, NULL, true);
    fz_sources_read(data, size, FORMAT_NDJSON, "/dev/null", false);
    fz_sources_read(data, size, FORMAT_WARC, NULL, false);
    fz_sources_read(data, size, FORMAT_TAR, NULL, false);
    return 0;
}
