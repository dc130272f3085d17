#!/bin/sh
# JSONTestSuite (../shared/fixtures/json-test-suite/test_parsing) through
# every program that reads records: normalize, extract-stats, dedupe,
# emit-json, and split reading NDJSON documents. Each text is given as one
# line between two good records.
#
#   n_ texts (must be rejected): every line of each is rejected with
#     "program: FILE:LINE: reason" and status 1 after the good record before
#     it, or goes to --rejects with its line number while the run goes on.
#     Two n_ texts are empty or a space: as lines they are blank lines,
#     skipped and counted, as SPEC says.
#   y_ texts (must be accepted), newlines (always whitespace between tokens
#     in a y_ text) turned into spaces:
#     - a record must be an object: a y_ text that is an array, a string, a
#       number or a literal is rejected like bad input;
#     - three y_ objects are rejected on purpose: duplicate keys and a
#       \u0000 in a key (winnow's records are what Jansson accepts with
#       JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL; see lib/jsonscan.h);
#     - every other y_ object passes through normalize and extract-stats
#       with the same meaning (jq -S); dedupe, emit-json and split reject
#       it for its missing members (id, text...), not as JSON; and with
#       id, doc, kind and text inserted it passes through all five (split
#       carries it in meta).
#   i_ texts (either way): each as a line and as the value of a record
#     member; every program accepts exactly the lines Jansson accepts as an
#     object (the reference verdicts come from libjansson through python3's
#     ctypes; skipped without them), with the same meaning. One deliberate
#     difference: a byte-order mark at the start of the input is skipped
#     (SPEC), so i_structure_UTF-8_BOM_empty_object is {} as a first line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/jsonmeaning.sh"

SUITE="$SHARED/fixtures/json-test-suite/test_parsing"
if [ ! -d "$SUITE" ]; then
    skip "json-conformance" "$SUITE not present"
    exit 0
fi
if ! command -v jq >/dev/null 2>&1; then
    skip "json-conformance" "jq is needed"
    exit 0
fi

GOOD1='{"id":"good-1","doc":"conformance","kind":"paragraph","text":"first good record"}'
GOOD2='{"id":"good-2","doc":"conformance","kind":"paragraph","text":"last good record"}'
JANSSON_REJECTS="y_object_duplicated_key.json y_object_duplicated_key_and_value.json y_object_escaped_null_in_key.json"
TAB=$(printf '\t') CR=$(printf '\r')

# needs_members PROGRAM: true when PROGRAM wants id (and more) in a record.
needs_members() { case $1 in split|dedupe|emit-json) true ;; *) false ;; esac; }

# append_text FILE OUT: FILE's text, without its final newline, as lines of OUT.
append_text() {
    if [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ]; then
        head -c -1 "$1" >>"$2"
    else
        cat "$1" >>"$2"
    fi
    echo >>"$2"
}
lines_of() { wc -l <"$1" | tr -d ' '; }
# blank_lines FILE: numbers of the lines holding only spaces, tabs and CRs.
blank_lines() { grep -n -a -v -e "[^ $TAB$CR]" "$1" | cut -d : -f 1; }
# rejected_lines REJECTS: the line numbers in a rejects file.
rejected_lines() { if [ -f "$1" ]; then jq -r .line "$1"; fi; }
# seq_lines FROM TO
seq_lines() { awk -v a="$1" -v b="$2" 'BEGIN { for (i = a; i <= b; i++) print i }'; }

# run_batch PROGRAM FILE: PROGRAM --rejects over FILE; rejects in
# $T/rejects.jsonl, counts in $T/counts.json.
run_batch() {
    _p=$1 _file=$2
    rm -f "$T/rejects.jsonl" "$T/counts.json"
    # shellcheck disable=SC2046
    run "winnow-$_p" -q $(args "$_p") --rejects "$T/rejects.jsonl" --counts "$T/counts.json" "$_file"
}
# expect_rejected NAME WANT_LINES_FILE: the rejects file names exactly them.
expect_rejected() {
    rejected_lines "$T/rejects.jsonl" >"$T/got-rejected"
    if cmp -s "$T/got-rejected" "$2"; then pass "$1"; else
        fail "$1" "rejected lines differ: $(diff "$2" "$T/got-rejected" | grep '^[<>]' | head -n 6 | tr '\n' ' ')"; fi
}
# expect_counted NAME PROGRAM LINES BLANK: every non-blank line counted once.
expect_counted() {
    if [ "$2" = split ]; then _in='.in + .rejected'; else _in='.in'; fi
    expect_true "$1" "$(cat "$T/counts.json" 2>&1)" \
        sh -c "jq -e '$_in == $3 - $4 and .blank == $4 and ($_in == .out + .rejected + (.dropped // 0) or \"$2\" == \"split\")' '$T/counts.json' >/dev/null"
}

# =====================================================================================
# n_ texts
mkdir -p "$T/n"
echo "$GOOD1" >"$T/n.jsonl"
: >"$T/n-names"
for f in "$SUITE"/n_*.json; do
    name=$(basename "$f" .json)
    first=$(($(lines_of "$T/n.jsonl") + 1))
    append_text "$f" "$T/n.jsonl"
    echo "$first $(lines_of "$T/n.jsonl") $name" >>"$T/n-names"
done
echo "$GOOD2" >>"$T/n.jsonl"
NLINES=$(lines_of "$T/n.jsonl")
blank_lines "$T/n.jsonl" >"$T/n-blank"
NBLANK=$(lines_of "$T/n-blank")
seq_lines 2 $((NLINES - 1)) | grep -v -x -F -f "$T/n-blank" >"$T/n-bad"
NTEXTS=$(lines_of "$T/n-names")
BLANK_SET=$(tr '\n' ' ' <"$T/n-blank")
printf '%s\n%s\n' "$GOOD1" "$GOOD2" >"$T/goods.jsonl"

for p in $PROGRAMS; do
    run_batch "$p" "$T/n.jsonl"
    expect_status "n_ $p --rejects: the run goes on" 0
    cp "$T/out" "$T/goods.out"
    expect_meaning "n_ $p --rejects: the good records pass" \
        "$T/goods.jsonl" "$(want_filter "$p")" "$T/goods.out" "$(got_filter "$p")"
    expect_rejected "n_ $p --rejects: every line of the $NTEXTS n_ texts is rejected with its line number" "$T/n-bad"
    expect_counted "n_ $p --rejects: every line counted (the $NBLANK blank ones as blank)" "$p" "$NLINES" "$NBLANK"

    # Each n_ text alone: stop at its first line, after the good record.
    GOOD1_OUT=$(head -n 1 "$T/goods.out")
    failures=0 first_failure= tried=0 i=0
    while read -r from to name; do
        case " $BLANK_SET " in *" $from "*) continue ;; esac
        i=$((i + 1))
        [ $((i % STRIDE)) -eq 0 ] || continue
        file="$T/n/$name.jsonl"
        if [ ! -f "$file" ]; then
            { echo "$GOOD1"; sed -n "${from},${to}p" "$T/n.jsonl"; echo "$GOOD2"; } >"$file"
        fi
        tried=$((tried + 1))
        # shellcheck disable=SC2046
        run "winnow-$p" -q $(args "$p") "$file"
        # (shell builtins only: this loop runs a thousand times)
        out1= out2= err1= why=
        { IFS= read -r out1 && IFS= read -r out2; } <"$T/out"
        IFS= read -r err1 <"$T/err"
        if [ "$STATUS" -ne 1 ]; then why="exit status $STATUS"
        elif [ "$out1" != "$GOOD1_OUT" ] || [ -n "$out2" ]; then why="stdout is not the good record before it"
        else
            case $err1 in
                "winnow-$p: $file:2: "?*) ;;
                *) why="stderr: $(head -c 200 "$T/err")" ;;
            esac
        fi
        if [ -n "$why" ]; then
            failures=$((failures + 1))
            [ -n "$first_failure" ] || first_failure="$name: $why"
        fi
    done <"$T/n-names"
    expect_true "n_ $p: each of $tried n_ texts stops with FILE:LINE: reason, status 1, after the good record" \
        "$failures fail; first: $first_failure" test "$failures" -eq 0
done

# =====================================================================================
# y_ texts
echo "$GOOD1" >"$T/y-obj.jsonl"
echo "$GOOD1" >"$T/y-ins.jsonl"
echo "$GOOD1" >"$T/y-rej.jsonl"
n=0
for f in "$SUITE"/y_*.json; do
    name=$(basename "$f")
    n=$((n + 1))
    tr '\n' ' ' <"$f" >"$T/y-line"
    echo >>"$T/y-line"
    case " $JANSSON_REJECTS " in *" $name "*) cat "$T/y-line" >>"$T/y-rej.jsonl"; continue ;; esac
    if ! kind=$(jq -r 'type' "$f" 2>/dev/null); then
        skip "y_ $name" "jq cannot read it"
        continue
    fi
    if [ "$kind" != object ]; then
        cat "$T/y-line" >>"$T/y-rej.jsonl"
        continue
    fi
    cat "$T/y-line" >>"$T/y-obj.jsonl"
    if jq -e 'has("id") or has("doc") or has("kind") or has("text")' "$f" >/dev/null; then
        continue
    fi
    # The members a record needs, inserted after the opening brace.
    members="\"id\":\"y-$n\",\"doc\":\"conformance\",\"kind\":\"paragraph\",\"text\":\"conformance case $n\""
    if jq -e 'length > 0' "$f" >/dev/null; then members="$members,"; fi
    sed "s/{/{$members/" "$T/y-line" >>"$T/y-ins.jsonl"
done
for y in obj ins rej; do echo "$GOOD2" >>"$T/y-$y.jsonl"; done
NOBJ=$(($(lines_of "$T/y-obj.jsonl") - 2))
NINS=$(($(lines_of "$T/y-ins.jsonl") - 2))
NREJ=$(($(lines_of "$T/y-rej.jsonl") - 2))
seq_lines 2 $((NREJ + 1)) >"$T/y-rej-lines"
seq_lines 2 $((NOBJ + 1)) >"$T/y-obj-lines"

for p in $PROGRAMS; do
    # shellcheck disable=SC2046
    set -- $(args "$p")
    if needs_members "$p"; then
        run_batch "$p" "$T/y-obj.jsonl"
        expect_status "y_ $p: objects without id go to --rejects" 0
        expect_rejected "y_ $p: each of the $NOBJ y_ objects is rejected for its members" "$T/y-obj-lines"
        expect_true "y_ $p: ... and not as invalid JSON" "$(grep -a -m 2 -e 'invalid JSON' -e 'not a JSON object' "$T/rejects.jsonl" | head -c 300)" \
            sh -c "! grep -a -q -e 'invalid JSON' -e 'not a JSON object' '$T/rejects.jsonl'"
    else
        run "winnow-$p" -q "$@" "$T/y-obj.jsonl"
        expect_status "y_ $p: the $NOBJ y_ objects exit 0" 0
        expect_meaning "y_ $p: each y_ object keeps its meaning" \
            "$T/y-obj.jsonl" "$(want_filter "$p")" "$T/out" "$(got_filter "$p")"
    fi
    run "winnow-$p" -q "$@" "$T/y-ins.jsonl"
    expect_status "y_ $p: the $NINS y_ objects with id, doc, kind and text exit 0" 0
    cp "$T/out" "$T/y-ins.out"
    expect_meaning "y_ $p: each y_ object with id, doc, kind and text keeps its meaning" \
        "$T/y-ins.jsonl" "$(want_filter "$p")" "$T/y-ins.out" "$(got_filter "$p")"

    run_batch "$p" "$T/y-rej.jsonl"
    expect_status "y_ $p: non-objects and duplicate keys go to --rejects" 0
    expect_rejected "y_ $p: each of the $NREJ y_ non-objects and Jansson-rejected objects is rejected" "$T/y-rej-lines"
    run "winnow-$p" -q "$@" "$T/y-rej.jsonl"
    expect_status "y_ $p: a y_ non-object stops the run" 1
    expect_stderr_match "y_ $p: ... with FILE:LINE" "^winnow-$p: $T/y-rej.jsonl:2: "
done

# =====================================================================================
# i_ texts, against Jansson's verdicts
VERDICT='
import ctypes, sys
jansson = ctypes.CDLL("libjansson.so.4")
jansson.json_loadb.restype = ctypes.c_void_p
jansson.json_loadb.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_size_t, ctypes.c_void_p]
error = ctypes.create_string_buffer(1024)
REJECT_DUPLICATES, DECODE_ANY, ALLOW_NUL = 0x1, 0x4, 0x10
for line in open(sys.argv[1], "rb").read().split(b"\n")[:-1]:
    value = jansson.json_loadb(line, len(line), REJECT_DUPLICATES | DECODE_ANY | ALLOW_NUL, error)
    # json_t starts with its type; JSON_OBJECT is 0.
    print("reject" if not value else "object" if ctypes.c_int.from_address(value).value == 0 else "value")
'
if ! command -v python3 >/dev/null 2>&1 ||
    ! python3 -c 'import ctypes; ctypes.CDLL("libjansson.so.4")' >/dev/null 2>&1; then
    skip "json-conformance i_" "python3 with libjansson.so.4 is needed for Jansson's verdicts"
    exit 0
fi
echo "$GOOD1" >"$T/i.jsonl"
n=0
for f in "$SUITE"/i_*.json; do
    n=$((n + 1))
    append_text "$f" "$T/i-text"
    if [ "$(lines_of "$T/i-text")" -ne 1 ]; then
        skip "i_ $(basename "$f")" "not one line"
    else
        cat "$T/i-text" >>"$T/i.jsonl"
        {
            printf '{"id":"i-%s","doc":"conformance","kind":"paragraph","text":"conformance case %s","v":' "$n" "$n"
            head -c -1 "$T/i-text"
            printf '}\n'
        } >>"$T/i.jsonl"
    fi
    rm -f "$T/i-text"
done
echo "$GOOD2" >>"$T/i.jsonl"
python3 -c "$VERDICT" "$T/i.jsonl" >"$T/i-verdicts"
expect_true "i_ Jansson gives a verdict on every line" "$(lines_of "$T/i-verdicts") verdicts" \
    test "$(lines_of "$T/i-verdicts")" -eq "$(lines_of "$T/i.jsonl")"
# Lines Jansson accepts as objects; raw lines hold no id.
awk '$0 == "object" { print NR }' "$T/i-verdicts" >"$T/i-accepted"
grep -n -a '^{"id":"' "$T/i.jsonl" | cut -d : -f 1 >"$T/i-with-id"
for p in $PROGRAMS; do
    if needs_members "$p"; then
        grep -x -F -f "$T/i-with-id" "$T/i-accepted" >"$T/i-pass"
    else
        cp "$T/i-accepted" "$T/i-pass"
    fi
    seq_lines 1 "$(lines_of "$T/i.jsonl")" | grep -v -x -F -f "$T/i-pass" >"$T/i-reject"
    run_batch "$p" "$T/i.jsonl"
    expect_status "i_ $p: exits 0 with --rejects" 0
    expect_rejected "i_ $p: rejects exactly the lines Jansson does not accept as records" "$T/i-reject"
    sed -n "$(sed 's/$/p/' "$T/i-pass")" "$T/i.jsonl" >"$T/i-want"
    cp "$T/out" "$T/i-got"
    expect_meaning "i_ $p: the accepted lines keep their meaning" \
        "$T/i-want" "$(want_filter "$p")" "$T/i-got" "$(got_filter "$p")"
done

# The one deliberate difference: a byte-order mark starting the input.
run winnow-normalize "$SUITE/i_structure_UTF-8_BOM_empty_object.json"
expect_status "a byte-order mark at the start of the input is skipped" 0
expect_stdout "... and the object after it read" "{}"
