"""``kg report``, ``kg matrix``, ``kg alignment``: answers without SPARQL."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import typer

from kg.cli._app import app, err_console

_STORE_HELP = "Store folder (env KG_STORE, default ./kg-store)."
_OUT_HELP = "File to write (default stdout); the format follows its extension unless --format."
_FROM_HELP = "Only stances dated on or after this day (YYYY-MM-DD)."
_TO_HELP = "Only stances dated on or before this day (YYYY-MM-DD)."

# Options the three commands share (Typer reads these defaults; they hold no state).
_FROM = typer.Option(None, "--from", help=_FROM_HELP)
_TO = typer.Option(None, "--to", help=_TO_HELP)
_OUTPUT = typer.Option(None, "--output", "-o", help=_OUT_HELP)
_STORE = typer.Option(None, "--store", help=_STORE_HELP)
_WAIT = typer.Option(10.0, "--wait", help="Seconds to wait for the store.")
_HOLDERS = typer.Option(
    "State", "--holders", help="Entity types of the holders (rows), comma-separated; '' for any."
)
_TARGETS = typer.Option(
    None, "--targets", help="Entity types of the targets (columns), e.g. Regulation,Initiative."
)


def _day(value: str | None, option: str) -> date | None:
    from kg.messages import parse_day

    return parse_day(value, option) if value else None


def _format(output: Path | None, given: str | None, allowed: tuple[str, ...], stdout: str) -> str:
    from kg.errors import ConfigError
    from kg.graph.output import output_format

    fmt = output_format(output, given, allowed) if (output or given) else stdout
    if output is None and fmt == "png":
        raise ConfigError("a PNG picture needs a file: pass -o FILE.png")
    return fmt


def _emit(data: str | bytes, output: Path | None, what: str) -> None:
    from kg.graph.output import write_output

    if output is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data if data.endswith("\n") else data + "\n")
        sys.stdout.flush()
        return
    write_output(output, data)
    err_console.print(f"wrote {output} ({output.stat().st_size:,} bytes, {what})", highlight=False)


def _open(store: Path | None, wait: float):  # noqa: ANN202 - a context manager
    from kg.config import default_store_path
    from kg.graph.store import KnowledgeGraph

    return KnowledgeGraph(store or default_store_path(), read_only=True, lock_timeout=wait)


@app.command()
def report(
    entity: str = typer.Argument(..., help="The entity: a label, a prefixed name or an IRI."),
    date_from: str = _FROM,
    date_to: str = _TO,
    fmt: str = typer.Option(None, "--format", "-f", help="md, html, json, csv or tsv."),
    output: Path = _OUTPUT,
    store: Path = _STORE,
    wait: float = _WAIT,
) -> None:
    """Everything an entity supported, opposed, worried about or asked for, and every stance on it.

    Grouped by meeting in time order, each with its target, the issue, the
    evidence sentence and the letter (with its official link where known).

    Example: kg report Nederland --from 2025-01-01 -o nederland.html
    """
    from kg.answers.report import REPORT_FORMATS, build_report, render_report

    fmt = _format(output, fmt, REPORT_FORMATS, "md")
    with _open(store, wait) as kg:
        result = build_report(
            kg, entity, date_from=_day(date_from, "--from"), date_to=_day(date_to, "--to")
        )
        text = render_report(result, fmt, base=kg.base)
    _emit(text, output, fmt)


@app.command()
def matrix(
    holders: str = _HOLDERS,
    targets: str = _TARGETS,
    date_from: str = _FROM,
    date_to: str = _TO,
    fmt: str = typer.Option(None, "--format", "-f", help="html, png, svg, csv, tsv, md or json."),
    output: Path = _OUTPUT,
    store: Path = _STORE,
    wait: float = _WAIT,
) -> None:
    """Holders by targets: support, opposition, both, concern or request in each cell.

    The HTML page links every cell to its evidence.

    Example: kg matrix --holders State --targets Regulation,Initiative -o matrix.html
    """
    from kg.answers.matrix import MATRIX_FORMATS, build_matrix
    from kg.answers.matrix_render import render_matrix

    fmt = _format(output, fmt, MATRIX_FORMATS, "md")
    with _open(store, wait) as kg:
        result = build_matrix(
            kg,
            holders=holders or None,
            targets=targets or None,
            date_from=_day(date_from, "--from"),
            date_to=_day(date_to, "--to"),
        )
        data = render_matrix(result, fmt, base=kg.base)
    _emit(data, output, fmt)


@app.command()
def alignment(
    holders: str = _HOLDERS,
    targets: str = _TARGETS,
    date_from: str = _FROM,
    date_to: str = _TO,
    top: int = typer.Option(None, "--top", help="Show the N best aligned pairs only."),
    fmt: str = typer.Option(None, "--format", "-f", help="table, csv, tsv, md or json."),
    output: Path = _OUTPUT,
    store: Path = _STORE,
    wait: float = _WAIT,
) -> None:
    """Pairs of holders ranked by how often they took the same side on the same target.

    Example: kg alignment --holders State --from 2024-01-01 --format md
    """
    from kg.answers.alignment import ALIGNMENT_FORMATS, build_alignment, render_alignment

    fmt = _format(output, fmt, ALIGNMENT_FORMATS, "table")
    with _open(store, wait) as kg:
        pairs = build_alignment(
            kg,
            holders=holders or None,
            targets=targets or None,
            date_from=_day(date_from, "--from"),
            date_to=_day(date_to, "--to"),
        )
        text = render_alignment(pairs[:top] if top else pairs, fmt, base=kg.base)
    _emit(text, output, fmt)
