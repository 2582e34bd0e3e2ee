"""Turn raw page text into blocks of reflowed text, footnotes lifted out, offsets kept.

The raw text may come from a PDF export that breaks every line (with or
without blank lines between them), a web page with hard line breaks inside
sentences, blank-line paragraphs, or PDF-to-markdown output. The rules:

* Gaps between lines: no gap (or, in "interleaved" exports where every line is
  followed by an empty line, one empty line) is a *soft* break; an empty or
  whitespace-only line is a *hard* (paragraph) break; two whitespace-only lines,
  a form feed or a ``-----`` rule is a *page* break.
* At soft and page breaks lines are joined into one paragraph unless the
  previous line visibly ended early: it ends a sentence and the next word would
  have fitted on it, or it is a short line without final punctuation followed
  by a capitalised line (a heading). List items and headings start new blocks.
* Hyphenation: a word split as ``onderhan-`` / ``delingen`` is joined without
  the hyphen. The hyphen stays when it is a real compound hyphen: after a
  capital or a digit (``EU-``, ``COVID-``), before a capital or a digit, and
  where Dutch spelling requires it because two vowels would merge
  (``informatie-uitwisseling``, ``zee-egel``). ``asiel-`` / ``en migratie`` keeps
  the hyphen and the space (a suspended compound).
* Footnotes (see :mod:`kg.ingest.footnotes`) are cut out of the pages and
  appended after the body, one per line as ``"<number> <text>"``.

>>> norm = normalise("Hij ging naar Luxem-\\nburg1.\\n\\nEn terug.\\n")
>>> norm.text
'Hij ging naar Luxemburg.\\n\\nEn terug.'
>>> [(f.number, f.marker) for f in norm.footnotes]
[('1', 23)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.document import Block, Footnote, SourceMap
from kg.ingest.footnotes import (
    FOOTNOTE_START,
    MarkerCandidate,
    find_marker_candidates,
    select_markers,
)
from kg.ingest.lines import ENUMERATOR, Line, split_lines
from kg.ingest.textmap import Piece, TextBuilder, cut, piece_len, split_at

SOFT, HARD, PAGE = "soft", "hard", "page"
#: join code: no space and nothing to strip (the line ended in an invisible soft hyphen)
_GLUE = "+"

_TERMINAL = re.compile(r"[.!?:;][\"'”’»)\]]*$")
# One sentence ends and the next begins inside the block ("... directive. The partial
# general approach covers the articl"): running text, cut off or not, never a heading.
_SENTENCE_INSIDE = re.compile(r"(?<=[a-zà-ÿ]{3})[.!?]\s+[A-Z][a-zà-ÿ]")
_WORD = re.compile(r"\S+")
#: Dutch and English words a heading or paragraph never ends on.
_FUNCTION_WORDS = frozenset(
    [
        "de",
        "het",
        "een",
        "van",
        "voor",
        "en",
        "of",
        "in",
        "op",
        "te",
        "met",
        "aan",
        "om",
        "dat",
        "die",
        "dit",
        "deze",
        "bij",
        "tot",
        "naar",
        "over",
        "door",
        "als",
        "ook",
        "niet",
        "is",
        "zijn",
        "der",
        "den",
        "wordt",
        "worden",
        "heeft",
        "hebben",
        "zal",
        "zullen",
        "kan",
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "that",
        "this",
        "is",
        "are",
        "was",
        "were",
        "be",
    ]
)
#: Vowel pairs that Dutch spelling separates with a hyphen in compounds (klinkerbotsing).
_VOWEL_CLASH = frozenset(
    ["aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oo", "ou", "ui", "uu", "ij"]
)
_SUSPENDED = re.compile(r"^(?:en|of|en/of|tot|and|or)\b")
OFFICE_LINE = re.compile(
    r"^(?:De |de |The |the )?(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris|[Pp]remier|"
    r"Minister|Secretary of State)\b[^,]{0,90},\s*(?P<rest>.*)$"
)
_ROLE_START = re.compile(
    r"^(?:De |de |The |the )?(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris|[Pp]remier|"
    r"Secretary of State)\b"
)
NAME = re.compile(
    r"(?:[A-Z][a-z]{0,2}\.\s?(?:-?[A-Z][a-z]{0,2}\.\s?)*)\s*"
    r"(?:(?:van|de|der|den|ten|ter|te|von|'t|in 't|la|le|du)\s+){0,3}"
    r"[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)?"
)
#: Lines of a letter's head that always stand alone: dossier ("21 501-02 Raad ..."), "Nr. 262".
_HEAD_LINE = re.compile(r"^(?:\d{2} \d{3}(?:-\d{1,3})? [A-Z]|Nr\. ?\d+$)")
_TK_TITLE = re.compile(r"^Brief regering ?:")
_DATE_LINE = re.compile(r"^[A-Z][\w'’ .-]{1,40}, \d{1,2} \w+ \d{4}\)?$")
_TITLE_LINE = re.compile(r"^(?:Nr\. ?\d+ +)?(?:BRIEF VAN|Brief van|Brief regering ?:)")
_IDENT_FOOTER = re.compile(r"^(?:[a-z]{1,4}[ -]){1,3}\d{4,8}(?:[ -]+(?:nr[ .-]*)?\d{1,5}){1,2}$")
_PAGE_NUMBER = re.compile(
    r"^(?:[-–]?\s*\d{1,3}\s*[-–]?|(?:[Pp]agina|[Pp]age|[Bb]lz\.?)\s*\d{1,3}(?:\s*(?:van|of|/)\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})$"
)


@dataclass
class Normalised:
    """The result of :func:`normalise`: text, blocks, footnotes, map to the raw text."""

    text: str
    blocks: list[Block]
    footnotes: list[Footnote]
    body_end: int
    source_map: SourceMap
    interleaved: bool = False


@dataclass
class _Gap:
    blank: int = 0
    ws: int = 0
    sep: int = 0
    page: int = 0
    removed: int = 0


@dataclass
class _Block:
    lines: list[Line]
    joins: list[str] = field(default_factory=list)  # between lines: " ", "", "\n", "- "


# --------------------------------------------------------------------------- gaps


def _text_lines_with_gaps(lines: list[Line]) -> list[tuple[Line, _Gap]]:
    out: list[tuple[Line, _Gap]] = []
    gap = _Gap()
    for line in lines:
        if line.kind == "text":
            out.append((line, gap))
            gap = _Gap()
        else:
            setattr(gap, line.kind, getattr(gap, line.kind) + 1)
    return out


def _is_interleaved(items: list[tuple[Line, _Gap]]) -> bool:
    """True for exports that put an empty line after every line of text."""
    if len(items) < 6:
        return False
    gaps = [g for _, g in items[1:]]
    single_blank = sum(1 for g in gaps if g.blank == 1 and not (g.ws or g.sep or g.page))
    # wrapped lines have a page width; one-line paragraphs (web pages) do not
    lengths = sorted(len(line.text) for line, _ in items)
    if single_blank < 0.5 * len(gaps) or lengths[int(0.9 * (len(lengths) - 1))] > 130:
        return False
    # evidence that empty lines carry no meaning: whitespace-only lines separate the
    # paragraphs instead, or many lines run to the same width
    ws_gaps = sum(1 for g in gaps if g.ws)
    p75 = lengths[int(0.75 * (len(lengths) - 1))]
    full = sum(1 for n in lengths if n >= 0.8 * p75)
    return ws_gaps >= 2 or (len(lengths) >= 20 and full >= 0.5 * len(lengths))


def _gap_type(gap: _Gap, interleaved: bool) -> str:
    if gap.page or gap.removed or gap.ws >= 2 or gap.blank >= 4:
        return PAGE
    if interleaved:
        return HARD if gap.ws or gap.sep or gap.blank >= 2 else SOFT
    return HARD if gap.blank or gap.ws or gap.sep else SOFT


# ---------------------------------------------------------------------- footnotes


def _footnote_groups(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """Split footnote lines into (number, lines) groups."""
    groups: list[tuple[str, list[Line]]] = []
    for line in lines:
        m = FOOTNOTE_START.match(line.text)
        if m and (not groups or int(m.group(1)) == int(groups[-1][0]) + 1):
            groups.append((m.group(1), [line]))
        elif groups:
            groups[-1][1].append(line)
    return groups


def _mark_footnotes(items: list[tuple[Line, _Gap]], types: list[str]) -> None:
    """Set ``role = "footnote"`` on footnote lines, in place."""
    n = len(items)
    last_number = 0
    i = 0
    while i < n:
        line, gap = items[i]
        m = FOOTNOTE_START.match(line.text)
        # (a) after a footnote rule, up to the next page break
        if gap.sep and m:
            j = i
            while j + 1 < n and types[j + 1] != PAGE:
                j += 1
            region = [items[k][0] for k in range(i, j + 1)]
            for ln in region:
                ln.role = "footnote"
            groups = _footnote_groups(region)
            if groups:
                last_number = int(groups[-1][0])
            i = j + 1
            continue
        i += 1
    # (b) numbered paragraphs right before a page break (or the end)
    page_ends = [k for k in range(n) if k + 1 == n or types[k + 1] == PAGE]
    seen = last_number
    for end in page_ends:
        while end > 0 and items[end][0].role == "footer" and types[end] != PAGE:
            end -= 1
        if items[end][0].role != "body":
            continue
        # paragraphs on this page, from the bottom up
        start = end
        while start > 0 and types[start] != PAGE:
            start -= 1
        paras: list[list[int]] = []
        cur: list[int] = []
        for k in range(start, end + 1):
            if k > start and types[k] != SOFT and cur:
                paras.append(cur)
                cur = []
            cur.append(k)
        if cur:
            paras.append(cur)
        picked: list[int] = []
        for para in reversed(paras[1:] if len(paras) > 1 else []):
            if not FOOTNOTE_START.match(items[para[0]][0].text):
                break
            picked = para + picked
        while picked:
            first = int(FOOTNOTE_START.match(items[picked[0]][0].text).group(1))  # type: ignore[union-attr]
            groups = _footnote_groups([items[k][0] for k in picked])
            numbers = [int(g[0]) for g in groups]
            at_end = end + 1 == n
            if first == seen + 1 and numbers == list(range(first, first + len(numbers))):
                if not at_end or any(ln.role == "body" for ln, _ in items[:start]):
                    for k in picked:
                        items[k][0].role = "footnote"
                    seen = numbers[-1]
                break
            # drop the top paragraph and retry
            top = next((p for p in paras if p[0] == picked[0]), None)
            picked = picked[len(top) :] if top else []


def _mark_footers(lines: list[Line]) -> None:
    """Running identifiers and page numbers next to a page break become ``footer`` lines."""
    for idx, line in enumerate(lines):
        if line.kind != "text" or line.role != "body":
            continue
        if not (_IDENT_FOOTER.match(line.text) or _PAGE_NUMBER.match(line.text)):
            continue
        # adjacent (over blank lines) to a page line, the start or the end
        before = idx - 1
        while before >= 0 and lines[before].kind in ("blank", "ws"):
            before -= 1
        after = idx + 1
        while after < len(lines) and lines[after].kind in ("blank", "ws"):
            after += 1
        near_page = (
            before < 0
            or after >= len(lines)
            or lines[before].kind == "page"
            or lines[after].kind == "page"
            or lines[before].role == "footnote"
        )
        if near_page and (_IDENT_FOOTER.match(line.text) or before >= 0):
            line.role = "footer"


# ------------------------------------------------------------------------ reflow


def _shouting(text: str) -> bool:
    """Upper-case text (a heading), judged on its letters.

    >>> _shouting("OUTCOME OF THE COUNCIL MEETING"), _shouting("EU-landen"), _shouting("EU")
    (True, False, False)
    """
    # Most lines are prose: their ASCII lower-case letters alone rule them out, since
    # there are at most len(text) letters (a quick test done in C before counting).
    if len(text) - len(text.translate(_NO_ASCII_LOWER)) > 0.2 * len(text):
        return False
    letters = "".join(filter(str.isalpha, text))
    return len(letters) >= 6 and sum(map(str.isupper, letters)) >= 0.8 * len(letters)


_NO_ASCII_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")


def split_signature_line(line: str) -> tuple[str, str | None] | None:
    """``(office, name)`` of a signature line; ``name`` is None when it follows on the next line.

    >>> split_signature_line("De Minister van Financiën, W.B. Hoekstra")
    ('De Minister van Financiën', 'W.B. Hoekstra')
    >>> split_signature_line("De Minister-President, Minister van Algemene Zaken,")
    ('De Minister-President, Minister van Algemene Zaken', None)
    >>> split_signature_line("De minister heeft gesproken, zoals afgesproken.") is None
    True
    """
    line = line.strip()
    if not _ROLE_START.match(line) or "," not in line:
        return None
    head, _, tail = line.rpartition(",")
    head, tail = head.strip(), tail.strip()
    if not head or len(head) > 140 or re.search(r"[.;:!?]", head.replace("-", "")):
        return None
    if not tail:
        return head, None
    if NAME.fullmatch(tail):
        return head, tail
    return None


def _first_word(text: str) -> str:
    m = _WORD.match(text)
    return m.group(0) if m else ""


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1] if words else ""


def hyphen_join(before: str, after: str) -> str:
    """How a word hyphenated at a line end joins: ``""`` (drop), ``"-"`` (keep), ``"- "``.

    >>> hyphen_join("onderhan-", "delingen"), hyphen_join("informatie-", "uitwisseling")
    ('', '-')
    >>> hyphen_join("EU-", "lidstaten"), hyphen_join("asiel-", "en migratie")
    ('-', '- ')
    """
    stem = before[:-1]
    last = _last_word(stem)
    if _SUSPENDED.match(after):
        return "- "
    if not after or not last:
        return "-"
    a, b = last[-1], after[0]
    if not a.isalpha() or not b.isalpha() or b.isupper() or any(c.isupper() for c in last[1:]):
        return "-"
    if len(last) == 1:
        return "-"
    if (a.lower() + b.lower()) in _VOWEL_CLASH:
        return "-"
    return ""


def _ends_hyphenated(text: str) -> bool:
    return len(text) >= 2 and text[-1] == "-" and text[-2].isalpha()


def _decide(prev: Line, nxt: Line, gap_type: str, width: float, block_start: bool) -> str:
    """How to go from ``prev`` to ``nxt``: a join string or ``"break"``."""
    office = split_signature_line(prev.text)
    if office and office[1] is None and NAME.fullmatch(nxt.text.strip()):
        return "\n"  # the name under the office, even with an empty line between
    if gap_type == HARD:
        # a paragraph never starts in the middle of a sentence: a page break the
        # exporter rendered as one empty line
        if (
            nxt.text[:1].islower()
            and not (nxt.bullet or nxt.enumerated or prev.md_heading)
            and prev.text[-1:].isalnum()
            and len(prev.text) >= 0.75 * width
        ):
            return hyphen_join(prev.text, nxt.text) if _ends_hyphenated(prev.text) else " "
        return "break"
    if (_TK_TITLE.match(prev.text) and not _ends_hyphenated(prev.text)) or (
        _HEAD_LINE.match(nxt.text) or _HEAD_LINE.match(prev.text)
    ):
        return "break"
    if prev.md_heading or nxt.md_heading or nxt.bullet or nxt.enumerated:
        return "break"
    p, n = prev.text, nxt.text
    if _ends_hyphenated(p) and nxt.text[:1].isalpha():
        return hyphen_join(p, n)
    if prev.soft_hyphen and nxt.text[:1].isalpha():
        return _GLUE
    if split_signature_line(n) and len(p) < 0.9 * width:
        return "break"
    if _shouting(n) != _shouting(p) and not n[:1].islower():
        return "break"  # an upper-case heading starts or ends here
    first = _first_word(n)
    fits = len(p) + 1 + len(first) <= 0.92 * width
    if _TERMINAL.search(p):
        return "break" if fits else " "
    last = _last_word(p)
    if p.endswith(",") or last.lower() in _FUNCTION_WORDS or p.count("(") > p.count(")"):
        return " "
    capital = first[:1].isupper() or first[:1].isdigit() or first[:1] in "«“\"'("
    if capital and (len(p) <= 0.75 * width or block_start and prev.enumerated):
        return "break"
    return " "


def _typical_width(items: list[tuple[Line, str]]) -> float:
    lengths = sorted(len(line.text) for line, t in items if t == SOFT and len(line.text) >= 20)
    if len(lengths) < 5:
        lengths = sorted(len(line.text) for line, _ in items if len(line.text) >= 20)
    if not lengths:
        return 80.0
    # the 75th percentile: wrapped lines cluster just under the page width, and a
    # few over-long lines (joined by the exporter) must not stretch the estimate
    return float(lengths[min(len(lengths) - 1, int(0.75 * len(lengths)))])


def _reflow(body: list[tuple[Line, str]]) -> list[_Block]:
    # width measured on the lines that precede a soft break (the wrapped ones)
    prev_of_soft = [(body[k - 1][0], SOFT) for k in range(1, len(body)) if body[k][1] == SOFT]
    width = _typical_width(prev_of_soft or body)
    blocks: list[_Block] = []
    for k, (line, gap_type) in enumerate(body):
        if not blocks:
            blocks.append(_Block([line]))
            continue
        how = _decide(body[k - 1][0], line, gap_type, width, len(blocks[-1].lines) == 1)
        if how == "break":
            blocks.append(_Block([line]))
        else:
            blocks[-1].lines.append(line)
            blocks[-1].joins.append(how)
    return blocks


# ------------------------------------------------------------------------- kinds


def block_kind(text: str, first: Line, index: int) -> str:
    """The layout role of a block from its text and its first line."""
    if index < 6 and _TITLE_LINE.match(text):
        return "title"
    if first.md_heading:
        return "heading"
    if first.bullet:
        return "list_item"
    lines = text.split("\n")
    office = split_signature_line(lines[0])
    if office and (office[1] or (len(lines) > 1 and NAME.fullmatch(lines[1].strip()))):
        return "signature"
    short = (
        len(text) <= 160
        and len(text.split()) <= 22
        and not _TERMINAL.search(text)
        and not _SENTENCE_INSIDE.search(text)
    )
    if _shouting(text) and len(text.split()) <= 40 and not _TERMINAL.search(text):
        return "heading"
    if first.enumerated:
        return "heading" if short and not text.endswith(",") else "list_item"
    if _DATE_LINE.match(text) or text.startswith(("Aan de ", "Aan het ", "To the ")):
        return "paragraph"
    if short and not text.endswith(",") and (text[:1].isupper() or text[:1].isdigit()):
        return "heading"
    return "paragraph"


def _cut_off_ending(blocks: list[Block], text: str) -> None:
    r"""The last block of a text that stops mid-sentence (an excerpt, a page limit) is the
    paragraph it was cut from, not a heading: a letter does not end on a heading.

    >>> blocks = [Block("heading", 0, 5), Block("heading", 7, 67)]
    >>> _cut_off_ending(blocks, "Kopje\n\nTijdens de Raad vindt een gedachtewisseling plaats over de")
    >>> [b.kind for b in blocks]
    ['heading', 'paragraph']
    """
    if len(blocks) < 2 or blocks[-1].kind != "heading":
        return
    words = text[blocks[-1].start : blocks[-1].end].split()
    if len(words) >= 6 and sum(w[:1].islower() for w in words) >= 3:
        blocks[-1] = Block("paragraph", blocks[-1].start, blocks[-1].end)


_LABEL = re.compile(r"^[a-z]\) \S")


def _label_values(blocks: list[Block], text: str) -> None:
    """In forms ("b) Datum ontvangst" / "11 maart 2025") the value under a label is no heading."""
    for k in range(1, len(blocks)):
        prev, cur = blocks[k - 1], blocks[k]
        if (
            cur.kind == "heading"
            and prev.kind == "heading"
            and _LABEL.match(text[prev.start : prev.end])
            and not _LABEL.match(text[cur.start : cur.end])
            and not ENUMERATOR.match(text[cur.start : cur.end])
        ):
            blocks[k] = Block("paragraph", cur.start, cur.end)


# ---------------------------------------------------------------------- assemble


def _apply_markers(body_lines: list[Line], raw: str, known: set[int]) -> None:
    cands: list[tuple[int, MarkerCandidate]] = []
    for idx, line in enumerate(body_lines):
        cands.extend((idx, c) for c in find_marker_candidates(line.text))
    chosen = select_markers(cands, known)
    by_line: dict[int, list[MarkerCandidate]] = {}
    for idx, cand in chosen:
        by_line.setdefault(idx, []).append(cand)
    for idx, marks in by_line.items():
        line = body_lines[idx]
        for cand in sorted(marks, key=lambda c: -c.start):
            start, end = cand.start, cand.end
            # a bracketed marker takes a space before it along: "woord [1 ]" -> "woord"
            if cand.bracketed and start > 0 and line.text[start - 1] == " ":
                start -= 1
            line.pieces = cut(line.pieces, start, end)
            line.text = line.text[:start] + line.text[end:]
            line.markers = [(p if p < start else p - (end - start), num) for p, num in line.markers]
            line.markers.append((start, cand.number))
        line.markers.sort()


def _add_line(builder: TextBuilder, line: Line, pieces: list[Piece], marks: dict[str, int]) -> None:
    pos = 0
    rest = pieces
    for at, number in line.markers:
        left, rest = split_at(rest, at - pos)
        builder.add(left)
        pos = at
        marks.setdefault(number, builder.length)
    builder.add(rest)


def _strip_trailing_hyphen(pieces: list[Piece]) -> list[Piece]:
    total = sum(piece_len(p) for p in pieces)
    return cut(pieces, total - 1, total)


def normalise(raw: str) -> Normalised:
    """Reflow ``raw`` into blocks, lift footnotes out and keep an exact source map."""
    lines = split_lines(raw)
    items = _text_lines_with_gaps(lines)
    interleaved = _is_interleaved(items)
    types = [_gap_type(g, interleaved) for _, g in items]
    _mark_footers(lines)
    _mark_footnotes(items, types)

    # body lines with gap types recomputed over removed lines
    body: list[tuple[Line, str]] = []
    pending_removed = False
    for (line, _), gtype in zip(items, types, strict=True):
        if line.role != "body":
            pending_removed = True
            continue
        body.append((line, PAGE if pending_removed and body else gtype))
        pending_removed = False
    foot_lines = [line for line, _ in items if line.role == "footnote"]
    groups = _footnote_groups(foot_lines)
    known = {int(num) for num, _ in groups}

    _apply_markers([line for line, _ in body], raw, known)
    blocks = _reflow(body)

    builder = TextBuilder(raw)
    out_blocks: list[Block] = []
    marks: dict[str, int] = {}
    for b_index, block in enumerate(blocks):
        if b_index:
            builder.insert("\n\n")
        start = builder.length
        first_part = len(builder._parts)  # joining all parts per block was quadratic
        for k, line in enumerate(block.lines):
            pieces = line.pieces
            join = block.joins[k] if k < len(block.joins) else None
            if join == "":
                pieces = _strip_trailing_hyphen(pieces)
            _add_line(builder, line, pieces, marks)
            if join is not None:
                builder.insert({"": "", "-": "", "- ": " ", _GLUE: ""}.get(join, join))
        text_so_far = "".join(builder._parts[first_part:])
        out_blocks.append(
            Block(block_kind(text_so_far, block.lines[0], b_index), start, builder.length)
        )
    body_text = "".join(builder._parts)
    _label_values(out_blocks, body_text)
    _cut_off_ending(out_blocks, body_text)
    body_end = builder.length

    footnotes: list[Footnote] = []
    texts: dict[str, tuple[int, int]] = {}
    for g_index, (number, glines) in enumerate(groups):
        builder.insert("\n\n" if g_index == 0 and body_end else ("\n" if g_index else ""))
        line_start = builder.length
        for k, line in enumerate(glines):
            pieces = line.pieces
            if k + 1 < len(glines):
                nxt = glines[k + 1].text
                join = hyphen_join(line.text, nxt) if _ends_hyphenated(line.text) else " "
                if join == "":
                    pieces = _strip_trailing_hyphen(pieces)
                builder.add(pieces)
                builder.insert(" " if join in (" ", "- ") else "")
            else:
                builder.add(pieces)
        texts[number] = (line_start, builder.length)
        out_blocks.append(Block("footnote", line_start, builder.length))
    text, smap = builder.build()
    numbers = sorted(set(texts) | set(marks), key=int)
    for number in numbers:
        if number in texts:
            s, e = texts[number]
            s += len(number) + 1
            footnotes.append(Footnote(number, text[s:e], s, e, marks.get(number, -1)))
        else:
            footnotes.append(Footnote(number, "", len(text), len(text), marks[number]))
    return Normalised(text, out_blocks, footnotes, body_end, smap, interleaved)
