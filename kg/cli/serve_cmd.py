"""``kg serve`` and ``kg push``: the graph over HTTP, and into a triple-store server."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from kg.cli._app import app, console, err_console
from kg.config import default_store_path


def _store_option() -> Path:
    return default_store_path()


@app.command()
def serve(
    store: Path = typer.Option(
        None, "--store", help="Store folder (env KG_STORE, default ./kg-store)."
    ),
    host: str = typer.Option("127.0.0.1", help="Address to bind; 0.0.0.0 opens it to the network."),
    port: int = typer.Option(7878, help="Port to listen on (0 picks a free one)."),
    allow_update: bool = typer.Option(
        False, "--allow-update", help="Accept SPARQL Update from clients with the bearer token."
    ),
    token: str = typer.Option(
        None, envvar="KG_SERVE_TOKEN", help="Bearer token for updates (env KG_SERVE_TOKEN)."
    ),
    cors: str = typer.Option(
        None,
        "--cors",
        help="Let web pages from this ORIGIN (e.g. https://app.example, or *) query the endpoint; "
        "other origins are refused.",
    ),
    timeout: float = typer.Option(30.0, help="Seconds a query may run before it is stopped."),
    limit: int = typer.Option(10_000, "--limit", help="Most rows (or triples) in one result."),
    max_request: int = typer.Option(
        1_000_000, "--max-request", help="Largest request body or URL, in bytes."
    ),
    workers: int = typer.Option(2, help="Query worker processes."),
    max_memory: str = typer.Option(
        None,
        "--max-memory",
        help="Memory one query worker may use, e.g. 2G or 1500M (default: an eighth of RAM, 1-4G; at least 512M).",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Do not log each request."),
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint with a query page.

    Example: kg serve --store kg-store --port 7878   (then open http://127.0.0.1:7878/)
    """
    from kg.serve.endpoint import EndpointSettings, exposure_warning, parse_size
    from kg.serve.endpoint import serve as run_server

    memory = {"max_memory": parse_size(max_memory)} if max_memory else {}
    settings = EndpointSettings(
        **memory,
        host=host,
        port=port,
        allow_update=allow_update,
        token=token,
        cors_origin=cors,
        timeout=timeout,
        row_limit=limit,
        max_request_bytes=max_request,
        workers=workers,
        quiet=quiet,
    )

    def ready(server: object) -> None:
        url = server.url  # type: ignore[attr-defined]
        mode = "updates with token" if allow_update else "read-only"
        console.print(f"SPARQL endpoint at {url}sparql, page at {url} ({mode}); Ctrl-C stops it")
        warning = exposure_warning(host, server.server_address[1])  # type: ignore[attr-defined]
        if warning:
            err_console.print(f"[yellow]{warning}[/yellow]", soft_wrap=True)
        if not server.pool.network_isolated:  # type: ignore[attr-defined]
            console.print("note: this OS does not let the query workers drop their network")

    try:
        run_server(store or _store_option(), settings, ready=ready)
    except KeyboardInterrupt:
        console.print("stopped")


@app.command()
def push(
    endpoint: str = typer.Option(
        ...,
        "--endpoint",
        help="Graph Store Protocol URL, e.g. http://host:8890/sparql-graph-crud-auth",
    ),
    store: Path = typer.Option(
        None, "--store", help="Store folder (env KG_STORE, default ./kg-store)."
    ),
    user: str = typer.Option(
        None, "--user", envvar="KG_PUSH_USER", help="User (basic/digest auth)."
    ),
    password: str = typer.Option(
        None, "--password", envvar="KG_PUSH_PASSWORD", help="Password (env KG_PUSH_PASSWORD)."
    ),
    token: str = typer.Option(None, "--token", envvar="KG_PUSH_TOKEN", help="Bearer token."),
    force: bool = typer.Option(False, "--force", help="Push every graph, changed or not."),
    timeout: float = typer.Option(120.0, help="Seconds to wait for the server per request."),
) -> None:
    """Push each document's named graph to a SPARQL Graph Store Protocol server.

    Example: kg push --endpoint http://localhost:8890/sparql-graph-crud-auth --user dba --password dba
    """
    from kg.graph.push import GraphStoreClient, push_store

    client = GraphStoreClient(
        endpoint,
        user=user,
        password=password,
        token=token or os.environ.get("KG_PUSH_TOKEN"),
        timeout=timeout,
    )
    report = push_store(store or _store_option(), client, force=force)
    console.print(report.summary())
