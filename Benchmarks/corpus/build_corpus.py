#!/usr/bin/env python3
"""Builds a reproducible benchmark corpus of real English prose with Arabic and Persian names injected.

Sources are Debian packages (see Benchmarks/README.md for licences); the script installs the missing ones
with apt-get. Text is cut at paragraph boundaries into article-sized files (2–10 KB), each with front matter
(title, date), and about one article in sixteen gets news-style sentences naming people and groups from the
Iraq/Iran news of 2019–2020, each in one of several real-world Latin spellings. A manifest records which file
got which spelling, so recall can be checked against it.

Same seed and same package versions → byte-identical corpus.

    python3 Benchmarks/corpus/build_corpus.py --size 100M [--seed 42] [--out Benchmarks/data/corpus-100M]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import html.parser
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent

# ---------------------------------------------------------------------------------------------------------------
# Sources


@dataclass
class Source:
    """One Debian package and how to read its prose as (origin, title, paragraphs) units."""
    name: str
    package: str
    licence: str
    reader: str          # name of a reader function below
    path: str
    big: bool = False    # only used for sizes above 100M
    suffixes: tuple[str, ...] = (".html", ".htm")   # file endings read by read_html_dir and read_text_dir

SOURCES = [
    Source("gcide", "dict-gcide", "GPL-2+ (GCIDE, from Webster's 1913 and WordNet)", "read_dict",
           "/usr/share/dictd/gcide.dict.dz"),
    Source("linux-doc", "linux-source-6.1", "GPL-2 (Linux kernel Documentation/, English only)", "read_linux_docs",
           "/usr/src/linux-source-6.1.tar.xz"),
    Source("wordnet", "wordnet-base", "WordNet 3.0 licence (BSD-like, Princeton)", "read_wordnet",
           "/usr/share/wordnet"),
    Source("python-doc", "python3.11-doc", "PSF-2.0 (Python 3.11 documentation)", "read_html_dir",
           "/usr/share/doc/python3.11/html"),
    Source("postgresql-doc", "postgresql-doc-15", "PostgreSQL licence (BSD-like)", "read_html_dir",
           "/usr/share/doc/postgresql-doc-15/html"),
    Source("foldoc", "dict-foldoc", "GFDL-1.1+ (Free On-line Dictionary of Computing)", "read_dict",
           "/usr/share/dictd/foldoc.dict.dz"),
    Source("jargon", "dict-jargon", "public domain (The Jargon File 4.4.4)", "read_dict",
           "/usr/share/dictd/jargon.dict.dz"),
    Source("django-doc", "python-django-doc", "BSD-3-Clause (Django documentation)", "read_html_dir",
           "/usr/share/doc/python-django-doc/html"),
    Source("git-doc", "git-doc", "GPL-2 (Git manual pages and guides)", "read_html_dir", "/usr/share/doc/git-doc"),
    # More prose for the 1 GB corpus: large HTML manuals, so that 1 GB is reached without repeating text.
    Source("openjdk-doc", "openjdk-17-doc", "GPL-2 with Classpath exception (OpenJDK 17 API docs)", "read_html_dir",
           "/usr/share/doc/openjdk-17-jre-headless/api", big=True),
    Source("erlang-doc", "erlang-doc", "Apache-2.0 (Erlang/OTP documentation)", "read_html_dir",
           "/usr/share/doc/erlang-doc", big=True),
    Source("rust-doc", "rust-doc", "MIT or Apache-2.0 (Rust books and std docs)", "read_html_dir",
           "/usr/share/doc/rust-doc/html", big=True),
    Source("pandas-doc", "python-pandas-doc", "BSD-3-Clause (pandas documentation)", "read_html_dir",
           "/usr/share/doc/python-pandas-doc/html", big=True),
    Source("scipy-doc", "python-scipy-doc", "BSD-3-Clause (SciPy documentation)", "read_html_dir",
           "/usr/share/doc/python-scipy-doc/html", big=True),
    Source("boost-doc", "libboost1.74-doc", "BSL-1.0 (Boost documentation)", "read_html_dir",
           "/usr/share/doc/libboost1.74-doc/HTML", big=True),
    Source("debian-handbook", "debian-handbook", "GPL-2+ or CC-BY-SA-3.0 (The Debian Administrator's Handbook)",
           "read_html_dir", "/usr/share/doc/debian-handbook/html/en-US", big=True),
    # Still more for 1 GB: the comments of large C, Go and Lisp code bases (the prose that programmers write for
    # each other), and more manuals. Licence boilerplate and any paragraph already seen are dropped (`Unseen`), so
    # that sources which share files (gdb and gcc both carry libiberty) add no repeated text.
    Source("linux-comments", "linux-source-6.1", "GPL-2 (comments of the Linux kernel's C sources)",
           "read_code_comments", "/usr/src/linux-source-6.1.tar.xz", big=True),
    Source("gcc-comments", "gcc-12-source", "GPL-3+ with GCC runtime exception (comments of GCC 12's sources)",
           "read_code_comments", "/usr/src/gcc-12", big=True),
    Source("glibc-comments", "glibc-source", "LGPL-2.1+ (comments of the GNU C library's sources)",
           "read_code_comments", "/usr/src/glibc", big=True),
    Source("gdb-comments", "gdb-source", "GPL-3+ (comments of GDB's and binutils' sources)",
           "read_code_comments", "/usr/src/gdb.tar.xz", big=True),
    Source("go-comments", "golang-1.19-src", "BSD-3-Clause (comments of the Go 1.19 standard library)",
           "read_code_comments", "/usr/share/go-1.19/src", big=True),
    Source("emacs-comments", "emacs-el", "GPL-3+ (commentary of Emacs 28's Lisp sources)",
           "read_code_comments", "/usr/share/emacs/28.2/lisp", big=True),
    Source("vim-help", "vim-runtime", "Vim licence (GPL-compatible; Vim 9.0 help files)", "read_text_dir",
           "/usr/share/vim/vim90/doc", big=True, suffixes=(".txt",)),
    Source("ghc-doc", "ghc-doc", "BSD-3-Clause (GHC user's guide and library docs)", "read_html_dir",
           "/usr/share/doc/ghc-doc/html", big=True),
    Source("qt5-doc", "qtbase5-doc-html", "GFDL-1.3 (Qt 5 documentation)", "read_html_dir",
           "/usr/share/qt5/doc", big=True),
    Source("sympy-doc", "python-sympy-doc", "BSD-3-Clause (SymPy documentation)", "read_html_dir",
           "/usr/share/doc/python-sympy-doc/html", big=True),
    Source("llvm-doc", "llvm-15-doc", "Apache-2.0 with LLVM exception (LLVM 15 documentation)", "read_html_dir",
           "/usr/share/doc/llvm-15-doc/html", big=True),
    Source("cmake-doc", "cmake-doc", "BSD-3-Clause (CMake documentation)", "read_html_dir",
           "/usr/share/doc/cmake-data/html", big=True),
    Source("debian-reference", "debian-reference-en", "GPL-2+ (Debian Reference, English)", "read_html_dir",
           "/usr/share/debian-reference", big=True),
    Source("kicad-doc", "kicad-doc-en", "GPL-3+ or CC-BY-3.0 (KiCad manuals, English)", "read_html_dir",
           "/usr/share/doc/kicad/help/en", big=True),
    Source("binutils-comments", "binutils-source", "GPL-3+ (comments of GNU binutils' sources)",
           "read_code_comments", "/usr/src/binutils", big=True),
    Source("perl-doc", "perl-doc", "GPL-1+ or Artistic (Perl 5.36 manual pages in POD)", "read_text_dir",
           "/usr/share/perl/5.36/pod", big=True, suffixes=(".pod",)),
    Source("statsmodels-doc", "python-statsmodels-doc", "BSD-3-Clause (statsmodels documentation)",
           "read_html_dir", "/usr/share/doc/python-statsmodels-doc/html", big=True),
    Source("sklearn-doc", "python-sklearn-doc", "BSD-3-Clause (scikit-learn documentation)", "read_html_dir",
           "/usr/share/doc/python-sklearn-doc/html", big=True),
    Source("astropy-doc", "python-astropy-doc", "BSD-3-Clause (Astropy documentation)", "read_html_dir",
           "/usr/share/doc/python-astropy-doc/html", big=True),
    Source("octave-doc", "octave-doc", "GPL-3+ (GNU Octave manual)", "read_html_dir", "/usr/share/doc/octave",
           big=True),
    Source("sqlite-doc", "sqlite3-doc", "public domain (SQLite documentation)", "read_html_dir",
           "/usr/share/doc/sqlite3", big=True),
    Source("sphinx-doc", "sphinx-doc", "BSD-2-Clause (Sphinx documentation)", "read_html_dir",
           "/usr/share/doc/sphinx-doc/html", big=True),
    Source("sqlalchemy-doc", "python-sqlalchemy-doc", "MIT (SQLAlchemy documentation)", "read_html_dir",
           "/usr/share/doc/python-sqlalchemy-doc/html", big=True),
    Source("skimage-doc", "python-skimage-doc", "BSD-3-Clause (scikit-image documentation)", "read_html_dir",
           "/usr/share/doc/python-skimage-doc/html", big=True),
    Source("dask-doc", "python-dask-doc", "BSD-3-Clause (Dask documentation)", "read_html_dir",
           "/usr/share/doc/python-dask-doc/html", big=True),
    Source("biopython-doc", "python-biopython-doc", "Biopython licence or BSD-3-Clause (Biopython tutorial)",
           "read_html_dir", "/usr/share/doc/python-biopython-doc", big=True),
]


def installed(package: str) -> bool:
    r = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return r.returncode == 0 and "install ok installed" in r.stdout


def ensure_packages(sources: list[Source]) -> None:
    missing = [s.package for s in sources if not Path(s.path).exists() and not installed(s.package)]
    if not missing:
        return
    print(f"installing {' '.join(missing)} with apt-get", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    # Without recommends: ghc-doc would bring ghc's whole tool chain, libreoffice's help the office suite.
    subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def resolve_path(src: Source) -> None:
    """Finds an HTML manual's folder from the package's file list when the expected path is not there.

    Package layouts move between releases (OpenJDK's API docs live under /usr/lib/jvm); asking dpkg where the
    package put its HTML is sturdier than a second guess."""
    if Path(src.path).exists() or src.reader != "read_html_dir":
        return
    r = subprocess.run(["dpkg", "-L", src.package], capture_output=True, text=True)
    pages = [l for l in r.stdout.splitlines() if l.endswith(".html") and Path(l).is_file()]
    if pages:
        src.path = os.path.commonpath(pages)


def paragraphs_of(text: str) -> list[str]:
    """Blank-line paragraphs with hard-wrapped lines kept as written."""
    out = []
    for block in re.split(r"\n[ \t]*\n", text):
        block = block.strip("\n")
        if block.strip():
            out.append(block.rstrip())
    return out


def read_dict(src: Source):
    """dictd databases: one entry per headword line at column 0; the entry is one paragraph."""
    with gzip.open(src.path, "rt", encoding="utf-8", errors="replace") as f:
        text = f.read()
    entries: list[list[str]] = []
    current: list[str] | None = None   # lines before the first headword are the file's preamble
    for line in text.split("\n"):
        if line and not line[0].isspace():
            if current:
                entries.append(current)
            current = [line]
        elif current is not None:
            current.append(line.strip())
    if current:
        entries.append(current)
    paras = []
    for lines in entries:
        head = lines[0]
        if head.startswith("00-database") or head.startswith("00database"):
            continue
        body = " ".join(l for l in lines[1:] if l)
        if len(body) < 20:
            continue
        paras.append(f"{head}: {body}")
    title = src.name.upper() if src.name != "gcide" else "Dictionary"
    # One unit per 200 entries keeps headword ranges readable as titles.
    for i in range(0, len(paras), 200):
        chunk = paras[i:i + 200]
        yield f"{src.path}#{i}", f"{title}: {chunk[0].split(':')[0]} to {chunk[-1].split(':')[0]}", chunk


def read_linux_docs(src: Source):
    """Kernel Documentation/*.rst and *.txt, English only (translations/ skipped), in archive order."""
    with tarfile.open(src.path, "r:xz") as tf:
        for m in tf:
            name = m.name
            if not m.isfile() or "/Documentation/" not in name or "/translations/" in name:
                continue
            if not (name.endswith(".rst") or name.endswith(".txt")):
                continue
            data = tf.extractfile(m).read().decode("utf-8", errors="replace")
            rel = name.split("/Documentation/", 1)[1]
            paras = [p for p in paragraphs_of(data) if not p.startswith(".. SPDX")]
            title = rel
            for p in paras[:3]:
                first = p.split("\n")[0].strip("=#*- ")
                if len(first) > 3:
                    title = first
                    break
            yield f"Documentation/{rel}", f"Linux: {title}", paras


def read_wordnet(src: Source):
    """WordNet synsets as 'lemma, lemma: gloss', six synsets to a paragraph."""
    for pos in ("noun", "verb", "adj", "adv"):
        items = []
        with open(f"{src.path}/data.{pos}", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith(" ") or "|" not in line:
                    continue
                head, gloss = line.split("|", 1)
                fields = head.split()
                count = int(fields[3], 16)
                lemmas = [fields[4 + 2 * i].replace("_", " ") for i in range(count)]
                items.append(f"{', '.join(lemmas)}: {gloss.strip()}")
        paras = [" ".join(items[i:i + 6]) for i in range(0, len(items), 6)]
        for i in range(0, len(paras), 100):
            chunk = paras[i:i + 100]
            yield f"data.{pos}#{i}", f"WordNet {pos}s: {chunk[0].split(':')[0].split(',')[0]}", chunk


BLOCK_TAGS = {"p", "div", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "table", "section",
              "blockquote", "br", "ul", "ol", "dl", "article", "header", "footer", "figure", "figcaption", "td",
              "th", "caption", "hr"}
VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
SKIP_TAGS = {"script", "style", "head", "nav", "noscript", "svg"}
SKIP_CLASSES = {"sphinxsidebar", "related", "footer", "navheader", "navfooter", "headerlink", "sidebar",
                "breadcrumbs", "top-nav", "sub-nav", "nav-container", "sidebar-elems"}


class TextExtractor(html.parser.HTMLParser):
    """Visible text of a manual page as paragraphs, without navigation, scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []   # (tag, skipping)
        self.paras: list[str] = []
        self.buf: list[str] = []
        self.pre = 0
        self.title = ""
        self.in_title = False

    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        if self.pre:
            text = text.strip("\n")
        else:
            text = " ".join(text.split())
        text = text.replace("¶", "").strip()
        if len(text) > 2:
            self.paras.append(text)

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        classes = set()
        for k, v in attrs:
            if k == "class" and v:
                classes.update(v.split())
        skip = self.skipping() or tag in SKIP_TAGS or bool(classes & SKIP_CLASSES)
        if tag in BLOCK_TAGS:
            self.flush()
        if tag == "pre":
            self.pre += 1
        if tag not in VOID_TAGS:
            self.stack.append((tag, skip))

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in VOID_TAGS:
            return
        # Pop to the matching tag; stray end tags are ignored.
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in BLOCK_TAGS:
            self.flush()
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if not self.skipping():
            self.buf.append(data)


def read_html_dir(src: Source):
    root = Path(src.path)
    files = sorted(p for p in root.rglob("*") if p.suffix in src.suffixes and p.is_file())
    for p in files:
        rel = p.relative_to(root).as_posix()
        if "_sources" in rel or "genindex" in rel or "search" in p.stem or rel.startswith("_"):
            continue
        parser = TextExtractor()
        try:
            parser.feed(p.read_text(encoding="utf-8", errors="replace"))
            parser.close()
        except Exception:  # a malformed page is skipped, not fatal: it is one page of thousands
            continue
        parser.flush()
        title = " ".join(parser.title.split()) or rel
        yield f"{src.package}/{rel}", title, parser.paras


# Code comments ---------------------------------------------------------------------------------------------------

CODE_SUFFIXES = (".c", ".h", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".go", ".el", ".el.gz")
BLOCK_COMMENT = re.compile(r"/\*(.*?)\*/", re.S)
# Licence headers and generated-file banners: the same text in thousands of files, not anyone's prose.
BOILERPLATE = re.compile(r"SPDX-License|free software|WITHOUT ANY WARRANTY|Copyright|copyright|"
                         r"Licensed under|GNU General Public|This file is part of|DO NOT EDIT|automatically generated|"
                         r"Generated by|Use of this source code is governed")


class Unseen:
    """Remembers paragraph digests across the code-comment sources, so that a paragraph is used only once."""
    seen: set[bytes] = set()

    @classmethod
    def first_time(cls, text: str) -> bool:
        key = hashlib.blake2b(" ".join(text.split()).lower().encode(), digest_size=12).digest()
        if key in cls.seen:
            return False
        cls.seen.add(key)
        return True


def comment_blocks(text: str, lisp: bool) -> list[str]:
    """The comments of one source file as text blocks: `/* */` blocks, and runs of `//` (or `;`) line comments."""
    blocks: list[str] = []
    if not lisp:
        for body in BLOCK_COMMENT.findall(text):
            lines = [l.strip() for l in body.split("\n")]
            blocks.append("\n".join(l[1:].strip() if l.startswith("*") else l for l in lines))
    marker = ";" if lisp else "//"
    run: list[str] = []
    for line in text.split("\n"):
        t = line.strip()
        if t.startswith(marker):
            run.append(t.lstrip(";") if lisp else t[2:])
            continue
        if run:
            blocks.append("\n".join(l.strip() for l in run))
            run = []
    if run:
        blocks.append("\n".join(l.strip() for l in run))
    return blocks


def comment_paragraphs(text: str, lisp: bool) -> list[str]:
    """Prose paragraphs of a file's comments: 60+ characters, mostly letters, no licence text, not seen before."""
    out = []
    for block in comment_blocks(text, lisp):
        for para in re.split(r"\n\s*\n", block):
            joined = " ".join(para.split())
            if len(joined) < 60 or BOILERPLATE.search(joined):
                continue
            letters = sum(c.isalpha() or c == " " for c in joined)
            if letters < 0.8 * len(joined):   # ASCII art, tables, commented-out code
                continue
            if Unseen.first_time(joined):
                out.append(joined)
    return out


def source_files(path: str):
    """(name, bytes) of every code file under a folder, or inside the tarballs found under it, in sorted order."""
    root = Path(path)
    if root.is_file():
        tarballs, plain = [root], []
    else:
        files = sorted(p for p in root.rglob("*") if p.is_file())
        tarballs = [p for p in files if re.search(r"\.tar\.(xz|gz|bz2)$", p.name)]
        plain = [p for p in files if p.name.endswith(CODE_SUFFIXES)]
    for p in plain:
        rel = p.relative_to(root).as_posix()
        if "/testdata/" in rel or "/vendor/" in rel:
            continue
        data = p.read_bytes()
        yield rel, gzip.decompress(data) if p.name.endswith(".gz") else data
    for tb in tarballs:
        with tarfile.open(tb, "r:*") as tf:
            for m in tf:
                if m.isfile() and m.name.endswith(CODE_SUFFIXES) and "/testsuite/" not in m.name:
                    yield m.name, tf.extractfile(m).read()


def read_code_comments(src: Source):
    """Comments of a code base, one unit per source file; a file with under 400 bytes of prose is skipped."""
    for name, data in source_files(src.path):
        text = data.decode("utf-8", errors="replace")
        paras = comment_paragraphs(text, lisp=name.endswith((".el", ".el.gz")))
        if sum(len(p) for p in paras) < 400:
            continue
        yield f"{src.package}/{name}", f"{src.name}: {name}", paras


def read_text_dir(src: Source):
    """Plain-text manuals (Vim's help, Perl's POD), one unit per file."""
    for p in sorted(q for q in Path(src.path).iterdir() if q.suffix in src.suffixes):
        paras = paragraphs_of(p.read_text(encoding="utf-8", errors="replace"))
        yield f"{src.package}/{p.name}", f"{src.name}: {p.stem}", paras


READERS = {"read_dict": read_dict, "read_linux_docs": read_linux_docs, "read_wordnet": read_wordnet,
           "read_html_dir": read_html_dir, "read_code_comments": read_code_comments, "read_text_dir": read_text_dir}

# ---------------------------------------------------------------------------------------------------------------
# Articles


@dataclass
class Article:
    source: str
    origin: str
    title: str
    paragraphs: list[str]
    date: str = ""
    names: list[dict] = field(default_factory=list)

    def size(self) -> int:
        return sum(len(p.encode()) + 2 for p in self.paragraphs)


def split_long(p: str, limit: int) -> list[str]:
    """Cuts a paragraph longer than `limit` bytes at line (else word) boundaries."""
    if len(p.encode()) <= limit:
        return [p]
    pieces, cur = [], ""
    units = p.split("\n") if "\n" in p else p.split(" ")
    sep = "\n" if "\n" in p else " "
    for u in units:
        if cur and len((cur + sep + u).encode()) > limit:
            pieces.append(cur)
            cur = u
        else:
            cur = u if not cur else cur + sep + u
    if cur:
        pieces.append(cur)
    out = []
    for x in pieces:
        # A single line longer than the limit (a table row, a base64 blob) is cut where it must be.
        while len(x.encode()) > limit:
            out.append(x[:limit // 4])
            x = x[limit // 4:]
        if x.strip():
            out.append(x)
    return out


def articles_of(src: Source, rng: random.Random, min_size=2048, max_size=10000):
    """Groups each source's paragraphs into 2–10 KB articles; small units run together."""
    reader = READERS[src.reader]
    pending: Article | None = None
    target = rng.randint(3000, 9000)
    for origin, title, paras in reader(src):
        if pending is not None and pending.size() >= min_size:
            yield pending
            pending = None
            target = rng.randint(3000, 9000)
        for para in paras:
            for piece in split_long(para, 4000):
                n = len(piece.encode()) + 2
                if pending is None:
                    pending = Article(src.name, origin, title, [])
                elif pending.size() + n > max_size or pending.size() >= target:
                    if pending.size() >= min_size:
                        yield pending
                        pending = Article(src.name, origin, title, [])
                        target = rng.randint(3000, 9000)
                pending.paragraphs.append(piece)
    if pending is not None and pending.size() >= min_size:
        yield pending

# ---------------------------------------------------------------------------------------------------------------
# Names: entity → (weight, kind, [(full form, short form, weight), ...]). Weights follow how often each name
# and spelling turned up in 2019–2020 English news about Iraq; rare spellings stay rare on purpose.

ENTITIES = {
    "Soleimani": (10, "person", [
        ("Qassem Soleimani", "Soleimani", 10), ("Qasem Soleimani", "Soleimani", 5),
        ("Qassem Suleimani", "Suleimani", 4), ("Qasem Soleymani", "Soleymani", 2),
        ("Ghasem Soleimani", "Soleimani", 1), ("Qassim Sulaimani", "Sulaimani", 1)]),
    "Muhandis": (2, "person", [
        ("Abu Mahdi al-Muhandis", "al-Muhandis", 6), ("Abu Mahdi al-Mohandes", "al-Mohandes", 2),
        ("Abu Mehdi al-Muhandis", "Muhandis", 1), ("Abu Mahdi al-Mohandis", "al-Mohandis", 1)]),
    "Kataib Hezbollah": (4, "group", [
        ("Kata'ib Hezbollah", "Kata'ib Hezbollah", 6), ("Kataib Hezbollah", "Kataib Hezbollah", 5),
        ("Kataeb Hezbollah", "Kataeb Hezbollah", 3), ("Kata’ib Hizballah", "Kata’ib Hizballah", 1),
        ("Kataib Hizbollah", "Kataib Hizbollah", 1)]),
    "Abdul-Mahdi": (4, "person", [
        ("Adel Abdul-Mahdi", "Abdul-Mahdi", 6), ("Adil Abdul Mahdi", "Abdul Mahdi", 3),
        ("Adel Abdul Mehdi", "Abdul Mehdi", 2), ("Adil Abd al-Mahdi", "Abd al-Mahdi", 1)]),
    "Khamenei": (8, "person", [
        ("Ali Khamenei", "Khamenei", 12), ("Ali Khamene'i", "Khamene'i", 1), ("Ali Khamenehei", "Khamenehei", 1)]),
    "Sistani": (4, "person", [
        ("Grand Ayatollah Ali al-Sistani", "Sistani", 6), ("Ayatollah Ali Sistani", "Sistani", 3),
        ("Grand Ayatollah Ali al-Seestani", "al-Seestani", 1)]),
    "Hashd al-Shaabi": (4, "group", [
        ("Hashd al-Shaabi", "Hashd", 6), ("Hashd al-Sha'bi", "Hashd", 2), ("al-Hashd al-Shaabi", "Hashd", 2),
        ("Hashed al-Shaabi", "Hashed", 1)]),
    "Muqtada al-Sadr": (4, "person", [
        ("Muqtada al-Sadr", "Sadr", 6), ("Moqtada al-Sadr", "Sadr", 4), ("Moqtada Sadr", "Sadr", 1)]),
    "Asaib Ahl al-Haq": (2, "group", [
        ("Asa'ib Ahl al-Haq", "Asa'ib Ahl al-Haq", 4), ("Asaib Ahl al-Haq", "Asaib Ahl al-Haq", 3),
        ("Asaeb Ahl al-Haq", "Asaeb Ahl al-Haq", 1)]),
    "Qais al-Khazali": (1, "person", [
        ("Qais al-Khazali", "Khazali", 4), ("Qays al-Khazali", "Khazali", 1), ("Qais al-Khazaali", "Khazaali", 1)]),
    "Javad Zarif": (3, "person", [
        ("Mohammad Javad Zarif", "Zarif", 6), ("Mohammed Javad Zarif", "Zarif", 2),
        ("Muhammad Jawad Zarif", "Zarif", 1)]),
}

PERSON_FULL = [
    "{n} was named in reports from Baghdad the same week.",
    "A statement attributed to {n} was read out at the gathering.",
    "Officials said {n} had been consulted before the decision.",
    "According to two people familiar with the talks, {n} attended the meeting.",
    "Critics accused {n} of stoking the unrest.",
    "Supporters of {n} rallied in the streets later that day.",
]
PERSON_SHORT = [
    "{n} did not respond to requests for comment.",
    "A spokesman for {n} declined to elaborate.",
    "The remarks by {n} drew a swift reply.",
    "Aides to {n} said the report was inaccurate.",
]
GROUP_FULL = [
    "Fighters from {n} were seen near the checkpoint.",
    "The militia {n} denied any role in the attack.",
    "A commander of {n} told reporters that the group would respond.",
    "Analysts said {n} had expanded its influence in recent months.",
]
GROUP_SHORT = [
    "{n} has long been accused of such operations.",
    "Members of {n} were later detained.",
    "The statement by {n} was posted online.",
]


def weighted(rng: random.Random, items, weight_of):
    total = sum(weight_of(x) for x in items)
    r = rng.uniform(0, total)
    for x in items:
        r -= weight_of(x)
        if r <= 0:
            return x
    return items[-1]


def inject_names(a: Article, rng: random.Random, rate: float) -> None:
    """With probability `rate`, names 1–3 entities 1–4 times each, in one spelling per entity per article."""
    if rng.random() >= rate:
        return
    keys = list(ENTITIES)
    chosen: list[str] = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        k = weighted(rng, keys, lambda k: ENTITIES[k][0])
        if k not in chosen:
            chosen.append(k)
    for k in chosen:
        _, kind, spellings = ENTITIES[k]
        full, short, _w = weighted(rng, spellings, lambda s: s[2])
        count = rng.choice([1, 1, 2, 2, 3, 4])
        for i in range(count):
            if kind == "person":
                tmpl = rng.choice(PERSON_FULL if i == 0 else PERSON_SHORT)
            else:
                tmpl = rng.choice(GROUP_FULL if i == 0 else GROUP_SHORT)
            sentence = tmpl.format(n=full if i == 0 else short)
            if sentence[0].islower():
                sentence = sentence[0].upper() + sentence[1:]
            j = rng.randrange(len(a.paragraphs))
            a.paragraphs[j] = a.paragraphs[j].rstrip() + " " + sentence
        a.names.append({"entity": k, "spelling": full, "short": short, "mentions": count})


def random_date(rng: random.Random) -> str:
    # 2010-01-01 .. 2024-12-31, uniformly by day
    start = 733773  # date(2010, 1, 1).toordinal()
    import datetime
    return datetime.date.fromordinal(start + rng.randrange(5479)).isoformat()


def render(a: Article) -> str:
    title = " ".join(a.title.split()).replace("---", "—")
    title = title[:150]
    return f"---\ntitle: {title}\ndate: {a.date}\n---\n\n" + "\n\n".join(a.paragraphs) + "\n"


def parse_size(s: str) -> int:
    m = re.fullmatch(r"(\d+)([KMG]?)", s.upper())
    if not m:
        raise SystemExit(f"error: size {s!r} is not like 100M or 1G")
    return int(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="100M", help="target corpus size, e.g. 100M or 1G (default 100M)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", help="output folder (default Benchmarks/data/corpus-SIZE)")
    ap.add_argument("--name-rate", type=float, default=1 / 16, help="share of articles that get names")
    ap.add_argument("--no-install", action="store_true", help="do not apt-get install missing sources")
    args = ap.parse_args()

    target = parse_size(args.size)
    out = Path(args.out) if args.out else BENCH / "data" / f"corpus-{args.size.upper()}"
    sources = [s for s in SOURCES if not s.big or target > (200 << 20)]
    if not args.no_install:
        ensure_packages(sources)
    for s in sources:
        resolve_path(s)
    missing = [s.name for s in sources if not Path(s.path).exists()]
    if missing:
        print(f"warning: not installed or not found, left out: {', '.join(missing)}", file=sys.stderr)
    sources = [s for s in sources if Path(s.path).exists()]

    t0 = time.time()
    rng = random.Random(args.seed)
    pool: list[Article] = []
    per_source: dict[str, int] = {}
    for s in sources:
        n0 = len(pool)
        src_rng = random.Random(f"{args.seed}:{s.name}")   # one stream per source: adding a source changes no other
        pool.extend(articles_of(s, src_rng))
        per_source[s.name] = sum(a.size() for a in pool[n0:])
        print(f"{s.name}: {len(pool) - n0} articles, {per_source[s.name] / 1e6:.1f} MB "
              f"({time.time() - t0:.0f} s)", file=sys.stderr)

    rng.shuffle(pool)
    chosen: list[Article] = []
    total = 0
    for a in pool:
        if total >= target:
            break
        chosen.append(a)
        total += a.size() + len(a.title) + 30   # + front matter
    if total < target:
        print(f"warning: the sources give only {total / (1 << 20):.0f} MiB, less than {args.size}; "
              "the corpus is smaller than asked", file=sys.stderr)

    if out.exists():
        shutil.rmtree(out)
    (out / "docs").mkdir(parents=True)
    manifest = open(out / "manifest.jsonl", "w", encoding="utf-8")
    digest = hashlib.sha256()
    spelling_files: dict[str, int] = {}
    bytes_written = 0
    for i, a in enumerate(chosen):
        a.date = random_date(rng)
        inject_names(a, rng, args.name_rate)
        rel = f"docs/{i // 1000:04d}/{i:07d}.txt"
        path = out / rel
        path.parent.mkdir(exist_ok=True)
        data = render(a).encode("utf-8")
        path.write_bytes(data)
        bytes_written += len(data)
        digest.update(rel.encode() + b"\0" + data)
        for n in a.names:
            spelling_files[n["spelling"]] = spelling_files.get(n["spelling"], 0) + 1
        manifest.write(json.dumps({"file": rel, "source": a.source, "origin": a.origin, "date": a.date,
                                   "bytes": len(data), "names": a.names}, ensure_ascii=False) + "\n")
    manifest.close()
    summary = {
        "size": args.size.upper(), "seed": args.seed, "files": len(chosen), "bytes": bytes_written,
        "sha256": digest.hexdigest(), "name_rate": args.name_rate,
        "sources": {s.name: {"package": s.package, "licence": s.licence,
                             "articles": sum(1 for a in chosen if a.source == s.name),
                             "bytes": sum(a.size() for a in chosen if a.source == s.name)} for s in sources},
        "files_per_spelling": dict(sorted(spelling_files.items())),
        "files_with_names": sum(1 for a in chosen if a.names),
    }
    (out / "corpus.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(chosen)} files, {bytes_written / (1 << 20):.1f} MiB to {out} in {time.time() - t0:.0f} s; "
          f"sha256 {digest.hexdigest()[:16]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
