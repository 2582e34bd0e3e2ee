"""``kg network stats`` and ``kg viz``: the entity network of the store (or of extraction JSON)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import typer

from kg.cli._app import app, console, err_console

network_app = typer.Typer(
    help="The entity network: most central entities and counts.", no_args_is_help=True
)
app.add_typer(network_app, name="network")

_STORE_HELP = "Store folder (env KG_STORE, default ./kg-store)."
_JSON_HELP = "Read extractions from this JSON file (kg extract --format json) instead of a store."


def _date(value: str | None, option: str) -> date | None:
    from kg.messages import parse_day

    return parse_day(value, option) if value else None


def _load(store: Path | None, from_json: Path | None, cooccurrence: bool) -> Any:
    """The network input from extraction JSON or from the store (opened read-only)."""
    from kg.errors import ConfigError
    from kg.viz.network import from_extraction_json, from_store

    if from_json is not None:
        try:
            payload = json.loads(from_json.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise ConfigError(f"{from_json}: cannot read extraction JSON ({err})") from err
        return from_extraction_json(payload)
    from kg.config import default_store_path
    from kg.graph.store import KnowledgeGraph

    with KnowledgeGraph(store or default_store_path(), read_only=True) as kg:
        return from_store(kg, cooccurrence=cooccurrence)


def _network(
    store: Path | None,
    from_json: Path | None,
    types: list[str] | None,
    predicates: list[str] | None,
    docs: list[str] | None,
    meetings: list[str] | None,
    date_from: str | None,
    date_to: str | None,
    min_weight: int,
    ego: str | None,
    depth: int,
    cooccurrence: bool,
    documents_as_nodes: bool,
    isolates: bool,
) -> Any:
    from kg.viz.network import NetworkFilter, build_network, compute_metrics

    data = _load(store, from_json, cooccurrence)
    filt = NetworkFilter(
        types=types or None,
        predicates=predicates or None,
        documents=docs or None,
        meetings=meetings or None,
        date_from=_date(date_from, "--from"),
        date_to=_date(date_to, "--to"),
        min_weight=min_weight,
        ego=ego,
        depth=depth,
        cooccurrence=cooccurrence,
        include_documents=documents_as_nodes,
        keep_isolates=isolates,
    )
    graph = build_network(data, filt)
    compute_metrics(graph)
    return graph


# The filter options, shared by both commands.
_O_TYPE = typer.Option(None, "--type", "-t", help="Keep entities of this type (repeatable).")
_O_PRED = typer.Option(
    None, "--predicate", "-p", help="Keep this relation, e.g. supports (repeatable)."
)
_O_DOC = typer.Option(None, "--doc", help="Only this document: IRI, id or file name (repeatable).")
_O_MEETING = typer.Option(
    None, "--meeting", help="Only documents on this meeting: IRI or label (repeatable)."
)
_O_FROM = typer.Option(
    None, "--from", help="Documents or meetings on/after this date (YYYY-MM-DD)."
)
_O_TO = typer.Option(None, "--to", help="Documents or meetings on/before this date (YYYY-MM-DD).")
_O_MINW = typer.Option(1, "--min-weight", help="Drop edges with fewer statements (or sentences).")
_O_EGO = typer.Option(None, "--ego", help="Only the neighbourhood of this entity (IRI or label).")
_O_DEPTH = typer.Option(1, "--depth", help="Steps around --ego.")
_O_CO = typer.Option(False, "--cooccurrence", help="Add co-occurrence-in-a-sentence edges.")
_O_DOCS = typer.Option(
    True, "--documents/--no-documents", help="Show the letters themselves (signedBy, cites ...)."
)
_O_ISO = typer.Option(False, "--isolates", help="Keep mentioned entities without any edge.")


@network_app.command("stats")
def network_stats(
    store: Path = typer.Option(None, "--store", help=_STORE_HELP),
    from_json: Path = typer.Option(None, "--from-json", help=_JSON_HELP),
    top: int = typer.Option(15, "--top", "-n", help="How many entities to list."),
    by: str = typer.Option(
        "betweenness", "--by", help="betweenness, degree, weighted_degree, mentions or documents."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    types: list[str] = _O_TYPE,
    predicates: list[str] = _O_PRED,
    docs: list[str] = _O_DOC,
    meetings: list[str] = _O_MEETING,
    date_from: str = _O_FROM,
    date_to: str = _O_TO,
    min_weight: int = _O_MINW,
    ego: str = _O_EGO,
    depth: int = _O_DEPTH,
    cooccurrence: bool = _O_CO,
    documents_as_nodes: bool = _O_DOCS,
    isolates: bool = _O_ISO,
) -> None:
    """List the most central entities of the network, with its counts.

    Example: kg network stats --store kg-store --type State --type Agency --top 10
    """
    from rich.table import Table

    from kg.viz.network import summary, top_entities

    graph = _network(
        store, from_json, types, predicates, docs, meetings, date_from, date_to,
        min_weight, ego, depth, cooccurrence, documents_as_nodes, isolates,
    )  # fmt: skip
    rows = top_entities(graph, top, by=by)
    counts = summary(graph)
    if as_json:
        print(json.dumps({"summary": counts, "top": rows}, ensure_ascii=False, indent=1))
        return
    console.print(
        f"nodes: [bold]{counts['nodes']}[/]   edges: [bold]{counts['edges']}[/]"
        f"   communities: {counts['communities'] or 0}"
    )
    table = Table(
        title=f"most central entities (by {by})",
        title_justify="left",
        box=None,
        padding=(0, 1),
        pad_edge=False,
        collapse_padding=True,
    )
    table.add_column("#", justify="right", no_wrap=True, min_width=2)
    table.add_column("entity", no_wrap=True, max_width=26, overflow="ellipsis")
    table.add_column("type", no_wrap=True, max_width=10, overflow="ellipsis")
    for name in ("deg", "w.deg", "betw.", "comm.", "ment.", "docs"):
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    for i, row in enumerate(rows, 1):
        table.add_row(
            str(i),
            row["label"],
            row["type"],
            str(row["degree"]),
            str(row["weighted_degree"]),
            f"{row['betweenness']:.3f}",
            str(row["community"]),
            str(row["mentions"]),
            str(row["documents"]),
        )
    console.print(table)


@app.command()
def viz(
    output: Path = typer.Option(
        None, "--output", "-o", help="File to write (default network.<format>)."
    ),
    store: Path = typer.Option(None, "--store", help=_STORE_HELP),
    from_json: Path = typer.Option(None, "--from-json", help=_JSON_HELP),
    fmt: str = typer.Option(
        None, "--format", "-f", help="html, png, svg, graphml or gexf (default: from -o, or html)."
    ),
    png: bool = typer.Option(False, "--png", help="A PNG picture (same as --format png)."),
    svg: bool = typer.Option(False, "--svg", help="An SVG picture (same as --format svg)."),
    title: str = typer.Option("Entity network", "--title", help="Title of the page or picture."),
    seed: int = typer.Option(42, "--seed", help="Seed of the layout and the communities."),
    types: list[str] = _O_TYPE,
    predicates: list[str] = _O_PRED,
    docs: list[str] = _O_DOC,
    meetings: list[str] = _O_MEETING,
    date_from: str = _O_FROM,
    date_to: str = _O_TO,
    min_weight: int = _O_MINW,
    ego: str = _O_EGO,
    depth: int = _O_DEPTH,
    cooccurrence: bool = _O_CO,
    documents_as_nodes: bool = _O_DOCS,
    isolates: bool = _O_ISO,
) -> None:
    """Draw the entity network: an offline HTML page, a PNG/SVG picture or a Gephi file.

    Example: kg viz --store kg-store -o out/network.html --type State --type Agency
    """
    from kg.errors import ConfigError
    from kg.messages import output_format
    from kg.viz import FORMATS, render

    flags = [f"--{f}" for f, on in (("png", png), ("svg", svg)) if on]
    chosen = [f[2:] for f in flags] + ([fmt.lower()] if fmt else [])
    if len(set(chosen)) > 1:
        raise ConfigError(f"choose one output format, not {' and '.join(sorted(set(chosen)))}")
    if chosen and chosen[0] not in FORMATS:
        raise ConfigError(f"--format {chosen[0]!r}: use {', '.join(FORMATS)}")
    extensions = {**{f: f for f in FORMATS}, "htm": "html"}
    option = flags[0] if flags and not fmt else "--format"
    kind = output_format(output, chosen[0] if chosen else None, extensions, "html", option=option)
    output = output or Path(f"network.{kind}")
    graph = _network(
        store, from_json, types, predicates, docs, meetings, date_from, date_to,
        min_weight, ego, depth, cooccurrence, documents_as_nodes, isolates,
    )  # fmt: skip
    if graph.number_of_nodes() == 0:
        err_console.print("[yellow]warning:[/] the network is empty (check the filters)")
    path = render(graph, output, fmt=kind, title=title, seed=seed)
    console.print(
        f"[green]wrote[/] {path} ({kind}): {graph.number_of_nodes()} nodes, "
        f"{graph.number_of_edges()} edges"
    )
