# common.sh — what the pipeline scripts share; sourced, never run.
#
# The sourcing script sets `script` (its name, for messages) and `here`
# (its folder) first. This file owns: finding the programs, the usage
# error, checking archives, the work folder, GNU parallel, staged output (written beside
# its target, renamed only when every stage succeeded), the options every
# stage takes, naming the stage that failed, and the per-stage summary.

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

die_usage() {
    echo "$script: $1" >&2
    echo "Try '$script --help' for more information." >&2
    exit 2
}

# The programs of this source tree (or $WINNOW_BIN) before those on PATH.
if [ -n "${WINNOW_BIN:-}" ]; then PATH="$WINNOW_BIN:$PATH"
elif [ -x "$here/../bin/winnow-split" ]; then PATH="$here/../bin:$PATH"; fi
export PATH LC_ALL=C

# common_option ARG...: take the options every script shares from the
# front of ARG... (-h, -o FILE, --counts DIR, --rejects DIR, -q), setting
# out, counts_dir, rejects_dir and quiet; $taken says how many words the
# option used (0: not one of them).
common_option() {
    taken=2
    case "$1" in
        -h|--help) usage; exit 0 ;;
        -o) [ $# -ge 2 ] || die_usage "-o needs a file"; out=$2 ;;
        --counts) [ $# -ge 2 ] || die_usage "--counts needs a folder"; counts_dir=$2 ;;
        --rejects) [ $# -ge 2 ] || die_usage "--rejects needs a folder"; rejects_dir=$2 ;;
        -q|--quiet) quiet=1; taken=1 ;;
        *) taken=0 ;;
    esac
}

# check_archives ARCHIVE...: each must be readable ('-' is stdin).
check_archives() {
    [ $# -gt 0 ] || die_usage "no archive given"
    local archive
    for archive in "$@"; do
        [ "$archive" = - ] || [ -r "$archive" ] ||
            { echo "$script: $archive: cannot read" >&2; exit 1; }
    done
}

# abs PATH: PATH made absolute (for commands that run elsewhere).
abs() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }

# use_work_dir [DIR]: set $work to DIR (created, kept), or to a temporary
# folder removed at exit.
work= work_temp=
staging=() commits=()
trap 'rm -rf "$work_temp" "${staging[@]}"' EXIT
use_work_dir() {
    if [ -n "${1:-}" ]; then
        mkdir -p "$1"
        work=$(abs "$1")
    else
        work_temp=$(mktemp -d "${TMPDIR:-/tmp}/${script%.sh}.XXXXXX")
        work=$work_temp
    fi
}

# need_parallel: GNU parallel must be installed.
need_parallel() {
    command -v parallel >/dev/null ||
        { echo "$script: GNU parallel is not installed (apt-get install parallel)" >&2; exit 1; }
    export PARALLEL_SHELL=bash
}

# stage_failed STAGE: a stage run on its own failed.
stage_failed() { echo "$script: stage '$1' failed" >&2; exit 1; }

# What common_option sets; a script adds its own options.
out=- counts_dir= rejects_dir= quiet=

# stage_file PATH: set $staged to where the last stage is to write PATH: a
# file in a hidden folder beside PATH, renamed to PATH (commit_files) only
# when every stage has succeeded. emit-json's -o is atomic, but it cannot
# know that a stage before it failed: it sees a short, well-formed input.
# Standard output and paths that are not regular files are written as is.
stage_file() {
    staged=$1
    [ "$1" != - ] || return 0
    [ ! -e "$1" ] || [ -f "$1" ] || return 0
    local dest dir
    dest=$(readlink -f -- "$1" 2>/dev/null) || dest=$1
    dir=$(dirname -- "$dest")
    [ -d "$dir" ] || { echo "$script: $1: no such folder" >&2; exit 1; }
    staging+=("$(mktemp -d "$dir/.${script%.sh}.XXXXXX")")
    staged=${staging[-1]}/$(basename -- "$dest")
    commits+=("$staged" "$dest")
}

commit_files() {
    local i
    for ((i = 0; i < ${#commits[@]}; i += 2)); do
        mv -f -- "${commits[i]}" "${commits[i + 1]}"
    done
}

# prepare_stages COUNTS_DIR REJECTS_DIR: where each stage's accounting and
# bad lines go (COUNTS_DIR empty: the work folder).
prepare_stages() {
    [ -n "$work" ] || use_work_dir
    counts_dir=${1:-$work/counts}
    rejects_dir=$2
    mkdir -p "$counts_dir"
    [ -z "$rejects_dir" ] || mkdir -p "$rejects_dir"
    rm -f "$counts_dir"/*.json
}

# stage_opts STAGE: set $opts to the options every stage takes.
stage_opts() {
    opts=(--quiet --counts "$counts_dir/$1.json")
    [ -z "$rejects_dir" ] || opts+=(--rejects "$rejects_dir/$1.jsonl")
}

# stats_jobs: the threads winnow-extract-stats gets in a five-stage
# pipeline: the cores the other four stages leave, at least one. (On 2
# cores, threads in one stage only add work: the stages keep both busy.)
stats_jobs() {
    local cores
    cores=$(nproc 2>/dev/null || echo 1)
    if [ "$cores" -gt 5 ]; then echo $((cores - 4)); else echo 1; fi
}

# check_stages STAGE...: with $status holding the pipeline's PIPESTATUS,
# name the first stage that failed and exit 1. A stage that failed makes
# the stages after it see a short input or a closed pipe.
check_stages() {
    local i=0 stage
    for stage in "$@"; do
        if [ "${status[$i]}" -ne 0 ]; then
            echo "$script: stage '$stage' failed (exit status ${status[$i]})" >&2
            exit 1
        fi
        i=$((i + 1))
    done
}

# finish_stages STAGE...: with $status holding the pipeline's PIPESTATUS:
# stop at a failed stage, else put the staged files in place and, unless
# $quiet, report each stage and where $out went.
finish_stages() {
    check_stages "$@"
    commit_files
    [ -n "$quiet" ] || report_stages "$out" "$@"
}

# report_stages OUT STAGE...: one line per stage on stderr, its accounting
# as "name value" pairs, then where the output went.
report_stages() {
    local out=$1 stage line
    shift
    for stage in "$@"; do
        [ -f "$counts_dir/$stage.json" ] || continue
        line=$(sed -e 's/^{//' -e 's/}$//' -e 's/"program":"[^"]*",\{0,1\}//' \
            -e 's/"//g' -e 's/:/ /g' -e 's/,/, /g' "$counts_dir/$stage.json")
        echo "$script: $stage: $line" >&2
    done
    [ "$out" = - ] || echo "$script: wrote $out" >&2
}
