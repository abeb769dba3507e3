#!/usr/bin/env bash
# Crash safety of `search index`, end to end with the real binary (issue 5).
#
# Builds a corpus of a few thousand small articles, then, round after round: changes some files (modify, delete,
# add), starts `search index`, kills it with SIGKILL after a random delay, and checks that
#   - the index opens and passes `search check` (SQLite integrity_check, FTS5 integrity-check, documents = passages);
#   - on a fresh index, the kill lost only the batch in flight (documents are a whole number of 500-file batches);
#   - a re-run of `index` ends with exactly the folder: as many documents as files, and the same content digest
#     (paths, content hashes, every passage's text) as an index built from scratch without a kill.
#   The digest covers dates too: a fifth of the articles carry a date without a year that only the writer's last
#   pass gives (from the collection's year), so a kill between the batches and that pass must not lose it.
# KILLS of the rounds are updates (changed, added and deleted files); one round in six starts from nothing.
# Then readers run in four other processes while `index` rewrites every file again and again: each response is
# compared with what a consistent index gives (exit 0, nothing on stderr, a full page of min(limit, total)
# documents, every highlighted word one the query matches).
# Kills during `search rebuild` must leave the index as it was.
# Then the start-over (a killed update, `rm` of the database leaving its -wal), a hard-linked and a symlinked
# `--db`, `--db` that is a device, a FIFO or a dangling link, a truncated database, a 1,000-word query, and (as
# root, on a small tmpfs) searches on a full disk without a -shm file.
# Last, a folder of hostile files (bad encodings, binary, empty, 200 MB on one line, loops, a pipe, unreadable).
#
# Usage: Tests/crash/crash_test.sh [KILLS]   (env CRASH_SEED fixes the random choices; SEARCH_BIN picks the binary;
#        CRASH_SEARCHES the number of searches compared during rewrites, 2000 by default)
# Prints one line per failure and ends with "crash test: N passed, M failed"; exit status 1 when M > 0.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
kills_wanted=${1:-${CRASH_KILLS:-50}}
searches_wanted=${CRASH_SEARCHES:-2000}
seed=${CRASH_SEED:-$(( $(date +%s) % 100000 ))}
files=${CRASH_FILES:-1000}
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

echo "crash test: seed $seed, $kills_wanted kills during updates wanted, binary $bin"
test_started=$(date +%s)
has_sqlite3=0
command -v sqlite3 >/dev/null && has_sqlite3=1
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
update_kills=0
pending_kills=0
finished_early=0
rounds=0
expected=$(reference_digest)
while (( update_kills < kills_wanted && rounds < kills_wanted * 3 )); do
    rounds=$((rounds + 1))
    fresh=0
    # One round in six starts from nothing; the others update 10-20% of the files, which takes a fraction of the time.
    if (( rounds % 6 == 1 )); then
        fresh=1; rm -f "$db" "$db-wal" "$db-shm"; span=$((full_ms * 11 / 10))
    else
        mutate; expected=$(reference_digest); span=$((update_ms * 11 / 10))
    fi
    delay=$(( (RANDOM * 32768 + RANDOM) % (span + 1) ))
    # Every other update is killed in its last fifth: after the batches, around the pass that dates documents from
    # the collection's year (a kill there used to leave them undated for good).
    if (( ! fresh && rounds % 2 == 0 )); then delay=$(( span * 6 / 10 + (RANDOM * 32768 + RANDOM) % (span * 3 / 10 + 1) )); fi
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
        (( fresh )) || update_kills=$((update_kills + 1))
        delays+=("$delay")
        # Killed after a batch committed and before the last pass dated it (needs the sqlite3 shell to see).
        if (( ! fresh )) && (( has_sqlite3 )) && [[ -f "$db" ]] \
            && (( $(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM collection_dating WHERE read_in IS NULL" 2>/dev/null || echo 0) > 0 )); then
            pending_kills=$((pending_kills + 1))
        fi
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
echo "crash test: $kills kills mid-run survived ($update_kills during updates, $( (( has_sqlite3 )) && echo "$pending_kills of them between a batch and the dating pass" || echo "kills before the dating pass not counted: no sqlite3 shell"); $finished_early runs finished before their kill) in $rounds rounds, each compared (documents, passages, dates) with a fresh build ($(( $(date +%s) - test_started )) s so far)"
echo "crash test: kill delays (ms): $(printf '%s\n' "${delays[@]}" | sort -n | tr '\n' ' ')"
if (( update_kills < kills_wanted )); then fail "only $update_kills kills landed mid-update (wanted $kills_wanted)"; fi

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

# Readers during rewrites: four processes search while `index` rewrites every file (new text, same names), round
# after round. A response must be what some consistent index gives: exit 0, nothing on stderr, a full page of
# min(limit, total) documents, and every highlighted word one that 'Soleimani Baghdad' matches. (Before reads were
# one snapshot, the hits, texts and passage ranges of one response came from different commits: crashes, short
# pages and highlights on other words.)
rm -f "$db" "$db-wal" "$db-shm"
"$bin" index "$corpus" --db "$db" --quiet >/dev/null 2>&1
reader() { # reader N: searches until the file stop appears; a line per search in countN, one per bad response
    local out status total docs words w
    while [[ ! -e "$work/stop" ]]; do
        out=$("$bin" query 'Soleimani Baghdad' --db "$db" --format json --limit 3 2>"$work/qerr$1")
        status=$?
        echo . >>"$work/count$1"
        total=$(json_field total "$out")
        docs=$(grep -o '"doc":' <<<"$out" | wc -l)
        if (( status != 0 )) || [[ -s "$work/qerr$1" ]] || [[ -z "$total" ]] || (( total == 0 )); then
            echo "status $status, total '$total': $(head -c 300 "$work/qerr$1")"; continue
        fi
        if (( docs != (total < 3 ? total : 3) )); then echo "short page: $docs results of total $total"; fi
        words=$(grep -o '"matched":\[[^]]*\]' <<<"$out" | sed 's/"matched":\[//; s/\]//' | tr ',' '\n' | tr -d '"' | sort -u)
        for w in $words; do
            case "$w" in Soleimani|Suleimani|Baghdad) ;; *) echo "highlight on '$w', which the query does not match";; esac
        done
    done
}
rm -f "$work/stop" "$work"/count*
readers_started=$(date +%s)
pids=()
for r in 1 2 3 4; do reader $r >"$work/reader$r.log" 2>&1 & pids+=($!); done
rewrites=0
searches=0
while (( searches < searches_wanted && $(date +%s) - readers_started < 240 )); do
    awk -v seed=$RANDOM -v files=$files -v dir="$corpus" -f "$here/make_corpus.awk"
    "$bin" index "$corpus" --db "$db" --quiet >/dev/null 2>"$work/err" || fail "index (rewrite $rewrites) with concurrent readers failed: $(cat "$work/err")"
    rewrites=$((rewrites + 1))
    searches=$(cat "$work"/count* 2>/dev/null | wc -l)
done
touch "$work/stop"
wait "${pids[@]}"
searches=$(cat "$work"/count* 2>/dev/null | wc -l)
bad=$(cat "$work"/reader*.log | wc -l)
if (( bad > 0 )); then
    fail "$bad of $searches searches during rewrites were wrong; the first: $(cat "$work"/reader*.log | sort | uniq -c | sort -rn | head -5 | tr '\n' ';')"
else pass; fi
if (( searches >= searches_wanted )); then pass; else fail "only $searches searches ran during $rewrites rewrites (wanted $searches_wanted)"; fi
echo "crash test: $searches searches during $rewrites rewrites of all $files files compared with a consistent index, $bad wrong ($(( $(date +%s) - test_started )) s so far)"
final=$("$bin" check --db "$db" --json)
if [[ $(json_field digest "$final") == $(reference_digest) ]]; then pass; else fail "index written under concurrent searches differs from a fresh one"; fi

# Start-over: a killed update leaves a -wal; the user deletes the database only. The next build must not replay
# that log onto the new file (it did: "2nd reference to page", every query damaged, rebuild unable to fix it).
for attempt in 1 2 3 4 5 6 7 8; do
    # Every file rewritten: the update commits a batch of 500 files every quarter of its run.
    awk -v seed=$RANDOM -v files=$files -v dir="$corpus" -f "$here/make_corpus.awk"
    "$bin" index "$corpus" --db "$db" --quiet >/dev/null 2>&1 &
    pid=$!
    ms=$(( full_ms * (3 + attempt % 4) / 8 ))
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [[ -s "$db-wal" ]] && break
done
if [[ -s "$db-wal" ]]; then
    wal_bytes=$(stat -c %s "$db-wal")
    rm -f "$db"
    out=$("$bin" index "$corpus" --db "$db" --quiet 2>&1)
    status=$?
    check=$("$bin" check --db "$db" --json 2>&1)
    if (( status == 0 )) && [[ $(json_field healthy "$check") == true && $(json_field digest "$check") == $(reference_digest) ]]; then pass
    else fail "start-over after rm of a database with a $wal_bytes-byte -wal: index $status ($out), check: $check"; fi
    echo "crash test: start-over with a leftover $wal_bytes-byte -wal gave a healthy index equal to a fresh build"
else
    fail "start-over: no kill left a non-empty -wal to start over from"
fi

# One file, several names. A hard link is refused by every command (each name would get its own -wal); through a
# symbolic link a second writer is told another is writing (the lock follows the file, not the name).
ln "$db" "$work/hard.db"
for command in "index $corpus" "query Baghdad" "rebuild" "check"; do
    out=$("$bin" $command --db "$work/hard.db" 2>&1)
    if (( $? != 0 )) && grep -q "has 2 names (hard links)" <<<"$out"; then pass; else fail "hard-linked --db, $command: $out"; fi
done
rm -f "$work/hard.db"
ls "$work" | grep -q '^hard\.db' && fail "files left beside the refused hard link: $(ls "$work" | grep '^hard')"
ln -s "$db" "$work/link.db"
awk -v seed=$RANDOM -v files=$files -v dir="$corpus" -f "$here/make_corpus.awk"
"$bin" index "$corpus" --db "$work/link.db" --quiet >/dev/null 2>"$work/err" &
pid=$!
# (A lock file a killed writer left may be there already: wait until it names this one.)
for _ in $(seq 500); do grep -q "pid $pid" "$db.lock" 2>/dev/null && break; sleep 0.02; done
out=$("$bin" index "$corpus" --db "$db" 2>&1)
status=$?
wait "$pid" || fail "index through a symbolic link failed: $(cat "$work/err")"
if (( status == 2 )) && grep -q "is being updated by another process" <<<"$out"; then pass
else fail "a second writer through the real path while one writes through a symlink: status $status: $out"; fi
check=$("$bin" check --db "$work/link.db" --json 2>&1)
if [[ $(json_field healthy "$check") == true && $(json_field digest "$check") == $(reference_digest) ]]; then pass; else fail "after writers through two names: $check"; fi
[[ -e "$db.lock" || -e "$work/link.db.lock" ]] && fail "a lock file was left after the writers ended"

# --db that is not a file: refused before anything is created (no -wal in /dev, no hang on a FIFO).
mkfifo "$work/fifo.db"
ln -s "$work/nowhere.db" "$work/dangling.db"
for target in /dev/null "$work/fifo.db" "$work/dangling.db" "$work"; do
    for command in "index $corpus/d00" "query Baghdad"; do
        out=$(timeout 20 "$bin" $command --db "$target" 2>&1)
        status=$?
        if (( status != 0 && status != 124 )) && grep -q "not an index file" <<<"$out"; then pass; else fail "--db $target, $command: status $status: $out"; fi
    done
    for suffix in -wal -shm -journal .lock .building; do
        [[ -e "$target$suffix" ]] && { fail "--db $target left $target$suffix"; rm -f "$target$suffix"; }
    done
done
[[ -L "$work/dangling.db" && ! -e "$work/nowhere.db" ]] && pass || fail "the dangling link was replaced or followed"

# A truncated database: every command says it is not usable, none sends the user to rebuild (which cannot help).
cp "$db" "$work/cut.db"
truncate -s $(( $(stat -c %s "$db") / 3 )) "$work/cut.db"
for command in "query Baghdad" "rebuild" "stats"; do
    out=$("$bin" $command --db "$work/cut.db" 2>&1)
    status=$?
    if (( status != 0 && status < 128 )) && ! grep -q "run: search rebuild" <<<"$out"; then pass; else fail "truncated index, $command: status $status: $out"; fi
done

# Query cost is bounded: 1,000 copies of a word are one word (as fast as the word alone, the same total); 1,000
# different words are refused at once with the reason (they are more than the 128 terms one search looks up).
copies=$(printf 'Baghdad %.0s' $(seq 1000))
start=$(now_ms)
out=$("$bin" query "$copies" --db "$db" --format json --limit 3 2>&1)
status=$?
copies_ms=$(( $(now_ms) - start ))
single=$("$bin" query Baghdad --db "$db" --format json --limit 3 2>&1)
if (( status == 0 && copies_ms < 5000 )) && [[ $(json_field total "$out") == $(json_field total "$single") ]]; then pass
else fail "1,000 copies of a word: status $status in $copies_ms ms, total $(json_field total "$out") (alone: $(json_field total "$single"))"; fi
distinct=$(seq 1000 | sed 's/^/word/' | tr '\n' ' ')
start=$(now_ms)
out=$("$bin" query "$distinct" --db "$db" 2>&1)
status=$?
distinct_ms=$(( $(now_ms) - start ))
if (( status == 2 && distinct_ms < 5000 )) && grep -q "query too long: it asks for 1000 different" <<<"$out"; then pass
else fail "1,000 different words: status $status in $distinct_ms ms: $out"; fi
echo "crash test: a 1,000-word query took $copies_ms ms (1,000 copies) and $distinct_ms ms (1,000 different words, refused); the bound is 5,000 ms"

# A full disk with no -shm file: every read-only command still answers (as root, on a 16 MB tmpfs).
if (( $(id -u) == 0 )) && mkdir -p "$work/full" && mount -t tmpfs -o size=16m tmpfs "$work/full" 2>/dev/null; then
    trap 'umount "$work/full" 2>/dev/null; rm -rf "$work"' EXIT
    "$bin" index "$corpus/d00" --db "$work/full/i.db" --quiet >/dev/null 2>&1
    want=$("$bin" query Baghdad --db "$work/full/i.db" --format json | grep -o '"total":[0-9]*')
    rm -f "$work/full/i.db-shm"
    dd if=/dev/zero of="$work/full/fill" bs=64k >/dev/null 2>&1
    doc=$(cd "$corpus/d00" && ls | head -1)
    for command in "query Baghdad --format json" "query Baghdad --count" "stats" "show $doc"; do
        out=$("$bin" $command --db "$work/full/i.db" 2>&1)
        status=$?
        if (( status == 0 )) && ! grep -qi "sqlite\|error" <<<"$out"; then pass; else fail "full disk, $command: status $status: $out"; fi
    done
    got=$("$bin" query Baghdad --db "$work/full/i.db" --format json | grep -o '"total":[0-9]*')
    if [[ -n "$want" && "$got" == "$want" ]]; then pass; else fail "full disk: $got, expected $want"; fi
    echo "crash test: on a full 16 MB tmpfs without -shm, query, count, stats and show answered ($got)"
    umount "$work/full"
else
    echo "crash test: not root or no tmpfs here: the full-disk read was not tried"
fi

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

echo "crash test: $passed passed, $failed failed in $(( $(date +%s) - test_started )) s"
(( failed == 0 ))
