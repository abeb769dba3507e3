#!/usr/bin/env python3
"""Names on real news: each spelling of a name as a user would type it, against every spelling found by grep.

    swift build -c release --product search
    python3 Benchmarks/realnews/build_corpus.py          # once: Benchmarks/data/realnews/ from ../shared/realnews
    python3 Benchmarks/names/realnews_eval.py [--misses FILE]

Indexes the real-news corpus as a user keeps it (Reuters one story per file, the 20 Newsgroups folder as it is, AG
News as JSON Lines) with `search index`, then queries every spelling of every name in NAMES with
`search query SPELLING --format json --limit 100000`. NAMES lists names that occur in the corpus in several
spellings; which spellings are one name was decided by reading them (Turkish spellings such as Ahmet, Omer and
Huseyin are spellings of the name in a European orthography and count; a pet form or another language's form of a
name is not a spelling: Kemal / Kamal, Binyamin / Benjamin, Yosef / Yusuf are left out, and so are spellings that
are another name in Arabic: Said / Sayed, Zaid / Zayed). The truth of a query is every item holding any spelling of
its name as a whole word, in any case, also with a plural s or a possessive 's (`grep -wi`, Python's re here).
Per query:
  recall     = share of the truth returned;
  precision  = share of the returned items that hold a spelling of the name;
  first page = precision of the first 10 results, and whether a wrong result is ranked above a right one there.
Baseline: grep for the typed spelling alone (what a tool without variant matching finds): its recall.
Markdown to stdout; --misses writes each query's missed and wrong items with the words that made them match.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(ROOT, "Benchmarks", "data", "realnews")

# Each line: the spellings of one name found in the corpus (the first is the commonest there).
NAMES = [
    ["Hussein", "Hossein", "Husain", "Hossain", "Hoseyn", "Huseyin", "Hossien"],
    ["Gaddafi", "Gadhafi"],
    ["Hezbollah", "Hizbollah", "Hizbullah", "Hizbolah", "Hezbolah", "Hizbolllah", "Hizballah", "Hezbullah"],
    ["Mohammed", "Mohammad", "Mohamed", "Muhammad", "Muhammed", "Mohamad", "Muhamed", "Muhammud"],
    ["Sheikh", "Sheik", "Shaikh", "Cheikh", "Shiek"],
    ["Shiite", "Shi'ite", "Shia", "Shi'a"],
    ["Ahmed", "Ahmad", "Ahmet", "Achmad"],
    ["Omar", "Umar", "Omer"],
    ["Osama", "Usama"],
    ["Abdullah", "Abdulla", "Abdallah"],
    ["Hassan", "Hasan"],
    ["Yasser", "Yassir", "Yasir"],
    ["Tehran", "Teheran"],
    ["Muslim", "Moslem", "Muslem", "Moslim"],
    ["Koran", "Quran", "Qur'an", "Qu'ran"],
    ["Khalid", "Khaled"],
    ["Ibrahim", "Ebrahim"],
    ["Yusuf", "Yousef", "Yousuf", "Youssef"],
    ["Muammar", "Moammar", "Muammer"],
    ["Mustafa", "Mostafa", "Mustapha"],
    ["Suleiman", "Suleyman", "Suliman", "Soliman"],
    ["Rashid", "Rasheed", "Rached"],
    ["Musa", "Moussa"],
    ["Yitzhak", "Yitzak"],
    ["Qassem", "Kassem", "Qasim", "Kasim"],
    ["Mousavi", "Mosavi"],
    ["Intifada", "Intifadah"],
    ["Saleh", "Salih"],
    ["Ramadan", "Ramadhan", "Ramazan"],
    ["Hajj", "Haj"],
    ["Kharg", "Khark"],
    ["Arafat", "Araffat"],
    ["Faisal", "Feisal"],
    ["Mullah", "Molla"],
    ["Shatila", "Shatilla"],
    ["Jaber", "Jabir"],
    ["Riyadh", "Riyad"],
    ["Yigal", "Yig'al"],
    ["Hamid", "Hamed"],
    ["Mehmet", "Mehmed"],
    ["Khamenei", "Khamenehi"],
    ["Abbas", "Abas"],
]


def items(corpus, newsgroups):
    """{doc as search names it: text} for the three collections; the 20 Newsgroups posts as copied to `newsgroups`."""
    out = {}
    for sub, base in (("reuters", os.path.join(corpus, "reuters")), ("20news", newsgroups)):
        for folder, _, files in os.walk(base):
            for f in files:
                path = os.path.join(folder, f)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                if sub == "20news":
                    # A post's mail headers are metadata, not text (issue 14): only its Subject (the title) and
                    # its body can match, so a name only in a From: line is no result to expect.
                    head, _, body = text.partition("\n\n")
                    subject = [line for line in head.split("\n") if line.lower().startswith("subject:")]
                    text = "\n".join(subject) + "\n" + body
                out[path] = text
    path = os.path.join(corpus, "agnews.jsonl")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            j = json.loads(line)
            out[f"{path}#{j['id']}"] = (j.get("title") or "") + "\n" + (j.get("text") or "")
    return out


def pattern(spellings):
    alternatives = "|".join(re.escape(s).replace("'", "['’]") for s in spellings)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?:['’]?s)?(?!\w)", re.I)


def run(binary, args):
    p = subprocess.run([binary, *args], capture_output=True, text=True)
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--search", default=os.path.join(ROOT, ".build", "release", "search"))
    ap.add_argument("--corpus", default=CORPUS)
    ap.add_argument("--db", help="index to use (built when missing); default a temporary file")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--misses", help="file to write each query's missed and wrong items to")
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"{args.corpus} not found: python3 Benchmarks/realnews/build_corpus.py")
    tmp = tempfile.mkdtemp(prefix="names-realnews-")
    # `search index` reads .txt, .md, .html and .jsonl only, and the posts have no extension (issue 14): a copy
    # with .txt added is indexed in their place, so that the names in them are measured at all.
    newsgroups = os.path.join(os.path.dirname(os.path.abspath(args.db)) if args.db else tmp, "20news-txt")
    if not os.path.isdir(newsgroups):
        for folder, _, files in os.walk(os.path.join(args.corpus, "20news")):
            rel = os.path.relpath(folder, os.path.join(args.corpus, "20news"))
            os.makedirs(os.path.join(newsgroups, rel), exist_ok=True)
            for f in files:
                shutil.copyfile(os.path.join(folder, f), os.path.join(newsgroups, rel, f + ".txt"))
    texts = items(args.corpus, newsgroups)
    db = args.db or os.path.join(tmp, "index.db")
    if not os.path.exists(db):
        p = run(args.search, ["index", os.path.join(args.corpus, "reuters"), newsgroups,
                              os.path.join(args.corpus, "agnews.jsonl"), "--db", db, "-q"])
        if p.returncode != 0:
            sys.exit(f"search index failed: {p.stderr.strip()}")

    def one(q):
        p = run(args.search, ["query", q, "--db", db, "--format", "json", "--limit", "100000"])
        if p.returncode == 1:
            return q, [], {}
        if p.returncode != 0:
            sys.exit(f"search query {q!r} failed: {p.stderr.strip()}")
        results = json.loads(p.stdout)["results"]
        order, matched = [], {}
        for r in results:
            if r["path"] not in matched:
                order.append(r["path"])
                matched[r["path"]] = set()
            matched[r["path"]].update(r.get("matched", []))
        return q, order, matched

    queries = [q for spellings in NAMES for q in spellings]
    with concurrent.futures.ThreadPoolExecutor(args.workers) as pool:
        answers = {q: (order, matched) for q, order, matched in pool.map(one, queries)}

    rows = []
    totals = collections.Counter()
    misses = []
    for spellings in NAMES:
        name = pattern(spellings)
        truth = {d for d, t in texts.items() if name.search(t)}
        for q in spellings:
            order, matched = answers[q]
            got = set(order)
            typed = {d for d in truth if pattern([q]).search(texts[d])}
            right = got & truth
            page = order[:10]
            page_right = [d in truth for d in page]
            # A wrong result above a right one on the first page: some False before a True.
            inverted = any(not page_right[i] and any(page_right[i + 1:]) for i in range(len(page_right)))
            rows.append((q, len(truth), len(got), len(right) / len(truth) if truth else 1.0,
                         len(right) / len(got) if got else 1.0, sum(page_right) / len(page) if page else 1.0,
                         inverted, len(typed) / len(truth) if truth else 1.0))
            totals["truth"] += len(truth)
            totals["found"] += len(right)
            totals["returned"] += len(got)
            totals["typed"] += len(typed)
            totals["inverted"] += inverted
            totals["page_wrong"] += len(page) - sum(page_right)
            totals["page"] += len(page)
            if args.misses:
                wrong = sorted(got - truth)
                missed = sorted(truth - got)
                misses.append(f"{q}\tmissed {len(missed)}: {[os.path.basename(d) for d in missed[:8]]}\t"
                              f"wrong {len(wrong)}: {[(os.path.basename(d), sorted(matched.get(d, ()))) for d in wrong[:8]]}")
    print(f"{len(NAMES)} names, {len(queries)} queries, {len(texts)} items.")
    print()
    print("| query | truth | returned | recall | precision | first page precision | wrong above right | grep typed recall |")
    print("|---|---|---|---|---|---|---|---|")
    for q, t, g, r, p, fp, inv, typed in rows:
        print(f"| {q} | {t} | {g} | {r:.3f} | {p:.3f} | {fp:.2f} | {'yes' if inv else ''} | {typed:.3f} |")
    n = len(rows)
    print()
    print("| measure | search | grep, typed spelling |")
    print("|---|---|---|")
    print(f"| recall (micro) | {totals['found'] / totals['truth']:.3f} | {totals['typed'] / totals['truth']:.3f} |")
    print(f"| recall (per query) | {sum(r[3] for r in rows) / n:.3f} | {sum(r[7] for r in rows) / n:.3f} |")
    print(f"| precision (micro) | {totals['found'] / max(totals['returned'], 1):.3f} | 1.000 |")
    print(f"| precision (per query) | {sum(r[4] for r in rows) / n:.3f} | 1.000 |")
    print(f"| first-page precision (micro) | {1 - totals['page_wrong'] / max(totals['page'], 1):.3f} | 1.000 |")
    print(f"| queries with a wrong result above a right one on the first page | {totals['inverted']} of {n} | 0 |")
    if args.misses:
        with open(args.misses, "w", encoding="utf-8") as f:
            f.write("\n".join(misses) + "\n")


if __name__ == "__main__":
    main()
