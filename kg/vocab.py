"""Our own vocabulary as a closed rdflib namespace: a typo in a term fails loudly.

A test holds this class and ontology/kg.ttl to the same set of terms.

>>> str(KG.supports)
'https://w3id.org/kg-eu/ontology#supports'
>>> KG.suports  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'suports' not in namespace 'https://w3id.org/kg-eu/ontology#'
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from kg.config import VOCAB


class KG(DefinedNamespace):
    """Terms of ``https://w3id.org/kg-eu/ontology#`` (ontology/kg.ttl)."""

    _NS = Namespace(VOCAB)
    _fail = True

    # --- entity classes (the nine types of the guidelines) and their root
    Entity: URIRef
    State: URIRef
    Agency: URIRef
    Regulation: URIRef
    Minister: URIRef
    Person: URIRef
    Meeting: URIRef
    Motion: URIRef
    Document: URIRef
    Initiative: URIRef
    # --- reference-data classes
    CouncilConfiguration: URIRef
    Presidency: URIRef
    Post: URIRef
    # --- provenance classes
    SourceDocument: URIRef  # a document that was read (the named graph's subject)
    Dossier: URIRef  # a parliamentary dossier ("21 501-07")
    Mention: URIRef
    Sentence: URIRef
    Footnote: URIRef
    Statement: URIRef
    Build: URIRef

    # --- relations scored against gold
    supports: URIRef
    opposes: URIRef
    concernedAbout: URIRef
    requested: URIRef
    holdsPost: URIRef
    signedBy: URIRef
    addressedTo: URIRef
    cites: URIRef
    # --- further relations
    reportsOn: URIRef
    prepares: URIRef
    publishedAs: URIRef  # motion -> the Kamerstuk that records it
    heldIn: URIRef
    onDate: URIRef
    cosignatory: URIRef
    submittedBy: URIRef
    memberOf: URIRef
    configuration: URIRef
    mentions: URIRef
    stance: URIRef  # super-property of supports/opposes/concernedAbout/requested

    # --- mentions, sentences and statements
    mentionOf: URIRef
    inDocument: URIRef
    inSentence: URIRef
    text: URIRef
    startOffset: URIRef
    endOffset: URIRef
    evidence: URIRef  # statement -> sentence node
    evidenceText: URIRef
    rule: URIRef
    condition: URIRef
    issue: URIRef  # stance -> the object phrase as written
    issueStart: URIRef
    issueEnd: URIRef
    atMeeting: URIRef
    agendaItem: URIRef

    # --- document metadata
    documentNumber: URIRef
    dossier: URIRef
    contentHash: URIRef
    sourcePath: URIRef
    sourceFile: URIRef
    textHash: URIRef
    language: URIRef
    footnoteNumber: URIRef

    # --- reference data
    demonym: URIRef
    abbreviation: URIRef
    ambiguousAlias: URIRef
    isoCode: URIRef
    isoCode3: URIRef
    celex: URIRef
    comNumber: URIRef
    heldBy: URIRef
    startDate: URIRef
    endDate: URIRef
    post: URIRef
    organisation: URIRef
    familyName: URIRef
    initials: URIRef

    # --- builds
    rulesetHash: URIRef
    softwareVersion: URIRef
    documentsTouched: URIRef
