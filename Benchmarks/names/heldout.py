#!/usr/bin/env python3
"""Builds held-out name groups: spellings that are NOT rows of the dev file, grouped by rigour's Wikidata tagger.

Needs `pip install rigour==2.6.1` (PyPI, MIT; its name data is Wikidata, CC0). Run with the Python that has it:

    python3 -m venv /tmp/rig && /tmp/rig/bin/pip install rigour==2.6.1
    /tmp/rig/bin/python Benchmarks/names/heldout.py      # writes Benchmarks/names/heldout-variants.tsv

Candidates are the single name parts of the OFAC full names of the dev file (public-domain SDN list). rigour
tags each part with the Wikidata name items it is a spelling of. A group is a Wikidata item that is not in any
`wd:` group of the dev file, with at least two distinct candidate spellings; a part tagged with several items
joins each. Spellings that are rows of the dev file's `wd:` groups are left out, so no rule fitted to those rows
can gain here.
"""
import collections
import os
import re
import sys

from rigour.names import analyze_names
from rigour.names.tag import NameTypeTag

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = os.environ.get("NAMES_DEV", "/work/shared/eval/name-variants-dev.tsv")


def main():
    dev_qids, dev_spellings, ofac_names = set(), set(), []
    with open(DEV, encoding="utf-8") as f:
        next(f)
        for line in f:
            group, variant, source = line.rstrip("\n").split("\t")
            if group.startswith("wd:"):
                dev_qids.update(group[3:].rstrip("+").split("+"))
                dev_spellings.add(variant.lower())
            else:
                ofac_names.append(variant)
    parts = set()
    for name in ofac_names:
        for p in re.split(r"[\s,;()/\"]+", name):
            p = p.strip(".-'").lower()
            if len(p) >= 3 and not any(c.isdigit() for c in p):
                parts.add(p)
    groups = collections.defaultdict(set)
    batch = sorted(parts)
    for i in range(0, len(batch), 500):
        for name in analyze_names(NameTypeTag.PER, batch[i:i + 500]):
            for span in name.spans:
                sym = span.symbol
                if str(sym.category) != "NAME" and "NAME" not in repr(sym):
                    continue
                qid = str(sym.id)
                if not qid.startswith("Q") or qid in dev_qids:
                    continue
                form = " ".join(p.form for p in span.parts)
                if form in dev_spellings:
                    continue
                groups[qid].add(form)
    rows = [(q, v) for q, vs in sorted(groups.items()) if len(vs) >= 2 for v in sorted(vs)]
    out = os.path.join(HERE, "heldout-variants.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("group_id\tvariant\tsource\n")
        for q, v in rows:
            f.write(f"wd:{q}\t{v}\trigour-2.6.1-tagger:ofac-part\n")
    print(f"{len(set(q for q, _ in rows))} groups, {len(rows)} spellings -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
