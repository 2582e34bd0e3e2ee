"""Where the cues of a sentence are, how far their clause reaches, and the cues that
state no stance where they stand.

:class:`Triggers` finds the trigger words of every cue rule in one pass over a
document, so most sentences try no rule; :func:`find_cues` matches the rules
that can match; :func:`clause_bounds` is the clause a cue stands in. A cue in
a talk about something ("De Raad sprak over de steun aan X"), in what someone
else does ("aandacht voor de VS-sancties tegen X") or in what is only
expected ("zal naar verwachting ... vaststellen") states no stance.

>>> text = "Nederland steunt het voorstel, maar Frankrijk is tegen."
>>> clause_bounds(text, 10, 16)
(0, 29)
>>> topic_frame("De Raad sprak over de steun aan Oekraïne.", 0, 22)
True
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

import ahocorasick

from kg.nlp.relation_rules import StanceRule

# Where a clause ends and a new one (with its own subject or condition) starts.
_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s*(?:maar|terwijl|waarbij|waarin|waarover|zolang|omdat|mits|wanneer|indien|"
    r"hoewel|aangezien|nu|doordat|zonder|but|while|whereas|although|because|provided|as long as|"
    r"without)\b"
    r"|\s(?:maar|terwijl|whereas|but)\s|\snu\s+(?=(?:de|het|dat|die)\s)",
    re.IGNORECASE,
)


class Triggers:
    """Where the trigger words of the cue rules occur: one pass over the document
    tells which rules can match in a sentence, so most sentences try none."""

    def __init__(self, rules: Sequence[StanceRule], lowered: str) -> None:
        self.rules = list(rules)
        self.always = tuple(i for i, r in enumerate(self.rules) if not r.requires)
        # every trigger word in one pass (Aho-Corasick): they overlap ("steun", "te steunen")
        self.hits: list[tuple[int, tuple[int, ...]]] = [
            (end - size + 1, indices)
            for end, (size, indices) in _automaton(tuple(self.rules)).iter(lowered)
        ]
        self.hits.sort()
        self.positions = [pos for pos, _ in self.hits]
        self.joins = [m.start() for m in _JOIN_WORDS.finditer(lowered)]

    def rules_in(self, start: int, end: int) -> list[StanceRule]:
        lo, hi = bisect_left(self.positions, start), bisect_left(self.positions, end)
        chosen = set(self.always)
        for _, indices in self.hits[lo:hi]:
            chosen.update(indices)
        return [self.rules[i] for i in sorted(chosen)]

    def any_in(self, start: int, end: int) -> bool:
        """Whether a cue or a join ("sloot zich hierbij aan") can be in text[start:end]."""
        if self.always:
            return True
        i = bisect_left(self.positions, start)
        if i < len(self.positions) and self.positions[i] < end:
            return True
        j = bisect_left(self.joins, start)
        return j < len(self.joins) and self.joins[j] < end


@lru_cache(maxsize=8)
def _automaton(rules: tuple[StanceRule, ...]) -> ahocorasick.Automaton:
    """The trigger words of the rules, each with its length and the rules requiring it."""
    automaton = ahocorasick.Automaton()
    for word, indices in _words(rules).items():
        automaton.add_word(word, (len(word), indices))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=8)
def _words(rules: tuple[StanceRule, ...]) -> dict[str, tuple[int, ...]]:
    """Each trigger word and the indices of the rules that require it."""
    by_word: dict[str, list[int]] = {}
    for index, rule in enumerate(rules):
        for word in rule.requires:
            if any(other != word and other in word for other in rule.requires):
                continue  # "akkoord ga" is found wherever "akkoord" is: one search is enough
            by_word.setdefault(word, []).append(index)
    return {word: tuple(indices) for word, indices in by_word.items()}


_JOIN_WORDS = re.compile(
    r"sloot|sloten|sluit|geldt|gold\b|joined|aligned|applies|applied|hetzelfde|the same|likewise|"
    r"followed suit|share|deelde|deelt|delen"
)


def topic_frame(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` puts what follows in the topic of a talk or a notice."""
    low = text[start:end].lower()
    return any(hint in low for hint in _FRAME_HINTS) and bool(_TOPIC_FRAME.search(text, start, end))


_FRAME_HINTS = ("spr", "spe", "gespro", "discus", "debat", "kennis", "informe", "geïnformeerd",
                "note", "brief", "held", "had ", "hold", "exchange", "bespr", "gedachtewisseling")  # fmt: skip

# Talking about, being told about or noting something is no position on it.
_TOPIC_FRAME = re.compile(
    r"\b(?:(?:sprak|spraken|spreekt|spreken|gesproken|gediscussieerd|discussieerde\w*|"
    r"debatteerde\w*|gedebatteerd|nam(?:en)?\s+kennis|kennis\s+(?:genomen|nemen|neemt)|"
    r"geïnformeerd|informeerde\w*|took\s+note|takes?\s+note|informed|briefed|"
    r"(?:held|had|holds?)\s+(?:a|an)\s+(?:\w+\s+){0,2}?(?:debate|discussion|exchange)|"
    r"exchanged\s+views|exchange\s+of\s+views|beleidsdebat|gedachtewisseling)\b(?:\s+\S+){0,3}?"
    r"\s+(?:over|van|about|on|of|regarding|concerning)|besprak|bespraken|bespreekt|besproken|"
    r"discussed|debated)\b(?![^,;]*\b(?:en|and|maar|but)\b)",
    re.IGNORECASE,
)


def welcomes_an_act(
    text: str,
    rule: StanceRule,
    match: re.Match[str],
    later: Sequence[tuple[StanceRule, re.Match[str]]],
) -> bool:
    """Support for a that-clause whose own cue is support as well: what that clause
    supports is supported ("Het kabinet verwelkomt dat de Raad X heeft aangenomen")."""
    if rule.predicate != "supports" or not later or later[0][0].predicate != "supports":
        return False
    between = text[match.end() : later[0][1].start()]
    return bool(re.match(r"\s*(?:dat|that)\b", between, re.IGNORECASE))


def described_action(
    text: str,
    match: re.Match[str],
    earlier: list[tuple[StanceRule, re.Match[str]]],
    clause_start: int,
) -> bool:
    """ "aandacht voor de VS-sancties tegen X": someone else's action, not the holder's."""
    if match.start() > 0 and text[match.start() - 1] == "-":
        return True
    # worrying about, asking about or blocking "sancties tegen X" is no stance against X
    return any(
        r.predicate in ("concernedAbout", "requested", "opposes") and m.start() >= clause_start
        for r, m in earlier
    )


def find_cues(text: str, rules: Sequence[StanceRule]) -> list[tuple[StanceRule, re.Match[str]]]:
    """Non-overlapping cue matches; earlier rules in the file win overlaps."""
    found: list[tuple[StanceRule, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for rule in rules:  # already narrowed to the rules whose trigger words occur here
        for match in rule.regex.finditer(text):
            span = (match.start(), match.end())
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue
            found.append((rule, match))
            taken.append(span)
    found.sort(key=lambda item: item[1].start())
    return found


def clause_bounds(text: str, cue_start: int, cue_end: int) -> tuple[int, int]:
    """The clause the cue ``text[cue_start:cue_end]`` stands in, as (start, end)."""
    start, end = 0, len(text)
    for brk in _CLAUSE_BREAK.finditer(text):
        if brk.end() <= cue_start:
            start = brk.end()
        elif brk.start() >= cue_end:
            end = brk.start()
            break
    return start, end


#: Words that make a Council act expected or planned, not (yet) done.
EXPECTED = re.compile(
    r"\b(?:zal|zullen|zou|zouden|naar\s+verwachting|beoogt|beogen|streeft|streven|wil|willen|"
    r"hoopt|hopen|will|would|shall|expected|expects?|aims?|intends?|hopes?|plans?|could|may|"
    r"should)\b",
    re.IGNORECASE,
)
