#!/usr/bin/env python3
"""What plain fuzzy matching could reach on the name articles of evaluate.py, at its best threshold.

    python3 Benchmarks/names/fuzzy_frontier.py              # dev wd: groups, about a minute
    python3 Benchmarks/names/fuzzy_frontier.py --set heldout

A query spelling finds the article of another spelling when their normalised Levenshtein distance (evaluate.py's
`distance`: the letters without marks, lower case, over the longer one's length) is at most a threshold. For every
threshold it prints recall and precision per query, scored as evaluate.py scores them (a spelling of the query's
group, or one another group of the set pairs with the query's, is right). Only the name articles are searched, no
distractor prose, so precision here is an upper bound of what such matching would score end to end; and the
threshold is chosen after seeing the answers. The point is the shape of the curve: where generic fuzzy matching,
as the alternatives to `search` offer it, stands against issue 3's targets (recall 0.85 at precision 0.97).
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evaluate  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=["wd", "heldout"], default="wd")
    args = ap.parse_args()
    path = evaluate.DEV if args.set == "wd" else evaluate.HELDOUT
    groups = evaluate.load_groups(path, "wd:")
    articles = [(g, v) for g, vs in groups.items() for v in vs]
    spelling_groups = collections.defaultdict(set)
    for g, v in articles:
        spelling_groups[v.lower()].add(g)
    n = len(articles)
    # Distances once: a pair's distance is the same both ways.
    dist = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            dist[i][j] = dist[j][i] = evaluate.distance(articles[i][1], articles[j][1])
    thresholds = [t / 20 for t in range(1, 14)]
    print(f"Plain fuzzy matching on the {n} name articles of {args.set} (no distractors; best case):")
    print("| distance ≤ | recall | precision (per query) |")
    print("|---|---|---|")
    for t in thresholds:
        found = pairs = 0
        precisions = []
        for i, (g, v) in enumerate(articles):
            returned = right = 1  # its own article
            for j, (h, w) in enumerate(articles):
                if i == j:
                    continue
                same = g == h
                pairs += same
                if dist[i][j] <= t:
                    returned += 1
                    found += same
                    right += g in spelling_groups[w.lower()] or bool(spelling_groups[w.lower()] & spelling_groups[v.lower()])
            precisions.append(right / returned)
        print(f"| {t:.2f} | {found / pairs:.3f} | {sum(precisions) / len(precisions):.3f} |")


if __name__ == "__main__":
    main()
