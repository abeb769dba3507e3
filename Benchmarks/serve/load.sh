#!/usr/bin/env bash
# `search serve` under load on loopback, on the real-news corpus: wrk with 50 connections for SECONDS (default 30),
# first on a quiet index, then while `search index` adds Reuters stories to it in batches; beside it the median of
# 21 runs of one `search QUERY` process. Prints wrk's latency lines and the failure counts.
#
#   Benchmarks/serve/load.sh [SECONDS]
#
# Needs wrk (apt-get install wrk), the release binaries (swift build -c release) and Benchmarks/data/realnews
# (python3 Benchmarks/realnews/build_corpus.py). Work files go to /tmp/serve-load.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-30}"
bin=.build/release
work=/tmp/serve-load
stories=Benchmarks/data/realnews/reuters
[[ -x $bin/search && -x $bin/search-serve ]] || swift build -c release 2>&1 | tail -n 2
[[ -d $stories ]] || python3 Benchmarks/realnews/build_corpus.py
rm -rf "$work" && mkdir -p "$work/news"
# 15,000 stories indexed before; the other 6,577 are added while the server is loaded.
ls "$stories" | sed -n "1,15000p" | sed "s|^|$stories/|" | xargs cp -t "$work/news"
$bin/search index "$work/news" --db "$work/index.db" --quiet

$bin/search serve --db "$work/index.db" --port 0 > "$work/address" 2> "$work/server.log" &
server=$!
trap 'kill -INT $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [[ -s $work/address ]] && break; sleep 0.1; done
url=$(head -n 1 "$work/address")

cat > "$work/paths.lua" <<'EOF'
local paths = {
  "/api/search?q=Iran", "/api/search?q=%22crude%20oil%22&since=1987-03", "/api/search?q=Kuwait+OR+Saudi",
  "/api/search?q=OPEC+-Venezuela&sort=date", "/api/search?q=bank*&limit=20", "/api/show?doc=00042.txt&q=oil",
  "/api/timeline?q=Iraq", "/",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
EOF

echo "== quiet index, 50 connections, ${seconds}s: $url"
wrk -t2 -c50 -d"${seconds}s" --latency -s "$work/paths.lua" "$url" | tee "$work/quiet.txt"

echo "== while search index adds stories"
touch "$work/writing"
(
    ls "$stories" | tail -n +15001 | sed "s|^|$stories/|" > "$work/rest"
    split -l 500 "$work/rest" "$work/batch."
    for batch in "$work"/batch.*; do
        [[ -f $work/writing ]] || break
        xargs cp -t "$work/news" < "$batch"
        $bin/search index "$work/news" --db "$work/index.db" --quiet --wait 30 || echo "index failed" >&2
    done
) &
writer=$!
wrk -t2 -c50 -d"${seconds}s" --latency -s "$work/paths.lua" "$url" | tee "$work/writing.txt"
rm -f "$work/writing"
wait $writer
echo "stories indexed at the end: $(ls "$work/news" | wc -l)"

echo "== one search process (median of 21)"
python3 - "$bin/search" "$work/index.db" <<'EOF'
import statistics, subprocess, sys, time
times = []
for _ in range(21):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "Iran", "--db", sys.argv[2], "--format", "json"], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - t) * 1000)
print(f"search Iran --format json: median {statistics.median(times):.1f} ms per process")
EOF
grep -il "database is locked\|sqlite" "$work/server.log" && echo "the server logged SQLite trouble" || echo "server log clean"
