"""Stance rules on real sentences from the corpus (and English Council phrasing).

The mentions are given as linked spans (what the linker hands over), so these
tests exercise the relation rules themselves: cues, holders, targets,
negation, groups, enumerations, carried-over holders, anaphora, conditions.
"""

from __future__ import annotations

import re

import pytest

from kg.nlp.relation_rules import load_stance_rules
from kg.nlp.stances import Span, find_stances

ENTITIES = {
    "Nederland": ("State", "nl"),
    "Oostenrijk": ("State", "at"),
    "België": ("State", "be"),
    "Frankrijk": ("State", "fr"),
    "Slovenië": ("State", "si"),
    "Oekraïne": ("State", "ua"),
    "Rusland": ("State", "ru"),
    "VS": ("State", "us"),
    "the Netherlands": ("State", "nl"),
    "The Netherlands": ("State", "nl"),
    "Russia": ("State", "ru"),
    "Ukraine": ("State", "ua"),
    "Belarus": ("State", "by"),
    "Taliban": ("Agency", "taliban"),
    "Eurojust": ("Agency", "eurojust"),
    "Frontex": ("Agency", "frontex"),
    "Commissie": ("Agency", "ec"),
    "International Strafhof": ("Agency", "icc"),
    "Internationaal Strafhof": ("Agency", "icc"),
    "Agressietribunaal": ("Agency", "tribunal"),
    "Claimscommissie": ("Agency", "claims"),
    "European Council": ("Agency", "euco"),
    "Council": ("Agency", "council"),
    "Hoge Vertegenwoordiger Borrell": ("Minister", "borrell"),
    "IMF": ("Agency", "imf"),
    "European Democracy Shield": ("Initiative", "eds"),
    "platform internationaal personenvervoer per spoor": ("Initiative", "irp"),
    "JBZ-Raad": ("Agency", "council"),
    "Raad": ("Agency", "council"),
    "terugkeerverordening": ("Regulation", "return"),
    "Voorzitterschap": ("State", "dk"),
}


def spans_for(text: str) -> list[Span]:
    """Every whole-word occurrence of a known name, longest first, no overlaps."""
    found: list[Span] = []
    for name in sorted(ENTITIES, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            if any(m.start() < s.end and s.start < m.end() for s in found):
                continue
            etype, iri = ENTITIES[name]
            found.append(Span(m.start(), m.end(), etype, iri, name))
    return sorted(found, key=lambda s: s.start)


def sentences_of(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in re.finditer(r"[^.!?\n]+[.!?]?[ \t]*", text)
        if m.group().strip()
    ]


def triples(text: str, lang: str = "nl", headings=()) -> set[tuple[str, str, str]]:
    rels = find_stances(text, sentences_of(text), spans_for(text), headings, lang)
    for rel in rels:  # provenance: the evidence slices the text exactly
        assert text[rel.evidence.start : rel.evidence.end] == rel.evidence.text
        assert rel.rule.startswith("stance.")
    return {(r.subject, r.predicate, r.object) for r in rels}


def test_named_member_of_a_group_holds_the_stance_and_negation_flips_it():
    text = (
        "Uit de tafelronde bleek dat een groot aantal lidstaten, waaronder Nederland, geen "
        "voorstander is van een uitbreiding van het mandaat van Eurojust."
    )
    assert triples(text) == {("nl", "opposes", "eurojust")}


def test_support_with_a_named_member_of_a_group():
    text = (
        "Een achttal lidstaten, waaronder Nederland, spraken steun uit voor bescherming van het "
        "International Strafhof en gaven aan dat een Europese aanpak daarbij noodzakelijk is."
    )
    assert ("nl", "supports", "icc") in triples(text)


def test_enumerated_holders_and_conditions_are_kept():
    text = (
        "Vrijwel alle lidstaten, inclusief Nederland, en de Commissie spraken steun uit voor de "
        "mandaatsherziening van Frontex, zolang dit toegevoegde waarde heeft en aansluit bij de "
        "kerntaken: buitengrensbeheer en terugkeer."
    )
    rels = find_stances(text, sentences_of(text), spans_for(text))
    got = {(r.subject, r.predicate, r.object) for r in rels}
    assert got == {("nl", "supports", "frontex"), ("ec", "supports", "frontex")}
    assert all(r.condition and r.condition.startswith("zolang") for r in rels)


def test_a_group_without_a_named_member_holds_nothing():
    text = "Lidstaten spraken steun uit voor versterking van het UCPM en de Commissie."
    assert not any(s == "nl" for s, _, _ in triples(text))


def test_at_the_request_of_makes_the_agent_the_holder():
    text = (
        "De JBZ-Raad besprak op verzoek van Frankrijk het initiatief voor een European Democracy "
        "Shield, dat tot doel heeft de weerbaarheid van Europese democratieën te versterken."
    )
    assert ("fr", "requested", "eds") in triples(text)
    assert ("council", "requested", "eds") not in triples(text)


def test_attention_and_concern_with_the_holder_after_the_verb():
    text = (
        "Tijdens de Raad vroeg Slovenië aandacht voor de VS-sancties tegen rechters van het "
        "Internationaal Strafhof, en uitte daarbij zorgen dat verdere sancties kunnen volgen."
    )
    got = triples(text)
    assert ("si", "requested", "us") in got
    assert ("council", "requested", "us") not in got


def test_joining_the_previous_sentence_inherits_its_stances():
    text = (
        "Een grote groep lidstaten sprak haar onvoorwaardelijke steun uit aan Oekraïne en aan de "
        "verschillende internationale verantwoordelijkheidsmechanismen, en benadrukte het belang "
        "van voortgezette druk op Rusland om verantwoording af te leggen. Nederland sloot zich "
        "hierbij aan, verwelkomde de geboekte voortgang met zowel het Agressietribunaal als de "
        "Claimscommissie en riep op tot voortvarende vervolgstappen."
    )
    got = triples(text)
    assert {
        ("nl", "supports", "ua"),
        ("nl", "opposes", "ru"),
        ("nl", "supports", "tribunal"),
        ("nl", "supports", "claims"),
    } <= got
    assert ("nl", "supports", "ru") not in got


def test_not_recognising_is_opposition_in_a_verb_final_clause():
    text = (
        "We benadrukken dat Nederland de Taliban niet erkent als legitieme vertegenwoordiging van "
        "de Afghaanse bevolking."
    )
    assert ("nl", "opposes", "taliban") in triples(text)


def test_together_with_adds_a_holder():
    text = (
        "Ook zal Nederland (samen met Oostenrijk) een diversenpunt aanvragen aangaande het vierde "
        "voortgangsrapport over het platform internationaal personenvervoer per spoor (IRP)."
    )
    assert triples(text) >= {("nl", "requested", "irp"), ("at", "requested", "irp")}


def test_a_pronoun_carries_the_last_named_person():
    text = (
        "Met betrekking tot steun aan derde landen benadrukte Hoge Vertegenwoordiger Borrell dat "
        "de thans aangekondigde EU-steun het herschikken van bestaande fondsen betreft. Hij riep "
        "de lidstaten op internationale IMF-initiatieven rondom debt relief te steunen."
    )
    assert ("borrell", "supports", "imf") in triples(text)


def test_the_agenda_item_is_the_target_of_support_for_the_presidency():
    text = (
        "De Raad sprak over de stand van zaken van de onderhandelingen over het voorstel voor een "
        "terugkeerverordening. Nederland en andere lidstaten spraken hun steun uit richting het "
        "Voorzitterschap in zijn ambitie snel tot een akkoord te komen in de Raad."
    )
    got = triples(text)
    assert ("nl", "supports", "return") in got
    assert ("nl", "supports", "dk") in got


def test_english_council_phrasing():
    text = (
        "The European Council condemns Russia's war of aggression against Ukraine. "
        "Member States, including the Netherlands, expressed concern about the situation in Belarus."
    )
    rels = find_stances(text, sentences_of(text), spans_for(text), lang="en")
    got = {(r.subject, r.predicate, r.object) for r in rels}
    assert ("euco", "opposes", "ru") in got
    assert ("euco", "opposes", "ua") not in got
    assert ("nl", "concernedAbout", "by") in got


def test_rules_load_with_unique_ids_for_both_languages():
    rules = load_stance_rules()
    assert {r.lang for r in rules} == {"nl", "en"}
    assert {r.predicate for r in rules} == {"supports", "opposes", "concernedAbout", "requested"}


def test_a_malformed_rule_file_is_one_clear_error(tmp_path):
    from kg.errors import RuleError

    bad = tmp_path / "relations.jsonl"
    bad.write_text('{"id": "x", "lang": "nl", "predicate": "likes", "cue": "a"}\n')
    with pytest.raises(RuleError, match="relations.jsonl:1"):
        load_stance_rules(bad)


ENTITIES.update(
    {
        "Hongarije": ("State", "hu"),
        "Polen": ("State", "pl"),
        "sanctiepakket": ("Regulation", "sanctions"),
        "Eerste Kamer": ("Agency", "senate"),
        "Terugkeerverordening": ("Regulation", "return"),
        "Return Regulation": ("Regulation", "return"),
        "Eurojust": ("Agency", "eurojust"),
        "Commission": ("Agency", "ec"),
        "Iran": ("State", "ir"),
        "Israël": ("State", "il"),
        "Ierland": ("State", "ie"),
        "Spanje": ("State", "es"),
    }
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hongarije blokkeerde het akkoord over het sanctiepakket tegen Rusland.",
            {("hu", "opposes", "sanctions")},
        ),
        ("Nederland maakte bezwaar tegen het sanctiepakket.", {("nl", "opposes", "sanctions")}),
        (
            "De Eerste Kamer heeft een parlementair behandelvoorbehoud geplaatst bij het voorstel van "
            "de Commissie voor een Terugkeerverordening.",
            {("senate", "requested", "return")},
        ),
        ("De Raad veroordeelde de aanval van Iran op Israël.", {("council", "opposes", "ir")}),
        ("Nederland steunt het sanctiepakket niet.", {("nl", "opposes", "sanctions")}),
    ],
)
def test_dutch_cue_families(text, expected):
    assert triples(text) == expected


def test_a_vote_without_an_object_is_about_the_agenda_item():
    text = "Terugkeerverordening\n\nPolen en Hongarije stemden tegen."
    got = triples(text, headings=[(0, 20)])
    assert got == {("pl", "opposes", "return"), ("hu", "opposes", "return")}


def test_english_coordinated_clauses_and_calls_on_someone():
    text = (
        "The Netherlands supported the Return Regulation but opposed the extension of the "
        "mandate of Eurojust. The European Council called on the Commission to support Ukraine."
    )
    rels = find_stances(text, sentences_of(text), spans_for(text), lang="en")
    got = {(r.subject, r.predicate, r.object) for r in rels}
    assert {
        ("nl", "supports", "return"),
        ("nl", "opposes", "eurojust"),
        ("euco", "supports", "ua"),
    } <= got
    assert ("euco", "supports", "ec") not in got
    assert ("nl", "opposes", "return") not in got


def test_companions_hold_the_stance_and_undoing_flips_support():
    text = (
        "Nederland pleitte samen met Polen voor het sanctiepakket tegen Rusland. "
        "Ierland en Spanje riepen op tot opschorting van het akkoord met Israël."
    )
    got = triples(text)
    assert {
        ("nl", "supports", "sanctions"),
        ("pl", "supports", "sanctions"),
        ("nl", "opposes", "ru"),
        ("pl", "opposes", "ru"),
    } <= got
    assert ("nl", "supports", "pl") not in got
    assert ("ie", "opposes", "il") in got and ("ie", "supports", "il") not in got


def test_the_presidencys_compromise_text_is_about_the_item_not_the_presidency():
    text = "Terugkeerverordening\nNederland kan instemmen met de compromistekst van het Voorzitterschap."
    got = triples(text, headings=[(0, len("Terugkeerverordening"))])
    assert ("nl", "supports", "dk") not in got


def test_opposing_the_undoing_of_something_supports_it():
    got = triples("Nederland is geen voorstander van opschorting van het akkoord met Israël.")
    assert ("nl", "supports", "il") in got and ("nl", "opposes", "il") not in got


def test_a_foreign_minister_holds_no_post_in_our_ministry():
    from kg.document import Document
    from kg.nlp.doc_relations import document_relations

    text = "De Raad sprak met de Oekraïense minister van Buitenlandse Zaken Koeleba."
    doc = Document(id="d", source="d.txt", text=text)
    spans = [
        Span(21, 31, "State", "ua", "Oekraïense"),
        Span(63, 70, "Minister", "kuleba", "Koeleba"),
    ]
    rels = document_relations(doc, spans, [(0, len(text))], lambda label: "bz")
    assert not [r for r in rels if r.predicate == "holdsPost"]


def test_an_infinitive_takes_the_object_of_its_of_phrase():
    ENTITIES["Kapitaalmarktenunie"] = ("Initiative", "cmu")
    ENTITIES["Europese Centrale Bank"] = ("Agency", "ecb")
    text = (
        "De Europese Centrale Bank heeft aangegeven de voltooiing van de Kapitaalmarktenunie te "
        "steunen. Het kabinet wil terugkeer naar Syrië bevorderen."
    )
    assert triples(text) == {("ecb", "supports", "cmu")}
