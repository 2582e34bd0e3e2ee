"""What a stance is about: the mentions in a cue's scope that are its targets.

Not targets: venues and time frames ("tijdens de Raad", "onder het Roemeense
voorzitterschap"), qualifiers ("EU-lidstaten"), the subject of a that-clause,
the agent of a passive ("supported by Ukraine"), victims ("agressie tegen
Oekraïne"), part of a longer unrecognised name, and the bystanders of
:mod:`kg.nlp.stances.phrases`. :func:`cue_targets` picks the targets of one cue
by its rule's scope: the object phrase after it, the noun phrase right after
or before it, its head with conjuncts, or, in a verb-final clause, what stands
between holder and cue.

>>> text = "Nederland steunt tijdens de Raad het mandaat van Frontex."
>>> s = SentenceView(text, 0, len(text), [Span(0, 9, "State", "nl", "Nederland"),
...     Span(28, 32, "Agency", "raad", "Raad"), Span(49, 56, "Agency", "fx", "Frontex")], "nl")
>>> [m.iri for m in target_mentions(s, 16, len(text), {"nl"})]
['fx']
"""

from __future__ import annotations

import re

from kg.nlp.relation_rules import StanceRule
from kg.nlp.stances.holders import COMPANION, HOLDER_TYPES, looks_like_demonym
from kg.nlp.stances.phrases import bystander, conjoined, head_of
from kg.nlp.stances.sentence import (
    CLAUSE_FINAL,
    SentenceView,
    Span,
    in_prepositional_phrase,
    preceding_words,
)

_SUBORDINATE_SUBJECT = {
    "nl": re.compile(r"\b(?:dat|of)\s+(?:(?:de|het)\s+)?$", re.IGNORECASE),
    "en": re.compile(r"\b(?:that|whether)\s+(?:the\s+)?$", re.IGNORECASE),
}

_CONTEXT_PREPOSITION = re.compile(
    r"\b(?:tijdens|in|op|binnen|bij|namens|door|onder|during|at|within|on behalf of|by|under|"
    r"in de marge van|en marge van)\s+(?:(?:de|het|een|the|a)\s+)?(?:\S+\s+)?$",
    re.IGNORECASE,
)

# The noun an object phrase hangs from: "de conclusies over X steunen", "het compromis over X
# accepteren" (unlike "in de Raad", "tijdens de JBZ-Raad": where, not what).
_OF_NOUN = re.compile(
    r"\b(?:over|inzake|betreffende|aangaande|omtrent|van|ten\s+aanzien\s+van|t\.a\.v\.|"
    r"met\s+betrekking\s+tot|m\.b\.t\.|regarding|concerning|on|of|\w*voorstel(?:len)?\s+voor)\s+"
    r"(?:(?:de|het|een|the|a|an)\s+)?"
    r"(?:\S+\s+)?$",
    re.IGNORECASE,
)


# Inside a split cue, the preposition its verb governs: "kan met X niet instemmen",
# "zich tegen X verzetten".
_GOVERNED = re.compile(r"\b(?:met|tegen)\s+(?:(?:de|het|een)\s+)?(?:\S+\s+)?$", re.IGNORECASE)


def _of_noun(s: SentenceView, m: Span) -> bool:
    """ "de Raadsconclusies over het Europees Semester steunen": the entity completes the
    noun that is the object, so it is what the verb-final stance is about."""
    start = s.local(m)[0]
    return bool(_OF_NOUN.search(s.text[max(0, start - 40) : start]))


def _of_phrase(s: SentenceView, m: Span) -> bool:
    """ "de voltooiing van de Kapitaalmarktenunie te steunen": X in "N van X" is what
    the stance is about (unlike "terugkeer naar Syrië te bevorderen")."""
    return preceding_words(s.text, s.local(m)[0], 2)[-2:-1] == ["van"] or preceding_words(
        s.text, s.local(m)[0], 1
    ) == ["van"]


_UNION = re.compile(
    r"^(?:de\s+|the\s+)?(?:EU|Europese Unie|Unie|European Union|Union)$", re.IGNORECASE
)


def target_mentions(
    s: SentenceView,
    start: int,
    end: int,
    holders: set[str],
    allow_meetings: bool = False,
    clause_subjects: bool = False,
) -> list[Span]:
    """The mentions starting in ``[start, end]`` (local offsets) that can be a target:
    not a holder, a bystander, a venue, a victim, a qualifier or an agent. Meetings
    only with ``allow_meetings``; the subject of a that-clause only with ``clause_subjects``."""
    text = s.text
    out = []
    aside_end = -1  # end of the last bystander: its conjuncts stand aside too
    for m in s.mentions:
        ms, me = s.local(m)
        if ms < start or ms > end or m.iri in holders:  # a mention a next cue starts in counts
            continue
        if bystander(text, ms, start) or (
            aside_end >= 0 and conjoined(text, [(0, aside_end), (ms, me)], 0) == [0, 1]
        ):
            aside_end = me  # "tussen A en B", "landen als X en Y": named, not the object
            continue
        if m.type == "Meeting" and not allow_meetings:
            continue
        if (
            not clause_subjects
            and m.type in HOLDER_TYPES
            and _SUBORDINATE_SUBJECT[s.lang if s.lang in _SUBORDINATE_SUBJECT else "nl"].search(
                text[max(0, ms - 12) : ms]
            )
        ):
            continue  # the subject of a that-clause is not the object of the stance
        if (
            is_venue(m)
            and _CONTEXT_PREPOSITION.search(text[max(0, ms - 30) : ms])
            and not _is_object_marker_right_before(text, ms)
        ):
            continue  # "tijdens de Raad", "in de JBZ-Raad": where, not what
        if COMPANION.search(text[max(0, ms - 20) : ms]):
            continue  # "pleitte samen met Polen voor X": Polen holds the stance too
        if _victim(text, ms, start):
            continue  # "agressieoorlog tegen Oekraïne": the victim, not the target
        if (
            ms - start > 12
            and re.search(r"\b(?:met|with)\s+(?:(?:de|het|the)\s+)?$", text[max(0, ms - 12) : ms])
            and not _PARTNER.search(text[max(0, ms - 40) : ms])
        ):
            continue  # "de met de Schengenruimte geassocieerde landen": company, not object
        if _UNION.match(m.text) and (ms - start > 12 or _ATTRIBUTIVE[s.lang].match(text[me:])):
            continue  # the Union is the frame of most statements; a target only right after the cue
        if s.lang == "en" and m.type in ("Agency", "State") and _AUTHOR_NOUN.match(text, me):
            continue  # "the Commission communication on X", "the Council's position": whose
        if _AGENT.search(text[max(0, ms - 40) : ms]):
            aside_end = me  # "welcomed by Italy and Greece": its conjuncts are agents too
            continue  # "supported by Ukraine": the agent of a passive, not its object
        if _NAME_GOES_ON.match(text[me:]) and not any(
            o.start == m.end + len(text[me:]) - len(text[me:].lstrip()) for o in s.mentions
        ):
            continue  # "de Verenigde Naties (VN) Waterconferentie": part of a longer name
        if text[me : me + 1] == "-" and not _ACTION_COMPOUND.match(text[me:]):
            continue  # "EU-lidstaten": a qualifier
        if (
            m.type == "State"
            and looks_like_demonym(m.text, m.kind)
            and not _DEMONYM_TARGET_HEADS.match(text[me:])
        ):
            continue  # "de Afghaanse bevolking", "onder het Roemeense voorzitterschap"
        out.append(m)
    return out


# "the EU strategy on ...": in English a noun after the name makes it a qualifier.
_ATTRIBUTIVE = {
    "en": re.compile(
        r"^(?:['’]s)?\s+(?!(?:and|or|of|in|on|to|for|with|as|at|by|is|are|was|were|has|have|had|will|would|"
        r"should|can|could|must|that|which|who|from|into|over|under|since|while|but)\b)[a-z]\w+"
    ),
    "nl": re.compile(r"^(?!)"),
}

# English names used as the author of what follows them.
_AUTHOR_NOUN = re.compile(
    r"(?:['’]s)?\s+(?:proposals?|communication|package|report|recommendations?|decision|"
    r"initiative|plans?|strategy|staff|services|conclusions|position|mandate|spokesperson)\b",
    re.IGNORECASE,
)

_AGENT = re.compile(
    r"\b(?:\w+ed|ge\w+[dt]|ge\w+en)\s+(?:\w+ly\s+|also\s+|jointly\s+|ook\s+|mede\s+)?(?:by|door)\s+"
    r"(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)

# A capitalised word right after a name (an abbreviation may stand between) that
# starts no other mention: the name is part of a longer, unrecognised one.
_NAME_GOES_ON = re.compile(r"^\s*(?:\([A-Z]{2,8}\)\s*|\)\s*)?[A-Z][a-zà-ÿ]{2,}\w*")

_VENUE = re.compile(
    r"(?:raad|council|eurogroep|eurogroup|top|summit|overleg|\bEU|unie|union)$", re.IGNORECASE
)

# "VS-sancties": the prefix of a compound is a target only when the compound
# names an action of it; "EU-lidstaten", "EU-verband" are just qualifiers.
_ACTION_COMPOUND = re.compile(
    r"-(?:sancties?|sanctiepakket|maatregelen|voorstel(?:len)?|plan(?:nen)?|initiatie(?:f|ven)|besluit|aanval|aanvallen|"
    r"oorlog|agressie|regime|regering|inzet|bezetting|annexatie)\b",
    re.IGNORECASE,
)

_DEMONYM_TARGET_HEADS = re.compile(
    r"^\s*(?:\w+\s+)?(?:regering|autoriteiten|agressie|agressieoorlog|oorlog|aanval|aanvallen|"
    r"regime|president|inzet|voorstel|sancties|bezetting|troepen|government|authorities|"
    r"aggression|war|regime|president|forces|attacks?)\b",
    re.IGNORECASE,
)


#: People hold stances; as the object of one they are its addressee or its source.
PEOPLE = frozenset({"Minister", "Person"})


def plain_object(m: Span) -> bool:
    """Whether ``m`` can be what a stance without a cue-given object is about: no venue,
    no person."""
    return not is_venue(m) and m.type not in PEOPLE


def is_venue(m: Span) -> bool:
    """Where or when something is said rather than what about: a meeting, the
    Council, the Union, a presidency ("onder het Roemeense voorzitterschap")."""
    if m.type == "Meeting" or m.kind == "venue":
        return True
    low = m.text.lower()
    if "oorzitterschap" in low or "presidency" in low:
        return True
    return m.type == "Agency" and bool(_VENUE.search(m.text))


def _victim(text: str, pos: int, scope_start: int) -> bool:
    """A mention right after "tegen"/"against" inside the target scope is a victim."""
    window = text[max(0, pos - 40) : pos]
    match = re.search(r"\b(?:tegen|against)\s+(?:(?:de|het|the)\s+)?$", window) or re.search(
        r"\b(?:aanval(?:len)?|attacks?|invasie|invasion|inval|bezetting|occupation)\b[^,.;]{0,40}?"
        r"\s(?:op|on|in|tegen|against)\s+(?:(?:de|het|the)\s+)?$",
        window,
        re.IGNORECASE,
    )
    match = match or re.search(
        r"\b(?:undermin|threaten|destabili[sz]|ondermijn|bedreig|destabilise)\w*\s+"
        r"(?:(?:de|het|the)\s+)?(?:\S+\s+){0,3}$",
        window,
        re.IGNORECASE,
    )
    # a "tegen" that opens the cue itself ("tegen X stemmen") names no victim
    return bool(match) and max(0, pos - 40) + match.start() > scope_start


def _is_object_marker_right_before(text: str, pos: int) -> bool:
    words = preceding_words(text, pos, 2)
    return bool(words) and words[-1] in {"voor", "aan", "tegen", "over", "van", "for", "against"}


def cue_targets(
    s: SentenceView,
    rule: StanceRule,
    match: re.Match[str],
    clause_start: int,
    clause_end: int,
    holders: list[str],
) -> list[str]:
    """The targets of one cue, by its rule's scope (see :class:`kg.nlp.relation_rules.StanceRule`)."""
    held = set(holders)
    # A named summit or conference can be what someone asks to discuss ("NL bracht de
    # Summit on X op"); for the other stances a meeting is where, not what.
    meetings = rule.predicate == "requested"
    if rule.scope == "np" and _UNNAMED_OBJECT.match(s.text, match.end()):
        return []  # "sanctions on 12 individuals responsible for ... in Iran": not on Iran
    if rule.scope == "np":
        near = target_mentions(
            s, match.end(), min(clause_end, match.end() + 80), held, allow_meetings=meetings
        )
        if len(near) > 1 and AUTHOR_OF_PROPOSAL.search(
            s.text[max(0, s.local(near[0])[0] - 30) : s.local(near[0])[0]]
        ):
            near = near[1:]  # "het voorstel van de Commissie voor een X": X, not its author
        if not near:
            return []
        chosen = conjoined(s.text, [s.local(m) for m in near], 0)
        return list(dict.fromkeys(near[i].iri for i in chosen))
    if rule.scope == "head":
        near = target_mentions(s, match.end(), clause_end, held, allow_meetings=meetings)
        spans = [s.local(m) for m in near]
        chosen = head_of(s.text, match.end(), spans)
        # a mandate with more purposes: "to negotiate X and to participate in the
        # negotiations on Y" gives Y as well
        if _MANDATE.search(match.group(0)):
            for purpose in _FURTHER_PURPOSE.finditer(s.text, match.end(), clause_end):
                chosen += head_of(s.text, purpose.end(), spans)
        if chosen:
            return list(dict.fromkeys(near[i].iri for i in chosen))
    if rule.scope == "span":
        inside = target_mentions(s, match.start(), clause_end, held, allow_meetings=meetings)
        return list(dict.fromkeys(m.iri for m in inside))
    if rule.scope == "np_before":
        near = [
            m
            for m in target_mentions(
                s,
                max(clause_start, match.start() - 60),
                match.start(),
                held,
                allow_meetings=meetings,
            )
            if len(s.text[s.local(m)[1] : match.start()].split()) <= 3
            and (not in_prepositional_phrase(s, m) or _of_phrase(s, m))
        ]
        return [near[-1].iri] if near else []
    # "de zorg dat X ...": what the that-clause says X does is the concern
    about_clause = bool(re.search(r"\b(?:dat|that)$", match.group(0), re.IGNORECASE))
    after = (
        []
        if rule.scope == "head"  # nothing heads the phrase after it: only a verb-final object
        else target_mentions(
            s, match.end(), clause_end, held, allow_meetings=meetings, clause_subjects=about_clause
        )
    )
    if after or rule.scope == "object":
        return list(dict.fromkeys(m.iri for m in after))
    # verb-final clause: "dat Nederland de Taliban niet erkent"; a split cue holds its
    # object itself: "wijst X af", "kan X niet steunen"
    last_holder_end = max(
        (s.local(m)[1] for m in s.mentions if m.iri in held and s.local(m)[1] <= match.start()),
        default=clause_start,
    )
    # the verb ends the clause ("de conclusies over X steunen."): the whole object stands
    # before it, the nouns its entities complete included
    final = CLAUSE_FINAL.match(s.text, match.end(), clause_end) is not None
    between = [
        m
        for m in target_mentions(
            s, max(clause_start, last_holder_end), match.start(), held, allow_meetings=meetings
        )
        if not in_prepositional_phrase(s, m) or (final and _of_noun(s, m))
    ] + [
        m
        for m in target_mentions(s, match.start(), match.end(), held, allow_meetings=meetings)
        if rule.scope == "clause"
        and s.local(m)[0] > match.start()
        and (
            not in_prepositional_phrase(s, m)
            or (final and _of_noun(s, m))
            or _GOVERNED.search(s.text[: s.local(m)[0]])
        )
    ]
    return list(dict.fromkeys(m.iri for m in between if m.type not in PEOPLE))


def antecedent(s: SentenceView, clause_start: int, held: set[str]) -> list[Span]:
    """What a relative clause is about: the last entity before it, when the clause opens
    with a relative pronoun ("een non-paper over X, dat werd gesteund door A": X)."""
    if not _RELATIVE.match(s.text, clause_start):
        return []
    before = [
        m
        for m in target_mentions(s, 0, clause_start, held)
        if s.local(m)[1] <= clause_start and plain_object(m)
    ]
    return before[-1:]


_RELATIVE = re.compile(r"[\s,]*(?:dat|die|welke|which|that|who)\b", re.IGNORECASE)


def fronted_topic(s: SentenceView, match: re.Match[str], holders: list[str]) -> list[str]:
    """The topic a sentence opens with, for a cue that names no object of its own:
    "Wat betreft de Terugkeerverordening gaf Nederland aan het voorstel te steunen",
    "Met betrekking tot het Migratiepact uitte Hongarije kritiek", "On X, Hungary
    voiced concerns". Only up to the holder or the cue, whichever comes first."""
    frame = _TOPIC_FRAME.match(s.text)
    if frame is None or frame.end() >= match.start():
        return []
    held = set(holders)
    end = min(
        [match.start()] + [s.local(m)[0] for m in s.mentions if m.iri in held],
    )
    found = [
        m
        for m in target_mentions(s, frame.end(), end, held)
        if s.local(m)[0] < end and plain_object(m)
    ]
    if not found:
        return []
    chosen = conjoined(s.text, [s.local(m) for m in found], 0)
    return list(dict.fromkeys(found[i].iri for i in chosen))


_TOPIC_FRAME = re.compile(
    r"^\W*(?:wat\s+betreft|voor\s+wat\s+betreft|ten\s+aanzien\s+van|met\s+betrekking\s+tot|"
    r"aangaande|inzake|over|as\s+regards|regarding|with\s+regard\s+to|concerning|on)\s+",
    re.IGNORECASE,
)


_MANDATE = re.compile(r"\bmandates?\b|\bmandaat\b", re.IGNORECASE)
_FURTHER_PURPOSE = re.compile(
    r"\b(?:and|en)\s+(?:om\s+)?(?:to\s+)?(?:negotiate|conclude|sign|open\s+negotiations|"
    r"participate\s+in\s+(?:the\s+)?negotiations|onderhandelen|deel\s+te\s+nemen\s+aan\s+"
    r"(?:de\s+)?onderhandelingen)\b(?:[^,;:]{0,60}?\b(?:on|over|for|about|inzake)\b)?",
    re.IGNORECASE,
)


# Measures aimed at people the text does not name: what follows is only where they act.
_UNNAMED_OBJECT = re.compile(
    r"\s*(?:(?:\d+|een\s+aantal|enkele|meerdere|nog|several|a\s+number\s+of|further|"
    r"additional|(?:\w+\s+)?(?:and|en)\s+\d+|\w+)\s+)*?(?:individuals|persons|people|entities|"
    r"personen|individuen|entiteiten|natural\s+and\s+legal\s+persons)\b",
    re.IGNORECASE,
)

AUTHOR_OF_PROPOSAL = re.compile(
    r"(?:\b|\w)(?:voorstel(?:len)?|proposals?|initiatief|initiative|pakket|package|mededeling|"
    r"communication|compromis|compromise|tekst|text)"
    r"\s+(?:van|of|from|by)\s+(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)

# "het akkoord met Israël": the partner of an agreement is what it is about
_PARTNER = re.compile(
    r"(?:\w*akkoord|\w*overeenkomst|\w*verdrag|\w*partnerschap|\w*samenwerking|\w*dialoog|"
    r"grens|grenzen|\bborders?|"
    r"\w*betrekkingen|\w*onderhandelingen|\bagreement|\bpartnership|\bcooperation|\bdialogue|"
    r"\brelations|\bnegotiations)\s+"
    r"(?:met|with)\s+(?:(?:de|het|the)\s+)?$",
    re.I,
)
