"""The Typer application and the shared console objects of the CLI."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph from Dutch letters to parliament and EU Council texts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

console = Console()
err_console = Console(stderr=True)


@app.callback()
def _root() -> None:
    """Build a knowledge graph from Dutch letters to parliament and EU Council texts."""
