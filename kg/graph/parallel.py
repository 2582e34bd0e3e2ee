"""Extraction on all cores (a process pool) or on a Dask cluster, for :func:`kg.graph.build.build`.

Both are *extractors*: callables that turn a batch of documents into their
extractions, in order, which :func:`kg.graph.build.build` takes as ``extractor=``.
The up-to-date decision and loading into the store stay in the calling
process, so a parallel build writes exactly what a single-process build
writes.

- :func:`process_extractor` starts ``workers`` processes once; each builds its
  spaCy pipelines once (:func:`kg.nlp.pipeline.get_pipeline` is cached per
  process). Its extractor also *streams* (:meth:`ProcessExtractor.stream`):
  the workers get file names, read and normalise the files themselves and
  extract them (:func:`ingest_and_extract`), while the calling process loads
  the results of earlier chunks into the store. Only a bounded number of
  chunks is in flight, so memory does not grow with the corpus.
- :func:`dask_extractor` sends the chunks to a Dask distributed cluster: a
  ``LocalCluster`` when no scheduler address is given, else the scheduler at
  that address (its workers need the ``kg`` package installed, same version).
  Documents travel to the cluster with the tasks (its machines need not see
  the files), so ingestion stays in the calling process there.

>>> from kg.document import Document
>>> docs = [Document(id=f"d{i}", source=f"d{i}.txt", text="Nederland steunt Frontex.")
...         for i in range(3)]
>>> with process_extractor(1) as run:  # one worker: extraction stays in this process
...     [sorted(e.label for e in ex.entities) for ex in run(docs)][0]
['Frontex', 'Nederland']
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import tempfile
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from kg.document import Document
from kg.errors import ConfigError
from kg.extraction import Extraction

#: An extractor: a batch of documents in, their extractions out (same order).
Extractor = Callable[[list[Document]], list[Extraction]]

#: Documents per task sent to a worker: big enough to amortise pickling, small
#: enough that a batch splits evenly over the workers.
CHUNK = 16

#: Files per task when the workers read them too: small, so that loading in the
#: calling process follows the workers closely and the last chunk ends soon.
FILES_PER_TASK = 8

#: Tasks in flight per worker while streaming: enough to keep every worker busy
#: while the calling process loads, few enough to bound memory.
AHEAD_PER_WORKER = 3


def default_workers() -> int:
    """The number of cores this process may use (at least 1).

    >>> default_workers() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def batch_size_for(workers: int) -> int:
    """Documents :func:`kg.graph.build.build` should hand an extractor at a time.

    >>> batch_size_for(1), batch_size_for(4)
    (64, 256)
    """
    return 64 * max(1, workers)


def extract_chunk(documents: list[Document]) -> list[Extraction]:
    """Extract a chunk of documents in this process (the task a worker runs).

    >>> extract_chunk([Document(id="d", source="d.txt", text="Nederland.")])[0].entities[0].label
    'Nederland'
    """
    from kg.nlp.extract import extract_many

    return list(extract_many(documents))


@dataclass
class Produced:
    """What a worker made of one file: a document and its extraction, or why not."""

    source: str
    document: Document | None = None
    #: None when the document is up to date (or failed); the caller then skips it
    extraction: Extraction | None = None
    #: the document's graph as N-Quads (:func:`kg.graph.rdf.extraction_quads`), made by the
    #: worker so the caller need not map; then ``extraction`` is not sent back
    nquads: bytes | None = None
    failure: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: :func:`kg.graph.same_letter.text_fingerprint` of a document sent without its text
    fingerprint: str | None = None


_SKIP_CACHE: dict[str, frozenset[str]] = {}


def _up_to_date(skip_file: str | None) -> frozenset[str]:
    """The keys of up-to-date documents, read once per build in each worker."""
    if not skip_file:
        return frozenset()
    if skip_file not in _SKIP_CACHE:
        _SKIP_CACHE.clear()
        with open(skip_file, encoding="utf-8") as fh:
            _SKIP_CACHE[skip_file] = frozenset(fh.read().split("\n"))
    return _SKIP_CACHE[skip_file]


def skip_key(doc_id: str, content_hash: str) -> str:
    """How an up-to-date document is named to the workers: its IRI and content hash.

    >>> skip_key("d1", "ab")
    'https://w3id.org/kg-eu/doc/d1 ab'
    """
    from kg.iri import document_iri

    return f"{document_iri(doc_id)} {content_hash}"


def ingest_and_extract(
    paths: list[str],
    skip_file: str | None,
    max_bytes: int | None,
    max_chars: int,
    ruleset: str | None = None,
) -> list[Produced]:
    """Read, normalise and extract files in this process (the task a streaming worker runs).

    A document whose key (:func:`skip_key`) is listed in ``skip_file`` is
    returned without an extraction; one over ``max_chars`` characters, a file
    that cannot be read and a failed extraction come back as failures, with
    the same lines as a single-process build gives. Given the build's
    ``ruleset`` hash, each extraction is mapped to its graph here and sent
    back as N-Quads instead (mapping is a good part of a build's work).

    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "brief.txt"
    >>> _ = f.write_text("Nederland steunt Frontex.", encoding="utf-8")
    >>> [e.label for e in ingest_and_extract([str(f)], None, None, 1000)[0].extraction.entities]
    ['Nederland', 'Frontex']
    """
    from kg.ingest import IngestWarning, iter_documents, too_long

    skip = _up_to_date(skip_file)
    out: list[Produced] = []
    todo: list[Produced] = []
    limits: dict[str, int] = {"max_chars": max_chars}  # checked before normalising
    if max_bytes is not None:
        limits["max_bytes"] = max_bytes
    for path in paths:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", IngestWarning)
            items = list(iter_documents([path], **limits))
        said = [str(w.message) for w in caught if issubclass(w.category, IngestWarning)]
        for item in items:
            if not isinstance(item, Document):
                out.append(Produced(str(item.path), failure=item.error.problem, warnings=said))
            elif len(item.text) > max_chars:
                out.append(Produced(item.source, failure=too_long(len(item.text), max_chars)))
            else:
                produced = Produced(item.source, document=item, warnings=said)
                out.append(produced)
                if skip_key(item.id, item.content_hash) not in skip:
                    todo.append(produced)
    _extract_into(todo)
    if ruleset is not None:
        _map_into(todo, ruleset)
    return out


def _map_into(todo: list[Produced], ruleset: str) -> None:
    """Replace each extraction by its graph in N-Quads (a mapping failure is a failure)."""
    import pyoxigraph as ox

    from kg.graph.rdf import extraction_quads
    from kg.graph.same_letter import text_fingerprint

    for produced in todo:
        if produced.extraction is None:
            continue
        try:
            quads = extraction_quads(produced.extraction, ruleset)
        except (ValueError, TypeError) as err:
            produced.failure = f"mapping failed: {err}"
            produced.document = None
        else:
            produced.nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
            # The caller needs only who the document is, not its text: less to send.
            doc = produced.document
            assert doc is not None
            produced.fingerprint = text_fingerprint(doc.text)
            produced.document = Document(
                id=doc.id, source=doc.source, text="", content_hash=doc.content_hash
            )
        produced.extraction = None


def _extract_into(todo: list[Produced]) -> None:
    """Extract the documents of ``todo`` together; on an error, one by one to isolate it."""
    documents = [p.document for p in todo if p.document is not None]
    try:
        results: list[Extraction] | None = extract_chunk(documents)
    except Exception:  # one bad document spoils the chunk: find it below
        results = None
    if results is not None:
        for produced, extraction in zip(todo, results, strict=True):
            produced.extraction = extraction
        return
    for produced in todo:
        try:
            produced.extraction = extract_chunk([produced.document])[0]  # type: ignore[list-item]
        except Exception as err:
            produced.failure = f"extraction failed: {err}"
            produced.document = None


class ProcessExtractor:
    """The extractor of a process pool; it can also take file names (:meth:`stream`)."""

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self.pool = pool
        self.workers = workers

    def __call__(self, documents: list[Document]) -> list[Extraction]:
        if len(documents) <= 1:
            return extract_chunk(documents) if documents else []
        out: list[Extraction] = []
        for part in self.pool.map(extract_chunk, _chunks(documents, self.workers)):
            out.extend(part)
        return out

    def stream(
        self,
        files: Iterable[str],
        up_to_date: Iterable[str] = (),
        *,
        max_bytes: int | None = None,
        max_chars: int = 1_000_000,
        ruleset: str | None = None,
    ) -> Iterator[Produced]:
        """Ingest and extract ``files`` on the workers; yield the results in file order.

        While the caller handles one result (loading it into the store), the
        workers go on with the next chunks. ``up_to_date`` holds the
        :func:`skip_key` of documents the store has already; with ``ruleset``
        the workers map the documents too (see :func:`ingest_and_extract`).
        """
        skip_file = _write_skip_file(up_to_date)
        pending: deque[Future[list[Produced]]] = deque()
        limit = AHEAD_PER_WORKER * self.workers
        try:
            for chunk in _file_chunks(files, FILES_PER_TASK):
                pending.append(
                    self.pool.submit(
                        ingest_and_extract, chunk, skip_file, max_bytes, max_chars, ruleset
                    )
                )
                if len(pending) >= limit:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
            if skip_file:
                with contextlib.suppress(OSError):
                    os.unlink(skip_file)


def _write_skip_file(keys: Iterable[str]) -> str | None:
    """Up-to-date keys go to the workers once, in a file, not with every task."""
    text = "\n".join(keys)
    if not text:
        return None
    fd, name = tempfile.mkstemp(prefix="kg-up-to-date-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    return name


def _file_chunks(files: Iterable[str], size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    for name in files:
        chunk.append(name)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _warm_up() -> None:
    """Build the Dutch pipeline when a worker starts, not on its first task."""
    from kg.nlp.pipeline import get_pipeline

    get_pipeline("nl")


def _chunks(documents: list[Document], parts: int) -> list[list[Document]]:
    size = max(1, min(CHUNK, -(-len(documents) // max(1, parts))))
    return [documents[i : i + size] for i in range(0, len(documents), size)]


@contextlib.contextmanager
def process_extractor(workers: int | None = None) -> Iterator[Extractor]:
    """An extractor running on ``workers`` processes (default: all cores), for one build.

    The pool starts with spawned (not forked) processes, so an open store or
    thread in the parent is never copied into a worker; it is shut down when
    the ``with`` block ends. ``workers=1`` extracts in this process.
    """
    n = default_workers() if workers is None else workers
    if n < 1:
        raise ConfigError(f"--workers must be at least 1, not {n}")
    if n == 1:
        yield extract_chunk
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n, mp_context=context, initializer=_warm_up) as pool:
        yield ProcessExtractor(pool, n)


@contextlib.contextmanager
def dask_extractor(
    scheduler: str | None = None, *, workers: int | None = None
) -> Iterator[Extractor]:
    """An extractor running on Dask distributed, for one build.

    ``scheduler`` is a scheduler address (``tcp://host:8786``); without one a
    ``LocalCluster`` of ``workers`` single-threaded worker processes (default:
    all cores) is started and closed with the ``with`` block.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:  # pragma: no cover - dask[distributed] is a dependency
        raise ConfigError(f"Dask distributed is not installed: {err}") from err
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
            except (OSError, TimeoutError) as err:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {scheduler}: {err}; "
                    "start one with: dask scheduler (and dask worker ADDRESS on each machine)"
                ) from err
        else:
            n = default_workers() if workers is None else max(1, workers)
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=n,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=40,
                )
            )
            client = stack.enter_context(Client(cluster))
        try:
            client.run(_warm_up)
        except Exception as err:  # e.g. a worker without the kg package
            raise ConfigError(
                f"the Dask workers cannot run kg's extraction ({type(err).__name__}: {err}); "
                "install the same kg version on every worker"
            ) from err
        parts = max(1, sum(_threads(client).values()))

        def run(documents: list[Document]) -> list[Extraction]:
            if not documents:
                return []
            chunks = _chunks(documents, parts)
            futures = client.map(extract_chunk, chunks, pure=False)
            out: list[Extraction] = []
            for part in client.gather(futures):
                out.extend(part)
            return out

        yield run


@dataclass(frozen=True)
class OpenExtractor:
    """What ``kg build`` hands :func:`kg.graph.build.build`: ``extractor=run, batch_size=...``."""

    run: Extractor | None
    batch_size: int
    where: str


@contextlib.contextmanager
def open_extractor(
    workers: int = 1, *, dask: bool = False, scheduler: str | None = None
) -> Iterator[OpenExtractor]:
    """The extractor a build asked for: in process, on ``workers`` cores, or on Dask.

    ``workers=0`` means all cores. With ``dask`` (or a ``scheduler`` address)
    extraction runs on Dask distributed; ``workers`` then sizes the
    LocalCluster. ``run`` is None for a plain single-process build.

    >>> with open_extractor(1) as ex:
    ...     ex.run is None, ex.batch_size, ex.where
    (True, 64, 'in process')
    """
    if workers < 0:
        raise ConfigError(f"--workers must be 0 (all cores) or more, not {workers}")
    n = workers or default_workers()
    if dask or scheduler:
        with dask_extractor(scheduler, workers=n if workers else None) as run:
            where = f"Dask scheduler {scheduler}" if scheduler else "a Dask LocalCluster"
            yield OpenExtractor(run, batch_size_for(max(n, 4)), where)
        return
    if n == 1:
        yield OpenExtractor(None, batch_size_for(1), "in process")
        return
    with process_extractor(n) as run:
        yield OpenExtractor(run, batch_size_for(n), f"{n} processes")


def _threads(client: Any) -> dict[str, int]:
    try:
        return dict(client.nthreads())
    except Exception:  # pragma: no cover - an old or odd scheduler
        return {"?": 1}
