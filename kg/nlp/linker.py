"""``kg_linker``: from candidate mentions to entities, one node per thing.

It takes the gazetteer's and the pattern rules' candidates, turns council
names with a date into meetings, adds anaphora ("het kabinet", "het
Voorzitterschap", "het Agentschap", "de Hoge Vertegenwoordiger"), keeps the
best of overlapping candidates, and links each mention to one entity:

- a reference entity by IRI (a Council configuration named without a date
  stands for the Council of the EU it is part of);
- persons by name variant ("F. van Oosten", "Van Oosten", "minister Van
  Oosten"), an office without a name ("de Minister van Buitenlandse Zaken")
  to whoever signs the letter with it;
- everything else by type and normalised name, with a deterministic IRI
  (:func:`kg.iri.entity_iri`), so the same name is the same node everywhere.

It leaves ``doc.spans["kg_mentions"]`` (label = type, kb_id = IRI; sorted,
non-overlapping) and ``doc._.kg_entities`` (IRI -> :class:`kg.extraction.Entity`).

>>> from kg.nlp.pipeline import make_pipeline
>>> nlp = make_pipeline("nl", relations=False)
>>> doc = nlp("De Commissie en de Duitse minister spraken. Het kabinet steunt de Commissie.")
>>> sorted(e.label for e in doc._.kg_entities.values())
['Duitsland', 'Europese Commissie', 'Nederland']
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.errors import RuleError
from kg.extraction import Entity, Mention
from kg.iri import entity_iri
from kg.nlp.builders import ref_search
from kg.nlp.candidates import (
    Candidate,
    Occupancy,
    drop_runs_past_known_names,
    select_non_overlapping,
)
from kg.nlp.dates import has_day, parse_dates
from kg.nlp.gazetteer import GAZETTEER_KEY
from kg.nlp.meetings import extend_meeting, meeting_key, meeting_label
from kg.nlp.patterns import PATTERNS_KEY, doc_text, document_date
from kg.nlp.rules import RULES_DIR, load_rules
from kg.record.citations import cited_document_iri, cited_paper, motion_paper_iri
from kg.record.sessions import session_name
from kg.reference import ReferenceData, load_reference
from kg.reference import normalise as _normalise

MENTIONS_KEY = "kg_mentions"
_INITIAL = re.compile(r"^(?:[A-Z][a-z]?\.)+$")
_LEFT_BOUNDARY = "(?<![\\w-])"
_AS_PLACE = re.compile(r"(?:\b[Ii]n|\bte|\bnaar|\buit|\bvanuit|\bin)\s+$")
#: A generic name ("Pact", "Parlement", "Handvest") that a name goes on to qualify names
#: something else: "Pact voor het Middellandse Zeegebied", "Handvest van de Verenigde Naties".
_NAMED_OTHER = re.compile(
    r"\s+(?:voor|van|inzake|for|on|of)\s+(?:(?:de|het|der|the)\s+)?[A-ZÀ-ÖØ-Þ][\w-]*[a-zà-ÿ]"
)
_COMPOUND_PREFIX = re.compile(r"([A-Z][A-Za-z]{1,11})-(?=[a-zà-ÿ])")
#: "EU-lidstaten", "VN-secretaris-generaal": such prefixes are modifiers, not the organisation.
_GENERIC_PREFIXES = frozenset({"EU", "Euro", "VN", "NAVO", "NATO", "UN"})
_OPEN_BRACKET = re.compile(
    r"\s*\((?:(?:hierna(?: te noemen)?|hereinafter|hereafter)[:,]?\s+)?(?:de\s+|het\s+|the\s+)?"
)
_EXTENSION = re.compile(r" (?:in|van|voor|over|op|for|of|in de|van de) ")
_IRI_PREFIX = re.compile(r"https?://\S*/")
_FOOTNOTE_NR = re.compile(r"nr\.?\s*(\d+)")
_DEMONYM_GAP = re.compile(r"[\s-]*(?:EU-)?\s*")
_MONTHS = ("", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")  # fmt: skip
_MEETING_BODIES = ("Europese Raad", "Eurogroep", "Eurotop", "Euro Summit", "Europese Top")


#: The gold normalisation of a name, remembered (names recur within and across documents).
normalise = lru_cache(maxsize=65536)(_normalise)


@dataclass(frozen=True)
class Anaphor:
    """A name that points at one entity in context (kg/nlp/rules/anaphora.jsonl)."""

    id: str
    regex: re.Pattern[str]
    target: str
    type: str
    lang: tuple[str, ...]
    title: str = ""
    not_after_demonym: bool = False
    requires: tuple[str, ...] = ()
    bounded: bool = False


@cache
def load_anaphora(path: Path | None = None) -> tuple[Anaphor, ...]:
    """Load and validate the anaphora rules.

    >>> any(a.target == "@presidency" for a in load_anaphora())
    True
    """
    path = path or RULES_DIR / "anaphora.jsonl"
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        where = f"{path.name}:{n}"
        try:
            obj = json.loads(line)
            source = obj["regex"]
            # a leading word-boundary lookbehind keeps re from scanning fast for the
            # first letter; it is checked in Python instead (see Linker._anaphora)
            bounded = source.startswith(_LEFT_BOUNDARY)
            regex = re.compile(source.removeprefix(_LEFT_BOUNDARY))
            target, typ, rid = obj["target"], obj["type"], obj["id"]
        except (json.JSONDecodeError, KeyError, re.error, TypeError) as err:
            raise RuleError(f"{where}: bad anaphora rule: {err}") from err
        if target.startswith("@") and target not in ("@presidency", "@last_agency", "@title"):
            raise RuleError(f"{where}: unknown target {target!r}")
        out.append(
            Anaphor(rid, regex, target, typ, tuple(obj.get("lang", ["nl", "en"])),
                    obj.get("title", ""), bool(obj.get("not_after_demonym", False)),
                    tuple(obj.get("requires", ())), bounded)
        )  # fmt: skip
    return tuple(out)


@dataclass
class _Node:
    """An entity being assembled."""

    key: str
    type: str
    iri: str | None = None
    labels: list[str] = field(default_factory=list)
    mentions: list[Candidate] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


def _name_tokens(name: str) -> tuple[str, ...]:
    """A person's name without initials and first-name guesses, lower case.

    >>> _name_tokens("D.M. van Weel"), _name_tokens("minister Van Weel")
    (('van', 'weel'), ('minister', 'van', 'weel'))
    """
    return tuple(w.lower() for w in name.replace("’", "'").split() if not _INITIAL.match(w))


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if not a or not b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return long[-len(short) :] == short


def _glued_left(text: str, pos: int, extra: str = "", hyphen: bool = True) -> bool:
    """Whether ``text[pos]`` continues a word (so a name cannot start there).

    >>> _glued_left("EU-LISA", 3), _glued_left("de EES", 3), _glued_left("EU-Voorzitterschap", 3, hyphen=False)
    (True, False, False)
    """
    if pos == 0:
        return False
    ch = text[pos - 1]
    return ch.isalnum() or (hyphen and ch == "-") or (bool(extra) and ch in extra)


#: Titles that may name other entities inside them, and what they may name.
_TITLE_TYPES = frozenset({"Regulation", "Initiative", "Meeting"})
_PART_TYPES = frozenset({"Agency", "State", "Regulation", "Initiative"})
_PART_RULES = frozenset(
    {"gazetteer.label", "gazetteer.alias", "gazetteer.abbreviation", "gazetteer.compound",
     "regulation.en_named", "regulation.place_treaty"}
)  # fmt: skip


_OBJECT_OF = re.compile(r"(?:to|of|on|bij|van|tot|op) (?:the|het|de) $")


def _policy_area(name: str, label: str) -> bool:
    """A ministry's short name is its policy area: "Defensie-industrie" is the defence
    industry, "Justitie-ketens" the justice chain, not the ministry.

    >>> _policy_area("Defensie", "Ministerie van Defensie"), _policy_area("BZ", "Ministerie van Buitenlandse Zaken")
    (True, False)
    """
    return (
        label.lower().startswith(("ministerie van ", "ministry of "))
        and name.lower() in label.lower()
    )


def _nest_named_parts(selected: list[Candidate], cands: list[Candidate], text: str) -> None:
    """Entities named inside a title found by a rule become its children: "samenwerking
    tussen Eurojust en derde landen" names Eurojust, "protocol to the Cybercrime
    Convention" the convention (demonyms and ambiguous names inside a title do not count).

    >>> text = "second additional protocol to the Cybercrime Convention"
    >>> title = Candidate(0, len(text), "Regulation", "regulation.protocol", 70, "t")
    >>> part = Candidate(34, len(text), "Regulation", "regulation.en_named", 68, "c")
    >>> _nest_named_parts([title], [title, part], text); [c.name for c in title.children]
    ['c']
    """
    titles = [
        c
        for c in selected
        if c.type in _TITLE_TYPES
        and not c.rule.startswith(("gazetteer", "meeting."))
        or c.rule == "meeting.summit"
    ]
    if not titles:
        return
    parts = sorted(
        (c for c in cands if c.type in _PART_TYPES and c.rule in _PART_RULES), key=lambda c: c.start
    )
    starts = [c.start for c in parts]
    for title in titles:
        taken = {(c.start, c.end) for c in title.children}
        i = bisect_left(starts, title.start)
        while i < len(parts) and parts[i].start < title.end:
            part = parts[i]
            i += 1
            if part.end > title.end or part.length == title.length:
                continue
            if (part.start, part.end) in taken:
                continue
            if part.type == title.type and not _OBJECT_OF.search(
                text, max(title.start, part.start - 12), part.start
            ):
                continue  # "Wijziging Verordening X voor Europol" is the act X, changed
            if any(p.start <= part.start and part.end <= p.end for p in title.children):
                continue
            taken.add((part.start, part.end))
            title.children.append(
                Candidate(part.start, part.end, part.type, part.rule, part.priority, part.name,
                          iri=part.iri, key=part.key, attrs=dict(part.attrs))
            )  # fmt: skip


class Linker:
    """Links candidate mentions to entities (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "kg_linker", *, lang: str = "nl") -> None:
        self.name = name
        self.lang = lang
        self.ref: ReferenceData = load_reference()
        self.rules = load_rules()
        self.anaphora = [a for a in load_anaphora() if lang in a.lang]
        self.meeting_bodies = {
            e.iri for e in self.ref.entities.values() if e.type == "CouncilConfiguration"
        }
        for body in _MEETING_BODIES:
            for e in ref_search(self.ref, body):
                if e.type == "Agency":
                    self.meeting_bodies.add(e.iri)
        self.demonyms = {
            d for e in self.ref.entities.values() if e.type == "State" for d in e.demonyms
        }
        for ext in ("kg_entities", "kg_relations"):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=None)

    # ------------------------------------------------------------------ candidates

    def _signatories(self, doc: Doc) -> list[Candidate]:
        document = doc.user_data.get("kg_document")
        out: list[Candidate] = []
        if document is None:
            return out
        for sig in document.meta.signatories:
            if not (0 <= sig.start < sig.end <= len(doc_text(doc))):
                continue
            office = sig.office or ""
            typ = (
                "Minister" if re.search(r"minist|staatssecret|premier", office, re.I) else "Person"
            )
            text = doc_text(doc)[sig.start : sig.end]
            out.append(
                Candidate(sig.start, sig.end, typ, "signature", 90, " ".join(text.split()),
                          attrs={"office": office, "title": office})
            )  # fmt: skip
        return out

    def _meetings(
        self, cands: list[Candidate], text: str, ref_date: date | None
    ) -> list[Candidate]:
        """Meeting candidates for council names followed by a date."""
        out: list[Candidate] = []
        bodies = sorted((c for c in cands if c.iri in self.meeting_bodies), key=lambda c: c.start)
        for i, c in enumerate(bodies):
            ext = extend_meeting(text, c.start, c.end)
            if ext is None:
                # "Eurogroep en Ecofinraad van 13 en 14 juni 2019": one date each
                nxt = bodies[i + 1] if i + 1 < len(bodies) else None
                if nxt and re.fullmatch(r"\s+en\s+", text[c.end : nxt.start]):
                    ext2 = extend_meeting(text, nxt.start, nxt.end)
                    if ext2:
                        dates = parse_dates(ext2.date_text, ref_date)
                        if len(dates) >= 2:
                            out.append(
                                self._meeting(c, c.start, c.end, (dates[0],), ext2.date_text, text)
                            )
                continue
            dates = parse_dates(ext.date_text, ref_date)
            if not dates:
                continue
            prev = bodies[i - 1] if i else None
            if prev and re.fullmatch(r"\s+en\s+", text[prev.end : c.start]) and len(dates) >= 2:
                dates = dates[1:]
                out.append(self._meeting(c, c.start, ext.end, dates, ext.date_text, text))
                continue
            out.append(self._meeting(c, ext.start, ext.end, dates, ext.date_text, text))
        return out

    def _meeting(self, body: Candidate, start: int, end: int, dates: tuple[date, ...],
                 date_text: str, text: str) -> Candidate:  # fmt: skip
        name = " ".join(text[body.start : body.end].split())
        label = meeting_label(name, dates, date_text, self.lang)
        inner = Candidate(body.start, body.end, body.type, body.rule, body.priority, body.name,
                          iri=body.iri, attrs=dict(body.attrs))  # fmt: skip
        return Candidate(
            start, end, "Meeting", "meeting.council", 95, label,
            key=meeting_key(body.iri or name, dates, date_text),
            attrs={"dates": [d.isoformat() for d in dates], "body": body.iri,
                   "day": has_day(date_text)},
            children=[inner],
        )  # fmt: skip

    def _document_meeting(
        self, doc: Doc, cands: list[Candidate], ref_date: date | None
    ) -> list[Candidate]:
        document = doc.user_data.get("kg_document")
        if document is None or document.meta.meeting is None:
            return []
        mref = document.meta.meeting
        if not mref.dates or not (0 <= mref.start < mref.end <= len(doc_text(doc))):
            return []
        if any(c.type == "Meeting" and c.start < mref.end and mref.start < c.end for c in cands):
            return []
        body = next(
            (e for e in ref_search(self.ref, mref.name) if e.iri in self.meeting_bodies), None
        )
        body_id = body.iri if body else mref.name
        when = mref.dates[0]
        return [
            Candidate(
                mref.start, mref.end, "Meeting", "meeting.document", 94,
                meeting_label(mref.name, tuple(mref.dates), f"{when.day} {_MONTHS[when.month]}", self.lang),
                key=f"meeting:{body_id}:{when.isoformat()}",
                attrs={"dates": [d.isoformat() for d in mref.dates], "body": body.iri if body else None,
                       "day": True},
            )
        ]  # fmt: skip

    def _compound_prefixes(self, text: str) -> list[Candidate]:
        """A known abbreviation as the first part of a compound: "IMF-initiatieven"."""
        out = []
        for m in _COMPOUND_PREFIX.finditer(text):
            abbr = m.group(1)
            if abbr in _GENERIC_PREFIXES or _glued_left(text, m.start()):
                continue
            for ent in ref_search(self.ref, abbr):
                # "IMF-initiatieven", "Eurojust-mandaat": an abbreviation or a one-word name
                named = abbr in ent.abbreviations or abbr == ent.label or abbr in ent.aliases
                if (
                    named
                    and abbr not in ent.ambiguous
                    and ent.type in ("Agency", "State", "Initiative")
                    and not _policy_area(abbr, ent.label)
                ):
                    out.append(
                        Candidate(m.start(1), m.end(1), ent.type, "gazetteer.compound", 45, abbr,
                                  iri=ent.iri, attrs={"kind": "abbreviation"})
                    )  # fmt: skip
                    break
        return out

    def _anaphora(self, text: str) -> list[Candidate]:
        out = []
        for a in self.anaphora:
            if a.requires and not any(w in text for w in a.requires):
                continue
            for m in a.regex.finditer(text):
                if a.bounded and _glued_left(text, m.start(), "", hyphen=False):
                    continue
                out.append(
                    Candidate(m.start(), m.end(), a.type, a.id, 40, m.group(0),
                              attrs={"target": a.target, "title": a.title,
                                     "not_after_demonym": a.not_after_demonym})
                )  # fmt: skip
        return out

    # ------------------------------------------------------------------ linking

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        ref_date = document_date(doc)
        cands: list[Candidate] = []
        cands.extend(doc.user_data.get(GAZETTEER_KEY, ()))
        cands.extend(doc.user_data.get(PATTERNS_KEY, ()))
        cands.extend(self._signatories(doc))
        cands.extend(self._meetings(cands, text, ref_date))
        cands.extend(self._document_meeting(doc, cands, ref_date))
        cands.extend(self._anaphora(text))
        cands.extend(self._compound_prefixes(text))
        selected = select_non_overlapping(drop_runs_past_known_names(cands, text))
        _nest_named_parts(selected, cands, text)
        nodes = self._link(doc, selected, text, ref_date)
        self._finish(doc, nodes)
        return doc

    def _presidency_date(self, doc: Doc, ref_date: date | None) -> date | None:
        document = doc.user_data.get("kg_document")
        if document is not None and document.meta.meeting and document.meta.meeting.dates:
            return document.meta.meeting.dates[0]
        return ref_date

    def _link(self, doc: Doc, selected: list[Candidate], text: str,
              ref_date: date | None) -> dict[str, _Node]:  # fmt: skip
        nodes: dict[str, _Node] = {}
        persons: list[Candidate] = []
        deferred: list[Candidate] = []
        flat: list[Candidate] = []
        for c in selected:
            flat.append(c)
            for child in c.children:
                child.attrs.setdefault("nested", True)
                flat.append(child)

        def add(
            key: str, typ: str, c: Candidate, iri: str | None = None, label: str | None = None
        ) -> _Node:
            node = nodes.get(key)
            if node is None:
                node = nodes[key] = _Node(key, typ, iri)
            if label:
                node.labels.append(label)
            node.mentions.append(c)
            for k, v in c.attrs.items():
                node.attrs.setdefault(k, v)
            return node

        self._number_motions(doc, flat, text)
        self._bracketed_aliases(selected, text)
        demonym_ends = {c.end: c for c in flat if c.attrs.get("kind") == "demonym"}
        last_state: dict[int, Candidate] = {}
        for c in flat:
            target = c.attrs.get("target")
            if target:
                deferred.append(c)
                continue
            if c.type in ("Minister", "Person") and c.iri is None:
                persons.append(c)
                continue
            if c.iri is not None:
                ent = self.ref.get(c.iri)
                if ent is None:
                    continue
                if c.attrs.get("kind") == "ambiguous":
                    dem = self._demonym_before(c, demonym_ends, text)
                    if dem is not None and dem.iri != c.iri:
                        continue  # "het Duitse kabinet" is not the Dutch one
                    if _AS_PLACE.search(text, max(0, c.start - 8), c.start):
                        continue  # "in Brussel": a city used as a place
                    if _NAMED_OTHER.match(text, c.end):
                        continue  # "Pact voor het Middellandse Zeegebied", "Parlement van Georgië"
                if ent.type == "CouncilConfiguration":
                    member = self.ref.get(ent.member_of) if ent.member_of else None
                    target_ent = member or ent
                    add(target_ent.iri, "Agency", c, target_ent.iri, target_ent.label)
                    continue
                if ent.type in ("Minister", "Person"):
                    persons.append(c)
                    continue
                add(ent.iri, ent.type, c, ent.iri, ent.label)
                if ent.type == "State":
                    last_state[c.end] = c
                continue
            key = c.key or f"{c.type.lower()}:{normalise(c.name)}"
            add(key, c.type, c, None, c.name)

        occupancy = Occupancy(len(text))
        for c in selected:
            occupancy.take(c.start, c.end)
        self._link_persons(persons, nodes, text, occupancy)
        self._merge_meetings(nodes)
        self._merge_extended_names(nodes)
        for c in deferred:
            self._resolve_anaphor(c, nodes, demonym_ends, doc, ref_date, add, text)
        self._defined_abbreviations(nodes, text, occupancy)
        return nodes

    def _link_persons(
        self, persons: list[Candidate], nodes: dict[str, _Node], text: str, occupancy: Occupancy
) -> None:  # fmt: skip
        clusters: list[tuple[tuple[str, ...], _Node]] = []
        # offices ("minister van X") resolve to whoever signed with that office
        offices = [c for c in persons if c.rule == "office.minister"]
        people = [c for c in persons if c.rule != "office.minister"]
        # longest names first so short variants join them
        people.sort(key=lambda c: -len(_name_tokens(c.name)))
        for c in people:
            toks = _name_tokens(c.name)
            ent = self.ref.get(c.iri) if c.iri else None
            if ent is not None:
                toks = _name_tokens(ent.attributes.get("familyName") or ent.label)
            found = None
            for ctoks, node in clusters:
                if _same_person(toks, ctoks) or (ent is not None and node.iri == ent.iri):
                    found = node
                    break
            if found is None:
                key = ent.iri if ent else f"person:{' '.join(toks)}"
                found = nodes.get(key) or _Node(key, c.type, ent.iri if ent else None)
                nodes[key] = found
                clusters.append((toks, found))
            found.mentions.append(c)
            found.labels.append(ent.label if ent else c.name)
            if c.type == "Minister":
                found.type = "Minister"
            for k, v in c.attrs.items():
                found.attrs.setdefault(k, v)
        # bare surnames of persons named in full elsewhere ("Van Oosten")
        taken = occupancy
        for _toks, node in list(clusters):
            surname = self._surname(node)
            if not surname or len(surname) < 4:
                continue
            rx = re.compile(re.escape(surname[0].upper() + surname[1:]) + r"(?![\w-])")
            for m in rx.finditer(text):
                if _glued_left(text, m.start(), ".") or not taken.free(m.start(), m.end()):
                    continue
                node.mentions.append(
                    Candidate(m.start(), m.end(), node.type, "person.surname", 30, m.group(0))
                )
                taken.take(m.start(), m.end())
        for c in offices:
            office = normalise(c.attrs.get("office", c.name))
            holder = None
            for _toks, node in clusters:
                node_office = normalise(str(node.attrs.get("office", "")))
                if node_office and (
                    node_office == office
                    or node_office.endswith(office)
                    or office.endswith(node_office)
                ):
                    holder = node
                    break
            if holder is not None:  # an office nobody here signs with is left alone
                holder.mentions.append(c)

    def _surname(self, node: _Node) -> str | None:
        names = [lab for lab in node.labels if lab]
        if not names:
            return None
        best = max(names, key=len)
        words = [w for w in best.split() if not _INITIAL.match(w)]
        if not words:
            return None
        # after initials the rest is the surname; otherwise the last word (+ tussenvoegsel)
        if any(_INITIAL.match(w) for w in best.split()):
            return " ".join(words)
        return None

    def _merge_meetings(self, nodes: dict[str, _Node]) -> None:
        """A meeting named by month only joins the one named by day in that month."""
        meetings = [n for n in nodes.values() if n.type == "Meeting"]
        for n in meetings:
            parts = n.key.rsplit(":", 1)
            if len(parts) != 2 or len(parts[1]) != 7:  # "YYYY-MM"
                continue
            for other in meetings:
                if other is n or other.key not in nodes:
                    continue
                o_parts = other.key.rsplit(":", 1)
                if (
                    o_parts[0] == parts[0]
                    and o_parts[1].startswith(parts[1])
                    and len(o_parts[1]) == 10
                ):
                    other.mentions.extend(n.mentions)
                    nodes.pop(n.key, None)
                    break
        # the days of one meeting are one meeting: "de JBZ-Raad op 5 december" is the
        # "JBZ-Raad op 4 en 5 december 2023" of the same letter
        meetings = [n for n in nodes.values() if n.type == "Meeting" and n.attrs.get("dates")]
        meetings.sort(key=lambda n: -len(n.attrs["dates"]))
        for i, long in enumerate(meetings):
            if long.key not in nodes or len(long.attrs["dates"]) < 2:
                continue
            body = long.key.rsplit(":", 1)[0]
            for short in meetings[i + 1 :]:
                if (
                    short.key in nodes
                    and short.key.rsplit(":", 1)[0] == body
                    and short.attrs["dates"][0] in long.attrs["dates"][1:]
                ):
                    long.mentions.extend(short.mentions)
                    nodes.pop(short.key, None)
        # one meeting named two ways on the same day ("Raad WSBVC" in the heading,
        # "Informele Raad Werkgelegenheid en Sociaal Beleid" in the text): a name the
        # reference data does not know joins the known council meeting of that day
        by_day: dict[str, list[_Node]] = {}
        for n in nodes.values():
            if n.type == "Meeting":
                by_day.setdefault(n.key.rsplit(":", 1)[-1], []).append(n)
        for same_day in by_day.values():
            known = [n for n in same_day if "://" in n.key]
            unknown = [n for n in same_day if "://" not in n.key]
            if len(known) == 1:
                for n in unknown:
                    known[0].mentions.extend(n.mentions)
                    known[0].labels.extend(n.labels)
                    nodes.pop(n.key, None)

    def _resolve_anaphor(self, c: Candidate, nodes: dict[str, _Node], demonym_ends: dict[int, Candidate],
                         doc: Doc, ref_date: date | None, add: Any, text: str) -> None:  # fmt: skip
        target = c.attrs["target"]
        before = text[max(0, c.start - 20) : c.start]
        prev_dem = self._demonym_before(c, demonym_ends, text)
        if target == "@presidency":
            if prev_dem is not None and prev_dem.iri:
                add(prev_dem.iri, "State", Candidate(prev_dem.start, c.end, "State", c.rule, 40,
                                                     text[prev_dem.start : c.end]))  # fmt: skip
                return
            day = self._presidency_date(doc, ref_date)
            iri = self.ref.presidency_on(day) if day else None
            ent = self.ref.get(iri) if iri else None
            if ent is not None:
                add(ent.iri, "State", c, ent.iri, ent.label)
            return
        if target == "@last_agency":
            best = None
            for node in nodes.values():
                if node.type != "Agency" or not self._is_agentschap(node):
                    continue
                last = max(
                    (m.start for m in node.mentions if m.rule != c.rule and m.start < c.start),
                    default=None,
                )
                if last is not None and (best is None or last > best[0]):
                    best = (last, node)
            if best is not None:
                best[1].mentions.append(c)
            return
        if target == "@title":
            titles = [t for t in c.attrs.get("title", "").split("|") if t]
            hits = [
                n for n in nodes.values()
                if n.type in ("Minister", "Person") and n.iri is None or n.type in ("Minister", "Person")
                if any(normalise(str(m.attrs.get("title", ""))).startswith(tuple(titles))
                       for m in n.mentions if m.attrs.get("title"))
            ]  # fmt: skip
            uniq = {id(h): h for h in hits}
            if len(uniq) == 1:
                next(iter(uniq.values())).mentions.append(c)
            return
        if c.attrs.get("not_after_demonym") and (
            prev_dem is not None
            or re.search(r"\w+e\s+$", before)
            and re.search(r"(\w+)\s+$", before).group(1) in self.demonyms
        ):
            return
        for ent in ref_search(self.ref, target):
            if ent.type == c.type:
                add(ent.iri, ent.type, c, ent.iri, ent.label)
                return

    @staticmethod
    def _bracketed_aliases(selected: list[Candidate], text: str) -> None:
        """ "de verordening ter bestrijding van seksueel kindermisbruik (CSAM-Verordening)":
        a name in brackets right after a name of the same type is the same thing."""
        for a, b in zip(selected, selected[1:], strict=False):
            if a.type != b.type or a.type not in ("Regulation", "Agency", "Initiative"):
                continue
            if not _OPEN_BRACKET.fullmatch(text, a.end, b.start) or text[b.end : b.end + 1] != ")":
                continue
            if a.iri and not b.iri:
                b.iri, b.key = a.iri, None
            elif b.iri and not a.iri:
                a.iri, a.key = b.iri, None
            elif not a.iri and not b.iri:
                b.key = a.key or f"{a.type.lower()}:{normalise(a.name)}"

    @staticmethod
    def _merge_extended_names(nodes: dict[str, _Node]) -> None:
        """ "Verordening capaciteit spoorweginfrastructuur in de EU" is the act named
        "verordening capaciteit spoorweginfrastructuur": a new legal act or initiative
        whose name extends another's by a prepositional phrase joins it."""
        minted = [
            n for n in nodes.values() if n.iri is None and n.type in ("Regulation", "Initiative")
        ]
        names = {id(n): normalise(n.labels[0]) if n.labels else "" for n in minted}
        minted.sort(key=lambda n: len(names[id(n)]))
        for i, short in enumerate(minted):
            base = names[id(short)]
            if not base or short.key not in nodes:
                continue
            for long in minted[i + 1 :]:
                if long.type != short.type or long.key not in nodes:
                    continue
                rest = names[id(long)][len(base) :]
                if names[id(long)].startswith(base) and _EXTENSION.match(rest):
                    short.mentions.extend(long.mentions)
                    nodes.pop(long.key, None)

    def _number_motions(self, doc: Doc, flat: list[Candidate], text: str) -> None:
        """Give a motion named without its number the number its footnote cites, or the
        number of the only numbered motion by the same members."""
        motions = [c for c in flat if c.type == "Motion"]
        if not motions:
            return
        document = doc.user_data.get("kg_document")
        footnotes = sorted(document.footnotes, key=lambda f: f.marker) if document else []
        for c in motions:
            if c.attrs.get("nr"):
                continue
            for f in footnotes:
                if f.marker < c.end:
                    continue
                if f.marker - c.end > 400 or "\n" in text[c.end : f.marker]:
                    break
                cited = _FOOTNOTE_NR.search(text, f.start, f.end)
                if cited:
                    c.attrs["nr"] = cited.group(1)
                    paper = cited_paper(text[f.start : f.end])
                    if paper and paper[1] == cited.group(1):
                        c.attrs["dossier"] = paper[0]
                break
        numbered: dict[str, list[str]] = {}
        for c in motions:
            if c.attrs.get("nr"):
                numbered.setdefault("|".join(c.attrs.get("persons", ())), []).append(c.attrs["nr"])
        for c in motions:
            persons = "|".join(c.attrs.get("persons", ()))
            if not c.attrs.get("nr"):
                nrs = sorted(set(numbered.get(persons, ())))
                if len(nrs) == 1:
                    c.attrs["nr"] = nrs[0]
            if c.attrs.get("nr"):
                c.key = f"motion:{persons}#{c.attrs['nr']}"

    @staticmethod
    def _demonym_before(
        c: Candidate, demonym_ends: dict[int, Candidate], text: str
    ) -> Candidate | None:
        """The demonym right before a mention ("Finse voorzitterschap"), if any."""
        found = None
        for end in range(max(0, c.start - 6), c.start + 1):
            dem = demonym_ends.get(end)
            if dem is not None and _DEMONYM_GAP.fullmatch(text, end, c.start):
                found = dem
        return found

    def _is_agentschap(self, node: _Node) -> bool:
        """Whether an agency calls itself an agency ("Agentschap", "Agency") in any name."""
        if "agentschap" not in node.attrs:
            forms = " ".join(node.labels + [m.name for m in node.mentions])
            ent = self.ref.get(node.iri) if node.iri else None
            if ent is not None:
                forms += " " + " ".join(ent.aliases) + " " + " ".join(ent.labels.values())
            node.attrs["agentschap"] = bool(re.search(r"agentschap|agency", forms, re.I))
        return bool(node.attrs["agentschap"])

    def _defined_abbreviations(
        self, nodes: dict[str, _Node], text: str, occupancy: Occupancy
    ) -> None:
        """An acronym defined in the text ("Entry/Exit systeem (EES)") names it wherever it recurs."""
        defined = [
            (node, abbr)
            for node in nodes.values()
            for abbr in {m.attrs.get("abbr") for m in node.mentions if m.attrs.get("abbr")}
            if abbr
        ]
        if not defined:
            return
        taken = occupancy
        for node, abbr in defined:
            # a literal first lets re skip ahead fast; the left boundary is checked here
            rx = re.compile(re.escape(abbr) + r"(?![\w-])")
            for m in rx.finditer(text):
                if _glued_left(text, m.start()) or not taken.free(m.start(), m.end()):
                    continue
                node.mentions.append(
                    Candidate(m.start(), m.end(), node.type, "acronym.use", 50, abbr)
                )
                taken.take(m.start(), m.end())

    # ------------------------------------------------------------------ output

    _ATTRS = (
        "dates", "office", "ministry", "body", "abbr", "celex", "nr", "dossier", "year", "paper"
    )  # fmt: skip

    def _finish(self, doc: Doc, nodes: dict[str, _Node]) -> None:
        text = doc_text(doc)
        entities: dict[str, Entity] = {}
        top: list[tuple[int, int, str, str, str]] = []  # start, end, type, iri, span id
        for node in nodes.values():
            if not node.mentions:
                continue
            ent_ref = self.ref.get(node.iri) if node.iri else None
            if ent_ref is not None:
                # the name in the document's language: an English text reads "Council of
                # the European Union", not "Raad van de EU"
                label = ent_ref.labels.get(self.lang) or ent_ref.label
                iri, same_as, known = ent_ref.iri, list(ent_ref.same_as), True
                if ent_ref.type in ("Minister", "Person"):
                    node.type = ent_ref.type
            else:
                label = self._label(node)
                # motions and meetings are named many ways: their key is their identity
                name = label
                if node.type == "Meeting":
                    name = _IRI_PREFIX.sub("", session_name(node.key.split(":", 1)[1]))
                elif node.type == "Motion":
                    name = _IRI_PREFIX.sub("", node.key.split(":", 1)[1])
                    node.attrs["paper"] = motion_paper_iri(node.attrs)
                cited = cited_document_iri(node.type, label, node.attrs)
                iri, same_as, known = cited or entity_iri(node.type, name), [], False
            if iri in entities:
                target = entities[iri]
                if node.type == "Meeting":  # one meeting named by two of its days
                    days = {*target.attributes.get("dates", ()), *node.attrs.get("dates", ())}
                    target.attributes["dates"] = sorted(days)
            else:
                attrs = {k: v for k, v in node.attrs.items() if k in self._ATTRS and v}
                target = entities[iri] = Entity(iri, label, node.type, [], same_as, known, attrs)
            seen = {(m.start, m.end) for m in target.mentions}
            for c in node.mentions:
                if (c.start, c.end) in seen:
                    continue
                seen.add((c.start, c.end))
                target.mentions.append(Mention(text[c.start : c.end], c.start, c.end, c.rule))
                if not c.attrs.get("nested"):
                    kind = "demonym" if c.attrs.get("kind") == "demonym" else ""
                    top.append((c.start, c.end, node.type, iri, kind))
        for ent in entities.values():
            ent.mentions.sort(key=lambda m: m.start)
        doc.spans[MENTIONS_KEY] = self._spans(doc, top)
        doc._.kg_entities = entities

    @staticmethod
    def _spans(doc: Doc, top: list[tuple[int, int, str, str, str]]) -> list[Span]:
        """Spans for the mentions, expanded to token boundaries, sorted, non-overlapping."""
        if not top or not len(doc):
            return []
        top.sort()
        offsets = doc.to_array([IDX, LENGTH]).astype(numpy.int64)
        starts = offsets[:, 0]
        ends = starts + offsets[:, 1]
        s_idx = numpy.searchsorted(starts, [t[0] for t in top], side="right") - 1
        e_idx = numpy.searchsorted(ends, [t[1] for t in top], side="left") + 1
        out: list[Span] = []
        last_end = 0
        for (_s, _e, typ, iri, kind), a, b in zip(top, s_idx.tolist(), e_idx.tolist(), strict=True):
            a = max(a, 0)
            b = min(b, len(doc))
            if a < last_end or b <= a:
                continue
            out.append(Span(doc, a, b, label=typ, kb_id=iri, span_id=kind))
            last_end = b
        return out

    def _label(self, node: _Node) -> str:
        labels = [" ".join(lab.split()) for lab in node.labels if lab]
        if not labels:
            return " ".join(node.mentions[0].name.split())
        if node.type in ("Minister", "Person"):
            with_initials = [lab for lab in labels if any(_INITIAL.match(w) for w in lab.split())]
            pool = with_initials or labels
            return max(pool, key=len)
        if node.type == "Meeting":
            with_day = [m.name for m in node.mentions if m.attrs.get("day")]
            return with_day[0] if with_day else labels[0]
        return labels[0]


@Language.factory("kg_linker", default_config={"lang": "nl"})
def make_linker(nlp: Language, name: str, lang: str) -> Linker:
    """The ``kg_linker`` component."""
    return Linker(nlp, name, lang=lang)
