/* Unit tests of lib/nest: posts gathered with their quotes and comment
 * trees, wherever their records arrive; orphans, missing parents, cycles
 * and duplicate posts written, never dropped; the checks of nest_check. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "emit.h"
#include "nest.h"
#include "output.h"
#include "record.h"

/* Nest the NDJSON lines of `input` and return the output (static). */
static const char *nested(const char *input, struct nest_report *rep)
{
    static struct buf text = BUF_INIT;
    char path[] = "/tmp/test-nest-XXXXXX";
    close(mkstemp(path));
    struct output *o = output_file(path);
    struct emitter em;
    emitter_init(&em, o, false, false);
    struct nest *n = nest_new();
    struct record *r = record_new();
    struct buf reason = BUF_INIT;
    for (const char *line = input; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (record_parse(r, line, len, &reason) == 0 && nest_check(r, &reason) == 0)
            nest_add(n, r, line, len);
        else
            printf("# rejected: %s\n", reason.data);
        line += len + (end ? 1 : 0);
    }
    *rep = (struct nest_report){0};
    nest_write(n, &em, rep);
    emitter_free(&em);
    output_close(o);
    nest_free(n);
    record_free(r);
    buf_free(&reason);
    buf_reset(&text);
    FILE *f = fopen(path, "r");
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&text, chunk, got);
    fclose(f);
    unlink(path);
    return text.data ? text.data : "";
}

#define POST(id, span) "{\"id\":\"" id "\",\"kind\":\"post\",\"span\":[" #span ",0]}\n"
#define QUOTE(id, post, span) \
    "{\"id\":\"" id "\",\"kind\":\"quote\",\"post\":\"" post "\",\"span\":[" #span ",0]}\n"
#define COMMENT(id, post, parent, span)                                                  \
    "{\"id\":\"" id "\",\"kind\":\"comment\",\"post\":\"" post "\",\"parent\":\"" parent \
    "\",\"span\":[" #span ",0]}\n"

static void test_tree(void)
{
    struct nest_report rep;
    const char *got = nested(POST("p", 0) QUOTE("p/q1", "p", 10) COMMENT("p/c1", "p", "p", 20)
                                 COMMENT("p/c1.1", "p", "p/c1", 30) COMMENT("p/c2", "p", "p", 40),
                             &rep);
    CHECK_STR(got,
              "{\"id\":\"p\",\"kind\":\"post\",\"span\":[0,0],\"quotes\":["
              "{\"id\":\"p/q1\",\"kind\":\"quote\",\"post\":\"p\",\"span\":[10,0]}],\"comments\":["
              "{\"id\":\"p/c1\",\"kind\":\"comment\",\"post\":\"p\",\"parent\":\"p\",\"span\":[20,0],\"replies\":["
              "{\"id\":\"p/c1.1\",\"kind\":\"comment\",\"post\":\"p\",\"parent\":\"p/c1\",\"span\":[30,0],\"replies\":[]}]},"
              "{\"id\":\"p/c2\",\"kind\":\"comment\",\"post\":\"p\",\"parent\":\"p\",\"span\":[40,0],\"replies\":[]}]}\n",
              "a post with its quote, comments and a reply");
    CHECK(rep.objects == 1 && rep.posts == 1 && rep.orphan_groups == 0 && rep.missing_parents == 0,
          "report of a clean tree");
    got = nested(POST("p", 0), &rep);
    CHECK_STR(got, "{\"id\":\"p\",\"kind\":\"post\",\"span\":[0,0],\"quotes\":[],\"comments\":[]}\n",
              "a post alone has empty quotes and comments");
}

/* Only the ids, in output order, to check placement compactly. */
static const char *ids_of(const char *json)
{
    static struct buf ids = BUF_INIT;
    buf_reset(&ids);
    for (const char *p = json; (p = strstr(p, "{\"id\":\"")) != NULL;) {
        p += 7;
        const char *end = strchr(p, '"');
        buf_append(&ids, p, (size_t)(end - p));
        buf_append_char(&ids, ' ');
    }
    for (const char *p = json; (p = strchr(p, '\n')) != NULL; p++)
        buf_append_str(&ids, "| ");
    return ids.data ? ids.data : "";
}

static void test_gathering(void)
{
    struct nest_report rep;
    /* p's records arrive apart and out of document order; d is a document
     * between them; r's comment arrives before r. */
    const char *got = nested(COMMENT("p/c2", "p", "p", 40) POST("p", 0)
                                 "{\"id\":\"d\",\"kind\":\"document\"}\n"
                                 COMMENT("r/c1", "r", "r", 5) POST("r", 0)
                                 COMMENT("p/c1", "p", "p", 20) QUOTE("p/q1", "p", 10),
                             &rep);
    CHECK_STR(ids_of(got), "p p/q1 p/c1 p/c2 d r r/c1 | | | ",
              "records of a post gathered wherever they arrive, children in document order, "
              "each object where its first record arrived");
    CHECK(rep.objects == 3 && rep.posts == 2, "three objects, two posts");

    got = nested("{\"id\":\"p/c2\",\"kind\":\"comment\",\"post\":\"p\",\"parent\":\"p\"}\n"
                 POST("p", 0) COMMENT("p/c1", "p", "p", 20),
                 &rep);
    CHECK_STR(ids_of(got), "p p/c1 p/c2 | ", "records without a span come after those with one");
}

static void test_nothing_dropped(void)
{
    struct nest_report rep;
    const char *got = nested(COMMENT("x/c1", "x", "x", 20) QUOTE("x/q1", "x", 10)
                                 "{\"id\":\"x/c2\",\"doc\":\"dx\",\"kind\":\"comment\",\"post\":\"x\"}\n",
                             &rep);
    CHECK(strncmp(got, "{\"id\":\"x\",\"kind\":\"post\",\"missing\":true,\"quotes\":[{\"id\":\"x/q1\"",
                  60) == 0,
          "an orphan group: the post's id, missing, its records: %.80s", got);
    CHECK_STR(ids_of(got), "x x/q1 x/c1 x/c2 | ", "orphan group keeps every record");
    CHECK(rep.orphan_groups == 1 && rep.orphan_records == 3 && rep.first_orphan &&
              strcmp(rep.first_orphan, "x") == 0,
          "orphans counted and named");
    nest_report_free(&rep);

    got = nested("{\"id\":\"y/c1\",\"doc\":\"dy\",\"kind\":\"comment\",\"post\":\"y\"}\n", &rep);
    CHECK(strncmp(got, "{\"id\":\"y\",\"doc\":\"dy\",\"kind\":\"post\",\"missing\":true,", 48) == 0,
          "an orphan group carries the doc of its first record: %.60s", got);
    nest_report_free(&rep);

    got = nested(POST("p", 0) COMMENT("p/c3.1", "p", "p/c3", 30) COMMENT("p/c7", "p", "p/c8", 70)
                     COMMENT("p/c8", "p", "p/c7", 80) COMMENT("p/c9", "p", "p/c9", 90),
                 &rep);
    CHECK_STR(ids_of(got), "p p/c3.1 p/c7 p/c8 p/c9 | ", "every comment written once");
    CHECK(strstr(got, "\"id\":\"p/c7\",\"kind\":\"comment\",\"post\":\"p\",\"parent\":\"p/c8\",\"span\":[70,0],"
                      "\"replies\":[{\"id\":\"p/c8\"") != NULL,
          "a loop of parents is cut where it closes");
    CHECK(rep.missing_parents == 3 && strcmp(rep.first_missing_parent, "p/c3.1") == 0,
          "missing parent, loop and self-parent counted (%llu)", rep.missing_parents);
    nest_report_free(&rep);

    got = nested(POST("p", 0) COMMENT("p/c1", "p", "p", 10) POST("p", 50), &rep);
    CHECK_STR(ids_of(got), "p p/c1 p | | ", "a second post with the same id is written on its own");
    CHECK(rep.duplicate_posts == 1 && rep.objects == 2, "duplicate post counted");
}

static void test_deep_thread(void)
{
    struct buf input = BUF_INIT;
    buf_append_str(&input, POST("p", 0));
    enum { DEPTH = 20000 };
    for (int i = 1; i <= DEPTH; i++) {
        buf_printf(&input, "{\"id\":\"p/c%d\",\"kind\":\"comment\",\"post\":\"p\",\"parent\":\"", i);
        if (i == 1)
            buf_append_str(&input, "p");
        else
            buf_printf(&input, "p/c%d", i - 1);
        buf_printf(&input, "\",\"span\":[%d,0]}\n", i);
    }
    struct nest_report rep;
    const char *got = nested(input.data, &rep);
    size_t replies = 0;
    for (const char *p = got; (p = strstr(p, "\"replies\":[")) != NULL; p++)
        replies++;
    CHECK(replies == DEPTH && rep.objects == 1, "a thread %d replies deep is written whole", DEPTH);
    buf_free(&input);
}

static void check_rejected(const char *line, const char *want, const char *name)
{
    struct record *r = record_new();
    struct buf reason = BUF_INIT;
    record_parse(r, line, strlen(line), &reason);
    int rc = nest_check(r, &reason);
    CHECK(rc == -1 && reason.data && strstr(reason.data, want), "nest_check: %s (%s)", name,
          reason.data ? reason.data : "");
    record_free(r);
    buf_free(&reason);
}

static void test_checks(void)
{
    check_rejected("{\"id\":\"c\",\"kind\":\"comment\"}", "\"post\" is missing", "comment without post");
    check_rejected("{\"id\":\"q\",\"kind\":\"quote\",\"post\":7}", "\"post\" is not a string", "post not a string");
    check_rejected("{\"id\":\"c\",\"kind\":\"comment\",\"post\":\"p\",\"parent\":[]}", "\"parent\"", "parent not a string");
    check_rejected("{\"id\":\"p\",\"kind\":\"post\",\"span\":\"0-9\"}", "\"span\"", "span not an array");
    check_rejected("{\"id\":\"p\",\"kind\":\"post\",\"span\":[\"0\"]}", "\"span\"", "span not integers");
    check_rejected("{\"id\":\"p\",\"kind\":\"post\",\"comments\":3}", "reserved", "a post with comments");
    check_rejected("{\"id\":\"p\",\"kind\":\"post\",\"quotes\":[]}", "reserved", "a post with quotes");
    check_rejected("{\"id\":\"c\",\"kind\":\"comment\",\"post\":\"p\",\"replies\":[]}", "reserved", "a comment with replies");
    struct record *r = record_new();
    struct buf reason = BUF_INIT;
    const char *ok = "{\"id\":\"d\",\"kind\":\"document\",\"comments\":1,\"span\":[1,2]}";
    record_parse(r, ok, strlen(ok), &reason);
    CHECK(nest_check(r, &reason) == 0, "other kinds may have any member");
    record_free(r);
    buf_free(&reason);
}

int main(void)
{
    test_tree();
    test_gathering();
    test_nothing_dropped();
    test_deep_thread();
    test_checks();
    return CHECK_DONE();
}
