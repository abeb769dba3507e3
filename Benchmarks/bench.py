#!/usr/bin/env python3
"""Times `search` against the sqlite3 shell's FTS5, Recoll, Xapian (omindex/quest) and ripgrep on one corpus,
whole processes as a user meets them.

Run it through Benchmarks/run.sh, which installs the tools and builds the binary and the corpus first. Writes
Benchmarks/results/<date>-<corpus>.json, the corpus's section of BENCHMARKS.md and its chart.

    python3 Benchmarks/bench.py --corpus 100M|1G|reuters --search .build/release/search [--runs 11] [--words 5]
"""
from __future__ import annotations

import argparse
import datetime
import json
import hashlib
import math
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent

FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"

TOOLS = ["search", "sqlite-file", "sqlite-passage", "recoll", "xapian", "rg"]
DEFAULT_TOOLS = ["search", "sqlite-file", "recoll", "xapian", "rg"]
TOOL_LABEL = {"search": "search", "sqlite-file": "sqlite3 shell FTS5", "sqlite-passage": "sqlite3 FTS5 (row per passage)",
              "recoll": "Recoll (recollq)", "xapian": "Xapian (quest)", "rg": "ripgrep (no index)"}
BASELINE = "sqlite-file"
INDEX_LABEL = {"search": "search index", "search-jsonl": "search index", "sqlite-file": "sqlite3 shell FTS5",
               "sqlite-passage": "sqlite3 FTS5 (row per passage)", "recoll": "Recoll (recollindex)",
               "xapian": "Xapian (omindex)"}

# ---------------------------------------------------------------------------------------------------------------
# Corpora

REUTERS = BENCH / "data" / "realnews" / "reuters"
REUTERS_JSONL = BENCH / "data" / "realnews" / "reuters.jsonl"
REUTERS_TRUTH = BENCH / "data" / "realnews" / "truth.tsv"

# Reuters' spellings of one name that occur in the stories (checked with rg -w -i): the "other spelling" class
# queries one of the less common ones. Titles such as Sheikh/Sheik are left out: they are not names.
REUTERS_VARIANTS = [["Mohammed", "Mohammad", "Mohamed", "Muhammad"], ["Hussein", "Hossein", "Husain", "Husayn"],
                    ["Khaled", "Khalid"], ["Nazer", "Nazir"], ["Abdullah", "Abdallah"],
                    ["Gaddafi", "Qaddafi", "Kadhafi", "Khadafy"], ["Rafsanjani", "Rafsandjani"]]


def corpus_spec(name: str) -> dict:
    """Where a corpus is, how its files carry title and date, and the date range of the date class."""
    if name == "REUTERS":
        return {"key": "reuters", "docs": REUTERS, "front_matter": False,
                "since": "1987-04-01", "until": "1987-04-30", "title": "Reuters-21578 stories, one file each"}
    return {"key": name, "docs": BENCH / "data" / f"corpus-{name}" / "docs", "front_matter": True,
            "since": "2019-01-01", "until": "2019-12-31", "title": f"{size_name(name)} corpus of Debian prose"}


def reuters_info(docs: Path) -> dict:
    """Size and a content hash of the Reuters folder (the corpus builder is deterministic; this checks it)."""
    h = hashlib.sha256()
    total, files = 0, 0
    for p in sorted(docs.glob("*.txt")):
        b = p.read_bytes()
        h.update(p.name.encode() + b"\0" + b)
        total += len(b)
        files += 1
    return {"size": "reuters", "bytes": total, "files": files, "sha256": h.hexdigest(),
            "source": "Benchmarks/realnews/build_corpus.py from ../shared/realnews/reuters21578"}


def size_name(size: str) -> str:
    return {"100M": "100 MiB", "1G": "1 GiB"}.get(size, size)


def size_bytes(size: str) -> float:
    return float(size[:-1]) * {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(size[-1], 1)

# ---------------------------------------------------------------------------------------------------------------
# Drawing the class queries

CLASS_RULE = (
    "Each class's query words are drawn at random (Python's `random.Random(seed)`, seed 42 unless the section says "
    "otherwise) from the corpus's words of that class's document frequency (df), several per class, and each class's "
    "figure is the median over its words of each word's median time. A word's df is the number of files the sqlite3 "
    "shell's FTS5 index (porter stemmer) matches for it; words are runs of ASCII letters, lower-cased; the word "
    "classes draw from WordNet 3.0 lemmas written in lower case (common words, not names). "
    "**single word**: lemmas of 5+ letters with df 0.5–2% of the files. **two words**: a second draw from the same "
    "band, each paired with a word of the band drawn from those found with it in at least 3 files (and "
    "never a word the stemmer makes the same). **phrase**: two adjacent lemmas of 4+ letters (each in at most 10% of "
    "the files) whose df as an FTS5 phrase is 0.5–2%. **word + date**: the single words, with a date range. "
    "**rare name**: on the Debian corpus the injected people's commonest spellings; on Reuters, words never written "
    "in lower case, not lemmas, of 5+ letters, df 0.05–0.5%. **other spelling**: on the Debian corpus the injected "
    "people's other spellings; on Reuters the less common spellings of the names in `REUTERS_VARIANTS` (bench.py) that "
    "occur. **common word**: lemmas of 4+ letters with df 5–20%. **frequent word**: any word of 2+ letters with df of 40% or more "
    "(`reuter`, the wire's sign-off, left out). `--count` is asked for the word of the highest df.")
BAND = (0.005, 0.02)
WORD = re.compile(r"[a-z]+")
RAW_WORD = re.compile(r"[A-Za-z]+")


def wordnet_lemmas() -> set[str]:
    """One-word WordNet lemmas written in lower case: common words, not names (`Arnold`, `Paris`)."""
    lemmas: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        path = Path(f"/usr/share/wordnet/data.{pos}")
        if not path.exists():
            raise SystemExit(f"error: {path} is missing: apt-get install wordnet-base (run.sh does)")
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(" "):
                continue   # the licence header
            fields = line.split(" ")
            for i in range(int(fields[3], 16)):
                lemma = fields[4 + 2 * i].split("(")[0]   # adjectives carry a marker: `galore(ip)`
                if lemma.isalpha() and lemma.islower():
                    lemmas.add(lemma)
    return lemmas


def corpus_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("build_corpus", BENCH / "corpus" / "build_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["build_corpus"] = mod   # its dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


def injected_words() -> set[str]:
    """Every word of the names and sentences the Debian corpus's builder injects: the name classes' subject."""
    mod = corpus_module()
    text = " ".join(mod.PERSON_FULL + mod.PERSON_SHORT + mod.GROUP_FULL + mod.GROUP_SHORT)
    for key, (_, _, spellings) in mod.ENTITIES.items():
        text += " " + key + " " + " ".join(f"{a} {b}" for a, b, _ in spellings)
    return set(WORD.findall(text.lower()))


def injected_names() -> list[tuple[str, str, list[str]]]:
    """(entity, commonest one-word spelling, other one-word spellings) of the injected people."""
    out = []
    for key, (_, kind, spellings) in corpus_module().ENTITIES.items():
        if kind != "person":
            continue
        shorts: Counter[str] = Counter()
        for _, short, weight in spellings:
            s = re.sub(r"^al-", "", short)
            if s.isalpha():
                shorts[s] += weight
        if shorts:
            ranked = [s for s, _ in shorts.most_common()]
            out.append((key, ranked[0], ranked[1:]))
    return out


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _df_chunk(paths: list[Path]) -> tuple[Counter, Counter]:
    """Per chunk: files per lower-cased word, and files where the word is written in lower case."""
    df: Counter[str] = Counter()
    low: Counter[str] = Counter()
    for p in paths:
        raw = set(RAW_WORD.findall(_read(p)))
        df.update({w.lower() for w in raw})
        low.update({w for w in raw if w.islower()})
    return df, low


def _pairs_chunk(job: tuple) -> tuple[dict, Counter]:
    paths, firsts, cands, content = job
    co: dict[str, Counter] = {w: Counter() for w in firsts}
    pairs: Counter[str] = Counter()
    for p in paths:
        toks = WORD.findall(_read(p).lower())
        seen = set(toks)
        for w in firsts & seen:
            co[w].update(seen & cands)
        marks = [t if t in content else None for t in toks]
        pairs.update({f"{x} {y}" for x, y in zip(marks, marks[1:]) if x and y})
    return co, pairs


def draw_classes(spec: dict, corpus: dict, work: Path, fts_db: Path, seed: int, k: int) -> dict:
    """The query words of every class, by CLASS_RULE; cached per corpus hash, seed and k in the work folder."""
    import multiprocessing
    import sqlite3
    cache = work / "class-words.json"
    if cache.exists():
        cached = json.loads(cache.read_text())
        if (cached.get("sha256"), cached.get("rule"), cached.get("seed"), cached.get("k")) == \
                (corpus["sha256"], CLASS_RULE, seed, k):
            return cached
    if not fts_db.exists():
        raise SystemExit(f"error: drawing the class words needs the sqlite3 shell's index {fts_db}")
    print("drawing the class words (two passes over the corpus)…", file=sys.stderr)
    t0 = time.time()
    conn = sqlite3.connect(f"file:{fts_db}?mode=ro", uri=True)

    def hits(match: str) -> int:
        return conn.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()[0]

    rng = random.Random(seed)
    docs = spec["docs"]
    paths = sorted(docs.rglob("*.txt"))
    n = len(paths)
    chunks = [paths[i:i + 2000] for i in range(0, n, 2000)]
    df: Counter[str] = Counter()
    low: Counter[str] = Counter()
    lemmas = wordnet_lemmas()
    injected = injected_words() if spec["front_matter"] else set()
    with multiprocessing.Pool(2) as pool:
        for d, lo_ in pool.imap_unordered(_df_chunk, chunks):
            df.update(d)
            low.update(lo_)
        lo, hi = BAND[0] * n, BAND[1] * n
        # Stemming only merges words, so a word whose stemmed df is in a band has an unstemmed df at most its top.
        pre = sorted(w for w, c in df.items() if len(w) >= 4 and 0.0005 * n <= c <= 0.2 * n and w in lemmas
                     and w not in injected)
        sdf = {w: hits(w) for w in pre}
        band = sorted(w for w in pre if len(w) >= 5 and lo <= sdf[w] <= hi)
        common = sorted(w for w in pre if 0.05 * n <= sdf[w] <= 0.2 * n)
        if len(band) < 2 * k or len(common) < k:
            raise SystemExit("error: too few words of typical selectivity in the corpus")
        words = rng.sample(band, k)
        firsts = rng.sample(sorted(set(band) - set(words)), k)
        content = {w for w, c in df.items() if len(w) >= 4 and c <= 0.1 * n and w in lemmas and w not in injected}
        co: dict[str, Counter] = {w: Counter() for w in firsts}
        pairs: Counter[str] = Counter()
        for c_part, p_part in pool.imap_unordered(_pairs_chunk, [(ch, set(firsts), set(band), content)
                                                                  for ch in chunks]):
            for w, c in c_part.items():
                co[w].update(c)
            pairs.update(p_part)
    two = []
    for a in firsts:
        near = sorted(w for w, c in co[a].items() if w != a and c >= 3)
        rng.shuffle(near)
        for b in near:
            d = hits(f"{a} {b}")
            if d < min(sdf[a], sdf[b]):   # not one word to the stemmer
                two.append({"words": [a, b], "df": d})
                break
    phrases = []
    near = sorted(b for b, c in pairs.items() if lo <= c <= hi)
    rng.shuffle(near)
    for b in near:
        d = hits(f'"{b}"')
        if lo <= d <= hi:
            phrases.append({"phrase": b, "df": d})
            if len(phrases) == k:
                break
    frequent_pool = sorted(w for w, c in df.items() if c >= 0.4 * n and len(w) >= 2 and w != "reuter")
    fdf = {w: hits(w) for w in frequent_pool}
    frequent = rng.sample(frequent_pool, min(k, len(frequent_pool)))
    most = max(frequent_pool, key=lambda w: (fdf[w], w))
    commons = rng.sample(common, k)
    if spec["front_matter"]:
        people = injected_names()
        rare = [{"word": s, "entity": e} for e, s, _ in rng.sample(people, min(k, len(people)))]
        others = sorted((e, v) for e, _, vs in people for v in vs)
        variant = [{"word": v, "entity": e} for e, v in rng.sample(others, min(k, len(others)))]
    else:
        names = sorted(w for w, c in df.items() if len(w) >= 5 and low[w] == 0 and w not in lemmas
                       and 0.0005 * n <= c <= 0.005 * n)
        rare = [{"word": w.capitalize()} for w in rng.sample(names, k)]
        others = []
        for group in REUTERS_VARIANTS:
            present = sorted((s for s in group if df[s.lower()] > 0), key=lambda s: (-df[s.lower()], s))
            if len(present) >= 2:
                others += [(group, s) for s in present[1:]]
        variant = [{"word": s, "spellings": [x for x in g if df[x.lower()] > 0]}
                   for g, s in rng.sample(others, min(k, len(others)))]
    for v in rare + variant:
        v["df"] = hits(v["word"])
        if "spellings" in v:
            v["any_spelling_df"] = hits(" OR ".join(v["spellings"]))
    out = {"sha256": corpus["sha256"], "rule": CLASS_RULE, "seed": seed, "k": k, "files": n,
           "band_words": len(band), "common_words": len(common), "frequent_words": len(frequent_pool),
           "word": [{"word": w, "df": sdf[w]} for w in words], "two": two, "phrase": phrases,
           "common": [{"word": w, "df": sdf[w]} for w in commons],
           "frequent": [{"word": w, "df": fdf[w]} for w in frequent], "most_frequent": {"word": most, "df": fdf[most]},
           "rare": rare, "variant": variant, "seconds": round(time.time() - t0, 1)}
    cache.write_text(json.dumps(out, indent=1) + "\n")
    return out


def build_classes(w: dict, spec: dict) -> list[dict]:
    """The query classes, each with its list of queries (`search` form, FTS5 form, rg arguments)."""
    def word_q(x, **extra):
        return {"search": x, "fts": x, "rg": ["-w", x], "recoll": x, "xapian": x, **extra}
    date = {"since": spec["since"], "until": spec["until"]}
    classes = [
        {"id": "word", "label": "single word", "queries": [word_q(v["word"], df=v["df"]) for v in w["word"]]},
        {"id": "two", "label": "two words", "queries": [
            {"search": " ".join(v["words"]), "fts": " ".join(v["words"]),
             "rg": ["-w", "-e", v["words"][0], "-e", v["words"][1]], "recoll": " ".join(v["words"]),
             "xapian": " ".join(v["words"]), "df": v["df"]} for v in w["two"]]},
        {"id": "phrase", "label": "phrase", "queries": [
            {"search": f'"{v["phrase"]}"', "fts": f'"{v["phrase"]}"', "rg": ["-F", "-w", v["phrase"]],
             "recoll": f'"{v["phrase"]}"', "xapian": f'"{v["phrase"]}"', "df": v["df"]} for v in w["phrase"]]},
        {"id": "date", "label": "word + date range", "queries": [
            {**word_q(v["word"]), "rg": None, "recoll": None, "xapian": None, **date} for v in w["word"]]},
        {"id": "rare", "label": "rare name", "queries": [word_q(v["word"], df=v["df"], entity=v.get("entity"))
                                                         for v in w["rare"]]},
        {"id": "variant", "label": "same name, other spelling", "queries": [
            word_q(v["word"], df=v["df"], entity=v.get("entity"), any_df=v.get("any_spelling_df"))
            for v in w["variant"]]},
        {"id": "common", "label": "common word (df 5–20%)", "queries": [word_q(v["word"], df=v["df"])
                                                                          for v in w["common"]]},
        {"id": "frequent", "label": "frequent word (df ≥ 40%)", "queries": [word_q(v["word"], df=v["df"])
                                                                            for v in w["frequent"]]},
    ]
    return classes

# ---------------------------------------------------------------------------------------------------------------
# Process measurement

GNU_TIME = "/usr/bin/time"


def run_measured(argv: list[str], cwd: Path | None = None, stdin_path: Path | None = None) -> dict:
    """Runs one process to completion; wall time and the process's own peak RSS.

    The peak comes from GNU time (`%M`), not from this script's wait4: Linux hands the parent's high-water RSS to
    a child at exec (`signal->maxrss`), so a child of this Python process would report at least the parent's peak."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
    os.close(fd)
    argv = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file, *argv]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if stdin_path:
        stdin.close()
    try:
        peak_kb = int(Path(rss_file).read_text().split()[-1])
    except (ValueError, IndexError):
        peak_kb = usage.ru_maxrss
    os.unlink(rss_file)
    return {"wall_s": wall, "peak_rss_mb": peak_kb / 1024, "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
            "exit": os.waitstatus_to_exitcode(status), "stderr": err.decode(errors="replace")[-2000:]}


def p95(s: list[float]) -> float:
    s = sorted(s)
    return s[min(len(s) - 1, max(0, int(round(0.95 * len(s))) - 1))]


def time_processes(commands: dict[str, list[str]], runs: int, warmup: int, ok=(0, 1)) -> dict[str, dict]:
    """Whole-process wall time (fork + exec + exit), CPU time and minor page faults of each command.

    The commands take turns, run by run, so that a change in the machine's load (it is shared) falls on all of
    them alike and their ratios stay fair."""
    samples: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    faults: dict[str, list[int]] = {k: [] for k in commands}
    failed: set[str] = set()
    for i in range(warmup + runs):
        for key, argv in commands.items():
            if key in failed:
                continue
            t0 = time.perf_counter()
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
            err = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)
            dt = time.perf_counter() - t0
            proc.stderr.close()
            code = os.waitstatus_to_exitcode(status)
            if code not in ok:
                print(f"warning: {' '.join(argv)[:200]} exited {code}: {err.decode(errors='replace')[-300:]}",
                      file=sys.stderr)
                failed.add(key)
            elif i >= warmup:
                samples[key].append(dt * 1000)
                cpu[key].append((usage.ru_utime + usage.ru_stime) * 1000)
                faults[key].append(usage.ru_minflt + usage.ru_majflt)
    return {k: {"samples": v, "median_ms": statistics.median(v), "p95_ms": p95(v),
                "cpu_median_ms": statistics.median(cpu[k]), "faults_median": statistics.median(faults[k])}
            for k, v in samples.items() if k not in failed and v}


def tree_size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    total = 0
    for suffix in ("", "-wal", "-journal"):
        p = Path(str(path) + suffix)
        if p.exists():
            total += p.stat().st_size
    return total


def remove_db(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(path) + suffix)
        if p.is_file():
            p.unlink()

# ---------------------------------------------------------------------------------------------------------------
# The sqlite3 shell


def sql_quote(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


# Debian corpus: front matter is `---\ntitle: T\ndate: D\n---\n\n`; the shell reads title, date and body out of
# each file with readfile(), so its load does the same work as `search index`. Reuters: the headline is the first
# line; the shell cannot date a dateline without a year, so it is given the wire date from truth.tsv in the file
# list (a small favour to the shell: `search` finds the date in the text itself).
# `LIMIT -1 OFFSET 0` keeps SQLite from flattening the subquery, which would call readfile() once per use of `t`.
FRONT_MATTER_SUBQUERY = """
  SELECT path,
         substr(t, 12, instr(t, char(10) || 'date: ') - 12) AS title,
         substr(t, instr(t, char(10) || 'date: ') + 7, 10) AS date,
         ltrim(substr(t, instr(t, char(10) || '---' || char(10)) + 5), char(10)) AS body
  FROM (SELECT path, CAST(readfile(path) AS TEXT) AS t FROM temp.files LIMIT -1 OFFSET 0)
  LIMIT -1 OFFSET 0"""
HEADLINE_SUBQUERY = """
  SELECT path, substr(t, 1, instr(t, char(10)) - 1) AS title, date, substr(t, instr(t, char(10)) + 1) AS body
  FROM (SELECT path, date, CAST(readfile(path) AS TEXT) AS t FROM temp.files LIMIT -1 OFFSET 0)
  LIMIT -1 OFFSET 0"""


def load_script(spec: dict, per_passage: bool) -> str:
    docs = spec["docs"]
    paths = sorted(str(p) for p in docs.rglob("*.txt"))
    dates = {}
    if not spec["front_matter"]:
        for line in REUTERS_TRUTH.read_text(encoding="utf-8").splitlines()[1:]:
            f = line.split("\t")
            dates[str(docs / f[1])] = f[2]
    sub = FRONT_MATTER_SUBQUERY if spec["front_matter"] else HEADLINE_SUBQUERY
    out = ["PRAGMA journal_mode=OFF;", "PRAGMA synchronous=OFF;", "BEGIN;",
           "CREATE TEMP TABLE files(path TEXT, date TEXT);"]
    for i in range(0, len(paths), 500):
        out.append("INSERT INTO temp.files VALUES " +
                   ",".join(f"({sql_quote(p)}, {sql_quote(dates.get(p, ''))})" for p in paths[i:i + 500]) + ";")
    if not per_passage:
        out.append(f"CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, date UNINDEXED, body, "
                   f"tokenize='{FTS_TOKENIZE}');")
        out.append(f"INSERT INTO docs(path, title, date, body) SELECT path, title, date, body FROM ({sub});")
    else:
        # Paragraphs (blank-line separated) become rows, split in one pass inside SQLite through json_each().
        out.append(f"CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title UNINDEXED, date UNINDEXED, "
                   f"ord UNINDEXED, body, tokenize='{FTS_TOKENIZE}');")
        out.append(f"""INSERT INTO docs(path, title, date, ord, body)
SELECT f.path, f.title, f.date, j.key, replace(j.value, char(57344), '\\')
FROM ({sub}) AS f,
     json_each('[' || replace(replace(json_quote(f.body), '\\\\', char(57344)), '\\n\\n', '","') || ']') AS j
WHERE trim(j.value, ' ' || char(9) || char(10)) <> '';""")
    out.append("COMMIT;")
    return "\n".join(out) + "\n"


def sqlite_where(q: dict) -> str:
    where = f"docs MATCH {sql_quote(q['fts'])}"
    if "since" in q:
        where += f" AND date BETWEEN {sql_quote(q['since'])} AND {sql_quote(q['until'])}"
    return where


def sqlite_query(q: dict, per_passage: bool) -> str:
    body_col = 4 if per_passage else 3
    weights = "0, 0, 0, 0, 1.0" if per_passage else "0, 5.0, 0, 1.0"
    # bm25 with the title weighted as `search` does (5:1); snippet() does the work of the JSON output's snippets.
    return (f"SELECT path, title, date, snippet(docs, {body_col}, '[', ']', '…', 16) FROM docs "
            f"WHERE {sqlite_where(q)} ORDER BY bm25(docs, {weights}) LIMIT 10;")

# ---------------------------------------------------------------------------------------------------------------
# Recoll and Xapian


def recoll_conf(work: Path, docs: Path) -> Path:
    conf = work / "recoll"
    conf.mkdir(parents=True, exist_ok=True)
    # Text files only, English stemming, no spelling data (aspell): the closest to what the others index.
    # idxniceprio 0: recollindex lowers its own priority to 19 by default, which on a shared machine would time the
    # other jobs rather than Recoll.
    (conf / "recoll.conf").write_text(
        f"topdirs = {docs}\ndbdir = {work / 'recoll-db'}\nloglevel = 1\nnoaspell = 1\n"
        "indexstemminglanguages = english\nidxflushmb = 64\nidxniceprio = 0\n", encoding="utf-8")
    return conf


def first_int(pattern: str, text: str) -> int | None:
    m = re.search(pattern, text)
    return int(m.group(1)) if m else None


def tool_hits(tool: str, argv_count: list[str]) -> int | None:
    out = subprocess.run(argv_count, capture_output=True, text=True)
    text = out.stdout + out.stderr
    if tool == "search":
        try:
            return json.loads(out.stdout).get("total") if out.returncode == 0 else 0
        except json.JSONDecodeError:
            return None
    if tool.startswith("sqlite"):
        return int(out.stdout.strip() or 0)
    if tool == "rg":
        return len(out.stdout.splitlines())
    if tool == "recoll":
        return first_int(r"(\d+) results", text)
    if tool == "xapian":
        return first_int(r"(?:Exactly|About) (\d+) matches", text)
    return None


def commands_for(q: dict, tools: list[str], env: dict) -> tuple[dict, dict]:
    """The timed command of each tool for one query, and the command that counts its hits."""
    timed, count = {}, {}
    for t in tools:
        if t == "search":
            argv = [env["search"], "query", q["search"], "--db", str(env["db"]["search"]), "--limit", "10",
                    "--format", "json"]
            if "since" in q:
                argv += ["--since", q["since"], "--until", q["until"]]
            timed[t] = count[t] = argv
        elif t.startswith("sqlite"):
            db = str(env["db"][t])
            timed[t] = ["sqlite3", db, sqlite_query(q, t == "sqlite-passage")]
            count[t] = ["sqlite3", db, f"SELECT count(DISTINCT path) FROM docs WHERE {sqlite_where(q)};"]
        elif t == "rg" and q.get("rg") is not None:
            timed[t] = count[t] = ["rg", "-l", "-i", *q["rg"], str(env["docs"])]
        elif t == "recoll" and q.get("recoll") is not None:
            conf = str(env["recoll_conf"])
            timed[t] = ["recollq", "-c", conf, "-n", "10", "-A", q["recoll"]]
            count[t] = ["recollq", "-c", conf, "-Q", "-E", q["recoll"]]
        elif t == "xapian" and q.get("xapian") is not None:
            db = str(env["db"]["xapian"])
            timed[t] = ["quest", "-d", db, "-m", "10", "-o", "and", q["xapian"]]
            count[t] = ["quest", "-d", db, "-m", "0", "-c", "100000000", "-o", "and", q["xapian"]]
    return timed, count

# ---------------------------------------------------------------------------------------------------------------
# Report


def machine_info() -> dict:
    def cmd(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip()
        except Exception:
            return ""
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), None)
    mem = next((f"{int(l.split()[1]) / 1024 / 1024:.1f} GiB" for l in Path("/proc/meminfo").read_text().splitlines()
                if l.startswith("MemTotal")), None)
    os_name = next((l.split("=", 1)[1].strip('"') for l in Path("/etc/os-release").read_text().splitlines()
                    if l.startswith("PRETTY_NAME=")), None)
    swift = cmd(["swift", "--version"])
    return {
        "nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "os": os_name, "kernel": platform.release(),
        "sqlite3": cmd(["sqlite3", "--version"]).split(" ")[0], "ripgrep": cmd(["rg", "--version"]).split("\n")[0],
        "recoll": cmd(["dpkg-query", "-W", "-f", "${Version}", "recollcmd"]),
        "xapian": cmd(["dpkg-query", "-W", "-f", "${Version}", "xapian-omega"]),
        "swift": next((l for l in swift.splitlines() if "Swift version" in l), swift.split("\n")[0]),
        "python": platform.python_version(),
        "commit": cmd(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "loadavg_at_start": os.getloadavg(),
    }


def fmt_ms(v):
    return "—" if v is None else (f"{v:.1f}" if v < 100 else f"{v:.0f}")


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def aggregate(per_query: list[dict]) -> dict:
    """A class's figures for one tool: the median over its words of each word's median; p95 over all samples."""
    if not per_query:
        return {}
    pooled = [s for v in per_query for s in v["samples"]]
    return {"median_ms": statistics.median(v["median_ms"] for v in per_query), "p95_ms": p95(pooled),
            "cpu_median_ms": statistics.median(v["cpu_median_ms"] for v in per_query),
            "faults_median": statistics.median(v["faults_median"] for v in per_query), "words": len(per_query)}


# Why a tool has no figure in a row: said once under the tables.
WHY_EMPTY = {
    "rg": "ripgrep has no notion of a document date, and no AND across lines (two words: it is asked for either word, "
          "which is why its hits are so many more)",
    "recoll": "Recoll and Xapian date a text file by its modification time, which here is when the corpus was "
              "written, not the story's date: the date rows are left empty for them",
}


def evaluate_targets(res: dict, classes: list[dict]) -> list[dict]:
    """The issue's targets (issue 16), against the sqlite3 shell on the same corpus and run."""
    out = []
    idx = res["index"]
    s, q = idx.get("search"), idx.get(BASELINE)

    def add(name, ok, detail):
        out.append({"target": name, "result": "n/a" if ok is None else ("PASS" if ok else "FAIL"), "detail": detail})

    if s and q:
        r = s["wall_s"] / q["wall_s"]
        add("index build ≤ 1.25× shell", r <= 1.25, f"{s['wall_s']:.2f} s vs {q['wall_s']:.2f} s = {r:.2f}×")
        r = s["db_bytes"] / q["db_bytes"]
        add("database ≤ 1.1× shell", r <= 1.1,
            f"{s['db_bytes'] / 1e6:.1f} MB vs {q['db_bytes'] / 1e6:.1f} MB = {r:.2f}×")
    peaks = [(k, v["peak_rss_mb"]) for k, v in idx.items() if k.startswith("search")]
    if peaks:
        worst = max(peaks, key=lambda x: x[1])
        add("peak memory ≤ 64 MB (every input)", worst[1] <= 64,
            ", ".join(f"{TOOL_LABEL.get(k, k)} {v:.0f} MB" for k, v in peaks))
    lat = res["queries"]
    for cls in classes:
        a = lat.get(cls["id"], {}).get("search", {}).get("class")
        b = lat.get(cls["id"], {}).get(BASELINE, {}).get("class")
        if not a or not b:
            add(f"{cls['label']}: median ≤ 1.0× shell", None, "not measured")
            continue
        r = a["median_ms"] / b["median_ms"]
        add(f"{cls['label']}: median ≤ 1.0× shell", r <= 1.0,
            f"{a['median_ms']:.1f} ms vs {b['median_ms']:.1f} ms = {r:.2f}×")
        add(f"{cls['label']}: median ≤ 10 ms", a["median_ms"] <= 10, f"{a['median_ms']:.1f} ms")
        if cls["id"] == "frequent":
            r = a["p95_ms"] / b["p95_ms"]
            add(f"{cls['label']}: p95 ≤ 0.7× shell's p95", r <= 0.7,
                f"{a['p95_ms']:.1f} ms vs {b['p95_ms']:.1f} ms = {r:.2f}×")
    c = res.get("count", {})
    if "search" in c and BASELINE in c:
        r = c["search"]["median_ms"] / c[BASELINE]["median_ms"]
        add(f"`--count {res['count_word']}` ≤ 2× shell's count(*)", r <= 2,
            f"{c['search']['median_ms']:.1f} ms vs {c[BASELINE]['median_ms']:.1f} ms = {r:.2f}×")
    return out


COLORS = {"search": "#d1495b", "sqlite-file": "#00798c", "sqlite-passage": "#66a182", "recoll": "#edae49",
          "xapian": "#6a4c93", "rg": "#8d96a3"}


def svg_chart(res: dict, classes: list[dict], title: str) -> str:
    """Grouped horizontal bars of each class's median latency per tool, log scale, drawn by hand."""
    tools = [t for t in TOOLS if any(t in res["queries"].get(c["id"], {}) for c in classes)]
    bar_h, gap, left, width = 12, 14, 190, 560
    rows = len(classes) * (len(tools) * bar_h + gap)
    height = rows + 90
    vals = [v["class"]["median_ms"] for c in res["queries"].values() for v in c.values() if v.get("class")]
    lo = 10 ** math.floor(math.log10(max(0.1, min(vals)))) if vals else 1.0
    hi = 10 ** math.ceil(math.log10(max(vals))) if vals else 10000.0

    def x(v):
        return left + width * (math.log10(max(v, lo)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 40}" height="{height}" '
             f'font-family="sans-serif" font-size="11">', '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="10" y="18" font-size="13" font-weight="bold">Query latency per process, median over the '
             f'class\'s words (ms, log scale) — {title}</text>']
    d = lo
    while d <= hi * 1.0001:
        parts.append(f'<line x1="{x(d):.1f}" y1="30" x2="{x(d):.1f}" y2="{rows + 30}" stroke="#ddd"/>')
        parts.append(f'<text x="{x(d):.1f}" y="{rows + 44}" text-anchor="middle">{d:g}</text>')
        d *= 10
    y = 34
    for c in classes:
        parts.append(f'<text x="{left - 8}" y="{y + len(tools) * bar_h / 2 + 4:.0f}" text-anchor="end">'
                     f'{c["label"]}</text>')
        for t in tools:
            v = res["queries"].get(c["id"], {}).get(t, {}).get("class")
            if v:
                parts.append(f'<rect x="{left}" y="{y}" width="{max(1, x(v["median_ms"]) - left):.1f}" '
                             f'height="{bar_h - 2}" fill="{COLORS[t]}"/>')
                parts.append(f'<text x="{x(v["median_ms"]) + 3:.1f}" y="{y + bar_h - 3}" font-size="9">'
                             f'{fmt_ms(v["median_ms"])}</text>')
            y += bar_h
        y += gap
    lx = 10
    for t in tools:
        parts.append(f'<rect x="{lx}" y="{height - 26}" width="10" height="10" fill="{COLORS[t]}"/>')
        parts.append(f'<text x="{lx + 14}" y="{height - 17}">{TOOL_LABEL[t]}</text>')
        lx += 14 + 7 * len(TOOL_LABEL[t]) + 16
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


REPORT_HEAD = """# Benchmarks

Whole processes of `search` against the sqlite3 shell's FTS5, Recoll, Xapian (omindex/quest) and ripgrep, written by
`Benchmarks/run.sh` (Benchmarks/README.md says how, and where the corpora come from). One section per corpus: a run
replaces its own corpus's section and leaves the others as they were; `--tag before` writes a section of its own.
Sections older than issue 16 (the 1 GiB one) were measured by the earlier script: fixed words chosen by a rule that
sought 1% selectivity, 2× targets, no Recoll or Xapian.

How the query words are drawn: {rule}
"""


def write_section(path: Path, key: str, body: str) -> None:
    """Replaces (or adds) one corpus's section of BENCHMARKS.md; the others stay as they are."""
    begin = lambda s: f"<!-- begin {s}: written by Benchmarks/run.sh -->"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    found = re.findall(r"<!-- begin (\S+): [^>]*-->\n(.*?)\n<!-- end \1 -->", old, re.S)
    sections = dict(found)
    sections[key] = body.strip("\n")
    order = ["reuters", "100M", "reuters-before", "100M-before", "1G"]
    keys = sorted(sections, key=lambda s: (order.index(s) if s in order else len(order), s))
    out = [REPORT_HEAD.format(rule=CLASS_RULE)]
    for s in keys:
        head = begin(s) if s != "profile" else f"<!-- begin {s}: written by hand, kept by Benchmarks/run.sh -->"
        out += [head, sections[s], f"<!-- end {s} -->", ""]
    path.write_text("\n".join(out), encoding="utf-8")


def q_text(q: dict) -> str:
    return q["search"] + (f" --since {q['since']} --until {q['until']}" if "since" in q else "")


def markdown(res: dict, classes: list[dict], svg: str | None) -> str:
    m, c, spec = res["machine"], res["corpus"], res["spec"]
    tools = [t for t in TOOLS if t in res["tools"]]
    tag = f" — {res['tag']}" if res.get("tag") else ""
    L = [f"## {spec['title']}{tag}", "",
         f"Measured {res['date']} on {c['files']:,} files, {c['bytes'] / (1 << 20):.1f} MiB, corpus sha256 "
         f"`{c['sha256'][:16]}`; seed {res['seed']}, {res['k']} words per class, {res['runs']} runs per word and "
         f"tool after {res['warmup']} warm-up runs.", "", f"Command: `{res['command']}`", "",
         f"Machine: {m['nproc']} cores ({m['cpu']}), {m['memory']}, {m['os']} (Linux {m['kernel']}); load average "
         f"{', '.join(f'{v:.2f}' for v in m['loadavg_at_start'])} at the start, "
         f"{', '.join(f'{v:.2f}' for v in m.get('loadavg_at_end', []))} at the end (a load "
         f"above 1 means other jobs shared the cores: ratios within the run are what counts). "
         f"Versions: {m['swift']}; sqlite3 {m['sqlite3']}; Recoll {m['recoll']}; Xapian omega {m['xapian']}; "
         f"{m['ripgrep']}; search at commit {m['commit']}.", ""]
    L += ["### Targets", "", "| target | result | measured |", "|---|---|---|"]
    L += [f"| {t['target']} | **{t['result']}** | {t['detail']} |" for t in res["targets"]]
    L += ["", "### Index build", "",
          "Fresh index each time, page cache warm for every tool (the corpus is read once before); wall time of the "
          "whole process, its peak RSS (GNU time's `%M`), the index on disk afterwards.", "",
          "| tool | input | wall | CPU | peak RSS | index | ratio to the shell: time / size |",
          "|---|---|---|---|---|---|---|"]
    base = res["index"].get(BASELINE)
    for t, v in res["index"].items():
        rt, rs = ratio(v["wall_s"], base and base["wall_s"]), ratio(v.get("db_bytes"), base and base["db_bytes"])
        L.append(f"| {INDEX_LABEL.get(t, t)} | {v.get('input', 'the folder')} | {v['wall_s']:.2f} s | "
                 f"{v['user_s'] + v['sys_s']:.2f} s | {v['peak_rss_mb']:.0f} MB | "
                 f"{v['db_bytes'] / 1e6:.1f} MB | "
                 f"{'—' if rt is None else f'{rt:.2f}×'} / {'—' if rs is None else f'{rs:.2f}×'} |")
    L += ["", "### Query latency", "",
          "Whole process (fork, exec, open, query, print, exit), page cache warm, the tools taking turns run by run. "
          "Per class: the median over its words of each word's median wall time / the 95th percentile of all its "
          "runs, in ms; `×` is the median's ratio to the sqlite3 shell's. The words are in the table below.", ""]
    if svg:
        L += [f"![Query latency](Benchmarks/{svg})", ""]
    L += ["| class | " + " | ".join(TOOL_LABEL[t] for t in tools) + " |", "|---|" + "---|" * len(tools)]
    for cls in classes:
        row = res["queries"].get(cls["id"], {})
        b = row.get(BASELINE, {}).get("class")
        cells = []
        for t in tools:
            v = row.get(t, {}).get("class")
            if not v:
                cells.append("—")
                continue
            r = ratio(v["median_ms"], b and b["median_ms"])
            cells.append(f"{fmt_ms(v['median_ms'])} / {fmt_ms(v['p95_ms'])}" +
                         ("" if t == BASELINE or r is None else f" ({r:.2f}×)"))
        L.append(f"| {cls['label']} | " + " | ".join(cells) + " |")
    for key, label in (("count", f"`--count {res.get('count_word')}` / `count(*)`"), ("startup", "start-up only")):
        st = res.get(key, {})
        if st:
            cells = [f"{fmt_ms(st[t]['median_ms'])} / {fmt_ms(st[t]['p95_ms'])}" if t in st else "—" for t in tools]
            L.append(f"| {label} | " + " | ".join(cells) + " |")
    L += ["", "CPU time (user + system) and page faults (minor + major, from wait4) of the same processes, medians: "
          "what each process costs itself, less sensitive to the machine's load than wall time.", "",
          "| class | " + " | ".join(TOOL_LABEL[t] for t in tools) + " |", "|---|" + "---|" * len(tools)]
    for cls in classes + [{"id": "count", "label": "count"}, {"id": "startup", "label": "start-up only"}]:
        if cls["id"] in ("count", "startup"):
            row = {t: {"class": v} for t, v in res.get(cls["id"], {}).items()}
        else:
            row = res["queries"].get(cls["id"], {})
        cells = []
        for t in tools:
            v = row.get(t, {}).get("class")
            cells.append("—" if not v else f"{fmt_ms(v['cpu_median_ms'])} ms, {v['faults_median']:.0f} faults")
        L.append(f"| {cls['label']} | " + " | ".join(cells) + " |")
    L += ["", "Each word: median wall ms (hits: documents matched). The shell matches spellings literally; `search` "
          "also finds a name's other spellings, so its hits for the name classes are more.", "",
          "| class | query | shell df | " + " | ".join(TOOL_LABEL[t] for t in tools) + " |",
          "|---|---|---|" + "---|" * len(tools)]
    for cls in classes:
        row = res["queries"].get(cls["id"], {})
        for i, q in enumerate(cls["queries"]):
            cells = []
            for t in tools:
                v = row.get(t, {}).get("words", [None] * (i + 1))
                v = v[i] if i < len(v) else None
                cells.append("—" if not v else f"{fmt_ms(v['median_ms'])} ({v['hits'] if v['hits'] is not None else '?'})")
            extra = ""
            if q.get("any_df") is not None:
                extra = f"; {q['any_df']} in any spelling"
            elif q.get("entity") and res.get("entity_files", {}).get(q["entity"]):
                extra = f"; {res['entity_files'][q['entity']]} files name him"
            L.append(f"| {cls['label']} | `{q_text(q)}` | {q.get('df', '')}{extra} | " + " | ".join(cells) + " |")
    L += ["", "How each tool is asked:", "",
          "- `search query Q --db F --limit 10 --format json > /dev/null` (`--count` for the count row; start-up: "
          "`--help`).",
          f"- sqlite3 shell: `sqlite3 F \"SELECT path, title, date, snippet(docs, …) FROM docs WHERE docs MATCH Q "
          f"[AND date BETWEEN …] ORDER BY bm25(docs, 0, 5.0, 0, 1.0) LIMIT 10\"`, `fts5(path UNINDEXED, title, date "
          f"UNINDEXED, body, tokenize='{FTS_TOKENIZE}')`, one row per file, loaded by the shell itself with "
          "`readfile()`; count: `SELECT count(*) … MATCH Q`; start-up: `sqlite3 :memory: 'SELECT 1'`.",
          "- Recoll: `recollindex -c CONF -z` over the folder (text files, English stemming, no aspell, `idxniceprio = 0` "
          "so that it does not lower its own priority); "
          "`recollq -c CONF -n 10 -A Q` (10 results with abstracts; AND of the words, quotes for a phrase); hits from "
          "`recollq -Q -E`.",
          "- Xapian: `omindex --db DB --url / FOLDER` (its default: English stemming, 512-byte stored sample); "
          "`quest -d DB -m 10 -o and Q` (it prints the stored sample, not a snippet around the match); hits from "
          "`quest -m 0 -c 100000000`.",
          "- ripgrep: `rg -l -i -w` (two words: either word; `-F` for the phrase); no index.",
          "", "Empty cells: " + "; ".join(WHY_EMPTY.values()) + "."]
    return "\n".join(L) + "\n"

# ---------------------------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", "--size", dest="corpus", default="100M", help="100M, 1G or reuters")
    ap.add_argument("--search", help="path of the search binary (default .build/release/search)")
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--words", type=int, default=5, help="query words drawn per class")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--only", help="comma-separated tools among " + ",".join(TOOLS))
    ap.add_argument("--skip-index", action="store_true", help="reuse the indexes of the last run")
    ap.add_argument("--binary-commit", help="the commit the --search binary was built at, for the report")
    ap.add_argument("--tag", help="write the section under this tag (e.g. before) instead of the corpus's own")
    ap.add_argument("--no-write", action="store_true", help="print the JSON, write no report")
    ap.add_argument("--command", default=None, help="the command line to quote in the report")
    args = ap.parse_args()

    name = args.corpus.upper()
    spec = corpus_spec(name)
    docs = spec["docs"]
    if not docs.is_dir():
        print(f"error: no corpus at {docs}; run.sh builds it", file=sys.stderr)
        return 2
    key = spec["key"] + (f"-{args.tag}" if args.tag else "")
    work = BENCH / "data" / f"work-{spec['key']}"
    work.mkdir(parents=True, exist_ok=True)
    tools = args.only.split(",") if args.only else list(DEFAULT_TOOLS)
    search_bin = args.search or str(ROOT / ".build" / "release" / "search")
    if spec["front_matter"]:
        corpus = json.loads((docs.parent / "corpus.json").read_text())
    else:
        corpus = reuters_info(docs)
    entity_files: dict[str, int] = {}
    manifest = docs.parent / "manifest.jsonl"
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            for n in json.loads(line)["names"]:
                entity_files[n["entity"]] = entity_files.get(n["entity"], 0) + 1
    machine = machine_info()
    if args.binary_commit:
        machine["commit"] = f"{args.binary_commit} (the binary; the benchmark script at {machine['commit']})"
    res = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
           "machine": machine, "corpus": corpus, "spec": {k: str(v) for k, v in spec.items()},
           "runs": args.runs, "warmup": args.warmup, "k": args.words, "seed": args.seed, "tag": args.tag,
           "tools": tools, "index": {}, "queries": {}, "entity_files": entity_files,
           "command": args.command or f"Benchmarks/run.sh {' '.join(sys.argv[1:])}"}

    # Warm the page cache so that no tool pays for the first read.
    subprocess.run(["rg", "-l", "-q", "zzzzqqqq", str(docs)], stdout=subprocess.DEVNULL)
    db = {"search": work / "search.db", "sqlite-file": work / "sqlite-file.db",
          "sqlite-passage": work / "sqlite-passage.db", "xapian": work / "xapian-db", "recoll": work / "recoll-db"}
    conf = recoll_conf(work, docs)
    prev_index = work / "index.json"
    if args.skip_index and prev_index.exists():
        res["index"] = json.loads(prev_index.read_text())
    else:
        for t in [t for t in ("sqlite-file", "sqlite-passage", "search", "recoll", "xapian") if t in tools]:
            remove_db(db[t])
            print(f"indexing with {t}…", file=sys.stderr)
            if t.startswith("sqlite"):
                script = work / f"load-{t}.sql"
                script.write_text(load_script(spec, t == "sqlite-passage"), encoding="utf-8")
                r = run_measured(["sqlite3", str(db[t])], stdin_path=script)
            elif t == "search":
                r = run_measured([search_bin, "index", str(docs), "--db", str(db[t])])
            elif t == "recoll":
                r = run_measured(["recollindex", "-c", str(conf), "-z"])
            else:
                r = run_measured(["omindex", "--db", str(db[t]), "--url", "/", str(docs)])
            if r["exit"] != 0:
                raise SystemExit(f"{t} index failed ({r['exit']}): {r['stderr']}")
            r["db_bytes"] = tree_size(db[t])
            res["index"][t] = r
            print(f"  {r['wall_s']:.2f} s, {r['peak_rss_mb']:.0f} MB RSS, {r['db_bytes'] / 1e6:.1f} MB", file=sys.stderr)
        if "search" in tools and not spec["front_matter"] and REUTERS_JSONL.exists():
            # The same stories as one JSON Lines archive: memory must stay bounded on every input.
            jdb = Path(tempfile.mkdtemp(prefix="bench-jsonl-")) / "jsonl.db"
            print("indexing reuters.jsonl with search…", file=sys.stderr)
            r = run_measured([search_bin, "index", str(REUTERS_JSONL), "--db", str(jdb)])
            r["db_bytes"] = tree_size(jdb)
            r["input"] = "reuters.jsonl (one archive)"
            res["index"]["search-jsonl"] = r
            TOOL_LABEL["search-jsonl"] = "search"
            shutil.rmtree(jdb.parent)
            print(f"  {r['wall_s']:.2f} s, {r['peak_rss_mb']:.0f} MB RSS", file=sys.stderr)
        prev_index.write_text(json.dumps(res["index"], indent=1) + "\n")
    TOOL_LABEL["search-jsonl"] = "search"

    words = draw_classes(spec, corpus, work, db[BASELINE], args.seed, args.words)
    classes = build_classes(words, spec)
    res["class_words"], res["classes"] = words, classes
    env = {"search": search_bin, "db": db, "docs": docs, "recoll_conf": conf}
    for cls in classes:
        row = res["queries"].setdefault(cls["id"], {})
        for i, q in enumerate(cls["queries"]):
            timed, count = commands_for(q, tools, env)
            hits = {t: tool_hits(t, argv) for t, argv in count.items()}
            measured = time_processes(timed, args.runs, args.warmup)
            for t in tools:
                v = measured.get(t)
                row.setdefault(t, {"words": []})["words"].append(
                    None if v is None else {**v, "hits": hits.get(t), "command": timed[t]})
            print(f"{cls['id']:8} {q_text(q)[:40]:40} " + "  ".join(
                f"{t} {measured[t]['median_ms']:.1f}" for t in tools if t in measured), file=sys.stderr)
        for t, v in row.items():
            v["class"] = aggregate([w for w in v["words"] if w])

    # `--count` on the most frequent word against the shell's count(*).
    most = words["most_frequent"]["word"]
    res["count_word"] = most
    cmds = {}
    if "search" in tools:
        cmds["search"] = [search_bin, "query", most, "--db", str(db["search"]), "--count"]
    if BASELINE in tools:
        cmds[BASELINE] = ["sqlite3", str(db[BASELINE]), f"SELECT count(*) FROM docs WHERE docs MATCH {sql_quote(most)};"]
    res["count"] = time_processes(cmds, args.runs, args.warmup)
    startup = {}
    if "search" in tools:
        startup["search"] = [search_bin, "--help"]
    if BASELINE in tools:
        startup[BASELINE] = ["sqlite3", ":memory:", "SELECT 1;"]
    if "rg" in tools:
        startup["rg"] = ["rg", "--version"]
    if "xapian" in tools:
        startup["xapian"] = ["quest", "--version"]
    if "recoll" in tools:
        startup["recoll"] = ["recollq", "-h"]
    res["startup"] = time_processes(startup, args.runs, args.warmup, ok=(0, 1, 2))
    for part in ("count", "startup"):
        for t, v in res[part].items():
            print(f"{part:8} {t:12} median {v['median_ms']:.1f} ms cpu {v['cpu_median_ms']:.1f} "
                  f"faults {v['faults_median']:.0f}", file=sys.stderr)

    res["machine"]["loadavg_at_end"] = os.getloadavg()
    res["targets"] = evaluate_targets(res, classes)
    for t in res["targets"]:
        print(f"{t['result']:4}  {t['target']}: {t['detail']}")
    if args.no_write:
        print(json.dumps(res, indent=1))
        return 0
    (BENCH / "results").mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M")
    out = BENCH / "results" / f"{stamp}-{key}.json"
    out.write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    svg = None if args.tag else ("latency.svg" if key == "100M" else f"latency-{key}.svg")
    if svg:
        (BENCH / svg).write_text(svg_chart(res, classes, spec["title"]), encoding="utf-8")
    write_section(ROOT / "BENCHMARKS.md", key, markdown(res, classes, svg))
    print(f"wrote {out.relative_to(ROOT)} and the {key} section of BENCHMARKS.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
