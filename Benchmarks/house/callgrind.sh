#!/usr/bin/env bash
# Instructions per process (valgrind --tool=callgrind, total Ir) for issue 12's "Must hold": `search index` on 1,000
# files of the benchmark corpus and one query per query class of Benchmarks/run.sh against a fixed index.
#
#   Benchmarks/house/callgrind.sh [BIN]     # prints a table (markdown) to stdout
#
# BIN defaults to .build/release/search (swift build -c release --product search). The corpus is the first 1,000 files
# (docs/0000/) of `build_corpus.py --seed 42`: the build shuffles every article first and then takes a prefix, so
# these files are the same for any --size of 6M or more (the 100M corpus's docs/0000/ too). It is built into
# $HOUSE_CORPUS (default /tmp/house/corpus-8M) when missing. The index the queries run against is built by the
# binary under test (so a change of the stored layout is measured too) in a temp folder.
# The query words are fixed here, not chosen per run: they are the words bench.py's class rule picks on the 100M
# corpus (Benchmarks/README.md: `conservation`, `conservation economic`, `"clock binding"`, the word with 2019), the
# rare name, its other spelling and `the`, asked as run.sh asks them (--limit 10 --format json).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(realpath "${1:-.build/release/search}")"
corpus="${HOUSE_CORPUS:-/tmp/house/corpus-8M}"
if [[ ! -d "$corpus/docs/0000" ]]; then
    nice -n 10 python3 Benchmarks/corpus/build_corpus.py --size 8M --out "$corpus" >&2
fi
docs="$corpus/docs/0000"
[[ "$(ls "$docs" | wc -l)" == 1000 ]] || { echo "expected 1000 files in $docs" >&2; exit 1; }

work="${TMPDIR:-/tmp}/search-house-callgrind"
rm -rf "$work"
mkdir -p "$work"

# ir CMD...: total instructions of one run of CMD (the search process only; no child processes are started).
ir() {
    local out="$work/cg.out"
    rm -f "$out"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" > /dev/null 2> "$work/cg.err" || {
        echo "failed: $*" >&2; tail -5 "$work/cg.err" >&2; exit 1; }
    grep -m1 '^summary:' "$out" | awk '{print $2}'
}

echo "| row | command | instructions |"
echo "|---|---|---:|"
n=$(ir "$bin" index "$docs" --db "$work/index-cg.db" -q)
printf '| index 1,000 files | `search index docs/0000 -q` (new index) | %s |\n' "$n"

"$bin" index "$docs" --db "$work/q.db" -q
row() {
    local label="$1"; shift
    local n
    n=$(ir "$bin" query "$@" --db "$work/q.db" --limit 10 --format json)
    printf '| %s | `search query %s` | %s |\n' "$label" "$*" "$n"
}
row "single word"          conservation
row "two words"            "conservation economic"
row "phrase"               '"clock binding"'
row "word + date"          conservation --since 2019-01-01 --until 2019-12-31
row "rare name"            Muhandis
row "other spelling"       Mohandes
row "frequent word"        the
