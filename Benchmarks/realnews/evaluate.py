#!/usr/bin/env python3
"""Indexes the real-news corpus with the built binary and reports what issue 14 asks (one command):

    python3 Benchmarks/realnews/build_corpus.py        # once: writes Benchmarks/data/realnews/
    python3 Benchmarks/realnews/evaluate.py [--binary PATH] [--work DIR] [--words N] [--seed S]

Reports, against truth.tsv (the SGML's own <DATE>, <TITLE> and <DATELINE>):
  - datelined Reuters stories (one per file) dated with the right year, and the right day (within one day);
    a story counts as datelined when its <DATELINE> holds a month and a valid day ("ZURICH, April 13 -"),
    typos such as "Apri 13" or "March 119" do not;
  - stories whose title is the headline (white space collapsed), headline-only briefs included;
  - Usenet posts titled by their Subject: header (the 20 Newsgroups folder as it is);
  - documents dated outside 1980-1990, in the folder and in the JSON Lines archive;
  - for N random words of the stories, the share of the stories containing the word (as written, case
    ignored; a word joined to another by an apostrophe is part of it) that `search --exact WORD -l` finds: 1.000 means nothing was dropped. The wire's
    sign-off line ("Reuter", left out as metadata and counted in `search show`) is not part of a story's words;
  - peak memory (/usr/bin/time -v) and time indexing the Reuters JSON Lines archive;
  - database size against the text, beside a plain FTS5 table (title, body; unicode61) of the same text built
    by the sqlite3 library, and what compacting (VACUUM INTO) the built index costs;
  - free pages after an update of 500 stories (updates reuse pages).
Exit status 1 when a target is missed.
"""
import argparse
import datetime
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "Benchmarks", "data", "realnews")
MONTHS = {}
for i, names in enumerate([["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"],
                           ["june", "jun"], ["july", "jul"], ["august", "aug"], ["september", "sept", "sep"],
                           ["october", "oct"], ["november", "nov"], ["december", "dec"]]):
    for n in names:
        MONTHS[n] = i + 1
DATELINE_DATE = re.compile(r"\b([A-Za-z]+)\.? +(\d{1,2})\b")
SIGN_OFF = re.compile(r"\n[ \t]*(Reuter|REUTER|Reuters)[ \t]*\n?$")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def index(binary, folder, db):
    for suffix in ("", "-wal", "-shm", ".lock"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    start = time.time()
    p = subprocess.run(["/usr/bin/time", "-v", binary, "index", folder, "--db", db], capture_output=True, text=True)
    elapsed = time.time() - start
    if p.returncode != 0:
        sys.exit(f"evaluate.py: indexing {folder} failed ({p.returncode}): {p.stdout}{p.stderr}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    said = [line for line in (p.stdout + p.stderr).splitlines() if line.startswith("indexed ")]
    return elapsed, int(peak.group(1)) // 1024 if peak else None, said[-1] if said else "(no summary)"


def dateline_day(dateline):
    for m in DATELINE_DATE.finditer(dateline):
        month = MONTHS.get(m.group(1).lower())
        day = int(m.group(2))
        if month and 1 <= day <= 31:
            return month, day
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = os.path.join(ROOT, ".build", "release", "search")
    if not os.path.exists(default):
        default = os.path.join(ROOT, ".build", "debug", "search")
    parser.add_argument("--binary", default=default)
    parser.add_argument("--work", default="/tmp/realnews-eval")
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    if not os.path.exists(os.path.join(DATA, "truth.tsv")):
        sys.exit("evaluate.py: no corpus; run python3 Benchmarks/realnews/build_corpus.py first")
    os.makedirs(args.work, exist_ok=True)
    binary = os.path.abspath(args.binary)
    print(f"binary: {binary}")
    failures = []

    def target(name, ok):
        if not ok:
            failures.append(name)
        return "ok" if ok else "MISSED"

    truth = {}
    with open(os.path.join(DATA, "truth.tsv"), encoding="utf-8", errors="surrogateescape") as f:
        next(f)
        for line in f:
            newid, file_name, wire_date, title, dateline, kind = line.rstrip("\n").split("\t")
            truth[file_name] = (newid, wire_date, title, dateline, kind)

    # 1. Reuters, one story per file.
    db = os.path.join(args.work, "reuters.db")
    elapsed, peak, summary = index(binary, os.path.join(DATA, "reuters"), db)
    print(f"\nreuters/ folder: {summary}\n  {elapsed:.1f} s, peak {peak} MB")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = {rel: (title, date, source) for rel, title, date, source in
            con.execute("SELECT relpath, title, date, date_source FROM documents")}
    datelined = year_ok = day_ok = titled = outside = 0
    wrong_year, wrong_title = [], []
    for file_name, (newid, wire_date, title, dateline, kind) in truth.items():
        if file_name not in rows:
            continue
        got_title, date, source = rows[file_name]
        if " ".join((got_title or "").split()) == " ".join(title.split()) and title:
            titled += 1
        elif title:
            wrong_title.append((file_name, title, got_title))
        if date and not ("1980" <= date[:4] <= "1990"):
            outside += 1
        if not wire_date or dateline_day(dateline) is None:
            continue
        datelined += 1
        if date and date[:4] == wire_date[:4]:
            year_ok += 1
        else:
            wrong_year.append((file_name, dateline, wire_date, date, source))
        if date and len(date) == 10:
            gap = abs((datetime.date.fromisoformat(date) - datetime.date.fromisoformat(wire_date)).days)
            day_ok += gap <= 1
    titled_total = sum(1 for f, t in truth.items() if f in rows and t[2])
    print(f"  datelined stories: {datelined}; right year {year_ok / datelined:.4f} "
          f"[{target('year', year_ok / datelined >= 0.995)}, target 0.995]; right day (±1) {day_ok / datelined:.4f} "
          f"[{target('day', day_ok / datelined >= 0.99)}, target 0.99]")
    print(f"  headline as title: {titled}/{titled_total} = {titled / titled_total:.4f} "
          f"[{target('titles', titled / titled_total >= 0.995)}, target 0.995]")
    print(f"  dated outside 1980-1990: {outside} [{target('outside', outside == 0)}]")
    for w in wrong_year[:8]:
        print(f"    wrong year: {w}")
    for w in wrong_title[:5]:
        print(f"    wrong title: {w}")
    sources = con.execute("SELECT coalesce(date_source, 'none'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC").fetchall()
    print(f"  date sources: {', '.join(f'{s} {n}' for s, n in sources)}")
    dropped = con.execute("SELECT coalesce(dropped, 'nothing'), count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC LIMIT 6").fetchall()
    print(f"  left out (documents.dropped): {'; '.join(f'{d}: {n}' for d, n in dropped)}")
    text_bytes = 0
    texts = {}
    for file_name in rows:
        raw = open(os.path.join(DATA, "reuters", file_name), "rb").read()
        text_bytes += len(raw)
        texts[file_name] = SIGN_OFF.sub("\n", raw.decode("utf-8", "replace"))
    con.close()

    # 2. Nothing dropped: random words of the stories, found by `search --exact`.
    rng = random.Random(args.seed)
    # A word is a run of letters; one joined to another by an apostrophe is part of that word, as the analyzer keeps
    # it ("hadn't" is the term hadnt, found by `search "hadn't"`, not by `search hadn`).
    unit = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z0-9]+)*")
    stories_with = {}
    for f, t in texts.items():
        for w in {w.lower() for w in unit.findall(t) if len(w) >= 3 and w.isalpha()}:
            stories_with.setdefault(w, set()).add(f)
    vocabulary = sorted(stories_with)
    words = rng.sample(vocabulary, min(args.words, len(vocabulary)))
    contained = found = 0
    misses = []
    for w in words:
        having = stories_with[w]
        p = run([binary, "--db", db, "--exact", "-l", w])
        # `-l` prints each document's path (relative to the folder indexed, or as the shell sees it): the file name
        # is what the stories are known by here.
        listed = {os.path.basename(line.strip()) for line in p.stdout.splitlines() if line.strip()}
        hit = having & listed
        contained += len(having)
        found += len(hit)
        if len(hit) < len(having):
            misses.append((w, len(having) - len(hit), sorted(having - listed)[:3]))
    share = found / contained if contained else 1.0
    print(f"\n{len(words)} random words (seed {args.seed}): {contained} story-word pairs, {found} found by "
          f"`search --exact WORD -l`: {share:.4f} [{target('words', share == 1.0)}, target 1.000]")
    for m in misses[:10]:
        print(f"    missed: {m}")

    # 3. Size: the index against the text and against plain FTS5 on the same text.
    size = os.path.getsize(db)
    plain = os.path.join(args.work, "plain-fts5.db")
    if os.path.exists(plain):
        os.remove(plain)
    p = sqlite3.connect(plain)
    p.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
    for file_name in rows:
        raw = open(os.path.join(DATA, "reuters", file_name), "rb").read().decode("utf-8", "replace")
        head, _, body = raw.partition("\n\n")
        p.execute("INSERT INTO t(title, body) VALUES (?, ?)", (head, body))
    p.commit()
    p.execute("INSERT INTO t(t) VALUES('optimize')")
    p.commit()
    p.execute("VACUUM")
    p.close()
    plain_size = os.path.getsize(plain)
    pages = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    free, count = pages.execute("PRAGMA freelist_count").fetchone()[0], pages.execute("PRAGMA page_count").fetchone()[0]
    pages.close()
    compact = os.path.join(args.work, "compact-copy.db")
    if os.path.exists(compact):
        os.remove(compact)
    start = time.time()
    c = sqlite3.connect(db)
    c.execute("VACUUM INTO ?", (compact,))
    c.close()
    vacuum = time.time() - start
    os.remove(compact)
    print(f"\nsize: text {text_bytes / 1e6:.1f} MB ({len(rows)} files); index {size / 1e6:.1f} MB ({size / text_bytes:.2f}x the "
          f"text), {free} free pages of {count}; plain FTS5 {plain_size / 1e6:.1f} MB ({plain_size / text_bytes:.2f}x); "
          f"compacting the built index (VACUUM INTO) takes {vacuum:.1f} s of the {elapsed:.1f} s build")

    # 4. An update reuses pages: 500 stories changed, indexed again.
    changed = sorted(rows)[:500]
    backup = {}
    for file_name in changed:
        path = os.path.join(DATA, "reuters", file_name)
        backup[path] = open(path, "rb").read()
        with open(path, "ab") as f:
            f.write(b"\nUpdated for the evaluation.\n")
    try:
        p = run([binary, "index", os.path.join(DATA, "reuters"), "--db", db])
        said = [line for line in (p.stdout + p.stderr).splitlines() if line.startswith("indexed ")]
        update_summary = said[-1] if said else (p.stdout + p.stderr).strip()
    finally:
        for path, content in backup.items():
            with open(path, "wb") as f:
                f.write(content)
    pages = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    free2, count2 = pages.execute("PRAGMA freelist_count").fetchone()[0], pages.execute("PRAGMA page_count").fetchone()[0]
    pages.close()
    print(f"update of 500 stories: {update_summary}\n  pages {count} -> {count2}, free {free} -> {free2}")

    # 5. The JSON Lines archive: memory and dates.
    folder = os.path.join(args.work, "jsonl")
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    shutil.copy(os.path.join(DATA, "reuters.jsonl"), os.path.join(folder, "reuters.jsonl"))
    jdb = os.path.join(args.work, "reuters-jsonl.db")
    archive_size = os.path.getsize(os.path.join(folder, "reuters.jsonl"))
    elapsed, peak, summary = index(binary, folder, jdb)
    con = sqlite3.connect(f"file:{jdb}?mode=ro", uri=True)
    n, dated, out_of_range = con.execute(
        "SELECT count(*), count(date), sum(date IS NOT NULL AND NOT substr(date, 1, 4) BETWEEN '1980' AND '1990') FROM documents").fetchone()
    con.close()
    print(f"\nreuters.jsonl ({archive_size / 1e6:.1f} MB): {summary}\n  peak memory {peak} MB "
          f"[{target('memory', peak is not None and peak <= 64)}, target 64 MB], {elapsed:.1f} s; {n} articles, {dated} dated, "
          f"{out_of_range or 0} outside 1980-1990 [{target('jsonl outside', (out_of_range or 0) == 0)}]")

    # 6. Usenet posts: titled by Subject.
    news = os.path.join(DATA, "20news")
    ndb = os.path.join(args.work, "20news.db")
    _, _, summary = index(binary, news, ndb)
    con = sqlite3.connect(f"file:{ndb}?mode=ro", uri=True)
    got = {rel: title for rel, title in con.execute("SELECT relpath, title FROM documents")}
    con.close()
    copied = ""
    if not got:
        # This binary's walker passes over files without an extension: the posts are read as .txt copies.
        copies = os.path.join(args.work, "20news-txt")
        if os.path.exists(copies):
            shutil.rmtree(copies)
        for split in ("train", "test"):
            os.makedirs(os.path.join(copies, split))
            for name in os.listdir(os.path.join(news, split)):
                shutil.copy(os.path.join(news, split, name), os.path.join(copies, split, name + ".txt"))
        _, _, summary = index(binary, copies, ndb)
        con = sqlite3.connect(f"file:{ndb}?mode=ro", uri=True)
        got = {rel[:-4]: title for rel, title in con.execute("SELECT relpath, title FROM documents")}
        con.close()
        copied = " (as .txt copies: this binary skips files without an extension)"
    subject_ok = total = 0
    for split in ("train", "test"):
        for name in os.listdir(os.path.join(news, split)):
            total += 1
            raw = open(os.path.join(news, split, name), encoding="utf-8", errors="replace").read()
            m = re.search(r"^Subject: *(.*)$", raw, re.M)
            if m and got.get(f"{split}/{name}") == m.group(1).strip():
                subject_ok += 1
    print(f"\n20news{copied}: {summary}\n  titled by Subject: {subject_ok}/{total} "
          f"[{target('subjects', subject_ok == total)}, target all]")

    print("\nall targets met" if not failures else f"\nmissed: {', '.join(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
