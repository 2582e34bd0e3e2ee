"""The in-process measurements: extraction vs tokenizer, store+Turtle vs rdflib, queries.

Each compares two things on the same input in the same run, alternating
them and keeping the best of a few rounds, so a noisy shared machine moves
both sides alike.
"""

from __future__ import annotations

import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def best_of(rounds: int, *fns: Callable[[], object]) -> list[float]:
    """The fastest time of each function over ``rounds`` alternating rounds.

    As ``timeit`` does, the cyclic garbage collector is off while a function
    runs (and run before it), so one side does not pay for the other's garbage.
    """
    best = [float("inf")] * len(fns)
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            gc.collect()
            gc.disable()
            try:
                t = time.perf_counter()
                fn()
                best[i] = min(best[i], time.perf_counter() - t)
            finally:
                gc.enable()
    return best


def extraction_vs_tokenizer(files: list[Path], rounds: int = 3) -> dict[str, Any]:
    """Extraction (recognition, linking, relations) against spacy.blank("nl").tokenizer.

    Both get the same normalised texts: extraction is the step from a
    Document to an Extraction (kg.nlp.extract), so reading and normalising the
    files (kg.ingest) is outside ``ratio``. End to end, from the files
    (as ``kg extract`` works), is ``ratio_with_ingest``: timed in the same
    alternating rounds, against the tokenizer over the same files.
    """
    import spacy

    from kg.ingest import ingest_path
    from kg.nlp.extract import extract_many

    documents = [ingest_path(f) for f in files]
    texts = [d.text for d in documents]
    chars = sum(len(t) for t in texts)
    tokenizer = spacy.blank("nl").tokenizer

    def tokenize() -> None:
        for text in texts:
            tokenizer(text)

    def extract() -> None:
        for start in range(0, len(documents), 64):
            for _ in extract_many(documents[start : start + 64]):
                pass

    def ingest_and_extract() -> None:
        batch = []
        for f in files:
            batch.append(ingest_path(f))
            if len(batch) == 64:
                for _ in extract_many(batch):
                    pass
                batch = []
        for _ in extract_many(batch):
            pass

    list(extract_many(documents[:1]))  # build the pipeline outside the timing
    t_tok, t_ext, t_with_ingest = best_of(rounds, tokenize, extract, ingest_and_extract)
    return {
        "documents": len(files),
        "characters": chars,
        "tokenizer_seconds": t_tok,
        "extraction_seconds": t_ext,
        "tokenizer_chars_per_s": chars / t_tok,
        "extraction_chars_per_s": chars / t_ext,
        "ratio": t_tok / t_ext,
        "end_to_end_seconds": t_with_ingest,
        "ratio_with_ingest": t_tok / t_with_ingest,
    }


def store_vs_rdflib(files: list[Path], rounds: int = 2) -> dict[str, Any]:
    """Store + Turtle export against rdflib's in-memory Dataset and serialiser, same triples.

    Both sides get the same quads (one named graph per document, as
    :func:`kg.graph.rdf.extraction_quads` makes them). Ours: a fresh in-memory
    KnowledgeGraph (ontology loaded), ``add_documents`` and
    ``export_graph(..., "turtle")`` to a file; rdflib: a ``Dataset``
    (default graph = union), ``add`` of every quad, ``serialize`` as Turtle to
    a file. Also timed once, for the record: the whole on-disk path of a
    build (mapping extractions to quads, bulk load, build record) + export.
    """
    import rdflib

    from kg.graph.build import load_extractions, ruleset_hash
    from kg.graph.export import export_graph
    from kg.graph.rdf import extraction_quads, to_rdflib
    from kg.graph.store import KnowledgeGraph
    from kg.ingest import ingest_path
    from kg.nlp.extract import extract_many

    extractions = list(extract_many([ingest_path(f) for f in files]))
    ruleset = ruleset_hash()
    graphs = {e.document_iri: extraction_quads(e, ruleset) for e in extractions}
    quads = [
        (
            to_rdflib(q.subject),
            to_rdflib(q.predicate),
            to_rdflib(q.object),
            rdflib.URIRef(iri),
        )
        for iri, qs in graphs.items()
        for q in qs
    ]
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-store-"))

    def ours() -> None:
        kg = KnowledgeGraph()
        kg.add_documents(graphs)
        export_graph(kg, "turtle", output=tmp / "ours.ttl")

    def theirs() -> None:
        ds = rdflib.Dataset(default_union=True)
        for quad in quads:
            ds.add(quad)
        ds.serialize(destination=str(tmp / "rdflib.ttl"), format="turtle")

    t_ours, t_rdflib = best_of(rounds, ours, theirs)
    t0 = time.perf_counter()
    with KnowledgeGraph(tmp / "store") as kg:
        load_extractions(kg, extractions)
        export_graph(kg, "turtle", output=tmp / "disk.ttl")
    t_disk = time.perf_counter() - t0
    return {
        "documents": len(files),
        "triples": len(quads),
        "kg_seconds": t_ours,
        "rdflib_seconds": t_rdflib,
        "speedup": t_rdflib / t_ours,
        "kg_on_disk_build_and_export_seconds": t_disk,
        "on_disk_speedup": t_rdflib / t_disk,
        "scratch": str(tmp),
    }


def example_params(text: str) -> tuple[dict[str, str], int | None]:
    """The ``--param`` values and ``--limit`` of a query's ``# Example:`` header line.

    >>> example_params('# Example: kg query q.rq --param signer="S.A. Blok" --limit 10')
    ({'signer': 'S.A. Blok'}, 10)
    """
    import shlex

    for line in text.splitlines():
        if line.startswith("# Example:"):
            words = shlex.split(line.split(":", 1)[1])
            params: dict[str, str] = {}
            limit = None
            for flag, value in zip(words, words[1:], strict=False):
                if flag in ("--param", "-p"):
                    name, _, val = value.partition("=")
                    params[name] = val
                elif flag == "--limit":
                    limit = int(value)
            return params, limit
    return {}, None


def queries_vs_pyoxigraph(store_path: Path, rounds: int = 3) -> dict[str, Any]:
    """Every shipped query (with its default parameters) through kg.graph.query vs bare pyoxigraph.

    The bare side runs the same text with the same bound values (resolved
    once, outside the timing) on the same store and reads every row, as
    ``run_query`` does. For the record, also timed: ``run_query`` given the
    entities as IRIs, which leaves out looking them up by label.
    """
    import pyoxigraph as ox

    from kg.graph.query import bind_value, run_query, shipped_queries
    from kg.graph.rdf import prefixes
    from kg.graph.store import KnowledgeGraph

    per_query: dict[str, dict[str, float]] = {}
    with KnowledgeGraph(store_path, read_only=True) as kg:
        triples = len(kg)
        raw: ox.Store = kg.store
        pfx = prefixes(kg.base)
        for loaded in shipped_queries():
            params, limit = example_params(loaded.text)
            given = {p.name: p.default for p in loaded.params if p.default is not None}
            given.update(params)
            kinds = {p.name: p.kind for p in loaded.params}
            subs = {
                ox.Variable(name): bind_value(kg, kinds.get(name, "auto"), name, value)
                for name, value in given.items()
            }

            def ours(loaded=loaded, params=params, limit=limit) -> int:  # type: ignore[no-untyped-def]
                return len(run_query(kg, loaded, params, limit=limit).rows)

            def bare(loaded=loaded, subs=subs, limit=limit) -> int:  # type: ignore[no-untyped-def]
                answer = raw.query(
                    loaded.text,
                    prefixes=pfx,
                    use_default_graph_as_union=True,
                    substitutions=subs or None,
                )
                variables = answer.variables
                rows = []
                for solution in answer:
                    if limit is not None and len(rows) >= limit:
                        break
                    rows.append([solution[v] for v in variables])
                return len(rows)

            as_iris = {
                name.value: f"<{term.value}>"
                if isinstance(term, ox.NamedNode)
                else given[name.value]
                for name, term in subs.items()
            }

            def resolved(loaded=loaded, as_iris=as_iris, limit=limit) -> int:  # type: ignore[no-untyped-def]
                return len(run_query(kg, loaded, as_iris, limit=limit).rows)

            rows = ours()
            t_ours, t_bare, t_resolved = best_of(rounds, ours, bare, resolved)
            per_query[Path(loaded.source).stem] = {
                "rows": rows,
                "kg_seconds": t_ours,
                "pyoxigraph_seconds": t_bare,
                "kg_with_iris_seconds": t_resolved,
            }
    total_ours = sum(q["kg_seconds"] for q in per_query.values())
    total_bare = sum(q["pyoxigraph_seconds"] for q in per_query.values())
    total_resolved = sum(q["kg_with_iris_seconds"] for q in per_query.values())
    return {
        "triples": triples,
        "queries": per_query,
        "kg_with_iris_seconds": total_resolved,
        "ratio_with_iris": total_resolved / total_bare,
        "kg_seconds": total_ours,
        "pyoxigraph_seconds": total_bare,
        "ratio": total_ours / total_bare,
    }
