"""Measure PDF text extractors on real-looking generated letters.

Each corpus text is ingested (reflowed), then typeset with reportlab as a
multi-page A4 letter: a running header with the page number, a footer with the
document identifier and the page number, body text justified to the column
with words hyphenated at line ends at syllable boundaries (and compounds at
their own hyphen), bold headings, bullets, superscript footnote markers and
footnotes at the page bottom under a rule. Every extractor's pages then go
through the same cleaning and normalisation (kg.ingest.pdf.clean_pages and
kg.ingest.reflow.normalise), and the result is compared with the reflowed
text: similarity is difflib.SequenceMatcher.ratio() over the word sequences
(whitespace-separated tokens) of body plus footnotes.

Run: .venv/bin/python bench/pdf_extractors.py [corpus files...]
"""

from __future__ import annotations

import difflib
import re
import sys
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from kg.document import Document
from kg.ingest import ingest_path
from kg.ingest.pdf import EXTRACTORS, clean_pages
from kg.ingest.reflow import normalise

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "corpus"

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 72.0, 72.0
TOP = PAGE_H - 95
BOTTOM = 80.0
WIDTH = PAGE_W - LEFT - RIGHT
BODY, BOLD, SIZE, LEADING = "Helvetica", "Helvetica-Bold", 10.5, 14.0
NOTE_SIZE, NOTE_LEADING = 8.0, 10.0
VOWELS = set("aeiouyáéíóúäëïöüàèâêîôû")


def _split_points(word: str) -> list[int]:
    """Where a hyphenation program could break ``word`` (syllable-like boundaries)."""
    if "-" in word[1:-1]:
        return [word.index("-", 1) + 1]  # a compound breaks after its own hyphen
    if not word.isalpha() or len(word) < 7:
        return []
    low = word.lower()
    points = []
    for i in range(3, len(word) - 2):
        a, b, c = low[i - 1], low[i], low[i + 1]
        if a in VOWELS and b not in VOWELS and c in VOWELS:  # V-CV
            points.append(i)
        elif a not in VOWELS and b not in VOWELS and low[i - 2] in VOWELS and c in VOWELS:
            points.append(i)  # VC-CV
    return points


def _wrap(words: list[tuple[str, str]], font: str, size: float, width: float):
    """Greedy line breaking with hyphenation. Words are (text, superscript)."""
    lines: list[list[tuple[str, str]]] = []
    line: list[tuple[str, str]] = []
    used = 0.0
    space = stringWidth(" ", font, size)
    queue = list(words)
    while queue:
        word, sup = queue.pop(0)
        w = stringWidth(word, font, size) + stringWidth(sup, font, size * 0.7)
        extra = (space if line else 0) + w
        if used + extra <= width:
            line.append((word, sup))
            used += extra
            continue
        room = width - used - (space if line else 0)
        for at in sorted(_split_points(word), reverse=True):
            head = word[:at] if word[at - 1] == "-" else word[:at] + "-"
            if stringWidth(head, font, size) <= room:
                line.append((head, ""))
                queue.insert(0, (word[at:], sup))
                break
        else:
            if not line:
                line.append((word, sup))
            else:
                queue.insert(0, (word, sup))
        lines.append(line)
        line, used = [], 0.0
    if line:
        lines.append(line)
    return lines


def make_letter_pdf(doc: Document, path: Path, ident: str = "kst-32317-975") -> Path:
    """Typeset the reflowed document as a multi-page PDF letter at ``path``."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle(doc.meta.title or doc.id)
    markers = {f.marker: f for f in doc.footnotes if f.marker >= 0 and f.text}
    state = {"page": 1, "y": TOP, "notes": []}

    def header_footer() -> None:
        c.setFont(BODY, 8)
        c.drawString(LEFT, PAGE_H - 50, "Tweede Kamer, vergaderjaar 2025–2026, 32 317, nr. 975")
        c.drawRightString(PAGE_W - RIGHT, PAGE_H - 50, str(state["page"]))
        c.drawString(LEFT, 40, f"{ident} ISSN 0921 - 7371 ’s-Gravenhage 2025")
        c.drawRightString(PAGE_W - RIGHT, 40, f"Pagina {state['page']}")

    def note_lines(notes):
        out = []
        for f in notes:
            words = [(w, "") for w in f"{f.number} {f.text}".split()]
            out.extend(_wrap(words, BODY, NOTE_SIZE, WIDTH))
        return out

    def finish_page() -> None:
        lines = note_lines(state["notes"])
        if lines:
            y = BOTTOM + len(lines) * NOTE_LEADING
            c.line(LEFT, y + 4, LEFT + 120, y + 4)
            c.setFont(BODY, NOTE_SIZE)
            for ln in lines:
                y -= NOTE_LEADING
                c.drawString(LEFT, y, " ".join(w for w, _ in ln))
        header_footer()
        c.showPage()
        state["page"] += 1
        state["y"] = TOP
        state["notes"] = []

    def room_needed(extra_notes) -> float:
        return BOTTOM + (len(note_lines(state["notes"] + extra_notes)) + 1) * NOTE_LEADING

    for block in doc.blocks:
        if block.kind == "footnote":
            continue
        text = doc.text[block.start : block.end]
        font = BOLD if block.kind in ("heading", "title") else BODY
        indent = 14.0 if block.kind == "list_item" else 0.0
        for part in text.split("\n"):
            # words with the footnote markers that end right after them
            words: list[tuple[str, str]] = []
            pos = block.start + text.index(part) if part else block.start
            for m in re.finditer(r"\S+", part):
                inside = [
                    markers[k]
                    for k in range(pos + m.start() + 1, pos + m.end() + 1)
                    if k in markers
                ]
                words.append((m.group(0), inside[0].number if inside else ""))
            for k, line in enumerate(_wrap(words, font, SIZE, WIDTH - indent)):
                line_notes = [
                    next(f for f in doc.footnotes if f.number == sup and f.text)
                    for _, sup in line
                    if sup
                ]
                if state["y"] - LEADING < room_needed(line_notes):
                    finish_page()
                state["notes"].extend(line_notes)
                state["y"] -= LEADING
                x = LEFT + indent
                if block.kind == "list_item" and k == 0:
                    c.setFont(BODY, SIZE)
                    c.drawString(LEFT, state["y"], "•")
                # runs of words are drawn as one string with real spaces, as word
                # processors do; a superscript marker interrupts the run
                run: list[str] = []
                for i, (word, sup) in enumerate(line):
                    run.append(word)
                    if sup or i == len(line) - 1:
                        chunk = " ".join(run)
                        c.setFont(font, SIZE)
                        c.drawString(x, state["y"], chunk)
                        x += stringWidth(chunk, font, SIZE)
                        if sup:
                            c.setFont(font, SIZE * 0.7)
                            c.drawString(x, state["y"] + 4, sup)
                            x += stringWidth(sup, font, SIZE * 0.7)
                        x += stringWidth(" ", font, SIZE)
                        run = []
        state["y"] -= 8.0  # paragraph spacing
    finish_page()
    c.save()
    return path


def words(text: str) -> list[str]:
    return text.split()


def similarity(a: str, b: str) -> float:
    """difflib ratio over word sequences."""
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def measure(files: list[Path], out_dir: Path) -> list[tuple[str, float, float, float]]:
    """(extractor, mean similarity, worst similarity, seconds per page) per extractor."""
    out_dir.mkdir(parents=True, exist_ok=True)
    cases = []
    for f in files:
        doc = ingest_path(f)
        pdf = make_letter_pdf(doc, out_dir / f"{f.stem}.pdf")
        cases.append((doc, pdf.read_bytes()))
    rows = []
    for name, extract in EXTRACTORS.items():
        scores, pages_total, seconds = [], 0, 0.0
        for doc, data in cases:
            t0 = time.perf_counter()
            pages, height = extract(data, name)
            text = normalise(clean_pages(pages, height)).text
            seconds += time.perf_counter() - t0
            pages_total += len(pages)
            scores.append(similarity(doc.text, text))
        rows.append((name, sum(scores) / len(scores), min(scores), seconds / pages_total))
    return rows


def main(argv: list[str]) -> None:
    files = [Path(a) for a in argv] or [
        CORPUS / "000_0b783c6c09b9d010.txt",
        CORPUS / "ah-tk-20232024-387.txt",
        CORPUS / "kst-21501-07-1612.txt",
        CORPUS / "kst-32317-970.txt",
    ]
    rows = measure(files, ROOT / "out" / "bench-pdf")
    print(f"{len(files)} generated letters; similarity = difflib word-sequence ratio")
    print(f"{'extractor':<12} {'mean':>7} {'worst':>7} {'ms/page':>8}")
    for name, mean, worst, per_page in rows:
        print(f"{name:<12} {mean:7.4f} {worst:7.4f} {per_page * 1000:8.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
