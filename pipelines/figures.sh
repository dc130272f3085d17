#!/usr/bin/env bash
# figures.sh — archives in, a table of every figure cited out: one row per
# figure, with the post, date, source and sentence it came from.
#
# Usage: pipelines/figures.sh [OPTION]... ARCHIVE... [OPTION]...
#
# Runs split -> normalize -> extract-stats --only figures -> dedupe --mark
# -> emit-json --figures over the ARCHIVEs (tar, tar.gz, NDJSON documents,
# WARC/WET, text; gzipped or not). Duplicates give no rows (their figures
# are in the rows of the copy kept), but a duplicate post still lends its
# date and title to its quotes and comments. A summary of every stage goes
# to stderr.
#
# Columns: id, doc, kind, post, date, title, source, headline, figure_text,
# figure_kind, value, low, high, of, unit, approx, span, sentence (see
# winnow-emit-json(1), --figures).
#
#   -o FILE          write the table to FILE, atomically; gzipped when FILE
#                    ends in .gz (default: stdout)
#   --format FORMAT  csv or ndjson (default: csv when FILE ends in .csv or
#                    .csv.gz, else ndjson)
#   --fields LIST    only these columns, in this order (id,date,figure_text)
#   --counts DIR     keep each stage's accounting in DIR/STAGE.json
#                    (default: a temporary folder)
#   --rejects DIR    bad input lines go to DIR/STAGE.jsonl instead of
#                    stopping the run
#   -q, --quiet      no summary on stderr
#   -h, --help       show this help
set -euo pipefail

script=figures.sh
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

format= fields= archives=()
while [ $# -gt 0 ]; do
    common_option "$@"
    [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
    case "$1" in
        --format) [ $# -ge 2 ] || die_usage "--format needs csv or ndjson"; format=$2; shift 2 ;;
        --fields) [ $# -ge 2 ] || die_usage "--fields needs a list"; fields=$2; shift 2 ;;
        --) shift; archives+=("$@"); break ;;
        -?*) die_usage "unknown option $1" ;;
        *) archives+=("$1"); shift ;;
    esac
done
if [ -z "$format" ]; then
    case "$out" in *.csv|*.csv.gz) format=csv ;; *) format=ndjson ;; esac
fi
case "$format" in
    csv|ndjson) ;;
    *) die_usage "invalid --format '$format' (csv or ndjson)" ;;
esac
check_archives "${archives[@]}"

stage_file "$out"
prepare_stages "$counts_dir" "$rejects_dir"

stage_opts split; split_opts=("${opts[@]}")
stage_opts normalize; normalize_opts=("${opts[@]}")
stage_opts extract-stats; stats_opts=("${opts[@]}" --only figures -j "$(stats_jobs)")
stage_opts dedupe; dedupe_opts=("${opts[@]}" --mark)
table_opts=(--figures)
[ "$format" = ndjson ] || table_opts+=(--format csv)
[ -z "$fields" ] || table_opts+=(--fields "$fields")
stage_opts emit-json; emit_opts=("${opts[@]}" "${table_opts[@]}" -o "$staged")

# A bad --fields is a usage error before any archive is read.
winnow-emit-json --quiet "${table_opts[@]}" </dev/null >/dev/null || exit 2

set +e
winnow-split "${split_opts[@]}" "${archives[@]}" |
    winnow-normalize "${normalize_opts[@]}" |
    winnow-extract-stats "${stats_opts[@]}" |
    winnow-dedupe "${dedupe_opts[@]}" |
    winnow-emit-json "${emit_opts[@]}"
status=("${PIPESTATUS[@]}")
set -e

stages=(split normalize extract-stats dedupe emit-json)
finish_stages "${stages[@]}"
