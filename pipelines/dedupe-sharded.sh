#!/usr/bin/env bash
# dedupe-sharded.sh — deduplicate many record files as shards, in parallel,
# with the same decisions as one winnow-dedupe over all of them in order.
#
# Usage: pipelines/dedupe-sharded.sh [OPTION]... -o OUTDIR FILE...
#
# Each FILE (record NDJSON, gzipped or not) is a shard; its number is its
# place in the list (0, 1, ...), and the list order is the global order:
# the first occurrence kept is the first in FILE order. Three steps:
#   1. signatures  winnow-dedupe --signatures --shard N FILE | sort, per
#                  shard, run by GNU parallel
#   2. cluster     sort -m of the sorted signatures | winnow-dedupe --cluster,
#                  one process: writes the drop list
#   3. drop        winnow-dedupe --drop-listed LIST --shard N FILE, per shard,
#                  run by GNU parallel, into OUTDIR/NAME (NAME: FILE's name
#                  without .gz)
#
#   -o DIR          where the deduplicated shards go (required)
#   -j N            jobs at once on each host (default: one per core)
#   -S HOSTS        run steps 1 and 3 on these hosts too (GNU parallel
#                   --sshlogin, e.g. "8/node1,8/node2,:"); every host must
#                   have winnow-dedupe and see FILEs, the work folder and
#                   OUTDIR at the same paths (a shared file system)
#   -w DIR          work folder for signatures and the drop list (kept);
#                   default: a temporary folder, removed at the end
#   --mark          keep every record, marking duplicates (dup_of, dup)
#   --removed DIR   write each shard's dropped records to DIR/NAME
#   --stats FILE    write the summary (in, kept, exact, near) as JSON
#   -q, --quiet     no summary line
#   -h, --help      show this help
# Passed to every winnow-dedupe step: -m/--mode, -f/--field,
# -k/--key-field, -t/--threshold, --shingle, --perms, --bands, --min-words,
# --fold-digits.
set -euo pipefail

script=dedupe-sharded.sh
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

out= jobs= hosts= work_dir= stats= removed=
drop_opts=() sign_opts=()
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -o) out=${2:?-o needs a folder}; shift 2 ;;
        -j) jobs=${2:?-j needs a number}; shift 2 ;;
        -S) hosts=${2:?-S needs hosts}; shift 2 ;;
        -w) work_dir=${2:?-w needs a folder}; shift 2 ;;
        --mark) drop_opts+=(--mark); shift ;;
        --removed) removed=${2:?--removed needs a folder}; shift 2 ;;
        --stats) stats=${2:?--stats needs a file}; shift 2 ;;
        -q|--quiet) quiet=1; shift ;;
        -m|--mode|-f|--field|-k|--key-field|-t|--threshold|--shingle|--perms|--bands|--min-words)
            [ $# -ge 2 ] || die_usage "$1 needs a value"
            sign_opts+=("$1" "$2"); shift 2 ;;
        --fold-digits) sign_opts+=("$1"); shift ;;
        --) shift; break ;;
        -*) die_usage "unknown option $1" ;;
        *) break ;;
    esac
done
[ -n "$out" ] || die_usage "no output folder (-o DIR)"
[ $# -gt 0 ] || die_usage "no input file"
need_parallel
dedupe=$(command -v winnow-dedupe) || { echo "dedupe-sharded.sh: winnow-dedupe not found" >&2; exit 1; }

# Check the options once, here, rather than in every job.
"$dedupe" --signatures "${sign_opts[@]}" </dev/null >/dev/null || exit 2

mkdir -p "$out"
out=$(abs "$out")
if [ -n "$removed" ]; then mkdir -p "$removed"; removed=$(abs "$removed"); fi
use_work_dir "$work_dir"

# The manifest: shard number, input path, output name; names must differ.
n=0
: >"$work/manifest"
for f in "$@"; do
    [ -r "$f" ] || { echo "dedupe-sharded.sh: $f: cannot read" >&2; exit 1; }
    name=$(basename "$f" .gz)
    printf '%s\t%s\t%s\n' "$n" "$(abs "$f")" "$name" >>"$work/manifest"
    n=$((n + 1))
done
dup_name=$(cut -f3 "$work/manifest" | sort | uniq -d | head -n 1)
[ -z "$dup_name" ] || die_usage "two inputs would both be written to $out/$dup_name"

par=(parallel --halt now,fail=1 --colsep '\t')
[ -n "$jobs" ] && par+=(-j "$jobs")
[ -n "$hosts" ] && par+=(-S "$hosts")

# Shell-quote words for a parallel command line (nothing for no words).
q() { [ $# -eq 0 ] || printf '%q ' "$@"; }
q1() { printf '%q' "$1"; }

# 1. Signatures, sorted per shard.
"${par[@]}" "set -o pipefail; $(q "$dedupe") --quiet --signatures --shard {1} $(q "${sign_opts[@]}") {2}" \
    "| sort >$(q1 "$work")/sig-{1}.tsv" :::: "$work/manifest" || stage_failed signatures

# 2. Merge the sorted shards and cluster them: the drop list.
cluster_opts=(--cluster)
[ -n "$quiet" ] && cluster_opts+=(--quiet)
[ -n "$stats" ] && cluster_opts+=(--stats "$stats")
set +e
find "$work" -maxdepth 1 -name 'sig-*.tsv' -print0 | sort -z |
    sort -m --files0-from=- | "$dedupe" "${cluster_opts[@]}" >"$work/drop.tsv"
status=("${PIPESTATUS[@]}")
set -e
[ "${status[2]}" -eq 0 ] || stage_failed "merge (sort -m)"
[ "${status[3]}" -eq 0 ] || stage_failed cluster

# 3. Drop (or mark) the listed records of each shard.
removed_opt=
[ -n "${removed:-}" ] && removed_opt="--removed $(q1 "$removed")/{3}"
"${par[@]}" "$(q "$dedupe") --quiet --drop-listed $(q1 "$work/drop.tsv") --shard {1}" \
    "$(q "${sign_opts[@]}") $(q "${drop_opts[@]}") $removed_opt {2} >$(q1 "$out")/{3}" \
    :::: "$work/manifest" || stage_failed drop
