#!/bin/sh
# What must not depend on the environment a program runs in (SPEC, "What
# every program does"):
#   - the locale: every program, the dispatcher and the pipeline scripts
#     give the same bytes (standard output, standard error, exit status,
#     every file written) under LC_ALL=C (lib.sh), C.UTF-8, and, built
#     with localedef into $T, de_DE.UTF-8 (decimal comma) and tr_TR.UTF-8
#     (dotted and dotless i): numbers, case folding, sorting, messages;
#   - a terminal: progress ("PROGRAM: N records, X MB, Y MB/s") shows on
#     stderr when it is a tty (run under script(1)) and the run is long
#     (past half a second), never with --quiet, never when stderr is not a
#     tty.
. "$(dirname "$0")/lib.sh"
export WINNOW_BIN
P="$WINNOW_ROOT/pipelines"

if ! command -v jq >/dev/null 2>&1; then
    skip "environment" "jq is needed"
    exit 0
fi

# --- the inputs, made once in the C locale ---------------------------------------------
IN="$T/in"
mkdir -p "$IN"
winnow-generate --quiet --seed 21 --size 150K --ndjson "$IN/docs.jsonl" --tar "$IN/arch.tar.gz"
# Texts where a locale would show: Turkish capitals, German sharp s,
# decimal commas and points, typographic punctuation, figures.
cat >>"$IN/docs.jsonl" <<'EOF'
{"id":"locale-tr","text":"Thursday, 14 December 2017\n\nİSTANBUL AND DİYARBAKIR\n\nIrmak said ıi I İ: up to 40% of 2.5 million cases, £3.5m, 1,234 offenders and 0,5 of them. Straße STRASSE ǅ ﬁ ½.\n\n  1. IIII ıııı iiii İİİİ\n"}
{"id":"locale-de","text":"Über 3,5 % der Fälle – „so“ der Bericht… Two thirds of 1.5 million; every six weeks; 1 in 3 trebled."}
EOF
printf '{"id":"a","doc":"d","kind":"post","text":"ok"}\n{"id":"b",\n' >"$IN/bad.jsonl"

# workload DIR: every program in several modes, the dispatcher, two
# scripts and a few errors, each output in DIR: NAME.out, NAME.err and
# NAME.status, and the files the programs write.
workload() {
    W=$1
    mkdir -p "$W"
    # one NAME CMD...: CMD's stdout, stderr and status into $W/NAME.*
    one() {
        _name=$1
        shift
        "$@" >"$W/$_name.out" 2>"$W/$_name.err"
        echo $? >"$W/$_name.status"
    }
    one generate winnow-generate --seed 22 --size 60K --ndjson "$W/gen.jsonl" --truth "$W/gen-truth.jsonl" \
        --tar "$W/gen.tar" --counts "$W/gen-counts.json"
    one split winnow-split --counts "$W/split.json" "$IN/docs.jsonl" "$IN/arch.tar.gz"
    one dispatcher winnow split --by paragraph "$IN/docs.jsonl"
    one normalize winnow-normalize --counts "$W/normalize.json" --report "$W/split.out"
    one normalize-all winnow-normalize --punct --lower --form nfkc "$W/split.out"
    one normalize-key winnow-normalize --key key "$W/split.out"
    one stats winnow-extract-stats --counts "$W/stats.json" "$W/normalize.out"
    one dedupe winnow-dedupe --mark --threshold 0.7 --stats "$W/dedupe-stats.json" "$W/stats.out"
    one dedupe-key winnow-dedupe --key-field key --removed "$W/removed.jsonl" "$W/normalize-key.out"
    one signatures winnow-dedupe --signatures --threshold 0.6 "$W/stats.out"
    one emit winnow-emit-json --pretty "$W/dedupe.out"
    one summary winnow-emit-json --summary --pretty --counts-from "$W/split.json" "$W/dedupe.out"
    one figures winnow-emit-json --figures --format csv "$W/dedupe.out"
    one nest winnow-emit-json --nest -o "$W/nest.jsonl.gz" "$W/dedupe.out"
    one fields winnow-emit-json --format csv --fields id,stats.upper_fraction,stats.mean_word_length "$W/stats.out"
    one bad-line winnow-normalize "$IN/bad.jsonl"
    one missing-file winnow-extract-stats "$IN/no-such-file.jsonl"
    one bad-threshold winnow-dedupe --threshold 0,7 "$W/stats.out"
    if command -v bash >/dev/null 2>&1; then
        one corpus bash "$P/corpus.sh" -q -o "$W/corpus.jsonl" --summary "$W/corpus-summary.json" "$IN/arch.tar.gz"
        one figures-sh bash "$P/figures.sh" -q --format csv "$IN/docs.jsonl"
    fi
}

# The locales: C (lib.sh exports it) against each of the others.
LOCALE_DIR="$T/locales"
mkdir -p "$LOCALE_DIR"
LOCALES=
if locale -a 2>/dev/null | grep -Eqix 'c\.utf-?8'; then LOCALES="C.UTF-8"; else
    skip "locale C.UTF-8" "not installed"; fi
if command -v localedef >/dev/null 2>&1 && [ -d /usr/share/i18n/locales ]; then
    for l in de_DE tr_TR; do
        localedef -i "$l" -f UTF-8 "$LOCALE_DIR/$l.UTF-8" >/dev/null 2>&1
        if [ -f "$LOCALE_DIR/$l.UTF-8/LC_CTYPE" ]; then LOCALES="$LOCALES $l.UTF-8"; else
            skip "locale $l.UTF-8" "localedef could not build it"; fi
    done
else
    skip "locales de_DE.UTF-8 and tr_TR.UTF-8" "localedef or /usr/share/i18n/locales is missing"
fi
# The check can fail: the locales are in effect for a program that asks.
case " $LOCALES " in *" de_DE.UTF-8 "*)
    expect_true "de_DE.UTF-8 is in effect for a program that asks (printf writes 0,5)" \
        "$(env LOCPATH="$LOCALE_DIR" LC_ALL=de_DE.UTF-8 printf '%.1f' 0.5)" \
        test "$(env LOCPATH="$LOCALE_DIR" LC_ALL=de_DE.UTF-8 printf '%.1f' 0.5)" = "0,5" ;;
esac

workload "$T/C"
expect_true "the workload runs (records split, figures found, duplicates marked)" \
    "$(cat "$T/C/split.status" "$T/C/dedupe.status" | tr '\n' ' ')" \
    sh -c "test -s '$T/C/split.out' && grep -q '\"figures\":\[{' '$T/C/stats.out' && grep -q '\"dup_of\"' '$T/C/dedupe.out' &&
           test \"\$(cat '$T/C/split.status' '$T/C/summary.status' '$T/C/bad-line.status')\" = '0
0
1'"
for l in $LOCALES; do
    (export LOCPATH="$LOCALE_DIR" LC_ALL="$l" && workload "$T/$l")
    for f in $(cd "$T/C" && ls); do
        expect_true "$l: $f byte for byte as in the C locale" \
            "$(cmp "$T/C/$f" "$T/$l/$f" 2>&1 | head -c 200)" cmp -s "$T/C/$f" "$T/$l/$f"
    done
    expect_true "$l: no file more or less than in the C locale" "$(diff -q "$T/C" "$T/$l" 2>&1 | head -n 3)" \
        test "$(cd "$T/C" && ls | tr '\n' ' ')" = "$(cd "$T/$l" && ls | tr '\n' ' ')"
done

# --- progress on a terminal only -------------------------------------------------------
# script(1) runs a command on a new pseudo-terminal and copies what it
# shows. The input comes in three batches of 4096 lines, the second after
# a pause: the meter is drawn at a multiple of 4096 records once half a
# second has passed.
if ! command -v script >/dev/null 2>&1 || ! script -qec true /dev/null </dev/null >/dev/null 2>&1; then
    skip "progress on a terminal" "script(1) from util-linux is needed"
    exit 0
fi
awk 'BEGIN { for (i = 0; i < 4096; i++)
        printf "{\"id\":\"r%d\",\"doc\":\"d%d\",\"kind\":\"paragraph\",\"text\":\"record %d of a slow stream\"}\n", i, i, i }' \
    >"$T/batch.jsonl"
printf 'cat "$1"; sleep 0.7; cat "$1" "$1"\n' >"$T/slow.sh"
METER='[a-z-]+: [0-9]+ records, [0-9]+\.[0-9] MB, [0-9]+\.[0-9] MB/s'
# on_tty CMD: CMD (shell code) on a terminal; what the terminal shows in $T/tty.
on_tty() { script -qec "$1" /dev/null </dev/null >"$T/tty" 2>&1; }
for p in split normalize extract-stats dedupe emit-json; do
    opts=
    [ "$p" != split ] || opts="--format ndjson --by document"
    feed="sh '$T/slow.sh' '$T/batch.jsonl'"
    on_tty "$feed | winnow-$p $opts >/dev/null"
    expect_true "$p: a long run on a terminal shows progress" "the terminal showed: $(tr '\r\033' '|~' <"$T/tty" | head -c 200)" \
        grep -Eq "winnow-$p: [0-9]+ records, [0-9]+\\.[0-9] MB, [0-9]+\\.[0-9] MB/s" "$T/tty"
    on_tty "$feed | winnow-$p $opts --quiet >/dev/null"
    expect_true "$p: --quiet: no progress on a terminal" "the terminal showed: $(tr '\r\033' '|~' <"$T/tty" | head -c 200)" \
        sh -c "! grep -Eq '$METER' '$T/tty'"
    on_tty "$feed | winnow-$p $opts >/dev/null 2>'$T/stderr-file'"
    expect_true "$p: stderr not a terminal: no progress" "stderr: $(tr '\r\033' '|~' <"$T/stderr-file" | head -c 200)" \
        sh -c "! grep -Eq '$METER' '$T/stderr-file' && ! grep -Eq '$METER' '$T/tty'"
done
on_tty "winnow-generate --quiet --size 20M --truth /dev/null"
expect_true "generate --quiet: no progress on a terminal" "the terminal showed: $(tr '\r\033' '|~' <"$T/tty" | head -c 200)" \
    sh -c "! grep -Eq '$METER' '$T/tty'"
