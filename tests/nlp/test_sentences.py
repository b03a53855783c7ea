"""Tests of kg.nlp.sentences: sentences end at paragraph breaks and after headings."""

from __future__ import annotations

import pytest
import spacy

from kg.nlp import LINE_BREAKS, register_components
from kg.nlp.extract import extract
from kg.nlp.sentences import line_break_starts
from kg.records import Article

HEADLINE = "Harbour council backs new ferry plan"
BODY_SENTENCES = (
    "The Kestrel Bay council voted on Monday to fund a new ferry, its leader Ruth Alder said.",
    "Ruth Alder is the leader of Kestrel Bay council.",
)
BODY = " ".join(BODY_SENTENCES)


def _starts_of(text: str) -> list[str]:
    """The text from each offset that :func:`line_break_starts` gives, up to its line end."""
    return [text[i:].split("\n", 1)[0] for i in line_break_starts(text)]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        (f"{HEADLINE}\n\n{BODY}", [BODY]),
        (f"{HEADLINE}\n \t\n  {BODY}", [BODY]),  # a blank line of spaces, an indent
        (f"\n\n{HEADLINE}\n\n\n{BODY}\n\n", [BODY]),  # blank lines around the text
        (f"{HEADLINE}\n{BODY}", [BODY]),  # a heading needs no blank line
        (f"{HEADLINE}\n“{BODY}", [f"“{BODY}"]),
        ("Results\n\n2-1 to Millbrook.", ["2-1 to Millbrook."]),
        (f"{BODY}\n\nSecond paragraph.\nAnd a third line.", ["Second paragraph."]),
    ],
)
def test_sentences_line_break_starts_at_paragraphs_and_headings(text, starts) -> None:
    assert _starts_of(text) == starts


@pytest.mark.parametrize(
    "text",
    [
        f"{HEADLINE}:\n{BODY}",  # final punctuation: the parser decides
        f"{HEADLINE}\nand then the council {BODY}",  # a lower-case line continues
        f"{BODY}\nThe chief of the council said\n{BODY}",  # only a paragraph's first line leads
        # hard-wrapped at 40: "Kestrel" did not fit on the first line, so no heading
        "The council of the town of Harbourside\nKestrel voted on Monday to fund a ferry\n"
        "for the islands, its leader said.",
        BODY,
        "",
        "\n\n\n",
    ],
)
def test_sentences_line_break_starts_leave_other_breaks_to_the_parser(text) -> None:
    assert line_break_starts(text) == []


def test_sentences_a_heading_line_in_a_wrapped_text_still_leads() -> None:
    text = (
        "Ferry plan backed\nThe council of the town of Harbourside\nKestrel voted on Monday"
        " to fund a ferry\nfor the islands, its leader said."
    )
    assert _starts_of(text) == ["The council of the town of Harbourside"]


def test_sentences_component_marks_the_token_after_the_break() -> None:
    register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe(LINE_BREAKS)
    doc = nlp(f"{HEADLINE}\n\n{BODY}")
    marked = [t.text for t in doc if t.is_sent_start and t.i]
    assert marked == ["The"]
    assert doc[0].is_sent_start


def test_sentences_the_model_never_glues_the_headline_to_the_body(nlp) -> None:
    text = f"{HEADLINE}\n\n{BODY}\n\nMs Alder said the ferry would run from May.\n"
    doc = nlp(text)
    sents = list(doc.sents)
    assert sents[0].text.strip() == HEADLINE
    assert sents[1].text.startswith("The Kestrel Bay council voted")
    assert all("\n\n" not in s.text.strip() for s in sents)
    assert nlp.pipe_names.index(LINE_BREAKS) == nlp.pipe_names.index("parser") - 1


def test_sentences_evidence_is_one_sentence_at_its_exact_offsets(nlp) -> None:
    text = f"{HEADLINE}\n\n{BODY}\n"
    article = Article("a1", text, "a1.txt", HEADLINE)
    relations = extract(nlp(text), article).relations
    assert {r.evidence.sentence for r in relations} & set(BODY_SENTENCES)
    for relation in relations:
        evidence = relation.evidence
        assert "\n\n" not in evidence.sentence and evidence.sentence in (HEADLINE, *BODY_SENTENCES)
        assert text[evidence.start : evidence.end] == evidence.sentence


def test_sentences_the_example_headline_is_its_own_sentence(example_doc) -> None:
    first = next(example_doc.sents)
    assert first.text.strip() == example_doc.text.split("\n", 1)[0]
