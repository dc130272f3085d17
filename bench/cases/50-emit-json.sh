# winnow-emit-json on the split records, next to jq doing the same job
# (the `jq -c .` row of 00-reference.sh is the reference for the first row).
measure "winnow-emit-json (NDJSON, id doc kind first)" "$RECORDS" "bin/winnow-emit-json --quiet '$RECORDS'"
measure "jq -c '{id,kind,date}' (projection)" "$RECORDS" "jq -c '{id,kind,date}' '$RECORDS'"
measure "winnow-emit-json --fields id,kind,date" "$RECORDS" "bin/winnow-emit-json --quiet --fields id,kind,date '$RECORDS'"
measure "winnow-emit-json --pretty" "$RECORDS" "bin/winnow-emit-json --quiet --pretty '$RECORDS'"
measure "winnow-emit-json --nest (holds every record)" "$RECORDS" "bin/winnow-emit-json --quiet --nest '$RECORDS'"
measure "winnow-emit-json --summary" "$RECORDS" "bin/winnow-emit-json --quiet --summary '$RECORDS'"
measure "winnow-emit-json -o FILE.gz (level 1)" "$RECORDS" "bin/winnow-emit-json --quiet -o bench/data/emit-out.jsonl.gz '$RECORDS' && rm -f bench/data/emit-out.jsonl.gz"
