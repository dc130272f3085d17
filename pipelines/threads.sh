#!/usr/bin/env bash
# threads.sh — archives in, threads out: one JSON object per post with its
# quoted articles and its comment tree.
#
# Usage: pipelines/threads.sh [OPTION]... ARCHIVE... [OPTION]...
#
# Runs split -> normalize -> dedupe --mode exact -> emit-json --nest over
# the ARCHIVEs (tar, tar.gz, NDJSON documents, WARC/WET, text; gzipped or
# not). Each post is written as its record with "quotes" and "comments"
# (each comment with its "replies"), in document order. Exact duplicates
# (the copies of a post and its comments on archive and label pages) are
# dropped; a quote or comment that is not a duplicate while its post is
# comes out in an orphan group ("missing": true), never lost. A summary of
# every stage goes to stderr.
#
#   -o FILE          write the threads to FILE, atomically; gzipped when
#                    FILE ends in .gz (default: stdout)
#   --pretty         indent each thread over several lines
#   --no-dedupe      keep every copy (no dedupe stage)
#   --removed FILE   write the records dedupe dropped, with dup_of, to FILE
#   --counts DIR     keep each stage's accounting in DIR/STAGE.json
#                    (default: a temporary folder)
#   --rejects DIR    bad input lines go to DIR/STAGE.jsonl instead of
#                    stopping the run
#   -q, --quiet      no summary on stderr
#   -h, --help       show this help
set -euo pipefail

script=threads.sh
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

pretty=() dedupe=1 removed= archives=()
while [ $# -gt 0 ]; do
    common_option "$@"
    [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
    case "$1" in
        --pretty) pretty=(--pretty); shift ;;
        --no-dedupe) dedupe=; shift ;;
        --removed) [ $# -ge 2 ] || die_usage "--removed needs a file"; removed=$2; shift 2 ;;
        --) shift; archives+=("$@"); break ;;
        -?*) die_usage "unknown option $1" ;;
        *) archives+=("$1"); shift ;;
    esac
done
[ -n "$dedupe" ] || [ -z "$removed" ] || die_usage "--removed cannot be combined with --no-dedupe"
check_archives "${archives[@]}"

stage_file "$out"
prepare_stages "$counts_dir" "$rejects_dir"

stage_opts split; split_opts=("${opts[@]}")
stage_opts normalize; normalize_opts=("${opts[@]}")
stage_opts dedupe; dedupe_opts=("${opts[@]}" --mode exact)
[ -z "$removed" ] || dedupe_opts+=(--removed "$removed")
stage_opts emit-json; emit_opts=("${opts[@]}" --nest "${pretty[@]}" -o "$staged")

# Without dedupe, records pass through cat: the stage list stays the same
# length, and its name says what ran.
if [ -n "$dedupe" ]; then
    dedupe_stage() { winnow-dedupe "${dedupe_opts[@]}"; }
    stages=(split normalize dedupe emit-json)
else
    dedupe_stage() { cat; }
    stages=(split normalize cat emit-json)
fi

set +e
winnow-split "${split_opts[@]}" "${archives[@]}" |
    winnow-normalize "${normalize_opts[@]}" |
    dedupe_stage |
    winnow-emit-json "${emit_opts[@]}"
status=("${PIPESTATUS[@]}")
set -e

finish_stages "${stages[@]}"
