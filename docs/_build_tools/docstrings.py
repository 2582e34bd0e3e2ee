r"""Docstrings as Markdown: doctest runs become code blocks, reST roles become code.

kg's docstrings are plain prose with doctest examples (``>>>``) and the odd reST
role (``:func:`build```). Markdown would read ``>>>`` as three nested quotes, so
the griffe extension below rewrites each docstring before mkdocstrings renders it.

>>> text = "Add one.\n\n>>> 1 + 1\n2\n\nSee :func:`kg.graph.build.build`."
>>> markdown_docstring(text).splitlines()
['Add one.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'See `kg.graph.build.build`.']
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:func|class|meth|mod|attr|data|exc|obj|const):`~?([^`]+)`")


def _fence_doctests(lines: list[str]) -> list[str]:
    out: list[str] = []
    indent: str | None = None  # the example's indent while inside one
    for line in lines:
        if indent is None and line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            if out and out[-1].strip():
                out.append("")
            out.append(indent + "```pycon")
        elif indent is not None and not line.strip():
            out.append(indent + "```")
            indent = None
        out.append(line)
    if indent is not None:
        out.append(indent + "```")
    return out


def markdown_docstring(text: str) -> str:
    """The docstring ``text`` with doctest runs fenced as ``pycon`` and reST roles as code."""
    text = _ROLE.sub(r"`\1`", text)
    text = re.sub(r"(\S)::$", r"\1:", text, flags=re.MULTILINE)  # reST literal-block marker
    return "\n".join(_fence_doctests(text.splitlines()))


class DoctestFences(griffe.Extension):
    """Rewrites every docstring griffe loads with :func:`markdown_docstring`."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown_docstring(obj.docstring.value)
