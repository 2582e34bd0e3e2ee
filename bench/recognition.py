"""Recognition + linking throughput against spaCy's bare Dutch tokenizer, in one run.

Both run over the same normalised texts (the test corpus by default, or the
files given); the ratio pipeline/tokenizer throughput must stay >= 0.5.

    .venv/bin/python bench/recognition.py [FILES...] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)

    from kg.ingest import ingest_path
    from kg.nlp.pipeline import make_pipeline

    files = args.files or sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))
    documents = [ingest_path(f) for f in files]
    texts = [d.text for d in documents]
    chars = sum(len(t) for t in texts)

    tokenizer = spacy.blank("nl")
    nlp = make_pipeline("nl", relations=False)

    def tokenize() -> None:
        for text in texts:
            tokenizer.make_doc(text)

    def recognise() -> None:
        for document in documents:
            doc = nlp.make_doc(document.text)
            doc.user_data["kg_document"] = document
            for _name, proc in nlp.pipeline:
                doc = proc(doc)

    recognise()  # warm up (caches, lazy imports)
    # interleaved, best of each: a busy machine slows both alike
    t_tok = t_nlp = float("inf")
    for _ in range(args.repeat):
        t_tok = min(t_tok, _best(tokenize, 1))
        t_nlp = min(t_nlp, _best(recognise, 1))
    ratio = t_tok / t_nlp
    print(f"documents: {len(texts)}  characters: {chars}")
    print(f"tokenizer only:          {t_tok * 1000:8.1f} ms  {chars / t_tok / 1000:8.0f} kchar/s")
    print(f"recognition + linking:   {t_nlp * 1000:8.1f} ms  {chars / t_nlp / 1000:8.0f} kchar/s")
    print(f"throughput ratio: {ratio:.2f} (target >= 0.50)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
