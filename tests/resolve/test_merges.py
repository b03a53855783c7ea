"""Cross-article entity resolution: explanations, merge rules, surnames, determinism.

Hand-made extractions only (no spaCy): every test runs in milliseconds.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import replace
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.records import Corpus, DocumentExtraction, Entity, Evidence, Relation
from kg.resolve.resolver import MERGES_FILE, merge_report, resolve
from kg.resolve.rules import (
    RULES_FILE,
    MergeRules,
    find_merge_rules,
    parse_merge_rules,
    read_merge_rules,
)
from tests.conftest import outputs_under_hash_seeds


def doc(doc_id, entities, relations=()):
    """An extraction; entities are (label, type, aliases), keyed e0, e1, ..."""
    return DocumentExtraction(
        doc_id,
        f"{doc_id}.txt",
        "",
        100,
        tuple(
            Entity(f"e{i}", label, etype, tuple(al))
            for i, (label, etype, al) in enumerate(entities)
        ),
        tuple(
            Relation(s, p, o, Evidence(doc_id, "A sentence.", 0, 11, "rule:test", 0.9))
            for s, p, o in relations
        ),
    )


def person(label, *aliases):
    return (label, "Person", aliases)


def org(label, *aliases):
    return (label, "Organization", aliases)


def node_of(corpus: Corpus, doc_id: str, label: str):
    """The node that holds the entity ``label`` of ``doc_id``."""
    found = [n for n in corpus.nodes if doc_id in n.documents and label in (n.label, *n.aliases)]
    assert len(found) == 1, (doc_id, label, found)
    return found[0]


def docs_of(corpus: Corpus) -> dict[str, tuple[str, ...]]:
    return {n.label: n.documents for n in corpus.nodes}


def rules(text: str, name: str = "rules.txt") -> MergeRules:
    return parse_merge_rules(text, name)


# ---- explanations -----------------------------------------------------------------------


LABOUR = (org("Labour Party"), org("Downing Street"))
"""Two entities that articles about Tony Blair mention: context for "Blair"."""


def test_merge_explains_same_name_and_alias_with_docs_and_written_names():
    corpus = resolve(
        [
            doc("a", [org("Tottenham Hotspur", "Spurs"), org("Arsenal")]),
            doc("b", [org("Tottenham Hotspur")]),
            doc("c", [org("Spurs")]),
            doc("d", [org("Arsenal")]),
        ]
    )
    merge = corpus.merges[1]
    assert merge.slug == "organization/tottenham-hotspur" and merge.label == "Tottenham Hotspur"
    assert merge.type == "Organization"
    assert merge.members == (("a", "Tottenham Hotspur"), ("b", "Tottenham Hotspur"), ("c", "Spurs"))
    assert merge.reasons == (
        'same name: "Tottenham Hotspur" (a, b)',
        'alias: "Spurs" (c) is an alias of "Tottenham Hotspur" (a)',
    )
    assert corpus.merges[0].reasons == ('same name: "Arsenal" (a, d)',)


def test_merge_explains_a_surname_with_its_context():
    corpus = resolve(
        [
            doc("a", [person("Tony Blair", "Blair"), *LABOUR]),
            doc("b", [person("Blair"), *LABOUR]),
        ]
    )
    merge = next(m for m in corpus.merges if m.type == "Person")
    assert merge.members == (("a", "Tony Blair"), ("b", "Blair"))
    assert merge.reasons == (
        'alias: "Blair" (b) is an alias of "Tony Blair" (a); '
        'context: is mentioned with "Downing Street", "Labour Party"',
    )


def test_merge_explains_names_written_differently():
    corpus = resolve([doc("a", [org("Treasury")]), doc("b", [org("the Treasury")])])
    [merge] = corpus.merges
    assert merge.members == (("a", "Treasury"), ("b", "the Treasury"))
    assert merge.reasons == ('same name: "Treasury" (a) and "the Treasury" (b)',)


def test_no_merge_record_for_a_node_of_one_entity():
    corpus = resolve([doc("a", [person("Tony Blair")]), doc("b", [person("Gordon Brown")])])
    assert len(corpus.nodes) == 2 and corpus.merges == ()


def test_merge_report_is_one_json_object_a_line_sorted_by_node():
    corpus = resolve(
        [
            doc("a", [person("Tony Blair", "Blair"), org("Tottenham Hotspur", "Spurs"), *LABOUR]),
            doc("b", [person("Blair"), org("Spurs"), *LABOUR]),
            doc("c", [person("Zoë Ball\u2028")]),
            doc("d", [person("Zoë Ball\u2028")]),
        ]
    )
    text = merge_report(corpus)
    assert MERGES_FILE == "merges.jsonl"
    lines = text.splitlines()  # splits on U+2028 too: it must be escaped
    assert len(lines) == 5 and text.endswith("\n")
    records = [json.loads(line) for line in lines]
    assert [r["node"] for r in records] == [
        "organization/downing-street",
        "organization/labour-party",
        "organization/tottenham-hotspur",
        "person/tony-blair",
        "person/zoe-ball",
    ]
    assert records[2]["members"] == [["a", "Tottenham Hotspur"], ["b", "Spurs"]]
    assert records[2]["reasons"] == ['alias: "Spurs" (b) is an alias of "Tottenham Hotspur" (a)']
    assert records[3]["members"] == [["a", "Tony Blair"], ["b", "Blair"]]
    assert "Zoë" in lines[4]  # readable, not \u-escaped
    assert merge_report(Corpus()) == ""


# ---- the rules file ---------------------------------------------------------------------


def test_rules_file_parses_comments_blanks_types_and_any_case(tmp_path: Path):
    path = tmp_path / "rules.txt"
    path.write_text(
        "\ufeff# a comment\n\n"
        "never  Person | Michael Howard | Howard Webb\n"
        "ALWAYS organisation | Spurs | Tottenham Hotspur   # trailing comment\n"
        "never\tThe Labour | Labour Party's\n",
        encoding="utf-8",
    )
    parsed = read_merge_rules(path)
    assert [(r.type, r.keys, r.line) for r in parsed.never] == [
        ("Person", ("michael howard", "howard webb"), 3),
        (None, ("labour", "labour party"), 5),
    ]
    [always] = parsed.always
    assert (always.type, always.names, always.where) == (
        "Organization",
        ("Spurs", "Tottenham Hotspur"),
        f"{path}:4",
    )


@pytest.mark.parametrize(
    "line, reason",
    [
        ("sometimes Person | A B | C D", 'a rule starts with "never" or "always", not "sometimes"'),
        ("never Person | A B", 'expected "TYPE | NAME | NAME" or "NAME | NAME"'),
        ("never Person | A | B | C", 'expected "TYPE | NAME | NAME" or "NAME | NAME"'),
        ("always Animal | A | B", 'unknown type "Animal" (Person, Organization or Place)'),
        ("never Person | A |  ", "a name is empty"),
        ("never Person | The Treasury | treasury's", "the two names are the same"),
        ("never", 'expected "TYPE | NAME | NAME" or "NAME | NAME"'),
    ],
)
def test_bad_rule_lines_name_file_and_line(tmp_path: Path, line: str, reason: str):
    path = tmp_path / "rules.txt"
    path.write_text(f"# rules\nnever Person | Ann Lee | Bob Lee\n\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_merge_rules(path)
    assert str(err.value) == f"{path}:4: {reason}"
    assert err.value.exit_code == 2


def test_contradicting_rules_are_an_error():
    with pytest.raises(InputError, match=r"^r.txt:3: contradicts line 1 "):
        rules("never Person | A B | C D\n\nalways C D | a b\n", "r.txt")
    # different types do not contradict
    assert rules("never Person | A B | C D\nalways Place | C D | A B\n")


def test_unreadable_rules_files_are_one_line_errors(tmp_path: Path):
    with pytest.raises(InputError, match="cannot read the merge rules"):
        read_merge_rules(tmp_path / "missing.txt")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"never A | B\nnever Jos\xe9 | C\n")
    with pytest.raises(InputError) as err:
        read_merge_rules(bad)
    assert str(err.value) == f"{bad}:2: not UTF-8 text"


def test_contradiction_is_found_against_the_first_clashing_line_of_any_type():
    text = "never Person | A B | C D\nnever Place | A B | C D\nalways C D | A B\n"
    with pytest.raises(InputError, match=r"^r.txt:3: contradicts line 1 "):
        rules(text, "r.txt")
    text = "always Place | A B | C D\nnever Person | A B | C D\nalways Person | C D | A B\n"
    with pytest.raises(InputError, match=r"^r.txt:3: contradicts line 2 "):
        rules(text, "r.txt")
    with pytest.raises(InputError, match=r"^r.txt:2: contradicts line 1 "):
        rules("always Place | A B | C D\nnever C D | A B\n", "r.txt")


def test_rules_are_read_in_linear_time(monkeypatch: pytest.MonkeyPatch):
    """Each line is checked against the earlier ones in constant time (no pairwise scan)."""
    import kg.resolve.rules as rules_module

    calls = 0
    original = rules_module.normalise_name

    def counting(name: str) -> str:
        nonlocal calls
        calls += 1
        return original(name)

    monkeypatch.setattr(rules_module, "normalise_name", counting)
    kinds = ("never", "always")
    text = "".join(f"{kinds[i % 2]} Person | A{i} B | C{i} D\n" for i in range(2000))
    parsed = parse_merge_rules(text)
    assert len(parsed.never) == len(parsed.always) == 1000
    assert calls < 10 * 2000


def test_a_rules_file_that_is_not_a_regular_file_is_refused(tmp_path: Path):
    fifo = tmp_path / "rules.fifo"
    os.mkfifo(fifo)  # reading it would block until a writer comes
    with pytest.raises(InputError) as err:
        read_merge_rules(fifo)
    assert str(err.value) == f"{fifo}: cannot read the merge rules (not a regular file)"
    with pytest.raises(InputError, match="not a regular file"):
        read_merge_rules(tmp_path)


def test_find_merge_rules_default_file_and_explicit_path(tmp_path: Path):
    assert find_merge_rules(tmp_path) is None
    (tmp_path / RULES_FILE).write_text("never A B | C D\n", encoding="utf-8")
    assert len(find_merge_rules(tmp_path).never) == 1
    other = tmp_path / "other.txt"
    other.write_text("always A B | C D\n", encoding="utf-8")
    assert len(find_merge_rules(tmp_path, other).always) == 1
    with pytest.raises(InputError):
        find_merge_rules(tmp_path, tmp_path / "nope.txt")


# ---- never and always -------------------------------------------------------------------


def test_never_rule_keeps_an_alias_merge_apart():
    extractions = [
        doc("a", [person("Tony Blair", "Blair"), *LABOUR]),
        doc("b", [person("Blair"), *LABOUR]),
    ]
    assert docs_of(resolve(extractions))["Tony Blair"] == ("a", "b")
    corpus = resolve(extractions, rules=rules("never Person | tony blair | BLAIR\n"))
    assert docs_of(corpus)["Tony Blair"] == ("a",) and docs_of(corpus)["Blair"] == ("b",)
    assert all(m.type == "Organization" for m in corpus.merges)


def test_never_rule_keeps_a_same_name_merge_apart_by_alias():
    extractions = [
        doc("a", [person("Howard", "Michael Howard")]),
        doc("b", [person("Howard", "Howard Webb")]),
    ]
    assert len(resolve(extractions).nodes) == 1
    corpus = resolve(extractions, rules=rules("never Michael Howard | Howard Webb"))
    assert len(corpus.nodes) == 2
    assert node_of(corpus, "a", "Michael Howard") != node_of(corpus, "b", "Howard Webb")
    assert len({n.slug for n in corpus.nodes}) == 2


def test_never_rule_holds_against_a_transitive_alias_chain():
    extractions = [
        doc("a", [org("Tottenham Hotspur", "Spurs")]),
        doc("b", [org("Spurs", "THFC")]),
        doc("c", [org("THFC")]),
    ]
    assert docs_of(resolve(extractions)) == {"Tottenham Hotspur": ("a", "b", "c")}
    corpus = resolve(extractions, rules=rules("never Organization | Tottenham Hotspur | THFC"))
    assert node_of(corpus, "a", "Tottenham Hotspur") != node_of(corpus, "c", "THFC")
    assert node_of(corpus, "a", "Tottenham Hotspur").documents == ("a", "b")
    # and an always rule cannot join them either
    both = rules(
        "never Organization | Tottenham Hotspur | THFC\nalways Organization | Spurs | THFC\n"
    )
    corpus = resolve(extractions, rules=both)
    assert node_of(corpus, "a", "Tottenham Hotspur") != node_of(corpus, "c", "THFC")


def test_never_rule_applies_only_to_its_type():
    extractions = [doc("a", [org("Tottenham Hotspur", "Spurs")]), doc("b", [org("Spurs")])]
    corpus = resolve(extractions, rules=rules("never Person | Tottenham Hotspur | Spurs"))
    assert len(corpus.nodes) == 1
    corpus = resolve(extractions, rules=rules("never Tottenham Hotspur | Spurs"))
    assert len(corpus.nodes) == 2


def test_always_rule_merges_and_says_which_line():
    extractions = [
        doc("a", [org("Tottenham Hotspur"), person("Glenn Hoddle")]),
        doc("b", [org("Spurs")]),
    ]
    assert len(resolve(extractions).nodes) == 3
    corpus = resolve(
        extractions, rules=rules("# clubs\nalways Organization | Spurs | Tottenham Hotspur\n")
    )
    assert docs_of(corpus)["Tottenham Hotspur"] == ("a", "b")
    [merge] = corpus.merges
    assert merge.reasons == (
        'always-merge rule, rules.txt:2: "Tottenham Hotspur" (a) and "Spurs" (b)',
    )


def test_always_rule_needs_both_names_and_the_type():
    extractions = [doc("a", [org("Tottenham Hotspur")]), doc("b", [org("Spurs")])]
    assert (
        len(resolve(extractions, rules=rules("always Person | Spurs | Tottenham Hotspur")).nodes)
        == 2
    )
    one = [doc("a", [org("Tottenham Hotspur")]), doc("b", [org("Arsenal")])]
    corpus = resolve(one, rules=rules("always Spurs | Tottenham Hotspur"))
    assert len(corpus.nodes) == 2 and corpus.merges == ()


def test_always_rule_joins_two_full_names_and_later_aliases_follow():
    extractions = [
        doc("a", [person("Tony Blair", "Blair"), *LABOUR]),
        doc("b", [person("Anthony Blair")]),
        doc("c", [person("Blair"), *LABOUR]),
    ]
    assert docs_of(resolve(extractions))["Anthony Blair"] == ("b",)
    corpus = resolve(extractions, rules=rules("always Person | Tony Blair | Anthony Blair"))
    assert docs_of(corpus)["Anthony Blair"] == ("a", "b", "c")
    [merge] = [m for m in corpus.merges if m.type == "Person"]
    reasons = merge.reasons
    assert reasons[0].startswith("always-merge rule, rules.txt:1: ")
    assert any(r.startswith('alias: "Blair" (c)') for r in reasons)


# ---- people who share a surname ---------------------------------------------------------


@pytest.mark.parametrize("order", ["abc", "acb", "cab", "bca"])
def test_surname_of_two_people_joins_neither_in_any_article_order(order):
    gordon, nick, short = (
        [person("Gordon Brown", "Brown")],
        [person("Nick Brown", "Brown")],
        [person("Brown")],
    )
    extractions = [doc(d, ents) for d, ents in zip(order, (gordon, nick, short), strict=True)]
    corpus = resolve(extractions)
    assert sorted(n.label for n in corpus.nodes) == ["Brown", "Gordon Brown", "Nick Brown"]
    assert all(len(n.documents) == 1 for n in corpus.nodes)


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_surname_of_one_person_joins_in_any_article_order(order):
    full, short = [person("Gordon Brown", "Brown"), *LABOUR], [person("Brown"), *LABOUR]
    extractions = [doc(d, ents) for d, ents in zip(order, (full, short), strict=True)]
    assert docs_of(resolve(extractions))["Gordon Brown"] == ("a", "b")


def test_surname_of_one_person_needs_context_to_join():
    # the only "Thatcher" who lists the name is a footballer: not the politician's article
    footballer = [
        doc("a", [person("Ben Thatcher", "Thatcher"), org("Manchester City")]),
        doc("e", [person("Ben Thatcher", "Thatcher"), org("Premiership")]),
    ]
    politics = doc("b", [person("Thatcher"), *LABOUR])
    football = doc("c", [person("Thatcher"), org("Manchester City"), org("Premiership")])
    corpus = resolve([*footballer, politics, football])
    assert node_of(corpus, "b", "Thatcher").documents == ("b",)
    assert node_of(corpus, "a", "Ben Thatcher").documents == ("a", "c", "e")
    # one shared entity is not enough, a shared fact is
    one = doc("d", [person("Thatcher"), org("Manchester City")], [("e0", "playsFor", "e1")])
    assert node_of(resolve([*footballer, one]), "d", "Thatcher").documents == ("d",)
    fact = doc(
        "a",
        [person("Ben Thatcher", "Thatcher"), org("Manchester City")],
        [("e0", "playsFor", "e1")],
    )
    corpus = resolve([fact, footballer[1], one])
    assert node_of(corpus, "d", "Thatcher").documents == ("a", "d", "e")
    [merge] = [m for m in corpus.merges if m.type == "Person"]
    assert merge.reasons == (
        'same name: "Ben Thatcher" (a, e)',
        'alias: "Thatcher" (d) is an alias of "Ben Thatcher" (a, e); '
        'context: shares the fact playsFor "Manchester City"',
    )


def test_shared_places_are_no_context():
    def place(label):
        return (label, "Place", ())

    rugby = doc("a", [person("Sebastien Bruno", "Bruno"), place("France"), place("Europe")])
    film = doc("b", [person("Bruno"), place("France"), place("Europe")])
    assert len(resolve([rugby, film]).nodes) == 4
    film = doc("b", [person("Bruno"), place("France"), org("Sale Sharks"), org("RFU")])
    rugby = doc("a", [person("Sebastien Bruno", "Bruno"), org("Sale Sharks"), org("RFU")])
    assert node_of(resolve([rugby, film]), "b", "Bruno").documents == ("a", "b")


def test_surname_in_the_article_of_its_full_name_joins_without_context():
    corpus = resolve([doc("a", [person("Tony Blair", "Blair"), person("Blair")])])
    [merge] = corpus.merges
    assert merge.members == (("a", "Blair"), ("a", "Tony Blair"))
    assert merge.reasons == (
        'alias: "Blair" (a) is an alias of "Tony Blair" (a), in the same article',
    )


def test_full_names_that_share_an_alias_stay_apart():
    corpus = resolve(
        [
            doc("a", [person("Gordon Brown", "Brown", "Mr Brown")]),
            doc("b", [person("Nick Brown", "Brown", "Mr Brown")]),
        ]
    )
    assert len(corpus.nodes) == 2 and corpus.merges == ()


def test_full_names_never_join_through_a_chain_of_aliases():
    # b's extractor took "Nick Brown" for an alias of its "Brown" (Gordon's surname)
    corpus = resolve(
        [
            doc("a", [person("Gordon Brown", "Brown"), *LABOUR]),
            doc("b", [person("Brown", "Nick Brown"), *LABOUR]),
            doc("c", [person("Nick Brown")]),
        ]
    )
    assert node_of(corpus, "a", "Gordon Brown") != node_of(corpus, "c", "Nick Brown")
    assert node_of(corpus, "a", "Gordon Brown").documents == ("a", "b")


def test_a_name_used_alone_more_often_than_claimed_keeps_its_node():
    bmw = [doc(d, [org("BMW")]) for d in ("a", "b")]
    x5 = doc("c", [org("BMW X5", "BMW")])
    corpus = resolve([*bmw, x5])
    assert docs_of(corpus) == {"BMW": ("a", "b"), "BMW X5": ("c",)}
    # as many articles claim it as use it alone: it joins
    x5s = [x5, doc("d", [org("BMW X5", "BMW")])]
    assert docs_of(resolve([*bmw, *x5s])) == {"BMW X5": ("a", "b", "c", "d")}


def test_context_decides_nothing_for_organisations():
    parents = [
        doc("a", [org("Fiat Auto", "Fiat"), person("Sergio Marchionne")], [("e1", "ceoOf", "e0")]),
        doc("b", [org("Fiat Powertrain", "Fiat")]),
    ]
    short = doc("c", [org("Fiat"), person("Sergio Marchionne")], [("e1", "ceoOf", "e0")])
    assert node_of(resolve([*parents, short]), "c", "Fiat").documents == ("c",)


def test_an_alias_that_names_a_full_name_still_joins():
    corpus = resolve(
        [doc("a", [person("Tony Blair", "Anthony Blair")]), doc("b", [person("Anthony Blair")])]
    )
    assert docs_of(corpus) == {"Anthony Blair": ("a", "b")}  # the longest name is the label


def two_browns(*relations_a):
    return [
        doc(
            "a",
            [person("Gordon Brown", "Brown"), org("Treasury"), org("Labour Party"), org("IMF")],
            [("e0", "chancellorOf", "e1"), *relations_a],
        ),
        doc(
            "b",
            [person("Nick Brown", "Brown"), org("DEFRA"), org("Labour Party")],
            [("e0", "ministerOf", "e1")],
        ),
    ]


def test_context_shared_fact_picks_the_one_candidate():
    short = doc("c", [person("Brown"), org("the Treasury")], [("e0", "chancellorOf", "e1")])
    corpus = resolve([*two_browns(), short])
    gordon = node_of(corpus, "a", "Gordon Brown")
    assert gordon.documents == ("a", "c")
    [merge] = [m for m in corpus.merges if m.slug == gordon.slug]
    assert merge.members == (("a", "Gordon Brown"), ("c", "Brown"))
    [reason] = [r for r in merge.reasons if r.startswith("context:")]
    assert reason == (
        'context: "Brown" (c) is "Gordon Brown" (a): the only candidate that shares the '
        'fact chancellorOf "the Treasury"; candidates "Gordon Brown", "Nick Brown"'
    )


def test_context_without_evidence_keeps_the_short_name_apart():
    short = doc("c", [person("Brown"), org("Home Office")], [("e0", "ministerOf", "e1")])
    corpus = resolve([*two_browns(), short])
    assert node_of(corpus, "c", "Brown").documents == ("c",)


def test_context_shared_by_both_candidates_decides_nothing():
    # both Browns are Labour: a co-mention they share is no evidence
    short = doc("c", [person("Brown"), org("Labour Party")])
    assert node_of(resolve([*two_browns(), short]), "c", "Brown").documents == ("c",)
    # a fact that both share neither
    both = two_browns()
    both[1] = doc(
        "b",
        [person("Nick Brown", "Brown"), org("Treasury")],
        [("e0", "chancellorOf", "e1")],
    )
    short = doc("c", [person("Brown"), org("Treasury")], [("e0", "chancellorOf", "e1")])
    assert node_of(resolve([*both, short]), "c", "Brown").documents == ("c",)


def test_context_co_mentions_need_two_shared_entities():
    one = doc("c", [person("Brown"), org("Treasury")])
    assert node_of(resolve([*two_browns(), one]), "c", "Brown").documents == ("c",)
    two = doc("c", [person("Brown"), org("Treasury"), org("IMF")])
    corpus = resolve([*two_browns(), two])
    assert node_of(corpus, "c", "Brown") == node_of(corpus, "a", "Gordon Brown")
    [reason] = [r for m in corpus.merges for r in m.reasons if r.startswith("context:")]
    assert 'the only candidate that is mentioned with "IMF", "Treasury"' in reason


def test_context_decides_per_article_not_per_name():
    known = doc("c", [person("Brown"), org("Treasury")], [("e0", "chancellorOf", "e1")])
    unknown = doc("d", [person("Brown")])
    corpus = resolve([*two_browns(), known, unknown])
    assert node_of(corpus, "a", "Gordon Brown").documents == ("a", "c")
    assert node_of(corpus, "d", "Brown").documents == ("d",)
    assert node_of(corpus, "b", "Nick Brown").documents == ("b",)


def test_context_respects_min_confidence_and_never_rules():
    short = doc("c", [person("Brown"), org("Treasury")], [("e0", "chancellorOf", "e1")])
    extractions = [*two_browns(), short]
    assert node_of(resolve(extractions, min_confidence=0.95), "c", "Brown").documents == ("c",)
    corpus = resolve(extractions, rules=rules("never Person | Gordon Brown | Brown"))
    assert node_of(corpus, "c", "Brown").documents == ("c",)
    assert node_of(corpus, "a", "Gordon Brown").documents == ("a",)


# ---- determinism ------------------------------------------------------------------------


def busy_build() -> list[DocumentExtraction]:
    return [
        *two_browns(),
        doc("c", [person("Brown"), org("Treasury")], [("e0", "chancellorOf", "e1")]),
        doc("d", [person("Brown"), org("Spurs"), person("Howard", "Michael Howard")]),
        doc("e", [person("Tony Blair", "Blair"), org("Tottenham Hotspur", "Spurs")]),
        doc("f", [person("Blair"), org("THFC"), person("Howard", "Howard Webb")]),
        doc("g", [org("Spurs", "THFC"), person("Anthony Blair"), person("Mr Brown")]),
    ]


BUSY_RULES = (
    "never Michael Howard | Howard Webb\n"
    "always Person | Tony Blair | Anthony Blair\n"
    "never Organization | Tottenham Hotspur | THFC\n"
)


def test_shuffled_input_gives_the_identical_corpus():
    extractions = busy_build()
    expected = resolve(extractions, rules=rules(BUSY_RULES))
    assert expected.merges and len(expected.nodes) > 8
    generator = random.Random(7)
    for _ in range(20):
        shuffled = [
            replace(x, entities=tuple(generator.sample(x.entities, len(x.entities))))
            for x in generator.sample(extractions, len(extractions))
        ]
        assert resolve(shuffled, rules=rules(BUSY_RULES)) == expected


def test_resolution_is_the_same_under_two_hash_seeds():
    code = (
        "import pickle, sys\n"
        "from kg.resolve.rules import parse_merge_rules\n"
        "from kg.resolve.resolver import merge_report, resolve\n"
        "extractions, text = pickle.load(sys.stdin.buffer)\n"
        "corpus = resolve(extractions, rules=parse_merge_rules(text, 'r.txt'))\n"
        "print(merge_report(corpus), [n.slug for n in corpus.nodes])\n"
    )
    outputs = outputs_under_hash_seeds(code, (busy_build(), BUSY_RULES))
    assert outputs[0] == outputs[1] and b"always-merge rule, r.txt:2" in outputs[0]
