"""kg_quotes: quotes and their speakers."""

from __future__ import annotations

import pytest

from kg.nlp.quotes import find_quote_spans


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said: "Yes."', ["Yes."]),
        ('"One," she said. "Two."', ["One,", "Two."]),
        ('"Open paragraph without end\n"Next one."', ["Open paragraph without end", "Next one."]),
        ("No quotes here.", []),
        (
            '"First sentence. "Second, unclosed before',
            ["First sentence.", "Second, unclosed before"],
        ),
    ],
)
def test_quotes_spans(text, expected):
    assert [text[s:e] for s, e in find_quote_spans(text)] == expected


def speakers(doc) -> list[tuple[str, str]]:
    clusters = doc._.kg_clusters.clusters
    return [
        (doc.text[q.start : q.end], clusters[q.speaker].label if q.speaker else "")
        for q in doc._.kg_quotes
    ]


def test_quotes_leading_trailing_and_continued_speakers(nlp):
    doc = nlp(
        'Mayor Jane Roe said: "We will act." "It is time," said Tom Bell.\n\n'
        '"Nothing will change," he added. "Nobody listens."'
    )
    got = speakers(doc)
    assert got[0] == ("We will act.", "Jane Roe")
    assert got[1] == ("It is time,", "Tom Bell")
    assert got[2][1] == "Tom Bell" and got[3][1] == "Tom Bell"


def test_quotes_first_person_joins_speaker(example_doc):
    clusters = example_doc._.kg_clusters
    i_tokens = [t for t in example_doc if t.text == "I" and t.i in clusters.by_token]
    assert i_tokens
    labels = {clusters.clusters[clusters.by_token[t.i]].label for t in i_tokens}
    assert labels <= {"Daniel Frost", "Owen Hartley"}


def test_quotes_paragraph_opening_quote_continues_the_last_speaker(nlp):
    doc = nlp(
        '"I am glad to be here," said Tom Bell.\n\n"The squad is strong. "Jane Roe did a '
        'fantastic job."'
    )
    got = speakers(doc)
    assert [speaker for _, speaker in got] == ["Tom Bell", "Tom Bell", "Tom Bell"]
