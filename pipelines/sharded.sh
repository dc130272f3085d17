#!/usr/bin/env bash
# sharded.sh — the corpus pipeline over many archives on every core.
#
# Usage: pipelines/sharded.sh [OPTION]... -o OUT ARCHIVE...
#
# Each ARCHIVE is a shard: split -> normalize -> extract-stats runs on all
# shards at once (GNU parallel), the sharded deduplication
# (dedupe-sharded.sh) removes duplicates across all of them with the same
# decisions as one winnow-dedupe over the archives in the order given, and
# emit-json writes the corpus in that order.
#
#   -o FILE          the corpus, written atomically; gzipped when FILE ends
#                    in .gz (required)
#   --summary FILE   also write the corpus report (JSON) to FILE
#   -j N             jobs at once (default: one per core)
#   -S HOSTS         spread the per-shard steps over hosts too (GNU
#                    parallel --sshlogin; the hosts need winnow installed
#                    and the work folder at the same path)
#   -w DIR           work folder (kept); default: a temporary folder
#   -q, --quiet      no summary on stderr
#   -h, --help       show this help
set -euo pipefail

script=sharded.sh
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

out= summary= jobs= hosts= work_dir=
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -o) [ $# -ge 2 ] || die_usage "-o needs a file"; out=$2; shift 2 ;;
        --summary) [ $# -ge 2 ] || die_usage "--summary needs a file"; summary=$2; shift 2 ;;
        -j) [ $# -ge 2 ] || die_usage "-j needs a number"; jobs=$2; shift 2 ;;
        -S) [ $# -ge 2 ] || die_usage "-S needs hosts"; hosts=$2; shift 2 ;;
        -w) [ $# -ge 2 ] || die_usage "-w needs a folder"; work_dir=$2; shift 2 ;;
        -q|--quiet) quiet=1; shift ;;
        --) shift; break ;;
        -*) die_usage "unknown option $1" ;;
        *) break ;;
    esac
done
[ -n "$out" ] || die_usage "no output file (-o FILE)"
[ $# -gt 0 ] || die_usage "no archive given"
need_parallel
use_work_dir "$work_dir"
mkdir -p "$work/records" "$work/dedup" "$work/counts"

# The shards in the order given: number, archive, record file name.
: >"$work/manifest"
n=0
for archive in "$@"; do
    [ -r "$archive" ] || { echo "sharded.sh: $archive: cannot read" >&2; exit 1; }
    printf '%06d\t%s\n' "$n" "$(abs "$archive")" >>"$work/manifest"
    n=$((n + 1))
done

par=(parallel --halt now,fail=1 --colsep '\t')
[ -z "$jobs" ] || par+=(-j "$jobs")
[ -z "$hosts" ] || par+=(-S "$hosts")
q1() { printf '%q' "$1"; }

# 1. Records of each shard.
"${par[@]}" "set -o pipefail; winnow-split --quiet {2} | winnow-normalize --quiet" \
    "| winnow-extract-stats --quiet -j 1 | gzip -1 >$(q1 "$work")/records/{1}.jsonl.gz" \
    :::: "$work/manifest" || stage_failed "split | normalize | extract-stats"

# 2. Duplicates across every shard, in shard order.
dedupe_opts=(-o "$work/dedup" -w "$work/dedupe-work" --stats "$work/counts/dedupe.json")
[ -z "$jobs" ] || dedupe_opts+=(-j "$jobs")
[ -z "$hosts" ] || dedupe_opts+=(-S "$hosts")
[ -z "$quiet" ] || dedupe_opts+=(--quiet)
"$here/dedupe-sharded.sh" "${dedupe_opts[@]}" "$work"/records/*.jsonl.gz || stage_failed dedupe

# 3. The corpus, shards in order.
emit_opts=(--quiet -o "$out")
[ -z "$summary" ] || emit_opts+=(--summary-file "$summary")
winnow-emit-json "${emit_opts[@]}" "$work"/dedup/*.jsonl || stage_failed emit-json
[ -n "$quiet" ] || echo "sharded.sh: $n archives -> $out" >&2
