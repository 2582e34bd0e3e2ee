"""Incremental builds: files -> documents -> extractions -> named graphs in the store.

New documents are added, changed ones (content hash, or rule-set hash) are
replaced in one transaction each, unchanged ones are skipped without being
read by the recogniser. Each build is recorded as a PROV activity in
``<base>graph/builds``; the document graphs themselves never mention builds,
so building the same files twice gives an isomorphic graph.

>>> from kg.document import Document
>>> from kg.extraction import Entity, Extraction, Mention
>>> from kg.graph.store import KnowledgeGraph
>>> kg = KnowledgeGraph()
>>> doc = Document(id="d1", source="d1.txt", text="Nederland.")
>>> nl = Entity("https://w3id.org/kg-eu/entity/state/nederland", "Nederland", "State",
...             [Mention("Nederland", 0, 9)])
>>> report = load_extractions(kg, [Extraction(doc, [nl])])
>>> report.added, report.stats.entities
(['https://w3id.org/kg-eu/doc/d1'], {'State': 1})
>>> load_extractions(kg, [Extraction(doc, [nl])]).skipped
['https://w3id.org/kg-eu/doc/d1']
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.config import VERSION, ontology_dir
from kg.document import Document
from kg.errors import IngestError, KGError, StoreError
from kg.extraction import Extraction
from kg.graph.rdf import PREFIXES, PROV, RDF, XSD, extraction_quads, graph_iri
from kg.graph.same_letter import LetterIndex
from kg.graph.sources import FileState, SourceIndex, file_state
from kg.graph.store import KnowledgeGraph, Stats
from kg.ingest import SUPPORTED_EXTENSIONS, expand_paths, ingest_file, missing_paths, too_long
from kg.iri import document_iri, slugify

log = logging.getLogger(__name__)

#: Longest normalised text extracted (characters); a longer one fails with a clear line.
DEFAULT_MAX_CHARS = 1_000_000

#: New triples per bulk load in a streamed (parallel) build: about 100 letters.
STREAMED_FLUSH_AT = 50_000

#: progress(status, name): status is "added", "replaced", "skipped" or "failed".
Progress = Callable[[str, str], None]


@dataclass
class BuildReport:
    """What one build did, and what the store holds afterwards."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, problem)
    warnings: list[str] = field(default_factory=list)  # "source: what was odd", built anyway
    #: (source, document IRI): files that hold a letter already read from another file
    copies: list[tuple[str, str]] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)
    build_iri: str = ""
    seconds: float = 0.0

    @property
    def touched(self) -> list[str]:
        """Documents whose graph this build wrote or dropped."""
        return [*self.added, *self.replaced, *self.removed]

    @property
    def problem(self) -> str | None:
        """Why this build counts as failed: no input file, or every file failed; else None.

        >>> BuildReport(failed=[("x.txt", "the file is empty")]).problem
        'nothing was built: the only file failed (see above)'
        >>> BuildReport(skipped=["d"], failed=[("x.txt", "the file is empty")]).problem is None
        True
        >>> BuildReport(copies=[("kopie.txt", "d")]).problem is None  # its letter is in the store
        True
        """
        if self.added or self.replaced or self.skipped or self.removed or self.copies:
            return None
        if not self.failed:
            kinds = " ".join(SUPPORTED_EXTENSIONS)
            return f"nothing to build: no document files ({kinds}) in the paths given"
        if len(self.failed) == 1:
            return "nothing was built: the only file failed (see above)"
        return f"nothing was built: all {len(self.failed)} files failed (see above)"

    def to_json(self) -> dict[str, Any]:
        return {
            "build": self.build_iri,
            "added": self.added,
            "replaced": self.replaced,
            "skipped": self.skipped,
            "removed": self.removed,
            "failed": [{"source": s, "problem": p} for s, p in self.failed],
            "warnings": self.warnings,
            "copies": [{"source": s, "document": d} for s, d in self.copies],
            "seconds": round(self.seconds, 3),
            "stats": self.stats.to_json(),
        }


def _tree_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def ruleset_hash() -> str:
    """SHA-256 over ontology/ and kg/nlp/rules/: what the extraction knows besides code.

    >>> len(ruleset_hash())
    64
    """
    h = hashlib.sha256()
    roots: list[Path] = []
    with contextlib.suppress(KGError):
        roots.append(ontology_dir())
    roots.append(Path(__file__).resolve().parents[1] / "nlp" / "rules")
    for root in roots:
        for path in _tree_files(root):
            h.update(str(path.relative_to(root)).encode())
            h.update(b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many files ``paths`` name, as ingestion walks them (for a progress bar).

    >>> count_inputs([]) == 0
    True
    """
    return sum(1 for _ in expand_paths(list(paths)))


def _default_extractor() -> Callable[[list[Document]], list[Extraction]]:
    """kg.nlp.extract, imported on first use: a rebuild that skips every file never loads spaCy."""

    def run(documents: list[Document]) -> list[Extraction]:
        from kg.nlp.extract import extract, extract_many

        if len(documents) > 1:
            return list(extract_many(documents))
        return [extract(d) for d in documents]

    return run


class _Loader:
    """Turns extractions into graphs and writes them in batches."""

    def __init__(self, store: KnowledgeGraph, report: BuildReport, progress: Progress | None):
        self.store = store
        self.report = report
        self.progress = progress
        self.ruleset = ruleset_hash()
        self.known = store.document_hashes()
        self.letters = LetterIndex.from_store(store)
        self.stale: list[str] = []  # graphs of files now read under another id: drop at flush
        self.moving: dict[str, list[str]] = {}  # new id -> those graphs, until it is loaded
        self.seen: dict[str, str] = {}  # document IRI -> the file it came from
        self.new: dict[str, list[ox.Quad] | bytes] = {}
        self.pending_triples = 0
        #: new triples gathered before a bulk load
        self.flush_at = 500_000
        #: when set, bulk loads run on this thread while the caller goes on
        self.background: ThreadPoolExecutor | None = None
        self._loading: Future[None] | None = None

    def _tell(self, status: str, name: str) -> None:
        if self.progress is not None:
            self.progress(status, name)

    def up_to_date(self) -> list[str]:
        """Keys (:func:`kg.graph.parallel.skip_key` form) of the documents stored with this rule set."""
        return [f"{iri} {h}" for iri, (h, rules) in self.known.items() if rules == self.ruleset]

    def wanted(self, doc: Document, force: bool, fingerprint: str | None = None) -> bool:
        """False (and counted as skipped) when the stored graph is up to date, or when
        ``doc`` is a letter already read from another file (a warning names both)."""
        iri = document_iri(doc.id)
        verdict = self.letters.admit(doc, iri, fingerprint)
        if verdict.same_as is not None:  # one document per letter
            self.report.warnings.append(verdict.warning)
            self.report.copies.append((doc.source, verdict.same_as.iri))
            self._tell("skipped", doc.source)
            return False
        if verdict.clash:
            self.report.failed.append((doc.source, f"a second document with id {doc.id!r}"))
            self._tell("failed", doc.source)
            return False
        self.seen[iri] = doc.source
        if not force and self.known.get(iri) == (doc.content_hash, self.ruleset):
            self.stale.extend(verdict.replaces)
            self.report.skipped.append(iri)
            self._tell("skipped", doc.source)
            return False
        self.moving[iri] = verdict.replaces
        return True

    def forget(self, doc: Document) -> None:
        """A document that failed after :meth:`wanted`: a copy of it may still be read."""
        iri = document_iri(doc.id)
        self.letters.forget(iri)
        self.moving.pop(iri, None)

    def skip_unread(self, iri: str, source: str) -> None:
        """A file the source record shows unchanged: skipped before it was read."""
        if iri in self.seen:
            self.report.warnings.append(f"{source}: the same document as {self.seen[iri]}")
            self.report.copies.append((source, iri))
            self._tell("skipped", source)
            return
        self.seen[iri] = source
        self.report.skipped.append(iri)
        self._tell("skipped", source)

    def load(self, extraction: Extraction) -> None:
        try:
            triples = extraction_quads(extraction, self.ruleset)
        except (ValueError, TypeError) as err:  # e.g. an extractor produced a malformed IRI
            _fail(self.report, self.progress, extraction.document.source, err, "mapping")
            self.forget(extraction.document)
            return
        self.load_graph(extraction.document, triples, len(triples))

    def load_graph(self, doc: Document, triples: list[ox.Quad] | bytes, size: int) -> None:
        """Write one document's graph (quads, or N-Quads bytes from a worker)."""
        iri = document_iri(doc.id)
        self.stale.extend(self.moving.pop(iri, []))
        if iri in self.known:
            if isinstance(triples, bytes):
                triples = list(ox.parse(triples, format=ox.RdfFormat.N_QUADS))
            self.wait()  # one writer at a time
            self.store.replace_document(iri, triples)
            self.report.replaced.append(iri)
            self._tell("replaced", doc.source)
        else:
            self.new[iri] = triples
            self.pending_triples += size
            self.known[iri] = (doc.content_hash, self.ruleset)
            self.report.added.append(iri)
            self._tell("added", doc.source)
            if self.pending_triples >= self.flush_at:
                self.flush()

    def flush(self) -> None:
        """Bulk-load the new graphs gathered so far (in the background when asked to)."""
        if self.new:
            self.wait()
            if self.background is None:
                self.store.add_documents(self.new)
            else:
                self._loading = self.background.submit(self.store.add_documents, self.new)
        self.new = {}
        self.pending_triples = 0
        # only now that its new graph is in: a file read under a new id leaves its old one
        for old in self.stale:
            if self.store.remove_document(old):
                self.report.removed.append(old)
        self.stale = []

    def wait(self) -> None:
        """Wait for a bulk load running in the background; its error is raised here."""
        if self._loading is not None:
            loading, self._loading = self._loading, None
            loading.result()


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: KnowledgeGraph,
    *,
    force: bool = False,
    progress: Progress | None = None,
    extractor: Callable[[list[Document]], list[Extraction]] | None = None,
    batch_size: int = 64,
    max_bytes: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> BuildReport:
    """Ingest, extract, map and load ``paths`` into ``store``; skip what is up to date.

    A file whose size, modification time (or, when only that moved, the
    hash of its bytes) and stored graph are unchanged is skipped before it is
    read (:mod:`kg.graph.sources`); another file is ingested, and skipped when its
    content and rule-set hashes match the store. ``extractor`` turns a batch of
    documents into extractions (default: :func:`kg.nlp.extract.extract_many`).
    ``force`` rebuilds every document. A path that does not exist raises
    :class:`~kg.errors.IngestError` before anything is read or written. Files
    that cannot be read or extracted are listed in ``report.failed``; the
    build goes on with the others (``report.problem`` says when nothing was
    built). Ingestion warnings (a guessed encoding, a language kg has no
    rules for) are listed in ``report.warnings``. ``max_bytes`` is the
    largest file read (default: kg.ingest's 50 MB), ``max_chars`` the longest
    text extracted, checked before the text is normalised.

    Example: ``build(["examples/letters"], KnowledgeGraph("kg-store"))``.
    """
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    paths = [str(p) for p in paths]
    check_inputs(paths)
    report = BuildReport()
    loader = _Loader(store, report, progress)
    index = SourceIndex.load(store.path)
    read: dict[str, tuple[Path, FileState | None]] = {}  # source -> (file, state before reading)
    run = extractor or _default_extractor()
    batch: list[Document] = []

    def extract_batch() -> None:
        try:
            results = run(batch)
        except Exception as err:  # one bad batch: retry one by one to isolate it
            if len(batch) == 1:
                _fail(report, progress, batch[0].source, err)
                results = []
            else:
                results = []
                for doc in batch:
                    try:
                        results.extend(run([doc]))
                    except Exception as one_err:
                        _fail(report, progress, doc.source, one_err)
        done = {e.document_iri for e in results}
        for doc in batch:
            if document_iri(doc.id) not in done:
                loader.forget(doc)
        for extraction in results:
            loader.load(extraction)
            remember(extraction.document)  # checked against the store before it is trusted
        batch.clear()

    def remember(doc: Document) -> None:
        path, before = read.pop(doc.source, (None, None))
        if path is not None:
            index.record(path, before, document_iri(doc.id), doc.content_hash)

    limits: dict[str, Any] = {"max_chars": max_chars}
    if max_bytes is not None:
        limits["max_bytes"] = max_bytes
    stream = getattr(run, "stream", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        todo: list[Path] = []
        for path in expand_paths(paths):
            if not force:
                unread = index.unchanged(path, loader.known, loader.ruleset)
                if unread is not None:
                    loader.skip_unread(unread, str(path))
                    continue
            todo.append(path)
        if stream is not None:  # the workers read the files too (kg.graph.parallel)
            for path in todo:
                read[str(path)] = (path, file_state(path))
            _build_streamed(stream, todo, loader, force, max_bytes, max_chars, remember)
        else:
            for path in todo:
                before = file_state(path)
                item = ingest_file(path, **limits)
                if not isinstance(item, Document):
                    report.failed.append((item.path, item.error.problem))
                    if progress is not None:
                        progress("failed", item.path)
                    continue
                if len(item.text) > max_chars:
                    report.failed.append((item.source, too_long(len(item.text), max_chars)))
                    if progress is not None:
                        progress("failed", item.source)
                    continue
                read[item.source] = (path, before)
                if loader.wanted(item, force):
                    batch.append(item)
                    if len(batch) >= batch_size:
                        extract_batch()
                elif report.skipped and report.skipped[-1] == document_iri(item.id):
                    remember(item)
            if batch:
                extract_batch()
    _sort_warnings(caught, report)
    loader.flush()
    loader.wait()
    if report.problem is None:
        _finish(store, report, started, t0)
        index.save(store.path)
    else:  # nothing read: the store is left as it was, not even a build record
        report.stats = store.stats()
        report.seconds = time.perf_counter() - t0
    return report


def _build_streamed(
    stream: Callable[..., Iterator[Any]],
    files: list[Path],
    loader: _Loader,
    force: bool,
    max_bytes: int | None,
    max_chars: int,
    remember: Callable[[Document], None],
) -> None:
    """Load what workers read and extracted (:meth:`kg.graph.parallel.ProcessExtractor.stream`).

    The workers skip the extraction of documents the store has up to date;
    the up-to-date decision itself is still :meth:`_Loader.wanted`'s, here.
    ``remember`` records a file whose document is in the store (:mod:`kg.graph.sources`).
    """
    up_to_date = [] if force else loader.up_to_date()
    # Small bulk loads on a thread of their own, while this thread hands out work and
    # collects results: loading everything at the end, or in this thread, would
    # leave the workers idle for that time.
    loader.flush_at = STREAMED_FLUSH_AT
    items = stream(
        (str(f) for f in files),
        up_to_date,
        max_bytes=max_bytes,
        max_chars=max_chars,
        ruleset=loader.ruleset,
    )
    with ThreadPoolExecutor(1, thread_name_prefix="kg-load") as background:
        loader.background = background
        try:
            _load_streamed(items, loader, force, remember)
            loader.flush()
            loader.wait()
        finally:
            loader.background = None


def _load_streamed(
    items: Iterator[Any], loader: _Loader, force: bool, remember: Callable[[Document], None]
) -> None:
    from kg.ingest import IngestWarning

    for item in items:
        for message in item.warnings:
            warnings.warn(message, IngestWarning, stacklevel=1)
        doc = item.document
        if doc is None:
            loader.report.failed.append((item.source, item.failure or "could not be read"))
            loader._tell("failed", item.source)
            continue
        if not loader.wanted(doc, force, item.fingerprint):
            if loader.report.skipped and loader.report.skipped[-1] == document_iri(doc.id):
                remember(doc)
            continue
        failed = len(loader.report.failed)
        if item.nquads is not None:
            # lines of N-Quads: one per quad, so the count feeds the flush threshold
            loader.load_graph(doc, item.nquads, item.nquads.count(b"\n"))
        elif item.extraction is not None:
            loader.load(item.extraction)
        else:  # up to date for the worker, not for us: extract here
            loader.load(_default_extractor()([doc])[0])
        if len(loader.report.failed) == failed:
            remember(doc)


def check_inputs(paths: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`~kg.errors.IngestError` for the first path that names nothing.

    >>> check_inputs(["/no/such/letters"])
    Traceback (most recent call last):
    kg.errors.IngestError: /no/such/letters: no such file or folder; nothing was built
    """
    missing = missing_paths(paths)
    if missing:
        raise IngestError(missing[0], "no such file or folder; nothing was built")


def build_store(
    paths: Iterable[str | os.PathLike[str]],
    store_path: str | os.PathLike[str],
    *,
    lock_timeout: float = 10.0,
    **options: Any,
) -> BuildReport:
    """Open (or create) the store at ``store_path``, :func:`build` into it, and close it.

    A missing path raises before the store is opened; when nothing could be
    built (``report.problem``), a store this call created is removed again,
    so a failed first build leaves no empty store behind. Raise
    :class:`~kg.errors.BuildError` from ``report.problem`` to fail loudly.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "leeg.txt").write_text("")
    >>> report = build_store([folder / "leeg.txt"], folder / "store")
    >>> report.problem, (folder / "store").exists()
    ('nothing was built: the only file failed (see above)', False)
    """
    paths = [str(p) for p in paths]
    check_inputs(paths)
    folder = Path(store_path)
    folder_existed = folder.exists()
    created = not (folder / "CURRENT").exists()
    with KnowledgeGraph(folder, lock_timeout=lock_timeout) as kg:
        report = build(paths, kg, **options)
    if report.problem is not None and created:
        _remove_new_store(folder, keep_folder=folder_existed)
    return report


def _remove_new_store(folder: Path, *, keep_folder: bool) -> None:
    """Remove a store a failed first build created (an empty folder the user made stays)."""
    if not keep_folder:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()


def _sort_warnings(caught: list[warnings.WarningMessage], report: BuildReport) -> None:
    """Ingestion warnings go into the report; any other warning is let through as it came."""
    from kg.ingest import IngestWarning

    for w in caught:
        if issubclass(w.category, IngestWarning):
            report.warnings.append(str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _fail(
    report: BuildReport,
    progress: Progress | None,
    source: str,
    err: Exception,
    stage: str = "extraction",
) -> None:
    log.info("%s: %s failed: %s", source, stage, err)  # the report carries it; one line in the CLI
    report.failed.append((source, f"{stage} failed: {err}"))
    if progress is not None:
        progress("failed", source)


def load_extractions(
    store: KnowledgeGraph,
    extractions: Iterable[Extraction],
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Load ready extractions (from parallel or distributed workers) like :func:`build` does."""
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    report = BuildReport()
    loader = _Loader(store, report, progress)
    for extraction in extractions:
        if loader.wanted(extraction.document, force):
            loader.load(extraction)
    loader.flush()
    _finish(store, report, started, t0)
    return report


def _resolve_document(store: KnowledgeGraph, doc: str) -> str | None:
    """A document IRI from an IRI, a document id, a file path or a file stem."""
    docs = store.documents()
    if doc in docs:
        return doc
    candidates = {document_iri(doc, store.base), document_iri(Path(doc).stem, store.base)}
    for iri in docs:
        if iri in candidates:
            return iri
    rows = store.query(
        "SELECT ?g ?p WHERE { GRAPH ?g { ?g kg:sourcePath ?p } }",
    )
    wanted = {doc, str(Path(doc)), os.path.normpath(doc)}
    for row in rows:
        path = row["p"].value
        if path in wanted or os.path.normpath(path) in wanted or slugify(Path(path).stem) == doc:
            return row["g"].value
    return None


def remove(store: KnowledgeGraph, doc: str) -> BuildReport:
    """Drop one document (IRI, id or source path) from the store; records the removal.

    Raises :class:`~kg.errors.StoreError` when no such document is in the store.
    """
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    iri = _resolve_document(store, doc)
    if iri is None:
        raise StoreError(f"no document {doc!r} in the store; list them with: kg stats --documents")
    report = BuildReport()
    store.remove_document(iri)
    report.removed.append(iri)
    _finish(store, report, started, t0)
    return report


def _finish(store: KnowledgeGraph, report: BuildReport, started: datetime, t0: float) -> None:
    store.refresh_reference()
    report.build_iri = _record(store, report, started)
    report.stats = store.stats()
    store.publish()  # readers move to this build as a whole
    report.seconds = time.perf_counter() - t0


def _record(store: KnowledgeGraph, report: BuildReport, started: datetime) -> str:
    """Add the build's PROV activity to ``<base>graph/builds``."""
    ended = datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%S%fZ")
    b = ox.NamedNode(f"{store.base}build/{stamp}-{os.getpid()}")
    kgns = PREFIXES["kg"]

    def lit(value: object, datatype: str | None = None) -> ox.Literal:
        if datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(datatype))
        return ox.Literal(str(value))

    triples = [
        ox.Triple(b, ox.NamedNode(RDF + "type"), ox.NamedNode(kgns + "Build")),
        ox.Triple(b, ox.NamedNode(RDF + "type"), ox.NamedNode(PROV + "Activity")),
        ox.Triple(
            b, ox.NamedNode(PROV + "startedAtTime"), lit(started.isoformat(), XSD + "dateTime")
        ),
        ox.Triple(b, ox.NamedNode(PROV + "endedAtTime"), lit(ended.isoformat(), XSD + "dateTime")),
        ox.Triple(b, ox.NamedNode(kgns + "softwareVersion"), lit(VERSION)),
        ox.Triple(b, ox.NamedNode(kgns + "rulesetHash"), lit(ruleset_hash())),
        ox.Triple(
            b, ox.NamedNode(kgns + "documentsTouched"), lit(len(report.touched), XSD + "integer")
        ),
    ]
    for iri in report.added + report.replaced:
        triples.append(ox.Triple(b, ox.NamedNode(PROV + "generated"), ox.NamedNode(iri)))
    for iri in report.removed:
        triples.append(ox.Triple(b, ox.NamedNode(PROV + "invalidated"), ox.NamedNode(iri)))
    store.add_triples(graph_iri("builds", store.base), triples)
    return b.value
