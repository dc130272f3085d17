# What users would otherwise reach for, on the split records.
measure "jq -c . (records)" "$RECORDS" "jq -c . '$RECORDS'"
if command -v mlr >/dev/null; then
    measure "mlr --ijsonl --ojsonl cat (records)" "$RECORDS" "mlr --ijsonl --ojsonl cat '$RECORDS'"
fi
measure "sort (records)" "$RECORDS" "sort -S 1G '$RECORDS'"
