#!/bin/sh
# Command-line tests of winnow-dedupe: options, the fixture against its
# expected records, digits, keys, chains, the accounting, the labelled
# benchmark (precision and recall), the sharded steps against the single
# process over 8 shards, bad input, pipes.
. "$(dirname "$0")/lib.sh"

FIX="$FIXTURES/dedupe"
GOLD="$EXPECTED/dedupe"
BENCH="$WINNOW_ROOT/bench/dedupe"

# json_true FILE EXPR: EXPR, over the array of FILE's records, is true.
json_true() { jq -e -s "$2" "$1" >/dev/null 2>&1; }
# json_compare JQ-ARGS...: jq -e, quiet.
json_compare() { jq "$@" >/dev/null 2>&1; }

# --- options -------------------------------------------------------------------
expect_standard_options winnow-dedupe
for bad in "--mode fuzzy" "--threshold 0" "--threshold 1.5" "--threshold x" "--perms 0" \
           "--perms 5000" "--shingle 0" "--bands 200" "--signatures --cluster" "--shard 3" \
           "--mark --removed $T/r" "--signatures --mark" "--mode near --key-field key" "--shard 100000 --signatures"; do
    run winnow-dedupe $bad </dev/null
    expect_status "'$bad' is a usage error" 2
done
run winnow-dedupe --threshold 1.5 </dev/null
expect_stderr_match "a bad value is named" "invalid --threshold '1.5'"

# --- the fixture -----------------------------------------------------------------
run winnow-dedupe "$FIX/records.jsonl"
expect_status "fixture exits 0" 0
expect_stdout_file "fixture: the kept records" "$GOLD/default.jsonl"
expect_stderr_match "the summary line" "^winnow-dedupe: 15 records in, 9 kept, 3 exact duplicates, 3 near duplicates$"
run winnow-dedupe --mark "$FIX/records.jsonl"
expect_stdout_file "fixture --mark: every record, duplicates annotated" "$GOLD/mark.jsonl"
got=$(jq -r 'select(.dup_of) | "\(.id)>\(.dup_of):\(.dup.type)"' "$T/out" | tr '\n' ' ')
expect_true "who duplicates whom" "got: $got" test "$got" = \
    "archive-2017-12/p1>blog/p1:exact blog-updated/p1>blog/p1:near blog/p1/c2>blog/p1/c1:exact label-prisons/p1>blog/p2:near mirror/p2>blog/p2:near blog/p5>blog/p4:exact "
expect_true "a whitespace variant is a near duplicate with similarity 1" "$(grep -c label-prisons "$T/out")" \
    json_true "$T/out" 'map(select(.id == "label-prisons/p1"))[0].dup == {type: "near", similarity: 1}'
expect_true "--mark changes nothing else" "differs" \
    sh -c "jq -c 'del(.dup_of, .dup)' '$T/out' | cmp -s - '$FIX/records.jsonl'"
run winnow-dedupe --quiet "$FIX/records.jsonl"
expect_stderr_empty "--quiet silences the summary"

# Digits stay: two reports that differ only in their figures are both kept.
expect_true "reports differing in figures are kept" "$(jq -r .id "$GOLD/default.jsonl" | tr '\n' ' ')" \
    sh -c "grep -q '\"stats/p2\"' '$GOLD/default.jsonl'"
run winnow-dedupe --mark --fold-digits "$FIX/records.jsonl"
expect_true "--fold-digits: they are duplicates" "$(grep -o '"dup_of.*' "$T/out")" \
    json_true "$T/out" 'map(select(.id == "stats/p2"))[0].dup_of == "stats/p1"'

# Modes.
run winnow-dedupe --mode exact --stats "$T/s.json" "$FIX/records.jsonl"
expect_true "--mode exact: exact copies only" "$(cat "$T/s.json")" \
    sh -c "jq -e '.exact == 3 and .near == 0 and .kept == 12' '$T/s.json' >/dev/null"
run winnow-dedupe --mode near --stats "$T/s.json" "$FIX/records.jsonl"
expect_true "--mode near: exact copies count as near (similarity 1); empty texts are never near" \
    "$(cat "$T/s.json")" sh -c "jq -e '.exact == 0 and .near == 5 and .kept == 10' '$T/s.json' >/dev/null"

# --key-field compares a key for exact duplicates.
jq -c '.key = (.text | ascii_downcase | gsub("[^a-z0-9]+"; " ") | ltrimstr(" ") | rtrimstr(" "))' "$FIX/records.jsonl" >"$T/keyed.jsonl"
run winnow-dedupe --mode exact --key-field key --mark "$T/keyed.jsonl"
expect_true "--key-field: a whitespace variant is an exact duplicate by its key" "$(grep -o '"dup_of.*' "$T/out")" \
    json_true "$T/out" 'map(select(.id == "label-prisons/p1"))[0].dup.type == "exact"'
run winnow-dedupe --key-field nokey "$FIX/records.jsonl"
expect_status "a missing key field is bad input" 1
expect_stderr_match "it is named FILE:LINE" "records.jsonl:1: missing field \"nokey\""

# --min-words: short texts are compared exactly only.
printf '%s\n' '{"id":"c1","text":"Told you so. The CRC managers I know are just as fed up as the rest of us."}' \
    '{"id":"c2","text":"Shameful. The CRC managers I know are just as fed up as the rest of us."}' >"$T/short.jsonl"
run winnow-dedupe --mark --threshold 0.6 "$T/short.jsonl"
expect_true "two short comments sharing a sentence are near duplicates" "$(cat "$T/out")" \
    json_true "$T/out" '.[1].dup_of == "c1"'
run winnow-dedupe --mark --threshold 0.6 --min-words 20 "$T/short.jsonl"
expect_true "--min-words 20: they are not" "$(cat "$T/out")" json_true "$T/out" '.[1].dup_of == null'

# --field chooses the compared text.
jq -c '{id, body: .text}' "$FIX/records.jsonl" >"$T/body.jsonl"
run winnow-dedupe --field body --stats "$T/s.json" "$T/body.jsonl"
expect_true "--field body" "$(cat "$T/s.json")" sh -c "jq -e '.kept == 9' '$T/s.json' >/dev/null"

# A chain: B ~ A, C ~ B, C !~ A. C is compared with A (kept), never with B.
words() { awk -v from="$1" -v n="$2" 'BEGIN { for (i = from; i < from + n; i++) printf "%sword%d", (i > from ? " " : ""), i }'; }
a=$(words 0 100)
b="$a $(words 1000 20)"
c="$b $(words 2000 20)"
printf '{"id":"A","text":"%s"}\n{"id":"B","text":"%s"}\n{"id":"C","text":"%s"}\n' "$a" "$b" "$c" >"$T/chain.jsonl"
run winnow-dedupe --mark --threshold 0.8 "$T/chain.jsonl"
got=$(jq -r '"\(.id)>\(.dup_of // "-")"' "$T/out" | tr '\n' ' ')
expect_true "a chain keeps its first and its last record (J(A,C) = 0.71)" "got: $got" test "$got" = "A>- B>A C>- "

# --- accounting, --removed, --stats, --counts ---------------------------------------
printf '{"id":"bad"\n\n' >"$T/bad.jsonl"
run winnow-dedupe --removed "$T/removed.jsonl" --stats "$T/stats.json" --counts "$T/counts.json" \
    --rejects "$T/rejects.jsonl" "$FIX/records.jsonl" "$T/bad.jsonl"
expect_status "with --rejects a bad line does not stop the run" 0
expect_true "--removed holds every dropped record with its dup_of" "$(jq -c '[.id,.dup_of]' "$T/removed.jsonl" | tr '\n' ' ')" \
    sh -c "test \$(jq -r 'select(.dup_of and .dup.type) | .id' '$T/removed.jsonl' | wc -l) -eq 6"
jq -c . "$FIX/records.jsonl" | sort >"$T/in-sorted"
cat "$T/out" "$T/removed.jsonl" | jq -c 'del(.dup_of, .dup)' | sort >"$T/back-sorted"
expect_true "kept and removed together are the input" "differs" cmp -s "$T/in-sorted" "$T/back-sorted"
expect_true "--stats JSON" "$(cat "$T/stats.json")" \
    sh -c "jq -e '.in == 16 and .kept == 9 and .exact == 3 and .near == 3 and .rejected == 1' '$T/stats.json' >/dev/null"
expect_true "--counts: in = out + exact + near + rejected" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.program == \"winnow-dedupe\" and .in == 16 and .out == 9 and .exact == 3 and .near == 3 and .rejected == 1 and .blank == 1 and .in == .out + .exact + .near + .rejected' '$T/counts.json' >/dev/null"
expect_stderr_match "the summary counts the rejected line" "16 records in, 9 kept, 3 exact duplicates, 3 near duplicates, 1 rejected"
run winnow-dedupe --mark --counts "$T/counts.json" "$FIX/records.jsonl"
expect_true "--counts with --mark: duplicates are written too" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.in == 15 and .out == 15 and .exact == 3 and .near == 3' '$T/counts.json' >/dev/null"

# --- the labelled benchmark: precision and recall ---------------------------------------
# bench/dedupe/generate.awk makes posts with known duplicates (exact, whitespace,
# update paragraph, words changed, trimmed) and hard negatives (a shared
# paragraph, a shared template, reports differing in figures, one topic).
for seed in 101 202; do
    awk -v seed=$seed -v posts=250 -v labels="$T/labels-$seed" -f "$BENCH/generate.awk" >"$T/bench-$seed.jsonl"
done
for t in default 0.8; do
    opt=
    [ "$t" = default ] || opt="--threshold $t"
    for seed in 101 202; do
        winnow-dedupe --quiet --mark $opt "$T/bench-$seed.jsonl" >"$T/marked"
        awk -f "$BENCH/evaluate.awk" "$T/labels-$seed" "$T/marked"
    done >"$T/eval"
    got=$(awk '$1 == "near" { tp += $4; fp += $5; fn += $6 } END { printf "%.4f %.4f", tp / (tp + fp), tp / (tp + fn) }' "$T/eval")
    expect_true "benchmark, threshold $t: near-duplicate precision >= 0.98 and recall >= 0.95" "P R = $got" \
        awk -v pr="$got" 'BEGIN { split(pr, v, " "); exit !(v[1] >= 0.98 && v[2] >= 0.95) }'
done
expect_true "the benchmark has hard negatives near the threshold" "none above 0.5" \
    sh -c "awk -F '\t' '\$1 == \"pair\" && \$4 == \"distinct\" && \$6 > 0.5' '$T/labels-101' | grep -q ."

# --- sharded: three steps over 8 shards equal the single process -------------------------
cat "$T/bench-101.jsonl" "$FIX/records.jsonl" "$T/bench-202.jsonl" >"$T/corpus.jsonl"
total=$(wc -l <"$T/corpus.jsonl")
mkdir -p "$T/shards"
# Uneven shards, in order, one of them empty: 3%, 25%, 0%, 12%, ...
awk -v total="$total" -v dir="$T/shards" 'BEGIN { split("3 25 0 12 20 5 15 20", pct, " ")
        for (i = 1; i <= 8; i++) { acc += pct[i]; upto[i] = int(total * acc / 100) } }
    { s = 1; while (s < 8 && NR > upto[s]) s++; print > (dir "/" (s - 1) ".jsonl") }' "$T/corpus.jsonl"
for i in 0 1 2 3 4 5 6 7; do [ -f "$T/shards/$i.jsonl" ] || : >"$T/shards/$i.jsonl"; done
expect_true "8 shards hold the corpus in order" "differs" \
    sh -c "cat '$T'/shards/[0-7].jsonl | cmp -s - '$T/corpus.jsonl'"
for opts in "" "--mode exact" "--mode near --threshold 0.6" "--fold-digits --shingle 3"; do
    winnow-dedupe --quiet --mark $opts "$T/corpus.jsonl" >"$T/single.jsonl"
    ok=0
    for i in 0 1 2 3 4 5 6 7; do
        winnow-dedupe --quiet --signatures --shard $i $opts "$T/shards/$i.jsonl" >"$T/sig-$i" || ok=1
    done
    LC_ALL=C sort "$T"/sig-* | winnow-dedupe --quiet --cluster --stats "$T/cstats.json" >"$T/drop.tsv" || ok=1
    for i in 0 1 2 3 4 5 6 7; do
        winnow-dedupe --quiet --drop-listed "$T/drop.tsv" --shard $i --mark $opts "$T/shards/$i.jsonl" || ok=1
    done >"$T/sharded.jsonl"
    expect_true "sharded${opts:+ $opts}: the steps succeed" "a step failed" test $ok -eq 0
    expect_true "sharded${opts:+ $opts}: 8 shards give the single process's records and dup_of" \
        "$(diff "$T/single.jsonl" "$T/sharded.jsonl" | head -n 4)" cmp -s "$T/single.jsonl" "$T/sharded.jsonl"
done
winnow-dedupe --quiet --stats "$T/sstats.json" "$T/corpus.jsonl" >"$T/single-kept.jsonl"
expect_true "the clustering step's summary equals the single process's" "$(cat "$T/cstats.json") vs $(cat "$T/sstats.json")" \
    sh -c "winnow-dedupe --quiet --fold-digits --shingle 3 --stats '$T/sstats.json' '$T/corpus.jsonl' >/dev/null && cmp -s '$T/cstats.json' '$T/sstats.json'"
expect_true "the corpus has near duplicates across shards" "none" \
    sh -c "grep -q near '$T/drop.tsv'"

# The sorted stream must be sorted, and shards must not change between steps.
winnow-dedupe --quiet --signatures "$T/shards/1.jsonl" >"$T/sig-unsorted"
run winnow-dedupe --cluster "$T/sig-unsorted"
expect_status "unsorted signatures are refused" 1
expect_stderr_match "the line is named" "sig-unsorted:[0-9]+: .*(out of order|sorted)"
LC_ALL=C sort "$T"/sig-[0-7] | winnow-dedupe --quiet --cluster >"$T/drop.tsv"
run winnow-dedupe --drop-listed "$T/drop.tsv" --shard 1 "$T/shards/2.jsonl"
expect_status "an empty shard given for one with duplicates is refused" 1
expect_stderr_match "the listed record is named" "drop.tsv:[0-9]+: listed record '[^']+' is past the end of shard 1"
run winnow-dedupe --drop-listed "$T/drop.tsv" --shard 1 "$T/shards/3.jsonl"
expect_status "another shard given for shard 1 is refused" 1
expect_stderr_match "the mismatch is named FILE:LINE" "3.jsonl:[0-9]+: record '[^']+' is listed as '[^']+'"
run winnow-dedupe --cluster --counts "$T/ccounts.json" "$T/drop.tsv"
expect_status "a drop list is not a signature stream" 1
LC_ALL=C sort "$T"/sig-[0-7] | winnow-dedupe --quiet --cluster --counts "$T/ccounts.json" >/dev/null
expect_true "--cluster --counts: in = out + exact + near" "$(cat "$T/ccounts.json")" \
    sh -c "jq -e '.in == $total and .in == .out + .exact + .near and .exact > 0' '$T/ccounts.json' >/dev/null"
run winnow-dedupe --drop-listed "$T/no-such-list" "$T/shards/1.jsonl"
expect_status "a missing drop list is an error" 1
printf 'junk\n' >"$T/junk.tsv"
run winnow-dedupe --drop-listed "$T/junk.tsv" "$T/shards/1.jsonl"
expect_status "a bad drop list is an error" 1
expect_stderr_match "its line is named" "junk.tsv:1: bad drop-list line"
run winnow-dedupe --cluster "$T/junk.tsv"
expect_status "junk given to --cluster is an error" 1

# The pipeline script with GNU parallel.
if command -v parallel >/dev/null 2>&1 && command -v bash >/dev/null 2>&1; then
    run bash "$WINNOW_ROOT/pipelines/dedupe-sharded.sh" --help
    expect_true "dedupe-sharded.sh --help" "$(head -c 200 "$T/out")" grep -q 'Usage: pipelines/dedupe-sharded.sh' "$T/out"
    run env WINNOW_BIN="$WINNOW_BIN" bash "$WINNOW_ROOT/pipelines/dedupe-sharded.sh" -q -j 2 \
        --stats "$T/pstats.json" -o "$T/pout" "$T"/shards/[0-7].jsonl
    expect_status "dedupe-sharded.sh over 8 shards" 0
    expect_true "dedupe-sharded.sh keeps what the single process keeps" "differs" \
        sh -c "cat '$T'/pout/[0-7].jsonl | cmp -s - '$T/single-kept.jsonl'"
    expect_true "dedupe-sharded.sh --stats: in = kept + exact + near + rejected, every record counted" \
        "$(cat "$T/pstats.json")" \
        sh -c "jq -e '.in == $total and .in == .kept + .exact + .near + .rejected and .kept == $(wc -l <"$T/single-kept.jsonl")' '$T/pstats.json' >/dev/null"
    printf '{"id":"x"\n' >"$T/shards/broken.jsonl"
    run env WINNOW_BIN="$WINNOW_BIN" bash "$WINNOW_ROOT/pipelines/dedupe-sharded.sh" -q -o "$T/pout2" \
        "$T/shards/0.jsonl" "$T/shards/broken.jsonl"
    expect_status "dedupe-sharded.sh: a bad shard fails" 1
    expect_stderr_match "the failing stage is named" "stage 'signatures' failed"
else
    skip "dedupe-sharded.sh" "GNU parallel not installed"
fi

# --- bad input -------------------------------------------------------------------------
{
    echo '{"id":"a","text":"first good record"}'
    echo ''
    echo '{"id":"b","text":"second good record"}'
    echo '{"id":"c","text":"broken'
    echo '{"id":"d"}'
    echo '{"id":["x"],"text":"t"}'
    echo '{"id":"e","text":7}'
    printf '{"id":"f","text":"bad \377 byte"}\n'
    echo '[1,2]'
    echo '{"id":"g","text":"first good record"}'
} >"$T/mixed.jsonl"
run winnow-dedupe "$T/mixed.jsonl"
expect_status "a bad line stops with status 1" 1
expect_stderr_match "the bad line is named FILE:LINE" "mixed.jsonl:4: invalid JSON"
expect_true "records before the bad line are written" "$(cat "$T/out")" \
    test "$(jq -r .id "$T/out" | tr '\n' ' ')" = "a b "
run winnow-dedupe --rejects "$T/rej.jsonl" --counts "$T/counts.json" "$T/mixed.jsonl"
expect_status "with --rejects the run goes on" 0
expect_true "rejects: each bad line with its reason" "$(jq -r '"\(.line):\(.reason)"' "$T/rej.jsonl" | tr '\n' '#')" \
    test "$(jq -r '"\(.line):\(.reason)"' "$T/rej.jsonl" | cut -d' ' -f1-3 | tr '\n' '#')" = \
    '4:invalid JSON: premature#5:missing field "text"#6:field "id" is#7:field "text" is#8:invalid JSON: unable#9:not a JSON#'
expect_true "the good records are deduplicated" "$(jq -r .id "$T/out" | tr '\n' ' ')" \
    test "$(jq -r .id "$T/out" | tr '\n' ' ')" = "a b "
expect_true "accounting with rejects" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.in == 9 and .out == 2 and .exact == 1 and .rejected == 6 and .blank == 1' '$T/counts.json' >/dev/null"

gzip -c "$FIX/records.jsonl" >"$T/records.jsonl.gz"
run winnow-dedupe "$T/records.jsonl.gz"
expect_stdout_file "gzipped input" "$GOLD/default.jsonl"
expect_bad_files "$FIX/records.jsonl" winnow-dedupe
sed 's/$/\r/' "$FIX/records.jsonl" >"$T/crlf.jsonl"
run winnow-dedupe "$T/crlf.jsonl"
expect_stdout_file "CRLF line ends change nothing" "$GOLD/default.jsonl"
printf '\357\273\277' | cat - "$FIX/records.jsonl" >"$T/bom.jsonl"
run winnow-dedupe "$T/bom.jsonl"
expect_stdout_file "a byte-order mark changes nothing" "$GOLD/default.jsonl"
run sh -c "winnow-dedupe < '$FIX/records.jsonl'"
expect_stdout_file "stdin" "$GOLD/default.jsonl"
# A 20 MB text: no limit on line length; its copy is an exact duplicate.
awk 'BEGIN { printf "{\"id\":\"huge\",\"text\":\""; for (i = 0; i < 2000000; i++) printf "word%d ", i % 9973; print "\"}" }' >"$T/huge.jsonl"
sed 's/"huge"/"huge2"/' "$T/huge.jsonl" >"$T/huge2.jsonl"
cat "$T/huge2.jsonl" >>"$T/huge.jsonl"
run winnow-dedupe --mark "$T/huge.jsonl"
expect_status "a 20 MB record" 0
expect_true "a 20 MB record and its copy" "$(cut -c1-80 "$T/out")" \
    sh -c "jq -r '.dup_of // \"-\"' '$T/out' | tr '\n' ' ' | grep -qx -- '- huge '"
rm -f "$T/huge.jsonl" "$T/huge2.jsonl"

# --- pipes and failed writes -------------------------------------------------------------
expect_pipe_and_full_disk winnow-dedupe -q "$T/bench-101.jsonl"
if [ -w /dev/full ]; then
    run winnow-dedupe --removed /dev/full "$FIX/records.jsonl"
    expect_status "a full disk under --removed is an error" 1
else
    skip "/dev/full" "not available"
fi

# --- real crawl files and the generator, when present ----------------------------------------
REAL="$SHARED/fixtures/dolma"
if [ -f "$REAL/provided-documents-000.json.gz" ] && [ -f "$REAL/expected-dedupe-paragraphs.json.gz" ]; then
    # Two tag-archive pages of one blog repeat paragraphs (lines). One record
    # per line, exact mode: the duplicates must be the spans dolma's own
    # paragraph deduplication expects (code-point offsets, newline included).
    gzip -dc "$REAL/provided-documents-000.json.gz" | jq -c -s 'to_entries[] | .key as $d
        | .value.text | split("\n") as $ls | range(0; $ls | length) as $i
        | {id: "\($d)/\($i)", doc: $d, text: $ls[$i], start: ([$ls[:$i][] | length + 1] | add // 0)}' >"$T/lines.jsonl"
    run winnow-dedupe --quiet --mode exact --mark "$T/lines.jsonl"
    expect_status "real NDJSON lines" 0
    jq -s -c 'group_by(.doc) | map(map(select(.dup_of) | [.start, .start + (.text | length) + 1]))' "$T/out" >"$T/ours"
    gzip -dc "$REAL/expected-dedupe-paragraphs.json.gz" | jq -s -c 'map(.attributes.bff_duplicate_paragraph_spans | map(.[0:2]))' >"$T/theirs"
    expect_true "real NDJSON: the duplicate paragraphs dolma expects, exactly" "$(head -c 200 "$T/ours")" \
        sh -c "cmp -s '$T/ours' '$T/theirs' && grep -q '\[0,10\]' '$T/ours'"
else
    skip "real NDJSON" "../shared/fixtures/dolma not present"
fi
SEED="$SHARED/seeds/000_3cda5d15756a79be.txt"
if [ -f "$SEED" ] && command -v winnow-split >/dev/null 2>&1; then
    cp "$SEED" "$T/page.txt"
    cp "$SEED" "$T/archive.txt"
    run sh -c "winnow-split --quiet '$T/page.txt' '$T/archive.txt' | winnow-dedupe --quiet --mark"
    expect_true "seed page twice: every record of the second is an exact duplicate of the first" \
        "$(jq -r 'select(.doc == "archive") | .dup.type // "kept"' "$T/out" | sort | uniq -c | tr '\n' ' ')" \
        sh -c "jq -r 'select(.doc == \"archive\") | .dup.type // \"kept\"' '$T/out' | sort -u | grep -qx exact"
else
    skip "seed pages" "../shared/seeds or winnow-split not present"
fi
if command -v winnow-generate >/dev/null 2>&1 && command -v winnow-split >/dev/null 2>&1; then
    winnow-generate --quiet --seed 5 --size 400K --ndjson "$T/gen.jsonl.gz" 2>/dev/null
    run sh -c "winnow-split --quiet '$T/gen.jsonl.gz' | winnow-dedupe --mark --stats '$T/gen.json'"
    expect_status "generated crawl: split | dedupe" 0
    expect_true "generated crawl: archive copies and recrawls are found" "$(cat "$T/gen.json")" \
        sh -c "jq -e '.exact > 0 and .near > 0' '$T/gen.json' >/dev/null"
    expect_true "generated crawl: one kept post per title and date, or nearly" "$(cat "$T/gen.json")" \
        sh -c "jq -r 'select(.kind == \"post\" and (.dup_of | not)) | [.title, .date] | @tsv' '$T/out' | sort | uniq -d | wc -l | awk '{ exit \$1 > 2 }'"
    if command -v winnow-normalize >/dev/null 2>&1; then
        run sh -c "winnow-split --quiet '$T/gen.jsonl.gz' | winnow-normalize --quiet --key key | winnow-dedupe --quiet --key-field key --stats '$T/genkey.json'"
        expect_true "generated crawl: winnow-normalize --key | --key-field finds more exact duplicates" \
            "$(cat "$T/gen.json") vs $(cat "$T/genkey.json")" \
            json_compare -e -n --slurpfile a "$T/gen.json" --slurpfile b "$T/genkey.json" \
            '$b[0].exact > $a[0].exact and $b[0].kept <= $a[0].kept + 2'
    fi
else
    skip "generated crawl" "winnow-generate or winnow-split not built"
fi
