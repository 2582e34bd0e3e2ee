"""The graph store: one Oxigraph store, one named graph per document.

:class:`KnowledgeGraph` wraps a pyoxigraph ``Store`` (on disk, or in memory for
tests) and exposes it as an rdflib ``Dataset`` through oxrdflib for the rdflib
API. Writes go to pyoxigraph directly: new documents are bulk-loaded, a changed
document is swapped in one SPARQL Update transaction (``DROP GRAPH`` then
``INSERT DATA``), so a crash leaves the old graph or the new one, never half.

Besides the document graphs the store holds ``<base>graph/ontology``
(ontology/kg.ttl), ``<base>graph/reference`` (the reference entities documents
link to) and ``<base>graph/builds`` (one PROV activity per build).

A lock file (``kg.lock`` in the store folder) lets one writer in at a time; a
second writer waits ``lock_timeout`` seconds, then gets a
:class:`~kg.errors.StoreLockedError`. Readers (``read_only=True``) take no
part in that lock: they open the snapshot the last writer published
(:mod:`kg.graph.snapshot`), write nothing, and neither wait for a writer nor keep
one waiting.

>>> kg = KnowledgeGraph(load_ontology=False)  # in memory
>>> import pyoxigraph as ox
>>> d = "https://w3id.org/kg-eu/doc/d1"
>>> t = ox.Triple(ox.NamedNode(d), ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("A"))
>>> kg.replace_document(d, [t])
>>> kg.documents()
[]
>>> kg.graph_names() == [d]
True
>>> kg.remove_document(d), kg.graph_names()
(True, [])
"""

from __future__ import annotations

import contextlib
import fcntl
import glob
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.config import DEFAULT_BASE, ontology_dir
from kg.errors import StoreError, StoreLockedError
from kg.graph.rdf import PREFIXES, RDF, RDFS, SKOS, graph_iri, prefixes
from kg.graph.snapshot import SNAPSHOTS, WRITER_LOCK, Snapshot, current_name, open_latest, publish
from kg.graph.sources import SOURCES_FILE

LOCK_FILE = WRITER_LOCK
JOURNAL_FILE = "kg-journal.json"
#: Files Oxigraph's bulk loader writes before it hands them to RocksDB; left behind by a kill.
BULK_LEFTOVERS = "bulk-*.sst"
_OWN_FILES = (LOCK_FILE, JOURNAL_FILE, SOURCES_FILE, SNAPSHOTS)
_KG = PREFIXES["kg"]
_CONTENT_HASH = ox.NamedNode(_KG + "contentHash")
_SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


@dataclass
class Stats:
    """What is in the store: documents, triples, entities by type, relations by predicate."""

    documents: int = 0
    triples: int = 0
    graphs: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "triples": self.triples,
            "graphs": self.graphs,
            "entities": dict(self.entities),
            "relations": dict(self.relations),
        }


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _as_triple(item: Any) -> ox.Triple:
    if isinstance(item, ox.Triple):
        return item
    if isinstance(item, ox.Quad):
        return item.triple
    if isinstance(item, tuple) and len(item) >= 3:
        from kg.graph.rdf import to_oxigraph

        return ox.Triple(*(to_oxigraph(x) for x in item[:3]))
    raise TypeError(f"not a triple: {item!r}")


def _as_quads(graph: str, items: Iterable[Any]) -> list[ox.Quad]:
    """Items as quads in ``graph``; quads already in it are kept as they are (no copy)."""
    g = ox.NamedNode(graph)
    out = []
    for item in items:
        if isinstance(item, ox.Quad) and item.graph_name == g:
            out.append(item)
        else:
            t = _as_triple(item)
            out.append(ox.Quad(t.subject, t.predicate, t.object, g))
    return out


def _files_hash(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


class _FileLock:
    """An flock on ``kg.lock``: exclusive for writers, shared for readers."""

    def __init__(self, path: Path, exclusive: bool, timeout: float) -> None:
        self.path = path
        self.exclusive = exclusive
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        mode = (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + max(self.timeout, 0.0)
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip()
                    os.close(fd)
                    who = f" (process {holder})" if holder else ""
                    raise StoreLockedError(
                        f"the store {self.path.parent} is in use by another kg process{who}; "
                        "wait for it to finish or pass a longer --wait"
                    ) from None
                time.sleep(0.1)
        if self.exclusive:
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            if self.exclusive:
                with contextlib.suppress(OSError):
                    os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class KnowledgeGraph:
    """An Oxigraph store holding one named graph per document, plus ontology and reference.

    ``path=None`` keeps everything in memory. ``read_only=True`` opens the
    latest snapshot of an on-disk store for queries: it writes nothing, takes
    no lock a writer would wait for, and sees the store as the last build
    left it (:meth:`refresh` moves to a newer build). Opened for writing, it
    holds the store's lock until :meth:`close`, and publishes a snapshot for
    readers at the end of each build and when it closes.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        lock_timeout: float = 10.0,
        base: str | None = None,
        load_ontology: bool = True,
    ) -> None:
        from kg.config import base_iri

        self.base = base or base_iri()
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._lock: _FileLock | None = None
        self._snapshot: Snapshot | None = None
        self._dataset: Any = None
        if self.path is None:
            self.store = ox.Store()
        elif read_only:
            self.store = self._open_reader(self.path, lock_timeout)
        else:
            self.store = self._open_disk(self.path, lock_timeout)
        if not read_only:
            self._recover()
            if load_ontology:
                self.load_ontology()
            if self.path is not None and current_name(self.path) is None:
                self.publish()  # readers get something to open from the start

    # ------------------------------------------------------------------ opening
    def _open_reader(self, path: Path, lock_timeout: float) -> ox.Store:
        if not (path / "CURRENT").exists():
            raise StoreError(
                f"no graph store at {path}; build one with: kg build PATH --store {path}"
            )
        if (path / JOURNAL_FILE).exists() or glob.glob(str(path / BULK_LEFTOVERS)):
            _recover_if_free(path)
        self._snapshot = open_latest(path, wait=lock_timeout)
        return self._snapshot.store

    def _open_disk(self, path: Path, lock_timeout: float) -> ox.Store:
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} is a file, not a store folder")
        if path.is_dir() and not (path / "CURRENT").exists():
            strangers = [p.name for p in path.iterdir() if p.name not in _OWN_FILES]
            if strangers:
                raise StoreError(
                    f"{path} holds other files ({', '.join(sorted(strangers)[:3])} ...) and is not "
                    "a kg store; pick an empty or new folder for --store"
                )
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create the store {path}: {err.strerror or err}") from err
        if not os.access(path, os.W_OK):
            raise StoreError(
                f"the store {path} is read-only here; kg query, stats, export and viz can read it, "
                "but building needs a store you can write"
            )
        self._lock = _FileLock(path / LOCK_FILE, exclusive=True, timeout=lock_timeout)
        self._lock.acquire()
        try:
            return ox.Store(str(path))
        except OSError as err:
            self._lock.release()
            if "lock" in str(err).lower():
                raise StoreLockedError(
                    f"the store {path} is open in another process; close it and retry"
                ) from err
            raise StoreError(f"cannot open the store {path}: {err}") from err

    def refresh(self) -> bool:
        """A reader moves to the newest published snapshot; True when there was a newer one.

        >>> import pathlib, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp()) / "store"
        >>> KnowledgeGraph(folder, load_ontology=False).close()
        >>> reader = KnowledgeGraph(folder, read_only=True)
        >>> with KnowledgeGraph(folder, load_ontology=False) as writer:  # not kept waiting
        ...     writer.update("INSERT DATA { GRAPH <http://ex.org/g> { <http://ex.org/a> a kg:State } }")
        >>> len(reader), reader.refresh(), len(reader)
        (0, True, 1)
        >>> reader.close()
        """
        if not self.read_only or self.path is None or self._snapshot is None:
            return False
        if current_name(self.path) in (None, self._snapshot.name):
            return False
        fresh = open_latest(self.path, wait=0.0)
        self._snapshot.close()
        self._snapshot, self.store, self._dataset = fresh, fresh.store, None
        return True

    def publish(self) -> str | None:
        """Publish the store as it is now as the snapshot readers open (writers on disk only).

        Builds call it when they end, and a writer when it closes; the name
        of the new snapshot (None in memory).

        >>> KnowledgeGraph(load_ontology=False).publish() is None
        True
        """
        if self.path is None or self.read_only:
            return None
        name = publish(self.store, self.path)
        return name

    def close(self) -> None:
        """Flush and release the store and its lock (the object is unusable afterwards).

        A writer publishes a snapshot first, so readers see what it wrote.
        """
        if getattr(self, "store", None) is None:
            return
        if self.path is not None and not self.read_only:
            with contextlib.suppress(OSError):
                self.store.flush()
            with contextlib.suppress(StoreError):
                self.publish()
        self._dataset = None
        self.store = None  # type: ignore[assignment]
        if self._snapshot is not None:
            self._snapshot.close()
            self._snapshot = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.store)

    @property
    def dataset(self) -> Any:
        """The store as an rdflib ``Dataset`` (default graph = union of all graphs)."""
        if self._dataset is None:
            from oxrdflib import OxigraphStore
            from rdflib import Dataset

            ds = Dataset(store=OxigraphStore(store=self.store), default_union=True)
            for prefix, ns in prefixes(self.base).items():
                ds.bind(prefix, ns, override=True)
            self._dataset = ds
        return self._dataset

    # ------------------------------------------------------------------ reading
    def query(
        self, sparql: str, substitutions: Mapping[str, Any] | None = None, *, union: bool = True
    ) -> Any:
        """Run SPARQL on pyoxigraph, default graph = union of all named graphs.

        The model's prefixes are predeclared. ``substitutions`` maps variable
        names to pyoxigraph terms (bound values, never pasted into the text).
        """
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        return self.store.query(
            sparql,
            prefixes=prefixes(self.base),
            use_default_graph_as_union=union,
            substitutions=subs or None,
        )

    def _select(self, sparql: str) -> Any:
        return self.store.query(sparql, prefixes=PREFIXES)

    def graph_names(self) -> list[str]:
        """IRIs of all named graphs, sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def documents(self) -> list[str]:
        """IRIs of the documents in the store (graphs holding a kg:SourceDocument), sorted."""
        rows = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a kg:SourceDocument } }")
        return sorted(r["g"].value for r in rows)

    def document_hashes(self) -> dict[str, tuple[str, str | None]]:
        """Document IRI -> (content hash, rule-set hash) as recorded when it was built."""
        rows = self._select(
            "SELECT ?g ?h ?r WHERE { GRAPH ?g { ?g a kg:SourceDocument ; kg:contentHash ?h "
            "OPTIONAL { ?g kg:rulesetHash ?r } } }"
        )
        return {r["g"].value: (r["h"].value, r["r"].value if r["r"] else None) for r in rows}

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """The triples of one named graph."""
        return [
            q.triple for q in self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        ]

    def stats(self) -> Stats:
        """Counts of documents, triples, entities by type and relations by predicate."""
        st = Stats(triples=len(self.store), graphs=len(self.graph_names()))
        st.documents = len(self.documents())
        rows = self._select(
            "SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?g kg:mentions ?e . "
            "?e a ?t } } GROUP BY ?t ORDER BY DESC(?n) ?t"
        )
        st.entities = {_local(r["t"].value): int(r["n"].value) for r in rows}
        rows = self._select(
            "SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?g ?s ?p ?o WHERE { GRAPH ?g { "
            "?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } } } "
            "GROUP BY ?p ORDER BY DESC(?n) ?p"
        )
        st.relations = {_local(r["p"].value): int(r["n"].value) for r in rows}
        return st

    # ------------------------------------------------------------------ writing
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store was opened read-only")

    def replace_document(self, doc_iri: str, triples: Iterable[Any]) -> None:
        """Swap the named graph ``doc_iri`` for ``triples`` in one transaction.

        One SPARQL Update request (``DROP SILENT GRAPH`` + ``INSERT DATA``) is
        one Oxigraph transaction: readers and a crash see the old graph or the
        new one, never a mix. Triples may be pyoxigraph Triples/Quads or
        rdflib (s, p, o) tuples.
        """
        self._writable()
        body = ox.serialize([_as_triple(t) for t in triples], format=ox.RdfFormat.N_TRIPLES)
        g = ox.NamedNode(doc_iri)
        update = f"DROP SILENT GRAPH {g} ;\n"
        if body:
            update += f"INSERT DATA {{ GRAPH {g} {{\n{body.decode('utf-8')}\n}} }}"
        try:
            self.store.update(update)
        except (OSError, SyntaxError) as err:
            raise StoreError(f"could not write the graph {doc_iri}: {err}") from err

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as one transaction (readers see it once the writer publishes).

        >>> kg = KnowledgeGraph(load_ontology=False)
        >>> kg.update("INSERT DATA { GRAPH <http://ex.org/g> { <http://ex.org/a> a kg:State } }")
        >>> kg.graph_names()
        ['http://ex.org/g']
        """
        self._writable()
        self.store.update(sparql, prefixes=prefixes(self.base))

    def add_documents(self, graphs: Mapping[str, Iterable[Any]]) -> None:
        """Load graphs of documents not yet in the store, as fast as the store allows.

        On disk this uses pyoxigraph's bulk loader, guarded by a journal: if
        the process dies mid-load, the next writer drops the half-written
        graphs, so they are rebuilt. In memory, one transactional ``extend``.
        Graphs that already exist are replaced transactionally instead. A
        graph may also come as N-Quads bytes (all in that graph, as
        :mod:`kg.graph.parallel`'s workers send them): loaded without making a
        Python object per quad.
        """
        self._writable()
        existing = set(self.graph_names())
        fresh: dict[str, list[ox.Quad]] = {}
        serialised: dict[str, bytes] = {}
        for iri, triples in graphs.items():
            if iri in existing:
                if isinstance(triples, bytes):
                    triples = ox.parse(triples, format=ox.RdfFormat.N_QUADS)
                self.replace_document(iri, triples)
            elif isinstance(triples, bytes):
                serialised[iri] = triples
            else:
                fresh[iri] = _as_quads(iri, triples)
        if not fresh and not serialised:
            return
        quads = [q for qs in fresh.values() for q in qs]
        data = b"".join(serialised.values())
        if self.path is None:
            self.store.extend(quads)
            if data:
                self.store.load(data, format=ox.RdfFormat.N_QUADS)
            return
        journal = self.path / JOURNAL_FILE
        with open(journal, "w", encoding="utf-8") as fh:
            json.dump(sorted({*fresh, *serialised}), fh)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            if quads:
                self.store.bulk_extend(quads)
            if data:
                self.store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
            self.store.flush()
        except OSError as err:
            raise StoreError(f"bulk load failed: {err}") from err
        journal.unlink()

    def _recover(self) -> None:
        """Undo what a killed bulk load left: its graphs (named in the journal) and its files.

        Runs when a writer opens the store, so no bulk load of another process
        is live: Oxigraph's ``bulk-*.sst`` files in the folder are leftovers.
        """
        if self.path is None:
            return
        for leftover in glob.glob(str(self.path / BULK_LEFTOVERS)):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        journal = self.path / JOURNAL_FILE
        if not journal.exists():
            return
        try:
            names = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            names = []
        for iri in names:
            self.store.remove_graph(ox.NamedNode(iri))
        journal.unlink()

    def remove_document(self, doc_iri: str) -> bool:
        """Drop one document's graph; False when there was none."""
        self._writable()
        g = ox.NamedNode(doc_iri)
        if not self.store.contains_named_graph(g):
            return False
        self.store.remove_graph(g)
        return True

    def add_triples(self, graph: str, triples: Iterable[Any]) -> None:
        """Add triples to a named graph in one transaction (for small additions)."""
        self._writable()
        self.store.extend(_as_quads(graph, triples))

    def _graph_hash(self, graph: str) -> str | None:
        g = ox.NamedNode(graph)
        for q in self.store.quads_for_pattern(g, _CONTENT_HASH, None, g):
            return q.object.value
        return None

    def load_ontology(self, directory: Path | None = None) -> bool:
        """(Re)load ontology/kg.ttl into ``<base>graph/ontology`` when it changed."""
        self._writable()
        try:
            folder = directory or ontology_dir()
        except Exception:  # no ontology folder installed: nothing to load
            return False
        path = folder / "kg.ttl"
        if not path.is_file():
            return False
        name = graph_iri("ontology", self.base)
        digest = _files_hash([path])
        if self._graph_hash(name) == digest:
            return False
        try:
            triples = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        except (OSError, SyntaxError) as err:
            raise StoreError(f"{path}: cannot load the ontology: {err}") from err
        g = ox.NamedNode(name)
        triples.append(ox.Triple(g, _CONTENT_HASH, ox.Literal(digest)))
        self.replace_document(name, triples)
        return True

    def refresh_reference(self, directory: Path | None = None) -> bool:
        """Rewrite ``<base>graph/reference``: the reference entities documents link to.

        For each linked reference entity: all its reference triples, the posts
        and presidencies it holds, and type and labels of what those point to.
        Skipped when neither the links nor the reference files changed.
        """
        self._writable()
        ref = _reference_store(directory)
        rows = self._select(
            "SELECT DISTINCT ?e WHERE { GRAPH ?g { ?g a kg:SourceDocument . "
            "VALUES ?p { kg:mentions kg:configuration kg:heldIn kg:atMeeting kg:memberOf } "
            "?x ?p ?e FILTER(isIRI(?e)) } }"
        )
        used = sorted(
            r["e"].value for r in rows if r["e"].value.startswith(DEFAULT_BASE + "entity/")
        )
        digest = hashlib.sha256("\n".join([ref.digest, *used]).encode("utf-8")).hexdigest()
        name = graph_iri("reference", self.base)
        if self._graph_hash(name) == digest:
            return False
        triples = ref.closure(used)
        if not triples and not self.store.contains_named_graph(ox.NamedNode(name)):
            return False
        g = ox.NamedNode(name)
        triples.append(ox.Triple(g, _CONTENT_HASH, ox.Literal(digest)))
        self.replace_document(name, triples)
        return True


@dataclass
class _Reference:
    store: ox.Store
    digest: str

    def closure(self, iris: Iterable[str]) -> list[ox.Triple]:
        out: dict[ox.Triple, None] = {}
        held_by = ox.NamedNode(_KG + "heldBy")
        neighbours: set[ox.NamedNode] = set()

        def take(subject: ox.NamedNode | ox.BlankNode) -> None:
            for q in self.store.quads_for_pattern(subject, None, None):
                out[q.triple] = None
                if isinstance(q.object, ox.NamedNode) and q.predicate.value != RDF + "type":
                    neighbours.add(q.object)

        for iri in iris:
            node = ox.NamedNode(iri)
            take(node)
            for q in self.store.quads_for_pattern(None, held_by, node):
                take(q.subject)
        brief = {RDF + "type", RDFS + "label", SKOS + "prefLabel"}
        for node in sorted(neighbours, key=lambda n: n.value):
            for q in self.store.quads_for_pattern(node, None, None):
                if q.predicate.value in brief:
                    out[q.triple] = None
        return list(out)


_REFERENCE_CACHE: dict[tuple[Any, ...], _Reference] = {}


def _reference_store(directory: Path | None = None) -> _Reference:
    """ontology/reference/*.ttl parsed into an in-memory store (cached per file state)."""
    try:
        folder = directory or (ontology_dir() / "reference")
    except Exception:
        folder = None
    files = sorted(folder.glob("*.ttl")) if folder and folder.is_dir() else []
    key = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    cached = _REFERENCE_CACHE.get(key)
    if cached is not None:
        return cached
    store = ox.Store()
    for p in files:
        try:
            store.load(path=str(p), format=ox.RdfFormat.TURTLE)
        except (OSError, SyntaxError) as err:
            raise StoreError(f"{p}: cannot load reference data: {err}") from err
    ref = _Reference(store, _files_hash(files))
    _REFERENCE_CACHE.clear()
    _REFERENCE_CACHE[key] = ref
    return ref


def _recover_if_free(path: Path) -> None:
    """A reader finding what a killed bulk load left tidies up, if no writer is at work.

    Never waits and never fails: on a store it may not write, or while a
    writer holds it, the reader just reads the last snapshot.
    """
    if not os.access(path, os.W_OK):
        return
    with contextlib.suppress(StoreError, OSError):
        KnowledgeGraph(path, lock_timeout=0.0, load_ontology=False).close()


@contextlib.contextmanager
def open_store(
    path: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    lock_timeout: float = 10.0,
) -> Iterator[KnowledgeGraph]:
    """Open the store at ``path`` (default: ``KG_STORE`` or ./kg-store) and close it after.

    >>> import pathlib, tempfile
    >>> with open_store(pathlib.Path(tempfile.mkdtemp()) / "store") as kg:
    ...     print(kg.stats().documents)
    0
    """
    from kg.config import default_store_path

    kg = KnowledgeGraph(
        path if path is not None else default_store_path(),
        read_only=read_only,
        lock_timeout=lock_timeout,
    )
    try:
        yield kg
    finally:
        kg.close()
