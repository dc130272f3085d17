#!/bin/sh
# Command-line tests of winnow-extract-stats: options, the fixtures against
# their expected figures, stats and figures together, spans as jq reads
# them, the seeds, and every bad input of SPEC.
. "$(dirname "$0")/lib.sh"

P=winnow-extract-stats
FIX="$FIXTURES/extract-stats"
GOLD="$EXPECTED/extract-stats"

# --- options -----------------------------------------------------------------
expect_standard_options $P
run $P --only words
expect_status "bad --only is a usage error" 2
expect_stderr_match "bad --only is named" "invalid --only 'words'"
run $P --field ''
expect_status "empty --field is a usage error" 2

# --- the fixtures ----------------------------------------------------------------
run $P --only figures "$FIX/records.jsonl"
expect_status "figures of the fixtures exit 0" 0
expect_stdout_file "figures of the fixtures are as expected" "$GOLD/records.figures.jsonl"
expect_stderr_match "records without text are reported" '2 record\(s\) without a string "text" passed through unchanged'
run $P "$FIX/records.jsonl"
cp "$T/out" "$T/both.jsonl"
expect_true "stats and figures: figures as with --only figures" "differs" \
    sh -c "jq -c 'del(.stats)' '$T/both.jsonl' | cmp -s - '$GOLD/records.figures.jsonl'"
run $P --only stats "$FIX/records.jsonl"
expect_true "--only stats adds stats alone" "differs" \
    sh -c "jq -c 'del(.figures) | if .id == \"blog/p1/c4\" then .figures = \"old\" else . end' '$T/both.jsonl' >'$T/want-stats'; jq -c 'if .id == \"blog/p1/c4\" then del(.figures) | .figures = \"old\" else . end' '$T/out' | cmp -s - '$T/want-stats'"
expect_true "stats: bytes and chars agree with jq" "$(jq -c '.stats | {bytes, chars}' "$T/out" | head -n 2 | tr '\n' ' ')" \
    sh -c "jq -e 'select(.text|type==\"string\") | .stats.bytes == (.text|utf8bytelength) and .stats.chars == (.text|length)' '$T/out' | grep -qv true && exit 1 || exit 0"
expect_true "records without a string text pass through unchanged" "changed" \
    test "$(sed -n 4,5p "$T/both.jsonl")" = "$(sed -n 4,5p "$FIX/records.jsonl")"
expect_true "a figures member already there is replaced in place" "$(sed -n 6p "$T/both.jsonl" | cut -c1-80)" \
    sh -c "sed -n 6p '$T/both.jsonl' | jq -e '(keys_unsorted | .[3]) == \"figures\" and (.figures | type) == \"array\"' >/dev/null"
$P -q "$T/both.jsonl" >"$T/twice.jsonl"
expect_true "running twice changes nothing" "differs" cmp -s "$T/both.jsonl" "$T/twice.jsonl"
expect_true "every span gives its surface back (jq slices by code point)" "a span is off" \
    sh -c "jq -e '.text as \$t | select(.figures|type==\"array\") | all(.figures[]; \$t[.span[0]:.span[1]] == .text)' '$T/both.jsonl' | grep -qv true && exit 1 || exit 0"
run $P --counts "$T/counts.json" -q "$FIX/records.jsonl"
expect_true "--counts: in, out, measured, no_text, figures" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.in == 6 and .out == 6 and .measured == 4 and .no_text == 2 and .figures == 13' '$T/counts.json' >/dev/null"
expect_stderr_empty "--quiet is quiet"
printf '{"id":"a","body":"up to 40%% of 260,000 offenders"}\n' >"$T/body.jsonl"
run $P --only figures --field body "$T/body.jsonl"
expect_stdout "--field measures another member" '{"id":"a","body":"up to 40% of 260,000 offenders","figures":[{"text":"up to 40%","span":[0,9],"kind":"percent","value":40,"approx":"up_to"},{"text":"260,000 offenders","span":[13,30],"kind":"count","value":260000,"unit":"offenders"}]}'

# --- the seeds, split, when present ----------------------------------------------
SEEDS="$SHARED/seeds"
if [ -d "$SEEDS" ]; then
    winnow-split "$SEEDS"/*.txt >"$T/seeds.jsonl"
    run $P -q "$T/seeds.jsonl"
    expect_status "the seeds' records exit 0" 0
    expect_true "seeds: every span gives its surface back" "a span is off" \
        sh -c "jq -e '.text as \$t | all(.figures[]; \$t[.span[0]:.span[1]] == .text)' '$T/out' | grep -qv true && exit 1 || exit 0"
    got=$(jq '.figures | length' "$T/out" | awk '{s += $1} END {print s}')
    expect_true "seeds: the 55 figures of the gold set are found in the records" "got $got" test "$got" -eq 55
    got=$(jq -r '.figures[] | select(.text == "Eleven of the 21 companies") | [.value, .of, .unit] | map(tostring) | join(" ")' "$T/out")
    expect_true "seeds: Eleven of the 21 companies" "got $got" test "$got" = "11 21 companies"
else
    skip "seeds" "../shared/seeds not present"
fi

# --- bad input ----------------------------------------------------------------------
expect_bad_files "$FIX/records.jsonl" $P
printf '\n  \n{"id":"a","text":"7 cases"}\n\n' >"$T/blank.jsonl"
run $P --only figures --counts "$T/c.json" "$T/blank.jsonl"
expect_lines "blank lines are skipped" 1
expect_true "blank lines are counted" "$(cat "$T/c.json")" sh -c "jq -e '.blank == 3 and .in == 1' '$T/c.json' >/dev/null"
printf '{"id":"a","text":"7 cases"}\r\n{"id":"b","text":"8 cases"}\r\n' >"$T/crlf.jsonl"
run $P --only figures "$T/crlf.jsonl"
expect_true "CRLF line ends are read" "$(cat "$T/out")" \
    test "$(jq -r '.figures[0].text' "$T/out" | tr '\n' ' ')" = "7 cases 8 cases "
printf '\357\273\277{"id":"a","text":"9 cases"}\n' >"$T/bom.jsonl"
run $P --only figures "$T/bom.jsonl"
expect_true "a byte-order mark is skipped" "$(cat "$T/out") $(cat "$T/err")" \
    test "$(jq -r '.figures[0].value' "$T/out")" = "9"
{
    echo '{"id":"a","text":"first, 10 cases"}'
    echo 'not json at all'
    printf '{"id":"b","text":"bad \377 byte"}\n'
    echo '{"id":"c","text":"last, 12 cases"}'
    echo '["an","array"]'
} >"$T/mixed.jsonl"
run $P --only figures "$T/mixed.jsonl"
expect_status "a line that is not JSON stops the run" 1
expect_stderr_match "the bad line is named FILE:LINE" "mixed.jsonl:2: invalid JSON"
expect_true "records before the bad line are written" "$(cat "$T/out")" test "$(jq -r .id "$T/out")" = "a"
run $P --only figures --rejects "$T/rejects.jsonl" --counts "$T/c.json" "$T/mixed.jsonl"
expect_status "with --rejects the run goes on" 0
expect_true "with --rejects every good record is written" "$(jq -r .id "$T/out" | tr '\n' ' ')" \
    test "$(jq -r .id "$T/out" | tr '\n' ' ')" = "a c "
expect_true "the rejects file names each bad line and why" "$(cat "$T/rejects.jsonl")" \
    test "$(jq -r '"\(.line):\(.reason)"' "$T/rejects.jsonl" | cut -c1-15 | tr '\n' '#')" = "2:invalid JSON:#3:invalid JSON:#5:not a JSON ob#"
expect_true "invalid UTF-8 is named as such" "$(cat "$T/rejects.jsonl")" \
    sh -c "jq -r 'select(.line == 3) | .reason' '$T/rejects.jsonl' | grep -q 'decode byte 0xff'"
expect_true "accounting: in = out + rejected" "$(cat "$T/c.json")" \
    sh -c "jq -e '.in == 5 and .out == 2 and .rejected == 3' '$T/c.json' >/dev/null"

# Missing and mistyped fields: passed through by default, bad with --strict.
printf '{"id":"a"}\n{"id":"b","text":null}\n{"id":"c","text":["x"]}\n{"id":"d","text":"4 cases"}\n' >"$T/fields.jsonl"
run $P --only figures "$T/fields.jsonl"
expect_status "missing and mistyped fields pass through" 0
expect_true "they are written unchanged" "$(head -n 3 "$T/out")" \
    test "$(head -n 3 "$T/out")" = "$(head -n 3 "$T/fields.jsonl")"
run $P --only figures --strict "$T/fields.jsonl"
expect_status "--strict: a missing field stops the run" 1
expect_stderr_match "--strict: the missing field is named" 'fields.jsonl:1: missing field "text"'
run $P --only figures --strict --rejects "$T/rj.jsonl" "$T/fields.jsonl"
expect_true "--strict: mistyped fields are named with their type" "$(cat "$T/rj.jsonl")" \
    test "$(jq -r .reason "$T/rj.jsonl" | tr '\n' '#')" = 'missing field "text"#field "text" is a null, not a string#field "text" is an array, not a string#'
expect_lines "--strict --rejects: the good record is written" 1

page=$(ls "$FIX"/records.jsonl)
gzip -c "$page" >"$T/records.jsonl.gz"
run $P --only figures "$T/records.jsonl.gz"
expect_stdout_file "gzipped input gives the same records" "$GOLD/records.figures.jsonl"

# A 50 MB line: one record, figures at both ends, spans right.
{
    printf '{"id":"huge","text":"up to 40%% of '
    head -c 52428800 /dev/zero | tr '\0' 'a'
    printf ' then 12 cases"}\n'
} >"$T/huge.jsonl"
run $P -q "$T/huge.jsonl"
expect_status "a 50 MB line is measured" 0
expect_true "a 50 MB line: both figures, spans in characters" "$(jq -c '.figures' "$T/out" | head -c 300)" \
    test "$(jq -c '[.figures[] | .span[0]]' "$T/out")" = "[0,52428819]"
expect_true "a 50 MB line: stats count every byte" "$(jq -c '.stats.bytes' "$T/out")" \
    test "$(jq -c '.stats.bytes' "$T/out")" = "52428827"
rm -f "$T/huge.jsonl"

# --- pipes and failed writes ------------------------------------------------------------
for i in 1 2 3 4 5 6 7 8; do cat "$FIX/records.jsonl"; done >"$T/many.jsonl"
expect_pipe_and_full_disk $P -q "$T/many.jsonl"

# --- threads: the same output, rejects, messages and counts as one -------------------
# Two files of about 24,000 records (several batches each), blank lines, a
# line of 1.2 MB run on the main thread in the middle, and a bad line.
i=0
while [ $i -lt 3000 ]; do cat "$FIX/records.jsonl"; i=$((i + 1)); done >"$T/t1.jsonl"
{ head -n 9000 "$T/t1.jsonl"; echo; echo '   '
  printf '{"id":"long","text":"nearly 40%% of '; head -c 1258291 /dev/zero | tr '\0' 'b'; printf ' then 7 cases"}\n'
  tail -n +9001 "$T/t1.jsonl"; } >"$T/t2.jsonl"
{ head -n 15000 "$T/t2.jsonl"; echo '{"id":"bad","text":'; tail -n +15001 "$T/t2.jsonl"; } >"$T/bad.jsonl"
for j in 1 3; do
    $P -j $j --counts "$T/c$j.json" "$T/t1.jsonl" - <"$T/t2.jsonl" >"$T/o$j.jsonl" 2>"$T/e$j"
    echo $? >"$T/s$j"
    $P -j $j "$T/t1.jsonl" "$T/bad.jsonl" "$T/t1.jsonl" >"$T/bo$j.jsonl" 2>"$T/be$j"
    echo $? >"$T/bs$j"
    $P -j $j --rejects "$T/r$j.jsonl" "$T/bad.jsonl" "$T/t1.jsonl" >"$T/ro$j.jsonl" 2>"$T/re$j"
    echo $? >"$T/rs$j"
done
expect_true "--jobs 3: the same records as --jobs 1, over two inputs ($(wc -l <"$T/o1.jsonl") lines)" \
    "differs" sh -c "test \$(cat '$T/s1') = 0 && test \$(cat '$T/s3') = 0 && cmp -s '$T/o1.jsonl' '$T/o3.jsonl'"
expect_true "--jobs 3: the same counts and totals" "$(cat "$T/c3.json")" \
    sh -c "cmp -s '$T/c1.json' '$T/c3.json' && cmp -s '$T/e1' '$T/e3' && grep -q '\"blank\":2' '$T/c3.json'"
expect_true "--jobs 3: a bad line stops it after the same records, exit 1" "$(cat "$T/be3")" \
    sh -c "test \$(cat '$T/bs3') = 1 && test \$(wc -l <'$T/bo3.jsonl') = 32998 && cmp -s '$T/bo1.jsonl' '$T/bo3.jsonl' && cmp -s '$T/be1' '$T/be3'"
cp "$T/be3" "$T/err"
expect_stderr_match "--jobs 3: the bad line is named" "bad.jsonl:15001: invalid JSON"
expect_stderr_match "--jobs 3: the totals count the records up to it" "^$P: 22000 records measured"
expect_true "--jobs 3 --rejects: the same rejects and records, exit 0" "$(head -c 200 "$T/r3.jsonl")" \
    sh -c "test \$(cat '$T/rs3') = 0 && cmp -s '$T/re1' '$T/re3' && cmp -s '$T/r1.jsonl' '$T/r3.jsonl' && cmp -s '$T/ro1.jsonl' '$T/ro3.jsonl' && test -s '$T/r3.jsonl'"
# Batches in flight when the pipe closes or the disk fills.
expect_pipe_and_full_disk $P -q -j 3 "$T/t1.jsonl"
if [ -w /dev/full ]; then
    $P -q -j 3 "$T/t1.jsonl" >/dev/full 2>"$T/err"
    expect_true "--jobs 3 on a full disk: the write error is said once, and nothing is written after it" \
        "$(cat "$T/err")" sh -c "test \$(grep -c 'write error' '$T/err') -eq 1"
fi
run $P -j 0 "$T/t1.jsonl"
expect_status "--jobs 0 is a usage error" 2
rm -f "$T"/t1.jsonl "$T"/t2.jsonl "$T"/bad.jsonl "$T"/o?.jsonl "$T"/bo?.jsonl "$T"/ro?.jsonl
