"""``kg_sentences``: a fast rule-based sentence splitter for letters.

Every line of the normalised text is a block (ingestion put "\\n" between
blocks and lines), so a sentence always starts after a newline. Inside a line
it splits after ``.``, ``!`` or ``?`` before a capital or digit, but never after
an abbreviation ("o.a.", "d.d.", "nr.", "bijv."), an initial ("F. van Oosten",
"S.A. Blok") or a list number. Boundaries are found with one regex over the
text and written with one array call, no Python loop over tokens.

>>> import spacy
>>> nlp = spacy.blank("nl")
>>> _ = nlp.add_pipe("kg_sentences")
>>> doc = nlp("Dit zei F. van Oosten o.a. over nr. 5. Het kabinet steunt dit.\\nNieuwe regel")
>>> [s.text.strip() for s in doc.sents]
['Dit zei F. van Oosten o.a. over nr. 5.', 'Het kabinet steunt dit.', 'Nieuwe regel']
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.patterns import doc_text

#: Words ending in a period that do not end a sentence (lower-cased).
ABBREVIATIONS = frozenset(
    [
        "o.a.",
        "d.d.",
        "nr.",
        "nrs.",
        "bijv.",
        "bv.",
        "m.b.t.",
        "i.v.m.",
        "t.a.v.",
        "t.b.v.",
        "resp.",
        "ca.",
        "art.",
        "artt.",
        "vs.",
        "mr.",
        "dr.",
        "drs.",
        "ir.",
        "ing.",
        "prof.",
        "zgn.",
        "z.g.n.",
        "incl.",
        "excl.",
        "e.d.",
        "e.a.",
        "m.n.",
        "o.b.v.",
        "p.",
        "pp.",
        "blz.",
        "vgl.",
        "jo.",
        "mevr.",
        "dhr.",
        "hr.",
        "st.",
        "sr.",
        "jr.",
        "min.",
        "max.",
        "mln.",
        "mld.",
        "mrd.",
        "enz.",
        "etc.",
        "i.e.",
        "e.g.",
        "cf.",
        "no.",
        "nos.",
        "para.",
        "doc.",
        "corr.",
        "rev.",
        "add.",
        "ref.",
        "vol.",
        "ed.",
        "eds.",
        "sept.",
        "okt.",
        "nov.",
        "dec.",
        "jan.",
        "feb.",
        "aug.",
        "kst.",
        "u.s.",
        "i.o.m.",
        "a.s.",
        "z.s.m.",
        "t/m.",
        "n.a.v.",
        "ivm.",
        "tav.",
        "tbv.",
        "mbt.",
        "oa.",
        "dd.",
        "ministerie.",
        "blz.",
        "mw.",
    ]
)
#: Abbreviations that end a sentence when a capital follows ("... van 8 juli jl. Het ...").
_SOFT = frozenset({"jl.", "j.l.", "a.s.", "enz.", "etc.", "e.d.", "e.a."})

_CANDIDATE = re.compile(r"[.!?][\"'’”)\]]*[ \t]+(?=[\"'‘“(\[]?[A-Z0-9À-ÝĀ-Ž])")
_NEWLINE = re.compile(r"\n[ \t\n]*")
_LAST_WORD = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"(?:\(?(?:[A-Z]|Th|Ch|Chr|Ph|Fr|Jo|Wm|Jac|Joh)\.)+")


def boundaries(text: str) -> list[int]:
    """Character offsets where sentences start (besides 0).

    >>> boundaries("Zie art. 5. Het kan.\\nJa.")
    [12, 21]
    """
    out: list[int] = []
    for m in _CANDIDATE.finditer(text):
        if text[m.start()] == ".":
            w = _LAST_WORD.search(text, max(0, m.start() - 25), m.start() + 1)
            word = w.group(1) if w else ""
            low = word.lower().lstrip("(")
            nxt = text[m.end() : m.end() + 1]
            if low in ABBREVIATIONS:
                continue
            if low in _SOFT and not nxt.isupper():
                continue
            if _INITIALS.fullmatch(word):
                continue
            line_start = text.rfind("\n", 0, m.start()) + 1
            if word[:-1].isdigit() and w is not None and w.start(1) == line_start:
                continue  # "2. Essentie voorstel"
        out.append(m.end())
    out.extend(m.end() for m in _NEWLINE.finditer(text))
    return sorted(set(b for b in out if 0 < b < len(text)))


class SentenceSplitter:
    """Sets ``Token.is_sent_start`` from :func:`boundaries`."""

    def __init__(self, name: str = "kg_sentences") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        idx = doc.to_array("IDX").astype(numpy.int64)
        starts = numpy.searchsorted(
            idx, numpy.asarray(boundaries(doc_text(doc)), dtype=numpy.int64)
        )
        values = numpy.full(n, -1, dtype=numpy.int64)
        values[0] = 1
        starts = starts[starts < n]
        values[starts] = 1
        doc.from_array([SENT_START], values.reshape(n, 1).astype(numpy.uint64))
        return doc


@Language.factory("kg_sentences", default_config={})
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    """The ``kg_sentences`` component."""
    return SentenceSplitter(name)
