/* quotes.c — intros, sources and headlines of quoted articles (see
 * quotes.h).
 *
 * The source is read from the words of the intro's last sentence. Intros
 * are short; of a long sentence only the last INTRO_WORDS_MAX words are
 * read, which bounds the work and keeps the memory on the stack.
 */
#include "quotes.h"

#include <stdint.h>
#include <string.h>

#include "segscan.h"

enum {
    HEADLINE_MAX = 200,
    HEADLINE_WORDS_MAX = 25,
    INTRO_WORDS_MAX = 48,
    SOURCE_LINE_WORDS_MAX = 6, /* "Napo Press Release", "HMPPS staff bulletin" */
    FORMULA_WORDS_MAX = 12
};

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- markers and sentences -------------------------------------------------- */

/* Bytes of the dash ('-', en dash, em dash) that ends s[from..to), or 0. */
static size_t dash_before(const char *s, size_t from, size_t to)
{
    if (to > from && s[to - 1] == '-')
        return 1;
    if (seg_ends_with(s, from, to, "\xE2\x80\x93") || seg_ends_with(s, from, to, "\xE2\x80\x94"))
        return 3;
    return 0;
}

size_t quote_marker(const char *s, size_t from, size_t to)
{
    size_t end = seg_trim_back(s, from, to);
    size_t dash = dash_before(s, from, end);
    if (dash == 0)
        return SIZE_MAX;
    end -= dash;
    if (end > from && s[end - 1] == '-') /* ":--" */
        end--;
    end = seg_trim_back(s, from, end);
    return end > from && s[end - 1] == ':' ? end - 1 : SIZE_MAX;
}

size_t quote_colon(const char *s, size_t from, size_t to)
{
    size_t end = seg_trim_back(s, from, to);
    return end > from && s[end - 1] == ':' ? end - 1 : SIZE_MAX;
}

/* Bytes of the closing quote mark or bracket at s[i] (0 if none). */
static size_t closing_mark_at(const char *s, size_t i, size_t to)
{
    if (i < to && (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']'))
        return 1;
    bool curly = i + 3 <= to && memcmp(s + i, "\xE2\x80", 2) == 0 &&
                 (s[i + 2] == '\x9D' || s[i + 2] == '\x99');
    bool guillemet = i + 2 <= to && memcmp(s + i, "\xC2\xBB", 2) == 0;
    return curly ? 3 : guillemet ? 2 : 0;
}

/* Bytes of the closing quote mark or bracket that ends s[from..to). */
static size_t closing_mark_before(const char *s, size_t from, size_t to)
{
    for (size_t width = 1; width <= 3 && width <= to - from; width++)
        if (closing_mark_at(s, to - width, to) == width)
            return width;
    return 0;
}

size_t quote_sentence_start(const char *s, size_t from, size_t to)
{
    size_t start = from;
    for (size_t i = from; i < to; i++) {
        if (s[i] != '.' && s[i] != '!' && s[i] != '?')
            continue;
        size_t after = i + 1 + closing_mark_at(s, i + 1, to);
        size_t next = seg_skip_spaces(s, after, to);
        if (next > after && next < to)
            start = next;
    }
    return start;
}

/* ---- the words of an intro ------------------------------------------------------ */

/* A word without the quote marks, brackets and punctuation around it. */
struct word {
    size_t core, core_to;
};

struct words {
    const char *s;
    struct word w[INTRO_WORDS_MAX];
    size_t count;
};

static bool is_edge_punctuation(char c)
{
    return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' ||
           c == ')' || c == '"' || c == '\'' || c == '[' || c == ']';
}

/* Bytes of an opening curly quote at s[i] (0 if none). */
static size_t opening_mark_at(const char *s, size_t i, size_t to)
{
    return i + 3 <= to && memcmp(s + i, "\xE2\x80", 2) == 0 &&
                   (s[i + 2] == '\x9C' || s[i + 2] == '\x98')
               ? 3
               : 0;
}

static struct word make_word(const char *s, size_t from, size_t to)
{
    struct word w = {from, to};
    for (size_t width; w.core < w.core_to; w.core += width) {
        width = is_edge_punctuation(s[w.core]) ? 1 : opening_mark_at(s, w.core, w.core_to);
        if (width == 0)
            break;
    }
    for (size_t width; w.core_to > w.core; w.core_to -= width) {
        width = is_edge_punctuation(s[w.core_to - 1]) ? 1
                                                      : closing_mark_before(s, w.core, w.core_to);
        if (width == 0)
            break;
    }
    return w;
}

/* The last INTRO_WORDS_MAX words of s[from..to). */
static void read_words(const char *s, size_t from, size_t to, struct words *ws)
{
    ws->s = s;
    ws->count = 0;
    for (size_t i = seg_skip_spaces(s, from, to); i < to; i = seg_skip_spaces(s, i, to)) {
        size_t end = seg_word_end(s, i, to);
        if (ws->count == INTRO_WORDS_MAX) {
            memmove(ws->w, ws->w + 1, (INTRO_WORDS_MAX - 1) * sizeof *ws->w);
            ws->count--;
        }
        ws->w[ws->count++] = make_word(s, i, end);
        i = end;
    }
}

static bool is_one_of(const struct words *ws, size_t i, const char *const *lower_words)
{
    if (i >= ws->count)
        return false;
    const struct word *w = &ws->w[i];
    return seg_spells_any(ws->s + w->core, w->core_to - w->core, lower_words);
}

static bool is_capitalised(const struct words *ws, size_t i)
{
    return i < ws->count && ws->w[i].core < ws->w[i].core_to && seg_is_upper(ws->s[ws->w[i].core]);
}

static bool starts_with_digit(const struct words *ws, size_t i)
{
    return i < ws->count && ws->w[i].core < ws->w[i].core_to && seg_is_digit(ws->s[ws->w[i].core]);
}

/* "BBC", "HMPPS", "MoJ": two or more capitals. */
static bool is_acronym(const struct words *ws, size_t i)
{
    int capitals = 0;
    for (size_t k = ws->w[i].core; k < ws->w[i].core_to; k++)
        capitals += seg_is_upper(ws->s[k]);
    return capitals >= 2;
}

static const char *const *const date_words = LIST(
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "morning", "afternoon", "evening", "night", "week", "weekend",
    "month", "year");

/* A capitalised word that can be part of a name: not "I", not a date. */
static bool is_name_word(const struct words *ws, size_t i)
{
    return is_capitalised(ws, i) && !is_one_of(ws, i, LIST("i", "i'm", "i've", "i'd", "i'll")) &&
           !is_one_of(ws, i, date_words);
}

/* Where a name can start: "the ..." or a name word. */
static bool starts_name(const struct words *ws, size_t i)
{
    return (is_one_of(ws, i, LIST("the")) && i + 1 < ws->count) || is_name_word(ws, i);
}

/* ---- where the name is ------------------------------------------------------------ */

struct name {
    size_t first, last; /* words [first, last] */
    bool found;
};

/* The name after the last of preps (a phrase of one or two words). */
static struct name name_after(const struct words *ws, const char *const *first_word,
                              const char *const *second_word)
{
    struct name n = {0, 0, false};
    size_t len = second_word ? 2 : 1;
    for (size_t i = 0; i + len < ws->count; i++) {
        if (is_one_of(ws, i, first_word) && (!second_word || is_one_of(ws, i + 1, second_word)) &&
            starts_name(ws, i + len))
            n = (struct name){i + len, ws->count - 1, true};
    }
    return n;
}

static const char *const *const say_verbs = LIST(
    "had", "has", "have", "says", "said", "say", "reports", "reported", "writes", "wrote",
    "thinks", "thought", "adds", "added", "published", "issued", "put");

/* X of "what X had to say", "how X reported it". */
static struct name name_of_what(const struct words *ws)
{
    struct name n = {0, 0, false};
    for (size_t i = 0; i + 2 < ws->count; i++) {
        if (!is_one_of(ws, i, LIST("what", "how")) || !starts_name(ws, i + 1))
            continue;
        for (size_t j = i + 2; j < ws->count; j++)
            if (is_one_of(ws, j, say_verbs)) {
                n = (struct name){i + 1, j - 1, true};
                break;
            }
    }
    return n;
}

/* "the Mail on Sunday", "the Independent on Sunday": a paper's name. */
static bool is_sunday_paper(const struct words *ws, size_t k)
{
    return k >= 2 && is_one_of(ws, k, LIST("sunday")) && is_one_of(ws, k - 1, LIST("on")) &&
           is_capitalised(ws, k - 2);
}

/* A name ends before a clause that follows it ("the Guardian, by Alan
 * Travis", "the BBC, which reports") and without a time after it ("today",
 * "on Tuesday", "this morning", "in December 2017"). */
static void trim_name(const struct words *ws, struct name *n)
{
    for (size_t i = n->first + 1; i <= n->last; i++)
        if (is_one_of(ws, i, LIST("by", "who", "which", "where", "reports", "says", "writes"))) {
            n->last = i - 1;
            break;
        }
    const char *const *const times = LIST(
        "today", "yesterday", "tonight", "earlier", "recently", "online", "too", "also", "again",
        "here", "below", "now");
    const char *const *const dangling = LIST(
        "on", "in", "at", "from", "of", "the", "and", "by", "this", "last", "over", "earlier");
    while (n->last > n->first) {
        size_t k = n->last;
        bool lower = !is_capitalised(ws, k); /* "Children & Young People Now" */
        if ((lower && (is_one_of(ws, k, times) || is_one_of(ws, k, dangling))) ||
            (is_one_of(ws, k, date_words) && !is_sunday_paper(ws, k)) ||
            (starts_with_digit(ws, k) && (is_one_of(ws, k - 1, date_words) ||
                                          is_one_of(ws, k - 1, LIST("on", "in", "at")))))
            n->last--;
        else
            break;
    }
}

static const char *const *const document_nouns = LIST(
    "statement", "release", "briefing", "bulletin", "response", "report", "editorial", "article",
    "letter", "email", "e-mail", "memo", "circular", "newsletter", "blog", "piece", "story",
    "news", "website", "announcement");

/* The last run of capitalised words, with "of", "&", "and" or "for"
 * inside it and "the" before it. */
static struct name last_capitalised_run(const struct words *ws)
{
    struct name n = {0, 0, false};
    size_t j = ws->count;
    while (j > 0 && !is_name_word(ws, j - 1))
        j--;
    if (j == 0)
        return n;
    size_t k = j - 1;
    for (;;) {
        if (k > 0 && is_name_word(ws, k - 1))
            k--;
        else if (k > 1 && is_one_of(ws, k - 1, LIST("of", "&", "and", "for")) &&
                 is_name_word(ws, k - 2))
            k -= 2;
        else
            break;
    }
    if (k > 0 && is_one_of(ws, k - 1, LIST("the")))
        k--;
    return (struct name){k, j - 1, true};
}

/* A run that opens the sentence is a name only when the sentence says
 * something about it ("The Guardian reports", "BBC News has this"); a line
 * like "Kestrel Justice statement" is the source as a whole. */
static bool run_is_name(const struct words *ws, const struct name *run)
{
    if (run->first > 0)
        return true;
    if (run->last + 1 == ws->count || is_one_of(ws, ws->count - 1, document_nouns))
        return false;
    return run->last > run->first || is_acronym(ws, run->first) ||
           is_one_of(ws, run->last + 1, say_verbs);
}

/* ---- the source ------------------------------------------------------------------------ */

static bool is_strippable_punctuation(char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '-';
}

/* s[from..to) without trailing spaces and punctuation. */
static size_t trim_punctuation_back(const char *s, size_t from, size_t to)
{
    for (;;) {
        size_t before = seg_trim_back(s, from, to);
        if (before > from && is_strippable_punctuation(s[before - 1]))
            before--;
        if (before == to)
            return to;
        to = before;
    }
}

/* Bytes of a possessive "'s" or "’s" that ends s[from..to). */
static size_t possessive_before(const char *s, size_t from, size_t to)
{
    if (seg_ends_with(s, from, to, "'s"))
        return 2;
    return seg_ends_with(s, from, to, "\xE2\x80\x99s") ? 4 : 0;
}

static void put_name(const struct words *ws, const struct name *n, struct buf *out)
{
    const char *s = ws->s;
    size_t from = ws->w[n->first].core, to = ws->w[n->last].core_to;
    to = trim_punctuation_back(s, from, to);
    to -= possessive_before(s, from, to);
    buf_reset(out);
    if (n->first == 0 && n->last > n->first && s[from] == 'T' && is_one_of(ws, 0, LIST("the"))) {
        buf_append_char(out, 't'); /* "The Guardian reports" names "the Guardian" */
        from++;
    }
    buf_append(out, s + from, to - from);
}

/* Where the intro names its source, in the order quote_source gives. */
static struct name find_name(const struct words *ws)
{
    struct name n = name_after(ws, LIST("from", "in", "on", "at", "via"), NULL);
    if (!n.found)
        n = name_after(ws, LIST("by"), NULL);
    if (!n.found)
        n = name_after(ws, LIST("according"), LIST("to"));
    if (n.found) {
        trim_name(ws, &n);
        return n;
    }
    n = name_of_what(ws);
    if (!n.found) {
        n = last_capitalised_run(ws);
        n.found = n.found && run_is_name(ws, &n);
    }
    return n;
}

void quote_source(const char *s, size_t from, size_t to, struct buf *out)
{
    struct words ws;
    read_words(s, from, to, &ws);
    struct name n = find_name(&ws);
    if (n.found) {
        put_name(&ws, &n, out);
        return;
    }
    from = seg_skip_spaces(s, from, to);
    to = trim_punctuation_back(s, from, to);
    buf_reset(out);
    buf_append(out, s + from, to - from);
}

static bool names_source(const struct words *ws)
{
    if (name_after(ws, LIST("from", "in", "on", "at", "via", "by"), NULL).found ||
        name_after(ws, LIST("according"), LIST("to")).found || name_of_what(ws).found)
        return true;
    return ws->count <= SOURCE_LINE_WORDS_MAX && is_capitalised(ws, 0) &&
           is_one_of(ws, ws->count - 1, document_nouns);
}

static bool reports_speech(const struct words *ws)
{
    const char *const *const verbs = LIST(
        "said", "says", "told", "tells", "concluded", "concludes", "added", "adds", "wrote",
        "writes", "explained", "stated", "warned", "insisted", "claimed", "argued", "asked",
        "replied", "commented", "found", "believes", "thinks", "put");
    for (size_t i = 0; i < ws->count; i++)
        if (is_one_of(ws, i, verbs))
            return true;
    return false;
}

enum intro_strength quote_intro_strength(const char *s, size_t from, size_t to)
{
    struct words ws;
    read_words(s, from, to, &ws);
    if (ws.count == 0 || !names_source(&ws))
        return INTRO_NONE;
    return ws.count <= FORMULA_WORDS_MAX && !reports_speech(&ws) ? INTRO_FORMULA : INTRO_SOURCE;
}

/* ---- headlines ---------------------------------------------------------------------------- */

/* s[from..to) without the closing quote marks and brackets that end it. */
static size_t strip_closing_marks(const char *s, size_t from, size_t to)
{
    size_t width;
    while ((width = closing_mark_before(s, from, to)) > 0)
        to = seg_trim_back(s, from, to - width);
    return to;
}

static bool ends_a_sentence(const char *s, size_t from, size_t to)
{
    char last = s[to - 1];
    return last == '.' || last == ',' || last == ':' || last == ';' ||
           seg_ends_with(s, from, to, "\xE2\x80\xA6");
}

bool quote_is_headline(const char *s, size_t from, size_t to)
{
    from = seg_skip_spaces(s, from, to);
    to = seg_trim_back(s, from, to);
    if (to == from || to - from > HEADLINE_MAX || seg_count_words(s, from, to) > HEADLINE_WORDS_MAX)
        return false;
    if (seg_is_lower(s[from]) || (to - from > 3 && memcmp(s + from, "By ", 3) == 0))
        return false;
    to = strip_closing_marks(s, from, to);
    return to > from && !ends_a_sentence(s, from, to);
}
