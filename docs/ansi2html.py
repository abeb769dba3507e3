#!/usr/bin/env python3
"""Turns a `tmux capture-pane -e` dump (text with SGR colour codes) into an HTML page for a screenshot.

Only what search prints is understood: SGR resets, bold, and the 8/16 foreground colours; other sequences are dropped.
"""
import html
import re
import sys

COLOURS = {30: "#2e3436", 31: "#cc0000", 32: "#4e9a06", 33: "#c4a000", 34: "#3465a4", 35: "#75507b", 36: "#06989a",
           37: "#d3d7cf", 90: "#555753", 91: "#ef2929", 92: "#8ae234", 93: "#fce94f", 94: "#729fcf", 95: "#ad7fa8",
           96: "#34e2e2", 97: "#eeeeec"}


def convert(text):
    out, state = [], {"bold": False, "fg": None}
    opened = False
    for piece in re.split(r"(\x1b\[[0-9;]*[A-Za-z])", text):
        match = re.fullmatch(r"\x1b\[([0-9;]*)m", piece)
        if match:
            for code in [int(c) if c else 0 for c in match.group(1).split(";")]:
                if code in (0, 39, 22):
                    if code in (0, 22): state["bold"] = False
                    if code in (0, 39): state["fg"] = None
                elif code == 1: state["bold"] = True
                elif code in COLOURS: state["fg"] = COLOURS[code]
            if opened: out.append("</span>")
            style = ("font-weight:bold;" if state["bold"] else "") + (f"color:{state['fg']};" if state["fg"] else "")
            out.append(f'<span style="{style}">')
            opened = True
        elif piece.startswith("\x1b"):
            continue
        else:
            out.append(html.escape(piece))
    if opened: out.append("</span>")
    return "".join(out)


body = convert(sys.stdin.read().rstrip("\n"))
print('<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e">'
      '<pre style="margin:0;padding:14px;color:#d3d7cf;font:15px/1.25 \'DejaVu Sans Mono\',monospace">'
      + body + "</pre></body>")
