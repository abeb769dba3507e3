#!/usr/bin/env python3
"""Measures variant matching end to end: our `search` binary against plain SQLite FTS5, on the same articles.

    swift build -c release --product search
    python3 Benchmarks/names/evaluate.py                       # dev file (wd: and ofac:) and the held-out file
    python3 Benchmarks/names/evaluate.py --sets heldout --ofac-groups 0

For every spelling of a name group it writes one short article (a neutral English sentence around the
spelling), adds distractor articles of ordinary English prose (Debian's `fortunes` package: apt-get install
fortunes; 500 quotations of 120-1500 characters from its prose files, attribution lines removed), indexes them with `search index DIR --db F`, and queries every spelling with
`search query SPELLING --db F --format json --limit 1000`. The baseline is an FTS5 table with
`tokenize='porter unicode61 remove_diacritics 2'` (Python's sqlite3), same articles, each spelling quoted
as a phrase. Per query:
  recall      = share of the group's other spellings' articles that are returned (micro over all pairs);
                per group: the same share within each group, averaged over groups (big noisy groups such
                as nikolaevich's 15 spellings weigh less)
  precision   = share of returned articles that carry the query's name: an article of a spelling of the
                query's group, or a distractor that the exact phrase (FTS5) of one of the group's spellings finds
                (the prose has Alexander, Joseph, George, Said: a group holding them finds them rightly) (micro)
  precision (per query) = the same, averaged over the queries that return something (a spelling that is an
                English word, such as "said", returns hundreds of articles and dominates the micro figure)
  distractors = share of queries returning any distractor article (the issue's distractor rate); and the false
                distractor rate: share of queries returning a distractor that carries none of the group's
                spellings, i.e. a false match made by spelling folding
  last column (a diagnostic, not a target) = precision per query counting only articles of the query's own
                group: Wikidata keeps duplicate items for one name (ahmed / ahmet, mansour / mansoor), so a spelling
                pair that another group of the set attests counts as right in the precision columns
  --by-distance (a diagnostic) = recall split by how far apart the two spellings of a pair are: the Levenshtein
                distance of their letters (marks removed, lower case) over the longer one's length, below 0.5
                (soleimani / suleimani 0.11, michael / mikhail 0.29, hussein / hesain 0.43) or from 0.5 up (mostly
                another language's form of the name or a pet form: peter / piatro 0.67, michael / make 0.71,
                joseph / yusuf 0.83), with each part's share of the pairs. A rough line, not a classification
Markdown tables go to stdout.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEV = os.environ.get("NAMES_DEV", "/work/shared/eval/name-variants-dev.tsv")
HELDOUT = os.path.join(HERE, "heldout-variants.tsv")
EVAL = os.path.dirname(DEV)
PARTS = os.environ.get("NAMES_PARTS", os.path.join(EVAL, "sanctions-name-parts.tsv"))
FULL = os.environ.get("NAMES_FULL", os.path.join(EVAL, "sanctions-full-names.tsv"))
FORTUNES = "/usr/share/games/fortunes"
FORTUNE_FILES = ["fortunes", "literature", "people", "politics", "wisdom", "science", "work", "humorists",
                 "education", "law", "medicine", "news", "sports", "food"]
TEMPLATE = "Reports on Tuesday mentioned {name} in connection with the regional talks.\n"
# Particles that news copy leaves in lower case inside a name (al-Hashimi, Osama bin Laden, Abd al-Rahman).
PARTICLES = {"al", "el", "ul", "il", "ad", "ed", "ar", "as", "ash", "at", "az", "an", "ud", "ur", "us", "uz",
             "bin", "ibn", "bint", "ben", "de", "del", "der", "van", "von", "y", "e", "i", "o"}


def as_in_news(spelling):
    """A spelling as an article writes it: the dev file's Wikidata name parts are all lower case (`nikolaevich`),
    which no news copy prints; each word is capitalised there, but for the particles. A spelling with any capital
    (the OFAC names) is kept as it is."""
    if any(c.isupper() for c in spelling):
        return spelling
    words = re.split(r"([\s\-]+)", spelling)
    out = []
    for i, w in enumerate(words):
        if i % 2 == 0 and w and (w not in PARTICLES or i == 0):
            # The first letter, after any leading letter mark (ʿali → ʿAli).
            k = next((j for j, c in enumerate(w) if c.upper() != c), 0)
            w = w[:k] + w[k:k + 1].upper() + w[k + 1:]
        out.append(w)
    return "".join(out)


def load_groups(path, prefix):
    groups = collections.OrderedDict()
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            g, v, _ = line.rstrip("\n").split("\t")
            if g.startswith(prefix):
                vs = groups.setdefault(g, [])
                if v not in vs:
                    vs.append(v)
    return {g: vs for g, vs in groups.items() if len(vs) >= 2}


def distractor_texts(count, seed=7):
    texts = []
    for name in FORTUNE_FILES:
        path = os.path.join(FORTUNES, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            for chunk in f.read().split("\n%\n"):
                # Drop the attribution lines ("-- Carl Jung"): signatures are not prose, and a Western name
                # there found by a wd: group that holds it (George, Peter) is no false match.
                chunk = "\n".join(l for l in chunk.split("\n") if not l.lstrip().startswith("--")).strip()
                if 120 <= len(chunk) <= 1500:
                    texts.append(chunk + "\n")
    if not texts:
        sys.exit("no distractor prose: apt-get install fortunes")
    random.Random(seed).shuffle(texts)
    return texts[:count]


def build_corpus(folder, groups, distractors, case="news"):
    """Writes the articles (spellings capitalised as in news unless `case` is "given"); returns {file: (group or
    None, spelling)}."""
    meta = {}
    k = 0
    for g, vs in groups.items():
        for v in vs:
            name = f"n{k:06d}.txt"
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(TEMPLATE.format(name=as_in_news(v) if case == "news" else v))
            meta[name] = (g, v)
            k += 1
    for i, text in enumerate(distractors):
        name = f"d{i:06d}.txt"
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
        meta[name] = (None, None)
    return meta


def as_phrase(q):
    """The spelling as one quoted phrase (its own double quotes dropped)."""
    return '"' + q.replace('"', " ") + '"'


def ours(binary, folder, db, queries, workers, index_flags=(), phrase=False):
    subprocess.run([binary, "index", folder, "--db", db, *index_flags], check=True, stdout=subprocess.DEVNULL)

    def one(q):
        for attempt in range(5):
            p = subprocess.run([binary, "query", as_phrase(q) if phrase else q, "--db", db, "--format", "json", "--limit", "1000"],
                               capture_output=True, text=True)
            if p.returncode != 2 or "being updated" not in p.stderr:
                break
            time.sleep(0.5)
        if p.returncode == 1:
            return q, set(), None
        if p.returncode != 0:
            return q, set(), p.stderr.strip()
        return q, {os.path.basename(r["doc"]) for r in json.loads(p.stdout)["results"]}, None

    results, errors = {}, []
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for q, docs, err in pool.map(one, queries):
            results[q] = docs
            if err:
                errors.append((q, err))
    return results, errors


def baseline(folder, meta, queries, phrase=True):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(name UNINDEXED, body, "
                "tokenize='porter unicode61 remove_diacritics 2')")
    for name in meta:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            con.execute("INSERT INTO t VALUES (?, ?)", (name, f.read()))
    results, errors = {}, []
    for q in queries:
        if phrase:
            expression = '"' + q.replace('"', '""') + '"'
        else:
            expression = " AND ".join('"' + w.replace('"', '""') + '"' for w in q.split())
        try:
            results[q] = {r[0] for r in con.execute("SELECT name FROM t WHERE t MATCH ?", (expression,))}
        except sqlite3.Error as e:
            results[q] = set()
            errors.append((q, str(e)))
    return results, errors


def letters(spelling):
    """The spelling's letters without marks, lower case: `ʿAbd al-Laṭīf` → `abdallatif`."""
    return "".join(c for c in unicodedata.normalize("NFKD", spelling.lower()) if c.isalpha() and not unicodedata.combining(c))


def distance(a, b):
    """Levenshtein distance of the two spellings' letters over the longer one's length (0 same, 1 nothing shared)."""
    a, b = letters(a), letters(b)
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = row
    return previous[-1] / max(len(a), len(b), 1)


FAR = 0.5


def bounded_distance(a, b, limit):
    """Levenshtein distance of a and b, or limit + 1 once it must exceed limit (a band of width limit)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i] + [limit + 1] * len(b)
        lo, hi = max(1, i - limit), min(len(b), i + limit)
        for j in range(lo, hi + 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != b[j - 1]))
        if min(row[max(0, lo - 1):hi + 1]) > limit:
            return limit + 1
        previous = row
    return previous[-1]


def word_postings(folder, meta, term):
    """{term(word): articles} over every word of every article; a word whose term is empty is left out."""
    postings = collections.defaultdict(set)
    for name in meta:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for w in re.findall(r"\w+", f.read()):
                t = term(w)
                if t and letters(t):
                    postings[t].add(name)
    return postings


def matches_by_threshold(queries, thresholds, words, close, accepts, postings):
    """{t: {query: docs}}: an article matches at t when each of the query's words (`words(q)`, those with letters) has
    a word in it that `close(word)` lists with a value `accepts(value, t)`."""
    out = {t: {} for t in thresholds}
    for q in queries:
        ws = [w for w in words(q) if w and letters(w)]
        for t in thresholds:
            docs = None
            for w in ws:
                hit = set()
                for value, v in close(w):
                    if accepts(value, t):
                        hit |= postings[v]
                docs = hit if docs is None else docs & hit
            out[t][q] = docs or set()
    return out


FUZZY_THRESHOLDS = [t / 20 for t in range(0, 9)]  # normalised distance 0.00 ... 0.40


def fuzzy(folder, meta, queries):
    """Plain fuzzy matching, the usual alternative: an article matches when each word of the query has a word in it
    within the normalised Levenshtein distance t (letters without marks, over the longer one's length). Returns
    {t: {query: docs}} for every t of FUZZY_THRESHOLDS."""
    postings = word_postings(folder, meta, lambda w: letters(w))
    vocabulary = list(postings)
    near = {}  # query word -> [(distance, word)]

    def close(q):
        if q not in near:
            top = FUZZY_THRESHOLDS[-1]
            found = []
            for w in vocabulary:
                limit = int(top * max(len(q), len(w)))
                d = bounded_distance(q, w, limit)
                if d <= limit:
                    found.append((d / max(len(q), len(w), 1), w))
            near[q] = found
        return near[q]

    return matches_by_threshold(queries, FUZZY_THRESHOLDS, lambda q: [letters(w) for w in re.findall(r"\w+", q)],
                                close, lambda d, t: d <= t + 1e-9, postings)


LOGIC_THRESHOLDS = [t / 20 for t in range(2, 20)]  # LogicV2 scores 0.10 ... 0.95


def logic_v2(folder, meta, queries):
    """nomenklatura's LogicV2 (pip install nomenklatura; OpenSanctions' matcher, MIT), the issue's third baseline:
    an article matches when each word of the query has a capitalised word in it that LogicV2 scores at least t as
    the same person's name (each compared as a Person entity with that one name). Only words within normalised
    Levenshtein distance 0.6 of the query word are scored (LogicV2 gives the others 0; it takes about 0.25 ms a
    pair). Returns {t: {query: docs}} for every t of LOGIC_THRESHOLDS."""
    import itertools
    from followthemoney import model
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.types import ScoringConfig
    config = ScoringConfig.defaults()
    ids = itertools.count()

    def person(name):
        # Each entity has an id of its own: LogicV2 caches by id.
        e = model.make_entity("Person")
        e.id = f"p{next(ids)}"
        e.add("name", name)
        return e

    postings = word_postings(folder, meta, lambda w: w if w[0].isupper() else "")
    vocabulary = list(postings)
    scored = {}

    def close(q):
        if q not in scored:
            found = []
            lq = letters(q)
            for w in vocabulary:
                lw = letters(w)
                limit = int(0.6 * max(len(lq), len(lw)))
                if bounded_distance(lq, lw, limit) <= limit:
                    found.append((LogicV2.compare(person(q), person(w), config).score, w))
            scored[q] = found
        return scored[q]

    return matches_by_threshold(queries, LOGIC_THRESHOLDS, lambda q: re.findall(r"\w+", q),
                                close, lambda score_, t: score_ >= t - 1e-9, postings)


def score(groups, meta, results, literal=None):
    spelling_groups = collections.defaultdict(set)
    for g, vs in groups.items():
        for v in vs:
            spelling_groups[v.lower()].add(g)
    by_group = collections.defaultdict(list)
    for name, (g, v) in meta.items():
        if g:
            by_group[g].append((name, v))
    # An article that `literal` (the exact phrase of one of the group's spellings) finds carries the name: a distractor
    # ("Alexander the Great" for aleksandr, "Joseph Lockard" for yosef), and since session 11 also another group's
    # article (the sanctions lists keep al-abdallah and al abdallah as two groups; "abd al-sattar" holds
    # al-sattar). Finding it is right, not a false match. `--carriers distractors` keeps the rule before.
    carriers = collections.defaultdict(set)
    if literal is not None:
        for g, vs in groups.items():
            for v in vs:
                carriers[g].update(literal.get(v, ()))
    found = pairs = returned = right = with_distractor = queries = 0
    precisions, extra_distractor, group_recalls, strict_precisions = [], 0, [], []
    by_distance = {False: [0, 0], True: [0, 0]}  # far? -> [found, pairs]
    for g, arts in by_group.items():
        group_found = group_pairs = 0
        for own, v in arts:
            docs = results.get(v, set())
            others = [a for a, w in arts if a != own]
            queries += 1
            pairs += len(others)
            hits = sum(1 for a in others if a in docs)
            for a, w in arts:
                if a != own:
                    counts = by_distance[distance(v, w) >= FAR]
                    counts[0] += a in docs
                    counts[1] += 1
            found += hits
            group_found += hits
            group_pairs += len(others)
            good = strict = 0
            for d in docs:
                dg, dv = meta[d]
                returned += 1
                # Right: a spelling of the query's group, or one that another group of the set also pairs with the
                # query's spelling (Wikidata keeps duplicate items: ahmed and ahmet are one group and two others).
                if dg is not None and g in spelling_groups[dv.lower()]:
                    good += 1
                    strict += 1
                elif d in carriers[g] or (dg is not None and spelling_groups[dv.lower()] & spelling_groups[v.lower()]):
                    good += 1
            right += good
            if docs:
                precisions.append(good / len(docs))
                strict_precisions.append(strict / len(docs))
            if any(meta[d][0] is None for d in docs):
                with_distractor += 1
                # A distractor that carries none of the group's spellings: a false match.
                if any(meta[d][0] is None and d not in carriers[g] for d in docs):
                    extra_distractor += 1
        if group_pairs:
            group_recalls.append(group_found / group_pairs)
    return {
        "groups": len(by_group), "queries": queries,
        "recall": found / pairs if pairs else 0.0,
        "recall_macro": sum(group_recalls) / len(group_recalls) if group_recalls else 0.0,
        "precision": right / returned if returned else 1.0,
        "precision_macro": sum(precisions) / len(precisions) if precisions else 1.0,
        "precision_strict": sum(strict_precisions) / len(strict_precisions) if strict_precisions else 1.0,
        "distractor_rate": with_distractor / queries if queries else 0.0,
        "extra_distractor_rate": extra_distractor / queries if queries else 0.0,
        "by_distance": by_distance,
    }


distance_rows = []


def print_best(label, engine, by_threshold, groups, meta, literal):
    """Prints the row of the threshold with the best harmonic mean of recall and precision per query, chosen after
    the fact; `engine` is the row's name with a {} for the threshold."""
    best = None
    for t, res in by_threshold.items():
        c = score(groups, meta, res, literal)
        f1 = 2 * c["recall"] * c["precision_macro"] / max(c["recall"] + c["precision_macro"], 1e-9)
        if best is None or f1 > best[0]:
            best = (f1, t, c)
    _, t, c = best
    print(f"| {label} | | | {engine.format(t)} (best F1) | {c['recall']:.3f} | {c['recall_macro']:.3f} | {c['precision']:.3f} | "
          f"{c['precision_macro']:.3f} | {c['distractor_rate']:.2%} | {c['extra_distractor_rate']:.2%} | 0 | {c['precision_strict']:.3f} |")


def run_set(label, groups, args, binary, phrase=False, all_words=False):
    """Scores one set. Queries go to `search` as typed (all words must match) or, with `phrase`, quoted; the FTS5
    baseline quotes each spelling as a phrase, or with `all_words` asks for all its words."""
    tmp = tempfile.mkdtemp(prefix="names-eval-")
    try:
        folder = os.path.join(tmp, "articles")
        os.makedirs(folder)
        meta = build_corpus(folder, groups, distractor_texts(args.distractors), args.case)
        queries = sorted({v for vs in groups.values() for v in vs})
        flags = ["--lowercase-names"] if args.lowercase_names else []
        mine, my_errors = ours(binary, folder, os.path.join(tmp, "index.db"), queries, args.workers, flags, phrase)
        base, base_errors = baseline(folder, meta, queries, phrase=not all_words)
        literal, _ = baseline(folder, meta, queries)
        if args.carriers == "distractors":
            literal = {v: {d for d in docs if meta[d][0] is None} for v, docs in literal.items()}
        a, b = score(groups, meta, mine, literal), score(groups, meta, base, literal)
        print(f"| {label} | {a['groups']} | {a['queries']} | search | {a['recall']:.3f} | {a['recall_macro']:.3f} | {a['precision']:.3f} | "
              f"{a['precision_macro']:.3f} | {a['distractor_rate']:.2%} | {a['extra_distractor_rate']:.2%} | {len(my_errors)} | {a['precision_strict']:.3f} |")
        print(f"| {label} | | | FTS5 porter | {b['recall']:.3f} | {b['recall_macro']:.3f} | {b['precision']:.3f} | "
              f"{b['precision_macro']:.3f} | {b['distractor_rate']:.2%} | {b['extra_distractor_rate']:.2%} | {len(base_errors)} | {b['precision_strict']:.3f} |")
        if args.fuzzy and not phrase:
            print_best(label, "fuzzy, distance ≤ {:.2f}", fuzzy(folder, meta, queries), groups, meta, literal)
        if args.logic_v2 and not phrase:
            print_best(label, "nomenklatura LogicV2, score ≥ {:.2f}", logic_v2(folder, meta, queries), groups, meta, literal)
        if args.by_distance:
            for engine, r in (("search", a), ("FTS5 porter", b)):
                near, far = r["by_distance"][False], r["by_distance"][True]
                total = near[1] + far[1]
                distance_rows.append(f"| {label} | {engine} | {near[0] / max(near[1], 1):.3f} ({near[1] / max(total, 1):.0%} of pairs) | "
                                     f"{far[0] / max(far[1], 1):.3f} ({far[1] / max(total, 1):.0%}) |")
        sys.stdout.flush()
        for q, e in my_errors[:5]:
            print(f"  search error for {q!r}: {e}", file=sys.stderr)
        if args.misses:
            with open(os.path.join(args.misses, f"{label.replace(':', '')}.tsv"), "w", encoding="utf-8") as f:
                for g, vs in groups.items():
                    for v in vs:
                        got = {meta[d][1] for d in mine.get(v, set()) if meta[d][0] == g}
                        wrong = sorted({meta[d][1] or d for d in mine.get(v, set()) if meta[d][0] != g})[:5]
                        missed = [w for w in vs if w != v and w not in got]
                        carried = {d for w in vs for d in base.get(w, ())}
                        extra = sorted(d for d in mine.get(v, set()) if meta[d][0] is None and d not in carried)
                        snippets = []
                        for d in extra[:3]:
                            with open(os.path.join(folder, d), encoding="utf-8") as t:
                                snippets.append(" ".join(t.read().split())[:300])
                        f.write(f"{g}\t{v}\tmissed={missed}\twrong={wrong}\textra={snippets}\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--search", default=os.path.join(ROOT, ".build", "release", "search"))
    ap.add_argument("--sets", default="parts,full,fullphrase,wd,ofac,heldout",
                    help="comma list of parts (sanctions name parts), full (sanctions full names, all words must match), "
                         "fullphrase (the same as quoted phrases), wd, ofac, heldout")
    ap.add_argument("--no-fuzzy", dest="fuzzy", action="store_false",
                    help="leave out the plain fuzzy baseline (normalised Levenshtein per word at its best threshold)")
    ap.add_argument("--ofac-groups", type=int, default=600, help="random sample of ofac groups (0 = all)")
    ap.add_argument("--distractors", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--misses", help="folder to write per-spelling misses and false matches")
    ap.add_argument("--lowercase-names", action="store_true",
                    help="index with `search index --lowercase-names` (names written in lower case get keys too): "
                         "with --case given, what an archive without capitals gets")
    ap.add_argument("--by-distance", action="store_true",
                    help=f"also print recall split by the spelling distance of a pair (below {FAR} and from {FAR} up)")
    ap.add_argument("--case", choices=["news", "given"], default="news",
                    help="how articles write a lower-case spelling: news (capitalised, but for particles: al-Hashimi; "
                         "the default) or given (as in the file: al-hashimi). Queries are always as given.")
    ap.add_argument("--logic-v2", action="store_true",
                    help="also score nomenklatura's LogicV2 at its best threshold (pip install nomenklatura; minutes per set)")
    ap.add_argument("--carriers", choices=["all", "distractors"], default="all",
                    help="which articles count right when the exact phrase of one of the query group's spellings finds "
                         "them: all (the default since session 11) or distractors only (the rule before)")
    args = ap.parse_args()
    if args.misses:
        os.makedirs(args.misses, exist_ok=True)
    if not os.path.exists(args.search):
        sys.exit(f"{args.search} not found: swift build -c release --product search")
    print(f"Articles write the spellings: {'capitalised as in news' if args.case == 'news' else 'as given'}; queries as given"
          f"{'; indexed with --lowercase-names' if args.lowercase_names else ''}.")
    print("| set | groups | queries | engine | recall | recall (per group) | precision (micro) | precision (per query) | distractor rate | "
          "false distractor rate | errors | precision (per query), strict |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in args.sets.split(","):
        if s == "wd":
            run_set("dev wd:", load_groups(DEV, "wd:"), args, args.search)
        elif s == "ofac":
            groups = load_groups(DEV, "ofac:")
            if args.ofac_groups:
                keys = sorted(groups)
                random.Random(3).shuffle(keys)
                groups = {k: groups[k] for k in sorted(keys[:args.ofac_groups])}
            run_set("dev ofac:", groups, args, args.search)
        elif s == "parts":
            run_set("sanctions name parts", load_groups(PARTS, ""), args, args.search)
        elif s == "full":
            run_set("sanctions full names (AND)", load_groups(FULL, ""), args, args.search, all_words=True)
        elif s == "fullphrase":
            run_set("sanctions full names (phrase)", load_groups(FULL, ""), args, args.search, phrase=True)
        elif s == "heldout":
            run_set("held-out wd", load_groups(HELDOUT, "wd:"), args, args.search)
        else:
            sys.exit(f"--sets: unknown set {s!r}; the sets are parts, full, fullphrase, wd, ofac, heldout")
    if distance_rows:
        print()
        print(f"Recall by spelling distance of the pair (normalised Levenshtein of the letters: below {FAR}, from {FAR} up):")
        print("| set | engine | recall, distance < 0.5 | recall, distance ≥ 0.5 |")
        print("|---|---|---|---|")
        print("\n".join(distance_rows))


if __name__ == "__main__":
    main()
