#!/usr/bin/env bash
# corpus.sh — archives in, records out: the winnow corpus pipeline.
#
# Usage: pipelines/corpus.sh [-o OUT.jsonl.gz] [--counts DIR] ARCHIVE...
#
# Splits every document of the ARCHIVEs (tar, tar.gz, NDJSON, WARC/WET,
# text; gzipped or not) into post, quote and comment records and writes them
# gzipped to OUT (default: stdout, uncompressed). The stages that follow
# splitting join this script as they are built.
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

out=- counts_dir=
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -o) out=${2:?-o needs a file}; shift 2 ;;
        --counts) counts_dir=${2:?--counts needs a folder}; shift 2 ;;
        --) shift; break ;;
        -*) echo "corpus.sh: unknown option $1" >&2
            echo "Try 'corpus.sh --help' for more information." >&2; exit 2 ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { echo "corpus.sh: no archive given" >&2
                  echo "Try 'corpus.sh --help' for more information." >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
# Use the programs beside the scripts when run from a source tree.
[ -x "$here/../bin/winnow-split" ] && PATH="$here/../bin:$PATH"

split_counts=()
if [ -n "$counts_dir" ]; then
    mkdir -p "$counts_dir"
    split_counts=(--counts "$counts_dir/split.json")
fi

stage_failed() { echo "corpus.sh: stage '$1' failed" >&2; exit 1; }

if [ "$out" = - ]; then
    winnow-split --quiet "${split_counts[@]}" "$@" || stage_failed split
else
    tmp="$out.tmp.$$"
    trap 'rm -f "$tmp"' EXIT
    set +e
    winnow-split --quiet "${split_counts[@]}" "$@" | gzip -1 >"$tmp"
    status=("${PIPESTATUS[@]}")
    set -e
    [ "${status[0]}" -eq 0 ] || stage_failed split
    [ "${status[1]}" -eq 0 ] || stage_failed gzip
    mv "$tmp" "$out"
    trap - EXIT
fi
