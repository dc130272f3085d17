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

# jqe ARGS...: jq -e ARGS..., quietly: true when the last value is true.
jqe() { jq -e "$@" >/dev/null; }

expect_true() { # NAME DETAIL CONDITION...
    _expect_name=$1 _expect_detail=$2
    shift 2
    if "$@"; then pass "$_expect_name"; else fail "$_expect_name" "$_expect_detail"; fi
}

# --- blocks every program's script states ----------------------------------------

# expect_standard_options PROGRAM: --help prints the usage and exits 0,
# --version prints "PROGRAM VERSION", and an unknown option is a usage
# error (status 2) that says how to get help.
expect_standard_options() {
    run "$1" --help
    expect_status "--help exits 0" 0
    expect_true "--help prints the usage" "no Usage line: $(head -c 100 "$T/out")" grep -q "^Usage: $1 " "$T/out"
    run "$1" --version
    expect_stdout "--version" "$1 0.1.0"
    run "$1" --no-such-option
    expect_status "unknown option is a usage error" 2
    expect_stderr_match "usage error says how to get help" "^Try '$1 --help'"
}

# closed_pipe READER CMD...: CMD's stdout into the shell command READER
# (`head -n 1`, or `true`: a reader gone before the first write); CMD's
# status in $STATUS, its stderr in $T/err, what READER printed in $T/out.
closed_pipe() {
    _reader=$1
    shift
    { "$@" 2>"$T/err"; echo $? >"$T/status"; } | sh -c "$_reader" >"$T/out"
    STATUS=$(cat "$T/status")
}

# expect_pipe_and_full_disk CMD...: CMD's output (more than a pipe holds)
# into `head -n 1` ends CMD quietly with status 0; onto a full disk
# (/dev/full) it is an error, status 1, reported as a write error.
expect_pipe_and_full_disk() {
    closed_pipe "head -n 1" "$@"
    expect_lines "| head -n 1 reads one record" 1
    expect_status "a closed pipe ends with status 0" 0
    expect_stderr_empty "a closed pipe is quiet"
    if [ -w /dev/full ]; then
        "$@" >/dev/full 2>"$T/err"
        STATUS=$?
        expect_status "a full disk is an error" 1
        expect_stderr_match "a full disk is reported" "stdout: write error: No space left on device"
    else
        skip "/dev/full" "not available"
    fi
}

# expect_bad_files GOOD_FILE CMD...: what every program does with the files
# it cannot read whole: CMD on an empty file exits 0 and writes nothing;
# on GOOD_FILE gzipped and cut in the middle exits 1 naming the file and
# the truncated gzip; on a missing file exits 1 naming it.
expect_bad_files() {
    _good=$1
    shift
    : >"$T/empty-input"
    run "$@" "$T/empty-input"
    expect_status "empty input exits 0" 0
    expect_lines "empty input gives no records" 0
    gzip -c "$_good" >"$T/whole.gz"
    head -c $(($(wc -c <"$T/whole.gz") / 2)) "$T/whole.gz" >"$T/trunc.gz"
    run "$@" "$T/trunc.gz"
    expect_status "truncated gzip is an error" 1
    expect_stderr_match "truncated gzip is named" "trunc\\.gz: truncated gzip input"
    run "$@" "$T/does-not-exist"
    expect_status "a missing file is an error" 1
    expect_stderr_match "a missing file is named" "does-not-exist: No such file"
}
