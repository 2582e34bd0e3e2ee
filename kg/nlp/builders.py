"""Builders: turn a regex match of a pattern rule into candidate mentions.

A rule in ``kg/nlp/rules/entities*.jsonl`` names its builder; the builder knows
the shape of what the rule matched (a person after a title, a Kamerstuk
reference, an acronym defined in brackets ...) and returns candidates with a
canonical name, so that differently spelled mentions of one thing meet.

>>> canonical_dossier("32735"), canonical_dossier("21 501-02"), canonical_dossier("36600 XIII")
('32 735', '21 501-02', '36 600 XIII')
>>> celex_of("Richtlijn 2008/115/EG")
'32008L0115'
>>> celex_of("Verordening (EU) 2019/1896")
'32019R1896'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from kg.nlp.candidates import Candidate
from kg.nlp.dates import parse_dates
from kg.nlp.ruleset import PatternRule, RuleSet
from kg.record.citations import cited_paper
from kg.reference import ReferenceData

_SPACES = re.compile(r"\s+")


@dataclass
class Context:
    """What builders may look at besides the match."""

    text: str
    lang: str
    rules: RuleSet
    ref: ReferenceData
    ref_date: date | None = None
    cache: dict[str, Any] = field(default_factory=dict)


Builder = Callable[[re.Match[str], "PatternRule", Context], list[Candidate]]


def _group_span(m: re.Match[str], name: str) -> tuple[int, int] | None:
    if name not in m.re.groupindex:
        return None
    s, e = m.span(name)
    return (s, e) if s >= 0 else None


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def strip_leading(text: str, start: int, words: frozenset[str]) -> tuple[str, int]:
    """Drop leading function words ("De", "Het", "Op") from a capitalised name.

    >>> strip_leading("De Europese Commissie", 10, frozenset({"De"}))
    ('Europese Commissie', 13)
    """
    while True:
        head, sep, rest = text.partition(" ")
        if sep and head in words:
            start += len(head) + 1
            text = rest
        else:
            return text, start


@lru_cache(maxsize=65536)
def ref_search(ref: ReferenceData, text: str) -> tuple[Any, ...]:
    """``ref.search(text)``, remembered (builders and the linker ask the same names often)."""
    return tuple(ref.search(text))


def _ref_lookup(ctx: Context, name: str, types: tuple[str, ...]) -> Any:
    for ent in ref_search(ctx.ref, name):
        if ent.type in types:
            return ent
    return None


# --------------------------------------------------------------------------- simple


def build_plain(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    span = _group_span(m, "core") or m.span()
    text = ctx.text[span[0] : span[1]]
    ent = _ref_lookup(ctx, text, (rule.type,))
    return [
        Candidate(span[0], span[1], rule.type, rule.id, rule.priority, _clean(text),
                  iri=ent.iri if ent else None)
    ]  # fmt: skip


_PARTICIPLE = re.compile(
    r"(?:aan|af|door|in|mee|na|om|onder|op|over|toe|uit|vast|voor|weg)?ge[a-zà-ÿ]{2,}(?:d|t|en)"
)
_NOUN_ENDINGS = ("heid", "teit", "ing", "schap", "ties")


def _participle(word: str) -> bool:
    """ "aangekondigd", "gepresenteerd", "vastgesteld": a verb form, not part of a name.

    >>> _participle("aangekondigd"), _participle("gezondheid"), _participle("circulaire")
    (True, False, False)
    """
    return bool(_PARTICIPLE.fullmatch(word)) and not word.endswith(_NOUN_ENDINGS)


def build_initiative(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    s, e = m.span("core")
    text, s = strip_leading(ctx.text[s:e], s, ctx.rules.words("leading_function_words"))
    words = text.split()
    if rule.id == "initiative.nl_plan" and len(words) > 1 and _participle(words[1]):
        return []  # "het actieplan aangekondigd door ..."
    if " " not in text and (
        len(text) < 8 or text.lower() in ctx.rules.words("generic_initiatives")
    ):
        return []  # "Werkprogramma", "Actieplan" alone are no names
    if text.split()[0] in ctx.rules.words("person_stop") and " " not in text:
        return []
    ent = _ref_lookup(ctx, text, ("Initiative", "Agency", "Regulation"))
    typ = ent.type if ent else rule.type
    return [
        Candidate(s, e, typ, rule.id, rule.priority, _clean(text), iri=ent.iri if ent else None)
    ]


# --------------------------------------------------------------------------- persons

_NAME_SPLIT = re.compile(r"\s*(?:/|,| en )\s*")


def _person_ok(name: str, ctx: Context) -> bool:
    stop = ctx.rules.words("person_stop")
    words = name.replace(".", ". ").split()
    caps = [w for w in words if w[:1].isupper() and not w.endswith(".")]
    if not caps:
        return False
    return not any(w in stop for w in caps)


def _person(s: int, e: int, rule: PatternRule, ctx: Context, title: str = "") -> Candidate | None:
    name = _clean(ctx.text[s:e])
    if not _person_ok(name, ctx):
        return None
    # a known state or organisation is no person ("minister Nederland")
    for ent in ref_search(ctx.ref, name):
        if ent.type not in ("Minister", "Person"):
            return None
    ent = next((x for x in ref_search(ctx.ref, name) if x.type in ("Minister", "Person")), None)
    initials = _LEADING_INITIALS.match(name)
    if ent is None and initials:
        # "S. Blok" for the known "S.A. Blok": same family name, initials that agree
        given = initials.group(0).replace(" ", "")
        family = name[initials.end() :].strip()
        for x in _family_index(ctx.ref).get(family.lower(), ()):
            known = x.attributes.get("initials", "").replace(" ", "")
            if (
                x.type in ("Minister", "Person")
                and known
                and (known.startswith(given) or given.startswith(known))
            ):
                ent = x
                break
    typ = ent.type if ent else rule.type
    return Candidate(s, e, typ, rule.id, rule.priority, name, iri=ent.iri if ent else None,
                     attrs={"title": _clean(title)} if title else {})  # fmt: skip


_LEADING_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.\s?)+")
_SECTION_LETTER = re.compile(r"[A-Z]\. [A-Z][a-z]+$")


def build_person(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    s, e = _group_span(m, "name") or m.span("name2")
    if rule.id == "person.initials" and _SECTION_LETTER.match(ctx.text[s:e]):
        # "B. Essentie voorstel", "A. Inleiding": a lettered heading, not "S. Blok"
        line_start = ctx.text.rfind("\n", 0, s) + 1
        line_end = ctx.text.find("\n", e)
        rest = ctx.text[e : line_end if line_end >= 0 else len(ctx.text)]
        heading = re.fullmatch(r"(?: [a-zà-ÿ-]+){1,4}\s*", rest)
        if not ctx.text[line_start:s].strip() and heading:
            return []
    title = m.group("title") if _group_span(m, "title") else ""
    cand = _person(s, e, rule, ctx, title or "")
    if cand is not None and cand.iri is None and _group_span(m, "name2") and " " not in cand.name:
        # "de minister voor Buitenlandse Handel en ...": one unknown capitalised word after
        # a title is a name only with "de heer"/"mevrouw" before it
        return []
    if cand is None and rule.id != "person.initials":
        # "Gezant Pedersen de Raad": the name ends before a particle that starts a noun phrase
        first = re.match(r"[^\s]+", ctx.text[s:e])
        if first and first.end() < e - s:
            cand = _person(s, s + first.end(), rule, ctx, title or "")
    return [cand] if cand else []


def _split_names(ctx: Context, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    pos = s
    for sep in _NAME_SPLIT.finditer(ctx.text, s, e):
        out.append((pos, sep.start()))
        pos = sep.end()
    out.append((pos, e))
    return [(a, b) for a, b in out if b > a]


def build_persons(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    s, e = m.span("names")
    title = m.group("title") or ""
    out = []
    for a, b in _split_names(ctx, s, e):
        cand = _person(a, b, rule, ctx, title)
        if cand:
            out.append(cand)
    return out


def _ministry(ctx: Context, s: int, e: int) -> Candidate | None:
    """The ministry named at ``text[s:e]``, trimming words until the reference knows it."""
    text = ctx.text[s:e]
    cut = e
    while True:
        name = _clean(ctx.text[s:cut])
        for probe in (f"Ministerie van {name}", f"Ministerie voor {name}", name):
            ent = _ref_lookup(ctx, probe, ("Agency",))
            if ent is not None and "inisteri" in ent.label:
                return Candidate(s, cut, "Agency", "office.ministry", 62, name, iri=ent.iri)
        sep = max(text.rfind(" ", 0, cut - s), text.rfind(",", 0, cut - s))
        if sep <= 0:
            break
        cut = s + sep
        while cut > s and ctx.text[cut - 1] in ", ":
            cut -= 1
    return None


def build_office(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    """ "minister van Justitie en Veiligheid": the ministry, and the office as a Minister."""
    before = ctx.text[max(0, m.start() - 30) : m.start()]
    prev = re.search(r"(\w+)\s+$", before)
    if prev:
        hit = ref_search(ctx.ref, prev.group(1))
        if any(x.type == "State" and prev.group(1) in x.demonyms for x in hit):
            return []  # "de Armeense minister van Buitenlandse Zaken": not a Dutch office
    children = []
    for g in ("m1", "m2"):
        span = _group_span(m, g)
        if span:
            child = _ministry(ctx, *span)
            if child is not None:
                children.append(child)
    if not children:
        return []
    title = m.group("title")
    plural = title.lower().endswith(("s", "sen", "personen")) and title.lower() != "minister"
    if plural or m.group("m2"):
        # "ministers van X en van Y": only the ministries
        return [
            Candidate(c.start, c.end, c.type, c.rule, c.priority, c.name, iri=c.iri, key=c.key)
            for c in children
        ]
    end = children[0].end
    office = _clean(ctx.text[m.start() : end])
    return [
        Candidate(m.start(), end, "Minister", rule.id, rule.priority, office,
                  attrs={"office": office, "ministry": children[0].iri or children[0].key},
                  children=children)
    ]  # fmt: skip


# --------------------------------------------------------------------------- motions


def build_motion(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    s, e = m.span("names")
    persons = []
    for a, b in _split_names(ctx, s, e):
        cand = _person(a, b, rule, ctx, "lid")
        if cand is None:
            return []
        cand.type = "Person" if cand.iri is None else cand.type
        cand.rule = f"{rule.id}.person"
        persons.append(cand)
    if not persons:
        return []
    nr = dossier = None
    if _group_span(m, "ref"):
        found = re.search(r"(\d+)\)?\s*$", m.group("ref"))
        nr = found.group(1) if found else None
        paper = cited_paper(m.group("ref"))
        dossier = canonical_dossier(paper[0]) if paper and paper[1] == nr else None
    surnames = sorted(p.name.split()[-1].lower() for p in persons)
    key = "motion:" + "|".join(surnames) + (f"#{nr}" if nr else "")
    end = m.end()
    return [
        Candidate(m.start(), end, "Motion", rule.id, rule.priority, _clean(ctx.text[m.start():end]),
                  key=key, attrs={"persons": surnames, "nr": nr, "dossier": dossier},
                  children=persons)
    ]  # fmt: skip


# --------------------------------------------------------------------------- documents


def canonical_dossier(raw: str) -> str:
    """Dossier numbers as parliament prints them: ``"32 735"``, ``"21 501-02"``."""
    raw = raw.replace("\u00a0", " ").strip()
    main, sep, suffix = raw.partition("-")
    chapter = re.search(r"\s+([IVXLC]+)$", main)  # "36 600 XIII": a budget chapter
    if chapter:
        main = main[: chapter.start()]
    digits = main.replace(" ", "")
    if len(digits) == 5:
        digits = f"{digits[:2]} {digits[2:]}"
    if chapter:
        digits += " " + chapter.group(1)
    return digits + (sep + suffix.strip() if sep else "")


def build_kamerstuk(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    g = m.groupdict()
    year = g.get("year") or g.get("year0")
    dossier = g.get("dossier") or g.get("dossier2")
    nr = g.get("nr") or g.get("nr2")
    if not dossier or not nr:
        return []
    dossier = canonical_dossier(dossier)
    if year:
        label = f"Kamerstukken II {year}, {dossier}, nr. {nr}"
    else:
        label = f"Kamerstuk {dossier}, nr. {nr}"
    key = f"document:kst:{dossier.replace(' ', '')}:{nr}"
    return [
        Candidate(m.start(), m.end(), "Document", rule.id, rule.priority, label, key=key,
                  attrs={"dossier": dossier, "nr": nr, "year": year})
    ]  # fmt: skip


_COM_INDEX: dict[int, dict[str, Any]] = {}
_FAMILY_INDEX: dict[int, dict[str, list[Any]]] = {}


def _family_index(ref: ReferenceData) -> dict[str, list[Any]]:
    """Known persons by lower-cased family name (built once per reference data set)."""
    index = _FAMILY_INDEX.get(id(ref))
    if index is None:
        index = _FAMILY_INDEX[id(ref)] = {}
        for e in ref.entities.values():
            family = e.attributes.get("familyName")
            if family and e.type in ("Minister", "Person"):
                index.setdefault(family.lower(), []).append(e)
    return index


_CELEX_INDEX: dict[int, dict[str, Any]] = {}


def _celex_index(ref: ReferenceData) -> dict[str, Any]:
    """Reference acts by CELEX number (built once per reference data set)."""
    index = _CELEX_INDEX.get(id(ref))
    if index is None:
        index = _CELEX_INDEX[id(ref)] = {
            e.attributes["celex"]: e for e in ref.entities.values() if e.attributes.get("celex")
        }
    return index


def _com_index(ref: ReferenceData) -> dict[str, Any]:
    """Reference acts by COM number (built once per reference data set)."""
    index = _COM_INDEX.get(id(ref))
    if index is None:
        index = _COM_INDEX[id(ref)] = {
            _clean(e.attributes["comNumber"]): e
            for e in ref.entities.values()
            if e.attributes.get("comNumber")
        }
    return index


def build_com(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    name = f"{m.group('kind')}({m.group('year')}) {m.group('nr')}"
    ent = _com_index(ctx.ref).get(name)
    if ent is not None:
        return [Candidate(m.start(), m.end(), ent.type, rule.id, rule.priority, name, iri=ent.iri)]
    return [Candidate(m.start(), m.end(), "Document", rule.id, rule.priority, name,
                      key=f"document:{name.lower()}")]  # fmt: skip


# --------------------------------------------------------------------------- legal acts

_NUMBERED = re.compile(
    r"(?P<kind>verordening|richtlijn|besluit|kaderbesluit|regulation|directive|decision)\b.*?"
    r"(?:\((?P<org>[A-Z, ]+)\)\s*)?(?:(?:nr\.|no)\s?)?(?P<a>\d{2,4})/(?P<b>\d{1,4})(?:/(?P<c>[A-Z]+))?",
    re.IGNORECASE,
)
_CELEX_KIND = {"verordening": "R", "regulation": "R", "richtlijn": "L", "directive": "L",
               "besluit": "D", "decision": "D", "kaderbesluit": "F"}  # fmt: skip


def celex_of(text: str) -> str | None:
    """The CELEX number of a numbered act ("Richtlijn 2008/115/EG" -> 32008L0115)."""
    m = _NUMBERED.search(text)
    if not m:
        return None
    kind = _CELEX_KIND[m.group("kind").lower()]
    a, b = m.group("a"), m.group("b")
    # Since 2015 regulations are numbered year/number ("2019/1896"); directives
    # and older acts number/year for regulations ("1896/2019") and year/number for directives.
    if len(a) == 4 and (kind != "R" or not m.group("c") or int(a) >= 2015):
        year, num = a, b
    elif len(b) == 4:
        year, num = b, a
    elif len(a) == 4:
        year, num = a, b
    else:
        year = ("19" if int(a) > 50 else "20") + a
        num = b
    return f"3{year}{kind}{int(num):04d}"


_RUN_ON = re.compile(r" en (?:de|het|een) (?=.*?(?<![\w-])[A-Z])")
_BARE_HEADS = frozenset(
    {"verordening", "richtlijn", "besluit", "akkoord", "verdrag", "pact", "overeenkomst"}
)
_WEAK_HEADS = ("overeenkomst", "akkoord", "besluit")
_HEAD_NORMAL = (
    (re.compile(r"^EU-", re.I), ""),
    (re.compile(r"^(richtlijn|verordening)s?voorstel\b", re.I), r"\1"),
)


def regulation_key(core: str) -> str:
    """The identity of a legal act's name (case, "EU-" and "-voorstel" ignored).

    >>> regulation_key("EU-richtlijnvoorstel verbetering van arbeidsvoorwaarden")
    'richtlijn verbetering van arbeidsvoorwaarden'
    """
    name = _clean(core)
    for rx, rep in _HEAD_NORMAL:
        name = rx.sub(rep, name)
    from kg.reference import normalise

    return normalise(name)


def _capitalised_tail_ok(ctx: Context, head: str, tail: str) -> bool:
    if not head[:1].isupper():
        return False
    stop = ctx.rules.words("leading_function_words")
    return not any(word in stop or ref_search(ctx.ref, word) for word in tail.split())


_ACT_ON = re.compile(r"(?i)^(regulation|directive|decision|act)\s+(?:on|for)\s+(?:the\s+)?(.+)$")
_X_ACT = re.compile(r"(?i)^(.+?)\s+(regulation|directive|decision|act|law)$")


def english_act_variants(name: str) -> list[str]:
    """The other English word order of an act's descriptive name: "the regulation on
    nature restoration" is the "Nature Restoration Regulation", and the reverse.

    >>> english_act_variants("regulation on nature restoration")
    ['nature restoration regulation', 'nature restoration law']
    >>> english_act_variants("packaging directive")
    ['directive on packaging', 'directive on the packaging']
    """
    on = _ACT_ON.match(name)
    if on:
        head, what = on.group(1).lower(), on.group(2)
        out = [f"{what} {head}"]
        return [*out, f"{what} law"] if head == "regulation" else out
    x_act = _X_ACT.match(name)
    if x_act and x_act.group(2).lower() != "law":
        what, head = x_act.group(1), x_act.group(2).lower()
        return [f"{head} on {what}", f"{head} on the {what}"]
    return []


def build_regulation(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    s, e = m.span("core")
    end = m.end()
    cap = _group_span(m, "captail")
    if cap and not _capitalised_tail_ok(ctx, ctx.text[s : cap[0]], ctx.text[cap[0] : cap[1]]):
        # "Coördinatieverordening Sociale Zekerheid" keeps its tail, "Terugkeerverordening
        # Nederland ..." does not
        e = end = cap[0]
    core = _clean(ctx.text[s:e])
    start = m.start()
    if _group_span(m, "pre") is None or not m.group("pre"):
        start = s
    lower = core.lower()
    generic = ctx.rules.words("generic_compounds")
    if rule.id == "regulation.compound":
        words = core.split()
        word = words[0].lower()
        if word in generic or word.removeprefix("eu-") in generic:
            # a generic word names an act only with a capitalised name after it
            # ("Kaderrichtlijn Water"), never alone or as a bare head ("verordening")
            named = len(words) > 1 and words[1][:1].isupper() and word not in _BARE_HEADS
            if not named:
                return []
        if " " not in core and len(re.sub(r"[^a-zà-ÿ]", "", lower)) < 8:
            return []
        # "samenwerkingsovereenkomst", "handelsakkoord": only a capitalised or
        # hyphenated name ("EU-Mercosur-overeenkomst", "ESM-verdrag") is one act
        first = core.split()[0]
        if first.lower().endswith(_WEAK_HEADS) and "-" not in first and not first[:1].isupper():
            return []
    if rule.id == "regulation.en_named":
        words, start = strip_leading(core, s, ctx.rules.words("leading_function_words"))
        if all(w in ctx.rules.words("generic_act_words") for w in words.split()):
            return []  # "Council Regulation", "the Proposed Directive": no name
        core, s = words, start
    if rule.id in ("regulation.en_lower", "regulation.en_on"):
        start = s  # the article and "draft" are no part of the name
    if rule.id == "regulation.generic_phrase":
        run_on = _RUN_ON.search(ctx.text, s, e)
        if run_on:
            # "... voor bodemmonitoring en de Langetermijnvisie ...": a capitalised name
            # after "en de" starts another noun phrase ("... en de gecombineerde vergunning
            # voor verblijf en arbeid" stays one title)
            e = end = run_on.start()
            core = _clean(ctx.text[s:e])
        desc = _clean(m.group("desc"))
        if len(desc) < 3:
            return []
    # a reference act: by CELEX number, then by name
    celex = celex_of(core) if re.search(r"\d/\d", core) else None
    ent = _celex_index(ctx.ref).get(celex) if celex else None
    if ent is None:
        ent = _ref_lookup(ctx, core, ("Regulation",))
    if ent is None and rule.id == "regulation.en_title":
        ent = _ref_lookup(ctx, re.sub(r"^Proposal for an? ", "", core), ("Regulation",))
    for variant in () if ent else english_act_variants(core):
        ent = _ref_lookup(ctx, variant, ("Regulation",))
        if ent:
            break
    key = None if ent else "regulation:" + (celex or regulation_key(core))
    name = core
    if rule.id == "regulation.en_title":
        name = re.sub(r"^Proposal for an? ", "", core)
        key = None if ent else "regulation:" + regulation_key(name)
    attrs = {"celex": celex} if celex else {}
    return [
        Candidate(start, end, "Regulation", rule.id, rule.priority, name,
                  iri=ent.iri if ent else None, key=key, attrs=attrs)
    ]  # fmt: skip


# --------------------------------------------------------------------------- agencies


_HEADS: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = {}


def _head_type(words: list[str], ctx: Context) -> str | None:
    """The entity type a name's head noun implies (last matching word wins)."""
    found = None
    heads = _HEADS.get(id(ctx.rules))
    if heads is None:
        heads = _HEADS[id(ctx.rules)] = tuple(
            (typ, tuple(sorted(ctx.rules.words(name))))
            for typ, name in (
                ("Agency", "agency_heads"),
                ("Initiative", "initiative_heads"),
                ("Regulation", "regulation_heads"),
            )
        )
    for w in words:
        lw = w.lower().strip("()-,")
        if lw in _PREPS or lw == "per":
            break
        for typ, nouns in heads:
            if lw.endswith(nouns) and any(
                lw == n or (lw.endswith(n) and len(lw) > len(n) + 2) for n in nouns
            ):
                found = typ
    return found


_PREPS = {"voor", "van", "for", "of", "on", "inzake", "in"}


def build_agency(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    s, e = m.span("core")
    text, s = strip_leading(ctx.text[s:e], s, ctx.rules.words("leading_function_words"))
    words = text.split(" ")
    cut = next((i for i, w in enumerate(words) if w in _PREPS), len(words))
    pre, post = words[:cut], words[cut:]
    if pre and pre[-1] in ctx.rules.words("generic_prefixable_heads"):
        # "Opinie Raad voor X" -> "Raad voor X"; only adjectives may stand before a Raad
        adjectives = ctx.rules.words("institution_adjectives")
        while len(pre) > 1 and pre[0] not in adjectives:
            s += len(pre[0]) + 1
            pre = pre[1:]
        if any(w not in adjectives for w in pre[:-1]):
            return []
    text = " ".join(pre + post)
    if not text or text in ctx.rules.words("generic_agencies"):
        return []
    ent = _ref_lookup(ctx, text, ("Agency", "CouncilConfiguration", "Initiative", "State"))
    if len(pre) == 1 and ent is None:
        head = pre[0]
        if not post:
            if head in ctx.rules.words("agency_heads_single") or not head[:1].isupper():
                return []
            if head.lower() in ctx.rules.words("generic_agencies"):
                return []
        elif len(post) > 1 and post[1] in {"de", "het", "the"}:
            return []  # "Commissie voor de Raad": a phrase, not a name
    if ent is not None and ent.type == "State":
        return []
    typ = "Agency" if ent is None or ent.type == "CouncilConfiguration" else ent.type
    return [
        Candidate(s, s + len(text), typ, rule.id, rule.priority, _clean(text),
                  iri=ent.iri if ent else None)
    ]  # fmt: skip


_WORD = re.compile(r"[^\s,.;:()\[\]]+")


def _schwartz_hearst(abbr: str, long: str) -> int | None:
    """Start offset in ``long`` of the shortest long form for ``abbr``, or None."""
    letters = [c.lower() for c in abbr if c.isalnum()]
    li = len(long) - 1
    for ai in range(len(letters) - 1, -1, -1):
        c = letters[ai]
        while li >= 0 and (
            long[li].lower() != c or (ai == 0 and li > 0 and long[li - 1].isalnum())
        ):
            li -= 1
        if li < 0:
            return None
        li -= 1
    return li + 1


def build_acronym(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    abbr = m.group("abbr")
    text = ctx.text
    a_s, a_e = m.span("abbr")
    # the words before "(" on the same line, back to punctuation
    line_start = max(text.rfind("\n", 0, m.start()) + 1, m.start() - 160)
    window_text = text[line_start : m.start()]
    cut = max(window_text.rfind(ch) for ch in ",.;:()")
    w_start = line_start + cut + 1
    window = text[w_start : m.start()].rstrip()
    if not window.strip():
        return []
    known = [x for x in ref_search(ctx.ref, abbr) if abbr in x.abbreviations or abbr == x.label]
    offset = _schwartz_hearst(abbr, window)
    if offset is None:
        # loose: the nearest word that starts with the acronym's first letter
        starts = [mm.start() for mm in _WORD.finditer(window)]
        offset = next(
            (st for st in reversed(starts) if window[st].lower() == abbr[0].lower()), None
        )
        if offset is None or (not known and sum(ch.isupper() for ch in abbr) < 2):
            return []
        if len(window[offset:].split()) > len(abbr) + 3:
            return []  # too far back to be what the letters stand for
    long_start = w_start + offset
    long_text = _clean(text[long_start : w_start + len(window)])
    words = long_text.split()
    if not words or len(words) > 10:
        return []
    # take in a preceding head noun ("werkgroep Beoordeling ... (BNC)")
    before = text[max(w_start, long_start - 30) : long_start]
    prev = re.search(r"([\w-]+)\s+$", before)
    heads = ctx.rules.words("agency_heads") | ctx.rules.words("initiative_heads")
    if prev and prev.group(1).lower() in heads:
        long_start = w_start + offset - len(before) + prev.start(1)
        long_text = _clean(text[long_start : w_start + len(window)])
        words = long_text.split()
    long_end = w_start + len(window)
    if known:
        ent = known[0]
        # the long form must name the same known entity; else the gazetteer has the acronym
        named = _ref_lookup(ctx, long_text, (ent.type,))
        if named is None or named.iri != ent.iri:
            return []
        typ = "Agency" if ent.type == "CouncilConfiguration" else ent.type
        iri, key = ent.iri, None
    else:
        ent = _ref_lookup(ctx, long_text, ("Agency", "Initiative", "Regulation", "State"))
        if ent is not None:
            typ, iri, key = ent.type, ent.iri, None
        else:
            if sum(ch.isupper() for ch in abbr) < 2:
                return []
            head = _head_type(words, ctx)
            if head is None:
                return []
            typ, iri = head, None
            from kg.reference import normalise

            # the same key as the long form named without its acronym elsewhere
            key = f"{typ.lower()}:{normalise(long_text)}"
    if not any(w[:1].isupper() for w in words) and typ != "Initiative":
        return []
    attrs = {"abbr": abbr, "long": long_text}
    child = Candidate(a_s, a_e, typ, rule.id + ".abbr", rule.priority, abbr, iri=iri, key=key,
                      attrs=attrs)  # fmt: skip
    main = Candidate(long_start, long_end, typ, rule.id, rule.priority, long_text, iri=iri,
                     key=key, attrs=attrs)  # fmt: skip
    return [main, child]


# --------------------------------------------------------------------------- meetings


_MODIFIERS = re.compile(r"^(?:(?:informele|formele|extra|buitengewone|informal|formal)\s+)+", re.I)


def build_meeting(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    from kg.nlp.meetings import meeting_key, meeting_label

    name = _clean(m.group("name"))
    dates = parse_dates(m.group("date"), ctx.ref_date)
    if not dates:
        return []
    bare = _MODIFIERS.sub("", name)
    body = next(
        (e.iri for e in ref_search(ctx.ref, bare) if e.type in ("CouncilConfiguration", "Agency")),
        None,
    )
    if body is None and _group_span(m, "abbr"):
        body = next(
            (
                e.iri
                for e in ref_search(ctx.ref, m.group("abbr"))
                if e.type == "CouncilConfiguration"
            ),
            None,
        )
    label = meeting_label(name, dates, m.group("date"))
    end = m.end()
    rel = re.search(r"\s+(?:jl\.|j\.l\.|a\.s\.|aanstaande)$", m.group(0))
    if rel:
        end = m.start() + rel.start()
    if _group_span(m, "gap"):
        # "de IPCR-bijeenkomst over de situatie in Litouwen die plaats zal vinden op
        # 18 augustus": the date is the meeting's, the mention is its name
        end = m.end("name")
    from kg.nlp.dates import has_day

    return [
        Candidate(m.start(), end, "Meeting", rule.id, rule.priority, label,
                  key=meeting_key(body or bare.lower(), dates, m.group("date")),
                  attrs={"dates": [d.isoformat() for d in dates], "name": name, "body": body,
                         "day": has_day(m.group("date"))})
    ]  # fmt: skip


_TRAILING_CONNECTIVES = re.compile(r"(?:\s+(?:en|van|de|het|voor|over|the|of|and|in|on|for))+$")


def build_named_meeting(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    """A meeting named without a date ("NAVO-top", "Summit on ...", "commissiedebat JBZ-Raad")."""
    s, e = m.span("core")
    text, s = strip_leading(ctx.text[s:e], s, ctx.rules.words("leading_function_words"))
    trail = _TRAILING_CONNECTIVES.search(text)
    if trail:
        text = text[: trail.start()]
    if " " not in text and "-" not in text:
        return []
    known = ref_search(ctx.ref, text)
    if any(x.type != "Meeting" for x in known):
        return []  # "Euro Summit" is the body, not one of its meetings
    ent = next(iter(known), None)
    return [
        Candidate(s, s + len(text), "Meeting", rule.id, rule.priority, _clean(text),
                  iri=ent.iri if ent else None)
    ]  # fmt: skip


_ISO_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")


def build_activity(m: re.Match[str], rule: PatternRule, ctx: Context) -> list[Candidate]:
    """A parliamentary activity in a list of them ("- 2019-06-05 15:30: Eurogroep/Ecofinraad
    (Algemeen overleg), ..."): a meeting named by its kind and subject on that day."""
    from kg.nlp.meetings import format_dates, meeting_key

    y, mo, d = (int(x) for x in _ISO_DAY.match(m.group("iso")).groups())  # type: ignore[union-attr]
    try:
        day = date(y, mo, d)
    except ValueError:
        return []
    subject, kind = _clean(m.group("subject")), m.group("kind")
    at = subject.lower().find(kind.lower())
    # "Aansluitend aan de stemmingen de Regeling van werkzaamheden": named from its kind on
    name = subject[at:] if at >= 0 else f"{kind} {subject}"
    date_text = "1 januari"  # any phrase with a day: the day itself comes from ``day``
    label = f"{name} {format_dates((day,), date_text)}"
    s, e = m.span("core")
    return [
        Candidate(s, e, "Meeting", rule.id, rule.priority, label,
                  key=meeting_key(name.lower(), (day,), date_text),
                  attrs={"dates": [day.isoformat()], "name": name, "day": True})
    ]  # fmt: skip


BUILDERS: dict[str, Builder] = {
    "named_meeting": build_named_meeting,
    "activity": build_activity,
    "plain": build_plain,
    "initiative": build_initiative,
    "person": build_person,
    "persons": build_persons,
    "motion": build_motion,
    "kamerstuk": build_kamerstuk,
    "com": build_com,
    "regulation": build_regulation,
    "agency": build_agency,
    "acronym": build_acronym,
    "meeting": build_meeting,
    "office": build_office,
}
