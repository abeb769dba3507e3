#!/usr/bin/env python3
"""The year of wire stories indexed a folder at a time: how many come out right, wrong or undated.

    python3 Benchmarks/realnews/year_chunks.py [--binary PATH] [--size N] [--beside-agnews]

The Reuters stories of Benchmarks/data/realnews/reuters (build_corpus.py) carry no year; it comes from the other
documents of their folder (CollectionYear). Here they are cut into folders of N consecutive stories (default 500),
each indexed on its own into a fresh index, and each datelined story's year compared with truth.tsv's wire date.
With --beside-agnews the whole Reuters folder is indexed once, beside agnews.jsonl (news of 2004), instead.
"""
import argparse, csv, os, shutil, sqlite3, subprocess, tempfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "realnews")
ap = argparse.ArgumentParser()
ap.add_argument("--binary", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "release", "search"))
ap.add_argument("--size", type=int, default=500)
ap.add_argument("--beside-agnews", action="store_true")
args = ap.parse_args()

truth = {}
with open(os.path.join(root, "truth.tsv"), newline="") as f:
    for row in csv.DictReader(f, delimiter="\t"):
        truth[row["file"]] = row["wire_date"][:4]
files = sorted(os.listdir(os.path.join(root, "reuters")))
work = tempfile.mkdtemp(prefix="year-chunks-")
totals = {"right": 0, "wrong": 0, "undated": 0}

def run(folder, names):
    db = os.path.join(work, "i.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix): os.remove(db + suffix)
    subprocess.run([args.binary, "index", folder, "--db", db, "-q"], check=True)
    con = sqlite3.connect(db)
    got = {os.path.basename(r[0]): r[1] for r in con.execute("SELECT relpath, date FROM documents WHERE relpath LIKE '%.txt'")}
    con.close()
    counts = {"right": 0, "wrong": 0, "undated": 0}
    for name in names:
        date = got.get(name)
        counts["undated" if not date else "right" if date[:4] == truth.get(name) else "wrong"] += 1
    return counts

if args.beside_agnews:
    folder = os.path.join(work, "mix")
    os.makedirs(folder)
    shutil.copytree(os.path.join(root, "reuters"), os.path.join(folder, "reuters"), copy_function=os.link)
    os.link(os.path.join(root, "agnews.jsonl"), os.path.join(folder, "agnews.jsonl"))
    totals = run(folder, files)
    chunks = 1
else:
    chunks = 0
    for start in range(0, len(files), args.size):
        names = files[start:start + args.size]
        folder = os.path.join(work, "chunk")
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for name in names: os.link(os.path.join(root, "reuters", name), os.path.join(folder, name))
        counts = run(folder, names)
        chunks += 1
        for k in totals: totals[k] += counts[k]
shutil.rmtree(work)
n = sum(totals.values())
print(f"{chunks} folder(s), {n} stories: right year {totals['right']} ({totals['right'] / n:.3f}), "
      f"wrong year {totals['wrong']} ({totals['wrong'] / n:.3f}), undated {totals['undated']} ({totals['undated'] / n:.3f})")
