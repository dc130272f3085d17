# The record layer alone (lib/record.h), through filter_run as every record
# program runs it: parse and write each record; decode "text" and set it
# again; and five such stages chained by pipes (enlarged to 1 MB by
# lib/input.c and lib/output.c), where each stage reads and writes all.
RECORD_PASS=${BUILD:-build}/bench/record-pass
measure "record layer: parse + write (records)" "$RECORDS" "$RECORD_PASS pass '$RECORDS'"
measure "record layer: get + set text (records)" "$RECORDS" "$RECORD_PASS text '$RECORDS'"
measure "record layer: 5 stages piped (records)" "$RECORDS" \
    "$RECORD_PASS pass '$RECORDS' | $RECORD_PASS text | $RECORD_PASS pass | $RECORD_PASS text | $RECORD_PASS pass"
