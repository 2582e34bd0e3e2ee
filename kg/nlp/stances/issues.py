"""What a stance is about: the issue phrase, the object as the text writes it.

A stance links its holder to an entity ("Nederland opposes Eurojust"); the issue
says what exactly was supported or opposed ("een uitbreiding van het mandaat van
Eurojust"). The phrase runs from the start of the object phrase after the cue
to the end of the target's name; when the target stands before the cue ("het
EU-perspectief van Moldavië te steunen") or far from it, the noun phrase that
ends in the target is taken instead. Offsets are local to the string given.

>>> text = "Nederland is geen voorstander van een uitbreiding van het mandaat van Eurojust."
>>> start, end = issue_span(text, 33, (70, 78), len(text))
>>> text[start:end]
'een uitbreiding van het mandaat van Eurojust'
>>> text = "Nederland steunde in het kader van de discussie het idee van Frontex."
>>> start, end = issue_span(text, 17, (61, 68), len(text))
>>> text[start:end]
'het idee van Frontex'
>>> text = "Nederland gaf aan het EU-perspectief van Moldavië te steunen."
>>> start, end = issue_span(text, 60, (41, 49), len(text))
>>> text[start:end]
'het EU-perspectief van Moldavië'
"""

from __future__ import annotations

import re

from kg.extraction import Issue
from kg.nlp.stances.anaphora import PREVIOUS_TARGETS, TOPIC_ANAPHOR
from kg.nlp.stances.sentence import CLAUSE_FINAL, DETERMINERS, SentenceView, last_match

# Words that open the object phrase but are not part of what it names.
_LEAD = re.compile(
    r"[\s,]*(?:(?:tot|om|voor|aan|van|met|over|op|richting|bij|tegen|inzake|omtrent|aangaande|"
    r"betreffende|ten aanzien van|t\.a\.v\.|"
    r"for|to|on|of|with|about|against|regarding|concerning|dat|that)\s+)*",
    re.IGNORECASE,
)
# A break inside the stretch between cue and target: the target is not in the
# first object phrase, so only its own noun phrase is the issue.
_BREAK = re.compile(
    r"[;:.!?]|,\s*(?:die|dat|waarbij|waarmee|which|that|who)\b|^\s*(?:en|and|maar|but|of|or)\b",
    re.IGNORECASE,
)
# An adverbial phrase between the cue and the object ("steunde in het kader van de
# discussie het idee van X", "supported during the meeting the proposal on X"): the
# object is the noun phrase of the target, not the stretch from the cue.
_ADVERBIAL = re.compile(r"(?:in|tijdens|gedurende|namens|during|at|on behalf of)\s", re.IGNORECASE)
_NEGATIONS = frozenset(["niet", "not", "geen", "no"])
_PRONOUNS = frozenset(["dit", "dat", "deze", "die", "het", "this", "that", "it", "these", "those"])
_NEXT_CLAUSE = re.compile(r"\s*(?:en|maar|of|and|but|or)\s", re.IGNORECASE)
_ABBREVIATION = re.compile(r"^\s*\((?:[A-Z][\w.-]{1,14})\)")
_WORD = re.compile(r"\S+")
_OF = frozenset({"van", "of", "der", "inzake"})
#: The longest phrase kept when the object phrase runs on to a far target.
MAX_CHARS = 160


def issue_span(
    text: str, cue_end: int, target: tuple[int, int], limit: int
) -> tuple[int, int] | None:
    """The issue phrase for a target at ``target`` (start, end) of a cue ending at ``cue_end``.

    ``limit`` is where the cue's clause ends. Returns local (start, end) offsets,
    or None when no phrase can be told.
    """
    t_start, t_end = target
    end = _extend(text, t_end)
    if t_start >= cue_end:
        lead = _LEAD.match(text, cue_end, t_start)
        start = lead.end() if lead else cue_end
        between = text[start:t_start]
        if t_start - start > MAX_CHARS or _BREAK.search(between) or _ADVERBIAL.match(between):
            start = noun_phrase_start(text, t_start, start)
    else:
        start = noun_phrase_start(text, t_start, 0)
    phrase = text[start:end]
    if not phrase.strip():
        return None
    start += len(phrase) - len(phrase.lstrip())
    return start, end


def noun_phrase_start(text: str, pos: int, floor: int) -> int:
    """Where the noun phrase ending in the name at ``pos`` starts: its articles and
    the nouns it hangs from by "van"/"of" ("het mandaat van Eurojust").

    >>> text = "steun voor de uitbreiding van het mandaat van Eurojust"
    >>> text[noun_phrase_start(text, 46, 0):]
    'de uitbreiding van het mandaat van Eurojust'
    """
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text, floor, pos)]
    start = pos
    i = len(words) - 1
    while i >= 0:
        at, word = words[i]
        low = word.lower().strip("«»\"'‘’“”()")
        if word[-1:] in ",;:.)":
            break
        if low in DETERMINERS:
            start = at
            i -= 1
            continue
        if low in _OF and i >= 1 and words[i - 1][1][-1:] not in ",;:.)":
            noun_at, noun = words[i - 1]
            if noun.lower() in DETERMINERS or not _nounlike(noun):
                break
            start = noun_at
            i -= 2
            continue
        break
    return start


def _nounlike(word: str) -> bool:
    """A Dutch or English noun or compound, not a verb form or particle, by its shape."""
    low = word.lower()
    if len(low) < 4 or not low.replace("-", "").isalpha():
        return False
    return not low.endswith(("en", "de", "te", "ed", "ing")) or low.endswith(
        ("tie", "ties", "heden", "ingen", "ing", "ning", "ering")
    )


def _extend(text: str, end: int) -> int:
    """Past the end of the name: the rest of a compound ("VS-sancties") and an
    abbreviation in brackets ("Europese Vredesfaciliteit (EPF)")."""
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    abbreviation = _ABBREVIATION.match(text[end : end + 20])
    if abbreviation:
        end += abbreviation.end()
    return end


def fallback_span(text: str, cue_end: int, limit: int, words: int = 12) -> tuple[int, int] | None:
    """The object phrase right after the cue, at most ``words`` words, for a target
    the sentence does not name (an anaphor such as "het voorstel").

    >>> text = "Nederland steunt het voorstel, mits het uitvoerbaar is."
    >>> start, end = fallback_span(text, 16, 29)
    >>> text[start:end]
    'het voorstel'
    """
    lead = _LEAD.match(text, cue_end, limit)
    start = lead.end() if lead else cue_end
    if _NEXT_CLAUSE.match(text, start, limit):
        return None  # "... tegengestemd en zal ...": no object phrase follows the cue
    found = list(_WORD.finditer(text, start, limit))[:words]
    while found and (
        _LEAD.fullmatch(" " + found[-1].group(0).lower() + " ")
        or found[-1].group(0).lower().strip(".,;:") in _NEGATIONS
    ):
        found.pop()  # the phrase ends in a name or noun, not in "in", "voor" or "niet"
    if not found or (len(found) == 1 and found[0].group(0).lower() in _PRONOUNS):
        return None  # "steunt dit niet": a pronoun says nothing the evidence does not

    end = found[-1].end()
    while end > start and text[end - 1] in ",;:.":
        end -= 1
    return (start, end) if end > start else None


def issue_of(
    s: SentenceView, iri: str, object_from: int, limit: int, cue_start: int | None = None
) -> Issue | None:
    """What the stance on ``iri`` is about, as written: its object phrase (see
    :func:`issue_span`); for a target the sentence only refers to ("het
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
        anaphor = TOPIC_ANAPHOR.search(scope) or PREVIOUS_TARGETS.search(scope)
        earlier = None if anaphor else last_match(TOPIC_ANAPHOR.finditer(s.text, 0, cue_start))
        if anaphor:
            found = issue_span(
                s.text,
                object_from,
                (object_from + anaphor.start(), object_from + anaphor.end()),
                limit,
            )
        elif earlier and CLAUSE_FINAL.match(s.text, object_from, limit):
            found = earlier.start(), earlier.end()  # "Nederland kan het voorstel steunen."
        else:
            found = fallback_span(s.text, object_from, limit)
    if found is None:
        return None
    start, end = found
    return Issue(s.text[start:end], s.start + start, s.start + end)
