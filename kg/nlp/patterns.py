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

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.builders import BUILDERS, Context
from kg.nlp.candidates import Candidate
from kg.nlp.rules import load_rules
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


class PatternMatcher:
    """Runs every rule for the pipeline's language over a Doc's text."""

    def __init__(self, nlp: Language, name: str = "kg_patterns", *, lang: str = "nl") -> None:
        self.name = name
        self.lang = lang
        self.ruleset = load_rules()
        self.rules = self.ruleset.for_lang(lang)
        self.ref = load_reference()

    def context(self, doc: Doc) -> Context:
        return Context(doc.text, self.lang, self.ruleset, self.ref, document_date(doc))

    def match(self, doc: Doc, ctx: Context | None = None) -> list[Candidate]:
        ctx = ctx or self.context(doc)
        out: list[Candidate] = []
        for rule in self.rules:
            build = BUILDERS[rule.builder]
            for m in rule.regex.finditer(doc.text):
                out.extend(build(m, rule, ctx))
        return out

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[PATTERNS_KEY] = self.match(doc)
        return doc


@Language.factory("kg_patterns", default_config={"lang": "nl"})
def make_patterns(nlp: Language, name: str, lang: str) -> PatternMatcher:
    """The ``kg_patterns`` component (rules from kg/nlp/rules/entities*.jsonl)."""
    return PatternMatcher(nlp, name, lang=lang)
