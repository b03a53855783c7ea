"""Hand-built corpora for the graph and export tests (no spaCy, no files)."""

from __future__ import annotations

from kg.records import AttributedQuote, Corpus, DocumentInfo, Evidence, Fact, Node

HOSTILE = (
    'He said "no" \\ then \'yes\'\nnext line\r\n\ttab <script>alert("x")</script> '
    "ctrl\x00\x01\x07\x1b\x7f emoji 😀👍🏽 rtl \u200f\u202eevil\u202c \u2028sep \ufeff end"
)
"""A string with everything that breaks naive serialisers."""


def evidence(doc_id: str = "a1", sentence: str = "A sentence.", start: int = 0, **kw) -> Evidence:
    """An Evidence with sensible defaults."""
    values = {"end": start + len(sentence), "rule": "test_rule", "confidence": 0.9} | kw
    return Evidence(doc_id, sentence, start, values["end"], values["rule"], values["confidence"])


def sample_corpus() -> Corpus:
    """A small corpus: 2 documents, 4 nodes, role and stance facts, a minted role, quotes.

    Strings include quotes, backslashes, newlines, ``<script>``, control characters,
    emoji and right-to-left marks.
    """
    dick_met = "Met Police Commissioner Cressida Dick said the force would act."
    documents = (
        DocumentInfo("a1", "data/a1.txt", "Met chief under fire"),
        DocumentInfo("b 2/ü", "data/b 2.txt", HOSTILE),
    )
    nodes = (
        Node("organization/met-police", "Metropolitan Police", "Organization",
             ("Met", "the Met", "Scotland Yard"), ("a1", "b 2/ü")),
        Node("person/cressida-dick", "Cressida Dick", "Person",
             ("Dick", "Commissioner Dick", HOSTILE), ("a1",)),
        Node("person/sadiq-khan", "Sadiq Khan", "Person", ("Khan", "Mr Khan"), ("a1", "b 2/ü")),
        Node("place/london", "London", "Place", (), ("a1",)),
    )
    facts = (
        Fact("person/cressida-dick", "commissionerOf", "organization/met-police",
             (evidence("a1", dick_met, 0, confidence=0.95, rule="role_title"),
              evidence("b 2/ü", HOSTILE, 40, confidence=0.7, rule="role_appos")),
             title="Commissioner"),
        Fact("person/cressida-dick", "criticisedBy", "person/sadiq-khan",
             (evidence("a1", "Mr Khan criticised Dick.", 70, rule="verb_criticise"),)),
        Fact("person/sadiq-khan", "deputyMayorOf", "place/london",
             (evidence("a1", "Deputy Mayor Sadiq Khan.", 100, confidence=1.0),),
             title="Deputy Mayor"),
        Fact("person/sadiq-khan", "mayorOf", "place/london", (), title="Mayor"),
        Fact("person/sadiq-khan", "clashedWith", "person/cressida-dick",
             (evidence("b 2/ü", "They clashed.", 5, confidence=0.123456),)),
    )
    quotes = (
        AttributedQuote("person/cressida-dick", "We will act.", "a1", 10, 22),
        AttributedQuote("person/sadiq-khan", HOSTILE, "a1", 30, 90),
        AttributedQuote("organization/met-police", "No comment", "b 2/ü", 0, 10),
    )
    return Corpus(documents, nodes, facts, quotes, {"deputyMayorOf": "Deputy Mayor", "mayorOf": "Mayor"})
