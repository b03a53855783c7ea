"""A field of government before a title is part of the title, not its body."""

import pytest

from tests.conftest import facts_of


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Chile no longer needs the loan, Economics Minister Ivo Darnel said.",
            ("Ivo Darnel", "economicsMinisterOf", "Chile"),
        ),
        (
            "Last week, Argentine Transport Minister, Ivo Darnel, told reporters in Paris.",
            ("Ivo Darnel", "transportMinisterOf", "Argentina"),
        ),
        (
            "Welsh First Minister Ivo Darnel opened the new hospital.",
            ("Ivo Darnel", "firstMinisterOf", "Wales"),
        ),
    ],
)
def test_portfolio_is_part_of_the_title(nlp, text, fact):
    doc = nlp(text)
    assert fact in facts_of(doc)
    assert not [e for e in doc.ents if e.text in {"Economics", "Transport", "First"}]


def test_portfolio_alone_is_no_body_of_the_post(nlp):
    doc = nlp("Welfare Minister Ivo Darnel told reporters the aid would be audited.")
    assert "Welfare" not in {o for _, _, o in facts_of(doc)}
    assert [t.text for t in doc.spans["kg_titles"]] == ["Welfare Minister"]


def test_a_name_ending_in_a_portfolio_word_stays_a_name(nlp):
    doc = nlp("Stagecoach Transport chairman Ivo Darnel said fares would rise.")
    assert ("Ivo Darnel", "chairmanOf", "Stagecoach Transport") in facts_of(doc)
