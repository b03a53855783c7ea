"""Hand-built corpora for the ontology, graph, export and owlcheck tests (no spaCy).

>>> len(sample_corpus().facts)
5
"""

from __future__ import annotations

from kg.records import AttributedQuote, Corpus, DocumentInfo, Evidence, Fact, Node

HOSTILE = (
    'He said "no" \\ then \'yes\'\nnext line\r\n\ttab <script>alert("x")</script> '
    "ctrl\x00\x01\x07\x1b\x7f emoji 😀👍🏽 rtl \u200f\u202eevil\u202c \u2028sep \ufeff end\\"
)
"""Everything that breaks naive serialisers: quotes, backslashes, newlines, markup,
control characters, emoji, right-to-left marks, a line separator and a BOM."""

HOSTILE_DOC = "b 2/ü"
"""A document id that needs percent-encoding (space, slash, non-ASCII)."""


def evidence(
    doc_id: str = "a1",
    sentence: str = "A sentence.",
    start: int = 0,
    *,
    rule: str = "test_rule",
    confidence: float = 0.9,
) -> Evidence:
    """Return an Evidence whose ``end`` follows from the sentence length.

    >>> evidence("a1", "Hi.", 5).end
    8
    """
    return Evidence(doc_id, sentence, start, start + len(sentence), rule, confidence)


def sample_corpus() -> Corpus:
    """Return a small corpus that uses every part of the graph shape.

    Two documents (one with an unsafe id), four nodes, a role fact with two pieces of
    evidence, a stance fact, a symmetric fact, a fact without evidence, a role property
    that the ontology lacks (``deputyMayorOf``, minted from "Deputy Mayor") and three
    quotes, with :data:`HOSTILE` in a title, an alias, a sentence and a quote.
    """
    dick_met = "Met Police Commissioner Cressida Dick said the force would act."
    documents = (
        DocumentInfo(
            "a1",
            "data/a1.txt",
            "Met chief under fire",
            url="https://news.example/met?id=1&x=<y>",
            published="2022-02-10T09:30:00+00:00",
            publisher="Example News",
            content_hash="0" * 64,
        ),
        DocumentInfo(HOSTILE_DOC, "data/b 2.txt", HOSTILE),
    )
    nodes = (
        Node(
            "organization/met-police",
            "Metropolitan Police",
            "Organization",
            ("Met", "the Met", "Scotland Yard"),
            ("a1", HOSTILE_DOC),
        ),
        Node(
            "person/cressida-dick",
            "Cressida Dick",
            "Person",
            ("Dick", "Commissioner Dick", HOSTILE),
            ("a1",),
        ),
        Node("person/sadiq-khan", "Sadiq Khan", "Person", ("Khan", "Mr Khan"), ("a1", HOSTILE_DOC)),
        Node("place/london", "London", "Place", (), ("a1",)),
    )
    facts = (
        Fact(
            "person/cressida-dick",
            "commissionerOf",
            "organization/met-police",
            (
                evidence("a1", dick_met, 0, rule="role_title", confidence=0.95),
                evidence(HOSTILE_DOC, HOSTILE, 40, rule="role_appos", confidence=0.7),
            ),
            title="Commissioner",
        ),
        Fact(
            "person/cressida-dick",
            "criticisedBy",
            "person/sadiq-khan",
            (evidence("a1", "Mr Khan criticised Dick.", 70, rule="verb_criticise"),),
        ),
        Fact(
            "person/sadiq-khan",
            "deputyMayorOf",
            "place/london",
            (evidence("a1", "Deputy Mayor Sadiq Khan.", 100, confidence=1.0),),
            title="Deputy Mayor",
        ),
        Fact("person/sadiq-khan", "mayorOf", "place/london", (), title="Mayor"),
        Fact(
            "person/sadiq-khan",
            "clashedWith",
            "person/cressida-dick",
            (evidence(HOSTILE_DOC, "They clashed.", 5, confidence=0.123456),),
        ),
    )
    quotes = (
        AttributedQuote("person/cressida-dick", "We will act.", "a1", 10, 22),
        AttributedQuote("person/sadiq-khan", HOSTILE, "a1", 30, 90),
        AttributedQuote("organization/met-police", "No comment", HOSTILE_DOC, 0, 10),
    )
    roles = {"deputyMayorOf": "Deputy Mayor", "mayorOf": "Mayor"}
    return Corpus(documents, nodes, facts, quotes, roles)
