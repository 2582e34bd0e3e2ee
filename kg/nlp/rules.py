"""Pattern rules as data: ``kg/nlp/rules/entities*.jsonl``, validated on load.

Each line is a JSON object, either a macro ``{"macro": "NAME", "regex": "..."}``
(referenced as ``{NAME}`` in later regexes) or a rule::

    {"id": "person.title", "type": "Minister", "builder": "person",
     "regex": "...", "lang": ["nl"], "priority": 40, "flags": "i",
     "requires": ["inister"]}

``requires`` lists substrings the match must contain; the regex is then only
tried at the start of the word holding one and of the ``lookback`` words
before it, instead of at every position of the text (most of the speed). ``builder`` names the function in :mod:`kg.nlp.builders` that turns a match
into candidate mentions. Word lists (``{"list": "NAME", "words": [...]}``)
hold stop words and head nouns the builders use.

>>> rules = load_rules()
>>> any(r.id == "document.kamerstuk" for r in rules.rules)
True
>>> rules.for_lang("en")[0].lang
('en', 'nl')
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from kg.errors import RuleError
from kg.iri import ENTITY_TYPES
from kg.nlp.builders import BUILDERS
from kg.nlp.ruleset import PatternRule, RuleSet, expand_macros

RULES_DIR = Path(__file__).parent / "rules"
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}


def _parse_line(obj: object, where: str, out: RuleSet, known_builders: set[str]) -> None:
    if not isinstance(obj, dict):
        raise RuleError(f"{where}: each line must be a JSON object")
    if "macro" in obj:
        name, regex = obj.get("macro"), obj.get("regex")
        if not isinstance(name, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise RuleError(f"{where}: macro name must be UPPER_CASE")
        if not isinstance(regex, str):
            raise RuleError(f"{where}: macro {name} needs a regex string")
        out.macros[name] = expand_macros(regex, out.macros, where)
        return
    if "list" in obj:
        words = obj.get("words")
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise RuleError(f"{where}: list {obj['list']!r} needs 'words': [strings]")
        out.lists[str(obj["list"])] = frozenset(words)
        return
    for key in ("id", "type", "builder", "regex"):
        if not isinstance(obj.get(key), str) or not obj[key]:
            raise RuleError(f"{where}: rule needs a non-empty string {key!r}")
    rid = obj["id"]
    if obj["type"] not in ENTITY_TYPES:
        raise RuleError(f"{where}: rule {rid}: unknown type {obj['type']!r}")
    if obj["builder"] not in known_builders:
        raise RuleError(f"{where}: rule {rid}: unknown builder {obj['builder']!r}")
    lang = tuple(sorted(obj.get("lang", ["nl", "en"])))
    if not set(lang) <= {"nl", "en"}:
        raise RuleError(f"{where}: rule {rid}: lang must be a subset of ['nl', 'en']")
    flags = 0
    for ch in obj.get("flags", ""):
        if ch not in _FLAGS:
            raise RuleError(f"{where}: rule {rid}: unknown flag {ch!r}")
        flags |= _FLAGS[ch]
    source = expand_macros(obj["regex"], out.macros, f"{where}: rule {rid}")
    try:
        compiled = re.compile(source, flags)
    except re.error as err:
        raise RuleError(f"{where}: rule {rid}: bad regex: {err}") from err
    if any(r.id == rid for r in out.rules):
        raise RuleError(f"{where}: duplicate rule id {rid!r}")
    priority = obj.get("priority", 50)
    if not isinstance(priority, int):
        raise RuleError(f"{where}: rule {rid}: priority must be an integer")
    requires = obj.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(w, str) and w for w in requires):
        raise RuleError(f"{where}: rule {rid}: requires must be a list of non-empty strings")
    lookback = obj.get("lookback", 0)
    if not isinstance(lookback, int) or not 0 <= lookback <= 12:
        raise RuleError(f"{where}: rule {rid}: lookback must be an integer from 0 to 12")
    out.rules.append(
        PatternRule(
            rid, obj["type"], obj["builder"], compiled, lang, priority, tuple(requires), lookback
        )
    )


def parse_rules(lines: list[tuple[str, str]], known_builders: set[str]) -> RuleSet:
    """Parse ``(where, json_line)`` pairs into a validated :class:`RuleSet`."""
    out = RuleSet()
    for where, line in lines:
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise RuleError(f"{where}: not valid JSON: {err.msg}") from err
        _parse_line(obj, where, out, known_builders)
    return out


@cache
def load_rules(directory: Path | None = None) -> RuleSet:
    """Load every ``entities*.jsonl`` file in ``directory`` (the packaged rules by default)."""
    folder = directory or RULES_DIR
    files = sorted(folder.glob("entities*.jsonl"))
    if not files:
        raise RuleError(f"{folder}: no entities*.jsonl rule files found")
    lines = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            lines.append((f"{path.name}:{n}", line))
    return parse_rules(lines, set(BUILDERS))
