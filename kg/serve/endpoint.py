"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store folder.

Queries run over the union of the named graphs (one per document) in worker
processes with a deadline (see :mod:`kg.serve.worker`); results are negotiated
(:mod:`kg.serve.results`). The endpoint never reaches out: SERVICE and LOAD
are refused before a query runs, and the workers run without a network
(:func:`kg.serve.worker.isolate_network`) in case one slips through. Updates are refused unless the server was
started with ``allow_update`` and the request carries the bearer token. It
binds 127.0.0.1 unless told otherwise (:func:`exposure_warning` says when it
does not), answers only Host names that point to a loopback address while
bound to one, refuses requests a browser sends from another origin unless
``cors_origin`` allows it (:func:`cross_origin_refusal`), and caps request
size, run time, memory per query worker and result rows. The endpoint URL
without a query answers with a SPARQL 1.1 Service Description
(:mod:`kg.serve.description`).

>>> check_operation("SELECT * { ?s ?p ?o }", update=False)
>>> check_operation("select * { service <http://evil.example/sparql> { ?s ?p ?o } }", update=False)
Traceback (most recent call last):
...
kg.errors.ForbiddenOperationError: SERVICE is refused: this endpoint never fetches from other servers
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.config import queries_dir
from kg.errors import ConfigError, ForbiddenOperationError, KGError, StoreError
from kg.serve.results import GRAPH_FORMATS, RESULT_FORMATS, format_by_name, negotiate
from kg.serve.text import check_operation
from kg.serve.worker import DatasetJob, QueryJob, QueryPool, Reply

_MB = 2**20


#: An idle worker with the store open already reserves about 0.3 GB of address space.
MIN_MAX_MEMORY = 512 * _MB


def default_max_memory() -> int:
    """Bytes of address space one query worker may use: an eighth of the machine, 1-4 GB.

    >>> 2**30 <= default_max_memory() <= 4 * 2**30
    True
    """
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not POSIX
        total = 8 * 2**30
    return max(2**30, min(4 * 2**30, total // 8))


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes from a size as people write it: ``2G``, ``1500M``, ``512MB``; a bare number is MB.

    >>> parse_size("2G"), parse_size("1500m"), parse_size("512")
    (2147483648, 1572864000, 536870912)
    >>> parse_size("lots")
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: cannot read 'lots' as a size: write e.g. 2G or 1500M
    """
    match = _SIZE.match(text)
    if not match:
        raise ConfigError(f"cannot read {text!r} as a size: write e.g. 2G or 1500M")
    unit = match.group(2).lower() or "m"
    return int(float(match.group(1)) * 1024 ** "bkmgt".index(unit))


@dataclass(frozen=True)
class EndpointSettings:
    """How the endpoint runs; every limit has a safe default.

    >>> EndpointSettings().host
    '127.0.0.1'
    """

    host: str = "127.0.0.1"
    port: int = 7878
    allow_update: bool = False
    token: str | None = None
    cors_origin: str | None = None
    max_request_bytes: int = 1_000_000
    timeout: float = 30.0
    row_limit: int = 10_000
    workers: int = 2
    refresh: float = 5.0
    quiet: bool = False
    #: Address space each query worker may use (bytes); past it the query is stopped.
    max_memory: int = field(default_factory=default_max_memory)

    def validate(self) -> None:
        """Refuse settings that would open the endpoint by accident.

        >>> EndpointSettings(allow_update=True).validate()
        Traceback (most recent call last):
        ...
        kg.errors.ConfigError: --allow-update needs a bearer token: pass --token or set KG_SERVE_TOKEN
        """
        if self.allow_update and not self.token:
            raise ConfigError(
                "--allow-update needs a bearer token: pass --token or set KG_SERVE_TOKEN"
            )
        if self.token is not None and len(self.token) < 16:
            raise ConfigError("the bearer token must be at least 16 characters long")
        for name in ("max_request_bytes", "timeout", "row_limit", "workers"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{name.replace('_', '-')} must be positive")
        if self.max_memory < MIN_MAX_MEMORY:
            raise ConfigError(
                f"--max-memory {self.max_memory // _MB} MB is too small for a query worker; "
                f"give at least {MIN_MAX_MEMORY // _MB}M"
            )
        if self.cors_origin is not None and not _ORIGIN.match(self.cors_origin):
            raise ConfigError(
                f"--cors {self.cors_origin!r} is not an origin: write it as "
                "scheme://host[:port], e.g. https://app.example, or * for any"
            )


_ORIGIN = re.compile(r"^(\*|https?://[^/\s?#]+)$")


def exposure_warning(host: str, port: int) -> str | None:
    """A warning when the endpoint listens on more than this machine's loopback.

    >>> exposure_warning("127.0.0.1", 7878) is None
    True
    >>> print(exposure_warning("0.0.0.0", 7878))
    warning: listening on 0.0.0.0 (every network interface): anyone who can reach this machine on port 7878 can read the whole graph; bind 127.0.0.1 unless that is what you want
    """
    if _is_loopback(host):
        return None
    where = "every network interface" if host in ("0.0.0.0", "::", "") else "a network address"
    return (
        f"warning: listening on {host or '0.0.0.0'} ({where}): anyone who can reach this "
        f"machine on port {port} can read the whole graph; bind 127.0.0.1 unless that is "
        "what you want"
    )


def cross_origin_refusal(
    origin: str | None, fetch_site: str | None, own_origin: str, allowed: str | None
) -> str | None:
    """Why a browser request from another web page is refused, or None to let it through.

    A page on another site can make the browser send GETs and form POSTs to a
    local endpoint. Browsers say where a request comes from: ``Origin`` (on
    POSTs and CORS requests) and ``Sec-Fetch-Site`` (on every request of a
    current browser). Requests without either (curl, rdflib, scripts) are not
    from a web page and pass; so do the endpoint's own page (same origin), a
    URL typed or bookmarked (``Sec-Fetch-Site: none``) and the ``--cors``
    origin (``*`` allows any).

    >>> cross_origin_refusal(None, None, "http://127.0.0.1:7878", None) is None
    True
    >>> cross_origin_refusal("http://127.0.0.1:7878", "same-origin", "http://127.0.0.1:7878", None) is None
    True
    >>> cross_origin_refusal("http://evil.example", "cross-site", "http://127.0.0.1:7878", None)
    'cross-origin request from http://evil.example refused: use the query page of this endpoint, or start kg serve with --cors http://evil.example'
    >>> cross_origin_refusal("https://app.example", "cross-site", "http://127.0.0.1:7878", "https://app.example") is None
    True
    """
    if origin is not None:
        origin = origin.strip().rstrip("/").lower()
        if origin == own_origin.lower():
            return None
        if allowed and (allowed == "*" or origin == allowed.rstrip("/").lower()):
            return None
        source = origin
    elif (
        fetch_site is None
        or fetch_site.strip().lower() in ("same-origin", "none")
        or allowed == "*"
    ):
        return None
    else:
        source = f"another site (Sec-Fetch-Site: {fetch_site.strip()})"
    fix = f"--cors {origin}" if origin and origin != "null" else "--cors ORIGIN"
    return (
        f"cross-origin request from {source} refused: use the query page of this "
        f"endpoint, or start kg serve with {fix}"
    )


# --- the page's shipped queries -------------------------------------------------


def shipped_queries(folder: Path | None = None) -> list[dict[str, Any]]:
    """The shipped queries (queries/*.rq) for the page: name, question, parameters, text.

    The header is read by :func:`kg.graph.query.parse_header`; on the page and over
    the protocol the parameters stay unbound, so each query answers for all.

    >>> [q["name"] for q in shipped_queries()] == sorted(p.stem for p in queries_dir().glob("*.rq"))
    True
    """
    from kg.graph.query import parse_header

    try:
        folder = folder or queries_dir()
    except ConfigError:
        return []
    out = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        try:
            title, params = parse_header(text)
        except KGError:
            title, params = "", []
        out.append(
            {
                "name": path.stem,
                "title": title or path.stem,
                "params": [
                    {"name": p.name, "kind": p.kind, "description": p.description} for p in params
                ],
                "query": text,
            }
        )
    return out


# --- HTTP ------------------------------------------------------------------------

_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]", "localhost.localdomain"}


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host in _LOOPBACK_NAMES


class EndpointServer(ThreadingHTTPServer):
    """The HTTP server: holds the settings and the query pool."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, store_path: Path, settings: EndpointSettings) -> None:
        self.settings = settings
        self.store_path = store_path
        self.loopback_only = _is_loopback(settings.host)
        self.pool = QueryPool(
            store_path,
            workers=settings.workers,
            refresh=settings.refresh,
            max_memory=settings.max_memory,
        )
        try:
            super().__init__((settings.host, settings.port), _Handler)
        except OSError as err:
            self.pool.close()
            raise ConfigError(f"cannot listen on {settings.host}:{settings.port}: {err}") from err

    @property
    def url(self) -> str:
        """The base URL the server answers on.

        The host is bracketed for IPv6 addresses.
        """
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"

    def close(self) -> None:
        """Stop serving and stop the query workers."""
        self.shutdown()
        self.server_close()
        self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: EndpointServer
    server_version = "kg-sparql"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may take to send its request

    # --- plumbing

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if not self.server.settings.quiet:
            super().log_message(format, *args)

    def _send(self, reply: Reply, extra: dict[str, str] | None = None) -> None:
        self.send_response(reply.status)
        headers = {
            "Content-Type": reply.content_type,
            "Content-Length": str(len(reply.body)),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
            **reply.headers,
            **(extra or {}),
        }
        origin = self.server.settings.cors_origin
        if origin and reply.status != 403:
            headers["Access-Control-Allow-Origin"] = origin
            headers["Access-Control-Expose-Headers"] = "X-KG-Result-Truncated"
            headers["Vary"] = "Origin"
        if reply.status >= 400 and reply.status not in (404, 406):
            headers["Connection"] = "close"
            self.close_connection = True
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def _host_allowed(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = self.headers.get("Host", "")
        if not host:
            return True  # HTTP/1.0 without Host: not a browser, so not a rebinding page
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if host.startswith("[") and "]" in host:
            name = host[: host.index("]") + 1]
        return _is_loopback(name)

    def _guard(self) -> bool:
        """Refuse requests for other host names (DNS rebinding) before anything else."""
        if self._host_allowed():
            return True
        self._send(Reply.error(403, "this endpoint only answers requests for localhost"))
        return False

    def _own_url(self) -> str:
        """This server's URL as the client named it (its Host header), else the bound address."""
        host = self.headers.get("Host", "")
        if host and re.fullmatch(r"[A-Za-z0-9.\-]+(:\d+)?|\[[0-9A-Fa-f:.]+\](:\d+)?", host):
            return f"http://{host}/"
        return self.server.url

    def _same_origin_guard(self) -> bool:
        """Refuse requests a browser makes on behalf of another web page (see cross_origin_refusal)."""
        refusal = cross_origin_refusal(
            self.headers.get("Origin"),
            self.headers.get("Sec-Fetch-Site"),
            self._own_url().rstrip("/"),
            self.server.settings.cors_origin,
        )
        if refusal is None:
            return True
        self._send(Reply.error(403, refusal))
        return False

    # --- methods

    def do_OPTIONS(self) -> None:  # noqa: N802
        if not self._guard() or not self._same_origin_guard():
            return
        extra = {"Allow": "GET, POST, OPTIONS"}
        if self.server.settings.cors_origin:
            extra |= {
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization",
                "Access-Control-Max-Age": "600",
            }
        self._send(Reply(204, "text/plain", b""), extra)

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_PUT(self) -> None:  # noqa: N802
        self._send(Reply.error(405, "the endpoint takes GET and POST"), {"Allow": "GET, POST"})

    do_DELETE = do_PUT
    do_PATCH = do_PUT

    def do_GET(self) -> None:  # noqa: N802
        if not self._guard():
            return
        if len(self.path) > self.server.settings.max_request_bytes:
            self._send(Reply.error(414, "request URL too long; POST the query instead"))
            return
        parts = urlsplit(self.path)
        if parts.path in ("/", "/index.html"):
            self._page()
        elif parts.path == "/favicon.ico":
            self._send(Reply(204, "image/x-icon", b""))
        elif parts.path == "/entity":
            from kg.serve.views import entity_reply

            self._send(entity_reply(self.server, parts.query))
        elif parts.path == "/queries":
            body = json.dumps(shipped_queries(), ensure_ascii=False).encode()
            self._send(Reply(200, "application/json; charset=utf-8", body))
        elif parts.path == "/sparql":
            if not self._same_origin_guard():
                return
            params = parse_qs(parts.query, keep_blank_values=True)
            if "update" in params:
                if self.server.settings.allow_update:
                    self._send(Reply.error(405, "send updates with POST"), {"Allow": "POST"})
                else:
                    self._update(params["update"][0])  # answers 403: read-only
            elif "query" in params:
                self._query(params["query"][0], params)
            else:
                self._describe_service()
        else:
            self._send(Reply.error(404, "not found: the endpoint is /sparql, the page is /"))

    def do_POST(self) -> None:  # noqa: N802
        if not self._guard():
            return
        parts = urlsplit(self.path)
        if parts.path != "/sparql":
            self._send(Reply.error(404, "not found: POST queries to /sparql"))
            return
        if not self._same_origin_guard():
            return
        length_header = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding") or length_header is None:
            self._send(Reply.error(411, "a POST needs a Content-Length"))
            return
        try:
            length = int(length_header)
        except ValueError:
            self._send(Reply.error(400, "bad Content-Length"))
            return
        limit = self.server.settings.max_request_bytes
        if length > limit or length < 0:
            self._send(Reply.error(413, f"request body over the {limit}-byte limit"))
            return
        try:
            body = self.rfile.read(length).decode("utf-8")
        except UnicodeDecodeError:
            self._send(Reply.error(400, "the request body is not UTF-8"))
            return
        params = parse_qs(parts.query, keep_blank_values=True)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-query":
            self._query(body, params)
        elif ctype == "application/sparql-update":
            self._update(body)
        elif ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            merged = {**params, **form}
            if "update" in form:
                self._update(form["update"][0])
            elif "query" in form:
                self._query(form["query"][0], merged)
            else:
                self._send(Reply.error(400, "the form has neither query nor update"))
        else:
            self._send(
                Reply.error(
                    415,
                    "send application/sparql-query, application/sparql-update "
                    "or application/x-www-form-urlencoded",
                )
            )

    # --- operations

    def _page(self) -> None:
        from kg.serve.views import page_html

        nonce = secrets.token_urlsafe(16)
        html = page_html(nonce)
        csp = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'"
        )
        self._send(
            Reply(200, "text/html; charset=utf-8", html.encode()),
            {"Content-Security-Policy": csp, "X-Frame-Options": "DENY"},
        )

    def _describe_service(self) -> None:
        """Answer the endpoint URL without a query: its SPARQL 1.1 Service Description."""
        from kg.serve.description import service_description
        from kg.serve.results import write_triples

        settings = self.server.settings
        fmt = negotiate(self.headers.get("Accept"), GRAPH_FORMATS)
        if fmt is None:
            self._send(Reply.error(406, "the service description is offered as RDF only"))
            return
        reply = self.server.pool.run(DatasetJob(timeout=settings.timeout))
        if reply.status != 200:
            self._send(reply)
            return
        dataset = json.loads(reply.body)
        limits = (
            f"read-only unless started with --allow-update; a query may run "
            f"{settings.timeout:g} s and use {settings.max_memory // _MB:,} MB; results hold "
            f"at most {settings.row_limit:,} rows; SERVICE and LOAD are refused"
        )
        triples = service_description(
            self._own_url() + "sparql",
            dataset["graphs"],
            dataset["triples"],
            update=settings.allow_update,
            limits=limits,
        )
        self._send(Reply(200, f"{fmt.media_type}; charset=utf-8", write_triples(triples, fmt)))

    def _query(self, query: str, params: dict[str, list[str]]) -> None:
        settings = self.server.settings
        try:
            check_operation(query, update=False)
        except ForbiddenOperationError as err:
            self._send(Reply.error(403, str(err)))
            return
        if "format" in params:
            wanted = params["format"][0]
            result_fmt = format_by_name(wanted, RESULT_FORMATS)
            graph_fmt = format_by_name(wanted, GRAPH_FORMATS)
            if result_fmt is None and graph_fmt is None:
                self._send(Reply.error(400, f"unknown format {wanted!r}"))
                return
            # A format for one kind of result keeps the default for the other.
            result_fmt = result_fmt or negotiate(None, RESULT_FORMATS)
            graph_fmt = graph_fmt or negotiate(None, GRAPH_FORMATS)
        else:
            accept = self.headers.get("Accept")
            result_fmt = negotiate(accept, RESULT_FORMATS)
            graph_fmt = negotiate(accept, GRAPH_FORMATS)
            if result_fmt is None and graph_fmt is None:
                self._send(Reply.error(406, "none of the formats in the Accept header is offered"))
                return
        job = QueryJob(
            query=query,
            result_format=result_fmt,
            graph_format=graph_fmt,
            row_limit=settings.row_limit,
            default_graphs=tuple(params.get("default-graph-uri", ())),
            named_graphs=tuple(params.get("named-graph-uri", ())),
            timeout=settings.timeout,
        )
        self._send(self.server.pool.run(job))

    def _update(self, update: str) -> None:
        settings = self.server.settings
        if not settings.allow_update:
            self._send(
                Reply.error(403, "this endpoint is read-only (start it with --allow-update)")
            )
            return
        auth = self.headers.get("Authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not given:
            self._send(
                Reply.error(401, "updates need 'Authorization: Bearer <token>'"),
                {"WWW-Authenticate": 'Bearer realm="kg"'},
            )
            return
        if not hmac.compare_digest(given.strip().encode(), (settings.token or "").encode()):
            self._send(Reply.error(403, "wrong bearer token"))
            return
        try:
            check_operation(update, update=True)
        except ForbiddenOperationError as err:
            self._send(Reply.error(403, str(err)))
            return
        self._send(self.server.pool.run_update(update, settings.timeout))


def open_endpoint(
    store_path: str | Path, settings: EndpointSettings | None = None
) -> EndpointServer:
    """Bind the endpoint for a store folder and start its workers (not yet serving).

    Call ``serve_forever()`` (or :func:`serve`), then ``close()``.
    """
    settings = settings or EndpointSettings()
    settings.validate()
    path = Path(store_path)
    if not (path / "CURRENT").is_file():
        raise StoreError(f"no graph store at {path}; build one with: kg build PATH --store {path}")
    return EndpointServer(path, settings)


def serve(
    store_path: str | Path,
    settings: EndpointSettings | None = None,
    *,
    ready: Callable[[EndpointServer], None] | None = None,
) -> None:
    """Serve a store folder until interrupted; ``ready`` is called with the bound server."""
    server = open_endpoint(store_path, settings)
    try:
        if ready:
            ready(server)
        server.serve_forever()
    finally:
        server.server_close()
        server.pool.close()


def start_in_thread(
    store_path: str | Path, settings: EndpointSettings | None = None
) -> EndpointServer:
    """Start the endpoint in a background thread (for tests and notebooks); ``close()`` it.

    >>> import tempfile, pyoxigraph
    >>> folder = tempfile.mkdtemp(); pyoxigraph.Store(folder).flush()
    >>> server = start_in_thread(folder, EndpointSettings(port=0, quiet=True, workers=1))
    >>> server.url.startswith("http://127.0.0.1:")
    True
    >>> server.close()
    """
    server = open_endpoint(store_path, settings)
    threading.Thread(target=server.serve_forever, name="kg-serve", daemon=True).start()
    return server


__all__ = [
    "EndpointServer",
    "EndpointSettings",
    "check_operation",
    "open_endpoint",
    "serve",
    "shipped_queries",
    "start_in_thread",
]
