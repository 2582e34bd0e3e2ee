"""Queries run in worker processes, so a query past its deadline can be killed.

pyoxigraph cannot cancel a running query, so each query runs in one of a few
worker processes that hold the store open read-only; one that overruns its
deadline is killed and replaced. Updates (only when the endpoint allows them)
run in a short-lived process of their own that opens the store for writing:
killed half-way, its transaction is simply never committed.

>>> import tempfile, pyoxigraph
>>> from kg.serve.results import RESULT_FORMATS, GRAPH_FORMATS
>>> folder = tempfile.mkdtemp()
>>> store = pyoxigraph.Store(folder)
>>> store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://ex.org/a"),
...     pyoxigraph.NamedNode("http://ex.org/p"), pyoxigraph.Literal("1"), pyoxigraph.NamedNode("http://ex.org/g")))
>>> store.flush(); del store
>>> with QueryPool(folder, workers=1) as pool:
...     reply = pool.run(QueryJob("SELECT ?s { ?s ?p ?o }", RESULT_FORMATS["csv"], GRAPH_FORMATS["turtle"]))
>>> reply.status, reply.body
(200, b's\\r\\nhttp://ex.org/a\\r\\n')
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from kg.graph.snapshot import Snapshot
from kg.serve.results import (
    OutputFormat,
    write_boolean,
    write_solutions,
    write_triples,
)

#: Start workers without fork: the parent is a threaded server.
_CTX = multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class QueryJob:
    """One query and how to answer it."""

    query: str
    result_format: OutputFormat | None
    graph_format: OutputFormat | None
    row_limit: int = 10_000
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    timeout: float = 30.0

    @property
    def names_dataset(self) -> bool:
        """True when the request gave ``default-graph-uri`` or ``named-graph-uri``."""
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True)
class DatasetJob:
    """Ask a worker for the store's named graphs and triple count (the service description)."""

    timeout: float = 30.0


@dataclass
class Reply:
    """What the HTTP layer sends back: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    #: The worker that sent it should be replaced (it ran out of memory).
    retire: bool = False

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        """A plain-text error reply.

        >>> Reply.error(400, "bad query").body
        b'bad query\\n'
        """
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


class _Deadline(Exception):
    pass


def dataset_arguments(job: QueryJob, query_has_dataset: bool) -> dict[str, object]:
    """pyoxigraph's dataset arguments for a job, as the SPARQL 1.1 Protocol orders them.

    The protocol's ``default-graph-uri`` / ``named-graph-uri`` win over the
    query's FROM / FROM NAMED, and when either is given the dataset holds
    exactly those graphs (one that does not exist is empty). Else a query's
    own FROM decides; else the default graph is the union of the named graphs.

    >>> dataset_arguments(QueryJob("", None, None), False)
    {'use_default_graph_as_union': True}
    >>> args = dataset_arguments(QueryJob("", None, None, named_graphs=("http://ex.org/g",)), False)
    >>> args["default_graph"], [g.value for g in args["named_graphs"]]
    ([], ['http://ex.org/g'])
    >>> dataset_arguments(QueryJob("", None, None), True)
    {}
    """
    import pyoxigraph as ox

    if job.names_dataset:
        return {
            "default_graph": [ox.NamedNode(g) for g in job.default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs],
        }
    if query_has_dataset:
        return {}
    return {"use_default_graph_as_union": True}


def execute_query(store: object, job: QueryJob) -> Reply:
    """Run ``job`` on a pyoxigraph store and write its results, within limits.

    The dataset is chosen by :func:`dataset_arguments`.
    """
    import pyoxigraph as ox

    from kg.serve.text import has_dataset_clause

    deadline = time.monotonic() + job.timeout
    try:
        kwargs = dataset_arguments(job, has_dataset_clause(job.query))
    except ValueError as err:  # a graph name that is no IRI
        return Reply.error(400, f"bad graph IRI in default-graph-uri or named-graph-uri: {err}")
    try:
        result = store.query(job.query, **kwargs)  # type: ignore[attr-defined]
        headers: dict[str, str] = {}
        if isinstance(result, ox.QueryBoolean):
            if job.result_format is None:
                return _not_acceptable("an ASK result")
            fmt = job.result_format
            return Reply(200, _ctype(fmt), write_boolean(bool(result), fmt))
        if isinstance(result, ox.QuerySolutions):
            if job.result_format is None:
                return _not_acceptable("SELECT results")
            variables = list(result.variables)
            rows = []
            for n, solution in enumerate(result):
                if n >= job.row_limit:
                    headers["X-KG-Result-Truncated"] = f"limit {job.row_limit} rows"
                    break
                if n % 256 == 0 and time.monotonic() > deadline:
                    raise _Deadline
                rows.append([solution[v] for v in variables])
            fmt = job.result_format
            return Reply(200, _ctype(fmt), write_solutions(variables, rows, fmt), headers)
        if job.graph_format is None:
            return _not_acceptable("a graph (CONSTRUCT/DESCRIBE)")
        triples = []
        for n, triple in enumerate(result):
            if n >= job.row_limit:
                headers["X-KG-Result-Truncated"] = f"limit {job.row_limit} triples"
                break
            if n % 256 == 0 and time.monotonic() > deadline:
                raise _Deadline
            triples.append(triple)
        fmt = job.graph_format
        return Reply(200, _ctype(fmt), write_triples(triples, fmt), headers)
    except _Deadline:
        return timeout_reply(job.timeout)
    except SyntaxError as err:
        return Reply.error(400, syntax_message(err, job.query))
    except (ValueError, TypeError, RuntimeError) as err:
        # e.g. a type error in the query, or a SERVICE whose endpoint variable is unbound
        return Reply.error(400, f"query failed: {err}")


def _ctype(fmt: OutputFormat) -> str:
    return f"{fmt.media_type}; charset=utf-8"


def _not_acceptable(what: str) -> Reply:
    return Reply.error(406, f"none of the formats in the Accept header can hold {what}")


def syntax_message(err: SyntaxError, query: str) -> str:
    """The answer to a query that does not parse: one line a person can act on
    (:func:`kg.messages.syntax_message`: an unknown prefix with its PREFIX line,
    an update refused as read-only, the place of a syntax error).

    >>> syntax_message(SyntaxError("error at 1:20: x"), "SELECT * { ?s foaf:name ?o }")
    'unknown prefix foaf: (in foaf:name); declare it first: PREFIX foaf: <http://xmlns.com/foaf/0.1/>'
    """
    from kg import messages

    return messages.syntax_message(query, err, known=messages.COMMON_PREFIXES)


def memory_reply(limit: int | None) -> Reply:
    """The reply for a query that hit the worker's memory cap (the worker is replaced).

    >>> memory_reply(512 * 2**20).body.decode().strip()
    'query stopped: it needed more than the 512 MB of memory a query may use (kg serve --max-memory); narrow it down, e.g. with LIMIT or fewer joins'
    """
    size = f"the {limit // 2**20:,} MB of memory" if limit else "the memory"
    reply = Reply.error(
        503,
        f"query stopped: it needed more than {size} a query may use (kg serve --max-memory); "
        "narrow it down, e.g. with LIMIT or fewer joins",
    )
    reply.retire = True
    return reply


def limit_memory(max_bytes: int | None) -> None:
    """Cap this process's address space (RLIMIT_AS): past it allocations fail.

    Only for worker processes. A failed allocation in Oxigraph aborts the
    process, one in Python raises MemoryError; either way the pool answers
    with :func:`memory_reply` and starts a fresh worker.
    """
    if max_bytes:
        _few_malloc_arenas()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _few_malloc_arenas() -> None:
    """Let glibc keep at most two malloc arenas in this process.

    RLIMIT_AS counts reserved address space, not memory in use, and glibc
    reserves 64 MB for each thread's arena (up to 16 on two cores): an idle
    worker's address space swung between 0.4 and 0.7 GB with the store open,
    so a small cap failed queries that needed almost nothing.
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_ARENA_MAX, 2)


_M_ARENA_MAX = -8  # glibc's malloc.h


def describe_dataset(store: object) -> Reply:
    """The store's named graphs and its number of quads, as JSON (for the service description)."""
    graphs = sorted(g.value for g in store.named_graphs() if hasattr(g, "value"))  # type: ignore[attr-defined]
    body = json.dumps({"graphs": graphs, "triples": len(store)}).encode()  # type: ignore[arg-type]
    return Reply(200, "application/json", body)


def timeout_reply(seconds: float) -> Reply:
    """The reply for a query stopped at its deadline.

    >>> timeout_reply(2).status
    503
    """
    return Reply.error(503, f"query stopped: it ran longer than the {seconds:g} s time limit")


def open_snapshot(path: str, wait: float) -> Snapshot | None:
    """The latest snapshot a build published (:func:`kg.graph.snapshot.open_latest`), read-only.

    Builds publish a snapshot when they finish, so a worker never waits for
    one and never sees one half-way. None when the store cannot be opened
    (e.g. it is being created and has nothing to read within ``wait`` s).
    """
    from kg.errors import StoreError
    from kg.graph.snapshot import open_latest

    try:
        return open_latest(path, wait=wait)
    except StoreError:
        return None


def isolate_network() -> bool:
    """Move this process into an empty network namespace, where no connection can be made.

    A second wall behind :func:`kg.serve.endpoint.check_operation`: even a SERVICE or
    LOAD the check missed cannot reach anything. Works as root or where user
    namespaces are allowed; False (and nothing changed) elsewhere. Only for
    worker processes: the pipe to the parent keeps working, sockets do not.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return True
    return False


_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def _worker_main(conn: Connection, path: str, refresh: float, max_memory: int | None) -> None:
    """Loop: receive (generation, job), answer with a Reply. Runs in a child process."""
    isolated = isolate_network()
    limit_memory(max_memory)
    _quiet_stderr()
    conn.send(("hello", isolated))
    store = None
    opened = 0.0
    opened_generation = -1
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        generation, job = message
        # A read-only store sees the data as it was when opened: reopen after our own
        # updates (generation) and every `refresh` seconds to see other writers' builds;
        # while a build holds the lock, keep answering from the snapshot we have.
        if store is None or generation != opened_generation or time.monotonic() - opened > refresh:
            fresh = open_snapshot(path, wait=job.timeout if store is None else 0.0)
            if fresh is not None:
                store, opened, opened_generation = fresh, time.monotonic(), generation
        if store is None:
            conn.send(Reply.error(503, "the store is being rebuilt; try again in a moment"))
            continue
        try:
            reply = _answer(store.store, job)
        except OSError:
            # A store without snapshots (older kg) read directly may lose files: reopen once.
            fresh = open_snapshot(path, wait=job.timeout)
            try:
                if fresh is None:
                    raise OSError("the store cannot be opened")
                store, opened = fresh, time.monotonic()
                reply = _answer(store.store, job)
            except OSError as err:
                reply = Reply.error(503, f"store read failed: {err}")
        except MemoryError:
            reply = memory_reply(max_memory)
        except Exception as err:  # never let one query take the worker down
            reply = Reply.error(500, f"query failed: {type(err).__name__}: {err}")
        conn.send(reply)
        if reply.retire:
            return  # its heap may be fragmented at the cap: the pool starts a fresh one


def _quiet_stderr() -> None:
    """Send this worker's stderr to /dev/null: every failure is answered in its reply.

    Oxigraph's "memory allocation of N bytes failed" and backtrace would
    otherwise land in the terminal of ``kg serve`` each time a query hits the cap.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _answer(store: object, job: QueryJob | DatasetJob) -> Reply:
    if isinstance(job, DatasetJob):
        return describe_dataset(store)
    return execute_query(store, job)


def _update_main(
    conn: Connection, path: str, update: str, timeout: float, max_memory: int | None
) -> None:
    isolate_network()
    limit_memory(max_memory)
    from kg.errors import StoreError
    from kg.graph.store import KnowledgeGraph

    try:
        # Through KnowledgeGraph: it takes the writer's lock, so an update waits for a build.
        graph = KnowledgeGraph(path, lock_timeout=timeout, load_ontology=False)
        try:
            graph.update(update)
        finally:
            graph.close()
        conn.send(Reply(204, "text/plain", b""))
    except StoreError as err:
        conn.send(Reply.error(503, f"cannot write the store now: {err}"))
    except SyntaxError as err:
        conn.send(Reply.error(400, f"update syntax error: {err}"))
    except OSError as err:
        conn.send(Reply.error(503, f"cannot write the store now: {err}"))
    except Exception as err:  # report any update failure to the client, never hang
        conn.send(Reply.error(400, f"update failed: {err}"))


class _Worker:
    def __init__(self, path: str, refresh: float, max_memory: int | None) -> None:
        self.conn, child = _CTX.Pipe()
        self.process = _CTX.Process(
            target=_worker_main,
            args=(child, path, refresh, max_memory),
            daemon=True,
            name="kg-query",
        )
        self.process.start()
        child.close()
        self.isolated: bool | None = None

    def started(self, timeout: float) -> bool:
        """Wait for the worker's hello (it says whether its network is cut off)."""
        if self.isolated is None:
            if not self.conn.poll(timeout):
                return False
            _, self.isolated = self.conn.recv()
        return True

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def ran_out_of_memory(self) -> bool:
        """True when the process died as a failed allocation ends it (abort, or the OOM killer)."""
        self.process.join(2)
        return self.process.exitcode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV)

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        else:
            self.conn.close()


class QueryPool:
    """A few worker processes answering queries on a store folder, each with a deadline.

    Use as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        workers: int = 2,
        refresh: float = 5.0,
        max_memory: int | None = None,
    ) -> None:
        self.path = str(path)
        self.refresh = refresh
        self.max_memory = max_memory
        self.generation = 0
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._update_lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, workers)):
            self._add_worker()

    def _add_worker(self) -> None:
        worker = _Worker(self.path, self.refresh, self.max_memory)
        with self._lock:
            self._all.add(worker)
        self._idle.put(worker)

    def run(self, job: QueryJob | DatasetJob) -> Reply:
        """Answer ``job``; a 503 reply when it overruns ``job.timeout`` or the memory cap.

        A worker past its deadline is killed; one that ran out of memory is
        gone already. Either way a fresh one takes its place.
        """
        try:
            worker = self._idle.get(timeout=job.timeout)
        except queue.Empty:
            return Reply.error(503, "all query workers are busy; try again later")
        try:
            if not worker.started(max(30.0, job.timeout)):
                raise OSError("the query worker did not start")
            worker.conn.send((self.generation, job))
            # A little grace beyond the deadline: the worker's own check answers first.
            if worker.conn.poll(job.timeout + 0.5):
                reply = worker.conn.recv()
                if reply.retire:
                    self._replace(worker)
                else:
                    self._idle.put(worker)
                return reply
        except (EOFError, OSError):
            out_of_memory = worker.ran_out_of_memory()
            self._replace(worker)
            if out_of_memory:
                return memory_reply(self.max_memory)
            return Reply.error(500, "the query worker died; try again")
        self._replace(worker)
        return timeout_reply(job.timeout)

    @property
    def network_isolated(self) -> bool:
        """True when the query workers run without any network (see :func:`isolate_network`)."""
        worker = self._idle.get()
        try:
            return bool(worker.started(30.0) and worker.isolated)
        finally:
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
        if not self._closed:
            self._add_worker()

    def run_update(self, update: str, timeout: float) -> Reply:
        """Apply a SPARQL Update in a process of its own; workers then see the new data."""
        with self._update_lock:
            parent, child = _CTX.Pipe()
            proc = _CTX.Process(
                target=_update_main,
                args=(child, self.path, update, timeout / 2, self.max_memory),
                daemon=True,
            )
            proc.start()
            child.close()
            try:
                if parent.poll(timeout):
                    reply = parent.recv()
                else:
                    proc.kill()
                    reply = Reply.error(
                        503, f"update stopped: it ran longer than {timeout:g} s; nothing changed"
                    )
            except EOFError:
                reply = Reply.error(500, "the update process died; nothing changed")
            proc.join(5)
            parent.close()
            self.generation += 1
            return reply

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
