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

    With ``n_process > 1`` spaCy's multiprocessing runs the pipeline.
    """
    docs = list(documents)
    results: dict[int, Extraction] = {}
    by_lang: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        by_lang.setdefault(d.meta.language if d.meta.language in ("nl", "en") else "nl", []).append(
            i
        )
    for lang, idxs in by_lang.items():
        nlp = _pipeline(lang)
        if n_process > 1:
            stream = ((docs[i].text, i) for i in idxs)
            # user_data does not cross processes: the document is re-attached per text
            for doc, i in nlp.pipe(
                _attach(nlp, stream, docs),
                as_tuples=True,
                n_process=n_process,
                batch_size=batch_size,
            ):
                results[i] = to_extraction(docs[i], doc)
        else:
            pairs = ((_make_doc(nlp, docs[i]), i) for i in idxs)
            for doc, i in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
                results[i] = to_extraction(docs[i], doc)
    for i in range(len(docs)):
        yield results[i]


def _attach(
    nlp: Language, stream: Iterable[tuple[str, int]], docs: list[Document]
) -> Iterator[tuple[Doc, int]]:
    for _text, i in stream:
        yield _make_doc(nlp, docs[i]), i
