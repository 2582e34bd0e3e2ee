"""GraphML and GEXF files for Gephi, with every node and edge attribute.

Lists (sameAs links, evidence) become strings: GraphML and GEXF hold scalars
only. Evidence is kept as JSON in ``evidence_json`` and as readable text in
``evidence``. GEXF also carries the layout and colours (``viz``).

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="A", type="State", same_as=["http://x"])
>>> g.add_edge("a", "a2", key="supports", predicate="supports", weight=2, evidence=[])
'supports'
>>> out = write_gephi(g, pathlib.Path(tempfile.mkdtemp()) / "n.graphml")
>>> nx.read_graphml(out).nodes["a"]["same_as"]
'http://x'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.viz.layout import layout
from kg.viz.network import NetworkError, compute_metrics
from kg.viz.style import edge_colour, type_colour


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    if value is None:
        return ""
    if isinstance(value, list | tuple | set):
        return " ".join(str(v) for v in value)
    return str(value)


def _evidence_text(evidence: list[dict[str, Any]]) -> str:
    return "\n".join(f"[{e.get('document_title', '')}] {e.get('text', '')}" for e in evidence)


def flat_copy(graph: nx.MultiDiGraph, viz: bool = False, seed: int = 42) -> nx.MultiDiGraph:
    """A copy with scalar attributes only (and GEXF ``viz`` positions/colours if asked)."""
    if graph.number_of_nodes() and "degree" not in graph.nodes[next(iter(graph.nodes))]:
        compute_metrics(graph, seed=seed)
    flat = nx.MultiDiGraph()
    flat.graph.update({k: _scalar(v) for k, v in graph.graph.items()})
    pos = layout(graph, seed=seed) if viz else {}
    for node, attrs in graph.nodes(data=True):
        data = {k: _scalar(v) for k, v in attrs.items()}
        if viz:
            colour = type_colour(attrs.get("type", ""))
            r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
            x, y = pos[node]
            data["viz"] = {
                "color": {"r": r, "g": g, "b": b, "a": 1.0},
                "position": {"x": x * 1000, "y": y * 1000, "z": 0.0},
                "size": 4.0 + 2.0 * attrs.get("degree", 0) ** 0.5,
            }
        flat.add_node(node, **data)
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        evidence = attrs.get("evidence", [])
        data = {k: _scalar(v) for k, v in attrs.items() if k != "evidence"}
        data["evidence"] = _evidence_text(evidence)
        data["evidence_json"] = json.dumps(evidence, ensure_ascii=False)
        data["colour"] = edge_colour(attrs.get("predicate", key))
        if viz:
            colour = data["colour"]
            r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
            data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 0.8}}
        flat.add_edge(u, v, key=key, **data)
    return flat


def write_gephi(
    graph: nx.MultiDiGraph, path: str | Path, fmt: str | None = None, seed: int = 42
) -> Path:
    """Write ``graph`` as GraphML or GEXF (from the suffix, or ``fmt``)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(flat_copy(graph, seed=seed), path, named_key_ids=True)
    elif fmt == "gexf":
        nx.write_gexf(flat_copy(graph, viz=True, seed=seed), path, version="1.2draft")
    else:
        raise NetworkError(f"unknown network file format {fmt!r}; use graphml or gexf")
    return path
