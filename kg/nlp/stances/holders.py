"""Who holds a stance: the named states, bodies and persons in subject position.

Not behind a preposition; every member of an enumeration ("Nederland en
België"); the named member of a group ("een achttal lidstaten, waaronder
Nederland"); the companions ("samen met Polen"); the agent after "op verzoek
van"; in a passive clause only the agent ("door X"); the subject of the
that-clause a cue stands in ("X recalled that Y had approved Z"). When a
sentence names none, the holder of the sentence before is carried over only
where the text makes it unambiguous (:func:`carried_holders`).

>>> text = "Nederland en België steunen, samen met Polen, het voorstel."
>>> s = SentenceView(text, 0, len(text), [Span(0, 9, "State", "nl", "Nederland"),
...     Span(13, 19, "State", "be", "België"), Span(39, 44, "State", "pl", "Polen")], "nl")
>>> subject_holders(s, 0, 27), co_holders(s, 0, len(text))
(['nl', 'be'], ['pl'])
"""

from __future__ import annotations

import re

from kg.nlp.stances.memory import State
from kg.nlp.stances.sentence import (
    SentenceView,
    Span,
    in_prepositional_phrase,
    last_match,
    preceding_words,
)

HOLDER_TYPES = frozenset({"State", "Agency", "Minister", "Person"})

# Words that put a named member into a group holder: "lidstaten, waaronder Nederland".
_GROUP_MARKERS = frozenset(
    ["waaronder", "inclusief", "zoals", "including", "among", "evenals", "alsook", "samen", "met",
     "namelijk", "o.a.", "notably", "namely"]
)  # fmt: skip

# ... and of two: "lidstaten, onder wie Ierland", "met name Polen", "in particular Italy"
_GROUP_MARKER_PAIRS = frozenset(
    ["samen met", "onder wie", "onder meer", "onder andere", "met name", "te weten",
     "in particular", "among them", "such as", "those of"]
)  # fmt: skip

# Demonyms hold a stance only as in "de Nederlandse inzet", "het Franse voorzitterschap".
_DEMONYM_HOLDER_HEADS = re.compile(
    r"^\s*(?:EU-)?(?:inzet|positie|standpunt|grondhouding|houding|opstelling|appreciatie|kabinet|"
    r"regering|voorzitterschap|delegatie|"
    r"minister|premier|overheid|autoriteiten|government|presidency|delegation|position|"
    r"authorities)\b",
    re.IGNORECASE,
)

# "Daarin pleit het land voor X", "The country also backed X": the state named before.
_THE_COUNTRY = r"^\s*(?:\S+\s+){0,3}?(?:het\s+land|dit\s+land|the\s+country)\b"

CARRY_START = re.compile(
    r"^\s*(?:daarbij|daarnaast|ook|tevens|verder|voorts|bovendien|tot slot|ten slotte|"
    r"vervolgens|hierbij|in dat kader|in this context|furthermore|moreover|in addition|"
    r"it also|they also|he also|she also|daarin|hierin)\b|^\s*(?:hij|zij|ze|het|it|he|she|they)\s|"
    + _THE_COUNTRY,
    re.IGNORECASE,
)

PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:\S+\s+){0,3}?(?:gaf|gaven|benadrukte|benadrukten|riep|riepen|sprak|spraken|"
    r"vroeg|vroegen|uitte|uitten|wees|wezen|stelde|stelden|steunde|steunden|verwelkomde|"
    r"verwelkomden|onderstreepte|onderstreepten)\s+(?:het|hij|zij|ze)\b|^\s*(?:hij|zij|ze|"
    r"het|he|she|it|they)\s|" + _THE_COUNTRY,
    re.IGNORECASE,
)


def first_subject(s: SentenceView, start: int, end: int) -> Span | None:
    """The first mention in ``[start, end)`` that is not behind a preposition."""
    for m in s.mentions:
        ms, me = s.local(m)
        if start <= ms and me <= end and not in_prepositional_phrase(s, m):
            return m
    return None


def _holder_iri(m: Span) -> str:
    """A meeting speaks through its body: "De Europese Raad van 14-15 december riep op ..."."""
    return m.body if m.type == "Meeting" and m.body else m.iri


def _is_holder_mention(s: SentenceView, m: Span) -> bool:
    if m.type == "Meeting":
        return bool(m.body)
    if m.type not in HOLDER_TYPES:
        return False
    start, end = s.local(m)
    if m.type == "State" and looks_like_demonym(m.text, m.kind):
        return bool(_DEMONYM_HOLDER_HEADS.match(s.text[end:]))
    return True


def looks_like_demonym(surface: str, kind: str = "") -> bool:
    """True for "Nederlandse", "Frans", "Russische"; false for "Nederland", "Cyprus"."""
    if kind:
        return kind == "demonym"
    if " " in surface.strip():
        return False
    return surface.lower().endswith(("se", "sch", "sche", "ees", "ese", "ish", "ian", "ean"))


_CHAIN_GAP = re.compile(
    r"^[\s,()]*(?:(?:en|and|evenals|alsook|as well as|samen met|together with|alsmede|als|"
    r"inclusief|including|waaronder)\b[\s,()]*)*(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)


def subject_holders(s: SentenceView, start: int, end: int) -> list[str]:
    """The subject in ``text[start:end]`` (local offsets) with its enumeration.

    The first mention that is not behind a preposition is the subject: when it
    is a state, body or person it holds the stance, with every mention joined
    to it by "en", commas or "samen met"; named members of a group
    ("waaronder Nederland") hold it too. In a passive clause only the agent
    ("door X") holds it.
    """
    text = s.text
    holders: list[str] = []
    last_end = -1
    subject_seen = False
    passive = bool(_PASSIVE.search(text[start:end]))
    for m in s.mentions:
        ms, me = s.local(m)
        if ms < start or me > end:
            continue
        before = preceding_words(text, ms, 2)
        if before and (before[-1] in _GROUP_MARKERS or " ".join(before) in _GROUP_MARKER_PAIRS):
            if _is_holder_mention(s, m):
                holders.append(_holder_iri(m))
                last_end = me
            continue
        if holders:
            gap = text[last_end:ms]
            if _CHAIN_GAP.match(gap) and re.search(
                r"[,(]|\b(?:en|and|evenals|alsook|met|with|als)\b", gap
            ):
                if _is_holder_mention(s, m):
                    holders.append(_holder_iri(m))
                    last_end = me
                continue
            break
        if passive:
            if before and before[-1] in ("door", "by") and _is_holder_mention(s, m):
                holders.append(_holder_iri(m))
                last_end = me
            continue
        if not subject_seen and m.type == "State" and _SPOKESPEOPLE_OF.match(text, start, ms):
            subject_seen = True  # "de ministers van Italië en Malta": the states speak
            holders.append(_holder_iri(m))
            last_end = me
            continue
        if subject_seen or in_prepositional_phrase(s, m):
            continue
        subject_seen = True
        if _ADDRESSEE.match(m.text) or before[-1:] in (["uw"], ["your"]):
            continue  # "uw Kamer is geïnformeerd": the addressee, not a holder
        if _is_holder_mention(s, m):
            holders.append(_holder_iri(m))
            last_end = me
    return list(dict.fromkeys(holders))


_ADDRESSEE = re.compile(r"^(?:uw|your)\s", re.IGNORECASE)

# The subject is the people who speak for states: "de ministers van Italië en Malta",
# "the delegations of Poland and Hungary".
_SPOKESPEOPLE_OF = re.compile(
    r"\s*(?:(?:de|het|the)\s+)?(?:\w+\s+)?(?:ministers?|delegaties|delegatie|delegations?|"
    r"regeringen|regering|governments?|vertegenwoordigers|representatives|leaders|leiders)\s+"
    r"(?:van|of|from|uit)\s+(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)

# Subordinate clauses with a subject of their own: "dat", "waarop", "omdat", "that", "how".
_THAT = re.compile(
    r"\b(?:dat|waarop|waarmee|waardoor|omdat|doordat|nadat|zodat|hoe|that|whether|how|because|"
    r"whereby)\s+",
    re.IGNORECASE,
)

_THAT_SUBJECT_GAP = re.compile(
    r"^(?:(?:de|het|een|the|a|an)\s+)?(?:\S+\s+)?$|\b(?:waaronder|inclusief|including|among)\b",
    re.IGNORECASE,
)

_UNNAMED_GROUP = re.compile(
    r"(?:(?:de|het|alle|veel|vele|enkele|sommige|meerdere|diverse|verschillende|andere|overige|"
    r"meeste|the|all|many|several|some|other|most|a\s+number\s+of|een\s+(?:\w+\s+)?(?:aantal|"
    r"meerderheid|minderheid|groep))\s+)*(?:\w+\s+)?(?:lidstaten|landen|ministers|delegaties|"
    r"partijen|member\s+states|countries|delegations|parties)\b(?![^,]*\b(?:waaronder|inclusief|"
    r"including|among|onder\s+wie)\b)(?!\s+(?:van|of|from|uit)\s+(?:(?:de|het|the)\s+)?(?-i:[A-Z]))",
    re.IGNORECASE,
)


def unnamed_reported_subject(text: str, start: int, cue_start: int) -> bool:
    """ "Het voorzitterschap concludeerde dat de lidstaten X steunen": the stance is the
    unnamed group's, so nobody named holds it."""
    last = last_match(_THAT.finditer(text, start, cue_start))
    return bool(last and _UNNAMED_GROUP.match(text, last.end(), cue_start))


_COUNCILS = ("/agency/raad-van-de-eu", "/agency/europese-raad")


def council_of(s: SentenceView) -> list[str]:
    """The Council a sentence names, as a body or as the body of its meeting: the holder
    of a Council act no one else is said to do ("Tijdens de Raad werd ... bereikt")."""
    for m in s.mentions:
        iri = _holder_iri(m) if m.type == "Meeting" else m.iri
        if iri.endswith(_COUNCILS):
            return [iri]
    return []


def reported_holders(s: SentenceView, start: int, cue_start: int) -> list[str]:
    """ "X recalled that Y had approved Z": the stance is Y's, the subject of the
    that-clause the cue stands in."""
    text = s.text
    last = last_match(_THAT.finditer(text, start, cue_start))
    if last is None:
        return []
    first = next((m for m in s.mentions if last.end() <= s.local(m)[0] < cue_start), None)
    if first is None or not _THAT_SUBJECT_GAP.search(text[last.end() : s.local(first)[0]]):
        return []
    if _PASSIVE.search(text[last.end() : cue_start + 40]) and not re.search(
        r"\b(?:door|by)\b", text[last.end() : cue_start + 40], re.IGNORECASE
    ):
        return []  # "de wijze waarop Armenië gesteund kan worden": Armenië is no agent
    return subject_holders(s, last.end(), cue_start)


_PASSIVE = re.compile(
    r"\b(?:wordt|worden|werd|werden)\b(?:\s+\S+){0,8}?\s+(?:ge\w+[dt]|\w+ge\w+[dt]|"
    r"ge\w+en|\w+ge\w+en)\b|\b(?:is|are|was|were)\s+(?:\w+ed)\s+by\b"
    r"|\bge\w+[dt]\s+(?:\w+\s+)?(?:worden|wordt|werd|werden)\b",
    re.IGNORECASE,
)

# Who joins the holder: "samen met Polen", "supported by Belgium", "gesteund door België".
COMPANION = re.compile(
    r"\b(?:samen met|together with|supported by|backed by|gesteund door|ondersteund door|"
    r"met steun van|with the support of)\s+(?:(?:de|het|the)\s+)?$",
    re.I,
)


def co_holders(s: SentenceView, start: int, end: int) -> list[str]:
    """ "Nederland pleitte samen met Polen voor X": the companions hold the stance too."""
    out = []
    for m in s.mentions:
        ms, me = s.local(m)
        if (
            start <= ms
            and me <= end
            and _is_holder_mention(s, m)
            and COMPANION.search(s.text[max(0, ms - 20) : ms])
        ):
            out.append(_holder_iri(m))
    return out


def agent_holders(s: SentenceView, cue_end: int) -> list[str]:
    """The enumeration right after "op verzoek van": "Frankrijk", "Nederland en België"."""
    holders = []
    pos = cue_end
    for m in s.mentions:
        ms, me = s.local(m)
        if ms < cue_end:
            continue
        gap = s.text[pos:ms].strip().lower()
        joined = gap in ("", ",", "en", "and", "de", "het", "the") or (
            pos == cue_end and len(gap) < 12
        )
        if joined and m.type in HOLDER_TYPES:
            holders.append(m.iri)
            pos = me
            continue
        break
    return holders


def mention_start(s: SentenceView, iri: str) -> int:
    """Where ``iri`` is first named in the sentence (far beyond its end when it is not)."""
    for m in s.mentions:
        if m.iri == iri:
            return s.local(m)[0]
    return 1 << 30


def carried_holders(text: str, state: State) -> list[str]:
    """The holder carried over from the previous sentence, only when unambiguous."""
    if re.match(r"^\s*(?:hij|zij|he|she)\s", text, re.IGNORECASE) and state.last_person:
        return [state.last_person]
    holders = state.holders
    if not holders and state.holder_sentence is not None:
        view = state.holder_sentence
        holders = subject_holders(view, 0, len(view.text))
    if len(holders) == 1 or (holders and re.match(r"^\s*they\s", text, re.IGNORECASE)):
        return list(holders)  # "They called for X": all of the holders before
    return []
