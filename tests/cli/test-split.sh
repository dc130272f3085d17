#!/bin/sh
# Command-line tests of winnow-split: options, every input format, the blog
# fixtures against their expected records, the seeds, bad input, pipes.
. "$(dirname "$0")/lib.sh"

BLOG="$FIXTURES/blog"
GOLD="$EXPECTED/split"

# --- options -----------------------------------------------------------------
expect_standard_options winnow-split
run winnow-split --by sentences
expect_status "bad --by value is a usage error" 2
expect_stderr_match "bad --by value is named" "invalid --by 'sentences'"
run winnow-split --format pdf
expect_status "bad --format value is a usage error" 2

# --- the blog fixtures: every record exactly as expected ----------------------
for page in "$BLOG"/*.txt; do
    name=$(basename "$page" .txt)
    if [ -f "$GOLD/$name.jsonl" ]; then
        run winnow-split "$page"
        expect_status "split $name exits 0" 0
        expect_stdout_file "split $name gives its expected records" "$GOLD/$name.jsonl"
    fi
done

# Every record is one valid JSON object with the members every record has.
cat "$BLOG"/*.txt >"$T/all.txt"
run winnow-split "$BLOG"/*.txt
expect_true "every record is valid JSON with id, doc, kind, text, span" "bad record" \
    sh -c "jq -c 'select((.id|type)!=\"string\" or (.doc|type)!=\"string\" or (.kind|type)!=\"string\" or (.text|type)!=\"string\" or (.span|length)!=2)' '$T/out' | grep -q . && exit 1 || exit 0"
expect_true "ids are unique" "duplicate ids" \
    sh -c "jq -r .id '$T/out' | sort | uniq -d | grep -q . && exit 1 || exit 0"

# --- the seeds, when present --------------------------------------------------
SEEDS="$SHARED/seeds"
if [ -d "$SEEDS" ]; then
    run winnow-split "$SEEDS/000_3cda5d15756a79be.txt"
    expect_status "seed 000 splits" 0
    jq -r '[.kind, .id, (.date // "-"), (.title // "-"), (.source // "-")] | join(" ")' "$T/out" \
        | grep -v ' comment ' >"$T/got"
    got=$(jq -r 'select(.kind=="comment") | .n' "$T/out" | tr '\n' ' ')
    expect_true "seed 000 comments 1-9 with replies 4.1 4.2 5.1 8.1" "got: $got" \
        test "$got" = "1 2 3 4 4.1 4.2 5 5.1 6 7 8 8.1 9 "
    got=$(jq -r 'select(.kind!="comment") | [.kind, .id, .date, .title, .source, .headline] | map(. // "-") | join("|")' "$T/out")
    want="post|000_3cda5d15756a79be/p1|2017-12-14|Inspector Signals End of TR|-|-
quote|000_3cda5d15756a79be/p1/q1|-|-|the Guardian|Private probation firms criticised for supervising offenders by phone
quote|000_3cda5d15756a79be/p1/q2|-|-|the Telegraph|Thousands of offenders supervised by phone calls after release from prison"
    expect_true "seed 000 post and quotes" "got: $got" test "$got" = "$want"

    run winnow-split "$SEEDS/002_565c8be4b69fe0ea.txt"
    got=$(jq -r 'select(.kind=="comment") | .n' "$T/out" | tr '\n' ' ')
    expect_true "seed 002 comments 1-17 and their replies" "got: $got" \
        test "$got" = "1 1.1 1.2 2 3 3.1 3.2 3.3 3.4 3.5 4 5 6 6.1 7 8 8.1 8.2 9 10 11 12 13 13.1 14 15 15.1 16 16.1 17 "
    got=$(jq -r 'select(.kind!="comment") | [.kind, .date, .title, .source, .headline] | map(. // "-") | join("|")' "$T/out")
    want="post|2016-12-15|Damning Probation Report|-|-
quote|-|-|the Guardian|Privatisation of probation service has left public at greater risk – report
quote|-|-|Napo Press Release|HMI Probation publish damning report on London CRC"
    expect_true "seed 002 post and quotes" "got: $got" test "$got" = "$want"
    got=$(jq -r 'select(.n=="4.2") | .parent' "$T/out" 2>/dev/null)
    run winnow-split "$SEEDS/000_3cda5d15756a79be.txt"
    got=$(jq -r 'select(.n=="4.2") | [.parent, .post, .depth] | map(tostring) | join(" ")' "$T/out")
    expect_true "reply 4.2 hangs under comment 4" "got: $got" \
        test "$got" = "000_3cda5d15756a79be/p1/c4 000_3cda5d15756a79be/p1 2"
else
    skip "seeds" "../shared/seeds not present"
fi

# --- layout variants: the same page as other blog platforms lay it out --------------
# Comments numbered "N)", indented with tabs, furniture after them, a date
# line in another form: every record keeps its kind, id, parent, date, title,
# source, headline and number.
FIELDS='[.kind, .id, .parent, .date, .title, .source, .headline, .n] | map(. // "-") | join("|")'
for name in replies-continuation intro-own-line two-digit-comments; do
    page="$BLOG/$name.txt"
    winnow-split "$page" | jq -r "$FIELDS" >"$T/want-fields"
    sed -E 's/^(  |    )([0-9]+)\. /\1\2) /' "$page" >"$T/$name.txt"
    printf '\nPost a Comment\n\nNewer Post Older Post Home\nSubscribe to: Post Comments (Atom)\n' >>"$T/$name.txt"
    run winnow-split "$T/$name.txt"
    jq -r "$FIELDS" "$T/out" >"$T/got-fields"
    expect_true "$name with N) numbers and furniture: the same records" \
        "$(diff "$T/want-fields" "$T/got-fields" | head -n 4)" cmp -s "$T/want-fields" "$T/got-fields"
    awk '{ n = match($0, /^ */); s = substr($0, RLENGTH + 1); t = ""
           for (i = 0; i < int(RLENGTH / 2); i++) t = t "\t"
           print t (RLENGTH % 2 ? " " : "") s }' "$page" >"$T/$name.txt"
    run winnow-split "$T/$name.txt"
    jq -r "$FIELDS" "$T/out" >"$T/got-fields"
    expect_true "$name indented with tabs: the same records" \
        "$(diff "$T/want-fields" "$T/got-fields" | head -n 4)" cmp -s "$T/want-fields" "$T/got-fields"
done
printf 'Dec. 14, 2017\n\nA Title\nPosted by Jim at 10:23\n\nText. This from the Guardian:\n\nIs probation working?\n\nMore.\n\nThe findings:\n\n  1. One.\n  2. Two.\n\n  1. A comment.\n' >"$T/variant.txt"
run winnow-split "$T/variant.txt"
got=$(jq -r "$FIELDS" "$T/out" | tr '\n' '#')
expect_true "date, colon intro, question headline, list then one blank line, comment" "got: $got" \
    test "$got" = "post|variant/p1|-|2017-12-14|A Title|-|-|-#quote|variant/p1/q1|variant/p1|-|-|the Guardian|Is probation working?|-#comment|variant/p1/c1|variant/p1|-|-|-|-|1#"

# Generated pages rewritten into those layouts at once, against the records
# the generator wrote: intros ending in a bare ':' and the headline right
# under them, dates as "December 14, 2017", a byline under the title,
# comments numbered "N)" and indented with tabs, one blank line before them,
# furniture around them.
if [ -x "$WINNOW_BIN/winnow-generate" ]; then
    winnow-generate --seed 9 --size 400K --dir "$T/gen" --truth "$T/gen-truth.jsonl"
    mkdir -p "$T/variants"
    # Tabs for each two columns of indentation; no blank line under an
    # unindented line ending in ':'; "Labels: TR" and one blank line before
    # the comments; a byline under each title; furniture at the end.
    relayout='{ if ($0 == "") { blanks++; next }
        n = match($0, /^ */); line = substr($0, RLENGTH + 1)
        for (i = 0; i < int(RLENGTH / 2); i++) line = "\t" line
        if (RLENGTH % 2) line = " " line
        if (blanks >= 2 && line ~ /^\t1\) /) { print ""; print "Labels: TR" }
        else if (!(blanks == 1 && colon && RLENGTH == 0)) for (i = 1; i < blanks; i++) print ""
        if (blanks > 0 && !(blanks == 1 && colon && RLENGTH == 0)) print ""
        blanks = 0
        print line
        if (dated) print "Posted by Jim Brown at 10:23"
        dated = line ~ /^[A-Z][a-z]+ [0-9]+, [0-9][0-9][0-9][0-9]$/
        colon = RLENGTH == 0 && line ~ /:$/ }
        END { print ""; print "Newer Post Older Post Home" }'
    for f in "$T/gen"/*.txt; do
        sed -E -e 's/:-[^[:alnum:]]*$/:/' \
            -e 's/^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), ([0-9]+) ([A-Z][a-z]+) ([0-9]{4})$/\3 \2, \4/' \
            -e 's/^(  |    )([0-9]+)\. /\1\2) /' "$f" | awk "$relayout" >"$T/variants/$(basename "$f")"
    done
    FIELDS7='[.kind, .id, (.parent // "-"), (.date // "-"), (.title // "-"), (.source // "-"), (.headline // "-")] | map(tostring) | join("\t")'
    jq -r "$FIELDS7" "$T/gen-truth.jsonl" | sort >"$T/gen-want.tsv"
    winnow-split "$T/variants"/*.txt | jq -r "$FIELDS7" | sort >"$T/gen-got.tsv"
    want=$(wc -l <"$T/gen-want.tsv" | tr -d ' ')
    exact=$(comm -12 "$T/gen-want.tsv" "$T/gen-got.tsv" | wc -l | tr -d ' ')
    expect_true "generated pages in other layouts: $exact of $want records exact" \
        "$(diff "$T/gen-want.tsv" "$T/gen-got.tsv" | grep '^[<>]' | head -n 4 | tr '\t\n' ' |')" \
        awk -v e="$exact" -v w="$want" 'BEGIN { exit !(w > 500 && e >= 0.99 * w) }'
    expect_true "the rewritten pages differ from the generated ones" "no layout changed" \
        sh -c "grep -q '^	1) ' '$T'/variants/*.txt && grep -q 'Newer Post' '$T'/variants/*.txt && ! grep -q ':-\$' '$T'/variants/*.txt"
else
    skip "generated pages in other layouts" "winnow-generate not built"
fi

# --- input formats --------------------------------------------------------------
page="$BLOG/$(ls "$BLOG" | grep '\.txt$' | head -n 1)"
name=$(basename "$page" .txt)
winnow-split "$page" >"$T/plain.jsonl"
gzip -c "$page" >"$T/$name.txt.gz"
run winnow-split "$T/$name.txt.gz"
expect_stdout_file "gzipped text gives the same records" "$T/plain.jsonl"
run sh -c "winnow-split < '$page'"
expect_true "stdin is one document with id stdin" "$(head -c 200 "$T/out")" \
    sh -c "jq -r .doc '$T/out' | sort -u | grep -qx stdin"
run sh -c "gzip -c '$page' | winnow-split -"
expect_true "gzipped stdin is read" "no records" test -s "$T/out"

# NDJSON documents: id and text, other members go to meta.
jq -Rsc --arg id "$name" '{id: $id, text: ., url: "https://example.org/x", crawl: {n: 1}}' "$page" >"$T/docs.jsonl"
run winnow-split "$T/docs.jsonl"
expect_status "NDJSON documents split" 0
expect_true "NDJSON records equal the text file's but for meta" "differs" \
    sh -c "jq -c 'del(.meta)' '$T/out' | cmp -s - '$T/plain.jsonl'"
expect_true "NDJSON extra members go to meta" "meta missing" \
    sh -c "jq -e 'select(.meta != {url: \"https://example.org/x\", crawl: {n: 1}})' '$T/out' | grep -q . && exit 1 || exit 0"
gzip -c "$T/docs.jsonl" >"$T/docs.jsonl.gz"
run winnow-split "$T/docs.jsonl.gz"
expect_true "gzipped NDJSON documents split the same" "differs" \
    sh -c "jq -c 'del(.meta)' '$T/out' | cmp -s - '$T/plain.jsonl'"
echo '{"id":7,"text":"just one line of text"}' >"$T/intid.jsonl"
run winnow-split "$T/intid.jsonl"
expect_true "an integer id becomes the doc" "$(cat "$T/out")" sh -c "jq -e '.doc==\"7\"' '$T/out' >/dev/null"

# tar archives, plain and gzipped.
mkdir -p "$T/pages"
cp "$BLOG"/*.txt "$T/pages/"
(cd "$T" && tar cf pages.tar pages && tar czf pages.tar.gz pages)
run winnow-split "$T/pages.tar"
expect_status "tar archive splits" 0
jq -r .doc "$T/out" | sort -u >"$T/tar-docs"
ls "$BLOG" | grep '\.txt$' | sed 's/\.txt$//' | sort >"$T/want-docs"
expect_true "every member of the tar is a document" "$(diff "$T/want-docs" "$T/tar-docs" | head -n 3)" \
    cmp -s "$T/want-docs" "$T/tar-docs"
cp "$T/out" "$T/tar.jsonl"
run winnow-split "$T/pages.tar.gz"
expect_stdout_file "tar.gz gives the same records as tar" "$T/tar.jsonl"
run sh -c "cat '$T/pages.tar.gz' | winnow-split"
expect_stdout_file "tar.gz on stdin is detected" "$T/tar.jsonl"
mkdir -p "$T/twins/a" "$T/twins/b"
printf 'one\n' >"$T/twins/a/x.txt"
printf 'two\n' >"$T/twins/b/x.txt"
(cd "$T" && tar cf twins.tar twins/a/x.txt twins/b/x.txt)
run winnow-split "$T/twins.tar"
expect_true "members with one name get unique ids" "$(cat "$T/out")" \
    test "$(jq -r '"\(.id)=\(.text)"' "$T/out" | tr '\n' ' ')" = "x=one x~2=two "
expect_stderr_match "a renamed id is reported" "duplicate document id 'x' renamed 'x~2'"
run winnow-split --format text "$T/docs.jsonl"
expect_true "--format text forces text" "not one document" \
    sh -c "jq -r .doc '$T/out' | sort -u | grep -qx docs"

# WARC and WET.
printf 'Thursday, 14 December 2017\r\n\r\nA Title\r\n\r\nSome text.\r\n' >"$T/body.txt"
len=$(wc -c <"$T/body.txt" | tr -d ' ')
{
    printf 'WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n'
    printf 'WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:uuid:1234>\r\n'
    printf 'WARC-Target-URI: https://blog.example/2017/12/a.html\r\nWARC-Date: 2017-12-14T10:00:00Z\r\n'
    printf 'Content-Length: %s\r\n\r\n' "$len"
    cat "$T/body.txt"
    printf '\r\n\r\n'
} >"$T/one.wet"
run winnow-split "$T/one.wet"
expect_status "WET file splits" 0
got=$(jq -r '[.doc, .kind, .date, .title, .meta.url, .meta.date] | join("|")' "$T/out" | head -n 1)
expect_true "WET conversion record: id, url and date" "got: $got" \
    test "$got" = "urn:uuid:1234|post|2017-12-14|A Title|https://blog.example/2017/12/a.html|2017-12-14T10:00:00Z"

# --- modes ----------------------------------------------------------------------
printf 'First paragraph\nstill first.\n\n\nSecond paragraph.\n' >"$T/paras.txt"
run winnow-split --by paragraph "$T/paras.txt"
expect_true "--by paragraph: one record per paragraph" "$(cat "$T/out")" \
    test "$(jq -r '[.id, .kind, .text] | join("|")' "$T/out" | tr '\n' '#')" = "paras/para1|paragraph|First paragraph#still first.#paras/para2|paragraph|Second paragraph.#"
run winnow-split --by document "$T/paras.txt"
expect_true "--by document: one record" "$(cat "$T/out")" \
    test "$(jq -r '[.id, .kind] | join("|")' "$T/out")" = "paras|document"
run winnow-split "$T/paras.txt"
expect_true "a page without blog structure is one document record" "$(cat "$T/out")" \
    test "$(jq -r .kind "$T/out")" = "document"

# --- bad input --------------------------------------------------------------------
expect_bad_files "$page" winnow-split
printf '\n\n  \n' >"$T/blank.txt"
run winnow-split "$T/blank.txt"
expect_lines "blank input gives no records" 0

head -c 200000 /dev/urandom >"$T/garbage.bin" 2>/dev/null || dd if=/dev/urandom of="$T/garbage.bin" bs=1000 count=200 2>/dev/null
run winnow-split --format text "$T/garbage.bin"
expect_status "binary garbage: no crash" 0
expect_true "binary garbage: records are valid JSON" "invalid output" sh -c "jq -c . '$T/out' >/dev/null"

printf 'Thursday, 14 December 2017\n\nBad \377 bytes \300\257 here\n\nText with \355\240\200 a surrogate.\n' >"$T/badutf8.txt"
run winnow-split --counts "$T/counts.json" "$T/badutf8.txt"
expect_status "invalid UTF-8 is repaired, not an error" 0
fffd=$(printf '\357\277\275')
expect_true "invalid UTF-8 becomes U+FFFD" "$(cat "$T/out")" grep -q "Bad $fffd bytes $fffd$fffd here" "$T/out"
expect_stderr_match "repairs are reported" "repaired 6 invalid UTF-8"
expect_true "repairs are counted" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.utf8_repaired == 6 and .in == 1 and .out == 1' '$T/counts.json' >/dev/null"

{
    echo '{"id":"a","text":"first good document"}'
    echo ''
    echo '{"id":"b","text":"second good document"}'
    echo '{"id":"c","text":"broken'
    echo '{"id":"d"}'
    echo '{"id":["x"],"text":"t"}'
    printf '{"id":"e","text":"bad \377 byte"}\n'
    echo '{"id":"f","text":"last good document"}'
} >"$T/mixed.jsonl"
run winnow-split "$T/mixed.jsonl"
expect_status "a bad NDJSON line stops with status 1" 1
expect_stderr_match "the bad line is named FILE:LINE" "mixed.jsonl:4: invalid JSON"
expect_true "records before the bad line are written" "$(cat "$T/out")" \
    test "$(jq -r .doc "$T/out" | tr '\n' ' ')" = "a b "
run winnow-split --rejects "$T/rejects.jsonl" --counts "$T/counts.json" "$T/mixed.jsonl"
expect_status "with --rejects bad lines do not stop the run" 0
expect_true "with --rejects every good document is split" "$(jq -r .doc "$T/out" | tr '\n' ' ')" \
    test "$(jq -r .doc "$T/out" | tr '\n' ' ')" = "a b f "
expect_true "rejects file holds each bad line with its reason" "$(cat "$T/rejects.jsonl")" \
    test "$(jq -r '"\(.line):\(.reason)"' "$T/rejects.jsonl" | cut -c1-16 | tr '\n' '#')" = "4:invalid JSON: #5:missing field #6:field \"id\" is #7:invalid JSON: #"
expect_true "accounting: in, out, rejected, blank" "$(cat "$T/counts.json")" \
    sh -c "jq -e '.in == 3 and .out == 3 and .rejected == 4 and .blank == 1' '$T/counts.json' >/dev/null"

# CRLF line ends and a byte-order mark change nothing but the spans.
sed 's/$/\r/' "$page" >"$T/$name.crlf"
printf '\357\273\277' | cat - "$page" >"$T/$name.bom"
jq -c '[.id,.kind,.parent,.title,.text]' "$T/plain.jsonl" >"$T/want-structure"
for variant in crlf bom; do
    winnow-split "$T/$name.$variant" | jq -c '[.id,.kind,.parent,.title,.text]' >"$T/got-structure"
    expect_true "$variant input gives the same records" "$(diff "$T/want-structure" "$T/got-structure" | head -n 4)" \
        cmp -s "$T/want-structure" "$T/got-structure"
done

# NDJSON documents behind a byte-order mark, with CRLF line ends and a
# blank line first, are still found to be NDJSON (format auto).
{ printf '\357\273\277\r\n'; sed 's/$/\r/' "$T/docs.jsonl"; } >"$T/docs-bom-crlf.jsonl"
run winnow-split --counts "$T/counts.json" "$T/docs-bom-crlf.jsonl"
expect_true "NDJSON with a BOM, CRLF and a blank line first: the same records" "$(head -c 200 "$T/out")" \
    sh -c "jq -c 'del(.meta)' '$T/out' | cmp -s - '$T/plain.jsonl'"
expect_true "NDJSON with a BOM, CRLF and a blank line first: the blank line counted" "$(cat "$T/counts.json")" \
    jqe '.in == 1 and .blank == 1 and .rejected == 0' "$T/counts.json"

# A 50 MB line: no limit on line length.
head -c 52428800 /dev/zero | tr '\0' 'a' >"$T/huge.txt"
run winnow-split "$T/huge.txt"
expect_status "a 50 MB line splits" 0
expect_true "a 50 MB line is kept whole" "$(head -c 100 "$T/out")" \
    sh -c "jq -e '.text | length == 52428800' '$T/out' >/dev/null"
rm -f "$T/huge.txt"

# --- pipes and failed writes ------------------------------------------------------
expect_pipe_and_full_disk winnow-split "$T/pages.tar"

# --- real crawl files, when present ------------------------------------------------
REAL="$SHARED/fixtures"
if [ -d "$REAL/dolma" ]; then
    for f in "$REAL"/dolma/cc_en_head-0091.jsonl.gz "$REAL"/dolma/cc_en_head-0174.jsonl.gz \
             "$REAL"/dolma/provided-documents-000.json.gz; do
        [ -f "$f" ] || continue
        name=$(basename "$f")
        run winnow-split --counts "$T/c.json" "$f"
        expect_status "real NDJSON $name splits without error" 0
        want=$(gzip -dc "$f" | grep -c .)
        got=$(jq -r .doc "$T/out" | sort -u | wc -l | tr -d ' ')
        expect_true "real NDJSON $name: every document gives records" "$got of $want" test "$got" -eq "$want"
        expect_true "real NDJSON $name: meta carried" "no meta.source" \
            sh -c "jq -e 'select(.meta.source == null)' '$T/out' | grep -q . && exit 1 || exit 0"
        # Nothing lost: every non-blank line of every document is in a record.
        gzip -dc "$f" | jq -r '.text | split("\n")[] | sub("^\\s+"; "") | sub("\\s+$"; "") | select(length > 0)' | sort -u >"$T/want-lines"
        jq -r '(.text | split("\n")[]), .title // empty' "$T/out" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//' | sort -u >"$T/got-lines"
        missing=$(comm -23 "$T/want-lines" "$T/got-lines" | wc -l | tr -d ' ')
        expect_true "real NDJSON $name: no line lost" "$missing lines missing: $(comm -23 "$T/want-lines" "$T/got-lines" | head -n 2)" test "$missing" -eq 0
    done
    for f in "$REAL"/dolma/sample-0000.warc.gz "$REAL"/dolma/sample-0001.warc.gz; do
        [ -f "$f" ] || continue
        name=$(basename "$f")
        run winnow-split "$f"
        expect_status "real WARC $name splits without error" 0
        expect_true "real WARC $name: urls without angle brackets" "$(jq -r .meta.url "$T/out" | head -n 2)" \
            sh -c "jq -r .meta.url '$T/out' | grep -q '^http' && ! jq -r .meta.url '$T/out' | grep -q '[<>]'"
    done
else
    skip "real NDJSON and WARC files" "../shared/fixtures/dolma not present"
fi
if [ -f "$REAL/ccnet-sample.wet.txt" ]; then
    run winnow-split "$REAL/ccnet-sample.wet.txt"
    expect_status "real WET file splits without error" 0
    want=$(grep -c '^WARC-Type: conversion' "$REAL/ccnet-sample.wet.txt")
    got=$(jq -r .doc "$T/out" | sort -u | wc -l | tr -d ' ')
    expect_true "real WET file: every conversion record gives records" "$got of $want" test "$got" -eq "$want"
    expect_true "real WET file: record ids are unique" "duplicates" \
        sh -c "test -z \"\$(jq -r .id '$T/out' | sort | uniq -d)\""
else
    skip "real WET file" "../shared/fixtures/ccnet-sample.wet.txt not present"
fi
