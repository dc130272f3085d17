#!/bin/sh
# Command-line tests of pipelines/*.sh on a small generated archive: --help
# and usage errors of every script; corpus.sh's output and its accounting
# end to end (documents in, records split, rejects, duplicates, records
# out); the failing stage named; -o atomic when any stage fails; sharded.sh
# against corpus.sh; threads.sh losing no record; figures.sh one valid row
# per figure with its sentence; run-sample.sh; --rejects DIR and every
# stage's --counts file (in = out + rejected + dropped) of corpus.sh,
# figures.sh and threads.sh; empty input through every script.
# (dedupe-sharded.sh's results are tested in test-dedupe.sh; full disks
# and closed pipes in test-resources.sh.) The scripts find the programs
# through $WINNOW_BIN, so this runs on the plain and the sanitizer build.
. "$(dirname "$0")/lib.sh"
export WINNOW_BIN
P="$WINNOW_ROOT/pipelines"

if ! command -v bash >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
    skip "pipelines" "bash and jq are needed"
    exit 0
fi

ARCH="$T/small.tar.gz"
ARCH2="$T/small2.tar.gz"
winnow-generate --quiet --seed 3 --size 300K --tar "$ARCH"
winnow-generate --quiet --seed 5 --size 150K --tar "$ARCH2"
head -c 20000 "$ARCH" >"$T/trunc.tar.gz"

# The records of a split, for counting: split | normalize | extract-stats.
winnow-split "$ARCH" | winnow-normalize --quiet | winnow-extract-stats --quiet --only figures \
    >"$T/records.jsonl"

# Number of CSV records in a file: lines, joined while a quote is open.
csv_rows() { awk '{ q += gsub(/"/, "\""); if (q % 2 == 0) n++ } END { print n + 0 }' "$1"; }
# Flatten --nest output into record ids (orphan headers left out).
nested_ids() {
    jq -r 'def flat: ., (.replies[]? | flat);
           if .kind == "post" and has("comments") then
               (if .missing then empty else .id end), (.quotes[].id), (.comments[] | flat | .id)
           else .id end' "$1"
}
# Nothing but NAME (or nothing at all) in folder DIR: no temporary left.
only_in() { test "$(ls -A "$1" | tr '\n' ' ')" = "$2"; }

# --- --help and usage errors of every script ----------------------------------------
for s in corpus figures threads sharded dedupe-sharded run-sample; do
    run bash "$P/$s.sh" --help
    expect_status "$s.sh --help exits 0" 0
    expect_true "$s.sh --help shows the usage" "$(head -c 200 "$T/out")" grep -q "^Usage: pipelines/$s.sh" "$T/out"
done
for s in corpus figures threads sharded dedupe-sharded; do
    run bash "$P/$s.sh" -o "$T/x.out" --no-such-option "$ARCH"
    expect_status "$s.sh: an unknown option is a usage error" 2
    expect_stderr_match "$s.sh: a usage error says how to get help" "Try '$s.sh --help'"
    run bash "$P/$s.sh" -o "$T/x.out"
    expect_status "$s.sh: no archive is a usage error" 2
done
run bash "$P/run-sample.sh"
expect_status "run-sample.sh: no archive is a usage error" 2
expect_stderr_match "run-sample.sh: a usage error says how to get help" "Try 'run-sample.sh --help'"
run bash "$P/figures.sh" --format xml "$ARCH"
expect_status "figures.sh --format xml is a usage error" 2
run bash "$P/figures.sh" --fields 'id,,kind' "$ARCH"
expect_status "figures.sh: a bad --fields is a usage error" 2
run bash "$P/threads.sh" --no-dedupe --removed "$T/r.jsonl" "$ARCH"
expect_status "threads.sh --no-dedupe --removed is a usage error" 2
run bash "$P/sharded.sh" "$ARCH"
expect_status "sharded.sh without -o is a usage error" 2
run bash "$P/corpus.sh" "$T/no-such.tar.gz"
expect_status "corpus.sh: a missing archive exits 1" 1
expect_stderr_match "corpus.sh: a missing archive is named" "no-such.tar.gz: cannot read"

# --- corpus.sh: the corpus and its accounting ----------------------------------------
mkdir -p "$T/c"
run bash "$P/corpus.sh" -o "$T/c/corpus.jsonl.gz" --summary "$T/c/summary.json" --counts "$T/c/counts" "$ARCH"
expect_status "corpus.sh exits 0" 0
expect_true "corpus.sh writes gzip" "gzip -t failed" gzip -t "$T/c/corpus.jsonl.gz"
gzip -dc "$T/c/corpus.jsonl.gz" >"$T/c/corpus.jsonl"
expect_true "corpus.sh: every line a record (jq)" "$(head -c 200 "$T/c/corpus.jsonl")" \
    sh -c "test -s '$T/c/corpus.jsonl' && jq -e -s 'all(.[]; (.id|type) == \"string\" and (.kind|type) == \"string\" and has(\"stats\"))' '$T/c/corpus.jsonl' >/dev/null"
expect_stderr_match "corpus.sh: a summary line per stage" "corpus.sh: dedupe: in [0-9]+, out [0-9]+"
docs=$(tar tzf "$ARCH" | grep -c '\.txt$')
acct=$(jq -c '.accounting | [.balanced, .chained, .documents_in, .records_split, .rejected, .dropped, .records_out]' "$T/c/summary.json")
files=$(jq -n -c --slurpfile s "$T/c/counts/split.json" --slurpfile d "$T/c/counts/dedupe.json" \
    --slurpfile e "$T/c/counts/emit-json.json" \
    '[true, true, $s[0].in, $s[0].out, 0, ($d[0].exact + $d[0].near), $e[0].out]')
expect_true "corpus.sh: the summary's accounting is the counts files'" "summary $acct, files $files" test "$acct" = "$files"
expect_true "corpus.sh: documents in = the archive's pages" "$acct vs $docs pages" \
    sh -c "jq -e '.accounting.documents_in == $docs' '$T/c/summary.json' >/dev/null"
expect_true "corpus.sh: records split = records out + duplicates + rejects" "$acct" \
    sh -c "jq -e '.accounting | .records_split == .records_out + .dropped + .rejected and .dropped > 0' '$T/c/summary.json' >/dev/null"
expect_true "corpus.sh: records out = the corpus's lines" "$acct vs $(wc -l <"$T/c/corpus.jsonl")" \
    sh -c "jq -e '.accounting.records_out == $(wc -l <"$T/c/corpus.jsonl")' '$T/c/summary.json' >/dev/null"
expect_true "corpus.sh: records split = winnow-split's lines" "$acct" \
    sh -c "jq -e '.accounting.records_split == $(wc -l <"$T/records.jsonl")' '$T/c/summary.json' >/dev/null"
expect_true "corpus.sh leaves no temporary file" "$(ls -A "$T/c")" \
    only_in "$T/c" "corpus.jsonl corpus.jsonl.gz counts summary.json "

# With bad input lines set aside: a document rejected by split, the rest balanced.
winnow-generate --quiet --seed 4 --size 60K --ndjson "$T/docs.jsonl"
{ head -n 3 "$T/docs.jsonl"; echo 'not json'; tail -n +4 "$T/docs.jsonl"; } >"$T/docs-bad.jsonl"
run bash "$P/corpus.sh" -q -o "$T/c/rej.jsonl" --summary "$T/c/rej-summary.json" --rejects "$T/c/rejects" "$T/docs-bad.jsonl"
expect_status "corpus.sh --rejects goes on" 0
expect_true "corpus.sh --rejects: the bad line is in rejects/split.jsonl" "$(cat "$T/c/rejects/split.jsonl" 2>/dev/null | head -c 200)" \
    sh -c "test \$(wc -l <'$T/c/rejects/split.jsonl') -eq 1 && jq -e '.line == 4' '$T/c/rejects/split.jsonl' >/dev/null"
expect_true "corpus.sh --rejects: documents in + rejected = input lines; records balance" \
    "$(jq -c '.accounting | del(.programs)' "$T/c/rej-summary.json")" \
    sh -c "jq -e --argjson lines $(wc -l <"$T/docs-bad.jsonl") '.accounting as \$a | (\$a.programs[0]) as \$split |
        \$split.in + \$split.rejected == \$lines and \$a.documents_in == \$split.in and
        \$a.records_split == \$a.records_out + \$a.dropped + (\$a.rejected - \$split.rejected) and
        \$a.balanced and \$a.chained' '$T/c/rej-summary.json' >/dev/null"

# A failing stage is named, and -o leaves nothing (an old file stays as it was).
mkdir -p "$T/fail"
printf 'old\n' >"$T/fail/old.jsonl"
for s in corpus figures threads; do
    run bash "$P/$s.sh" -o "$T/fail/$s.jsonl" "$T/trunc.tar.gz"
    expect_status "$s.sh: a truncated archive exits 1" 1
    expect_stderr_match "$s.sh: the failing stage is named" "$s.sh: stage 'split' failed"
    run bash "$P/$s.sh" -o "$T/fail/old.jsonl" "$T/trunc.tar.gz"
    expect_true "$s.sh: a failed run leaves the old file as it was" "$(head -c 100 "$T/fail/old.jsonl")" \
        test "$(cat "$T/fail/old.jsonl")" = old
done
expect_true "failed runs leave no file under the target names, no temporary" "$(ls -A "$T/fail")" \
    only_in "$T/fail" "old.jsonl "
run bash "$P/corpus.sh" -o "$T/fail/c.jsonl" --summary "$T/fail/s.json" "$T/trunc.tar.gz"
expect_true "corpus.sh: a failed run writes no summary either" "$(ls -A "$T/fail")" only_in "$T/fail" "old.jsonl "
run bash "$P/figures.sh" -o /dev/full "$ARCH"
expect_status "figures.sh -o /dev/full exits 1" 1
expect_stderr_match "figures.sh: a failed write names stage emit-json" "stage 'emit-json' failed"

# figures.sh and threads.sh set bad lines aside as corpus.sh does.
for s in figures threads; do
    rm -rf "$T/c/rejects-$s"
    run bash "$P/$s.sh" -q --rejects "$T/c/rejects-$s" "$T/docs-bad.jsonl"
    expect_status "$s.sh --rejects goes on" 0
    expect_true "$s.sh --rejects: the bad line is in rejects/split.jsonl" "$(head -c 200 "$T/c/rejects-$s/split.jsonl" 2>&1)" \
        sh -c "test \$(wc -l <'$T/c/rejects-$s/split.jsonl') -eq 1 && jq -e '.line == 4' '$T/c/rejects-$s/split.jsonl' >/dev/null"
    expect_true "$s.sh --rejects: the run gives output" "no output" test -s "$T/out"
done

# Every stage's --counts file balances: in = out + rejected + dropped
# (split: documents in, records out; every later stage reads what the one
# before it wrote).
for s in corpus figures threads; do
    rm -rf "$T/c/counts-$s"
    bash "$P/$s.sh" -q --counts "$T/c/counts-$s" "$ARCH" >/dev/null
    ls "$T/c/counts-$s" >"$T/c/stages-$s"
    jq -s -c 'map({program, in, out, rejected, dropped: (.dropped // 0)})' "$T/c/counts-$s"/*.json >"$T/c/ledger-$s"
    expect_true "$s.sh --counts: every stage's file is there" "$(tr '\n' ' ' <"$T/c/stages-$s")" \
        test "$(grep -c '\.json$' "$T/c/stages-$s")" -ge 4
    expect_true "$s.sh --counts: each stage but split has in = out + rejected + dropped" "$(cat "$T/c/ledger-$s")" \
        jqe 'all(.[] | select(.program != "winnow-split"); .in == .out + .rejected + .dropped)' "$T/c/ledger-$s"
    expect_true "$s.sh --counts: split read every document of the archive" "$(cat "$T/c/ledger-$s")" \
        jqe --argjson docs "$docs" 'map(select(.program == "winnow-split"))[0] | .in == $docs and .out > 0' "$T/c/ledger-$s"
done

# Empty input: an empty NDJSON file gives an empty output and status 0.
: >"$T/empty.jsonl"
for s in corpus figures threads; do
    run bash "$P/$s.sh" -q "$T/empty.jsonl"
    expect_status "$s.sh: empty input exits 0" 0
    expect_lines "$s.sh: empty input gives nothing" 0
done

# --- sharded.sh: the same corpus as corpus.sh ---------------------------------------
if command -v parallel >/dev/null 2>&1; then
    mkdir -p "$T/s"
    run bash "$P/sharded.sh" -q -j 2 -o "$T/s/sharded.jsonl" "$ARCH" "$ARCH2"
    expect_status "sharded.sh exits 0" 0
    bash "$P/corpus.sh" -q -o "$T/s/corpus.jsonl" "$ARCH" "$ARCH2"
    jq -r .id "$T/s/sharded.jsonl" >"$T/s/sharded.ids" 2>/dev/null
    jq -r .id "$T/s/corpus.jsonl" >"$T/s/corpus.ids"
    expect_true "sharded.sh: the same record ids, in the same order, as corpus.sh" \
        "$(diff "$T/s/corpus.ids" "$T/s/sharded.ids" | head -n 4 | tr '\n' '|')" \
        sh -c "test -s '$T/s/corpus.ids' && cmp -s '$T/s/corpus.ids' '$T/s/sharded.ids'"
    run bash "$P/sharded.sh" -q -o "$T/s/empty.jsonl" "$T/empty.jsonl"
    expect_status "sharded.sh: empty input exits 0" 0
    expect_true "sharded.sh: empty input gives an empty corpus" "$(ls -l "$T/s/empty.jsonl" 2>&1)" \
        sh -c "test -f '$T/s/empty.jsonl' && test ! -s '$T/s/empty.jsonl'"
    run bash "$P/dedupe-sharded.sh" -q -o "$T/s/dedup-empty" "$T/empty.jsonl"
    expect_status "dedupe-sharded.sh: empty input exits 0" 0
    expect_true "dedupe-sharded.sh: empty input gives an empty shard" "$(ls -l "$T/s/dedup-empty" 2>&1)" \
        sh -c "test -f '$T/s/dedup-empty/empty.jsonl' && test ! -s '$T/s/dedup-empty/empty.jsonl'"
    run bash "$P/sharded.sh" -q -o "$T/s/fail.jsonl" "$ARCH" "$T/trunc.tar.gz"
    expect_status "sharded.sh: a truncated archive exits 1" 1
    expect_stderr_match "sharded.sh: the failing stage is named" "sharded.sh: stage '.*split.*' failed"
    expect_true "sharded.sh: a failed run leaves no file" "file exists" test ! -e "$T/s/fail.jsonl"
else
    skip "sharded.sh" "GNU parallel is not installed"
fi

# --- threads.sh: every record once, or a reported duplicate ------------------------------
mkdir -p "$T/t"
run bash "$P/threads.sh" -o "$T/t/threads.jsonl" --removed "$T/t/removed.jsonl" "$ARCH"
expect_status "threads.sh exits 0" 0
expect_true "threads.sh: every line a post with quotes and comments (jq)" "$(head -c 200 "$T/t/threads.jsonl")" \
    sh -c "test -s '$T/t/threads.jsonl' && jq -e -s 'all(.[]; .kind != \"post\" or (has(\"quotes\") and has(\"comments\")))' '$T/t/threads.jsonl' >/dev/null"
jq -r .id "$T/records.jsonl" | sort >"$T/t/split.ids"
{ nested_ids "$T/t/threads.jsonl"; jq -r .id "$T/t/removed.jsonl"; } | sort >"$T/t/seen.ids"
expect_true "threads.sh: every record of the split once, nested or removed as a duplicate" \
    "$(diff "$T/t/split.ids" "$T/t/seen.ids" | head -n 4 | tr '\n' '|')" cmp -s "$T/t/split.ids" "$T/t/seen.ids"
expect_true "threads.sh: duplicates were removed" "removed file empty" test -s "$T/t/removed.jsonl"
expect_stderr_match "threads.sh: a summary line per stage" "threads.sh: emit-json: in [0-9]+"
run bash "$P/threads.sh" -q --no-dedupe "$ARCH"
nested_ids "$T/out" | sort >"$T/t/all.ids"
expect_true "threads.sh --no-dedupe: every record of the split once" \
    "$(diff "$T/t/split.ids" "$T/t/all.ids" | head -n 4 | tr '\n' '|')" cmp -s "$T/t/split.ids" "$T/t/all.ids"
run bash "$P/threads.sh" -q --pretty "$ARCH" -o "$T/t/pretty.json"
jq -c . "$T/t/pretty.json" >"$T/t/pretty.compact" 2>/dev/null
expect_true "threads.sh --pretty (options after the archive): the same threads, indented" "differs" \
    sh -c "test \$(wc -l <'$T/t/pretty.json') -gt \$(wc -l <'$T/t/threads.jsonl') && cmp -s '$T/t/pretty.compact' '$T/t/threads.jsonl'"

# --- figures.sh: one row per figure, with its sentence ----------------------------------
mkdir -p "$T/f"
winnow-dedupe --quiet "$T/records.jsonl" | jq '.figures // [] | length' | awk '{ n += $1 } END { print n + 0 }' >"$T/f/want"
want=$(cat "$T/f/want")
run bash "$P/figures.sh" --counts "$T/f/counts" "$ARCH" --format csv -o "$T/f/figures.csv"
expect_status "figures.sh --format csv exits 0" 0
expect_true "figures.sh: the CSV header" "$(head -n 1 "$T/f/figures.csv")" \
    test "$(head -n 1 "$T/f/figures.csv")" = "id,doc,kind,post,date,title,source,headline,figure_text,figure_kind,value,low,high,of,unit,approx,span,sentence"
expect_true "figures.sh: one CSV row per figure after dedupe ($want)" "$(($(csv_rows "$T/f/figures.csv") - 1)) rows" \
    test "$(($(csv_rows "$T/f/figures.csv") - 1))" -eq "$want"
expect_true "figures.sh: no row lacks its post's date" "$(cat "$T/f/counts/emit-json.json")" \
    sh -c "jq -e '.rows_without_post == 0 and .figure_rows == $want' '$T/f/counts/emit-json.json' >/dev/null"
run bash "$P/figures.sh" -q "$ARCH"
cp "$T/out" "$T/f/figures.jsonl"
expect_true "figures.sh: NDJSON by default, one row per figure" "$(wc -l <"$T/f/figures.jsonl") rows" \
    test "$(wc -l <"$T/f/figures.jsonl")" -eq "$want"
expect_true "figures.sh: each row's sentence contains its figure text" \
    "$(jq -c 'select(.sentence == null or (.sentence | contains(.figure_text) | not)) | [.id, .figure_text]' "$T/f/figures.jsonl" 2>&1 | head -n 2)" \
    sh -c "jq -e -s 'length > 0 and all(.[]; .figure_text as \$f | (.sentence | type) == \"string\" and (.sentence | contains(\$f)))' '$T/f/figures.jsonl' >/dev/null"
expect_true "figures.sh: quotes name their source" "no quote row with a source" \
    sh -c "jq -e -s 'any(.[]; .kind == \"quote\" and (.source | type) == \"string\")' '$T/f/figures.jsonl' >/dev/null"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import csv,sys; print("\n".join(r["figure_text"] + "\t" + r["sentence"].replace("\n", " ") for r in csv.DictReader(open(sys.argv[1], newline=""))))' \
        "$T/f/figures.csv" >"$T/f/csv.tsv"
    jq -r '[.figure_text, (.sentence | gsub("\n"; " "))] | @tsv' "$T/f/figures.jsonl" >"$T/f/jq.tsv"
    expect_true "figures.sh: the CSV reads back to the NDJSON's figures and sentences" \
        "$(diff "$T/f/jq.tsv" "$T/f/csv.tsv" | head -n 4 | tr '\n' '|')" cmp -s "$T/f/jq.tsv" "$T/f/csv.tsv"
else
    skip "figures.sh CSV read back" "python3 not installed"
fi
run bash "$P/figures.sh" -q -o "$T/f/auto.csv.gz" "$ARCH"
expect_true "figures.sh -o FILE.csv.gz: CSV, gzipped" "$(gzip -dc "$T/f/auto.csv.gz" 2>&1 | head -n 1)" \
    sh -c "gzip -dc '$T/f/auto.csv.gz' | cmp -s - '$T/f/figures.csv'"
run bash "$P/figures.sh" -q --fields id,date,figure_text "$ARCH"
expect_true "figures.sh --fields projects the rows" "$(head -n 1 "$T/out")" \
    sh -c "jq -e -s 'length == $want and all(.[]; keys_unsorted == [\"id\", \"date\", \"figure_text\"])' '$T/out' >/dev/null"

# --- run-sample.sh: what make run does ------------------------------------------------
run bash "$P/run-sample.sh" "$ARCH" "$T/rs"
expect_status "run-sample.sh exits 0" 0
expect_true "run-sample.sh writes the corpus and its report" "$(ls -A "$T/rs" 2>&1 | tr '\n' ' ')" \
    sh -c "gzip -t '$T/rs/corpus.jsonl.gz' && jq -e '.accounting.balanced' '$T/rs/summary.json' >/dev/null"
expect_true "run-sample.sh prints the human summary" "$(head -c 300 "$T/out")" \
    sh -c "grep -q 'records kept:' '$T/out' && grep -q 'duplicates removed:' '$T/out' && grep -q 'most cited figures:' '$T/out'"
run bash "$P/run-sample.sh" "$T/trunc.tar.gz" "$T/rs-fail"
expect_status "run-sample.sh: a truncated archive exits 1" 1
expect_stderr_match "run-sample.sh: the failing stage is named" "stage 'split' failed"
expect_true "run-sample.sh: a failed run writes no corpus" "$(ls -A "$T/rs-fail" 2>&1 | tr '\n' ' ')" \
    test ! -e "$T/rs-fail/corpus.jsonl.gz" -a ! -e "$T/rs-fail/summary.json"
