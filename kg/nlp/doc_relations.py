"""Relations of the letter itself: who signed it, to whom it goes, what it cites,
which posts people hold, which meeting it reports on or prepares, who co-signed a joint letter.

These come from the metadata ingestion found (signature block, addressee, the
meeting) and from the linked mentions, not from stance cues.

>>> from kg.document import Document, Metadata, Signatory
>>> text = "Aan de Voorzitter van de Tweede Kamer\\n\\nDe minister van Financiën,\\nW.B. Hoekstra"
>>> meta = Metadata(addressee="de Voorzitter van de Tweede Kamer",
...                 signatories=[Signatory("W.B. Hoekstra", "minister van Financiën", 65, 78)])
>>> doc = Document(id="d", source="d.txt", text=text, meta=meta)
>>> spans = [Span(25, 37, "Agency", "tk", "Tweede Kamer"),
...          Span(56, 64, "Agency", "fin", "Financiën"),
...          Span(65, 78, "Minister", "hoekstra", "W.B. Hoekstra")]
>>> sorted((r.subject, r.predicate, r.object) for r in document_relations(doc, spans, [(0, 37), (39, 78)]))
[('@document', 'addressedTo', 'tk'), ('@document', 'signedBy', 'hoekstra'), ('hoekstra', 'holdsPost', 'fin')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kg.document import Document
from kg.extraction import DOCUMENT_SUBJECT, Evidence, Relation
from kg.nlp.stances import Span, dedupe

PERSON_TYPES = ("Minister", "Person")

# Titles before a name and the body the post is in. The body is named by a
# label looked up among the document's entities, or by the mention that follows
# the title ("voorzitter van de Europese Raad").
_TITLE_BODIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), body)
    for pattern, body in (
        (
            r"\b(?:euro)?commissaris(?:sen)?\b(?:\s+(?:voor|van)\s+[^,.;()]{0,80}?)?\s*,?\s*$",
            "commission",
        ),
        (r"\b(?:european\s+)?commissioner\b(?:\s+for\s+[^,.;()]{0,80}?)?\s*,?\s*$", "commission"),
        (
            r"\b(?:hoge\s+vertegenwoordiger|hv|high\s+representative|hr/vp|hv/vv)\b[^,.;()]{0,90}?,?\s*$",
            "union",
        ),
        (
            r"\beu-[\w-]*gezant\b\s*$|\beu-speciaal\s+vertegenwoordiger\b[^,.;()]{0,60}?\s*$",
            "union",
        ),
        (r"\b(?:het\s+)?(?:kamer)?lid\s*$|\bleden\s*$", "parliament"),
    )
)
_CHAIR_OF = re.compile(
    r"\b(?:voorzitter|president|chair|directeur(?:-generaal)?|director(?:-general)?|hoofd|head|"
    r"secretaris-generaal|secretary-general|premier|prime\s+minister)\s+(?:van|of)\s+"
    r"(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)
#: Between a body and the person, or between the body's title and the person.
_NAME_GAP = re.compile(r"[\s,]*(?:(?:de heer|mevrouw|dhr\.|mevr\.|mw\.|Mr|Ms)\s+)?")
_ROLE_AFTER_BODY = re.compile(
    r"[\s-]*(?:speciaal[\s-])?(?:gezant|envoy|vertegenwoordiger|representative|"
    r"secretaris-generaal|secretary-general)\s+$",
    re.IGNORECASE,
)
_MINISTER_OF = re.compile(
    r"\b(?:minister(?:-president)?|staatssecretaris|minister\s+president|state\s+secretary)\b",
    re.IGNORECASE,
)
_ADDRESSEE_LINE = re.compile(r"^\s*aan\s+(?:de|het)\s+", re.IGNORECASE | re.MULTILINE)
_QUESTIONS_TO = re.compile(r"\b(?:vragen|vraag)\b[^\n]{0,120}?\baan\s+de\s+", re.IGNORECASE)
_JOINT_LETTER = re.compile(
    r"\bsamen\s+met\b|\bmede\s+namens\b|\bgezamenlijke?\b|\btogether\s+with\b|\bjointly\b|\bjoint\b",
    re.IGNORECASE,
)
_LETTER = re.compile(r"\bbrief\b|\bletter\b", re.IGNORECASE)

Lookup = Callable[[str], str | None]


def document_relations(
    document: Document,
    spans: Sequence[Span],
    sentences: Sequence[tuple[int, int]],
    find_entity: Lookup | None = None,
) -> list[Relation]:
    """signedBy, addressedTo, holdsPost, cites, reportsOn or prepares, and cosignatory relations.

    ``find_entity(label)`` returns the IRI of a known entity by label or alias
    (used to name the Commission or the Union behind a title); without it those
    posts are only found when the body is mentioned in the document.
    """
    spans = sorted(spans, key=lambda s: s.start)
    text = document.text
    sentence_of = _SentenceIndex(text, sentences)
    out: list[Relation] = []
    out.extend(_signatures(document, spans, sentence_of, find_entity))
    out.extend(_addressees(document, spans, sentence_of))
    out.extend(_titles(document, spans, sentence_of, find_entity))
    out.extend(_chairs_after(document, spans, sentence_of, find_entity))
    out.extend(_citations(document, spans, sentence_of))
    out.extend(_reports_on(document, spans, sentence_of))
    out.extend(_cosignatories(document, spans, sentences))
    return dedupe(out)


class _SentenceIndex:
    def __init__(self, text: str, sentences: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.sentences = sorted(sentences)

    def evidence(self, start: int, end: int) -> Evidence:
        for s_start, s_end in self.sentences:
            if s_start <= start < s_end:
                s_end = max(s_end, min(end, len(self.text)))
                return _evidence(self.text, s_start, s_end)
        # outside any sentence (a heading or signature line): the line itself
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        return _evidence(self.text, line_start, len(self.text) if line_end < 0 else line_end)


def _evidence(text: str, start: int, end: int) -> Evidence:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    trail = len(chunk.rstrip())
    return Evidence(chunk.strip(), start + lead, start + trail)


def _within(spans: Sequence[Span], start: int, end: int, types: tuple[str, ...] = ()) -> list[Span]:
    return [
        s for s in spans if s.start >= start and s.end <= end and (not types or s.type in types)
    ]


def _signatures(
    document: Document, spans: Sequence[Span], idx: _SentenceIndex, find_entity: Lookup | None
) -> list[Relation]:
    out = []
    text = document.text
    for sig in document.meta.signatories:
        people = _within(spans, sig.start, sig.end, PERSON_TYPES)
        if not people:
            continue
        person = people[0]
        # the signature block: the office line above the name, and the name
        block_start = text.rfind(sig.office, max(0, sig.start - 300), sig.end) if sig.office else -1
        start = block_start if block_start >= 0 else sig.start
        evidence = _evidence(text, start, sig.end)
        out.append(
            Relation(DOCUMENT_SUBJECT, "signedBy", person.iri, "document.signature", evidence)
        )
        org = _office_body(sig.office, spans, start, sig.start, find_entity)
        if org:
            out.append(Relation(person.iri, "holdsPost", org, "post.signature", evidence))
    return out


def _office_body(
    office: str, spans: Sequence[Span], start: int, end: int, find_entity: Lookup | None
) -> str | None:
    """The organisation an office belongs to: the ministry named in it, or a lookup."""
    bodies = _within(spans, start, end, ("Agency",))
    if bodies:
        return bodies[-1].iri
    if not office or find_entity is None:
        return None
    match = re.search(r"\b(?:van|voor)\s+(.+)$", office.strip().rstrip(","), re.IGNORECASE)
    if match and _MINISTER_OF.search(office):
        name = match.group(1).strip()
        for candidate in (f"Ministerie van {name}", f"Ministerie voor {name}", name):
            found = find_entity(candidate)
            if found:
                return found
    return None


def _addressees(document: Document, spans: Sequence[Span], idx: _SentenceIndex) -> list[Relation]:
    text = document.text
    head_end = _header_end(document)
    out = []
    for pattern, rule in (
        (_ADDRESSEE_LINE, "document.addressee"),
        (_QUESTIONS_TO, "document.questions_to"),
    ):
        for match in pattern.finditer(text, 0, head_end):
            line_end = text.find("\n", match.end())
            line_end = head_end if line_end < 0 else min(line_end, head_end)
            targets = _within(spans, match.end(), line_end, ("Agency", "Minister", "Person"))
            # "de Voorzitter van de Tweede Kamer": the body, not its chair
            if targets:
                target = targets[-1] if rule == "document.addressee" else targets[0]
                out.append(
                    Relation(
                        DOCUMENT_SUBJECT,
                        "addressedTo",
                        target.iri,
                        rule,
                        idx.evidence(match.start(), line_end),
                    )
                )
            if out:
                return out
    return out


def _header_end(document: Document) -> int:
    """Where the letter head ends: before the first paragraph of body text."""
    limit = min(len(document.text), 1500)
    for block in document.blocks:
        if block.kind == "paragraph" and block.end - block.start > 200:
            return min(block.start + 200, limit)
    return limit


_TITLE_IN_MENTION = re.compile(
    r"^(?:de\s+|het\s+)?(?:(?P<minister>minister(?:-president)?|staatssecretaris|state\s+secretary)"
    r"\s+(?:van|voor|for|of)\s+(?P<portfolio>.+)|(?:voorzitter|president|chair)\s+(?:van|of)\s+"
    r"(?:de|het|the)\s+(?P<body>.+))$",
    re.IGNORECASE,
)
_CHAIR_BEFORE = re.compile(
    r"\b(?:voorzitter|president|chair)\s+(?:van|of)\s+(?:de|het|the)\s+(?P<body>[^,.;()]{3,60}?)"
    r"\s*,?\s*$",
    re.IGNORECASE,
)
_MINISTER_BEFORE = re.compile(
    r"\b(?:minister|staatssecretaris)\s+(?:van|voor)\s+(?P<portfolio>[^,.;()]{3,60}?),?\s*$|"
    r"\b(?:minister|staatssecretaris)\s*$",
    re.IGNORECASE,
)


def _titles(
    document: Document, spans: Sequence[Span], idx: _SentenceIndex, find_entity: Lookup | None
) -> list[Relation]:
    """Posts named by a title next to a name: "Eurocommissaris Brunner", "HV Borrell",
    "de voorzitter van de Europese Raad, Charles Michel", "Minister Bruins Slot
    (Buitenlandse Zaken)", "de minister van Justitie en Veiligheid, F. van Oosten",
    or by a title that is itself the mention ("de Minister van Buitenlandse Zaken")."""
    text = document.text
    out = []
    for i, person in enumerate(spans):
        if person.type not in PERSON_TYPES:
            continue
        line_start = text.rfind("\n", 0, person.start) + 1
        before = text[max(line_start, person.start - 120) : person.start]
        head = person.text.rsplit(" ", 1)[0] if " " in person.text else ""
        org, rule = _chair_of(text, spans, i), "post.chair_of"
        chair = _CHAIR_BEFORE.search(before) if org is None else None
        if chair and find_entity is not None:
            org, rule = _longest_known(chair.group("body"), find_entity), "post.chair_of"
        inner = _TITLE_IN_MENTION.match(person.text)
        if org is None and inner and find_entity is not None:
            if inner.group("body"):
                org, rule = _longest_known(inner.group("body"), find_entity), "post.title_chair"
            elif inner.group("portfolio"):
                org, rule = _ministry(inner.group("portfolio"), find_entity), "post.title_minister"
        if org is None and find_entity is not None:
            for pattern, body in _TITLE_BODIES:
                if pattern.search(f"{before}{head}") or pattern.match(person.text):
                    org, rule = _body(body, document, find_entity), f"post.title_{body}"
                    break
        minister = _MINISTER_BEFORE.search(f"{before}{head}") if org is None else None
        if minister and _foreign_minister(
            spans, max(line_start, person.start - 120) + minister.start()
        ):
            minister = None  # "de Oekraïense minister van Buitenlandse Zaken Koeleba"
        if minister:
            title_start = max(line_start, person.start - 120) + minister.start()
            if minister.group("portfolio"):
                bodies = _within(spans, title_start, person.start, ("Agency",))
                if bodies:
                    org, rule = bodies[-1].iri, "post.minister_of"
                elif find_entity is not None:
                    org, rule = (
                        _ministry(minister.group("portfolio"), find_entity),
                        "post.minister_of",
                    )
            else:
                # "Minister Bruins Slot (Buitenlandse Zaken)"
                paren = re.match(r"\s*\(([^()]{2,60})\)", text[person.end : person.end + 64])
                if paren:
                    bodies = _within(spans, person.end, person.end + paren.end(), ("Agency",))
                    if bodies:
                        org, rule = bodies[0].iri, "post.minister_parenthesis"
                    elif find_entity is not None:
                        org = _ministry(paren.group(1), find_entity)
                        rule = "post.minister_parenthesis"
        if org and org != person.iri:
            out.append(
                Relation(person.iri, "holdsPost", org, rule, idx.evidence(person.start, person.end))
            )
    return out


# "Martijn van Dam, Dutch minister for agriculture and President of the Council": the chair
# named after the person, on the same line (Council texts sign quotes and results this way).
_CHAIR_AFTER = re.compile(
    r"\s*[,(]\s*(?:[^.;\n]{0,160}?[\s-])?(?:President|Chair(?:man|woman|person)?|[Vv]oorzitter|"
    r"president|chair)\s+(?:of|van)\s+(?:(?:the|de|het)\s+)?$"
)
# "Wopke Hoekstra, Commissioner for Climate Action": a Commission post named after the person.
_COMMISSIONER_AFTER = re.compile(
    r"\s*[,(]\s*(?:(?:the\s+)?(?:European|Executive\s+Vice-President\s+and)\s+)?"
    r"(?:Commissioner|Eurocommissaris|EU-commissaris|commissaris)\b"
)


# "Michael Ryan (directeur van het WHO-programma voor noodsituaties)": a role in brackets.
_ROLE_IN_BRACKETS = re.compile(
    r"\s*\((?:(?:de|het|the|a|an)\s+)?(?:[\w-]+\s+)?(?:directeur(?:-generaal)?|director(?:-general)?|"
    r"hoofd|head|voorzitter|president|chair|secretaris-generaal|secretary-general|woordvoerder|"
    r"spokesperson|gezant|envoy|vertegenwoordiger|representative|ambassadeur|ambassador|"
    r"co[öo]rdinator|leider|leader)\b[^()\n]{0,100}?$",
    re.IGNORECASE,
)


def _chairs_after(
    document: Document, spans: Sequence[Span], idx: _SentenceIndex, find_entity: Lookup | None
) -> list[Relation]:
    """A person followed by "..., President of the (Foreign Affairs) Council" or by a role in
    brackets ("Bruce Aylward (hoofd van de WHO-China-missie)") holds a post in that body;
    "..., Commissioner for X" is a post in the Commission."""
    text = document.text
    out = []
    for i, person in enumerate(spans):
        if person.type not in PERSON_TYPES:
            continue
        evidence = idx.evidence(person.start, person.end)
        if find_entity is not None and _COMMISSIONER_AFTER.match(text, person.end):
            commission = _body("commission", document, find_entity)
            if commission:
                out.append(Relation(person.iri, "holdsPost", commission, "post.commissioner_after", evidence))  # fmt: skip
                continue
        for body in spans[i + 1 : i + 6]:
            if body.iri == person.iri:
                continue  # "Kaja Kallas, High Representative ..." names her again
            if body.start - person.end > 220 or body.type in PERSON_TYPES:
                break
            if body.type == "Agency" and (
                _CHAIR_AFTER.fullmatch(text, person.end, body.start)
                or _ROLE_IN_BRACKETS.fullmatch(text, person.end, body.start)
            ):
                out.append(Relation(person.iri, "holdsPost", body.iri, "post.chair_after", evidence))  # fmt: skip
                break
    return out


def _longest_known(name: str, find_entity: Lookup) -> str | None:
    """ "Europese Commissie Ursula von der Leyen" -> the Commission (longest known prefix)."""
    words = name.split()
    for n in range(len(words), 0, -1):
        found = find_entity(" ".join(words[:n]))
        if found:
            return found
    return None


def _foreign_minister(spans: Sequence[Span], title_start: int) -> bool:
    """A state named right before the title: another country's minister, not ours."""
    return any(
        s.type == "State" and title_start - 25 <= s.end <= title_start and s.start < title_start
        for s in spans
    )


def _ministry(portfolio: str, find_entity: Lookup) -> str | None:
    portfolio = portfolio.strip().rstrip(",")
    for candidate in (f"Ministerie van {portfolio}", f"Ministerie voor {portfolio}", portfolio):
        found = find_entity(candidate)
        if found:
            return found
    return None


def _chair_of(text: str, spans: Sequence[Span], i: int) -> str | None:
    """ "voorzitter van de Europese Raad(,) Charles Michel" -> the body chaired."""
    if i == 0:
        return None
    previous, person = spans[i - 1], spans[i]
    if previous.type != "Agency":
        return None
    gap = text[previous.end : person.start]
    if _ROLE_AFTER_BODY.fullmatch(gap):
        return previous.iri  # "VN Speciaal-Gezant Pedersen"
    if not _NAME_GAP.fullmatch(gap):
        return None
    # "voorzitter van de Europese Raad, Charles Michel", "the Director of EU INTCEN, Daniel
    # Markić", "directeur-generaal van het IAEA, dhr. Rafael Grossi"
    if _CHAIR_OF.search(text[max(0, previous.start - 40) : previous.start]):
        return previous.iri
    return None


def _body(kind: str, document: Document, find_entity: Lookup) -> str | None:
    english = document.meta.language == "en"
    labels = {
        "commission": ("European Commission",) if english else ("Europese Commissie",),
        "union": ("European Union",) if english else ("Europese Unie",),
        "parliament": ("Tweede Kamer",) if not english else (),
    }[kind]
    for label in labels:
        found = find_entity(label)
        if found:
            return found
    return None


_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?\b")
_IDENTIFIED = re.compile(r"\d")


def _citations(document: Document, spans: Sequence[Span], idx: _SentenceIndex) -> list[Relation]:
    """Cited Kamerstukken, COM documents and motions; a document without a number
    ("het rapport") is named, not cited, and the letter does not cite itself."""
    out = []
    own = document.meta.number
    for span in spans:
        if span.type not in ("Document", "Motion"):
            continue
        if span.type == "Document" and not _IDENTIFIED.search(_YEARS.sub("", span.text)):
            continue
        if (
            own
            and span.start < _header_end(document)
            and re.search(rf"\b{re.escape(own)}\b", span.text)
        ):
            continue
        rule = "cites.footnote" if span.start >= document.body_end else f"cites.{span.type.lower()}"
        out.append(
            Relation(DOCUMENT_SUBJECT, "cites", span.iri, rule, idx.evidence(span.start, span.end))
        )
    return out


def _reports_on(document: Document, spans: Sequence[Span], idx: _SentenceIndex) -> list[Relation]:
    """The meeting of the metadata: ``prepares`` when it is still to come (an annotated
    agenda), ``reportsOn`` when it was held (a report, the Council's results)."""
    meeting = document.meta.meeting
    if meeting is None:
        return []
    predicate, rule = (
        ("prepares", "document.agenda") if _ahead(document) else ("reportsOn", "document.meeting")
    )
    for span in spans:
        if span.type == "Meeting" and span.start < meeting.end and meeting.start < span.end:
            return [
                Relation(
                    DOCUMENT_SUBJECT,
                    predicate,
                    span.iri,
                    rule,
                    idx.evidence(meeting.start, meeting.end),
                )
            ]
    return []


def _ahead(document: Document) -> bool:
    """Whether the letter's meeting is still to come: it starts after the letter's date
    (a letter of both kinds, "verslag ... en de geannoteerde agenda", goes by its dates),
    or, with no dates to compare, the letter is an annotated agenda.

    >>> from datetime import date
    >>> from kg.document import MeetingRef, Metadata
    >>> jbz = MeetingRef("JBZ-Raad", (date(2025, 10, 13), date(2025, 10, 14)), None, 0, 8)
    >>> agenda = Document("a", "a.txt", "x", Metadata(date=date(2025, 9, 29), meeting=jbz))
    >>> report = Document("r", "r.txt", "x", Metadata(date=date(2025, 11, 3), meeting=jbz))
    >>> _ahead(agenda), _ahead(report)
    (True, False)
    """
    meta = document.meta
    if meta.meeting is None:
        return False
    if meta.date and meta.meeting.dates:
        return meta.meeting.dates[0] > meta.date
    return meta.kind == "geannoteerde-agenda"


def _cosignatories(
    document: Document, spans: Sequence[Span], sentences: Sequence[tuple[int, int]]
) -> list[Relation]:
    """ "Nederland heeft samen met ... België, Bulgarije ... een brief ... gestuurd"."""
    text = document.text
    out = []
    for start, end in sentences:
        sentence = text[start:end]
        joint = _JOINT_LETTER.search(sentence)
        if not joint or not _LETTER.search(sentence):
            continue
        states = [s for s in spans if start <= s.start and s.end <= end and s.type == "State"]
        before = [s for s in states if s.start < start + joint.start()]
        after = [s for s in states if s.start >= start + joint.end()]
        if not before or len(after) < 1:
            continue
        sender = before[0]
        evidence = _evidence(text, start, end)
        for other in after:
            if other.iri != sender.iri:
                out.append(Relation(sender.iri, "cosignatory", other.iri, "letter.joint", evidence))
    return out
