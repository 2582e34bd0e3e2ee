"""Extraction on all cores (a process pool) or on a Dask cluster, for :func:`kg.build.build`.

Both are *extractors*: callables that turn a batch of documents into their
extractions, in order, which :func:`kg.build.build` takes as ``extractor=``.
Ingestion, the up-to-date check and loading into the store stay in the
calling process, so a parallel build writes exactly what a single-process
build writes; only the recognition work moves.

- :func:`process_extractor` starts ``workers`` processes once; each builds its
  spaCy pipelines once (:func:`kg.nlp.pipeline.get_pipeline` is cached per
  process) and runs ``nlp.pipe`` over chunks of documents. Documents stream
  through in batches, so memory does not grow with the corpus.
- :func:`dask_extractor` sends the chunks to a Dask distributed cluster: a
  ``LocalCluster`` when no scheduler address is given, else the scheduler at
  that address (its workers need the ``kg`` package installed, same version).

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
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from kg.document import Document
from kg.errors import ConfigError
from kg.extraction import Extraction

#: An extractor: a batch of documents in, their extractions out (same order).
Extractor = Callable[[list[Document]], list[Extraction]]

#: Documents per task sent to a worker: big enough to amortise pickling, small
#: enough that a batch splits evenly over the workers.
CHUNK = 16


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
    """Documents :func:`kg.build.build` should hand an extractor at a time.

    >>> batch_size_for(1), batch_size_for(4)
    (64, 256)
    """
    return 64 * max(1, workers)


def extract_chunk(documents: list[Document]) -> list[Extraction]:
    """Extract a chunk of documents in this process (the task a worker runs).

    >>> extract_chunk([Document(id="d", source="d.txt", text="Nederland.")])[0].entities[0].label
    'Nederland'
    """
    from kg.extract import extract_many

    return list(extract_many(documents))


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

        def run(documents: list[Document]) -> list[Extraction]:
            if len(documents) <= 1:
                return extract_chunk(documents) if documents else []
            out: list[Extraction] = []
            for part in pool.map(extract_chunk, _chunks(documents, n)):
                out.extend(part)
            return out

        yield run


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
    """What ``kg build`` hands :func:`kg.build.build`: ``extractor=run, batch_size=...``."""

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
