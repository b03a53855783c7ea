"""kg_entities: type cues read from an article's words (works, posts, people).

Every name is invented; where the recogniser's reading may change with its weights,
the test sets it by hand (:func:`mended`).
"""

from __future__ import annotations

from tests.conftest import clusters, ents, mended


def test_names_listed_after_a_work_noun_are_titles_not_entities(nlp):
    doc = mended(
        nlp,
        "Gamecorp sells titles such as Skyrace and Tom Varley, and films like Dan Brill.",
        ("Gamecorp", "ORG"),
        ("Skyrace", "PERSON"),
        ("Tom Varley", "PERSON"),
        ("Dan Brill", "PERSON"),
    )
    assert ents(doc) == [("Gamecorp", "ORG")]


def test_title_after_a_work_noun_is_dropped_in_every_mention(nlp):
    doc = mended(
        nlp,
        "Ann Lee won for the film Harbourline. Harbourline took $20m.",
        ("Ann Lee", "PERSON"),
        ("Harbourline", "GPE"),
        ("Harbourline", "ORG"),
    )
    assert ents(doc) == [("Ann Lee", "PERSON")]


def test_work_noun_before_a_clause_subject_is_no_title(nlp):
    doc = mended(nlp, "It was the game Wexford lost.", ("Wexford", "ORG"))
    assert ents(doc) == [("Wexford", "ORG")]


def test_name_before_a_post_and_a_person_is_the_posts_organisation(nlp):
    doc = mended(
        nlp,
        '"Bets rose," said Carver Dunn spokesman Tom Ray. Ann Lee, analyst at Mossgate '
        "Bray, agreed, as did a spokesman for Velo Europe.",
        ("Carver Dunn", "PERSON"),
        ("Tom Ray", "PERSON"),
        ("Ann Lee", "PERSON"),
        ("Mossgate Bray", "PERSON"),
        ("Velo Europe", "PERSON"),
    )
    assert ents(doc) == [
        ("Carver Dunn", "ORG"),
        ("Tom Ray", "PERSON"),
        ("Ann Lee", "PERSON"),
        ("Mossgate Bray", "ORG"),
        ("Velo Europe", "ORG"),
    ]


def test_a_lower_case_word_before_a_post_is_no_organisation(nlp):
    doc = mended(
        nlp,
        "It was bad, said ex-Whig education secretary Ann Lee.",
        ("ex-Whig", "PERSON"),
        ("Ann Lee", "PERSON"),
    )
    assert ("ex-Whig", "ORG") not in ents(doc)


def test_a_name_shown_a_persons_keeps_its_type_before_a_post(nlp):
    doc = mended(
        nlp,
        "Mr Dunn arrived. Carver Dunn spokesman Tom Ray said he was tired.",
        ("Dunn", "PERSON"),
        ("Carver Dunn", "PERSON"),
        ("Tom Ray", "PERSON"),
    )
    assert ("Carver Dunn", "PERSON") in ents(doc)


def test_company_noun_opening_a_sentence_is_not_part_of_the_name(nlp):
    doc = mended(
        nlp,
        "Bookmaker Carver Dunn stopped taking bets.",
        ("Bookmaker Carver Dunn", "PERSON"),
    )
    assert ents(doc) == [("Carver Dunn", "ORG")]


def test_age_possessive_kin_and_who_show_a_person(nlp):
    from kg.nlp.type_cues import PersonCues, people_by_cues

    text = (
        "Tom Ray, 45, left. Vell's wife cried. Dunmore, who has two sons, stayed. "
        "Acme, which has two units, grew. Brill, 2004, was sold."
    )
    doc = nlp(text)
    names = ("Tom Ray", "Vell", "Dunmore", "Acme", "Brill")
    spans = [doc.char_span(text.index(n), text.index(n) + len(n), label="ORG") for n in names]
    lex = nlp.get_pipe("kg_entities").lexicon
    cues = PersonCues(lex.honorifics, lex.personal_nouns, lex.occupation_nouns)
    assert people_by_cues(doc, spans, cues) == {
        "Tom Ray",
        "Vell",
        "Dunmore",
    }


def test_other_spellings_of_a_surname_join_the_person(nlp):
    doc = mended(
        nlp,
        "His agent Brian Castell said talks went well. Castel says the player will stay. "
        '"He wants to stay," said Castall. Ann Lea and Tom Lee met.',
        ("Brian Castell", "PERSON"),
        ("Castel", "ORG"),
        ("Castall", "ORG"),
        ("Ann Lea", "PERSON"),
        ("Tom Lee", "PERSON"),
    )
    assert ("Person", ["Brian Castell", "Castall", "Castel"]) in clusters(doc)
    assert ("Person", ["Ann Lea"]) in clusters(doc)  # too short to be a misspelling


def test_surname_with_an_s_added_is_another_name(nlp):
    doc = mended(
        nlp,
        "Ann Williams met Prince William. William left.",
        ("Ann Williams", "PERSON"),
        ("William", "PERSON"),
        ("William", "PERSON"),
    )
    assert ("Person", ["Ann Williams"]) in clusters(doc)


def test_acronym_beside_its_long_name_is_one_organisation(nlp):
    doc = mended(
        nlp,
        "CVTR, the Council of Valley Land Trust Registries, agreed. CVTR said so.",
        ("CVTR", "PERSON"),
        ("Council of Valley Land Trust Registries", "ORG"),
        ("CVTR", "PERSON"),
    )
    assert clusters(doc) == [("Organization", ["CVTR", "Council of Valley Land Trust Registries"])]


def test_a_body_shown_a_person_by_its_words_is_a_person(nlp):
    doc = mended(
        nlp,
        "Marvinho's agent confirmed talks. Marvinho, who has a new home, will stay. "
        "Former Acme chief Bob Tull left.",
        ("Marvinho", "ORG"),
        ("Marvinho", "ORG"),
        ("Acme", "ORG"),
        ("Bob Tull", "ORG"),
    )
    assert ents(doc) == [
        ("Marvinho", "PERSON"),
        ("Marvinho", "PERSON"),
        ("Acme", "ORG"),
        ("Bob Tull", "PERSON"),
    ]


def test_owned_things_informal_demonyms_and_nationals_are_no_entities(nlp):
    doc = mended(
        nlp,
        "Dunmore named the sole Englishman in his World XI. His Harford team-mates "
        "laughed at the whingeing Aussies.",
        ("Dunmore", "PERSON"),
        ("Englishman", "PERSON"),
        ("World XI", "PERSON"),
        ("Harford", "ORG"),
        ("Aussies", "ORG"),
    )
    assert ents(doc) == [("Dunmore", "PERSON"), ("Harford", "ORG")]


def test_description_noun_in_apposition_types_the_name(nlp):
    doc = mended(
        nlp,
        "The unit, Velkor, was sold. Tarvo Mobile, the largest mobile firm in the "
        "country, bid for Ostrava Neft, as the Velkor unit is formally known.",
        ("Velkor", "GPE"),
        ("Tarvo Mobile", "PERSON"),
        ("Ostrava Neft", "PERSON"),
        ("Velkor", "GPE"),
    )
    assert ents(doc) == [
        ("Velkor", "ORG"),
        ("Tarvo Mobile", "ORG"),
        ("Ostrava Neft", "ORG"),
        ("Velkor", "ORG"),
    ]


def test_starring_apposed_work_nouns_and_creative_verbs_mark_titles(nlp):
    doc = mended(
        nlp,
        "Ann Lee starred in Harbourline. Tom Ray's Velkor Days, a novel about loss, "
        "won. He also wrote Marrowby. Ray became a star in Norland.",
        ("Ann Lee", "PERSON"),
        ("Harbourline", "ORG"),
        ("Tom Ray", "PERSON"),
        ("Velkor Days", "PERSON"),
        ("Marrowby", "PERSON"),
        ("Ray", "PERSON"),
        ("Norland", "GPE"),
    )
    assert ents(doc) == [
        ("Ann Lee", "PERSON"),
        ("Tom Ray", "PERSON"),
        ("Ray", "PERSON"),
        ("Norland", "GPE"),
    ]


def test_owner_of_shares_is_a_company_and_a_region_ends_a_units_name(nlp):
    doc = mended(
        nlp,
        "Carver Dunn's shares fell. A spokesman said Velo Europe would grow.",
        ("Carver Dunn", "PERSON"),
        ("Velo Europe", "PERSON"),
    )
    assert ents(doc) == [("Carver Dunn", "ORG"), ("Velo Europe", "ORG")]


def test_trade_apposed_title_and_initial_show_a_person(nlp):
    doc = mended(
        nlp,
        "It was made by film-maker Dara Voss. It is true, said Lin Harte, chief of "
        "Acme. Scorers: J Tallon, S Brey.",
        ("Dara Voss", "ORG"),
        ("Lin Harte", "ORG"),
        ("Acme", "ORG"),
        ("J Tallon", "ORG"),
        ("S Brey", "GPE"),
    )
    assert ents(doc) == [
        ("Dara Voss", "PERSON"),
        ("Lin Harte", "PERSON"),
        ("Acme", "ORG"),
        ("J Tallon", "PERSON"),
        ("S Brey", "PERSON"),
    ]


def test_works_apposed_to_a_work_noun_or_starring_someone(nlp):
    doc = mended(
        nlp,
        "Ann Lee's first comedy, Harbourline, topped the chart. Contenders Velkor Days, "
        "starring Tom Ray, held on.",
        ("Ann Lee", "PERSON"),
        ("Harbourline", "ORG"),
        ("Velkor Days", "ORG"),
        ("Tom Ray", "PERSON"),
    )
    assert ents(doc) == [("Ann Lee", "PERSON"), ("Tom Ray", "PERSON")]


def test_where_a_workforce_is_is_an_organisation(nlp):
    doc = mended(
        nlp,
        "The fraud at Paymoor grew, and staff at Brill were angry. Mr Cole met staff at Cole.",
        ("Paymoor", "PERSON"),
        ("Brill", "GPE"),
        ("Cole", "PERSON"),
        ("Cole", "PERSON"),
    )
    assert ents(doc) == [
        ("Paymoor", "ORG"),
        ("Brill", "ORG"),
        ("Cole", "PERSON"),
        ("Cole", "PERSON"),
    ]


def test_event_venue_and_lower_case_shapes_of_a_persons_span(nlp):
    doc = mended(
        nlp,
        "Ann Lee won the Velkor Cup at Marrow Road. The ex-Whig left.",
        ("Ann Lee", "PERSON"),
        ("Velkor Cup", "PERSON"),
        ("Marrow Road", "PERSON"),
        ("ex-Whig", "PERSON"),
    )
    assert ents(doc) == [("Ann Lee", "PERSON"), ("Marrow Road", "FAC")]


def test_title_word_ending_a_persons_name_is_a_surname(nlp):
    doc = nlp("Sitting MP Dora King met Chancellor Tom Ray and King Olaf.")
    assert ("Dora King", "PERSON") in ents(doc)
    titles = [t.text for t in doc.spans["kg_titles"]]
    assert "Chancellor" in titles and titles.count("King") == 1


def test_field_after_a_title_and_a_monopoly_in_apposition(nlp):
    doc = mended(
        nlp,
        "Harford director of rugby Nigel Mell said so. Brill, the state gas monopoly, agreed.",
        ("Harford", "PERSON"),
        ("Nigel Mell", "PERSON"),
        ("Brill", "PERSON"),
    )
    assert ents(doc) == [("Harford", "ORG"), ("Nigel Mell", "PERSON"), ("Brill", "ORG")]


def test_guards_of_apposition_starring_ownership_and_particles(nlp):
    doc = mended(
        nlp,
        "He worked with director Dara Voss, starring in seven films. Ann Lee, metal "
        "group Rockhead and Tom Ray won. Our approach is Bob Tull, not brute force. "
        "It sold its Elm Park Stadium. He spoke of van Rijn. Elm Vale MP Ann Lee spoke.",
        ("Dara Voss", "PERSON"),
        ("Ann Lee", "PERSON"),
        ("Rockhead", "ORG"),
        ("Tom Ray", "PERSON"),
        ("Bob Tull", "PERSON"),
        ("Elm Park Stadium", "FAC"),
        ("van Rijn", "PERSON"),
        ("Elm Vale", "PERSON"),
        ("Ann Lee", "PERSON"),
    )
    assert ents(doc) == [
        ("Dara Voss", "PERSON"),
        ("Ann Lee", "PERSON"),
        ("Rockhead", "ORG"),
        ("Tom Ray", "PERSON"),
        ("Bob Tull", "PERSON"),
        ("Elm Park Stadium", "FAC"),
        ("van Rijn", "PERSON"),
        ("Elm Vale", "PERSON"),
        ("Ann Lee", "PERSON"),
    ]


def test_lower_case_words_leave_a_persons_span(nlp):
    doc = mended(
        nlp,
        "Satellite broadcaster Skyvane is planning services.",
        ("broadcaster Skyvane", "PERSON"),
    )
    assert ents(doc) == [("Skyvane", "ORG")]


def test_a_state_after_a_town_before_a_title_stays_a_place(nlp):
    doc = nlp("But trustee Tom Hale, a West Palm Beach, Fla., lawyer, said he would act.")
    assert ("Fla.", "GPE") in [(e.text, e.label_) for e in doc.ents]


def test_a_lone_plural_acronym_is_no_entity(nlp):
    doc = nlp("Dozens of MPs backed the plan, and CEOs of the biggest firms agreed.")
    assert not any(e.text in {"MPs", "CEOs"} for e in doc.ents)
