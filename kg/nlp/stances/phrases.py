"""Which named entities of an object phrase a stance is about, by position alone.

Offsets are local to one sentence; spans are ``(start, end)`` pairs of the
mentions, in text order. Two questions, each a statement about Dutch and
English phrasing rather than about one document:

* the **head** of the noun phrase right after a cue, with its conjuncts:
  "bereikte een akkoord over de Terugkeerverordening en de Screeningsverordening"
  is about both acts; "nam conclusies aan over de prioriteiten ten aanzien van
  de Raad van Europa" is not about the Raad van Europa;
* **bystanders**: entities a phrase names without being its object: the
  parties of talks ("gesprekken tussen A en B"), a comparison ("net als
  Spanje", "landen als Rusland en China"), people named as the reason
  ("de moord op X"), a member inside a motion's name ("motie van het lid X"),
  the one whose stance is shared ("deelt de zorgen van de Commissie over X"),
  what sits inside "het idee om ...".

>>> text = "bereikte een akkoord over de Terugkeerverordening en de Screeningsverordening."
>>> head_of(text, 25, [(29, 49), (56, 77)])
[0, 1]
>>> bystander("welcomed the talks between Serbia and Kosovo", 27)
'party'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Prepositions that take the phrase away from the head: "steun uit X", "tranche
# voor Y", "prioriteiten ten aanzien van Z" are not about X, Y, Z.
_OFF_HEAD = re.compile(
    r"[,;:(]|\b(?:uit|met|tussen|tegen|in|bij|naar|onder|tijdens|jegens|vanuit|sinds|naast|behalve|"
    r"ten\s+aanzien\s+van|t\.a\.v\.|ten\s+behoeve\s+van|vanwege|wegens|"
    r"with|between|against|in|at|under|during|from|towards|since|given|because|besides|alongside|"
    r"apart\s+from)\b",
    re.IGNORECASE,
)
_HEAD_REACH = 110
_COORDINATION = re.compile(
    r"^[\s,]*(?:(?:en|and|evenals|alsook|alsmede|as\s+well\s+as|of|or|zowel|als)\b[\s,]*)+"
    r"(?:(?:de|het|een|the|a|an)\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_LIST_COMMA = re.compile(r"^\s*,\s*(?:(?:de|het|the)\s+)?$")
# after a name in a list: another comma or the closing "en"/"and"
_LIST_GOES_ON = re.compile(r"^\s*(?:,|(?:en|and|or|of)\b)", re.IGNORECASE)
_PARTY = re.compile(
    r"\b(?:tussen|between)\s+(?:(?:de|het|the)\s+)?(?:\S+\s+){0,1}$",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(?:net\s+als|evenmin\s+als|zoals\s+ook|just\s+like|such\s+as|like|unlike|as\s+did|"
    r"as\s+(?:do|does|had|have|has|were|was)|"
    r"(?:landen|staten|lidstaten|partners|derde\s+landen|countries|states|partners|"
    r"actoren|actors)\s+(?:als|zoals|like))\s+(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)
_REASON = re.compile(
    r"\b(?:moord\s+op|dood\s+van|overlijden\s+van|vergiftiging\s+van|arrestatie\s+van|"
    r"detentie\s+van|gevangenneming\s+van|veroordeling\s+van|ontvoering\s+van|"
    r"murder\s+of|death\s+of|killing\s+of|poisoning\s+of|arrest\s+of|detention\s+of|"
    r"imprisonment\s+of|abduction\s+of|assassination\s+of)\s+(?:(?:de|het|the)\s+)?"
    r"(?:(?!(?:door|by)\b)\S+\s+){0,2}$",
    re.IGNORECASE,
)
_MOTION = re.compile(
    r"\bmoties?\s+(?:van\s+)?(?:(?:het|de)\s+)?(?:(?:lid|leden)\s+)?(?:\S+\s+){0,1}$|"
    r"\bmotion\s+(?:by|of)\s+(?:\S+\s+){0,1}$",
    re.IGNORECASE,
)
# "deelt de zorgen van de Commissie over X": whose concern it is, not what about
_POSSESSOR = re.compile(
    r"\b(?:zorgen|zorg|bezorgdheid|standpunt|positie|oproep|steun|kritiek|concerns?|position|call|"
    r"support|criticism)\s+(?:van|of)\s+(?:(?:de|het|the)\s+)?$",
    re.IGNORECASE,
)
_IDEA = re.compile(r"\b(?:idee|gedachte|idea|notion)\s+(?:om|to|of|dat|that)\b", re.IGNORECASE)


def head_of(text: str, cue_end: int, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Indices of the spans that head the noun phrase after ``cue_end``: the
    first, when only articles, modifiers and "van"/"over"/"of"/"on" stand
    between, and the ones coordinated with it."""
    after = [i for i, (start, _) in enumerate(spans) if start >= cue_end]
    if not after:
        return []
    first = after[0]
    gap = text[cue_end : spans[first][0]]
    if len(gap) > _HEAD_REACH or _OFF_HEAD.search(gap):
        return []
    return conjoined(text, spans, first)


def conjoined(text: str, spans: Sequence[tuple[int, int]], first: int) -> list[int]:
    """``first`` and the spans coordinated with it ("X, Y en Z", "both X and Y").

    >>> conjoined("de VS, Canada en Japan", [(3, 5), (7, 13), (17, 22)], 0)
    [0, 1, 2]
    """
    chosen = [first]
    for i in range(first + 1, len(spans)):
        gap = text[spans[chosen[-1]][1] : spans[i][0]]
        listed = _LIST_COMMA.match(gap) and _LIST_GOES_ON.match(text[spans[i][1] :])
        if not (_COORDINATION.match(gap) or listed):
            break
        chosen.append(i)
    return chosen


def bystander(text: str, start: int, scope_start: int = 0) -> str | None:
    """Why the entity at ``start`` is named without being the object, or None.

    >>> bystander("steunt, net als Spanje, het voorstel", 16)
    'comparison'
    >>> bystander("conform de motie van het lid Ceder", 29)
    'motion'
    """
    before = text[max(0, start - 40) : start]
    if _PARTY.search(before):
        return "party"
    if _COMPARISON.search(before):
        return "comparison"
    if _REASON.search(before):
        return "reason"
    if _MOTION.search(before):
        return "motion"
    if _POSSESSOR.search(before):
        return "possessor"
    idea = _IDEA.search(text, scope_start, start)
    if idea:
        return "idea"
    return None
