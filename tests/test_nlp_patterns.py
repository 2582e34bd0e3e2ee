"""Each family of pattern rules on real sentences from the corpus."""

from __future__ import annotations

from datetime import date

import pytest

from kg.document import Document, Metadata, Signatory
from kg.errors import RuleError
from kg.nlp.extract import extract
from kg.nlp.rules import load_rules, parse_rules


def _entities(
    text: str, when: date | None = date(2025, 11, 3), **meta
) -> dict[tuple[str, str], list[str]]:
    doc = Document(id="t", source="t.txt", text=text, meta=Metadata(date=when, **meta))
    ex = extract(doc)
    return {(e.type, e.label): [m.text for m in e.mentions] for e in ex.entities}


def _labels(text: str, typ: str, **kw) -> set[str]:
    return {label for (t, label) in _entities(text, **kw) if t == typ}


def _groups(text: str, typ: str, **kw) -> list[set[str]]:
    """Per entity of ``typ``: its label and every surface form."""
    return [{label, *forms} for (t, label), forms in _entities(text, **kw).items() if t == typ]


def _forms(text: str, typ: str, **kw) -> set[str]:
    return {f for group in _groups(text, typ, **kw) for f in group}


# --------------------------------------------------------------------------- legal acts


def test_compound_acts_and_revision_phrases_are_one_act() -> None:
    text = (
        "De Schengenraad ving aan met een brede discussie, die zowel inging op de Staat van het "
        "Schengengebied aan de hand van de Schengenbarometer, als meer specifiek op de herziening "
        "van de Frontexverordening. Nederland steunt de Frontexverordening."
    )
    ents = _entities(text)
    forms = ents[("Regulation", "Frontexverordening")]
    assert "herziening van de Frontexverordening" in forms
    assert len([k for k in ents if k[0] == "Regulation"]) == 1


def test_named_act_with_acronym_in_brackets() -> None:
    text = (
        "Daarbij gaf Nederland aan dat het voor wat betreft de verordening ter bestrijding van "
        "seksueel kindermisbruik (CSAM-Verordening) ook van belang is de juiste balans te vinden."
    )
    groups = _groups(text, "Regulation")
    assert len(groups) == 1
    assert {
        "verordening ter bestrijding van seksueel kindermisbruik",
        "CSAM-Verordening",
    } <= groups[0]


def test_lowercase_descriptive_act_names() -> None:
    text = (
        "Verder worden voortgangsrapportages verwacht op de richtlijn intermodaal vervoer, de "
        "verordening handhaving passagiersrechten, de verordening passagiersrechten multimodale "
        "reizen, de richtlijn maten en gewichten en de richtlijn wederzijdse erkenning rijontzeggingen."
    )
    groups = _groups(text, "Regulation")
    assert len(groups) == 5
    assert {
        "richtlijn intermodaal vervoer",
        "verordening handhaving passagiersrechten",
        "verordening passagiersrechten multimodale reizen",
        "richtlijn maten en gewichten",
        "richtlijn wederzijdse erkenning rijontzeggingen",
    } <= _forms(text, "Regulation")


def test_generic_words_are_no_acts() -> None:
    text = "De richtlijn is aangenomen. Er kwam een Raadsakkoord en een terugkeerbesluit."
    assert _labels(text, "Regulation") == set()


def test_numbered_acts() -> None:
    text = (
        "Proposal for a Regulation of the European Parliament and of the Council establishing a "
        "common system for the return of third-country nationals staying illegally in the Union, "
        "and repealing Directive 2008/115/EC of the European Parliament and the Council, Council "
        "Directive 2001/40/EC and Council Decision 2004/191/EC"
    )
    forms = {m for (t, _), ms in _entities(text).items() if t == "Regulation" for m in ms}
    assert "Council Directive 2001/40/EC" in forms
    assert "Council Decision 2004/191/EC" in forms
    assert any(f.startswith("Directive 2008/115/EC") for f in forms)


# --------------------------------------------------------------------------- persons


def test_office_plus_name_and_initials() -> None:
    text = (
        "Via deze weg wordt uw Kamer ook op de hoogte gesteld van de brief die Nederland samen met "
        "België heeft gestuurd aan Eurocommissaris Brunner. HV Borrell stelde tijdens de RBZ voor "
        "dat EDEO de mogelijkheden verkent."
    )
    assert {"Brunner", "Borrell"} <= _forms(text, "Minister")


def test_members_of_parliament_are_persons() -> None:
    text = (
        "Hierbij wordt uw Kamer geïnformeerd over de invulling van twee moties ingediend door het "
        "lid Eerdmans. Tevens heeft Nederland conform de motie van leden Bikker en Omtzigt aangegeven "
        "dat gesproken moet worden over gepaste maatregelen."
    )
    assert {"Eerdmans", "Bikker", "Omtzigt"} <= _forms(text, "Person")


def test_words_after_a_title_that_are_no_name() -> None:
    text = "De Minister van Buitenlandse Zaken sprak met de minister Nederland niet."
    assert _labels(text, "Person") == set()
    assert "Nederland" not in _labels(text, "Minister")


# --------------------------------------------------------------------------- motions


def test_motions_and_their_submitters() -> None:
    text = (
        "Uw Kamer zal zoals toegezegd in het plan van aanpak over de uitvoering van de motie Van "
        "Zanten/Boomsma bij relevante ontwikkelingen geïnformeerd worden. Daarmee beschouwt het "
        "kabinet de motie-Eerdmans als in lijn met het huidige kabinetsbeleid."
    )
    ents = _entities(text)
    motions = {label for (t, label) in ents if t == "Motion"}
    assert motions == {"motie Van Zanten/Boomsma", "motie-Eerdmans"}
    assert {"Van Zanten", "Boomsma", "Eerdmans"} <= _forms(text, "Person")


def test_motions_with_a_kamerstuk_number_are_kept_apart() -> None:
    text = (
        "4 Motie Ceder, Kamerstuk 21 501-02, nr. 2732\n"
        "5 Motie Bikker en Omtzigt, Kamerstuk 36 410, nr. 31\n"
        "9 Motie Bikker en Omtzigt, Kamerstuk 36 410, nr. 74"
    )
    assert len(_labels(text, "Motion")) == 3


# --------------------------------------------------------------------------- documents


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "1 Tweede Kamer, vergaderjaar 2024-2025, KST 32735, nr. 400",
            "Kamerstukken II 2024-2025, 32 735, nr. 400",
        ),
        (
            "2 Kamerstukken II, 2025-2026, 36704-63 en meer",
            "Kamerstukken II 2025-2026, 36 704, nr. 63",
        ),
        (
            "3 Kamerstukken II, 2025-2026, 29 344, nr. 157.",
            "Kamerstukken II 2025-2026, 29 344, nr. 157",
        ),
        ("Zie Kamerstuk 21 501-02, nr. 2733.", "Kamerstuk 21 501-02, nr. 2733"),
        ("Fiche: Verordening (Kamerstuk\n22 112-4030)", "Kamerstuk 22 112, nr. 4030"),
    ],
)
def test_kamerstuk_spellings(text: str, label: str) -> None:
    assert label in _labels(text, "Document")


def test_same_kamerstuk_in_two_spellings_is_one_document() -> None:
    text = "Zie Kamerstuk 36 410, nr. 31 en ook KST 36410, nr. 31."
    assert len(_labels(text, "Document")) == 1


def test_com_documents() -> None:
    text = "c) Nr. Commissiedocument\nCOM(2023) 999"
    assert _labels(text, "Document") == {"COM(2023) 999"}
    # a COM number the reference data knows is the act it proposes
    known = "c) Nr. Commissiedocument\nCOM(2025) 101"
    assert "COM(2025) 101" in _forms(known, "Regulation") | _forms(known, "Document")


# --------------------------------------------------------------------------- agencies and initiatives


def test_agencies_built_on_head_nouns() -> None:
    text = (
        "e) Nr. impact assessment Commissie en Opinie Raad voor Regelgevingstoetsing\n"
        "De oprichting van een speciaal Agressietribunaal en een Claimscommissie voor schadevergoeding "
        "en het EU Centre for Democratic Resilience."
    )
    agencies = _labels(text, "Agency")
    assert {"Raad voor Regelgevingstoetsing", "Agressietribunaal", "Claimscommissie"} <= agencies
    assert "EU Centre for Democratic Resilience" in agencies
    assert "Opinie Raad voor Regelgevingstoetsing" not in agencies


def test_acronym_defined_in_text_names_the_thing_later() -> None:
    text = (
        "Het Voorzitterschap, de Commissie en eu-LISA stonden kort stil bij de lancering van het "
        "Entry/Exit systeem (EES) op 12 oktober jl. De EES werkt."
    )
    groups = [g for g in _groups(text, "Initiative") if "EES" in g]
    assert len(groups) == 1
    assert any(f.startswith("Entry/Exit systeem") for f in groups[0])


def test_acronym_head_noun_chooses_the_type() -> None:
    text = (
        "het Emergency Response Coordination Centre (ERCC) en de EU militaire assistentiemissie "
        "(EUMAM) voor Oekraïne en het Uniemechanisme voor Civiele Bescherming en "
        "Gezondheidsnoodhulp (UCPM)."
    )
    assert any(
        f.startswith("Emergency Response Coordination Centre") for f in _forms(text, "Agency")
    )
    assert any("EUMAM" in f for f in _forms(text, "Agency"))
    assert "UCPM" in _forms(text, "Initiative")
    # and one made up for the test, unknown to the reference data
    made_up = "het Europees Centrum voor Waterbeheer (ECWB) en later het ECWB"
    groups = [g for g in _groups(made_up, "Agency") if "ECWB" in g]
    assert groups and "Europees Centrum voor Waterbeheer" in groups[0]


# --------------------------------------------------------------------------- meetings


def test_meetings_with_dates_resolved_against_the_letter() -> None:
    text = (
        "Hierbij bieden wij uw Kamer het verslag aan van de Raad Justitie en Binnenlandse Zaken "
        "(JBZ-Raad) op 13 en 14 oktober 2025 in Luxemburg. En marge van de Europese Raad op 23 "
        "oktober jl. werd gesproken. Het Voorzitterschap sprak de ambitie uit om de volgende "
        "JBZ-Raad 8 en 9 december tot overeenstemming te komen. Besluitvorming is voorzien voor de "
        "volgende JBZ-Raad in december."
    )
    meetings = _labels(text, "Meeting")
    assert "Raad Justitie en Binnenlandse Zaken 13-14 oktober 2025" in meetings
    assert "Europese Raad 23 oktober 2025" in meetings
    assert "JBZ-Raad 8-9 december 2025" in meetings
    assert len(meetings) == 3  # "in december" is the meeting of 8 and 9 December


def test_jl_is_past_and_as_is_coming() -> None:
    past = _labels(
        "Het Mondeling Overleg van 8 juli jl. was nuttig.", "Meeting", when=date(2025, 1, 10)
    )
    assert past == {"Mondeling Overleg 8 juli 2024"}
    coming = _labels(
        "Bijgevoegd de documenten voor de Eurotop van 21 juni a.s.",
        "Meeting",
        when=date(2019, 6, 7),
    )
    assert coming == {"Eurotop 21 juni 2019"}


def test_meeting_mention_leaves_out_jl() -> None:
    ents = _entities("En marge van de Europese Raad op 23 oktober jl. werd gesproken.")
    assert ents[("Meeting", "Europese Raad 23 oktober 2025")] == ["Europese Raad op 23 oktober"]
    assert ("Agency", "Europese Raad") in ents


# --------------------------------------------------------------------------- rule files


def test_rule_files_load_and_every_rule_has_an_id() -> None:
    rules = load_rules()
    assert len({r.id for r in rules.rules}) == len(rules.rules) > 15


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('{"id": "x", "type": "Thing", "builder": "plain", "regex": "a"}', "unknown type"),
        ('{"id": "x", "type": "State", "builder": "nope", "regex": "a"}', "unknown builder"),
        ('{"id": "x", "type": "State", "builder": "plain", "regex": "(a"}', "bad regex"),
        ('{"id": "x", "type": "State", "builder": "plain", "regex": "{NOPE}"}', "unknown macro"),
        ('{"type": "State", "builder": "plain", "regex": "a"}', "'id'"),
        ("{not json", "not valid JSON"),
    ],
)
def test_bad_rules_fail_on_load_naming_the_line(line: str, problem: str) -> None:
    with pytest.raises(RuleError, match=problem) as err:
        parse_rules([("rules.jsonl:7", line)], {"plain"})
    assert "rules.jsonl:7" in str(err.value)


def test_signatory_office_links_to_the_signer() -> None:
    text = "Hierbij bied ik u het verslag aan.\n\nDe Minister van Buitenlandse Zaken,\nS.A. Blok"
    start = text.index("S.A. Blok")
    sig = Signatory("S.A. Blok", "Minister van Buitenlandse Zaken", start, start + 9)
    ents = _entities(text, signatories=[sig])
    forms = ents[("Minister", "S.A. Blok")]
    assert "Minister van Buitenlandse Zaken" in forms
    assert ("Agency", "Ministerie van Buitenlandse Zaken") in ents


# --------------------------------------------------------------------------- later additions


def test_a_name_in_brackets_or_after_hierna_is_the_same_act() -> None:
    text = (
        "Nederland zet zich in conform de Europese grens- en kustwacht verordening 2019/1896 "
        "(hierna: de EGKW-verordening). Daarnaast de herziening verordening Europees Agentschap "
        "voor Maritieme Veiligheid (EMSA-verordening)."
    )
    groups = _groups(text, "Regulation")
    assert any({"EGKW-verordening"} <= g and any("2019/1896" in f for f in g) for g in groups)
    assert any(
        "EMSA-verordening" in g and any("Maritieme Veiligheid" in f for f in g) for g in groups
    )


def test_a_name_extended_by_a_place_is_the_same_act() -> None:
    text = (
        "Dit betreft de verordening capaciteit spoorweginfrastructuur. "
        "Verordening capaciteit spoorweginfrastructuur in de EU\nInhoud"
    )
    assert len(_groups(text, "Regulation")) == 1


def test_generic_act_words_need_a_name() -> None:
    text = (
        "De Kaderrichtlijn Water, de kaderrichtlijn, de basisverordening en het besluit tot het "
        "instellen van maatregelen. Een samenwerkingsovereenkomst en de EU-Mercosur-overeenkomst."
    )
    assert _forms(text, "Regulation") >= {"Kaderrichtlijn Water", "EU-Mercosur-overeenkomst"}
    assert not _forms(text, "Regulation") & {
        "kaderrichtlijn",
        "basisverordening",
        "samenwerkingsovereenkomst",
    }


def test_treaties_named_after_a_place_and_sanctions_packages() -> None:
    text = (
        "Na het besluit van het Permanent Comité van het Verdrag van Bern. Het 11e sanctiepakket "
        "en het veertiende sanctiepakket tegen Rusland."
    )
    forms = _forms(text, "Regulation")
    assert {"11e sanctiepakket", "veertiende sanctiepakket"} <= forms


def test_known_abbreviation_leading_a_compound() -> None:
    text = "De G20 riep op IMF-initiatieven rondom debt relief te steunen, ook op EU-niveau."
    assert "IMF" in _forms(text, "Agency")
    assert "EU" not in _forms(text, "Agency")


def test_a_ministry_short_name_leading_a_compound_is_its_policy_area() -> None:
    text = "De Defensie-industrie groeit, en de Justitie-ketens ook; het Frontex-mandaat blijft."
    assert _forms(text, "Agency") == {"Frontex"}


def test_a_generic_alias_qualified_by_a_name_is_another_thing() -> None:
    assert (
        _labels("Nederland steunt het Pact voor het Middellandse Zeegebied.", "Regulation") == set()
    )
    assert _labels("Het Pact werd besproken.", "Regulation") == {"Asiel- en migratiepact"}
    assert "Europees Parlement" not in _labels("Het Parlement van Georgië stemde.", "Agency")


def test_a_lettered_heading_is_no_person() -> None:
    text = "Fiche\nB. Essentie voorstel\nDe Minister van Financiën,\nE. Heinen"
    assert "B. Essentie" not in _forms(text, "Person") | _forms(text, "Minister")
    assert "E. Heinen" in _forms(text, "Minister")


def test_council_meeting_named_by_an_unknown_configuration_name() -> None:
    text = (
        "Het Belgische EU-Voorzitterschap heeft aangekondigd de Informele Raad Werkgelegenheid en "
        "Sociaal Beleid van 10–12 januari 2024 te willen gebruiken voor een oriëntatie."
    )
    meetings = _groups(text, "Meeting", when=date(2023, 12, 20))
    assert len(meetings) == 1
    assert any("10–12 januari 2024" in f for f in meetings[0])


def test_meeting_with_its_date_later_in_the_clause() -> None:
    text = (
        "Voorts informeren wij uw Kamer over de ministeriële IPCR-bijeenkomst over de situatie in "
        "Litouwen die plaats zal vinden op 18 augustus en de voortgang van de onderhandelingen."
    )
    meetings = _groups(text, "Meeting", when=date(2021, 8, 16))
    assert len(meetings) == 1
    assert "ministeriële IPCR-bijeenkomst" in meetings[0]
    assert any("18 augustus 2021" in f for f in meetings[0])


def _english(text: str) -> dict[tuple[str, str], list[str]]:
    doc = Document(
        id="t", source="t.txt", text=text, meta=Metadata(date=date(2025, 6, 27), language="en")
    )
    return {(e.type, e.label): [m.text for m in e.mentions] for e in extract(doc).entities}


def test_english_council_text() -> None:
    ents = _english(
        "European Council meeting (26 and 27 June 2025) – Conclusions\n"
        "The European Council welcomes the adoption of the 17th package of sanctions against "
        "Russia and takes note of the EU-Israel Association Agreement. Jessika Roswall, "
        "Commissioner for Environment, presented the Nature Restoration Law. Delegations will "
        "find attached document ST 13456/25 REV 1."
    )
    forms = {(t, f) for (t, _), fs in ents.items() for f in fs}
    assert ("Meeting", "European Council meeting (26 and 27 June 2025)") in forms
    assert ("Regulation", "17th package of sanctions") in forms
    assert ("Regulation", "EU-Israel Association Agreement") in forms
    assert ("Regulation", "Nature Restoration Law") in forms
    assert ("Minister", "Jessika Roswall") in forms
    assert ("Document", "ST 13456/25 REV 1") in forms
    assert ("State", "Russia") in forms
