# winnow-dedupe on 1 million split records, next to what users would
# otherwise reach for: sort -u and awk '!seen[$0]++' (whole lines: exact
# duplicates only, and only when every member is equal) and a jq exact
# dedupe on the text. Then the memory per record, from the peak RSS of the
# default run, and the three sharded steps over 8 shards.
DEDUPE_IN="$DATA/records-1M.jsonl"
# A second crawl (another seed) fills the records up to a million.
if [ ! -f "$DEDUPE_IN" ] || [ "$(wc -l <"$DEDUPE_IN")" -lt 1000000 ]; then
    bin/winnow-generate --quiet --seed 8 --size "$SIZE" --tar "$DATA/second-$SIZE.tar.gz"
    { cat "$RECORDS"; bin/winnow-split --quiet "$DATA/second-$SIZE.tar.gz"; } | head -n 1000000 >"$DEDUPE_IN"
    rm -f "$DATA/second-$SIZE.tar.gz"
fi
DEDUPE_N=$(wc -l <"$DEDUPE_IN" | tr -d ' ')

measure "sort -u (whole lines, $DEDUPE_N records)" "$DEDUPE_IN" "sort -u -S 1G '$DEDUPE_IN'"
measure "awk '!seen[\$0]++' (whole lines)" "$DEDUPE_IN" "awk '!seen[\$0]++' '$DEDUPE_IN'"
measure "jq exact dedupe on .text" "$DEDUPE_IN" \
    "jq -c -n 'reduce inputs as \$r ({}; if has(\$r.text) then . else .[\$r.text] = \$r end) | .[]' '$DEDUPE_IN'"
measure "winnow-dedupe --mode exact" "$DEDUPE_IN" "bin/winnow-dedupe --quiet --mode exact '$DEDUPE_IN'"
measure "winnow-dedupe --mode near" "$DEDUPE_IN" "bin/winnow-dedupe --quiet --mode near '$DEDUPE_IN'"
measure "winnow-dedupe (exact and near, defaults)" "$DEDUPE_IN" "bin/winnow-dedupe --quiet '$DEDUPE_IN'"

# Memory per record: the last row's peak RSS over the records, and over the
# records kept (a duplicate costs nothing, a kept record is what is held).
bin/winnow-dedupe --quiet --stats "$DATA/dedupe-stats.json" "$DEDUPE_IN" >/dev/null
dedupe_kept=$(sed -n 's/.*"kept":\([0-9]*\).*/\1/p' "$DATA/dedupe-stats.json")
tail -n 1 "$ROWS" | awk -F '|' -v n="$DEDUPE_N" -v kept="${dedupe_kept:-0}" '{
    mb = $8 + 0
    printf "| winnow-dedupe memory: %.0f bytes per record, %.0f per kept record (%d of %d kept) | | | | | |\n",
        mb * 1048576 / n, (kept > 0 ? mb * 1048576 / kept : 0), kept, n }' | sed 's/ | | | | | |$/ | | | | | | |/' >>"$ROWS"

# The sharded steps: 8 shards, signatures and drop in turn (one core each
# here; GNU parallel runs them side by side), the clustering step alone.
DEDUPE_SHARDS="$DATA/dedupe-shards"
rm -rf "$DEDUPE_SHARDS"
mkdir -p "$DEDUPE_SHARDS"
split -n l/8 -d "$DEDUPE_IN" "$DEDUPE_SHARDS/part-"
measure "winnow-dedupe --signatures, 8 shards, sorted" "$DEDUPE_IN" \
    "for i in 0 1 2 3 4 5 6 7; do bin/winnow-dedupe --quiet --signatures --shard \$i '$DEDUPE_SHARDS/part-0'\$i | LC_ALL=C sort -S 256M >'$DEDUPE_SHARDS/sig-'\$i || exit 1; done"
measure "winnow-dedupe --cluster (sort -m of 8 shards)" "$DEDUPE_IN" \
    "LC_ALL=C sort -m '$DEDUPE_SHARDS'/sig-* | bin/winnow-dedupe --quiet --cluster >'$DEDUPE_SHARDS/drop.tsv'"
measure "winnow-dedupe --drop-listed, 8 shards" "$DEDUPE_IN" \
    "for i in 0 1 2 3 4 5 6 7; do bin/winnow-dedupe --quiet --drop-listed '$DEDUPE_SHARDS/drop.tsv' --shard \$i '$DEDUPE_SHARDS/part-0'\$i || exit 1; done"
rm -rf "$DEDUPE_SHARDS"
