"""Stance families that hold across Council configurations and years, one real-shaped
sentence each (made up, in the phrasing of Dutch letters and English Council texts)."""

from __future__ import annotations

import pytest
from test_relations import ENTITIES, triples

ENTITIES.update(
    {
        "uw Kamer": ("Agency", "tk"),
        "EU": ("Agency", "eu"),
        "Russische": ("State", "ru"),
        "kabinet": ("State", "nl"),
        "Spanje": ("State", "es"),
        "Polen": ("State", "pl"),
        "Eerdmans": ("Person", "eerdmans"),
        "Navalny": ("Person", "navalny"),
        "Jane Doe": ("Minister", "doe"),
        "Serbia": ("State", "rs"),
        "Kosovo": ("State", "xk"),
        "Raad van Europa": ("Agency", "coe"),
        "Europese Vredesfaciliteit": ("Initiative", "epf"),
        "EU strategy on the rights of the child": ("Initiative", "child"),
        "environmental crime directive": ("Regulation", "envcrime"),
        "second additional protocol to the Cybercrime Convention": ("Regulation", "protocol"),
        "Screeningsverordening": ("Regulation", "screening"),
        "NAVO-top": ("Meeting", "nato-summit"),
        "Switzerland": ("State", "ch"),
        "Italy": ("State", "it"),
        "Hungary": ("State", "hu"),
        "France": ("State", "fr"),
        "Italië": ("State", "it"),
        "Malta": ("State", "mt"),
        "Greece": ("State", "gr"),
        "Sweden": ("State", "se"),
        "Denmark": ("State", "dk"),
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "De Raad bereikte een algemene oriëntatie over de Terugkeerverordening en de "
            "Screeningsverordening.",
            {("council", "supports", "return"), ("council", "supports", "screening")},
        ),
        (
            "De Raad nam conclusies aan over de prioriteiten ten aanzien van de Raad van Europa.",
            set(),
        ),
        (
            "De Raad zal naar verwachting een algemene oriëntatie vaststellen over de "
            "Terugkeerverordening.",
            set(),
        ),
        (
            "De Raad ging akkoord met een tranche militaire steun uit de Europese "
            "Vredesfaciliteit voor Oekraïne.",
            set(),
        ),
    ],
)
def test_council_procedure_is_a_stance_of_the_council(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Council adopted conclusions on the EU strategy on the rights of the child.",
            {("council", "supports", "child")},
        ),
        (
            "The Council agreed on a partial general approach on the draft environmental crime "
            "directive.",
            {("council", "supports", "envcrime")},
        ),
        (
            "The Council gave the Commission a mandate to negotiate the second additional "
            "protocol to the Cybercrime Convention.",
            {("council", "supports", "protocol")},
        ),
        # a mandate with two purposes supports the object of each, never its addressee
        (
            "The Council gave the Commission a mandate to negotiate an agreement with Switzerland "
            "and to participate in the negotiations in the Raad van Europa on a second additional "
            "protocol to the Cybercrime Convention.",
            {("council", "supports", "protocol")},
        ),
        ("The Council will adopt its position on the Return Regulation next month.", set()),
    ],
)
def test_english_council_procedure(text, expected):
    assert triples(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nederland sprak waardering uit voor de rol die Frontex speelt.",
            {("nl", "supports", "frontex")},
        ),
        ("Slovenië dankte Eurojust voor het werk.", {("si", "supports", "eurojust")}),
        (
            "Nederland drong aan op een snelle afronding van de Terugkeerverordening.",
            {("nl", "supports", "return")},
        ),
        ("Het kabinet zet in op versterking van Frontex.", {("nl", "supports", "frontex")}),
        (
            "Nederland bracht onder diversen het platform internationaal personenvervoer per "
            "spoor op.",
            {("nl", "requested", "irp")},
        ),
        (
            "Zoals verzocht door uw Kamer gaat deze brief in op de Terugkeerverordening.",
            {("tk", "requested", "return")},
        ),
    ],
)
def test_appreciation_calls_commitments_and_requests(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Polen bracht onder diversen de NAVO-top op.", {("pl", "requested", "nato-summit")}),
        ("Op verzoek van Polen werd de NAVO-top besproken.", {("pl", "requested", "nato-summit")}),
        # where it was said, not what was asked for
        (
            "Frankrijk bracht op de JBZ-Raad de Terugkeerverordening op.",
            {("fr", "requested", "return")},
        ),
        # support for a meeting is not read from a venue either
        (
            "Nederland steunde tijdens de NAVO-top de Terugkeerverordening.",
            {("nl", "supports", "return")},
        ),
    ],
)
def test_a_named_summit_can_be_what_someone_asks_to_discuss(text, expected):
    assert triples(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nederland kan de Terugkeerverordening niet steunen.",
        "Nederland kan het compromisvoorstel voor de Terugkeerverordening niet steunen.",
        "Nederland kan met de Terugkeerverordening niet instemmen.",
        "Het kabinet wijst de Terugkeerverordening af.",
        "Nederland wees de Terugkeerverordening af.",
        "Nederland zal zich tegen de Terugkeerverordening verzetten.",
        "Nederland heeft zich tegen het voorstel voor een Terugkeerverordening verzet.",
    ],
)
def test_split_cues_hold_their_object(text):
    # Dutch splits the verb around its object: "wijst X af", "kan X niet steunen"
    assert triples(text) == {("nl", "opposes", "return")}


def test_inside_a_split_cue_only_the_object_counts():
    text = (
        "Nederland kan vanwege de gevolgen voor Polen met de Terugkeerverordening niet instemmen."
    )
    assert triples(text) == {("nl", "opposes", "return")}


def test_measures_oppose_the_one_they_answer_never_the_victim():
    text = "De EU nam sanctiepakketten aan in reactie op de Russische agressie tegen Oekraïne."
    assert triples(text) == {("eu", "opposes", "ru")}


def test_weakening_and_supporting_in_one_plan():
    text = "The EU has a very clear plan: first, to weaken Russia and second, to support Ukraine."
    assert triples(text, "en") == {("eu", "opposes", "ru"), ("eu", "supports", "ua")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Nederland steunt, net als Spanje, de Terugkeerverordening.",
            "nl",
            {("nl", "supports", "return")},
        ),
        ("Nederland verwelkomde de gesprekken tussen Frankrijk en Polen.", "nl", set()),
        ("The Council welcomed the talks between Serbia and Kosovo.", "en", set()),
        (
            "Nederland steunt conform de motie van het lid Eerdmans de Terugkeerverordening.",
            "nl",
            {("nl", "supports", "return")},
        ),
        ("Nederland steunt het idee om Frontex een grotere rol te geven.", "nl", set()),
        (
            "De Raad veroordeelde de moord op Navalny door Rusland.",
            "nl",
            {("council", "opposes", "ru")},
        ),
    ],
)
def test_bystanders_receive_nothing(text, lang, expected):
    assert triples(text, lang) == expected


def test_in_a_reported_clause_the_stance_is_the_reported_subjects():
    text = "Nederland herinnerde eraan dat de Commissie de Terugkeerverordening had verwelkomd."
    assert triples(text) == {("ec", "supports", "return")}


def test_the_quoted_speaker_holds_the_quotes_stances():
    text = (
        "The European Union stands with Ukraine.\n\n"
        "Jane Doe, High Representative for Foreign Affairs and Security Policy\n\n"
        "Ministers discussed the situation."
    )
    ENTITIES["European Union"] = ("Agency", "eu")
    assert triples(text, "en") == {("eu", "supports", "ua"), ("doe", "supports", "ua")}
    inline = '"We condemn the attacks by Russia", said Jane Doe after the meeting.'
    assert ("doe", "opposes", "ru") in triples(inline, "en")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Sweden and Denmark were sceptical about the Return Regulation.",
            "en",
            {("se", "opposes", "return"), ("dk", "opposes", "return")},
        ),
        ("Italy remained critical of the Return Regulation.", "en", {("it", "opposes", "return")}),
        # critical infrastructure, critical for: no stance
        ("Frontex is critical for the Return Regulation.", "en", set()),
    ],
)
def test_reluctance_is_opposition_in_english_too(text, lang, expected):
    assert triples(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("De ministers van Italië en Malta riepen op tot de Terugkeerverordening.", "nl"),
        ("Ministers of Italy and Malta called for the Return Regulation.", "en"),
    ],
)
def test_the_states_whose_ministers_speak_hold_the_stance(text, lang):
    assert triples(text, lang) == {("it", "supports", "return"), ("mt", "supports", "return")}


def test_spokespeople_only_as_the_subject():
    text = "Nederland sprak met de ministers van Italië over steun voor de Terugkeerverordening."
    assert ("it", "supports", "return") not in triples(text)


def test_the_agents_of_a_passive_are_never_its_object():
    text = "The Commission presented the Return Regulation, which was welcomed by Italy and Greece."
    got = triples(text, "en")
    assert ("ec", "supports", "gr") not in got and ("ec", "supports", "it") not in got


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Nederland benadrukte dat de Terugkeerverordening van groot belang is.", "nl", "supports"),
        (
            "Italië wees op de noodzaak van een snelle afronding van de Terugkeerverordening.",
            "nl",
            "supports",
        ),
        ("Polen gaf aan niet in te kunnen stemmen met de Terugkeerverordening.", "nl", "opposes"),
        (
            "Nederland zal bij de stemming over de Terugkeerverordening voorstemmen.",
            "nl",
            "supports",
        ),
        ("Polen zal bij de stemming over de Terugkeerverordening tegenstemmen.", "nl", "opposes"),
        ("Slovenië verdedigde de Terugkeerverordening.", "nl", "supports"),
        (
            "France stressed that the Return Regulation remains of great importance.",
            "en",
            "supports",
        ),
        ("France defended the Return Regulation.", "en", "supports"),
    ],
)
def test_emphasis_defence_and_votes(text, lang, expected):
    assert {p for _, p, o in triples(text, lang) if o == "return"} == {expected}


def test_a_that_clause_is_argued_for_only_when_it_is_called_important():
    assert (
        triples("De Commissie stelde dat de Terugkeerverordening in juni wordt besproken.") == set()
    )
    assert triples("Nederland verdedigde zich tegen de kritiek van Polen.") == set()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The EU urges Iran to refrain from supplying weapons to Russia.", "en"),
        ("De EU riep Iran op te stoppen met de levering van wapens aan Rusland.", "nl"),
    ],
)
def test_a_call_to_stop_supports_nobody_it_names(text, lang):
    assert not {t for t in triples(text, lang) if t[1] == "supports"}


def test_those_of_named_states_hold_the_stance():
    text = "Several ministers, notably those of Italy and Greece, opposed the Return Regulation."
    assert triples(text, "en") == {("it", "opposes", "return"), ("gr", "opposes", "return")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Wat betreft de Terugkeerverordening gaf Nederland aan het voorstel te steunen.",
            "nl",
            {("nl", "supports", "return")},
        ),
        (
            "Met betrekking tot de Terugkeerverordening uitte Hongarije kritiek.",
            "nl",
            {("hu", "opposes", "return")},
        ),
        (
            "As regards the Return Regulation, Italy voiced concerns.",
            "en",
            {("it", "concernedAbout", "return")},
        ),
        # a fronted topic never overrides the object the cue has
        (
            "Wat betreft de Terugkeerverordening sprak Nederland steun uit voor Frontex.",
            "nl",
            {("nl", "supports", "frontex")},
        ),
    ],
)
def test_a_fronted_topic_is_the_object_of_a_cue_without_one(text, lang, expected):
    assert triples(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "The Council extended the mandate of Frontex until 2027.",
            "en",
            {("council", "supports", "frontex")},
        ),
        ("De Raad verlengde het mandaat van Frontex.", "nl", {("council", "supports", "frontex")}),
        # measures renewed against someone oppose them; nobody is supported
        (
            "The Council renewed the restrictive measures against Russia.",
            "en",
            {("council", "opposes", "ru")},
        ),
    ],
)
def test_the_council_extending_or_renewing_something_supports_it(text, lang, expected):
    assert triples(text, lang) == expected


def test_states_voting_against_an_act_the_council_adopted_oppose_it():
    text = "The Council adopted the Return Regulation, with Hungary and Italy voting against."
    assert triples(text, "en") == {
        ("council", "supports", "return"),
        ("hu", "opposes", "return"),
        ("it", "opposes", "return"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "Nederland vreest dat de Terugkeerverordening tot meer bureaucratie leidt.",
        "Nederland is ongerust over de Terugkeerverordening.",
        "Nederland heeft nog vragen bij de uitvoerbaarheid van de Terugkeerverordening.",
    ],
)
def test_fear_and_questioning_are_concern(text):
    assert triples(text) == {("nl", "concernedAbout", "return")}


def test_members_with_questions_about_a_bill_voice_no_concern():
    text = "De leden van de fractie hebben vragen over de Terugkeerverordening."
    assert not {t for t in triples(text) if t[1] == "concernedAbout"}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "De Commissie kreeg steun van Frankrijk en Italië voor de Terugkeerverordening.",
            "nl",
            {("fr", "supports", "return"), ("it", "supports", "return")},
        ),
        (
            "Het voorstel voor een Terugkeerverordening kon rekenen op brede steun, onder meer "
            "van Nederland en Polen.",
            "nl",
            {("nl", "supports", "return"), ("pl", "supports", "return")},
        ),
        (
            "The Commission received support from France for the Return Regulation.",
            "en",
            {("fr", "supports", "return")},
        ),
        (
            "De Terugkeerverordening werd op verzoek van Polen besproken.",
            "nl",
            {("pl", "requested", "return")},
        ),
    ],
)
def test_support_received_from_someone_is_theirs(text, lang, expected):
    assert triples(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Nederland heeft geen bezwaar tegen de Terugkeerverordening.", "nl"),
        ("Italy had no objection to the Return Regulation.", "en"),
    ],
)
def test_no_objection_is_consent(text, lang):
    assert {p for _, p, o in triples(text, lang) if o == "return"} == {"supports"}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "De Terugkeerverordening werd gesteund door Polen en Italië.",
            "nl",
            {("pl", "supports", "return"), ("it", "supports", "return")},
        ),
        (
            "De Terugkeerverordening wordt door Polen en Italië gesteund.",
            "nl",
            {("pl", "supports", "return"), ("it", "supports", "return")},
        ),
        (
            "Frankrijk presenteerde een non-paper over de Terugkeerverordening, dat werd gesteund "
            "door Polen en Italië.",
            "nl",
            {("pl", "supports", "return"), ("it", "supports", "return")},
        ),
        (
            "De Terugkeerverordening werd geblokkeerd door Polen.",
            "nl",
            {("pl", "opposes", "return")},
        ),
        (
            "The Commission presented the Return Regulation, which was welcomed by Italy and Greece.",
            "en",
            {("it", "supports", "return"), ("gr", "supports", "return")},
        ),
        (
            "The Return Regulation was opposed by Hungary and Italy.",
            "en",
            {("hu", "opposes", "return"), ("it", "opposes", "return")},
        ),
    ],
)
def test_a_passive_stance_is_its_agents(text, lang, expected):
    assert triples(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Spanje steunde de Terugkeerverordening. Polen en Italië deden hetzelfde.",
            "nl",
            {
                ("es", "supports", "return"),
                ("pl", "supports", "return"),
                ("it", "supports", "return"),
            },
        ),
        (
            "Italy backed the Return Regulation. Hungary did the same.",
            "en",
            {("it", "supports", "return"), ("hu", "supports", "return")},
        ),
        # a state after "Dat gold ook voor" is one more holder when states hold and acts
        # are the targets, one more target when states are the targets
        (
            "Spanje steunde de Terugkeerverordening. Dat gold ook voor Polen.",
            "nl",
            {("es", "supports", "return"), ("pl", "supports", "return")},
        ),
        (
            "Nederland steunt sancties tegen Rusland. Hetzelfde geldt voor Belarus.",
            "nl",
            {("nl", "opposes", "ru"), ("nl", "opposes", "by")},
        ),
    ],
)
def test_joining_the_stance_of_the_sentence_before(text, lang, expected):
    assert triples(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Italië diende een non-paper in. Daarin pleit het land voor de Terugkeerverordening.",
            {("it", "supports", "return")},
        ),
        (
            "Italië sprak in de Raad. Het land vond de Terugkeerverordening nodig, en Nederland "
            "steunt Frontex.",
            {("nl", "supports", "frontex")},
        ),
    ],
)
def test_the_country_named_before_and_a_second_main_clause(text, expected):
    assert {t for t in triples(text) if t[1] == "supports"} == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Italy and Greece spoke. They called for the Return Regulation.",
            "en",
            {("it", "supports", "return"), ("gr", "supports", "return")},
        ),
        (
            "Italy voiced concerns about the Return Regulation. Hungary shared these concerns.",
            "en",
            {("it", "concernedAbout", "return"), ("hu", "concernedAbout", "return")},
        ),
        (
            "Polen uitte zorgen over de Terugkeerverordening. Spanje deelde deze zorgen.",
            "nl",
            {("pl", "concernedAbout", "return"), ("es", "concernedAbout", "return")},
        ),
        # "as did X": X is no target (and, like a comparison, holds nothing)
        (
            "France supported the Return Regulation, as did Italy.",
            "en",
            {("fr", "supports", "return")},
        ),
    ],
)
def test_plural_pronouns_shared_concerns_and_as_did(text, lang, expected):
    assert triples(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Council decided to prolong the mandate of Frontex until 2027.",
            {("council", "supports", "frontex")},
        ),
        # adopting a decision to suspend something is against it
        (
            "The Council adopted a decision to suspend the Return Regulation for Hungary.",
            {("council", "opposes", "return")},
        ),
    ],
)
def test_deciding_to_prolong_or_to_suspend(text, expected):
    assert {t for t in triples(text, "en") if t[0] == "council"} == expected


def test_a_judgement_without_an_object_is_about_the_agenda_item():
    text = "Terugkeerverordening\nEnkele lidstaten, waaronder Spanje, zijn kritisch. Polen is positief."
    got = triples(text, headings=[(0, len("Terugkeerverordening"))])
    assert got == {("es", "opposes", "return"), ("pl", "supports", "return")}


def test_expected_consent_and_a_positive_attitude_are_about_the_agenda_item():
    text = (
        "Terugkeerverordening\nNederland verwacht in te kunnen stemmen met de algemene "
        "oriëntatie. Polen heeft een positieve grondhouding."
    )
    got = triples(text, headings=[(0, len("Terugkeerverordening"))])
    assert got == {("nl", "supports", "return"), ("pl", "supports", "return")}
