#!/bin/sh
# curve.sh — precision and recall of winnow-dedupe over thresholds, on the
# labelled near-duplicate benchmark of generate.awk.
#
#   bench/dedupe/curve.sh [-b BIN] [-p POSTS] [-t "0.5 0.55 ..."] SEED...
#
# For each threshold, runs `winnow-dedupe --mark --threshold T` (and the
# default, with no --threshold) on the benchmark of every SEED and prints
# one row: the totals over all seeds, for every duplicate ("all") and
# without the exact copies ("near"), then the per-class counts of the
# default run. BIN is the folder of winnow-dedupe (default: bin/ beside
# this script's project, else PATH).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/../../bin posts=300
thresholds="0.5 0.55 0.6 0.65 0.7 0.75 0.8 0.85 0.9 0.95"
while [ $# -gt 0 ]; do
    case $1 in
        -b) bin=$2; shift 2 ;;
        -p) posts=$2; shift 2 ;;
        -t) thresholds=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) break ;;
    esac
done
[ $# -gt 0 ] || { echo "curve.sh: no seed given" >&2; exit 2; }
dedupe=$bin/winnow-dedupe
[ -x "$dedupe" ] || dedupe=winnow-dedupe
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C

for seed in "$@"; do
    awk -v seed="$seed" -v posts="$posts" -v labels="$work/labels-$seed" \
        -f "$here/generate.awk" >"$work/records-$seed"
done

# row LABEL: one line of totals over every seed, with $options and $bands.
row() {
    label=$1
    for seed in $seeds; do
        "$dedupe" --quiet --mark $options "$work/records-$seed" >"$work/marked"
        awk -f "$here/evaluate.awk" "$work/labels-$seed" "$work/marked"
    done >"$work/rows"
    awk -v label="$label" -v bands="$bands" '
        $1 == "all" { tp += $4; fp += $5; fn += $6 }
        $1 == "near" { ntp += $4; nfp += $5; nfn += $6 }
        function r(a, b) { return b ? a / b : 1 }
        END { printf "%-9s %5s  %.4f  %.4f  %.4f  %.4f  %5d %4d %4d\n", label, bands,
              r(tp, tp + fp), r(tp, tp + fn), r(ntp, ntp + nfp), r(ntp, ntp + nfn), ntp, nfp, nfn }' "$work/rows"
}

seeds="$*"
echo "benchmark: seeds $seeds, $posts originals each; $(cat "$work"/records-* | wc -l | tr -d ' ') records"
echo "threshold bands  all P   all R   near P  near R   near TP   FP   FN"
for t in $thresholds; do
    options="--threshold $t"
    bands=$("$dedupe" --signatures --threshold "$t" </dev/null | sed -n 's/.* bands=\([0-9]*\).*/\1/p')
    row "$t"
done
options=""
bands=$("$dedupe" --signatures </dev/null | sed -n 's/.* bands=\([0-9]*\).*/\1/p')
default=$("$dedupe" --signatures </dev/null | sed -n 's/.* threshold=\([0-9.]*\).*/\1/p')
row "default ($default)"
echo "per class at the default threshold (found/of, flagged/of):"
for seed in $seeds; do
    "$dedupe" --quiet --mark "$work/records-$seed" >"$work/marked"
    awk -f "$here/evaluate.awk" "$work/labels-$seed" "$work/marked"
done | awk '$1 == "class" || $1 == "flagged" { a[$1 " " $2] += $3; b[$1 " " $2] += $4; if (!(($1 " " $2) in o)) o[$1 " " $2] = ++n; k[n] = $1 " " $2 }
            END { for (i = 1; i <= n; i++) printf "  %s %d/%d\n", k[i], a[k[i]], b[k[i]] }'
echo "true Jaccard of the labelled pairs (min mean max):"
cat "$work"/labels-* | awk -F '\t' '$1 == "pair" { c = $4 " " $5; n[c]++; s[c] += $6; if (!(c in lo) || $6 < lo[c]) lo[c] = $6; if ($6 > hi[c]) hi[c] = $6 }
    END { for (c in n) printf "  %-18s %4d pairs  %.3f %.3f %.3f\n", c, n[c], lo[c], s[c] / n[c], hi[c] }' | sort
