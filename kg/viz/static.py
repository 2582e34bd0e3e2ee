"""PNG and SVG pictures of a network with matplotlib, fit for a report.

Labels go on the most central nodes only, each placed where it overlaps no
label already placed (tried around the node, more central nodes first); a
label that fits nowhere is left out rather than piled on another.

>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph()
>>> g.add_edge("a", "b", key="supports", weight=1, group="supports", directed=True)
'supports'
>>> out = pathlib.Path(tempfile.mkdtemp()) / "n.png"
>>> write_picture(g, out).stat().st_size > 1000
True
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display: pictures are files

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from kg.viz.layout import layout  # noqa: E402
from kg.viz.network import PREDICATE_GROUPS, NetworkError, compute_metrics, predicate_group  # noqa: E402
from kg.viz.style import GROUP_COLOURS, TYPE_COLOURS, type_colour  # noqa: E402

#: Above this many edges, edges are plain lines (arrows cost too much ink and time).
ARROWS_MAX_EDGES = 400


def _centrality(attrs: dict[str, Any]) -> tuple[float, float]:
    return (attrs.get("betweenness", 0.0) + 0.02 * attrs.get("degree", 0), attrs.get("mentions", 0))


_STANCE_GROUPS = ("supports", "opposes", "concern", "request")


def label_order(graph: nx.MultiDiGraph) -> list[Any]:
    """Nodes in the order they get labels: the ends of stance edges first, then other
    entities, documents last; by centrality within each.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("d", type="SourceDocument", betweenness=0.9)
    >>> g.add_edge("a", "b", key="supports", group="supports")
    'supports'
    >>> g.add_edge("d", "a", key="cites", group="other")
    'cites'
    >>> label_order(g)
    ['a', 'b', 'd']
    """
    stance_ends = {
        node
        for u, v, d in graph.edges(data=True)
        if d.get("group") in _STANCE_GROUPS
        for node in (u, v)
    }

    def rank(node: Any) -> tuple[int, tuple[float, float]]:
        attrs = graph.nodes[node]
        tier = 0 if node in stance_ends else 2 if attrs.get("type") == "SourceDocument" else 1
        c = _centrality(attrs)
        return (tier, (-c[0], -c[1]))

    return sorted(graph.nodes, key=rank)


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _place_labels(
    ax: Any,
    fig: Any,
    pos: dict,
    graph: nx.MultiDiGraph,
    sizes: dict,
    n_labels: int,
    obstacles: list[Bbox],
) -> list[Any]:
    """Greedy non-overlapping labels for the most central nodes; returns the labels placed."""
    renderer = fig.canvas.get_renderer()
    ranked = label_order(graph)
    axes_box = ax.get_window_extent(renderer)
    order = {node: i for i, node in enumerate(graph.nodes)}
    # node discs are obstacles too, so a label does not hide a node (the most
    # central nodes may cover a small disc rather than go unlabelled)
    to_px = ax.transData.transform
    discs = np.array(
        [(*to_px(pos[v]), math.sqrt(sizes[v]) / 2 * fig.dpi / 72) for v in graph.nodes]
    ).reshape(-1, 3)
    discs = np.column_stack(
        [
            discs[:, 0] - discs[:, 2],
            discs[:, 1] - discs[:, 2],
            discs[:, 0] + discs[:, 2],
            discs[:, 1] + discs[:, 2],
        ]
    )
    taken: list[Bbox] = list(obstacles)
    placed: list[Any] = []
    near = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)]
    # a second and third ring further out, reached by a thin leader line
    offsets = near + [(3 * dx, 3 * dy) for dx, dy in near] + [(5 * dx, 5 * dy) for dx, dy in near]
    for rank, node in enumerate(ranked[:n_labels]):
        x, y = pos[node]
        gap = math.sqrt(sizes[node]) / 2 + 2  # points
        own = order[node]
        passes = (True, False) if rank < 10 else (True,)
        for strict in passes:
            done = False
            for dx, dy in offsets:
                ha = "left" if dx > 0 else "right" if dx < 0 else "center"
                va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
                text = ax.annotate(
                    _short(graph.nodes[node].get("label", str(node))),
                    (x, y),
                    xytext=(dx * gap, dy * gap),
                    textcoords="offset points",
                    ha=ha,
                    va=va,
                    fontsize=8,
                    color="#111111",
                    zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                    arrowprops=None
                    if abs(dx) <= 1 and abs(dy) <= 1
                    else {
                        "arrowstyle": "-",
                        "color": "#666666",
                        "lw": 0.5,
                        "shrinkA": 0,
                        "shrinkB": 2,
                    },
                )
                box = text.get_window_extent(renderer).expanded(1.04, 1.1)
                inside = axes_box.contains(box.x0, box.y0) and axes_box.contains(box.x1, box.y1)
                clash = any(box.overlaps(other) for other in taken)
                if inside and not clash and strict:
                    hits = (
                        (discs[:, 0] < box.x1)
                        & (discs[:, 2] > box.x0)
                        & (discs[:, 1] < box.y1)
                        & (discs[:, 3] > box.y0)
                    )
                    hits[own] = False
                    clash = bool(hits.any())
                if inside and not clash:
                    taken.append(box)
                    placed.append(text)
                    done = True
                    break
                text.remove()
            if done:
                break
    return placed


def draw_picture(
    graph: nx.MultiDiGraph,
    title: str | None = None,
    n_labels: int = 30,
    seed: int = 42,
    positions: dict | None = None,
) -> tuple[Any, list[Any]]:
    """The matplotlib figure of ``graph`` and the node labels placed on it.

    Node colour is the entity type, node size the degree, edge colour the
    predicate group; labels on the ``n_labels`` most central nodes that fit;
    legends for types and predicates.
    """
    if graph.number_of_nodes() and "degree" not in graph.nodes[next(iter(graph.nodes))]:
        compute_metrics(graph, seed=seed)
    # the page is landscape: spread the (square) layout along x
    pos = {v: (x * 1.3, y) for v, (x, y) in (positions or layout(graph, seed=seed)).items()}
    n = graph.number_of_nodes()
    fig, ax = plt.subplots(figsize=(13, 9.5), dpi=150)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=13, loc="left")
    scale = 1.0 if n <= 200 else max(0.25, math.sqrt(200 / n))
    sizes = {v: scale * (18 + 22 * math.sqrt(graph.nodes[v].get("degree", 0))) for v in graph.nodes}
    directed_arrows = graph.number_of_edges() <= ARROWS_MAX_EDGES
    for group in PREDICATE_GROUPS:
        edges = [
            (u, v, d)
            for u, v, d in graph.edges(data=True)
            if d.get("group", predicate_group("")) == group
        ]
        if not edges:
            continue
        colour = GROUP_COLOURS[group]
        alpha = 0.35 if group == "co-occurrence" else 0.7
        if directed_arrows:
            for u, v, d in edges:
                width = min(0.6 + 0.5 * d.get("weight", 1), 3.0)
                ax.add_patch(
                    FancyArrowPatch(
                        pos[u],
                        pos[v],
                        arrowstyle="-|>" if d.get("directed", True) else "-",
                        mutation_scale=7,
                        color=colour,
                        alpha=alpha,
                        lw=width,
                        shrinkA=math.sqrt(sizes[u]) / 2,
                        shrinkB=math.sqrt(sizes[v]) / 2 + 1,
                        connectionstyle="arc3,rad=0.08",
                        zorder=1,
                    )
                )
        else:
            segments = [(pos[u], pos[v]) for u, v, _ in edges]
            widths = [min(0.3 + 0.3 * d.get("weight", 1), 2.0) for *_, d in edges]
            ax.add_collection(
                LineCollection(
                    segments, colors=colour, linewidths=widths, alpha=alpha * 0.7, zorder=1
                )
            )
    nodes = list(graph.nodes)
    if nodes:
        ax.scatter(
            [pos[v][0] for v in nodes],
            [pos[v][1] for v in nodes],
            s=[sizes[v] for v in nodes],
            c=[type_colour(graph.nodes[v].get("type", "")) for v in nodes],
            edgecolors="white",
            linewidths=0.6,
            zorder=3,
        )
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.08, 1.08)
    fig.tight_layout()
    types_present = [t for t in TYPE_COLOURS if any(d == t for _, d in graph.nodes(data="type"))]
    type_handles = [
        Line2D(
            [],
            [],
            marker="o",
            ls="",
            markersize=8,
            markerfacecolor=TYPE_COLOURS[t],
            markeredgecolor="white",
            label=t,
        )
        for t in types_present
    ]
    groups_present = {d.get("group") for *_, d in graph.edges(data=True)}
    edge_handles = [
        Line2D([], [], color=GROUP_COLOURS[g], lw=2.5, label=g)
        for g in PREDICATE_GROUPS
        if g in groups_present
    ]
    legends = []
    if type_handles:
        first = ax.legend(
            handles=type_handles,
            title="entity type",
            loc="upper left",
            fontsize=8,
            title_fontsize=9,
            framealpha=0.9,
        )
        ax.add_artist(first)
        legends.append(first)
    if edge_handles:
        legends.append(
            ax.legend(
                handles=edge_handles,
                title="relation",
                loc="lower left",
                fontsize=8,
                title_fontsize=9,
                framealpha=0.9,
            )
        )
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    obstacles = [lg.get_window_extent(renderer) for lg in legends]
    labels = _place_labels(ax, fig, pos, graph, sizes, n_labels, obstacles)
    ax.text(
        1.0,
        0.0,
        f"{n} nodes, {graph.number_of_edges()} edges; labels on the {len(labels)} most central nodes",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=7,
        color="#555555",
    )
    return fig, labels


def write_picture(
    graph: nx.MultiDiGraph,
    path: str | Path,
    fmt: str | None = None,
    title: str | None = None,
    n_labels: int = 30,
    seed: int = 42,
    positions: dict | None = None,
) -> Path:
    """Draw ``graph`` (see :func:`draw_picture`) to ``path`` as PNG or SVG (suffix or ``fmt``)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "png").lower()
    if fmt not in ("png", "svg"):
        raise NetworkError(f"cannot draw a picture as {fmt!r}; use png or svg")
    fig, _ = draw_picture(graph, title, n_labels, seed, positions)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(
        path,
        format=fmt,
        dpi=150 if fmt == "png" else None,
        metadata=None if fmt == "png" else {"Date": None},
    )
    plt.close(fig)
    return path
