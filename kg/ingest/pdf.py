"""Read a PDF into page text: lines in reading order, running headers/footers and page numbers removed.

Three extractors are available (``pypdfium2``, ``pdfplumber``, ``pypdf``); the
default was chosen by measuring text quality and speed on generated letters
(bench/pdf_extractors.py, numbers in the README). Each returns pages of
:class:`PageLine`; :func:`clean_pages` then drops lines repeated at the top or
bottom of many pages and page numbers, marks paragraph gaps (a vertical gap
well over the usual line spacing) with an empty line and pages with a form
feed. Reflow, hyphenation and footnotes are left to :mod:`kg.ingest.reflow`.

>>> pages = [[PageLine("Kamerstuk 32 317, nr. 1", 30, 40), PageLine("Tekst een.", 100, 110),
...           PageLine("1", 800, 810)],
...          [PageLine("Kamerstuk 32 317, nr. 1", 30, 40), PageLine("Tekst twee.", 100, 110),
...           PageLine("2", 800, 810)]]
>>> clean_pages(pages, page_height=842)
'Tekst een.\\x0cTekst twee.'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

from kg.errors import IngestError

#: The extractor used by :func:`pdf_text` (see the measurements in the README).
DEFAULT_EXTRACTOR = "pypdfium2"

_LIGATURES = str.maketrans(
    {
        "ﬀ": "ff",
        "ﬁ": "fi",
        "ﬂ": "fl",
        "ﬃ": "ffi",
        "ﬄ": "ffl",
        "ﬅ": "st",
        "ﬆ": "st",
        "\x02": "",
        "\ufffe": "",
    }
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-–]?\s*\d{1,4}\s*[-–]?|(?:pagina|page|blz\.?|p\.)\s*\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|van|of)\s*\d{1,4})$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PageLine:
    """A line of text on a page; ``top``/``bottom`` in points from the page top (None if unknown)."""

    text: str
    top: float | None = None
    bottom: float | None = None
    x0: float | None = None


# ------------------------------------------------------------------ extractors


def _open_pdfium(data: bytes, path: object):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise IngestError(path, "the PDF is encrypted (password protected)") from None
        raise IngestError(path, "the PDF is corrupt and cannot be read") from None


def lines_pypdfium2(data: bytes, path: object = "<pdf>") -> tuple[list[list[PageLine]], float]:
    """Pages of lines from PDFium's text rectangles (fast, C library)."""
    pdf = _open_pdfium(data, path)
    pages: list[list[PageLine]] = []
    height = 842.0
    try:
        for page in pdf:
            height = page.get_height()
            textpage = page.get_textpage()
            rows: list[tuple[float, float, float, float, str]] = []  # top, bottom, left, right
            for i in range(textpage.count_rects()):
                left, bottom, right, top = textpage.get_rect(i)
                text = textpage.get_text_bounded(left, bottom, right, top)
                if text.strip():
                    rows.append((height - top, height - bottom, left, right, text))
            pages.append(_reading_order(_rows_to_lines(rows), page.get_width(), height))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return pages, height


def _rows_to_lines(rows: list[tuple[float, float, float, float, str]]) -> list[PageLine]:
    """Merge text runs that share a line into lines, top to bottom, left to right.

    A run that starts where the previous one ends (a superscript footnote
    marker) is glued to it without a space; a wide horizontal gap (another
    column, a right-aligned page number) starts a separate line.
    """
    rows.sort(key=lambda r: (round(r[1], 0), r[2]))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for row in rows:
        if lines:
            last = lines[-1][-1]
            overlap = min(last[1], row[1]) - max(last[0], row[0])
            if overlap > 0.3 * min(last[1] - last[0], row[1] - row[0]):
                lines[-1].append(row)
                continue
        lines.append([row])
    out = []
    for parts in lines:
        parts.sort(key=lambda r: r[2])
        segments: list[list[tuple[float, float, float, float, str]]] = [[parts[0]]]
        texts = [parts[0][4].strip()]
        for prev, part in zip(parts, parts[1:], strict=False):
            size = prev[1] - prev[0]
            raised = part[1] - part[0] < 0.85 * size and part[1] < prev[1] - 1
            gap = part[2] - prev[3]
            if gap > max(3 * size, 24.0):
                segments.append([part])
                texts.append(part[4].strip())
                continue
            glue = "" if gap < 0.6 or (raised and gap < 0.5 * size) else " "
            segments[-1].append(part)
            texts[-1] += glue + part[4].strip()
        for seg, text in zip(segments, texts, strict=True):
            # a line's position is that of its main text, not of a raised marker
            main = max(seg, key=lambda r: r[1] - r[0])
            out.append(PageLine(text, main[0], main[1], seg[0][2]))
    return out


def _reading_order(lines: list[PageLine], width: float, height: float) -> list[PageLine]:
    """Head lines, then a side column (letterhead, reference block), then the main text, then feet."""
    if not lines or any(ln.top is None or ln.x0 is None for ln in lines):
        return lines
    head = [ln for ln in lines if (ln.top or 0) < 0.12 * height]
    foot = [ln for ln in lines if (ln.bottom or 0) > 0.88 * height and ln not in head]
    body = [ln for ln in lines if ln not in head and ln not in foot]
    long_x0 = sorted(ln.x0 or 0 for ln in body if len(ln.text) >= 30)
    if not long_x0:
        return lines
    main_x0 = long_x0[len(long_x0) // 2]
    side = [ln for ln in body if (ln.x0 or 0) >= main_x0 + 0.4 * width]
    main = [ln for ln in body if ln not in side]
    return head + side + main + foot


def lines_pdfplumber(data: bytes, path: object = "<pdf>") -> tuple[list[list[PageLine]], float]:
    """Pages of lines from pdfplumber (pdfminer.six, pure Python)."""
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise IngestError(path, "the PDF is encrypted (password protected)") from None
    except Exception:
        raise IngestError(path, "the PDF is corrupt and cannot be read") from None
    pages: list[list[PageLine]] = []
    height = 842.0
    with pdf:
        for page in pdf.pages:
            height = float(page.height)
            pages.append(
                [
                    PageLine(ln["text"], float(ln["top"]), float(ln["bottom"]))
                    for ln in page.extract_text_lines(return_chars=False)
                ]
            )
    return pages, height


def lines_pypdf(data: bytes, path: object = "<pdf>") -> tuple[list[list[PageLine]], float]:
    """Pages of lines from pypdf's plain text extraction (no positions)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "the PDF is encrypted (password protected)")
        texts = [page.extract_text() or "" for page in reader.pages]
        height = float(reader.pages[0].mediabox.height) if reader.pages else 842.0
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError):
        raise IngestError(path, "the PDF is corrupt and cannot be read") from None
    return [[PageLine(t) for t in text.split("\n") if t.strip()] for text in texts], height


EXTRACTORS: dict[str, Callable[[bytes, object], tuple[list[list[PageLine]], float]]] = {
    "pypdfium2": lines_pypdfium2,
    "pdfplumber": lines_pdfplumber,
    "pypdf": lines_pypdf,
}


# ---------------------------------------------------------------------- cleaning


_FOOTNOTE_LIKE = re.compile(r"^\d{1,3}\s+\D")
#: Running heads and feet of parliamentary papers, recognisable even on a single page.
_OFFICIAL_MARGIN = re.compile(
    r"^(?:(?:Tweede|Eerste) Kamer(?: der Staten-Generaal)?, vergaderjaar \d{4}\s*[–-]\s*\d{2,4}"
    r"|(?:kst|ah|h-tk|h-ek|stb|stcrt|trb|blg)-[\w-]+\b"
    r"|.*\bISSN \d{4}\s*-\s*\d{3}[\dX]\b"
    r"|.*\b(?:[Pp]agina|[Pp]age) \d{1,4}(?: (?:van|of) \d{1,4})?$)"
)


def _key(line: PageLine) -> str:
    """Text with digits masked, plus the position: running heads sit at the same height."""
    where = "" if line.top is None else f"@{round(line.top / 4)}"
    return re.sub(r"\d+", "#", " ".join(line.text.split())).lower() + where


def _margin_indices(lines: list[PageLine], page_height: float) -> tuple[set[int], set[int]]:
    """Indices of lines in the top and bottom margin of a page (first/last lines if no positions)."""
    if not lines:
        return set(), set()
    n = len(lines)
    if lines[0].top is None:
        return set(range(min(2, n))), set(range(max(0, n - 2), n))
    top = {i for i in range(n) if (lines[i].top or 0) < 0.12 * page_height}
    # footnotes also sit low on the page; a line starting with a footnote number is not a footer
    bottom = {
        i
        for i in range(n)
        if (lines[i].bottom or 0) > 0.88 * page_height and not _FOOTNOTE_LIKE.match(lines[i].text)
    }
    return top, bottom


def clean_pages(pages: list[list[PageLine]], page_height: float = 842.0) -> str:
    """Join pages into raw text without running headers, footers and page numbers."""
    counts: Counter[str] = Counter()
    margins = []
    for lines in pages:
        top, bottom = _margin_indices(lines, page_height)
        margins.append(top | bottom)
        counts.update({_key(lines[i]) for i in top | bottom})
    threshold = max(2, (len(pages) + 1) // 2)
    page_texts: list[str] = []
    for lines, margin in zip(pages, margins, strict=True):
        kept = [
            ln
            for i, ln in enumerate(lines)
            if not (
                i in margin
                and (
                    counts[_key(ln)] >= threshold
                    or _PAGE_NUMBER.match(ln.text.strip())
                    or _OFFICIAL_MARGIN.match(ln.text.strip())
                )
            )
        ]
        page_texts.append(_join_lines(kept))
    text = "\f".join(page_texts)
    # hyphenation marks some extractors give at line ends (soft hyphen, U+FFFE, \x02)
    text = re.sub(r"[\u00ad\ufffe\x02](?=\s*(?:\n|\f|$))", "-", text)
    return text.translate(_LIGATURES)


def _join_lines(lines: list[PageLine]) -> str:
    """Lines separated by newlines; an empty line where the vertical gap shows a new paragraph."""
    if not lines:
        return ""
    steps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:], strict=False)
        if a.top is not None and b.top is not None and b.top > a.top
    ]
    usual = median(steps) if steps else None
    out = [lines[0].text]
    for a, b in zip(lines, lines[1:], strict=False):
        gap = (b.top - a.top) if usual and a.top is not None and b.top is not None else None
        # a wide gap, or a jump back up (from a side column to the main text), ends a paragraph
        out.append("\n\n" if gap is not None and (gap > 1.45 * usual or gap < 0) else "\n")
        out.append(b.text)
    return "".join(out)


def pdf_text(data: bytes, path: object = "<pdf>", extractor: str = DEFAULT_EXTRACTOR) -> str:
    """The text of a PDF's pages, cleaned, pages separated by form feeds."""
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise IngestError(path, "not a PDF (no %PDF header); is the extension wrong?")
    try:
        pages, height = EXTRACTORS[extractor](data, path)
    except IngestError:
        raise
    except Exception as exc:  # the PDF library failed on a damaged file
        raise IngestError(
            path, f"the PDF is corrupt and cannot be read ({type(exc).__name__})"
        ) from None
    text = clean_pages(pages, height)
    if not text.strip():
        raise IngestError(path, "the PDF has no extractable text (scanned images need OCR first)")
    return text
