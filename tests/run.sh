#!/bin/sh
# Run every test of winnow and end with one line: "N passed, N failed".
#
#   tests/run.sh               unit tests and command-line tests, first with
#                              the plain build (bin/, build/tests/), then with
#                              the ASan+UBSan build (build/san/)
#   tests/run.sh --units-only  the plain unit tests alone
#   tests/run.sh --valgrind    the command-line tests with every program run
#                              under valgrind (a leak or an invalid access
#                              fails the test that ran it)
#
# Every test prints "ok - NAME", "not ok - NAME: detail" or "skip - NAME: why";
# this script counts those lines and prints the failures in full.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
LOG=$(mktemp) OUT=$(mktemp) ERR=$(mktemp)
trap 'rm -f "$LOG" "$LOG".* "$OUT" "$OUT".* "$ERR" "$ERR".*' EXIT

# run_one LABEL NAME CMD...: the command's result lines go to the log; a
# status other than 0 or 1 (a crash, a sanitizer report) is one more failure,
# shown with the end of its stderr.
run_one() {
    label=$1 name=$2
    shift 2
    "$@" >"$OUT" 2>"$ERR"
    status=$?
    sed "s/^\(not ok\|ok\|skip\) - /\1 - [$label] $name: /" "$OUT" | grep -a -e '^ok - ' -e '^not ok - ' -e '^skip - ' >>"$LOG"
    if [ "$status" -gt 1 ]; then
        echo "not ok - [$label] $name: exited with status $status: $(tail -n 5 "$ERR" | tr '\n' '|')" >>"$LOG"
    fi
}

run_units() { # BUILD_DIR LABEL
    for t in "$1"/tests/test-*; do
        case "$t" in *.o|*.d) continue ;; esac
        [ -x "$t" ] || continue
        run_one "$2" "$(basename "$t")" "$t"
    done
}

run_cli() { # BIN_DIR LABEL
    for t in tests/cli/test-*.sh; do
        [ -f "$t" ] || continue
        WINNOW_BIN="$ROOT/$1" WINNOW_ROOT="$ROOT" run_one "$2" "$(basename "$t" .sh)" sh "$t"
    done
}

# cppcheck over all the C sources: its warnings fail the run.
run_lint() {
    if ! command -v cppcheck >/dev/null 2>&1; then
        echo "skip - [lint] cppcheck: not installed" >>"$LOG"
        return
    fi
    if cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability \
        --std=c11 -Ilib --suppress=missingIncludeSystem lib/*.c tools/*.c tests/unit/*.c >"$OUT" 2>&1; then
        echo "ok - [lint] cppcheck reports nothing" >>"$LOG"
    else
        echo "not ok - [lint] cppcheck: $(head -n 5 "$OUT" | tr '\n' '|')" >>"$LOG"
    fi
}

# Wrap every program of bin/ in a script that runs it under valgrind; a
# report makes the program exit 97, which the CLI tests see as a failure.
make_valgrind_bin() {
    vbin=build/valgrind/bin
    rm -rf "$vbin" && mkdir -p "$vbin"
    for p in bin/winnow*; do
        cat >"$vbin/$(basename "$p")" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=97 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect "$ROOT/$p" "\$@"
WRAP
        chmod +x "$vbin/$(basename "$p")"
    done
}

# suite NAME FUNCTION ARGS...: FUNCTION run in the background with its own
# scratch files and log, appended to the main log in the order the suites
# were started once wait_suites has waited for them: the plain and the
# sanitizer runs share the two cores instead of taking turns. A suite that
# stops before its end (set -u, a signal) is one more failure, not a
# shorter count.
SUITES=
suite() {
    name=$1
    shift
    (
        LOG="$LOG.$name" OUT="$OUT.$name" ERR="$ERR.$name"
        : >"$LOG"
        "$@"
        rm -f "$OUT" "$ERR"
    ) &
    SUITES="$SUITES $name:$!"
}
wait_suites() {
    for entry in $SUITES; do
        name=${entry%:*}
        wait "${entry#*:}"
        status=$?
        if [ "$status" -ne 0 ]; then
            echo "not ok - [$name] suite: stopped before its end (status $status)" >>"$LOG.$name"
        fi
        cat "$LOG.$name" >>"$LOG"
        rm -f "$LOG.$name"
    done
}
plain_suite() { run_lint; run_units build plain; run_cli bin plain; }
# Leak checking is part of the sanitizer run; a closed pipe is not an error.
sanitize_suite() {
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98
    run_units build/san sanitize
    run_cli build/san/bin sanitize
}

if [ "${1:-}" = "--valgrind" ]; then
    make_valgrind_bin
    run_cli build/valgrind/bin valgrind
elif [ "${1:-}" = "--units-only" ]; then
    run_units build plain
else
    suite plain plain_suite
    if [ -d build/san/bin ]; then suite sanitize sanitize_suite; fi
    wait_suites
fi

grep -a '^not ok' "$LOG"
grep -a '^skip' "$LOG" | sort | uniq | head -n 40
passed=$(grep -ac '^ok - ' "$LOG")
failed=$(grep -ac '^not ok - ' "$LOG")
skipped=$(grep -ac '^skip - ' "$LOG")
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
