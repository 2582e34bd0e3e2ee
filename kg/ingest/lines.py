"""Split raw text into lines of pieces, classify them, and measure the gaps between them.

Each line keeps its content as pieces (see :mod:`kg.ingest.textmap`):
whitespace runs collapse to one space, control and format characters (soft
hyphens, zero-width spaces) are dropped, markdown heading marks, bold marks and
bullet glyphs are cut. Nothing else is changed, so every character of the
rendered line is a character of the raw text.

>>> lines = split_lines("## Kopje\\n\\n  \\u2022 punt  een\\n")
>>> [(ln.kind, ln.text, ln.md_heading, ln.bullet) for ln in lines]
[('text', 'Kopje', True, False), ('blank', '', False, False), ('text', 'punt een', False, True), ('blank', '', False, False)]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kg.ingest.textmap import Piece, cut, render

_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE = re.compile(rf"([^{_BREAK_CHARS}]*)(\r\n|[{_BREAK_CHARS}]|\Z)")
_DROP_CATEGORIES = {"Cc", "Cf", "Cs"}

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_BOLD = re.compile(r"\*\*|__(?=\w)|(?<=\w)__")
#: markdown images (cut whole) and links (keep the link text): ![alt](src), [text](url)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)\s]*\)")
_MD_LINK = re.compile(r"(\[)[^\]\n]+(\]\([^)\s]+\))")
_BULLET = re.compile(r"^(?:[•·▪◦●○■□‣⁃►➢✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8]\s*|[-–—*](?=\s)\s*)")
ENUMERATOR = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-z][.)]|[IVX]{1,5}[.)]|\((?:\d{1,2}|[a-z]|[ivx]{1,4})\))\s+\S"
)
_PAGE_RULE = re.compile(r"^(?:-{3,}|={4,})$")
_SEP_RULE = re.compile(r"^_{5,}$")

#: A whitespace-only line at least this long is a footnote separator (PDF exports draw it as spaces).
SEPARATOR_MIN_SPACES = 10


@dataclass
class Line:
    """One raw line: its kind, its rendered text and the pieces it came from."""

    kind: str  # "text", "blank" (empty), "ws" (whitespace only), "sep" (footnote rule), "page"
    pieces: list[Piece] = field(default_factory=list)
    text: str = ""
    raw_start: int = 0
    md_heading: bool = False
    #: the raw line ended in a soft hyphen (U+00AD): the word continues on the next line
    soft_hyphen: bool = False
    bullet: bool = False
    role: str = "body"  # "body", "footnote", "footer"
    #: Footnote markers cut from this line: (rendered offset after the cut, number).
    markers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def enumerated(self) -> bool:
        return bool(ENUMERATOR.match(self.text))


def _content_pieces(raw: str, start: int, end: int) -> tuple[list[Piece], int]:
    """Pieces of raw[start:end] with whitespace collapsed and invisible characters dropped."""
    runs: list[tuple[int, int, bool]] = []  # (start, end, whitespace_before)
    ws_count = 0
    run_start = -1
    saw_ws = False
    for i in range(start, end):
        ch = raw[i]
        if ch.isspace():
            kind = "ws"
            ws_count += 1
        elif unicodedata.category(ch) in _DROP_CATEGORIES:
            kind = "drop"
        else:
            kind = "keep"
        if kind == "keep":
            if run_start < 0:
                run_start = i
            continue
        if run_start >= 0:
            runs.append((run_start, i, saw_ws))
            run_start = -1
            saw_ws = False
        if kind == "ws":
            saw_ws = True
    if run_start >= 0:
        runs.append((run_start, end, saw_ws))
    pieces: list[Piece] = []
    for k, (s, e, ws_before) in enumerate(runs):
        if k and ws_before:
            prev = pieces[-1]
            if isinstance(prev, tuple) and raw[prev[1] : s] == " ":
                pieces[-1] = (prev[0], e)  # a single plain space: keep copying
                continue
            pieces.append(" ")
        pieces.append((s, e))
    return pieces, ws_count


def _strip_markup(line: Line, raw: str) -> None:
    m = _MD_HEADING.match(line.text)
    if m:
        line.md_heading = True
        line.pieces = cut(line.pieces, 0, m.end())
        line.text = render(raw, line.pieces)
    for m in reversed(list(_MD_IMAGE.finditer(line.text))):
        line.pieces = cut(line.pieces, m.start(), m.end())
    line.text = render(raw, line.pieces)
    for m in reversed(list(_MD_LINK.finditer(line.text))):
        line.pieces = cut(line.pieces, m.start(2), m.end(2))
        line.pieces = cut(line.pieces, m.start(1), m.end(1))
    line.text = render(raw, line.pieces)
    for m in reversed(list(_MD_BOLD.finditer(line.text))):
        line.pieces = cut(line.pieces, m.start(), m.end())
    line.text = render(raw, line.pieces)
    m = _BULLET.match(line.text)
    if m and m.end() < len(line.text):
        line.bullet = True
        line.pieces = cut(line.pieces, 0, m.end())
        line.text = render(raw, line.pieces)
    # cutting may leave a leading/trailing inserted space
    while line.pieces and line.pieces[0] == " ":
        line.pieces.pop(0)
    while line.pieces and line.pieces[-1] == " ":
        line.pieces.pop()
    line.text = render(raw, line.pieces)


def split_lines(raw: str) -> list[Line]:
    """Split ``raw`` into classified :class:`Line` objects (a form feed becomes a page line)."""
    lines: list[Line] = []
    pos = 0
    n = len(raw)
    while pos <= n:
        m = _LINE.match(raw, pos)
        assert m is not None
        start, end = m.span(1)
        pieces, ws_count = _content_pieces(raw, start, end)
        if pieces:
            line = Line("text", pieces, render(raw, pieces), start)
            line.soft_hyphen = raw[start:end].rstrip().endswith("\u00ad")
            if _PAGE_RULE.match(line.text):
                line = Line("page", raw_start=start)
            elif _SEP_RULE.match(line.text):
                line = Line("sep", raw_start=start)
            else:
                _strip_markup(line, raw)
                if not line.pieces:
                    line = Line("ws", raw_start=start)
        elif end > start:
            line = Line("sep" if ws_count >= SEPARATOR_MIN_SPACES else "ws", raw_start=start)
        else:
            line = Line("blank", raw_start=start)
        lines.append(line)
        sep = m.group(2)
        if sep == "\x0c":
            lines.append(Line("page", raw_start=m.start(2)))
        if not sep:
            break
        pos = m.end()
    return lines
