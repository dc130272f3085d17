# winnow-emit-json --figures: the figures table from records with figures
# (made once from the split records), and the whole figures.sh pipeline.
FIGREC="$DATA/figrecords-$SIZE.jsonl"
[ -f "$FIGREC" ] || bin/winnow-extract-stats --quiet --only figures "$RECORDS" >"$FIGREC"
measure "winnow-emit-json --figures (rows with sentences)" "$FIGREC" "bin/winnow-emit-json --quiet --figures '$FIGREC'"
measure "winnow-emit-json --figures --format csv" "$FIGREC" "bin/winnow-emit-json --quiet --figures --format csv '$FIGREC'"
measure "jq figures table (no sentence, no date)" "$FIGREC" "jq -c '{id,kind,post} + (.figures[]? | {figure_text: .text, figure_kind: .kind, value})' '$FIGREC'"
measure "pipelines/figures.sh (tar in, CSV out)" "$TAR" "bash pipelines/figures.sh -q --format csv '$TAR'"
