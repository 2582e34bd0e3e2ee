"""Stances read from the store, with their documents, meetings and dates.

One :class:`Stance` per ``kg:Statement`` of a stance predicate (supports,
opposes, concernedAbout, requested), read by the shipped query
``queries/stances.rq`` with the holder and/or target bound. Each stance is
dated by its meeting's first day, else by its letter's date, and placed at the
meeting its sentence names, else at the meeting its letter reports on.

>>> from kg.answers.sample import sample_store
>>> store = sample_store()
>>> found = load_stances(store, holder="Nederland")
>>> [(s.stance, s.target_label, s.issue_or_target) for s in found][:1]
[('supports', 'Terugkeerverordening', 'een snel akkoord over de Terugkeerverordening')]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import pyoxigraph as ox

from kg.errors import ConfigError
from kg.graph.query import bind_value, run_query
from kg.graph.rdf import sparql_prefixes
from kg.graph.store import KnowledgeGraph

#: The stance predicates, in the order reports and legends list them.
STANCES = ("supports", "opposes", "concernedAbout", "requested")
#: How a stance reads in a sentence ("Nederland supported ...").
STANCE_VERBS = {
    "supports": "supported",
    "opposes": "opposed",
    "concernedAbout": "was concerned about",
    "requested": "asked for",
}


def check_range(date_from: date | None, date_to: date | None) -> None:
    """Refuse a date range that ends before it starts.

    >>> check_range(date(2025, 2, 1), date(2025, 1, 1))
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: --from 2025-02-01 is after --to 2025-01-01
    """
    if date_from and date_to and date_from > date_to:
        raise ConfigError(f"--from {date_from} is after --to {date_to}")


_PREFIXES = sparql_prefixes("kg", "rdfs", "skos", "owl", "dcterms", "foaf")

# The documents a set of stances comes from: title, date, official page, identifier
# and the meetings they report on (one row per meeting). ?document is bound.
_Q_DOCUMENT = (
    _PREFIXES
    + """SELECT ?document ?title ?date ?page ?identifier ?number ?dossier ?meeting ?source WHERE {
  GRAPH ?document {
    ?document a kg:SourceDocument .
    OPTIONAL { ?document dcterms:title ?title }
    OPTIONAL { ?document dcterms:date ?date }
    OPTIONAL { ?document foaf:page ?page }
    OPTIONAL { ?document dcterms:identifier ?identifier }
    OPTIONAL { ?document kg:documentNumber ?number }
    OPTIONAL { ?document kg:dossier ?dossier }
    OPTIONAL { ?document kg:reportsOn|kg:prepares ?meeting }
    OPTIONAL { ?document kg:sourcePath ?source }
  }
}"""
)

# A meeting's labels and days (one row per pair); ?meeting is bound.
_Q_MEETING = (
    _PREFIXES
    + """SELECT ?meeting ?label ?day WHERE {
  ?meeting a kg:Meeting .
  OPTIONAL { ?meeting rdfs:label ?label }
  OPTIONAL { ?meeting kg:onDate ?day }
}"""
)

# What the graph says about one entity: labels, types, links out; ?entity is bound.
_Q_ENTITY = (
    _PREFIXES
    + """SELECT ?entity ?label ?type ?link WHERE {
  { ?entity rdfs:label|skos:prefLabel ?label }
  UNION { ?entity a ?type FILTER(STRSTARTS(STR(?type), STR(kg:))) }
  UNION { ?entity owl:sameAs|skos:exactMatch|rdfs:seeAlso ?link FILTER(isIRI(?link)) }
}"""
)


@dataclass(frozen=True)
class DocumentInfo:
    """A letter a stance was read from, with its official page where the graph knows it."""

    iri: str
    title: str = ""
    date: date | None = None
    page: str | None = None
    identifier: str | None = None
    number: str | None = None
    dossier: str | None = None
    source: str | None = None
    meetings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """A short name: the identifier, else the document's id (its IRI's last part).

        >>> DocumentInfo("https://w3id.org/kg-eu/doc/kst-32317-970").name
        'kst-32317-970'
        """
        return self.identifier or self.iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class MeetingInfo:
    """A meeting: its label and its first day."""

    iri: str
    label: str = ""
    date: date | None = None


@dataclass(frozen=True)
class EntityInfo:
    """An entity: label, type and links out (Wikidata, EU authority tables, ELI)."""

    iri: str
    label: str
    type: str = ""
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stance:
    """One stance with everything a reader needs to check it.

    ``issue`` is the object phrase as written, when the extraction read one;
    :attr:`issue_or_target` falls back to the target's label.
    """

    holder: str
    holder_label: str
    holder_type: str
    stance: str
    target: str
    target_label: str
    target_type: str
    evidence: str
    document: DocumentInfo
    statement: str = ""
    issue: str | None = None
    start: int | None = None
    end: int | None = None
    meeting: MeetingInfo | None = None
    condition: str | None = None
    rule: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def date(self) -> date | None:
        """The meeting's first day, else the letter's date."""
        if self.meeting is not None and self.meeting.date is not None:
            return self.meeting.date
        return self.document.date

    @property
    def issue_or_target(self) -> str:
        """The issue phrase where one was read, else the target's label."""
        return self.issue or self.target_label

    def sort_key(self) -> tuple[Any, ...]:
        """Time order; undated stances last; then meeting, document, position."""
        day = self.date
        return (
            day is None,
            day or date.min,
            self.meeting.label if self.meeting else "",
            self.document.iri,
            self.start if self.start is not None else -1,
            STANCES.index(self.stance) if self.stance in STANCES else 9,
            self.target_label,
        )

    def to_json(self) -> dict[str, Any]:
        """A plain dict with full IRIs and ISO dates (for JSON output)."""
        doc = asdict(self.document)
        doc["date"] = self.document.date.isoformat() if self.document.date else None
        doc["meetings"] = list(self.document.meetings)
        meeting = None
        if self.meeting is not None:
            meeting = {
                "iri": self.meeting.iri,
                "label": self.meeting.label,
                "date": self.meeting.date.isoformat() if self.meeting.date else None,
            }
        return {
            "date": self.date.isoformat() if self.date else None,
            "holder": {"iri": self.holder, "label": self.holder_label, "type": self.holder_type},
            "stance": self.stance,
            "target": {"iri": self.target, "label": self.target_label, "type": self.target_type},
            "issue": self.issue,
            "evidence": {"text": self.evidence, "start": self.start, "end": self.end},
            "condition": self.condition,
            "rule": self.rule,
            "meeting": meeting,
            "document": doc,
            "statement": self.statement,
        }


def _value(term: Any) -> str | None:
    return None if term is None else term.value


def _day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _label_rank(term: Any) -> tuple[int, str]:
    """Dutch first (the letters' language), then untagged, then others."""
    lang = getattr(term, "language", None) or ""
    return ({"nl": 0, "": 1}.get(lang, 2), term.value)


def resolve_entity(store: KnowledgeGraph, name: str) -> str:
    """An entity's IRI from an IRI, a prefixed name or a label (most mentioned first).

    Raises :class:`kg.errors.QueryError` when nothing in the graph has that name.
    """
    return bind_value(store, "entity", "entity", name).value


def entity_info(store: KnowledgeGraph, iri: str) -> EntityInfo:
    """Label, type and links out of one entity (the label falls back to the IRI's end)."""
    labels: list[Any] = []
    types: set[str] = set()
    links: set[str] = set()
    for row in store.query(_Q_ENTITY, {"entity": ox.NamedNode(iri)}):
        if row["label"] is not None:
            labels.append(row["label"])
        if row["type"] is not None:
            types.add(row["type"].value.rsplit("#", 1)[-1])
        if row["link"] is not None:
            links.add(row["link"].value)
    label = min(labels, key=_label_rank).value if labels else iri.rstrip("/").rsplit("/", 1)[-1]
    types.discard("Entity")
    return EntityInfo(iri, label, sorted(types)[0] if types else "", tuple(sorted(links)))


class _Lookup:
    """Documents and meetings read once each, however many stances point at them."""

    def __init__(self, store: KnowledgeGraph) -> None:
        self.store = store
        self.documents: dict[str, DocumentInfo] = {}
        self.meetings: dict[str, MeetingInfo] = {}

    def document(self, iri: str) -> DocumentInfo:
        if iri not in self.documents:
            values: dict[str, str] = {}
            meetings: list[str] = []
            for row in self.store.query(_Q_DOCUMENT, {"document": ox.NamedNode(iri)}):
                for key in ("title", "date", "page", "identifier", "number", "dossier", "source"):
                    if row[key] is not None and key not in values:
                        values[key] = row[key].value
                m = _value(row["meeting"])
                if m and m not in meetings:
                    meetings.append(m)
            self.documents[iri] = DocumentInfo(
                iri,
                title=values.get("title", ""),
                date=_day(values.get("date")),
                page=values.get("page"),
                identifier=values.get("identifier"),
                number=values.get("number"),
                dossier=values.get("dossier"),
                source=values.get("source"),
                meetings=tuple(sorted(meetings)),
            )
        return self.documents[iri]

    def meeting(self, iri: str) -> MeetingInfo:
        if iri not in self.meetings:
            labels: list[Any] = []
            days: list[date] = []
            for row in self.store.query(_Q_MEETING, {"meeting": ox.NamedNode(iri)}):
                if row["label"] is not None:
                    labels.append(row["label"])
                day = _day(_value(row["day"]))
                if day:
                    days.append(day)
            label = min(labels, key=_label_rank).value if labels else iri.rsplit("/", 1)[-1]
            self.meetings[iri] = MeetingInfo(iri, label, min(days) if days else None)
        return self.meetings[iri]


def load_stances(
    store: KnowledgeGraph,
    *,
    holder: str | None = None,
    target: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> list[Stance]:
    """The stances of ``holder`` and/or on ``target`` (IRIs, prefixed names or labels), in time order.

    ``date_from``/``date_to`` (inclusive) keep the stances dated within the
    range; an undated stance is kept only when no range is given.
    """
    params: dict[str, str] = {}
    if holder:
        params["holder"] = holder
    if target:
        params["target"] = target
    result = run_query(store, "stances", params)
    lookup = _Lookup(store)
    out: list[Stance] = []
    seen: set[tuple[str | None, ...]] = set()
    for row in result.records():
        statement = row["statement"] or ""
        # one stance per sentence: two rules reading a sentence alike, or a sentence the
        # letter repeats (a question quoted above its answer), give one stance
        key = tuple(row[k] for k in ("holder", "stance", "target", "document", "evidence"))
        if key in seen:
            continue
        seen.add(key)
        doc = lookup.document(row["document"] or "")
        meeting_iri = row["meeting"] or (doc.meetings[0] if len(doc.meetings) == 1 else None)
        stance = Stance(
            holder=row["holder"] or "",
            holder_label=row["holderLabel"] or (row["holder"] or "").rsplit("/", 1)[-1],
            holder_type=row["holderType"] or "",
            stance=row["stance"] or "",
            target=row["target"] or "",
            target_label=row["targetLabel"] or (row["target"] or "").rsplit("/", 1)[-1],
            target_type=row["targetType"] or "",
            evidence=row["evidence"] or "",
            document=doc,
            statement=statement,
            issue=row["issue"] or None,
            start=_int(row["start"]),
            end=_int(row["end"]),
            meeting=lookup.meeting(meeting_iri) if meeting_iri else None,
            condition=row["condition"] or None,
            rule=row["rule"] or None,
        )
        if date_from or date_to:
            day = stance.date
            if day is None or not (date_from or date.min) <= day <= (date_to or date.max):
                continue
        out.append(stance)
    out.sort(key=Stance.sort_key)
    return out
