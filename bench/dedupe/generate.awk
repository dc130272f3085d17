# generate.awk — a labelled near-duplicate benchmark for winnow-dedupe.
#
#   awk -v seed=N [-v posts=N] -v labels=FILE -f bench/dedupe/generate.awk >records.jsonl
#
# Writes record NDJSON ({"id","kind","text"}) with a known duplicate
# structure, and to FILE the truth, tab-separated:
#   record ID CLUSTER CLASS            one per record
#   pair   ID_A ID_B dup|distinct CLASS JACCARD   every pair that matters
# A record's CLUSTER is the original it was made from (itself for an
# original); a duplicate always comes after its original.
#
# Duplicates (label "dup"), made from a post of 120-700 words:
#   exact       the same text again (a comment pasted twice, a post on an
#               archive page)
#   whitespace  the same words with other spaces and line breaks
#   update      an "Update:" paragraph added, 10-60 words, at most a fifth
#               of the post
#   edit        1 word changed per 100 (at least 1): typos fixed
#   trim        the last 2-15% of the words cut off
# Hard negatives (label "distinct"), pairs of originals:
#   paragraph   two posts that quote the same news paragraph
#   template    two posts with the same header and footer boilerplate
#   figures     two reports from one template that differ only in their
#               figures (a figure every 5-20 words, evenly spread)
#   topic       two posts on the same topic (shared phrases)
# JACCARD is the true Jaccard similarity of the two texts' sets of 5-word
# shingles, words being lowercased runs of ASCII letters and digits (the
# texts are ASCII): what winnow-dedupe estimates with its defaults.
#
# The random numbers are the "minimal standard" generator of Park and
# Miller, computed here, so a seed gives the same benchmark under any awk.

function rnd() { state = (state * 48271) % 2147483647; return state / 2147483647 }
function below(n) { return int(rnd() * n) }
function range(lo, hi) { return lo + below(hi - lo + 1) }
function chance(p) { return rnd() < p }
# Zipf-like: index i with weight about 1/(i+1).
function zipf(n) { return int(exp(rnd() * log(n + 1))) - 1 }

function setup(   i, t) {
    nfunc = split("the of and to a in that is was for it with as on be by at this have from or are " \
        "not but had they which an has were their been would will there who more its no also " \
        "can could one all than them what when so if about into only other out up do some", FUNC, " ")
    ngen = split("government report people time year work public system money week month staff " \
        "service change number work figures plans week minister members case decision cost " \
        "contract support officer evidence problem question review chief level result way " \
        "risk local national private sector company record budget policy reform part need " \
        "group area community today yesterday recent serious major clear new old own good " \
        "poor high low long short early late former current many several few every " \
        "said says told made found showed wrote announced warned claimed added reported " \
        "agreed refused failed continued expected", GEN, " ")
    ntopics = 5
    TOPIC[1] = "probation offenders supervision officers caseloads rehabilitation reoffending " \
        "inspector inspectorate crc nps napo union companies contracts sodexo interserve " \
        "grayling lidington privatisation recall licence breach hostel unpaid"
    TOPIC[2] = "prison prisons inmates governors wings violence drugs spice self-harm deaths " \
        "overcrowding cells officers staffing riots lockdown regime education visits " \
        "segregation recruitment retention chaplain healthcare"
    TOPIC[3] = "court courts magistrates judges sentencing sentence custody remand bail legal " \
        "aid solicitors barristers trial jury verdict appeal fines community orders " \
        "tagging curfew hearings backlog"
    TOPIC[4] = "mental health nhs patients clinicians treatment addiction alcohol housing " \
        "homelessness benefits universal credit councils hostels vulnerable women " \
        "children families safeguarding"
    TOPIC[5] = "minister ministers parliament mps committee select whitehall treasury spending " \
        "cuts austerity election labour tories conservative manifesto policy consultation " \
        "white paper green paper announcement"
    PHRASES[1] = "the chief inspector of probation|community rehabilitation companies|" \
        "the national probation service|transforming rehabilitation|face to face supervision|" \
        "supervised by telephone every six weeks|through the gate|the ministry of justice"
    PHRASES[2] = "the prison service|prison officers association|the chief inspector of prisons|" \
        "an urgent notification|new psychoactive substances|the justice select committee|" \
        "twenty three hours a day|behind the door"
    PHRASES[3] = "the crown prosecution service|the magistrates court|short custodial sentences|" \
        "the sentencing council|legal aid cuts|the court of appeal|community sentence|" \
        "pre sentence report"
    PHRASES[4] = "the mental health act|approved premises|dual diagnosis|the local authority|" \
        "a place to live|universal credit claimants|substance misuse services|duty to refer"
    PHRASES[5] = "the secretary of state|a written answer|the public accounts committee|" \
        "value for money|the spending review|an urgent question|the comprehensive spending review|" \
        "the national audit office"
    for (t = 1; t <= ntopics; t++) {
        ntw[t] = split(TOPIC[t], TW, " ")
        for (i = 1; i <= ntw[t]; i++) TOPICWORD[t, i] = TW[i]
        nph[t] = split(PHRASES[t], PH, "|")
        for (i = 1; i <= nph[t]; i++) PHRASE[t, i] = PH[i]
    }
    nmonth = split("January February March April May June July August September October November December", MONTH, " ")
    nregion = split("Durham Tees Valley|Bristol Gloucestershire Somerset and Wiltshire|London|" \
        "Kent Surrey and Sussex|Merseyside|Cumbria and Lancashire|Wales|Northumbria", REGION, "|")
}

function word(topic,   r) {
    r = rnd()
    if (r < 0.45) return FUNC[zipf(nfunc) + 1]
    if (r < 0.75) return TOPICWORD[topic, zipf(ntw[topic]) + 1]
    return GEN[below(ngen) + 1]
}

function sentence(topic,   n, s, i, w) {
    n = range(8, 24)
    s = ""
    for (i = 1; i <= n; i++) {
        if (chance(0.06)) w = PHRASE[topic, below(nph[topic]) + 1]
        else w = word(topic)
        s = s (i > 1 ? " " : "") w
    }
    return toupper(substr(s, 1, 1)) substr(s, 2) "."
}

# A paragraph of about `words` words.
function paragraph(topic, words,   p, got) {
    p = ""
    got = 0
    while (got < words) {
        p = p (p == "" ? "" : " ") sentence(topic)
        got = count_words(p)
    }
    return p
}

function count_words(text,   tmp) {
    tmp = text
    return split(tmp, SPLIT_SCRATCH, " ")
}

# A post of about `words` words in paragraphs of 40-120.
function post(topic, words,   text, left, n) {
    text = ""
    left = words
    while (left > 0) {
        n = range(40, 120)
        if (n > left) n = left < 15 ? 15 : left
        text = text (text == "" ? "" : "\n\n") paragraph(topic, n)
        left -= n
    }
    return text
}

function report(template_seed, density,   saved, text, n, i, s, w, next_figure) {
    # The words come from the template's own stream; the figures from the
    # main stream, so two reports of one template differ only in figures.
    saved = state
    state = template_seed
    s = ""
    n = range(90, 200)
    next_figure = range(1, density)
    for (i = 1; i <= n; i++) {
        w = (i == 1) ? "In" : word(range(1, ntopics))
        FIGURE_AT[i] = (i == next_figure)
        if (FIGURE_AT[i]) next_figure = i + range(density - 2, density + 2)
        s = s (i > 1 ? " " : "") w
        if (i % range(12, 20) == 0) s = s "."
    }
    s = s "."
    state = saved
    split(s, RW, " ")
    text = ""
    for (i = 1; i <= n; i++) {
        w = RW[i]
        if (FIGURE_AT[i]) w = w " " figure()
        text = text (i > 1 ? " " : "") w
    }
    return text
}

function figure(   r) {
    r = rnd()
    if (r < 0.3) return range(1, 99) "%"
    if (r < 0.5) return range(2, 950) "," sprintf("%03d", below(1000))
    if (r < 0.7) return "GBP " range(1, 999) "m"
    if (r < 0.85) return range(2, 600)
    return MONTH[below(nmonth) + 1] " " range(2010, 2019)
}

# --- true Jaccard of 5-word shingles -------------------------------------------

function shingles(text, set,   t, n, w, i, k) {
    t = tolower(text)
    gsub(/[^a-z0-9]+/, " ", t)
    sub(/^ /, "", t)
    sub(/ $/, "", t)
    n = split(t, w, " ")
    for (k in set) delete set[k]
    if (n == 0) return 0
    if (n <= 5) { set[t] = 1; return 1 }
    for (i = 1; i + 4 <= n; i++)
        set[w[i] " " w[i + 1] " " w[i + 2] " " w[i + 3] " " w[i + 4]] = 1
    return n - 4
}

function jaccard(a, b,   k, inter, na, nb) {
    shingles(a, SA)
    shingles(b, SB)
    inter = 0; na = 0; nb = 0
    for (k in SA) { na++; if (k in SB) inter++ }
    for (k in SB) nb++
    if (na + nb - inter == 0) return 1
    return inter / (na + nb - inter)
}

# --- records --------------------------------------------------------------------

function json(text,   t) {
    t = text
    gsub(/\\/, "\\\\", t)
    gsub(/"/, "\\\"", t)
    gsub(/\t/, "\\t", t)
    gsub(/\n/, "\\n", t)
    return t
}

function emit(text, cluster, class,   id) {
    id = sprintf("b%d-%04d", seed, ++nrec)
    printf "{\"id\":\"%s\",\"kind\":\"post\",\"text\":\"%s\"}\n", id, json(text)
    printf "record\t%s\t%s\t%s\n", id, (cluster == "" ? id : cluster), class >labels
    TEXT_OF[id] = text
    return id
}

function pair(a, b, relation, class) {
    printf "pair\t%s\t%s\t%s\t%s\t%.4f\n", a, b, relation, class, jaccard(TEXT_OF[a], TEXT_OF[b]) >labels
}

# --- variants ---------------------------------------------------------------------

function whitespace_variant(text,   t) {
    t = text
    gsub(/\. /, ".  ", t)
    gsub(/\n\n/, "\n \n\n", t)
    return "\n" t "  \t"
}

function update_variant(text, topic,   n, u) {
    n = count_words(text)
    u = range(10, 60)
    if (u > n / 5) u = int(n / 5)
    if (u < 10) u = 10
    return text "\n\nUpdate: " exactly(paragraph(topic, u - 1), u - 1) "."
}

# The first n words of text.
function exactly(text, n,   w, i, out) {
    split(text, w, " ")
    out = w[1]
    for (i = 2; i <= n; i++) out = out " " w[i]
    sub(/\.$/, "", out)
    return out
}

function edit_variant(text, topic,   n, c, w, i, k, out) {
    n = split(text, w, " ")
    c = int(n / 100)
    if (c < 1) c = 1
    for (k = 1; k <= c; k++) {
        i = range(1, n)
        w[i] = GEN[below(ngen) + 1] (w[i] ~ /\.$/ ? "." : "")
    }
    out = w[1]
    for (i = 2; i <= n; i++) out = out " " w[i]
    return out
}

function trim_variant(text,   n, keep, w, i, out) {
    n = split(text, w, " ")
    keep = n - int(n * (0.02 + rnd() * 0.13))
    out = w[1]
    for (i = 2; i <= keep; i++) out = out " " w[i]
    return out
}

# --- the benchmark --------------------------------------------------------------------

function new_original(   topic, id) {
    topic = range(1, ntopics)
    norig++
    ORIG_TEXT[norig] = post(topic, range(120, 700))
    ORIG_TOPIC[norig] = topic
    id = emit(ORIG_TEXT[norig], "", "original")
    ORIG_ID[norig] = id
    return id
}

function new_variant(   o, r, text, class, id) {
    o = range(1, norig)
    r = rnd()
    if (r < 0.2) { class = "exact"; text = ORIG_TEXT[o] }
    else if (r < 0.35) { class = "whitespace"; text = whitespace_variant(ORIG_TEXT[o]) }
    else if (r < 0.6) { class = "update"; text = update_variant(ORIG_TEXT[o], ORIG_TOPIC[o]) }
    else if (r < 0.8) { class = "edit"; text = edit_variant(ORIG_TEXT[o], ORIG_TOPIC[o]) }
    else { class = "trim"; text = trim_variant(ORIG_TEXT[o]) }
    id = emit(text, ORIG_ID[o], class)
    pair(ORIG_ID[o], id, "dup", class)
}

function hard_negative(   r, topic, a, b, shared, head, foot, ts, density) {
    r = rnd()
    topic = range(1, ntopics)
    if (r < 0.3) {
        shared = paragraph(topic, range(40, 100))
        a = emit(post(topic, range(120, 500)) "\n\n" shared, "", "paragraph")
        b = emit(post(topic, range(120, 500)) "\n\n" shared "\n\n" post(topic, 40), "", "paragraph")
        pair(a, b, "distinct", "paragraph")
    } else if (r < 0.55) {
        head = paragraph(5, range(15, 30))
        foot = paragraph(5, range(20, 45))
        a = emit(head "\n\n" post(topic, range(80, 400)) "\n\n" foot, "", "template")
        b = emit(head "\n\n" post(topic, range(80, 400)) "\n\n" foot, "", "template")
        pair(a, b, "distinct", "template")
    } else if (r < 0.8) {
        ts = range(1, 2147483646)
        density = range(5, 20)
        a = emit(report(ts, density), "", "figures")
        b = emit(report(ts, density), "", "figures")
        pair(a, b, "distinct", "figures")
    } else {
        a = emit(post(topic, range(120, 400)), "", "topic")
        b = emit(post(topic, range(120, 400)), "", "topic")
        pair(a, b, "distinct", "topic")
    }
}

BEGIN {
    if (seed == "") seed = 1
    if (posts == "") posts = 300
    if (labels == "") labels = "/dev/null"
    state = (seed % 2147483646) + 1
    for (i = 0; i < 10; i++) rnd()
    setup()
    for (i = 0; i < 3; i++) new_original()
    while (norig < posts) {
        r = rnd()
        if (r < 0.45) new_original()
        else if (r < 0.85) new_variant()
        else hard_negative()
    }
    close(labels)
}
