/* Unit tests of lib/figtable: the rows of --figures (member order, the
 * post's date and title remembered, source and headline, the figure's
 * members), the sentence of a figure with code-point spans over multibyte
 * text, figures out of order, outside every sentence or past the text,
 * duplicates, the report and the checks. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "figtable.h"
#include "parsed-record.h"
#include "record.h"

/* Rows of the last record added, parsed; and their JSON text in order. */
struct rows {
    json_t *list;
    struct buf text;
};

static void collect(const char *json, size_t len, void *ctx)
{
    struct rows *rows = ctx;
    json_t *row = json_loadb(json, len, 0, NULL);
    if (!row)
        printf("# a row is not JSON: %.*s\n", (int)len, json);
    json_array_append_new(rows->list, row ? row : json_null());
    buf_append(&rows->text, json, len);
    buf_append_char(&rows->text, '\n');
}

/* Add one record; the rows it gave replace those of the last one. */
static size_t add(struct figtable *t, struct rows *rows, const char *line)
{
    json_array_clear(rows->list);
    buf_reset(&rows->text);
    struct record *r = parsed(line);
    struct buf reason = BUF_INIT;
    size_t n = 0;
    if (figtable_check(r, &reason) != 0)
        printf("# rejected: %s\n", reason.data);
    else
        n = figtable_add(t, r, collect, rows);
    buf_free(&reason);
    record_free(r);
    return n;
}

static const char *str(const json_t *rows, size_t i, const char *key)
{
    const json_t *v = json_object_get(json_array_get(rows, i), key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool is_null(const json_t *rows, size_t i, const char *key)
{
    return json_is_null(json_object_get(json_array_get(rows, i), key));
}

static void test_member_order(struct figtable *t, struct rows *rows)
{
    add(t, rows,
        "{\"id\":\"d/p1\",\"doc\":\"d\",\"kind\":\"post\",\"date\":\"2017-12-14\","
        "\"title\":\"A \\\"Title\\\"\",\"text\":\"Costs rose by 40%. Nothing else.\","
        "\"figures\":[{\"text\":\"40%\",\"span\":[13,16],\"kind\":\"percent\",\"value\":40}]}");
    struct buf keys = BUF_INIT;
    const char *key;
    const json_t *v;
    json_object_foreach(json_array_get(rows->list, 0), key, v) {
        if (keys.len)
            buf_append_char(&keys, ',');
        buf_append_str(&keys, key);
    }
    CHECK_STR(keys.data, FIGTABLE_COLUMNS, "a row has every column, in order");
    buf_free(&keys);
    CHECK_STR(rows->text.data,
              "{\"id\":\"d/p1\",\"doc\":\"d\",\"kind\":\"post\",\"post\":\"d/p1\","
              "\"date\":\"2017-12-14\",\"title\":\"A \\\"Title\\\"\",\"source\":null,"
              "\"headline\":null,\"figure_text\":\"40%\",\"figure_kind\":\"percent\","
              "\"value\":40,\"low\":null,\"high\":null,\"of\":null,\"unit\":null,"
              "\"approx\":null,\"span\":[13,16],\"sentence\":\"Costs rose by 40%.\"}\n",
              "a post's row, byte for byte");
}

static void test_post_memory(struct figtable *t, struct rows *rows)
{
    /* "Café’s" and "—" are multibyte: code points and bytes differ. */
    size_t n = add(t, rows,
        "{\"id\":\"d/p1/c1\",\"doc\":\"d\",\"kind\":\"comment\",\"post\":\"d/p1\","
        "\"text\":\"Café’s view — no. Up to 50-90 cases a week! And £277m.\","
        "\"figures\":[{\"text\":\"£277m\",\"span\":[48,53],\"kind\":\"money\",\"value\":277000000,\"unit\":\"GBP\"},"
        "{\"text\":\"Up to 50-90 cases\",\"span\":[18,35],\"kind\":\"count\",\"low\":50,\"high\":90,"
        "\"unit\":\"cases\",\"approx\":\"up_to\"}]}");
    CHECK(n == 2, "two figures, two rows");
    CHECK_STR(str(rows->list, 0, "date"), "2017-12-14", "a comment gets its post's date");
    CHECK_STR(str(rows->list, 0, "title"), "A \"Title\"", "and its title");
    CHECK_STR(str(rows->list, 0, "post"), "d/p1", "post is the comment's post");
    CHECK_STR(str(rows->list, 0, "sentence"), "And £277m.", "sentence after multibyte text");
    CHECK_STR(str(rows->list, 1, "sentence"), "Up to 50-90 cases a week!",
              "an earlier figure after a later one (cursor goes back)");
    CHECK_STR(str(rows->list, 1, "approx"), "up_to", "approx copied");
    CHECK(json_integer_value(json_object_get(json_array_get(rows->list, 1), "high")) == 90 &&
              is_null(rows->list, 1, "value"),
          "a range: low and high, value null");
    CHECK_STR(str(rows->list, 0, "unit"), "GBP", "unit copied");
}

static void test_quote(struct figtable *t, struct rows *rows)
{
    add(t, rows,
        "{\"id\":\"d/p1/q1\",\"doc\":\"d\",\"kind\":\"quote\",\"post\":\"d/p1\","
        "\"source\":\"the Guardian\",\"headline\":\"Cuts\",\"text\":\"Eleven of the 21 companies\\nfailed.\","
        "\"figures\":[{\"text\":\"Eleven of the 21 companies\",\"span\":[0,26],\"kind\":\"count\","
        "\"value\":11,\"of\":21,\"unit\":\"companies\"}]}");
    CHECK_STR(str(rows->list, 0, "source"), "the Guardian", "a quote's source");
    CHECK_STR(str(rows->list, 0, "headline"), "Cuts", "a quote's headline");
    CHECK_STR(str(rows->list, 0, "sentence"), "Eleven of the 21 companies\nfailed.",
              "a sentence over a line break keeps its bytes");
    CHECK(json_integer_value(json_object_get(json_array_get(rows->list, 0), "of")) == 21, "of copied");
}

static void test_edges(struct figtable *t, struct rows *rows)
{
    add(t, rows,
        "{\"id\":\"e/p1\",\"doc\":\"e\",\"kind\":\"post\",\"text\":\"One. Two 40% three.\\n\\n***\","
        "\"figures\":[{\"text\":\"One. Two\",\"span\":[0,8],\"kind\":\"count\",\"value\":1},"
        "{\"text\":\"***\",\"span\":[21,24],\"kind\":\"count\",\"value\":3},"
        "{\"text\":\"past\",\"span\":[21,99],\"kind\":\"count\",\"value\":3},"
        "{\"text\":\"no span\",\"kind\":\"count\",\"value\":3}]}");
    CHECK_STR(str(rows->list, 0, "sentence"), "One. Two 40% three.",
              "a figure over two sentences gets both");
    CHECK_STR(str(rows->list, 1, "sentence"), "***", "outside every sentence: its own text");
    CHECK(is_null(rows->list, 2, "sentence"), "a span past the text: sentence null");
    CHECK(is_null(rows->list, 3, "sentence") && is_null(rows->list, 3, "span"),
          "no span: span and sentence null");
    CHECK(is_null(rows->list, 0, "date") && is_null(rows->list, 0, "title"),
          "a post without date or title: null");
    size_t n = add(t, rows,
        "{\"id\":\"e/p1/c1\",\"doc\":\"e\",\"kind\":\"comment\",\"post\":\"e/p1\","
        "\"figures\":[{\"text\":\"40%\",\"span\":[0,3],\"kind\":\"percent\",\"value\":40}]}");
    CHECK(n == 1 && is_null(rows->list, 0, "sentence"), "no text: sentence null");
    add(t, rows,
        "{\"id\":\"x\",\"doc\":\"x\",\"kind\":\"document\",\"text\":\"40%\","
        "\"figures\":[{\"text\":\"40%\",\"span\":[0,3],\"kind\":\"percent\",\"value\":40}]}");
    CHECK(is_null(rows->list, 0, "post") && is_null(rows->list, 0, "date"),
          "a document: no post");
    CHECK(add(t, rows, "{\"id\":\"y\",\"doc\":\"y\",\"kind\":\"post\"}") == 0 &&
              add(t, rows, "{\"id\":\"z\",\"doc\":\"z\",\"kind\":\"post\",\"figures\":[]}") == 0,
          "no figures, no rows");
}

static void test_unknown_posts_and_duplicates(struct figtable *t, struct rows *rows)
{
    const char *fig = "\"figures\":[{\"text\":\"40%\",\"kind\":\"percent\",\"value\":40},"
                      "{\"text\":\"half\",\"kind\":\"fraction\",\"value\":0.5}]}";
    char line[512];
    snprintf(line, sizeof line,
             "{\"id\":\"u/p7/c1\",\"doc\":\"u\",\"kind\":\"comment\",\"post\":\"u/p7\",%s", fig);
    CHECK(add(t, rows, line) == 2 && is_null(rows->list, 0, "date") &&
              is_null(rows->list, 1, "title"),
          "a comment whose post never arrived: date and title null");
    snprintf(line, sizeof line,
             "{\"id\":\"v/p1\",\"doc\":\"v\",\"kind\":\"post\",\"date\":\"2014-01-02\","
             "\"title\":\"Dup\",\"dup_of\":\"a/p1\",%s", fig);
    CHECK(add(t, rows, line) == 0, "a duplicate gives no rows");
    snprintf(line, sizeof line,
             "{\"id\":\"v/p1/c1\",\"doc\":\"v\",\"kind\":\"comment\",\"post\":\"v/p1\",%s", fig);
    add(t, rows, line);
    CHECK_STR(str(rows->list, 0, "date"), "2014-01-02",
              "a duplicate post still lends its date to its comments");
    add(t, rows, "{\"id\":\"d/p1\",\"doc\":\"d\",\"kind\":\"post\",\"date\":\"2020-05-06\"}");
    snprintf(line, sizeof line,
             "{\"id\":\"d/p1/c9\",\"doc\":\"d\",\"kind\":\"comment\",\"post\":\"d/p1\",%s", fig);
    add(t, rows, line);
    CHECK(strcmp(str(rows->list, 0, "date"), "2020-05-06") == 0 && is_null(rows->list, 0, "title"),
          "a post seen again replaces what was remembered");
    struct figtable_report rep;
    figtable_report(t, &rep);
    CHECK(rep.unknown_post_records == 1 && rep.unknown_post_rows == 2,
          "the report counts records and rows without their post");
    CHECK_STR(rep.first_unknown_post, "u/p7", "and names the first missing post");
    CHECK(rep.duplicates_skipped == 1, "duplicates skipped: 1");
    CHECK(rep.posts_remembered == 5, "posts remembered: d/p1 e/p1 y z v/p1 (%llu)",
          rep.posts_remembered);
    CHECK(rep.rows == 16 && rep.records_with_figures == 9, "rows %llu, records with figures %llu",
          rep.rows, rep.records_with_figures);
}

static void check_rejected(const char *line, const char *name)
{
    struct record *r = parsed(line);
    struct buf reason = BUF_INIT;
    CHECK(figtable_check(r, &reason) != 0 && reason.len > 0, "rejected: %s (%s)", name,
          reason.data ? reason.data : "");
    buf_free(&reason);
    record_free(r);
}

static void test_checks(void)
{
#define REC "{\"id\":\"a\",\"doc\":\"a\",\"kind\":\"comment\","
    check_rejected(REC "\"post\":3}", "post not a string");
    check_rejected(REC "\"dup_of\":true}", "dup_of not a string");
    check_rejected(REC "\"text\":[]}", "text not a string");
    check_rejected(REC "\"figures\":{}}", "figures not an array");
    check_rejected(REC "\"figures\":[1]}", "a figure not an object");
    check_rejected(REC "\"figures\":[{\"kind\":\"count\"}]}", "a figure without text");
    check_rejected(REC "\"figures\":[{\"text\":\"x\"}]}", "a figure without kind");
    check_rejected(REC "\"figures\":[{\"text\":\"x\",\"kind\":\"count\",\"value\":\"3\"}]}",
                   "a value not a number");
    check_rejected(REC "\"figures\":[{\"text\":\"x\",\"kind\":\"count\",\"unit\":3}]}",
                   "a unit not a string");
    check_rejected(REC "\"figures\":[{\"text\":\"x\",\"kind\":\"count\",\"span\":[3,1]}]}",
                   "a span backwards");
    check_rejected(REC "\"figures\":[{\"text\":\"x\",\"kind\":\"count\",\"span\":[-1,1]}]}",
                   "a negative span");
    check_rejected(REC "\"figures\":[{\"text\":\"x\",\"kind\":\"count\",\"span\":[1.5,2]}]}",
                   "a span not integers");
    struct record *r = parsed(REC "\"figures\":[]}");
    struct buf reason = BUF_INIT;
    CHECK(figtable_check(r, &reason) == 0, "an empty figures array is fine");
    buf_free(&reason);
    record_free(r);
#undef REC
}

int main(void)
{
    struct figtable *t = figtable_new();
    struct rows rows = {json_array(), BUF_INIT};
    test_member_order(t, &rows);
    test_post_memory(t, &rows);
    test_quote(t, &rows);
    test_edges(t, &rows);
    test_unknown_posts_and_duplicates(t, &rows);
    test_checks();
    json_decref(rows.list);
    buf_free(&rows.text);
    figtable_free(t);
    figtable_free(NULL);
    return CHECK_DONE();
}
