"""``kg build``, ``kg remove``, ``kg query``, ``kg stats``, ``kg export``, ``kg validate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.markup import escape

from kg.cli._app import app, console, err_console

_STORE_HELP = "Store folder (env KG_STORE, default ./kg-store)."
_WAIT_HELP = "Seconds to wait for another kg process to release the store."


def _store_path(store: Path | None) -> Path:
    from kg.config import default_store_path

    return store if store is not None else default_store_path()


def _params(values: list[str]) -> dict[str, str]:
    from kg.errors import QueryError

    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r}: write it as name=value")
        out[name.strip().lstrip("?$")] = value
    return out


def _print_counts(title: str, counts: dict[str, int]) -> None:
    from rich.table import Table

    console.print(f"[bold]{title}[/]")
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="cyan")
    table.add_column(justify="right")
    for name, n in counts.items():
        table.add_row(name, str(n))
    if not counts:
        table.add_row("(none)", "")
    console.print(table)


def _print_stats(stats: object) -> None:
    console.print(
        f"documents: [bold]{stats.documents}[/]   triples: [bold]{stats.triples}[/]"  # type: ignore[attr-defined]
        f"   graphs: {stats.graphs}"  # type: ignore[attr-defined]
    )
    _print_counts("entities by type", stats.entities)  # type: ignore[attr-defined]
    _print_counts("relations by predicate", stats.relations)  # type: ignore[attr-defined]


@app.command()
def build(
    paths: list[Path] = typer.Argument(..., help="Files, folders or globs of documents."),
    store: Path = typer.Option(None, "--store", help=_STORE_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    force: bool = typer.Option(False, "--force", help="Rebuild every document, changed or not."),
    wait: float = typer.Option(10.0, "--wait", help=_WAIT_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the build report as JSON."),
    strict: bool = typer.Option(
        False, "--strict", help="Exit non-zero when any file fails (default: report and go on)."
    ),
    max_mb: float = typer.Option(
        50.0, "--max-mb", help="Largest file to read, in MB; bigger ones fail with a clear line."
    ),
    max_chars: int = typer.Option(
        1_000_000,
        "--max-chars",
        help="Longest text to extract, in characters (memory grows with it).",
    ),
    workers: int = typer.Option(
        1, "--workers", "-w", help="Extraction processes on this machine (0: all cores)."
    ),
    dask: bool = typer.Option(
        False, "--dask", help="Extract on Dask distributed (a LocalCluster unless --scheduler)."
    ),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Dask scheduler address (tcp://host:8786); implies --dask."
    ),
) -> None:
    """Build or update the graph: new documents added, changed ones replaced, the rest skipped.

    A file that cannot be read gets one line naming it and the cause; the
    others are built. With --strict any such failure makes the exit code 1.
    A path that does not exist, or a build in which every file failed, exits
    with 1 and leaves no new store behind. Unchanged files are skipped
    before they are read.

    Example: kg build examples/letters --store kg-store --workers 0
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.graph.build import build_store, check_inputs, count_inputs
    from kg.graph.parallel import open_extractor

    check_inputs(paths)
    show = not quiet and not as_json
    max_bytes = int(max_mb * 1024 * 1024)
    with open_extractor(workers, dask=dask or bool(scheduler), scheduler=scheduler) as extractor:
        options = {
            "lock_timeout": wait,
            "force": force,
            "max_bytes": max_bytes,
            "max_chars": max_chars,
            "extractor": extractor.run,
            "batch_size": extractor.batch_size,
        }
        if show:
            bar = Progress(
                TextColumn("[bold]building"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=err_console,
                transient=True,
            )
            with bar:
                task = bar.add_task("", total=count_inputs(paths) or None)

                def tick(status: str, name: str) -> None:
                    bar.update(task, advance=1, description=f"{status} {Path(name).name}")

                report = build_store(paths, _store_path(store), progress=tick, **options)
        else:
            report = build_store(paths, _store_path(store), **options)
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    elif not quiet:
        console.print(
            f"[green]built[/] in {report.seconds:.1f}s: {len(report.added)} added, "
            f"{len(report.replaced)} replaced, {len(report.skipped)} unchanged, "
            f"{len(report.failed)} failed"
        )
        _print_stats(report.stats)
    for message in report.warnings:
        err_console.print(
            f"[yellow]warning:[/] {escape(message)}", highlight=False, emoji=False, soft_wrap=True
        )
    for source, problem in report.failed:
        err_console.print(
            f"[red]failed:[/] {escape(source)}: {escape(problem)}",
            highlight=False,
            emoji=False,
            soft_wrap=True,
        )
    if report.problem is not None:
        from kg.errors import BuildError

        raise BuildError(report.problem)
    if report.failed and strict:
        raise typer.Exit(1)


@app.command()
def remove(
    doc: str = typer.Argument(..., help="Document IRI, id or source path."),
    store: Path = typer.Option(None, "--store", help=_STORE_HELP),
    wait: float = typer.Option(10.0, "--wait", help=_WAIT_HELP),
) -> None:
    """Drop one document's graph from the store.

    Example: kg remove kst-32317-970 --store kg-store
    """
    from kg.graph.build import remove as run_remove
    from kg.graph.store import KnowledgeGraph

    with KnowledgeGraph(_store_path(store), lock_timeout=wait) as kg:
        report = run_remove(kg, doc)
    console.print(f"removed {report.removed[0]}", highlight=False, emoji=False)


@app.command()
def query(
    query: str = typer.Argument(..., help="A .rq file, a shipped query name, or SPARQL text."),
    param: list[str] = typer.Option([], "--param", "-p", help="Bind a parameter: name=value."),
    fmt: str = typer.Option(
        None,
        "--format",
        "-f",
        help="table, csv, tsv, json or md (default: table, or -o's extension).",
    ),
    limit: int = typer.Option(None, "--limit", help="Show at most N rows."),
    output: Path = typer.Option(
        None, "--output", "-o", help="Write to FILE (.csv .tsv .json .md .txt) instead of stdout."
    ),
    full_iris: bool = typer.Option(
        False, "--full-iris", help="Whole IRIs in csv/tsv (default: prefixed names)."
    ),
    store: Path = typer.Option(None, "--store", help=_STORE_HELP),
    wait: float = typer.Option(10.0, "--wait", help=_WAIT_HELP),
) -> None:
    """Run a SPARQL query on the graph; values are bound, never pasted into the query.

    Example: kg query queries/stances_on_regulation.rq --param regulation=Terugkeerverordening -o stances.csv
    """
    from kg.graph.query import format_result, run_query, write_result
    from kg.graph.store import KnowledgeGraph

    if output is not None:
        from kg.graph.output import output_format
        from kg.graph.query import FORMATS

        fmt = output_format(output, fmt, FORMATS)  # checked before the query runs
    with KnowledgeGraph(_store_path(store), read_only=True, lock_timeout=wait) as kg:
        result = run_query(kg, query, _params(param), limit=limit)
        if output is not None:
            write_result(result, output, fmt, base=kg.base, full_iris=full_iris)
            rows = f"{len(result.rows)} row(s)" if result.kind == "select" else result.kind
            err_console.print(f"wrote {output} ({rows}, {fmt})", highlight=False)
            return
        text = format_result(result, fmt or "table", base=kg.base, full_iris=full_iris)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def stats(
    store: Path = typer.Option(None, "--store", help=_STORE_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
    documents: bool = typer.Option(False, "--documents", help="Also list the documents."),
    wait: float = typer.Option(10.0, "--wait", help=_WAIT_HELP),
) -> None:
    """Print counts: documents, triples, entities by type, relations by predicate.

    Example: kg stats --store kg-store
    """
    from kg.graph.store import KnowledgeGraph

    with KnowledgeGraph(_store_path(store), read_only=True, lock_timeout=wait) as kg:
        st = kg.stats()
        docs = kg.documents() if documents else []
    if as_json:
        data = st.to_json()
        if documents:
            data["document_iris"] = docs
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return
    _print_stats(st)
    for iri in docs:
        console.print(iri, highlight=False, markup=False, emoji=False)


@app.command()
def export(
    fmt: str = typer.Option(
        None, "--format", "-f", help="turtle, trig, nquads, ntriples, jsonld or rdfxml."
    ),
    output: Path = typer.Option(None, "--output", "-o", help="File to write (default stdout)."),
    graph: str = typer.Option(
        None, "--graph", help="One document (IRI, id or path), or ontology/reference/builds."
    ),
    no_builds: bool = typer.Option(False, "--no-builds", help="Leave the build records out."),
    store: Path = typer.Option(None, "--store", help=_STORE_HELP),
    wait: float = typer.Option(10.0, "--wait", help=_WAIT_HELP),
) -> None:
    """Write the graph (or one document's graph) as Turtle, TriG, N-Quads, N-Triples, JSON-LD or RDF/XML.

    Example: kg export --store kg-store --format turtle -o out/graph.ttl
    """
    from kg.graph.export import export_graph, output_format
    from kg.graph.store import KnowledgeGraph

    fmt = output_format(output, fmt)
    with KnowledgeGraph(_store_path(store), read_only=True, lock_timeout=wait) as kg:
        if output is None:
            data = export_graph(kg, fmt, graph=graph, include_builds=not no_builds)
            sys.stdout.buffer.write(data or b"")
            sys.stdout.flush()
            return
        export_graph(kg, fmt, graph=graph, output=output, include_builds=not no_builds)
    err_console.print(f"wrote {output} ({output.stat().st_size:,} bytes, {fmt})", highlight=False)


@app.command()
def validate(
    shapes: Path = typer.Option(
        None, "--shapes", help="SHACL shapes (default ontology/shapes.ttl)."
    ),
    store: Path = typer.Option(None, "--store", help=_STORE_HELP),
    wait: float = typer.Option(10.0, "--wait", help=_WAIT_HELP),
) -> None:
    """Check the graph against the SHACL shapes and list every violation.

    Example: kg validate --store kg-store
    """
    from kg.errors import ValidationError
    from kg.graph.store import KnowledgeGraph
    from kg.graph.validate import validate as run_validate

    with KnowledgeGraph(_store_path(store), read_only=True, lock_timeout=wait) as kg:
        report = run_validate(kg, shapes)
    for violation in report.violations:
        console.print(str(violation), highlight=False, markup=False, emoji=False)
    if not report.conforms:
        raise ValidationError(f"the graph does not conform: {report.summary()}")
    console.print(f"[green]ok[/]: {report.summary()}")
