#!/usr/bin/env bash
# corpus.sh — archives in, clean corpus out: the winnow corpus pipeline.
#
# Usage: pipelines/corpus.sh [OPTION]... ARCHIVE...
#
# Runs split -> normalize -> dedupe -> extract-stats -> emit-json over the
# ARCHIVEs (tar, tar.gz, NDJSON documents, WARC/WET, text; gzipped or not)
# and writes the corpus, one record per line. A summary of every stage goes
# to stderr. Dedupe comes before extract-stats because it compares only the
# text: the records it drops are never measured (in a crawl, most of them),
# so the records --removed writes have no stats or figures.
#
#   -o FILE          write the corpus to FILE, atomically; gzipped when FILE
#                    ends in .gz (default: stdout)
#   --summary FILE   also write the corpus report (winnow-emit-json
#                    --summary) to FILE
#   --counts DIR     keep each stage's accounting in DIR/STAGE.json
#                    (default: a temporary folder)
#   --removed FILE   write the records dedupe dropped, with dup_of, to FILE
#   --mark           keep duplicates, marked with dup_of and dup
#   --rejects DIR    bad input lines go to DIR/STAGE.jsonl instead of
#                    stopping the run
#   -q, --quiet      no summary on stderr
#   -h, --help       show this help
set -euo pipefail

script=corpus.sh
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

summary= removed= mark=()
while [ $# -gt 0 ]; do
    common_option "$@"
    [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
    case "$1" in
        --summary) [ $# -ge 2 ] || die_usage "--summary needs a file"; summary=$2; shift 2 ;;
        --removed) [ $# -ge 2 ] || die_usage "--removed needs a file"; removed=$2; shift 2 ;;
        --mark) mark=(--mark); shift ;;
        --) shift; break ;;
        -*) die_usage "unknown option $1" ;;
        *) break ;;
    esac
done
check_archives "$@"

prepare_stages "$counts_dir" "$rejects_dir"

stage_opts split; split_opts=("${opts[@]}")
stage_opts normalize; normalize_opts=("${opts[@]}")
stage_opts extract-stats; stats_opts=("${opts[@]}" -j "$(stats_jobs)")
stage_opts dedupe; dedupe_opts=("${opts[@]}" "${mark[@]}")
[ -z "$removed" ] || dedupe_opts+=(--removed "$removed")
stage_file "$out"
stage_opts emit-json; emit_opts=("${opts[@]}" -o "$staged")
if [ -n "$summary" ]; then
    stage_file "$summary"
    emit_opts+=(--summary-file "$staged")
    for stage in split normalize dedupe extract-stats; do
        emit_opts+=(--counts-from "$counts_dir/$stage.json")
    done
fi

set +e
winnow-split "${split_opts[@]}" "$@" |
    winnow-normalize "${normalize_opts[@]}" |
    winnow-dedupe "${dedupe_opts[@]}" |
    winnow-extract-stats "${stats_opts[@]}" |
    winnow-emit-json "${emit_opts[@]}"
status=("${PIPESTATUS[@]}")
set -e

stages=(split normalize dedupe extract-stats emit-json)
finish_stages "${stages[@]}"
