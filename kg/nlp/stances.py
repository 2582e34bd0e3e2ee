"""Who supports, opposes, worries about or asks for what: sentence-level stance rules.

The engine works on plain offsets, so it needs no parser: the sentences of a
document, the linked entity mentions and the headings. For each cue found in
a sentence (see :mod:`kg.nlp.relation_rules`) it finds

* the holders: named states, bodies and persons in subject position (not
  behind a preposition), every member of an enumeration ("Nederland en
  België"), the named member of a group ("een achttal lidstaten, waaronder
  Nederland"), the agent after "op verzoek van"; when the sentence names none,
  the holder of the previous sentence is carried over only where the text makes
  it unambiguous ("Daarbij gaf het aan ...", "Hij riep ...");
* the targets: the entities in the object phrase after the cue (or, in a
  verb-final clause, between holder and cue); anaphora such as "het voorstel"
  or "bovenstaande ideeën" resolve to the agenda item of the section or the
  targets of the previous sentence;
* negation ("niet", "geen") that flips support into opposition, and conditions
  ("wanneer", "zolang", "mits") kept on the statement.

>>> text = "Nederland en België spraken steun uit voor Frontex."
>>> ms = [Span(0, 9, "State", "nl", "Nederland"), Span(13, 19, "State", "be", "België"),
...       Span(43, 50, "Agency", "fx", "Frontex")]
>>> rels = find_stances(text, [(0, len(text))], ms)
>>> sorted((r.subject, r.predicate, r.object) for r in rels)
[('be', 'supports', 'fx'), ('nl', 'supports', 'fx')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

from kg.extraction import Evidence, Issue, Relation
from kg.nlp.issues import DETERMINERS, fallback_span, issue_span
from kg.nlp.quotes import quoted_speakers
from kg.nlp.relation_rules import StanceRule, load_stance_rules
from kg.nlp.targets import bystander, conjoined, head_of

HOLDER_TYPES = frozenset({"State", "Agency", "Minister", "Person"})

# A mention right after one of these words (articles and adjectives may stand
# between) is inside a prepositional phrase, so it is not the subject.
_PREPOSITIONS_NL = frozenset(
    [
        "van",
        "voor",
        "aan",
        "tegen",
        "over",
        "met",
        "bij",
        "naar",
        "in",
        "uit",
        "op",
        "tot",
        "tussen",
        "onder",
        "tijdens",
        "zonder",
        "via",
        "vanuit",
        "richting",
        "jegens",
        "rond",
        "rondom",
        "tegenover",
        "binnen",
        "buiten",
        "na",
        "sinds",
        "per",
        "door",
        "namens",
        "conform",
        "volgens",
        "zoals",
        "dan",
        "als",
        "t.a.v.",
        "inzake",
        "omtrent",
        "betreffende",
        "aangaande",
    ]
)
_PREPOSITIONS_EN = frozenset(
    [
        "of",
        "for",
        "to",
        "against",
        "about",
        "with",
        "at",
        "in",
        "on",
        "from",
        "by",
        "towards",
        "toward",
        "between",
        "under",
        "during",
        "within",
        "without",
        "into",
        "onto",
        "over",
        "via",
        "than",
        "as",
        "including",
        "like",
        "regarding",
        "concerning",
    ]
)
# Words that put a named member into a group holder: "lidstaten, waaronder Nederland".
_GROUP_MARKERS = frozenset(
    ["waaronder", "inclusief", "zoals", "including", "among", "evenals", "alsook", "samen", "met",
     "namelijk", "o.a.", "notably", "namely"]
)  # fmt: skip
# ... and of two: "lidstaten, onder wie Ierland", "met name Polen", "in particular Italy"
_GROUP_MARKER_PAIRS = frozenset(
    ["samen met", "onder wie", "onder meer", "onder andere", "met name", "te weten",
     "in particular", "among them", "such as"]
)  # fmt: skip
_DETERMINERS = DETERMINERS
# Demonyms hold a stance only as in "de Nederlandse inzet", "het Franse voorzitterschap".
_DEMONYM_HOLDER_HEADS = re.compile(
    r"^\s*(?:EU-)?(?:inzet|positie|standpunt|grondhouding|houding|opstelling|appreciatie|kabinet|"
    r"regering|voorzitterschap|delegatie|"
    r"minister|premier|overheid|autoriteiten|government|presidency|delegation|position|"
    r"authorities)\b",
    re.IGNORECASE,
)
# Where a clause ends and a new one (with its own subject or condition) starts.
_CLAUSE_BREAK = re.compile(
    r";|:\s|,\s*(?:maar|terwijl|waarbij|waarin|waarover|zolang|omdat|mits|wanneer|indien|"
    r"hoewel|aangezien|nu|doordat|zonder|but|while|whereas|although|because|provided|as long as|"
    r"without)\b"
    r"|\s(?:maar|terwijl|whereas|but)\s|\snu\s+(?=(?:de|het|dat|die)\s)",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"\b(?:wanneer|mits|indien|zolang|op voorwaarde dat|onder voorwaarde dat|als|if|provided "
    r"that|as long as|on condition that)\b[^.;]*",
    re.IGNORECASE,
)
_NEGATION_NL = re.compile(r"\b(?:niet|geen|nooit)\b(?!\s+(?:alleen|enkel|per se|zonder|langer))")
_NEGATION_EN = re.compile(r"\b(?:not|no|never|cannot)\b(?!\s+only)")
_CARRY_START = re.compile(
    r"^\s*(?:daarbij|daarnaast|ook|tevens|verder|voorts|bovendien|tot slot|ten slotte|"
    r"vervolgens|hierbij|in dat kader|in this context|furthermore|moreover|in addition|"
    r"it also|they also|he also|she also)\b|^\s*(?:hij|zij|ze|het|it|he|she|they)\s",
    re.IGNORECASE,
)
_PRONOUN_SUBJECT = re.compile(
    r"^\s*(?:\S+\s+){0,3}?(?:gaf|gaven|benadrukte|benadrukten|riep|riepen|sprak|spraken|"
    r"vroeg|vroegen|uitte|uitten|wees|wezen|stelde|stelden|steunde|steunden|verwelkomde|"
    r"verwelkomden|onderstreepte|onderstreepten)\s+(?:het|hij|zij|ze)\b|^\s*(?:hij|zij|ze|"
    r"het|he|she|it|they)\s",
    re.IGNORECASE,
)
_JOIN_PREVIOUS = re.compile(
    r"\b(?:sloot|sloten|sluit|sluiten)\s+(?:zich\s+)?(?:hierbij|daarbij|hier\s+bij|daar\s+bij|"
    r"zich\s+aan\s+bij|aan\s+bij)|\b(?:joined|aligned\s+(?:itself|themselves)\s+with)\b",
    re.IGNORECASE,
)
_SAME_FOR = re.compile(
    r"^\s*(?:hetzelfde|dit|dat|the same)\s+(?:geldt|gold|applies|applied)\b(?:\s+ook)?\s+"
    r"(?:voor|to)\b",
    re.IGNORECASE,
)
_PREVIOUS_TARGETS = re.compile(
    r"\b(?:bovenstaande|bovengenoemde|genoemde|deze|die|these|the above|those)\s+"
    r"(?:ideeën|ideeen|voorstellen|punten|plannen|maatregelen|ideas|proposals|points|plans|"
    r"measures)\b",
    re.IGNORECASE,
)
_TOPIC_ANAPHOR = re.compile(
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
    r"\b(?:een\s+)?(?:dergelijke|deze|die|die|such\s+a|this|that)\s+(?:bijeenkomst|"
    r"vergadering|overleg|top|meeting|summit)\b",
    re.IGNORECASE,
)
_RELATIVE_CLAUSE = re.compile(
    r".*,\s*(?:waarbij|waarin|whereby|where)\s*$", re.IGNORECASE | re.DOTALL
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
_WORD = re.compile(r"[\w'’.-]+")


@dataclass(frozen=True)
class Span:
    """A linked mention: ``text[start:end]`` refers to entity ``iri`` of ``type``."""

    start: int
    end: int
    type: str
    iri: str
    text: str
    kind: str = ""  # "demonym" when the surface form is an adjective or inhabitant name
    body: str = ""  # for a meeting: the IRI of the body that meets (it can hold a stance)


@dataclass
class _Frame:
    holders: list[str]
    predicate: str
    targets: list[str]
    rule: str
    issues: dict[str, Issue] = field(default_factory=dict)  # target -> what about it


@dataclass
class _State:
    frames: list[_Frame] = field(default_factory=list)  # stances of the previous sentence
    history: list[list[_Frame]] = field(default_factory=list)  # of the sentences before
    questioner: str | None = None  # who asks, in written questions ("Vragen van het lid X")
    holders: list[str] = field(default_factory=list)  # holders of the previous sentence
    last_person: str | None = None
    topic: str | None = None  # the agenda item of the current section
    topic_initiative: str | None = None
    holder_sentence: _SentenceView | None = None  # whose subject holders are worked out lazily
    last_meeting: str | None = None
    speaker: str | None = None  # who speaks, inside a quotation


def find_stances(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Span],
    headings: Sequence[tuple[int, int]] = (),
    lang: str = "nl",
    rules: Sequence[StanceRule] | None = None,
    questioner: str | None = None,
) -> list[Relation]:
    """Stance relations of a document, each with its evidence sentence and rule id.

    ``questioner`` is who asks in a document of written questions; a question
    voicing a concern ("Deelt u de zorg dat X ...?") is that member's concern.
    """
    lowered = text.lower()
    rules = [r for r in (rules or load_stance_rules()) if r.lang == lang]
    triggers = _Triggers(rules, lowered)
    mentions = _outermost(mentions)
    heading_spans = sorted(headings)
    heading_starts = [start for start, _ in heading_spans]
    relations: list[Relation] = []
    state = _State(questioner=questioner)
    quotes = quoted_speakers(text, [(m.start, m.end, m.type, m.iri) for m in mentions])
    cursor = 0
    heading_index = 0
    for sent_start, sent_end in sentences:
        while heading_index < len(heading_starts) and heading_starts[heading_index] <= sent_start:
            h_start, h_end = heading_spans[heading_index]
            if not _SUBHEADING.match(text, h_start, h_end):
                state.topic = state.topic_initiative = None  # a new agenda item
            heading_index += 1
        while cursor < len(mentions) and mentions[cursor].end <= sent_start:
            cursor += 1
        in_sentence = []
        i = cursor
        while i < len(mentions) and mentions[i].start < sent_end:
            if mentions[i].start >= sent_start:
                in_sentence.append(mentions[i])
            i += 1
        cued = triggers.any_in(sent_start, sent_end)
        if not cued and not in_sentence:
            _forget(state)  # no cue and nothing named: no stance to read or pass on
            continue
        sentence = _SentenceView(text, sent_start, sent_end, in_sentence, lang)
        if not cued:
            _forget(state, sentence)  # no cue: nothing to read; its subject may be carried
        elif not in_sentence and not _CARRY_START.match(text[sent_start : sent_start + 40]):
            _forget(state)  # nothing named, nothing carried: no stance to read or pass on
        elif not _inside(heading_spans, sent_start, sent_end) and not _looks_like_heading(
            text[sent_start:sent_end]
        ):
            # headings name topics; they state no positions
            candidates = triggers.rules_in(sent_start, sent_end)
            state.speaker = next((iri for q0, q1, iri in quotes if q0 <= sent_start < q1), None)
            relations.extend(_read_sentence(sentence, candidates, state))
        for mention in in_sentence:
            # the agenda item: the first act (or initiative) the section names
            if mention.type == "Regulation" and state.topic is None:
                state.topic = mention.iri
            if mention.type == "Initiative" and state.topic_initiative is None:
                state.topic_initiative = mention.iri
            if mention.type in ("Minister", "Person"):
                state.last_person = mention.iri
            if mention.type == "Meeting":
                state.last_meeting = mention.iri
    return relations


# The parts of one agenda item ("Inzet Nederland", "Krachtenveld"): its topic goes on.
_SUBHEADING = re.compile(
    r"\W*(?:[\divx]+[.)]?\s+|[a-h][.)]\s+)?(?:(?:de|het)\s+)?(?:nederlandse\s+|eu-)?(?:inzet|positie|"
    r"standpunt|stand\s+van\s+zaken|doel(?:\s+van\s+de)?\s+raadsbehandeling|inhoud|"
    r"(?:verwachte\s+)?besluitvorming|toelichting|achtergrond|krachtenveld|tijdpad|planning|"
    r"beoogd\s+resultaat|verwachte\s+uitkomst|(?:kabinets)?appreciatie|samenvatting|"
    r"state\s+of\s+play|background|next\s+steps|main\s+results)\b"
    r"(?:\s+(?:van\s+)?(?:nederland|het\s+kabinet|kabinet|lidstaten|de\s+lidstaten))?\W*$",
    re.IGNORECASE,
)


def _outermost(mentions: Sequence[Span]) -> list[Span]:
    """Mentions in text order without those named inside another one: "Guatemala" in
    "het EU-sanctieregime Guatemala" neither holds nor receives a stance."""
    out: list[Span] = []
    reach = -1  # the furthest end of the mentions kept
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.end <= reach:
            continue
        out.append(m)
        reach = max(reach, m.end)
    return out


def _forget(state: _State, sentence: _SentenceView | None = None) -> None:
    """What _read_sentence leaves for a sentence without cues: no stances to
    join, and its subject, worked out only if a next sentence needs it."""
    state.history = [*state.history[-3:], state.frames]
    state.frames = []
    state.holders = []
    state.holder_sentence = sentence


class _Triggers:
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


_JOIN_WORDS = re.compile(r"sloot|sloten|sluit|geldt|gold\b|joined|aligned|applies|applied")


def _looks_like_heading(sentence: str) -> bool:
    stripped = sentence.strip()
    return len(stripped) < 100 and not stripped.endswith((".", "?", "!", ":", ";", ")"))


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(h_start <= start and end <= h_end + 1 for h_start, h_end in spans)


def _first_subject(s: _SentenceView, start: int, end: int) -> Span | None:
    for m in s.mentions:
        ms, me = s.local(m)
        if start <= ms and me <= end and not _in_prepositional_phrase(s, m):
            return m
    return None


@dataclass
class _SentenceView:
    doc_text: str
    start: int
    end: int
    mentions: list[Span]
    lang: str

    @property
    def text(self) -> str:
        return self.doc_text[self.start : self.end]

    def local(self, m: Span) -> tuple[int, int]:
        return m.start - self.start, m.end - self.start


def _read_sentence(s: _SentenceView, rules: Sequence[StanceRule], state: _State) -> list[Relation]:
    text = s.text
    cues = _find_cues(text, rules)
    join = _JOIN_PREVIOUS.search(text) if state.frames else None
    same = _SAME_FOR.match(text) if state.frames else None
    if not cues and not join and not same:
        _forget(state, s)
        return []
    evidence = Evidence(text.strip(), s.start + _lstrip_len(text), s.start + len(text.rstrip()))
    out: list[Relation] = []
    frames: list[_Frame] = []
    sentence_holders = _subject_holders(s, 0, len(text))

    if join and state.frames:
        joiners = _subject_holders(s, 0, join.start()) or sentence_holders
        for frame in state.frames:
            for holder in joiners:
                for target in frame.targets:
                    if target != holder:
                        out.append(
                            _rel(
                                holder,
                                frame.predicate,
                                target,
                                "stance.join_previous",
                                evidence,
                                issue=frame.issues.get(target),
                            )
                        )
            frames.append(
                _Frame(
                    joiners, frame.predicate, frame.targets, "stance.join_previous", frame.issues
                )
            )

    if same and state.frames:
        targets = [m.iri for m in s.mentions if s.local(m)[0] >= same.end()]
        same_issues = {t: _issue(s, t, same.end(), len(text)) for t in targets}
        for frame in state.frames:
            for holder in frame.holders:
                for target in targets:
                    out.append(
                        _rel(
                            holder,
                            frame.predicate,
                            target,
                            "stance.same_for",
                            evidence,
                            issue=same_issues[target],
                        )
                    )
            frames.append(
                _Frame(frame.holders, frame.predicate, targets, "stance.same_for", same_issues)
            )

    for index, (rule, match) in enumerate(cues):
        next_cue = cues[index + 1][1].start() if index + 1 < len(cues) else len(text)
        clause_start, clause_end = _clause(text, match.start(), match.end())
        predicate = rule.predicate
        object_from = match.end()  # where the object phrase starts
        if rule.factual and _EXPECTED.search(text[clause_start : match.start()]):
            continue  # "de Raad zal naar verwachting ... vaststellen": not (yet) done
        if rule.scope == "np" and _described_action(text, match, cues[:index], clause_start):
            continue
        if rule.holder == "before" and _topic_frame(text, clause_start, match.start()):
            continue  # "De Raad sprak over de steun aan X", "took note of": a topic, not a stance
        if not rule.negative and _negated(text, clause_start, match, s.lang):
            if predicate != "supports":
                continue
            predicate = "opposes"
        if rule.holder == "after":
            holders = _agent_holders(s, match.end())
            held = set(holders)
            agent_end = max(
                (s.local(m)[1] for m in s.mentions if m.iri in held), default=match.end()
            )
            object_from = agent_end
            after = _targets(s, agent_end, clause_end, held, allow_meetings=True)
            subject = _first_subject(s, clause_start, match.start())
            before = [
                m
                for m in _targets(s, clause_start, match.start(), held, allow_meetings=True)
                if m is not subject
            ]
            # "op verzoek van X <het ding>": the thing asked for follows the agent, or
            # precedes the cue ("de brief op verzoek van uw Kamer")
            after = [m for m in after if not _is_venue(m) or m.type == "Meeting"]
            before = [m for m in before if not _is_venue(m) or m.type == "Meeting"]
            chosen = after[:1] or before[-1:]
            targets = [m.iri for m in chosen]
        else:
            holders = _reported_holders(s, clause_start, match.start())
            if not holders and not _unnamed_reported_subject(text, clause_start, match.start()):
                holders = (
                    _subject_holders(s, clause_start, match.start())
                    or [h for h in sentence_holders if _mention_start(s, h) < match.start()]
                    or _subject_holders(s, match.start(), match.end())  # "vroeg Slovenië aandacht"
                )
            if not holders and rule.factual:
                holders = _council_of(s)  # "Tijdens de JBZ-Raad werd een akkoord bereikt over X"
            if not holders and _CARRY_START.match(text) and _PRONOUN_SUBJECT.match(text):
                holders = _carried_holders(text, state)
            if holders:
                holders = holders + [
                    h for h in _co_holders(s, clause_start, clause_end) if h not in holders
                ]
            reach = min(clause_end, next_cue)
            if _welcomes_an_act(text, rule, match, cues[index + 1 :]):
                reach = clause_end  # "verwelkomt dat de Raad een akkoord bereikte over X": X
            targets = _cue_targets(s, rule, match, clause_start, reach, holders)
            if (
                predicate in _FLIPPED
                and targets
                and _UNDOING.search(text[match.end() : min(clause_end, next_cue)])
            ):
                # "riep op tot opschorting van het akkoord met X" opposes X; "is geen
                # voorstander van intrekking van X" supports it
                predicate = _FLIPPED[predicate]
        if predicate == "concernedAbout" and _RELATIVE_CLAUSE.match(
            text[clause_start - 12 : clause_start + 1]
            if clause_start >= 12
            else text[: clause_start + 1]
        ):
            prev_start, _ = _clause(text, max(0, clause_start - 2), max(0, clause_start - 1))
            targets = list(
                dict.fromkeys(
                    [
                        *[
                            m.iri
                            for m in _targets(s, prev_start, clause_start, set(holders))
                            if m.type not in ("Minister", "Person")
                            and not _is_venue(m)
                            and m is not _first_subject(s, prev_start, clause_start)
                        ],
                        *targets,
                    ]
                )
            )
        if state.speaker and state.speaker not in holders:
            holders = [*holders, state.speaker]  # the one quoted holds what the quote says
        if not holders and state.questioner and text.rstrip().endswith("?"):
            holders = [state.questioner]  # "Deelt u de zorg dat X ...?" in written questions
        targets = _resolve_anaphora(
            s,
            text,
            (clause_start, match.start(), match.end(), clause_end),
            targets,
            holders,
            state,
            rule,
        )
        if not targets and frames and index > 0:
            # "vroeg aandacht voor X, en uitte daarbij zorgen dat ...": about X as well
            previous = cues[index - 1][1]
            if _THEREBY.search(text[previous.end() : match.start()]) or _THEREBY.search(
                match.group(0)
            ):
                targets = list(frames[-1].targets)
                holders = holders or list(frames[-1].holders)
        if not holders or not targets:
            continue
        condition = _condition(text, match.end(), clause_end)
        limit = min(clause_end, next_cue) if next_cue > object_from else clause_end
        issue_from = match.start() if rule.issue == "cue" else object_from
        issues = {t: _issue(s, t, issue_from, limit, match.start()) for t in targets}
        for holder in holders:
            for target in targets:
                if target == holder:
                    continue
                out.append(
                    _rel(holder, predicate, target, rule.id, evidence, condition, issues[target])
                )
        frames.append(_Frame(holders, predicate, targets, rule.id, issues))

    state.history = [*state.history[-3:], state.frames]
    if frames:
        state.frames = frames
    elif cues:
        # An unnamed group's stance ("Een grote groep lidstaten sprak steun uit voor X"):
        # no holder here, but a next sentence may join it ("Nederland sloot zich hierbij aan").
        state.frames = _holderless_frames(s, cues)
    else:
        state.frames = []
    state.holders = sentence_holders or ([h for f in frames for h in f.holders] if frames else [])
    state.holder_sentence = None
    return dedupe(out)


def _topic_frame(text: str, start: int, end: int) -> bool:
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


def _welcomes_an_act(
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


def _described_action(
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


def _holderless_frames(
    s: _SentenceView, cues: list[tuple[StanceRule, re.Match[str]]]
) -> list[_Frame]:
    frames = []
    text = s.text
    for index, (rule, match) in enumerate(cues):
        next_cue = cues[index + 1][1].start() if index + 1 < len(cues) else len(text)
        _, clause_end = _clause(text, match.start(), match.end())
        limit = min(clause_end, next_cue)
        targets = [m.iri for m in _targets(s, match.end(), limit, set())]
        if targets and rule.holder != "after":
            issues = {t: _issue(s, t, match.end(), limit, match.start()) for t in targets}
            frames.append(_Frame([], rule.predicate, targets, rule.id, issues))
    return frames


def _rel(
    holder: str,
    predicate: str,
    target: str,
    rule: str,
    evidence: Evidence,
    condition: str | None = None,
    issue: Issue | None = None,
) -> Relation:
    return Relation(holder, predicate, target, rule, evidence, condition=condition, issue=issue)


def _issue(
    s: _SentenceView, iri: str, object_from: int, limit: int, cue_start: int | None = None
) -> Issue | None:
    """What the stance on ``iri`` is about, as written: its object phrase (see
    :mod:`kg.nlp.issues`); for a target the sentence only refers to ("het
    voorstel"), the anaphor or the object phrase itself."""
    cue_start = object_from if cue_start is None else cue_start
    local = [s.local(m) for m in s.mentions if m.iri == iri]
    after = [span for span in local if object_from <= span[0] < max(limit, object_from + 1)]
    before = [span for span in local if span[1] <= object_from]  # or inside a split cue
    found = None
    if after:
        found = issue_span(s.text, object_from, after[0], limit)
    elif before:
        found = issue_span(s.text, object_from, before[-1], limit)
    if found is None:
        scope = s.text[object_from:limit]
        anaphor = _TOPIC_ANAPHOR.search(scope) or _PREVIOUS_TARGETS.search(scope)
        earlier = None if anaphor else _last(_TOPIC_ANAPHOR.finditer(s.text, 0, cue_start))
        if anaphor:
            found = issue_span(
                s.text,
                object_from,
                (object_from + anaphor.start(), object_from + anaphor.end()),
                limit,
            )
        elif earlier and _CLAUSE_FINAL.match(s.text, object_from, limit):
            found = earlier.start(), earlier.end()  # "Nederland kan het voorstel steunen."
        else:
            found = fallback_span(s.text, object_from, limit)
    if found is None:
        return None
    start, end = found
    return Issue(s.text[start:end], s.start + start, s.start + end)


def _last(matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    last = None
    for last in matches:  # noqa: B007 - the last one is wanted
        pass
    return last


def dedupe(relations: list[Relation]) -> list[Relation]:
    """Relations in order, each (subject, predicate, object) once: the first evidence wins."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for rel in relations:
        key = (rel.subject, rel.predicate, rel.object)
        if key not in seen:
            seen.add(key)
            out.append(rel)
    return out


def _lstrip_len(text: str) -> int:
    return len(text) - len(text.lstrip())


def _find_cues(text: str, rules: Sequence[StanceRule]) -> list[tuple[StanceRule, re.Match[str]]]:
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


def _clause(text: str, cue_start: int, cue_end: int) -> tuple[int, int]:
    start, end = 0, len(text)
    for brk in _CLAUSE_BREAK.finditer(text):
        if brk.end() <= cue_start:
            start = brk.end()
        elif brk.start() >= cue_end:
            end = brk.start()
            break
    return start, end


def _negated(text: str, clause_start: int, match: re.Match[str], lang: str) -> bool:
    window_start = max(clause_start, match.start() - 40)
    before = text[window_start : match.start()]
    inside = match.group(0)
    pattern = _NEGATION_NL if lang == "nl" else _NEGATION_EN
    # "niet" right before the cue or inside a split cue ("steunt het voorstel niet")
    if pattern.search(inside):
        return True
    words = before.split()
    tail = " ".join(words[-3:])
    if pattern.search(tail):
        return True
    after = text[match.end() : match.end() + 12]
    if re.match(r"\s*(?:niet|not)\b", after):
        return True
    # "Nederland steunt het voorstel niet." (clause-final negation)
    rest = text[match.end() : match.end() + 80]
    return lang == "nl" and bool(re.match(r"[^.;:,]*\bniet\s*(?:[.;:,]|$)", rest))


def _preceding_words(text: str, pos: int, n: int = 3) -> list[str]:
    return [w.lower() for w in _WORD.findall(text[max(0, pos - 60) : pos])][-n:]


def _in_prepositional_phrase(s: _SentenceView, m: Span) -> bool:
    start, _ = s.local(m)
    words = _preceding_words(s.text, start, 5)
    preps = _PREPOSITIONS_NL if s.lang == "nl" else _PREPOSITIONS_EN
    for i in range(len(words) - 1, 0 if len(words) > 4 else -1, -1):
        word = words[i]
        if word in preps:
            # "gaf aan X te steunen": the particle of a separable verb, not a preposition
            return not (word == "aan" and i > 0 and words[i - 1] in _GIVE)
        if word in _DETERMINERS or (word.endswith(("e", "en")) and len(words) > 1):
            continue  # articles and inflected adjectives ("de nieuwe", "het Franse")
        return False
    return False


_GIVE = frozenset(["gaf", "gaven", "geeft", "geven"])
_CLAUSE_FINAL = re.compile(
    r"(?:\s+(?:niet|te|worden|zijn|hebben|kan|kunnen|zal|zullen))*[\s.,;:!?)]*$"
)
# The noun an object phrase hangs from: "de conclusies over X steunen", "het compromis over X
# accepteren" (unlike "in de Raad", "tijdens de JBZ-Raad": where, not what).
_OF_NOUN = re.compile(
    r"\b(?:over|inzake|betreffende|aangaande|omtrent|van|ten\s+aanzien\s+van|t\.a\.v\.|"
    r"met\s+betrekking\s+tot|m\.b\.t\.|regarding|concerning|on|of)\s+(?:(?:de|het|een|the|a|an)\s+)?"
    r"(?:\S+\s+)?$",
    re.IGNORECASE,
)


def _of_noun(s: _SentenceView, m: Span) -> bool:
    """ "de Raadsconclusies over het Europees Semester steunen": the entity completes the
    noun that is the object, so it is what the verb-final stance is about."""
    start = s.local(m)[0]
    return bool(_OF_NOUN.search(s.text[max(0, start - 40) : start]))


def _of_phrase(s: _SentenceView, m: Span) -> bool:
    """ "de voltooiing van de Kapitaalmarktenunie te steunen": X in "N van X" is what
    the stance is about (unlike "terugkeer naar Syrië te bevorderen")."""
    return _preceding_words(s.text, s.local(m)[0], 2)[-2:-1] == ["van"] or _preceding_words(
        s.text, s.local(m)[0], 1
    ) == ["van"]


def _holder_iri(m: Span) -> str:
    """A meeting speaks through its body: "De Europese Raad van 14-15 december riep op ..."."""
    return m.body if m.type == "Meeting" and m.body else m.iri


def _is_holder_mention(s: _SentenceView, m: Span) -> bool:
    if m.type == "Meeting":
        return bool(m.body)
    if m.type not in HOLDER_TYPES:
        return False
    start, end = s.local(m)
    if m.type == "State" and _looks_like_demonym(m.text, m.kind):
        return bool(_DEMONYM_HOLDER_HEADS.match(s.text[end:]))
    return True


def _looks_like_demonym(surface: str, kind: str = "") -> bool:
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


def _subject_holders(s: _SentenceView, start: int, end: int) -> list[str]:
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
        before = _preceding_words(text, ms, 2)
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
        if subject_seen or _in_prepositional_phrase(s, m):
            continue
        subject_seen = True
        if _ADDRESSEE.match(m.text) or before[-1:] in (["uw"], ["your"]):
            continue  # "uw Kamer is geïnformeerd": the addressee, not a holder
        if _is_holder_mention(s, m):
            holders.append(_holder_iri(m))
            last_end = me
    return list(dict.fromkeys(holders))


_ADDRESSEE = re.compile(r"^(?:uw|your)\s", re.IGNORECASE)
_EXPECTED = re.compile(
    r"\b(?:zal|zullen|zou|zouden|naar\s+verwachting|beoogt|beogen|streeft|streven|wil|willen|"
    r"hoopt|hopen|will|would|shall|expected|expects?|aims?|intends?|hopes?|plans?|could|may|"
    r"should)\b",
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
    r"including|among|onder\s+wie)\b)",
    re.IGNORECASE,
)


def _unnamed_reported_subject(text: str, start: int, cue_start: int) -> bool:
    """ "Het voorzitterschap concludeerde dat de lidstaten X steunen": the stance is the
    unnamed group's, so nobody named holds it."""
    last = None
    for that in _THAT.finditer(text, start, cue_start):
        last = that
    return bool(last and _UNNAMED_GROUP.match(text, last.end(), cue_start))


_COUNCILS = ("/agency/raad-van-de-eu", "/agency/europese-raad")


def _council_of(s: _SentenceView) -> list[str]:
    """The Council a sentence names, as a body or as the body of its meeting: the holder
    of a Council act no one else is said to do ("Tijdens de Raad werd ... bereikt")."""
    for m in s.mentions:
        iri = _holder_iri(m) if m.type == "Meeting" else m.iri
        if iri.endswith(_COUNCILS):
            return [iri]
    return []


def _reported_holders(s: _SentenceView, start: int, cue_start: int) -> list[str]:
    """ "X recalled that Y had approved Z": the stance is Y's, the subject of the
    that-clause the cue stands in."""
    text = s.text
    last = None
    for that in _THAT.finditer(text, start, cue_start):
        last = that
    if last is None:
        return []
    first = next((m for m in s.mentions if last.end() <= s.local(m)[0] < cue_start), None)
    if first is None or not _THAT_SUBJECT_GAP.search(text[last.end() : s.local(first)[0]]):
        return []
    if _PASSIVE.search(text[last.end() : cue_start + 40]) and not re.search(
        r"\b(?:door|by)\b", text[last.end() : cue_start + 40], re.IGNORECASE
    ):
        return []  # "de wijze waarop Armenië gesteund kan worden": Armenië is no agent
    return _subject_holders(s, last.end(), cue_start)


_UNION = re.compile(
    r"^(?:de\s+|the\s+)?(?:EU|Europese Unie|Unie|European Union|Union)$", re.IGNORECASE
)
_PASSIVE = re.compile(
    r"\b(?:wordt|worden|werd|werden)\b(?:\s+\S+){0,8}?\s+(?:ge\w+[dt]|\w+ge\w+[dt]|"
    r"ge\w+en|\w+ge\w+en)\b|\b(?:is|are|was|were)\s+(?:\w+ed)\s+by\b"
    r"|\bge\w+[dt]\s+(?:\w+\s+)?(?:worden|wordt|werd|werden)\b",
    re.IGNORECASE,
)


_FLIPPED = {"supports": "opposes", "opposes": "supports"}
_UNDOING = re.compile(
    r"\b(?:opschorting|beëindiging|afschaffing|intrekking|stopzetting|schorsing|bevriezing|"
    r"suspension|termination|withdrawal|repeal|freezing)\b",
    re.IGNORECASE,
)


# Who joins the holder: "samen met Polen", "supported by Belgium", "gesteund door België".
_COMPANION = re.compile(
    r"\b(?:samen met|together with|supported by|backed by|gesteund door|ondersteund door|"
    r"met steun van|with the support of)\s+(?:(?:de|het|the)\s+)?$",
    re.I,
)


def _co_holders(s: _SentenceView, start: int, end: int) -> list[str]:
    """ "Nederland pleitte samen met Polen voor X": the companions hold the stance too."""
    out = []
    for m in s.mentions:
        ms, me = s.local(m)
        if (
            start <= ms
            and me <= end
            and _is_holder_mention(s, m)
            and _COMPANION.search(s.text[max(0, ms - 20) : ms])
        ):
            out.append(_holder_iri(m))
    return out


def _agent_holders(s: _SentenceView, cue_end: int) -> list[str]:
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


def _mention_start(s: _SentenceView, iri: str) -> int:
    for m in s.mentions:
        if m.iri == iri:
            return s.local(m)[0]
    return 1 << 30


def _targets(
    s: _SentenceView,
    start: int,
    end: int,
    holders: set[str],
    allow_meetings: bool = False,
    clause_subjects: bool = False,
) -> list[Span]:
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
            _is_venue(m)
            and _CONTEXT_PREPOSITION.search(text[max(0, ms - 30) : ms])
            and not _is_object_marker_right_before(text, ms)
        ):
            continue  # "tijdens de Raad", "in de JBZ-Raad": where, not what
        if _COMPANION.search(text[max(0, ms - 20) : ms]):
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
            continue  # "supported by Ukraine": the agent of a passive, not its object
        if _NAME_GOES_ON.match(text[me:]) and not any(
            o.start == m.end + len(text[me:]) - len(text[me:].lstrip()) for o in s.mentions
        ):
            continue  # "de Verenigde Naties (VN) Waterconferentie": part of a longer name
        if text[me : me + 1] == "-" and not _ACTION_COMPOUND.match(text[me:]):
            continue  # "EU-lidstaten": a qualifier
        if (
            m.type == "State"
            and _looks_like_demonym(m.text, m.kind)
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


def _is_venue(m: Span) -> bool:
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
    words = _preceding_words(text, pos, 2)
    return bool(words) and words[-1] in {"voor", "aan", "tegen", "over", "van", "for", "against"}


def _cue_targets(
    s: _SentenceView,
    rule: StanceRule,
    match: re.Match[str],
    clause_start: int,
    clause_end: int,
    holders: list[str],
) -> list[str]:
    held = set(holders)
    if rule.scope == "np" and _UNNAMED_OBJECT.match(s.text, match.end()):
        return []  # "sanctions on 12 individuals responsible for ... in Iran": not on Iran
    if rule.scope == "np":
        near = _targets(s, match.end(), min(clause_end, match.end() + 80), held)
        if len(near) > 1 and _AUTHOR_OF_PROPOSAL.search(
            s.text[max(0, s.local(near[0])[0] - 30) : s.local(near[0])[0]]
        ):
            near = near[1:]  # "het voorstel van de Commissie voor een X": X, not its author
        if not near:
            return []
        chosen = conjoined(s.text, [s.local(m) for m in near], 0)
        return list(dict.fromkeys(near[i].iri for i in chosen))
    if rule.scope == "head":
        near = _targets(s, match.end(), clause_end, held)
        chosen = head_of(s.text, match.end(), [s.local(m) for m in near])
        if chosen:
            return list(dict.fromkeys(near[i].iri for i in chosen))
    if rule.scope == "span":
        inside = _targets(s, match.start(), clause_end, held)
        return list(dict.fromkeys(m.iri for m in inside))
    if rule.scope == "np_before":
        near = [
            m
            for m in _targets(s, max(clause_start, match.start() - 60), match.start(), held)
            if len(s.text[s.local(m)[1] : match.start()].split()) <= 3
            and (not _in_prepositional_phrase(s, m) or _of_phrase(s, m))
        ]
        return [near[-1].iri] if near else []
    # "de zorg dat X ...": what the that-clause says X does is the concern
    about_clause = bool(re.search(r"\b(?:dat|that)$", match.group(0), re.IGNORECASE))
    after = (
        []
        if rule.scope == "head"  # nothing heads the phrase after it: only a verb-final object
        else _targets(s, match.end(), clause_end, held, clause_subjects=about_clause)
    )
    if after or rule.scope == "object":
        return list(dict.fromkeys(m.iri for m in after))
    # verb-final clause: "dat Nederland de Taliban niet erkent"
    last_holder_end = max(
        (s.local(m)[1] for m in s.mentions if m.iri in held and s.local(m)[1] <= match.start()),
        default=clause_start,
    )
    # the verb ends the clause ("de conclusies over X steunen."): the whole object stands
    # before it, the nouns its entities complete included
    final = _CLAUSE_FINAL.match(s.text, match.end(), clause_end) is not None
    between = [
        m
        for m in _targets(s, max(clause_start, last_holder_end), match.start(), held)
        if not _in_prepositional_phrase(s, m) or (final and _of_noun(s, m))
    ]
    return list(dict.fromkeys(m.iri for m in between if m.type not in ("Minister", "Person")))


def _resolve_anaphora(
    s: _SentenceView,
    text: str,
    bounds: tuple[int, int, int, int],
    targets: list[str],
    holders: list[str],
    state: _State,
    rule: StanceRule,
) -> list[str]:
    """Targets the sentence only refers to; ``bounds`` are the clause start, the cue start and
    end, and the clause end."""
    clause_start, cue_start, cue_end, clause_end = bounds
    scope = text[cue_end:clause_end]
    if _CLAUSE_FINAL.match(text, cue_end, clause_end):
        scope = text[clause_start:clause_end]  # "Nederland kan het voorstel steunen."
    resolved = list(targets)
    if (
        not resolved
        and _HERE.search(text, clause_start, clause_end)
        and _PRONOMINAL.search(text, clause_start, clause_end)
    ):
        # "Nederland kon hiermee instemmen": with what the sentence before was about
        resolved.extend(t for frame in state.frames for t in frame.targets if t not in holders)
    if _PREVIOUS_TARGETS.search(scope):
        for frames in [state.frames, *state.history[-2:]]:
            for frame in frames:
                resolved.extend(t for t in frame.targets if t not in holders)
    anaphor = _TOPIC_ANAPHOR.search(scope)
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
    # votes and consent without an object are about the agenda item ("kan instemmen"), and
    # so is a clause-final stance on "dit" ("Nederland kan dit steunen.")
    vote = any(word in rule.id for word in ("stemmen", "vote", "instemmen", "accepteren")) or (
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


# Measures aimed at people the text does not name: what follows is only where they act.
_UNNAMED_OBJECT = re.compile(
    r"\s*(?:(?:\d+|een\s+aantal|enkele|meerdere|nog|several|a\s+number\s+of|further|"
    r"additional|(?:\w+\s+)?(?:and|en)\s+\d+|\w+)\s+)*?(?:individuals|persons|people|entities|"
    r"personen|individuen|entiteiten|natural\s+and\s+legal\s+persons)\b",
    re.IGNORECASE,
)
_AUTHOR_OF_PROPOSAL = re.compile(
    r"(?:\b|\w)(?:voorstel(?:len)?|proposals?|initiatief|initiative|pakket|package|mededeling|"
    r"communication|compromis|compromise|tekst|text)"
    r"\s+(?:van|of|from|by)\s+(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)
# "de inzet van het voorzitterschap om tot een akkoord over X te komen": X, not who tries
_AUTHOR_OF_EFFORT = re.compile(
    r"\b(?:inzet|inspanningen|ambitie|streven|pogingen|efforts?|ambition|endeavours?)\s+"
    r"(?:van|of|by)\s+(?:(?:de|het|the)\s+)?$",
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
_THEREBY = re.compile(r"\b(?:daarbij|daarover|hierover|hierbij|in doing so|thereby)\b", re.I)
_AGREEMENT = re.compile(
    r"\b(?:tot\s+(?:een\s+)?(?:akkoord|overeenstemming)|akkoord\s+te\s+(?:komen|bereiken)|"
    r"onderhandelingen|compromis|reach\s+(?:an\s+)?agreement|negotiations)\b",
    re.I,
)


def _is_author_of_proposal(s: _SentenceView, iri: str) -> bool:
    return _is_author(s, iri, _AUTHOR_OF_PROPOSAL)


def _is_author(s: _SentenceView, iri: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``iri`` is named as the one who made or pursues something ("het voorstel van
    de Commissie"): only a state, body or person can be ("de tekst van de X-verordening" is
    the act's own text)."""
    for m in s.mentions:
        if m.iri == iri and m.type in HOLDER_TYPES:
            start = s.local(m)[0]
            return bool(pattern.search(s.text[max(0, start - 30) : start]))
    return False


def _is_presidency_or_council(s: _SentenceView, iri: str) -> bool:
    for m in s.mentions:
        if m.iri == iri:
            low = m.text.lower()
            return "oorzitterschap" in low or "presidency" in low or low in ("raad", "council")
    return False


def _condition(text: str, cue_end: int, clause_end: int) -> str | None:
    rest = text[cue_end:]
    match = _CONDITION.search(rest)
    if match and match.start() < 200:
        return match.group(0).strip().rstrip(".")
    return None


def _carried_holders(text: str, state: _State) -> list[str]:
    """The holder carried over from the previous sentence, only when unambiguous."""
    if re.match(r"^\s*(?:hij|zij|he|she)\s", text, re.IGNORECASE) and state.last_person:
        return [state.last_person]
    holders = state.holders
    if not holders and state.holder_sentence is not None:
        view = state.holder_sentence
        holders = _subject_holders(view, 0, len(view.text))
    if len(holders) == 1:
        return list(holders)
    return []
