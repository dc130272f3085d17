#!/bin/sh
# Properties that hold for any input, checked on random documents from the
# generator (winnow-generate --seed S, a few seeds, small sizes):
#   - split loses nothing: the records of a document hold every non-blank
#     line of it (the date line as the post's date, the title as its title,
#     a comment's number as its n);
#   - normalize is idempotent (with the default steps and with every step
#     on), and it does change the generated noise;
#   - split | emit-json --nest, un-nested again with jq, gives back exactly
#     the records;
#   - dedupe --mark keeps every record, only adding dup_of and dup; without
#     --mark the kept and the --removed records are the records;
#   - the accounting holds through the whole pipeline: each program's
#     --counts has in = out + rejected + dropped, and each program reads
#     what the one before it wrote (plus the bad and blank lines injected
#     between two of them, which --rejects takes);
#   - and in every mode of every program (split --by, normalize --key,
#     extract-stats --strict, dedupe --mark/--mode/--signatures/
#     --drop-listed, emit-json --nest/--summary/--figures/--array/csv):
#     in = out + rejected + dropped, blank and rejected lines counted, the
#     rejected lines in the rejects file.
. "$(dirname "$0")/lib.sh"

if ! command -v jq >/dev/null 2>&1; then
    skip "properties" "jq is needed"
    exit 0
fi

SEEDS="11 12 13 14 15"
SIZE=64K

# The non-blank lines of each document (given as $docs) that no record of
# it (slurped as $recs) holds, as "DOC: LINE".
cat >"$T/lost.jq" <<'EOF'
def trim: sub("^\\s+"; "") | sub("\\s+$"; "");
def lines: split("\n")[] | trim | select(length > 0);
# Date lines as the post's date can be written ("Thursday, 14 December
# 2017", "14 December 2017", "December 14, 2017"), compared without commas
# and leading zeros.
def date_key: gsub(","; "") | gsub("(?<![0-9])0(?=[0-9])"; "");
def date_lines: strptime("%Y-%m-%d") | strftime("%A %d %B %Y", "%d %B %Y", "%A %B %d %Y", "%B %d %Y") | date_key;
($recs | group_by(.doc) | map({key: .[0].doc, value: .}) | from_entries) as $by_doc
| . as $doc
| [($by_doc[$doc.id] // [])[]
   | (.text | lines), (.title // empty | trim), (.date // empty | date_lines),
     (select(.kind == "comment") | (.n | split(".") | last) + ". " + (.text | split("\n")[0] | trim))]
| map({key: ., value: true}) | from_entries
| . as $held
| $doc.text | lines
| select($held[.] | not)
| select($held[date_key] | not)
| "\($doc.id): \(.)"
EOF

# unnest: each --nest object back into the records it holds.
UNNEST='def flat: del(.replies), (.replies[]? | flat);
        if .kind == "post" and has("comments") then
            (if .missing then empty else del(.quotes, .comments) end),
            .quotes[], (.comments[] | flat)
        else . end'
# sorted_canon FILE: every line as sorted compact JSON, the lines sorted.
sorted_canon() { jq -c -S "${2:-.}" "$1" | LC_ALL=C sort; }

for seed in $SEEDS; do
    D="$T/s$seed"
    mkdir -p "$D"
    winnow-generate --quiet --seed "$seed" --size "$SIZE" --ndjson "$D/docs.jsonl"
    docs=$(wc -l <"$D/docs.jsonl" | tr -d ' ')

    # --- split loses nothing ----------------------------------------------------------
    run winnow-split --quiet --counts "$D/split.json" "$D/docs.jsonl"
    expect_status "seed $seed: split exits 0" 0
    cp "$T/out" "$D/records.jsonl"
    records=$(wc -l <"$D/records.jsonl" | tr -d ' ')
    jq -r --slurpfile recs "$D/records.jsonl" -f "$T/lost.jq" "$D/docs.jsonl" >"$D/lost"
    expect_true "seed $seed: the records of each of $docs documents hold every non-blank line" \
        "$(wc -l <"$D/lost") lines lost, first: $(head -n 1 "$D/lost" | cut -c 1-200)" test ! -s "$D/lost"
    # The check sees a loss: without one post record, its lines are missing.
    awk '!done && /"kind":"post"/ { done = 1; next } 1' "$D/records.jsonl" >"$D/fewer.jsonl"
    jq -r --slurpfile recs "$D/fewer.jsonl" -f "$T/lost.jq" "$D/docs.jsonl" >"$D/lost"
    expect_true "seed $seed: the loss check sees a missing record" "nothing reported" test -s "$D/lost"

    # --- normalize is idempotent --------------------------------------------------------
    for steps in "" "--form nfkc --punct --lower"; do
        # shellcheck disable=SC2086
        winnow-normalize --quiet $steps "$D/records.jsonl" >"$D/norm1.jsonl"
        # shellcheck disable=SC2086
        run winnow-normalize --quiet $steps "$D/norm1.jsonl"
        expect_status "seed $seed: normalize ${steps:-(default)} twice exits 0" 0
        expect_stdout_file "seed $seed: normalize ${steps:-(default)} is idempotent" "$D/norm1.jsonl"
        expect_true "seed $seed: normalize ${steps:-(default)} changes the generated noise" "no change" \
            sh -c "! cmp -s '$D/norm1.jsonl' '$D/records.jsonl'"
    done

    # --- split | emit-json --nest, and back ---------------------------------------------
    run winnow-emit-json --quiet --nest "$D/records.jsonl"
    expect_status "seed $seed: emit-json --nest exits 0" 0
    nested=$(wc -l <"$T/out" | tr -d ' ')
    sorted_canon "$T/out" "$UNNEST" >"$D/unnested"
    sorted_canon "$D/records.jsonl" >"$D/canon"
    expect_true "seed $seed: un-nesting the $nested --nest objects gives back the $records records" \
        "$(diff "$D/canon" "$D/unnested" | grep -c '^[<>]') lines differ" cmp -s "$D/canon" "$D/unnested"
    cp "$T/out" "$D/nested"
    run_sh "jq -c '$UNNEST' '$D/nested' | winnow-emit-json --quiet --nest"
    expect_status "seed $seed: un-nested records nest again" 0
    expect_stdout_file "seed $seed: nest, un-nest and nest again gives the same objects" "$D/nested"

    # --- dedupe --mark keeps every record ----------------------------------------------
    run winnow-dedupe --quiet --mark --counts "$D/mark.json" "$D/records.jsonl"
    expect_status "seed $seed: dedupe --mark exits 0" 0
    jq -c 'del(.dup_of, .dup)' "$T/out" >"$D/unmarked"
    jq -c . "$D/records.jsonl" >"$D/plain"
    expect_true "seed $seed: dedupe --mark keeps every record, in order, adding only dup_of and dup" \
        "$(diff "$D/plain" "$D/unmarked" | head -n 2 | cut -c 1-200)" cmp -s "$D/plain" "$D/unmarked"
    marked=$(grep -c '"dup_of"' "$T/out")
    expect_true "seed $seed: the $marked marked duplicates are the counted ones (and there are some)" \
        "$(cat "$D/mark.json")" jqe ".exact + .near == $marked and $marked > 0" "$D/mark.json"
    run winnow-dedupe --quiet --removed "$D/removed.jsonl" "$D/records.jsonl"
    { jq -c -S . "$T/out"; jq -c -S 'del(.dup_of, .dup)' "$D/removed.jsonl"; } | LC_ALL=C sort >"$D/both"
    expect_true "seed $seed: dedupe's kept and --removed records are the records" \
        "$(diff "$D/canon" "$D/both" | grep -c '^[<>]') lines differ" cmp -s "$D/canon" "$D/both"

    # --- the accounting through the whole pipeline -------------------------------------
    C="$D/counts"
    mkdir -p "$C"
    run_sh "winnow-split --quiet --counts '$C/1.json' '$D/docs.jsonl' \
            | winnow-normalize --quiet --counts '$C/2.json' \
            | { cat; printf '{\"id\":\"bad\"\\n\\n[1]\\n   \\n'; } \
            | winnow-extract-stats --quiet --rejects '$D/rejects.jsonl' --counts '$C/3.json' \
            | winnow-dedupe --quiet --counts '$C/4.json' \
            | winnow-emit-json --quiet --counts '$C/5.json'"
    expect_status "seed $seed: the pipeline exits 0" 0
    out_lines=$(wc -l <"$T/out" | tr -d ' ')
    jq -s -c . "$C/1.json" "$C/2.json" "$C/3.json" "$C/4.json" "$C/5.json" >"$D/ledger"
    expect_true "seed $seed: each program: in = out + rejected + dropped" "$(cat "$D/ledger")" \
        jqe '.[1:] | all(.in == .out + .rejected + (.dropped // 0))' "$D/ledger"
    expect_true "seed $seed: each program reads what the one before wrote (2 bad, 2 blank lines injected)" \
        "$(cat "$D/ledger")" \
        jqe ".[0].in == $docs and .[0].out == .[1].in and .[2].in == .[1].out + 2 and .[2].blank == 2
               and .[2].rejected == 2 and .[2].out == .[3].in and .[3].out == .[4].in
               and .[4].out == $out_lines and .[3].dropped > 0" "$D/ledger"
    expect_true "seed $seed: the rejected lines are in the rejects file" "$(cat "$D/rejects.jsonl" 2>&1)" \
        test "$(wc -l <"$D/rejects.jsonl")" -eq 2
done

# --- the accounting in every mode ---------------------------------------------------
# Each program in each of its modes, with two bad and two blank lines among
# its input and --rejects: its --counts has in = out + rejected + dropped
# (split: documents in + rejected = the lines that are not blank), blank
# and rejected as injected, the rejects file holds the rejected lines, and
# where a record is a line of output, out is the lines written.
D="$T/s11"
inject() { # FILE: FILE's lines with two bad and two blank lines after the third
    awk 'NR == 4 { printf "{\"id\":\"bad\"\n\n[1]\n   \n" } 1' "$1"
}
inject "$D/records.jsonl" >"$D/mixed.jsonl"
inject "$D/docs.jsonl" >"$D/mixed-docs.jsonl"
lines=$(grep -c '[^ ]' "$D/mixed.jsonl")
doc_lines=$(grep -c '[^ ]' "$D/mixed-docs.jsonl")
winnow-dedupe -q --signatures "$D/records.jsonl" | LC_ALL=C sort | winnow-dedupe -q --cluster >"$D/drop.tsv"
# PROGRAM OPTIONS | whether each output line is one record counted in out
while IFS='|' read -r cmd per_line; do
    # shellcheck disable=SC2086
    set -- $cmd
    input="$D/mixed.jsonl" want_in=$lines balance='.in == .out + .rejected + (.dropped // 0)'
    if [ "$1" = winnow-split ]; then input="$D/mixed-docs.jsonl" want_in=$doc_lines balance=true; fi
    rm -f "$D/c.json" "$D/rej.jsonl"
    run "$@" -q --counts "$D/c.json" --rejects "$D/rej.jsonl" "$input"
    expect_status "$cmd: exits 0 with --rejects" 0
    out_lines=$(wc -l <"$T/out" | tr -d ' ')
    expect_true "$cmd: in = out + rejected + dropped; 2 blank and 2 rejected lines counted" "$(cat "$D/c.json" 2>&1)" \
        jqe "$balance and (.in + (if .program == \"winnow-split\" then .rejected else 0 end)) == $want_in
             and .blank == 2 and .rejected == 2" "$D/c.json"
    expect_true "$cmd: the rejects file holds the rejected lines" "$(head -c 200 "$D/rej.jsonl" 2>&1)" \
        test "$(wc -l <"$D/rej.jsonl")" -eq 2
    if [ "$per_line" = yes ]; then
        expect_true "$cmd: out is the lines written ($out_lines)" "$(cat "$D/c.json")" jqe ".out == $out_lines" "$D/c.json"
    fi
done <<'MODES'
winnow-split|yes
winnow-split --by paragraph|yes
winnow-split --by document|yes
winnow-normalize|yes
winnow-normalize --key key|yes
winnow-normalize --report --punct --lower --form nfkc|yes
winnow-extract-stats|yes
winnow-extract-stats --strict --only figures|yes
winnow-dedupe|yes
winnow-dedupe --mark|yes
winnow-dedupe --mode exact --fold-digits|yes
winnow-dedupe --mode near --threshold 0.6|yes
winnow-dedupe --signatures --shard 3|no
winnow-emit-json|yes
winnow-emit-json --format csv --no-header --fields id|yes
winnow-emit-json --array --pretty|no
winnow-emit-json --nest|no
winnow-emit-json --summary|no
winnow-emit-json --figures|no
MODES
# --drop-listed reads the shard the list was made from: no lines injected.
run winnow-dedupe -q --counts "$D/c.json" --drop-listed "$D/drop.tsv" "$D/records.jsonl"
expect_true "winnow-dedupe --drop-listed: in = out + dropped, out is the lines written" "$(cat "$D/c.json")" \
    jqe ".in == $(wc -l <"$D/records.jsonl") and .in == .out + .dropped and .dropped > 0 and .out == $(wc -l <"$T/out")" "$D/c.json"
