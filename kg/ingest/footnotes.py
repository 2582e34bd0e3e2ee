"""Find footnote texts at page bottoms and the markers glued to words in the body.

Footnote texts are recognised two ways: lines after a footnote rule (a long run
of spaces or underscores, as PDF exports draw it), and numbered paragraphs
right before a page break whose numbers continue the document's footnote
sequence. Markers are numbers glued to a word (``Luxemburg1``, ``jl.2``,
``20211``) or in brackets (``[1 ]``); a glued number only counts when it is the
next number of the sequence 1, 2, 3 ... through the body, which keeps
``COVID-19``, ``G7``, ``A400M`` and ``2019/1896`` intact.

>>> [(m.number, m.start, m.end) for m in find_marker_candidates("in Luxemburg1. Op 2 juni")]
[('1', 12, 13)]
>>> [m.number for m in find_marker_candidates("COVID-19, G7, A400M, CO2 en 2019/1896")]
[]
>>> [(m.number, m.start) for m in find_marker_candidates("van 20211 en jl.2")]
[('1', 8), ('2', 16)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(?=\S)")

_END = r"(?=[\s.,;:!?)\]”’\"'»]|$)"
_GLUED_WORD = re.compile(rf"(?<=[^\W\d_]{{2}})(\d{{1,3}}){_END}")
#: after closing punctuation: "jl.2", "mrd.1", "verschuiven»?2", "(12-10-2023).3"
_GLUED_PUNCT = re.compile(rf"([^\W_])([.;:?!)»”’\"'\]]{{1,3}})(\d{{1,3}}){_END}")
_GLUED_YEAR = re.compile(rf"(?<![\w])(?:19|20)\d\d(\d{{1,2}}){_END}")
_BRACKET = re.compile(r"\[\s?(\d{1,3})\s?\]")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")


_DIGIT = re.compile(r"\d")


def _word_before(text: str, end: int) -> re.Match[str] | None:
    """The letters just before ``end``: looked for in a short window first, not from 0."""
    start = max(0, end - 48)
    word = _WORD_BEFORE.search(text, start, end)
    if word is not None and word.start() == start and start > 0:
        word = _WORD_BEFORE.search(text, 0, end)  # a word longer than the window
    return word


@dataclass(frozen=True)
class MarkerCandidate:
    """A possible footnote marker: its number and the span to cut from the line."""

    number: str
    start: int
    end: int
    bracketed: bool = False
    #: glued to an ordinary word ("landen1"), where a digit never belongs
    strong: bool = False


def find_marker_candidates(text: str) -> list[MarkerCandidate]:
    """Numbers in ``text`` that may be footnote markers, in order.

    >>> [(c.number, c.strong) for c in find_marker_candidates("de landen1 en de EU27 [2 ]")]
    [('1', True), ('2', False)]
    """
    if not _DIGIT.search(text):
        return []  # most lines: nothing to look at
    found: dict[int, MarkerCandidate] = {}
    for m in _BRACKET.finditer(text):
        found[m.start()] = MarkerCandidate(m.group(1), m.start(), m.end(), True)
    for m in _GLUED_WORD.finditer(text):
        word = _word_before(text, m.start())
        if word and word.group(1).isupper() and len(word.group(1)) <= 3:
            continue  # CO2, EU27-like codes
        strong = bool(word and len(word.group(1)) >= 4 and word.group(1)[1:].islower())
        found.setdefault(
            m.start(1), MarkerCandidate(m.group(1), m.start(1), m.end(1), False, strong)
        )
    for m in _GLUED_PUNCT.finditer(text):
        if m.group(1).isdigit() and ")" not in m.group(2):
            continue  # "3.2", "1.000": numbers, not markers
        found.setdefault(m.start(3), MarkerCandidate(m.group(3), m.start(3), m.end(3)))
    for m in _GLUED_YEAR.finditer(text):
        found.setdefault(m.start(1), MarkerCandidate(m.group(1), m.start(1), m.end(1)))
    return [found[k] for k in sorted(found)]


def select_markers(
    candidates: list[tuple[int, MarkerCandidate]], known: set[int]
) -> list[tuple[int, MarkerCandidate]]:
    """Keep the candidates that continue the sequence 1, 2, 3 ... in reading order.

    ``candidates`` are ``(line index, candidate)`` pairs in reading order;
    ``known`` holds the numbers of footnote texts found on the pages. A bracketed
    marker may skip ahead; a glued number must be exactly the next one.

    >>> cands = [(0, MarkerCandidate("1", 5, 6)), (1, MarkerCandidate("7", 2, 3)),
    ...          (2, MarkerCandidate("2", 9, 10))]
    >>> [c.number for _, c in select_markers(cands, set())]
    ['1', '2']
    """
    out: list[tuple[int, MarkerCandidate]] = []
    expected = 1
    for line_no, cand in candidates:
        n = int(cand.number)
        ok = n == expected or (cand.bracketed and expected <= n <= expected + 3)
        if not ok and n in known and expected < n <= expected + 2:
            ok = True  # a marker lost in the source; a number with a footnote text still counts
        if not ok and cand.strong and n == expected + 1:
            ok = True  # one marker lost; "landen2" cannot be anything but a marker
        if ok:
            out.append((line_no, cand))
            expected = n + 1
    return out
