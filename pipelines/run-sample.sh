#!/usr/bin/env bash
# run-sample.sh — what `make run` does: the corpus pipeline on the sample
# archive, then a short human summary.
#
# Usage: pipelines/run-sample.sh ARCHIVE
set -euo pipefail
archive=${1:?usage: run-sample.sh ARCHIVE}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p out
"$here/corpus.sh" -o out/corpus.jsonl.gz --counts out/counts "$archive"

echo "winnow: $archive -> out/corpus.jsonl.gz"
sed -e 's/[{}"]//g' -e 's/,/, /g' -e 's/^/  split: /' out/counts/split.json
echo "  records by kind:"
gzip -dc out/corpus.jsonl.gz | grep -o '"kind":"[a-z]*"' | cut -d'"' -f4 |
    sort | uniq -c | sort -rn | sed 's/^/  /'
