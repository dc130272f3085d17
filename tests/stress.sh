#!/bin/sh
# stress.sh — `make stress`: a big input with one huge record through each
# streaming program, with its peak memory against the bound of issue 7
# (under 3 times the largest record plus a few MB; 16 MB here).
#
#   STRESS_MB=1024 STRESS_RECORD_MB=100 sh tests/stress.sh
#   STRESS_PROGRAMS="normalize dedupe" ...   only these programs
#
# Builds (in $TMPDIR, removed at the end) STRESS_MB of records made of
# generated ones repeated, with one record of STRESS_RECORD_MB in the
# middle, and the same as NDJSON documents for winnow-split (the huge one a
# blog post with that much text). Each program reads the file with
# --quiet; /usr/bin/time gives its peak resident memory. Prints one line
# per program and exits 1 if one failed or went over the bound. Not part
# of `make test`: it needs about 2 * STRESS_MB of disk and a few minutes.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${WINNOW_BIN:-$ROOT/bin}
TOTAL_MB=${STRESS_MB:-1024}
RECORD_MB=${STRESS_RECORD_MB:-100}
FIXED_MB=16
W=$(mktemp -d "${TMPDIR:-/tmp}/winnow-stress.XXXXXX")
trap 'rm -rf "$W"' EXIT
[ -x /usr/bin/time ] || { echo "stress.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
command -v jq >/dev/null || { echo "stress.sh: jq is needed" >&2; exit 1; }

size_of() { wc -c <"$1" | tr -d ' '; }

# repeat_to FILE BYTES CHUNK: append CHUNK to FILE until it holds BYTES.
repeat_to() {
    while [ "$(size_of "$1")" -lt "$2" ]; do cat "$3" >>"$1"; done
}

# The pieces: generated documents and their records.
"$BIN/winnow-generate" --quiet --seed 42 --size 8M --ndjson "$W/docs.jsonl"
"$BIN/winnow-split" --quiet "$W/docs.jsonl" >"$W/records.jsonl"
# About 1 MB of text, as escaped JSON string content (no quotes), paragraph
# after paragraph, for the huge record.
jq -r 'select(.kind == "post") | .text' "$W/records.jsonl" | head -c 1048576 |
    jq -R -s -c . | sed 's/^"//; s/"$//; s/$/\\n\\n/' | tr -d '\n' >"$W/chunk"

# huge_line FILE PREFIX: PREFIX, then chunks up to RECORD_MB, then "}.
huge_line() {
    printf '%s' "$2" >"$W/huge"
    repeat_to "$W/huge" $((RECORD_MB * 1048576)) "$W/chunk"
    printf '"}\n' >>"$W/huge"
    cat "$W/huge" >>"$1"
    rm -f "$W/huge"
}
half=$((TOTAL_MB * 1048576 / 2))
: >"$W/big-records.jsonl"
repeat_to "$W/big-records.jsonl" "$half" "$W/records.jsonl"
huge_line "$W/big-records.jsonl" '{"id":"huge/p1","doc":"huge","kind":"post","title":"Huge","text":"'
repeat_to "$W/big-records.jsonl" $((half * 2)) "$W/records.jsonl"
: >"$W/big-docs.jsonl"
repeat_to "$W/big-docs.jsonl" "$half" "$W/docs.jsonl"
huge_line "$W/big-docs.jsonl" '{"id":"huge","text":"Thursday, 14 December 2017\n\nA huge post\n\n'
repeat_to "$W/big-docs.jsonl" $((half * 2)) "$W/docs.jsonl"
record_kb=$((RECORD_MB * 1024))
bound_kb=$((3 * record_kb + FIXED_MB * 1024))

printf 'input %s MB (%s MB of documents for split), largest record %s MB; bound 3 x record + %s MB = %s MB\n' \
    $(($(size_of "$W/big-records.jsonl") / 1048576)) $(($(size_of "$W/big-docs.jsonl") / 1048576)) \
    "$RECORD_MB" "$FIXED_MB" $((bound_kb / 1024))
printf '%-22s %8s %8s %9s %9s %8s %7s %s\n' program "peak MB" "x record" "base MB" "extra/rec" seconds status verdict
failed=0
for p in ${STRESS_PROGRAMS:-split normalize extract-stats dedupe emit-json}; do
    input="$W/big-records.jsonl"
    [ "$p" != split ] || input="$W/big-docs.jsonl"
    set +e
    /usr/bin/time -f '%M %e' -o "$W/time" "$BIN/winnow-$p" --quiet "$input" >/dev/null 2>"$W/err"
    status=$?
    set -e
    read -r peak_kb seconds <"$W/time" || { peak_kb=0 seconds=0; }
    # The same program on the generated pieces alone: its memory without
    # the huge record.
    base_input="$W/records.jsonl"
    [ "$p" != split ] || base_input="$W/docs.jsonl"
    /usr/bin/time -f '%M' -o "$W/time" "$BIN/winnow-$p" --quiet "$base_input" >/dev/null 2>&1 || true
    read -r base_kb <"$W/time" || base_kb=0
    multiple=$(awk -v a="$peak_kb" -v b="$record_kb" 'BEGIN { printf "%.2f", a / b }')
    extra=$(awk -v a="$peak_kb" -v c="$base_kb" -v b="$record_kb" 'BEGIN { printf "%.2f", (a - c) / b }')
    verdict=ok
    if [ "$status" -ne 0 ]; then verdict="FAILED: $(head -c 200 "$W/err")"; failed=1
    elif [ "$peak_kb" -gt "$bound_kb" ]; then verdict="OVER the bound"; failed=1; fi
    printf '%-22s %8s %8s %9s %9s %8s %7s %s\n' "winnow-$p" $((peak_kb / 1024)) "$multiple" \
        $((base_kb / 1024)) "$extra" "$seconds" "$status" "$verdict"
done
exit "$failed"
