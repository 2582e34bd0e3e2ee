"""MkDocs hooks of the kg site (configured in mkdocs.yml)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # docs/, for _build_tools

from _build_tools.cli_options import expand_markers  # noqa: E402


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Each ``<!-- kg-options: CMD -->`` line becomes the options table of ``kg CMD``."""
    return expand_markers(markdown)
