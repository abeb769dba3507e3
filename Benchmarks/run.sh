#!/usr/bin/env bash
# Benchmarks `search` against the sqlite3 shell's FTS5, Recoll, Xapian (omindex/quest) and ripgrep on one corpus;
# writes that corpus's section of BENCHMARKS.md (the others stay) and its chart.
#
#   Benchmarks/run.sh [--corpus reuters|100M|1G] [--runs 11] [--words 5] [--seed 42]
#                     [--only search,sqlite-file,sqlite-passage,recoll,xapian,rg] [--skip-index] [--tag before]
#                     [--search PATH]
#
# reuters: the Reuters-21578 stories one file each, built from ../shared/realnews by
# Benchmarks/realnews/build_corpus.py; 100M/1G: the Debian prose corpus of Benchmarks/corpus/build_corpus.py.
# Installs what is missing (apt-get, packages by name: needs root, as on the project's machines), builds the release
# binary unless --search is given, builds the corpus if missing (niced), then runs Benchmarks/bench.py.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=100M
search_bin=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
        --corpus | --size) corpus="${args[$((i + 1))]}" ;;
        --corpus=* | --size=*) corpus="${args[$i]#*=}" ;;
        --search) search_bin="${args[$((i + 1))]}" ;;
    esac
done

need=()
command -v sqlite3 > /dev/null || need+=(sqlite3)
command -v rg > /dev/null || need+=(ripgrep)
command -v recollindex > /dev/null || need+=(recollcmd)
command -v omindex > /dev/null || need+=(xapian-omega)
command -v quest > /dev/null || need+=(xapian-tools)
[[ -x /usr/bin/time ]] || need+=(time)   # GNU time measures the index builds' peak RSS (see bench.py)
[[ -f /usr/share/wordnet/data.noun ]] || need+=(wordnet-base)   # the class words are WordNet lemmas
if ((${#need[@]})); then
    echo "installing ${need[*]}" >&2
    # A fresh machine has no package lists: apt-get knows none of the packages until they are fetched.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" > /dev/null 2>&1 ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" > /dev/null; }
fi

if [[ -z "$search_bin" ]]; then
    echo "building search (release)" >&2
    swift build -c release --product search 2>&1 | tail -n 3 >&2
fi

case "${corpus,,}" in
    reuters)
        [[ -d Benchmarks/data/realnews/reuters ]] || nice -n 10 python3 Benchmarks/realnews/build_corpus.py ;;
    *)
        [[ -f "Benchmarks/data/corpus-${corpus^^}/corpus.json" ]] ||
            nice -n 10 python3 Benchmarks/corpus/build_corpus.py --size "${corpus^^}" ;;
esac

exec python3 Benchmarks/bench.py --command "Benchmarks/run.sh $*" "$@"
