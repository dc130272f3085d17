#!/bin/sh
# Command-line tests of winnow-emit-json: every option against expected
# outputs, --nest on the fixtures and the seeds (gathering, round trip),
# --summary and its accounting, atomic and gzipped -o (a killed run leaves
# nothing under the target name), and the bad inputs of SPEC.
. "$(dirname "$0")/lib.sh"

IN="$FIXTURES/emit-json/thread.jsonl"
GOLD="$EXPECTED/emit-json"

# Flatten --nest output back into records (jq), sorted, keys sorted.
unnest() {
    jq -c 'def flat: (del(.replies)), (.replies[]? | flat);
           if .kind == "post" and has("comments") then
               (if .missing then empty else del(.quotes, .comments) end),
               .quotes[], (.comments[] | flat)
           else . end' "$1" | jq -S -c . | sort
}
canonical() { jq -S -c . "$1" | sort; }

# --- options -----------------------------------------------------------------
expect_standard_options winnow-emit-json
for bad in "--format xml" "--format csv" "--format csv --fields id --pretty" \
           "--format csv --fields id --nest" "--summary --nest" "--summary --fields id" \
           "--summary --array" "--nest --fields id" "--counts-from x" "--no-header" \
           "--level 0" "--level 10" "--top 0" "--top x" "--counts-wait -1" \
           "--fields id,,kind" "--fields id,id"; do
    # shellcheck disable=SC2086
    run winnow-emit-json $bad "$IN"
    expect_status "usage error: $bad" 2
done
run winnow-emit-json --fields 'a..b' "$IN"
expect_stderr_match "a bad field list is named" "invalid --fields"

# --- output shapes: each against its expected file ----------------------------
run winnow-emit-json "$IN"
expect_status "default exits 0" 0
expect_stdout_file "default: compact NDJSON, id doc kind first" "$GOLD/default.jsonl"
expect_true "default keeps every record's meaning" "records differ" \
    sh -c "cmp -s '$T/out.canon' '$T/in.canon' 2>/dev/null || { jq -S -c . '$IN' >'$T/in.canon'; jq -S -c . '$T/out' >'$T/out.canon'; cmp -s '$T/in.canon' '$T/out.canon'; }"
expect_true "default puts id, doc, kind first" "order wrong" \
    sh -c "jq -c 'keys_unsorted[0:3]' '$T/out' | sort -u | grep -qx '\[\"id\",\"doc\",\"kind\"\]'"
run winnow-emit-json < "$IN"
expect_stdout_file "stdin is read when no FILE is given" "$GOLD/default.jsonl"
run winnow-emit-json - < "$IN"
expect_stdout_file "'-' is stdin" "$GOLD/default.jsonl"

run winnow-emit-json --pretty "$IN"
expect_stdout_file "--pretty" "$GOLD/pretty.json"
jq . "$GOLD/default.jsonl" >"$T/jq-pretty"
expect_stdout_file "--pretty lays out as jq does" "$T/jq-pretty"

run winnow-emit-json --array "$IN"
expect_stdout_file "--array" "$GOLD/array.jsonl"
expect_true "--array is one JSON array of every record" "not an array of 14" \
    sh -c "jq -e 'length == 14' '$T/out' >/dev/null"
run winnow-emit-json --array --pretty "$IN"
expect_stdout_file "--array --pretty" "$GOLD/array-pretty.json"
run sh -c "printf '' | winnow-emit-json --array"
expect_stdout "--array of nothing is []" "[]"

run winnow-emit-json --fields 'id,kind,stats.words,figures.0.text,span.0,meta.url' "$IN"
expect_stdout_file "--fields: dotted paths, given order, null where absent" "$GOLD/fields.jsonl"
run winnow-emit-json --fields 'kind,id' "$IN"
expect_true "--fields keeps the given order" "$(head -n 1 "$T/out")" \
    sh -c "head -n 1 '$T/out' | grep -qx '{\"kind\":\"post\",\"id\":\"a/p1\"}'"
run winnow-emit-json --fields 'id,kind' --array --pretty "$IN"
expect_true "--fields with --array --pretty" "bad array" \
    sh -c "jq -e 'length == 14 and .[0] == {id: \"a/p1\", kind: \"post\"}' '$T/out' >/dev/null"

run winnow-emit-json --format csv --fields 'id,kind,stats.words,figures.0.text,text' "$IN"
expect_stdout_file "--format csv" "$GOLD/fields.csv"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline=""))); print("\n".join(r[4] for r in rows[1:]))' \
        "$T/out" >"$T/csv-text"
    jq -r .text "$IN" >"$T/jq-text"
    expect_true "csv quoting reads back to the exact texts" "$(diff "$T/jq-text" "$T/csv-text" | head -n 4)" \
        cmp -s "$T/jq-text" "$T/csv-text"
else
    skip "csv read back" "python3 not installed"
fi
run winnow-emit-json --format csv --no-header --fields id "$IN"
expect_true "--no-header" "$(head -n 1 "$T/out")" sh -c "head -n 1 '$T/out' | grep -qx 'a/p1' && test \$(wc -l <'$T/out') -eq 14"

# --- --nest on the fixtures ------------------------------------------------------
run winnow-emit-json --nest "$IN"
expect_status "--nest exits 0" 0
expect_stdout_file "--nest: posts with quotes and comment trees" "$GOLD/nest.jsonl"
expect_stderr_match "--nest reports the orphans" "2 record\(s\) of 1 post\(s\) that never arrived"
expect_stderr_match "--nest reports comments without their parent" "2 comment\(s\) whose parent comment never arrived"
unnest "$T/out" >"$T/back"
canonical "$IN" >"$T/want"
expect_true "--nest keeps every record, unchanged" "$(diff "$T/want" "$T/back" | head -n 4)" cmp -s "$T/want" "$T/back"
run winnow-emit-json --nest --quiet "$IN"
expect_stderr_empty "--nest --quiet says nothing"
run winnow-emit-json --nest --array --pretty "$IN"
expect_true "--nest --array --pretty is one array of the same objects" "differs" \
    sh -c "jq -c '.[]' '$T/out' | cmp -s - '$GOLD/nest.jsonl'"
tac "$IN" >"$T/reversed.jsonl"
run winnow-emit-json --nest --quiet "$T/reversed.jsonl"
jq -S -c . "$T/out" | sort >"$T/rev-nest"
jq -S -c . "$GOLD/nest.jsonl" | sort >"$T/fwd-nest"
expect_true "--nest gathers records arriving in any order into the same objects" \
    "$(diff "$T/fwd-nest" "$T/rev-nest" | head -n 3)" cmp -s "$T/fwd-nest" "$T/rev-nest"

# --- --nest on the seeds -----------------------------------------------------------
SEEDS="$SHARED/seeds"
if [ -d "$SEEDS" ]; then
    threads() { # the shape of each nested post: quotes; comments(replies)
        jq -r '"\(.quotes|length) quotes; " + ([.comments[] | .n + (if (.replies|length)>0
               then "(" + ([.replies[].n]|join(" ")) + ")" else "" end)] | join(" "))' "$1"
    }
    winnow-split "$SEEDS/000_3cda5d15756a79be.txt" >"$T/s0.jsonl"
    run winnow-emit-json --nest "$T/s0.jsonl"
    expect_true "seed 000 nests into one post" "$(wc -l <"$T/out") objects" test "$(wc -l <"$T/out")" -eq 1
    expect_true "seed 000: 2 quotes, comments 1-9, replies under 4, 5 and 8" "got: $(threads "$T/out")" \
        test "$(threads "$T/out")" = "2 quotes; 1 2 3 4(4.1 4.2) 5(5.1) 6 7 8(8.1) 9"
    unnest "$T/out" >"$T/back"
    canonical "$T/s0.jsonl" >"$T/want"
    expect_true "seed 000 round trip keeps every record" "differs" cmp -s "$T/want" "$T/back"
    winnow-split "$SEEDS/002_565c8be4b69fe0ea.txt" >"$T/s2.jsonl"
    run winnow-emit-json --nest "$T/s2.jsonl"
    expect_true "seed 002: 2 quotes, comments 1-17 with their replies" "got: $(threads "$T/out")" \
        test "$(threads "$T/out")" = "2 quotes; 1(1.1 1.2) 2 3(3.1 3.2 3.3 3.4 3.5) 4 5 6(6.1) 7 8(8.1 8.2) 9 10 11 12 13(13.1) 14 15(15.1) 16(16.1) 17"
    expect_stderr_empty "seed 002 nests without a warning"
    # Both seeds, their records interleaved: still two whole posts.
    paste -d '\n' "$T/s0.jsonl" "$T/s2.jsonl" | grep -v '^$' >"$T/mixed.jsonl"
    run winnow-emit-json --nest "$T/mixed.jsonl"
    expect_true "interleaved seeds nest into their two posts" "$(wc -l <"$T/out") objects" \
        test "$(wc -l <"$T/out")" -eq 2
    cat "$T/s0.jsonl" "$T/s2.jsonl" >"$T/both.jsonl"
    unnest "$T/out" >"$T/back"
    canonical "$T/both.jsonl" >"$T/want"
    expect_true "interleaved seeds round trip" "differs" cmp -s "$T/want" "$T/back"
else
    skip "nest on seeds" "../shared/seeds not present"
fi

# --- --summary -----------------------------------------------------------------------
run winnow-emit-json --summary --pretty "$IN"
expect_stdout_file "--summary --pretty" "$GOLD/summary.json"
run winnow-emit-json --summary "$IN"
expect_lines "--summary is one line without --pretty" 1
expect_true "--summary counts every record, duplicates apart" "$(jq -c '[.records,.kept,.duplicates.removed]' "$T/out")" \
    sh -c "jq -e '[.records,.kept,.duplicates.removed] == [14,13,1]' '$T/out' >/dev/null"
run winnow-emit-json --summary --top 1 "$IN"
expect_true "--top limits the figure lists" "$(jq -c .figures.most_cited "$T/out")" \
    sh -c "jq -e '(.figures.most_cited|length) == 1 and .figures.most_cited[0].count == 3' '$T/out' >/dev/null"
run winnow-emit-json --summary-file "$T/summary.json" "$IN"
expect_stdout_file "--summary-file leaves the records on stdout" "$GOLD/default.jsonl"
expect_true "--summary-file writes the indented report" "differs" cmp -s "$T/summary.json" "$GOLD/summary.json"
run winnow-emit-json --summary-file "$T/no/such/summary.json" "$IN"
expect_status "--summary-file into a missing folder fails" 1

# The accounting, end to end: split's counts travel to the summary.
printf '{"id":"a","doc":"a","kind":"post"}\nnot json\n\n' >"$T/tail.jsonl"
if [ -d "$SEEDS" ]; then
    rm -rf "$T/counts" && mkdir "$T/counts"
    run_sh "winnow-split --counts '$T/counts/1-split.json' '$SEEDS'/*.txt | cat - '$T/tail.jsonl' \
            | winnow-emit-json --summary --rejects '$T/rej.jsonl' --counts-from '$T/counts/1-split.json'"
    expect_status "summary with upstream counts exits 0" 0
    got=$(jq -c '.accounting | [.documents_in, .records_split, .rejected, .records_out, .balanced, (.programs|length)]' "$T/out")
    expect_true "accounting: documents in, records split, rejects, records out" "got: $got" \
        test "$got" = "[2,49,1,50,true,2]"
    got=$(jq -c '[.accounting.programs[] | [.program, .in, .out, .rejected, .blank, .balanced]]' "$T/out")
    expect_true "accounting: each program with its counts" "got: $got" \
        test "$got" = '[["winnow-split",2,49,0,0,null],["winnow-emit-json",51,50,1,1,true]]'
    expect_true "accounting: the chain from split to emit-json is broken by the extra lines" "$(jq -c .accounting.chained "$T/out")" \
        sh -c "jq -e '.accounting.chained == false' '$T/out' >/dev/null"
    run_sh "winnow-split --counts '$T/counts/1-split.json' '$SEEDS'/*.txt \
            | winnow-emit-json --summary --counts-from '$T/counts'"
    expect_true "a counts folder, and a whole chain" "$(jq -c .accounting "$T/out" | head -c 300)" \
        sh -c "jq -e '.accounting.chained == true and .accounting.balanced == true and .records == 49' '$T/out' >/dev/null"
else
    skip "accounting end to end" "../shared/seeds not present"
fi
printf '{"program":"p","in":"x","out":1}\n' >"$T/badcounts.json"
run winnow-emit-json --summary --counts-from "$T/badcounts.json" "$IN"
expect_status "a bad counts file is an error" 1
expect_stderr_match "a bad counts file is named with its line" "badcounts.json:1: not a counts object"
run winnow-emit-json --summary --counts-wait 0.1 --counts-from "$T/never.json" "$IN"
expect_status "a counts file that never comes is an error" 1
run winnow-emit-json --counts "$T/self.json" --rejects "$T/rej.jsonl" "$T/tail.jsonl"
expect_true "--counts: in, out, rejected, blank" "$(cat "$T/self.json")" \
    sh -c "jq -e '[.program,.in,.out,.rejected,.blank] == [\"winnow-emit-json\",2,1,1,1]' '$T/self.json' >/dev/null"

# --- --figures: one row per figure ------------------------------------------------------
FIG="$FIXTURES/emit-json/figures.jsonl"
run winnow-emit-json --figures --counts "$T/fig-counts.json" "$FIG"
expect_status "--figures exits 0" 0
expect_stdout_file "--figures: one row per figure, every column" "$GOLD/figures.jsonl"
expect_true "--figures: as many rows as figures, duplicates apart" "$(wc -l <"$T/out") rows" \
    test "$(wc -l <"$T/out")" -eq "$(jq -s '[.[] | select(has("dup_of") | not) | .figures | length] | add' "$FIG")"
expect_true "--figures: each sentence holds its figure's text" "$(jq -c 'select((.sentence | type) != "string")' "$T/out" | head -n 2)" \
    sh -c "jq -e -s 'all(.[]; .sentence as \$s | .figure_text as \$f | \$s | contains(\$f))' '$T/out' >/dev/null"
expect_true "--figures: quotes and comments get their post's date and title" "$(jq -c '[.id,.date]' "$T/out" | tr '\n' ' ')" \
    sh -c "jq -e -s '[.[] | select(.post == \"page/p1\")] | length == 6 and all(.[]; .date == \"2017-12-14\" and .title == \"Figures Day\")' '$T/out' >/dev/null"
expect_true "--figures: a duplicate post lends its date to its comments" "$(grep copy/p1/c3 "$T/out" | head -n 1 | cut -c 1-200)" \
    sh -c "jq -e -s '[.[] | select(.id == \"copy/p1/c3\") | .date] == [\"2017-12-14\", \"2017-12-14\"]' '$T/out' >/dev/null"
expect_stderr_match "--figures reports the rows whose post never arrived" "1 figure row\(s\) of 1 record\(s\) whose post never arrived.*first post: lost/p2"
expect_true "--figures --counts: rows, duplicates skipped, rows without post" "$(cat "$T/fig-counts.json")" \
    sh -c "jq -e '[.in,.out,.objects,.figure_rows,.records_with_figures,.duplicates_skipped,.rows_without_post] == [8,8,10,10,7,1,1]' '$T/fig-counts.json' >/dev/null"
run winnow-emit-json --figures --quiet "$FIG"
expect_stderr_empty "--figures --quiet says nothing"
run winnow-emit-json --figures --quiet --format csv "$FIG"
expect_stdout_file "--figures --format csv: the default columns" "$GOLD/figures.csv"
expect_true "--figures csv header is the column list" "$(head -n 1 "$T/out")" \
    sh -c "head -n 1 '$T/out' | grep -qx 'id,doc,kind,post,date,title,source,headline,figure_text,figure_kind,value,low,high,of,unit,approx,span,sentence'"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import csv,sys; rows=list(csv.DictReader(open(sys.argv[1], newline=""))); print("\n".join(r["sentence"] for r in rows))' \
        "$T/out" >"$T/csv-sentences"
    jq -r .sentence "$GOLD/figures.jsonl" >"$T/jq-sentences"
    expect_true "--figures csv reads back to the exact sentences" "$(diff "$T/jq-sentences" "$T/csv-sentences" | head -n 4)" \
        cmp -s "$T/jq-sentences" "$T/csv-sentences"
else
    skip "--figures csv read back" "python3 not installed"
fi
run winnow-emit-json --figures --quiet --fields 'id,date,figure_text,span.0' "$FIG"
expect_true "--figures --fields projects the rows" "$(head -n 1 "$T/out")" \
    sh -c "head -n 1 '$T/out' | grep -qx '{\"id\":\"page/p1\",\"date\":\"2017-12-14\",\"figure_text\":\"Up to 40%\",\"span.0\":41}'"
run winnow-emit-json --figures --quiet --format csv --no-header --fields 'figure_kind,unit' "$FIG"
expect_true "--figures --format csv --fields --no-header" "$(head -n 2 "$T/out" | tr '\n' '|')" \
    sh -c "test \$(wc -l <'$T/out') -eq 10 && head -n 1 '$T/out' | grep -qx 'percent,'"
run winnow-emit-json --figures --quiet --array --pretty "$FIG"
expect_true "--figures --array --pretty: one array of the rows" "differs" \
    sh -c "jq -c '.[]' '$T/out' | cmp -s - '$GOLD/figures.jsonl'"
mkdir -p "$T/fo"
run winnow-emit-json --figures --quiet --format csv -o "$T/fo/figures.csv.gz" "$FIG"
expect_true "--figures -o FILE.csv.gz" "differs" sh -c "gzip -dc '$T/fo/figures.csv.gz' | cmp -s - '$GOLD/figures.csv'"
for bad in "--figures --nest" "--figures --summary"; do
    # shellcheck disable=SC2086
    run winnow-emit-json $bad "$FIG"
    expect_status "usage error: $bad" 2
done
{
    printf '%s\n' '{"id":"a","doc":"a","kind":"post","figures":{}}' \
        '{"id":"b","doc":"b","kind":"comment","post":7}' \
        '{"id":"c","doc":"c","kind":"post","figures":[{"text":"40%","kind":"percent","span":[5,2]}]}' \
        '{"id":"d","doc":"d","kind":"post","figures":[{"text":"40%","kind":"percent","value":"40"}]}' \
        '{"id":"e","doc":"e","kind":"post","text":"40%","figures":[{"text":"40%","kind":"percent","span":[0,3]}]}'
} >"$T/bad-figures.jsonl"
run winnow-emit-json --figures --rejects "$T/rej.jsonl" "$T/bad-figures.jsonl"
expect_true "--figures rejects mistyped figures, spans, values and post" "$(jq -r .reason "$T/rej.jsonl" | tr '\n' '|')" \
    test "$(jq -r .reason "$T/rej.jsonl" | tr '\n' '|')" = 'member "figures" is not an array|member "post" is not a string|figure 1 of member "figures" has a "span" that is not [start, end] (integers, 0 <= start <= end)|figure 1 of member "figures" has a value, low, high or of that is not a number|'
expect_lines "--figures --rejects: the good record's row is written" 1
run winnow-emit-json --figures "$T/bad-figures.jsonl"
expect_status "--figures stops at a mistyped figure" 1
expect_stderr_match "--figures: FILE:LINE and why" "bad-figures.jsonl:1: member \"figures\" is not an array"

# --- -o: atomic, gzipped, never half-written ---------------------------------------------
mkdir -p "$T/o"
run winnow-emit-json -o "$T/o/out.jsonl" "$IN"
expect_status "-o exits 0" 0
expect_true "-o writes the file" "differs" cmp -s "$T/o/out.jsonl" "$GOLD/default.jsonl"
expect_true "-o writes nothing on stdout" "stdout not empty" test ! -s "$T/out"
run winnow-emit-json -o "$T/o/out.jsonl.gz" "$IN"
expect_true "-o FILE.gz is valid gzip" "gzip -t failed" gzip -t "$T/o/out.jsonl.gz"
expect_true "-o FILE.gz holds the records" "differs" sh -c "gzip -dc '$T/o/out.jsonl.gz' | cmp -s - '$GOLD/default.jsonl'"
run winnow-emit-json --level 9 --nest --quiet -o "$T/o/nest.jsonl.gz" "$IN"
expect_true "--level 9 with --nest into gzip" "differs" sh -c "gzip -dc '$T/o/nest.jsonl.gz' | cmp -s - '$GOLD/nest.jsonl'"
run winnow-emit-json --summary -o "$T/o/summary.json.gz" --pretty "$IN"
expect_true "--summary -o FILE.gz" "differs" sh -c "gzip -dc '$T/o/summary.json.gz' | cmp -s - '$GOLD/summary.json'"
expect_true "no temporary file is left beside the outputs" "$(ls -A "$T/o")" \
    test "$(ls -A "$T/o" | tr '\n' ' ')" = "nest.jsonl.gz out.jsonl out.jsonl.gz summary.json.gz "
printf 'old\n' >"$T/o/keep.jsonl"
run winnow-emit-json -o "$T/o/keep.jsonl" "$FIXTURES/emit-json/bad.jsonl"
expect_status "-o with bad input exits 1" 1
expect_true "a failed run leaves the old file as it was" "$(cat "$T/o/keep.jsonl")" test "$(cat "$T/o/keep.jsonl")" = "old"
run winnow-emit-json -o "$T/o/fresh.jsonl" "$FIXTURES/emit-json/bad.jsonl"
expect_true "a failed run creates no file" "file exists" test ! -e "$T/o/fresh.jsonl"
run winnow-emit-json -o "$T/o/missing/out.jsonl" "$IN"
expect_status "-o into a missing folder exits 1" 1
expect_stderr_match "-o into a missing folder names it" "o/missing/out.jsonl: No such file or directory"
run winnow-emit-json -o /dev/full "$IN"
expect_status "-o /dev/full exits 1" 1
expect_stderr_match "-o /dev/full reports the write error" "write error"
run sh -c "winnow-emit-json -o /dev/stdout '$IN'"
expect_stdout_file "-o /dev/stdout writes in place" "$GOLD/default.jsonl"
ln -s out.jsonl "$T/o/link.jsonl"
run winnow-emit-json --fields id -o "$T/o/link.jsonl" "$IN"
expect_true "-o through a symlink keeps the link and writes its target" "link replaced" \
    sh -c "test -L '$T/o/link.jsonl' && head -n 1 '$T/o/out.jsonl' | grep -qx '{\"id\":\"a/p1\"}'"

# A killed run: the input is still coming when the program is killed.
# (Not SIGINT: a background job of a non-interactive shell ignores it.)
for sig in KILL TERM HUP; do
    rm -rf "$T/k" && mkdir "$T/k" && mkfifo "$T/k/in"
    winnow-emit-json -o "$T/k/out.jsonl.gz" <"$T/k/in" &
    pid=$!
    exec 3>"$T/k/in"
    cat "$IN" "$IN" "$IN" >&3
    sleep 0.3
    kill -"$sig" "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    exec 3>&-
    expect_true "killed by SIG$sig: no file under the target name" "$(ls -A "$T/k")" test ! -e "$T/k/out.jsonl.gz"
done
left=$(ls -A "$T/k" | grep -v '^in$' | tr '\n' ' ')
case "$left" in
"") pass "a killed run leaves no temporary file either (O_TMPFILE)" ;;
.out.jsonl.gz.*) skip "killed run, temporary file" "no O_TMPFILE here: a hidden temporary file is left ($left)" ;;
*) fail "a killed run leaves nothing but hidden temporary files" "left: $left" ;;
esac

# --- bad input ------------------------------------------------------------------------
BAD="$FIXTURES/emit-json/bad.jsonl"
run winnow-emit-json "$BAD"
expect_status "not JSON stops the run" 1
expect_stderr_match "not JSON: FILE:LINE and why" "bad.jsonl:2: invalid JSON"
expect_lines "every good record before the bad line is written" 1
run winnow-emit-json --rejects "$T/rej.jsonl" "$BAD"
expect_status "--rejects goes on" 0
expect_true "--rejects holds every bad line with its reason" "$(cut -c 1-200 "$T/rej.jsonl")" \
    sh -c "jq -r '\"\(.line) \(.reason)\"' '$T/rej.jsonl' | tr '\n' '|' | grep -q '^2 invalid JSON.*|3 member \"kind\" is missing|4 member \"id\" is not a string|5 member \"doc\" is missing|6 invalid JSON.*|7 not a JSON object|8 invalid JSON.*|\$'"
expect_true "--rejects: the good records are written" "$(wc -l <"$T/out")" test "$(wc -l <"$T/out")" -eq 2
run winnow-emit-json --nest --rejects "$T/rej.jsonl" "$FIXTURES/emit-json/bad-nest.jsonl"
expect_true "--nest rejects mistyped post, parent, span and reserved members" "$(jq -r .reason "$T/rej.jsonl" | tr '\n' '|')" \
    test "$(jq -r .reason "$T/rej.jsonl" | tr '\n' '|')" = 'member "post" is missing (a quote or comment names its post)|member "parent" is not a string|member "span" is not [start, end]|member "comments" is reserved by --nest on a post|'
run winnow-emit-json --summary --rejects "$T/rej.jsonl" "$FIXTURES/emit-json/bad-summary.jsonl"
expect_true "--summary rejects mistyped stats, figures, date, dup_of" "$(jq -r .reason "$T/rej.jsonl" | tr '\n' '|')" \
    test "$(jq -r .reason "$T/rej.jsonl" | tr '\n' '|')" = 'member "stats" is not an object|member "figures" holds a figure whose "kind" is missing or not a string|member "date" is not a string|member "dup_of" is not a string|'
expect_true "--summary counts only the good records" "$(jq -c .records "$T/out")" sh -c "jq -e '.records == 1' '$T/out' >/dev/null"
run winnow-emit-json --summary "$FIXTURES/emit-json/bad-summary.jsonl"
expect_status "--summary stops at a mistyped field" 1
expect_true "--summary writes no report for a failed run" "stdout not empty" test ! -s "$T/out"

printf '{"id":"a","doc":"d","kind":"post","text":"caf\351"}\n' >"$T/latin1.jsonl"
run winnow-emit-json "$T/latin1.jsonl"
expect_status "invalid UTF-8 is bad input" 1
expect_stderr_match "invalid UTF-8: FILE:LINE" "latin1.jsonl:1: "
gzip -c "$IN" >"$T/in.jsonl.gz"
run winnow-emit-json "$T/in.jsonl.gz"
expect_stdout_file "gzip input is read" "$GOLD/default.jsonl"
expect_bad_files "$GOLD/default.jsonl" winnow-emit-json
run winnow-emit-json /dev/null
expect_status "/dev/null as input exits 0" 0
expect_true "/dev/null as input writes nothing" "stdout not empty" test ! -s "$T/out"
run winnow-emit-json --summary /dev/null
expect_true "empty input: a summary of nothing" "$(head -c 100 "$T/out")" sh -c "jq -e '.records == 0' '$T/out' >/dev/null"
{ printf '\357\273\277'; head -n 2 "$IN" | sed 's/$/\r/'; printf '\n  \n'; sed -n 3p "$IN"; } >"$T/crlf.jsonl"
run winnow-emit-json --counts "$T/c.json" "$T/crlf.jsonl"
expect_true "BOM, CRLF and blank lines: the same records" "differs" sh -c "head -n 3 '$GOLD/default.jsonl' | cmp -s - '$T/out'"
expect_true "blank lines are counted" "$(cat "$T/c.json")" sh -c "jq -e '.blank == 2 and .in == 3' '$T/c.json' >/dev/null"
head -c 50000000 /dev/zero | tr '\0' 'a' >"$T/big.txt"
{ printf '{"id":"big","doc":"d","kind":"post","text":"'; cat "$T/big.txt"; printf '"}\n'; } >"$T/big.jsonl"
rm -f "$T/big.txt"
run winnow-emit-json "$T/big.jsonl"
expect_status "a 50 MB line passes" 0
expect_true "a 50 MB line comes out whole" "differs" cmp -s "$T/big.jsonl" "$T/out"
rm -f "$T/big.jsonl" "$T/out"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$IN"; done >"$T/many.jsonl"
expect_pipe_and_full_disk winnow-emit-json "$T/many.jsonl" "$T/many.jsonl" "$T/many.jsonl"
run sh -c "winnow-emit-json --nest '$IN' | head -c 10"
expect_stderr_match "--nest | head: only the nest report on stderr" "never arrived"
