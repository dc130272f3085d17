/* Unit tests of lib/project: parsing field lists, JSON and CSV projection,
 * and record_serialize_ordered / record_get_jansson of lib/record. */
#include <jansson.h>
#include <stdlib.h>

#include "buf.h"
#include "check.h"
#include "parsed-record.h"
#include "project.h"
#include "record.h"

static const char *const line =
    "{\"kind\":\"post\",\"id\":\"d/p1\",\"text\":\"a, \\\"b\\\"\\nc\",\"n\":null,"
    "\"stats\":{\"words\":12,\"upper\":0.25,\"deep\":{\"x\":[1,2]}},"
    "\"span\":[5,9],\"a.b\":\"dotted\",\"flag\":true,"
    "\"figures\":[{\"kind\":\"percent\",\"value\":40}]}";

static void check_list_error(const char *list, const char *name)
{
    struct buf error = BUF_INIT;
    struct projection *p = projection_parse(list, &error);
    CHECK(p == NULL && error.len > 0, "bad field list: %s (%s)", name, error.data ? error.data : "");
    projection_free(p);
    buf_free(&error);
}

static void test_parse(void)
{
    struct buf error = BUF_INIT;
    struct projection *p = projection_parse(" id , stats.words,a\\.b,x\\,y", &error);
    CHECK(p && projection_size(p) == 4, "four fields");
    CHECK_STR(projection_name(p, 0), "id", "spaces around a field ignored");
    CHECK_STR(projection_name(p, 2), "a\\.b", "a field keeps its name as written");
    CHECK_STR(projection_name(p, 3), "x\\,y", "an escaped comma stays in the field");
    projection_free(p);
    buf_free(&error);
    check_list_error("", "empty list");
    check_list_error("id,,kind", "empty field");
    check_list_error("stats..words", "empty segment");
    check_list_error("id.", "trailing dot");
    check_list_error("id,kind,id", "a field given twice");
}

static void check_json(const char *list, const char *want)
{
    struct buf error = BUF_INIT, out = BUF_INIT;
    struct projection *p = projection_parse(list, &error);
    struct record *r = parsed(line);
    projection_json(p, r, &out);
    CHECK_STR(out.data, want, "json projection of %s", list);
    projection_free(p);
    record_free(r);
    buf_free(&error);
    buf_free(&out);
}

static void check_csv(const char *list, const char *want)
{
    struct buf error = BUF_INIT, out = BUF_INIT;
    struct projection *p = projection_parse(list, &error);
    struct record *r = parsed(line);
    projection_csv_row(p, r, &out);
    CHECK_STR(out.data ? out.data : "", want, "csv projection of %s", list);
    projection_free(p);
    record_free(r);
    buf_free(&error);
    buf_free(&out);
}

static void test_projection(void)
{
    check_json("id,kind", "{\"id\":\"d/p1\",\"kind\":\"post\"}");
    check_json("kind,id", "{\"kind\":\"post\",\"id\":\"d/p1\"}");
    check_json("stats.words,stats.upper,span.1", "{\"stats.words\":12,\"stats.upper\":0.25,\"span.1\":9}");
    check_json("stats.deep.x.0,figures.0.kind", "{\"stats.deep.x.0\":1,\"figures.0.kind\":\"percent\"}");
    check_json("nope,stats.nope,span.2,span.01,id.x", "{\"nope\":null,\"stats.nope\":null,\"span.2\":null,\"span.01\":null,\"id.x\":null}");
    check_json("stats.deep", "{\"stats.deep\":{\"x\":[1,2]}}");
    check_json("a\\.b", "{\"a\\\\.b\":\"dotted\"}");
    check_csv("id,kind", "d/p1,post");
    check_csv("text", "\"a, \"\"b\"\"\nc\"");
    check_csv("n,nope,flag,span", ",,true,\"[5,9]\"");
    check_csv("stats.words,figures.0", "12,\"{\"\"kind\"\":\"\"percent\"\",\"\"value\"\":40}\"");
    struct buf error = BUF_INIT, header = BUF_INIT;
    struct projection *p = projection_parse("id,a b,x\\,y", &error);
    projection_csv_header(p, &header);
    CHECK_STR(header.data, "id,a b,\"x\\,y\"", "csv header, quoted where needed");
    projection_free(p);
    buf_free(&error);
    buf_free(&header);
}

static void test_record_additions(void)
{
    static const char *const first[] = {"id", "doc", "kind", NULL};
    struct record *r = parsed(line);
    struct buf out = BUF_INIT;
    record_serialize_ordered(r, first, &out);
    CHECK(strncmp(out.data, "{\"id\":\"d/p1\",\"kind\":\"post\",\"text\":", 34) == 0,
          "serialize_ordered puts id and kind first (doc absent): %.40s", out.data);
    buf_reset(&out);
    struct record *ordered = parsed("{\"id\":\"x\",\"doc\":\"d\",\"kind\":\"k\",\"z\":1,\"a\":2}");
    record_serialize_ordered(ordered, first, &out);
    CHECK_STR(out.data, "{\"id\":\"x\",\"doc\":\"d\",\"kind\":\"k\",\"z\":1,\"a\":2}",
              "an ordered record is written as it is");
    buf_reset(&out);
    struct record *reversed = parsed("{\"z\":1,\"kind\":\"k\",\"doc\":\"d\",\"id\":\"x\",\"a\":[]}");
    record_serialize_ordered(reversed, first, &out);
    CHECK_STR(out.data, "{\"id\":\"x\",\"doc\":\"d\",\"kind\":\"k\",\"z\":1,\"a\":[]}",
              "leading members moved first, the rest in their order");
    json_t *stats = record_get_jansson(r, "stats");
    CHECK(json_is_object(stats) && json_integer_value(json_object_get(stats, "words")) == 12,
          "record_get_jansson hands the value");
    json_decref(stats);
    CHECK(record_get_jansson(r, "absent") == NULL, "record_get_jansson: NULL when absent");
    record_free(r);
    record_free(ordered);
    record_free(reversed);
    buf_free(&out);
}

int main(void)
{
    test_parse();
    test_projection();
    test_record_additions();
    return CHECK_DONE();
}
