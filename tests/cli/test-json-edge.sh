#!/bin/sh
# JSON edge cases through every program that reads records (normalize,
# extract-stats, dedupe, emit-json; split reading NDJSON documents), from
# tests/fixtures/json-edge/ (see make-fixtures.sh there for each case):
#   - each line of valid.jsonl passes through with the same meaning (see
#     jsonmeaning.sh), also with a byte-order mark, CRLF line ends and blank
#     lines (skipped and counted), gzipped, and a truncated gzip stops after
#     the good records with a message;
#   - each line of invalid.jsonl stops the program with
#     "program: FILE:LINE: reason" and status 1 after every good record
#     before it was written; with --rejects it goes to the rejects file with
#     its line number and the run goes on; the accounting holds.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/jsonmeaning.sh"

if ! command -v jq >/dev/null 2>&1 || ! command -v gzip >/dev/null 2>&1; then
    skip "json-edge" "jq and gzip are needed"
    exit 0
fi

EDGE="$FIXTURES/json-edge"
VALID="$EDGE/valid.jsonl"
INVALID="$EDGE/invalid.jsonl"
NVALID=$(wc -l <"$VALID" | tr -d ' ')
NINVALID=$(wc -l <"$INVALID" | tr -d ' ')

# rejects_hold_texts REJECTS FILE: every entry names FILE, gives a reason
# and the text of the line.
rejects_hold_texts() {
    jq -c ".text | $FOLD" "$1" | cmp -s - "$T/invalid-texts" &&
        jq -e -s "all(.[]; (.reason | type == \"string\" and length > 0) and .file == \"$2\")" "$1" >/dev/null
}
# reason_pattern ID: what the reason for the invalid line ID must say.
reason_pattern() {
    case $1 in
        overlong*|utf8-*|above-10ffff|invalid-byte*|lone-continuation|truncated-utf8|latin1*|invalid-utf8*)
            echo 'decode byte|UTF-8' ;;
        *surrogate*) echo 'surrogate' ;;
        number-*|int-*|huge-int) echo 'overflow|too big' ;;
        deep-*) echo 'depth' ;;
        duplicate-*) echo 'duplicate' ;;
        truncated-object|truncated-string|truncated-after-colon|truncated-key) echo 'end of input' ;;
        raw-nul-in-string|raw-tab-in-string|raw-cr-in-string|raw-control-01) echo 'control character' ;;
        nul-escape-in-key) echo 'NUL' ;;
        *) echo '.' ;;
    esac
}

# --- the input variants, made once -----------------------------------------------
# A byte-order mark, CRLF line ends and four kinds of blank line.
awk 'BEGIN { printf "\357\273\277" }
     { printf "%s\r\n", $0 }
     NR == 1 { printf "\n" } NR == 5 { printf "   \n" } NR == 9 { printf "\t\r\n" } NR == 12 { printf "\r\n" }' \
    "$VALID" >"$T/variants.jsonl"
BLANKS=4
gzip -c "$VALID" >"$T/valid.jsonl.gz"
# A gzip stream cut in the middle (the lines before the cut are good).
head -c $(($(wc -c <"$T/valid.jsonl.gz") / 2)) "$T/valid.jsonl.gz" >"$T/truncated.jsonl.gz"
# Every invalid line, with the valid lines spread among them (one valid line
# after every fourth invalid one, the rest at the end); bad-lines lists the
# line numbers of the invalid ones.
awk -v valid="$VALID" -v badfile="$T/bad-lines" '
    { print; print ++n >badfile
      if (NR % 4 == 0 && (getline v <valid) > 0) { print v; n++ } }
    END { while ((getline v <valid) > 0) print v }' "$INVALID" >"$T/mixed.jsonl"
# The invalid lines as jq reads them, for the rejects file's "text": invalid
# UTF-8 becomes U+FFFD (jq and winnow may differ in how many, so a run of
# them counts as one).
FOLD='gsub("\ufffd+"; "\ufffd")'
jq -R -c "$FOLD" "$INVALID" >"$T/invalid-texts"

for p in $PROGRAMS; do
    prog="winnow-$p"
    # shellcheck disable=SC2046
    set -- $(args "$p")

    # --- valid lines: the same meaning, and the input variants change nothing -----
    run "$prog" -q "$@" "$VALID"
    expect_status "$p: the valid edge cases exit 0" 0
    cp "$T/out" "$T/valid.out"
    expect_meaning "$p: every valid edge case keeps its meaning" \
        "$VALID" "$(want_filter "$p")" "$T/valid.out" "$(got_filter "$p")"

    rm -f "$T/counts.json"
    run "$prog" -q "$@" --counts "$T/counts.json" "$T/variants.jsonl"
    expect_status "$p: BOM, CRLF and blank lines exit 0" 0
    expect_stdout_file "$p: BOM, CRLF and blank lines change nothing" "$T/valid.out"
    expect_true "$p: blank lines are skipped and counted" "$(cat "$T/counts.json")" \
        jqe ".in == $NVALID and .blank == $BLANKS and .rejected == 0" "$T/counts.json"

    run "$prog" -q "$@" "$T/valid.jsonl.gz"
    expect_status "$p: gzip input exits 0" 0
    expect_stdout_file "$p: gzip input is read transparently" "$T/valid.out"
    run "$prog" -q "$@" "$T/truncated.jsonl.gz"
    expect_status "$p: a truncated gzip input exits 1" 1
    expect_stderr_match "$p: a truncated gzip input is named" "^$prog: .*truncated\\.jsonl\\.gz.*truncated gzip"
    expect_true "$p: a truncated gzip input keeps the records before the cut" \
        "$(wc -l <"$T/out") lines" \
        sh -c "test -s '$T/out' && cmp -s -n \$(wc -c <'$T/out') '$T/out' '$T/valid.out'"

    # --- invalid lines with --rejects: all of them there, the run goes on ---------
    rm -f "$T/rejects.jsonl" "$T/counts.json"
    run "$prog" -q "$@" --rejects "$T/rejects.jsonl" --counts "$T/counts.json" "$T/mixed.jsonl"
    expect_status "$p --rejects: the run goes on past every invalid line" 0
    expect_stdout_file "$p --rejects: the valid lines among them come out as when alone" "$T/valid.out"
    expect_true "$p --rejects: each invalid line is in the rejects file with its line number" \
        "$(jq -r .line "$T/rejects.jsonl" 2>&1 | tr '\n' ' ' | head -c 300)" \
        sh -c "jq -r .line '$T/rejects.jsonl' | cmp -s - '$T/bad-lines'"
    expect_true "$p --rejects: each rejected line has a reason and its text" \
        "$(head -c 300 "$T/rejects.jsonl")" rejects_hold_texts "$T/rejects.jsonl" "$T/mixed.jsonl"
    # split reads documents and writes records: its "in" is the documents
    # split, not the lines read.
    if [ "$p" = split ]; then balance='.in + .rejected'; else balance='.in'; fi
    expect_true "$p --rejects: every line counted: in = out + rejected" "$(cat "$T/counts.json")" \
        jqe "$balance == $NVALID + $NINVALID and .out == $NVALID and .rejected == $NINVALID" "$T/counts.json"

    # --- each invalid line alone: FILE:LINE, status 1, the good lines before it out --
    head -n 2 "$T/valid.out" >"$T/good-before"
    k=$((1 - STRIDE)) stop_failures=0 first_failure= tried=0
    while [ $((k + STRIDE)) -le "$NINVALID" ]; do
        k=$((k + STRIDE)) tried=$((tried + 1))
        bad="$T/bad-$k.jsonl"
        { head -n 2 "$VALID"; sed -n "${k}p" "$INVALID"; sed -n 3p "$VALID"; } >"$bad"
        id=$(sed -n "${k}p" "$INVALID" | grep -a -o '"id":"[^"]*"' | head -n 1 | cut -d '"' -f 4)
        pattern=$(reason_pattern "${id:-none}")
        run "$prog" -q "$@" "$bad"
        why=
        if [ "$STATUS" -ne 1 ]; then why="exit status $STATUS"
        elif ! cmp -s "$T/out" "$T/good-before"; then why="the good records before it are not all out ($(wc -l <"$T/out") lines)"
        elif ! head -n 1 "$T/err" | grep -Eq "^$prog: $bad:3: .*($pattern)"; then why="stderr: $(head -c 200 "$T/err")"
        fi
        if [ -n "$why" ]; then
            stop_failures=$((stop_failures + 1))
            [ -n "$first_failure" ] || first_failure="invalid line $k (${id:-no id}): $why"
        fi
    done
    expect_true "$p: each of $tried invalid lines stops with FILE:LINE: reason and status 1 after the good records" \
        "$stop_failures fail; first: $first_failure" test "$stop_failures" -eq 0
done

# The dispatcher passes the status and the message through.
run winnow normalize "$T/bad-1.jsonl"
expect_status "winnow normalize: an invalid line exits 1" 1
expect_stderr_match "winnow normalize: the message names FILE:LINE" "^winnow-normalize: $T/bad-1.jsonl:3: "
