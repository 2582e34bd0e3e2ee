"""Stance cue rules: data in ``kg/nlp/rules/relations.jsonl``, validated on load.

Each line is one cue with an id (carried into provenance), a language, the
predicate it signals and a regular expression over the sentence text:

>>> rules = load_stance_rules()
>>> rule = next(r for r in rules if r.id == "stance.nl.geen_voorstander")
>>> rule.predicate, rule.holder
('opposes', 'before')
>>> bool(rule.regex.search("een groot aantal lidstaten geen voorstander is van"))
True
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import RuleError

RULES_DIR = Path(__file__).parent / "rules"
STANCE_PREDICATES = ("supports", "opposes", "concernedAbout", "requested")
_REQUIRED = {"id", "lang", "predicate", "cue"}
#: Where a cue's targets stand: anywhere in its clause, after it, in the noun
#: phrase right after it ("druk op X"), or right before it ("X niet erkennen").
SCOPES = ("clause", "object", "np", "np_before", "span", "head")
_OPTIONAL = {"note", "holder", "scope", "requires", "issue", "factual", "negative", "item"}
#: Where the issue phrase starts: after the cue ("steun voor X") or at it, when
#: the cue names the measure itself ("sancties tegen X").
ISSUE_STARTS = ("object", "cue")


@dataclass(frozen=True)
class StanceRule:
    """One cue: ``regex`` finds it, ``predicate`` is what it signals.

    ``holder`` says where the stance holder stands: ``before`` the cue (the
    subject, as in "Nederland steunt X") or ``after`` it ("op verzoek van X").
    ``scope`` is ``clause`` (targets after the cue in its clause, or before it
    in a verb-final clause), ``object`` (only what follows the cue), ``np``
    (the noun phrase right after it: "druk op X") or ``np_before`` (the noun
    phrase right before it: "X niet erkent") or ``span`` (inside a split cue and
    after it: "stelde ten aanzien van X voor dat ...") or ``head`` (the entity
    that heads the noun phrase right after it, with its conjuncts: "bereikte een
    akkoord over X", not "over de prioriteiten ten aanzien van X").
    ``factual`` cues state what a body did: an expected or planned act ("de Raad
    zal naar verwachting ... vaststellen") is no stance. ``negative`` cues say
    "no" themselves ("geen voorstander", "ziet geen meerwaarde in"): a negation
    in them does not flip them again. ``item`` cues (consent, votes, judgements:
    "kan instemmen", "stemde tegen", "is kritisch") without an object of their own
    are about the agenda item.
    """

    id: str
    lang: str
    predicate: str
    regex: re.Pattern[str]
    holder: str = "before"
    scope: str = "clause"
    note: str = ""
    #: Lower-case substrings one of which every match contains: a cheap test that
    #: skips the regular expression for sentences that cannot match.
    requires: tuple[str, ...] = ()
    issue: str = "object"
    factual: bool = False
    negative: bool = False
    item: bool = False

    def may_match(self, lowered: str) -> bool:
        return not self.requires or any(word in lowered for word in self.requires)


def _parse(path: Path, number: int, line: str) -> StanceRule:
    where = f"{path.name}:{number}"
    try:
        data = json.loads(line)
    except ValueError as err:
        raise RuleError(f"{where}: not valid JSON ({err})") from err
    if not isinstance(data, dict):
        raise RuleError(f"{where}: a rule must be a JSON object")
    missing = _REQUIRED - data.keys()
    unknown = data.keys() - _REQUIRED - _OPTIONAL
    if missing or unknown:
        raise RuleError(f"{where}: missing {sorted(missing)} / unknown {sorted(unknown)} keys")
    if data["predicate"] not in STANCE_PREDICATES:
        raise RuleError(f"{where}: predicate {data['predicate']!r} is not a stance predicate")
    if data["lang"] not in ("nl", "en"):
        raise RuleError(f"{where}: lang must be nl or en")
    if data.get("holder", "before") not in ("before", "after"):
        raise RuleError(f"{where}: holder must be 'before' or 'after'")
    if data.get("scope", "clause") not in SCOPES:
        raise RuleError(f"{where}: scope must be one of {', '.join(SCOPES)}")
    try:
        regex = re.compile(data["cue"], re.IGNORECASE)
    except re.error as err:
        raise RuleError(f"{where}: bad cue regex ({err})") from err
    if data.get("issue", "object") not in ISSUE_STARTS:
        raise RuleError(f"{where}: issue must be one of {', '.join(ISSUE_STARTS)}")
    for flag in ("factual", "negative", "item"):
        if not isinstance(data.get(flag, False), bool):
            raise RuleError(f"{where}: {flag} must be true or false")
    requires = data.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(w, str) and w for w in requires):
        raise RuleError(f"{where}: requires must be a list of non-empty strings")
    if any(w != w.lower() for w in requires):
        raise RuleError(f"{where}: requires holds lower-case substrings")
    return StanceRule(
        id=data["id"],
        lang=data["lang"],
        predicate=data["predicate"],
        regex=regex,
        holder=data.get("holder", "before"),
        scope=data.get("scope", "clause"),
        note=data.get("note", ""),
        requires=tuple(requires),
        issue=data.get("issue", "object"),
        factual=data.get("factual", False),
        negative=data.get("negative", False),
        item=data.get("item", False),
    )


def load_stance_rules(path: Path | None = None) -> tuple[StanceRule, ...]:
    """Load and validate the cue rules (cached for the default file)."""
    if path is None:
        return _default_rules()
    return _load(path)


@lru_cache(maxsize=1)
def _default_rules() -> tuple[StanceRule, ...]:
    return _load(RULES_DIR / "relations.jsonl")


def _load(path: Path) -> tuple[StanceRule, ...]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise RuleError(f"{path}: cannot read rule file ({err})") from err
    rules = [_parse(path, n, line) for n, line in enumerate(lines, 1) if line.strip()]
    ids = [r.id for r in rules]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise RuleError(f"{path.name}: duplicate rule ids {sorted(duplicates)}")
    return tuple(rules)


def rules_hash() -> str:
    """A short hash of the relation rule files, for build provenance."""
    digest = hashlib.sha256()
    for path in sorted(RULES_DIR.glob("relations*.jsonl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
