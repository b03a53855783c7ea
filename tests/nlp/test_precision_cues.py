"""Readings that look like facts and are not: each rule's guard, on invented sentences.

Found by judging facts built from news outside the gold set: a place after a noun the
organisation only modifies, an event "in" a city, a quote's pronoun taken for its
target, a name that only modifies the noun of a complement, a constituent country
read as the state of a national title.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tests.conftest import RULE_STAGES, based, facts_of, mended


def with_entities(nlp, text: str, *forced: tuple[str, str]) -> Doc:
    """``text`` with its entities set to ``forced``, then kg's rule stages."""
    return mended(nlp, text, *forced, stages=RULE_STAGES)


def test_a_place_after_a_noun_the_name_modifies_is_not_where_it_is_based(nlp):
    doc = with_entities(
        nlp,
        "The Kestrel TV affiliate in Ohio refused the show.",
        ("Kestrel TV", "ORG"),
        ("Ohio", "GPE"),
    )
    assert based(doc) == set()
    doc = with_entities(
        nlp,
        "Vanta owns the Kovo derivatives exchange in Pellham.",
        ("Vanta", "ORG"),
        ("Kovo", "ORG"),
        ("Pellham", "GPE"),
    )
    assert ("Kovo", "Pellham") in based(doc)  # an exchange is an organisation's noun


def test_an_event_in_a_city_is_held_there_not_based_there(nlp):
    doc = with_entities(
        nlp,
        "She may skip the Nordic Indoor Championships in Oslo.",
        ("Nordic Indoor Championships", "ORG"),
        ("Oslo", "GPE"),
    )
    assert based(doc) == set()


def test_an_organisation_before_a_generic_noun_is_no_place(nlp):
    doc = with_entities(
        nlp,
        "They finished second in their Grand League group behind Rovers.",
        ("Grand League", "ORG"),
        ("Rovers", "ORG"),
    )
    assert not any(p == "basedIn" for _, p, _ in facts_of(doc))
    assert [e.text for e in doc.ents if e.label_ != "ORG"] == []
    doc = nlp("Ray Dunn began singing at his Leeds school.")
    assert not any(p == "basedIn" for _, p, _ in facts_of(doc))


def test_a_quote_names_whom_it_praises(nlp):
    doc = nlp(
        'Coach Dan Kerr spoke after Tom Vale was injured. "I feel very sorry for him, '
        'as he has been in great shape," said Kerr.'
    )
    assert not any(p in {"praisedBy", "criticisedBy"} for _, p, _ in facts_of(doc))
    doc = nlp('Ann Rowe said: "Tom Vale has been a valued colleague and a trusted friend."')
    assert ("Tom Vale", "praisedBy", "Ann Rowe") in facts_of(doc)


def test_a_complement_name_that_modifies_a_noun_is_not_the_posts_body(nlp):
    doc = with_entities(
        nlp,
        "Jo Hale, head of Vexa main shareholder group Corvan, spoke.",
        ("Jo Hale", "PERSON"),
        ("Vexa", "ORG"),
        ("Corvan", "ORG"),
    )
    roles = {(s, o) for s, p, o in facts_of(doc) if p == "headOf"}
    assert roles == {("Jo Hale", "Corvan")}
    doc = with_entities(
        nlp,
        "Jo Hale, head of Vexa's shareholder group, spoke.",
        ("Jo Hale", "PERSON"),
        ("Vexa", "ORG"),
    )
    assert not any(p == "headOf" for _, p, _ in facts_of(doc))


def test_a_place_between_a_possessive_and_a_title_is_the_posts_scope(nlp):
    doc = with_entities(
        nlp,
        '"Taxes rose," said Ann Rowe, Corvan\'s UK head of tax.',
        ("Ann Rowe", "PERSON"),
        ("Corvan", "ORG"),
        ("UK", "GPE"),
    )
    objects = {o for s, p, o in facts_of(doc) if s == "Ann Rowe" and p.startswith("head")}
    assert objects == {"Corvan"}


def test_a_national_title_belongs_to_the_state_not_a_constituent_country(nlp):
    text = (
        "Councils in Wales will get new powers. Prime Minister Tom Vale said so. "
        "Ministers in Wales and the UK agreed. Wales will start first."
    )
    facts = facts_of(nlp(text))
    assert ("Tom Vale", "primeMinisterOf", "United Kingdom") in facts
    assert ("Tom Vale", "primeMinisterOf", "Wales") not in facts
    alone = facts_of(nlp("Councils in Wales will get new powers, Prime Minister Tom Vale said."))
    assert not any(p == "primeMinisterOf" for _, p, _ in alone)  # no state named: no object


def test_a_place_that_modifies_the_noun_after_a_comma_contains_nothing(nlp):
    facts = facts_of(nlp("After the 3-0 win at Verona, the England skipper admitted defeat."))
    assert not any(p == "locatedIn" for _, p, _ in facts)
    assert ("Aston", "locatedIn", "Birmingham") in facts_of(nlp("We lived in Aston, Birmingham."))


BANK_STORY = "Vexa Bank said profits fell. Vexa Bank will cut jobs. Vexa Bank is big. "


def test_an_untied_title_takes_the_articles_main_organisation(nlp):
    facts = facts_of(nlp(BANK_STORY + "Chief executive Jo Hale said so."))
    assert ("Jo Hale", "chiefExecutiveOf", "Vexa Bank") in facts


def test_no_main_organisation_is_guessed_beside_another_body_in_the_sentence(nlp):
    text = BANK_STORY + "It praised Norland's display, with defensive coach Ray Dunn taking a bow."
    assert not any(s == "Ray Dunn" for s, _, _ in facts_of(nlp(text)))


def test_an_mp_is_no_member_of_the_articles_main_organisation(nlp):
    text = BANK_STORY + '"The plan is wrong," MP Tom Vale told parliament.'
    assert ("Tom Vale", "memberOf", "Vexa Bank") not in facts_of(nlp(text))


def test_a_state_attorney_general_holds_office_in_the_state(nlp):
    facts = facts_of(nlp("Norland is big. Valmont attorney general Jo Hale sued the firm."))
    # the place the text ties the title to, whatever its kind, not an implied country
    assert {o for _, p, o in facts if p == "attorneyGeneralOf"} == {"Valmont"}


def test_a_place_closing_a_fronted_phrase_contains_nothing(nlp):
    text = "After a fine display in the draw in Paris, Norland face Vexa in Leeds on Monday."
    assert not any(r.rule.startswith("located:") for r in nlp(text)._.kg_relations)
    assert ("Lowman", "locatedIn", "Idaho") in facts_of(nlp("The town of Lowman in Idaho flooded."))


def test_a_one_word_title_closing_a_name_is_a_surname(nlp):
    doc = nlp("Bank of Norland governor Alan King said rates would rise.")
    assert ("Alan King", "governorOf", "Bank of Norland") in facts_of(doc)
    assert "Alan King" in [e.text for e in doc.ents]


def test_a_party_before_a_national_title_is_the_holders_party(nlp):
    facts = facts_of(
        nlp("The UK economy grew. Earlier, ex-Conservative chancellor Ken Hale spoke.")
    )
    assert ("Ken Hale", "memberOf", "Conservative Party") in facts
    assert ("Ken Hale", "chancellorOf", "Conservative Party") not in facts
    assert ("Ken Hale", "chancellorOf", "United Kingdom") in facts


def test_a_sentence_opening_adjective_or_adverb_is_no_name(nlp):
    doc = nlp("Uncapped fly-half Tom Vale was named in the squad.")
    assert [e.text for e in doc.ents] == ["Tom Vale"]
    doc = nlp('"Mentally they are much stronger," Tom Vale said.')
    assert [e.text for e in doc.ents] == ["Tom Vale"]


def test_an_event_named_after_a_place_is_not_based_there(nlp):
    doc = with_entities(
        nlp,
        "Vexford is a port. She won at the Vexford Film Festival.",
        ("Vexford", "GPE"),
        ("Vexford Film Festival", "ORG"),
    )
    assert based(doc) == set()
    doc = with_entities(
        nlp,
        "Vexford is a port. She works for the Vexford Port Authority.",
        ("Vexford", "GPE"),
        ("Vexford Port Authority", "ORG"),
    )
    assert ("Vexford Port Authority", "Vexford") in based(doc)  # a body named after it


def test_its_before_a_title_is_the_organisation_it_refers_to(nlp):
    doc = nlp("Acme Corp said profits fell. Its chairman Ray Dunn apologised.")
    assert ("Ray Dunn", "chairmanOf", "Acme Corp") in facts_of(doc)
    assert [e.text for e in doc.ents] == ["Acme Corp", "Ray Dunn"]  # "Its" is no name
    doc = nlp("Ann Lee quit. Her spokesman Tom Vale said so.")
    assert not any(p == "spokespersonFor" for _, p, _ in facts_of(doc))


def test_a_country_is_in_no_city(nlp):
    text = "Vexa play their hardest game against Ireland in Dublin on Saturday."
    assert not any(r.rule.startswith("located:") for r in nlp(text)._.kg_relations)
    assert ("Wales", "locatedIn", "United Kingdom") in facts_of(nlp("Wales, in the UK, voted."))


def test_a_countrys_demonym_before_a_company_noun_places_the_company(nlp):
    # the country need not be named elsewhere: "Dutch" names the Netherlands
    doc = with_entities(nlp, "Dutch brewer Velloza saw its profits drop.", ("Velloza", "ORG"))
    assert ("Velloza", "basedIn", "Netherlands") in facts_of(doc)


def test_a_country_in_a_list_of_countries_lies_in_none(nlp):
    doc = nlp("Chile, Peru and the Seychelles accepted the offer.")  # the list parsed as "X, Y"
    assert not [r for r in doc._.kg_relations if r.predicate == "locatedIn"]


def test_a_constituent_country_lies_in_its_state(nlp):
    assert ("Wales", "locatedIn", "United Kingdom") in facts_of(nlp("Wales, in the UK, voted."))


def test_a_post_says_more_than_works_for_or_lives_in(nlp):
    doc = nlp("When President Ivo Darnel of Argentina arrived in power he began to negotiate.")
    facts = facts_of(doc)
    assert ("Ivo Darnel", "presidentOf", "Argentina") in facts
    assert {p for s, p, o in facts if (s, o) == ("Ivo Darnel", "Argentina")} == {"presidentOf"}


def test_a_party_leader_leads_no_other_body_of_the_article(nlp):
    doc = nlp(
        "Party leader Ivo Darnel said the new role would replace police authorities. "
        "The chairman of the Brenford Police Federation said independence was essential. "
        "The Brenford Police Federation represents officers. "
        "The Brenford Police Federation will meet."
    )
    assert not [r for r in doc._.kg_relations if r.predicate == "leaderOf"]


def test_a_description_opening_the_sentence_is_no_name(nlp):
    doc = nlp("Club chairman Ivo Darnel said the manager would stay.")
    assert [e.text for e in doc.ents] == ["Ivo Darnel"]
    assert not [r for r in doc._.kg_relations if r.predicate == "chairmanOf"]


def test_a_place_before_another_noun_phrase_is_not_the_seat(nlp):
    text = "Half the Japanese people Velloza asked use their camera phone at least once a month."
    doc = with_entities(nlp, text, ("Velloza", "ORG"))
    assert not [r for r in doc._.kg_relations if r.predicate == "basedIn"]


def test_a_split_parse_of_a_described_name_keeps_its_place(nlp):
    text = "Acme told the Argentine newspaper Velloza it would not accept."
    doc = with_entities(nlp, text, ("Acme", "ORG"), ("Velloza", "ORG"))
    assert ("Velloza", "basedIn", "Argentina") in facts_of(doc)


def test_an_acronym_no_entity_covers_leads_on_to_the_named_body(nlp):
    text = "The problem, said Ann Lee, head of SMS firm Velloza, is educating people."
    doc = with_entities(nlp, text, ("Ann Lee", "PERSON"), ("Velloza", "ORG"))
    assert ("Ann Lee", "headOf", "Velloza") in facts_of(doc)


ACME_STORY = (
    "Acme Foods cut 500 jobs on Sunday. Acme Foods said sales fell. "
    "Acme Foods will close two plants. {title} Ivo Darnel said he was sorry."
)
"""An article whose main body is Acme Foods, and a title with no body stated."""


def test_a_trade_title_implies_no_body_of_the_article(nlp):
    doc = nlp(ACME_STORY.format(title="Director"))
    assert not [r for r in doc._.kg_relations if r.predicate == "directorOf"]


def test_a_post_title_still_implies_the_main_body(nlp):
    doc = nlp(ACME_STORY.format(title="Chief executive"))
    assert ("Ivo Darnel", "chiefExecutiveOf", "Acme Foods") in facts_of(doc)


def test_one_demonym_does_not_set_the_story_in_its_country(nlp):
    doc = nlp(
        "Police numbers fell when Ivo Darnel was home secretary, a spokesman said. "
        "The plan would not be like that of an American sheriff."
    )
    assert not [r for r in doc._.kg_relations if r.predicate == "homeSecretaryOf"]


def test_a_named_country_sets_the_story_in_it(nlp):
    doc = nlp("Home Secretary Ivo Darnel said crime in the UK had fallen.")
    assert ("Ivo Darnel", "homeSecretaryOf", "United Kingdom") in facts_of(doc)
