"""The stance engine: reads a document sentence by sentence and turns every cue into
relations from its holders to its targets, each with its evidence and rule id.

For each sentence with a cue (:mod:`~kg.nlp.stances.cues`) it finds the holders
(:mod:`~kg.nlp.stances.holders`), the targets (:mod:`~kg.nlp.stances.targets`,
:mod:`~kg.nlp.stances.anaphora`), the polarity (:mod:`~kg.nlp.stances.polarity`),
the condition (:mod:`~kg.nlp.stances.conditions`) and the issue phrase
(:mod:`~kg.nlp.stances.issues`), and keeps what the next sentence may need
(:mod:`~kg.nlp.stances.memory`): a sentence may join the stances before it
("Nederland sloot zich hierbij aan", "Hetzelfde geldt voor X").

>>> text = "België steunt Frontex. Nederland sloot zich hierbij aan."
>>> ms = [Span(0, 6, "State", "be", "België"), Span(14, 21, "Agency", "fx", "Frontex"),
...       Span(23, 32, "State", "nl", "Nederland")]
>>> rels = find_stances(text, [(0, 22), (23, len(text))], ms)
>>> [(r.subject, r.predicate, r.object, r.rule) for r in rels]
[('be', 'supports', 'fx', 'stance.nl.steun'), ('nl', 'supports', 'fx', 'stance.join_previous')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extraction import Evidence, Issue, Relation
from kg.nlp.relation_rules import StanceRule, load_stance_rules
from kg.nlp.stances.anaphora import THEREBY, resolve_anaphora
from kg.nlp.stances.conditions import condition_of
from kg.nlp.stances.cues import (
    EXPECTED,
    Triggers,
    clause_bounds,
    described_action,
    find_cues,
    topic_frame,
    welcomes_an_act,
)
from kg.nlp.stances.holders import (
    CARRY_START,
    HOLDER_TYPES,
    PRONOUN_SUBJECT,
    agent_holders,
    carried_holders,
    co_holders,
    council_of,
    first_subject,
    mention_start,
    reported_holders,
    subject_holders,
    unnamed_reported_subject,
)
from kg.nlp.stances.issues import issue_of
from kg.nlp.stances.joins import JOIN_PREVIOUS, SAME_FOR, joined_stances
from kg.nlp.stances.memory import Frame, State, forget
from kg.nlp.stances.polarity import FLIPPED, REFRAIN, UNDOING, negated
from kg.nlp.stances.quotes import quoted_speakers
from kg.nlp.stances.sentence import SentenceView, Span, last_match
from kg.nlp.stances.targets import (
    antecedent,
    cue_targets,
    fronted_topic,
    is_venue,
    plain_object,
    target_mentions,
)

_RELATIVE_CLAUSE = re.compile(
    r".*,\s*(?:waarbij|waarin|whereby|where)\s*$", re.IGNORECASE | re.DOTALL
)


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
    triggers = Triggers(rules, lowered)
    mentions = _outermost(mentions)
    heading_spans = sorted(headings)
    heading_starts = [start for start, _ in heading_spans]
    relations: list[Relation] = []
    state = State(questioner=questioner)
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
            forget(state)  # no cue and nothing named: no stance to read or pass on
            continue
        sentence = SentenceView(text, sent_start, sent_end, in_sentence, lang)
        if not cued:
            forget(state, sentence)  # no cue: nothing to read; its subject may be carried
        elif not in_sentence and not CARRY_START.match(text[sent_start : sent_start + 40]):
            forget(state)  # nothing named, nothing carried: no stance to read or pass on
        elif not _inside(heading_spans, sent_start, sent_end) and not _looks_like_heading(
            text[sent_start:sent_end]
        ):
            # headings name topics; they state no positions
            candidates = triggers.rules_in(sent_start, sent_end)
            state.speaker = next((iri for q0, q1, iri in quotes if q0 <= sent_start < q1), None)
            relations.extend(_read_sentence(sentence, candidates, state))
        for mention in in_sentence:
            state.types[mention.iri] = mention.type
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


def _coordinated_start(text: str, clause_start: int, match: re.Match[str]) -> int:
    """Where the last main clause joined by ", en" / ", and" before the cue starts (the
    clause start when there is none)."""
    last = last_match(_COORDINATED.finditer(text, clause_start, match.start()))
    return last.end() if last else clause_start


_COORDINATED = re.compile(r",\s*(?:en|and)\s", re.IGNORECASE)


def _looks_like_heading(sentence: str) -> bool:
    stripped = sentence.strip()
    return len(stripped) < 100 and not stripped.endswith((".", "?", "!", ":", ";", ")"))


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(h_start <= start and end <= h_end + 1 for h_start, h_end in spans)


def _read_sentence(s: SentenceView, rules: Sequence[StanceRule], state: State) -> list[Relation]:
    text = s.text
    cues = find_cues(text, rules)
    join = JOIN_PREVIOUS.search(text) if state.frames else None
    same = SAME_FOR.match(text) if state.frames else None
    if not cues and not join and not same:
        forget(state, s)
        return []
    evidence = Evidence(text.strip(), s.start + _lstrip_len(text), s.start + len(text.rstrip()))
    sentence_holders = subject_holders(s, 0, len(text))
    out, frames = joined_stances(s, state, join, same, evidence, sentence_holders)

    for index, (rule, match) in enumerate(cues):
        next_cue = cues[index + 1][1].start() if index + 1 < len(cues) else len(text)
        clause_start, clause_end = clause_bounds(text, match.start(), match.end())
        predicate = rule.predicate
        object_from = match.end()  # where the object phrase starts
        if rule.factual and EXPECTED.search(text[clause_start : match.start()]):
            continue  # "de Raad zal naar verwachting ... vaststellen": not (yet) done
        if rule.scope == "np" and described_action(text, match, cues[:index], clause_start):
            continue
        if rule.holder == "before" and topic_frame(text, clause_start, match.start()):
            continue  # "De Raad sprak over de steun aan X", "took note of": a topic, not a stance
        if not rule.negative and negated(text, clause_start, match, s.lang):
            if predicate != "supports":
                continue
            predicate = "opposes"
        if rule.holder == "after":
            holders = agent_holders(s, match.end())
            held = set(holders)
            agent_end = max(
                (s.local(m)[1] for m in s.mentions if m.iri in held), default=match.end()
            )
            object_from = agent_end
            after = target_mentions(s, agent_end, clause_end, held, allow_meetings=True)
            subject = first_subject(s, clause_start, match.start())
            before = [
                m
                for m in target_mentions(s, clause_start, match.start(), held, allow_meetings=True)
                # the subject is what the stance is about only when it holds none itself:
                # "het voorstel voor X kon rekenen op steun van Y", not "Z kreeg steun van Y"
                if m is not subject or m.type not in HOLDER_TYPES
            ]
            # "op verzoek van X <het ding>": the thing asked for follows the agent, or
            # precedes the cue ("de brief op verzoek van uw Kamer")
            after = [m for m in after if not is_venue(m) or m.type == "Meeting"]
            before = [m for m in before if not is_venue(m) or m.type == "Meeting"]
            chosen = after[:1] or before[-1:] or antecedent(s, clause_start, held)
            targets = [m.iri for m in chosen]
        else:
            holders = reported_holders(s, clause_start, match.start())
            if not holders and not unnamed_reported_subject(text, clause_start, match.start()):
                holders = (
                    subject_holders(s, clause_start, match.start())
                    # "Het land vond X nodig, en Nederland steunt Y": the second main clause
                    or subject_holders(
                        s, _coordinated_start(text, clause_start, match), match.start()
                    )
                    or [h for h in sentence_holders if mention_start(s, h) < match.start()]
                    or subject_holders(s, match.start(), match.end())  # "vroeg Slovenië aandacht"
                )
            if not holders and rule.factual:
                holders = council_of(s)  # "Tijdens de JBZ-Raad werd een akkoord bereikt over X"
            if not holders and CARRY_START.match(text) and PRONOUN_SUBJECT.match(text):
                holders = carried_holders(text, state)
            if holders:
                holders = holders + [
                    h for h in co_holders(s, clause_start, clause_end) if h not in holders
                ]
            reach = min(clause_end, next_cue)
            if welcomes_an_act(text, rule, match, cues[index + 1 :]):
                reach = clause_end  # "verwelkomt dat de Raad een akkoord bereikte over X": X
            targets = cue_targets(s, rule, match, clause_start, reach, holders)
            if predicate == "supports":
                # "urges Iran to refrain from supplying weapons to Russia": not for Russia
                targets = [
                    t
                    for t in targets
                    if not REFRAIN.search(text[match.end() : max(match.end(), mention_start(s, t))])
                ]
            if (
                predicate in FLIPPED
                and targets
                and UNDOING.search(text[match.end() : min(clause_end, next_cue)])
            ):
                predicate = FLIPPED[predicate]
        if predicate == "concernedAbout" and _RELATIVE_CLAUSE.match(
            text[clause_start - 12 : clause_start + 1]
            if clause_start >= 12
            else text[: clause_start + 1]
        ):
            prev_start, _ = clause_bounds(text, max(0, clause_start - 2), max(0, clause_start - 1))
            prev_subject = first_subject(s, prev_start, clause_start)
            targets = list(
                dict.fromkeys(
                    [
                        *[
                            m.iri
                            for m in target_mentions(s, prev_start, clause_start, set(holders))
                            if plain_object(m) and m is not prev_subject
                        ],
                        *targets,
                    ]
                )
            )
        if state.speaker and state.speaker not in holders:
            holders = [*holders, state.speaker]  # the one quoted holds what the quote says
        if not holders and state.questioner and text.rstrip().endswith("?"):
            holders = [state.questioner]  # "Deelt u de zorg dat X ...?" in written questions
        if not targets:
            targets = fronted_topic(s, match, holders)  # "Wat betreft X gaf NL aan ... te steunen"
        targets = resolve_anaphora(
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
            if THEREBY.search(text[previous.end() : match.start()]) or THEREBY.search(
                match.group(0)
            ):
                targets = list(frames[-1].targets)
                holders = holders or list(frames[-1].holders)
        if not holders or not targets:
            continue
        condition = condition_of(text, match.end(), clause_end)
        limit = min(clause_end, next_cue) if next_cue > object_from else clause_end
        issue_from = match.start() if rule.issue == "cue" else object_from
        issues = {t: issue_of(s, t, issue_from, limit, match.start()) for t in targets}
        for holder in holders:
            for target in targets:
                if target == holder:
                    continue
                out.append(
                    _rel(holder, predicate, target, rule.id, evidence, condition, issues[target])
                )
        frames.append(Frame(holders, predicate, targets, rule.id, issues))

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


def _holderless_frames(
    s: SentenceView, cues: list[tuple[StanceRule, re.Match[str]]]
) -> list[Frame]:
    frames = []
    text = s.text
    for index, (rule, match) in enumerate(cues):
        next_cue = cues[index + 1][1].start() if index + 1 < len(cues) else len(text)
        _, clause_end = clause_bounds(text, match.start(), match.end())
        limit = min(clause_end, next_cue)
        targets = [m.iri for m in target_mentions(s, match.end(), limit, set())]
        if targets and rule.holder != "after":
            issues = {t: issue_of(s, t, match.end(), limit, match.start()) for t in targets}
            frames.append(Frame([], rule.predicate, targets, rule.id, issues))
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
