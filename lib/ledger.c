/* ledger.c — counts of every program, read and checked (see ledger.h). */
#include "ledger.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "input.h"
#include "rejects.h"

/* Programs whose "in" and "out" count different things. */
static const char *const unit_changing_programs[] = {"winnow-split", NULL};

struct ledger {
    json_t *programs; /* array of counts objects; owned */
};

struct ledger *ledger_new(void)
{
    struct ledger *l = xmalloc(sizeof *l);
    l->programs = json_array();
    if (!l->programs)
        die(EXIT_BAD_INPUT, "out of memory (accounting)");
    return l;
}

void ledger_free(struct ledger *l)
{
    if (!l)
        return;
    json_decref(l->programs);
    free(l);
}

static bool is_count(const json_t *v)
{
    return json_is_integer(v) && json_integer_value(v) >= 0;
}

/* NULL when the object is a valid counts object, else what is wrong. */
static const char *counts_problem(const json_t *o)
{
    static const char *const optional[] = {"rejected", "blank", "dropped", NULL};
    if (!json_is_object(o))
        return "not a JSON object";
    if (!json_is_string(json_object_get(o, "program")))
        return "member \"program\" is missing or not a string";
    if (!is_count(json_object_get(o, "in")))
        return "member \"in\" is missing or not a count";
    if (!is_count(json_object_get(o, "out")))
        return "member \"out\" is missing or not a count";
    for (const char *const *name = optional; *name; name++) {
        const json_t *v = json_object_get(o, *name);
        if (v && !is_count(v))
            return "a member \"rejected\", \"blank\" or \"dropped\" is not a count";
    }
    return NULL;
}

/* One line of a counts file (input_line_fn): blank lines are skipped;
 * false at a line that is not a counts object (reported). */
static bool read_line(struct input *in, const char *line, size_t len, void *ctx)
{
    struct ledger *l = ctx;
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i == len)
        return true;
    json_error_t error;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &error);
    const char *problem = o ? counts_problem(o) : error.text;
    if (problem) {
        warn_at(input_name(in), input_lineno(in), "not a counts object: %s", problem);
        json_decref(o);
        return false;
    }
    json_array_append_new(l->programs, o);
    return true;
}

static int read_file(struct ledger *l, const char *path)
{
    return input_each_line(path, read_line, l) ? 0 : -1;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int read_directory(struct ledger *l, const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        warn_at(path, 0, "%s", strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, room = 0;
    const struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* also the temporary files of atomic writers */
        if (n == room) {
            room = room ? room * 2 : 16;
            names = xrealloc(names, room * sizeof *names);
        }
        struct buf full = BUF_INIT;
        buf_printf(&full, "%s/%s", path, e->d_name);
        names[n++] = buf_detach(&full, NULL);
    }
    closedir(dir);
    if (n > 1)
        qsort(names, n, sizeof *names, compare_names);
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (status == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode))
            status = read_file(l, names[i]);
        free(names[i]);
    }
    free(names);
    return status;
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* stat path, waiting up to wait_seconds for it to appear. */
static int wait_for(const char *path, double wait_seconds, struct stat *st)
{
    double deadline = seconds_now() + wait_seconds;
    const struct timespec pause = {0, 20 * 1000 * 1000};
    while (stat(path, st) != 0) {
        if (errno != ENOENT || seconds_now() >= deadline) {
            warn_at(path, 0, "%s", strerror(errno));
            return -1;
        }
        nanosleep(&pause, NULL);
    }
    return 0;
}

int ledger_read(struct ledger *l, const char *path, double wait_seconds)
{
    struct stat st;
    if (wait_for(path, wait_seconds, &st) != 0)
        return -1;
    return S_ISDIR(st.st_mode) ? read_directory(l, path) : read_file(l, path);
}

static json_t *must(json_t *v)
{
    if (!v)
        die(EXIT_BAD_INPUT, "out of memory (accounting)");
    return v;
}

void ledger_add(struct ledger *l, const char *program,
                const struct accounting *a, unsigned long long dropped)
{
    json_t *o = must(json_object());
    json_object_set_new(o, "program", must(json_string(program)));
    json_object_set_new(o, "in", must(json_integer((json_int_t)a->in)));
    json_object_set_new(o, "out", must(json_integer((json_int_t)a->out)));
    json_object_set_new(o, "rejected", must(json_integer((json_int_t)a->rejected)));
    json_object_set_new(o, "blank", must(json_integer((json_int_t)a->blank)));
    json_object_set_new(o, "dropped", must(json_integer((json_int_t)dropped)));
    json_array_append_new(l->programs, o);
}

static long long member(const json_t *o, const char *name)
{
    return json_integer_value(json_object_get(o, name)); /* 0 when absent */
}

static bool changes_units(const json_t *o)
{
    const char *program = json_string_value(json_object_get(o, "program"));
    for (const char *const *p = unit_changing_programs; *p; p++)
        if (strcmp(program, *p) == 0)
            return true;
    return false;
}

struct totals {
    bool balanced, chained;
    long long rejected, dropped;
};

/* A copy of each counts object with its verdict, and the totals. */
static json_t *checked_programs(const json_t *programs, struct totals *t)
{
    json_t *list = must(json_array());
    size_t i;
    const json_t *o;
    json_array_foreach(programs, i, o) {
        json_t *copy = must(json_copy((json_t *)o));
        json_t *verdict = json_null();
        if (!changes_units(o)) {
            bool ok = member(o, "in") ==
                      member(o, "out") + member(o, "rejected") + member(o, "dropped");
            t->balanced = t->balanced && ok;
            verdict = json_boolean(ok);
        }
        json_object_set_new(copy, "balanced", verdict);
        if (i > 0 && member(o, "in") != member(json_array_get(programs, i - 1), "out"))
            t->chained = false;
        t->rejected += member(o, "rejected");
        t->dropped += member(o, "dropped");
        json_array_append_new(list, copy);
    }
    return list;
}

json_t *ledger_report(const struct ledger *l)
{
    struct totals t = {true, true, 0, 0};
    size_t n = json_array_size(l->programs);
    json_t *report = must(json_object());
    json_object_set_new(report, "programs", checked_programs(l->programs, &t));
    json_object_set_new(report, "balanced", json_boolean(t.balanced));
    json_object_set_new(report, "chained", n < 2 ? json_null() : json_boolean(t.chained));
    const json_t *first = json_array_get(l->programs, 0);
    bool split_first = first && changes_units(first);
    json_object_set_new(report, "documents_in",
                        split_first ? must(json_integer(member(first, "in"))) : json_null());
    json_object_set_new(report, "records_split",
                        split_first ? must(json_integer(member(first, "out"))) : json_null());
    json_object_set_new(report, "rejected", must(json_integer(t.rejected)));
    json_object_set_new(report, "dropped", must(json_integer(t.dropped)));
    const json_t *last = json_array_get(l->programs, n ? n - 1 : 0);
    json_object_set_new(report, "records_out",
                        last ? must(json_integer(member(last, "out"))) : json_null());
    return report;
}
