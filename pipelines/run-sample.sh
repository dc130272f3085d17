#!/usr/bin/env bash
# run-sample.sh — what `make run` does: the corpus pipeline on an archive,
# the corpus in OUTDIR/corpus.jsonl.gz, its report in OUTDIR/summary.json,
# and a short human summary on stdout.
#
# Usage: pipelines/run-sample.sh ARCHIVE [OUTDIR]   (OUTDIR default: out)
set -euo pipefail

case "${1:-}" in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    '') echo "run-sample.sh: no archive given" >&2
        echo "Try 'run-sample.sh --help' for more information." >&2; exit 2 ;;
esac
archive=$1 outdir=${2:-out}
here=$(cd "$(dirname "$0")" && pwd)
command -v jq >/dev/null || { echo "run-sample.sh: jq is needed for the summary (apt-get install jq)" >&2; exit 1; }

mkdir -p "$outdir"
"$here/corpus.sh" --quiet -o "$outdir/corpus.jsonl.gz" --summary "$outdir/summary.json" \
    --counts "$outdir/counts" "$archive"

# The summary on stdout: a reader that closed the pipe (| head) has all it
# wanted (jq then dies of SIGPIPE, status 141); any other failure to write
# it (a full disk) is an error.
set +e
jq -r --arg archive "$archive" --arg out "$outdir" '
  def acct(p): [.accounting.programs[] | select(.program == p)][0] // {};
  (acct("winnow-split")) as $split | (acct("winnow-dedupe")) as $dedupe |
  "winnow: \($archive) -> \($out)/corpus.jsonl.gz (report: \($out)/summary.json)",
  "  documents: \($split.in // .documents), records split: \($split.out // .records)",
  "  records kept: \(.records)  " + ([.by_kind | to_entries[] | select(.value > 0) | "\(.key) \(.value)"] | join(", ")),
  "  duplicates removed: \(($dedupe.exact // 0) + ($dedupe.near // 0)) (exact \($dedupe.exact // 0), near \($dedupe.near // 0))",
  "  most cited figures:",
  (.figures.most_cited[:5][] | "    \(.count)x  \(.text)  (\(.kind)\(if .unit then ", " + .unit else "" end))")
' "$outdir/summary.json"
status=$?
set -e
case $status in
    0 | 141) ;;
    *) echo "run-sample.sh: the summary failed (jq exit status $status)" >&2; exit 1 ;;
esac
