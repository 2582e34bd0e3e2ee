"""kg.viz without a browser: the page is self-contained, pictures and Gephi files are complete."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from test_network import seed_extraction, toy_extractions

from kg.viz import render
from kg.viz.html import page_data, render_html
from kg.viz.layout import layout
from kg.viz.network import (
    NetworkError,
    NetworkFilter,
    build_network,
    compute_metrics,
    from_extractions,
    synthetic_input,
)


@pytest.fixture(scope="module")
def seed_graph() -> nx.MultiDiGraph:
    g = build_network(from_extractions([seed_extraction()]))
    compute_metrics(g)
    return g


def test_page_is_one_file_that_references_nothing_outside(seed_graph):
    page = render_html(seed_graph, title="Seed <letter>")
    # no URL the browser could fetch: no src/href attributes, no url(), no @import
    assert not re.search(r"\b(src|href)\s*=", page)
    assert "url(" not in page and "@import" not in page
    assert "default-src 'none'" in page  # the page itself forbids every request
    assert "<title>Seed &lt;letter&gt;</title>" in page
    # IRIs appear only inside the escaped JSON data, never as markup
    data_block = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S
    )
    assert data_block and "</" not in data_block.group(1)
    outside = page.replace(data_block.group(1), "")
    assert not re.search(r"https?:", outside)


def test_page_data_has_every_node_edge_and_evidence(seed_graph):
    data = page_data(seed_graph)
    assert len(data["nodes"]) == seed_graph.number_of_nodes()
    assert len(data["edges"]) == seed_graph.number_of_edges()
    nl = next(n for n in data["nodes"] if n["l"] == "Nederland")
    assert data["types"][nl["t"]][0] == "State" and nl["deg"] > 20
    assert all(-1.0 <= n["x"] <= 1.0 and -1.0 <= n["y"] <= 1.0 for n in data["nodes"])
    groups = [g for g, _ in data["groups"]]
    opposes = [e for e in data["edges"] if e["p"] == "opposes"]
    assert opposes and all(groups[e["g"]] == "opposes" for e in opposes)
    assert all(e["ev"] and e["ev"][0]["text"] and e["ev"][0]["title"] for e in data["edges"])
    # the data round-trips through the page unchanged
    page = render_html(seed_graph)
    raw = re.search(r'id="kg-data">(.*?)</script>', page, re.S).group(1)
    assert json.loads(raw)["nodes"][0]["l"] == data["nodes"][0]["l"]


def test_layout_is_seeded_and_keeps_components_apart():
    g = build_network(from_extractions(toy_extractions()))
    assert layout(g, seed=3) == layout(g, seed=3)
    big = build_network(synthetic_input(600))
    pos = layout(big, seed=1)
    assert len(pos) == 600 and len(set(pos.values())) == 600


def test_png_and_svg_pictures(seed_graph, artifacts_dir: Path):
    png = render(seed_graph, artifacts_dir / "seed-network.png", title="Seed letter")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 50_000
    svg = render(seed_graph, artifacts_dir / "seed-network.svg", title="Seed letter")
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "Nederland" in text and "entity type" in text


def test_gephi_files_keep_every_attribute(seed_graph, tmp_path):
    graphml = nx.read_graphml(render(seed_graph, tmp_path / "n.graphml"))
    assert graphml.number_of_nodes() == seed_graph.number_of_nodes()
    assert graphml.number_of_edges() == seed_graph.number_of_edges()
    node = next(d for _, d in graphml.nodes(data=True) if d["label"] == "Nederland")
    assert {"type", "iri", "mentions", "documents", "degree", "betweenness", "community"} <= set(
        node
    )
    edge = next(d for *_, d in graphml.edges(data=True) if d["predicate"] == "opposes")
    assert edge["weight"] >= 1 and json.loads(edge["evidence_json"])[0]["text"] in edge["evidence"]
    gexf = nx.read_gexf(render(seed_graph, tmp_path / "n.gexf"))
    assert gexf.number_of_nodes() == seed_graph.number_of_nodes()
    assert gexf.number_of_edges() == seed_graph.number_of_edges()
    assert "viz" in next(iter(gexf.nodes(data=True)))[1]


def test_unknown_format_is_a_library_error(seed_graph, tmp_path):
    with pytest.raises(NetworkError, match="unknown output format"):
        render(seed_graph, tmp_path / "n.pdf")


def test_filtered_page_shows_only_the_filtered_network(tmp_path):
    g = build_network(from_extractions(toy_extractions()), NetworkFilter(ego="Frontex"))
    data = page_data(g)
    assert {n["l"] for n in data["nodes"]} == {"Frontex", "Nederland", "Duitsland"}


def test_picture_labels_the_central_nodes_without_piling_them(seed_graph):
    import matplotlib.pyplot as plt

    from kg.viz.network import top_entities
    from kg.viz.static import draw_picture, label_order

    fig, labels = draw_picture(seed_graph, title="Seed letter")
    try:
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in labels]
        texts = [t.get_text() for t in labels]
        assert len(labels) >= 20
        for i, a in enumerate(boxes):
            for j in range(i):
                assert not a.overlaps(boxes[j]), (texts[i], texts[j])
        entities = [r for r in top_entities(seed_graph, 10) if r["type"] != "SourceDocument"]
        for row in entities[:3]:
            assert any(row["label"].startswith(t.rstrip("…")) for t in texts), row["label"]
        # the ends of stance edges are labelled before any document
        stance_ends = {
            n
            for u, v, d in seed_graph.edges(data=True)
            if d.get("group") in ("supports", "opposes", "concern", "request")
            for n in (u, v)
        }
        order = label_order(seed_graph)
        last_end = max(i for i, n in enumerate(order) if n in stance_ends)
        docs = [
            i for i, n in enumerate(order) if seed_graph.nodes[n].get("type") == "SourceDocument"
        ]
        assert all(i > last_end for i in docs)
    finally:
        plt.close(fig)
