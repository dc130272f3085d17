#!/bin/sh
# bench.sh — throughput and peak memory of winnow's programs on a generated
# corpus, side by side with the tools users would otherwise reach for.
# Writes bench/results.md. Size: BENCH_SIZE (default 200M); which cases:
# BENCH_CASES, a pattern of bench/cases/ names (default *: all of them).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SIZE=${BENCH_SIZE:-200M}
DATA=bench/data
mkdir -p "$DATA"
TAR="$DATA/corpus-$SIZE.tar"
NDJSON="$DATA/corpus-$SIZE.jsonl"
[ -f "$TAR.gz" ] || bin/winnow-generate --seed 7 --size "$SIZE" --tar "$TAR.gz"
[ -f "$TAR" ] || gzip -dc "$TAR.gz" >"$TAR"
[ -f "$NDJSON.gz" ] || bin/winnow-generate --seed 7 --size "$SIZE" --ndjson "$NDJSON.gz"
[ -f "$NDJSON" ] || gzip -dc "$NDJSON.gz" >"$NDJSON"
RECORDS="$DATA/records-$SIZE.jsonl"
[ -f "$RECORDS" ] || bin/winnow-split --quiet "$TAR" >"$RECORDS"
# The first 20 MB of records, for the jq programs that run at about 1 MB/s:
# a streaming tool's MB/s does not depend on the input's size.
RECORDS_SAMPLE="$DATA/records-$SIZE-sample.jsonl"
[ -f "$RECORDS_SAMPLE" ] || head -c 20000000 "$RECORDS" | sed '$d' >"$RECORDS_SAMPLE"
RECORDS_TINY="$DATA/records-$SIZE-tiny.jsonl"
[ -f "$RECORDS_TINY" ] || head -c 2000000 "$RECORDS" | sed '$d' >"$RECORDS_TINY"

TIMEFMT='%e %U %S %M'
RESULTS=bench/results.md
ROWS=$(mktemp)
trap 'rm -f "$ROWS"' EXIT

# measure LABEL INPUT_FILE SHELL_COMMAND: one table row. Throughput is the
# size of INPUT_FILE (as the program reads it, uncompressed size for .gz
# inputs is given separately) over wall-clock seconds.
measure() {
    label=$1 input=$2 cmd=$3
    bytes=$(wc -c <"$input")
    /usr/bin/time -f "$TIMEFMT" -o "$ROWS.time" sh -c "$cmd" >/dev/null
    set -- $(cat "$ROWS.time")
    wall=$1 user=$2 sys=$3 rss=$4
    awk -v l="$label" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
        mb = b / 1e6; t = (w > 0 ? w : 0.01)
        c = (u + s > 0 ? u + s : 0.01)
        printf "| %s | %.0f | %.2f | %.1f | %.2f | %.1f | %.1f |\n", l, mb, w, mb / t, u + s, mb / c, r / 1024 }' >>"$ROWS"
    echo "bench: $label done" >&2
}

# Each bench/cases/*.sh adds rows with `measure`; the data above is theirs
# to read ($TAR, $NDJSON documents, $RECORDS split records).
for case_script in bench/cases/${BENCH_CASES:-*}.sh; do
    . "./$case_script"
done

{
    echo "# winnow benchmark"
    echo
    echo "Corpus: \`winnow-generate --seed 7 --size $SIZE\`. MB is the uncompressed input size;"
    echo "MB/s is that over wall-clock time; CPU s is user + system; peak memory is the maximum RSS."
    echo
    echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
         "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)."
    echo "Run: $(date -u +%Y-%m-%d)."
    echo
    echo "MB/CPU s is MB over CPU seconds: a single-process program's speed even when the"
    echo "machine is busy. The last two columns compare each row with the \`jq -c .\` row on"
    echo "the records: by wall-clock MB/s and by MB per CPU second."
    echo
    echo "| what | MB | seconds | MB/s | CPU s | MB/CPU s | peak MB | × jq (wall) | × jq (CPU) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    # An escaped "\|" in a label is not a column separator.
    awk -F '|' '
        function ratio(a, b) { return b <= 0 || a <= 0 ? " |" : sprintf(a / b < 1 ? " %.2f |" : " %.1f |", a / b) }
        { row[NR] = $0; gsub(/\\\|/, "\001"); $0 = $0; rate[NR] = $5 + 0; cpu[NR] = $7 + 0 }
        $2 ~ /^ jq -c \. \(records\) $/ { jq = $5 + 0; jqcpu = $7 + 0 }
        END { for (i = 1; i <= NR; i++)
                  printf "%s%s%s\n", row[i], ratio(rate[i], jq), ratio(cpu[i], jqcpu) }' "$ROWS"
} >"$RESULTS"
cat "$RESULTS"
