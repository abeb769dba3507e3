#!/usr/bin/env bash
# Benchmarks `search` against the sqlite3 shell's FTS5 and ripgrep; writes the SIZE section of BENCHMARKS.md (the
# other sizes' sections stay) and Benchmarks/latency.svg (100M) or Benchmarks/latency-SIZE.svg.
#
#   Benchmarks/run.sh [--size 100M|1G] [--runs 30] [--only search,sqlite-file,sqlite-passage,rg] [--skip-index]
#
# Builds the release binary, installs sqlite3 and ripgrep if missing, builds the corpus if missing (niced), then
# runs Benchmarks/bench.py. Needs root for apt-get, as on the project's machines.
set -euo pipefail
cd "$(dirname "$0")/.."

size=100M
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
        --size) size="${args[$((i + 1))]}" ;;
        --size=*) size="${args[$i]#--size=}" ;;
    esac
done
size="${size^^}"

need=()
command -v sqlite3 > /dev/null || need+=(sqlite3)
command -v rg > /dev/null || need+=(ripgrep)
[[ -x /usr/bin/time ]] || need+=(time)   # GNU time measures the index builds' peak RSS (see bench.py)
if ((${#need[@]})); then
    echo "installing ${need[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" > /dev/null
fi

echo "building search (release)" >&2
swift build -c release --product search 2>&1 | tail -n 3 >&2

if [[ ! -f "Benchmarks/data/corpus-$size/corpus.json" ]]; then
    echo "building the $size corpus" >&2
    nice -n 10 python3 Benchmarks/corpus/build_corpus.py --size "$size"
fi

exec python3 Benchmarks/bench.py --search .build/release/search --command "Benchmarks/run.sh $*" "$@"
