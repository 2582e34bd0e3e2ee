"""``kg evaluate``: score extraction against gold files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.cli._app import app, console


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of *.gold.json files."),
    files: list[Path] = typer.Argument(..., help="The documents to extract and score."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    summary: bool = typer.Option(
        False, "--summary", help="Only the summary, no per-document items."
    ),
) -> None:
    """Score extraction against gold annotations: P, R, F1 per type and predicate.

    Documents are matched to gold files by file name; scoring follows
    gold/GUIDELINES.md (document-level sets, optional items neutral).

    Example: kg evaluate tests/data/gold tests/data/corpus/*.txt
    """
    from kg.nlp.evaluate import evaluate_files, format_report

    result = evaluate_files(gold_dir, files)
    if as_json:
        console.print_json(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        console.print(format_report(result, details=not summary), highlight=False, markup=False)
