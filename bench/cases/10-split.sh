# winnow-split against the floor of reading the same bytes.
measure "cat (floor)" "$TAR" "cat '$TAR'"
measure "zcat (floor, gzipped input)" "$TAR" "gzip -dc '$TAR.gz'"
measure "winnow-split, tar" "$TAR" "bin/winnow-split --quiet '$TAR'"
measure "winnow-split, tar.gz" "$TAR" "bin/winnow-split --quiet '$TAR.gz'"
measure "winnow-split, NDJSON documents" "$NDJSON" "bin/winnow-split --quiet '$NDJSON'"
measure "winnow-split, NDJSON documents gzipped" "$NDJSON" "bin/winnow-split --quiet '$NDJSON.gz'"
