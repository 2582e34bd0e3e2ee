"""Score extractions against gold files, exactly as gold/GUIDELINES.md defines.

Scoring is document-level and set-based. An extracted entity matches a gold
entity when the types are equal and one of its label or surface forms equals
the gold label or one of its aliases after :func:`normalise`. Each gold entity
is matched at most once (a maximum bipartite matching, so the result does not
depend on order); a second extracted entity of the same type that matches an
already matched gold entity is a false positive. Optional gold items are
neither rewarded nor punished. Relations are scored the same way, on triples
whose ends map to gold entities (or ``@document``).

>>> normalise("  de Europese Commissie, ")
'europese commissie'
>>> gold = GoldDocument("d.txt", [GoldEntity("Nederland", "State", ("Nederlandse",))], [])
>>> ext = [ExtractedEntity("e1", "State", ("Nederlandse",))]
>>> score_document(gold, ext, []).entities.f1
1.0
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import EvaluationError
from kg.extraction import DOCUMENT_SUBJECT, SCORED_PREDICATES, STANCE_PREDICATES, Extraction

_ARTICLES = ("de", "het", "een", "the")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Case folded, accents removed, leading article and surrounding punctuation dropped.

    >>> normalise("Het Agentschap")
    'agentschap'
    >>> normalise("Oekraïne.")
    'oekraine'
    >>> normalise("«The Netherlands»")
    'netherlands'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _strip_punct(_SPACE.sub(" ", text))
    head, _, rest = text.partition(" ")
    if rest and head in _ARTICLES:
        text = _strip_punct(rest)
    return text


def _strip_punct(text: str) -> str:
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class GoldEntity:
    label: str
    type: str | None  # None for a relation end that names no listed entity
    aliases: tuple[str, ...] = ()
    optional: bool = False

    def keys(self) -> set[str]:
        return {normalise(s) for s in (self.label, *self.aliases)} - {""}


@dataclass(frozen=True)
class GoldRelation:
    subject: str
    predicate: str
    object: str
    optional: bool = False


@dataclass
class GoldDocument:
    document: str
    entities: list[GoldEntity]
    relations: list[GoldRelation]


@dataclass(frozen=True)
class ExtractedEntity:
    id: str
    type: str
    forms: tuple[str, ...]  # label and every surface form
    label: str = ""
    #: Implied by a relation, never named in the text: it can end a relation but
    #: is not itself an entity found in the document.
    implicit: bool = False

    def keys(self) -> set[str]:
        return {normalise(s) for s in self.forms} - {""}


@dataclass(frozen=True)
class ExtractedRelation:
    subject: str  # entity id or "@document"
    predicate: str
    object: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocumentScore:
    document: str
    entities: Counts = field(default_factory=Counts)
    relations: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_predicate: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    missed_entities: list[str] = field(default_factory=list)
    spurious_entities: list[str] = field(default_factory=list)
    missed_relations: list[str] = field(default_factory=list)
    spurious_relations: list[str] = field(default_factory=list)


@dataclass
class Score:
    """Micro-averaged scores over all documents, with the per-document detail."""

    documents: list[DocumentScore]
    entities: Counts = field(default_factory=Counts)
    relations: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_predicate: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))

    @property
    def stances(self) -> Counts:
        """The four stance predicates together (supports, opposes, concernedAbout, requested)."""
        total = Counts()
        for predicate in STANCE_PREDICATES:
            total.add(self.by_predicate.get(predicate, Counts()))
        return total

    @classmethod
    def combine(cls, documents: list[DocumentScore]) -> Score:
        total = cls(documents=documents)
        for doc in documents:
            total.entities.add(doc.entities)
            total.relations.add(doc.relations)
            for key, counts in doc.by_type.items():
                total.by_type[key].add(counts)
            for key, counts in doc.by_predicate.items():
                total.by_predicate[key].add(counts)
        return total

    def to_json(self) -> dict[str, Any]:
        return {
            "entities": self.entities.to_json(),
            "relations": self.relations.to_json(),
            "stances": self.stances.to_json(),
            "by_type": {k: v.to_json() for k, v in sorted(self.by_type.items())},
            "by_predicate": {k: v.to_json() for k, v in sorted(self.by_predicate.items())},
            "documents": [
                {
                    "document": d.document,
                    "entities": d.entities.to_json(),
                    "relations": d.relations.to_json(),
                    "missed_entities": d.missed_entities,
                    "spurious_entities": d.spurious_entities,
                    "missed_relations": d.missed_relations,
                    "spurious_relations": d.spurious_relations,
                }
                for d in self.documents
            ],
        }


# --------------------------------------------------------------------------- loading


def load_gold(path: Path) -> GoldDocument:
    """Read one ``*.gold.json`` file; a malformed file raises :class:`EvaluationError`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entities = [
            GoldEntity(
                label=e["label"],
                type=e["type"],
                aliases=tuple(e.get("aliases") or ()),
                optional=bool(e.get("optional", False)),
            )
            for e in data["entities"]
        ]
        relations = [
            GoldRelation(r["subject"], r["predicate"], r["object"], bool(r.get("optional", False)))
            for r in data.get("relations", [])
        ]
        return GoldDocument(str(data["document"]), entities, relations)
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise EvaluationError(f"{path}: not a valid gold file ({err})") from err


def load_gold_dir(directory: Path) -> dict[str, GoldDocument]:
    """All gold files of a folder, keyed by the file name of the text they annotate."""
    if not directory.is_dir():
        raise EvaluationError(f"{directory}: gold folder not found")
    golds = {}
    for path in sorted(directory.glob("*.gold.json")):
        gold = load_gold(path)
        golds[Path(gold.document).name] = gold
    if not golds:
        raise EvaluationError(f"{directory}: no *.gold.json files")
    return golds


def from_extraction(
    extraction: Extraction,
) -> tuple[list[ExtractedEntity], list[ExtractedRelation]]:
    """The scorer's view of an :class:`~kg.extraction.Extraction`."""
    entities = [
        ExtractedEntity(
            id=e.id,
            type=e.type,
            forms=tuple(dict.fromkeys([e.label, *(m.text for m in e.mentions)])),
            label=e.label,
            implicit=not e.mentions,
        )
        for e in extraction.entities
    ]
    relations = [ExtractedRelation(r.subject, r.predicate, r.object) for r in extraction.relations]
    return entities, relations


def from_json_document(
    data: dict[str, Any],
) -> tuple[list[ExtractedEntity], list[ExtractedRelation]]:
    """The scorer's view of one document of the ``kg extract --format json`` contract."""
    entities = [
        ExtractedEntity(
            id=e["id"],
            type=e["type"],
            forms=tuple(dict.fromkeys([e["label"], *(m["text"] for m in e.get("mentions", []))])),
            label=e["label"],
            implicit=not e.get("mentions"),
        )
        for e in data["entities"]
    ]
    relations = [
        ExtractedRelation(r["subject"], r["predicate"], r["object"]) for r in data["relations"]
    ]
    return entities, relations


# --------------------------------------------------------------------------- matching


def _max_matching(
    candidates: dict[int, list[int]], taken: set[int] | None = None
) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): left index -> right index."""
    match_right: dict[int, int] = {}
    blocked = taken or set()

    def augment(left: int, seen: set[int]) -> bool:
        for right in candidates.get(left, ()):
            if right in seen or right in blocked:
                continue
            seen.add(right)
            if right not in match_right or augment(match_right[right], seen):
                match_right[right] = left
                return True
        return False

    for left in candidates:
        augment(left, set())
    return {left: right for right, left in match_right.items()}


def _two_stage_match(
    candidates: dict[int, list[int]], optional: Sequence[bool]
) -> tuple[dict[int, int], set[int]]:
    """Match required gold items first, then optional ones.

    Returns the matching (extracted -> gold) and the extracted items that are
    neutral (matched to an optional gold item). Unmatched extracted items are
    false positives, whether or not they match an already matched gold item.
    """
    required = {k: [g for g in v if not optional[g]] for k, v in candidates.items()}
    first = _max_matching({k: v for k, v in required.items() if v})
    rest = {k: [g for g in v if optional[g]] for k, v in candidates.items() if k not in first}
    second = _max_matching({k: v for k, v in rest.items() if v})
    return {**first, **second}, set(second)


def score_document(
    gold: GoldDocument,
    entities: Sequence[ExtractedEntity],
    relations: Iterable[ExtractedRelation],
) -> DocumentScore:
    """Score one document's extraction against its gold annotation."""
    result = DocumentScore(gold.document)
    golds = list(gold.entities)
    gold_keys = [g.keys() for g in golds]

    # Entities ---------------------------------------------------------------
    named = [e for e in entities if not e.implicit]
    candidates: dict[int, list[int]] = {}
    for i, ent in enumerate(named):
        keys = ent.keys()
        candidates[i] = [
            j for j, g in enumerate(golds) if g.type == ent.type and keys & gold_keys[j]
        ]
    matching, _neutral = _two_stage_match(candidates, [g.optional for g in golds])

    def describe_entity(ent: ExtractedEntity) -> str:
        forms = ", ".join(sorted(set(ent.forms) - {ent.label})[:4])
        return f"{ent.type}: {ent.label or ent.id}" + (f" ({forms})" if forms else "")

    _tally(
        [(g.optional, g.type or "?", f"{g.type}: {g.label}") for g in golds],
        [(e.type, describe_entity(e)) for e in named],
        matching,
        result.entities,
        result.by_type,
        result.missed_entities,
        result.spurious_entities,
    )

    # Relations --------------------------------------------------------------
    by_label = {normalise(g.label): j for j, g in enumerate(golds)}
    rel_golds = list(gold.relations)

    def gold_end(label: str) -> GoldEntity | str:
        if label == DOCUMENT_SUBJECT:
            return DOCUMENT_SUBJECT
        j = by_label.get(normalise(label))
        return golds[j] if j is not None else GoldEntity(label, None)

    ends = [(gold_end(r.subject), gold_end(r.object)) for r in rel_golds]
    ent_by_id = {e.id: e for e in entities}

    def end_matches(extracted: str, gold_end_: GoldEntity | str) -> bool:
        if isinstance(gold_end_, str) or extracted == DOCUMENT_SUBJECT:
            return extracted == gold_end_
        ent = ent_by_id.get(extracted)
        if ent is None:
            return False
        if gold_end_.type is not None and ent.type != gold_end_.type:
            return False
        return bool(ent.keys() & gold_end_.keys())

    # Only the predicates the guidelines define are scored; others (reportsOn ...) are extra.
    unique = [r for r in dict.fromkeys(relations) if r.predicate in SCORED_PREDICATES]
    rel_candidates = {
        i: [
            j
            for j, r in enumerate(rel_golds)
            if r.predicate == rel.predicate
            and end_matches(rel.subject, ends[j][0])
            and end_matches(rel.object, ends[j][1])
        ]
        for i, rel in enumerate(unique)
    }
    rel_matching, _ = _two_stage_match(rel_candidates, [r.optional for r in rel_golds])
    _tally(
        [
            (r.optional, r.predicate, f"{r.subject} --{r.predicate}--> {r.object}")
            for r in rel_golds
        ],
        [
            (
                r.predicate,
                f"{_name(r.subject, ent_by_id)} --{r.predicate}--> {_name(r.object, ent_by_id)}",
            )
            for r in unique
        ],
        rel_matching,
        result.relations,
        result.by_predicate,
        result.missed_relations,
        result.spurious_relations,
    )
    return result


def _tally(
    golds: list[tuple[bool, str, str]],
    extracted: list[tuple[str, str]],
    matching: dict[int, int],
    total: Counts,
    per_key: dict[str, Counts],
    missed: list[str],
    spurious: list[str],
) -> None:
    """Count a matching: gold items are (optional, key, description), extracted ones
    (key, description). Matched required gold items are true positives, unmatched
    ones false negatives; extracted items left unmatched are false positives."""
    matched = set(matching.values())
    for j, (optional, key, description) in enumerate(golds):
        if optional:
            continue
        if j in matched:
            per_key[key].tp += 1
            total.tp += 1
        else:
            per_key[key].fn += 1
            total.fn += 1
            missed.append(description)
    for i, (key, description) in enumerate(extracted):
        if i not in matching:
            per_key[key].fp += 1
            total.fp += 1
            spurious.append(description)


def _name(iri: str, ents: dict[str, ExtractedEntity]) -> str:
    ent = ents.get(iri)
    return ent.label if ent else iri


def score(
    golds: dict[str, GoldDocument],
    extracted: dict[str, tuple[list[ExtractedEntity], list[ExtractedRelation]]],
) -> Score:
    """Score documents (keyed by file name) that have a gold file; others are ignored."""
    scores = []
    for name, (entities, relations) in sorted(extracted.items()):
        gold = golds.get(Path(name).name)
        if gold is not None:
            scores.append(score_document(gold, entities, relations))
    if not scores:
        raise EvaluationError("none of the given documents has a gold file")
    return Score.combine(scores)


def evaluate_files(gold_dir: Path, files: Sequence[Path]) -> Score:
    """Ingest and extract ``files`` with the real pipeline, then score against ``gold_dir``."""
    from kg.ingest import ingest_path
    from kg.nlp.extract import extract

    golds = load_gold_dir(gold_dir)
    extracted = {}
    for path in files:
        if Path(path).name not in golds:
            continue
        extraction = extract(ingest_path(path))
        extracted[Path(path).name] = from_extraction(extraction)
    return score(golds, extracted)


def format_report(result: Score, details: bool = True) -> str:
    """A plain-text report; its last lines are the overall summary."""
    lines: list[str] = []
    if details:
        for doc in result.documents:
            lines.append(
                f"== {doc.document}: entities F1 {doc.entities.f1:.3f}, "
                f"relations F1 {doc.relations.f1:.3f}"
            )
            for title, items in (
                ("missed entity", doc.missed_entities),
                ("spurious entity", doc.spurious_entities),
                ("missed relation", doc.missed_relations),
                ("spurious relation", doc.spurious_relations),
            ):
                lines.extend(f"   {title}: {item}" for item in items)
        lines.append("")
    lines.append(f"{'':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for name, counts in sorted(result.by_type.items()):
        lines.append(_row(f"entity {name}", counts))
    for name, counts in sorted(result.by_predicate.items()):
        lines.append(_row(f"relation {name}", counts))
    lines.append("")
    lines.append(f"documents scored: {len(result.documents)}")
    lines.append(_row("ENTITIES", result.entities))
    lines.append(_row("RELATIONS", result.relations))
    lines.append(_row("  of which STANCES", result.stances))
    return "\n".join(lines)


def _row(name: str, c: Counts) -> str:
    return f"{name:24} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}"
