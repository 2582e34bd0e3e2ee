"""Targets a sentence only refers to: "het voorstel" is the section's agenda item,
"bovenstaande ideeën" the targets of the sentences before, "hiermee" what the
sentence before was about, "een dergelijke bijeenkomst" the meeting named last;
a vote without an object ("kan instemmen") is about the agenda item.

>>> from kg.nlp.relation_rules import load_stance_rules
>>> from kg.nlp.stances.sentence import Span
>>> rule = next(r for r in load_stance_rules() if r.id == "stance.nl.steun")
>>> text = "Nederland kan het voorstel steunen."
>>> s = SentenceView(text, 0, len(text), [Span(0, 9, "State", "nl", "Nederland")], "nl")
>>> resolve_anaphora(s, text, (0, 27, 34, 35), [], ["nl"], State(topic="act"), rule)
['act']
"""

from __future__ import annotations

import re

from kg.nlp.relation_rules import StanceRule
from kg.nlp.stances.holders import HOLDER_TYPES
from kg.nlp.stances.memory import State
from kg.nlp.stances.sentence import CLAUSE_FINAL, SentenceView
from kg.nlp.stances.targets import AUTHOR_OF_PROPOSAL

PREVIOUS_TARGETS = re.compile(
    r"\b(?:bovenstaande|bovengenoemde|genoemde|deze|die|these|the above|those)\s+"
    r"(?:ideeën|ideeen|voorstellen|punten|plannen|maatregelen|ideas|proposals|points|plans|"
    r"measures)\b",
    re.IGNORECASE,
)

TOPIC_ANAPHOR = re.compile(
    r"\b(?:het|dit|dat|deze|de|the|this)\s+(?:voorgestelde\s+|nieuwe\s+|huidige\s+|"
    r"proposed\s+|new\s+)?(?:voorstel|compromisvoorstel|compromistekst|compromis|herziening|"
    r"verordening|richtlijn|wetsvoorstel|initiatief|(?:raads)?conclusies|algemene\s+oriëntatie|"
    r"proposal|regulation|directive|initiative|revision|conclusions|compromise(?:\s+text)?|"
    r"general\s+approach)\b"
    r"(?!\s+(?:van|voor|tot|ter|inzake|over|for|of|on|to|regarding)\b)",
    re.IGNORECASE,
)

_HERE = re.compile(r"hier|daar", re.IGNORECASE)

_PRONOMINAL = re.compile(
    r"\b(?:hier|daar)(?:mee|voor|over|aan|tegen)\b|\b(?:hier|daar)\s+(?:\w+\s+){0,3}?"
    r"(?:mee|voor|tegen)\s+(?:\w+\s+)?(?:instemmen|akkoord|steunen|stemmen|stemt|stemde)\b",
    re.IGNORECASE,
)

# "Nederland kan dit (niet) steunen.", "Nederland steunt dit.", "supports it."
_THIS_BEFORE = re.compile(r"\bdit\s+(?:(?:niet|ook|wel|graag|volledig)\s+)?$", re.IGNORECASE)

_THIS_AFTER = re.compile(
    r"\s*(?:dit|this|it)(?:\s+(?:niet|not|ook|also|fully))?\W*$", re.IGNORECASE
)

_MEETING_ANAPHOR = re.compile(
    r"\b(?:een\s+)?(?:dergelijke|deze|die|such\s+a|this|that)\s+(?:bijeenkomst|"
    r"vergadering|overleg|top|meeting|summit)\b",
    re.IGNORECASE,
)


def resolve_anaphora(
    s: SentenceView,
    text: str,
    bounds: tuple[int, int, int, int],
    targets: list[str],
    holders: list[str],
    state: State,
    rule: StanceRule,
) -> list[str]:
    """Targets the sentence only refers to; ``bounds`` are the clause start, the cue start and
    end, and the clause end."""
    clause_start, cue_start, cue_end, clause_end = bounds
    scope = text[cue_end:clause_end]
    if CLAUSE_FINAL.match(text, cue_end, clause_end):
        scope = text[clause_start:clause_end]  # "Nederland kan het voorstel steunen."
    resolved = list(targets)
    if (
        not resolved
        and _HERE.search(text, clause_start, clause_end)
        and _PRONOMINAL.search(text, clause_start, clause_end)
    ):
        # "Nederland kon hiermee instemmen": with what the sentence before was about
        resolved.extend(t for frame in state.frames for t in frame.targets if t not in holders)
    if PREVIOUS_TARGETS.search(scope):
        for frames in [state.frames, *state.history[-2:]]:
            for frame in frames:
                resolved.extend(t for t in frame.targets if t not in holders)
    anaphor = TOPIC_ANAPHOR.search(scope)
    if anaphor:
        initiative = "initiati" in anaphor.group(0).lower()
        first, second = (
            (state.topic_initiative, state.topic)
            if initiative
            else (state.topic, state.topic_initiative)
        )
        if first or second:
            resolved.append(first or second)  # type: ignore[arg-type]
    if (
        rule.predicate == "requested"
        and not resolved
        and state.last_meeting
        and _MEETING_ANAPHOR.search(text)
    ):
        resolved.append(state.last_meeting)
    others = [t for t in resolved if not _is_author(s, t, _AUTHOR_OF_EFFORT)]
    if others and len(others) < len(resolved):
        resolved = others  # the effort's object is named: its author is no target
    if resolved and all(_is_author_of_proposal(s, t) for t in resolved):
        # "instemmen met het voorstel van de Commissie": the proposal (the agenda
        # item, when the section names one), not its author
        topic = state.topic or state.topic_initiative
        resolved = [topic] if topic else []
    only_context = all(_is_presidency_or_council(s, t) for t in resolved)
    # votes, consent and judgements without an object are about the agenda item ("kan
    # instemmen", rules marked "item"), and so is a clause-final stance on "dit"
    vote = rule.item or (
        _THIS_BEFORE.search(text, max(clause_start, cue_start - 24), cue_start) is not None
        or _THIS_AFTER.match(text, cue_end, clause_end) is not None
    )
    if (
        state.topic
        and (not resolved or only_context)
        and rule.holder == "before"
        and (rule.predicate in ("supports", "requested") or vote)
        and (resolved or vote or _AGREEMENT.search(scope))
    ):
        # support for the presidency's ambition to reach an agreement, or a vote
        # without an object, is about the agenda item
        resolved.append(state.topic)
    return list(dict.fromkeys(resolved))


# "de inzet van het voorzitterschap om tot een akkoord over X te komen": X, not who tries
_AUTHOR_OF_EFFORT = re.compile(
    r"\b(?:inzet|inspanningen|ambitie|streven|pogingen|efforts?|ambition|endeavours?)\s+"
    r"(?:van|of|by)\s+(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)

THEREBY = re.compile(r"\b(?:daarbij|daarover|hierover|hierbij|in doing so|thereby)\b", re.I)

_AGREEMENT = re.compile(
    r"\b(?:tot\s+(?:een\s+)?(?:akkoord|overeenstemming)|akkoord\s+te\s+(?:komen|bereiken)|"
    r"onderhandelingen|compromis|reach\s+(?:an\s+)?agreement|negotiations)\b",
    re.I,
)


def _is_author_of_proposal(s: SentenceView, iri: str) -> bool:
    return _is_author(s, iri, AUTHOR_OF_PROPOSAL)


def _is_author(s: SentenceView, iri: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``iri`` is named as the one who made or pursues something ("het voorstel van
    de Commissie"): only a state, body or person can be ("de tekst van de X-verordening" is
    the act's own text)."""
    for m in s.mentions:
        if m.iri == iri and m.type in HOLDER_TYPES:
            start = s.local(m)[0]
            return bool(pattern.search(s.text[max(0, start - 30) : start]))
    return False


def _is_presidency_or_council(s: SentenceView, iri: str) -> bool:
    for m in s.mentions:
        if m.iri == iri:
            low = m.text.lower()
            return "oorzitterschap" in low or "presidency" in low or low in ("raad", "council")
    return False
