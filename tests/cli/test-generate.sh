#!/bin/sh
# Command-line tests of winnow-generate: options, determinism, every output
# form readable, --size, atomic writes, and the splitter's accuracy on
# generated pages measured against the records the generator wrote.
. "$(dirname "$0")/lib.sh"

G=winnow-generate

# --- options -----------------------------------------------------------------
expect_standard_options $G
run $G --size 10K
expect_status "no output is a usage error" 2
expect_stderr_match "no output is named" "no output"
for bad in "--size 0" "--size 3X" "--size -5" "--size 99999999999999999999" "--seed -1" "--seed x"; do
    run $G $bad --truth "$T/x"
    expect_status "$bad is a usage error" 2
done
expect_stderr_match "usage error says how to get help" "Try 'winnow-generate --help'"
run $G --truth "$T/a" --truth "$T/b"
expect_status "an output given twice is a usage error" 2
run $G --truth "$T/a" extra-operand
expect_status "an operand is a usage error" 2
run $G --size 10K --truth "$T/a" --rejects "$T/rejects.jsonl"
expect_status "--rejects is accepted (nothing is read, so nothing is rejected)" 0
expect_true "--rejects writes no file" "$(ls -l "$T/rejects.jsonl" 2>&1)" test ! -e "$T/rejects.jsonl"

# --- determinism -------------------------------------------------------------------
for i in 1 2; do
    mkdir -p "$T/run$i"
    run $G --seed 4 --size 200K --tar "$T/run$i/p.tar.gz" --ndjson "$T/run$i/p.jsonl.gz" \
        --truth "$T/run$i/truth.jsonl" --dir "$T/run$i/pages"
    expect_status "run $i exits 0" 0
    expect_stderr_empty "run $i is quiet when stderr is not a terminal"
done
for f in p.tar.gz p.jsonl.gz truth.jsonl; do
    expect_true "same seed and size: $f byte-identical" "files differ" cmp -s "$T/run1/$f" "$T/run2/$f"
done
expect_true "same seed and size: the same directory" "directories differ" \
    diff -r "$T/run1/pages" "$T/run2/pages"
run $G --seed 5 --size 200K --truth "$T/seed5.jsonl"
expect_true "another seed gives other pages" "seed 4 and 5 gave the same records" \
    sh -c "! cmp -s '$T/seed5.jsonl' '$T/run1/truth.jsonl'"
run $G --seed 4 --size 100K --truth "$T/small.jsonl"
expect_true "a smaller size gives a prefix of the same crawl" "not a prefix" \
    sh -c "head -c \$(wc -c <'$T/small.jsonl') '$T/run1/truth.jsonl' | cmp -s - '$T/small.jsonl'"

# --- every output form readable ------------------------------------------------------
R="$T/run1"
pages=$(ls "$R/pages" | wc -l | tr -d ' ')
expect_true "tar.gz lists pages/NAME.txt for every page" "tar -tzf failed or counts differ" \
    sh -c "tar -tzf '$R/p.tar.gz' | grep -c '^pages/[0-9]*_[0-9a-f]*\.txt\$' | grep -qx '$pages'"
expect_true "NDJSON.gz passes gzip -t" "gzip -t failed" gzip -t "$R/p.jsonl.gz"
expect_true "NDJSON: one document per page with string id, text, url, crawl_date" "bad documents" \
    sh -c "gzip -dc '$R/p.jsonl.gz' | jq -e -s 'length == $pages and all(.[]; (.id|type)==\"string\" and (.text|type)==\"string\" and (.url|test(\"^https://\")) and (.crawl_date|test(\"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\$\")))' >/dev/null"
expect_true "truth: valid records with id, doc, kind" "bad truth records" \
    sh -c "jq -e -s 'length > 0 and all(.[]; (.id|type)==\"string\" and (.doc|type)==\"string\" and (.kind|IN(\"post\",\"quote\",\"comment\")))' '$R/truth.jsonl' >/dev/null"
name=$(ls "$R/pages" | head -n 1)
tar -xzf "$R/p.tar.gz" -C "$T" "pages/$name" 2>/dev/null
expect_true "a tar member equals the directory's file" "tar member differs" cmp -s "$T/pages/$name" "$R/pages/$name"
gzip -dc "$R/p.jsonl.gz" | jq -j --arg id "${name%.txt}" 'select(.id == $id) | .text' >"$T/from-ndjson.txt"
expect_true "an NDJSON document's text equals the directory's file" "NDJSON text differs" \
    cmp -s "$T/from-ndjson.txt" "$R/pages/$name"
run $G --seed 4 --size 50K --tar "$T/plain.tar" --ndjson "$T/plain.jsonl"
expect_true "an uncompressed tar lists with tar -tf" "tar -tf failed" sh -c "tar -tf '$T/plain.tar' | grep -q '^pages/'"
expect_true "uncompressed NDJSON is not gzip" "starts with the gzip magic" \
    sh -c "head -c 1 '$T/plain.jsonl' | grep -q '{'"

# --- --size --------------------------------------------------------------------------------
for size in 100K 1M; do
    rm -rf "$T/sized"
    run $G --seed 2 --size $size --dir "$T/sized"
    case $size in *K) want=$((${size%K} * 1024)) ;; *M) want=$((${size%M} * 1048576)) ;; esac
    got=$(cat "$T/sized"/*.txt | wc -c | tr -d ' ')
    expect_true "--size $size: $got bytes of pages" "want about $want" \
        test "$got" -ge "$want" -a "$got" -le $((want + want / 5 + 200000))
done

# --- counts ------------------------------------------------------------------------------------
run $G --seed 4 --size 200K --truth "$T/c.jsonl" --counts "$T/counts.json"
expect_true "--counts: pages out, bytes and records" "bad counts: $(cat "$T/counts.json" 2>/dev/null)" \
    sh -c "jq -e --argjson n $(wc -l <"$T/c.jsonl") '.program == \"winnow-generate\" and .out == $pages and .records == \$n and .bytes >= 204800' '$T/counts.json' >/dev/null"

# --- atomic writes -------------------------------------------------------------------------------
run $G --size 100K --tar "$T/no/such/dir/x.tar"
expect_status "an unwritable output exits 1" 1
run $G --size 100K --ndjson /dev/full
expect_status "a full disk exits 1" 1
expect_stderr_match "a full disk is reported" "write error"
run_sh "trap '' XFSZ; ulimit -f 200; exec $WINNOW_BIN/$G --size 2M --tar '$T/big.tar' --ndjson '$T/big.jsonl'"
expect_status "a write failing half-way exits 1" 1
expect_stderr_match "a write failing half-way is reported" "big.tar: write error"
expect_true "nothing is left under the names after a failed write" "found: $(ls -a "$T" | grep big)" \
    sh -c "! ls -a '$T' | grep -q big"
echo old >"$T/keep.tar"
run_sh "trap '' XFSZ; ulimit -f 200; exec $WINNOW_BIN/$G --size 2M --tar '$T/keep.tar'"
expect_true "a failed write leaves an existing file as it was" "keep.tar changed" \
    sh -c "test \"\$(cat '$T/keep.tar')\" = old"

# --- the splitter on generated pages ----------------------------------------------------------------
# Every record the splitter gives, against the record the generator wrote.
run $G --seed 1 --size 300K --dir "$T/acc" --tar "$T/acc.tar.gz" --truth "$T/acc-truth.jsonl"
FIELDS='[.kind, .id, (.parent // "-"), (.date // "-"), (.title // "-"), (.source // "-"), (.headline // "-")] | map(tostring) | join("\t")'
jq -r "$FIELDS" "$T/acc-truth.jsonl" | sort >"$T/want.tsv"
for form in dir tar; do
    if [ $form = dir ]; then winnow-split "$T/acc"/*.txt >"$T/split.jsonl"; else winnow-split "$T/acc.tar.gz" >"$T/split.jsonl"; fi
    jq -r "$FIELDS" "$T/split.jsonl" | sort >"$T/got.tsv"
    want=$(wc -l <"$T/want.tsv" | tr -d ' ')
    got=$(wc -l <"$T/got.tsv" | tr -d ' ')
    exact=$(comm -12 "$T/want.tsv" "$T/got.tsv" | wc -l | tr -d ' ')
    most=$((want > got ? want : got))
    pct=$(awk -v e="$exact" -v m="$most" 'BEGIN { printf "%.2f", 100 * e / m }')
    expect_true "splitter accuracy on generated pages ($form): $pct% exact ($exact of $want records, $got split)" \
        "below 99%: $(diff "$T/want.tsv" "$T/got.tsv" | grep '^[<>]' | head -n 4 | tr '\t\n' ' |')" \
        awk -v e="$exact" -v m="$most" 'BEGIN { exit !(m > 500 && e >= 0.99 * m) }'
done
# Posts and comments on their own: the records most of a crawl is made of.
others=$(grep -cv '^quote' "$T/want.tsv")
wrong_others=$(comm -23 "$T/want.tsv" "$T/got.tsv" | grep -cv '^quote')
expect_true "posts and comments: $wrong_others of $others differ" "more than 0.5%" \
    test $((wrong_others * 200)) -le "$others"

# The records of each page hold every non-blank line of it: the line itself
# in a record's text (indentation and a comment's number aside), a title,
# or a post's date line.
winnow-split "$T/acc"/*.txt | jq -r '.doc as $d | ((.title // empty), (.text | split("\n")[])) | select(length > 0) | "\($d)\t\(.)"' >"$T/held.tsv"
for f in "$T/acc"/*.txt; do
    awk -v d="$(basename "$f" .txt)" '{ sub(/\r$/, ""); sub(/^[ \t]+/, ""); sub(/[ \t]+$/, ""); if ($0 != "") print d "\t" $0 }' "$f"
done >"$T/lines.tsv"
held_check='NR == FNR { held[$0] = 1; next }
{ t = substr($0, length($1) + 2); if (held[$0]) next
  u = t; sub(/^[0-9]+\.[ \t]*/, "", u); if (u == "" || held[$1 "\t" u]) next
  if (t ~ /^([A-Z][a-z]+,? )?([0-9]+ [A-Z][a-z]+|[A-Z][a-z]+ [0-9]+,) [0-9][0-9][0-9][0-9]$/) next
  missing++; if (missing == 1) print "first: " $0 }
END { print missing + 0 }'
missing=$(awk -F'\t' "$held_check" "$T/held.tsv" "$T/lines.tsv" | tail -n 1)
expect_true "the records of each page hold every non-blank line of it ($(wc -l <"$T/lines.tsv" | tr -d ' ') lines)" \
    "$missing lines not held: $(awk -F'\t' "$held_check" "$T/held.tsv" "$T/lines.tsv" | head -n 1)" test "$missing" -eq 0
# The check can fail: without the comments, their lines are not held.
winnow-split "$T/acc"/*.txt | jq -r 'select(.kind != "comment") | .doc as $d | ((.title // empty), (.text | split("\n")[])) | select(length > 0) | "\($d)\t\(.)"' >"$T/held-less.tsv"
missing=$(awk -F'\t' "$held_check" "$T/held-less.tsv" "$T/lines.tsv" | tail -n 1)
expect_true "the line check sees lines that no record holds" "it found none missing" test "$missing" -gt 100

# Date lines name the right weekday (checked with date(1) on a few).
grep -h -E '^[A-Z][a-z]+day, [0-9]+ [A-Z][a-z]+ [0-9]{4}$' "$T/acc"/*.txt | sort -u | head -n 8 >"$T/dates"
bad_dates=0
while read -r weekday rest; do
    [ "$(date -d "$rest" +%A, 2>/dev/null)" = "$weekday" ] || bad_dates=$((bad_dates + 1))
done <"$T/dates"
expect_true "date lines name the right weekday ($(wc -l <"$T/dates" | tr -d ' ') checked)" \
    "$bad_dates wrong" test "$bad_dates" -eq 0 -a -s "$T/dates"

# --- the seeds' format: kinds of records in a sample ----------------------------------------------------
jq -r .kind "$T/split.jsonl" | sort | uniq -c >"$T/kinds"
expect_true "a sample splits into posts, quotes and comments, no bare documents" "kinds: $(tr '\n' ' ' <"$T/kinds")" \
    sh -c "grep -q ' post\$' '$T/kinds' && grep -q ' quote\$' '$T/kinds' && grep -q ' comment\$' '$T/kinds' && ! grep -q ' document\$' '$T/kinds'"
