"""Quoted speech: who speaks in a quotation, so the speaker holds its stances.

Council press pages quote a minister in a paragraph of its own and name the
speaker on a line before or after it ("Jane Doe, High Representative for ...");
letters and releases also attribute inline ('"...", said Jane Doe' or
"..., aldus minister X"). :func:`quoted_speakers` returns the stretches of text
that quote someone, each with the speaker's IRI.

>>> text = 'The EU stands with Ukraine.\\n\\nJane Doe, High Representative\\n\\nNext item.'
>>> quoted_speakers(text, [(29, 37, "Minister", "doe")])
[(0, 27, 'doe')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from kg.nlp.stances.sentence import last_match

SPEAKER_TYPES = frozenset({"Minister", "Person"})
_BLOCK = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
_TAG = re.compile(r"<[^>]{1,20}>")
# After the name: a comma and an office, no sentence of its own.
_ATTRIBUTION_TAIL = re.compile(r"^\s*,\s*[^.!?]{3,250}$")
_QUOTE_END = re.compile(r"[.!?\"”’»…\]]\s*$")
_INLINE = re.compile(
    r"[\"”’»]\s*,?\s*(?:said|says|stated|added|aldus|zei|zegt|verklaarde|stelde)\s+"
    r"(?:(?:de|het|the)\s+)?(?:\S+\s+){0,4}$",
    re.IGNORECASE,
)
_OPEN_QUOTE = re.compile(r"[\"“‘«]")


def quoted_speakers(
    text: str, mentions: Sequence[tuple[int, int, str, str]]
) -> list[tuple[int, int, str]]:
    """(start, end, speaker) for each quotation; ``mentions`` are (start, end, type, iri)."""
    speakers = sorted(m for m in mentions if m[2] in SPEAKER_TYPES)
    blocks = [(b.start(), b.end()) for b in _BLOCK.finditer(text) if b.group(0).strip()]
    found: list[tuple[int, int, str]] = []
    for index, (start, end) in enumerate(blocks):
        speaker = _attribution(text, start, end, speakers)
        if speaker is None or index == 0:
            continue
        q_start, q_end = blocks[index - 1]
        if _attribution(text, q_start, q_end, speakers) is None and _QUOTE_END.search(
            _TAG.sub("", text[q_start:q_end])
        ):
            found.append((q_start, q_end, speaker))
    for m_start, _, _, iri in speakers:
        inline = _INLINE.search(text, max(0, m_start - 60), m_start)
        if inline:
            opening = _last_open_quote(text, inline.start())
            if opening is not None:
                found.append((opening, inline.start() + 1, iri))
    return sorted(found)


def _attribution(
    text: str, start: int, end: int, speakers: Sequence[tuple[int, int, str, str]]
) -> str | None:
    """The speaker when the block is an attribution line: a name, a comma, an office."""
    i = bisect_left(speakers, (start,))
    if i == len(speakers) or speakers[i][0] >= end:
        return None
    m_start, m_end, _, iri = speakers[i]
    lead = _TAG.sub("", text[start:m_start]).strip()
    tail = _TAG.sub("", text[m_end:end]).rstrip()
    return iri if not lead and _ATTRIBUTION_TAIL.match(tail) else None


def _last_open_quote(text: str, before: int) -> int | None:
    opening = last_match(_OPEN_QUOTE.finditer(text, max(0, before - 600), before))
    return None if opening is None else opening.start()
