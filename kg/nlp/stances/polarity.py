"""Polarity: a negated cue turns support into opposition ("steunt het voorstel
niet"), and so does support for undoing something ("riep op tot opschorting van
het akkoord met X").

>>> text = "Nederland steunt het voorstel niet."
>>> negated(text, 0, re.search("steunt", text), "nl")
True
>>> bool(UNDOING.search("riep op tot opschorting van het akkoord"))
True
"""

from __future__ import annotations

import re

_NEGATION_NL = re.compile(r"\b(?:niet|geen|nooit)\b(?!\s+(?:alleen|enkel|per se|zonder|langer))")

_NEGATION_EN = re.compile(r"\b(?:not|no|never|cannot)\b(?!\s+only)")


def negated(text: str, clause_start: int, match: re.Match[str], lang: str) -> bool:
    """Whether the cue ``match`` is negated: "niet" or "geen" just before it, inside a split
    cue, right after it, or (in Dutch) ending its clause ("steunt het voorstel niet")."""
    window_start = max(clause_start, match.start() - 40)
    before = text[window_start : match.start()]
    inside = match.group(0)
    pattern = _NEGATION_NL if lang == "nl" else _NEGATION_EN
    # "niet" right before the cue or inside a split cue ("steunt het voorstel niet")
    if pattern.search(inside):
        return True
    words = before.split()
    tail = " ".join(words[-3:])
    if pattern.search(tail):
        return True
    after = text[match.end() : match.end() + 12]
    if re.match(r"\s*(?:niet|not)\b", after):
        return True
    # "Nederland steunt het voorstel niet." (clause-final negation)
    rest = text[match.end() : match.end() + 80]
    return lang == "nl" and bool(re.match(r"[^.;:,]*\bniet\s*(?:[.;:,]|$)", rest))


# "riep op tot opschorting van het akkoord met X" opposes X; "is geen voorstander van
# intrekking van X" supports it
FLIPPED = {"supports": "opposes", "opposes": "supports"}
UNDOING = re.compile(
    r"\b(?:opschorting|beëindiging|afschaffing|intrekking|stopzetting|schorsing|bevriezing|"
    r"suspension|termination|withdrawal|repeal|freezing|suspend|terminate|freeze|opschorten|"
    r"op\s+te\s+schorten|beëindigen|intrekken|in\s+te\s+trekken|stopzetten|stop\s+te\s+zetten|"
    r"bevriezen|schorsen)\b",
    re.IGNORECASE,
)

# A call to stop doing something supports nobody it names: "urges Iran to refrain from
# supplying weapons to Russia", "roept X op te stoppen met steun aan Y".
REFRAIN = re.compile(
    r"\b(?:refrain|desist|abstain)\s+from\b|\bto\s+(?:stop|cease|halt|end)\b|"
    r"\b(?:af\s+te\s+zien\s+van|te\s+stoppen\s+met|op\s+te\s+houden\s+met|"
    r"te\s+staken|zich\s+te\s+onthouden\s+van)\b",
    re.IGNORECASE,
)
