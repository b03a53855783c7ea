"""Tests for kg.evaluation.gold on hand-written graphs (tests/data/eval_*.ttl)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from rdflib import OWL, RDFS, Graph

from kg.evaluation.gold import (
    GraphFacts,
    Judgement,
    Score,
    evaluate,
    family_table,
    format_report,
    gold_name_key,
    graph_facts,
    load_graph_facts,
    micro_total,
    reliability_table,
    score,
)
from kg.rdf.ontology import active_voice
from kg.rdf.vocab import KG
from kg.sparql.load import load_graph

DATA = Path(__file__).parents[1] / "data"
ONE_DOC = DATA / "eval_one_doc.ttl"
ONE_GOLD = DATA / "eval_one_doc.gold.json"
TWO_DOCS = DATA / "eval_two_docs.ttl"


@pytest.fixture(scope="module")
def one_doc() -> GraphFacts:
    return load_graph_facts(ONE_DOC)


@pytest.fixture(scope="module")
def one_score(one_doc: GraphFacts) -> Score:
    return score(one_doc, json.loads(ONE_GOLD.read_text()), "one")


def _gold(doc: str = "", **extra: Any) -> dict[str, Any]:
    gold: dict[str, Any] = {
        "doc": doc,
        "entities": {
            "dick": {"type": "Person", "names": ["Cressida Dick", "Dick"]},
            "khan": {"type": "Person", "names": ["Sadiq Khan", "Khan"]},
            "johnson": {"type": "Person", "names": ["Boris Johnson"]},
            "met": {"type": "Organization", "names": ["Metropolitan Police"]},
            "uk": {"type": "Place", "names": ["UK"]},
        },
        "relations": [
            {"s": "dick", "p": "commissionerOf", "o": "met", "level": "must"},
            {"s": "johnson", "p": "primeMinisterOf", "o": "uk", "level": "must"},
        ],
        "wrong": [{"s": "khan", "p": "mayorOf", "o": "uk"}],
    }
    gold.update(extra)
    return gold


@pytest.mark.parametrize(
    "name, expected",
    [
        ("The Metropolitan Police", "metropolitan police"),
        ("the  Met", "met"),
        ("KHAN'S", "khan"),
        ("Khan\u2019s", "khan"),
        ("Theresa May", "theresa may"),
        ("Democrats'", "democrats"),
    ],
)
def test_evaluate_normalise_name(name: str, expected: str) -> None:
    assert gold_name_key(name) == expected


def test_evaluate_reads_entities_types_and_core_facts(one_doc: GraphFacts) -> None:
    entities = one_doc.entities
    assert entities["https://kg-news.org/resource/place_london"].type == "Place"
    assert entities["https://kg-news.org/resource/person_sadiq-khan"].names == (
        "Sadiq Khan",
        "Khan's",
    )
    properties = {f.property for f in one_doc.facts}
    assert "chiefConstableOf" in properties  # minted sub-property of holdsPositionIn
    assert not properties & {"saidBy", "mentionedIn", "someUnlistedProperty"}
    assert "chiefConstableOf" in one_doc.roles
    assert one_doc.documents == ("/news/in/a.txt",)


def test_evaluate_counts_and_ratios(one_score: Score) -> None:
    assert (one_score.output, one_score.correct, one_score.by_family) == (8, 6, 1)
    assert (one_score.found_must, one_score.gold_must) == (5, 6)
    assert (one_score.found_should, one_score.gold_should) == (1, 2)
    assert one_score.precision == pytest.approx(0.75)
    assert one_score.recall == pytest.approx(0.75)
    assert one_score.f1 == pytest.approx(0.75)


def test_evaluate_matching_ignores_case_the_and_possessive(one_score: Score) -> None:
    # "LONDON" = "London", "The Metropolitan Police" = "Metropolitan Police".
    assert "Sadiq Khan mayorOf London" not in one_score.missed_must
    assert not any("commissionerOf" in m for m in one_score.missed_must)
    facts = load_graph_facts(ONE_DOC)
    khan = facts.entities["https://kg-news.org/resource/person_sadiq-khan"]
    only_alt = GraphFacts(
        {khan.iri: type(khan)(khan.iri, "S. K.", ("S. K.", "Khan's"), "Person")}, ()
    )
    gold = _gold(wrong_entities=[{"name": "khan", "type": "Person"}])
    assert score(only_alt, gold).wrong_entities == ("khan as Person",)


def test_evaluate_family_match_counts_as_correct(one_score: Score) -> None:
    assert one_score.by_family == 1
    assert one_score.family_matches == ("Ken Marsh worksFor Police Federation  [gold chairmanOf]",)
    assert not any("chairmanOf" in m for m in one_score.missed_must)


def test_evaluate_symmetric_clash_matches_either_direction(one_score: Score) -> None:
    assert not any("clashedWith" in m for m in one_score.missed_should)


def test_evaluate_missed_facts_and_false_positives(one_score: Score) -> None:
    assert one_score.missed_must == ("Commissioner Cressida Dick praisedBy Priti Patel",)
    assert one_score.missed_should == ("Commissioner Cressida Dick lostSupportOf Mayor Sadiq Khan",)
    assert one_score.false_positives == (
        "Cressida Dick criticisedBy Jane Nobody  [object not a gold entity]"
        "  (passive-criticise 0.60)",
        "Sadiq Khan mayorOf Britain  [wrong triple]",
    )


def test_evaluate_judges_each_fact_with_its_family_rule_and_confidence(one_score: Score) -> None:
    judged = {(j.property, j.rules[:1], j.confidence, j.correct) for j in one_score.judged}
    assert ("criticisedBy", ("passive-criticise",), 0.6, False) in judged
    assert len(one_score.judged) == one_score.output
    assert sum(j.correct for j in one_score.judged) == one_score.correct
    families = {j.property: j.family for j in one_score.judged}
    assert families["criticisedBy"] == "stance" and families["mayorOf"] == "role"


def test_family_table_counts_output_and_gold_by_family(one_score: Score) -> None:
    rows = {line.split()[0]: line.split()[1:] for line in family_table(one_score)[1:]}
    stance_out = sum(j.family == "stance" for j in one_score.judged)
    assert int(rows["stance"][0]) == stance_out
    gold_stances = [hit for family, hit in one_score.gold_found if family == "stance"]
    assert int(rows["stance"][3]) == len(gold_stances) and int(rows["stance"][4]) == sum(
        gold_stances
    )


def test_reliability_table_bands_and_cumulative_precision() -> None:
    judged = [
        Judgement("role", "chairmanOf", 0.95, (), True),
        Judgement("role", "chairmanOf", 1.0, (), False),
        Judgement("stance", "praisedBy", 0.85, (), True),
        Judgement("place", "livesIn", 0.3, (), False),
    ]
    rows = [line.split() for line in reliability_table(judged)[1:]]
    assert rows[0][:4] == ["0.90-1.00", "2", "1", "0.500"]
    assert rows[1][:4] == ["0.80-0.90", "1", "1", "1.000"] and rows[1][4:] == ["3", "0.667"]
    assert rows[-1][:4] == ["0.00-0.50", "1", "0", "0.000"] and rows[-1][4:] == ["4", "0.500"]


def test_evaluate_wrong_triples(one_score: Score) -> None:
    assert one_score.wrong_triples == ("Sadiq Khan mayorOf Britain",)


def test_evaluate_duplicates(one_score: Score) -> None:
    assert one_score.duplicates == 1
    assert one_score.duplicate_list == (
        "Commissioner Cressida Dick: 2 nodes (Cressida Dick | DICK)",
    )


def test_evaluate_wrong_types_and_wrong_entities(one_score: Score) -> None:
    assert one_score.wrong_types == (
        "Ken Marsh typed Organization, gold Person",
        "Twitter typed Person, gold Organization",
    )
    # "Jane Nobody" has type "*" (any); "London" as Person is absent (it is a Place).
    assert one_score.wrong_entities == ("Twitter as Person", "Jane Nobody as Person")


def test_evaluate_alt_types_are_right(one_doc: GraphFacts) -> None:
    gold = json.loads(ONE_GOLD.read_text())
    gold["entities"]["twitter"]["alt_types"] = ["Person"]
    assert score(one_doc, gold).wrong_types == ("Ken Marsh typed Organization, gold Person",)


def test_evaluate_restricts_to_the_gold_document() -> None:
    facts = load_graph_facts(TWO_DOCS)
    assert facts.documents == ("/x/articles/a.txt", "/x/articles/b.txt")
    a = score(facts, _gold("a.txt"))
    assert (a.output, a.correct, a.wrong_triples, a.duplicates) == (1, 1, (), 0)
    b = score(facts, _gold("b.txt"))
    assert (b.output, b.correct, b.wrong_triples) == (2, 1, ("Sadiq Khan mayorOf UK",))
    assert b.missed_must == ("Cressida Dick commissionerOf Metropolitan Police",)
    everything = score(facts, _gold(""))
    assert (everything.output, everything.correct, everything.duplicates) == (3, 2, 1)
    missing = score(facts, _gold("c.txt"))
    assert missing.output == 0 and "not in the graph" in missing.notes[0]


def test_evaluate_single_document_graph_is_not_restricted(one_doc: GraphFacts) -> None:
    gold = json.loads(ONE_GOLD.read_text())
    gold["doc"] = "other.txt"
    other = score(one_doc, gold)
    assert other.output == 8
    assert "only document" in other.notes[0]


def test_evaluate_micro_total() -> None:
    a = Score("a", output=4, correct=3, gold_must=2, found_must=1, false_positives=("x",))
    b = Score("b", output=6, correct=1, gold_should=3, found_should=2, false_positives=("y",))
    total = micro_total([a, b])
    assert (total.name, total.output, total.correct) == ("TOTAL", 10, 4)
    assert total.precision == pytest.approx(0.4)
    assert total.recall == pytest.approx(3 / 5)
    assert total.false_positives == ("x", "y")


def test_evaluate_report_from_folder(tmp_path: Path) -> None:
    shutil.copy(ONE_DOC, tmp_path / "graph.ttl")
    golds = tmp_path / "gold"
    golds.mkdir()
    shutil.copy(ONE_GOLD, golds / "one.gold.json")
    (golds / "two.gold.json").write_text(json.dumps(_gold("a.txt")))
    report = evaluate(tmp_path, [golds])
    assert [s.name for s in report.scores] == ["one.gold.json", "two.gold.json"]
    assert report.total.output == 16
    text = format_report(report)
    assert "missed must:    Commissioner Cressida Dick praisedBy Priti Patel" in text
    assert "false positive: Sadiq Khan mayorOf Britain  [wrong triple]" in text
    assert "wrong entity:   Twitter as Person" in text
    last = text.splitlines()[-3:]
    assert last[0].startswith("TOTAL (2 gold files): P ")
    assert last[1].startswith("correct ")
    assert last[2].startswith("errors: duplicates 2")


def _with_mirrors(path: Path) -> Graph:
    """The graph of ``path`` with each passive stance fact also written in the active
    voice, and the ontology's owl:inverseOf axioms, as ``kg build`` writes them."""
    graph = load_graph(path)
    for stored, active in active_voice().items():
        graph.add((KG[active], OWL.inverseOf, KG[stored]))
        for s, o in list(graph.subject_objects(KG[stored])):
            graph.add((o, KG[active], s))
    return graph


def test_evaluate_does_not_count_active_voice_mirrors(one_doc: GraphFacts) -> None:
    graph = _with_mirrors(ONE_DOC)
    assert (None, KG.criticised, None) in graph
    assert graph_facts(graph).facts == one_doc.facts


def test_evaluate_does_not_count_a_mirror_even_of_a_core_property() -> None:
    graph = _with_mirrors(ONE_DOC)
    graph.add((KG.criticised, RDFS.subPropertyOf, KG.affiliatedWith))  # now in the core
    facts = graph_facts(graph).facts
    assert "criticisedBy" in {f.property for f in facts}
    assert "criticised" not in {f.property for f in facts}
    graph.remove((KG.criticised, OWL.inverseOf, KG.criticisedBy))  # a fact of its own now
    assert "criticised" in {f.property for f in graph_facts(graph).facts}


def test_evaluate_report_counts_one_gold_file_in_the_singular() -> None:
    from kg.evaluation.gold import EvalReport

    report = EvalReport("g", (Score("one"),), Score("TOTAL"))
    assert "TOTAL (1 gold file): P " in format_report(report)
