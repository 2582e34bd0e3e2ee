"""``kg ingest``: show the normalised text and metadata of documents."""

from __future__ import annotations

import json
import warnings
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape

from kg.cli._app import app, err_console
from kg.errors import KGError


class OutputFormat(StrEnum):
    json = "json"
    text = "text"


def _text_report(doc) -> str:
    meta = doc.meta
    lines = [f"== {doc.id} ({doc.source})"]
    fields = [
        ("identifier", ", ".join(meta.identifiers)),
        ("number", meta.number),
        ("dossier", meta.dossier),
        ("date", meta.date.isoformat() if meta.date else None),
        ("place", meta.place),
        ("language", meta.language),
        ("kind", meta.kind),
    ]
    lines.append("  ".join(f"{k}: {v}" for k, v in fields if v))
    if meta.title:
        lines.append(f"title: {meta.title}")
    if meta.addressee:
        lines.append(f"addressee: {meta.addressee}")
    if meta.senders:
        lines.append("senders: " + "; ".join(meta.senders))
    if meta.signatories:
        lines.append("signed: " + "; ".join(f"{s.name} ({s.office})" for s in meta.signatories))
    if meta.meeting:
        m = meta.meeting
        days = ", ".join(d.isoformat() for d in m.dates)
        extra = f" ({m.abbreviation})" if m.abbreviation else ""
        where = f" in {m.place}" if m.place else ""
        informal = " [informal]" if m.informal else ""
        lines.append(f"meeting: {m.name}{extra} on {days}{where}{informal}")
    lines.append(f"blocks: {len(doc.blocks)}  footnotes: {len(doc.footnotes)}")
    lines.append("-" * 72)
    lines.append(doc.text)
    return "\n".join(lines) + "\n"


@app.command()
def ingest(
    files: list[Path] = typer.Argument(
        ..., help="Files, folders or globs (.txt .md .pdf .html .xml)."
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", "-f", help="text (readable) or json (Document.to_json)."
    ),
    max_mb: float = typer.Option(50.0, "--max-mb", help="Largest file to read, in MB."),
    strict: bool = typer.Option(
        True, "--strict/--no-strict", help="Exit non-zero when any file fails (the default)."
    ),
) -> None:
    """Read documents and show their normalised text and metadata.

    Files that cannot be read are reported one line each; the exit code is
    non-zero when any failed, unless --no-strict.

    Example: kg ingest tests/data/corpus/kst-32317-970.txt --format json
    """
    from kg.ingest import IngestFailure, iter_documents

    documents = []
    failures = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for result in iter_documents([str(f) for f in files], max_bytes=int(max_mb * 1024 * 1024)):
            if isinstance(result, IngestFailure):
                failures.append(result)
                err_console.print(
                    f"[bold red]error:[/] {escape(str(result))}", highlight=False, soft_wrap=True
                )
                continue
            documents.append(result)
            if output_format is OutputFormat.text:
                typer.echo(_text_report(result))
    for w in caught:
        err_console.print(
            f"[yellow]warning:[/] {escape(str(w.message))}", highlight=False, soft_wrap=True
        )
    if output_format is OutputFormat.json:
        payload = {
            "documents": [d.to_json() for d in documents],
            "failures": [{"path": f.path, "error": f.error.problem} for f in failures],
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if failures and strict:
        total = len(failures) + len(documents)
        raise KGError(f"{len(failures)} of {total} files could not be ingested")
