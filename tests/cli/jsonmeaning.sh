# jsonmeaning.sh — "the same meaning" for records, shared by
# test-json-edge.sh and test-json-conformance.sh (sourced after lib.sh).
#
# Two lines have the same meaning when jq -S reads them as equal values
# after a jq filter drops what the program owns (normalize owns text, title
# and headline; extract-stats adds stats and figures). jq 1.6 stops at 256
# levels of nesting, deeper than a record may be (2048), so a line jq cannot
# read must keep its deep value in a member "v" written compactly, and the
# output line must hold `"v":VALUE` byte for byte.

# The programs that read records (split: NDJSON documents).
PROGRAMS="split normalize extract-stats dedupe emit-json"
# Under valgrind (the programs are wrapper scripts) a run takes seconds:
# the one-line-at-a-time runs then take one case in STRIDE.
STRIDE=1
if [ "$(head -c 2 "$WINNOW_BIN/winnow-split")" = '#!' ]; then STRIDE=7; fi

# args PROGRAM: the options that make PROGRAM read lines as records
# (split: as NDJSON documents).
args() { if [ "$1" = split ]; then echo "--format ndjson"; fi; }
# want_filter PROGRAM, got_filter PROGRAM: the jq filters that leave out
# what PROGRAM owns, for an input line and for its output line; split
# carries every member of a document but id and text into meta.
want_filter() {
    case $1 in
        split) echo '{id, text, rest: del(.id, .text)}' ;;
        normalize) echo 'del(.text, .title, .headline)' ;;
        extract-stats) echo 'del(.stats, .figures)' ;;
        *) echo '.' ;;
    esac
}
got_filter() {
    case $1 in
        split) echo '{id: .doc, text, rest: (.meta // {})}' ;;
        *) want_filter "$1" ;;
    esac
}

# canon_lines FILTER FILE: each line of FILE as sorted compact JSON after
# FILTER, or the word UNREADABLE.
canon_lines() {
    jq -R -c -S "try (fromjson | $1) catch \"UNREADABLE\"" "$2"
}

# meaning_diff WANT WANT_FILTER GOT GOT_FILTER: prints nothing when line i
# of GOT means line i of WANT for every i (and both have as many lines);
# otherwise one line saying where they first differ.
meaning_diff() {
    canon_lines "$2" "$1" >"$T/meaning-want"
    canon_lines "$4" "$3" >"$T/meaning-got"
    awk -v want="$T/meaning-want" -v got="$T/meaning-got" -v wantraw="$1" -v gotraw="$3" '
        BEGIN {
            for (n = 1; (w = getline a <want) > 0; n++) {
                if ((getline b <got) <= 0) { print "line " n ": missing from the output"; exit }
                getline ra <wantraw; getline rb <gotraw
                if (a == "\"UNREADABLE\"") {
                    i = index(ra, "\"v\":")
                    v = substr(ra, i, length(ra) - i)  # "v":VALUE without the final }
                    j = index(rb, v)
                    c = substr(rb, j + length(v), 1)
                    if (i == 0 || j == 0 || (c != "," && c != "}")) {
                        print "line " n ": the deep member v is not in the output byte for byte"; exit
                    }
                } else if (a != b) {
                    print "line " n ": want " substr(a, 1, 200) " got " substr(b, 1, 200); exit
                }
            }
            if ((getline b <got) > 0) print "line " n ": more output lines than input lines"
        }'
}

# expect_meaning NAME WANT WANT_FILTER GOT GOT_FILTER
expect_meaning() {
    _meaning=$(meaning_diff "$2" "$3" "$4" "$5")
    if [ -z "$_meaning" ]; then pass "$1"; else fail "$1" "$_meaning"; fi
}
