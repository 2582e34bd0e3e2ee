"""``kg``: a thin command-line layer over the library.

Each command module wraps library functions; :func:`main` turns any
:class:`kg.KGError` into one red line on stderr and its exit code.
"""

from __future__ import annotations

import sys

# Importing a command module registers its commands on ``app``.
from kg.cli import (  # noqa: E402,F401  (registration by import)
    answers_cmd,
    evaluate_cmd,
    extract_cmd,
    graph_cmd,
    info_cmd,
    ingest_cmd,
    network_cmd,
    reference_cmd,
    serve_cmd,
)
from kg.cli._app import app, err_console
from kg.errors import KGError


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; library errors become one line and a non-zero exit code."""
    try:
        # Without standalone mode click returns a typer.Exit's code instead of exiting.
        code = app(args=argv, standalone_mode=False)
    except KGError as err:
        err_console.print(f"[bold red]error:[/] {err}", highlight=False, soft_wrap=True)
        return err.exit_code
    except SystemExit as exc:  # typer/click exits (help, usage errors)
        return int(exc.code or 0)
    except KeyboardInterrupt:
        err_console.print("[bold red]interrupted[/]")
        return 130
    except Exception as exc:
        # Usage errors of Typer's bundled click: show their one-line message.
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            return int(exc.exit_code)
        if type(exc).__name__ == "Abort":
            return 1
        raise
    return code if isinstance(code, int) else 0


def entry() -> None:  # pragma: no cover - console script
    sys.exit(main())
