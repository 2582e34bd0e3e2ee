"""The entity network (:mod:`kg.viz.network`) and its outputs: the offline HTML page,
PNG/SVG pictures, GraphML/GEXF.

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph(); g.add_node("a", label="A", type="State")
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> [p.suffix for p in (render(g, out / "n.html"), render(g, out / "n.gexf"))]
['.html', '.gexf']
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.viz.network import NetworkError

FORMATS = ("html", "png", "svg", "graphml", "gexf")


def render(
    graph: nx.MultiDiGraph,
    path: str | Path,
    fmt: str | None = None,
    title: str = "Entity network",
    seed: int = 42,
) -> Path:
    """Write ``graph`` to ``path`` in ``fmt`` (default: from the suffix, else html)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "html").lower()
    if fmt == "html":
        from kg.viz.html import write_html

        return write_html(graph, path, title=title, seed=seed)
    if fmt in ("png", "svg"):
        from kg.viz.static import write_picture

        return write_picture(graph, path, fmt=fmt, title=title, seed=seed)
    if fmt in ("graphml", "gexf"):
        from kg.viz.gephi import write_gephi

        return write_gephi(graph, path, fmt=fmt, seed=seed)
    raise NetworkError(f"unknown output format {fmt!r}; use {', '.join(FORMATS)}")
