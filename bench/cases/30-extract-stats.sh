# winnow-extract-stats on the split records: both members, each alone, and
# the crude alternative of grepping numbers out of the NDJSON.
measure "winnow-extract-stats (records)" "$RECORDS" "bin/winnow-extract-stats --quiet '$RECORDS'"
measure "winnow-extract-stats --only figures" "$RECORDS" "bin/winnow-extract-stats --quiet --only figures '$RECORDS'"
measure "winnow-extract-stats --only stats" "$RECORDS" "bin/winnow-extract-stats --quiet --only stats '$RECORDS'"
measure "grep -oE numbers (crude figures)" "$RECORDS" "grep -oE '[£\$€]?[0-9][0-9,.]*(%| per cent|m|bn)?' '$RECORDS'"
measure "jq word and character counts (first 20 MB of records)" "$RECORDS_SAMPLE" \
    "jq -c '.stats = {chars: (.text | length), words: (.text | [splits(\"\\\\s+\")] | map(select(length > 0)) | length)}' '$RECORDS_SAMPLE'"
