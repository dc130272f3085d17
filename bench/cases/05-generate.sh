# winnow-generate: the corpus the other rows read, made again. MB is the
# size of what it writes (the uncompressed tar or NDJSON of the run above).
GEN_OUT="$DATA/generate-bench"
measure "winnow-generate --tar (plain)" "$TAR" \
    "bin/winnow-generate --quiet --seed 7 --size '$SIZE' --tar '$GEN_OUT.tar' && rm -f '$GEN_OUT.tar'"
measure "winnow-generate --tar (.tar.gz)" "$TAR" \
    "bin/winnow-generate --quiet --seed 7 --size '$SIZE' --tar '$GEN_OUT.tar.gz' && rm -f '$GEN_OUT.tar.gz'"
measure "winnow-generate --ndjson (.jsonl.gz)" "$NDJSON" \
    "bin/winnow-generate --quiet --seed 7 --size '$SIZE' --ndjson '$GEN_OUT.jsonl.gz' && rm -f '$GEN_OUT.jsonl.gz'"
