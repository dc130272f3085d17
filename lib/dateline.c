/* dateline.c — the date lines that open blog posts (see dateline.h).
 *
 * A small cursor reads the line left to right; each form is one function
 * that either consumes the whole line or fails, so a line that merely
 * starts with a date ("14 December 2017 at noon") is never a date line.
 */
#include "dateline.h"

#include <stdbool.h>

#include "segscan.h"

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};
static const char *const weekday_names[7] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

/* Longer abbreviations in common use besides the three-letter ones. */
static const struct {
    const char *word;
    int index; /* 1-based, as match_name returns */
    bool is_month;
} long_abbreviations[] = {
    {"sept", 9, true}, {"tues", 2, false}, {"thur", 4, false}, {"thurs", 4, false},
    {"weds", 3, false}};

struct cursor {
    const char *s;
    size_t pos, end;
};

/* Full name or its first three letters; returns index + 1, or 0. */
static int match_name(const char *word, size_t n, const char *const *names, int count)
{
    for (int i = 0; i < count; i++) {
        char abbreviation[4] = {names[i][0], names[i][1], names[i][2], '\0'};
        if (seg_spells(word, n, names[i]) || (n == 3 && seg_spells(word, n, abbreviation)))
            return i + 1;
    }
    return 0;
}

/* "Sept" is a month, "Tues"/"Thur"/"Thurs"/"Weds" weekdays. */
static int match_long_abbreviation(const char *word, size_t n, bool months)
{
    for (size_t i = 0; i < sizeof long_abbreviations / sizeof *long_abbreviations; i++)
        if (long_abbreviations[i].is_month == months &&
            seg_spells(word, n, long_abbreviations[i].word))
            return long_abbreviations[i].index;
    return 0;
}

static size_t take_letters(struct cursor *c)
{
    size_t from = c->pos;
    while (c->pos < c->end && seg_is_letter(c->s[c->pos]))
        c->pos++;
    return c->pos - from;
}

static bool take_number(struct cursor *c, size_t min_digits, size_t max_digits, unsigned *value)
{
    size_t digits = 0;
    *value = 0;
    while (c->pos < c->end && seg_is_digit(c->s[c->pos]) && digits < max_digits) {
        *value = *value * 10 + (unsigned)(c->s[c->pos] - '0');
        c->pos++;
        digits++;
    }
    /* "123" read with max 2 digits must not leave a digit behind. */
    if (c->pos < c->end && seg_is_digit(c->s[c->pos]))
        return false;
    return digits >= min_digits;
}

static bool take_byte(struct cursor *c, char byte)
{
    if (c->pos < c->end && c->s[c->pos] == byte) {
        c->pos++;
        return true;
    }
    return false;
}

/* Returns whether at least one space was skipped. */
static bool take_gap(struct cursor *c)
{
    size_t from = c->pos;
    c->pos = seg_skip_spaces(c->s, c->pos, c->end);
    return c->pos > from;
}

/* A name (or abbreviation, perhaps with a full stop) from names; returns
 * its index + 1, or 0 with the cursor where it was. */
static int take_name(struct cursor *c, const char *const *names, int count, bool months)
{
    size_t at = c->pos;
    size_t n = take_letters(c);
    int index = n ? match_name(c->s + at, n, names, count) : 0;
    if (index == 0 && n)
        index = match_long_abbreviation(c->s + at, n, months);
    if (index == 0) {
        c->pos = at;
        return 0;
    }
    if (n <= 5)
        take_byte(c, '.'); /* "Dec.", "Thurs." */
    return index;
}

/* A day of the month, with an optional ordinal suffix ("14th"). */
static bool take_day(struct cursor *c, unsigned *day)
{
    if (!take_number(c, 1, 2, day))
        return false;
    size_t at = c->pos;
    if (take_letters(c) == 2) {
        const char *suffix = c->s + at;
        if (seg_spells(suffix, 2, "st") || seg_spells(suffix, 2, "nd") ||
            seg_spells(suffix, 2, "rd") || seg_spells(suffix, 2, "th"))
            return true;
    }
    c->pos = at;
    return true;
}

static bool take_month(struct cursor *c, unsigned *month)
{
    *month = (unsigned)take_name(c, month_names, 12, true);
    return *month != 0;
}

/* A comma or a gap (or both) between two parts of a date. */
static bool take_separator(struct cursor *c)
{
    bool comma = take_byte(c, ',');
    return take_gap(c) || comma;
}

/* The gap between a day and its month, perhaps with "of" in it. */
static bool take_day_month_gap(struct cursor *c)
{
    if (!take_gap(c))
        return false;
    size_t at = c->pos;
    if (take_letters(c) == 2 && seg_spells(c->s + at, 2, "of") && take_gap(c))
        return true;
    c->pos = at;
    return true;
}

static bool parse_iso_date(struct cursor c, unsigned *year, unsigned *month, unsigned *day)
{
    return take_number(&c, 4, 4, year) && take_byte(&c, '-') && take_number(&c, 2, 2, month) &&
           take_byte(&c, '-') && take_number(&c, 2, 2, day) && c.pos == c.end;
}

/* D/M/YYYY, the UK order; M/D/YYYY only when the first number cannot be
 * a month's day order otherwise ("12/14/2017"). */
static bool parse_slashed_date(struct cursor c, unsigned *year, unsigned *month, unsigned *day)
{
    unsigned first = 0, second = 0;
    if (!take_number(&c, 1, 2, &first) || !take_byte(&c, '/') || !take_number(&c, 1, 2, &second) ||
        !take_byte(&c, '/') || !take_number(&c, 4, 4, year) || c.pos != c.end)
        return false;
    bool month_first = second > 12 && first <= 12;
    *day = month_first ? second : first;
    *month = month_first ? first : second;
    return true;
}

/* [Weekday[,]] D[th] [of] Month[,] YYYY  or  [Weekday[,]] Month D[th][,] YYYY */
static bool parse_named_date(struct cursor c, unsigned *year, unsigned *month, unsigned *day)
{
    if (take_name(&c, weekday_names, 7, false) && !take_separator(&c))
        return false;
    if (c.pos < c.end && seg_is_digit(c.s[c.pos])) {
        if (!take_day(&c, day) || !take_day_month_gap(&c) || !take_month(&c, month))
            return false;
    } else if (!take_month(&c, month) || !take_gap(&c) || !take_day(&c, day)) {
        return false;
    }
    return take_separator(&c) && take_number(&c, 4, 4, year) && c.pos == c.end;
}

static unsigned days_in_month(unsigned year, unsigned month)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

static void put_digits(char *out, unsigned value, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

int parse_date_line(const char *line, size_t len, char iso[11])
{
    struct cursor c = {line, 0, len};
    c.pos = seg_skip_spaces(line, 0, len);
    c.end = seg_trim_back(line, c.pos, len);
    unsigned year = 0, month = 0, day = 0;
    if (!parse_iso_date(c, &year, &month, &day) && !parse_slashed_date(c, &year, &month, &day) &&
        !parse_named_date(c, &year, &month, &day))
        return 0;
    if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return 0;
    put_digits(iso, year, 4);
    iso[4] = '-';
    put_digits(iso + 5, month, 2);
    iso[7] = '-';
    put_digits(iso + 8, day, 2);
    iso[10] = '\0';
    return 1;
}
