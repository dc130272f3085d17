/* Unit tests of lib/summary and lib/ledger: every member of the report on a
 * small hand-counted stream, the checks of summary_check, and the
 * accounting read from counts files and checked. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "ledger.h"
#include "parsed-record.h"
#include "record.h"
#include "rejects.h"
#include "summary.h"

static const char *const stream[] = {
    "{\"id\":\"a/p1\",\"doc\":\"a\",\"kind\":\"post\",\"date\":\"2017-12-14\","
    "\"stats\":{\"words\":10,\"upper\":0.1,\"ngram\":{\"2\":0.5}},"
    "\"figures\":[{\"text\":\"40%\",\"kind\":\"percent\",\"value\":40},"
    "{\"text\":\"£277m\",\"kind\":\"money\",\"value\":277000000,\"unit\":\"GBP\"}]}",
    "{\"id\":\"a/p1/c1\",\"doc\":\"a\",\"kind\":\"comment\",\"post\":\"a/p1\","
    "\"stats\":{\"words\":20,\"upper\":0.12345678},"
    "\"figures\":[{\"text\":\"277 million pounds\",\"kind\":\"money\",\"value\":277000000,\"unit\":\"GBP\",\"approx\":\"about\"}]}",
    "{\"id\":\"a/p1/c2\",\"doc\":\"a\",\"kind\":\"comment\",\"post\":\"a/p1\",\"stats\":{\"words\":30}}",
    "{\"id\":\"a/p2\",\"doc\":\"a\",\"kind\":\"post\",\"date\":\"2016-12-15\",\"stats\":{\"words\":40}}",
    "{\"id\":\"b/p1\",\"doc\":\"b\",\"kind\":\"post\",\"date\":\"Thursday\"}",
    "{\"id\":\"x/c1\",\"doc\":\"x\",\"kind\":\"comment\",\"post\":\"x/p9\"}",
    "{\"id\":\"d\",\"doc\":\"d\",\"kind\":\"document\",\"figures\":[]}",
    "{\"id\":\"e\",\"doc\":\"e\",\"kind\":\"table\"}",
    "{\"id\":\"c/p1\",\"doc\":\"c\",\"kind\":\"post\",\"dup_of\":\"a/p1\",\"dup\":{\"type\":\"near\",\"similarity\":0.9},"
    "\"stats\":{\"words\":1000}}",
    "{\"id\":\"c/p1/c1\",\"doc\":\"c\",\"kind\":\"comment\",\"dup_of\":\"a/p1/c1\",\"dup\":{\"type\":\"exact\"}}",
    NULL};

static json_t *report_of(const char *const *lines, const struct ledger *ledger, unsigned top)
{
    struct summary *s = summary_new(top);
    struct buf reason = BUF_INIT, out = BUF_INIT;
    for (; *lines; lines++) {
        struct record *r = parsed(*lines);
        if (summary_check(r, &reason) == 0)
            summary_add(s, r);
        else
            printf("# rejected: %s\n", reason.data);
        record_free(r);
    }
    summary_write(s, ledger, &out);
    json_t *report = json_loadb(out.data, out.len, 0, NULL);
    summary_free(s);
    buf_free(&reason);
    buf_free(&out);
    return report;
}

/* The compact JSON of the value at a path like "posts.by_month". */
static const char *at(const json_t *root, const char *path)
{
    static char *text;
    free(text);
    char *copy = xstrdup(path);
    const json_t *v = root;
    for (char *seg = strtok(copy, "."); seg && v; seg = strtok(NULL, "."))
        v = json_is_array(v) ? json_array_get(v, (size_t)atoi(seg)) : json_object_get(v, seg);
    free(copy);
    text = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15)) : xstrdup("(absent)");
    return text;
}

static void test_report(void)
{
    json_t *rep = report_of(stream, NULL, 10);
    CHECK(rep != NULL, "the report is valid JSON");
    const char *keys = "records kept by_kind documents posts comments_per_post duplicates stats figures accounting ";
    struct buf order = BUF_INIT;
    const char *key;
    json_t *value;
    json_object_foreach(rep, key, value) {
        buf_printf(&order, "%s ", key);
    }
    CHECK_STR(order.data, keys, "members in their fixed order");
    buf_free(&order);
    CHECK_STR(at(rep, "records"), "10", "records read");
    CHECK_STR(at(rep, "kept"), "8", "kept: duplicates removed");
    CHECK_STR(at(rep, "by_kind"), "{\"post\":3,\"quote\":0,\"comment\":3,\"paragraph\":0,\"document\":1,\"table\":1}",
              "by kind: fixed kinds first, then others");
    CHECK_STR(at(rep, "documents"), "5", "distinct documents among kept records");
    CHECK_STR(at(rep, "posts"), "{\"count\":3,\"dated\":2,\"undated\":1,\"by_month\":{\"2016-12\":1,\"2017-12\":1}}",
              "posts by month, in month order");
    CHECK_STR(at(rep, "comments_per_post"),
              "{\"posts\":3,\"comments\":3,\"without_post\":1,\"min\":0,\"q1\":0,\"median\":0,\"q3\":2,\"p90\":2,\"max\":2,\"mean\":0.6667}",
              "comments per post: a/p1 2, a/p2 0, b/p1 0; x/c1 has no post");
    CHECK_STR(at(rep, "duplicates"),
              "{\"removed\":2,\"by_type\":{\"exact\":1,\"near\":1},\"by_kind\":{\"post\":1,\"quote\":0,\"comment\":1,\"paragraph\":0,\"document\":0}}",
              "duplicates by type and kind");
    CHECK_STR(at(rep, "stats.words"),
              "{\"count\":4,\"min\":10,\"q1\":10,\"median\":20,\"q3\":30,\"p90\":40,\"max\":40,\"mean\":25}",
              "words distribution (duplicates left out)");
    CHECK_STR(at(rep, "stats.upper"),
              "{\"count\":2,\"min\":0.1,\"q1\":0.1,\"median\":0.1,\"q3\":0.1235,\"p90\":0.1235,\"max\":0.1235,\"mean\":0.1117}",
              "fractions rounded to 4 places");
    CHECK_STR(at(rep, "stats.ngram.2"), "(absent)", "nested stats are not nested in the report");
    CHECK(json_object_get(json_object_get(rep, "stats"), "ngram.2") != NULL, "nested stats named a.b");
    CHECK_STR(at(rep, "figures.count"), "3", "figures counted");
    CHECK_STR(at(rep, "figures.records"), "2", "records with figures");
    CHECK_STR(at(rep, "figures.by_kind"),
              "{\"percent\":1,\"money\":2,\"count\":0,\"fraction\":0,\"ratio\":0,\"multiplier\":0,\"duration\":0}",
              "figures by kind");
    CHECK_STR(at(rep, "figures.by_kind_unit"),
              "[{\"kind\":\"money\",\"unit\":\"GBP\",\"count\":2},{\"kind\":\"percent\",\"unit\":null,\"count\":1}]",
              "figures by kind and unit, most first");
    CHECK_STR(at(rep, "figures.most_cited.0"),
              "{\"kind\":\"money\",\"unit\":\"GBP\",\"value\":277000000,\"count\":2,\"text\":\"£277m\"}",
              "the most cited figure: one identity whatever its qualifier, first text");
    CHECK_STR(at(rep, "accounting"), "null", "no ledger, null accounting");
    json_decref(rep);

    rep = report_of(stream, NULL, 1);
    CHECK(json_array_size(json_object_get(json_object_get(rep, "figures"), "most_cited")) == 1,
          "--top limits the lists");
    json_decref(rep);
    const char *const none[] = {NULL};
    rep = report_of(none, NULL, 10);
    CHECK_STR(at(rep, "comments_per_post.median"), "null", "an empty stream: null quantiles");
    CHECK_STR(at(rep, "records"), "0", "an empty stream: zero records");
    json_decref(rep);
}

static void check_rejected(const char *line, const char *want)
{
    struct record *r = parsed(line);
    struct buf reason = BUF_INIT;
    int rc = summary_check(r, &reason);
    CHECK(rc == -1 && reason.data && strstr(reason.data, want), "summary_check rejects %s (%s)", line,
          reason.data ? reason.data : "");
    record_free(r);
    buf_free(&reason);
}

static void test_checks(void)
{
    check_rejected("{\"date\":20171214}", "\"date\" is not a string");
    check_rejected("{\"stats\":[1]}", "\"stats\" is not an object");
    check_rejected("{\"figures\":{}}", "\"figures\" is not an array");
    check_rejected("{\"figures\":[1]}", "not an object");
    check_rejected("{\"figures\":[{\"value\":1}]}", "\"kind\"");
    check_rejected("{\"figures\":[{\"kind\":\"count\",\"unit\":5}]}", "\"unit\"");
    check_rejected("{\"dup_of\":1}", "\"dup_of\"");
    check_rejected("{\"dup\":\"near\"}", "\"dup\"");
    check_rejected("{\"post\":null}", "\"post\"");
}

static char dir[] = "/tmp/test-ledger-XXXXXX";

static const char *file_in(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (text) {
        FILE *f = fopen(path, "w");
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static void test_ledger(void)
{
    struct ledger *l = ledger_new();
    CHECK(ledger_read(l, file_in("1-split.json",
                                 "{\"program\":\"winnow-split\",\"in\":3,\"out\":40,\"rejected\":0,\"blank\":0}\n"),
                      0) == 0,
          "reads a counts file");
    CHECK(ledger_read(l, file_in("2-dedupe.json",
                                 "\r\n{\"program\":\"winnow-dedupe\",\"in\":40,\"out\":30,\"rejected\":2,\"dropped\":8}\r\n"),
                      0) == 0,
          "reads a counts file with CRLF and a blank line");
    struct accounting self = {30, 29, 1, 0};
    ledger_add(l, "winnow-emit-json", &self, 0);
    json_t *rep = ledger_report(l);
    CHECK_STR(at(rep, "balanced"), "true", "in = out + rejected + dropped everywhere");
    CHECK_STR(at(rep, "chained"), "true", "each in is the out before it");
    CHECK_STR(at(rep, "programs.0.balanced"), "null", "split changes units: not checked");
    CHECK_STR(at(rep, "programs.1.balanced"), "true", "dedupe balanced");
    CHECK_STR(at(rep, "documents_in"), "3", "documents in");
    CHECK_STR(at(rep, "records_split"), "40", "records split");
    CHECK_STR(at(rep, "rejected"), "3", "rejects summed");
    CHECK_STR(at(rep, "dropped"), "8", "dropped summed");
    CHECK_STR(at(rep, "records_out"), "29", "records out");
    json_decref(rep);
    struct accounting wrong = {28, 20, 0, 0};
    ledger_add(l, "winnow-other", &wrong, 0);
    rep = ledger_report(l);
    CHECK_STR(at(rep, "balanced"), "false", "an unbalanced program is seen");
    CHECK_STR(at(rep, "chained"), "false", "a broken chain is seen");
    json_decref(rep);
    ledger_free(l);

    l = ledger_new();
    mkdir(file_in("counts", NULL), 0777);
    file_in("counts/b.json", "{\"program\":\"second\",\"in\":5,\"out\":5}\n");
    file_in("counts/a.json", "{\"program\":\"first\",\"in\":5,\"out\":5}\n");
    file_in("counts/.a.json.tmp", "not json");
    CHECK(ledger_read(l, file_in("counts", NULL), 0) == 0, "reads a folder, hidden files skipped");
    rep = ledger_report(l);
    CHECK_STR(at(rep, "programs.0.program"), "\"first\"", "a folder is read in name order");
    CHECK_STR(at(rep, "documents_in"), "null", "no split first: documents unknown");
    json_decref(rep);
    ledger_free(l);

    l = ledger_new();
    CHECK(ledger_read(l, file_in("bad.json", "{\"program\":\"p\",\"in\":\"3\",\"out\":1}\n"), 0) == -1,
          "a counts line with a mistyped count is an error");
    CHECK(ledger_read(l, file_in("bad2.json", "{\"in\":3,\"out\":1}\n"), 0) == -1,
          "a counts line without program is an error");
    CHECK(ledger_read(l, file_in("bad3.json", "{\"program\":\"p\",\"in\":3,\"out\":1,\"dropped\":-1}\n"), 0) == -1,
          "a negative count is an error");
    CHECK(ledger_read(l, file_in("never.json", NULL), 0.05) == -1, "a file that never comes is an error");
    ledger_free(l);
    int rc = system("rm -rf /tmp/test-ledger-*");
    (void)rc;
}

int main(void)
{
    test_report();
    test_checks();
    if (mkdtemp(dir))
        test_ledger();
    else
        SKIP("ledger: no temporary folder");
    return CHECK_DONE();
}
