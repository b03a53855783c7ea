"""kg_entities: names mended by general patterns."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from kg.nlp import KG_COMPONENTS


def ents(doc) -> set[tuple[str, str]]:
    return {(e.text, e.label_) for e in doc.ents}


def test_entities_title_is_not_part_of_the_name(nlp):
    doc = nlp("The city's Mayor Sadiq Khan spoke on Monday.")
    assert ("Sadiq Khan", "PERSON") in ents(doc)
    assert [t.label_ for t in doc.spans["kg_titles"]] == ["mayorOf"]


def test_entities_demonym_and_split_title_are_mended(nlp):
    doc = nlp("The British Home Secretary Priti Patel praised the officers.")
    names = {e.text for e in doc.ents}
    assert "British Home" not in names and "British" not in names
    assert ("Priti Patel", "PERSON") in ents(doc)
    assert [(d.text, d.label_) for d in doc.spans["kg_demonyms"]] == [("British", "United Kingdom")]
    assert "homeSecretaryOf" in {t.label_ for t in doc.spans["kg_titles"]}


def test_entities_platform_is_not_a_person(nlp):
    doc = nlp("On Twitter he said she had served her country well.")
    assert ("Twitter", "PERSON") not in ents(doc)


def test_entities_place_before_police_is_an_organisation_based_there(nlp):
    doc = nlp("However, Norfolk police chief Andy Hayman also warned of problems.")
    assert ("Norfolk police", "ORG") in ents(doc)
    assert [n.text for n in doc.spans["kg_nested"]] == ["Norfolk"]


def test_entities_proper_noun_before_title_is_an_organisation(nlp):
    doc = nlp("He left early. Wolves chairman Rick Hayward said the club was happy.")
    assert ("Wolves", "ORG") in ents(doc)
    assert ("Rick Hayward", "PERSON") in ents(doc)


def test_entities_abbreviated_titles_and_ranks_are_not_names(nlp):
    doc = nlp("Ohio Gov. Dana Whitcombe met Lt. Col. Ray Osgood on Friday.")
    assert ("Dana Whitcombe", "PERSON") in ents(doc)
    assert "governorOf" in {t.label_ for t in doc.spans["kg_titles"]}
    assert not any(e.text.startswith(("Gov", "Lt", "Col")) for e in doc.ents)
    # tokens joined by spaces, as in CoNLL04: "Gov ." is two tokens, still the title
    spaced = nlp("Ohio Gov . Dana Whitcombe signed the bill .")
    assert [(t.text, t.label_, t.kb_id_) for t in spaced.spans["kg_titles"]] == [
        ("Gov .", "governorOf", "gov.")
    ]


def test_entities_descriptive_noun_types_every_occurrence_of_a_name(nlp):
    fixer = nlp.get_pipe("kg_entities")
    doc = nlp("The airline Brightwing Moor cut fares. Brightwing Moor said it would hire.")
    as_person = [Span(doc, 2, 4, label="PERSON"), Span(doc, 7, 9, label="PERSON")]
    assert fixer.described_types(doc, as_person) == {"Brightwing Moor": "ORG"}
    assert [(e.text, e.label_) for e in doc.ents] == [("Brightwing Moor", "ORG")] * 2
    village = nlp("Floods reached the fishing town of Port Elden on Monday.")
    assert fixer.described_types(village, [Span(village, 6, 8, label="ORG")]) == {
        "Port Elden": "GPE"
    }


def test_entities_honorific_is_stripped(nlp):
    doc = nlp('"By my early retirement, I have held myself accountable," Mr Raines said.')
    assert ("Raines", "PERSON") in ents(doc)


def test_entities_components_are_registered_for_spacy_users():
    nlp = spacy.blank("en")
    for name in KG_COMPONENTS:
        nlp.add_pipe(name)
    assert tuple(nlp.pipe_names) == KG_COMPONENTS
