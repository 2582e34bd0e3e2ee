"""Reference data: the known world (states, bodies, legal acts, people) from ontology/reference/.

The Turtle files under ``ontology/reference/`` are the single source of truth
for known entities; the recogniser's gazetteer is compiled from
:func:`load_reference`. Files are parsed with Oxigraph (fast) and validated on
load: a malformed file raises :class:`kg.errors.ReferenceDataError` naming the
file and the problem.

>>> ref = load_reference()
>>> ref.get("https://w3id.org/kg-eu/entity/state/nederland").label
'Nederland'
>>> [e.label for e in ref.search("Duitse")]
['Duitsland']
>>> ref.presidency_on(date(2025, 10, 13)).rsplit("/", 1)[-1]
'denemarken'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.config import DEFAULT_BASE, VOCAB, ontology_dir
from kg.errors import ReferenceDataError
from kg.iri import ENTITY_TYPES

__all__ = [
    "ENTITY_CLASSES",
    "Post",
    "Presidency",
    "ReferenceData",
    "ReferenceEntity",
    "load_reference",
    "normalise",
    "reference_dir",
]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
RDFS_SEE_ALSO = "http://www.w3.org/2000/01/rdf-schema#seeAlso"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
FOAF_NAME = "http://xmlns.com/foaf/0.1/name"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"

#: Entity classes of reference data: the nine gold types plus council configurations.
ENTITY_CLASSES = (*ENTITY_TYPES, "CouncilConfiguration")

#: Base of reference entity IRIs (fixed, independent of KG_BASE).
ENTITY_BASE = f"{DEFAULT_BASE}entity/"

# Literal-valued attributes kept in ReferenceEntity.attributes, with the form they must have.
_ATTRIBUTE_FORMS: dict[str, re.Pattern[str] | None] = {
    "isoCode": re.compile(r"[A-Z]{2}"),
    "isoCode3": re.compile(r"[A-Z]{3}"),
    "celex": re.compile(r"[0-9CE][0-9]{4}[A-Z]{1,2}[0-9]{4}(?:\([0-9]+\))?"),
    "comNumber": re.compile(r"(?:COM|JOIN|SWD|C)\(\d{4}\) \d{1,4}(?: final)?"),
    "familyName": None,
    "initials": re.compile(r"(?:[A-Z][a-z]?\.-?)+"),
}
_LINK_FORMS = (
    re.compile(r"http://www\.wikidata\.org/entity/Q[1-9][0-9]*"),
    re.compile(r"http://publications\.europa\.eu/resource/authority/[a-z-]+/[A-Z0-9_]+"),
    re.compile(r"http://data\.europa\.eu/eli/[a-z_]+/\d{4}/\d+/oj"),
    re.compile(r"http://data\.europa\.eu/eli/treaty/[a-z_0-9]+/oj"),
    re.compile(r"http://publications\.europa\.eu/resource/celex/[0-9A-Z()]+"),
)
_LEADING_ARTICLE = re.compile(r"^(?:de|het|een|the|'t)\s+")
_PUNCT_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"})


def normalise(text: str) -> str:
    """The matching key of a surface form, as the gold scoring normalises it.

    Case folded, accents removed, a leading article (de, het, een, the) and
    surrounding punctuation dropped, whitespace collapsed.

    >>> normalise("  de Europese  Commissie, ")
    'europese commissie'
    >>> normalise("Oekraïense")
    'oekraiense'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = _SPACES.sub(" ", plain.casefold()).strip()
    plain = _PUNCT_EDGES.sub("", plain)
    return _LEADING_ARTICLE.sub("", plain)


@dataclass(frozen=True)
class ReferenceEntity:
    """One known entity: its IRI, type, names in every form, and links out.

    ``aliases`` holds every ``skos:altLabel`` (ambiguous ones included: they are
    also in ``ambiguous``); ``labels`` maps a language to its ``skos:prefLabel``.

    >>> e = ReferenceEntity("x", "State", "Nederland", {"nl": "Nederland"},
    ...                     abbreviations=("NL",), demonyms=("Nederlandse",))
    >>> e.surface_forms()
    [('Nederland', 'label'), ('NL', 'abbreviation'), ('Nederlandse', 'demonym')]
    """

    iri: str
    type: str
    label: str
    labels: dict[str, str] = field(default_factory=dict, compare=False)
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    member_of: str | None = None
    attributes: dict[str, str] = field(default_factory=dict, compare=False)
    #: Language tags of each language-tagged form (label, alias, demonym); absent = any.
    form_languages: dict[str, frozenset[str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def surface_forms(self, language: str | None = None) -> list[tuple[str, str]]:
        """Every name of this entity as ``(form, kind)``, each form once.

        ``kind`` is one of label, alias, abbreviation, demonym, ambiguous.
        With ``language`` ("nl", "en"), forms tagged with another language
        are left out; untagged forms (abbreviations, names without a tag) stay.
        """
        out: list[tuple[str, str]] = []
        seen: set[str] = set()
        ambiguous = set(self.ambiguous)

        def add(form: str, kind: str) -> None:
            if form in seen:
                return
            tags = self.form_languages.get(form)
            if language and tags and language not in tags:
                return
            seen.add(form)
            out.append((form, "ambiguous" if form in ambiguous else kind))

        add(self.label, "label")
        for form in self.labels.values():
            add(form, "label")
        for form in self.aliases:
            add(form, "alias")
        for form in self.abbreviations:
            add(form, "abbreviation")
        for form in self.demonyms:
            add(form, "demonym")
        for form in self.ambiguous:
            add(form, "ambiguous")
        return out

    @property
    def wikidata(self) -> str | None:
        """The Wikidata IRI among ``same_as``, if any."""
        return next((i for i in self.same_as if "wikidata.org/" in i), None)


@dataclass(frozen=True)
class Presidency:
    """A state's term as presidency of the Council of the EU."""

    state: str
    start: date
    end: date


@dataclass(frozen=True)
class Post:
    """An office held by a person in an organisation, from ``start`` to ``end`` (None: open)."""

    person_iri: str
    organisation_iri: str | None
    title: str
    start: date | None
    end: date | None = None
    title_en: str | None = None

    def held_on(self, day: date) -> bool:
        """True when the post was held on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class ReferenceData:
    """All reference entities, presidencies and posts, with lookup by any name."""

    def __init__(
        self,
        entities: dict[str, ReferenceEntity],
        presidencies: list[Presidency],
        posts: list[Post],
        files: tuple[Path, ...] = (),
    ) -> None:
        self.entities = entities
        self.presidencies = sorted(presidencies, key=lambda p: p.start)
        self.posts = posts
        self.files = files
        self._index: dict[str, list[ReferenceEntity]] = {}
        self._abbrev: dict[str, list[ReferenceEntity]] = {}
        for entity in entities.values():
            for form, kind in entity.surface_forms():
                if kind == "abbreviation":
                    self._abbrev.setdefault(form, []).append(entity)
                bucket = self._index.setdefault(normalise(form), [])
                if entity not in bucket:
                    bucket.append(entity)
        self._graph = None

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, iri: str) -> ReferenceEntity | None:
        """The entity with this IRI, or None."""
        return self.entities.get(iri)

    def by_type(self, entity_type: str) -> list[ReferenceEntity]:
        """All entities of one type, sorted by label."""
        return sorted(
            (e for e in self.entities.values() if e.type == entity_type), key=lambda e: e.label
        )

    def counts(self) -> dict[str, int]:
        """Number of entities per type (plus presidencies and posts).

        >>> load_reference().counts()["State"] >= 90
        True
        """
        out = {t: 0 for t in ENTITY_CLASSES}
        for e in self.entities.values():
            out[e.type] += 1
        out["Presidency"] = len(self.presidencies)
        out["Post"] = len(self.posts)
        return out

    def search(self, text: str, partial: bool = False) -> list[ReferenceEntity]:
        """Entities having ``text`` as a label, alias, abbreviation or demonym.

        Matching is on :func:`normalise`-d forms. With ``partial``, when nothing
        matches exactly, entities with a form containing the text are returned.

        >>> [e.type for e in load_reference().search("VS")]
        ['State']
        """
        key = normalise(text)
        if not key:
            return []
        found = list(self._index.get(key, ()))
        if not found and partial:
            seen: set[str] = set()
            for form_key, entities in self._index.items():
                if key in form_key:
                    for e in entities:
                        if e.iri not in seen:
                            seen.add(e.iri)
                            found.append(e)
        return sorted(found, key=lambda e: (ENTITY_CLASSES.index(e.type), e.label))

    def presidency_on(self, day: date) -> str | None:
        """The IRI of the state holding the Council presidency on ``day``, if known."""
        for p in self.presidencies:
            if p.start <= day <= p.end:
                return p.state
        return None

    def posts_of(self, person_iri: str, day: date | None = None) -> list[Post]:
        """The posts a person held (on ``day``, when given)."""
        return [
            p for p in self.posts if p.person_iri == person_iri and (day is None or p.held_on(day))
        ]

    def graph(self):  # -> rdflib.Graph (imported lazily: rdflib import is slow)
        """All reference triples as an rdflib Graph (parsed once, on first call)."""
        if self._graph is None:
            from rdflib import Graph

            g = Graph()
            for path in self.files:
                g.parse(path, format="turtle")
            self._graph = g
        return self._graph


def reference_dir() -> Path:
    """The folder of the reference Turtle files (``ontology/reference``)."""
    return ontology_dir() / "reference"


# ---------------------------------------------------------------- loading

_K = VOCAB
_PRED_ALIAS = {
    f"{SKOS}prefLabel": "pref",
    f"{SKOS}altLabel": "alt",
    f"{_K}abbreviation": "abbr",
    f"{_K}demonym": "demonym",
    f"{_K}ambiguousAlias": "ambiguous",
    OWL_SAME_AS: "link",
    f"{SKOS}exactMatch": "link",
    f"{SKOS}closeMatch": "close",
    RDFS_SEE_ALSO: "link",
    f"{_K}memberOf": "memberOf",
    FOAF_NAME: "name",
    RDFS_LABEL: "rdfslabel",
    f"{SKOS}definition": "note",
    f"{SKOS}note": "note",
    f"{SKOS}scopeNote": "note",
    "http://www.w3.org/2000/01/rdf-schema#comment": "note",
}
for _attr in _ATTRIBUTE_FORMS:
    _PRED_ALIAS[f"{_K}{_attr}"] = "attr:" + _attr
_PRED_ALIAS[f"{_K}startDate"] = "start"
_PRED_ALIAS[f"{_K}endDate"] = "end"
_PRED_ALIAS[f"{_K}heldIn"] = "heldIn"
_NODE_PREDS = {
    f"{_K}heldBy": "heldBy",
    f"{_K}startDate": "start",
    f"{_K}endDate": "end",
    f"{_K}post": "post",
    f"{_K}organisation": "organisation",
}


def _term_value(term: object) -> str:
    return term.value  # type: ignore[attr-defined]


class _Collector:
    """Gathers triples per subject from all files, remembering where each came from."""

    def __init__(self) -> None:
        self.types: dict[str, set[str]] = {}
        self.props: dict[str, list[tuple[str, object]]] = {}
        self.origin: dict[str, str] = {}

    def add_file(self, path: Path) -> None:
        try:
            triples = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError, OSError) as err:
            raise ReferenceDataError(f"{path.name}: cannot parse Turtle: {err}") from err
        for t in triples:
            s = t.subject
            key = s.value if isinstance(s, ox.NamedNode) else f"{path.name}#_:{s.value}"
            self.origin.setdefault(key, path.name)
            p = t.predicate.value
            if p == RDF_TYPE:
                self.types.setdefault(key, set()).add(_term_value(t.object))
            else:
                self.props.setdefault(key, []).append((p, t.object))


def _literal(term: object, where: str, what: str) -> ox.Literal:
    if not isinstance(term, ox.Literal):
        raise ReferenceDataError(f"{where}: {what} must be a literal, got {term}")
    return term


def _iri(term: object, where: str, what: str) -> str:
    if not isinstance(term, ox.NamedNode):
        raise ReferenceDataError(f"{where}: {what} must be an IRI, got {term}")
    return term.value


def _date(term: object, where: str, what: str) -> date:
    lit = _literal(term, where, what)
    if lit.datatype.value != XSD_DATE:
        raise ReferenceDataError(f"{where}: {what} must be an xsd:date, got {lit}")
    try:
        return date.fromisoformat(lit.value)
    except ValueError as err:
        raise ReferenceDataError(f"{where}: {what} {lit.value!r} is not a date") from err


def _build_entity(iri: str, cls: str, props: Iterable[tuple[str, object]], where: str):
    labels: dict[str, str] = {}
    aliases: list[str] = []
    abbrevs: list[str] = []
    demonyms: list[str] = []
    ambiguous: list[str] = []
    links: list[str] = []
    member_of: str | None = None
    attributes: dict[str, str] = {}
    form_languages: dict[str, frozenset[str]] = {}
    untagged: set[str] = set()

    def text(term: object, what: str) -> str:
        lit = _literal(term, where, what)
        value = lit.value
        if value != value.strip() or not value:
            raise ReferenceDataError(f"{where}: {what} {value!r} is empty or has edge spaces")
        if lit.language:
            form_languages[value] = form_languages.get(value, frozenset()) | {lit.language}
        else:
            untagged.add(value)
        return value

    for pred, obj in props:
        kind = _PRED_ALIAS.get(pred)
        if kind is None:
            raise ReferenceDataError(f"{where}: unknown property <{pred}>")
        if kind == "pref":
            lit = _literal(obj, where, "skos:prefLabel")
            lang = lit.language or ""
            if lang in labels:
                raise ReferenceDataError(f"{where}: two skos:prefLabel in language {lang!r}")
            labels[lang] = text(obj, "skos:prefLabel")
        elif kind == "alt":
            aliases.append(text(obj, "skos:altLabel"))
        elif kind == "abbr":
            abbrevs.append(text(obj, "kg:abbreviation"))
        elif kind == "demonym":
            demonyms.append(text(obj, "kg:demonym"))
        elif kind == "ambiguous":
            ambiguous.append(text(obj, "kg:ambiguousAlias"))
        elif kind == "link":
            link = _iri(obj, where, "a link")
            if not any(f.fullmatch(link) for f in _LINK_FORMS):
                raise ReferenceDataError(f"{where}: link <{link}> has no known authority form")
            links.append(link)
        elif kind == "memberOf":
            member_of = _iri(obj, where, "kg:memberOf")
        elif kind.startswith("attr:"):
            name = kind[5:]
            value = text(obj, f"kg:{name}")
            form = _ATTRIBUTE_FORMS[name]
            if form is not None and not form.fullmatch(value):
                raise ReferenceDataError(f"{where}: kg:{name} {value!r} has the wrong form")
            if name in attributes:
                raise ReferenceDataError(f"{where}: kg:{name} given twice")
            attributes[name] = value
        elif kind == "name":
            attributes["name"] = text(obj, "foaf:name")
        elif kind in ("start", "end"):  # a meeting's dates, kept as ISO strings
            attributes[f"{kind}Date"] = _date(obj, where, f"kg:{kind}Date").isoformat()
        elif kind == "heldIn":
            attributes["heldIn"] = obj.value if isinstance(obj, ox.NamedNode | ox.Literal) else ""
        elif kind in ("note", "close", "rdfslabel"):
            pass
    if not labels:
        raise ReferenceDataError(f"{where}: no skos:prefLabel")
    label = labels.get("nl") or labels.get("en") or next(iter(labels.values()))
    wikidata = [link for link in links if "wikidata.org" in link]
    if len(wikidata) > 1:
        raise ReferenceDataError(f"{where}: more than one Wikidata IRI")
    for value in untagged:  # a form also written without a language tag fits every language
        form_languages.pop(value, None)
    stray = [a for a in ambiguous if a not in aliases]
    if stray:
        raise ReferenceDataError(
            f"{where}: kg:ambiguousAlias {stray[0]!r} is not also a skos:altLabel"
        )
    # demonyms / abbreviations never double as plain aliases
    aliases = [a for a in aliases if a not in labels.values()]
    return ReferenceEntity(
        iri=iri,
        type=cls,
        label=label,
        labels={k or "und": v for k, v in labels.items()},
        aliases=tuple(dict.fromkeys(aliases)),
        abbreviations=tuple(dict.fromkeys(abbrevs)),
        demonyms=tuple(dict.fromkeys(demonyms)),
        ambiguous=tuple(dict.fromkeys(ambiguous)),
        same_as=tuple(dict.fromkeys(links)),
        member_of=member_of,
        attributes=attributes,
        form_languages=form_languages,
    )


def _node_values(props: Iterable[tuple[str, object]], where: str) -> dict[str, object]:
    values: dict[str, object] = {}
    for pred, obj in props:
        key = _NODE_PREDS.get(pred)
        if key is None:
            if pred.startswith(SKOS) or pred.startswith("http://www.w3.org/2000/01/rdf-schema#"):
                continue
            raise ReferenceDataError(f"{where}: unknown property <{pred}>")
        if key == "post" and isinstance(obj, ox.Literal) and obj.language == "en":
            values["post_en"] = obj
            continue
        if key in values:
            raise ReferenceDataError(f"{where}: {key} given twice")
        values[key] = obj
    return values


def _check_aliases(entities: dict[str, ReferenceEntity], origin: dict[str, str]) -> None:
    """No normalised name may point to two entities of one type unless marked ambiguous."""
    seen: dict[tuple[str, str], ReferenceEntity] = {}
    for entity in entities.values():
        for form, kind in entity.surface_forms():
            if kind == "ambiguous":
                continue
            key = (entity.type, form if kind == "abbreviation" else normalise(form))
            other = seen.get(key)
            if other is not None and other.iri != entity.iri:
                raise ReferenceDataError(
                    f"{origin.get(entity.iri, '?')}: {form!r} names both <{other.iri}> and "
                    f"<{entity.iri}> ({entity.type}); mark it kg:ambiguousAlias on both"
                )
            seen[key] = entity
    # an ambiguous form must be ambiguous wherever else it occurs in the type
    for entity in entities.values():
        for form in entity.ambiguous:
            other = seen.get((entity.type, normalise(form))) or seen.get((entity.type, form))
            if other is not None and other.iri != entity.iri:
                raise ReferenceDataError(
                    f"{origin.get(entity.iri, '?')}: {form!r} is ambiguous on <{entity.iri}> "
                    f"but a plain name of <{other.iri}>; mark it kg:ambiguousAlias there too"
                )


def load_files(files: Iterable[Path]) -> ReferenceData:
    """Parse and validate the given reference Turtle files (no caching).

    >>> import tempfile, pathlib
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.ttl"
    >>> _ = bad.write_text('<https://w3id.org/kg-eu/entity/state/x> a '
    ...                    '<https://w3id.org/kg-eu/ontology#State> .')
    >>> load_files([bad])
    Traceback (most recent call last):
    ...
    kg.errors.ReferenceDataError: bad.ttl: <https://w3id.org/kg-eu/entity/state/x>: no skos:prefLabel
    """
    files = tuple(sorted(files))
    col = _Collector()
    for path in files:
        col.add_file(path)
    entities: dict[str, ReferenceEntity] = {}
    presidencies: list[Presidency] = []
    posts: list[Post] = []
    pending_member: list[tuple[str, str]] = []
    for subject in sorted(set(col.types) | set(col.props)):
        where = f"{col.origin.get(subject, '?')}: <{subject}>"
        types = col.types.get(subject, set())
        ours = [t[len(_K) :] for t in types if t.startswith(_K)]
        props = col.props.get(subject, [])
        if len(ours) != 1 or len(types) != 1:
            raise ReferenceDataError(f"{where}: needs exactly one rdf:type of kg:, has {types}")
        cls = ours[0]
        if cls in ENTITY_CLASSES:
            prefix = f"{ENTITY_BASE}{cls.lower()}/"
            if not subject.startswith(prefix) or not re.fullmatch(
                r"[a-z0-9]+(?:-[a-z0-9]+)*", subject[len(prefix) :]
            ):
                raise ReferenceDataError(f"{where}: a kg:{cls} IRI must be {prefix}<slug>")
            entity = _build_entity(subject, cls, props, where)
            entities[subject] = entity
            if entity.member_of:
                pending_member.append((subject, entity.member_of))
        elif cls in ("Presidency", "Post"):
            v = _node_values(props, where)
            for needed in ("heldBy", "start", "end") if cls == "Presidency" else ("heldBy", "post"):
                if needed not in v:
                    raise ReferenceDataError(f"{where}: kg:{cls} without {needed}")
            held_by = _iri(v["heldBy"], where, "kg:heldBy")
            start = _date(v["start"], where, "kg:startDate") if "start" in v else None
            end = _date(v["end"], where, "kg:endDate") if "end" in v else None
            if start and end and end < start:
                raise ReferenceDataError(f"{where}: ends before it starts")
            if cls == "Presidency":
                assert start is not None and end is not None
                presidencies.append(Presidency(held_by, start, end))
            else:
                org = (
                    _iri(v["organisation"], where, "kg:organisation")
                    if "organisation" in v
                    else None
                )
                title = _literal(v["post"], where, "kg:post").value
                title_en = (
                    _literal(v["post_en"], where, "kg:post").value if "post_en" in v else None
                )
                posts.append(Post(held_by, org, title, start, end, title_en))
        else:
            raise ReferenceDataError(f"{where}: kg:{cls} is not a reference-data class")
    for subject, target in pending_member:
        if target not in entities:
            raise ReferenceDataError(f"<{subject}>: kg:memberOf <{target}> is not a known entity")
    for p in presidencies:
        if entities.get(p.state) is None or entities[p.state].type != "State":
            raise ReferenceDataError(f"presidency {p.start}: <{p.state}> is not a known kg:State")
    ordered = sorted(presidencies, key=lambda p: p.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if b.start <= a.end:
            raise ReferenceDataError(f"presidencies overlap: {a.state} and {b.state} on {b.start}")
    for post in posts:
        person = entities.get(post.person_iri)
        if person is None or person.type not in ("Minister", "Person"):
            raise ReferenceDataError(
                f"post {post.title!r}: <{post.person_iri}> is not a known person"
            )
        if post.organisation_iri and post.organisation_iri not in entities:
            raise ReferenceDataError(
                f"post {post.title!r}: organisation <{post.organisation_iri}> is not known"
            )
    _check_aliases(entities, col.origin)
    return ReferenceData(entities, presidencies, posts, files)


def _reference_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise ReferenceDataError(f"{directory}: reference folder not found")
    return sorted(directory.glob("*.ttl"))


@cache
def _load_cached(directory: Path, stamp: tuple[tuple[str, int, int], ...]) -> ReferenceData:
    return load_files(directory / name for name, _, _ in stamp)


def load_reference(directory: Path | None = None) -> ReferenceData:
    """Load and validate all reference files (cached per process until a file changes).

    >>> ref = load_reference()
    >>> ref is load_reference()
    True
    """
    folder = (directory or reference_dir()).resolve()
    files = _reference_files(folder)
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load_cached(folder, stamp)


def iter_forms(
    ref: ReferenceData, language: str | None = None
) -> Iterator[tuple[str, str, ReferenceEntity]]:
    """Every ``(form, kind, entity)`` of the reference data: the gazetteer's input.

    >>> any(f == "Frontex" for f, _, _ in iter_forms(load_reference(), "nl"))
    True
    """
    for entity in ref.entities.values():
        for form, kind in entity.surface_forms(language):
            yield form, kind, entity
