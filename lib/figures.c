/* figures.c — the statistics a text cites (see figures.h).
 *
 * How: one PCRE2 pattern per construction (percent, money, money in words,
 * pence, count, "X of the Y", ratio, fraction, multiplier, duration and
 * "six-weekly"), each run near its anchors (a currency sign, a number,
 * a time unit: see below) in the text. Anchors and patterns are compiled
 * anchored and tried only where rxstart.h says they may start: the same
 * matches an unanchored search finds, without PCRE2 trying every
 * position (a pattern gives up on a pathological starting point after
 * the match limit, as before, but now counted per starting point rather
 * than per search). A pattern finds a candidate
 * and names its parts (qualifier, numbers, unit); a small C function per
 * pattern reads the numbers (numwords.h) and applies the rules a pattern
 * cannot say well (years, references such as "page 18", bare numbers).
 * Candidates of all patterns that overlap are settled by keeping the longest
 * (then by kind: money, percent, fraction, ratio, multiplier, duration,
 * count), so "up to 40%" wins over a bare "up to 40".
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "figures.h"

#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "jsontext.h"
#include "numwords.h"
#include "rxstart.h"
#include "utf8.h"
#include "wordtrie.h"

/* ---- the patterns ------------------------------------------------------ */

/* No word character before: a figure never starts inside a word. */
#define NB "(?<![\\p{L}\\p{N}_])"
/* A number starts after no word character and no part of another number,
 * date or name: not in "R4", "08.46", "1975/6", "Covid-19", "£5". */
#define NUMSTART "(?<![\\p{L}\\p{N}_.,/:£$€'’-])"
/* ... and ends before no letter and no ".5", ":05", "/6". */
#define NUMEND "(?![\\p{L}\\p{N}_]|[.,:/][0-9])"
#define DIG "(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\\.[0-9]+)?|[0-9]+(?:\\.[0-9]+)?)"
#define SCALEW "(?:thousand|million|billion|trillion)"
#define DIGNUM "(?:" DIG "(?:(?:bn|m|k|tn)\\b|\\s+" SCALEW "\\b)?" NUMEND ")"
#define UNITW "(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen" \
              "|one|two|three|four|five|six|seven|eight|nine|ten)"
#define TENSW "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
#define SMALLW "(?:" TENSW "(?:[\\s-]" UNITW ")?|" UNITW ")\\b"
#define BIGW "(?:hundred|thousand|million|billion|trillion|dozen)"
#define WORDNUM "(?:(?:" SMALLW "|(?:half\\s+)?an?(?=\\s+" BIGW "\\b))" \
                "(?:\\s+and\\s+a\\s+half\\b)?"                          \
                "(?:\\s+" BIGW "\\b(?:\\s+(?:and\\s+)?" SMALLW ")?)*)"
#define INDEF "(?:(?:tens|dozens|hundreds|scores)\\s+of\\s+(?:thousands|millions|billions)" \
              "|dozens|hundreds|thousands|millions|billions)\\b"
#define NUM "(?:" DIGNUM "|" WORDNUM ")"
/* A counted number: "one" alone is too often a pronoun ("one of them"). */
#define CNUM "(?:" DIGNUM "|(?!one\\b(?!\\s+(?:and\\s+a\\s+half|" BIGW ")))" WORDNUM "|" INDEF ")"

#define QUAL "(?:up\\s+to|almost|more\\s+than|over|about|nearly|at\\s+least|less\\s+than|around" \
             "|some|approximately|fewer\\s+than|roughly|just\\s+over|just\\s+under|well\\s+over" \
             "|under|at\\s+most|no\\s+more\\s+than|no\\s+fewer\\s+than|no\\s+less\\s+than"     \
             "|as\\s+many\\s+as|as\\s+much\\s+as|as\\s+few\\s+as|an\\s+estimated|estimated"    \
             "|in\\s+excess\\s+of|close\\s+to|upwards\\s+of|approx\\.|approx|circa|above|below)"
#define QUALOPT "(?:" NB "(?<q>" QUAL ")\\s+)?"
#define FROMOPT "(?:" NB "(?<from>from|between)\\s+)?"
/* Between the ends of a range: "to"/"and" after from/between, else a dash
 * or "to" ("50-90", "50 to 100"). */
#define SEP "(?(<from>)\\s+(?:to|and)\\s+|(?:\\s*[-–]\\s*|\\s+to\\s+))"

/* Words that cannot stand between a number and its noun. */
#define STOPW "(?:the|a|an|of|and|or|nor|to|in|on|at|by|for|from|with|as|than|but|not|no|per" \
              "|into|onto|over|under|who|whom|whose|which|that|what|were|are|is|was|be|been"  \
              "|being|have|has|had|will|would|could|should|may|might|must|can|shall|do|does" \
              "|did|this|these|those|there|their|its|his|her|our|your|my|they|them|we|he|she" \
              "|it|you|i|me|more|less|most|least|each|every|all|any|some|if|so|up|out|off"    \
              "|about|such|only|just|also|then|here|when|where|while|after|before|since"      \
              "|until|between|during|including|against|among|within|without|across|through"  \
              "|via|ago|both|either|neither|too|very|still|yet|already|again|now|last|next"   \
              "|first|ever|never|even|how|why|said|says|told|tell|saw|seen|found|find|made"   \
              "|make|took|take|gave|give|got|get|went|go|came|come|thought|felt|knew|left"    \
              "|january|february|march|april|may|june|july|august|september|october"        \
              "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"           \
              "|" UNITW "|" TENSW "|" BIGW ")"
/* Plural-looking words that are not counted nouns: other kinds' units,
 * number words and common verbs in -s. */
#define NONUNIT "(?:seconds|secs|minutes|mins|hours|hrs|days|weeks|fortnights|months|years|yrs" \
                "|decades|centuries|times|thirds|quarters|halves|fifths|sixths|sevenths"        \
                "|eighths|ninths|tenths|percent|pounds|dollars|euros|pence|cents|tens|dozens"   \
                "|hundreds|thousands|millions|billions|was|has|as|its|yes|does|goes|says|gets"  \
                "|makes|means|seems|remains|includes|shows|needs|takes|gives|comes|refers"      \
                "|becomes|looks|tells|wants|helps|keeps|puts|sits|lets|suggests|represents"     \
                "|involves|contains|applies|stands|happens|follows|leaves|always|sometimes"     \
                "|perhaps|towards|afterwards|besides|whereas|nevertheless)"
#define IRREG "(?:people|children|men|women|staff|police|personnel|data|media|criteria|feet" \
              "|teeth|mice|sheep|deer|fish|cattle|youth|folk|crew|livestock|clergy|alumni)"
#define WORD "[\\p{L}\\p{M}][\\p{L}\\p{M}'’-]*"
#define MODW "(?!(?:" STOPW "|" NONUNIT ")\\b)" WORD
#define PLURAL "(?!" NONUNIT "\\b)(?:" IRREG "|[\\p{L}\\p{M}][\\p{L}\\p{M}'’-]*s)\\b(?<!ss|us|is|'s|’s)"
/* A number and its noun stand on one line: "475\nCinema news" is a menu. */
#define NOUN "(?:\\h+(?:" MODW "\\h+){0,3}?(?<unit>" PLURAL "))"

static const char pat_count[] =
    QUALOPT FROMOPT NUMSTART "(?<n1>" CNUM ")(?:" SEP "(?<n2>" CNUM "))?"
    "(?:\\h+(?<of>of\\h+)?(?:" MODW "\\h+){0,3}?(?<unit>" PLURAL "))?"
    "(?<post>\\s+or\\s+(?:more|so|fewer|less|over|above)\\b)?";

static const char pat_count_of[] =
    QUALOPT NUMSTART "(?<n1>" NUM ")\\s+of\\s+(?:(?:the|all|its|their|these|those|our)\\s+)?"
    "(?<n2>" NUM ")" NOUN "?";

#define PCT "(?:\\s?%|\\s*per\\s?cent\\b|\\s*percent\\b|\\s+percentage\\s+points?\\b)"
static const char pat_percent[] =
    QUALOPT FROMOPT NUMSTART "(?<n1>" NUM ")"
    "(?:(?<p1>" PCT ")(?:" SEP "(?<n2>" NUM ")" PCT ")?|" SEP "(?<n2b>" NUM ")" PCT ")";

#define CUR "(?:US\\$|£|\\$|€)"
#define MNUM "(?:" DIG "(?:(?:bn|m|k|tn)\\b|\\s*" SCALEW "\\b)?" NUMEND ")"
static const char pat_money[] =
    QUALOPT FROMOPT NB "(?<cur>" CUR ")\\s?(?<n1>" MNUM ")"
    "(?:" SEP "(?:" CUR ")?\\s?(?<n2>" MNUM "))?";

static const char pat_money_words[] =
    QUALOPT NUMSTART "(?<n1>" NUM "|" INDEF ")(?<of>\\s+of)?\\s+(?<curw>pounds|dollars|euros|pence|cents)\\b";

static const char pat_pence[] =
    QUALOPT NUMSTART "(?<n1>[0-9]+(?:\\.[0-9]+)?)(?<curw>p)\\b(?![.,:/][0-9])";

static const char pat_fraction[] =
    QUALOPT "(?:" NB "(?!(?<=and\\s)an?[\\s-]+half\\b)(?<num>an?|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)"
    "[\\s-]+(?<den>half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?"
    "|twentieths?|hundredths?)\\b"
    "|" NB "(?<!first\\s|second\\s|the\\s|and\\s|other\\s)(?<half>half)\\b"
    "(?=\\s+(?:of|the|all|its|their|those|these|our|his|her|them|my|your)\\b))";

static const char pat_ratio[] =
    QUALOPT NUMSTART "(?<n1>" NUM ")\\s+(?<rel>in|out\\s+of)\\s+(?:every\\s+)?(?<n2>" NUM ")" NOUN "?";

static const char pat_multiplier[] =
    QUALOPT "(?:" NB "(?<verb>doubled|doubling|trebled|trebling|tripled|tripling|quadrupled"
    "|quadrupling|halved|halving)\\b"
    "|" NUMSTART "(?<fold>" NUM ")[\\s-]?fold\\b"
    "|" NB "(?<foldw>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold\\b"
    "|" NB "(?<times>twice|thrice|" NUM "\\s+times)\\b"
    "(?!\\s+(?:a|an|per|each|every|in|on|at|this|last|before|since|during|and|or|to|when"
    "|while|until|daily|weekly|monthly|yearly|annually)\\b)(?=\\s+[\\p{L}\\p{N}£$€]))";

#define TUNIT "(?<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?" \
              "|months?|years?|yrs?|decades?|centur(?:y|ies))"
static const char pat_duration[] =
    "(?:" NB "(?<pre>every|each|the\\s+(?:last|past|next|first|previous|coming|following"
    "|final|latest|remaining))\\s+|" NB "(?<q>(?!over\\b)" QUAL ")\\s+)?" FROMOPT
    NUMSTART "(?<n1>" NUM "|half\\s+an?|an?)"
    "(?:(?(<from>)\\s+(?:to|and)\\s+|(?:\\s*[-–]\\s*|\\s+to\\s+|\\s+or\\s+))(?<n2>" NUM "))?"
    "[\\s-]+(?:(?:working|calendar|clear|school|business|full|whole)\\s+)?" TUNIT "\\b(?![\\s-]*old\\b|['’]s?[\\s-]+old\\b)";

static const char pat_duration_ly[] =
    NUMSTART "(?<n1>" NUM ")-(?<ly>hourly|daily|weekly|monthly|yearly)\\b";

/* Anchors: what every match of a pattern holds, cheap to find. A pattern
 * runs only near its anchors: on text with few figures most of the text is
 * skipped. */
#define WORD_ANCHOR(words) "(?<![\\p{L}\\p{N}_])(?:" words ")"
#define NUMBER_START "(?:[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven" \
                     "|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen" \
                     "|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|an?\\s|half\\s)"
static const char anchor_money[] = "[£$€]";
static const char anchor_money_words[] = WORD_ANCHOR("pounds|dollars|euros|pence|cents");
static const char anchor_pence[] = "[0-9]p(?![\\p{L}\\p{N}_])";
static const char anchor_percent[] = "%|per\\s?cent";
static const char anchor_fraction[] =
    WORD_ANCHOR("half|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth|twentieth|hundredth");
static const char anchor_ratio[] =
    WORD_ANCHOR("in|of") "\\s+(?:every\\s+)?" NUMBER_START;
static const char anchor_multiplier[] = "doubl|trebl|tripl|quadrupl|halv|fold|twice|thrice|times";
static const char anchor_duration[] =
    "(?<![\\p{L}])(?:sec|min|hour|hr|day|week|fortnight|month|year|yr|decade|centur)";
static const char anchor_duration_ly[] = "(?:hour|dai|week|month|year)ly";
/* A counted number: digits or a number word ("one" only before a scale). */
static const char anchor_count[] =
    "[0-9]|" WORD_ANCHOR("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    "|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    "|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen"
    "|scores|one\\s+(?:and|hundred|thousand|million|billion|trillion|dozen)");
static const char anchor_count_of[] =
    WORD_ANCHOR("of") "\\s+(?:(?:the|all|its|their|these|those|our)\\s+)?" NUMBER_START;


/* ---- matches and their groups ----------------------------------------- */

enum group {
    G_Q, G_FROM, G_N1, G_N2, G_N2B, G_OF, G_UNIT, G_POST, G_CUR, G_CURW, G_NUM,
    G_DEN, G_HALF, G_VERB, G_FOLD, G_FOLDW, G_TIMES, G_PRE, G_LY, G_REL, G_P1, G_COUNT
};

static const char *const group_names[G_COUNT] = {
    "q", "from", "n1", "n2", "n2b", "of", "unit", "post", "cur", "curw", "num",
    "den", "half", "verb", "fold", "foldw", "times", "pre", "ly", "rel", "p1"};

struct match {
    const char *text;
    const PCRE2_SIZE *ov;
    const int *group; /* group numbers, 0 when the pattern has none */
};

struct slice {
    const char *s;
    size_t n;
};

static bool has(const struct match *m, enum group g, struct slice *out)
{
    int k = m->group[g];
    if (k <= 0 || m->ov[2 * k] == PCRE2_UNSET)
        return false;
    if (out) {
        out->s = m->text + m->ov[2 * k];
        out->n = m->ov[2 * k + 1] - m->ov[2 * k];
    }
    return true;
}

typedef bool (*interpret_fn)(const struct match *m, struct figure *f);

/* ---- rules shared by the interpreters ---------------------------------- */

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Both without strlen: they run over long word lists for every figure. */
static bool slice_is(struct slice s, const char *word)
{
    size_t i = 0;
    for (; i < s.n; i++)
        if (word[i] == '\0' || lower(s.s[i]) != word[i])
            return false;
    return word[i] == '\0';
}

static bool slice_starts(struct slice s, const char *prefix)
{
    for (size_t i = 0; prefix[i]; i++)
        if (i >= s.n || lower(s.s[i]) != prefix[i])
            return false;
    return true;
}

static bool ends_with(struct slice s, const char *suffix)
{
    size_t n = strlen(suffix);
    if (s.n < n)
        return false;
    struct slice tail = {s.s + s.n - n, n};
    return slice_is(tail, suffix);
}

/* The first letter is compared here: the lists are long, most words of
 * a text are in none, and most figures have no word before them. */
static bool in_list(struct slice s, const char *const *list)
{
    if (s.n == 0)
        return false; /* no list holds "" */
    char first = lower(s.s[0]);
    for (; *list; list++)
        if ((*list)[0] == first && slice_is(s, *list))
            return true;
    return false;
}

/* The ASCII word just before byte offset at (skipping spaces), or empty;
 * *dotted is set when a full stop stands between ("No. 10", "week. 6"). */
static struct slice word_before(const char *text, size_t at, bool *dotted)
{
    size_t end = at;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n'))
        end--;
    *dotted = end > 0 && text[end - 1] == '.';
    if (*dotted)
        end--;
    size_t start = end;
    while (start > 0 && is_letter(text[start - 1]))
        start--;
    struct slice w = {text + start, end - start};
    return w;
}

/* Abbreviations that end in a full stop before a reference number. */
static const char *const reference_abbreviations[] = {
    "no", "nos", "p", "pp", "fig", "vol", "para", "ch", "art", "sec", "s", NULL};

/* Words after which a number names something rather than counting it. */
static const char *const reference_words[] = {
    "page", "pages", "p", "pp", "section", "sections", "chapter", "article", "paragraph",
    "para", "clause", "part", "figure", "fig", "table", "line", "layer", "tier", "level",
    "stage", "phase", "no", "number", "room", "platform", "gate", "junction", "exit",
    "route", "flight", "ward", "year", "grade", "band", "category", "class", "type",
    "step", "rule", "schedule", "appendix", "annex", "question", "item", "version",
    "vol", "volume", "issue", "episode", "series", "season", "round", "act", "scene",
    "verse", "block", "unit", "bay", "floor", "plot", "lot", "channel", "radio", "bbc",
    "day", "week", "match", "game", "division", "league", "tranche", "wave", "box",
    "cohort", "option", "point", NULL};

/* Words after which a four-digit number is a year ("in 2014 staff ..."). */
static const char *const year_words[] = {
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "of",
    "between", "and", "to", "circa", "early", "late", "mid", "spring", "summer",
    "autumn", "winter", "year", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "the", NULL};

static bool is_year_like(const struct number *n)
{
    return n->digits == 4 && !n->grouped && !n->decimal && n->scale == 1 &&
           n->value >= 1800 && n->value <= 2099;
}

/* The candidate follows a word that introduces a year ("in 2014 staff"). */
static bool after_year_word(const struct match *m)
{
    bool dotted;
    struct slice before = word_before(m->text, m->ov[0], &dotted);
    return !dotted && in_list(before, year_words);
}

/* A word that starts with a capital: a title or a name ("2014 Year"). */
static bool is_capitalised(struct slice w)
{
    return w.n > 0 && w.s[0] >= 'A' && w.s[0] <= 'Z';
}

/* "09.20", "at 10.30": a clock time, written with a leading zero or after
 * a word that introduces a time. */
static bool is_clock_time(const struct match *m, struct slice s)
{
    size_t i = 0;
    if (s.n == 5 && s.s[0] >= '0' && s.s[0] <= '2')
        i = 1;
    else if (s.n != 4)
        return false;
    bool shape = s.s[i] >= '0' && s.s[i] <= '9' && (s.s[i + 1] == '.' || s.s[i + 1] == ':') &&
                 s.s[i + 2] >= '0' && s.s[i + 2] <= '5' && s.s[i + 3] >= '0' && s.s[i + 3] <= '9';
    if (!shape)
        return false;
    static const char *const time_words[] = {"at", "from", "until", "till", "by", "before",
                                             "after", "around", "about", "anon", NULL};
    bool dotted;
    struct slice before = word_before(m->text, (size_t)(s.s - m->text), &dotted);
    return s.s[0] == '0' || (!dotted && in_list(before, time_words));
}

static bool parse(struct slice s, struct number *n)
{
    return numwords_parse(s.s, s.n, n);
}

/* "up to" -> "up_to", "An estimated" -> "estimated", "approx." -> "approx". */
static void set_approx(struct figure *f, struct slice q)
{
    size_t j = 0;
    bool space = false;
    for (size_t i = 0; i < q.n && j + 1 < sizeof f->approx; i++) {
        char c = lower(q.s[i]);
        if (is_letter(c)) {
            if (space && j > 0)
                f->approx[j++] = '_';
            if (j + 1 < sizeof f->approx)
                f->approx[j++] = c;
            space = false;
        } else if (c != '.') {
            space = true;
        }
    }
    f->approx[j] = '\0';
    if (strncmp(f->approx, "an_", 3) == 0)
        memmove(f->approx, f->approx + 3, strlen(f->approx + 3) + 1);
}

static void take_qualifier(const struct match *m, struct figure *f)
{
    struct slice q = {NULL, 0};
    if (has(m, G_Q, &q) || has(m, G_POST, &q))
        set_approx(f, q);
}

/* A range: the low end takes the high end's scale when it has none
 * ("£5-10m" is 5 to 10 million). Returns false unless low < high. */
static bool set_range(struct figure *f, const struct number *lo, const struct number *hi)
{
    double low = lo->value;
    if (lo->scale == 1 && hi->scale > 1)
        low *= hi->scale;
    if (!(low < hi->value))
        return false;
    f->range = true;
    f->low = low;
    f->high = hi->value;
    return true;
}

/* A number right at the start of the candidate, after a word that makes
 * it a name or a reference ("page 18", "Ward 7", "No 10"). */
static bool is_reference(const struct match *m, struct slice first)
{
    if (has(m, G_Q, NULL) || has(m, G_FROM, NULL) || first.n == 0 ||
        !(first.s[0] >= '0' && first.s[0] <= '9'))
        return false;
    bool dotted;
    struct slice before = word_before(m->text, (size_t)(first.s - m->text), &dotted);
    return in_list(before, dotted ? reference_abbreviations : reference_words);
}

static void set_unit(struct figure *f, struct slice u)
{
    f->unit = u.s;
    f->unit_len = u.n;
}

/* ---- one interpreter per pattern ---------------------------------------- */

/* "1.000 teachers": a count is whole, so dots grouping three digits are
 * thousands separators (as in much of Europe). */
static void read_dotted_thousands(struct slice s, struct number *n)
{
    size_t i = 0, groups = 0;
    while (i < s.n && s.s[i] >= '0' && s.s[i] <= '9')
        i++;
    if (i == 0 || i > 3)
        return;
    while (i < s.n && s.s[i] == '.') {
        for (size_t k = 1; k <= 3; k++)
            if (i + k >= s.n || s.s[i + k] < '0' || s.s[i + k] > '9')
                return;
        i += 4;
        groups++;
    }
    if (i != s.n || groups == 0)
        return;
    double v = 0;
    for (size_t k = 0; k < s.n; k++)
        if (s.s[k] != '.')
            v = v * 10 + (s.s[k] - '0');
    n->value = v;
    n->decimal = false;
    n->grouped = true;
}

static bool interpret_count(const struct match *m, struct figure *f)
{
    struct slice s1 = {NULL, 0}, s2 = {NULL, 0}, unit = {NULL, 0};
    struct number n1 = {0}, n2 = {0};
    if (!has(m, G_N1, &s1) || !parse(s1, &n1) || is_reference(m, s1) || is_clock_time(m, s1))
        return false;
    if (n1.decimal && n1.scale == 1 && has(m, G_UNIT, NULL))
        read_dotted_thousands(s1, &n1);
    bool from = has(m, G_FROM, NULL);
    bool ranged = has(m, G_N2, &s2);
    bool has_unit = has(m, G_UNIT, &unit);
    if (from && !ranged)
        return false;
    if (ranged && (!parse(s2, &n2) || n2.indefinite || !set_range(f, &n1, &n2)))
        return false;
    if (has(m, G_OF, NULL) && !n1.indefinite)
        return false; /* only "thousands of offenders" takes "of" */
    if (n1.indefinite && (!has_unit || ranged))
        return false;
    if (n1.value == 0)
        return false; /* "0 shares": a button, not a statistic */
    bool year = is_year_like(&n1) || (ranged && is_year_like(&n2));
    /* A year before a noun: after "in", "since" ...; before a title ("2014
     * Canadian Lawyers"); a range of years ("1940-1945 recording dates"). */
    if (year && (!has_unit || ranged || is_capitalised(unit) || after_year_word(m)))
        return false;
    if (!has_unit) {
        bool qualified = has(m, G_Q, NULL) && n1.digits > 0;
        bool big = n1.grouped || (n1.scale > 1 && n1.words);
        if (!qualified && !(from && ranged) && !big)
            return false;
    }
    f->kind = FIGURE_COUNT;
    f->value = n1.value;
    if (has_unit)
        set_unit(f, unit);
    take_qualifier(m, f);
    if (n1.indefinite && !f->approx[0])
        strcpy(f->approx, "indefinite");
    return true;
}

/* A part of a whole: "Eleven of the 21 companies" (a count), "1 in 3
 * people" (a ratio). The whole is at least 2 and the part at most the
 * whole, above 0 unless zero_part; neither is a year or indefinite. */
static bool interpret_part_of(const struct match *m, struct figure *f, enum figure_kind kind,
                              bool zero_part)
{
    struct slice s1 = {NULL, 0}, s2 = {NULL, 0}, unit = {NULL, 0};
    struct number n1 = {0}, n2 = {0};
    if (!has(m, G_N1, &s1) || !has(m, G_N2, &s2) || !parse(s1, &n1) || !parse(s2, &n2) ||
        is_reference(m, s1))
        return false;
    if (is_year_like(&n1) || is_year_like(&n2) || n1.indefinite || n2.indefinite ||
        !((zero_part || n1.value > 0) && n1.value <= n2.value) || n2.value < 2)
        return false;
    f->kind = kind;
    f->value = n1.value;
    f->has_of = true;
    f->of = n2.value;
    if (has(m, G_UNIT, &unit))
        set_unit(f, unit);
    take_qualifier(m, f);
    return true;
}

static bool interpret_count_of(const struct match *m, struct figure *f)
{
    return interpret_part_of(m, f, FIGURE_COUNT, true);
}

static bool interpret_percent(const struct match *m, struct figure *f)
{
    struct slice s1 = {NULL, 0}, s2 = {NULL, 0}, p1 = {NULL, 0};
    struct number n1 = {0}, n2 = {0};
    if (!has(m, G_N1, &s1) || !parse(s1, &n1) || n1.indefinite)
        return false;
    bool ranged = has(m, G_N2, &s2) || has(m, G_N2B, &s2);
    if (has(m, G_FROM, NULL) && !ranged)
        return false;
    if (ranged && (!parse(s2, &n2) || !set_range(f, &n1, &n2))) {
        /* "fell from 9.1% to 6.3%" is a change, not a range: the first
         * percentage stands alone (the second is found after it). */
        if (!has(m, G_P1, &p1))
            return false;
        f->start = (size_t)(s1.s - m->text);
        f->end = (size_t)(p1.s + p1.n - m->text);
        f->kind = FIGURE_PERCENT;
        f->value = n1.value;
        return true;
    }
    f->kind = FIGURE_PERCENT;
    f->value = n1.value;
    struct slice whole = {m->text + m->ov[0], m->ov[1] - m->ov[0]};
    if (ends_with(whole, "point") || ends_with(whole, "points")) {
        f->unit = "points";
        f->unit_len = 6;
    }
    take_qualifier(m, f);
    return true;
}

static const char *currency_code(struct slice cur)
{
    if (cur.n && cur.s[0] == '$')
        return "USD";
    if (slice_starts(cur, "us$"))
        return "USD";
    if (slice_is(cur, "\xc2\xa3"))
        return "GBP";
    if (slice_is(cur, "\xe2\x82\xac"))
        return "EUR";
    return NULL;
}

static bool interpret_money(const struct match *m, struct figure *f)
{
    struct slice cur = {NULL, 0}, s1 = {NULL, 0}, s2 = {NULL, 0};
    struct number n1 = {0}, n2 = {0};
    if (!has(m, G_CUR, &cur) || !has(m, G_N1, &s1) || !parse(s1, &n1))
        return false;
    bool ranged = has(m, G_N2, &s2);
    if (has(m, G_FROM, NULL) && !ranged)
        return false;
    if (ranged && (!parse(s2, &n2) || !set_range(f, &n1, &n2))) {
        if (has(m, G_FROM, NULL))
            return false;
        /* "$1.2bn to 32 projects": no range, the money stands alone. */
        f->end = (size_t)(s1.s + s1.n - m->text);
    }
    f->kind = FIGURE_MONEY;
    f->value = n1.value;
    f->unit = currency_code(cur);
    f->unit_len = f->unit ? 3 : 0;
    take_qualifier(m, f);
    return f->unit != NULL;
}

static bool interpret_money_words(const struct match *m, struct figure *f)
{
    struct slice s1 = {NULL, 0}, curw = {NULL, 0};
    struct number n1 = {0};
    if (!has(m, G_N1, &s1) || !has(m, G_CURW, &curw) || !parse(s1, &n1) || is_year_like(&n1))
        return false;
    if (n1.indefinite != has(m, G_OF, NULL))
        return false; /* "millions of pounds", but not "five of pounds" */
    f->kind = FIGURE_MONEY;
    f->value = n1.value;
    if (slice_is(curw, "pounds") || slice_is(curw, "pence") || slice_is(curw, "p"))
        f->unit = "GBP";
    else if (slice_is(curw, "dollars") || slice_is(curw, "cents"))
        f->unit = "USD";
    else
        f->unit = "EUR";
    f->unit_len = 3;
    if (slice_is(curw, "pence") || slice_is(curw, "p") || slice_is(curw, "cents"))
        f->value /= 100;
    take_qualifier(m, f);
    if (n1.indefinite && !f->approx[0])
        strcpy(f->approx, "indefinite");
    return true;
}

static const struct {
    const char *stem;
    double value;
} denominators[] = {
    {"half", 2}, {"third", 3}, {"quarter", 4}, {"fifth", 5}, {"sixth", 6},
    {"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10}, {"twentieth", 20},
    {"hundredth", 100}};

static bool interpret_fraction(const struct match *m, struct figure *f)
{
    struct slice num = {NULL, 0}, den = {NULL, 0};
    f->kind = FIGURE_FRACTION;
    take_qualifier(m, f);
    if (has(m, G_HALF, NULL)) {
        f->value = 0.5;
        return true;
    }
    if (!has(m, G_NUM, &num) || !has(m, G_DEN, &den))
        return false;
    double top = 1;
    struct number n = {0};
    if (!slice_is(num, "a") && !slice_is(num, "an")) {
        if (!parse(num, &n))
            return false;
        top = n.value;
    }
    for (size_t i = 0; i < sizeof denominators / sizeof *denominators; i++) {
        if (slice_starts(den, denominators[i].stem)) {
            f->value = top / denominators[i].value;
            return top > 0 && top < denominators[i].value;
        }
    }
    return false;
}

static bool interpret_ratio(const struct match *m, struct figure *f)
{
    return interpret_part_of(m, f, FIGURE_RATIO, false);
}

static bool interpret_multiplier(const struct match *m, struct figure *f)
{
    struct slice s = {NULL, 0};
    struct number n = {0};
    f->kind = FIGURE_MULTIPLIER;
    take_qualifier(m, f);
    if (has(m, G_VERB, &s)) {
        f->value = slice_starts(s, "doubl") ? 2 : slice_starts(s, "quadrupl") ? 4
                 : slice_starts(s, "halv") ? 0.5 : 3;
        return true;
    }
    if (has(m, G_FOLDW, &s)) {
        if (slice_is(s, "hundred"))
            f->value = 100;
        else if (slice_is(s, "thousand"))
            f->value = 1000;
        else if (!parse(s, &n))
            return false;
        else
            f->value = n.value;
        return true;
    }
    if (has(m, G_FOLD, &s) && parse(s, &n) && !n.indefinite) {
        f->value = n.value;
        return n.value > 1 && !is_reference(m, s);
    }
    if (has(m, G_TIMES, &s)) {
        if (slice_is(s, "twice") || slice_is(s, "thrice")) {
            f->value = slice_is(s, "twice") ? 2 : 3;
            return true;
        }
        size_t k = s.n;
        while (k > 0 && is_letter(s.s[k - 1])) /* drop "times" */
            k--;
        struct slice number = {s.s, k};
        if (!parse(number, &n) || n.indefinite || is_reference(m, s) || n.value < 2)
            return false;
        f->value = n.value;
        return true;
    }
    return false;
}

static const struct {
    const char *prefix;
    const char *unit;
} time_units[] = {
    {"sec", "seconds"}, {"min", "minutes"}, {"h", "hours"}, {"day", "days"},
    {"week", "weeks"}, {"fortnight", "fortnights"}, {"month", "months"},
    {"y", "years"}, {"decade", "decades"}, {"centur", "centuries"}};

static const char *time_unit_name(struct slice u)
{
    if (slice_is(u, "daily"))
        return "days";
    if (slice_is(u, "yearly"))
        return "years";
    for (size_t i = 0; i < sizeof time_units / sizeof *time_units; i++)
        if (slice_starts(u, time_units[i].prefix))
            return time_units[i].unit;
    return NULL;
}

static bool interpret_duration(const struct match *m, struct figure *f)
{
    struct slice s1 = {NULL, 0}, s2 = {NULL, 0}, unit = {NULL, 0};
    struct number n1 = {0}, n2 = {0};
    if (!has(m, G_N1, &s1) || !(has(m, G_UNIT, &unit) || has(m, G_LY, &unit)))
        return false;
    if (slice_is(s1, "a") || slice_is(s1, "an")) {
        if (!has(m, G_Q, NULL))
            return false; /* "a year" is not a figure; "less than a year" is */
        n1.value = 1;
        n1.scale = 1;
    } else if (parse(s1, &n1)) {
        if (n1.indefinite || is_reference(m, s1) || is_clock_time(m, s1))
            return false;
        if (is_year_like(&n1) && (is_capitalised(unit) || after_year_word(m)))
            return false; /* "2014 Year", "in 2014 years ..." */
    } else if (slice_starts(s1, "half")) { /* half an hour */
        n1.value = 0.5;
        n1.scale = 1;
    } else {
        return false;
    }
    if (has(m, G_FROM, NULL) && !has(m, G_N2, NULL))
        return false;
    if (has(m, G_N2, &s2) && (!parse(s2, &n2) || !set_range(f, &n1, &n2)))
        return false;
    f->kind = FIGURE_DURATION;
    f->value = n1.value;
    f->unit = time_unit_name(unit);
    f->unit_len = f->unit ? strlen(f->unit) : 0;
    take_qualifier(m, f);
    return f->unit != NULL;
}

/* ---- the extractor ------------------------------------------------------ */

/* before, after: how far from an anchor a match may start (a number in
 * words, a qualifier) and end (the counted noun and its modifiers), in
 * bytes; generous, since a figure cut short would be a wrong figure. */
struct pattern_spec {
    const char *source;
    const char *anchor;
    size_t before, after;
    interpret_fn interpret;
};

static const struct pattern_spec specs[] = {
    {pat_money, anchor_money, 48, 64, interpret_money},
    {pat_money_words, anchor_money_words, 128, 16, interpret_money_words},
    {pat_pence, anchor_pence, 48, 8, interpret_money_words},
    {pat_percent, anchor_percent, 128, 32, interpret_percent},
    {pat_fraction, anchor_fraction, 64, 16, interpret_fraction},
    {pat_ratio, anchor_ratio, 96, 128, interpret_ratio},
    {pat_multiplier, anchor_multiplier, 96, 32, interpret_multiplier},
    {pat_duration, anchor_duration, 128, 16, interpret_duration},
    {pat_duration_ly, anchor_duration_ly, 96, 8, interpret_duration},
    {pat_count_of, anchor_count_of, 96, 128, interpret_count_of},
    {pat_count, anchor_count, 64, 128, interpret_count},
};

#define PATTERNS (sizeof specs / sizeof *specs)

struct compiled {
    pcre2_code *code;
    bool jit;   /* JIT-compiled: pcre2_jit_match may run it */
    int group[G_COUNT];
};

struct region {
    size_t start, end;
};

struct figure_patterns {
    struct compiled patterns[PATTERNS];
    struct compiled anchors[PATTERNS];
    /* Anchor i is "[0-9]|...": at a digit it matches that digit, known
     * without asking PCRE2 (most calls of the count anchor). */
    bool digit_anchor[PATTERNS];
    uint32_t most_groups;      /* capture groups of the pattern with the most */
};

struct figures {
    const struct figure_patterns *pat;
    struct figure_patterns *own_pat; /* pat, when figures_new made it; else NULL */
    struct rxstart *starts;    /* expression i: anchor i; PATTERNS + i: pattern i */
    struct region *regions;    /* where figures can be, merged, in order */
    size_t nregions, regions_cap;
    pcre2_match_data *match_data;
    pcre2_match_context *match_context;
    pcre2_jit_stack *jit_stack;
    struct figure *candidates; /* every accepted match, then the kept ones */
    size_t ncandidates, cap;
    struct figure *order;      /* scratch for settling overlaps */
    size_t order_cap;
    size_t nkept;              /* the first nkept candidates, once settled */
};

/* The word lists of MODW and PLURAL stand in negative lookaheads, where
 * only whether some word matches counts: PCRE2 gets them as tries (see
 * wordtrie.h), a few tests for each word after a number instead of the
 * hundreds it took, with the same matches. from[i] becomes to[i]. */
struct rewrites {
    struct buf from[2], to[2];
};

static void rewrites_init(struct rewrites *rw)
{
    static const char *const lookaheads[2][2] = {
        {"(?!(?:" STOPW "|" NONUNIT ")\\b)", "(?:" STOPW "|" NONUNIT ")"},
        {"(?!" NONUNIT "\\b)", NONUNIT},
    };
    memset(rw, 0, sizeof *rw);
    for (int i = 0; i < 2; i++) {
        buf_append_str(&rw->from[i], lookaheads[i][0]);
        buf_append_str(&rw->to[i], "(?!");
        if (!wordtrie_append(lookaheads[i][1], &rw->to[i]))
            die(EXIT_BAD_INPUT, "figures: a word list is not plain words"); /* a bug */
        buf_append_str(&rw->to[i], "\\b)");
    }
}

static void rewrites_free(struct rewrites *rw)
{
    for (int i = 0; i < 2; i++) {
        buf_free(&rw->from[i]);
        buf_free(&rw->to[i]);
    }
}

static void compile_one(struct compiled *c, const char *pattern, const struct rewrites *rw)
{
    int err;
    PCRE2_SIZE offset;
    struct buf step[2] = {BUF_INIT, BUF_INIT};
    wordtrie_replace(pattern, rw->from[0].data, rw->to[0].data, &step[0]);
    wordtrie_replace(step[0].data, rw->from[1].data, rw->to[1].data, &step[1]);
    const char *source = step[1].data;
    /* Anchored: each expression is tried only where rxstart says it may
     * start, which is what an unanchored search does, minus the places
     * where it cannot match. */
    uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED;
    c->code = pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED, options, &err, &offset, NULL);
    buf_free(&step[0]);
    buf_free(&step[1]);
    if (!c->code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(err, message, sizeof message);
        die(EXIT_BAD_INPUT, "figures: pattern error at %zu: %s", (size_t)offset, (const char *)message);
    }
    /* Without JIT (a platform that lacks it) the interpreter runs instead.
     * Partial matching is how rxstart learns where the code can start. */
    c->jit = pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD) == 0;
    for (int g = 0; g < G_COUNT; g++) {
        int k = pcre2_substring_number_from_name(c->code, (PCRE2_SPTR)group_names[g]);
        c->group[g] = k > 0 ? k : 0;
    }
}

struct figure_patterns *figure_patterns_new(void)
{
    struct figure_patterns *pat = xcalloc(1, sizeof *pat);
    struct rewrites rw;
    rewrites_init(&rw);
    for (size_t i = 0; i < PATTERNS; i++) {
        compile_one(&pat->patterns[i], specs[i].source, &rw);
        uint32_t n;
        pcre2_pattern_info(pat->patterns[i].code, PCRE2_INFO_CAPTURECOUNT, &n);
        if (n > pat->most_groups)
            pat->most_groups = n;
    }
    for (size_t i = 0; i < PATTERNS; i++) {
        compile_one(&pat->anchors[i], specs[i].anchor, &rw);
        pat->digit_anchor[i] = strncmp(specs[i].anchor, "[0-9]|", 6) == 0;
    }
    rewrites_free(&rw);
    return pat;
}

void figure_patterns_free(struct figure_patterns *pat)
{
    if (!pat)
        return;
    for (size_t i = 0; i < PATTERNS; i++) {
        pcre2_code_free(pat->patterns[i].code);
        pcre2_code_free(pat->anchors[i].code);
    }
    free(pat);
}

struct figures *figures_new_with(const struct figure_patterns *pat)
{
    struct figures *ex = xcalloc(1, sizeof *ex);
    ex->pat = pat;
    const void *codes[2 * PATTERNS];
    for (size_t i = 0; i < PATTERNS; i++) {
        codes[i] = pat->anchors[i].code;
        codes[PATTERNS + i] = pat->patterns[i].code;
    }
    ex->starts = rxstart_new(codes, 2 * PATTERNS);
    ex->match_data = pcre2_match_data_create(pat->most_groups + 1, NULL);
    ex->match_context = pcre2_match_context_create(NULL);
    ex->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
    if (!ex->match_data || !ex->match_context || !ex->jit_stack)
        die(EXIT_BAD_INPUT, "out of memory");
    pcre2_jit_stack_assign(ex->match_context, NULL, ex->jit_stack);
    /* A bound on backtracking: a pathological text gives up on one
     * starting point instead of running for ever. */
    pcre2_set_match_limit(ex->match_context, 1000000);
    return ex;
}

struct figures *figures_new(void)
{
    struct figure_patterns *pat = figure_patterns_new();
    struct figures *ex = figures_new_with(pat);
    ex->own_pat = pat;
    return ex;
}

void figures_free(struct figures *ex)
{
    if (!ex)
        return;
    rxstart_free(ex->starts);
    pcre2_match_data_free(ex->match_data);
    pcre2_match_context_free(ex->match_context);
    pcre2_jit_stack_free(ex->jit_stack);
    figure_patterns_free(ex->own_pat);
    free(ex->candidates);
    free(ex->regions);
    free(ex->order);
    free(ex);
}

static void add_candidate(struct figures *ex, const struct figure *f)
{
    ex->candidates = array_reserve(ex->candidates, &ex->cap, ex->ncandidates + 1,
                                   sizeof *ex->candidates);
    ex->candidates[ex->ncandidates++] = *f;
}

static size_t next_char(const char *text, size_t len, size_t at)
{
    at++;
    while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
        at++;
    return at;
}

/* One attempt of c, anchored at `at` in the subject text[0..len). The
 * JIT's own entry skips the checks pcre2_match makes on every call, and
 * there is a call for every place a pattern may start. */
static int match_at(const struct figures *ex, const struct compiled *c, const char *text,
                    size_t len, size_t at)
{
    if (c->jit)
        return pcre2_jit_match(c->code, (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK,
                               ex->match_data, ex->match_context);
    return pcre2_match(c->code, (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK, ex->match_data,
                       ex->match_context);
}

/* Run one pattern over text[from, to): matches start at or after from and
 * end by to; lookbehinds see the text before from. */
static void run_pattern(struct figures *ex, size_t which, const char *text, size_t from,
                        size_t to)
{
    const struct compiled *c = &ex->pat->patterns[which];
    size_t at = from;
    while (at < to) {
        at = rxstart_next(ex->starts, PATTERNS + which, text, to, at);
        if (at == to)
            return;
        int rc = match_at(ex, c, text, to, at);
        if (rc == PCRE2_ERROR_NOMATCH) {
            at++;
            continue;
        }
        if (rc < 0) { /* match limit: skip one character and go on */
            at = next_char(text, to, at);
            continue;
        }
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ex->match_data);
        struct match m = {text, ov, c->group};
        struct figure f;
        memset(&f, 0, sizeof f);
        f.start = ov[0];
        f.end = ov[1];
        if (ov[1] > ov[0] && specs[which].interpret(&m, &f)) {
            add_candidate(ex, &f);
            at = f.end; /* an interpreter may keep less than the match */
        } else {
            /* Rejected: a shorter figure may start just after ("from 40
             * cases" is no range, but "40 cases" is a count). */
            at = next_char(text, to, ov[0]);
        }
    }
}

static size_t char_start(const char *text, size_t at)
{
    while (at > 0 && ((unsigned char)text[at] & 0xC0) == 0x80)
        at--;
    return at;
}

/* The regions around every match of anchor, merged. */
static void find_regions(struct figures *ex, const struct pattern_spec *spec,
                         const struct compiled *anchor, const char *text, size_t len)
{
    ex->nregions = 0;
    size_t at = 0;
    while (at < len) {
        at = rxstart_next(ex->starts, (size_t)(spec - specs), text, len, at);
        if (at == len)
            break;
        size_t ov[2] = {at, at + 1};
        if (!(ex->pat->digit_anchor[spec - specs] && text[at] >= '0' && text[at] <= '9')) {
            int rc = match_at(ex, anchor, text, len, at);
            if (rc == PCRE2_ERROR_NOMATCH) {
                at++;
                continue;
            }
            if (rc < 0)
                break;
            const PCRE2_SIZE *match = pcre2_get_ovector_pointer(ex->match_data);
            ov[0] = match[0];
            ov[1] = match[1];
        }
        size_t start = ov[0] > spec->before ? char_start(text, ov[0] - spec->before) : 0;
        size_t end = len - ov[1] > spec->after ? char_start(text, ov[1] + spec->after) : len;
        struct region *last = ex->nregions ? &ex->regions[ex->nregions - 1] : NULL;
        if (last && start <= last->end) {
            last->end = end > last->end ? end : last->end;
        } else {
            if (ex->nregions == ex->regions_cap) {
                ex->regions_cap = ex->regions_cap ? 2 * ex->regions_cap : 16;
                ex->regions = xrealloc(ex->regions, ex->regions_cap * sizeof *ex->regions);
            }
            ex->regions[ex->nregions].start = start;
            ex->regions[ex->nregions++].end = end;
        }
        at = ov[1] > ov[0] ? ov[1] : next_char(text, len, ov[0]);
    }
}

static int by_start(const void *a, const void *b)
{
    const struct figure *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return (int)x->kind - (int)y->kind;
}

/* Longest first, then by kind, then earliest. */
static int by_preference(const void *a, const void *b)
{
    const struct figure *x = a, *y = b;
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->kind != y->kind)
        return (int)x->kind - (int)y->kind;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The kept figures go to the front of the candidates, which the clusters
 * settled so far have been copied out of: fewer are kept than were read,
 * so nothing not yet settled is overwritten, and a huge text's figures are
 * not held twice. */
static void keep(struct figures *ex, const struct figure *f)
{
    ex->candidates[ex->nkept++] = *f;
}

/* Settle one run of overlapping candidates [from, to): keep the preferred
 * ones that overlap nothing kept before them. */
static void settle_cluster(struct figures *ex, size_t from, size_t to)
{
    size_t n = to - from;
    if (n > ex->order_cap) {
        ex->order_cap = n * 2;
        ex->order = xrealloc(ex->order, ex->order_cap * sizeof *ex->order);
    }
    memcpy(ex->order, ex->candidates + from, n * sizeof *ex->order);
    qsort(ex->order, n, sizeof *ex->order, by_preference);
    size_t first_kept = ex->nkept;
    for (size_t i = 0; i < n; i++) {
        const struct figure *c = &ex->order[i];
        bool clash = false;
        for (size_t k = first_kept; k < ex->nkept && !clash; k++)
            clash = c->start < ex->candidates[k].end && ex->candidates[k].start < c->end;
        if (!clash)
            keep(ex, c);
    }
    qsort(ex->candidates + first_kept, ex->nkept - first_kept, sizeof *ex->candidates, by_start);
}

static void settle(struct figures *ex)
{
    if (ex->ncandidates == 0)
        return; /* qsort must not see a null array */
    qsort(ex->candidates, ex->ncandidates, sizeof *ex->candidates, by_start);
    size_t i = 0;
    while (i < ex->ncandidates) {
        size_t j = i + 1, end = ex->candidates[i].end;
        while (j < ex->ncandidates && ex->candidates[j].start < end) {
            if (ex->candidates[j].end > end)
                end = ex->candidates[j].end;
            j++;
        }
        settle_cluster(ex, i, j);
        i = j;
    }
}

static void set_char_offsets(struct figure *figs, size_t n, const char *text)
{
    size_t byte = 0, chars = 0;
    for (size_t i = 0; i < n; i++) {
        chars += utf8_count(text + byte, figs[i].start - byte);
        figs[i].char_start = chars;
        chars += utf8_count(text + figs[i].start, figs[i].end - figs[i].start);
        figs[i].char_end = chars;
        byte = figs[i].end;
    }
}

const struct figure *figures_find(struct figures *ex, const char *text, size_t len,
                                  size_t *count)
{
    if (!utf8_is_valid(text, len)) {
        ex->ncandidates = ex->nkept = 0;
        *count = 0;
        return ex->candidates;
    }
    return figures_find_utf8(ex, text, len, count);
}

const struct figure *figures_find_utf8(struct figures *ex, const char *text, size_t len,
                                       size_t *count)
{
    ex->ncandidates = 0;
    ex->nkept = 0;
    /* The last record's figures are no longer the caller's: what a huge
     * one made grow is given back. */
    ex->candidates = array_trim(ex->candidates, &ex->cap, sizeof *ex->candidates);
    ex->order = array_trim(ex->order, &ex->order_cap, sizeof *ex->order);
    ex->regions = array_trim(ex->regions, &ex->regions_cap, sizeof *ex->regions);
    if (len > 0) {
        rxstart_scan(ex->starts, text, len);
        /* Each pattern's lists are given back once it is done: a huge
         * text's candidate positions and its figures are never all held. */
        for (size_t i = 0; i < PATTERNS; i++) {
            find_regions(ex, &specs[i], &ex->pat->anchors[i], text, len);
            rxstart_forget(ex->starts, i);
            for (size_t r = 0; r < ex->nregions; r++)
                run_pattern(ex, i, text, ex->regions[r].start, ex->regions[r].end);
            rxstart_forget(ex->starts, PATTERNS + i);
        }
        settle(ex);
        set_char_offsets(ex->candidates, ex->nkept, text);
    }
    *count = ex->nkept;
    return ex->candidates;
}

/* ---- JSON ---------------------------------------------------------------- */

/* Integers as integers; other values to 4 decimals, trailing zeros cut. */
static void json_number(struct buf *out, double v)
{
    if (fabs(v) < 1e15) {
        double r = round(v * 1e4) / 1e4;
        if (r == floor(r)) { /* exact in a long long: what "%.0f" prints */
            if (r < 0)
                buf_append_char(out, '-');
            buf_append_uint(out, (unsigned long long)fabs(r), 1);
            return;
        }
        char tmp[64];
        int k = snprintf(tmp, sizeof tmp, "%.4f", r);
        while (k > 0 && tmp[k - 1] == '0')
            tmp[--k] = '\0';
        buf_append(out, tmp, (size_t)k);
        return;
    }
    buf_printf(out, "%.17g", v);
}

const char *figure_kind_name(enum figure_kind kind)
{
    static const char *const names[FIGURE_KINDS] = {
        "money", "percent", "fraction", "ratio", "multiplier", "duration", "count"};
    return kind < FIGURE_KINDS ? names[kind] : "?";
}

void figure_json(const struct figure *f, const char *text, struct buf *out)
{
    buf_append_str(out, "{\"text\":");
    jsontext_string(text + f->start, f->end - f->start, out);
    buf_append_str(out, ",\"span\":[");
    buf_append_uint(out, f->char_start, 1);
    buf_append_char(out, ',');
    buf_append_uint(out, f->char_end, 1);
    buf_append_str(out, "],\"kind\":\"");
    buf_append_str(out, figure_kind_name(f->kind));
    buf_append_char(out, '"');
    if (f->range) {
        buf_append_str(out, ",\"low\":");
        json_number(out, f->low);
        buf_append_str(out, ",\"high\":");
        json_number(out, f->high);
    } else {
        buf_append_str(out, ",\"value\":");
        json_number(out, f->value);
    }
    if (f->has_of) {
        buf_append_str(out, ",\"of\":");
        json_number(out, f->of);
    }
    if (f->unit) {
        buf_append_str(out, ",\"unit\":");
        jsontext_string(f->unit, f->unit_len, out);
    }
    if (f->approx[0]) {
        buf_append_str(out, ",\"approx\":");
        jsontext_string(f->approx, strlen(f->approx), out);
    }
    buf_append_char(out, '}');
}

void figures_write_json(const struct figure *figs, size_t n, const char *text,
                        struct buf *out, figures_put put, void *sink)
{
    enum { PIECE = 64 * 1024 };
    buf_append_char(out, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_append_char(out, ',');
        figure_json(&figs[i], text, out);
        if (put && out->len >= PIECE) {
            put(sink, out->data, out->len);
            buf_reset(out);
        }
    }
    buf_append_char(out, ']');
    if (put) {
        put(sink, out->data, out->len);
        buf_reset(out);
    }
}

void figures_append_json(const struct figure *figs, size_t n, const char *text,
                         struct buf *out)
{
    figures_write_json(figs, n, text, out, NULL, NULL);
}

void figures_extract(struct figures *ex, const char *text, size_t len, struct buf *out)
{
    size_t n;
    const struct figure *figs = figures_find(ex, text, len, &n);
    figures_append_json(figs, n, text, out);
}
