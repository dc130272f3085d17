/* gentext.c — the template language and the figures (see gentext.h). */
#include "gentext.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genvocab.h"

/* ---- the vocabulary index --------------------------------------------------- */

struct vocab {
    const struct vocab_slot **slots; /* sorted by name; owned array */
    size_t count;
};

static int compare_slots(const void *a, const void *b)
{
    const struct vocab_slot *const *x = a, *const *y = b;
    return strcmp((*x)->name, (*y)->name);
}

struct vocab *vocab_new(void)
{
    struct vocab *v = xmalloc(sizeof *v);
    v->count = vocab_slot_count;
    v->slots = xmalloc(v->count * sizeof *v->slots);
    for (size_t i = 0; i < v->count; i++)
        v->slots[i] = &vocab_slots[i];
    qsort(v->slots, v->count, sizeof *v->slots, compare_slots);
    return v;
}

void vocab_free(struct vocab *v)
{
    if (!v)
        return;
    free(v->slots);
    free(v);
}

/* Compare name[0..len) with a NUL-terminated word. */
static int compare_name(const char *name, size_t len, const char *word)
{
    int c = strncmp(name, word, len);
    if (c != 0)
        return c;
    return word[len] == '\0' ? 0 : -1;
}

static const struct vocab_slot *find_slot(const struct vocab *v, const char *name, size_t len)
{
    size_t lo = 0, hi = v->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_name(name, len, v->slots[mid]->name);
        if (c == 0)
            return v->slots[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

size_t vocab_count(const struct vocab *v, const char *name)
{
    const struct vocab_slot *slot = find_slot(v, name, strlen(name));
    return slot ? slot->count : 0;
}

const char *vocab_entry(const struct vocab *v, const char *name, size_t i)
{
    const struct vocab_slot *slot = find_slot(v, name, strlen(name));
    return slot && i < slot->count ? slot->entries[i] : NULL;
}

/* ---- numbers in words and digits ---------------------------------------------- */

static const char *const ones[20] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen"};
static const char *const tens[10] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"};
static const char *const weekday_names[7] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

void text_number_word(struct buf *out, unsigned n)
{
    n %= 100;
    if (n < 20) {
        buf_append_str(out, ones[n]);
        return;
    }
    buf_append_str(out, tens[n / 10]);
    if (n % 10) {
        buf_append_char(out, '-');
        buf_append_str(out, ones[n % 10]);
    }
}

void text_grouped(struct buf *out, unsigned long long n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", n);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf_append_char(out, ',');
        buf_append_char(out, digits[i]);
    }
}

static unsigned pick(struct prng *r, unsigned lo, unsigned hi)
{
    return (unsigned)prng_range(r, (long)lo, (long)hi);
}

/* before, a number from lo to hi in words, after: "every six weeks". */
static void worded(struct buf *out, struct prng *r, const char *before, unsigned lo,
                   unsigned hi, const char *after)
{
    buf_append_str(out, before);
    text_number_word(out, pick(r, lo, hi));
    buf_append_str(out, after);
}

static const char *one_of(struct prng *r, const char *const *list, size_t n)
{
    return list[prng_below(r, n)];
}

#define ONE_OF(r, list) one_of((r), (list), sizeof(list) / sizeof *(list))

/* "up to ", "almost ": the qualifiers SPEC lists as `approx`, sometimes. */
static void maybe_qualifier(struct prng *r, unsigned percent, struct buf *out)
{
    static const char *const qualifiers[] = {
        "up to ", "almost ", "nearly ", "more than ", "over ", "about ", "around ",
        "at least ", "less than "};
    if (prng_chance(r, percent))
        buf_append_str(out, ONE_OF(r, qualifiers));
}

/* ---- figures ------------------------------------------------------------------- */

static void fig_percent(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    maybe_qualifier(r, 30, out);
    unsigned n = pick(r, 2, 95);
    switch (prng_below(r, 5)) {
    case 0:
    case 1: buf_printf(out, "%u%%", n); break;
    case 2: buf_printf(out, "%u.%u%%", n, pick(r, 1, 9)); break;
    case 3: buf_printf(out, "%u per cent", n); break;
    default: buf_printf(out, "%u%%", pick(r, 2, 20) * 5); break;
    }
}

static void write_money(struct textgen *t, unsigned qualified_percent, struct buf *out)
{
    static const char *const currencies[] = {"£", "£", "£", "£", "£", "£", "$", "€"};
    struct prng *r = t->rng;
    maybe_qualifier(r, qualified_percent, out);
    buf_append_str(out, ONE_OF(r, currencies));
    /* Drawn before the call: the order in which arguments are evaluated
     * is unspecified, and the output must not depend on the compiler. */
    unsigned tenths = pick(r, 1, 9);
    switch (prng_below(r, 7)) {
    case 0: buf_printf(out, "%um", pick(r, 2, 900)); break;
    case 1: buf_printf(out, "%u.%um", pick(r, 1, 99), tenths); break;
    case 2: buf_printf(out, "%u.%ubn", pick(r, 1, 9), tenths); break;
    case 3: buf_printf(out, "%uk", pick(r, 10, 900)); break;
    case 4: text_grouped(out, (unsigned long long)pick(r, 20, 19980) * 50); break;
    case 5: buf_printf(out, "%u million", pick(r, 2, 500)); break;
    default: buf_printf(out, "%u.%u billion", pick(r, 1, 4), tenths); break;
    }
}

static void fig_money(struct textgen *t, struct buf *out)
{
    write_money(t, 20, out);
}

static void fig_amount(struct textgen *t, struct buf *out)
{
    write_money(t, 0, out);
}

static void fig_cases(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    unsigned lo = pick(r, 20, 90);
    switch (prng_below(r, 4)) {
    case 0: buf_printf(out, "%u cases", pick(r, 20, 250)); break;
    case 1:
        maybe_qualifier(r, 100, out);
        buf_printf(out, "%u cases", pick(r, 40, 250));
        break;
    case 2: buf_printf(out, "%u-%u cases", lo, lo + pick(r, 2, 12) * 5); break;
    default: buf_printf(out, "between %u and %u cases", lo, lo + pick(r, 2, 12) * 5); break;
    }
}

static void fig_count_offenders(struct textgen *t, struct buf *out)
{
    static const char *const nouns[] = {
        "offenders", "offenders", "people", "prisoners", "service users",
        "people on probation", "ex-offenders"};
    struct prng *r = t->rng;
    maybe_qualifier(r, 35, out);
    unsigned thousands = pick(r, 1, 300);
    text_grouped(out, (unsigned long long)thousands * 1000 + pick(r, 0, 3) * 250);
    buf_append_char(out, ' ');
    buf_append_str(out, ONE_OF(r, nouns));
}

static void fig_count_staff(struct textgen *t, struct buf *out)
{
    static const char *const nouns[] = {
        "staff", "probation officers", "PSOs", "officers", "employees", "agency workers"};
    struct prng *r = t->rng;
    maybe_qualifier(r, 30, out);
    unsigned n = prng_chance(r, 50) ? pick(r, 12, 950) : pick(r, 1, 60) * 100;
    text_grouped(out, n);
    buf_append_char(out, ' ');
    buf_append_str(out, ONE_OF(r, nouns));
}

static void fig_count_cases(struct textgen *t, struct buf *out)
{
    buf_printf(out, "%u cases", pick(t->rng, 30, 400));
}

static void fig_of_the(struct textgen *t, struct buf *out)
{
    static const char *const wholes[] = {
        "companies", "CRCs", "areas inspected", "prisons", "contracts", "offices"};
    struct prng *r = t->rng;
    unsigned whole = pick(r, 6, 40), part = pick(r, 2, whole - 1);
    if (part <= 20 && prng_chance(r, 70))
        text_number_word(out, part);
    else
        buf_printf(out, "%u", part);
    buf_printf(out, " of the %u %s", whole, ONE_OF(r, wholes));
}

static void fig_from_to(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    unsigned lo = pick(r, 10, 90), hi = lo + pick(r, 2, 20) * 5;
    switch (prng_below(r, 4)) {
    case 0: buf_printf(out, "from %u to %u", lo, hi); break;
    case 1: buf_printf(out, "from %u to %u cases", lo, hi); break;
    case 2: buf_printf(out, "between %u and %u", lo, hi); break;
    default: buf_printf(out, "%u-%u cases", lo, hi); break;
    }
}

static void fig_fraction(struct textgen *t, struct buf *out)
{
    static const char *const fractions[] = {
        "two thirds", "a third", "three quarters", "a quarter", "half", "one fifth",
        "two-thirds", "almost half", "more than a third", "nearly two thirds",
        "three-fifths", "a tenth"};
    buf_append_str(out, ONE_OF(t->rng, fractions));
}

static void fig_ratio(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    unsigned n = pick(r, 3, 10);
    switch (prng_below(r, 4)) {
    case 0: buf_printf(out, "1 in %u", n); break;
    case 1:
        buf_append_str(out, "one in ");
        text_number_word(out, n);
        break;
    case 2: buf_printf(out, "one in every %u", n); break;
    default: buf_printf(out, "%u in %u", pick(r, 2, n - 1), n); break;
    }
}

static void fig_multiplier(struct textgen *t, struct buf *out)
{
    static const char *const multipliers[] = {
        "trebled", "doubled", "more than doubled", "almost trebled", "quadrupled",
        "risen fourfold", "halved", "tripled", "increased fivefold", "nearly doubled"};
    buf_append_str(out, ONE_OF(t->rng, multipliers));
}

static void fig_times(struct textgen *t, struct buf *out)
{
    static const char *const times[] = {
        "twice as many", "three times as many", "four times as many", "five times as many",
        "almost twice as many"};
    buf_append_str(out, ONE_OF(t->rng, times));
}

static void fig_every(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    switch (prng_below(r, 5)) {
    case 0:
    case 1:
        worded(out, r, "every ", 2, 12, " weeks");
        break;
    case 2: buf_printf(out, "every %u weeks", pick(r, 2, 16)); break;
    case 3: buf_append_str(out, prng_chance(r, 50) ? "once a month" : "every fortnight"); break;
    default:
        worded(out, r, "once every ", 3, 8, " weeks");
        break;
    }
}

static void fig_period(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    switch (prng_below(r, 4)) {
    case 0: buf_printf(out, "%u months", pick(r, 2, 36)); break;
    case 1: worded(out, r, "", 2, 10, " years"); break;
    case 2: worded(out, r, "", 2, 12, " weeks"); break;
    default: buf_printf(out, "%u days", pick(r, 10, 90)); break;
    }
}

static void fig_short_period(struct textgen *t, struct buf *out)
{
    static const char *const periods[] = {
        "six weeks", "10 days", "month", "fortnight", "28 days", "three weeks"};
    buf_append_str(out, ONE_OF(t->rng, periods));
}

static void fig_short_period_or_year(struct textgen *t, struct buf *out)
{
    static const char *const periods[] = {
        "a year", "12 months", "two years", "six months", "18 months"};
    buf_append_str(out, ONE_OF(t->rng, periods));
}

static void fig_over_period(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    switch (prng_below(r, 4)) {
    case 0: worded(out, r, "over the next ", 2, 9, " years"); break;
    case 1: buf_printf(out, "over %u months", pick(r, 6, 36)); break;
    case 2: buf_append_str(out, "over the life of the contracts"); break;
    default: buf_append_str(out, "this year"); break;
    }
}

/* ---- numbers that are not figures ------------------------------------------------ */

static unsigned past_year(struct textgen *t)
{
    unsigned now = t->year > 0 ? (unsigned)t->year : 2019;
    return pick(t->rng, now - 8, now);
}

static void num_year(struct textgen *t, struct buf *out)
{
    buf_printf(out, "%u", past_year(t));
}

static void num_month_year(struct textgen *t, struct buf *out)
{
    const char *month = ONE_OF(t->rng, month_names);
    buf_printf(out, "%s %u", month, past_year(t));
}

static const char *ordinal_suffix(unsigned day)
{
    if (day % 10 == 1 && day != 11)
        return "st";
    if (day % 10 == 2 && day != 12)
        return "nd";
    if (day % 10 == 3 && day != 13)
        return "rd";
    return "th";
}

static void num_date(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    unsigned day = pick(r, 1, 28);
    const char *month = ONE_OF(r, month_names);
    switch (prng_below(r, 3)) {
    case 0: buf_printf(out, "%u %s", day, month); break;
    case 1: buf_printf(out, "%s %u %s", ONE_OF(r, weekday_names), day, month); break;
    default: buf_printf(out, "the %u%s of %s", day, ordinal_suffix(day), month); break;
    }
}

static void num_weekday(struct textgen *t, struct buf *out)
{
    buf_append_str(out, weekday_names[prng_below(t->rng, 5)]);
}

static void num_clock(struct textgen *t, struct buf *out)
{
    struct prng *r = t->rng;
    unsigned hour = pick(r, 6, 23), minute = pick(r, 0, 59);
    switch (prng_below(r, 3)) {
    case 0: buf_printf(out, "%02u.%02u", hour, minute); break;
    case 1: buf_printf(out, "%02u:%02u", hour, minute); break;
    default:
        buf_printf(out, "%u.%02u%s", hour > 12 ? hour - 12 : hour, minute,
                   hour >= 12 ? "pm" : "am");
        break;
    }
}

static void num_small(struct textgen *t, struct buf *out)
{
    buf_printf(out, "%u", pick(t->rng, 2, 99));
}

static void num_big(struct textgen *t, struct buf *out)
{
    buf_printf(out, "%u", pick(t->rng, 30, 950));
}

static void num_word(struct textgen *t, struct buf *out)
{
    text_number_word(out, pick(t->rng, 2, 12));
}

typedef void (*figure_fn)(struct textgen *t, struct buf *out);

static const struct {
    const char *name;
    figure_fn write;
} figures[] = {
    {"percent", fig_percent}, {"money", fig_money}, {"amount", fig_amount}, {"cases", fig_cases},
    {"count_offenders", fig_count_offenders}, {"count_staff", fig_count_staff},
    {"count_cases", fig_count_cases}, {"of_the", fig_of_the}, {"from_to", fig_from_to},
    {"fraction", fig_fraction}, {"ratio", fig_ratio}, {"multiplier", fig_multiplier},
    {"times", fig_times}, {"every", fig_every}, {"period", fig_period},
    {"short_period", fig_short_period}, {"short_period_or_year", fig_short_period_or_year},
    {"over_period", fig_over_period}, {"year", num_year}, {"month_year", num_month_year},
    {"date", num_date}, {"weekday", num_weekday}, {"clock", num_clock}, {"num", num_small},
    {"num_big", num_big}, {"num_word", num_word}};

static const char *const cast_names[CAST_COUNT] = {
    "inspector", "minister", "union_leader", "ceo", "company", "area", "reporter", "mp"};

/* ---- expansion ---------------------------------------------------------------------- */

static void expand_range(struct textgen *t, const char *s, const char *end, struct buf *out);

static void unknown_name(const char *name, size_t len, struct buf *out)
{
    buf_append_str(out, "{?");
    buf_append(out, name, len);
    buf_append_char(out, '}');
}

static void expand_figure(struct textgen *t, const char *name, size_t len, struct buf *out)
{
    for (size_t i = 0; i < sizeof figures / sizeof *figures; i++) {
        if (compare_name(name, len, figures[i].name) == 0) {
            figures[i].write(t, out);
            return;
        }
    }
    unknown_name(name, len, out);
}

static void expand_cast(const struct textgen *t, const char *name, size_t len, struct buf *out)
{
    for (int i = 0; i < CAST_COUNT; i++) {
        if (compare_name(name, len, cast_names[i]) == 0) {
            buf_append_str(out, t->cast[i] ? t->cast[i] : "");
            return;
        }
    }
    unknown_name(name, len, out);
}

static bool recently_used(const struct textgen *t, const char *entry)
{
    for (unsigned i = 0; i < TEXT_RECENT; i++)
        if (t->recent[i] == entry)
            return true;
    return false;
}

/* A random entry, a few tries to avoid one used lately: a paragraph should
 * not say the same thing twice. */
static const char *pick_entry(struct textgen *t, const struct vocab_slot *slot)
{
    const char *entry = NULL;
    for (int tries = 0; tries < 4; tries++) {
        entry = slot->entries[prng_below(t->rng, slot->count)];
        if (!recently_used(t, entry))
            break;
    }
    t->recent[t->recent_next++ % TEXT_RECENT] = entry;
    return entry;
}

static void expand_name(struct textgen *t, const char *name, size_t len, struct buf *out)
{
    if (len > 0 && name[0] == '#') {
        expand_figure(t, name + 1, len - 1, out);
    } else if (len > 0 && name[0] == '@') {
        expand_cast(t, name + 1, len - 1, out);
    } else {
        const struct vocab_slot *slot = find_slot(t->vocab, name, len);
        if (!slot || slot->count == 0) {
            unknown_name(name, len, out);
            return;
        }
        const char *entry = pick_entry(t, slot);
        expand_range(t, entry, entry + strlen(entry), out);
    }
}

/* The top-level '|' of s[0..end): returns the number of alternatives and
 * where the chosen one starts and ends. */
static size_t choose_alternative(struct prng *r, const char *s, const char *end,
                                 const char **from, const char **to)
{
    size_t count = 1;
    int depth = 0;
    for (const char *p = s; p < end; p++) {
        depth += (*p == '{') - (*p == '}');
        count += depth == 0 && *p == '|';
    }
    if (count == 1)
        return 1;
    size_t want = prng_below(r, count), seen = 0;
    *from = s;
    depth = 0;
    for (const char *p = s; p < end; p++) {
        depth += (*p == '{') - (*p == '}');
        if (depth == 0 && *p == '|') {
            if (seen == want) {
                *to = p;
                return count;
            }
            seen++;
            *from = p + 1;
        }
    }
    *to = end;
    return count;
}

static void expand_braces(struct textgen *t, const char *s, const char *end, struct buf *out)
{
    size_t start = out->len;
    bool capital = s < end && *s == '^';
    if (capital)
        s++;
    const char *from = s, *to = end;
    if (choose_alternative(t->rng, s, end, &from, &to) > 1)
        expand_range(t, from, to, out);
    else
        expand_name(t, s, (size_t)(end - s), out);
    if (capital)
        text_capitalise(out, start);
}

/* Past the '}' that closes the '{' at s, or end when it is unclosed. */
static const char *closing_brace(const char *s, const char *end)
{
    int depth = 0;
    for (const char *p = s; p < end; p++) {
        depth += (*p == '{') - (*p == '}');
        if (depth == 0)
            return p + 1;
    }
    return end;
}

static void expand_range(struct textgen *t, const char *s, const char *end, struct buf *out)
{
    while (s < end) {
        const char *brace = memchr(s, '{', (size_t)(end - s));
        if (!brace) {
            buf_append(out, s, (size_t)(end - s));
            return;
        }
        buf_append(out, s, (size_t)(brace - s));
        const char *close = closing_brace(brace, end);
        const char *inner_end = close > brace + 1 && close[-1] == '}' ? close - 1 : close;
        expand_braces(t, brace + 1, inner_end, out);
        s = close;
    }
}

void text_expand(struct textgen *t, const char *tmpl, struct buf *out)
{
    expand_range(t, tmpl, tmpl + strlen(tmpl), out);
    buf_reserve(out, 0); /* terminated even when nothing was added */
}

void text_expand_n(struct textgen *t, const char *tmpl, size_t len, struct buf *out)
{
    expand_range(t, tmpl, tmpl + len, out);
    buf_reserve(out, 0);
}

void text_slot(struct textgen *t, const char *name, struct buf *out)
{
    expand_name(t, name, strlen(name), out);
    buf_reserve(out, 0);
}

void text_sentence(struct textgen *t, const char *name, struct buf *out)
{
    size_t start = out->len;
    text_slot(t, name, out);
    text_capitalise(out, start);
}

void text_capitalise(struct buf *out, size_t from)
{
    for (size_t i = from; i < out->len; i++) {
        unsigned char c = (unsigned char)out->data[i];
        if (c >= 'a' && c <= 'z') {
            out->data[i] = (char)(c - 'a' + 'A');
            return;
        }
        bool opening_quote = i + 2 < out->len && memcmp(out->data + i, "\xE2\x80", 2) == 0 &&
                             (out->data[i + 2] == '\x9C' || out->data[i + 2] == '\x98');
        if (opening_quote)
            i += 2;
        else if (c != '"' && c != '\'' && c != '(')
            return; /* a capital, a digit, a non-ASCII letter */
    }
}
