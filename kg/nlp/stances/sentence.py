"""A sentence as the stance engine reads it: linked mentions with offsets, and the
words before a position.

No parser: position and a few word lists tell whether a mention stands in
subject position or behind a preposition ("steun voor Frontex").

>>> text = "Nederland sprak steun uit voor Frontex."
>>> s = SentenceView(text, 0, len(text), [Span(0, 9, "State", "nl", "Nederland"),
...                  Span(31, 38, "Agency", "fx", "Frontex")], "nl")
>>> [in_prepositional_phrase(s, m) for m in s.mentions]
[False, True]
>>> preceding_words(text, 31)
['steun', 'uit', 'voor']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Articles, demonstratives and possessives that open a noun phrase.
DETERMINERS = frozenset(
    [
        "de",
        "het",
        "een",
        "der",
        "des",
        "den",
        "deze",
        "dit",
        "die",
        "dat",
        "zijn",
        "haar",
        "hun",
        "z'n",
        "onze",
        "ons",
        "uw",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
    ]
)

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
        "betreft",  # "wat betreft X": a topic, not a subject
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
        "regards",  # "as regards X"
    ]
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
class SentenceView:
    """One sentence, ``doc_text[start:end]``, with the mentions in it; :meth:`local`
    gives a mention's offsets within the sentence."""

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


def last_match(matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    """The last of ``matches`` (None when there is none).

    >>> last_match(re.finditer(r"dat", "zei dat hij dacht dat")).start()
    18
    """
    last = None
    for last in matches:  # noqa: B007 - the last one is wanted
        pass
    return last


def preceding_words(text: str, pos: int, n: int = 3) -> list[str]:
    """The last ``n`` words before ``pos``, lower-cased."""
    return [w.lower() for w in _WORD.findall(text[max(0, pos - 60) : pos])][-n:]


def in_prepositional_phrase(s: SentenceView, m: Span) -> bool:
    """Whether a preposition stands before ``m`` (articles and adjectives may stand between)."""
    start, _ = s.local(m)
    words = preceding_words(s.text, start, 5)
    preps = _PREPOSITIONS_NL if s.lang == "nl" else _PREPOSITIONS_EN
    for i in range(len(words) - 1, 0 if len(words) > 4 else -1, -1):
        word = words[i]
        if word in preps:
            # "gaf aan X te steunen": the particle of a separable verb, not a preposition
            return not (word == "aan" and i > 0 and words[i - 1] in _GIVE)
        if word in DETERMINERS or (word.endswith(("e", "en")) and len(words) > 1):
            continue  # articles and inflected adjectives ("de nieuwe", "het Franse")
        return False
    return False


_GIVE = frozenset(["gaf", "gaven", "geeft", "geven"])

#: Nothing but auxiliaries and punctuation to the end: the verb ends the clause.
CLAUSE_FINAL = re.compile(
    r"(?:\s+(?:niet|te|worden|zijn|hebben|kan|kunnen|zal|zullen))*[\s.,;:!?)]*$"
)
