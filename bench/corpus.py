"""The benchmark corpus: the real test documents replicated as letters of their own.

The corpus is cut in four parts so that parts[:1], [:2], [:3] and [:4] are
1x, 2x, 4x and 8x one unit; every unit holds each real document equally
often, so the mix of letters (and the time per document) is the same at
every size. Nothing is committed: the files go to a temporary folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "corpus"

#: Unit multiples of the four growth points.
SCALES = (1, 2, 4, 8)


@dataclass
class Corpus:
    """Where the parts are, and how big they are."""

    root: Path
    parts: list[Path]
    unit_documents: int
    unit_characters: int

    def paths(self, scale: int) -> list[Path]:
        """The part folders that make ``scale`` units (1, 2, 4 or 8)."""
        return self.parts[: SCALES.index(scale) + 1]

    def files(self, scale: int) -> list[Path]:
        return sorted(f for part in self.paths(scale) for f in part.glob("*.txt"))

    def documents(self, scale: int) -> int:
        return self.unit_documents * scale

    def characters(self, scale: int) -> int:
        return self.unit_characters * scale


def make_corpus(root: Path, copies_per_unit: int) -> Corpus:
    """Write 8 units of ``copies_per_unit`` copies of every source document under ``root``."""
    # The 16 original letters, so figures stay comparable across the growth of the gold set.
    original = json.loads((SOURCE.parent / "split.json").read_text(encoding="utf-8"))["original"]
    sources = sorted(SOURCE / name for name in original)
    if not sources:
        raise SystemExit(f"no documents in {SOURCE}")
    texts = {p: p.read_bytes() for p in sources}
    # Unit u goes to part 0 for u=0, 1 for u=1, 2 for u=2-3 and 3 for u=4-7.
    part_of = [0, 1, 2, 2, 3, 3, 3, 3]
    parts = [root / f"part-{i + 1}" for i in range(4)]
    for part in parts:
        part.mkdir(parents=True, exist_ok=True)
    for unit in range(8):
        for copy in range(copies_per_unit):
            n = unit * copies_per_unit + copy
            for k, (path, data) in enumerate(texts.items()):
                target = parts[part_of[unit]] / f"{path.stem}-r{n:05d}.txt"
                target.write_bytes(distinct_copy(data, n * len(texts) + k))
    unit_chars = copies_per_unit * sum(len(b.decode("utf-8")) for b in texts.values())
    return Corpus(root, parts, copies_per_unit * len(sources), unit_chars)


def distinct_copy(data: bytes, n: int) -> bytes:
    """Copy ``n`` (0 <= n < 10,000, unique per copy) of a letter as a letter of its own.

    kg reads the same letter once (same official identifier or same words), so a
    copy gets a head of its own: dossier ``n * 10`` ("00 120 Benchmarkkopie",
    no digit a footnote marker could be cut from), ``Nr. 100``. Its identifier
    (``kst-00120-100``) and its words differ; the letter is otherwise unchanged.

    >>> distinct_copy(b"32 317 JBZ-Raad", 12).decode().split("\\n\\n")
    ['00 120 Benchmarkkopie', 'Nr. 100', '32 317 JBZ-Raad']
    """
    if not 0 <= n < 10_000:
        raise ValueError(f"copy number {n} out of range")
    dossier = f"{n * 10:05d}"
    return f"{dossier[:2]} {dossier[2:]} Benchmarkkopie\n\nNr. 100\n\n".encode() + data
