# evaluate.awk — precision and recall of winnow-dedupe --mark on a benchmark
# made by generate.awk.
#
#   awk -f bench/dedupe/evaluate.awk LABELS MARKED.jsonl
#
# A duplicate (a record of class exact, whitespace, update, edit or trim) is
# found when it has a dup_of in its own cluster. Every dup_of elsewhere (on
# an original, a hard negative, or naming another cluster) is a false
# positive. Prints, tab-separated:
#   all   PRECISION RECALL TP FP FN       over every duplicate
#   near  PRECISION RECALL TP FP FN       without the exact copies
#   class NAME FOUND OF                   duplicates found, per class
#   flagged NAME FLAGGED OF               records wrongly flagged, per class
FNR == NR {
    if ($1 == "record") { cluster[$2] = $3; class[$2] = $4; n[$4]++ }
    next
}
{
    if (!match($0, /"id":"[^"]*"/)) next
    id = substr($0, RSTART + 6, RLENGTH - 7)
    of = ""
    if (match($0, /"dup_of":"[^"]*"/)) of = substr($0, RSTART + 10, RLENGTH - 11)
    seen[id] = 1
    c = class[id]
    is_dup = (c == "exact" || c == "whitespace" || c == "update" || c == "edit" || c == "trim")
    if (of != "" && is_dup && cluster[of] == cluster[id]) { found[c]++; tp++; if (c != "exact") ntp++ }
    else if (of != "") { flagged[c]++; fp++; if (c != "exact") nfp++ }
    if (is_dup) { dups++; if (c != "exact") ndups++ }
}
function ratio(a, b) { return b ? a / b : 1 }
END {
    for (id in class) if (!(id in seen)) { print "evaluate: record " id " missing from the output" >"/dev/stderr"; exit 1 }
    printf "all\t%.4f\t%.4f\t%d\t%d\t%d\n", ratio(tp, tp + fp), ratio(tp, dups), tp, fp, dups - tp
    printf "near\t%.4f\t%.4f\t%d\t%d\t%d\n", ratio(ntp, ntp + nfp), ratio(ntp, ndups), ntp, nfp, ndups - ntp
    split("exact whitespace update edit trim", D, " ")
    for (i = 1; i <= 5; i++) printf "class\t%s\t%d\t%d\n", D[i], found[D[i]], n[D[i]]
    split("original paragraph template figures topic", H, " ")
    for (i = 1; i <= 5; i++) printf "flagged\t%s\t%d\t%d\n", H[i], flagged[H[i]], n[H[i]]
}
