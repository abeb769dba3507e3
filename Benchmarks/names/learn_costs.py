#!/usr/bin/env python3
"""Learns the costs and the threshold of NameSimilarity from the dev file, for measuring on the sets not learned from.

    python3 Benchmarks/names/learn_costs.py [--negative-weight W] [--fit a,b,...]    # about 2 minutes

It prints the fit and the SEARCH_NAME_COSTS value that makes the release binary use the learned costs, so that
realnews_eval.py and evaluate.py measure them without a build. A fit that beat the hand-set costs (NameSimilarity.
handSet) on those sets would go into NameSimilarity.swift with this command and its numbers beside it; none has yet.

Learned from `../shared/eval/name-variants-dev.tsv` only (issue 13 allows it), never from the sanctions files or the
real news, on which the result is reported (evaluate.py, realnews_eval.py):

- positives: pairs of single-word `wd:` spellings of one group (one name) whose plain normalised Levenshtein distance
  is at most 0.5 (the verdict only ever sees pairs that share a name key, which are close);
- negatives: pairs of spellings of two different `wd:` groups within distance 0.4 (Bashar / Bashir, Jamal / Jamil),
  and hard negatives: a dev spelling and a capitalised word of Debian's `wamerican` (`/usr/share/dict/words`) that
  is no dev spelling, within distance 0.34 (Korean, Seth, Moshe: the European names and places a key meets in news).

The model is NameSimilarity's weighted edit distance over letter classes (the same code, mirrored in `similarity`
below). Parameters: a vowel for a vowel, a consonant for one of its class, a vowel added or dropped, an h added or
dropped after a consonant (sh / s, kh / k: another letter in Arabic) and elsewhere (a final h, Mohammed / Mohamed
has none), a doubled letter written once, an extra cost when the first letters differ, an offset to the length the
distance is divided by (below 0, a short spelling needs fewer edits: Shia / Sie); and the threshold. Session 8 split
the vowel cost by the Arabic vowel a Latin vowel writes (one class: e i y, o u; a for e or o; across classes) and the
first-letter cost by kind (two vowels; two consonants of a class; any other pair). They are
fitted by coordinate descent on four fifths of the dev groups (objective: share of positives kept minus
`--negative-weight` times the share of negatives kept, the two kinds of negatives weighted alike), and reported on the
fifth left out. A fit that parts a same-name pair of NameSimilarityTests or joins one of its other-word pairs is not
taken (`SAME`, `OTHER`). NameSimilarity.learned is `--negative-weight 2.5 --fit
vowel,vowel_near,vowel_far,threshold,first,first_vowel,first_class,doubling` (session 8, `SESSION8`) with session 9's
h_s and final_h set to 1 by the Arabic letters, not fitted (`LEARNED`; `--start learned --fit ''` reports it).
"""
import argparse
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEV = os.environ.get("NAMES_DEV", "/work/shared/eval/name-variants-dev.tsv")
DICT = "/usr/share/dict/words"

VOWELS = set("aeiouy")
CLASSES = {}
for n, letters in enumerate(["kqcg", "sz", "td", "fp", "wv", "jy"], start=1):
    for c in letters:
        CLASSES[c] = n
DIGRAPH = set("skgtdcz")

# Vowel quality: Arabic has three vowels, and each European orthography writes them its own way: i as i, e, y or
# ee (kasra), u as u, o or ou (damma), a as a, but also e or o (fatha as Persian, Turkish and Levantine speech say it).
# A vowel for one of its own class (e i y, o u) is `vowel_near`; a for e or o is `vowel`; across classes (a for i or u,
# i for u) `vowel_far`.
VOWEL_CLASS = {"i": 1, "e": 1, "y": 1, "o": 2, "u": 2, "a": 3}

HAND = {"vowel": 0.3, "klass": 0.4, "vowel_indel": 0.4, "h_digraph": 0.3, "h_other": 0.3, "doubling": 0.1,
        "first": 0.0, "offset": 0.0, "threshold": 0.83, "vowel_near": 0.3, "vowel_far": 0.3,
        "first_vowel": 0.0, "first_class": 0.0, "h_s": 0.3, "j_y": 0.4, "first_gk": 0.0, "final_h": 0.3}
# NameSimilarity.learned (session 8: --negative-weight 2.5 --fit vowel,vowel_near,vowel_far,threshold,first,
# first_vowel,first_class,doubling).
SESSION8 = dict(HAND, vowel=0.15, doubling=0.3, first=0.5, threshold=0.85, vowel_near=0.05, vowel_far=0.7,
                first_vowel=0.1, first_class=0.0)
# Session 9 set two costs by the Arabic letters, not fitted (Benchmarks/names/README.md): sh / s costs as other letters,
# and so does a final h after i, u, o or y (a consonant said aloud). j / y (`j_y`) and a first g for k or c
# (`first_gk`) were measured at 1 and 0.5 and left as they were.
LEARNED = dict(SESSION8, h_s=1.0, final_h=1.0)

GRID = {
    "vowel": [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5],
    "klass": [0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7],
    "vowel_indel": [0.2, 0.3, 0.4, 0.5, 0.6, 0.7],
    "h_digraph": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8],
    "h_other": [0.1, 0.2, 0.3, 0.4, 0.5],
    "doubling": [0.05, 0.1, 0.15, 0.2, 0.3],
    "first": [0.0, 0.1, 0.2, 0.3, 0.5],
    "offset": [-2.0, -1.5, -1.0, -0.5, 0.0, 1.0],
    "threshold": [x / 100 for x in range(70, 96)],
    "vowel_near": [0.05, 0.1, 0.15, 0.2, 0.25, 0.3],
    "vowel_far": [0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
    "first_vowel": [0.0, 0.1, 0.2, 0.3, 0.5],
    "first_class": [0.0, 0.1, 0.2, 0.3, 0.5],
    "h_s": [0.3, 0.5, 0.7, 1.0],
    "j_y": [0.4, 0.7, 1.0],
    "first_gk": [0.0, 0.2, 0.5],
    "final_h": [0.3, 0.5, 0.7, 1.0],
}


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("'", "").replace("’", "").replace("ʿ", "").replace("ʾ", "")
    return s if re.fullmatch(r"[a-z]+", s) else None


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = row
    return prev[-1] / max(len(a), len(b))


def indel(s, i, p):
    c = s[i]
    if i > 0 and s[i - 1] == c:
        return p["doubling"]
    if c == "h":
        if i > 0 and s[i - 1] in DIGRAPH:
            return p["h_s"] if s[i - 1] == "s" else p["h_digraph"]
        return p["final_h"] if i > 0 and i == len(s) - 1 and s[i - 1] in "iuoy" else p["h_other"]
    if c in VOWELS:
        return p["vowel_indel"]
    return 1.0


def substitution(x, y, p):
    if x == y:
        return 0.0
    if x in VOWELS and y in VOWELS:
        cx, cy = VOWEL_CLASS[x], VOWEL_CLASS[y]
        if cx == cy:
            return p["vowel_near"]
        if cx == 3 and y in "eo" or cy == 3 and x in "eo":
            return p["vowel"]
        return p["vowel_far"]
    cx = CLASSES.get(x, 0)
    if cx and cx == CLASSES.get(y, 0):
        return p["j_y"] if cx == 6 else p["klass"]
    if {x, y} == {"c", "s"}:
        return p["klass"]
    return 1.0


def similarity(a, b, p):
    """NameSimilarity.similarity, as the Swift code computes it."""
    n, m = len(a), len(b)
    if a == b:
        return 1.0
    prev = [0.0] * (m + 1)
    for j in range(1, m + 1):
        prev[j] = prev[j - 1] + indel(b, j - 1, p)
    for i in range(1, n + 1):
        cost = indel(a, i - 1, p)
        row = [prev[0] + cost] + [0.0] * m
        for j in range(1, m + 1):
            row[j] = min(prev[j] + cost, row[j - 1] + indel(b, j - 1, p), prev[j - 1] + substitution(a[i - 1], b[j - 1], p))
        prev = row
    d = prev[m]
    if a[0] != b[0]:
        # A first vowel for another (Omar / Umar, Ebrahim / Ibrahim) costs apart from a first consonant.
        # A first consonant for one of its class (Qasim / Kasim, Gaddafi / Qaddafi) costs apart too.
        if a[0] in VOWELS and b[0] in VOWELS:
            d += p["first_vowel"]
        elif substitution(a[0], b[0], p) < 1:
            d += p["first_gk"] if {a[0], b[0]} in ({"g", "k"}, {"g", "c"}) else p["first_class"]
        else:
            d += p["first"]
    return max(0.0, 1 - d / max(1.0, max(n, m) + p["offset"]))


def load():
    groups = {}
    with open(DEV, encoding="utf-8") as f:
        next(f)
        for line in f:
            gid, variant, _ = line.rstrip("\n").split("\t")
            if not gid.startswith("wd:"):
                continue
            v = fold(variant)
            if v and len(v) >= 3:
                groups.setdefault(gid, set()).add(v)
    return {g: sorted(v) for g, v in groups.items() if len(v) >= 2}


def pairs(groups, ids, proper):
    pos, neg, hard = [], [], []
    spellings = sorted({(s, g) for g in ids for s in groups[g]})
    owner = {}
    for s, g in spellings:
        owner.setdefault(s, set()).add(g)
    for g in ids:
        v = groups[g]
        for i in range(len(v)):
            for j in range(i + 1, len(v)):
                if levenshtein(v[i], v[j]) <= 0.5:
                    pos.append((v[i], v[j]))
    words = sorted(owner)
    # Candidates share letter pairs: k edits destroy at most 2k of them, so a pair within distance d of words of
    # length n shares at least n - 1 - 2·d·n; the rest are never within d and Levenshtein is not computed for them.
    def candidates(a, pool, limit):
        grams = {a[i:i + 2] for i in range(len(a) - 1)}
        shared = {}
        for g in grams:
            for b in pool.get(g, ()):
                shared[b] = shared.get(b, 0) + 1
        for b, n in shared.items():
            longest = max(len(a), len(b))
            if abs(len(a) - len(b)) <= limit * longest and n >= min(len(a), len(b)) - 1 - 2 * int(limit * longest):
                yield b
    def index(ws):
        pool = {}
        for w in ws:
            for g in {w[i:i + 2] for i in range(len(w) - 1)}:
                pool.setdefault(g, []).append(w)
        return pool
    own, dictionary = index(words), index(w for ws in proper.values() for w in ws if w not in owner)
    for a in words:
        for b in candidates(a, own, 0.4):
            if b > a and not owner[a] & owner[b] and levenshtein(a, b) <= 0.4:
                neg.append((a, b))
        for b in candidates(a, dictionary, 0.34):
            if levenshtein(a, b) <= 0.34:
                hard.append((a, b))
    return pos, neg, hard


NEGATIVE_WEIGHT = 1.0

# The pairs NameSimilarityTests holds the verdict to (Tests/IndexerTests/NameFoldingTests.swift): a fit that parts a
# same-name pair or joins an other-word pair there is not taken.
SAME = [("hussein", "husain"), ("hussein", "hossein"), ("sheikh", "shaikh"), ("gaddafi", "gadhafi"), ("khalid", "khaled"),
        ("rashid", "rached"), ("mullah", "mullah"), ("suleiman", "suleyman"), ("mohammed", "muhammad"), ("qassem", "kasim"),
        ("kharg", "khark"), ("kadhafi", "gadhafi"), ("fatimah", "fatima"), ("fatemeh", "fateme"), ("saleh", "salih"), ("yusuf", "jusuf"), ("koran", "goran")]
OTHER = [("sheik", "sieg"), ("yasser", "gesser"), ("khalid", "halide"), ("jaber", "geiberger"), ("kharg", "herke"),
         ("shiite", "seth"), ("hamid", "heimat"), ("suleiman", "schulman"),
         ("musa", "moshe"), ("yasir", "yashir"), ("shiite", "sete"), ("salih", "sealy")]


def feasible(p):
    return (all(similarity(a, b, p) >= p["threshold"] for a, b in SAME)
            and all(similarity(a, b, p) < p["threshold"] for a, b in OTHER))


def score(p, data):
    pos, neg, hard = data
    kept = lambda ps: sum(similarity(a, b, p) >= p["threshold"] for a, b in ps) / max(1, len(ps))
    tp, fn_, fh = kept(pos), kept(neg), kept(hard)
    return tp - NEGATIVE_WEIGHT * (fn_ + fh) / 2 - (0 if feasible(p) else 10), tp, fn_, fh


def fit(data, start, names):
    p = dict(start)
    best = score(p, data)
    for _ in range(3):
        changed = False
        for name, values in GRID.items():
            if name not in names:
                continue
            for v in values:
                q = dict(p, **{name: v})
                s = score(q, data)
                if s[0] > best[0] + 1e-9:
                    p, best, changed = q, s, True
            print(f"  {name} = {p[name]}: objective {best[0]:.3f} (kept: same {best[1]:.3f}, other {best[2]:.3f}, dictionary {best[3]:.3f})",
                  file=sys.stderr)
        if not changed:
            break
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--negative-weight", type=float, default=1.0,
                    help="how much a negative kept costs against a positive kept (1: both shares alike)")
    ap.add_argument("--start", choices=["hand", "session8", "learned"], default="hand",
                    help="start the descent from the hand-set costs, session 8's or NameSimilarity.learned "
                         "(with --fit '' nothing is fitted: the start is reported)")
    ap.add_argument("--fit", default=",".join(GRID),
                    help="the parameters to fit, the others keeping their hand-set values (default: all): " + ",".join(GRID))
    args = ap.parse_args()
    global NEGATIVE_WEIGHT
    NEGATIVE_WEIGHT = args.negative_weight
    groups = load()
    proper = {}
    with open(DICT, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w[:1].isupper() and "'" not in w:
                v = fold(w)
                if v and len(v) >= 3:
                    proper.setdefault(len(v), set()).add(v)
    proper = {k: sorted(v) for k, v in proper.items()}
    ids = sorted(groups)
    random.Random(args.seed).shuffle(ids)
    cut = len(ids) * 4 // 5
    train, test = pairs(groups, ids[:cut], proper), pairs(groups, ids[cut:], proper)
    print(f"train: {len(train[0])} same-name pairs, {len(train[1])} different-name, {len(train[2])} dictionary; "
          f"test: {len(test[0])}, {len(test[1])}, {len(test[2])}", file=sys.stderr)
    learned = fit(train, {"hand": HAND, "session8": SESSION8, "learned": LEARNED}[args.start], set(args.fit.split(",")))
    report = []
    for label, p in (("hand-set", HAND), ("session 8", SESSION8), ("learned", learned)):
        for part, data in (("train", train), ("test (dev groups left out)", test)):
            s = score(p, data)
            report.append(f"{label}, {part}: same-name kept {s[1]:.3f}, different-name kept {s[2]:.3f}, "
                          f"dictionary kept {s[3]:.3f}, objective {s[0]:.3f}")
    print("\n".join(report))
    print("learned:", learned)
    order = ["vowel", "klass", "vowel_indel", "h_digraph", "h_other", "doubling", "first", "threshold", "offset",
             "vowel_near", "vowel_far", "first_vowel", "first_class", "h_s", "j_y", "first_gk", "final_h"]
    print("to measure them: SEARCH_NAME_COSTS=" + ",".join(str(learned[k]) for k in order)
          + " python3 Benchmarks/names/realnews_eval.py (or evaluate.py)")


if __name__ == "__main__":
    main()
