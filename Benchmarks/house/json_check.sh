#!/usr/bin/env bash
# Output check for issue 12 (the house): the release binary's answers to a fixed list of queries and commands on
# the five articles of corpus/ (and on the news fixtures of Tests/Fixtures/realnews), one file per case, so that a
# restructuring can be shown to print the same bytes.
#
#   Benchmarks/house/json_check.sh record [BIN]   # writes Benchmarks/house/json-baseline/
#   Benchmarks/house/json_check.sh check [BIN]    # writes to a temp folder and diffs against the baseline (exit 1 on any difference)
#
# BIN defaults to .build/release/search (build it first: swift build -c release --product search). JSON_BASELINE=DIR
# records to or checks against DIR instead (to compare a branch with the main it was cut from).
# The articles are copied to a fixed temp folder and indexed into fresh databases there. What legitimately varies
# between runs and is rewritten before saving (nothing else is touched):
#   - the temp folder's path (in paths and the database name) -> WORK
#   - `index`'s own summary line is not saved (it prints a wall time); the database is checked by the cases instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-check}"
bin="$(realpath "${2:-.build/release/search}")"
base="${JSON_BASELINE:-$PWD/Benchmarks/house/json-baseline}"

work="${TMPDIR:-/tmp}/search-house-json-check"
rm -rf "$work"
mkdir -p "$work"
cp -r corpus "$work/corpus"
rm -f "$work/corpus/PROVENANCE"
cp -r Tests/Fixtures/realnews "$work/news"
rm -f "$work/news/PROVENANCE.md"
db="$work/corpus.db"
lcdb="$work/corpus-lc.db"
newsdb="$work/news.db"
"$bin" index "$work/corpus" --db "$db" -q
"$bin" index "$work/corpus" --db "$lcdb" --lowercase-names -q
"$bin" index "$work/news" --db "$newsdb" -q

if [[ "$mode" == record ]]; then out="$base"; rm -rf "$out"; else out="$work/out"; fi
mkdir -p "$out"

n=0
# case NAME ARGS...: runs `search ARGS` in the temp folder (so -l paths are relative to it) and saves stdout,
# stderr and the exit code.
case_() {
    local name="$1"; shift
    n=$((n + 1))
    local file
    file="$out/$(printf '%02d' "$n")-$name.out"
    local rc=0
    (cd "$work" && NO_COLOR=1 "$bin" "$@" > "$file.tmp" 2> "$file.err") || rc=$?
    {
        echo "# search $*"
        cat "$file.tmp"
        if [[ -s "$file.err" ]]; then echo "# stderr"; cat "$file.err"; fi
        echo "# exit $rc"
    } | sed "s|$work|WORK|g" > "$file"
    rm -f "$file.tmp" "$file.err"
}

J=(--format json)
case_ word            query protest --db "$db" "${J[@]}"
case_ word-text       query protest --db "$db" --color never
case_ two-words       query "protest Baghdad" --db "$db" "${J[@]}"
case_ phrase          query '"Tahrir Square"' --db "$db" "${J[@]}"
case_ soleimani       query Soleimani --db "$db" "${J[@]}"
case_ suleimani       query Suleimani --db "$db" "${J[@]}"
case_ muhandis-phrase query '"Abu Mahdi al-Muhandis"' --db "$db" "${J[@]}"
case_ mohandes        query Mohandes --db "$db" "${J[@]}"
case_ both            query 'Soleimani "Abu Mahdi al-Muhandis"' --db "$db" "${J[@]}"
case_ since-until     query protest --since 2019-10 --until 2019-12-31 --db "$db" "${J[@]}"
case_ mention-dates   query protest --mentions-since 2019-10-01 --mentions-until 2020 --db "$db" "${J[@]}"
case_ exact           query Suleimani --exact --db "$db" "${J[@]}"
case_ lexicon-pmf     query PMF --db "$db" "${J[@]}"
case_ kataeb          query 'Kataeb Hezbollah' --db "$db" "${J[@]}"
case_ bool            query 'Iraq AND (protest OR militia) NOT Trump' --db "$db" "${J[@]}"
case_ prefix-near     query 'NEAR(Soleimani killed, 10) OR protest*' --db "$db" "${J[@]}"
case_ title-field     query 'title:Iraq' --db "$db" "${J[@]}"
case_ lowercase-names query soleimani --db "$lcdb" "${J[@]}"
case_ lowercase-text  query muhandis --db "$lcdb" "${J[@]}"
case_ count           query Soleimani --count --db "$db"
case_ count-json      query Soleimani --count --db "$db" "${J[@]}"
case_ files           query -l Muhandis --db "$db"
case_ offsets-chars   query Soleimani --offsets chars --db "$db" "${J[@]}"
case_ offsets-bytes   query Soleimani --offsets bytes --db "$db" "${J[@]}"
case_ jsonl           query Najaf --format jsonl --db "$db"
case_ csv             query Najaf --format csv --db "$db"
case_ sort-date       query Iraq --sort date -n 3 --offset 1 --passages 2 --db "$db" "${J[@]}"
case_ glob            query Iraq --path '00[12]*' --db "$db" "${J[@]}"
case_ syntax-error    query '"unclosed' --db "$db" "${J[@]}"
case_ bad-date        query protest --since 2019-13 --db "$db" "${J[@]}"
case_ timeline-json   timeline Soleimani --db "$db" "${J[@]}"
case_ timeline-month  timeline protest --by month --db "$db" --format csv
case_ timeline-text   timeline Iraq --db "$db" --color never --width 60
case_ show-json       show 003_9aeccf3a8347b6ab.txt -q Soleimani --db "$db" "${J[@]}"
case_ show-chars      show 003_9aeccf3a8347b6ab.txt -q Soleimani --offsets chars --db "$db" "${J[@]}"
case_ show-text       show 003_9aeccf3a8347b6ab.txt -q Soleimani --matching --db "$db" --color never
case_ stats-json      stats --db "$db" "${J[@]}"
case_ stats-text      stats --db "$db"
case_ names-json      names Soleimani --db "$db" "${J[@]}"
case_ names-text      names Hussein --db "$db"
case_ analyze-json    analyze "Qassem Suleimani" "${J[@]}"
case_ analyze-query   analyze "Abu Mahdi al-Muhandis" --as query "${J[@]}"
case_ analyze-doc-lc  analyze "the imam abdulmahdi said" --lowercase-names "${J[@]}"
case_ check-json      check --db "$db" "${J[@]}"
case_ news-word       query wheat --db "$newsdb" "${J[@]}"
case_ news-name       query Hassan --db "$newsdb" "${J[@]}"
case_ news-gaza       query 'Gaza Palestinian' --db "$newsdb" "${J[@]}"
case_ news-date       query Agriculture --since 1992-03 --until 1992-06 --db "$newsdb" "${J[@]}"
case_ news-israeli    query '"israeli soldiers"' --db "$newsdb" --format jsonl
case_ news-show       show reuters/5.txt --db "$newsdb" "${J[@]}"
case_ news-stats      stats --db "$newsdb" "${J[@]}"
case_ news-timeline   timeline Palestinian --by month --db "$newsdb" "${J[@]}"

if [[ "$mode" == record ]]; then
    echo "recorded $n cases in $base"
else
    if diff -r "$base" "$out" > "$work/diff.txt"; then
        echo "json_check: $n cases, all identical to $base"
    else
        echo "json_check: differences (full diff in $work/diff.txt):"
        head -n 60 "$work/diff.txt"
        exit 1
    fi
fi
