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

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die_usage() {
    echo "figures.sh: $1" >&2
    echo "Try 'figures.sh --help' for more information." >&2
    exit 2
}

out=- format= fields= counts_dir= rejects_dir= quiet= archives=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -o) [ $# -ge 2 ] || die_usage "-o needs a file"; out=$2; shift 2 ;;
        --format) [ $# -ge 2 ] || die_usage "--format needs csv or ndjson"; format=$2; shift 2 ;;
        --fields) [ $# -ge 2 ] || die_usage "--fields needs a list"; fields=$2; shift 2 ;;
        --counts) [ $# -ge 2 ] || die_usage "--counts needs a folder"; counts_dir=$2; shift 2 ;;
        --rejects) [ $# -ge 2 ] || die_usage "--rejects needs a folder"; rejects_dir=$2; shift 2 ;;
        -q|--quiet) quiet=1; shift ;;
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
[ ${#archives[@]} -gt 0 ] || die_usage "no archive given"
for archive in "${archives[@]}"; do
    [ "$archive" = - ] || [ -r "$archive" ] || { echo "figures.sh: $archive: cannot read" >&2; exit 1; }
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
    [ -d "$dir" ] || { echo "figures.sh: $1: no such folder" >&2; exit 1; }
    staging+=("$(mktemp -d "$dir/.figures.XXXXXX")")
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
stage_opts extract-stats; stats_opts=("${opts[@]}" --only figures)
stage_opts dedupe; dedupe_opts=("${opts[@]}" --mark)
table_opts=(--figures)
[ "$format" = ndjson ] || table_opts+=(--format csv)
[ -z "$fields" ] || table_opts+=(--fields "$fields")
stage_opts emit-json; emit_opts=("${opts[@]}" "${table_opts[@]}" -o "$staged")

# A bad --fields is a usage error before any archive is read.
winnow-emit-json --quiet "${table_opts[@]}" </dev/null >/dev/null || exit 2

rm -f "$counts_dir"/*.json
set +e
winnow-split "${split_opts[@]}" "${archives[@]}" |
    winnow-normalize "${normalize_opts[@]}" |
    winnow-extract-stats "${stats_opts[@]}" |
    winnow-dedupe "${dedupe_opts[@]}" |
    winnow-emit-json "${emit_opts[@]}"
status=("${PIPESTATUS[@]}")
set -e

stages=(split normalize extract-stats dedupe emit-json)
for i in 0 1 2 3 4; do
    # A stage that failed makes the stages after it see a short input or a
    # closed pipe; the first failure is the one to name.
    if [ "${status[$i]}" -ne 0 ]; then
        echo "figures.sh: stage '${stages[$i]}' failed (exit status ${status[$i]})" >&2
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
        echo "figures.sh: $stage: $line" >&2
    done
    [ "$out" = - ] || echo "figures.sh: wrote $out" >&2
fi
