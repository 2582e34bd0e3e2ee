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


#: Characters of the categories in _DROP_CATEGORIES (Unicode 14, Python 3.11's
#: unicodedata; a test checks the two agree), as a regex class.
INVISIBLE = (
    "\u0000-\u001f\u007f-\u009f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff"
    "\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
#: A copied run: visible characters, words joined by single plain spaces.
_COPY_RUN = re.compile(rf"[^\s{INVISIBLE}]+(?: [^\s{INVISIBLE}]+)*")
_SPACE = re.compile(r"\s")


def _content_pieces(raw: str, start: int, end: int) -> tuple[list[Piece], int]:
    """Pieces of raw[start:end] with whitespace collapsed and invisible characters dropped.

    Runs of visible characters joined by single plain spaces are copied as
    one piece; between runs one space is inserted where the gap held
    whitespace (a gap of invisible characters only joins the runs). The
    count of whitespace characters is only worked out for a line without
    visible text (it tells a footnote rule of spaces from a blank line).

    >>> raw = "  een  twee\u00addrie vier"
    >>> _content_pieces(raw, 0, len(raw))
    ([(2, 5), ' ', (7, 11), (12, 21)], 0)
    >>> _content_pieces("   \t ", 0, 5)
    ([], 5)
    """
    pieces: list[Piece] = []
    previous_end = -1
    for m in _COPY_RUN.finditer(raw, start, end):
        s = m.start()
        if previous_end >= 0 and _SPACE.search(raw, previous_end, s):
            pieces.append(" ")
        pieces.append((s, m.end()))
        previous_end = m.end()
    if pieces:
        return pieces, 0
    return pieces, len(_SPACE.findall(raw, start, end))


def _strip_markup(line: Line, raw: str) -> None:
    """Cut markdown marks and a leading bullet glyph; the text is rendered again only after a cut."""

    def apply(cuts: list[tuple[int, int]]) -> None:
        for start, end in sorted(cuts, reverse=True):
            line.pieces = cut(line.pieces, start, end)
        line.text = render(raw, line.pieces)

    m = _MD_HEADING.match(line.text)
    if m:
        line.md_heading = True
        apply([(0, m.end())])
    if "](" in line.text:
        images = [m.span() for m in _MD_IMAGE.finditer(line.text)]
        if images:
            apply(images)
        links = [(m.span(g)) for m in _MD_LINK.finditer(line.text) for g in (1, 2)]
        if links:
            apply(links)
    if "**" in line.text or "__" in line.text:
        bold = [m.span() for m in _MD_BOLD.finditer(line.text)]
        if bold:
            apply(bold)
    m = _BULLET.match(line.text)
    if m and m.end() < len(line.text):
        line.bullet = True
        apply([(0, m.end())])
    # cutting may leave a leading/trailing inserted space
    if line.pieces and (line.pieces[0] == " " or line.pieces[-1] == " "):
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
