"""Draw the ontology (ontology/kg.ttl) as an SVG class diagram: docs/images/ontology.svg.

Run ``make ontology-figure`` (or ``python docs/_build_tools/ontology_figure.py``) after
changing kg.ttl and commit the picture. Classes, labels, object properties and their
declared ends (``rdfs:domain``/``rdfs:range`` or ``schema:domainIncludes``/
``schema:rangeIncludes``) come from the file; only the places of the boxes are set here.
Ends kg.ttl leaves open are drawn dashed, as the builders use them (``OPEN_ENDS``).

>>> model = read_model()
>>> "State" in model.entity_types and "Statement" in model.classes
True
>>> ("SourceDocument", "Meeting") in {(e.source, e.target) for e in edges(model)}
True
>>> svg = draw(model)
>>> svg.startswith("<svg") and "supports" in svg and "CouncilConfiguration" in svg
True
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.config import VOCAB, ontology_dir

ROOT = Path(__file__).resolve().parents[2]
KG = rdflib.Namespace(VOCAB)
SCHEMA = rdflib.Namespace("https://schema.org/")
OUT = ROOT / "docs" / "images" / "ontology.svg"

#: Ends that kg.ttl leaves open (a property without domain or range), as kg fills them.
OPEN_ENDS: dict[str, tuple[list[str], list[str]]] = {
    "inDocument": (["Statement", "Sentence", "Mention"], ["SourceDocument"]),
    "heldBy": (["Post", "Presidency"], ["Entity"]),
    "organisation": (["Post"], ["Agency"]),
    "publishedAs": (["Motion"], ["Document"]),
    "memberOf": (["Entity", "CouncilConfiguration"], ["Agency"]),
    "heldIn": (["Meeting"], ["State"]),
}
#: Terms of other vocabularies the graph uses between our classes.
BORROWED = [
    ("Statement", "Entity", "rdf:subject, rdf:object"),
    ("SourceDocument", "Dossier", "dcterms:isPartOf"),
    ("Build", "SourceDocument", "prov:generated, prov:invalidated"),
]
#: Top-left corners of the boxes; the nine entity types sit in the Entity box.
PLACES = {
    "Build": (330, 40),
    "SourceDocument": (330, 346),
    "Dossier": (330, 600),
    "Statement": (30, 90),
    "Sentence": (30, 330),
    "Mention": (30, 500),
    "Footnote": (30, 660),
    "CouncilConfiguration": (1150, 168),
    "Post": (1150, 340),
    "Presidency": (1150, 500),
}
#: Rows of the nine types: those with arrows from the left (Meeting) on the left,
#: Agency on the right beside the Council configurations and posts.
GRID = [
    "State",
    "Regulation",
    "Agency",
    "Meeting",
    "Minister",
    "Person",
    "Document",
    "Motion",
    "Initiative",
]
#: Pairs drawn as a line of text instead of an arrow (they would cross the Entity box).
LISTED = {
    ("Meeting", "CouncilConfiguration"),
    ("Dossier", "CouncilConfiguration"),
    ("Dossier", "Agency"),
}
#: Properties between entities whose types the list under the box names.
INNER_TYPED = {"cosignatory", "submittedBy"}
ENTITY_BOX = (650, 120, 420, 430)  # x, y, width, height
BOX_W, BOX_H, TYPE_W, TYPE_H = 200, 54, 120, 44
WIDTH, HEIGHT = 1400, 800


@dataclass
class Model:
    """Classes (name -> English label), the entity types and the object properties."""

    classes: dict[str, str] = field(default_factory=dict)
    entity_types: list[str] = field(default_factory=list)
    #: property -> (domains, ranges, declared in kg.ttl)
    properties: dict[str, tuple[list[str], list[str], bool]] = field(default_factory=dict)
    #: class -> datatype properties with that class as their declared domain
    attributes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _local(term: rdflib.term.Node) -> str:
    return str(term).rsplit("#", 1)[-1]


def _ours(terms: list[rdflib.term.Node]) -> list[str]:
    return [_local(t) for t in terms if str(t).startswith(str(KG))]


def read_model(path: Path = ontology_dir() / "kg.ttl") -> Model:
    """The classes and properties of ``path``."""
    graph = rdflib.Graph().parse(path)
    model = Model()
    for cls in graph.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(KG)):
            label = graph.value(cls, RDFS.label, default=None, any=True)
            english = [o for o in graph.objects(cls, RDFS.label) if o.language == "en"]
            model.classes[_local(cls)] = str(english[0] if english else label or "")
            if (cls, RDFS.subClassOf, KG.Entity) in graph:
                model.entity_types.append(_local(cls))
    for kind in (OWL.ObjectProperty, RDF.Property, OWL.DatatypeProperty):
        for prop in graph.subjects(RDF.type, kind):
            if not str(prop).startswith(str(KG)):
                continue
            domains = _ours(
                [*graph.objects(prop, RDFS.domain), *graph.objects(prop, SCHEMA.domainIncludes)]
            )
            ranges = _ours(
                [*graph.objects(prop, RDFS.range), *graph.objects(prop, SCHEMA.rangeIncludes)]
            )
            name = _local(prop)
            if kind == OWL.DatatypeProperty:
                for domain in domains:
                    model.attributes[domain].append(name)
                continue
            declared = bool(domains and ranges)
            if not declared and name in OPEN_ENDS:
                domains, ranges = domains or OPEN_ENDS[name][0], ranges or OPEN_ENDS[name][1]
            parent = [
                _local(p)
                for p in graph.objects(prop, RDFS.subPropertyOf)
                if str(p).startswith(str(KG))
            ]
            if parent and not domains and parent[0] in model.properties:
                domains, ranges = model.properties[parent[0]][:2]
            model.properties[name] = (domains, ranges, declared)
    # sub-properties of kg:stance take its ends (they may be read before it)
    stance = model.properties.get("stance")
    for name, (domains, ranges, _declared) in list(model.properties.items()):
        if (
            not domains
            and not ranges
            and stance
            and name in {"supports", "opposes", "concernedAbout", "requested"}
        ):
            model.properties[name] = (stance[0], stance[1], True)
    return model


@dataclass(frozen=True)
class Edge:
    """An arrow between two boxes with the properties it stands for."""

    source: str
    target: str
    label: str
    dashed: bool = False
    borrowed: bool = False


def edges(model: Model) -> list[Edge]:
    """Arrows, one per pair of boxes; several entity types on one end become the Entity box."""
    grouped: dict[tuple[str, str], list[tuple[str, bool]]] = defaultdict(list)
    for name, (domains, ranges, declared) in sorted(model.properties.items()):
        if name == "stance":
            continue
        sources = _ends(domains, model)
        targets = _ends(ranges, model)
        for source in sources:
            for target in targets:
                grouped[(source, target)].append((_named(name, ranges, target, model), declared))
    out = [
        Edge(s, t, ", ".join(n for n, _ in names), dashed=not all(d for _, d in names))
        for (s, t), names in grouped.items()
    ]
    out += [Edge(s, t, label, borrowed=True) for s, t, label in BORROWED]
    return out


def _ends(names: list[str], model: Model) -> list[str]:
    types = [n for n in names if n in model.entity_types]
    others = [n for n in names if n not in model.entity_types]
    if len(types) > 1:
        others.append("Entity")
    elif types:
        others.append(types[0])
    return others or ["Entity"]


def _named(name: str, ranges: list[str], target: str, model: Model) -> str:
    types = [r for r in ranges if r in model.entity_types]
    if target == "Entity" and 1 < len(types) < len(model.entity_types) and name in INNER_TYPED:
        return f"{name} ({'/'.join(types)})"
    return name


def _centre(name: str, model: Model) -> tuple[float, float]:
    if name == "Entity":
        x, y, w, h = ENTITY_BOX
        return x + w / 2, y + h / 2
    if name in model.entity_types:
        x, y = _type_place(name, model)
        return x + TYPE_W / 2, y + TYPE_H / 2
    x, y = PLACES.get(name, (WIDTH - BOX_W - 20, HEIGHT - BOX_H - 20))
    return x + BOX_W / 2, y + BOX_H / 2


def _size(name: str, model: Model) -> tuple[float, float]:
    if name == "Entity":
        return ENTITY_BOX[2], ENTITY_BOX[3]
    if name in model.entity_types:
        return TYPE_W, TYPE_H
    return BOX_W, BOX_H


def _type_place(name: str, model: Model) -> tuple[float, float]:
    order = [t for t in GRID if t in model.entity_types]
    order += [t for t in model.entity_types if t not in order]
    i = order.index(name)
    x, y, _, _ = ENTITY_BOX
    return x + 15 + (i % 3) * (TYPE_W + 15), y + 60 + (i // 3) * (TYPE_H + 70)


def _border_point(name: str, toward: tuple[float, float], model: Model) -> tuple[float, float]:
    """Where the line from the box's centre toward a point leaves the box."""
    if name == "Entity":  # arrows meet the big box level with where they come from
        x, y, w, h = ENTITY_BOX
        if y + 10 < toward[1] < y + h - 10:
            return (x if toward[0] < x else x + w), toward[1]
    cx, cy = _centre(name, model)
    w, h = _size(name, model)
    dx, dy = toward[0] - cx, toward[1] - cy
    if dx == 0 and dy == 0:
        return cx, cy
    scale = min(w / 2 / abs(dx) if dx else float("inf"), h / 2 / abs(dy) if dy else float("inf"))
    return cx + dx * scale, cy + dy * scale


def _text(x: float, y: float, text: str, size: int = 13, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}"{extra}>{html.escape(text)}</text>'


def _class_box(name: str, x: float, y: float, w: float, h: float, label: str, fill: str) -> str:
    return (
        f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="6" fill="{fill}" stroke="#444"/>'
        + _text(
            x + w / 2, y + h / 2 - 2, f"kg:{name}", 14, text_anchor="middle", font_weight="bold"
        )
        + _text(
            x + w / 2,
            y + h / 2 + 14,
            label,
            11,
            text_anchor="middle",
            fill="#555",
            font_style="italic",
        )
    )


def draw(model: Model) -> str:
    """The SVG text of the class diagram."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#333"/>'
        "</marker></defs>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        _text(
            20,
            24,
            "The kg ontology (ontology/kg.ttl): classes and object properties",
            16,
            font_weight="bold",
        ),
    ]
    x, y, w, h = ENTITY_BOX
    parts.append(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#eef4fb" stroke="#3a6ea5"/>'
    )
    parts.append(
        _text(
            x + w / 2,
            y + 24,
            "kg:Entity: exactly one of nine types",
            14,
            text_anchor="middle",
            font_weight="bold",
        )
    )
    for name in model.entity_types:
        tx, ty = _type_place(name, model)
        parts.append(_class_box(name, tx, ty, TYPE_W, TYPE_H, model.classes[name], "#ffffff"))
    for name, label in model.classes.items():
        if name == "Entity" or name in model.entity_types:
            continue
        bx, by = PLACES.get(name, (WIDTH - BOX_W - 20, HEIGHT - BOX_H - 20))
        parts.append(_class_box(name, bx, by, BOX_W, BOX_H, label, "#fdf6e3"))
        attrs = model.attributes.get(name, [])
        if attrs:
            parts.append(_text(bx + 6, by + BOX_H + 14, ", ".join(attrs)[:60], 10, fill="#666"))
    loops: list[Edge] = []
    for edge in edges(model):
        inner = _inside(edge.source, model) and _inside(edge.target, model)
        if edge.source == edge.target or inner or (edge.source, edge.target) in LISTED:
            loops.append(edge)
            continue
        parts.append(_arrow(edge, model))
    parts.append(_inner_relations(loops))
    parts.append(
        _text(
            20,
            HEIGHT - 16,
            "solid: ends declared in kg.ttl; dashed: ends kg.ttl leaves open, as kg uses them; "
            "grey: terms of RDF, Dublin Core and PROV-O. Every relation also has a kg:Statement with its evidence.",
            11,
            fill="#555",
        )
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _inside(name: str, model: Model) -> bool:
    return name == "Entity" or name in model.entity_types


def _arrow(edge: Edge, model: Model) -> str:
    start = _border_point(edge.source, _centre(edge.target, model), model)
    end = _border_point(edge.target, start, model)
    if edge.source == "Entity":
        start = _border_point(edge.source, end, model)
    colour = "#999" if edge.borrowed else "#333"
    dash = ' stroke-dasharray="6 4"' if edge.dashed or edge.borrowed else ""
    line = (
        f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" '
        f'stroke="{colour}" stroke-width="1.4"{dash} marker-end="url(#arrow)"/>'
    )
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    labels = _wrap(edge.label, 28)
    anchor = "middle"
    top = my - 4 - (len(labels) - 1) * 6  # centred on the line
    if abs(end[1] - start[1]) < 40:  # a level arrow: its label under the line
        top = my + 15
    elif abs(end[0] - start[0]) < 10:  # an upright one: beside the line, near its head
        mx, anchor = mx + 6, "start"
        top = start[1] + 0.75 * (end[1] - start[1]) - (len(labels) - 1) * 6
    text = "".join(
        _text(
            mx,
            top + i * 13,
            part,
            11,
            text_anchor=anchor,
            fill="#1a1a1a" if not edge.borrowed else "#777",
            paint_order="stroke",
            stroke="white",
            stroke_width="3",
        )
        for i, part in enumerate(labels)
    )
    return line + text


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    words = []
    for item in text.split(", "):  # a long "name (Type/Type/...)" breaks before its types
        words += item.replace(" (", "\n(").split("\n") if len(item) > width else [item]
    for word in words:
        candidate = f"{current}, {word}" if current else word
        if len(candidate) > width and current:
            lines.append(current + ",")
            current = word
        else:
            current = candidate
    return [*lines, current]


def _inner_relations(loops: list[Edge]) -> str:
    """Relations between entities, listed under the Entity box instead of 30 crossing arrows."""
    x, y, w, h = ENTITY_BOX
    rows = [
        _text(
            x + 10, y + h + 22, "between entities, and not drawn as arrows:", 12, font_weight="bold"
        )
    ]
    for i, edge in enumerate(sorted(loops, key=lambda e: (e.source, e.target))):
        rows.append(
            _text(
                x + 10,
                y + h + 40 + i * 15,
                f"{edge.source} → {edge.target}: {edge.label}",
                11,
                fill="#222",
            )
        )
    return "".join(rows)


def main() -> None:
    """Write docs/images/ontology.svg from ontology/kg.ttl."""
    OUT.write_text(draw(read_model()), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
