# winnow-normalize, on the split records, next to the jq one-liner users
# would otherwise write for the same job (white space only; jq runs at well
# under 1 MB/s here, so it reads the first 20 MB).
measure "jq -c '.text \\|= gsub(\"\\\\s+\"; \" \")' (first 20 MB of records)" "$RECORDS_SAMPLE" \
    "jq -c '.text |= gsub(\"\\\\s+\"; \" \")' '$RECORDS_SAMPLE'"
measure "winnow-normalize (records, default steps)" "$RECORDS" \
    "bin/winnow-normalize --quiet '$RECORDS'"
measure "winnow-normalize --punct --lower --form nfkc (records)" "$RECORDS" \
    "bin/winnow-normalize --quiet --punct --lower --form nfkc '$RECORDS'"
measure "winnow-normalize --key key (records)" "$RECORDS" \
    "bin/winnow-normalize --quiet --key key '$RECORDS'"
