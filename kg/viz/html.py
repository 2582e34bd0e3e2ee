"""The network page: ONE self-contained HTML file that works offline.

Styles, script and data are inlined into ``assets/page.html``; the page's
Content-Security-Policy forbids every request (``default-src 'none'``), and
there is no reference to any other file or host. The layout is computed here,
so the page only draws.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_edge("a", "b", key="supports", predicate="supports", group="supports",
...            directed=True, weight=1, n_documents=1, evidence=[])
'supports'
>>> page = render_html(g, title="Demo")
>>> page.startswith("<!DOCTYPE html>") and "http://" not in page and "https://" not in page
True
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from kg.viz.layout import layout
from kg.viz.network import PREDICATE_GROUPS, compute_metrics, predicate_group
from kg.viz.style import GROUP_COLOURS, TYPE_COLOURS, node_radius


def _asset(name: str) -> str:
    return resources.files("kg.viz").joinpath("assets", name).read_text(encoding="utf-8")


def _evidence(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for ev in items:
        item = {
            "text": ev.get("text", ""),
            "document": ev.get("document", ""),
            "title": ev.get("document_title", ""),
        }
        for key in ("date", "rule", "condition", "meeting", "issue", "day"):
            if ev.get(key):
                item[key] = ev[key]
        out.append(item)
    return out


def page_data(graph: nx.MultiDiGraph, title: str = "", seed: int = 42) -> dict[str, Any]:
    """The JSON the page draws: types, predicate groups, nodes with positions, edges."""
    if graph.number_of_nodes() and "degree" not in graph.nodes[next(iter(graph.nodes))]:
        compute_metrics(graph, seed=seed)
    pos = layout(graph, seed=seed)
    types = list(TYPE_COLOURS)
    for _, node_type in graph.nodes(data="type", default="Entity"):
        if node_type not in types:
            types.append(node_type)
    type_index = {t: i for i, t in enumerate(types)}
    group_index = {g: i for i, g in enumerate(PREDICATE_GROUPS)}
    index = {node: i for i, node in enumerate(graph.nodes)}
    nodes = []
    for node, attrs in graph.nodes(data=True):
        x, y = pos.get(node, (0.0, 0.0))
        nodes.append(
            {
                "id": str(node),
                "l": str(attrs.get("label", node)),
                "t": type_index[attrs.get("type", "Entity")],
                "x": x,
                "y": y,
                "r": node_radius(attrs.get("degree", 0)),
                "deg": attrs.get("degree", 0),
                "wdeg": attrs.get("weighted_degree", 0),
                "bc": attrs.get("betweenness", 0.0),
                "com": attrs.get("community", -1),
                "m": attrs.get("mentions", 0),
                "nd": attrs.get("documents", 0),
                "iri": attrs.get("iri", str(node)),
                "sa": list(attrs.get("same_as", [])),
            }
        )
        for key, short in (("title", "ti"), ("date", "da"), ("source", "src")):
            if attrs.get(key):
                nodes[-1][short] = attrs[key]
    edges = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        predicate = attrs.get("predicate", key)
        days = sorted(
            {ev.get("day") or ev.get("date") for ev in attrs.get("evidence", [])} - {None, ""}
        )
        edges.append(
            {
                "s": index[u],
                "o": index[v],
                "p": predicate,
                "g": group_index[attrs.get("group") or predicate_group(predicate)],
                "w": attrs.get("weight", 1),
                "nd": attrs.get("n_documents", 1),
                "d": 1 if attrs.get("directed", True) else 0,
                "ev": _evidence(attrs.get("evidence", [])),
                "dt": days,
            }
        )
    return {
        "title": title,
        "types": [[t, TYPE_COLOURS.get(t, TYPE_COLOURS["Entity"])] for t in types],
        "groups": [[g, GROUP_COLOURS[g]] for g in PREDICATE_GROUPS],
        "nodes": nodes,
        "edges": edges,
    }


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_html(graph: nx.MultiDiGraph, title: str = "Entity network", seed: int = 42) -> str:
    """The page as a string (see :func:`write_html`)."""
    data = json.dumps(page_data(graph, title, seed), ensure_ascii=False, separators=(",", ":"))
    # "<" escaped: the JSON can never close its script element or open a comment
    data = data.replace("<", "\\u003c")
    page = _asset("page.html")
    parts = {
        "__KG_CSS__": _asset("page.css"),
        "__KG_JS__": _asset("network.js"),
        "__KG_TITLE__": _escape_html(title),
        "__KG_DATA__": data,
    }
    # one pass, so a placeholder-like string inside the data is never replaced
    out = []
    rest = page
    while rest:
        positions = [(rest.find(k), k) for k in parts if rest.find(k) >= 0]
        if not positions:
            out.append(rest)
            break
        at, key = min(positions)
        out.append(rest[:at])
        out.append(parts[key])
        rest = rest[at + len(key) :]
    return "".join(out)


def write_html(
    graph: nx.MultiDiGraph, path: str | Path, title: str = "Entity network", seed: int = 42
) -> Path:
    """Write the self-contained network page to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(graph, title, seed), encoding="utf-8")
    return path
