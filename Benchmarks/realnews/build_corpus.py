#!/usr/bin/env python3
"""Builds the real-news corpus as users keep it, from ../shared/realnews (never committed: see its README).

    python3 Benchmarks/realnews/build_corpus.py [--shared DIR] [--out DIR]

Writes into Benchmarks/data/realnews/ (ignored by git):
  reuters/NNNNN.txt   one Reuters-21578 story per file, as on the wire: the headline, a blank line, then the
                      dateline and body ("ZURICH, April 13 - ..."); no date line, so the only date is the dateline's
                      day and month (the year, 1987, is nowhere in the file). Bytes kept as in the SGML (one story
                      holds a stray 0xFC byte), the wire's control characters (&#2; &#3; ...) removed.
  reuters.jsonl       the same stories as one JSON Lines archive: id, title, date (the <DATE> wire timestamp as ISO
                      8601), text (dateline and body).
  agnews.jsonl        AG News test split: id, title, text (its own escapes undone: '\\' line breaks, ' #39;' ...);
                      no date field (the collection has none).
  20news/{train,test}/NNNNN  the talk.politics.mideast Usenet posts as they are (no extension).
  truth.tsv           one row per Reuters story: newid, file, wire date (YYYY-MM-DD), title, dateline, type.

Provenance and licences: ../shared/realnews/README.md (Reuters-21578 Distribution 1.0, research use only; 20
Newsgroups and AG News distributed for research). Deterministic: the same input gives the same files.
"""
import argparse
import html
import json
import os
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

RECORD = re.compile(rb"<REUTERS([^>]*)>(.*?)</REUTERS>", re.S)
MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def field(record, name):
    m = re.search(rb"<" + name + rb"[^>]*>(.*?)</" + name + rb">", record, re.S)
    return m.group(1) if m else None


def sgml_text(raw):
    """SGML bytes to text: entities decoded, the wire's control characters dropped; undecodable bytes survive as
    surrogate escapes so that they are written back unchanged."""
    text = raw.decode("utf-8", "surrogateescape")

    def entity(m):
        code = int(m.group(1))
        if code < 32 and code not in (9, 10):
            return ""
        return chr(code)

    text = re.sub(r"&#(\d+);", entity, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def wire_date(raw):
    """'26-FEB-1987 15:01:01.79' -> ('1987-02-26', '1987-02-26T15:01:01Z')."""
    m = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d)", raw)
    if not m:
        return None, None
    day, mon, year, hh, mm, ss = m.groups()
    date = f"{year}-{MONTHS[mon]:02d}-{int(day):02d}"
    return date, f"{date}T{hh}:{mm}:{ss}Z"


def reuters(shared, out):
    src = os.path.join(shared, "reuters21578")
    folder = os.path.join(out, "reuters")
    os.makedirs(folder, exist_ok=True)
    truth = [("newid", "file", "wire_date", "title", "dateline", "type")]
    with open(os.path.join(out, "reuters.jsonl"), "w", encoding="utf-8", errors="surrogateescape") as jsonl:
        for name in sorted(f for f in os.listdir(src) if f.endswith(".sgm")):
            data = open(os.path.join(src, name), "rb").read()
            for m in RECORD.finditer(data):
                attrs, record = m.group(1), m.group(2)
                newid = int(re.search(rb'NEWID="(\d+)"', attrs).group(1))
                text_el = re.search(rb"<TEXT([^>]*)>(.*?)</TEXT>", record, re.S)
                kind = b"NORM"
                if text_el and b"TYPE=" in text_el.group(1):
                    kind = re.search(rb'TYPE="(\w+)"', text_el.group(1)).group(1)
                inner = text_el.group(2) if text_el else b""
                title = sgml_text(field(inner, b"TITLE") or b"").strip()
                dateline = " ".join(sgml_text(field(inner, b"DATELINE") or b"").split())
                body = field(inner, b"BODY")
                if body is not None:
                    body = sgml_text(body).strip("\n")
                elif kind == b"UNPROC":
                    body = sgml_text(inner).strip("\n")
                else:
                    body = ""
                wire_text = (dateline + " " + body.lstrip()) if dateline else body
                date, stamp = wire_date(sgml_text(field(record, b"DATE") or b""))
                file_name = f"{newid:05d}.txt"
                parts = [p for p in (title, wire_text.rstrip()) if p]
                if not parts:
                    continue
                with open(os.path.join(folder, file_name), "w", encoding="utf-8", errors="surrogateescape") as f:
                    f.write("\n\n".join(parts) + "\n")
                obj = {"id": str(newid), "title": title or None, "date": stamp, "text": wire_text.rstrip() or title}
                # A stray byte cannot be JSON: it is kept as U+FFFD there, as a JSON writer would have to.
                line = json.dumps(obj, ensure_ascii=False)
                jsonl.write(line.encode("utf-8", "surrogateescape").decode("utf-8", "replace") + "\n")
                truth.append((str(newid), file_name, date or "", title.replace("\t", " ").replace("\n", " "),
                              dateline, kind.decode()))
    with open(os.path.join(out, "truth.tsv"), "w", encoding="utf-8", errors="surrogateescape") as f:
        for row in truth:
            f.write("\t".join(row) + "\n")
    return len(truth) - 1


def agnews(shared, out):
    import csv
    count = 0
    with open(os.path.join(shared, "agnews", "test.csv"), newline="", encoding="utf-8") as src, \
            open(os.path.join(out, "agnews.jsonl"), "w", encoding="utf-8") as dst:
        reader = csv.reader(src)
        next(reader)
        for number, (label, title, description) in enumerate(reader, start=1):
            def undo(text):
                text = re.sub(r" ?#(\d+);", lambda m: chr(int(m.group(1))), text)
                text = html.unescape(text.replace("\\", "\n"))
                return re.sub(r"<[^>]{0,40}>", "", text)
            dst.write(json.dumps({"id": f"ag{number:05d}", "title": undo(title).strip(),
                                  "text": undo(description).strip(), "class": int(label)}, ensure_ascii=False) + "\n")
            count += 1
    return count


def newsgroups(shared, out):
    dst = os.path.join(out, "20news")
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(os.path.join(shared, "20news-mideast"), dst)
    for dirpath, _, files in os.walk(dst):
        os.chmod(dirpath, 0o755)
        for f in files:
            os.chmod(os.path.join(dirpath, f), 0o644)
    return sum(len(files) for _, _, files in os.walk(dst))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared", "realnews"))
    parser.add_argument("--out", default=os.path.join(ROOT, "Benchmarks", "data", "realnews"))
    args = parser.parse_args()
    if not os.path.isdir(args.shared):
        sys.exit(f"build_corpus.py: no real-news folder at {args.shared} (give --shared DIR)")
    if os.path.exists(os.path.join(args.out, "reuters")):
        shutil.rmtree(os.path.join(args.out, "reuters"))
    os.makedirs(args.out, exist_ok=True)
    print(f"reuters: {reuters(args.shared, args.out)} stories", file=sys.stderr)
    print(f"agnews: {agnews(args.shared, args.out)} items", file=sys.stderr)
    print(f"20news: {newsgroups(args.shared, args.out)} posts", file=sys.stderr)
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
