"""kg.nlp.patterns: the named dependency patterns, on invented sentences."""

from __future__ import annotations

import copy
import json

import pytest

from kg.nlp.patterns import PatternError, load_patterns
from kg.rdf.ontology import object_properties

PATTERN_FAMILIES = ("verb", "noun", "resign")


def pattern_facts(doc) -> set[tuple[str, str, str, str]]:
    """(subject label, property, object label, rule) of the pattern layer's facts."""
    clusters = doc._.kg_clusters.clusters
    return {
        (clusters[r.subject].label, r.predicate, clusters[r.object].label, r.rule)
        for r in doc._.kg_relations
        if r.rule.split(":")[0] in PATTERN_FAMILIES
    }


def pattern_mentions(doc) -> list:
    return [r for r in doc._.kg_relations if r.rule.split(":")[0] in PATTERN_FAMILIES]


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "Sarah Whitfield criticised David Okafor on Tuesday.",
            ("David Okafor", "criticisedBy", "Sarah Whitfield", "verb:criticise-active"),
        ),
        (
            "David Okafor was criticised by Sarah Whitfield.",
            ("David Okafor", "criticisedBy", "Sarah Whitfield", "verb:criticise-passive"),
        ),
        (
            "Sarah Whitfield, who criticised David Okafor last year, spoke on Monday.",
            ("David Okafor", "criticisedBy", "Sarah Whitfield", "verb:criticise-active"),
        ),
        (
            "David Okafor, criticised by Sarah Whitfield, left the meeting.",
            ("David Okafor", "criticisedBy", "Sarah Whitfield", "verb:criticise-reduced-passive"),
        ),
        (
            "Sarah Whitfield praised David Okafor's dedication.",
            ("David Okafor", "praisedBy", "Sarah Whitfield", "verb:praise-possessor"),
        ),
        (
            "Sarah Whitfield accused Orvane Holdings executives of lying.",
            ("Orvane Holdings", "accusedBy", "Sarah Whitfield", "verb:accuse-name-modifier"),
        ),
        (
            "Sarah Whitfield went on to praise David Okafor.",
            ("David Okafor", "praisedBy", "Sarah Whitfield", "verb:praise-clause"),
        ),
        (
            "Sarah Whitfield paid tribute to David Okafor.",
            ("David Okafor", "praisedBy", "Sarah Whitfield", "verb:pay-tribute"),
        ),
        (
            "David Okafor faced criticism from Sarah Whitfield.",
            ("David Okafor", "criticisedBy", "Sarah Whitfield", "noun:criticism-from"),
        ),
        (
            "David Okafor received praise from Sarah Whitfield.",
            ("David Okafor", "praisedBy", "Sarah Whitfield", "noun:praise-from-verb"),
        ),
        (
            "Sarah Whitfield's criticism of David Okafor was unusually sharp.",
            ("David Okafor", "criticisedBy", "Sarah Whitfield", "noun:possessive-criticism-of"),
        ),
        (
            "Sarah Whitfield's praise for David Okafor was warm.",
            ("David Okafor", "praisedBy", "Sarah Whitfield", "noun:possessive-praise-of"),
        ),
        (
            "David Okafor came under fire from Sarah Whitfield over the budget.",
            ("David Okafor", "criticisedBy", "Sarah Whitfield", "noun:under-fire-from-verb"),
        ),
        (
            "Sarah Whitfield had a row with David Okafor.",
            ("Sarah Whitfield", "clashedWith", "David Okafor", "noun:clash-with"),
        ),
        (
            "David Okafor, chairman of Orvane Holdings, resigned from his post on Friday.",
            ("David Okafor", "resignedFrom", "Orvane Holdings", "resign:resign-from"),
        ),
    ],
)
def test_patterns_active_passive_and_nominal(nlp, text, fact):
    assert fact in pattern_facts(nlp(text))


@pytest.mark.parametrize(
    "text, rule",
    [
        ("David Okafor was praised by Sarah Whitfield and Mark Ellison.", "verb:praise-passive"),
        (
            "David Okafor received praise from Sarah Whitfield and from Mark Ellison.",
            "noun:praise-from-verb",
        ),
    ],
)
def test_patterns_conjunct_agents_each_state_the_fact(nlp, text, rule):
    facts = pattern_facts(nlp(text))
    for agent in ("Sarah Whitfield", "Mark Ellison"):
        assert ("David Okafor", "praisedBy", agent, rule) in facts


@pytest.mark.parametrize(
    "text",
    [
        "Sarah Whitfield did not criticise David Okafor.",
        "Sarah Whitfield never praised David Okafor.",
        "David Okafor faced no criticism from Sarah Whitfield.",
        "David Okafor, chairman of Orvane Holdings, will resign next month.",
    ],
)
def test_patterns_negated_or_future_yield_nothing(nlp, text):
    assert pattern_facts(nlp(text)) == set()


@pytest.mark.parametrize("hedge", ["reportedly criticised", "may have criticised"])
def test_patterns_hedged_fact_has_lower_confidence(nlp, hedge):
    (plain,) = pattern_mentions(nlp("Sarah Whitfield criticised David Okafor."))
    (hedged,) = pattern_mentions(nlp(f"Sarah Whitfield {hedge} David Okafor."))
    assert (hedged.subject, hedged.predicate, hedged.rule) == (
        plain.subject,
        plain.predicate,
        plain.rule,
    )
    assert hedged.confidence < plain.confidence


def test_patterns_rule_of_each_fact_is_a_pattern_name(nlp):
    doc = nlp(
        "Sarah Whitfield criticised David Okafor. Mark Ellison was praised by David Okafor. "
        "Sarah Whitfield's criticism of Mark Ellison surprised nobody."
    )
    names = {pattern.name for pattern in load_patterns().patterns}
    rules = {r.rule for r in pattern_mentions(doc)}
    assert len(rules) >= 3
    assert rules <= names


def test_patterns_shipped_file_states_ontology_properties():
    patterns = load_patterns().patterns
    assert len({p.name for p in patterns}) == len(patterns)
    assert {p.property for p in patterns} <= object_properties()


# -- a malformed file: one clear error that names the pattern ----------------------

VALID = {
    "lexicons": {"praise-verbs": ["praise"]},
    "patterns": [
        {
            "name": "verb:test-praise",
            "property": "praisedBy",
            "subject": "patient",
            "object": "agent",
            "confidence": 0.8,
            "pattern": [
                {
                    "RIGHT_ID": "trigger",
                    "RIGHT_ATTRS": {"POS": "VERB", "LEMMA": {"IN": "@praise-verbs"}},
                },
                {
                    "LEFT_ID": "trigger",
                    "REL_OP": ">",
                    "RIGHT_ID": "agent",
                    "RIGHT_ATTRS": {"DEP": "nsubj"},
                },
                {
                    "LEFT_ID": "trigger",
                    "REL_OP": ">",
                    "RIGHT_ID": "patient",
                    "RIGHT_ATTRS": {"DEP": "dobj"},
                },
            ],
        }
    ],
}


def _drop_rel_op(data):
    del data["patterns"][0]["pattern"][1]["REL_OP"]


def _misspell_attribute(data):
    data["patterns"][0]["pattern"][2]["RIGHT_ATTRS"] = {"DEPP": "dobj"}


def _unknown_lexicon(data):
    data["patterns"][0]["pattern"][0]["RIGHT_ATTRS"]["LEMMA"]["IN"] = "@no-such-words"


def _subject_not_a_node(data):
    data["patterns"][0]["subject"] = "target"


def _unknown_operator(data):
    data["patterns"][0]["pattern"][1]["REL_OP"] = "=>"


def _twice(data):
    data["patterns"].append(copy.deepcopy(data["patterns"][0]))


@pytest.mark.parametrize(
    "spoil, message",
    [
        (_drop_rel_op, "node 'agent' must have the keys"),
        (_misspell_attribute, "node 'patient': DEPP"),
        (_unknown_lexicon, "unknown lexicon @no-such-words"),
        (_subject_not_a_node, "no node 'target'"),
        (_unknown_operator, "node 'agent': unknown REL_OP"),
        (_twice, "is defined twice"),
    ],
)
def test_patterns_malformed_file_names_the_pattern(tmp_path, spoil, message):
    data = copy.deepcopy(VALID)
    spoil(data)
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(PatternError, match="pattern 'verb:test-praise'") as caught:
        load_patterns(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_patterns_valid_test_file_loads(tmp_path):
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps(VALID), encoding="utf-8")
    (pattern,) = load_patterns(path).patterns
    assert pattern.nodes[0]["RIGHT_ATTRS"]["LEMMA"] == {"IN": ["praise"]}


def test_patterns_file_that_is_not_json_is_a_clear_error(tmp_path):
    path = tmp_path / "patterns.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(PatternError, match="patterns.json is not JSON"):
        load_patterns(path)
