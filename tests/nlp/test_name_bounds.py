"""Where a person's name starts and ends: particles ("van der"), a trade noun before it."""

from tests.conftest import ents, mended


def test_a_name_cut_after_its_particle_takes_the_rest(nlp):
    text = "The revelation led to the resignation of production chief Ivo van der Darnel."
    doc = mended(nlp, text, ("Ivo van", "PERSON"))
    assert ents(doc) == [("Ivo van der Darnel", "PERSON")]


def test_two_pieces_of_one_name_make_one_entity(nlp):
    text = "Ann Lee praised Jan van der Brink on Monday."
    doc = mended(nlp, text, ("Ann Lee", "PERSON"), ("Jan van", "PERSON"), ("Brink", "PERSON"))
    assert ents(doc) == [("Ann Lee", "PERSON"), ("Jan van der Brink", "PERSON")]


def test_a_particle_before_a_lower_case_word_ends_nothing(nlp):
    doc = mended(nlp, "He met Jan van on the road.", ("Jan van", "PERSON"))
    assert ents(doc) == [("Jan van", "PERSON")]


def test_a_trade_noun_opening_the_sentence_is_not_part_of_the_name(nlp):
    doc = mended(nlp, "Novelist Ivo Darnel won the prize.", ("Novelist Ivo Darnel", "PERSON"))
    assert ents(doc) == [("Ivo Darnel", "PERSON")]
