"""The entity rules once loaded: :class:`PatternRule` and the :class:`RuleSet` of
rules, macros and word lists the builders read (see :mod:`kg.nlp.rules` for the
files and their validation).

>>> expand_macros("{DAY} {MONTH}", {"DAY": "[0-9]{1,2}", "MONTH": "mei|juni"}, "x")
'(?:[0-9]{1,2}) (?:mei|juni)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.errors import RuleError

_MACRO_REF = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


@dataclass(frozen=True)
class PatternRule:
    """One compiled regex rule."""

    id: str
    type: str
    builder: str
    regex: re.Pattern[str]
    lang: tuple[str, ...] = ("nl", "en")
    priority: int = 50
    #: The rule only runs where one of these substrings occurs (a cheap prefilter).
    requires: tuple[str, ...] = ()
    #: With ``requires``: the match starts in the word holding the required
    #: substring or in one of the ``lookback`` words before it.
    lookback: int = 0


@dataclass
class RuleSet:
    """All rules, macros and word lists from the rule files."""

    rules: list[PatternRule] = field(default_factory=list)
    macros: dict[str, str] = field(default_factory=dict)
    lists: dict[str, frozenset[str]] = field(default_factory=dict)

    def for_lang(self, lang: str) -> list[PatternRule]:
        return [r for r in self.rules if lang in r.lang]

    def words(self, name: str) -> frozenset[str]:
        return self.lists.get(name, frozenset())

    def expand(self, source: str) -> str:
        return expand_macros(source, self.macros, "<code>")


def expand_macros(source: str, macros: dict[str, str], where: str) -> str:
    """Replace ``{NAME}`` references by the macro's regex (in a non-capturing group)."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise RuleError(f"{where}: unknown macro {{{name}}}")
        return f"(?:{macros[name]})"

    for _ in range(10):  # macros may use earlier macros
        new = _MACRO_REF.sub(sub, source)
        if new == source:
            return new
        source = new
    raise RuleError(f"{where}: macros nest too deeply")
