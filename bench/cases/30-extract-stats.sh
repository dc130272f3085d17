# winnow-extract-stats on the split records: both members (on a thread per
# core, the default, and on one), each alone, and what jq can do of the
# same job (counts only, at well under 1 MB/s).
measure "winnow-extract-stats (records)" "$RECORDS" "bin/winnow-extract-stats --quiet '$RECORDS'"
measure "winnow-extract-stats -j 1 (one thread)" "$RECORDS" "bin/winnow-extract-stats --quiet -j 1 '$RECORDS'"
measure "winnow-extract-stats --only figures" "$RECORDS" "bin/winnow-extract-stats --quiet --only figures '$RECORDS'"
measure "winnow-extract-stats --only stats" "$RECORDS" "bin/winnow-extract-stats --quiet --only stats '$RECORDS'"
measure "jq word and character counts (first 2 MB of records)" "$RECORDS_TINY" \
    "jq -c '.stats = {chars: (.text | length), words: (.text | [splits(\"\\\\s+\")] | map(select(length > 0)) | length)}' '$RECORDS_TINY'"
