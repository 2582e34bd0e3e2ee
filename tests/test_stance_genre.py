"""How the genre states positions, family by family (issue 12, round 2): geannoteerde
agenda's, verslagen, BNC-fiches and answers to Kamervragen in Dutch; meeting results, press
releases and European Council conclusions in English. Every sentence is made up in the
phrasing of these texts, across Council configurations; each family has sentences that must
give a stance and sentences that must give none. They run through the real pipeline
(recognition, linking and stance rules), so a family only passes when the names in it are
found as well."""

from __future__ import annotations

from datetime import date

import pytest

from kg.document import Document, Metadata
from kg.ingest import document_from_text
from kg.nlp.extract import extract

STANCES = ("supports", "opposes", "concernedAbout", "requested")


def _extraction(text: str, lang: str):
    doc = Document(id="t", source="t.txt", text=text, meta=Metadata(date=date(2023, 6, 1), language=lang))  # fmt: skip
    return extract(doc)


def stances(text: str, lang: str = "nl") -> set[tuple[str, str, str]]:
    """(holder, predicate, target) by entity label."""
    ex = _extraction(text, lang)
    label = {e.id: e.label for e in ex.entities}
    return {
        (label[r.subject], r.predicate, label[r.object])
        for r in ex.relations
        if r.predicate in STANCES
    }


def _case(text: str, *expected: str) -> tuple[str, set[tuple[str, ...]]]:
    """A sentence and its stances written as "holder > predicate > target"."""
    return text, {tuple(part.strip() for part in e.split(">")) for e in expected}


NL, EN = "Nederland", "Raad van de EU"

# --------------------------------------------------------------------------- Dutch: agendas

AGENDA = [
    _case("Nederland kan instemmen met de algemene oriëntatie over de Natuurherstelverordening.",
          f"{NL} > supports > Natuurherstelverordening"),
    _case("Nederland kan de Raadsconclusies over het Europees Semester steunen.",
          f"{NL} > supports > Europees Semester"),
    _case("Het kabinet zal de Verordening nettonulindustrie steunen.",
          f"{NL} > supports > Verordening nettonulindustrie"),
    _case("Het kabinet staat in algemene zin positief tegenover de Chipsverordening.",
          f"{NL} > supports > Chipsverordening"),
    _case("Het kabinet is kritisch over de Richtlijn bodemmonitoring.",
          f"{NL} > opposes > Richtlijn bodemmonitoring"),
    _case("Nederland heeft bedenkingen bij de Verordening kritieke grondstoffen.",
          f"{NL} > opposes > Verordening kritieke grondstoffen"),
    _case("Nederland is terughoudend ten aanzien van het Europees depositoverzekeringsstelsel.",
          f"{NL} > opposes > Europees depositoverzekeringsstelsel"),
    _case("Het kabinet acht een verlenging van de Oekraïnefaciliteit niet wenselijk.",
          f"{NL} > opposes > Oekraïnefaciliteit"),
    _case("Het kabinet acht de voorgestelde verhoging van het Meerjarig Financieel Kader "
          "onaanvaardbaar.", f"{NL} > opposes > Meerjarig Financieel Kader"),
    _case("Nederland kan het compromis over de Euro 7-verordening accepteren.",
          f"{NL} > supports > Euro 7-verordening"),
    _case("Nederland kan de huidige tekst van de Methaanverordening niet accepteren.",
          f"{NL} > opposes > Methaanverordening"),
    _case("Nederland wil voorkomen dat de Ontbossingsverordening tot onnodige lasten leidt.",
          f"{NL} > concernedAbout > Ontbossingsverordening"),
    _case("Het kabinet ziet geen meerwaarde in de Verordening digitale euro.",
          f"{NL} > opposes > Verordening digitale euro"),
    _case("Nederland kan met de Richtlijn hernieuwbare energie instemmen.",
          f"{NL} > supports > Richtlijn hernieuwbare energie"),
    _case("Het kabinet is voornemens in te stemmen met de Cyberweerbaarheidsverordening.",
          f"{NL} > supports > Cyberweerbaarheidsverordening"),
    _case("Nederland zal tegen de Verordening duurzaam gebruik van gewasbeschermingsmiddelen "
          "stemmen.", f"{NL} > opposes > Verordening duurzaam gebruik van gewasbeschermingsmiddelen"),
    _case("Nederland zal voor de Richtlijn energieprestatie van gebouwen stemmen.",
          f"{NL} > supports > Richtlijn energieprestatie van gebouwen"),
    _case("Het kabinet zet zich ervoor in dat de Kaderrichtlijn Water niet wordt afgezwakt.",
          f"{NL} > supports > Kaderrichtlijn Water"),
    # no stance
    _case("Nederland ziet geen meerwaarde in een nieuw fonds naast het Europees Defensiefonds."),
    _case("Nederland wil ervoor zorgen dat Frontex voldoende middelen krijgt."),
    _case("Nederland zal zich onthouden van stemming over de Verordening nieuwe genomische "
          "technieken."),
    _case("Het voorzitterschap streeft naar een algemene oriëntatie over de Verordening kritieke "
          "grondstoffen."),
    _case("De Raad zal naar verwachting conclusies aannemen over het Europees Semester."),
    _case("Nederland kan instemmen met de conclusies, mits de verwijzing naar het Meerjarig "
          "Financieel Kader wordt geschrapt."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), AGENDA)
def test_positions_in_annotated_agendas(text, expected):
    assert stances(text) == expected


# --------------------------------------------------------------------------- Dutch: reports

REPORTS = [
    _case("Diverse lidstaten, onder wie Ierland en Denemarken, waren kritisch over de Richtlijn "
          "industriële emissies.", "Ierland > opposes > Richtlijn industriële emissies",
          "Denemarken > opposes > Richtlijn industriële emissies"),
    _case("Een aantal lidstaten (Frankrijk, Polen) uitte zorgen over de Natuurherstelverordening.",
          "Frankrijk > concernedAbout > Natuurherstelverordening",
          "Polen > concernedAbout > Natuurherstelverordening"),
    _case("Duitsland gaf aan de Batterijenverordening te steunen.",
          "Duitsland > supports > Batterijenverordening"),
    _case("Oostenrijk wees op de risico's van de Verordening nieuwe genomische technieken voor de "
          "biologische landbouw.",
          "Oostenrijk > concernedAbout > Verordening nieuwe genomische technieken"),
    _case("Italië betreurde het uitblijven van een akkoord over het Europees "
          "depositoverzekeringsstelsel.", "Italië > opposes > Europees depositoverzekeringsstelsel"),
    _case("Nederland maakte zich sterk voor een snelle inwerkingtreding van de Verordening markten "
          "in cryptoactiva.", f"{NL} > supports > Verordening markten in cryptoactiva"),
    _case("Nederland waarschuwde voor een verdere escalatie door Iran.",
          f"{NL} > concernedAbout > Iran"),
    _case("Het kabinet heeft twijfels over de proportionaliteit van de CSAM-verordening.",
          f"{NL} > concernedAbout > CSAM-verordening"),
    _case("Nederland plaatste kanttekeningen bij de financiering van de Europese Vredesfaciliteit.",
          f"{NL} > opposes > Europese Vredesfaciliteit"),
    _case("Het Belgische voorzitterschap presenteerde een nieuw compromisvoorstel voor de "
          "Verordening terugkeergrensprocedure.", "België > supports > Verordening terugkeergrensprocedure"),
    _case("Nederland heeft kritiek op de manier waarop Hongarije de Oekraïnefaciliteit blokkeert.",
          f"{NL} > opposes > Hongarije", "Hongarije > opposes > Oekraïnefaciliteit"),
    # Council procedure, in every word order, and a Council meeting speaking as the Council
    _case("De Raad heeft een algemene oriëntatie bereikt over de Richtlijn energie-efficiëntie.",
          f"{EN} > supports > Richtlijn energie-efficiëntie"),
    _case("Tijdens de JBZ-Raad van 13 oktober werd een algemene oriëntatie bereikt over de "
          "Screeningsverordening.", f"{EN} > supports > Screeningsverordening"),
    _case("De JBZ-Raad van 13 oktober riep op tot een snelle afronding van de "
          "Screeningsverordening.", f"{EN} > supports > Screeningsverordening"),
    _case("De Raad ging akkoord met de Verordening gezamenlijke inspanning.",
          f"{EN} > supports > Verordening gezamenlijke inspanning"),
    _case("De Raad heeft de Verordening kritieke grondstoffen formeel aangenomen.",
          f"{EN} > supports > Verordening kritieke grondstoffen"),
    _case("Het kabinet verwelkomt dat de Raad een akkoord heeft bereikt over het "
          "Eigenmiddelenbesluit.", f"{NL} > supports > Eigenmiddelenbesluit",
          f"{EN} > supports > Eigenmiddelenbesluit"),
    _case("De Europese Raad besloot de toetredingsonderhandelingen met Oekraïne en Moldavië te "
          "openen.", "Europese Raad > supports > Oekraïne", "Europese Raad > supports > Moldavië"),
    # talking, being told, noting, presenting: no position
    _case("De Raad sprak over de steun aan Oekraïne."),
    _case("De Raad nam kennis van de voortgangsrapportage over de Richtlijn luchtkwaliteit."),
    _case("De Raad werd geïnformeerd over de voortgang van de Verordening CO2-normen voor zware "
          "bedrijfsvoertuigen."),
    _case("De Commissie presenteerde haar voorstel voor een Richtlijn groene claims."),
    _case("De ministers wisselden van gedachten over de Europese Green Deal."),
    _case("De ministers spraken hun steun uit voor Oekraïne."),
    _case("Het voorzitterschap concludeerde dat de lidstaten de Verordening kritieke grondstoffen "
          "steunen."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), REPORTS)
def test_positions_in_council_reports(text, expected):
    assert stances(text) == expected


# --------------------------------------------------------------------------- Dutch: BNC, answers

FICHES = [
    _case("De Nederlandse grondhouding ten aanzien van de Verordening kritieke geneesmiddelen is "
          "positief.", f"{NL} > supports > Verordening kritieke geneesmiddelen"),
    _case("De Nederlandse positie ten aanzien van de Speelgoedveiligheidsverordening is kritisch.",
          f"{NL} > opposes > Speelgoedveiligheidsverordening"),
    _case("Het kabinet verwelkomt de Richtlijn recht op reparatie, maar heeft zorgen over de "
          "Richtlijn productaansprakelijkheid.", f"{NL} > supports > Richtlijn recht op reparatie",
          f"{NL} > concernedAbout > Richtlijn productaansprakelijkheid"),
    _case("In het BNC-fiche is aangegeven dat het kabinet positief staat tegenover de Verordening "
          "gigabitinfrastructuur.", f"{NL} > supports > Verordening gigabitinfrastructuur"),
    _case("Het kabinet heeft een positieve grondhouding ten opzichte van de Verordening Europese "
          "digitale identiteit.", f"{NL} > supports > Verordening Europese digitale identiteit"),
    _case("Nederland deelt de zorgen van de Commissie over de toenemende dreiging van Rusland.",
          f"{NL} > concernedAbout > Rusland"),
    _case("Het kabinet steunt de inzet van het voorzitterschap om tot een akkoord te komen over de "
          "Verordening verpakkingen en verpakkingsafval.",
          f"{NL} > supports > Verordening verpakkingen en verpakkingsafval"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), FICHES)
def test_positions_in_fiches_and_answers(text, expected):
    assert stances(text) == expected


# --------------------------------------------------------------------------- English

CE = "Council of the EU"
ENGLISH = [
    _case("The Council adopted the regulation on nature restoration.",
          f"{CE} > supports > Nature Restoration Regulation"),
    _case("The Council agreed its negotiating mandate on the Euro 7 regulation.",
          f"{CE} > supports > Euro 7 Regulation"),
    _case("The Council and the Parliament reached a provisional deal on the Net-Zero Industry Act.",
          f"{CE} > supports > Net-Zero Industry Act",
          "European Parliament > supports > Net-Zero Industry Act"),
    _case("The Council gave its final green light to the Cyber Resilience Act.",
          f"{CE} > supports > Cyber Resilience Act"),
    _case("Member states' representatives (Coreper) agreed on the Council's negotiating mandate on "
          "the Net-Zero Industry Act.", f"{CE} > supports > Net-Zero Industry Act"),
    _case("The Council stressed the need for a swift adoption of the Critical Raw Materials Act.",
          f"{CE} > supports > Critical Raw Materials Act"),
    _case("The European Council invites the Commission to present proposals on the Multiannual "
          "Financial Framework.", "European Council > requested > European Commission",
          "European Council > requested > Multiannual Financial Framework"),
    _case("The European Council encourages further work on the Capital Markets Union.",
          "European Council > supports > Capital Markets Union"),
    _case("The EU stands ready to support Armenia.", "European Union > supports > Armenia"),
    _case("The EU condemns the continued attacks by Russia on Ukraine's energy infrastructure.",
          "European Union > opposes > Russia"),
    _case("The presidency presented a compromise text on the Soil Monitoring Directive.",
          "Sweden > supports > Soil Monitoring Law"),
    _case("The European Council decided to grant candidate status to Georgia.",
          "European Council > supports > Georgia"),
    _case("Several member states, including Austria and Italy, raised concerns about the EU "
          "Deforestation Regulation.", "Austria > concernedAbout > Deforestation Regulation",
          "Italy > concernedAbout > Deforestation Regulation"),
    _case("\"We condemn Russia's aggression,\" said Kaja Kallas, High Representative for Foreign "
          "Affairs and Security Policy.", "Kaja Kallas > opposes > Russia"),
    # no stance
    _case("Ministers held a policy debate on the Common Agricultural Policy."),
    _case("The Council took note of the progress report on the Gigabit Infrastructure Act."),
    _case("Ministers were informed about the state of play of the Packaging and Packaging Waste "
          "Regulation."),
    _case("The European Council held a strategic discussion on the European Union's relations "
          "with China."),
    _case("The Council approved the conclusions on the EU's priorities at the United Nations."),
    _case("The EU imposed sanctions on 12 individuals and 3 entities responsible for human rights "
          "violations in Iran."),
    _case("The Council decided to impose restrictive measures on 9 individuals responsible for "
          "actions undermining Moldova."),
    _case("Several member states raised concerns about the impact of the Deforestation Regulation "
          "on smallholders."),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_positions_in_english_council_texts(text, expected):
    assert stances(text, "en") == expected


# --------------------------------------------------------------------------- names and posts


def test_sanctions_regimes_are_acts_and_the_state_in_their_name_holds_nothing():
    assert stances("Nederland steunt het EU-sanctieregime Guatemala.") == {
        (NL, "supports", "EU-sanctieregime Guatemala")
    }
    labels = {e.label for e in _extraction("The Council prolonged the Belarus sanctions regime.", "en").entities}  # fmt: skip
    assert {"Belarus sanctions regime", "Belarus"} <= labels


def _posts(text: str, lang: str) -> set[tuple[str, str]]:
    ex = _extraction(text, lang)
    label = {e.id: e.label for e in ex.entities}
    return {(label[r.subject], label[r.object]) for r in ex.relations if r.predicate == "holdsPost"}  # fmt: skip


def test_chairs_named_after_the_person_hold_a_post_in_the_body_chaired():
    english = (
        "Martijn van Dam, Dutch minister for agriculture and President of the Council, said it."
    )
    assert ("M. van Dam", "Council of the EU") in _posts(english, "en")
    dutch = "Door Michael Ryan (directeur van het noodprogramma van de WHO) werd uitleg gegeven."
    assert ("Michael Ryan", "Wereldgezondheidsorganisatie") in _posts(dutch, "nl")
    bracketed = (
        "Hadja Lahbib (Belgian Minister for Foreign Affairs, President of the Council) chaired the "
        "meeting. Wopke Hoekstra, Commissioner for Climate Action, presented the proposal."
    )
    posts = _posts(bracketed, "en")
    assert {
        ("Hadja Lahbib", "Council of the EU"),
        ("W.B. Hoekstra", "European Commission"),
    } <= posts
    assert not {p for p in posts if p[0] == "Foreign Affairs"}  # a portfolio is no person


def test_an_agenda_item_keeps_its_topic_through_its_subheadings():
    text = (
        "Den Haag, 1 februari 2024\n\nVerordening nieuwe genomische technieken\n\nInhoud\n\n"
        "Het voorzitterschap beoogt een algemene oriëntatie.\n\nInzet Nederland\n\nNederland kan "
        "het voorstel steunen.\n\nKrachtenveld\n\nEen aantal lidstaten, waaronder Zweden en "
        "Polen, heeft aangegeven niet te kunnen instemmen.\n\nRaadsconclusies over de "
        "EU-bosstrategie voor 2030\n\nInzet Nederland\n\nNederland kan de conclusies steunen.\n"
    )
    ex = extract(document_from_text(text))
    label = {e.id: e.label for e in ex.entities}
    found = {(label[r.subject], r.predicate, label[r.object], r.issue.text if r.issue else None)
             for r in ex.relations if r.predicate in STANCES}  # fmt: skip
    ngt, forests = "Verordening nieuwe genomische technieken", "Nieuwe EU-bosstrategie voor 2030"
    assert found == {
        (NL, "supports", ngt, "het voorstel"),
        ("Zweden", "opposes", ngt, None),
        ("Polen", "opposes", ngt, None),
        (NL, "supports", forests, "de conclusies"),
    }


def test_consent_with_this_is_consent_with_what_the_sentence_before_was_about():
    text = (
        "De Raad bereikte een algemene oriëntatie over het voorstel tot wijziging van de "
        "Europolverordening. Nederland kon hiermee instemmen. Polen vroeg aandacht voor de "
        "situatie aan de grens met Belarus."
    )
    assert stances(text) == {
        (EN, "supports", "Europolverordening"),
        (NL, "supports", "Europolverordening"),
        ("Polen", "requested", "Belarus"),
    }


def test_answers_to_written_questions():
    text = (
        "Antwoorden op Kamervragen van het lid Van Campen over de Ontbossingsverordening\n\n"
        "Deelt u de zorg dat de Ontbossingsverordening tot grote lasten leidt?\n\n"
        "Het kabinet deelt de zorgen over de uitvoerbaarheid van de Ontbossingsverordening. Het "
        "kabinet verwelkomt het vereenvoudigingspakket van de Commissie."
    )
    found = stances(text)
    assert ("Van Campen", "concernedAbout", "Ontbossingsverordening") in found
    assert (NL, "concernedAbout", "Ontbossingsverordening") in found
    assert (NL, "supports", "Europese Commissie") not in found  # the author of the package


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Nederland, gesteund door België, vroeg aandacht voor de Dataverordening.",
            "nl",
            {(NL, "requested", "Dataverordening"), ("België", "requested", "Dataverordening")},
        ),
        (
            "Oostenrijk vestigde de aandacht op de Ontbossingsverordening.",
            "nl",
            {("Oostenrijk", "requested", "Ontbossingsverordening")},
        ),
        (
            "Under any other business, the Polish delegation drew ministers' attention to the "
            "Deforestation Regulation.",
            "en",
            {("Poland", "requested", "Deforestation Regulation")},
        ),
    ],
)
def test_items_raised_and_who_backs_them(text, lang, expected):
    assert stances(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        _case("Duitsland gaf aan moeite te hebben met de Dataverordening.",
              "Duitsland > opposes > Dataverordening"),
        _case("Italië gaf aan niet akkoord te kunnen gaan met de Dataverordening.",
              "Italië > opposes > Dataverordening"),
        _case("De meeste lidstaten, waaronder Nederland, konden zich vinden in de Dataverordening.",
              f"{NL} > supports > Dataverordening"),
        _case("Hongarije legde een veto in tegen het 14e sanctiepakket.",
              "Hongarije > opposes > 14e sanctiepakket"),
        _case("Frankrijk gaf aan voorstander te zijn van de Dataverordening.",
              "Frankrijk > supports > Dataverordening"),
        _case("De Commissie had moeite met de planning."),
    ],
)  # fmt: skip
def test_how_reports_render_a_delegations_position(text, expected):
    assert stances(text) == expected


def test_this_and_here_refer_to_the_agenda_item():
    text = (
        "Den Haag, 1 februari 2024\n\nVerordening nieuwe genomische technieken\n\nHet "
        "voorzitterschap beoogt een algemene oriëntatie te bereiken. Nederland kan dit steunen. "
        "Frankrijk kan hier niet mee instemmen. Duitsland steunt dit niet. Nederland riep op om "
        "open discussies te blijven voeren over deze thema's.\n"
    )
    ex = extract(document_from_text(text))
    label = {e.id: e.label for e in ex.entities}
    found = {(label[r.subject], r.predicate, r.issue) for r in ex.relations if r.predicate in STANCES}  # fmt: skip
    assert found == {(NL, "supports", None), ("Frankrijk", "opposes", None), ("Duitsland", "opposes", None)}  # fmt: skip
