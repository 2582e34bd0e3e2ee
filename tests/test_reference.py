"""The reference data (ontology/reference/*.ttl) and its loader, kg.reference."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from kg.cli import main
from kg.errors import ReferenceDataError
from kg.reference import (
    ReferenceData,
    iter_forms,
    load_files,
    load_reference,
    normalise,
    reference_dir,
)

GOLD = Path(__file__).parent / "data" / "gold"
WD = "http://www.wikidata.org/entity/"
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
E = "https://w3id.org/kg-eu/entity/"

PREFIXES = """@prefix kg: <https://w3id.org/kg-eu/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix state: <https://w3id.org/kg-eu/entity/state/> .
"""


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


def _write(tmp_path: Path, body: str, name: str = "x.ttl") -> Path:
    path = tmp_path / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


# ------------------------------------------------------------------ breadth


def test_counts_meet_the_minimums(ref: ReferenceData) -> None:
    counts = ref.counts()
    assert counts["State"] >= 90
    assert counts["Agency"] >= 120
    assert counts["Regulation"] >= 60
    assert counts["CouncilConfiguration"] == 10
    assert counts["Initiative"] >= 30
    assert counts["Minister"] >= 60


def test_all_eu_member_states_are_members_of_the_union(ref: ReferenceData) -> None:
    members = [e for e in ref.by_type("State") if e.member_of == f"{E}agency/europese-unie"]
    assert len(members) == 27
    assert {e.attributes["isoCode3"] for e in members} >= {"NLD", "DEU", "FRA", "HRV", "CYP"}


def test_council_configurations_belong_to_the_council(ref: ReferenceData) -> None:
    for config in ref.by_type("CouncilConfiguration"):
        assert config.member_of == f"{E}agency/raad-van-de-eu"
    names = {"JBZ-Raad", "Raad Buitenlandse Zaken", "RBZ", "Ecofinraad", "Energieraad",
             "Transportraad", "Defensieraad", "Milieuraad", "Landbouw- en Visserijraad",
             "WSBVC", "Raad Algemene Zaken", "Justice and Home Affairs Council"}  # fmt: skip
    for name in names:
        assert [e.type for e in ref.search(name)] == ["CouncilConfiguration"], name


def test_gold_states_and_most_agencies_are_known(ref: ReferenceData) -> None:
    """Every State in the gold files, and nearly every Agency, is found by one of its names.

    Only the gold files reference data may be written against (the ``original`` and
    ``tune`` parts of split.json): the ``blind`` half is never read while tuning.
    """
    missing: dict[str, list[str]] = {"State": [], "Agency": []}
    total = {"State": 0, "Agency": 0}
    split = json.loads((GOLD.parent / "split.json").read_text(encoding="utf-8"))
    tuned = {name.removesuffix(".txt") for name in split["original"] + split["tune"]}
    tuned = {"seed" if name.startswith("000_") else name for name in tuned}
    for path in sorted(GOLD.glob("*.gold.json")):
        if path.name.removesuffix(".gold.json") not in tuned:
            continue
        for ent in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            if ent["type"] not in total:
                continue
            total[ent["type"]] += 1
            forms = [ent["label"], *ent.get("aliases", [])]
            types = {e.type for form in forms for e in ref.search(form)}
            if not types & {ent["type"], "CouncilConfiguration"}:
                missing[ent["type"]].append(ent["label"])
    assert total["State"] > 30 and not missing["State"]
    assert len(missing["Agency"]) <= 0.1 * total["Agency"], missing["Agency"]


# ------------------------------------------------------------------ identifiers and links


def test_well_known_links(ref: ReferenceData) -> None:
    nl = ref.get(f"{E}state/nederland")
    de = ref.get(f"{E}state/duitsland")
    ec = ref.get(f"{E}agency/europese-commissie")
    assert nl and de and ec
    assert {f"{WD}Q55", f"{EU_COUNTRY}NLD"} <= set(nl.same_as)
    assert nl.attributes["isoCode3"] == "NLD" and nl.attributes["isoCode"] == "NL"
    assert {f"{WD}Q183", f"{EU_COUNTRY}DEU"} <= set(de.same_as)
    assert ec.wikidata == f"{WD}Q8880"
    frontex_reg = ref.search("Frontexverordening")[0]
    assert frontex_reg.attributes["celex"] == "32019R1896"
    assert "http://data.europa.eu/eli/reg/2019/1896/oj" in frontex_reg.same_as


def test_identifiers_have_the_right_form_and_are_unique(ref: ReferenceData) -> None:
    seen: dict[str, str] = {}
    for e in ref.entities.values():
        for key, pattern in (
            ("isoCode", r"[A-Z]{2}"),
            ("isoCode3", r"[A-Z]{3}"),
            ("celex", r"[0-9CE]\d{4}[A-Z]{1,2}\d{4}"),
            ("comNumber", r"COM\(\d{4}\) \d{1,4}"),
        ):
            value = e.attributes.get(key)
            if value is None:
                continue
            assert re.fullmatch(pattern, value), (e.iri, key, value)
            assert seen.setdefault(f"{key}={value}", e.iri) == e.iri, f"{key} {value} twice"
        wikidata = [i for i in e.same_as if "wikidata" in i]
        assert len(wikidata) <= 1
        for link in wikidata:
            assert re.fullmatch(r"http://www\.wikidata\.org/entity/Q[1-9]\d*", link)
            assert seen.setdefault(link, e.iri) == e.iri, f"{link} on two entities"
        if "isoCode3" in e.attributes:
            eu = [i for i in e.same_as if i.startswith(EU_COUNTRY)]
            assert eu in ([], [EU_COUNTRY + e.attributes["isoCode3"]])
        celex = e.attributes.get("celex", "")
        eli = [i for i in e.same_as if "/eli/" in i]
        if eli:  # the ELI says the same as the CELEX number
            m = re.fullmatch(r"3(\d{4})([RLD])(\d{4})", celex)
            assert m, e.iri
            kind = {"R": "reg", "L": "dir", "D": "dec"}[m.group(2)]
            assert eli == [f"http://data.europa.eu/eli/{kind}/{m.group(1)}/{int(m.group(3))}/oj"]


def test_iris_are_slugs_of_the_type(ref: ReferenceData) -> None:
    for e in ref.entities.values():
        assert re.fullmatch(rf"{E}{e.type.lower()}/[a-z0-9]+(-[a-z0-9]+)*", e.iri), e.iri


def test_no_name_points_to_two_entities_of_one_type_unless_ambiguous(ref: ReferenceData) -> None:
    owners: dict[tuple[str, str], set[str]] = {}
    for form, kind, e in iter_forms(ref):
        if kind == "ambiguous":
            continue
        key = form if kind == "abbreviation" else normalise(form)
        owners.setdefault((e.type, key), set()).add(e.iri)
    clashes = {k: v for k, v in owners.items() if len(v) > 1}
    assert not clashes


# ------------------------------------------------------------------ lookups


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        ("Nederlandse", "state/nederland"),
        ("Duits", "state/duitsland"),
        ("Franse", "state/frankrijk"),
        ("Belgisch", "state/belgie"),
        ("Sloveense", "state/slovenie"),
        ("Oekraïense", "state/oekraine"),
        ("Afghanen", "state/afghanistan"),
        ("Azerbeidjaanse", "state/azerbeidzjan"),
        ("Wit-Rusland", "state/belarus"),
        ("Tsjechische Republiek", "state/tsjechie"),
        ("VAE", "state/verenigde-arabische-emiraten"),
        ("Verenigd Koninkrijk", "state/verenigd-koninkrijk"),
        ("Dutch", "state/nederland"),
        ("EOM", "agency/europees-openbaar-ministerie"),
        ("Asielagentschap van de EU", "agency/asielagentschap-van-de-europese-unie"),
        ("Justitie en Veiligheid", "agency/ministerie-van-justitie-en-veiligheid"),
        ("Ministerie van Veiligheid en Justitie", "agency/ministerie-van-justitie-en-veiligheid"),
        ("Tweede Kamer der Staten-Generaal", "agency/tweede-kamer"),
        ("NAVO", "agency/navo"),
        ("EHRM", "agency/europees-hof-voor-de-rechten-van-de-mens"),
        ("Terugkeerrichtlijn", "regulation/terugkeerrichtlijn"),
        ("EGKW-verordening", "regulation/frontexverordening"),
        ("VWEU", "regulation/verdrag-betreffende-de-werking-van-de-europese-unie"),
        ("European Democracy Shield", "initiative/european-democracy-shield"),
        ("EPF", "initiative/europese-vredesfaciliteit"),
        ("D.M. van Weel", "minister/d-m-van-weel"),
        ("Von der Leyen", "minister/ursula-von-der-leyen"),
    ],
)
def test_search_finds_every_kind_of_name(ref: ReferenceData, text: str, iri: str) -> None:
    assert f"{E}{iri}" in [e.iri for e in ref.search(text)]


def test_search_is_normalised_and_partial_only_on_request(ref: ReferenceData) -> None:
    assert [e.label for e in ref.search("  de Europese   Commissie ")] == ["Europese Commissie"]
    assert ref.search("Oekraiense")[0].label == "Oekraïne"
    assert ref.search("Grens- en Kustwacht") == []
    assert "Frontex" in [e.label for e in ref.search("Grens- en Kustwacht", partial=True)]
    assert ref.search("") == []


def test_surface_forms_by_language(ref: ReferenceData) -> None:
    nl = ref.get(f"{E}state/nederland")
    assert nl is not None
    dutch = dict(nl.surface_forms("nl"))
    english = dict(nl.surface_forms("en"))
    assert dutch["Nederlandse"] == "demonym" and "Dutch" not in dutch
    assert english["Dutch"] == "demonym" and "Nederlandse" not in english
    assert dutch["NL"] == english["NL"] == "abbreviation"
    assert dict(nl.surface_forms())["Holland"] == "ambiguous"
    frontex = ref.get(f"{E}agency/frontex")
    assert frontex is not None  # tagged @nl and @en: a name in both languages
    assert "Frontex" in dict(frontex.surface_forms("en")) and "Frontex" in dict(
        frontex.surface_forms("nl")
    )
    dublin = dict(ref.search("Dublinverordening")[0].surface_forms("en"))
    assert "Dublin III" in dublin and "Dublin III-verordening" not in dublin


def test_presidencies_cover_2015_to_2030_without_gaps(ref: ReferenceData) -> None:
    terms = ref.presidencies
    assert len(terms) == 32
    assert terms[0].start == date(2015, 1, 1) and terms[-1].end == date(2030, 12, 31)
    for a, b in zip(terms, terms[1:], strict=False):
        assert b.start == a.end + timedelta(days=1)
    assert all(ref.get(t.state).type == "State" for t in terms)


@pytest.mark.parametrize(
    ("day", "state"),
    [
        (date(2016, 3, 1), "nederland"),
        (date(2017, 7, 1), "estland"),
        (date(2019, 7, 18), "finland"),
        (date(2021, 8, 18), "slovenie"),
        (date(2022, 6, 27), "frankrijk"),
        (date(2024, 1, 16), "belgie"),
        (date(2025, 10, 13), "denemarken"),
        (date(2029, 12, 31), "nederland"),
    ],
)
def test_presidency_on(ref: ReferenceData, day: date, state: str) -> None:
    assert ref.presidency_on(day) == f"{E}state/{state}"


def test_presidency_outside_the_known_range(ref: ReferenceData) -> None:
    assert ref.presidency_on(date(2031, 1, 1)) is None


def test_posts_by_date(ref: ReferenceData) -> None:
    van_weel = f"{E}minister/d-m-van-weel"
    titles = [p.title for p in ref.posts_of(van_weel, date(2025, 1, 15))]
    assert "minister van Justitie en Veiligheid" in titles
    hoekstra = f"{E}minister/w-b-hoekstra"
    assert [p.title for p in ref.posts_of(hoekstra, date(2020, 5, 1))] == ["minister van Financiën"]
    brunner = ref.posts_of(f"{E}minister/magnus-brunner", date(2025, 10, 13))
    assert brunner[0].title == "Eurocommissaris voor Binnenlandse Zaken en Migratie"
    assert brunner[0].organisation_iri == f"{E}agency/europese-commissie"
    hrs = {p.person_iri for p in ref.posts if p.title.startswith("Hoge Vertegenwoordiger")}
    assert {
        f"{E}minister/{s}" for s in ("federica-mogherini", "josep-borrell", "kaja-kallas")
    } == hrs
    person = ref.get(van_weel)
    assert person is not None
    assert person.attributes["familyName"] == "Van Weel" and person.attributes["initials"] == "D.M."


def test_named_meetings_carry_dates_and_place(ref: ReferenceData) -> None:
    cop = ref.search("COP28")[0]
    assert cop.type == "Meeting"
    assert cop.attributes["startDate"] == "2023-11-30"
    assert cop.attributes["heldIn"] == f"{E}state/verenigde-arabische-emiraten"
    assert ref.search("Europese Politieke Gemeenschap")[0].type == "Meeting"


def test_graph_holds_the_reference_triples(ref: ReferenceData) -> None:
    from rdflib import OWL, URIRef

    g = ref.graph()
    nl = URIRef(f"{E}state/nederland")
    assert (nl, OWL.sameAs, URIRef(f"{WD}Q55")) in g
    assert ref.graph() is g


# ------------------------------------------------------------------ loading and validation


def test_every_shipped_reference_file_loads() -> None:
    # its speed is part of bench figure 1 (extraction throughput), not a timed test
    files = sorted(reference_dir().glob("*.ttl"))
    data = load_files(files)
    assert len(files) >= 10
    assert len(data) > 500


def test_load_reference_is_cached_until_a_file_changes(tmp_path: Path) -> None:
    path = _write(tmp_path, 'state:a a kg:State ; skos:prefLabel "A"@nl .\n')
    first = load_reference(tmp_path)
    assert load_reference(tmp_path) is first
    path.write_text(PREFIXES + 'state:b a kg:State ; skos:prefLabel "Bee"@nl .\n')
    second = load_reference(tmp_path)
    assert second is not first and [e.label for e in second.entities.values()] == ["Bee"]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("state:a a kg:State ; skos:prefLabel 'A'@nl", "cannot parse Turtle"),
        ('state:a a kg:State ; kg:isoCode "NL" .', "no skos:prefLabel"),
        ('state:a a kg:State ; skos:prefLabel "A"@nl ; kg:isoCode "nl" .', "wrong form"),
        ('state:a a kg:State ; skos:prefLabel "A"@nl ; kg:isoCod "NL" .', "unknown property"),
        ('state:a a kg:State ; skos:prefLabel "A"@nl , "B"@nl .', "two skos:prefLabel"),
        ('state:a a kg:State ; skos:prefLabel "A"@nl ; kg:ambiguousAlias "Z" .', "not also a skos"),
        ('state:a a kg:Agency ; skos:prefLabel "A"@nl .', "IRI must be"),
        ('state:a a kg:State , kg:Agency ; skos:prefLabel "A"@nl .', "exactly one rdf:type"),
        ('state:a a kg:Country ; skos:prefLabel "A"@nl .', "not a reference-data class"),
        (
            'state:a a kg:State ; skos:prefLabel "A"@nl ; '
            "<http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/55> .",
            "no known authority form",
        ),
        (
            'state:a a kg:State ; skos:prefLabel "A"@nl ; skos:altLabel "Zelfde" .\n'
            'state:b a kg:State ; skos:prefLabel "B"@nl ; skos:altLabel "zelfde" .',
            "names both",
        ),
        (
            'state:a a kg:State ; skos:prefLabel "A"@nl .\n'
            '[] a kg:Presidency ; kg:heldBy state:a ; kg:startDate "2020-01-01"^^xsd:date ; '
            'kg:endDate "2020-06-30"^^xsd:date .\n'
            '[] a kg:Presidency ; kg:heldBy state:a ; kg:startDate "2020-06-01"^^xsd:date ; '
            'kg:endDate "2020-12-31"^^xsd:date .',
            "overlap",
        ),
        (
            '[] a kg:Presidency ; kg:heldBy state:nowhere ; kg:startDate "2020-01-01"^^xsd:date ; '
            'kg:endDate "2020-06-30"^^xsd:date .',
            "not a known kg:State",
        ),
        (
            'state:a a kg:State ; skos:prefLabel "A"@nl ; kg:memberOf state:nowhere .',
            "not a known entity",
        ),
    ],
)
def test_malformed_files_are_rejected_with_file_and_problem(
    tmp_path: Path, body: str, problem: str
) -> None:
    path = _write(tmp_path, body + "\n", name="broken.ttl")
    with pytest.raises(ReferenceDataError, match=problem) as info:
        load_files([path])
    assert (
        "broken.ttl" in str(info.value) or "presidenc" in str(info.value) or "<" in str(info.value)
    )


def test_ambiguous_alias_may_be_shared(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        'state:a a kg:State ; skos:prefLabel "A"@nl ; skos:altLabel "Z" ; kg:ambiguousAlias "Z" .\n'
        'state:b a kg:State ; skos:prefLabel "B"@nl ; skos:altLabel "Z" ; kg:ambiguousAlias "Z" .\n',
    )
    data = load_files([path])
    assert {e.label for e in data.search("Z")} == {"A", "B"}


# ------------------------------------------------------------------ CLI


def test_cli_stats_and_search(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reference", "stats", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts == load_reference().counts()
    assert main(["reference", "search", "Duitse", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["label"] == "Duitsland" and f"{WD}Q183" in rows[0]["links"]
    assert main(["reference", "search", "Xyzzyland", "--exact"]) == 1
    assert main(["reference", "search", "Frontex", "--type", "Nope"]) == 2
    assert main(["reference", "presidency", "2025-10-13"]) == 0
    assert "Denemarken" in capsys.readouterr().out
