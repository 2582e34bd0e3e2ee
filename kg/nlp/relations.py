"""The ``kg_relations`` spaCy component: stances and letter relations, with provenance.

It runs last, after the linker left ``doc.spans["kg_mentions"]`` (label = entity
type, kb_id = entity IRI), and writes ``doc._.kg_relations``: a list of
:class:`kg.extraction.Relation`, each with its evidence sentence, offsets and
rule id. The letter itself (``doc.user_data["kg_document"]``) supplies the
signature block, addressee, headings and footnotes.

>>> import spacy
>>> nlp = spacy.blank("nl")
>>> _ = nlp.add_pipe("sentencizer")
>>> _ = nlp.add_pipe("kg_relations")
>>> doc = nlp.make_doc("Nederland steunt Frontex.")
>>> doc.spans["kg_mentions"] = [doc.char_span(0, 9, label="State", kb_id="nl"),
...                             doc.char_span(17, 24, label="Agency", kb_id="fx")]
>>> [(r.subject, r.predicate, r.object, r.rule) for r in nlp(doc)._.kg_relations]
[('nl', 'supports', 'fx', 'stance.nl.steun')]
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction import Relation
from kg.iri import ENTITY_TYPES
from kg.nlp.doc_relations import document_relations
from kg.nlp.patterns import doc_text
from kg.nlp.relation_rules import STANCE_PREDICATES, load_stance_rules
from kg.nlp.stances import Span, find_stances

if not Doc.has_extension("kg_relations"):
    Doc.set_extension("kg_relations", default=None)

MENTIONS_KEY = "kg_mentions"


class RelationComponent:
    """Reads relations off the linked mentions of a Doc."""

    def __init__(
        self, nlp: Language, name: str = "kg_relations", *, lang: str | None = None
    ) -> None:
        self.name = name
        self.lang = lang or nlp.lang
        self.rules = [r for r in load_stance_rules() if r.lang == self.lang]

    def __call__(self, doc: Doc) -> Doc:
        relations = self.relations(doc)
        entities = getattr(doc._, "kg_entities", None)
        if entities is not None:
            relations = _with_implicit_entities(relations, entities, self.lang)
        doc._.kg_relations = relations
        return doc

    def relations(self, doc: Doc) -> list[Relation]:
        entities = getattr(doc._, "kg_entities", None) or {}
        spans = _spans(doc, entities)
        sentences = _sentences(doc)
        document = doc.user_data.get("kg_document")
        headings = (
            [(b.start, b.end) for b in document.blocks if b.kind in ("heading", "title")]
            if document is not None
            else []
        )
        text = doc_text(doc)  # Doc.text rebuilds the string from the tokens on every access
        found = find_stances(
            text,
            sentences,
            spans,
            headings,
            self.lang,
            self.rules,
            _questioner(text, spans),
        )
        if document is not None and document.text == text:
            found.extend(document_relations(document, spans, sentences, _find_known_entity))
        _place_at_meetings(found, spans)
        return found


def _place_at_meetings(relations: list[Relation], spans: list[Span]) -> None:
    """The meeting a stance was taken at: one the sentence names, else the one the
    letter reports on or announces."""
    reported = next((r.object for r in relations if r.predicate in ("reportsOn", "prepares")), None)
    meetings = [s for s in spans if s.type == "Meeting"]
    for rel in relations:
        if rel.predicate not in STANCE_PREDICATES or rel.meeting:
            continue
        named = [
            m.iri
            for m in meetings
            if rel.evidence.start <= m.start < rel.evidence.end and m.iri != rel.object
        ]
        rel.meeting = named[0] if len(set(named)) == 1 else reported


_QUESTIONS_BY = re.compile(
    r"ragen\s+(?:gesteld\s+)?(?:van|door)\s+(?:het\s+|de\s+)?(?:kamer)?(?:lid|leden)\s+",
    re.IGNORECASE,
)
_MEETING_PREFIX = re.compile(
    r"^(?:(?:de|het|een|the|extra|ingelaste|informele|formele|volgende|vorige|"
    r"buitengewone|informal|formal|extraordinary|next)\s+)+",
    re.IGNORECASE,
)
_MEETING_TAIL = re.compile(r"\s+(?:van|op|in|te|d\.d\.|of|on)\s+|\s+\d|\s*[,(]")


def _spans(doc: Doc, entities: dict) -> list[Span]:
    """The linked mentions, at their exact character offsets.

    The linker's mentions are exact ("VS" in "VS-sancties"), while spaCy spans
    snap to tokens; without linker entities (a bare pipeline) the spans serve.
    """
    if entities:
        return sorted(
            (
                Span(
                    m.start,
                    m.end,
                    e.type,
                    e.id,
                    m.text,
                    kind="demonym" if m.rule.endswith("demonym") else _venue(e.id),
                    body=_meeting_body(m.text, e) if e.type == "Meeting" else "",
                )
                for e in entities.values()
                for m in e.mentions
            ),
            key=lambda sp: (sp.start, -sp.end),
        )
    return [
        Span(s.start_char, s.end_char, s.label_, s.kb_id_, s.text, kind=_kind(s, None))
        for s in doc.spans.get(MENTIONS_KEY, [])
        if s.kb_id_
    ]


def _venue(iri: str) -> str:
    return "venue" if iri in _venue_iris() else ""


_VENUE_LABELS = ("Raad van de EU", "Europese Raad", "Eurogroep", "Europees Parlement")


@lru_cache(maxsize=1)
def _venue_iris() -> frozenset[str]:
    """Bodies whose meetings are where positions are taken, not what they are about."""
    return frozenset(filter(None, (_find_known_entity(label) for label in _VENUE_LABELS)))


def _kind(span: object, entity: object) -> str:
    if getattr(span, "id_", "") == "demonym":
        return "demonym"
    if getattr(span, "kb_id_", "") in _venue_iris():
        return "venue"
    entity_mentions = getattr(entity, "mentions", None) or []
    start = getattr(span, "start_char", -1)
    for mention in entity_mentions:
        if mention.start == start and mention.rule.endswith("demonym"):
            return "demonym"
    return ""


def _questioner(text: str, spans: list[Span]) -> str | None:
    """The member who asks, in a document of written questions ("Vragen van het lid X")."""
    for match in _QUESTIONS_BY.finditer(text, 0, 3000):
        if not re.search(r"(?:\b|kamer)v$", text[max(0, match.start() - 6) : match.start()], re.I):
            continue  # "(Kamer)vragen van het lid X", not "ondervragen"
        for span in spans:
            if span.end > match.end() and span.type in ("Person", "Minister"):
                if span.start - match.end() < 40:
                    return span.iri
                break
    return None


def _meeting_body(surface: str, entity: object) -> str:
    """The body that meets: "Europese Raad van 14-15 december" -> the European Council."""
    attributes = getattr(entity, "attributes", None) or {}
    if attributes.get("body"):
        # a configuration (the JBZ-Raad) meets as the Council of the EU, which holds its stances
        body = _reference().get(str(attributes["body"]))
        if body is not None and body.type == "CouncilConfiguration" and body.member_of:
            return body.member_of
        return str(attributes["body"])
    name = _MEETING_TAIL.split(_MEETING_PREFIX.sub("", surface.strip()), maxsplit=1)[0]
    return _body_of(name) or ""


@lru_cache(maxsize=1024)
def _body_of(name: str) -> str | None:
    for found in _reference().search(name):
        if found.type == "Agency":
            return found.iri
        if found.type == "CouncilConfiguration" and found.member_of:
            return found.member_of
    return None


def _with_implicit_entities(
    relations: list[Relation], entities: dict, lang: str = "nl"
) -> list[Relation]:
    """Add the known entities a relation implies but the text does not name.

    "Hoge Vertegenwoordiger Borrell" holds a post in the European Union even
    when the letter never names the Union; the Union joins the document's
    entities without mentions (``attributes["implicit"]``), so every relation
    ends at an entity of the extraction. It is labelled in the document's language.
    """
    from kg.extraction import Entity

    reference = _reference()
    kept = []
    for rel in relations:
        ok = True
        for iri in (rel.subject, rel.object):
            if iri == "@document" or iri in entities:
                continue
            known = reference.get(iri)
            if known is None or known.type not in _ENTITY_TYPES:
                ok = False
                break
            entities[iri] = Entity(
                id=iri,
                label=known.labels.get(lang, known.label),
                type=known.type,
                same_as=list(known.same_as),
                known=True,
                attributes={"implicit": True},
            )
        if ok:
            kept.append(rel)
    return kept


_ENTITY_TYPES = frozenset(ENTITY_TYPES)


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    if doc.has_annotation("SENT_START"):
        return [(s.start_char, s.end_char) for s in doc.sents]
    return [(0, len(doc.text))]


@lru_cache(maxsize=1)
def _reference():  # -> ReferenceData, loaded once per process
    from kg.reference import load_reference

    return load_reference()


@lru_cache(maxsize=4096)
def _find_known_entity(label: str) -> str | None:
    """The IRI of the reference entity with exactly this label or alias."""
    found = _reference().search(label)
    return found[0].iri if found else None


@Language.factory("kg_relations", default_config={})
def make_relation_component(nlp: Language, name: str) -> RelationComponent:
    """spaCy factory: ``nlp.add_pipe("kg_relations")``."""
    return RelationComponent(nlp, name)
