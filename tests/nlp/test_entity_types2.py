"""kg_entities: prizes, services, newspapers, venues and standards read by general cues.

Every name is invented, and the recogniser's reading is set by hand (:func:`mended`)
where its weights could change it.
"""

from __future__ import annotations

from tests.conftest import clusters, ents, mended


def test_prizes_of_the_lexicon_are_no_entities(nlp):
    doc = mended(
        nlp,
        "Oscar nominee Dana Pell won two Golden Globes at the 2004 Brit Awards.",
        ("Oscar", "PERSON"),
        ("Dana Pell", "PERSON"),
        ("Golden Globes", "GPE"),
        ("2004 Brit Awards", "ORG"),
    )
    assert ents(doc) == [("Dana Pell", "PERSON")]


def test_a_prize_name_opening_a_persons_name_is_a_first_name(nlp):
    doc = mended(
        nlp, "Oscar Hale said Oscar was tired.", ("Oscar Hale", "PERSON"), ("Oscar", "PERSON")
    )
    assert ents(doc) == [("Oscar Hale", "PERSON"), ("Oscar", "PERSON")]


def test_a_name_before_winning_or_nominee_is_a_prize(nlp):
    doc = mended(
        nlp,
        "Zorbo-winning actor Rob Tane met Quell winner Lu Brand.",
        ("Zorbo", "GPE"),
        ("Rob Tane", "PERSON"),
        ("Quell", "PERSON"),
        ("Lu Brand", "PERSON"),
    )
    assert ents(doc) == [("Rob Tane", "PERSON"), ("Lu Brand", "PERSON")]


def test_a_scorers_surname_before_winner_stays_a_person(nlp):
    doc = mended(
        nlp,
        "Tom Varley scored. A Varley winner sealed it.",
        ("Tom Varley", "PERSON"),
        ("Varley", "PERSON"),
    )
    assert ents(doc) == [("Tom Varley", "PERSON"), ("Varley", "PERSON")]


def test_a_subject_owning_its_or_reporting_it_is_an_organisation(nlp):
    doc = mended(
        nlp,
        "Zapply is working on a new version of its browser. Quorra said it would cut 200 jobs.",
        ("Zapply", "PERSON"),
        ("Quorra", "PERSON"),
    )
    assert ents(doc) == [("Zapply", "ORG"), ("Quorra", "ORG")]


def test_its_of_another_clause_or_a_person_shown_keeps_the_type(nlp):
    doc = mended(
        nlp,
        "Brent has said the club should take its share. Mr Voss said it would cut "
        'jobs. Ann Lee said it was over. "It just keeps getting better," Kerr said.',
        ("Brent", "PERSON"),
        ("Voss", "PERSON"),
        ("Ann Lee", "PERSON"),
        ("Kerr", "PERSON"),
    )
    assert ents(doc) == [
        ("Brent", "PERSON"),
        ("Voss", "PERSON"),
        ("Ann Lee", "PERSON"),
        ("Kerr", "PERSON"),
    ]


def test_a_press_noun_modifying_a_name_makes_it_a_paper(nlp):
    doc = mended(
        nlp,
        "Sports daily Tribuna said the deal was done, and the tabloid Globo agreed. "
        "Marzo reported that Ann Lee had signed.",
        ("Tribuna", "PERSON"),
        ("Globo", "PERSON"),
        ("Marzo", "PERSON"),
        ("Ann Lee", "PERSON"),
    )
    assert ents(doc) == [
        ("Tribuna", "ORG"),
        ("Globo", "ORG"),
        ("Marzo", "ORG"),
        ("Ann Lee", "PERSON"),
    ]


def test_a_full_name_after_a_trade_that_is_also_a_firm_stays_a_person(nlp):
    doc = mended(nlp, "Veteran broadcaster Ted Vole has died.", ("Ted Vole", "PERSON"))
    assert ents(doc) == [("Ted Vole", "PERSON")]


def test_standards_and_protocols_are_no_entities(nlp):
    doc = mended(
        nlp,
        "Velcom backs Wi-Fi, DNS and the Vexing Domain Names plan of the Carrier "
        "Association for Assigned Names.",
        ("Velcom", "ORG"),
        ("Wi-Fi", "ORG"),
        ("DNS", "ORG"),
        ("Vexing Domain Names", "ORG"),
        ("Carrier Association for Assigned Names", "ORG"),
    )
    assert ents(doc) == [("Velcom", "ORG"), ("Carrier Association for Assigned Names", "ORG")]


def test_a_name_ending_in_a_venues_word_used_as_a_place_is_a_venue(nlp):
    doc = mended(
        nlp,
        "They lost at Brook Lane and at the Hale Arena. Nathan Lane was at the Vale Theatre.",
        ("Brook Lane", "PERSON"),
        ("Hale Arena", "ORG"),
        ("Nathan Lane", "PERSON"),
        ("Vale Theatre", "ORG"),
    )
    assert ents(doc) == [
        ("Brook Lane", "FAC"),
        ("Hale Arena", "FAC"),
        ("Nathan Lane", "PERSON"),
        ("Vale Theatre", "ORG"),
    ]


def test_an_organisation_swallowing_in_and_a_place_is_split(nlp):
    doc = mended(
        nlp,
        "Elmfield High School in Kenya closed, as did Hale School in Brook Vale.",
        ("Elmfield High School in Kenya", "ORG"),
        ("Hale School in Brook Vale", "ORG"),
    )
    assert ents(doc) == [
        ("Elmfield High School", "ORG"),
        ("Kenya", "GPE"),
        ("Hale School in Brook Vale", "ORG"),
    ]


def test_a_kin_word_before_a_first_name_leaves_the_name(nlp):
    doc = mended(
        nlp,
        "Ted Varley, 60, was at home. Uncle Ted said he was tired.",
        ("Ted Varley", "PERSON"),
        ("Uncle Ted", "PERSON"),
    )
    assert clusters(doc) == [("Person", ["Ted", "Ted Varley"])]


def test_a_place_and_its_plural_are_one_place(nlp):
    doc = mended(
        nlp,
        "Floods hit the Vestland towns. The Vestlands were worst hit.",
        ("Vestland", "GPE"),
        ("Vestlands", "GPE"),
    )
    assert clusters(doc) == [("Place", ["Vestland", "Vestlands"])]


def test_its_after_a_body_noun_or_a_copula_is_not_the_subjects(nlp):
    doc = mended(
        nlp,
        "Rob Tane had been in the band since its start. Lu Brand was its best singer.",
        ("Rob Tane", "PERSON"),
        ("Lu Brand", "PERSON"),
    )
    assert ents(doc) == [("Rob Tane", "PERSON"), ("Lu Brand", "PERSON")]


def test_a_longer_name_opened_by_a_neuter_subject_is_the_same_body(nlp):
    doc = mended(
        nlp,
        "Tarvo Rinn bought a site. Tarvo said it was seeking buyers.",
        ("Tarvo Rinn", "PERSON"),
        ("Tarvo", "PERSON"),
    )
    assert clusters(doc) == [("Organization", ["Tarvo", "Tarvo Rinn"])]


def test_the_owner_of_users_software_or_a_console_is_an_organisation(nlp):
    doc = mended(
        nlp,
        "Zapply's users rose, and Quorra's console and Velmo's software were down.",
        ("Zapply", "PERSON"),
        ("Quorra", "PERSON"),
        ("Velmo", "PERSON"),
    )
    assert ents(doc) == [("Zapply", "ORG"), ("Quorra", "ORG"), ("Velmo", "ORG")]


def test_it_as_the_subject_of_a_clause_after_a_one_word_subject(nlp):
    doc = mended(
        nlp,
        "Kelso would be good for Harry as it would teach him. Vance would help Dan as "
        "it would be fair. Tasker signed for Leeds because it offered more.",
        ("Kelso", "PERSON"),
        ("Harry", "PERSON"),
        ("Vance", "PERSON"),
        ("Dan", "PERSON"),
        ("Tasker", "PERSON"),
        ("Leeds", "ORG"),
    )
    assert ents(doc) == [
        ("Kelso", "ORG"),
        ("Harry", "PERSON"),
        ("Vance", "PERSON"),
        ("Dan", "PERSON"),
        ("Tasker", "PERSON"),
        ("Leeds", "ORG"),
    ]


def test_a_nationality_noun_opening_a_name_leaves_a_persons_name(nlp):
    doc = mended(
        nlp,
        "Frenchman Arno Clemet beat Welshman Jim Vatkins.",
        ("Frenchman Arno Clemet", "ORG"),
        ("Welshman Jim Vatkins", "PERSON"),
    )
    assert ents(doc) == [("Arno Clemet", "PERSON"), ("Jim Vatkins", "PERSON")]
