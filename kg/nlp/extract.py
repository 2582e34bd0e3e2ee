"""Extraction: run the language's pipeline over a Document and collect the result.

The Document goes on ``doc.user_data["kg_document"]`` so the components see
its metadata (date, meeting, signatories); the linker leaves the entities, the
relation component (when present) the relations.

>>> from kg.document import Document
>>> ex = extract(Document(id="d", source="d.txt", text="Nederland steunt Frontex."))
>>> sorted(e.label for e in ex.entities)
['Frontex', 'Nederland']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.document import Document
from kg.extraction import Extraction


def _pipeline(lang: str) -> Language:
    from kg.nlp.pipeline import LANGUAGES, get_pipeline

    return get_pipeline(lang if lang in LANGUAGES else "nl")


def _make_doc(nlp: Language, document: Document) -> Doc:
    # Rules only (no parser/NER), so spaCy's 1M-character guard is not ours; the
    # caller limits document size (kg build --max-chars).
    nlp.max_length = max(nlp.max_length, len(document.text) + 1)
    doc = nlp.make_doc(document.text)
    doc.user_data["kg_document"] = document
    return doc


def to_extraction(document: Document, doc: Doc) -> Extraction:
    """Collect the linker's entities and the relations from a processed Doc."""
    entities = list((doc._.kg_entities or {}).values())
    entities.sort(key=lambda e: (e.mentions[0].start if e.mentions else 0, e.id))
    relations = list(getattr(doc._, "kg_relations", None) or [])
    return Extraction(document=document, entities=entities, relations=relations)


def extract(document: Document, nlp: Language | None = None) -> Extraction:
    """Entities (and relations) of one document."""
    nlp = nlp or _pipeline(document.meta.language)
    doc = _make_doc(nlp, document)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return to_extraction(document, doc)


def extract_many(
    documents: Iterable[Document], n_process: int = 1, batch_size: int = 16
) -> Iterator[Extraction]:
    """Extract many documents, each with its language's pipeline, in input order.

    One process streams the documents through ``nlp.pipe``; with ``n_process > 1``
    the documents are split over worker processes, each running its own pipelines
    (the Document travels with its text, which a Doc sent to spaCy's workers cannot).
    """
    docs = list(documents)
    if n_process > 1 and len(docs) > 1:
        yield from _extract_parallel(docs, n_process, batch_size)
        return
    results: dict[int, Extraction] = {}
    by_lang: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        lang = d.meta.language if d.meta.language in ("nl", "en") else "nl"
        by_lang.setdefault(lang, []).append(i)
    for lang, idxs in by_lang.items():
        nlp = _pipeline(lang)
        pairs = ((_make_doc(nlp, docs[i]), i) for i in idxs)
        for doc, i in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            results[i] = to_extraction(docs[i], doc)
    for i in range(len(docs)):
        yield results[i]


def _extract_chunk(chunk: list[Document]) -> list[Extraction]:
    return list(extract_many(chunk))


def _extract_parallel(
    docs: list[Document], n_process: int, batch_size: int
) -> Iterator[Extraction]:
    from concurrent.futures import ProcessPoolExecutor

    size = max(1, min(batch_size, -(-len(docs) // n_process)))
    chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
    with ProcessPoolExecutor(max_workers=n_process) as pool:
        for result in pool.map(_extract_chunk, chunks):
            yield from result
