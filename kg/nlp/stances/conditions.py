"""Conditions, kept on the statement: "Nederland steunt het voorstel, mits ..."
holds only under its condition.

>>> text = "Nederland steunt het voorstel, mits het uitvoerbaar is."
>>> condition_of(text, 16, len(text))
'mits het uitvoerbaar is'
"""

from __future__ import annotations

import re

_CONDITION = re.compile(
    r"\b(?:wanneer|mits|indien|zolang|op voorwaarde dat|onder voorwaarde dat|als|if|provided "
    r"that|as long as|on condition that)\b[^.;]*",
    re.IGNORECASE,
)


def condition_of(text: str, cue_end: int, clause_end: int) -> str | None:
    """The condition after the cue ("mits ...", "wanneer ...", "as long as ..."), if any."""
    rest = text[cue_end:]
    match = _CONDITION.search(rest)
    if match and match.start() < 200:
        return match.group(0).strip().rstrip(".")
    return None
