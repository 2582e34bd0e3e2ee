"""Scores on the fixed halves of the gold set: what generalises and what was tuned.

``python -m bench.generalisation`` (or ``make score``) extracts every bundled
gold document once and prints entity, relation and stance scores for each part
of ``tests/data/split.json``: ``original`` (the 16 documents the first rules
were written on), ``tune`` (the half of the 43 added documents that rules may
be tuned on), ``blind`` (the other half: scored, never read while tuning) and
the 43 added documents (both halves), the English documents, plus everything
together. ``--only tune`` limits the
run to one part (what a tuning session should look at); ``--json`` prints the
figures for machines.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.nlp.evaluate import Score, evaluate_files, format_report  # noqa: E402

DATA = ROOT / "tests" / "data"


def load_split(path: Path = DATA / "split.json") -> dict[str, list[str]]:
    """The parts of the gold set by file name: ``original``, ``tune`` and ``blind``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {part: list(data[part]) for part in ("original", "tune", "blind")}


def parts(split: dict[str, list[str]]) -> dict[str, list[str]]:
    """The reported parts: the three of the split, the English texts, and all documents."""
    every = [name for names in split.values() for name in names]
    return {
        **split,
        "added": split["tune"] + split["blind"],
        "english": [name for name in every if name.startswith("en-")],
        "all": every,
    }


def score_part(names: list[str]) -> Score:
    return evaluate_files(DATA / "gold", [DATA / "corpus" / name for name in names])


def _figures(result: Score) -> dict[str, float | int]:
    return {
        "documents": len(result.documents),
        "entity_f1": round(result.entities.f1, 3),
        "relation_f1": round(result.relations.f1, 3),
        "stance_f1": round(result.stances.f1, 3),
        "stance_p": round(result.stances.precision, 3),
        "stance_r": round(result.stances.recall, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["original", "tune", "blind", "added", "english", "all"])
    parser.add_argument("--details", action="store_true", help="missed and spurious items")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    table = parts(load_split())
    chosen = [args.only] if args.only else list(table)
    figures = {}
    for part in chosen:
        result = score_part(table[part])
        figures[part] = _figures(result)
        if args.details:
            print(f"### {part}\n{format_report(result)}\n")
    if args.json:
        print(json.dumps(figures, indent=1))
        return 0
    print(f"{'part':10} {'docs':>5} {'entity F1':>10} {'relation F1':>12} {'stance F1':>10}")
    for part, f in figures.items():
        print(
            f"{part:10} {f['documents']:5d} {f['entity_f1']:10.3f} "
            f"{f['relation_f1']:12.3f} {f['stance_f1']:10.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
