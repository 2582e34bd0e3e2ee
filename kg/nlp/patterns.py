"""``kg_patterns``: names the reference data does not know, found by regex rules.

Rules are data (``kg/nlp/rules/entities*.jsonl``, see :mod:`kg.nlp.rules`);
each regex runs once over the text, and its builder turns matches into
candidates (:mod:`kg.nlp.builders`). Regexes over the text are cheaper here
than token patterns and keep offsets exact.

>>> from kg.nlp.pipeline import make_pipeline
>>> nlp = make_pipeline("nl", relations=False)
>>> doc = nlp("Zie de motie Van Zanten/Boomsma.")
>>> [(c.type, c.name) for c in doc.user_data["kg_patterns"]][0]
('Motion', 'motie Van Zanten/Boomsma')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.builders import BUILDERS, Context
from kg.nlp.candidates import Candidate
from kg.nlp.rules import load_rules
from kg.nlp.ruleset import PatternRule
from kg.reference import load_reference

PATTERNS_KEY = "kg_patterns"


def document_date(doc: Doc) -> date | None:
    """The date years are resolved against: the letter's date, else its meeting's."""
    document = doc.user_data.get("kg_document")
    if document is None:
        return None
    meta = document.meta
    if meta.date:
        return meta.date
    if meta.meeting and meta.meeting.dates:
        return meta.meeting.dates[0]
    return None


#: How far past a required word a match may run (characters).
WINDOW_AFTER = 400
_OPENERS = "(\"'‘“«["


def _word_starts(text: str, hit: int, lookback: int) -> list[int]:
    """Start offsets of the word holding ``hit`` and of up to ``lookback`` words before it,
    on the same line, earliest first.

    >>> text = "de herziening van de Frontexverordening"
    >>> [text[i:i + 4] for i in _word_starts(text, text.find("verordening"), 3)]
    ['herz', 'van ', 'de F', 'Fron']
    """
    line_start = text.rfind("\n", 0, hit) + 1
    starts: list[int] = []
    pos = hit
    for _ in range(lookback + 1):
        space = max(text.rfind(" ", line_start, pos), text.rfind("\t", line_start, pos))
        start = space + 1 if space >= 0 else line_start
        starts.append(start)
        if start <= line_start:
            break
        pos = start - 1
    starts.reverse()
    out: list[int] = []
    for st in starts:
        out.append(st)
        if st < len(text) and text[st] in _OPENERS:
            out.append(st + 1)
    return out


def _anchored(text: str, rule: PatternRule, found: dict[str, list[int]]) -> Iterator[re.Match[str]]:
    """Matches of ``rule`` that contain one of its required substrings, leftmost first.

    ``found`` holds where every required word occurs (:meth:`PatternMatcher.positions`).
    """
    hits: list[int] = []
    for word in rule.requires:
        hits.extend(found[word])
    hits.sort()
    done = -1
    match = rule.regex.match
    for hit in hits:
        if text[hit : hit + 1].isspace():
            hit += 1  # a required word written with its leading space (" lid ") starts after it
        if hit < done:
            continue
        end = min(len(text), hit + WINDOW_AFTER)
        for start in _word_starts(text, hit, rule.lookback):
            if start < done:
                continue
            m = match(text, start, end)
            if m is not None and m.end() > hit:
                done = m.end()
                yield m
                break


def _doc_length(doc: Doc) -> int:
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def doc_text(doc: Doc) -> str:
    """The Doc's text, computed once (``Doc.text`` rebuilds the string on every access)."""
    text = doc.user_data.get("kg_text")
    if text is None:
        document = doc.user_data.get("kg_document")
        # the Doc was made from the document's text, so they are equal; reading
        # it from the document saves rebuilding it from the tokens
        if document is not None and len(doc) and _doc_length(doc) == len(document.text):
            text = document.text
        else:
            text = doc.text
        doc.user_data["kg_text"] = text
    return text


class PatternMatcher:
    """Runs every rule for the pipeline's language over a Doc's text."""

    def __init__(self, nlp: Language, name: str = "kg_patterns", *, lang: str = "nl") -> None:
        self.name = name
        self.lang = lang
        self.ruleset = load_rules()
        self.rules = self.ruleset.for_lang(lang)
        self.ref = load_reference()
        self.words = sorted({word for rule in self.rules for word in rule.requires})
        self.automaton = ahocorasick.Automaton()
        for word in self.words:
            self.automaton.add_word(word, (len(word), word))
        if self.words:
            self.automaton.make_automaton()

    def positions(self, text: str) -> dict[str, list[int]]:
        """Where every required word of the rules occurs, found in one pass over the text.

        >>> from kg.nlp.pipeline import make_pipeline
        >>> matcher = PatternMatcher(make_pipeline("nl", relations=False))
        >>> matcher.positions("de verordening en de Verordening")["erordening"]
        [4, 22]
        """
        found: dict[str, list[int]] = {word: [] for word in self.words}
        if self.words:
            for end, (size, word) in self.automaton.iter(text):
                found[word].append(end - size + 1)
        return found

    def context(self, doc: Doc) -> Context:
        return Context(doc_text(doc), self.lang, self.ruleset, self.ref, document_date(doc))

    def match(self, doc: Doc, ctx: Context | None = None) -> list[Candidate]:
        ctx = ctx or self.context(doc)
        text = ctx.text
        out: list[Candidate] = []
        found = self.positions(text)
        for rule in self.rules:
            build = BUILDERS[rule.builder]
            matches = _anchored(text, rule, found) if rule.requires else rule.regex.finditer(text)
            for m in matches:
                out.extend(build(m, rule, ctx))
        return out

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[PATTERNS_KEY] = self.match(doc)
        return doc


@Language.factory("kg_patterns", default_config={"lang": "nl"})
def make_patterns(nlp: Language, name: str, lang: str) -> PatternMatcher:
    """The ``kg_patterns`` component (rules from kg/nlp/rules/entities*.jsonl)."""
    return PatternMatcher(nlp, name, lang=lang)
