#!/usr/bin/env bash
# Compares, round after round, an index updated by killed and re-run `search index` runs with a fresh build of the
# same folder (the crash test's digest check, alone and quicker). Written for the divergence crash_test.sh found on
# 2026-12-02 (seeds 36729, 38497, 43848): a story with a year-less date ("Tuesday, May 10") left undated where a fresh
# build dated it 2016-05-10, or the reverse. The cause was not the kill: an update voted for the collection's year
# with dates earlier runs had read in that year, and kept documents read in a year their folder no longer had, so any
# update could differ from a fresh build (`CollectionYearTests.anUpdateDatesAsAFreshBuildDoes`); schema 6 keeps the
# vote apart (`collection_dating`).
#
#   B=.build/debug/search Tests/crash/dating_divergence.sh [ROUNDS]   # exit 1 and the differing rows on divergence
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
B=${B:-$(cd "$here/../.." && pwd)/.build/debug/search}
rounds=${1:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/search-dating.XXXXXX")
trap 'rm -rf "$work"' EXIT
corpus=$work/corpus
mkdir -p "$corpus"/d{00..29}
awk -v seed=36729 -v files=1000 -v dir="$corpus" -f "$here/make_corpus.awk"
RANDOM=7
"$B" index "$corpus" --db "$work/i.db" --quiet
for round in $(seq 1 "$rounds"); do
    for f in $(find "$corpus" -name '*.txt' | sort | awk -v s=$RANDOM 'BEGIN{srand(s)} rand() < 0.01'); do rm -f "$f"; done
    awk -v seed=$RANDOM -v files=$((100 + RANDOM % 100)) -v mutate=1 -v range=1300 -v dir="$corpus" -f "$here/make_corpus.awk"
    "$B" index "$corpus" --db "$work/i.db" --quiet & pid=$!
    sleep "0.$(( (RANDOM % 25) + 5 ))"; kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
    "$B" index "$corpus" --db "$work/i.db" --quiet
    rm -f "$work"/ref.db*; "$B" index "$corpus" --db "$work/ref.db" --quiet
    a=$("$B" check --db "$work/i.db" --json | grep -o '"digest":"[^"]*"')
    b=$("$B" check --db "$work/ref.db" --json | grep -o '"digest":"[^"]*"')
    if [[ "$a" != "$b" ]]; then
        echo "round $round: the re-run index differs from a fresh build"
        q="SELECT path, hash, date, date_source, hex(passages) FROM documents ORDER BY path"
        diff <(sqlite3 "$work/i.db" "$q") <(sqlite3 "$work/ref.db" "$q") | head -20
        exit 1
    fi
done
echo "no divergence in $rounds rounds"
