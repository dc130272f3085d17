/* generate.c — synthetic blog pages and their records (see generate.h).
 *
 * The world: BLOGS blogs that take turns, post p going to blog p % BLOGS,
 * each posting every two days or so from a start in 2013 or 2014. Post p
 * is generated from its own stream, prng_mix(seed, p), so that it reads the
 * same on every page that shows it; the noise of each of its
 * paragraphs (mojibake, entities, ...) comes from a stream of its own too,
 * so a page that shows fewer comments or adds an update still shares every
 * other record with the others, byte for byte. Only the choice of pages
 * comes from the generator's plan stream.
 *
 * Text is laid out in blocks: a block is one paragraph, its lines indented
 * as the page format wants, preceded by a given number of blank lines. The
 * structural lines (date, title, intros, comment numbers) are written here
 * and never get noise; templates only fill in the prose.
 */
#include "generate.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gentext.h"
#include "prng.h"

enum {
    BLOGS = 10,
    RECENT_POSTS = 60,        /* archives and re-crawls pick among these */
    ARCHIVE_MAX_POSTS = 5,
    YEARLY_MAX_POSTS = 4,
    LABEL_MAX_POSTS = 4,
    LABEL_SCAN = 300          /* posts of a blog a label page looks back over */
};

#define NO_FIELD SIZE_MAX
#define NBSP "\xC2\xA0"
#define ZWSP "\xE2\x80\x8B"

/* A truth record while the page is built: fields are offsets into the
 * arena, which may move until the page is done. */
struct pending_record {
    const char *kind;
    size_t id, parent, date, title, source, headline, n;
    int depth;
};

struct generator {
    uint64_t seed;
    struct vocab *vocab;
    struct prng plan;
    unsigned long long page_number;
    unsigned long long posts_out; /* posts 0 .. posts_out-1 have been published */
    struct buf text, name, url, crawl_date;
    struct buf arena;             /* NUL-separated strings of the records */
    struct pending_record *pending;
    size_t pending_count, pending_cap;
    struct gen_record *records;
    size_t records_cap;
    struct buf para, scratch, comment, last_comment;
};

/* What a page shows of a post. */
struct post_view {
    bool update;             /* an "Update:" paragraph */
    unsigned edits;          /* words changed */
    unsigned comment_share;  /* percent of the comments shown */
};

/* Generating one post onto the page. */
struct post_render {
    struct generator *g;
    unsigned long long number;
    struct prng rng;         /* the post's content */
    uint64_t noise_seed;     /* one noise stream per paragraph */
    unsigned paragraph;
    struct textgen text;
    char cast[CAST_COUNT][64];
    size_t post_id;          /* arena offset of "<doc>/p<k>" */
    bool curly;              /* the blogger types curly quotes */
};

/* Per-mille rates of the noise a paragraph may get. */
struct noise {
    unsigned curly, lowercase, zwsp, entities, mojibake, trailing_nbsp;
};

static const struct noise blogger_noise = {0, 0, 8, 0, 0, 80};
static const struct noise news_noise = {700, 0, 10, 15, 15, 50};
static const struct noise comment_noise = {150, 80, 10, 25, 20, 20};

/* ---- dates ----------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's method). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned shifted_month = m > 2 ? m - 3 : m + 9; /* March is 0 */
    unsigned doy = (153 * shifted_month + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"};
static const char *const weekday_names[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

static unsigned weekday_of(long day)
{
    long w = (day + 3) % 7; /* 1970-01-01 was a Thursday */
    return (unsigned)(w < 0 ? w + 7 : w);
}

/* The date line in one of the forms a blog may use ("Thursday, 14 December
 * 2017" for most). */
static void write_date_line(struct buf *out, long day, unsigned style)
{
    long y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    const char *weekday = weekday_names[weekday_of(day)], *month = month_names[m - 1];
    switch (style) {
    case 0: buf_printf(out, "%s, %u %s %ld", weekday, d, month, y); break;
    case 1: buf_printf(out, "%s %u %s %ld", weekday, d, month, y); break;
    case 2: buf_printf(out, "%u %s %ld", d, month, y); break;
    case 3: buf_printf(out, "%s %u, %ld", month, d, y); break;
    default: buf_printf(out, "%.3s %u %.3s %ld", weekday, d, month, y); break;
    }
}

static void write_iso_date(struct buf *out, long day)
{
    long y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    buf_printf(out, "%04ld-%02u-%02u", y, m, d);
}

/* ---- the world: blogs, post days, labels ---------------------------------------- */

static unsigned long long blog_of(unsigned long long post)
{
    return post % BLOGS;
}

static long post_day(const struct generator *g, unsigned long long post)
{
    unsigned long long blog = blog_of(post), j = post / BLOGS;
    long start = days_from_civil(2013, 1, 1) + (long)(prng_mix(g->seed, blog * 2 + 1) % 400);
    return start + 2 * (long)j + (long)(prng_mix(g->seed, post * 2 + 0x10001) & 1);
}

/* Most blogs write the seeds' "Thursday, 14 December 2017"; a few use the
 * other forms the splitter knows. */
static unsigned date_style(unsigned long long blog)
{
    static const unsigned styles[BLOGS] = {0, 0, 0, 1, 0, 0, 2, 0, 3, 4};
    return styles[blog % BLOGS];
}

/* The newest published post of the blog, or ULLONG_MAX when none is. */
static unsigned long long newest_in_blog(const struct generator *g, unsigned long long blog)
{
    if (g->posts_out <= blog)
        return ULLONG_MAX;
    unsigned long long last = g->posts_out - 1;
    return last - (last % BLOGS + BLOGS - blog) % BLOGS;
}

static void blog_host(unsigned long long blog, struct buf *out)
{
    static const char *const hosts[] = {
        "probation-matters.example.org", "on-probation.example.org",
        "justice-frontline.example.net", "the-probation-desk.example.org",
        "licence-conditions.example.net", "caseload-diaries.example.org",
        "approved-premises.example.net", "the-split.example.org", "napo-watch.example.net",
        "court-duty.example.org"};
    if (blog < sizeof hosts / sizeof *hosts)
        buf_append_str(out, hosts[blog]);
    else
        buf_printf(out, "probation-blog-%llu.example.org", blog);
}

/* A bit set over the vocabulary's labels: one to three of them. */
static unsigned post_labels(const struct generator *g, unsigned long long post)
{
    size_t count = vocab_count(g->vocab, "labels");
    struct prng r;
    prng_seed(&r, prng_mix(g->seed ^ 0x1ABE1, post));
    unsigned set = 0;
    for (long k = prng_range(&r, 1, 3); k > 0; k--)
        set |= 1u << prng_below(&r, count);
    return set;
}

static void month_of(long day, long *year, unsigned *month)
{
    unsigned d;
    civil_from_days(day, year, month, &d);
}

/* ---- the page's text and records ---------------------------------------------- */

static size_t arena_put(struct generator *g, const char *s, size_t len)
{
    size_t at = g->arena.len;
    buf_append(&g->arena, s, len);
    buf_append_char(&g->arena, '\0');
    return at;
}

static size_t arena_printf_post_child(struct generator *g, size_t post_id, const char *tag,
                                      const char *n)
{
    struct buf id = BUF_INIT;
    buf_printf(&id, "%s/%s%s", g->arena.data + post_id, tag, n);
    size_t at = arena_put(g, id.data, id.len);
    buf_free(&id);
    return at;
}

static struct pending_record *add_record(struct generator *g, const char *kind)
{
    g->pending = array_reserve(g->pending, &g->pending_cap, g->pending_count + 1,
                               sizeof *g->pending);
    struct pending_record *r = &g->pending[g->pending_count++];
    *r = (struct pending_record){kind, NO_FIELD, NO_FIELD, NO_FIELD, NO_FIELD,
                                 NO_FIELD, NO_FIELD, NO_FIELD, 0};
    return r;
}

static void put_spaces(struct buf *out, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        buf_append_char(out, ' ');
}

/* Append a block: `blanks` blank lines (none at the start of the page),
 * then its lines, the first indented `first` columns and prefixed by
 * `prefix`, the others indented `rest` columns. */
static void put_block(struct buf *page, unsigned blanks, unsigned first, const char *prefix,
                      unsigned rest, const char *text, size_t len)
{
    if (page->len > 0)
        for (unsigned i = 0; i < blanks; i++)
            buf_append_char(page, '\n');
    const char *p = text, *end = text + len;
    bool first_line = true;
    while (p <= end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        put_spaces(page, first_line ? first : rest);
        if (first_line)
            buf_append_str(page, prefix);
        buf_append(page, p, (size_t)(stop - p));
        buf_append_char(page, '\n');
        first_line = false;
        if (!nl)
            break;
        p = nl + 1;
    }
}

static void put_text_block(struct generator *g, unsigned blanks, const struct buf *b)
{
    put_block(&g->text, blanks, 0, "", 0, b->data ? b->data : "", b->len);
}

/* ---- noise ----------------------------------------------------------------------- */

static void swap_bufs(struct buf *a, struct buf *b)
{
    struct buf t = *a;
    *a = *b;
    *b = t;
}

/* Straight quotes become typographic ones: ' is ’ (or ‘ after a space),
 * " is “ after a space or at the start and ” elsewhere. */
static void make_curly(struct buf *para, struct buf *scratch)
{
    buf_reset(scratch);
    for (size_t i = 0; i < para->len; i++) {
        char c = para->data[i];
        bool opening = i == 0 || para->data[i - 1] == ' ' || para->data[i - 1] == '(';
        if (c == '\'')
            buf_append_str(scratch, opening ? "‘" : "’");
        else if (c == '"')
            buf_append_str(scratch, opening ? "“" : "”");
        else
            buf_append_char(scratch, c);
    }
    swap_bufs(para, scratch);
}

static void lowercase_start(struct buf *para)
{
    if (para->len >= 2 && para->data[0] >= 'A' && para->data[0] <= 'Z' &&
        para->data[1] >= 'a' && para->data[1] <= 'z')
        para->data[0] = (char)(para->data[0] - 'A' + 'a');
}

/* Zero-width spaces after one to three of the paragraph's inner spaces:
 * inside the text, never at the start or end of a line. */
static void insert_zwsp(struct prng *r, struct buf *para, struct buf *scratch)
{
    size_t spaces = 0;
    for (size_t i = 1; i + 1 < para->len; i++)
        spaces += para->data[i] == ' ' && para->data[i + 1] != '\n';
    if (spaces == 0)
        return;
    unsigned want = (unsigned)prng_range(r, 1, 3);
    buf_reset(scratch);
    for (size_t i = 0, seen = 0; i < para->len; i++) {
        buf_append_char(scratch, para->data[i]);
        bool inner = i > 0 && i + 1 < para->len && para->data[i] == ' ' &&
                     para->data[i + 1] != '\n';
        if (inner && want > 0 && prng_below(r, spaces - seen) < want) {
            buf_append_str(scratch, ZWSP);
            want--;
        }
        seen += inner;
    }
    swap_bufs(para, scratch);
}

/* Characters written as HTML entities, as a page pasted from HTML shows. */
static void write_entities(struct prng *r, struct buf *para, struct buf *scratch)
{
    static const struct {
        const char *from, *named, *numeric;
    } table[] = {
        {"’", "&rsquo;", "&#8217;"}, {"‘", "&lsquo;", "&#8216;"}, {"“", "&ldquo;", "&#8220;"},
        {"”", "&rdquo;", "&#8221;"}, {"&", "&amp;", "&#38;"}, {"£", "&pound;", "&#163;"},
        {NBSP, "&nbsp;", "&#160;"}, {"–", "&ndash;", "&#8211;"}, {"é", "&eacute;", "&#233;"},
        {"\"", "&quot;", "&#34;"}, {"'", "&#39;", "&#39;"}};
    bool numeric = prng_chance(r, 30);
    buf_reset(scratch);
    for (size_t i = 0; i < para->len;) {
        size_t k = 0, n = sizeof table / sizeof *table;
        while (k < n && strncmp(para->data + i, table[k].from, strlen(table[k].from)) != 0)
            k++;
        if (k < n) {
            buf_append_str(scratch, numeric ? table[k].numeric : table[k].named);
            i += strlen(table[k].from);
        } else {
            buf_append_char(scratch, para->data[i++]);
        }
    }
    swap_bufs(para, scratch);
}

static void put_code_point(struct buf *out, unsigned cp)
{
    if (cp < 0x80) {
        buf_append_char(out, (char)cp);
    } else if (cp < 0x800) {
        buf_append_char(out, (char)(0xC0 | (cp >> 6)));
        buf_append_char(out, (char)(0x80 | (cp & 0x3F)));
    } else {
        buf_append_char(out, (char)(0xE0 | (cp >> 12)));
        buf_append_char(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
        buf_append_char(out, (char)(0x80 | (cp & 0x3F)));
    }
}

/* UTF-8 read as Windows-1252 and written out again as UTF-8: ’ becomes
 * â€™. The five bytes 1252 leaves undefined read as Latin-1 (C1 controls),
 * as the usual decoders do. */
static void make_mojibake(struct buf *para, struct buf *scratch)
{
    static const unsigned short cp1252[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    buf_reset(scratch);
    for (size_t i = 0; i < para->len; i++) {
        unsigned char c = (unsigned char)para->data[i];
        if (c < 0x80)
            buf_append_char(scratch, (char)c);
        else
            put_code_point(scratch, c < 0xA0 ? cp1252[c - 0x80] : c);
    }
    swap_bufs(para, scratch);
}

/* Noise for the next paragraph of the post, from that paragraph's own
 * stream. */
static void add_noise(struct post_render *pr, struct buf *para, const struct noise *n)
{
    struct prng r;
    prng_seed(&r, prng_mix(pr->noise_seed, pr->paragraph++));
    struct buf *scratch = &pr->g->scratch;
    if (prng_chance_mille(&r, n->curly))
        make_curly(para, scratch);
    if (prng_chance_mille(&r, n->lowercase))
        lowercase_start(para);
    if (prng_chance_mille(&r, n->zwsp))
        insert_zwsp(&r, para, scratch);
    if (prng_chance_mille(&r, n->entities))
        write_entities(&r, para, scratch);
    else if (prng_chance_mille(&r, n->mojibake))
        make_mojibake(para, scratch);
    if (prng_chance_mille(&r, n->trailing_nbsp))
        buf_append_str(para, NBSP);
}

/* ---- prose -------------------------------------------------------------------------- */

/* Between two sentences: mostly a space, sometimes the non-breaking space
 * or double space that pasted text carries. */
static void sentence_gap(struct prng *r, struct buf *out)
{
    unsigned roll = (unsigned)prng_below(r, 100);
    buf_append_str(out, roll < 90 ? " " : roll < 94 ? NBSP : roll < 97 ? NBSP " " : "  ");
}

static void add_sentences(struct post_render *pr, const char *slot, long count, struct buf *out)
{
    for (long i = 0; i < count; i++) {
        if (out->len > 0 && out->data[out->len - 1] != '\n')
            sentence_gap(&pr->rng, out);
        text_sentence(&pr->text, slot, out);
    }
}

/* Near duplicates: a few words swapped for others. */
static void edit_words(struct prng *r, struct buf *para, struct buf *scratch, unsigned *edits)
{
    static const char *const pairs[][2] = {
        {"said", "stated"}, {"staff", "colleagues"}, {"report", "review"}, {"warned", "told"},
        {"really", "truly"}, {"worse", "poorer"}, {"ministers", "politicians"},
        {"figures", "numbers"}, {"believe", "think"}, {"problem", "issue"},
        {"grim", "bleak"}, {"depressing", "dispiriting"}, {"contracts", "deals"},
        {"nobody", "no one"}, {"years", "months"}, {"week", "fortnight"}, {"frankly", "honestly"}};
    buf_reset(scratch);
    for (size_t i = 0; i < para->len;) {
        bool boundary = i == 0 || !((para->data[i - 1] | 0x20) >= 'a' && (para->data[i - 1] | 0x20) <= 'z');
        size_t k = 0, n = sizeof pairs / sizeof *pairs, len = 0;
        for (; boundary && *edits > 0 && k < n; k++) {
            len = strlen(pairs[k][0]);
            char after = i + len < para->len ? para->data[i + len] : ' ';
            bool word_end = !((after | 0x20) >= 'a' && (after | 0x20) <= 'z');
            if (strncmp(para->data + i, pairs[k][0], len) == 0 && word_end && prng_chance(r, 60))
                break;
        }
        if (boundary && *edits > 0 && k < n) {
            buf_append_str(scratch, pairs[k][1]);
            i += len;
            (*edits)--;
        } else {
            buf_append_char(scratch, para->data[i++]);
        }
    }
    swap_bufs(para, scratch);
}

/* ---- a post: cast, header, the blogger's text ---------------------------------- */

static void set_cast(struct post_render *pr, enum cast_role role, const char *tmpl)
{
    struct buf *b = &pr->g->scratch;
    buf_reset(b);
    text_expand(&pr->text, tmpl, b);
    snprintf(pr->cast[role], sizeof pr->cast[role], "%s", b->data);
    pr->text.cast[role] = pr->cast[role];
}

static void choose_cast(struct post_render *pr)
{
    set_cast(pr, CAST_INSPECTOR, "Dame {first_f} {surname}");
    set_cast(pr, CAST_MINISTER, "{{first_m}|{first_f}} {surname}");
    set_cast(pr, CAST_UNION_LEADER, "{{first_m}|{first_f}} {surname}");
    set_cast(pr, CAST_CEO, "{{first_m}|{first_f}} {surname}");
    set_cast(pr, CAST_COMPANY, "{company}");
    set_cast(pr, CAST_AREA, "{region}");
    set_cast(pr, CAST_REPORTER, "{{first_m}|{first_f}} {surname}");
    set_cast(pr, CAST_MP, "{{first_m}|{first_f}} {surname}");
}

static void start_post(struct post_render *pr, struct generator *g, unsigned long long post,
                       size_t k)
{
    memset(pr, 0, sizeof *pr);
    pr->g = g;
    pr->number = post;
    prng_seed(&pr->rng, prng_mix(g->seed, post));
    pr->noise_seed = prng_mix(g->seed ^ 0x4E015E, post);
    pr->text.vocab = g->vocab;
    pr->text.rng = &pr->rng;
    long year;
    unsigned month;
    month_of(post_day(g, post), &year, &month);
    pr->text.year = (int)year;
    choose_cast(pr);
    pr->curly = prng_chance(&pr->rng, 40);
    struct buf id = BUF_INIT;
    buf_printf(&id, "%s/p%zu", g->name.data, k);
    pr->post_id = arena_put(g, id.data, id.len);
    buf_free(&id);
}

/* Date line and title; the post's record. Returns the title's arena offset. */
static size_t put_post_header(struct post_render *pr, unsigned blanks)
{
    struct generator *g = pr->g;
    long day = post_day(g, pr->number);
    struct buf *b = &g->para;
    buf_reset(b);
    write_date_line(b, day, date_style(blog_of(pr->number)));
    put_text_block(g, blanks, b);
    /* add_record may move the records; the arena never moves them. */
    struct pending_record *rec = add_record(g, "post");
    rec->id = pr->post_id;
    buf_reset(b);
    write_iso_date(b, day);
    rec->date = arena_put(g, b->data, b->len);
    buf_reset(b);
    text_sentence(&pr->text, "title", b);
    put_text_block(g, 1, b);
    rec->title = arena_put(g, b->data, b->len);
    return rec->title;
}

/* The ways a quote is introduced: a name after "from"/"in" (most of them,
 * as in the seeds), a line that is the source ("Napo Press Release:-"), an
 * organisation's own words, and a few the splitter is not expected to read
 * ("As reported by the Guardian:-"). */
enum intro_form { INTRO_OUTLET, INTRO_WHOLE_LINE, INTRO_ORG, INTRO_HARD };

static enum intro_form choose_intro_form(struct prng *r)
{
    unsigned roll = (unsigned)prng_below(r, 100);
    return roll < 4 ? INTRO_HARD : roll < 14 ? INTRO_WHOLE_LINE : roll < 24 ? INTRO_ORG : INTRO_OUTLET;
}

/* A template of `slot` with {src} replaced by source. */
static void expand_intro(struct post_render *pr, const char *slot, const struct buf *source,
                         struct buf *out)
{
    const struct vocab *v = pr->g->vocab;
    const char *tmpl = vocab_entry(v, slot, prng_below(&pr->rng, vocab_count(v, slot)));
    const char *at = strstr(tmpl, "{src}");
    text_expand_n(&pr->text, tmpl, (size_t)(at - tmpl), out);
    buf_append(out, source->data, source->len);
    text_expand(&pr->text, at + 5, out);
}

/* An intro ending in ":-" (and sometimes spaces after it) appended to out;
 * returns the source's arena offset. */
static size_t write_intro(struct post_render *pr, bool own_line, struct buf *out)
{
    static const char *const trailers[] = {NBSP, NBSP " " NBSP " " NBSP " " NBSP, " "};
    struct buf source = BUF_INIT;
    switch (choose_intro_form(&pr->rng)) {
    case INTRO_WHOLE_LINE:
        text_slot(&pr->text, "src_whole_line", &source);
        buf_append(out, source.data, source.len);
        buf_append_str(out, ":-");
        break;
    case INTRO_ORG:
        text_slot(&pr->text, "org_source", &source);
        expand_intro(pr, "intro_org", &source, out);
        break;
    case INTRO_HARD:
        text_slot(&pr->text, "outlet", &source);
        expand_intro(pr, "intro_hard", &source, out);
        break;
    case INTRO_OUTLET:
        text_slot(&pr->text, "outlet", &source);
        expand_intro(pr, own_line ? "intro_own_line" : "intro_inline", &source, out);
        break;
    }
    if (prng_chance(&pr->rng, 15))
        buf_append_str(out, trailers[prng_below(&pr->rng, 3)]);
    size_t at = arena_put(pr->g, source.data, source.len);
    buf_free(&source);
    return at;
}

struct own_plan {
    long paragraphs;
    long list_after;     /* the body list follows this paragraph; -1: none */
    long quotes;
    bool first_inline;   /* the first intro ends the last paragraph */
    long update_at;      /* the update paragraph goes before this one; -1: none */
};

static long weighted(struct prng *r, const unsigned *weights, size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++)
        total += weights[i];
    unsigned roll = (unsigned)prng_below(r, total);
    size_t i = 0;
    while (i + 1 < n && roll >= weights[i])
        roll -= weights[i++];
    return (long)i;
}

/* The content stream decides the layout; the variant stream only where
 * the update goes, so every view of the post shares its layout. */
static void plan_own_text(struct post_render *pr, const struct post_view *view,
                          struct prng *variant, struct own_plan *plan)
{
    static const unsigned paragraph_weights[] = {3, 8, 20, 30, 25, 14};
    static const unsigned quote_weights[] = {30, 45, 20, 5};
    struct prng *r = &pr->rng;
    plan->paragraphs = 1 + weighted(r, paragraph_weights, 6);
    plan->list_after = prng_chance(r, 12) ? (long)prng_below(r, (uint64_t)plan->paragraphs) : -1;
    plan->quotes = weighted(r, quote_weights, 4);
    plan->first_inline = plan->quotes > 0 && prng_chance(r, 60) &&
                         plan->list_after != plan->paragraphs - 1;
    plan->update_at = -1;
    if (view->update)
        plan->update_at = prng_chance(variant, 50) ? 0 : plan->paragraphs - 1;
}

static void blogger_paragraph(struct post_render *pr, long i, bool closing, struct buf *b)
{
    buf_reset(b);
    if (i == 0 && prng_chance(&pr->rng, 70))
        add_sentences(pr, "blog_open", 1, b);
    add_sentences(pr, "blog_sentence", i == 0 ? prng_range(&pr->rng, 2, 5) : prng_range(&pr->rng, 3, 7), b);
    if (closing && prng_chance(&pr->rng, 40))
        add_sentences(pr, "blog_close", 1, b);
}

/* A list under its intro line (from vocabulary slot `intro`): the items
 * (slot `item`, min_items to max_items of them, numbered with
 * numbered_percent chance, else bulleted) as one block after one blank
 * line or none. */
static void put_list(struct post_render *pr, const char *intro, const char *item,
                     unsigned numbered_percent, long min_items, long max_items)
{
    struct generator *g = pr->g;
    struct buf *b = &g->para;
    buf_reset(b);
    text_sentence(&pr->text, intro, b);
    put_text_block(g, 1, b);
    /* No draw for a list that is never numbered: the stream of random
     * numbers, and so the pages of a seed, stay as they were. */
    bool numbered = numbered_percent > 0 && prng_chance(&pr->rng, numbered_percent);
    unsigned blanks = prng_chance(&pr->rng, 70) ? 1 : 0;
    buf_reset(b);
    for (long i = 1, items = prng_range(&pr->rng, min_items, max_items); i <= items; i++) {
        if (numbered)
            buf_printf(b, "%s%ld. ", i > 1 ? "\n" : "", i);
        else
            buf_append_str(b, i > 1 ? "\n• " : "• ");
        text_sentence(&pr->text, item, b);
    }
    put_block(&g->text, blanks, 2, "", 2, b->data, b->len);
}

/* A numbered or bulleted list in the post, under a line ending in ':'. */
static void put_body_list(struct post_render *pr)
{
    put_list(pr, "blog_list_intro", "blog_list_item", 60, 2, 6);
}

static void put_update(struct post_render *pr, struct prng *variant)
{
    struct textgen vt = pr->text;
    vt.rng = variant;
    struct buf *b = &pr->g->scratch;
    buf_reset(b);
    text_sentence(&vt, "update_par", b);
    put_text_block(pr->g, 1, b);
}

/* The blogger's paragraphs. Returns the source of the first quote when its
 * intro ends the last paragraph, else NO_FIELD. */
static size_t put_own_text(struct post_render *pr, const struct own_plan *plan,
                           const struct post_view *view, struct prng *variant)
{
    struct generator *g = pr->g;
    struct buf *b = &g->para;
    unsigned edits = view->edits;
    size_t source = NO_FIELD;
    for (long i = 0; i < plan->paragraphs; i++) {
        bool last = i == plan->paragraphs - 1;
        if (plan->update_at == i)
            put_update(pr, variant);
        blogger_paragraph(pr, i, last && plan->quotes == 0, b);
        if (edits > 0)
            edit_words(variant, b, &g->scratch, &edits);
        if (pr->curly)
            make_curly(b, &g->scratch);
        add_noise(pr, b, &blogger_noise);
        if (last && plan->first_inline) {
            sentence_gap(&pr->rng, b);
            source = write_intro(pr, false, b);
        }
        put_text_block(g, 1, b);
        if (plan->list_after == i)
            put_body_list(pr);
    }
    return source;
}

/* ---- quoted articles ------------------------------------------------------------ */

/* "The key findings include:", bullets, and sometimes a paragraph right
 * under them with no blank line, as pasted articles have. */
static void put_findings(struct post_render *pr)
{
    put_list(pr, "findings_intro", "bullet_item", 0, 3, 6);
    struct generator *g = pr->g;
    struct buf *b = &g->para;
    if (prng_chance(&pr->rng, 50)) {
        buf_reset(b);
        text_expand(&pr->text, "{@inspector} {concluded|added|said}: \"{official_line}\"", b);
        make_curly(b, &g->scratch);
        put_text_block(g, 0, b);
    }
}

static void news_paragraph(struct post_render *pr, bool lead, struct buf *b)
{
    buf_reset(b);
    if (lead) {
        add_sentences(pr, "news_lead", 1, b);
        add_sentences(pr, "news_sentence", prng_range(&pr->rng, 0, 2), b);
        return;
    }
    for (long i = 0, n = prng_range(&pr->rng, 1, 4); i < n; i++)
        add_sentences(pr, prng_chance(&pr->rng, 35) ? "news_quote" : "news_sentence", 1, b);
}

static void put_quote(struct post_render *pr, size_t source, unsigned index)
{
    struct generator *g = pr->g;
    struct buf *b = &g->para;
    char number[16];
    snprintf(number, sizeof number, "%u", index);
    struct pending_record *rec = add_record(g, "quote");
    rec->id = arena_printf_post_child(g, pr->post_id, "q", number);
    rec->parent = pr->post_id;
    rec->source = source;
    bool has_headline = prng_chance(&pr->rng, 60);
    if (has_headline) {
        buf_reset(b);
        text_sentence(&pr->text, "headline", b);
        put_text_block(g, 1, b);
        rec->headline = arena_put(g, b->data, b->len);
    }
    long paragraphs = prng_range(&pr->rng, 4, 14);
    long findings_at = prng_chance(&pr->rng, 12) ? prng_range(&pr->rng, 1, paragraphs - 1) : -1;
    for (long i = 0; i < paragraphs; i++) {
        news_paragraph(pr, i == 0 && !has_headline, b);
        add_noise(pr, b, &news_noise);
        put_text_block(g, 1, b);
        if (i == findings_at)
            put_findings(pr);
    }
}

/* Every intro after the first: on a line of its own (mostly after two
 * blank lines, as the seeds have it), or ending a short paragraph. */
static size_t put_later_intro(struct post_render *pr, bool first)
{
    struct generator *g = pr->g;
    struct buf *b = &g->para;
    buf_reset(b);
    unsigned blanks = first || prng_chance(&pr->rng, 35) ? 1 : 2;
    if (prng_chance(&pr->rng, 25)) {
        add_sentences(pr, "blog_sentence", prng_range(&pr->rng, 1, 2), b);
        if (pr->curly)
            make_curly(b, &g->scratch);
        sentence_gap(&pr->rng, b);
        size_t source = write_intro(pr, false, b);
        put_text_block(g, blanks, b);
        return source;
    }
    size_t source = write_intro(pr, true, b);
    put_text_block(g, blanks, b);
    return source;
}

static void put_quotes(struct post_render *pr, const struct own_plan *plan, size_t first_source)
{
    for (long j = 0; j < plan->quotes; j++) {
        size_t source = j == 0 && first_source != NO_FIELD ? first_source
                                                             : put_later_intro(pr, j == 0);
        put_quote(pr, source, (unsigned)j + 1);
    }
}

/* ---- comments ----------------------------------------------------------------------- */

static long comment_total(struct prng *r)
{
    if (prng_chance(r, 15))
        return 0;
    unsigned roll = (unsigned)prng_below(r, 100);
    return roll < 40 ? prng_range(r, 1, 8) : roll < 80 ? prng_range(r, 9, 25) : prng_range(r, 26, 60);
}

/* A few lines of verse, one comment paragraph. */
static void comment_poem(struct post_render *pr, struct buf *b)
{
    if (prng_chance(&pr->rng, 40)) {
        text_sentence(&pr->text, "c_short", b);
        buf_append_char(b, '\n');
    }
    text_slot(&pr->text, "poem", b);
}

/* "Measures for improvement:" and "1: ..." lines: a list inside a comment,
 * which must not read as replies. */
static void comment_list(struct post_render *pr, struct buf *b)
{
    text_sentence(&pr->text, "c_list_head", b);
    for (long i = 1, items = prng_range(&pr->rng, 3, 5); i <= items; i++) {
        buf_printf(b, "\n%ld: ", i);
        text_slot(&pr->text, "c_list_item", b);
    }
    if (prng_chance(&pr->rng, 60)) {
        buf_append_char(b, '\n');
        text_sentence(&pr->text, "c_closing", b);
    }
}

static void comment_paragraph(struct post_render *pr, bool reply, bool opening, struct buf *b)
{
    struct prng *r = &pr->rng;
    buf_reset(b);
    unsigned roll = (unsigned)prng_below(r, 100);
    if (opening && reply && roll < 50) {
        add_sentences(pr, "c_reply_open", 1, b);
        add_sentences(pr, "c_sentence", prng_range(r, 0, 2), b);
    } else if (roll < 25) {
        add_sentences(pr, "c_short", 1, b);
        add_sentences(pr, "c_sentence", prng_chance(r, 40) ? 1 : 0, b);
    } else if (roll < 70) {
        add_sentences(pr, "c_sentence", prng_range(r, 1, 5), b);
    } else if (roll < 76) {
        add_sentences(pr, "c_rant", 1, b);
        add_sentences(pr, "c_sentence", 1, b);
    } else if (roll < 80 && opening) {
        comment_poem(pr, b);
    } else if (roll < 84 && opening) {
        comment_list(pr, b);
    } else if (roll < 89) {
        /* one sentence a line, no blank lines between */
        for (long i = 0, n = prng_range(r, 2, 4); i < n; i++) {
            if (i > 0)
                buf_append_char(b, '\n');
            text_sentence(&pr->text, prng_chance(r, 30) ? "c_short" : "c_sentence", b);
        }
    } else {
        add_sentences(pr, "c_sentence", prng_range(r, 2, 5), b);
    }
}

/* The comment's paragraphs, "\n\n" between them, '\n' between the lines
 * of one. */
static void build_comment(struct post_render *pr, bool reply, struct buf *out)
{
    struct prng *r = &pr->rng;
    unsigned roll = (unsigned)prng_below(r, 100);
    long paragraphs = reply ? (roll < 80 ? 1 : 2) : roll < 65 ? 1 : roll < 85 ? 2 : prng_range(r, 3, 6);
    buf_reset(out);
    for (long p = 0; p < paragraphs; p++) {
        comment_paragraph(pr, reply, p == 0, &pr->g->para);
        add_noise(pr, &pr->g->para, &comment_noise);
        if (out->len > 0)
            buf_append_str(out, "\n\n");
        buf_append(out, pr->g->para.data, pr->g->para.len);
    }
}

/* "  N. " then the first paragraph; later paragraphs indented two more. */
static void put_comment(struct generator *g, unsigned blanks, unsigned indent, const char *number,
                        const struct buf *text)
{
    char prefix[48];
    snprintf(prefix, sizeof prefix, "%s. ", number);
    const char *p = text->data, *end = text->data + text->len;
    bool first = true;
    while (p < end) {
        const char *gap = strstr(p, "\n\n");
        const char *stop = gap ? gap : end;
        put_block(&g->text, first ? blanks : 1, first ? indent : indent + 2, first ? prefix : "",
                  indent + 2, p, (size_t)(stop - p));
        first = false;
        p = gap ? gap + 2 : end;
    }
}

static void add_comment_record(struct post_render *pr, const char *n, size_t parent, int depth)
{
    struct pending_record *rec = add_record(pr->g, "comment");
    rec->id = arena_printf_post_child(pr->g, pr->post_id, "c", n);
    rec->parent = parent;
    rec->n = arena_put(pr->g, n, strlen(n));
    rec->depth = depth;
}

static void put_replies(struct post_render *pr, long top, size_t top_id)
{
    struct prng *r = &pr->rng;
    long replies = !prng_chance(r, 30) ? 0 : prng_chance(r, 90) ? prng_range(r, 1, 4) : prng_range(r, 5, 8);
    for (long m = 1; m <= replies; m++) {
        char n[48], number[24];
        snprintf(n, sizeof n, "%ld.%ld", top, m);
        snprintf(number, sizeof number, "%ld", m);
        build_comment(pr, true, &pr->g->comment);
        put_comment(pr->g, 1, 4, number, &pr->g->comment);
        add_comment_record(pr, n, top_id, 2);
    }
}

static void put_comments(struct post_render *pr, unsigned share)
{
    struct generator *g = pr->g;
    struct prng *r = &pr->rng;
    long total = comment_total(r);
    long shown = (total * (long)share + 99) / 100;
    unsigned roll = (unsigned)prng_below(r, 100);
    unsigned section_gap = roll < 85 ? 2 : roll < 95 ? 1 : 3;
    size_t mark = g->pending_count;
    buf_reset(&g->last_comment);
    for (long n = 1; n <= shown; n++) {
        bool after_replies = g->pending_count > mark + 1 &&
                             g->pending[g->pending_count - 1].depth == 2;
        unsigned blanks = n == 1 ? section_gap : after_replies && prng_chance(r, 25) ? 2 : 1;
        if (n > 1 && prng_chance(r, 4)) {
            buf_reset(&g->comment); /* pasted twice */
            buf_append(&g->comment, g->last_comment.data, g->last_comment.len);
        } else {
            build_comment(pr, false, &g->comment);
            buf_reset(&g->last_comment);
            buf_append(&g->last_comment, g->comment.data, g->comment.len);
        }
        char number[24];
        snprintf(number, sizeof number, "%ld", n);
        put_comment(g, blanks, 2, number, &g->comment);
        add_comment_record(pr, number, pr->post_id, 1);
        put_replies(pr, n, g->pending[g->pending_count - 1].id);
    }
}

/* One post onto the page as its k-th; returns its title's arena offset. */
static size_t put_post(struct generator *g, unsigned long long post, const struct post_view *view,
                       size_t k, unsigned blanks)
{
    struct post_render pr;
    start_post(&pr, g, post, k);
    struct prng variant;
    prng_seed(&variant, prng_mix(g->seed ^ 0x7A81A7, post));
    size_t title = put_post_header(&pr, blanks);
    struct own_plan plan;
    plan_own_text(&pr, view, &variant, &plan);
    size_t first_source = put_own_text(&pr, &plan, view, &variant);
    put_quotes(&pr, &plan, first_source);
    put_comments(&pr, view->comment_share);
    return title;
}

/* ---- pages ---------------------------------------------------------------------------- */

static unsigned long long recent_post(struct generator *g)
{
    unsigned long long lo = g->posts_out > RECENT_POSTS ? g->posts_out - RECENT_POSTS : 0;
    return lo + prng_below(&g->plan, g->posts_out - lo);
}

/* A crawl some days after `day`. */
static void set_crawl(struct generator *g, long day, long long *crawl_time)
{
    long crawl_day = day + prng_range(&g->plan, 1, 700);
    long second = (long)prng_below(&g->plan, 86400);
    *crawl_time = (long long)crawl_day * 86400 + second;
    buf_reset(&g->crawl_date);
    write_iso_date(&g->crawl_date, crawl_day);
    buf_printf(&g->crawl_date, "T%02ld:%02ld:%02ldZ", second / 3600, second / 60 % 60, second % 60);
}

static void url_base(struct generator *g, unsigned long long post, bool with_month)
{
    long year;
    unsigned month;
    month_of(post_day(g, post), &year, &month);
    buf_reset(&g->url);
    buf_append_str(&g->url, "https://");
    blog_host(blog_of(post), &g->url);
    buf_printf(&g->url, "/%ld/", year);
    if (with_month)
        buf_printf(&g->url, "%02u/", month);
}

/* "Inspector Signals End of TR" -> "inspector-signals-end-of-tr" */
static void append_slug(struct buf *url, const char *title)
{
    size_t start = url->len;
    bool dash = false;
    for (const char *p = title; *p && url->len - start < 40; p++) {
        char c = (char)(*p | (*p >= 'A' && *p <= 'Z' ? 0x20 : 0));
        if (c == '\'')
            continue; /* "It's" -> "its" */
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && url->len > start)
                buf_append_char(url, '-');
            buf_append_char(url, c);
            dash = false;
        } else {
            dash = true;
        }
    }
    buf_append_str(url, ".html");
}

/* The first crawl of a post shows most or all of its comments. */
static struct post_view first_view(const struct generator *g, unsigned long long post)
{
    struct prng r;
    prng_seed(&r, prng_mix(g->seed ^ 0xF125, post));
    unsigned share = prng_chance(&r, 70) ? 100 : (unsigned)prng_range(&r, 40, 99);
    return (struct post_view){false, 0, share};
}

static const char *make_post_page(struct generator *g, unsigned long long post, bool mobile,
                                  long long *crawl_time)
{
    struct post_view view = first_view(g, post);
    size_t title = put_post(g, post, &view, 1, 0);
    url_base(g, post, true);
    append_slug(&g->url, g->arena.data + title);
    if (mobile)
        buf_append_str(&g->url, "?m=1");
    set_crawl(g, post_day(g, post), crawl_time);
    return mobile ? "mobile" : "post";
}

/* A later crawl of a recent post: an update, a few words changed, every
 * comment. */
static const char *make_recrawl(struct generator *g, long long *crawl_time)
{
    unsigned long long post = recent_post(g);
    struct post_view view = {prng_chance(&g->plan, 70), 0, 100};
    if (prng_chance(&g->plan, 60) || !view.update)
        view.edits = (unsigned)prng_range(&g->plan, 2, 4);
    size_t title = put_post(g, post, &view, 1, 0);
    url_base(g, post, true);
    append_slug(&g->url, g->arena.data + title);
    set_crawl(g, post_day(g, post) + 30, crawl_time);
    return "recrawl";
}

/* Posts of one blog published so far whose day is in [from, to], newest
 * first, at most max of them. */
static size_t collect_period(struct generator *g, unsigned long long near, long from, long to,
                             unsigned long long *out, size_t max)
{
    size_t count = 0;
    unsigned long long q = newest_in_blog(g, blog_of(near));
    for (; q != ULLONG_MAX && count < max; q = q >= BLOGS ? q - BLOGS : ULLONG_MAX) {
        long day = post_day(g, q);
        if (day < from)
            break;
        if (day <= to)
            out[count++] = q;
    }
    return count;
}

static void put_posts(struct generator *g, const unsigned long long *posts, size_t count,
                      unsigned first_blanks)
{
    unsigned share = prng_chance(&g->plan, 40) ? 100 : 0;
    for (size_t k = 0; k < count; k++) {
        struct post_view view = {false, 0, share};
        put_post(g, posts[k], &view, k + 1, k == 0 ? first_blanks : 1);
    }
}

static const char *make_archive(struct generator *g, bool yearly, long long *crawl_time)
{
    unsigned long long near = recent_post(g), posts[ARCHIVE_MAX_POSTS] = {0};
    long year;
    unsigned month;
    month_of(post_day(g, near), &year, &month);
    long from = days_from_civil(year, yearly ? 1 : month, 1);
    long to = yearly ? days_from_civil(year, 12, 31)
                     : days_from_civil(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1;
    size_t count = collect_period(g, near, from, to, posts, yearly ? YEARLY_MAX_POSTS : ARCHIVE_MAX_POSTS);
    put_posts(g, posts, count, 0);
    url_base(g, near, !yearly);
    set_crawl(g, post_day(g, posts[0]), crawl_time);
    return yearly ? "yearly" : "monthly";
}

static void append_label_path(struct buf *url, const char *label)
{
    for (const char *p = label; *p; p++) {
        if (*p == ' ')
            buf_append_str(url, "%20");
        else if (*p == '\'')
            buf_append_str(url, "%27");
        else
            buf_append_char(url, *p);
    }
}

static unsigned pick_label(struct prng *r, unsigned labels)
{
    unsigned count = 0;
    for (unsigned bit = 0; bit < 32; bit++)
        count += labels >> bit & 1;
    unsigned want = (unsigned)prng_below(r, count);
    for (unsigned bit = 0; bit < 32; bit++)
        if ((labels >> bit & 1) && want-- == 0)
            return bit;
    return 0;
}

/* "Showing posts with label X. Show all posts", then the newest posts of
 * the blog with that label. */
static const char *make_label_page(struct generator *g, long long *crawl_time)
{
    unsigned long long near = recent_post(g), posts[LABEL_MAX_POSTS] = {0};
    unsigned bit = pick_label(&g->plan, post_labels(g, near));
    const char *label = vocab_entry(g->vocab, "labels", bit);
    size_t max = (size_t)prng_range(&g->plan, 2, LABEL_MAX_POSTS), count = 0;
    unsigned long long q = newest_in_blog(g, blog_of(near));
    for (unsigned scanned = 0; q != ULLONG_MAX && count < max && scanned < LABEL_SCAN; scanned++) {
        if (post_labels(g, q) >> bit & 1)
            posts[count++] = q;
        q = q >= BLOGS ? q - BLOGS : ULLONG_MAX;
    }
    buf_reset(&g->para);
    buf_printf(&g->para, "Showing posts with label %s. Show all posts", label);
    put_text_block(g, 0, &g->para);
    put_posts(g, posts, count, 1);
    buf_reset(&g->url);
    buf_append_str(&g->url, "https://");
    blog_host(blog_of(near), &g->url);
    buf_append_str(&g->url, "/search/label/");
    append_label_path(&g->url, label);
    set_crawl(g, post_day(g, posts[0]), crawl_time);
    return "label";
}

/* ---- the generator ----------------------------------------------------------------------- */

struct generator *generator_new(uint64_t seed)
{
    struct generator *g = xcalloc(1, sizeof *g);
    g->seed = seed;
    g->vocab = vocab_new();
    prng_seed(&g->plan, prng_mix(seed, 0x91A4));
    return g;
}

void generator_free(struct generator *g)
{
    if (!g)
        return;
    vocab_free(g->vocab);
    struct buf *bufs[] = {&g->text, &g->name, &g->url, &g->crawl_date, &g->arena,
                          &g->para, &g->scratch, &g->comment, &g->last_comment};
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++)
        buf_free(bufs[i]);
    free(g->pending);
    free(g->records);
    free(g);
}

static const char *make_page(struct generator *g, long long *crawl_time)
{
    unsigned roll = g->posts_out == 0 ? 0 : (unsigned)prng_below(&g->plan, 100);
    if (roll < 58)
        return make_post_page(g, g->posts_out++, false, crawl_time);
    if (roll < 61)
        return make_post_page(g, recent_post(g), true, crawl_time);
    if (roll < 67)
        return make_recrawl(g, crawl_time);
    if (roll < 80)
        return make_archive(g, false, crawl_time);
    if (roll < 86)
        return make_archive(g, true, crawl_time);
    return make_label_page(g, crawl_time);
}

/* A few pages come with Windows line ends. */
static void maybe_crlf(struct generator *g)
{
    if (!prng_chance_mille(&g->plan, 10))
        return;
    buf_reset(&g->scratch);
    for (size_t i = 0; i < g->text.len; i++) {
        if (g->text.data[i] == '\n')
            buf_append_char(&g->scratch, '\r');
        buf_append_char(&g->scratch, g->text.data[i]);
    }
    swap_bufs(&g->text, &g->scratch);
}

static const char *field(const struct generator *g, size_t at)
{
    return at == NO_FIELD ? NULL : g->arena.data + at;
}

static void resolve_records(struct generator *g)
{
    if (g->records_cap < g->pending_count) {
        g->records_cap = g->pending_cap;
        g->records = xrealloc(g->records, g->records_cap * sizeof *g->records);
    }
    for (size_t i = 0; i < g->pending_count; i++) {
        const struct pending_record *p = &g->pending[i];
        g->records[i] = (struct gen_record){p->kind, field(g, p->id), field(g, p->parent),
                                            field(g, p->date), field(g, p->title),
                                            field(g, p->source), field(g, p->headline),
                                            field(g, p->n), p->depth};
    }
}

void generator_next(struct generator *g, struct gen_page *page)
{
    buf_reset(&g->text);
    buf_reset(&g->arena);
    buf_reset(&g->name);
    g->pending_count = 0;
    buf_printf(&g->name, "%06llu_%016llx", g->page_number,
               (unsigned long long)prng_mix(g->seed ^ 0x9A9E, g->page_number));
    long long crawl_time = 0;
    const char *kind = make_page(g, &crawl_time);
    maybe_crlf(g);
    resolve_records(g);
    buf_reserve(&g->text, 0);
    *page = (struct gen_page){g->name.data, g->text.data, g->text.len, g->url.data,
                              g->crawl_date.data, crawl_time, kind, g->records,
                              g->pending_count};
    g->page_number++;
}
