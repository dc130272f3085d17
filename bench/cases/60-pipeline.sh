# The whole job: pipelines/corpus.sh (split | normalize | dedupe |
# extract-stats | emit-json -o FILE.gz), gzipped archive in, gzipped corpus out,
# five processes on every core there is. MB is the uncompressed archive.
measure "pipelines/corpus.sh (tar.gz in, jsonl.gz out)" "$TAR" \
    "bash pipelines/corpus.sh -q -o '$DATA/corpus-out.jsonl.gz' '$TAR.gz' && rm -f '$DATA/corpus-out.jsonl.gz'"
