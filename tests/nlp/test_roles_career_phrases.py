"""Roles tied to an organisation by a career phrase or an appointment (invented names)."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Tom Hale began his managerial career as boss with Westbury Rovers.",
            ("Tom Hale", "bossOf", "Westbury Rovers"),
        ),
        (
            "Tom Hale spent three years as manager of Westbury Rovers.",
            ("Tom Hale", "managerOf", "Westbury Rovers"),
        ),
        (
            "Tom Hale made his name as a coach with Westbury Rovers.",
            ("Tom Hale", "coachOf", "Westbury Rovers"),
        ),
        (
            "Tom Hale was appointed chief executive of Acme Holdings.",
            ("Tom Hale", "chiefExecutiveOf", "Acme Holdings"),
        ),
        (
            "Tom Hale enjoyed success during his spell as manager of Westbury Rovers.",
            ("Tom Hale", "managerOf", "Westbury Rovers"),
        ),
        (
            "Tom Hale's reign as chairman of Acme Holdings ended in 2001.",
            ("Tom Hale", "chairmanOf", "Acme Holdings"),
        ),
    ],
)
def test_roles_career_phrase_ties_title_to_organisation(nlp, text, fact):
    assert fact in facts_of(nlp(text))


def test_roles_appointment_of_another_is_not_the_subjects_post(nlp):
    doc = nlp("The board approved the appointment of Tom Hale as chairman of Acme Holdings.")
    assert all(r.rule != "role:as-title" for r in doc._.kg_relations)


@pytest.mark.parametrize(
    "text",
    [
        "The Kestrel Film Critics Association met. Jo Roe was named best new director.",
        "Japan's Kestrel Motors lost money again. Jo Roe, who will become chairman, was"
        " appointed president two months ago.",
    ],
)
def test_roles_appointment_without_a_named_body_guesses_no_post(nlp, text):
    doc = nlp(text)
    assert not any(
        r.predicate in {"directorOf", "presidentOf"} and "implied" in r.rule
        for r in doc._.kg_relations
    )


@pytest.mark.parametrize(
    "text",
    [
        "Shares in Harlow Foods fell. Its lawyer, Peter Grane, told the court the deal stood.",
        "Peter Grane, a lawyer for Harlow Foods, said the deal stood.",
        "Harlow Foods' lawyer Peter Grane said the deal stood.",
    ],
)
def test_roles_a_lawyer_acts_for_the_body_named_with_the_title(nlp, text):
    assert ("Peter Grane", "lawyerOf", "Harlow Foods") in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Harlow Foods lost the case, said Paris lawyer Peter Grane.",
        "Harlow Foods lost the case, said US lawyer Peter Grane.",
        "Harlow Foods lost the case. Harlow Foods will appeal, said lawyer Peter Grane.",
    ],
)
def test_roles_a_lawyer_holds_no_post_in_a_place_or_an_implied_body(nlp, text):
    assert not any(p == "lawyerOf" for _, p, _ in facts_of(nlp(text)))


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "The chairman of the Harlow Union's public affairs committee, Sam Khan, spoke.",
            ("Sam Khan", "worksFor", "Harlow Union"),
        ),
        (
            "Ann Lee, head of Acme Motors' research division, resigned.",
            ("Ann Lee", "worksFor", "Acme Motors"),
        ),
    ],
)
def test_roles_a_post_in_a_part_of_a_body_is_work_for_the_body(nlp, text, fact):
    facts = facts_of(nlp(text))
    assert fact in facts
    assert not any(s == fact[0] and p in {"chairmanOf", "headOf"} for s, p, _ in facts)


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Tom Hale joined Kestrel Bank from Harlow Foods in May.",
            ("Tom Hale", "worksFor", "Harlow Foods"),
        ),
        (
            "Westbury Rovers signed Tom Hale from Leeds United for two million pounds.",
            ("Tom Hale", "worksFor", "Leeds United"),
        ),
    ],
)
def test_roles_a_career_steps_from_is_a_former_employer(nlp, text, fact):
    assert fact in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Tom Hale would join Kestrel Bank from Harlow Foods.",
        "Tom Hale joined two girls from Kestrel Academy for a sail.",
    ],
)
def test_roles_an_unsure_step_or_a_join_of_people_names_no_former_employer(nlp, text):
    assert not any(r.rule == "works:from" for r in nlp(text)._.kg_relations)


def test_roles_a_second_title_after_and_shares_the_first_ones_body(nlp):
    doc = nlp("Acme Motors chairman Tom Hale and chief executive Jo Roe resigned on Monday.")
    assert ("Jo Roe", "chiefExecutiveOf", "Acme Motors") in facts_of(doc)


def test_roles_a_second_holder_without_a_title_or_with_a_body_of_its_own_shares_none(nlp):
    plain = facts_of(nlp("Acme Motors chairman Tom Hale and Jo Roe met in Leeds."))
    assert not any(s == "Jo Roe" for s, _, _ in plain)
    own = facts_of(nlp("Acme Motors chairman Tom Hale and Kestrel Bank director Jo Roe met."))
    assert ("Jo Roe", "directorOf", "Kestrel Bank") in own
    assert ("Jo Roe", "directorOf", "Acme Motors") not in own


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "The Kestrel Party launched its manifesto, with leader Jo Roe saying the party"
            " was ready.",
            ("Jo Roe", "leaderOf", "Kestrel Party"),
        ),
        (
            "Westbury Rovers are also without winger Tom Hale, who hurt his ankle.",
            ("Tom Hale", "worksFor", "Westbury Rovers"),
        ),
    ],
)
def test_roles_a_post_with_no_body_is_held_in_the_one_side_or_party_of_its_sentence(
    nlp, text, fact
):
    assert fact in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Acme Motors said profits rose, according to chief executive Tom Hale.",
        "Westbury Rovers beat Leeds, and winger Tom Hale scored twice.",
        "Her coach Tom Hale told the Daily Courier she would run again.",
    ],
)
def test_roles_no_post_in_a_firm_a_paper_or_an_opponent_named_beside_it(nlp, text):
    assert not any("implied-sentence" in r.rule for r in nlp(text)._.kg_relations)


def test_roles_a_national_title_shares_no_body_and_a_party_lends_only_its_own_posts(nlp):
    shared = nlp("Kestrel Bank chairman Tom Hale and Deputy Prime Minister Jo Roe met.")
    assert not any(r.rule == "role:title-shared" for r in shared._.kg_relations)
    commissioner = nlp("Assistant information commissioner Jo Roe said the Tories broke rules.")
    assert not any("implied-sentence" in r.rule for r in commissioner._.kg_relations)
