"""Seeded node positions, computed in Python so the page only has to draw.

The default is a vectorised Fruchterman-Reingold in NumPy with a weak
gravity: networkx's ForceAtlas2 and spring layouts (also available) take tens
of seconds at 2,000 nodes, or need SciPy there.

>>> import networkx as nx
>>> pos = layout(nx.path_graph(4), seed=1)
>>> sorted(pos) == [0, 1, 2, 3] and all(-1.0 <= c <= 1.0 for p in pos.values() for c in p)
True
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

from kg.viz.network import NetworkError


def fruchterman_reingold(
    graph: nx.Graph, seed: int = 42, iterations: int | None = None
) -> dict[Hashable, tuple[float, float]]:
    """Fruchterman-Reingold with a weak gravity (keeps components together).

    Repulsion k^2/d needs no square root on the n x n arrays: its vector is
    delta * k^2 / d^2, which is what keeps 2,000 nodes near 20 ms an iteration.
    """
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array(
        [(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64
    ).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2), dtype=np.float32) - np.float32(0.5)
    k = np.float32(1.0 / np.sqrt(n))
    k2 = k * k
    iterations = iterations or (60 if n > 1000 else 120)
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    gravity = np.float32(0.02 * n * k)
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        inv = dx * dx
        inv += dy * dy
        inv += np.float32(1e-6)
        np.divide(k2, inv, out=inv)
        disp = np.empty_like(pos)
        disp[:, 0] = (dx * inv).sum(axis=1)
        disp[:, 1] = (dy * inv).sum(axis=1)
        if len(edges):
            vec = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt((vec * vec).sum(axis=1))[:, None]
            pull = vec * dist / k
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        centre = pos - pos.mean(axis=0)
        disp -= gravity * centre * np.sqrt((centre * centre).sum(axis=1))[:, None]
        length = np.sqrt((disp * disp).sum(axis=1))
        length[length < 1e-9] = 1e-9
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(nodes)}


def _normalise(
    pos: dict[Hashable, tuple[float, float]],
) -> dict[Hashable, tuple[float, float]]:
    if not pos:
        return {}
    arr = np.array(list(pos.values()), dtype=float)
    arr -= arr.mean(axis=0)
    scale = np.abs(arr).max() or 1.0
    arr /= scale
    return {
        node: (round(float(a), 5), round(float(b), 5))
        for node, (a, b) in zip(pos, arr, strict=True)
    }


def _component_layout(
    graph: nx.Graph, seed: int, method: str
) -> dict[Hashable, tuple[float, float]]:
    n = graph.number_of_nodes()
    if n == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    if n == 2:
        a, b = graph.nodes
        return {a: (-0.5, 0.0), b: (0.5, 0.0)}
    if method == "auto":
        method = "fr"
    if method == "forceatlas2":
        raw = nx.forceatlas2_layout(graph, seed=seed, max_iter=300, scaling_ratio=4.0, gravity=0.5)
        return {node: (float(p[0]), float(p[1])) for node, p in raw.items()}
    if method == "spring":
        raw = nx.spring_layout(graph, seed=seed)
        return {node: (float(p[0]), float(p[1])) for node, p in raw.items()}
    if method == "fr":
        return fruchterman_reingold(graph, seed=seed)
    raise NetworkError(f"unknown layout {method!r}; use auto, forceatlas2, spring or fr")


def _pack(parts: list[dict[Hashable, tuple[float, float]]]) -> dict[Hashable, tuple[float, float]]:
    """Shelf-pack component layouts, each scaled by the square root of its size."""
    boxes = []
    for part in parts:
        arr = np.array(list(part.values()), dtype=float)
        arr -= arr.mean(axis=0)
        if len(arr) > 2:  # widest spread along x: pages and pictures are landscape
            _, _, vt = np.linalg.svd(arr, full_matrices=False)
            arr = arr @ vt.T
        radius = np.abs(arr).max() or 1.0
        arr *= 0.5 * np.sqrt(len(part)) / radius
        lo, hi = arr.min(axis=0), arr.max(axis=0)
        arr -= lo
        size = np.maximum(hi - lo, 0.6) + 0.6  # margin between components
        boxes.append((list(part), arr, size))
    total = sum(float(size[0] * size[1]) for *_, size in boxes)
    row_width = max(float(boxes[0][2][0]), np.sqrt(total) * 1.4)
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, arr, size in boxes:
        if x > 0 and x + size[0] > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (a, b) in zip(nodes, arr, strict=True):
            out[node] = (x + a, -(y + b))
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    return out


def layout(
    graph: nx.Graph, seed: int = 42, method: str = "auto"
) -> dict[Hashable, tuple[float, float]]:
    """Positions in [-1, 1]^2 for every node; the same seed gives the same picture.

    Each connected component is laid out on its own (``method``: ``auto`` or
    ``fr``, ``forceatlas2``, ``spring``), turned so it spreads along x, and the components are packed
    side by side, largest first, so a stray pair does not squeeze the rest.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    if simple.number_of_nodes() == 0:
        return {}
    components = sorted(
        nx.connected_components(simple), key=lambda c: (-len(c), min(str(x) for x in c))
    )
    parts = [_component_layout(simple.subgraph(c).copy(), seed, method) for c in components]
    return _normalise(_pack(parts))
