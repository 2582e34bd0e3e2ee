"""Text assembled from pieces of a raw text, with an exact map back to it.

A *piece* is either a ``(raw_start, raw_end)`` range copied from the raw text
or a ``str`` inserted by normalisation (only whitespace is ever inserted).

>>> raw = "Luxem-\\nburg1 ligt"
>>> b = TextBuilder(raw)
>>> b.add([(0, 5), (7, 11)])
>>> b.insert(" ")
>>> b.add([(13, 17)])
>>> text, smap = b.build()
>>> text, raw[smap.to_source(text.index("ligt"))]
('Luxemburg ligt', 'l')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.document import SourceMap

Piece = tuple[int, int] | str


def piece_len(piece: Piece) -> int:
    """Length of a piece once rendered.

    >>> piece_len((3, 7)), piece_len(" ")
    (4, 1)
    """
    return len(piece) if isinstance(piece, str) else piece[1] - piece[0]


def render(raw: str, pieces: Iterable[Piece]) -> str:
    """The text the pieces stand for.

    >>> render("abcdef", [(0, 2), "-", (4, 6)])
    'ab-ef'
    """
    return "".join(p if isinstance(p, str) else raw[p[0] : p[1]] for p in pieces)


def cut(pieces: Sequence[Piece], start: int, end: int) -> list[Piece]:
    """Remove the rendered range ``[start, end)`` from ``pieces``.

    >>> cut([(0, 5), " ", (6, 9)], 3, 7)
    [(0, 3), (7, 9)]
    """
    out: list[Piece] = []
    pos = 0
    for piece in pieces:
        n = piece_len(piece)
        lo, hi = pos, pos + n
        pos = hi
        if hi <= start or lo >= end:
            out.append(piece)
            continue
        keep_left = max(0, start - lo)
        keep_right = max(0, hi - end)
        if isinstance(piece, str):
            rest = piece[:keep_left] + piece[n - keep_right :]
            if rest:
                out.append(rest)
            continue
        if keep_left:
            out.append((piece[0], piece[0] + keep_left))
        if keep_right:
            out.append((piece[1] - keep_right, piece[1]))
    return out


def split_at(pieces: Sequence[Piece], at: int) -> tuple[list[Piece], list[Piece]]:
    """Split pieces at rendered offset ``at``.

    >>> split_at([(0, 4), " ", (5, 8)], 2)
    ([(0, 2)], [(2, 4), ' ', (5, 8)])
    """
    left: list[Piece] = []
    right: list[Piece] = []
    pos = 0
    for piece in pieces:
        n = piece_len(piece)
        if pos + n <= at:
            left.append(piece)
        elif pos >= at:
            right.append(piece)
        else:
            k = at - pos
            if isinstance(piece, str):
                left.append(piece[:k])
                right.append(piece[k:])
            else:
                left.append((piece[0], piece[0] + k))
                right.append((piece[0] + k, piece[1]))
        pos += n
    return left, right


class TextBuilder:
    """Concatenate pieces into text while recording the source map."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._segments: list[tuple[int, int, int]] = []
        self.length = 0

    def add(self, pieces: Iterable[Piece]) -> None:
        """Append pieces (copied ranges and inserted strings)."""
        for piece in pieces:
            if isinstance(piece, str):
                self.insert(piece)
            else:
                self._copy(*piece)

    def insert(self, text: str) -> None:
        """Append text that does not come from the raw text."""
        if text:
            self._parts.append(text)
            self.length += len(text)

    def _copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        if self._segments:
            n0, r0, l0 = self._segments[-1]
            if n0 + l0 == self.length and r0 + l0 == start:  # contiguous: extend
                self._segments[-1] = (n0, r0, l0 + end - start)
                self._parts.append(self.raw[start:end])
                self.length += end - start
                return
        self._segments.append((self.length, start, end - start))
        self._parts.append(self.raw[start:end])
        self.length += end - start

    def build(self) -> tuple[str, SourceMap]:
        """The text and its source map."""
        return "".join(self._parts), SourceMap(tuple(self._segments))
