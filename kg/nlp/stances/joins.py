"""Sentences that join the stances of the sentence before.

"Nederland sloot zich hierbij aan" (:data:`JOIN_PREVIOUS`): the joiners take each
stance of the sentence before on the same targets (rule ``stance.join_previous``);
"Hetzelfde geldt voor X" (:data:`SAME_FOR`): the holders of the sentence before
take the same stance on X (rule ``stance.same_for``).

>>> from kg.nlp.stances.sentence import Span
>>> text = "Nederland sloot zich hierbij aan."
>>> s = SentenceView(text, 0, len(text), [Span(0, 9, "State", "nl", "Nederland")], "nl")
>>> state = State(frames=[Frame(["be"], "supports", ["fx"], "stance.nl.steun")])
>>> out, frames = joined_stances(
...     s, state, JOIN_PREVIOUS.search(text), None, Evidence(text, 0, len(text)), ["nl"])
>>> [(r.subject, r.predicate, r.object, r.rule) for r in out]
[('nl', 'supports', 'fx', 'stance.join_previous')]
"""

from __future__ import annotations

import re

from kg.extraction import Evidence, Relation
from kg.nlp.stances.holders import subject_holders
from kg.nlp.stances.issues import issue_of
from kg.nlp.stances.memory import Frame, State
from kg.nlp.stances.sentence import SentenceView

JOIN_PREVIOUS = re.compile(
    r"\b(?:sloot|sloten|sluit|sluiten)\s+(?:zich\s+)?(?:hierbij|daarbij|hier\s+bij|daar\s+bij|"
    r"zich\s+aan\s+bij|aan\s+bij)|\b(?:joined|aligned\s+(?:itself|themselves)\s+with)\b|"
    r"\b(?:deed|deden|doet|doen)\s+(?:dat\s+)?hetzelfde\b|\bdid\s+(?:the\s+same|likewise)\b|"
    r"\bfollowed\s+suit\b|"
    r"\bshared?\s+(?:these|those|this|that|the\s+same|their|its)\s+(?:\w+\s+)?(?:concerns?|views?|"
    r"positions?|worries|reservations)\b|"
    r"\b(?:deelde|deelden|deelt|delen)\s+(?:deze|die|dezelfde|hun|haar)\s+(?:\w+\s+)?(?:zorgen?|"
    r"mening|positie|opvatting|bezwaren|kritiek)\b",
    re.IGNORECASE,
)

SAME_FOR = re.compile(
    r"^\s*(?:hetzelfde|dit|dat|the same)\s+(?:geldt|gold|applies|applied)\b(?:\s+ook)?\s+"
    r"(?:voor|to)\b",
    re.IGNORECASE,
)


def joined_stances(
    s: SentenceView,
    state: State,
    join: re.Match[str] | None,
    same: re.Match[str] | None,
    evidence: Evidence,
    sentence_holders: list[str],
) -> tuple[list[Relation], list[Frame]]:
    """The relations and frames a joining sentence takes over from ``state.frames``:
    ``join`` and ``same`` are the matches of :data:`JOIN_PREVIOUS` and :data:`SAME_FOR`."""
    text = s.text
    out: list[Relation] = []
    frames: list[Frame] = []
    if join and state.frames:
        joiners = subject_holders(s, 0, join.start()) or sentence_holders
        _take_over(state.frames, joiners, "stance.join_previous", evidence, out, frames)

    if same and state.frames:
        named = [m for m in s.mentions if s.local(m)[0] >= same.end()]
        if named and all(
            _joins_holders(m.type, frame, state.types) for m in named for frame in state.frames
        ):
            # "Duitsland steunde X. Dat gold ook voor Nederland.": Nederland holds it too
            holders = [m.iri for m in named]
            _take_over(state.frames, holders, "stance.same_for", evidence, out, frames)
            return out, frames
        targets = [m.iri for m in named]
        same_issues = {t: issue_of(s, t, same.end(), len(text)) for t in targets}
        for frame in state.frames:
            for holder in frame.holders:
                for target in targets:
                    out.append(
                        Relation(
                            holder,
                            frame.predicate,
                            target,
                            "stance.same_for",
                            evidence,
                            issue=same_issues[target],
                        )
                    )
            frames.append(
                Frame(frame.holders, frame.predicate, targets, "stance.same_for", same_issues)
            )
    return out, frames


def _take_over(
    previous: list[Frame],
    holders: list[str],
    rule: str,
    evidence: Evidence,
    out: list[Relation],
    frames: list[Frame],
) -> None:
    """``holders`` take each stance of ``previous`` on the same targets (into ``out`` and
    ``frames``)."""
    for frame in previous:
        for holder in holders:
            for target in frame.targets:
                if target != holder:
                    out.append(
                        Relation(
                            holder,
                            frame.predicate,
                            target,
                            rule,
                            evidence,
                            issue=frame.issues.get(target),
                        )
                    )
        frames.append(Frame(holders, frame.predicate, frame.targets, rule, frame.issues))


def _joins_holders(entity_type: str, frame: Frame, types: dict[str, str]) -> bool:
    """Whether a name of ``entity_type`` after "Hetzelfde geldt voor" is one more holder of
    ``frame`` rather than one more target: its type is among the holders', not the targets'.

    >>> types = {"de": "State", "x": "Regulation"}
    >>> _joins_holders("State", Frame(["de"], "supports", ["x"], "r"), types)
    True
    >>> _joins_holders("State", Frame(["de"], "opposes", ["ru"], "r"), {**types, "ru": "State"})
    False
    """
    return any(types.get(h) == entity_type for h in frame.holders) and not any(
        types.get(t) == entity_type for t in frame.targets
    )
