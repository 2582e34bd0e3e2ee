"""The example graph (examples/letters through the real pipeline), built once per test process.

Tests that only read open the built store read-only; tests that write get a copy.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.compare import isomorphic, to_isomorphic

from kg.document import Document, Metadata
from kg.extraction import Entity, Evidence, Extraction, Mention, Relation
from kg.graph.rdf import graph_iri
from kg.graph.store import KnowledgeGraph

REPO = Path(__file__).resolve().parent.parent
LETTERS = REPO / "examples" / "letters"
DATA = Path(__file__).parent / "data" / "graph"

NL = "https://w3id.org/kg-eu/entity/state/nederland"
BE = "https://w3id.org/kg-eu/entity/state/belgie"
FRONTEX = "https://w3id.org/kg-eu/entity/agency/frontex"
BLOK = "https://w3id.org/kg-eu/entity/minister/s-a-blok"
TERUGKEER = "https://w3id.org/kg-eu/entity/regulation/terugkeerverordening"
KG = "https://w3id.org/kg-eu/ontology#"


@lru_cache(maxsize=1)
def example_store_dir() -> Path:
    """A folder holding the store built from examples/letters with kg.graph.build (once)."""
    from kg.graph.build import build

    root = Path(tempfile.mkdtemp(prefix="kg-example-"))
    atexit.register(shutil.rmtree, root, True)
    path = root / "store"
    with KnowledgeGraph(path) as kg:
        report = build([LETTERS], kg)
    assert not report.failed, report.failed
    assert len(report.added) == len(list(LETTERS.glob("*.txt")))
    return path


def copy_example_store(target: Path) -> Path:
    """A private, writable copy of the example store."""
    shutil.copytree(example_store_dir(), target, ignore=shutil.ignore_patterns("kg.lock"))
    return target


def named_graphs(kg: KnowledgeGraph, skip_builds: bool = True) -> dict[str, rdflib.Graph]:
    """Every named graph of the store as an rdflib Graph (build records left out)."""
    from kg.graph.rdf import to_rdflib

    out: dict[str, rdflib.Graph] = {}
    builds = graph_iri("builds", kg.base)
    for name in kg.graph_names():
        if skip_builds and name == builds:
            continue
        g = rdflib.Graph()
        for t in kg.graph_triples(name):
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        out[name] = g
    return out


def same_graphs(a: dict[str, rdflib.Graph], b: dict[str, rdflib.Graph]) -> list[str]:
    """Names of graphs that differ (missing on one side, or not isomorphic)."""
    differ = sorted(set(a) ^ set(b))
    for name in sorted(set(a) & set(b)):
        if not isomorphic(to_isomorphic(a[name]), to_isomorphic(b[name])):
            differ.append(name)
    return differ


def tiny_extraction(doc_id: str = "tiny-1", text: str | None = None) -> Extraction:
    """A hand-built extraction: Nederland supports Frontex, the letter signed by S.A. Blok."""
    text = text or (
        "Nederland steunt de herziening van het mandaat van Frontex. "
        "Belgie is bezorgd.\nDe minister van Buitenlandse Zaken,\nS.A. Blok"
    )
    doc = Document(
        id=doc_id,
        source=f"{doc_id}.txt",
        text=text,
        meta=Metadata(number="1", dossier="21 501-02", title="Brief", language="nl"),
    )
    s1 = text.index("Nederland")
    e1 = text.index("Frontex.") + len("Frontex.")
    blok = text.index("S.A. Blok")
    return Extraction(
        document=doc,
        entities=[
            Entity(NL, "Nederland", "State", [Mention("Nederland", s1, s1 + 9)], known=True),
            Entity(
                FRONTEX,
                "Frontex",
                "Agency",
                [Mention("Frontex", e1 - 8, e1 - 1)],
                same_as=["http://www.wikidata.org/entity/Q1128522"],
            ),
            Entity(BE, "België", "State", [Mention("Belgie", e1 + 1, e1 + 7)]),
            Entity(BLOK, "S.A. Blok", "Minister", [Mention("S.A. Blok", blok, blok + 9)]),
        ],
        relations=[
            Relation(NL, "supports", FRONTEX, "stance.steunt", Evidence(text[s1:e1], s1, e1)),
            Relation(
                "@document",
                "signedBy",
                BLOK,
                "document.signature",
                Evidence(text[blok : blok + 9], blok, blok + 9),
            ),
        ],
    )
