#!/bin/sh
# Command-line tests of winnow-normalize: options, each step and the default
# chain against expected records, correct text kept, Unicode's
# NormalizationTest.txt, idempotence (fixtures, seeds, generated corpus),
# bad input, pipes.
. "$(dirname "$0")/lib.sh"

FIX="$FIXTURES/normalize"
GOLD="$EXPECTED/normalize"
DIRTY="$FIX/dirty.jsonl"

# --- options -----------------------------------------------------------------
expect_standard_options winnow-normalize
run winnow-normalize --help
expect_true "--help names every step" "$(head -c 300 "$T/out")" \
    sh -c "for s in mojibake entities nfc controls spaces punct lower; do grep -q \"^  \$s \" '$T/out' || exit 1; done"
run winnow-normalize --steps nfc,shout
expect_status "unknown step is a usage error" 2
expect_stderr_match "the unknown step is named" "invalid step 'shout'"
run winnow-normalize --steps ''
expect_status "an empty step list is a usage error" 2
run winnow-normalize --form nfd
expect_status "bad --form is a usage error" 2
run winnow-normalize --field ''
expect_status "empty --field is a usage error" 2
run winnow-normalize --key text
expect_status "--key onto its own source field is a usage error" 2

# --- each step, the default chain, options: exactly as expected ----------------
run winnow-normalize -q "$DIRTY"
expect_status "default chain exits 0" 0
expect_stdout_file "default chain gives the expected records" "$GOLD/default.jsonl"
for step in mojibake entities nfc nfkc controls spaces punct lower; do
    run winnow-normalize -q --steps "$step" "$DIRTY"
    expect_stdout_file "--steps $step alone gives the expected records" "$GOLD/step-$step.jsonl"
done
run winnow-normalize -q --punct --lower --form nfkc --report "$DIRTY"
expect_stdout_file "--punct --lower --form nfkc --report" "$GOLD/all-nfkc-report.jsonl"
run winnow-normalize -q --field text --report "$DIRTY"
expect_stdout_file "--field text --report" "$GOLD/text-only-report.jsonl"
run winnow-normalize -q --key key "$DIRTY"
expect_stdout_file "--key key" "$GOLD/key.jsonl"

# The same through the switches: --no-STEP removes one step from the default.
winnow-normalize -q --steps mojibake,entities,controls,spaces "$DIRTY" >"$T/want"
run winnow-normalize -q --no-nfc "$DIRTY"
expect_stdout_file "--no-nfc equals the default steps but nfc" "$T/want"
run winnow-normalize -q --steps nfc --form nfkc "$DIRTY"
expect_stdout_file "--steps nfc --form nfkc equals --steps nfkc" "$GOLD/step-nfkc.jsonl"

# What the steps do, stated directly (the expected files aside).
got=$(jq -r 'select(.id=="mojibake/p1") | .text' "$GOLD/default.jsonl" | head -n 1)
expect_true "mojibake and its quotes repaired" "got: $got" \
    test "$got" = "It’s a £277m contract – “signed” in São Paulo"
got=$(jq -r 'select(.id=="entities/c1") | .text' "$GOLD/default.jsonl")
expect_true "entities decoded, legacy names before alnum kept" "got: $got" \
    test "$got" = "Tom & Jerry <b>bold</b> café ’quoted’ 😀 &copy2019 ?a=1&para=2 < …"
nbsp=$(printf '\302\240') zwsp=$(printf '\342\200\213') shy=$(printf '\302\255')
expect_true "no NBSP, zero-width space or soft hyphen is left" "found one" \
    sh -c "! jq -r '.text, .title, .headline | strings' '$GOLD/default.jsonl' | grep -q -e '$nbsp' -e '$zwsp' -e '$shy'"
expect_true "the input has them (the check above can fail)" "fixture lacks them" \
    sh -c "jq -r '.text, .title, .headline | strings' '$DIRTY' >'$T/fields'; grep -q '$nbsp' '$T/fields' && grep -q '$zwsp' '$T/fields' && grep -q '$shy' '$T/fields'"
expect_true "members other than the fields pass through untouched" "differ" \
    sh -c "jq -c 'del(.text, .title, .headline)' '$DIRTY' >'$T/a'; jq -c 'del(.text, .title, .headline)' '$GOLD/default.jsonl' >'$T/b'; cmp -s '$T/a' '$T/b'"
expect_true "a field that is not a string is left as it is" "$(grep types/p7 "$GOLD/default.jsonl")" \
    sh -c "grep -q '\"title\":42,\"headline\":null' '$GOLD/default.jsonl'"
run winnow-normalize "$DIRTY"
expect_stderr_match "totals on stderr" "^winnow-normalize: 11 records, 12 fields changed; mojibake 22, entities 13, nfc 6, controls 10, spaces 36$"
expect_stderr_match "fields that are not strings are reported" "2 field\\(s\\) were not strings"
run winnow-normalize --quiet "$DIRTY"
expect_stderr_empty "--quiet: no totals"
run winnow-normalize -q --counts "$T/counts.json" --report "$DIRTY"
expect_true "--counts: accounting and step totals" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.in == 11 and .out == 11 and .fields_changed == 12 and .not_string == 2 and .norm.mojibake == 22 and .norm.spaces == 36' '$T/counts.json' >/dev/null"
expect_true "--report per record adds up to the totals" "$(jq -c .norm "$T/out" | head -n 3)" \
    sh -c "test \"\$(jq -s 'map(.norm.mojibake + .norm.entities + .norm.nfc + .norm.controls + .norm.spaces) | add' '$T/out')\" = 87"
run winnow-normalize -q --key k "$DIRTY"
jq -c . "$DIRTY" >"$T/dirty.c"
expect_true "--key leaves every field as it was" "differ" \
    sh -c "jq -c 'del(.k)' '$T/out' | cmp -s - '$T/dirty.c'"

# --- correct text in many languages stays exactly as it is ------------------------
jq -c . "$FIX/correct.jsonl" >"$T/correct.c"
words=$(grep -c '"id":"w' "$T/correct.c")
expect_true "the list holds at least 30 words and names" "$words" test "$words" -ge 30
for steps in "" "--steps mojibake" "--steps entities" "--steps nfc" "--steps controls" "--steps spaces"; do
    run winnow-normalize -q $steps "$FIX/correct.jsonl"
    jq -c . "$T/out" >"$T/got.c"
    expect_true "correct text unchanged (${steps:-default chain})" "$(diff "$T/correct.c" "$T/got.c" | head -n 4)" \
        cmp -s "$T/correct.c" "$T/got.c"
done

# --- Unicode's own conformance test ------------------------------------------------
# Every line of NormalizationTest.txt: c2 == NFC(c1..c3), c4 == NFC(c4..c5),
# c4 == NFKC(c1..c5).
NT=
for f in /usr/share/unicode/NormalizationTest.txt /usr/share/unicode-data/NormalizationTest.txt; do
    [ -f "$f" ] && NT="cat $f" && break
    [ -f "$f.bz2" ] && command -v bzcat >/dev/null && NT="bzcat $f.bz2" && break
done
if [ -n "$NT" ]; then
    $NT | awk -v nfc="$T/want-nfc" -v nfkc="$T/want-nfkc" -f "$FIX/normtest.awk" >"$T/nt.jsonl"
    lines=$(wc -l <"$T/nt.jsonl" | tr -d ' ')
    expect_true "NormalizationTest.txt read ($lines test lines)" "too few" test "$lines" -gt 15000
    cols="-f c1 -f c2 -f c3 -f c4 -f c5"
    for form in nfc nfkc; do
        winnow-normalize -q --steps $form $cols "$T/nt.jsonl" | jq -c . >"$T/got-$form"
        jq -c . "$T/want-$form" >"$T/want-$form.c"
        bad=$(diff "$T/want-$form.c" "$T/got-$form" | grep -c '^>')
        expect_true "NormalizationTest.txt: every line passes --steps $form" \
            "$bad lines fail: $(diff "$T/want-$form.c" "$T/got-$form" | grep '^>' | head -n 2)" test "$bad" -eq 0
    done
    winnow-normalize -q --steps spaces $cols "$T/nt.jsonl" | jq -c . >"$T/got-spaces"
    expect_true "NormalizationTest.txt check can fail (--steps spaces does not pass)" "it passed" \
        sh -c "! cmp -s '$T/want-nfc.c' '$T/got-spaces'"
    # Part 1's other half: every code point it does not list is unchanged by
    # NFC and NFKC (each alone between spaces, so that none meets another).
    $NT | awk -f "$FIX/normtest-rest.awk" >"$T/rest.jsonl"
    jq -c . "$T/rest.jsonl" >"$T/rest.c"
    for form in nfc nfkc; do
        winnow-normalize -q --steps $form "$T/rest.jsonl" | jq -c . >"$T/rest-$form"
        expect_true "NormalizationTest.txt part 1: code points not listed are unchanged by $form" \
            "$(diff "$T/rest.c" "$T/rest-$form" | head -c 300)" cmp -s "$T/rest.c" "$T/rest-$form"
    done
else
    skip "NormalizationTest.txt" "install the Debian package unicode-data (and bzip2)"
fi

# --- idempotence: normalizing twice equals normalizing once ------------------------------
twice_equals_once() { # NAME FILE [OPTIONS...]
    name=$1 file=$2
    shift 2
    winnow-normalize -q "$@" "$file" >"$T/once" && winnow-normalize -q "$@" "$T/once" >"$T/twice"
    expect_true "twice equals once: $name ${*:-}" "$(diff "$T/once" "$T/twice" | head -c 300)" \
        cmp -s "$T/once" "$T/twice"
}
for f in "$DIRTY" "$FIX/correct.jsonl"; do
    twice_equals_once "$(basename "$f")" "$f"
    twice_equals_once "$(basename "$f")" "$f" --punct --lower --form nfkc
done
winnow-split "$FIXTURES"/blog/*.txt >"$T/blog.jsonl" 2>/dev/null
twice_equals_once "the blog fixtures, split" "$T/blog.jsonl"
twice_equals_once "the blog fixtures, split" "$T/blog.jsonl" --punct --lower
if [ -d "$SHARED/seeds" ]; then
    winnow-split "$SHARED"/seeds/*.txt >"$T/seeds.jsonl" 2>/dev/null
    twice_equals_once "the seeds, split" "$T/seeds.jsonl"
else
    skip "idempotence on the seeds" "../shared/seeds not present"
fi
if [ -d "$SHARED/fixtures/dolma" ]; then
    for f in "$SHARED"/fixtures/dolma/*.jsonl.gz; do
        [ -f "$f" ] || continue
        winnow-split --by document "$f" >"$T/real.jsonl" 2>/dev/null
        twice_equals_once "real crawl $(basename "$f")" "$T/real.jsonl"
    done
else
    skip "idempotence on real crawl files" "../shared/fixtures/dolma not present"
fi
if [ -x "$WINNOW_BIN/winnow-generate" ]; then
    if winnow-generate --seed 11 --size 2M --tar "$T/gen.tar.gz" >/dev/null 2>"$T/gen.err"; then
        winnow-split -q "$T/gen.tar.gz" >"$T/gen.jsonl"
        twice_equals_once "the generated corpus" "$T/gen.jsonl"
        twice_equals_once "the generated corpus" "$T/gen.jsonl" --punct --lower --form nfkc
    else
        fail "idempotence on the generated corpus" "winnow-generate failed: $(head -c 200 "$T/gen.err")"
    fi
else
    skip "idempotence on the generated corpus" "no winnow-generate in \$WINNOW_BIN yet"
fi

# --- the HTML5 entity table is what the script makes of the data ------------------------
expect_true "lib/entities-table.h is generated from lib/html5-entities.json" "regenerate it" \
    sh -c "sh '$WINNOW_ROOT/lib/gen-entities.sh' | cmp -s - '$WINNOW_ROOT/lib/entities-table.h'"
expect_true "the data file holds the 2231 names of the WHATWG list" "$(jq length "$WINNOW_ROOT/lib/html5-entities.json")" \
    test "$(jq length "$WINNOW_ROOT/lib/html5-entities.json")" = 2231

# --- bad input ---------------------------------------------------------------------------
expect_bad_files "$DIRTY" winnow-normalize -q

printf '{"id":"a","text":"x\302\240y"}\n\n   \n{"id":"b","text":"z"}\n' >"$T/blank.jsonl"
run winnow-normalize -q --counts "$T/counts.json" "$T/blank.jsonl"
expect_lines "blank lines are skipped" 2
expect_true "blank lines are counted" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.blank == 2 and .in == 2 and .out == 2' '$T/counts.json' >/dev/null"

head -n 4 "$DIRTY" >"$T/four.jsonl"
winnow-normalize -q "$T/four.jsonl" >"$T/four.out"
sed 's/$/\r/' "$T/four.jsonl" >"$T/four.crlf"
run winnow-normalize -q "$T/four.crlf"
expect_stdout_file "CRLF line ends give the same records" "$T/four.out"
printf '\357\273\277' | cat - "$T/four.jsonl" >"$T/four.bom"
run winnow-normalize -q "$T/four.bom"
expect_stdout_file "a byte-order mark at the start is skipped" "$T/four.out"
gzip -c "$T/four.jsonl" >"$T/four.jsonl.gz"
run winnow-normalize -q "$T/four.jsonl.gz"
expect_stdout_file "gzipped input gives the same records" "$T/four.out"
run sh -c "gzip -c '$T/four.jsonl' | winnow-normalize -q -"
expect_stdout_file "gzipped stdin gives the same records" "$T/four.out"

{
    echo '{"id":"a","text":"first\u00a0good"}'
    echo 'not json at all'
    printf '{"id":"c","text":"bad \377 byte"}\n'
    echo '["an","array"]'
    echo '{"id":"e","text":"trailing comma",}'
    echo '{"id":"f","text":null,"title":{"x":1}}'
    echo '{"id":"g","kind":"post"}'
    echo '{"id":"h","text":"last\u200bgood"}'
} >"$T/mixed.jsonl"
run winnow-normalize -q "$T/mixed.jsonl"
expect_status "a bad line stops with status 1" 1
expect_stderr_match "the bad line is named FILE:LINE" "mixed.jsonl:2: invalid JSON"
expect_stdout "records before the bad line are written" '{"id":"a","text":"first good"}'
run winnow-normalize --rejects "$T/rejects.jsonl" --counts "$T/counts.json" "$T/mixed.jsonl"
expect_status "with --rejects bad lines do not stop the run" 0
expect_true "with --rejects every good record is written" "$(jq -r .id "$T/out" | tr '\n' ' ')" \
    test "$(jq -r .id "$T/out" | tr '\n' ' ')" = "a f g h "
expect_true "rejects: not JSON, invalid UTF-8, not an object, bad JSON" "$(jq -r '"\(.line):\(.reason)"' "$T/rejects.jsonl" | cut -c1-20 | tr '\n' '#')" \
    test "$(jq -r '"\(.line):\(.reason)"' "$T/rejects.jsonl" | cut -c1-16 | tr '\n' '#')" = "2:invalid JSON: #3:invalid JSON: #4:not a JSON obj#5:invalid JSON: #"
expect_true "mistyped fields (null, object) pass through untouched" "$(grep '"f"' "$T/out")" \
    sh -c "grep -qx '{\"id\":\"f\",\"text\":null,\"title\":{\"x\":1}}' '$T/out'"
expect_true "a record without text fields passes through" "$(grep '"g"' "$T/out")" \
    sh -c "grep -qx '{\"id\":\"g\",\"kind\":\"post\"}' '$T/out'"
expect_stderr_match "mistyped fields are reported" "2 field\\(s\\) were not strings"
expect_true "accounting: in = out + rejected" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.in == 8 and .out == 4 and .rejected == 4' '$T/counts.json' >/dev/null"

# A 30 MB line: no limit on line length, and the text is normalized whole.
{
    printf '{"id":"huge","text":"'
    yes 'caf&eacute;  Ã©t&amp;' | head -n 1500000 | tr '\n' ' '
    printf '"}\n'
} >"$T/huge.jsonl"
run winnow-normalize -q "$T/huge.jsonl"
expect_status "a 30 MB line is normalized" 0
expect_true "a 30 MB line is normalized whole" "$(head -c 100 "$T/out")" \
    sh -c "test \"\$(jq -r '.text | length' '$T/out')\" = \$((1500000 * 9 - 1)) && ! grep -q -e '&amp;' -e '  ' '$T/out'"
rm -f "$T/huge.jsonl"

# --- pipes and failed writes ----------------------------------------------------------------
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do cat "$DIRTY"; done >"$T/many.jsonl"
expect_pipe_and_full_disk winnow-normalize -q "$T/many.jsonl" "$T/many.jsonl" "$T/many.jsonl"
