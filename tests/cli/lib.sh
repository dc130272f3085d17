# lib.sh — helpers for command-line tests (sourced by tests/cli/test-*.sh).
#
# A test runs a command with `run`, then states what it expects; each
# expectation prints "ok - NAME" or "not ok - NAME: detail". The programs
# come from $WINNOW_BIN (the plain or the sanitizer build); fixtures from
# $FIXTURES; the real crawl files from $SHARED when it exists.
set -u
: "${WINNOW_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${WINNOW_BIN:=$WINNOW_ROOT/bin}"
PATH="$WINNOW_BIN:$PATH"
FIXTURES="$WINNOW_ROOT/tests/fixtures"
EXPECTED="$WINNOW_ROOT/tests/expected"
SHARED="$WINNOW_ROOT/../shared"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C

# run CMD... : stdout to $T/out, stderr to $T/err, exit status to $STATUS.
run() {
    "$@" >"$T/out" 2>"$T/err"
    STATUS=$?
}

# run_sh 'SHELL CODE' : the same for a pipeline.
run_sh() {
    sh -c "$1" >"$T/out" 2>"$T/err"
    STATUS=$?
}

pass() { echo "ok - $1"; }
fail() { echo "not ok - $1: $2"; }
skip() { echo "skip - $1: $2"; }

expect_status() { # NAME WANT
    if [ "$STATUS" -eq "$2" ]; then pass "$1"; else
        fail "$1" "exit status $STATUS, want $2; stderr: $(head -c 300 "$T/err")"; fi
}

expect_stdout_file() { # NAME FILE
    if cmp -s "$T/out" "$2"; then pass "$1"; else
        fail "$1" "stdout differs from $2: $(diff "$2" "$T/out" | head -n 6 | tr '\n' '|')"; fi
}

expect_stdout() { # NAME TEXT
    printf '%s\n' "$2" >"$T/want"
    expect_stdout_file "$1" "$T/want"
}

expect_stderr_match() { # NAME REGEX
    if grep -Eq -- "$2" "$T/err"; then pass "$1"; else
        fail "$1" "stderr lacks /$2/: $(head -c 300 "$T/err")"; fi
}

expect_stderr_empty() { # NAME
    if [ ! -s "$T/err" ]; then pass "$1"; else
        fail "$1" "stderr not empty: $(head -c 300 "$T/err")"; fi
}

expect_lines() { # NAME N : stdout has N lines
    _expect_lines=$(wc -l <"$T/out" | tr -d ' ')
    if [ "$_expect_lines" -eq "$2" ]; then pass "$1"; else fail "$1" "$_expect_lines lines, want $2"; fi
}

expect_true() { # NAME DETAIL CONDITION...
    _expect_name=$1 _expect_detail=$2
    shift 2
    if "$@"; then pass "$_expect_name"; else fail "$_expect_name" "$_expect_detail"; fi
}
