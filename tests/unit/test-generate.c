/* Unit tests of the generator: lib/prng (reference values, ranges,
 * uniformity), lib/gentext (the template language, numbers, every template
 * of the vocabulary), lib/generate (determinism, every kind of page, the
 * noise, and pages that split into exactly the records the generator says
 * it wrote) and lib/pagesink (NDJSON and tar read back, abort). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "generate.h"
#include "gentext.h"
#include "genvocab.h"
#include "input.h"
#include "pagesink.h"
#include "prng.h"
#include "record.h"
#include "segment.h"
#include "sources.h"
#include "utf8.h"

/* ---- prng ---------------------------------------------------------------------- */

static void test_prng_reference(void)
{
    /* The published first outputs of splitmix64 from state 0. */
    uint64_t state = 0;
    CHECK(splitmix64(&state) == UINT64_C(0xE220A8397B1DCDAF), "splitmix64 output 1");
    CHECK(splitmix64(&state) == UINT64_C(0x6E789E6AA1B965F4), "splitmix64 output 2");
    CHECK(splitmix64(&state) == UINT64_C(0x06C45D188009454F), "splitmix64 output 3");
    /* xoshiro256**: the first output is rotl(s[1] * 5, 7) * 9 of the seeded state. */
    struct prng p;
    prng_seed(&p, 0);
    uint64_t s1 = UINT64_C(0x6E789E6AA1B965F4) * 5;
    uint64_t want = ((s1 << 7) | (s1 >> 57)) * 9;
    CHECK(prng_next(&p) == want, "xoshiro256** first output from seed 0");
}

static void test_prng_determinism(void)
{
    struct prng a, b, c;
    prng_seed(&a, 42);
    prng_seed(&b, 42);
    prng_seed(&c, 43);
    bool same = true, differs = false;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = prng_next(&a), y = prng_next(&b), z = prng_next(&c);
        same = same && x == y;
        differs = differs || x != z;
    }
    CHECK(same, "same seed, same sequence");
    CHECK(differs, "another seed, another sequence");
    CHECK(prng_mix(1, 2) != prng_mix(2, 1), "prng_mix depends on the order of its words");
}

static void test_prng_ranges(void)
{
    struct prng p;
    prng_seed(&p, 7);
    bool in_range = true, lo_seen = false, hi_seen = false;
    for (int i = 0; i < 2000; i++) {
        uint64_t n = (uint64_t)(i % 97) + 1;
        in_range = in_range && prng_below(&p, n) < n;
        long v = prng_range(&p, 3, 7);
        in_range = in_range && v >= 3 && v <= 7;
        lo_seen = lo_seen || v == 3;
        hi_seen = hi_seen || v == 7;
    }
    CHECK(in_range, "prng_below and prng_range stay in range");
    CHECK(lo_seen && hi_seen, "prng_range reaches both ends");
    CHECK(prng_below(&p, 0) == 0 && prng_below(&p, 1) == 0, "prng_below of 0 and 1 is 0");
    CHECK(prng_range(&p, 5, 5) == 5 && prng_range(&p, 9, 2) == 9, "degenerate ranges give lo");
    CHECK(prng_below(&p, UINT64_MAX) < UINT64_MAX, "prng_below of the largest n");
}

static void test_prng_uniformity(void)
{
    struct prng p;
    prng_seed(&p, 11);
    unsigned buckets[10] = {0}, hits = 0;
    for (int i = 0; i < 100000; i++) {
        buckets[prng_below(&p, 10)]++;
        hits += prng_chance(&p, 30);
    }
    bool even = true;
    for (int i = 0; i < 10; i++)
        even = even && buckets[i] > 9400 && buckets[i] < 10600;
    CHECK(even, "prng_below(10): every bucket within 6%% of 10000");
    CHECK(hits > 28500 && hits < 31500, "prng_chance(30) about 30%% of the time (%u)", hits);
}

/* ---- gentext ------------------------------------------------------------------- */

struct text_fixture {
    struct vocab *vocab;
    struct prng rng;
    struct textgen t;
    struct buf out;
};

static void fixture_init(struct text_fixture *f, uint64_t seed)
{
    memset(f, 0, sizeof *f);
    f->vocab = vocab_new();
    prng_seed(&f->rng, seed);
    f->t.vocab = f->vocab;
    f->t.rng = &f->rng;
    static const char *const cast[CAST_COUNT] = {
        "Dame Ann Example", "Bob Minister", "Una Leader", "Cee Eeo", "Test Justice Ltd",
        "Testshire", "Reg Porter", "Emma Pea"};
    for (int i = 0; i < CAST_COUNT; i++)
        f->t.cast[i] = cast[i];
}

static void fixture_free(struct text_fixture *f)
{
    vocab_free(f->vocab);
    buf_free(&f->out);
}

static const char *expand(struct text_fixture *f, const char *tmpl)
{
    buf_reset(&f->out);
    text_expand(&f->t, tmpl, &f->out);
    return f->out.data;
}

static void test_template_language(void)
{
    struct text_fixture f;
    fixture_init(&f, 3);
    bool a = false, b = false, other = false;
    for (int i = 0; i < 200; i++) {
        const char *s = expand(&f, "{a|b}");
        a = a || strcmp(s, "a") == 0;
        b = b || strcmp(s, "b") == 0;
        other = other || (strcmp(s, "a") != 0 && strcmp(s, "b") != 0);
    }
    CHECK(a && b && !other, "{a|b} gives a or b, both in time");
    bool nested_ok = true;
    for (int i = 0; i < 200; i++) {
        const char *s = expand(&f, "x{1{2|3}|4}y");
        nested_ok = nested_ok && (strcmp(s, "x12y") == 0 || strcmp(s, "x13y") == 0 ||
                                  strcmp(s, "x4y") == 0);
    }
    CHECK(nested_ok, "nested alternatives");
    CHECK_STR(expand(&f, "{^word|word}"), "Word", "^ capitalises");
    CHECK_STR(expand(&f, "{^\"quoted|\"quoted}"), "\"Quoted", "^ skips an opening quote mark");
    CHECK_STR(expand(&f, "[{nosuchslot}]"), "[{?nosuchslot}]", "an unknown slot is visible");
    CHECK_STR(expand(&f, "{#nosuchfigure}"), "{?nosuchfigure}", "an unknown figure is visible");
    CHECK_STR(expand(&f, "{@area} {@company}"), "Testshire Test Justice Ltd", "cast members");
    CHECK_STR(expand(&f, "{|}"), "", "empty alternatives");
    CHECK_STR(expand(&f, "no braces"), "no braces", "plain text is copied");
    fixture_free(&f);
}

static void test_numbers(void)
{
    struct buf b = BUF_INIT;
    text_grouped(&b, 260000);
    buf_append_char(&b, ' ');
    text_grouped(&b, 1234567);
    buf_append_char(&b, ' ');
    text_grouped(&b, 999);
    CHECK_STR(b.data, "260,000 1,234,567 999", "digits grouped by commas");
    buf_reset(&b);
    text_number_word(&b, 11);
    buf_append_char(&b, ' ');
    text_number_word(&b, 21);
    buf_append_char(&b, ' ');
    text_number_word(&b, 40);
    CHECK_STR(b.data, "eleven twenty-one forty", "numbers in words");
    buf_free(&b);
}

static bool matches_any(const char *s, const char *const *needles)
{
    for (; *needles; needles++)
        if (strstr(s, *needles))
            return true;
    return false;
}

static void test_figures(void)
{
    struct text_fixture f;
    fixture_init(&f, 5);
    f.t.year = 2015;
    static const char *const percent[] = {"%", "per cent", NULL};
    static const char *const money[] = {"£", "$", "€", NULL};
    bool ok_percent = true, ok_money = true, ok_year = true, ok_clock = true;
    for (int i = 0; i < 300; i++) {
        ok_percent = ok_percent && matches_any(expand(&f, "{#percent}"), percent);
        ok_money = ok_money && matches_any(expand(&f, "{#money}"), money);
        int year = atoi(expand(&f, "{#year}"));
        ok_year = ok_year && year >= 2007 && year <= 2015;
        const char *clock = expand(&f, "{#clock}");
        ok_clock = ok_clock && strlen(clock) >= 4 && (strchr(clock, '.') || strchr(clock, ':'));
    }
    CHECK(ok_percent, "{#percent} is a percentage");
    CHECK(ok_money, "{#money} has a currency");
    CHECK(ok_year, "{#year} is at most eight years before the post");
    CHECK(ok_clock, "{#clock} is a clock time");
    fixture_free(&f);
}

/* Does s start like a comment number ("12. ", "3.")? */
static bool starts_like_opener(const char *s)
{
    size_t i = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    return i > 0 && s[i] == '.' && (s[i + 1] == ' ' || s[i + 1] == '\0');
}

static bool ends_like_intro(const char *s)
{
    size_t n = strlen(s);
    return n >= 2 && s[n - 2] == ':' && s[n - 1] == '-';
}

/* Every template of every slot expands to text without braces, without
 * structure where structure is not wanted. */
static void test_vocabulary(void)
{
    struct text_fixture f;
    fixture_init(&f, 9);
    size_t unknown = 0, intro_bad = 0, opener = 0, intro_like = 0, newline = 0, checked = 0;
    for (size_t i = 0; i < vocab_slot_count; i++) {
        const struct vocab_slot *slot = &vocab_slots[i];
        bool intro = strncmp(slot->name, "intro_", 6) == 0;
        bool multiline = strcmp(slot->name, "poem") == 0;
        for (size_t e = 0; e < slot->count; e++) {
            const char *tmpl = slot->entries[e];
            if (intro) {
                const char *src = strstr(tmpl, "{src}");
                intro_bad += !src || strstr(src + 1, "{src}") || !ends_like_intro(tmpl);
                continue;
            }
            for (int k = 0; k < 3; k++) {
                const char *s = expand(&f, tmpl);
                checked++;
                unknown += strchr(s, '{') || strchr(s, '}');
                opener += starts_like_opener(s);
                intro_like += ends_like_intro(s);
                newline += !multiline && strchr(s, '\n') != NULL;
            }
        }
    }
    CHECK(checked > 1000, "expanded %zu templates", checked);
    CHECK(unknown == 0, "every slot a template names exists (%zu unknown)", unknown);
    CHECK(intro_bad == 0, "every intro template holds one {src} and ends in ':-'");
    CHECK(opener == 0, "no template starts like a comment number");
    CHECK(intro_like == 0, "no template but an intro ends in ':-'");
    CHECK(newline == 0, "only poems hold line breaks");
    CHECK(vocab_count(f.vocab, "outlet") > 10 && vocab_count(f.vocab, "no such") == 0,
          "vocab_count");
    fixture_free(&f);
}

/* ---- generate -------------------------------------------------------------------- */

static bool same_string(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_records(const struct gen_page *a, const struct gen_page *b)
{
    if (a->record_count != b->record_count)
        return false;
    for (size_t i = 0; i < a->record_count; i++) {
        const struct gen_record *x = &a->records[i], *y = &b->records[i];
        if (!same_string(x->kind, y->kind) || !same_string(x->id, y->id) ||
            !same_string(x->parent, y->parent) || !same_string(x->date, y->date) ||
            !same_string(x->title, y->title) || !same_string(x->source, y->source) ||
            !same_string(x->headline, y->headline) || !same_string(x->n, y->n) ||
            x->depth != y->depth)
            return false;
    }
    return true;
}

static void test_determinism(void)
{
    struct generator *a = generator_new(5), *b = generator_new(5), *c = generator_new(6);
    bool same = true, differs = false;
    for (int i = 0; i < 60; i++) {
        struct gen_page pa, pb, pc;
        generator_next(a, &pa);
        generator_next(b, &pb);
        generator_next(c, &pc);
        same = same && pa.len == pb.len && memcmp(pa.text, pb.text, pa.len) == 0 &&
               strcmp(pa.name, pb.name) == 0 && strcmp(pa.url, pb.url) == 0 &&
               strcmp(pa.crawl_date, pb.crawl_date) == 0 && pa.crawl_time == pb.crawl_time &&
               same_records(&pa, &pb);
        differs = differs || pa.len != pc.len || memcmp(pa.text, pc.text, pa.len) != 0;
    }
    CHECK(same, "same seed: the same 60 pages, names, urls, dates and records");
    CHECK(differs, "another seed: other pages");
    generator_free(a);
    generator_free(b);
    generator_free(c);
}

/* Segments of one page, as the splitter gives them. */
struct split_result {
    struct gen_record *items;
    size_t count, cap;
    size_t post_bytes[4096];
    size_t posts;
};

static char *copy_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static int collect_segment(const struct segment *seg, void *ctx)
{
    struct split_result *r = ctx;
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->items = xrealloc(r->items, r->cap * sizeof *r->items);
    }
    r->items[r->count++] = (struct gen_record){
        segment_kind_name(seg->kind), copy_or_null(seg->id), copy_or_null(seg->parent),
        copy_or_null(seg->date), copy_or_null(seg->title), copy_or_null(seg->source),
        copy_or_null(seg->headline), copy_or_null(seg->n), seg->depth};
    if (seg->kind == SEGMENT_POST && r->posts < 4096)
        r->post_bytes[r->posts++] = seg->text_len;
    return 0;
}

static void clear_split(struct split_result *r)
{
    for (size_t i = 0; i < r->count; i++) {
        struct gen_record *g = &r->items[i];
        free((char *)g->id);
        free((char *)g->parent);
        free((char *)g->date);
        free((char *)g->title);
        free((char *)g->source);
        free((char *)g->headline);
        free((char *)g->n);
    }
    r->count = 0;
}

static bool same_record(const struct gen_record *x, const struct gen_record *y)
{
    return same_string(x->kind, y->kind) && same_string(x->id, y->id) &&
           same_string(x->parent, y->parent) && same_string(x->date, y->date) &&
           same_string(x->title, y->title) && same_string(x->source, y->source) &&
           same_string(x->headline, y->headline) && same_string(x->n, y->n);
}

static int compare_sizes(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

struct split_score {
    size_t records, exact, quotes, quotes_exact, count_mismatch, pages;
};

static void score_page(const struct gen_page *page, struct split_result *r, struct split_score *s)
{
    clear_split(r);
    split_text(SPLIT_BLOG, page->name, page->text, page->len, collect_segment, r);
    s->pages++;
    s->count_mismatch += r->count != page->record_count;
    for (size_t i = 0; i < page->record_count; i++) {
        const struct gen_record *want = &page->records[i];
        bool exact = i < r->count && same_record(want, &r->items[i]);
        s->records++;
        s->exact += exact;
        if (strcmp(want->kind, "quote") == 0) {
            s->quotes++;
            s->quotes_exact += exact;
        }
    }
}

/* The point of the generator: pages split into the records it says it wrote. */
static void test_pages_split_as_intended(void)
{
    struct generator *g = generator_new(3);
    struct split_result r = {0};
    struct split_score s = {0};
    for (int i = 0; i < 150; i++) {
        struct gen_page page;
        generator_next(g, &page);
        score_page(&page, &r, &s);
    }
    double share = (double)s.exact / (double)s.records;
    CHECK(s.records > 1000, "150 pages hold %zu records", s.records);
    CHECK(s.count_mismatch == 0, "the splitter finds as many records as were written (%zu pages differ)",
          s.count_mismatch);
    CHECK(share >= 0.99, "records split exactly as generated: %.2f%% (%zu of %zu)",
          100 * share, s.exact, s.records);
    /* Posts and comments on their own: most of a crawl's records. */
    size_t others = s.records - s.quotes, others_exact = s.exact - s.quotes_exact;
    CHECK(others_exact * 1000 >= others * 995, "posts and comments exact: %zu of %zu (%zu of %zu quotes)",
          others_exact, others, s.quotes_exact, s.quotes);
    qsort(r.post_bytes, r.posts, sizeof *r.post_bytes, compare_sizes);
    size_t median = r.posts ? r.post_bytes[r.posts / 2] : 0;
    CHECK(median >= 1000 && median <= 2200, "median post text %zu bytes (about 1.5 KB)", median);
    clear_split(&r);
    free(r.items);
    generator_free(g);
}

struct page_features {
    bool kinds[6];
    bool mojibake, entity, zwsp, nbsp, bullet, crlf, update, label_header, reply, intro;
    bool utf8_ok, no_braces, unique_ids, starts_well;
};

static void note_page(const struct gen_page *p, struct page_features *f)
{
    static const char *const kinds[6] = {"post", "mobile", "recrawl", "monthly", "yearly", "label"};
    for (int k = 0; k < 6; k++)
        f->kinds[k] = f->kinds[k] || strcmp(p->kind, kinds[k]) == 0;
    const char *t = p->text;
    f->mojibake = f->mojibake || strstr(t, "â€") || strstr(t, "Â£") || strstr(t, "Ã");
    f->entity = f->entity || strstr(t, "&rsquo;") || strstr(t, "&#8217;") || strstr(t, "&amp;");
    f->zwsp = f->zwsp || strstr(t, "\xE2\x80\x8B");
    f->nbsp = f->nbsp || strstr(t, "\xC2\xA0");
    f->bullet = f->bullet || strstr(t, "\n  • ");
    f->crlf = f->crlf || strstr(t, "\r\n");
    f->update = f->update || strstr(t, "\nUpdate") || strstr(t, "\nUPDATE");
    f->label_header = f->label_header || strncmp(t, "Showing posts with label ", 25) == 0;
    f->reply = f->reply || strstr(t, "\n    1. ");
    f->intro = f->intro || strstr(t, ":-\n");
    f->utf8_ok = f->utf8_ok && utf8_is_valid(t, p->len);
    f->no_braces = f->no_braces && !strchr(t, '{') && !strchr(t, '}');
    for (size_t i = 0; i < p->record_count; i++)
        for (size_t j = i + 1; j < p->record_count; j++)
            f->unique_ids = f->unique_ids && strcmp(p->records[i].id, p->records[j].id) != 0;
    char iso[11];
    const char *nl = strchr(t, '\n');
    size_t first = nl ? (size_t)(nl - t) : p->len;
    f->starts_well = f->starts_well && p->record_count > 0 &&
                     (parse_date_line(t, first, iso) || strncmp(t, "Showing posts", 13) == 0);
}

static void test_page_variety(void)
{
    struct generator *g = generator_new(1);
    struct page_features f = {0};
    f.utf8_ok = f.no_braces = f.unique_ids = f.starts_well = true;
    for (int i = 0; i < 400; i++) {
        struct gen_page page;
        generator_next(g, &page);
        note_page(&page, &f);
    }
    CHECK(f.kinds[0] && f.kinds[1] && f.kinds[2] && f.kinds[3] && f.kinds[4] && f.kinds[5],
          "post, mobile, recrawl, monthly, yearly and label pages all appear");
    CHECK(f.mojibake && f.entity && f.zwsp && f.nbsp, "mojibake, entities, zero-width and no-break spaces");
    CHECK(f.bullet && f.crlf && f.update && f.label_header, "bullets, CRLF pages, updates, label headers");
    CHECK(f.reply && f.intro, "replies and intros on their own line");
    CHECK(f.utf8_ok, "every page is valid UTF-8");
    CHECK(f.no_braces, "no template syntax left in any page");
    CHECK(f.unique_ids, "record ids are unique in each page");
    CHECK(f.starts_well, "every page starts with a date line or a label header");
    generator_free(g);
}

/* ---- pagesink ------------------------------------------------------------------------ */

struct read_back {
    size_t count;
    bool same;
    struct generator *g;
};

static int compare_document(const struct document *doc, void *ctx)
{
    struct read_back *rb = ctx;
    struct gen_page page;
    generator_next(rb->g, &page);
    rb->same = rb->same && strcmp(doc->id, page.name) == 0 && doc->len == page.len &&
               memcmp(doc->text, page.text, page.len) == 0;
    rb->count++;
    return 0;
}

/* Write pages of seed 2 to path, read them back as documents. */
static struct read_back write_and_read(enum page_sink_kind kind, const char *path, int pages)
{
    struct read_back rb = {0, true, generator_new(2)};
    struct generator *g = generator_new(2);
    struct page_sink *s = page_sink_open(kind, path);
    bool ok = s != NULL;
    for (int i = 0; ok && i < pages; i++) {
        struct gen_page page;
        generator_next(g, &page);
        ok = page_sink_write(s, &page) == 0;
    }
    ok = ok && page_sink_commit(s) == 0;
    generator_free(g);
    struct input *in = ok ? input_open(path) : NULL;
    if (in) {
        struct source_counts counts = {0, 0, 0};
        read_documents(in, kind == SINK_TAR ? FORMAT_TAR : FORMAT_NDJSON, NULL, compare_document,
                       &rb, &counts);
        input_close(in);
    }
    generator_free(rb.g);
    return rb;
}

static void test_sinks(void)
{
    char dir[] = "/tmp/winnow-test-generate-XXXXXX";
    if (!mkdtemp(dir)) {
        SKIP("pagesink: cannot make a temporary directory");
        return;
    }
    struct buf path = BUF_INIT;
    buf_printf(&path, "%s/pages.jsonl.gz", dir);
    struct read_back rb = write_and_read(SINK_NDJSON, path.data, 7);
    CHECK(rb.count == 7 && rb.same, "NDJSON.gz documents read back as written (%zu)", rb.count);
    unlink(path.data);
    buf_reset(&path);
    buf_printf(&path, "%s/pages.tar", dir);
    rb = write_and_read(SINK_TAR, path.data, 5);
    CHECK(rb.count == 5 && rb.same, "tar members read back as written (%zu)", rb.count);
    unlink(path.data);
    buf_reset(&path);
    buf_printf(&path, "%s/aborted.jsonl", dir);
    struct page_sink *s = page_sink_open(SINK_NDJSON, path.data);
    struct generator *g = generator_new(1);
    struct gen_page page;
    generator_next(g, &page);
    CHECK(s && page_sink_write(s, &page) == 0, "a sink takes a page");
    if (s)
        page_sink_abort(s);
    CHECK(access(path.data, F_OK) != 0, "an aborted sink leaves no file");
    generator_free(g);
    buf_reset(&path);
    buf_printf(&path, "%s/no/such/dir/x.tar", dir);
    CHECK(page_sink_open(SINK_TAR, path.data) == NULL, "a sink in a missing directory fails");
    rmdir(dir);
    buf_free(&path);
}

int main(void)
{
    test_prng_reference();
    test_prng_determinism();
    test_prng_ranges();
    test_prng_uniformity();
    test_template_language();
    test_numbers();
    test_figures();
    test_vocabulary();
    test_determinism();
    test_pages_split_as_intended();
    test_page_variety();
    test_sinks();
    return CHECK_DONE();
}
