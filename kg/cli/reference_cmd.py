"""``kg reference``: look up the reference data (ontology/reference/*.ttl) and count it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from kg.cli._app import app, console

reference_app = typer.Typer(
    help="The reference data: known states, organisations, legal acts, people.",
    no_args_is_help=True,
)
app.add_typer(reference_app, name="reference")

_DIR_HELP = "Folder of reference Turtle files (default: ontology/reference)."


@reference_app.command("search")
def search(
    text: str = typer.Argument(..., help="A name, alias, abbreviation or demonym."),
    entity_type: str | None = typer.Option(
        None, "--type", "-t", help="Only this type (State, Agency, Regulation ...)."
    ),
    partial: bool = typer.Option(
        True, "--partial/--exact", help="Fall back to names containing TEXT."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    directory: Path | None = typer.Option(None, "--dir", help=_DIR_HELP),
) -> None:
    """Find reference entities by any label, alias, abbreviation or demonym.

    Example: kg reference search "Duitse"
    """
    from kg.errors import ConfigError
    from kg.reference import ENTITY_CLASSES, load_reference

    if entity_type and entity_type not in ENTITY_CLASSES:
        raise ConfigError(f"--type {entity_type!r}: use one of {', '.join(ENTITY_CLASSES)}")
    ref = load_reference(directory)
    found = [
        e for e in ref.search(text, partial=partial) if not entity_type or e.type == entity_type
    ]
    if as_json:
        rows = [
            {
                "iri": e.iri,
                "type": e.type,
                "label": e.label,
                "labels": e.labels,
                "forms": [f for f, _ in e.surface_forms()],
                "links": list(e.same_as),
                "memberOf": e.member_of,
                "attributes": e.attributes,
            }
            for e in found
        ]
        console.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not found:
        console.print(f"no reference entity named {text!r}")
        raise SystemExit(1)  # a miss is not an error, but scripts can test for it
    table = Table(show_lines=True)
    for column in ("type", "label", "IRI", "other names", "links"):
        table.add_column(column, overflow="fold")
    for e in found:
        others = [f for f, _ in e.surface_forms() if f != e.label]
        shown = ", ".join(others[:8]) + (" ..." if len(others) > 8 else "")
        table.add_row(e.type, e.label, e.iri, shown, "\n".join(e.same_as))
    console.print(table)


@reference_app.command("stats")
def stats(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    directory: Path | None = typer.Option(None, "--dir", help=_DIR_HELP),
) -> None:
    """Count the reference entities by type (plus presidencies and posts).

    Example: kg reference stats
    """
    import time

    from kg.reference import load_reference

    started = time.perf_counter()
    ref = load_reference(directory)
    seconds = time.perf_counter() - started
    counts = ref.counts()
    if as_json:
        console.print_json(json.dumps(counts))
        return
    table = Table("type", "count")
    for name, count in counts.items():
        table.add_row(name, str(count))
    table.add_row("[bold]entities[/]", f"[bold]{len(ref)}[/]")
    console.print(table)
    console.print(f"{len(ref.files)} files loaded and validated in {seconds:.2f} s")


@reference_app.command("presidency")
def presidency(
    day: str = typer.Argument(..., help="A date, YYYY-MM-DD."),
    directory: Path | None = typer.Option(None, "--dir", help=_DIR_HELP),
) -> None:
    """Show which state held the presidency of the Council of the EU on a date.

    Example: kg reference presidency 2025-10-13
    """
    from kg.errors import ConfigError
    from kg.reference import load_reference

    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise ConfigError(f"{day!r}: write the date as YYYY-MM-DD") from None
    ref = load_reference(directory)
    iri = ref.presidency_on(when)
    if iri is None:
        console.print(f"no presidency known for {when}")
        raise SystemExit(1)  # a miss is not an error, but scripts can test for it
    state = ref.get(iri)
    console.print(f"{when}: {state.label if state else iri} ({iri})")
