#!/bin/sh
# Running out of resources, for every program and every pipeline script:
#   - memory: under `ulimit -v`, a record too big to hold is an error on its
#     line ("program: FILE:LINE: ... out of memory"), status 1, never a
#     crash, after the good record before it was written. The limit is
#     found per program (the least that runs a small input, plus a margin);
#     skipped on the sanitizer build (ASan reserves terabytes of address
#     space at start) and on wrapped programs (valgrind);
#     Memory running out in the middle of a record (one that reading
#     holds, the work on it not) still writes every record before it and
#     names its line;
#   - a full disk: standard output on /dev/full, and every file a program
#     writes (--rejects, --counts, --removed, --stats, -o, --summary-file;
#     the sharded steps of dedupe; the generator's --tar, --ndjson,
#     --truth, --dir, --counts) under `ulimit -f 0` (SIGXFSZ ignored, so a
#     write fails with EFBIG as on a full disk) or as /dev/full: status 1
#     and "FILE: write error", no file left where the output is atomic; the
#     dispatcher `winnow` passes the status on; the pipeline scripts exit
#     non-zero naming the stage that failed and leave no output behind,
#     for their output and for every file option (--summary, --counts,
#     --removed, --rejects, --stats);
#   - a closed pipe (`| head -n 1`, and `| true`, a reader gone before the
#     first write): status 0 and nothing on stderr, for every program, the
#     emit-json modes, the sharded steps of dedupe, `winnow split`, and the
#     scripts that write to standard output.
. "$(dirname "$0")/lib.sh"
export WINNOW_BIN
P="$WINNOW_ROOT/pipelines"
PROGRAMS="split normalize extract-stats dedupe emit-json"

# Inputs: a generated archive and its records (several MB: more than a
# pipe holds, so that a closed pipe is seen while writing).
winnow-generate --quiet --seed 3 --size 2M --tar "$T/arch.tar.gz"
winnow-split --quiet "$T/arch.tar.gz" | winnow-extract-stats --quiet >"$T/records.jsonl"
{ cat "$T/records.jsonl"; echo '{"bad'; } >"$T/with-bad.jsonl"
cp "$T/records.jsonl" "$T/records2.jsonl"
# split's bad lines are NDJSON documents.
winnow-generate --quiet --seed 3 --size 200K --ndjson "$T/docs.jsonl"
{ cat "$T/docs.jsonl"; echo '{"bad'; } >"$T/docs-bad.jsonl"
input_of() { if [ "$1" = split ]; then echo "$T/arch.tar.gz"; else echo "$T/records.jsonl"; fi; }
bad_input_of() { if [ "$1" = split ]; then echo "$T/docs-bad.jsonl"; else echo "$T/with-bad.jsonl"; fi; }
# The sharded steps of dedupe: signatures of the records, sorted, and the
# drop list clustered from them.
winnow-dedupe --quiet --signatures "$T/records.jsonl" | LC_ALL=C sort >"$T/sig.tsv"
winnow-dedupe --quiet --cluster "$T/sig.tsv" >"$T/drop.tsv"
# Programs wrapped in scripts (valgrind, by tests/run.sh --valgrind): limits
# set with ulimit would apply to valgrind itself, which needs its own
# address space and files.
WRAPPED=
if [ "$(head -c 2 "$WINNOW_BIN/winnow-split")" = '#!' ]; then WRAPPED=1; fi

# --- memory: ulimit -v -------------------------------------------------------------
# good_then_huge PROGRAM MB: a good record, then one of MB megabytes (split:
# NDJSON documents), streamed so that nothing big touches the disk.
good_then_huge() {
    if [ "$1" = split ]; then
        printf '{"id":"good","text":"good one"}\n{"id":"huge","text":"'
    else
        printf '{"id":"good","doc":"d","kind":"paragraph","text":"good one"}\n'
        printf '{"id":"huge","doc":"d","kind":"paragraph","text":"'
    fi
    head -c "$(($2 * 1048576))" /dev/zero | tr '\0' 'a'
    printf '"}\n'
}
# least_limit PROGRAM: the least address space (KB) of 8, 16, ... 256 MB
# that runs PROGRAM on a small input; empty when none does.
least_limit() {
    for mb in 8 16 24 32 48 64 96 128 192 256; do
        if good_then_huge "$1" 0 | (ulimit -v $((mb * 1024)) && exec "winnow-$1" -q >/dev/null 2>&1); then
            echo $((mb * 1024))
            return
        fi
    done
}
# A huge line that fits passes through whole.
for p in $PROGRAMS; do
    { good_then_huge "$p" 8 | "winnow-$p" -q; echo $? >"$T/status"; } >"$T/out" 2>"$T/err"
    STATUS=$(cat "$T/status")
    expect_status "$p: a record of 8 MB exits 0" 0
    expect_true "$p: ... and comes out whole" "longest output line: $(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T/out")" \
        sh -c "test \$(wc -l <'$T/out') -eq 2 && awk '{ if (length(\$0) > m) m = length(\$0) } END { exit !(m > 8388608) }' '$T/out'"
done
asan=
if ldd "$WINNOW_BIN/winnow-split" 2>/dev/null | grep -q libasan ||
    nm "$WINNOW_BIN/winnow-split" 2>/dev/null | grep -q __asan_init; then asan=1; fi
# memory_limit_testable NAME: whether ulimit -v limits the programs
# themselves; if not, NAME is skipped with the reason.
memory_limit_testable() {
    if [ -n "$WRAPPED" ]; then
        skip "$1" "the programs are wrapped (valgrind): the limit would apply to valgrind"
        return 1
    elif [ -n "$asan" ]; then
        skip "$1" "sanitizer build: ASan reserves terabytes of address space at start"
        return 1
    fi
}
# run_limited KB PROGRAM GENERATOR: GENERATOR PROGRAM piped into
# winnow-PROGRAM -q with KB of address space; stdout and stderr in
# $T/out and $T/err, status in $STATUS.
run_limited() {
    { "$3" "$2" | (ulimit -v "$1" && exec "winnow-$2" -q) >"$T/out" 2>"$T/err"; echo $? >"$T/status"; }
    STATUS=$(cat "$T/status")
}
huge_96() { good_then_huge "$1" 96; }
if memory_limit_testable "ulimit -v"; then
    for p in $PROGRAMS; do
        base=$(least_limit "$p")
        if [ -z "$base" ]; then
            fail "$p under ulimit -v" "does not start even with 256 MB"
            continue
        fi
        # 32 MB over what a small input needs: the record (96 MB) cannot fit.
        limit=$((base + 32768))
        run_limited "$limit" "$p" huge_96
        expect_status "$p: a record too big for the memory (ulimit -v $limit) exits 1" 1
        expect_stderr_match "$p: ... with FILE:LINE: out of memory" "^winnow-$p: stdin:2: .*out of memory"
        expect_true "$p: ... after the good record before it was written" "stdout: $(head -c 100 "$T/out")" \
            sh -c "test \$(wc -l <'$T/out') -eq 1 && grep -q '\"good one\"' '$T/out'"
    done
fi

# --- memory running out in the middle of a record ----------------------------------
# good_of PROGRAM: the good lines before the heavy one (split: documents).
good_of() {
    if [ "$1" = split ]; then cat "$T/docs.jsonl"; else head -n 300 "$T/records.jsonl"; fi
}
# good_then_heavy PROGRAM: the good lines, then a record (split: a
# document) of 24 MB of words, entities and no-break spaces that reading
# holds but the work on it may not.
good_then_heavy() {
    good_of "$1"
    if [ "$1" = split ]; then
        printf '{"id":"heavy","text":"'
    else
        printf '{"id":"heavy","doc":"d","kind":"paragraph","text":"'
    fi
    yes 'Up to 40% of the cases &amp; two thirds\u00a0of 1,200 firms. ' | head -c $((24 * 1048576)) | tr -d '\n'
    printf '"}\n'
}
if memory_limit_testable "ulimit -v mid-record"; then
    for p in $PROGRAMS; do
        base=$(least_limit "$p")
        [ -n "$base" ] || continue # failed above
        good_of "$p" | "winnow-$p" -q >"$T/want"
        heavy_line=$(($(good_of "$p" | wc -l) + 1))
        # Room to read the record (its buffer doubles to 32 MB) and a
        # little more: what most programs make of it does not fit.
        limit=$((base + 48 * 1024))
        run_limited "$limit" "$p" good_then_heavy
        if [ "$STATUS" -eq 0 ]; then
            expect_true "$p: a heavy record that fits (ulimit -v $limit) comes out after the good ones" \
                "$(wc -l <"$T/out") lines" sh -c "head -n \$(wc -l <'$T/want') '$T/out' | cmp -s - '$T/want' && test \$(wc -l <'$T/out') -gt \$(wc -l <'$T/want')"
            continue
        fi
        expect_status "$p: memory running out mid-record (ulimit -v $limit) exits 1" 1
        expect_stderr_match "$p: ... says out of memory" "^winnow-$p: .*out of memory"
        expect_stderr_match "$p: ... and names the line it stopped on" "^winnow-$p: stdin:$heavy_line: "
        if [ "$p" = split ]; then # and records of the heavy document may follow
            expect_true "$p: ... after every record of the good documents before it" \
                "$(wc -l <"$T/out") lines for $(wc -l <"$T/want")" \
                sh -c "head -n \$(wc -l <'$T/want') '$T/out' | cmp -s - '$T/want'"
        else
            expect_true "$p: ... after every good record before it was written" \
                "$(wc -l <"$T/out") of $(wc -l <"$T/want") lines" cmp -s "$T/out" "$T/want"
        fi
    done
fi

# --- memory running out on a thread of extract-stats -j 2 -----------------------------
# good_then_dense: 300 records, then lines of 700 KB dense with figures:
# under the 1 MB that runs on the main thread, so the threads run them and
# one of them (or the main thread, reading) runs out of memory. Whichever
# it is, the records certainly done go out in order, and the first line
# not written is named: exactly the lines before it are on stdout.
good_then_dense() {
    head -n 300 "$T/records.jsonl"
    for i in 1 2 3 4 5 6 7 8; do
        printf '{"id":"dense%s","doc":"d","kind":"paragraph","text":"' "$i"
        yes 'Up to 40% of the cases &amp; two thirds\u00a0of 1,200 firms. ' | head -c $((700 * 1024)) | tr -d '\n'
        printf '"}\n'
    done
}
if memory_limit_testable "ulimit -v on a thread"; then
    base=
    for mb in 8 16 24 32 48 64 96 128; do
        if head -n 1 "$T/records.jsonl" | (ulimit -v $((mb * 1024)) && exec winnow-extract-stats -q -j 2 >/dev/null 2>&1); then
            base=$((mb * 1024))
            break
        fi
    done
    if [ -z "$base" ]; then
        fail "extract-stats -j 2 under ulimit -v" "does not start even with 128 MB"
    else
        good_then_dense | winnow-extract-stats -q -j 1 >"$T/want"
        limit=$((base + 40 * 1024))
        { good_then_dense | (ulimit -v "$limit" && exec winnow-extract-stats -q -j 2) >"$T/out" 2>"$T/err"; echo $? >"$T/status"; }
        STATUS=$(cat "$T/status")
        expect_status "extract-stats -j 2: memory running out on a thread (ulimit -v $limit) exits 1" 1
        expect_stderr_match "extract-stats -j 2: ... says out of memory" "^winnow-extract-stats: .*out of memory"
        expect_stderr_match "extract-stats -j 2: ... and names the first line not written" \
            "^winnow-extract-stats: stdin:[0-9]*: stopped .*every record before"
        named=$(sed -n 's/^winnow-extract-stats: stdin:\([0-9]*\): stopped .*/\1/p' "$T/err" | head -n 1)
        expect_true "extract-stats -j 2: ... after exactly the records before it, in order" \
            "named line ${named:-none}, $(wc -l <"$T/out") lines out" \
            sh -c "test -n '$named' && test \$(wc -l <'$T/out') -eq \$(($named - 1)) && head -n \$(($named - 1)) '$T/want' | cmp -s - '$T/out'"
    fi
fi

# --- a full disk -------------------------------------------------------------------
# full_disk CMD...: run CMD with no room to write files (or files of at
# most $ROOM blocks); stderr through a pipe (a file would be full too),
# status in $STATUS.
ROOM=0
full_disk() {
    { (trap '' XFSZ; ulimit -f "$ROOM" && exec "$@") 2>&1 >/dev/null; echo $? >"$T/status"; } | cat >"$T/err"
    STATUS=$(cat "$T/status")
}
if [ -w /dev/full ]; then
    for p in $PROGRAMS; do
        run sh -c "winnow-$p -q '$(input_of "$p")' >/dev/full"
        expect_status "$p >/dev/full exits 1" 1
        expect_stderr_match "$p >/dev/full says so" "^winnow-$p: stdout: write error: No space left on device"
    done
    for mode in --nest --summary --array --pretty "--format csv --fields id,kind" --figures; do
        run sh -c "winnow-emit-json -q $mode '$T/records.jsonl' >/dev/full"
        expect_status "emit-json $mode >/dev/full exits 1" 1
        expect_stderr_match "emit-json $mode >/dev/full says so" "write error"
    done
    for step in "--signatures '$T/records.jsonl'" "--cluster '$T/sig.tsv'" "--drop-listed '$T/drop.tsv' '$T/records.jsonl'"; do
        run sh -c "winnow-dedupe -q $step >/dev/full"
        expect_status "dedupe ${step%% *} >/dev/full exits 1" 1
        expect_stderr_match "dedupe ${step%% *} >/dev/full says so" "^winnow-dedupe: stdout: write error: No space left on device"
    done
    run sh -c "winnow split '$T/arch.tar.gz' >/dev/full"
    expect_status "winnow split >/dev/full exits 1" 1
    expect_stderr_match "winnow split >/dev/full says so" "^winnow-split: stdout: write error: No space left on device"
    # Each file option as /dev/full: the one file that fails is named.
    for opt in --tar --ndjson --truth; do
        run winnow-generate -q --size 100K "$opt" /dev/full
        expect_status "generate $opt /dev/full exits 1" 1
        expect_stderr_match "generate $opt /dev/full says so" "^winnow-generate: /dev/full: write error: No space left on device"
    done
    run winnow-generate -q --size 100K --truth "$T/gen-truth.jsonl" --counts /dev/full
    expect_status "generate --counts /dev/full exits 1" 1
    expect_stderr_match "generate --counts /dev/full says so" "^winnow-generate: /dev/full: write error"
    run winnow-dedupe -q --cluster --stats /dev/full "$T/sig.tsv"
    expect_status "dedupe --cluster --stats /dev/full exits 1" 1
    expect_stderr_match "dedupe --cluster --stats /dev/full says so" "^winnow-dedupe: /dev/full: write error"
    run winnow-dedupe -q --drop-listed "$T/drop.tsv" --removed /dev/full "$T/records.jsonl"
    expect_status "dedupe --drop-listed --removed /dev/full exits 1" 1
    expect_stderr_match "dedupe --drop-listed --removed /dev/full says so" "^winnow-dedupe: /dev/full: write error"
else
    skip "/dev/full" "not available"
fi
if [ -n "$WRAPPED" ]; then
    skip "ulimit -f (files on a full disk)" "the programs are wrapped (valgrind): valgrind cannot write its own files"
else
    mkdir -p "$T/disk"
    for p in $PROGRAMS; do
        full_disk "winnow-$p" -q --rejects "$T/disk/rejects.jsonl" "$(bad_input_of "$p")"
        expect_status "$p --rejects on a full disk exits 1" 1
        expect_stderr_match "$p --rejects on a full disk says so" "^winnow-$p: $T/disk/rejects.jsonl: write error"
        full_disk "winnow-$p" -q --counts "$T/disk/counts.json" "$(input_of "$p")"
        expect_status "$p --counts on a full disk exits 1" 1
        expect_stderr_match "$p --counts on a full disk says so" "^winnow-$p: $T/disk/counts.json: write error"
        expect_true "$p --counts on a full disk leaves no file" "$(ls -A "$T/disk")" \
            sh -c "! ls -A '$T/disk' | grep -q counts"
    done
    full_disk winnow-dedupe -q --removed "$T/disk/removed.jsonl" "$T/records.jsonl"
    expect_status "dedupe --removed on a full disk exits 1" 1
    expect_stderr_match "dedupe --removed on a full disk says so" "removed.jsonl: write error"
    full_disk winnow-dedupe -q --stats "$T/disk/stats.json" "$T/records.jsonl"
    expect_status "dedupe --stats on a full disk exits 1" 1
    expect_stderr_match "dedupe --stats on a full disk says so" "stats.json: write error"
    for out in corpus.jsonl corpus.jsonl.gz; do
        full_disk winnow-emit-json -q -o "$T/disk/$out" "$T/records.jsonl"
        expect_status "emit-json -o $out on a full disk exits 1" 1
        expect_stderr_match "emit-json -o $out on a full disk says so" "$out: write error"
        expect_true "emit-json -o $out on a full disk leaves nothing (atomic)" "$(ls -A "$T/disk")" \
            sh -c "! ls -A '$T/disk' | grep -q corpus"
    done
    full_disk winnow-emit-json -q --summary-file "$T/disk/summary.json" "$T/records.jsonl"
    expect_status "emit-json --summary-file on a full disk exits 1" 1
    expect_stderr_match "emit-json --summary-file on a full disk says so" "summary.json: write error"
    full_disk winnow-dedupe -q --cluster --counts "$T/disk/counts.json" "$T/sig.tsv"
    expect_status "dedupe --cluster --counts on a full disk exits 1" 1
    expect_stderr_match "dedupe --cluster --counts on a full disk says so" "counts.json: write error"
    # The generator's files: nothing under a file's name unless complete.
    for opt in --tar --ndjson --truth --dir; do
        rm -rf "$T/disk" && mkdir -p "$T/disk"
        full_disk winnow-generate -q --size 100K "$opt" "$T/disk/gen"
        expect_status "generate $opt on a full disk exits 1" 1
        expect_stderr_match "generate $opt on a full disk says so" "^winnow-generate: $T/disk/gen.*: write error"
        expect_true "generate $opt on a full disk leaves no file" "$(find "$T/disk" -type f)" \
            test -z "$(find "$T/disk" -type f)"
    done
    rm -rf "$T/disk" && mkdir -p "$T/disk"
    full_disk winnow-generate -q --size 100K --truth /dev/null --counts "$T/disk/counts.json"
    expect_status "generate --counts on a full disk exits 1" 1
    expect_stderr_match "generate --counts on a full disk says so" "^winnow-generate: $T/disk/counts.json: write error"
    expect_true "generate --counts on a full disk leaves no file" "$(ls -A "$T/disk")" test -z "$(ls -A "$T/disk")"
fi

# --- a closed pipe (closed_pipe: lib.sh) -------------------------------------------
for reader in "head -n 1" "true"; do
    for p in $PROGRAMS; do
        closed_pipe "$reader" "winnow-$p" "$(input_of "$p")"
        expect_status "$p | $reader: status 0" 0
        expect_stderr_empty "$p | $reader: nothing on stderr"
    done
    for mode in --nest --summary --array --pretty "--format csv --fields id,kind" --figures; do
        # shellcheck disable=SC2086
        closed_pipe "$reader" winnow-emit-json $mode "$T/records.jsonl"
        expect_status "emit-json $mode | $reader: status 0" 0
        expect_stderr_empty "emit-json $mode | $reader: nothing on stderr"
    done
    closed_pipe "$reader" winnow-dedupe --mark "$T/records.jsonl"
    expect_status "dedupe --mark | $reader: status 0" 0
    expect_stderr_empty "dedupe --mark | $reader: nothing on stderr"
    for step in "--signatures $T/records.jsonl" "--cluster $T/sig.tsv" "--drop-listed $T/drop.tsv $T/records.jsonl"; do
        # shellcheck disable=SC2086
        closed_pipe "$reader" winnow-dedupe -q $step
        expect_status "dedupe ${step%% *} | $reader: status 0" 0
        expect_stderr_empty "dedupe ${step%% *} | $reader: nothing on stderr"
    done
    closed_pipe "$reader" winnow split "$T/arch.tar.gz"
    expect_status "winnow split | $reader: status 0" 0
    expect_stderr_empty "winnow split | $reader: nothing on stderr"
done

# --- the pipeline scripts ----------------------------------------------------------
if ! command -v bash >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
    skip "pipeline scripts" "bash and jq are needed"
    exit 0
fi
for s in corpus figures threads; do
    run sh -c "bash '$P/$s.sh' '$T/arch.tar.gz' >/dev/full"
    expect_status "$s.sh >/dev/full exits 1" 1
    expect_stderr_match "$s.sh >/dev/full names the stage" "^$s.sh: stage '[a-z-]+' failed"
    for reader in "head -n 1" "true"; do
        closed_pipe "$reader" bash "$P/$s.sh" --quiet "$T/arch.tar.gz"
        expect_status "$s.sh | $reader: status 0" 0
        expect_stderr_empty "$s.sh | $reader: nothing on stderr"
    done
    [ -z "$WRAPPED" ] || continue
    rm -rf "$T/disk" && mkdir -p "$T/disk"
    full_disk bash "$P/$s.sh" -o "$T/disk/out.jsonl" "$T/arch.tar.gz"
    expect_status "$s.sh -o FILE on a full disk exits 1" 1
    expect_stderr_match "$s.sh -o FILE on a full disk names the stage" "^$s.sh: stage '[a-z-]+' failed"
    expect_true "$s.sh -o FILE on a full disk leaves nothing" "$(ls -A "$T/disk")" test -z "$(ls -A "$T/disk")"
done
rm -rf "$T/sample"
run sh -c "bash '$P/run-sample.sh' '$T/arch.tar.gz' '$T/sample' >/dev/full"
expect_status "run-sample.sh >/dev/full exits 1" 1
expect_stderr_match "run-sample.sh >/dev/full says so" "^run-sample.sh: .*fail"
for reader in "head -n 1" "true"; do
    rm -rf "$T/sample"
    closed_pipe "$reader" bash "$P/run-sample.sh" "$T/arch.tar.gz" "$T/sample"
    expect_status "run-sample.sh | $reader: status 0" 0
    expect_stderr_empty "run-sample.sh | $reader: nothing on stderr"
done
if [ -n "$WRAPPED" ]; then
    skip "scripts on a full disk (ulimit -f)" "the programs are wrapped (valgrind)"
elif command -v parallel >/dev/null 2>&1; then
    # sharded.sh and dedupe-sharded.sh write files only (-o is required).
    # With no room at all they fail before their first stage; with a little
    # (small files fit, shards do not) a stage fails and is named.
    for ROOM in 0 64; do
        rm -rf "$T/disk" && mkdir -p "$T/disk"
        full_disk bash "$P/sharded.sh" -q -o "$T/disk/corpus.jsonl" "$T/arch.tar.gz"
        expect_status "sharded.sh on a full disk ($ROOM blocks) exits 1" 1
        if [ "$ROOM" -gt 0 ]; then
            expect_stderr_match "sharded.sh on a full disk names the stage" "^sharded.sh: stage '.*' failed"
        fi
        expect_true "sharded.sh on a full disk ($ROOM blocks) leaves nothing" "$(ls -A "$T/disk")" test -z "$(ls -A "$T/disk")"
        full_disk bash "$P/dedupe-sharded.sh" -q -o "$T/disk/shards" "$T/records.jsonl" "$T/records2.jsonl"
        expect_status "dedupe-sharded.sh on a full disk ($ROOM blocks) exits 1" 1
        if [ "$ROOM" -gt 0 ]; then
            expect_stderr_match "dedupe-sharded.sh on a full disk names the stage" "^dedupe-sharded.sh: stage '.*' failed"
        fi
        expect_true "dedupe-sharded.sh on a full disk ($ROOM blocks) leaves no shard" "$(ls -A "$T/disk/shards" 2>/dev/null)" \
            test -z "$(ls -A "$T/disk/shards" 2>/dev/null)"
    done
    ROOM=0
else
    skip "sharded.sh, dedupe-sharded.sh on a full disk" "GNU parallel is not installed"
fi

# --- the scripts' file options -----------------------------------------------------
# Each file a script writes besides its output fails on its own: a file as
# /dev/full, a folder's file as a link to /dev/full, --counts DIR under
# `ulimit -f 0` with the output on standard output. Each run exits 1,
# names the stage that failed and leaves no -o FILE behind.
winnow-generate --quiet --seed 3 --size 100K --tar "$T/small.tar.gz"
winnow-generate --quiet --seed 4 --size 60K --ndjson "$T/small-docs.jsonl"
{ head -n 3 "$T/small-docs.jsonl"; echo 'not json'; tail -n +4 "$T/small-docs.jsonl"; } >"$T/small-bad.jsonl"
# expect_script_failed LABEL SCRIPT: the last run of SCRIPT exited 1
# naming a stage, with no $T/opt/out.jsonl left.
expect_script_failed() {
    expect_status "$1 exits 1" 1
    expect_stderr_match "$1 names the stage" "^$2: stage '[a-z ()|-]+' failed"
    expect_true "$1 leaves no output" "$(ls -A "$T/opt")" test ! -e "$T/opt/out.jsonl"
}
fresh_opt() { rm -rf "$T/opt" && mkdir -p "$T/opt"; }
fresh_opt
run bash "$P/corpus.sh" -q -o "$T/opt/out.jsonl" --summary /dev/full "$T/small.tar.gz"
expect_script_failed "corpus.sh --summary /dev/full" corpus.sh
for s in corpus threads; do
    fresh_opt
    run bash "$P/$s.sh" -q -o "$T/opt/out.jsonl" --removed /dev/full "$T/small.tar.gz"
    expect_script_failed "$s.sh --removed /dev/full" "$s.sh"
done
for s in corpus figures threads; do
    fresh_opt
    mkdir "$T/opt/rejects" && ln -s /dev/full "$T/opt/rejects/split.jsonl"
    run bash "$P/$s.sh" -q -o "$T/opt/out.jsonl" --rejects "$T/opt/rejects" "$T/small-bad.jsonl"
    expect_script_failed "$s.sh --rejects DIR with its split.jsonl full" "$s.sh"
    expect_stderr_match "$s.sh --rejects DIR with its split.jsonl full: split says why" \
        "^winnow-split: $T/opt/rejects/split.jsonl: write error"
    [ -z "$WRAPPED" ] || continue
    fresh_opt
    full_disk bash "$P/$s.sh" -q --counts "$T/opt/counts" "$T/small.tar.gz"
    expect_status "$s.sh --counts DIR on a full disk exits 1" 1
    expect_stderr_match "$s.sh --counts DIR on a full disk names the stage" "^$s.sh: stage '[a-z-]+' failed"
    expect_stderr_match "$s.sh --counts DIR on a full disk: the stage says why" "counts/[a-z-]+\\.json: write error"
done
if command -v parallel >/dev/null 2>&1; then
    fresh_opt
    run bash "$P/sharded.sh" -q -o "$T/opt/out.jsonl" --summary /dev/full "$T/small.tar.gz"
    expect_status "sharded.sh --summary /dev/full exits 1" 1
    expect_stderr_match "sharded.sh --summary /dev/full names the stage" "^sharded.sh: stage 'emit-json' failed"
    fresh_opt
    run bash "$P/dedupe-sharded.sh" -q -o "$T/opt/shards" --stats /dev/full "$T/records.jsonl" "$T/records2.jsonl"
    expect_status "dedupe-sharded.sh --stats /dev/full exits 1" 1
    expect_stderr_match "dedupe-sharded.sh --stats /dev/full names the stage" "^dedupe-sharded.sh: stage 'cluster' failed"
    expect_true "dedupe-sharded.sh --stats /dev/full leaves no shard" "$(ls -A "$T/opt/shards" 2>/dev/null)" \
        test -z "$(ls -A "$T/opt/shards" 2>/dev/null)"
else
    skip "sharded.sh, dedupe-sharded.sh file options" "GNU parallel is not installed"
fi
