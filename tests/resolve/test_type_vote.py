"""The type vote: one name, one type across a build (issue #13).

Hand-made extractions with invented names only (no spaCy).
"""

from __future__ import annotations

import json
import random

import pytest

from kg.records import DocumentExtraction, Entity, Evidence, Mention, Relation
from kg.resolve.resolver import merge_report, resolve
from kg.resolve.types import TypeCues, evidence, vote_types

CUES = TypeCues(
    person_pronouns=frozenset({"he", "his", "she", "her"}),
    org_descriptions=frozenset({"firm", "club"}),
    place_descriptions=frozenset({"city", "country"}),
    org_markers=frozenset({"plc", "holdings"}),
    fixed_names=frozenset({"ruritania"}),
    property_types={"livesIn": ("Person", "Place")},
    role_properties=frozenset({"chairmanOf"}),
)


def ent(key: str, label: str, etype: str, *cues: tuple[str, str]) -> Entity:
    """An entity; ``cues`` are (kind, text) mentions besides its name."""
    mentions = (Mention(0, len(label), label), *(Mention(0, 1, t, k) for k, t in cues))
    return Entity(key, label, etype, (), mentions)  # type: ignore[arg-type]


def rel(s: str, p: str, o: str, rule: str = "rule:test") -> Relation:
    return Relation(s, p, o, Evidence("x", "A sentence.", 0, 11, rule, 0.9))


def doc(doc_id: str, *entities: Entity, relations: tuple[Relation, ...] = ()) -> DocumentExtraction:
    return DocumentExtraction(doc_id, f"{doc_id}.txt", "", 100, entities, relations)


def firm_articles(n: int, label: str = "Quillon") -> list[DocumentExtraction]:
    """``n`` articles typing ``label`` an organisation, the first two with "its"."""
    return [
        doc(f"f{i}", ent("e0", label, "Organization", *([("pronoun", "its")] if i < 2 else [])))
        for i in range(n)
    ]


def types_of(corpus) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node in corpus.nodes:
        found.setdefault(node.label, []).append(node.type)
    return {label: sorted(types) for label, types in sorted(found.items())}


def test_type_vote_retypes_a_name_the_other_type_clearly_wins():
    stray = doc("p1", ent("e0", "Quillon", "Person"), ent("e1", "Dunmere", "Place"))
    corpus = resolve([*firm_articles(3), stray], type_cues=CUES)
    assert types_of(corpus) == {"Dunmere": ["Place"], "Quillon": ["Organization"]}
    [line] = merge_report(corpus).splitlines()
    merge = json.loads(line)
    assert merge["type"] == "Organization"
    assert ["p1", "Quillon"] in merge["members"]
    assert merge["reasons"][0].startswith(
        'type vote: "Quillon" (p1) was a Person, is an Organization: '
        'Organization in 3 articles (2 with local evidence: "its")'
    )


@pytest.mark.parametrize(
    "cue",
    [("pronoun", "she"), ("title", "Mr Quillon")],
)
def test_type_vote_keeps_an_entity_its_article_gives_evidence_for(cue):
    corpus = resolve([*firm_articles(6), doc("p1", ent("e0", "Quillon", "Person", cue))], CUES)
    assert types_of(corpus) == {"Quillon": ["Organization", "Person"]}


def test_type_vote_needs_the_margin_and_evidence_for_the_winner():
    close = [*firm_articles(3), *(doc(f"p{i}", ent("e0", "Quillon", "Person")) for i in (1, 2))]
    unsure = [
        *(doc(f"f{i}", ent("e0", "Varrow", "Organization")) for i in range(5)),
        doc("p1", ent("e0", "Varrow", "Person")),
    ]
    assert vote_types(close, CUES)[1] == ()
    assert vote_types(unsure, CUES)[1] == ()


def test_type_vote_keeps_both_types_an_article_uses():
    both = doc("p1", ent("e0", "Quillon", "Person"), ent("e1", "Quillon", "Organization"))
    _, retypes = vote_types([*firm_articles(4), both], CUES)
    assert retypes == ()


def test_type_vote_never_retypes_a_country_or_club_but_a_person_of_its_name():
    places = [
        doc(f"c{i}", ent("e0", "Ruritania", "Place", ("demonym", "Ruritanian"))) for i in range(6)
    ]
    person = doc("s2", ent("e0", "Ruritania", "Person"))
    _, retypes = vote_types([*places, person], CUES)
    assert [(r.doc_id, r.old, r.new) for r in retypes] == [("s2", "Person", "Place")]
    fans = [
        doc(f"p{i}", ent("e0", "Ruritania", "Person", ("title", "Mr Ruritania"))) for i in range(6)
    ]
    side = doc("s1", ent("e0", "Ruritania", "Organization"))
    assert vote_types([*fans, side], CUES)[1] == ()


def test_type_vote_leaves_places_and_organisations_of_one_name_apart():
    clubs = [
        doc(f"c{i}", ent("e0", "Dunmere", "Organization", ("description", "club")))
        for i in range(6)
    ]
    town = doc("t1", ent("e0", "Dunmere", "Place"))
    assert vote_types([*clubs, town], CUES)[1] == ()


def test_type_vote_makes_a_person_only_of_a_person_shaped_or_titled_name():
    def people(label: str, cue: tuple[str, str]) -> list[DocumentExtraction]:
        return [doc(f"p{i}", ent("e0", label, "Person", cue)) for i in range(4)]

    def retyped(articles: list[DocumentExtraction]) -> list[str]:
        return [r.label for r in vote_types(articles, CUES)[1]]

    odd = [doc("o1", *(ent(f"e{i}", n, "Organization") for i, n in enumerate(NAMES)))]
    he = ("pronoun", "he")
    assert retyped([*people("Ada Brisk", he), *odd]) == ["Ada Brisk"]
    assert (
        retyped([*people("Real Dunmere", he), *odd, doc("x", ent("e0", "Dunmere", "Place"))]) == []
    )
    assert retyped([*people("BBC Brisk", he), *odd]) == []
    assert retyped([*people("Brisk", he), *odd]) == []
    assert retyped([*people("Brisk", ("title", "Mr Brisk")), *odd]) == ["Brisk"]


NAMES = ("Ada Brisk", "Real Dunmere", "BBC Brisk", "Brisk")


@pytest.mark.parametrize("label", ["Ruritanians", "CEOs"])
def test_type_vote_keeps_a_group_of_people_in_the_plural(label):
    firms = [doc(f"f{i}", ent("e0", label, "Organization", ("pronoun", "its"))) for i in range(4)]
    assert vote_types([*firms, doc("p1", ent("e0", label, "Person"))], CUES)[1] == ()


def test_type_vote_drops_the_facts_the_new_type_does_not_fit():
    stray = doc(
        "p1",
        ent("e0", "Quillon", "Person"),
        ent("e1", "Dunmere", "Place"),
        ent("e2", "Ada Brisk", "Person"),
        relations=(
            rel("e0", "livesIn", "e1"),
            rel("e0", "chairmanOf", "e1", "role:title"),
            rel("e2", "criticisedBy", "e0"),
        ),
    )
    [*_, out], [retype] = vote_types([*firm_articles(3), stray], CUES)
    assert [(r.subject, r.predicate, r.object) for r in out.relations] == [
        ("e2", "criticisedBy", "e0")
    ]
    assert retype.reason.endswith("dropped its facts chairmanOf, livesIn")
    assert [e.type for e in out.entities] == ["Organization", "Place", "Person"]


def test_type_vote_does_not_depend_on_the_order_of_the_articles():
    articles = [*firm_articles(4), doc("p1", ent("e0", "Quillon", "Person"))]
    first = resolve(articles, type_cues=CUES)
    random.Random(3).shuffle(articles)
    again = resolve(articles, type_cues=CUES)
    assert merge_report(first) == merge_report(again)
    assert first == again


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        (
            ent("e0", "Ada Brisk", "Person", ("pronoun", "He"), ("title", "Ms Brisk")),
            ("Ms Brisk", "he"),
        ),
        (ent("e0", "Ada Brisk", "Person", ("pronoun", "it")), ()),
        (
            ent("e0", "Tolvane", "Organization", ("pronoun", "it"), ("description", "firm")),
            ("firm",),
        ),
        (ent("e0", "Tolvane Holdings", "Organization"), ("Tolvane Holdings",)),
        (
            ent("e0", "Dunmere", "Place", ("demonym", "Dunmerian"), ("pronoun", "its")),
            ("dunmerian",),
        ),
    ],
)
def test_type_vote_evidence_is_what_the_article_says_of_the_type(entity, expected):
    assert evidence(entity, CUES) == expected


def test_type_vote_reads_kg_lexicon():
    cues = TypeCues.from_lexicon()
    assert {"ireland", "united kingdom"} <= cues.fixed_names
    assert {"firm", "club"} <= cues.org_descriptions
    assert "country" in cues.place_descriptions and "firm" not in cues.place_descriptions
    assert {"she", "him"} <= cues.person_pronouns
    assert cues.property_types["livesIn"] == ("Person", "Place")


def test_type_vote_reads_the_cues_a_build_keeps():
    from kg.build import ExtractionSpool

    spool = ExtractionSpool()
    try:
        kept = [
            spool.add(x) for x in (*firm_articles(3), doc("p1", ent("e0", "Quillon", "Person")))
        ]
    finally:
        spool.close()
    assert kept[0].entities[0].mentions == (Mention(0, 1, "its", "pronoun"),)
    assert types_of(resolve(kept, type_cues=CUES)) == {"Quillon": ["Organization"]}
