"""Recognition families that generalise to unseen letters (issue 12), one real or made-up
sentence each: lower-case names, English descriptive names, long titles, initiatives,
debates and summits, officials, foreign office holders, motions with lower-case particles."""

from __future__ import annotations

from datetime import date

import pytest

from kg.document import Document, Metadata
from kg.nlp.extract import extract


def _forms(text: str, lang: str = "nl", when: date = date(2023, 6, 1)) -> set[tuple[str, str]]:
    """(type, surface form) of every mention, and (type, label) of every entity."""
    doc = Document(id="t", source="t.txt", text=text, meta=Metadata(date=when, language=lang))
    out: set[tuple[str, str]] = set()
    for e in extract(doc).entities:
        out.add((e.type, e.label))
        out.update((e.type, m.text) for m in e.mentions)
    return out


def _labels(text: str, typ: str, lang: str = "nl", when: date = date(2023, 6, 1)) -> list[str]:
    doc = Document(id="t", source="t.txt", text=text, meta=Metadata(date=when, language=lang))
    return [e.label for e in extract(doc).entities if e.type == typ]


# --------------------------------------------------------------------------- reference names


def test_reference_names_of_acts_and_programmes_in_lower_case_and_spelling_variants() -> None:
    forms = _forms(
        "Met de oprichting van het ESM en de bankenunie, en de voltooiing van de energie-unie "
        "(ook wel de energieunie) is veel bereikt; de raad van de Raad werd gevolgd."
    )
    assert ("Initiative", "bankenunie") in forms
    assert ("Initiative", "energie-unie") in forms and ("Initiative", "energieunie") in forms
    assert ("Agency", "raad") not in forms  # bodies keep their capitals
    english = _forms("The Council adopted its position on the asylum procedures regulation.", "en")
    assert ("Regulation", "asylum procedures regulation") in english


def test_english_texts_label_reference_entities_in_english() -> None:
    labels = _labels("The Council and the Commission discussed Frontex.", "Agency", "en")
    assert "European Commission" in labels and "Europese Commissie" not in labels


def test_acronyms_and_short_words_keep_their_case() -> None:
    forms = _forms("They spent their life on it, for sure.", "en")
    assert not {f for t, f in forms if t == "Initiative"}


# --------------------------------------------------------------------------- acts


def test_english_descriptive_names_of_acts() -> None:
    forms = _forms(
        "The Council agreed on a partial general approach on the draft environmental crime "
        "directive. It aligns with the control regulation of the Common Fisheries Policy. The "
        "Council adopted its position on the directive on transparency of interest "
        "representation on behalf of third countries, which is new. The Council gave a mandate "
        "on a second additional protocol to the Cybercrime Convention.",
        "en",
    )
    assert ("Regulation", "environmental crime directive") in forms
    assert ("Regulation", "control regulation of the Common Fisheries Policy") in forms
    assert (
        "Regulation",
        "directive on transparency of interest representation on behalf of third countries",
    ) in forms
    assert ("Regulation", "second additional protocol to the Cybercrime Convention") in forms
    assert ("Regulation", "Cybercrime Convention") in forms  # named inside the protocol
    assert not {f for t, f in forms if t == "Regulation" and f.startswith(("the ", "draft "))}


def test_an_english_act_name_ends_before_its_abbreviation_in_brackets() -> None:
    forms = _forms(
        "Ministers reached a general approach on the proposal for a directive on debt-equity "
        "bias reduction allowance (DEBRA).",
        "en",
    )
    assert ("Regulation", "directive on debt-equity bias reduction allowance") in forms


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The Council decided on the signing of the Council of Europe Framework Convention on "
            "Artificial Intelligence.",
            "Council of Europe Framework Convention on Artificial Intelligence",
        ),
        ("The UN Convention against Corruption applies.", "UN Convention against Corruption"),
        (
            "The Council of Europe Convention on preventing and combating violence against women "
            "was ratified.",
            "Council of Europe Convention on preventing and combating violence against women",
        ),
    ],
)
def test_conventions_and_treaties_named_by_their_subject(text: str, name: str) -> None:
    forms = _forms(text, "en")
    assert ("Regulation", name) in forms
    assert not {f for t, f in forms if t == "Agency" and "Convention" in f}


def test_generic_english_act_words_are_no_names() -> None:
    forms = _forms("The Council adopted the new regulation and this directive.", "en")
    assert not {f for t, f in forms if t == "Regulation"}


def test_long_dutch_titles_stay_whole() -> None:
    forms = _forms(
        "De Raad stelde posities vast op de Richtlijn geweld tegen vrouwen en huiselijk geweld "
        "en op de richtlijn inzake de enkelvoudige toelatingsprocedure en de gecombineerde "
        "vergunning voor verblijf en arbeid. De Commissie presenteerde de Aanbeveling voor "
        "verbeterde samenwerking tussen lidstaten in het Schengengebied."
    )
    assert ("Regulation", "Richtlijn geweld tegen vrouwen en huiselijk geweld") in forms
    assert (
        "Regulation",
        "richtlijn inzake de enkelvoudige toelatingsprocedure en de gecombineerde vergunning "
        "voor verblijf en arbeid",
    ) in forms
    assert (
        "Regulation",
        "Aanbeveling voor verbeterde samenwerking tussen lidstaten in het Schengengebied",
    ) in forms


def test_titles_end_before_another_name_and_before_time_phrases() -> None:
    forms = _forms(
        "Het gaat om de Richtlijn voor bodemmonitoring en de Langetermijnvisie voor de "
        "plattelandsgebieden van de EU. De Commissie komt met een richtlijn voor de zomer."
    )
    assert ("Regulation", "Richtlijn voor bodemmonitoring") in forms
    assert ("Initiative", "Langetermijnvisie voor de plattelandsgebieden van de EU") in forms
    assert not {f for t, f in forms if "zomer" in f}


def test_plural_acts_anti_acts_and_akte() -> None:
    forms = _forms(
        "De API-verordeningen, de anti-SLAPP richtlijn en de Kiesakte lagen voor, net als een "
        "Verordening over de aanpassing van het Eurojust-mandaat met internationale misdrijven."
    )
    assert ("Regulation", "API-verordeningen") in forms
    assert ("Regulation", "Kiesakte") in forms
    assert (
        "Regulation",
        "Verordening over de aanpassing van het Eurojust-mandaat met internationale misdrijven",
    ) in forms
    assert ("Agency", "Eurojust") in forms  # named inside the title


# --------------------------------------------------------------------------- initiatives


def test_initiatives_in_lower_case_and_foreign_names() -> None:
    forms = _forms(
        "Het actieplan circulaire economie, het Berlijnproces, de verordening uit Omnibus I en "
        "de Coalition pour le Sahel kwamen aan bod."
    )
    assert ("Initiative", "actieplan circulaire economie") in forms
    assert ("Initiative", "Berlijnproces") in forms
    assert ("Initiative", "Omnibus I") in forms
    assert ("Initiative", "Coalition pour le Sahel") in forms


def test_english_strategies_and_mechanisms() -> None:
    forms = _forms(
        "The Council adopted conclusions on the EU strategy on the rights of the child. The "
        "rule of law conditionality mechanism applies.",
        "en",
    )
    assert ("Initiative", "EU strategy on the rights of the child") in forms
    assert ("Initiative", "rule of law conditionality mechanism") in forms


# --------------------------------------------------------------------------- meetings


def test_parliamentary_debates_are_meetings_of_their_own() -> None:
    text = (
        "Tijdens het AO JBZ-Raad op 5 december 2022 vroeg de Kamer om een brief. In het "
        "commissiedebat Raad Buitenlandse Zaken en bij de Algemene Politieke Beschouwingen van "
        "18 en 19 september 2024 kwam dit terug."
    )
    forms = _forms(text)
    assert ("Meeting", "AO JBZ-Raad op 5 december 2022") in forms
    assert ("Meeting", "commissiedebat Raad Buitenlandse Zaken") in forms
    assert ("Meeting", "Algemene Politieke Beschouwingen van 18 en 19 september 2024") in forms
    # the debate is not the Council meeting it discusses
    assert not [label for label in _labels(text, "Meeting") if label.startswith("JBZ-Raad")]


def test_parliamentary_activity_lists() -> None:
    forms = _forms(
        "2019-06-05 15:30: Procedurevergadering Financiën (Procedurevergadering), vaste commissie "
        "voor Financiën\n2019-06-05 18:00: Eurogroep/Ecofinraad (Algemeen overleg), vaste commissie "
        "voor Financiën\nVolgcommissie: vaste commissie voor Europese Zaken\n"
    )
    assert ("Meeting", "Procedurevergadering Financiën 5 juni 2019") in forms
    assert ("Meeting", "Algemeen overleg Eurogroep/Ecofinraad 5 juni 2019") in forms
    assert ("Agency", "vaste commissie voor Europese Zaken") in forms
    assert ("Agency", "Volgcommissie") not in forms


def test_summits_and_conferences() -> None:
    forms = _forms(
        "Zij spraken op de EU-Canada top, de NAVO-top, de VN Waterconferentie en de "
        "Intergouvernementele Conferentie."
    )
    for name in ("EU-Canada top", "NAVO-top", "VN Waterconferentie", "Intergouvernementele Conferentie"):  # fmt: skip
        assert ("Meeting", name) in forms
    english = _forms(
        "The Netherlands hosted the Summit on Responsible Artificial Intelligence in the Military "
        "Domain. The Euro Summit met.",
        "en",
    )
    assert (
        "Meeting",
        "Summit on Responsible Artificial Intelligence in the Military Domain",
    ) in english
    assert ("Meeting", "Euro Summit") not in english  # the body, not one of its meetings
    forums = _forms(
        "Zij namen deel aan het International Migration Review Forum en het Schengen Forum."
    )
    assert {
        ("Meeting", "International Migration Review Forum"),
        ("Meeting", "Schengen Forum"),
    } <= forums


def test_meeting_dates_in_figures_day_lists_and_across_months() -> None:
    forms = _forms(
        "Justice and Home Affairs Council, 06-07/06/2019 - Main results", "en", date(2019, 6, 7)
    )
    assert ("Meeting", "Justice and Home Affairs Council, 06-07/06/2019") in forms
    labels = _labels(
        "Verslag van de Raad Onderwijs, Jeugd, Cultuur en Sport (OJCS-Raad) van 29 en 30 "
        "november 2021 en de Milieuraad van 30 november en 1 december 2021.",
        "Meeting",
        when=date(2021, 12, 10),
    )
    assert "Raad Onderwijs, Jeugd, Cultuur en Sport 29-30 november 2021" in labels
    assert "Milieuraad 30 november 2021" in labels


def test_one_meeting_for_all_its_days() -> None:
    labels = _labels(
        "Het verslag van de JBZ-Raad op 4 en 5 december 2023. Voor de start van de JBZ-Raad op "
        "5 december vond een ontbijt plaats.",
        "Meeting",
        when=date(2023, 12, 15),
    )
    assert labels == ["JBZ-Raad 4-5 december 2023"]


# --------------------------------------------------------------------------- people


def test_officials_introduced_by_their_role() -> None:
    forms = _forms(
        "Daarna sprak VN Speciaal-Gezant Pedersen de Raad bij. Door Michael Ryan (directeur van "
        "het noodprogramma van de WHO) werd uitleg gegeven. Dit was een toezegging aan lid Podt."
    )
    assert {("Person", "Pedersen"), ("Person", "Michael Ryan"), ("Person", "Podt")} <= forms
    english = _forms(
        "The Council was briefed by the Director of EU INTCEN, Daniel Markić, and the EU "
        "sanctions envoy, David O'Sullivan.",
        "en",
    )
    assert ("Person", "Daniel Markić") in english
    assert ("Agency", "EU INTCEN") in english


def test_foreign_ministers_and_premiers() -> None:
    forms = _forms(
        "Er is een ontbijt met de premier van Albanië, de heer Rama, en met de Moldavische "
        "vicepremier voor Europese Integratie, Christina Gherasimov. De Oekraïense Minister voor "
        "Buitenlandse Zaken Kuleba sprak."
    )
    assert {("Minister", "Rama"), ("Minister", "Christina Gherasimov"), ("Minister", "Kuleba")} <= forms  # fmt: skip
    english = _forms(
        "After an intervention of the Ukrainian Minister of Foreign Affairs, Andrii Sybiha.", "en"
    )
    assert ("Minister", "Andrii Sybiha") in english


def test_an_office_with_its_portfolio_before_a_full_name() -> None:
    forms = _forms(
        "De Poolse minister van Justitie Adam Bodnar gaf een toelichting. De Duitse minister "
        "van Binnenlandse Zaken Nancy Faeser sprak."
    )
    assert {("Minister", "Adam Bodnar"), ("Minister", "Nancy Faeser")} <= forms


def test_titles_followed_by_a_capitalised_word_are_no_person() -> None:
    forms = _forms(
        "De minister voor Buitenlandse Handel en Ontwikkelingssamenwerking sprak. De Minister "
        "van Infrastructuur en Waterstaat Reageert. Het actieplan aangekondigd door de Commissie. "
        "Nederland wil geen transferunie."
    )
    assert not {f for t, f in forms if t in ("Minister", "Person", "Initiative")}


def test_motions_and_members_with_lower_case_particles() -> None:
    forms = _forms(
        "Over motie van der Brug m.b.t. Turkije, de motie Dobbe c.s. en lid van den Burg."
    )
    assert ("Motion", "motie van der Brug") in forms
    assert ("Person", "van der Brug") in forms
    assert ("Motion", "motie Dobbe c.s.") in forms
    assert ("Person", "van den Burg") in forms


def test_a_person_is_typed_by_the_reference_office() -> None:
    forms = _forms("Martijn van Dam, Dutch minister for agriculture, chaired the Council.", "en")
    assert ("Minister", "Martijn van Dam") in forms
    # a family name that is also a month is no person
    assert not {f for t, f in _forms("In May 2019 the Council met.", "en") if t == "Minister"}


def test_officials_hold_the_post_their_role_names() -> None:
    doc = Document(
        id="t",
        source="t.txt",
        text=(
            "Er was een ontmoeting met de directeur-generaal van het Internationaal "
            "Atoomenergieagentschap, dhr. Rafael Grossi. Daarna sprak VN Speciaal-Gezant Pedersen "
            "de Raad bij."
        ),
        meta=Metadata(date=date(2023, 6, 1)),
    )
    ex = extract(doc)
    label = {e.id: e.label for e in ex.entities}
    posts = {
        (label[r.subject], label[r.object]) for r in ex.relations if r.predicate == "holdsPost"
    }
    assert ("Rafael Grossi", "Internationaal Atoomenergieagentschap") in posts
    assert ("Pedersen", "Verenigde Naties") in posts


def test_english_attributions_with_a_nationality_before_the_office() -> None:
    forms = _forms(
        '"This is a historic day," said Vincent Van Peteghem, Belgian Minister of Finance. Adam '
        "Szłapka, Polish minister for the EU, said so.",
        "en",
    )
    assert {("Minister", "Vincent Van Peteghem"), ("Minister", "Adam Szłapka")} <= forms


def test_english_attribution_with_a_particle_and_a_two_word_office() -> None:
    forms = _forms(
        "The text. Nicole de Moor, Belgian State Secretary for Asylum and Migration, said so.", "en"
    )
    assert ("Minister", "Nicole de Moor") in forms
