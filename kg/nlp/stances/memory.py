"""What one sentence leaves for the next: its stances (:class:`Frame`), its holders,
the section's agenda item, the last person and meeting named (:class:`State`).

"Nederland sloot zich hierbij aan" joins the stances of the sentence before;
"Hij riep op tot ..." is the last person's; "het voorstel" is the section's
agenda item. A sentence without a cue passes on its subject only.

>>> state = State(frames=[Frame(["be"], "supports", ["fx"], "stance.nl.steun")], holders=["be"])
>>> forget(state)
>>> state.frames, state.holders, len(state.history)
([], [], 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extraction import Issue
from kg.nlp.stances.sentence import SentenceView


@dataclass
class Frame:
    """One stance a sentence took: who, which predicate, on what, by which rule."""

    holders: list[str]
    predicate: str
    targets: list[str]
    rule: str
    issues: dict[str, Issue] = field(default_factory=dict)  # target -> what about it


@dataclass
class State:
    """What the engine knows, reading a document, from the sentences before."""

    frames: list[Frame] = field(default_factory=list)  # stances of the previous sentence
    history: list[list[Frame]] = field(default_factory=list)  # of the sentences before
    questioner: str | None = None  # who asks, in written questions ("Vragen van het lid X")
    holders: list[str] = field(default_factory=list)  # holders of the previous sentence
    last_person: str | None = None
    topic: str | None = None  # the agenda item of the current section
    topic_initiative: str | None = None
    holder_sentence: SentenceView | None = None  # whose subject holders are worked out lazily
    last_meeting: str | None = None
    speaker: str | None = None  # who speaks, inside a quotation
    types: dict[str, str] = field(default_factory=dict)  # entity type of every IRI named so far


def forget(state: State, sentence: SentenceView | None = None) -> None:
    """What reading a sentence without cues leaves: no stances to
    join, and its subject, worked out only if a next sentence needs it."""
    state.history = [*state.history[-3:], state.frames]
    state.frames = []
    state.holders = []
    state.holder_sentence = sentence
