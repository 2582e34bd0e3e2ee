"""Linking: aliases, abbreviations, demonyms, anaphora, the presidency, person variants."""

from __future__ import annotations

from datetime import date

from kg.document import Document, MeetingRef, Metadata, Signatory
from kg.iri import entity_iri
from kg.nlp.extract import extract
from kg.nlp.pipeline import get_pipeline

NL = "https://w3id.org/kg-eu/entity/state/nederland"


def _extract(text: str, when: date | None = date(2025, 11, 3), **meta):
    doc = Document(id="t", source="t.txt", text=text, meta=Metadata(date=when, **meta))
    return extract(doc)


def _by_form(ex, form: str):
    hits = [e for e in ex.entities if any(m.text == form for m in e.mentions)]
    assert len(hits) == 1, (form, [e.label for e in hits])
    return hits[0]


def test_aliases_abbreviations_and_demonyms_link_to_one_state() -> None:
    ex = _extract(
        "Nederland sprak steun uit. De Nederlandse inzet is duidelijk. Volgens NL is dit goed."
    )
    states = [e for e in ex.entities if e.type == "State"]
    assert len(states) == 1
    assert states[0].id == NL and states[0].known
    assert {m.text for m in states[0].mentions} == {"Nederland", "Nederlandse", "NL"}
    assert "http://www.wikidata.org/entity/Q55" in states[0].same_as


def test_council_is_not_advice() -> None:
    ex = _extract("De Raad gaf geen raad. De Commissie volgde het advies van de commissie niet.")
    forms = {m.text for e in ex.entities for m in e.mentions}
    assert "Raad" in forms and "raad" not in forms
    assert "Commissie" in forms and "commissie" not in forms


def test_commission_and_council_anaphora() -> None:
    ex = _extract(
        "De Europese Commissie presenteerde het voorstel. De Commissie en de Raad spraken."
    )
    commission = _by_form(ex, "Europese Commissie")
    assert {"Europese Commissie", "Commissie"} <= {m.text for m in commission.mentions}
    assert _by_form(ex, "Raad").label == "Raad van de EU"


def test_kabinet_is_the_netherlands_but_not_after_another_demonym() -> None:
    ex = _extract("Het kabinet steunt dit. Het Duitse kabinet niet.")
    nl = next(e for e in ex.entities if e.id == NL)
    assert [m.text for m in nl.mentions] == ["kabinet"]


def test_presidency_is_the_state_holding_it_on_the_meeting_date() -> None:
    text = "Verslag van de JBZ-Raad.\nHet Voorzitterschap sprak de ambitie uit."
    meeting = MeetingRef("Raad Justitie en Binnenlandse Zaken", (date(2025, 10, 13),), None, 14, 22)
    ex = _extract(text, meeting=meeting)
    assert _by_form(ex, "Voorzitterschap").label == "Denemarken"
    # the same words in a letter of July 2019 point at Finland
    ex = _extract("Het Voorzitterschap gaf een toelichting.", when=date(2019, 7, 22))
    assert _by_form(ex, "Voorzitterschap").label == "Finland"


def test_demonym_before_presidency_names_the_state() -> None:
    ex = _extract(
        "Het inkomende Finse voorzitterschap en het Roemeense voorzitterschap.",
        when=date(2019, 7, 22),
    )
    romania = _by_form(ex, "Roemeense voorzitterschap")
    assert romania.label == "Roemenië"


def test_het_agentschap_is_the_agency_last_named() -> None:
    ex = _extract(
        "Voorts presenteerde het Voorzitterschap een discussienotitie over de toekomst van het "
        "Europese Grens- en Kustwachtagentschap (Frontex). Lidstaten spraken over het mandaat van "
        "het Agentschap."
    )
    frontex = _by_form(ex, "Agentschap")
    assert frontex.label == "Frontex"


def test_person_variants_are_one_person() -> None:
    text = (
        "De minister van Justitie en Veiligheid,\nF. van Oosten\n\n"
        "Minister Van Oosten sprak. Van Oosten benadrukte dit."
    )
    start = text.index("F. van Oosten")
    sig = Signatory("F. van Oosten", "minister van Justitie en Veiligheid", start, start + 13)
    ex = _extract(text, signatories=[sig])
    people = [e for e in ex.entities if e.type in ("Minister", "Person")]
    assert len(people) == 1
    person = people[0]
    assert person.type == "Minister"
    forms = {m.text for m in person.mentions}
    assert {"F. van Oosten", "Van Oosten", "minister van Justitie en Veiligheid"} <= forms


def test_title_anaphora_needs_one_named_holder() -> None:
    ex = _extract(
        "Hoge Vertegenwoordiger Kallas opende. Daarna sprak de Hoge Vertegenwoordiger over Oekraïne."
    )
    kallas = _by_form(ex, "Kallas")
    assert [m.text for m in kallas.mentions].count("Hoge Vertegenwoordiger") == 2
    # with two persons of that title, the bare title picks out neither
    ex = _extract("Hoge Vertegenwoordiger Kallas en Hoge Vertegenwoordiger Borrell. De HV sprak.")
    assert all("HV" not in {m.text for m in e.mentions} for e in ex.entities)


def test_minted_iris_are_deterministic_across_documents() -> None:
    a = _extract("De Claimscommissie voor schadevergoeding is opgericht.")
    b = _extract("Ook de Claimscommissie werd besproken.", when=date(2024, 1, 1))
    ida = {e.id for e in a.entities if e.type == "Agency"}
    idb = {e.id for e in b.entities if e.type == "Agency"}
    assert ida == idb == {entity_iri("Agency", "Claimscommissie")}


def test_mention_spans_for_the_relation_component() -> None:
    nlp = get_pipeline("nl")
    text = "Nederland en België steunen de herziening van de Frontexverordening."
    doc = nlp.make_doc(text)
    doc.user_data["kg_document"] = Document(id="t", source="t", text=text)
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    spans = list(doc.spans["kg_mentions"])
    assert [s.text for s in spans][:2] == ["Nederland", "België"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert all(s.kb_id_ in doc._.kg_entities for s in spans)
    assert {s.label_ for s in spans} == {"State", "Regulation"}


def test_english_pipeline_uses_the_same_reference_data() -> None:
    doc = Document(
        id="en", source="en.txt",
        text="The Commission and the Netherlands discussed Frontex with the Council.",
        meta=Metadata(language="en"),
    )  # fmt: skip
    ex = extract(doc)
    labels = {e.label for e in ex.entities}
    # the same reference entities (IRIs), named in the document's language
    assert {"European Commission", "Netherlands", "Frontex"} <= labels
    nl = extract(Document(id="nl", source="nl.txt", text="De Commissie, Nederland en Frontex."))
    assert {e.id for e in nl.entities} <= {e.id for e in ex.entities}
