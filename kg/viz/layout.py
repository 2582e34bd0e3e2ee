"""Seeded node positions, computed in Python so the page only has to draw.

Small networks use networkx's ForceAtlas2; large ones a vectorised
Fruchterman-Reingold in NumPy (networkx's own layouts are O(n^2) Python loops
or need SciPy there, and take tens of seconds at 2,000 nodes).

>>> import networkx as nx
>>> pos = layout(nx.path_graph(4), seed=1)
>>> sorted(pos) == [0, 1, 2, 3] and all(-1.0 <= c <= 1.0 for p in pos.values() for c in p)
True
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx
import numpy as np

#: Above this many nodes the NumPy layout is used instead of ForceAtlas2.
FORCEATLAS2_MAX_NODES = 400


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
    return {node: (round(float(a), 5), round(float(b), 5)) for node, (a, b) in zip(pos, arr)}


def layout(
    graph: nx.Graph, seed: int = 42, method: str = "auto"
) -> dict[Hashable, tuple[float, float]]:
    """Positions in [-1, 1]^2 for every node; the same seed gives the same picture.

    ``method``: ``auto`` (ForceAtlas2 up to :data:`FORCEATLAS2_MAX_NODES`
    nodes, else ``fr``), ``forceatlas2``, ``spring`` (networkx) or ``fr``.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    n = simple.number_of_nodes()
    if method == "auto":
        method = "forceatlas2" if n <= FORCEATLAS2_MAX_NODES else "fr"
    if n == 0:
        return {}
    if method == "forceatlas2":
        raw = nx.forceatlas2_layout(
            simple, seed=seed, max_iter=200, scaling_ratio=2.0, gravity=1.0, strong_gravity=False
        )
        pos = {node: (float(p[0]), float(p[1])) for node, p in raw.items()}
    elif method == "spring":
        raw = nx.spring_layout(simple, seed=seed)
        pos = {node: (float(p[0]), float(p[1])) for node, p in raw.items()}
    elif method == "fr":
        pos = fruchterman_reingold(simple, seed=seed)
    else:
        raise ValueError(f"unknown layout {method!r}; use auto, forceatlas2, spring or fr")
    return _normalise(pos)
