#!/bin/sh
# Run the built fuzz targets one after another (`make fuzz-run`).
#
#   tests/fuzz/run.sh SECONDS [NAME]...
#
# Runs FUZZ_DIR/fuzz-NAME (FUZZ_DIR defaults to build/fuzz; every built
# target when no NAME is given) for SECONDS each, on one core, from its
# seeds (tests/fuzz/corpus-NAME, tests/fuzz/regress-NAME) into
# FUZZ_DIR/corpus-NAME, which keeps what the runs find; with
# tests/fuzz/NAME.dict as its dictionary when there is one. The targets'
# stderr is closed (-close_fd_mask=2): the library's warnings about bad
# input would flood it; libFuzzer's own report and the targets' "property
# violated" lines still show. Each run's output is in FUZZ_DIR/NAME.log, a
# crashing input in FUZZ_DIR/NAME-crash-* (or -leak-, -timeout-, -oom-).
# Prints per target the executions run and libFuzzer's last status line;
# exits 1 when any target found a crash, leak, timeout or memory blow-up.
set -u
cd "$(dirname "$0")/../.." || exit 2
seconds=${1:?usage: tests/fuzz/run.sh SECONDS [NAME]...}
shift
dir=${FUZZ_DIR:-build/fuzz}

if [ $# -eq 0 ]; then
    for bin in "$dir"/fuzz-*; do
        case "$bin" in *.d|*.log) continue ;; esac
        [ -x "$bin" ] && set -- "$@" "${bin##*/fuzz-}"
    done
fi
[ $# -gt 0 ] || { echo "fuzz-run: no fuzz target in $dir (run make fuzz)" >&2; exit 2; }

failed=0
for name in "$@"; do
    bin=$dir/fuzz-$name log=$dir/$name.log
    mkdir -p "$dir/corpus-$name"
    set -- -max_total_time="$seconds" -print_final_stats=1 -close_fd_mask=2 \
        -timeout=30 -rss_limit_mb=2048 -artifact_prefix="$dir/$name-"
    [ -f "tests/fuzz/$name.dict" ] && set -- "$@" -dict="tests/fuzz/$name.dict"
    set -- "$@" "$dir/corpus-$name"
    for seeds in "tests/fuzz/corpus-$name" "tests/fuzz/regress-$name"; do
        [ -d "$seeds" ] && set -- "$@" "$seeds"
    done
    "$bin" "$@" >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "fuzz-$name: ${runs:-?} executions in ${seconds}s, exit status $status"
    grep -E '^#[0-9]+' "$log" | tail -n 1 | sed 's/^/    /'
    if [ "$status" -ne 0 ]; then
        failed=1
        echo "fuzz-$name: FAILED; the end of $log:"
        tail -n 40 "$log" | sed 's/^/    /'
    fi
done
exit "$failed"
