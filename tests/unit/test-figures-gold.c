/* test-figures-gold.c — precision and recall of lib/figures against gold
 * sets annotated by hand.
 *
 *   tests/fixtures/figures/gold.txt     passages in the seeds' style (the
 *                                       development set)
 *   tests/fixtures/figures/seeds.gold   the figures of ../shared/seeds,
 *                                       counted with gold.txt when present
 *   tests/fixtures/figures/heldout.gold news on other topics, annotated
 *                                       before the patterns ever ran on it
 *   tests/fixtures/figures/heldout2.gold more of them, written after the
 *                                       tuning, annotated before any run
 *
 * A predicted figure is right when its span (bytes), kind and value (or
 * low and high) equal a gold figure's. Precision = right / predicted,
 * recall = right / gold. Every {{number}} marked as not a figure must lie
 * outside every predicted figure. Misses and false figures are printed as
 * "# ..." lines, which the test runner ignores.
 *
 * Markup: "=== ID" starts a passage; [[SURFACE|KIND VALUE k=v ...]] marks a
 * figure (VALUE a number or LOW..HIGH; keys unit, of, approx); {{SURFACE}}
 * a number that is not one. seeds.gold lines are "SEED NTH [[...]]" or
 * "SEED NTH {{...}}": the NTH occurrence of SURFACE in the seed file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check.h"
#include "figures.h"
#include "read-file.h"

struct gold {
    size_t start, end;
    bool figure;                 /* false: a number that is not a figure */
    char kind[16];
    bool range;
    double value, low, high, of;
    bool has_of;
    char unit[48], approx[32];
};

struct tally {
    size_t gold, predicted, right, fields_right, negatives, negatives_hit;
};

/* The file's bytes, NUL-terminated (caller frees); NULL if unreadable. */
static char *read_file(const char *path, size_t *len)
{
    struct buf b = BUF_INIT;
    if (!read_whole_file(path, &b)) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b, len);
}

/* "KIND VALUE k=v ..." into g; false when malformed. */
static bool parse_spec(const char *spec, size_t n, struct gold *g)
{
    char tmp[256];
    if (n >= sizeof tmp)
        return false;
    memcpy(tmp, spec, n);
    tmp[n] = '\0';
    char *save = NULL;
    char *kind = strtok_r(tmp, " ", &save);
    char *value = strtok_r(NULL, " ", &save);
    if (!kind || !value || strlen(kind) >= sizeof g->kind)
        return false;
    strcpy(g->kind, kind);
    char *dots = strstr(value, "..");
    if (dots) {
        g->range = true;
        g->low = strtod(value, NULL);
        g->high = strtod(dots + 2, NULL);
    } else {
        g->value = strtod(value, NULL);
    }
    for (char *kv; (kv = strtok_r(NULL, " ", &save));) {
        char *eq = strchr(kv, '=');
        if (!eq)
            return false;
        *eq = '\0';
        if (strcmp(kv, "unit") == 0 && strlen(eq + 1) < sizeof g->unit)
            strcpy(g->unit, eq + 1);
        else if (strcmp(kv, "approx") == 0 && strlen(eq + 1) < sizeof g->approx)
            strcpy(g->approx, eq + 1);
        else if (strcmp(kv, "of") == 0) {
            g->has_of = true;
            g->of = strtod(eq + 1, NULL);
        } else
            return false;
    }
    return true;
}

/* Append line[0..n) to text with its markup removed, adding a gold entry
 * for each mark. False on malformed markup. */
static bool strip_markup(const char *line, size_t n, struct buf *text,
                         struct gold **golds, size_t *ngold)
{
    size_t i = 0;
    while (i < n) {
        bool fig = i + 1 < n && line[i] == '[' && line[i + 1] == '[';
        bool neg = i + 1 < n && line[i] == '{' && line[i + 1] == '{';
        if (!fig && !neg) {
            buf_append_char(text, line[i++]);
            continue;
        }
        const char *close = fig ? "]]" : "}}";
        const char *end = NULL;
        for (size_t k = i + 2; k + 1 < n && !end; k++)
            if (line[k] == close[0] && line[k + 1] == close[1])
                end = line + k;
        if (!end)
            return false;
        const char *body = line + i + 2;
        size_t body_len = (size_t)(end - body);
        const char *bar = fig ? memchr(body, '|', body_len) : NULL;
        if (fig && !bar)
            return false;
        size_t surface_len = fig ? (size_t)(bar - body) : body_len;
        struct gold g;
        memset(&g, 0, sizeof g);
        g.figure = fig;
        g.start = text->len;
        buf_append(text, body, surface_len);
        g.end = text->len;
        if (fig && !parse_spec(bar + 1, body_len - surface_len - 1, &g))
            return false;
        *golds = xrealloc(*golds, (*ngold + 1) * sizeof **golds);
        (*golds)[(*ngold)++] = g;
        i = (size_t)(end - line) + 2;
    }
    return true;
}

static bool same_number(double a, double b)
{
    return fabs(a - b) <= 1e-4 * (fabs(b) > 1 ? fabs(b) : 1);
}

static bool same_figure(const struct figure *f, const struct gold *g)
{
    if (f->start != g->start || f->end != g->end || strcmp(figure_kind_name(f->kind), g->kind) != 0)
        return false;
    if (f->range != g->range)
        return false;
    return g->range ? same_number(f->low, g->low) && same_number(f->high, g->high)
                    : same_number(f->value, g->value);
}

static bool same_fields(const struct figure *f, const struct gold *g)
{
    bool unit = f->unit ? strlen(g->unit) == f->unit_len && memcmp(f->unit, g->unit, f->unit_len) == 0
                        : g->unit[0] == '\0';
    bool of = f->has_of == g->has_of && (!g->has_of || same_number(f->of, g->of));
    return unit && of && strcmp(f->approx, g->approx) == 0;
}

/* Score one passage: figures found in text against its gold entries. */
static void score(struct figures *ex, const char *id, const char *text, size_t len,
                  const struct gold *golds, size_t ngold, struct tally *t)
{
    size_t n;
    const struct figure *figs = figures_find(ex, text, len, &n);
    bool *used = calloc(ngold + 1, 1);
    for (size_t i = 0; i < n; i++) {
        bool right = false;
        for (size_t k = 0; k < ngold && !right; k++) {
            if (golds[k].figure && !used[k] && same_figure(&figs[i], &golds[k])) {
                used[k] = right = true;
                t->fields_right += same_fields(&figs[i], &golds[k]);
                if (!same_fields(&figs[i], &golds[k])) {
                    struct buf b = BUF_INIT;
                    figure_json(&figs[i], text, &b);
                    printf("# %s: fields differ: %s (gold unit=%s of=%g approx=%s)\n", id, b.data,
                           golds[k].unit, golds[k].of, golds[k].approx);
                    buf_free(&b);
                }
            }
        }
        t->right += right;
        if (!right) {
            struct buf b = BUF_INIT;
            figure_json(&figs[i], text, &b);
            printf("# %s: false figure: %s\n", id, b.data);
            buf_free(&b);
        }
    }
    t->predicted += n;
    for (size_t k = 0; k < ngold; k++) {
        const struct gold *g = &golds[k];
        if (g->figure) {
            t->gold++;
            if (!used[k])
                printf("# %s: missed: %.*s (%s)\n", id, (int)(g->end - g->start), text + g->start, g->kind);
            continue;
        }
        t->negatives++;
        for (size_t i = 0; i < n; i++) {
            if (figs[i].start < g->end && g->start < figs[i].end) {
                t->negatives_hit++;
                printf("# %s: not a figure, but found in: %.*s\n", id,
                       (int)(figs[i].end - figs[i].start), text + figs[i].start);
                break;
            }
        }
    }
    free(used);
}

/* Score every passage of a markup file. False when it cannot be read. */
static bool score_markup(struct figures *ex, const char *path, struct tally *t)
{
    size_t len;
    char *data = read_file(path, &len);
    if (!data)
        return false;
    struct buf text = BUF_INIT;
    struct gold *golds = NULL;
    size_t ngold = 0;
    char id[128] = "";
    bool in_passage = false, ok = true;
    char *line = data;
    for (;;) {
        char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        bool header = n >= 4 && strncmp(line, "=== ", 4) == 0;
        if ((header || !nl) && in_passage) {
            if (!nl && n > 0 && !strip_markup(line, n, &text, &golds, &ngold))
                ok = false;
            while (text.len && text.data[text.len - 1] == '\n')
                text.len--;
            score(ex, id, text.data ? text.data : "", text.len, golds, ngold, t);
        }
        if (header) {
            snprintf(id, sizeof id, "%.*s", (int)(n - 4), line + 4);
            buf_reset(&text);
            ngold = 0;
            in_passage = true;
        } else if (in_passage && nl && (text.len > 0 || n > 0)) {
            if (!strip_markup(line, n, &text, &golds, &ngold)) {
                printf("# %s: bad markup: %.*s\n", id, (int)n, line);
                ok = false;
            }
            buf_append_char(&text, '\n');
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    free(golds);
    buf_free(&text);
    free(data);
    return ok;
}

/* Score seeds.gold: each line names a seed file and an occurrence. */
static bool score_seeds(struct figures *ex, const char *gold_path, const char *seeds_dir,
                        struct tally *t)
{
    size_t len;
    char *data = read_file(gold_path, &len);
    if (!data)
        return false;
    bool ok = true;
    char current[128] = "";
    char *text = NULL;
    size_t text_len = 0;
    struct gold *golds = NULL;
    size_t ngold = 0;
    for (char *line = data; *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char seed[128];
        int nth, used = 0;
        if (line[0] != '#' && sscanf(line, "%127s %d %n", seed, &nth, &used) == 2 && used > 0) {
            if (strcmp(seed, current) != 0) {
                if (text)
                    score(ex, current, text, text_len, golds, ngold, t);
                free(text);
                char path[2048];
                snprintf(path, sizeof path, "%s/%s.txt", seeds_dir, seed);
                text = read_file(path, &text_len);
                snprintf(current, sizeof current, "%s", seed);
                ngold = 0;
                if (!text) {
                    printf("# cannot read %s\n", path);
                    ok = false;
                    break;
                }
            }
            /* Mark up a copy of the surface alone to parse the entry. */
            struct buf surface = BUF_INIT;
            size_t before = ngold;
            if (!strip_markup(line + used, strlen(line + used), &surface, &golds, &ngold) ||
                ngold != before + 1) {
                printf("# bad seed gold line: %s\n", line);
                ok = false;
            } else {
                struct gold *g = &golds[before];
                const char *at = text;
                for (int k = 0; k < nth && at; k++) {
                    at = (k == 0) ? strstr(at, surface.data) : strstr(at + 1, surface.data);
                }
                if (!at) {
                    printf("# %s: occurrence %d of \"%s\" not found\n", seed, nth, surface.data);
                    ok = false;
                    ngold--;
                } else {
                    g->start = (size_t)(at - text);
                    g->end = g->start + surface.len;
                }
            }
            buf_free(&surface);
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    if (text && ok)
        score(ex, current, text, text_len, golds, ngold, t);
    free(text);
    free(golds);
    free(data);
    return ok;
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0;
}

static void report(const char *name, const struct tally *t, double min_precision,
                   double min_recall)
{
    double p = ratio(t->right, t->predicted), r = ratio(t->right, t->gold);
    printf("# %s: %zu gold figures, %zu found, %zu right; %zu non-figures, %zu hit; "
           "fields right %zu of %zu\n", name, t->gold, t->predicted, t->right, t->negatives,
           t->negatives_hit, t->fields_right, t->right);
    CHECK(p >= min_precision, "%s: precision %.3f >= %.2f", name, p, min_precision);
    CHECK(r >= min_recall, "%s: recall %.3f >= %.2f", name, r, min_recall);
    CHECK(t->negatives_hit == 0, "%s: none of %zu non-figures found as a figure", name, t->negatives);
}

int main(void)
{
    const char *root = getenv("WINNOW_ROOT") ? getenv("WINNOW_ROOT") : ".";
    char path[4096], seeds[1024];
    struct figures *ex = figures_new();

    struct tally dev = {0};
    snprintf(path, sizeof path, "%s/tests/fixtures/figures/gold.txt", root);
    CHECK(score_markup(ex, path, &dev), "gold.txt read and well formed");
    CHECK(dev.gold >= 150 && dev.negatives >= 50, "gold.txt has >= 150 figures (%zu) and >= 50 non-figures (%zu)",
          dev.gold, dev.negatives);
    snprintf(seeds, sizeof seeds, "%s/../shared/seeds", root);
    snprintf(path, sizeof path, "%s/000_3cda5d15756a79be.txt", seeds);
    FILE *probe = fopen(path, "rb");
    if (probe) {
        fclose(probe);
        struct tally seed_tally = {0};
        snprintf(path, sizeof path, "%s/tests/fixtures/figures/seeds.gold", root);
        CHECK(score_seeds(ex, path, seeds, &seed_tally), "seeds.gold read and every occurrence found");
        report("seeds", &seed_tally, 0.95, 0.90);
        dev.gold += seed_tally.gold;
        dev.predicted += seed_tally.predicted;
        dev.right += seed_tally.right;
        dev.fields_right += seed_tally.fields_right;
        dev.negatives += seed_tally.negatives;
        dev.negatives_hit += seed_tally.negatives_hit;
    } else {
        SKIP("figures gold: seeds: ../shared/seeds not present");
    }
    report("gold (with the seeds when present)", &dev, 0.95, 0.90);
    CHECK(ratio(dev.fields_right, dev.right) >= 0.9, "gold: unit, of and approx right for %.3f of right figures",
          ratio(dev.fields_right, dev.right));

    struct tally held = {0};
    snprintf(path, sizeof path, "%s/tests/fixtures/figures/heldout.gold", root);
    CHECK(score_markup(ex, path, &held), "heldout.gold read and well formed");
    report("held-out", &held, 0.90, 0.85);

    struct tally held2 = {0};
    snprintf(path, sizeof path, "%s/tests/fixtures/figures/heldout2.gold", root);
    CHECK(score_markup(ex, path, &held2), "heldout2.gold read and well formed");
    report("held-out 2", &held2, 0.90, 0.85);

    figures_free(ex);
    return CHECK_DONE();
}
