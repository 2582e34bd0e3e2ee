"""``kg extract``: entities (and relations) of documents, as JSON or a table."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from kg.cli._app import app, console, err_console
from kg.errors import KGError


class ExtractFormat(StrEnum):
    json = "json"
    table = "table"


@app.command()
def extract(
    files: list[Path] = typer.Argument(
        ..., help="Files, folders or globs (.txt .md .pdf .html .xml)."
    ),
    output_format: ExtractFormat = typer.Option(
        ExtractFormat.json, "--format", "-f", help="json (the extraction contract) or table."
    ),
    n_process: int = typer.Option(1, "--processes", "-p", min=1, help="Worker processes."),
) -> None:
    """Find the entities (and relations) in documents.

    JSON follows the contract in the README: per document its entities with
    every mention's offsets into the normalised text, and its relations.

    Example: kg extract tests/data/corpus/kst-32317-970.txt --format table
    """
    from kg.extraction import extractions_to_json
    from kg.ingest import IngestFailure, iter_documents
    from kg.nlp.extract import extract_many

    documents = []
    failures = 0
    for result in iter_documents([str(f) for f in files]):
        if isinstance(result, IngestFailure):
            failures += 1
            err_console.print(f"[bold red]error:[/] {escape(str(result))}", highlight=False)
            continue
        documents.append(result)
    extractions = list(extract_many(documents, n_process=n_process))
    if output_format is ExtractFormat.json:
        typer.echo(extractions_to_json(extractions))
    else:
        for ex in extractions:
            table = Table(title=f"{ex.document.source} ({len(ex.entities)} entities)")
            for column in ("type", "label", "mentions", "id"):
                table.add_column(column, overflow="fold")
            for ent in sorted(ex.entities, key=lambda e: (e.type, e.label)):
                forms = sorted({m.text for m in ent.mentions} - {ent.label})
                table.add_row(ent.type, ent.label, "; ".join(forms)[:120], ent.id)
            console.print(table)
            if ex.relations:
                console.print(f"{len(ex.relations)} relations")
    if failures:
        raise KGError(f"{failures} of {failures + len(documents)} files could not be read")
