"""The kg ontology (ontology/kg.ttl) and its accessors in kg.rdf.ontology."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kg import config
from kg.rdf.ontology import (
    CORE_PROPERTIES,
    PREFIXES,
    declared_terms,
    is_core_property,
    is_role_property,
    load_ontology,
    local_name,
    object_properties,
    ontology_text,
    role_properties,
    term,
)
from kg.rdf.vocab import KG

REPO = Path(__file__).parents[2]
TITLES = REPO / "kg/nlp/data/titles.jsonl"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # not rdflib.XSD: pytest probes it

REQUIRED_OBJECT_PROPERTIES = [
    "affiliatedWith",
    "holdsPositionIn",
    "worksFor",
    "memberOf",
    "criticisedBy",
    "praisedBy",
    "supportedBy",
    "accusedBy",
    "lostSupportOf",
    "clashedWith",
    "resignedFrom",
    "appointedBy",
    "killedBy",
    "basedIn",
    "livesIn",
    "locatedIn",
    "mentionedIn",
    "saidBy",
    "quotedIn",
    "commissionerOf",
    "mayorOf",
    "primeMinisterOf",
    "homeSecretaryOf",
    "chairmanOf",
    "presidentOf",
    "leaderOf",
    "chiefExecutiveOf",
    "ministerOf",
    "spokespersonFor",
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def title_roles() -> set[str]:
    lines = TITLES.read_text(encoding="utf-8").splitlines()
    # a member of parliament is a member, a club's striker an employee: no posts
    return {json.loads(line)["property"] for line in lines if line.strip()} - {
        "memberOf",
        "worksFor",
    }


def classes_of(graph: Graph, expression: object) -> set[str]:
    """Local names of a named class or of the members of an owl:unionOf."""
    if isinstance(expression, URIRef):
        return {local_name(expression)}
    assert isinstance(expression, BNode)
    union = graph.value(expression, OWL.unionOf)
    assert union is not None, "anonymous class expression must be a union"
    return {local_name(member) for member in Collection(graph, union)}


def test_ontology_file_is_the_packaged_resource() -> None:
    link = REPO / "kg/rdf/data/kg.ttl"
    assert link.is_symlink()
    assert link.resolve() == (REPO / "ontology/kg.ttl").resolve()
    assert ontology_text() == (REPO / "ontology/kg.ttl").read_text(encoding="utf-8")


def test_ontology_header(onto: Graph) -> None:
    iri = URIRef(config.ONTOLOGY_IRI)
    assert (iri, RDF.type, OWL.Ontology) in onto
    assert onto.value(iri, OWL.versionInfo) is not None
    assert onto.value(iri, RDFS.label) is not None
    assert onto.value(iri, RDFS.comment) is not None


def test_prefix_kg_is_config_namespace() -> None:
    assert PREFIXES["kg"] == config.KG
    assert PREFIXES["kgr"] == config.RESOURCE
    assert "PREFIX kg: <https://kg-news.org/ontology#>" in ontology_text()


def test_every_declared_entity_has_label_and_comment(onto: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    entities = {s for kind in kinds for s in onto.subjects(RDF.type, kind) if isinstance(s, URIRef)}
    assert len(entities) > 100
    missing = [
        e for e in entities if not (onto.value(e, RDFS.label) and onto.value(e, RDFS.comment))
    ]
    assert missing == []


def test_classes(onto: Graph) -> None:
    for name in ("Person", "Organization", "Place", "Document", "Quote", "Country", "City"):
        assert (KG[name], RDF.type, OWL.Class) in onto, name
    for sub in ("Country", "City"):
        assert (KG[sub], RDFS.subClassOf, KG.Place) in onto
    for sub in ("PoliticalParty", "Company", "GovernmentBody", "SportsClub", "PoliceForce"):
        assert (KG[sub], RDFS.subClassOf, KG.Organization) in onto


def test_person_organization_place_pairwise_disjoint(onto: Graph) -> None:
    groups = [
        {local_name(m) for m in Collection(onto, onto.value(node, OWL.members))}
        for node in onto.subjects(RDF.type, OWL.AllDisjointClasses)
    ]
    assert any({"Person", "Organization", "Place"} <= group for group in groups)


@pytest.mark.parametrize("name", REQUIRED_OBJECT_PROPERTIES)
def test_required_object_property(onto: Graph, name: str) -> None:
    prop = KG[name]
    assert (prop, RDF.type, OWL.ObjectProperty) in onto
    assert onto.value(prop, RDFS.domain) is not None
    assert onto.value(prop, RDFS.label) is not None


def test_every_title_role_is_declared(onto: Graph) -> None:
    roles = title_roles()
    assert {"commissionerOf", "spokespersonFor", "mayorOf"} <= roles
    assert roles <= set(role_properties())
    for name in roles:
        prop = KG[name]
        assert (prop, RDFS.subPropertyOf, KG.holdsPositionIn) in onto, name
        assert (prop, RDFS.domain, KG.Person) in onto, name


def test_affiliation_hierarchy(onto: Graph) -> None:
    for name in ("holdsPositionIn", "worksFor", "memberOf"):
        assert (KG[name], RDFS.subPropertyOf, KG.affiliatedWith) in onto
    assert not is_role_property("memberOf")
    assert (KG.memberOf, RDFS.subPropertyOf, KG.holdsPositionIn) not in onto


def test_property_characteristics_and_inverses(onto: Graph) -> None:
    assert (KG.clashedWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (KG.locatedIn, RDF.type, OWL.TransitiveProperty) in onto
    assert (KG.criticised, OWL.inverseOf, KG.criticisedBy) in onto
    assert (KG.hasMember, OWL.inverseOf, KG.memberOf) in onto


@pytest.mark.parametrize(
    ("name", "domain", "range_"),
    [
        ("basedIn", {"Organization"}, {"Place"}),
        ("livesIn", {"Person"}, {"Place"}),
        ("locatedIn", {"Place"}, {"Place"}),
        ("criticisedBy", {"Person", "Organization"}, {"Person", "Organization"}),
        ("mentionedIn", {"Person", "Organization", "Place"}, {"Document"}),
        ("saidBy", {"Quote"}, {"Person", "Organization"}),
        ("quotedIn", {"Quote"}, {"Document"}),
        ("worksFor", {"Person"}, {"Organization"}),
    ],
)
def test_domain_and_range(onto: Graph, name: str, domain: set[str], range_: set[str]) -> None:
    assert classes_of(onto, onto.value(KG[name], RDFS.domain)) == domain
    assert classes_of(onto, onto.value(KG[name], RDFS.range)) == range_


def test_data_and_annotation_properties(onto: Graph) -> None:
    assert declared_terms("data") >= {"quoteText", "sourcePath", "title"}
    provenance = {
        "evidenceSentence": XSD.string,
        "evidenceDocument": KG.Document,
        "startChar": XSD.integer,
        "endChar": XSD.integer,
        "extractedBy": XSD.string,
        "confidence": XSD.decimal,
        "jobTitle": XSD.string,
        "evidenceCount": XSD.integer,
    }
    for name, range_ in provenance.items():
        assert (KG[name], RDF.type, OWL.AnnotationProperty) in onto, name
        assert (KG[name], RDFS.range, range_) in onto, name


def test_alignment_axioms(onto: Graph) -> None:
    assert (KG.Person, RDFS.subClassOf, URIRef(FOAF + "Person")) in onto
    assert (KG.Person, RDFS.subClassOf, URIRef(SCHEMA + "Person")) in onto
    assert (KG.Organization, RDFS.subClassOf, URIRef(ORG + "Organization")) in onto
    assert (KG.Document, RDFS.subClassOf, URIRef(SCHEMA + "NewsArticle")) in onto
    assert (KG.Document, RDFS.subClassOf, URIRef(PROV + "Entity")) in onto
    assert (KG.memberOf, RDFS.subPropertyOf, URIRef(ORG + "memberOf")) in onto


def test_external_terms_declared_with_matching_kind(onto: Graph) -> None:
    """Mapping axioms only link terms of one OWL kind, each declared (OWL 2 DL)."""
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass):
        for sub, sup in onto.subject_objects(predicate):
            if isinstance(sup, BNode):
                continue
            sub_kinds = {k for k in kinds if (sub, RDF.type, k) in onto}
            sup_kinds = {k for k in kinds if (sup, RDF.type, k) in onto}
            assert len(sub_kinds) == 1 and sub_kinds == sup_kinds, (sub, predicate, sup)


def test_core_properties() -> None:
    assert CORE_PROPERTIES <= object_properties()
    assert is_core_property("criticisedBy") and is_core_property("mayorOf")
    assert not is_core_property("mentionedIn")


def test_role_properties_labels() -> None:
    roles = role_properties()
    assert roles["commissionerOf"] == "commissioner of"
    assert roles["spokespersonFor"] == "spokesperson for"
    assert list(roles) == sorted(roles)
    assert is_role_property("mayorOf") and not is_role_property("clashedWith")


def test_sparql_follows_sub_properties(onto: Graph) -> None:
    query = "SELECT ?p WHERE { ?p rdfs:subPropertyOf+ kg:affiliatedWith }"
    found = {local_name(row[0]) for row in onto.query(query, initNs={"kg": str(KG), "rdfs": RDFS})}
    assert {"holdsPositionIn", "worksFor", "memberOf", "mayorOf"} <= found


def test_load_ontology_is_a_fresh_stable_copy() -> None:
    first = load_ontology()
    first.add((term("Extra"), RDF.type, OWL.Class))
    second = load_ontology()
    assert (term("Extra"), RDF.type, OWL.Class) not in second
    bnodes = {n for t in second for n in t if isinstance(n, BNode)}
    assert bnodes and all(len(b) <= 32 for b in bnodes)
    assert {n for t in load_ontology() for n in t if isinstance(n, BNode)} == bnodes


def test_term_checks_names() -> None:
    assert term("mayorOf") == KG.mayorOf
    for bad in ("", "mayor of", "1abc", "a/b", "x>"):
        with pytest.raises(ValueError):
            term(bad)


def test_labels_are_english_literals(onto: Graph) -> None:
    label = onto.value(KG.mayorOf, RDFS.label)
    assert isinstance(label, Literal) and label.language == "en"


def test_every_passive_property_has_an_active_voice_inverse(onto: Graph) -> None:
    from kg.rdf.ontology import PASSIVE_PROPERTIES, active_voice

    active = active_voice()
    assert set(active) == PASSIVE_PROPERTIES
    assert active["killedBy"] == "killed" and active["appointedBy"] == "appointed"
    for stored, name in active.items():
        prop = KG[name]
        assert (prop, RDF.type, OWL.ObjectProperty) in onto, name
        assert (prop, OWL.inverseOf, KG[stored]) in onto, name
        label = onto.value(prop, RDFS.label)
        assert isinstance(label, Literal) and label.language == "en", name
        if stored.endswith("By"):  # "criticised by" -> "criticised"
            assert str(onto.value(KG[stored], RDFS.label)) == f"{label} by", name
        assert str(onto.value(prop, RDFS.comment)).startswith("The inverse of "), name


def _classes(graph: Graph, node) -> set[str]:
    """The local names of a class or of the members of an owl:unionOf."""
    if isinstance(node, URIRef):
        return {local_name(node)}
    members = graph.value(node, OWL.unionOf)
    return {local_name(m) for m in Collection(graph, members)} if members else set()


def test_the_extractors_type_check_keeps_every_fact_inside_the_ontologys_domains():
    """A fact the extractor accepts never makes a reasoner infer a new type for an
    end ("Acme appointedBy Ann Lee" would make Acme a person)."""
    from kg.nlp.relations import types_fit

    graph = load_ontology()
    kinds = ("Person", "Organization", "Place")
    roles = frozenset(role_properties()) | {"holdsPositionIn"}
    extracted = CORE_PROPERTIES - {"affiliatedWith", "holdsPositionIn"}
    for prop in graph.subjects(RDF.type, OWL.ObjectProperty):
        domain, range_ = graph.value(prop, RDFS.domain), graph.value(prop, RDFS.range)
        name = local_name(prop)
        if domain is None or range_ is None or name not in extracted:
            continue
        allowed = (_classes(graph, domain), _classes(graph, range_))
        for subject in kinds:
            for object_ in kinds:
                if types_fit(name, "verb:any", subject, object_, roles):
                    assert subject in allowed[0] and object_ in allowed[1], (name, subject, object_)
