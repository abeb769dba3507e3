#!/usr/bin/env bash
# Crash safety of `search index`, end to end with the real binary (issue 5).
#
# Builds a corpus of a few thousand small articles, then, round after round: changes some files (modify, delete,
# add), starts `search index`, kills it with SIGKILL after a random delay, and checks that
#   - the index opens and passes `search check` (SQLite integrity_check, FTS5 integrity-check, documents = passages);
#   - on a fresh index, the kill lost only the batch in flight (documents are a whole number of 500-file batches);
#   - a re-run of `index` ends with exactly the folder: as many documents as files, and the same content digest
#     (paths, content hashes, every passage's text) as an index built from scratch without a kill.
# Then searches run in other processes while `index` writes: every one must succeed, none may say "locked".
# Kills during `search rebuild` must leave the index as it was.
# Last, a folder of hostile files (bad encodings, binary, empty, 200 MB on one line, loops, a pipe, unreadable).
#
# Usage: Tests/crash/crash_test.sh [KILLS]   (env CRASH_SEED fixes the random choices; SEARCH_BIN picks the binary)
# Prints one line per failure and ends with "crash test: N passed, M failed"; exit status 1 when M > 0.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
kills_wanted=${1:-${CRASH_KILLS:-32}}
seed=${CRASH_SEED:-$(( $(date +%s) % 100000 ))}
files=2000
batch=500
RANDOM=$seed

if [[ -z "${SEARCH_BIN:-}" ]]; then
    (cd "$root" && swift build --product search >/dev/null 2>&1) || { echo "crash test: cannot build search"; echo "crash test: 0 passed, 1 failed"; exit 1; }
    SEARCH_BIN="$(cd "$root" && swift build --show-bin-path)/search"
fi
bin=$SEARCH_BIN
work=$(mktemp -d "${TMPDIR:-/tmp}/search-crash.XXXXXX")
trap 'rm -rf "$work"' EXIT
corpus=$work/corpus
db=$work/index.db
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
json_field() { grep -o "\"$1\":[^,}]*" <<<"$2" | head -1 | cut -d: -f2 | tr -d '"'; }
now_ms() { date +%s%3N; }

echo "crash test: seed $seed, $kills_wanted kills wanted, binary $bin"
mkdir -p "$corpus"/d{00..29}
awk -v seed="$seed" -v files=$files -v dir="$corpus" -f "$here/make_corpus.awk"

# The digest of an uninterrupted, from-scratch index of the folder as it is now.
reference_digest() {
    rm -f "$work"/ref.db*
    "$bin" index "$corpus" --db "$work/ref.db" --quiet >/dev/null 2>&1 || { echo "reference index failed"; return 1; }
    local out; out=$("$bin" check --db "$work/ref.db" --json)
    json_field digest "$out"
}

# Changes a few files so every run has something to add, update and remove.
mutate() {
    local i victims
    victims=$(find "$corpus" -name '*.txt' | sort | awk -v s=$RANDOM 'BEGIN{srand(s)} rand() < 0.01')
    for f in $victims; do rm -f "$f"; done
    awk -v seed=$RANDOM -v files=$((files / 10 + RANDOM % (files / 10))) -v mutate=1 -v range=$((files + 300)) -v dir="$corpus" -f "$here/make_corpus.awk"
}

start=$(now_ms)
"$bin" index "$corpus" --db "$work/timing.db" --quiet >/dev/null 2>&1
full_ms=$(( $(now_ms) - start ))
cp -r "$corpus" "$work/corpus-copy"
mutate
start=$(now_ms)
"$bin" index "$corpus" --db "$work/timing.db" --quiet >/dev/null 2>&1
update_ms=$(( $(now_ms) - start ))
rm -rf "$corpus" "$work"/timing.db*
mv "$work/corpus-copy" "$corpus"
echo "crash test: a full index of $files files takes ${full_ms} ms; an update of 10-20% ${update_ms} ms"
delays=()

kills=0
finished_early=0
rounds=0
expected=$(reference_digest)
while (( kills < kills_wanted && rounds < kills_wanted * 3 )); do
    rounds=$((rounds + 1))
    fresh=0
    # Every third round starts from nothing; the others update 10-20% of the files, which takes a fraction of the time.
    if (( rounds % 3 == 1 )); then
        fresh=1; rm -f "$db" "$db-wal" "$db-shm"; span=$((full_ms * 11 / 10))
    else
        mutate; expected=$(reference_digest); span=$((update_ms * 11 / 10))
    fi
    delay=$(( (RANDOM * 32768 + RANDOM) % (span + 1) ))
    "$bin" index "$corpus" --db "$db" --quiet >/dev/null 2>"$work/err" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    status=$?
    if (( status != 137 )); then
        finished_early=$((finished_early + 1))
        if (( status != 0 )); then fail "round $rounds: index ended with status $status: $(cat "$work/err")"; fi
    else
        kills=$((kills + 1))
        delays+=("$delay")
    fi

    # 1. The killed index opens and is healthy.
    out=$("$bin" check --db "$db" --json 2>&1)
    cstatus=$?
    if (( cstatus == 0 )) && [[ $(json_field healthy "$out") == true ]]; then
        pass
    elif (( fresh )) && grep -q "no index at" <<<"$out"; then
        pass # killed before the schema's transaction committed: an empty file, which the next run fills
    else
        fail "round $rounds (killed after $delay ms): check failed ($cstatus): $out"
    fi
    # 2. A fresh index lost only the batch in flight.
    if (( fresh && status == 137 )); then
        docs=$(json_field documents "$out"); docs=${docs:-0}
        if (( docs % batch == 0 || docs == files )); then pass; else fail "round $rounds: fresh index killed after $delay ms holds $docs documents, not whole batches of $batch"; fi
    fi
    # 3. A re-run completes it: exactly the folder's files and passages.
    if ! "$bin" index "$corpus" --db "$db" --quiet >/dev/null 2>"$work/err"; then
        fail "round $rounds: re-run failed: $(cat "$work/err")"
        continue
    fi
    out=$("$bin" check --db "$db" --json 2>&1)
    on_disk=$(find "$corpus" -name '*.txt' | wc -l)
    docs=$(json_field documents "$out")
    digest=$(json_field digest "$out")
    if [[ $(json_field healthy "$out") == true && "$docs" == "$on_disk" && "$digest" == "$expected" ]]; then
        pass
    else
        fail "round $rounds (killed after $delay ms): after the re-run: $docs documents for $on_disk files, digest $digest, expected $expected: $out"
    fi
done
echo "crash test: $kills kills mid-run survived ($finished_early runs finished before their kill) in $rounds rounds"
echo "crash test: kill delays (ms): $(printf '%s\n' "${delays[@]}" | sort -n | tr '\n' ' ')"
if (( kills < kills_wanted )); then fail "only $kills kills landed mid-run (wanted $kills_wanted)"; fi

# Kills during `search rebuild`: it runs in one transaction, so the index stays whole and its content unchanged.
start=$(now_ms)
"$bin" rebuild --db "$db" >/dev/null 2>&1 || fail "rebuild of the healthy index failed"
rebuild_ms=$(( $(now_ms) - start ))
rebuild_kills=0
for attempt in 1 2 3 4 5 6; do
    delay=$(( (RANDOM * 32768 + RANDOM) % (rebuild_ms + 1) ))
    "$bin" rebuild --db "$db" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    (( $? == 137 )) && rebuild_kills=$((rebuild_kills + 1))
    out=$("$bin" check --db "$db" --json 2>&1)
    if [[ $(json_field healthy "$out") == true && $(json_field digest "$out") == "$expected" ]]; then pass
    else fail "rebuild killed after $delay ms: $out (expected digest $expected)"; fi
done
echo "crash test: $rebuild_kills kills during rebuild (a rebuild takes ${rebuild_ms} ms) left the index whole"

# Readers during writes: searches in other processes while a fresh index is written, then while it is updated.
rm -f "$db" "$db-wal" "$db-shm"
"$bin" index "$corpus/d00" --db "$db" --quiet >/dev/null 2>&1
queries=0
bad=0
for phase in fresh update; do
    if [[ $phase == update ]]; then mutate; fi
    "$bin" index "$corpus" --db "$db" --quiet >/dev/null 2>"$work/err" &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        out=$("$bin" query 'Soleimani Baghdad' --db "$db" --format json --limit 3 2>"$work/qerr")
        qstatus=$?
        queries=$((queries + 1))
        total=$(json_field total "$out")
        if (( qstatus != 0 )) || [[ -s "$work/qerr" ]] || [[ -z "$total" ]] || (( total == 0 )); then
            bad=$((bad + 1))
            echo "FAIL: search during index ($phase) status $qstatus, total '$total': $(cat "$work/qerr")"
        fi
    done
    wait "$pid" || fail "index ($phase) with concurrent readers failed: $(cat "$work/err")"
done
if (( queries >= 5 && bad == 0 )); then pass; else fail "searches during writes: $bad of $queries failed (at least 5 wanted)"; fi
echo "crash test: $queries searches ran during writes, $bad failed"
final=$("$bin" check --db "$db" --json)
if [[ $(json_field digest "$final") == $(reference_digest) ]]; then pass; else fail "index written under concurrent searches differs from a fresh one"; fi

# Hostile files, end to end: each named on stderr and counted, the rest indexed, memory bounded for a 200 MB line.
hostile=$work/hostile
mkdir -p "$hostile/sub"
cp "$corpus"/d00/*.txt "$hostile/sub/"
good=$(ls "$hostile/sub" | wc -l)
printf 'Caf\xe9 in Baghdad\n\nLatin-1 text.\n' >"$hostile/latin1.txt"
printf '\xff\xfeN\0a\0j\0a\0f\0\n\0' >"$hostile/utf16.txt"
printf 'ELF\0\1\2\3' >"$hostile/binary.txt"
: >"$hostile/empty.txt"
ln -s . "$hostile/loop"
ln -s self.txt "$hostile/self.txt"
mkfifo "$hostile/fifo.txt"
if (( $(id -u) == 0 )); then ln -s /proc/sys/vm/drop_caches "$hostile/secret.txt"; else echo secret >"$hostile/secret.txt"; chmod 000 "$hostile/secret.txt"; fi
secret_unreadable=1
cat "$hostile/secret.txt" >/dev/null 2>&1 && secret_unreadable=0
awk 'BEGIN { srand(3); n = split("Soleimani Baghdad protest square Iraq the of and", w, " ");
             line = ""; for (i = 0; i < 4096; i++) line = line w[1 + int(rand() * n)] " ";
             for (i = 0; i < 200 * 1024 * 1024 / length(line); i++) printf "%s", line }' >"$hostile/huge.txt"
huge_mb=$(( $(stat -c %s "$hostile/huge.txt") / 1048576 ))
timer=()
if [[ -x /usr/bin/time ]]; then timer=(/usr/bin/time -f 'peak RSS %M KB'); fi
# --follow: as root, secret.txt is a link out of the folder (to /proc), which the walk follows only when asked.
"${timer[@]}" "$bin" index "$hostile" --db "$work/hostile.db" --max-file-size 16 --follow >/dev/null 2>"$work/err"
status=$?
errors=$(cat "$work/err")
expect_message() {
    if grep -q -- "$1.*$2" <<<"$errors"; then pass; else fail "hostile file $1: no message '$2' in: $errors"; fi
}
# Exit 1: files failed (each named), the rest indexed.
if (( status == 1 )); then pass; else fail "index of the hostile folder ended with status $status (1 wanted): $errors"; fi
expect_message latin1.txt "not valid UTF-8; read as Windows-1252"
expect_message binary.txt "binary file"
expect_message empty.txt "empty file"
expect_message huge.txt "too large ($huge_mb MB; the limit is 16 MB"
expect_message "hostile/loop" "symbolic link loop"
expect_message self.txt "broken or looping symbolic link"
if (( secret_unreadable )); then expect_message secret.txt "cannot read (Permission denied)"; kinds_failed=6
else echo "crash test: this machine cannot make an unreadable file (root without /proc/sys); that case was not tried"; kinds_failed=5; fi
if grep -q "$((good + 2)) added.*$kinds_failed failed, 1 other files skipped" <<<"$errors"; then pass; else fail "hostile folder summary: $errors"; fi
if [[ -n "${timer[*]}" ]]; then
    rss=$(grep -o 'peak RSS [0-9]*' <<<"$errors" | grep -o '[0-9]*$')
    echo "crash test: refusing a $huge_mb MB one-line file: peak RSS $((rss / 1024)) MB"
    if (( rss < 200 * 1024 )); then pass; else fail "peak RSS $rss KB while refusing a $huge_mb MB file"; fi
fi
out=$("$bin" query Najaf --db "$work/hostile.db" --format json)
if [[ $(json_field total "$out") -ge 1 ]]; then pass; else fail "UTF-16 file not searchable: $out"; fi

echo "crash test: $passed passed, $failed failed"
(( failed == 0 ))
