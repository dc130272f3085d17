#!/bin/sh
# Command-line tests of the winnow dispatcher: `winnow CMD` runs winnow-CMD.
. "$(dirname "$0")/lib.sh"

expect_standard_options winnow
run winnow --help
expect_true "--help lists the commands" "$(head -c 200 "$T/out")" grep -q '^  split ' "$T/out"
run winnow
expect_status "no command is a usage error" 2
expect_stderr_match "no command says so" "no command given"
run winnow frobnicate
expect_status "an unknown command is a usage error" 2
expect_stderr_match "an unknown command is named" "unknown command 'frobnicate'"
run winnow ../split
expect_status "a command with a slash is refused" 2
run winnow --frob
expect_status "an option instead of a command is refused" 2

printf 'Thursday, 14 December 2017\n\nA Title\n\nSome text.\n' >"$T/page.txt"
run winnow split "$T/page.txt"
expect_status "winnow split runs winnow-split" 0
winnow-split "$T/page.txt" >"$T/direct"
expect_stdout_file "winnow split gives what winnow-split gives" "$T/direct"
run winnow split --by sentences "$T/page.txt"
expect_status "the command's own usage errors pass through" 2
run winnow split --version
expect_stdout "arguments reach the command" "winnow-split 0.1.0"

# A failed write of the help is an error; a closed pipe reaches the command.
if [ -w /dev/full ]; then
    run sh -c "winnow --help >/dev/full"
    expect_status "--help to a full disk exits 1" 1
    expect_stderr_match "--help to a full disk is reported" "write error"
    run sh -c "winnow-split --version >/dev/full"
    expect_status "a program's --version to a full disk exits 1" 1
    expect_stderr_match "a program's --version to a full disk is reported" "winnow-split: write error"
fi
run sh -c "winnow split '$T/page.txt' | head -c 1"
expect_stderr_empty "a closed pipe behind winnow split is quiet"
