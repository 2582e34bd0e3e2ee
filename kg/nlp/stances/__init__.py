"""Who supports, opposes, worries about or asks for what: sentence-level stance rules.

The engine works on plain offsets, so it needs no parser: the sentences of a
document, the linked entity mentions and the headings. For each cue found in
a sentence (see :mod:`kg.nlp.relation_rules`) it finds

* the holders (:mod:`~kg.nlp.stances.holders`): named states, bodies and persons
  in subject position (not behind a preposition), every member of an
  enumeration ("Nederland en België"), the named member of a group ("een
  achttal lidstaten, waaronder Nederland"), the agent after "op verzoek van";
  when the sentence names none, the holder of the previous sentence is carried
  over only where the text makes it unambiguous ("Daarbij gaf het aan ...",
  "Hij riep ..."); the speaker of a quotation (:mod:`~kg.nlp.stances.quotes`);
* the targets (:mod:`~kg.nlp.stances.targets`, :mod:`~kg.nlp.stances.phrases`):
  the entities in the object phrase after the cue (or, in a verb-final clause,
  between holder and cue); anaphora (:mod:`~kg.nlp.stances.anaphora`) such as
  "het voorstel" or "bovenstaande ideeën" resolve to the agenda item of the
  section or the targets of the previous sentence;
* negation ("niet", "geen") that flips support into opposition
  (:mod:`~kg.nlp.stances.polarity`), and conditions ("wanneer", "zolang",
  "mits") kept on the statement (:mod:`~kg.nlp.stances.conditions`);
* the issue phrase, what exactly is supported, as written (:mod:`~kg.nlp.stances.issues`).

:mod:`~kg.nlp.stances.engine` reads the sentences in order
(:mod:`~kg.nlp.stances.cues` finds the cues, :mod:`~kg.nlp.stances.memory`
keeps what one sentence leaves for the next).

>>> text = "Nederland en België spraken steun uit voor Frontex."
>>> ms = [Span(0, 9, "State", "nl", "Nederland"), Span(13, 19, "State", "be", "België"),
...       Span(43, 50, "Agency", "fx", "Frontex")]
>>> rels = find_stances(text, [(0, len(text))], ms)
>>> sorted((r.subject, r.predicate, r.object) for r in rels)
[('be', 'supports', 'fx'), ('nl', 'supports', 'fx')]
"""

from __future__ import annotations

from kg.nlp.stances.engine import dedupe, find_stances
from kg.nlp.stances.holders import HOLDER_TYPES
from kg.nlp.stances.sentence import Span

__all__ = ["HOLDER_TYPES", "Span", "dedupe", "find_stances"]
