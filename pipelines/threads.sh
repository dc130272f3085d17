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

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die_usage() {
    echo "threads.sh: $1" >&2
    echo "Try 'threads.sh --help' for more information." >&2
    exit 2
}

out=- pretty=() dedupe=1 removed= counts_dir= rejects_dir= quiet= archives=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -o) [ $# -ge 2 ] || die_usage "-o needs a file"; out=$2; shift 2 ;;
        --pretty) pretty=(--pretty); shift ;;
        --no-dedupe) dedupe=; shift ;;
        --removed) [ $# -ge 2 ] || die_usage "--removed needs a file"; removed=$2; shift 2 ;;
        --counts) [ $# -ge 2 ] || die_usage "--counts needs a folder"; counts_dir=$2; shift 2 ;;
        --rejects) [ $# -ge 2 ] || die_usage "--rejects needs a folder"; rejects_dir=$2; shift 2 ;;
        -q|--quiet) quiet=1; shift ;;
        --) shift; archives+=("$@"); break ;;
        -?*) die_usage "unknown option $1" ;;
        *) archives+=("$1"); shift ;;
    esac
done
[ ${#archives[@]} -gt 0 ] || die_usage "no archive given"
[ -n "$dedupe" ] || [ -z "$removed" ] || die_usage "--removed cannot be combined with --no-dedupe"
for archive in "${archives[@]}"; do
    [ "$archive" = - ] || [ -r "$archive" ] || { echo "threads.sh: $archive: cannot read" >&2; exit 1; }
done

here=$(cd "$(dirname "$0")" && pwd)
# The programs of this source tree (or $WINNOW_BIN) before those on PATH.
if [ -n "${WINNOW_BIN:-}" ]; then PATH="$WINNOW_BIN:$PATH"
elif [ -x "$here/../bin/winnow-split" ]; then PATH="$here/../bin:$PATH"; fi
export LC_ALL=C

work=$(mktemp -d)
staging=() commits=()
trap 'rm -rf "$work" "${staging[@]}"' EXIT

# stage_file PATH: set $staged to where emit-json is to write PATH: a file
# in a hidden folder beside PATH, renamed to PATH (commit_files) only when
# every stage has succeeded. emit-json's -o is atomic, but it cannot know
# that a stage before it failed: it sees a short, well-formed input.
# Standard output and paths that are not regular files are written as is.
stage_file() {
    staged=$1
    [ "$1" != - ] || return 0
    [ ! -e "$1" ] || [ -f "$1" ] || return 0
    local dest dir
    dest=$(readlink -f -- "$1" 2>/dev/null) || dest=$1
    dir=$(dirname -- "$dest")
    [ -d "$dir" ] || { echo "threads.sh: $1: no such folder" >&2; exit 1; }
    staging+=("$(mktemp -d "$dir/.threads.XXXXXX")")
    staged=${staging[-1]}/$(basename -- "$dest")
    commits+=("$staged" "$dest")
}
commit_files() {
    local i
    for ((i = 0; i < ${#commits[@]}; i += 2)); do mv -f -- "${commits[i]}" "${commits[i + 1]}"; done
}
stage_file "$out"
[ -n "$counts_dir" ] || counts_dir=$work/counts
mkdir -p "$counts_dir"
[ -z "$rejects_dir" ] || mkdir -p "$rejects_dir"

# stage_opts STAGE: the options every stage takes.
stage_opts() {
    opts=(--quiet --counts "$counts_dir/$1.json")
    [ -z "$rejects_dir" ] || opts+=(--rejects "$rejects_dir/$1.jsonl")
}

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

rm -f "$counts_dir"/*.json
set +e
winnow-split "${split_opts[@]}" "${archives[@]}" |
    winnow-normalize "${normalize_opts[@]}" |
    dedupe_stage |
    winnow-emit-json "${emit_opts[@]}"
status=("${PIPESTATUS[@]}")
set -e

for i in 0 1 2 3; do
    # A stage that failed makes the stages after it see a short input or a
    # closed pipe; the first failure is the one to name.
    if [ "${status[$i]}" -ne 0 ]; then
        echo "threads.sh: stage '${stages[$i]}' failed (exit status ${status[$i]})" >&2
        exit 1
    fi
done

commit_files

# One line per stage: its accounting as "name value" pairs.
if [ -z "$quiet" ]; then
    for stage in "${stages[@]}"; do
        [ -f "$counts_dir/$stage.json" ] || continue
        line=$(sed -e 's/^{//' -e 's/}$//' -e 's/"program":"[^"]*",\{0,1\}//' \
            -e 's/"//g' -e 's/:/ /g' -e 's/,/, /g' "$counts_dir/$stage.json")
        echo "threads.sh: $stage: $line" >&2
    done
    [ "$out" = - ] || echo "threads.sh: wrote $out" >&2
fi
