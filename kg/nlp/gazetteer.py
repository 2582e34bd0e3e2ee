"""``kg_gazetteer``: every name of the reference data, found with one PhraseMatcher.

The matcher is compiled once per pipeline from :func:`kg.reference.load_reference`
(labels, aliases, abbreviations, demonyms, family names of known persons) and
matches on lower case; case rules are applied to the few hits afterwards:
abbreviations and ambiguous aliases must match exactly, and a one-word name
written with a capital ("Raad", "Commissie", "Kamer") must be capitalised in
the text too, so "raad" (advice) is not the Council.

>>> from kg.nlp.pipeline import make_pipeline
>>> nlp = make_pipeline("nl", relations=False)
>>> doc = nlp("De Raad gaf geen raad aan Nederland.")
>>> [(c.name, c.type) for c in doc.user_data["kg_gazetteer"]]
[('Raad', 'Agency'), ('Nederland', 'State')]
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.nlp.candidates import Candidate
from kg.nlp.patterns import doc_text
from kg.reference import ReferenceData, ReferenceEntity, load_reference

GAZETTEER_KEY = "kg_gazetteer"
_PRIORITY = {"label": 80, "alias": 80, "abbreviation": 78, "demonym": 75, "family": 70,
             "ambiguous": 60}  # fmt: skip
_TYPE_ORDER = ("State", "Agency", "CouncilConfiguration", "Regulation", "Initiative", "Minister",
               "Person", "Meeting", "Motion", "Document")  # fmt: skip


#: Types whose names letters also write in lower case ("de bankenunie", "the screening
#: regulation"): titles of acts and programmes, not proper names of bodies or people.
_LOWER_CASE_TYPES = frozenset({"Regulation", "Initiative"})
_HYPHEN_IN_WORD = re.compile(r"(?<=[a-zà-ÿ])-(?=[a-zà-ÿ])")


def _exact_case(form: str, kind: str) -> bool:
    """Whether a form only matches when written exactly as in the reference data."""
    return kind in ("abbreviation", "ambiguous", "family")


def spelling_variants(form: str) -> list[str]:
    """Other spellings of a name of an act or programme: a hyphen inside a word left out.

    >>> spelling_variants("Energie-unie"), spelling_variants("Fit for 55")
    (['Energieunie'], [])
    """
    joined = _HYPHEN_IN_WORD.sub("", form)
    return [joined] if joined != form else []


def _lower_case_name(form: str) -> bool:
    """Whether a name of an act or programme may be written in lower case: a word of some
    length written with small letters ("Bankenunie", "Screening Regulation"), not an
    acronym or a short word ("LIFE", "SURE", "Eurodac" stay as written).

    >>> _lower_case_name("Bankenunie"), _lower_case_name("LIFE"), _lower_case_name("Fit for 55")
    (True, False, True)
    """
    return sum(ch.islower() for ch in form) >= 2 and (" " in form or len(form) >= 8)


def _case_ok(text: str, form: str, kind: str, typ: str = "") -> bool:
    """Whether ``text`` may be ``form`` given their capitals.

    Names of acts and programmes may be written in lower case; the names of
    bodies keep their capitals ("raad" is advice, not the Council).

    >>> _case_ok("raad", "Raad", "alias"), _case_ok("asiel en migratie", "Asiel en Migratie", "alias")
    (False, False)
    >>> _case_ok("asiel- en migratiepact", "Asiel- en migratiepact", "label"), _case_ok("RAAD", "Raad", "alias")
    (True, True)
    >>> _case_ok("bankenunie", "Bankenunie", "label", "Initiative")
    True
    """
    if _exact_case(form, kind):
        return text == form
    if typ in _LOWER_CASE_TYPES and _lower_case_name(form):
        return True
    if " " not in form:
        return not (form[:1].isupper() and not text[:1].isupper())
    if text.isupper():
        return True
    # past the first word (capitalised at a sentence start or not) a capital in the
    # name must be there in the text: "Justitie en Veiligheid", not "justitie en veiligheid"
    form_words, text_words = form.split(), text.split()
    if len(form_words) != len(text_words):
        return True
    return all(
        not f[:1].isupper() or t[:1].isupper()
        for f, t in zip(form_words[1:], text_words[1:], strict=True)
    )


class Gazetteer:
    """Finds reference names in a Doc; candidates go to ``doc.user_data["kg_gazetteer"]``."""

    def __init__(self, nlp: Language, name: str = "kg_gazetteer", *, lang: str = "nl") -> None:
        self.name = name
        self.lang = lang
        self.ref: ReferenceData = load_reference()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.forms: dict[str, list[tuple[str, str, ReferenceEntity]]] = defaultdict(list)
        self._compile(nlp)

    def _entries(self) -> list[tuple[str, str, ReferenceEntity]]:
        out = []
        for entity in self.ref.entities.values():
            if entity.type not in _TYPE_ORDER:
                continue
            # all languages: Dutch letters quote English names and the reverse
            for form, kind in entity.surface_forms():
                out.append((form, kind, entity))
                if entity.type in _LOWER_CASE_TYPES and not _exact_case(form, kind):
                    out.extend((v, kind, entity) for v in spelling_variants(form))
            family = entity.attributes.get("familyName")
            if family and entity.type in ("Minister", "Person"):
                out.append((family, "family", entity))
        return out

    def _compile(self, nlp: Language) -> None:
        by_key: dict[str, list[tuple[str, str, ReferenceEntity]]] = defaultdict(list)
        for form, kind, entity in self._entries():
            form = form.strip()
            if len(form) < 2:
                continue
            by_key[form.lower()].append((form, kind, entity))
        for key, entries in by_key.items():
            entries.sort(key=lambda e: (_TYPE_ORDER.index(e[2].type), -_PRIORITY[e[1]]))
            self.forms[key] = entries
        keys = list(self.forms)
        docs = list(nlp.tokenizer.pipe(keys))
        for key, doc in zip(keys, docs, strict=True):
            self.matcher.add(key, [doc])

    def match(self, doc: Doc) -> list[Candidate]:
        out: list[Candidate] = []
        strings = doc.vocab.strings
        matches = self.matcher(doc)
        if not matches:
            return out
        # token offsets from arrays: creating Span objects is the slow part here
        offsets = doc.to_array([IDX, LENGTH])
        idx, length = offsets[:, 0].tolist(), offsets[:, 1].tolist()
        full = doc_text(doc)
        for match_id, start, end in matches:
            start_char = idx[start]
            end_char = idx[end - 1] + length[end - 1]
            text = full[start_char:end_char]
            for form, kind, entity in self.forms.get(strings[match_id], ()):
                if _case_ok(text, form, kind, entity.type):
                    out.append(
                        Candidate(start_char, end_char, entity.type,
                                  f"gazetteer.{kind}", _PRIORITY[kind], text, iri=entity.iri,
                                  attrs={"kind": kind})
                    )  # fmt: skip
                    break
        return out

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[GAZETTEER_KEY] = self.match(doc)
        return doc


@Language.factory("kg_gazetteer", default_config={"lang": "nl"})
def make_gazetteer(nlp: Language, name: str, lang: str) -> Gazetteer:
    """The ``kg_gazetteer`` component (compiled from the reference data)."""
    return Gazetteer(nlp, name, lang=lang)
