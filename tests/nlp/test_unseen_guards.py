"""Guards found by judging a fresh sample of BBC articles outside the gold set: a
nationality of two words, a country named once beside another country's parties, a
rank before a body's name, an idiom of winning, names run together over a dash, a
nationality or a former employer fused into a name, a body's name typed a person's.
"""

from __future__ import annotations

from tests.conftest import RULE_STAGES, based, ents, facts_of, mended


def learnt(relation) -> bool:
    """Whether a learnt model, not a rule, found the relation."""
    return relation.rule.startswith("model:")


def organisations(doc) -> list[str]:
    """The labels of the Doc's organisation clusters."""
    return [c.label for c in doc._.kg_clusters.clusters.values() if c.type == "Organization"]


def clusters_named(doc, label: str) -> list[str]:
    """The types of the Doc's clusters labelled ``label``."""
    return sorted(c.type for c in doc._.kg_clusters.clusters.values() if c.label == label)


def test_a_two_word_nationality_names_the_country_of_a_title(nlp):
    doc = nlp("South African president Ivo Darnel attacked British critics. Britain said no.")
    assert ("Ivo Darnel", "presidentOf", "South Africa") in facts_of(doc)
    assert not [f for f in facts_of(doc) if f[2] == "United Kingdom" and f[1] == "presidentOf"]


def test_a_two_word_nationality_is_no_organisation(nlp):
    doc = nlp("The North Korean leader met the press.")
    assert ("North Korean", "ORG") not in ents(doc)
    assert ("North Korean", "NORP") not in ents(doc)


def test_a_country_named_once_beside_other_parties_sets_no_story_there(nlp):
    doc = nlp(
        "Chancellor Ivo Darnel joined the campaign. Labour and the Tories will argue "
        "over the economy, the war on Iraq and taxes."
    )
    assert not [f for f in facts_of(doc) if f[1] == "chancellorOf"]


def test_a_country_named_once_beside_its_own_parties_sets_the_story(nlp):
    doc = nlp(
        "Home Secretary Ivo Darnel said the matter was closed. "
        "Former Labour MP Ann Lee is a member of Britain's Jewish community."
    )
    assert ("Ivo Darnel", "homeSecretaryOf", "United Kingdom") in facts_of(doc)


def test_a_rank_before_the_name_of_the_body_ranks_the_title(nlp):
    doc = nlp("Then deputy Conservative chairman Ivo Darnel was said to have suggested it.")
    assert ("Ivo Darnel", "deputyChairmanOf", "Conservative Party") in facts_of(doc)
    assert ("Ivo Darnel", "chairmanOf", "Conservative Party") not in facts_of(doc)


def test_a_portfolio_of_schools_is_part_of_the_title(nlp):
    doc = nlp("Schools Minister Ivo Darnel said the UK needed more teachers, the UK said.")
    assert ("Ivo Darnel", "schoolsMinisterOf", "United Kingdom") in facts_of(doc)
    assert ("Schools", "ORG") not in ents(doc)


def test_leading_a_side_to_victory_holds_no_post(nlp):
    won = mended(
        nlp,
        "Ivo Darnel led Spain to victory over the USA last year.",
        ("Ivo Darnel", "PERSON"),
        ("Spain", "GPE"),
        ("USA", "GPE"),
        stages=RULE_STAGES,
    )
    assert not [f for f in facts_of(won) if f[1] == "leaderOf"]
    led = mended(
        nlp,
        "Ivo Darnel led the Labour Party for ten years.",
        ("Ivo Darnel", "PERSON"),
        ("Labour Party", "ORG"),
        stages=RULE_STAGES,
    )
    assert ("Ivo Darnel", "leaderOf", "Labour Party") in facts_of(led)


def test_a_dash_set_apart_ends_a_name_and_a_hyphen_does_not(nlp):
    doc = mended(
        nlp,
        "Ivo Darnel - Kestrel's publicist - said so, as did Ann Lloyd-Webb.",
        ("Ivo Darnel - Kestrel", "PERSON"),
        ("Ann Lloyd-Webb", "PERSON"),
    )
    people = {text for text, label in ents(doc) if label == "PERSON"}
    assert "Ivo Darnel" in people
    assert "Ann Lloyd-Webb" in people
    assert "Ivo Darnel - Kestrel" not in people


def test_a_lower_case_piece_after_a_dash_is_no_name(nlp):
    doc = mended(
        nlp,
        "It was sold to Kestrel Bank - one of the lenders - last year.",
        ("Kestrel Bank - one", "ORG"),
    )
    assert [text for text, _ in ents(doc)] == ["Kestrel Bank"]


def test_a_nationality_opening_a_name_is_not_part_of_it(nlp):
    doc = mended(
        nlp,
        "Hungarian Ivana Darnel beat her in the first round.",
        ("Hungarian Ivana Darnel", "PERSON"),
    )
    assert ("Ivana Darnel", "PERSON") in ents(doc)


def test_a_former_employer_is_named_without_its_prefix(nlp):
    doc = nlp("The row hurt ex-Kestrel boss Ivo Darnel, who is in jail. Kestrel is bankrupt.")
    assert ("Ivo Darnel", "bossOf", "Kestrel") in facts_of(doc)
    assert not [text for text, _ in ents(doc) if text.lower().startswith("ex")]
    assert [r.former for r in doc._.kg_roles] == [True]


def test_a_former_title_is_read_past_the_name_of_the_body(nlp):
    doc = nlp("Former Kestrel chief executive Ivo Darnel said so.")
    assert [r.former for r in doc._.kg_roles] == [True]
    doc = nlp("Kestrel chief executive Ivo Darnel, a former banker, said so.")
    assert [r.former for r in doc._.kg_roles] == [False]


def test_a_name_ending_in_a_body_word_is_an_organisation(nlp):
    doc = mended(
        nlp,
        "The Varna Writers Guild gave the award to Ann Lee.",
        ("Varna Writers Guild", "PERSON"),
    )
    assert ("Varna Writers Guild", "ORG") in ents(doc)


def test_a_country_tagged_as_a_body_is_the_country_unless_read_as_its_side(nlp):
    doc = mended(
        nlp,
        "Kestrel sued Argentina last year. Argentina froze the tariffs.",
        ("Kestrel", "ORG"),
        ("Argentina", "ORG"),
        ("Argentina", "ORG"),
    )
    assert clusters_named(doc, "Argentina") == ["Place"]
    doc = mended(
        nlp,
        "Argentina beat Brazil 2-0 on Sunday. Argentina are top of the group.",
        ("Argentina", "ORG"),
        ("Brazil", "GPE"),
        ("Argentina", "ORG"),
    )
    assert clusters_named(doc, "Argentina") == ["Organization"]


def test_an_opening_place_before_a_comma_has_no_apposition(nlp):
    doc = nlp("In Argentina, Kestrel's subsidiary, which was fined, kept prices. It is angry.")
    assert ("Argentina", "GPE") in ents(doc)
    assert ("Argentina", "ORG") not in ents(doc)


def test_a_loss_to_a_country_of_something_is_no_match(nlp):
    doc = nlp(
        "The merger will be a loss to Scotland of an important part of its heritage. "
        "Scotland's regiments are old."
    )
    assert clusters_named(doc, "Scotland") == ["Place"]


def test_the_body_after_the_holders_name_is_where_the_post_is(nlp):
    doc = nlp("When President Ivo Darnel of Argentina arrived, France and the French objected.")
    assert ("Ivo Darnel", "presidentOf", "Argentina") in facts_of(doc)


def test_a_house_and_its_short_name_are_one_body(nlp):
    doc = nlp("The House of Lords voted on Monday. The Lords rejected the bill.")
    assert clusters_named(doc, "House of Lords") == ["Organization"]
    assert clusters_named(doc, "Lords") == []


def test_a_body_named_with_or_without_its_nationality_or_and_is_one_node(nlp):
    doc = mended(
        nlp,
        "The British Varna Council met. The Varna Council said yes. "
        "The Kestrel and Harlow Research Council paid. The Kestrel Harlow Research Council agreed.",
        ("British Varna Council", "ORG"),
        ("Varna Council", "ORG"),
        ("Kestrel and Harlow Research Council", "ORG"),
        ("Kestrel Harlow Research Council", "ORG"),
    )
    labels = sorted(organisations(doc))
    assert labels == ["British Varna Council", "Kestrel and Harlow Research Council"]


def test_a_national_branch_of_a_party_is_not_the_party(nlp):
    doc = mended(
        nlp,
        "The Scottish Labour Party met in Perth. The Labour Party met in London.",
        ("Scottish Labour Party", "ORG"),
        ("Perth", "GPE"),
        ("Labour Party", "ORG"),
        ("London", "GPE"),
    )
    labels = sorted(organisations(doc))
    assert labels == ["Labour Party", "Scottish Labour Party"]


def test_a_unit_named_after_a_country_the_article_names_is_based_there(nlp):
    doc = mended(
        nlp,
        "Ivo Darnel moved to Canada to set up Kestrel Canada. Canada welcomed it.",
        ("Ivo Darnel", "PERSON"),
        ("Canada", "GPE"),
        ("Kestrel Canada", "ORG"),
        ("Canada", "GPE"),
        stages=RULE_STAGES,
    )
    assert ("Kestrel Canada", "Canada") in based(doc)


def test_a_name_with_a_country_after_of_or_a_preposition_names_no_seat(nlp):
    doc = mended(
        nlp,
        "The Kestrel Council of Canada and The Plot Against Canada were praised in Canada.",
        ("Kestrel Council of Canada", "ORG"),
        ("Plot Against Canada", "ORG"),
        ("Canada", "GPE"),
        stages=RULE_STAGES,
    )
    assert based(doc) == set()


def test_a_country_named_only_by_a_demonym_is_no_seat_of_a_unit(nlp):
    doc = mended(
        nlp,
        "Kestrel Canada hired Canadian staff.",
        ("Kestrel Canada", "ORG"),
        stages=RULE_STAGES,
    )
    assert ("Kestrel Canada", "Canada") not in based(doc)


def test_a_second_saying_verb_that_calls_for_an_apology_criticises(nlp):
    doc = mended(
        nlp,
        "Ann Lee wore a mask. Ivo Darnel said Lee was rich and said she should apologise.",
        ("Ann Lee", "PERSON"),
        ("Ivo Darnel", "PERSON"),
        ("Lee", "PERSON"),
        stages=RULE_STAGES,
    )
    assert ("Ann Lee", "criticisedBy", "Ivo Darnel") in facts_of(doc)
    doc = mended(
        nlp,
        "Ann Lee wore a mask. Ivo Darnel said Lee was rich and said she may apologise.",
        ("Ann Lee", "PERSON"),
        ("Ivo Darnel", "PERSON"),
        ("Lee", "PERSON"),
        stages=RULE_STAGES,
    )
    assert ("Ann Lee", "criticisedBy", "Ivo Darnel") not in facts_of(doc)


def test_a_party_post_with_no_body_in_its_sentence_is_in_the_party_just_named(nlp):
    doc = nlp(
        "As usual, the Liberal Democrats will fight to be heard over the battle of the "
        "two big parties. But leader Ivo Darnel believes he has a distinctive plan."
    )
    assert ("Ivo Darnel", "leaderOf", "Liberal Democrats") in facts_of(doc)
    doc = nlp(
        "The Acme Foods board met on Monday to fight the battle. "
        "But leader Ivo Darnel believes he has a distinctive plan."
    )
    assert not [f for f in facts_of(doc) if f[1] == "leaderOf"]


def test_words_run_together_name_a_brand_and_its_first_word_is_the_brand(nlp):
    doc = mended(
        nlp,
        "KestrelVarna saw its profits fall last year. Kestrel is relying on new drugs.",
        ("KestrelVarna", "PERSON"),
        ("Kestrel", "PERSON"),
    )
    assert clusters_named(doc, "KestrelVarna") == ["Organization"]
    assert clusters_named(doc, "Kestrel") == []
    doc = mended(
        nlp,
        "Ivo McLaughlin met Ann DiNardo.",
        ("Ivo McLaughlin", "PERSON"),
        ("Ann DiNardo", "PERSON"),
    )
    assert [label for _, label in ents(doc)] == ["PERSON", "PERSON"]


def test_a_name_that_saw_its_profits_fall_is_a_company(nlp):
    doc = mended(nlp, "Varnel saw its profits fall by 9%.", ("Varnel", "PERSON"))
    assert ("Varnel", "ORG") in ents(doc)
    doc = mended(nlp, "Varnel saw its profits fall by 9%, Ann Lee said.", ("Ann Lee", "PERSON"))
    assert ("Ann Lee", "PERSON") in ents(doc)


def test_a_club_of_the_lexicon_written_in_full_is_one_name(nlp):
    doc = nlp("Real Madrid general manager Ivo Darnel is behind the move.")
    assert ("Real Madrid", "ORG") in ents(doc)
    assert ("Ivo Darnel", "generalManagerOf", "Real Madrid") in facts_of(doc)


def test_a_short_name_of_a_club_is_not_forced_on_a_constituency(nlp):
    doc = mended(
        nlp,
        "But Ivo Darnel, Labour MP for West Ham, said the issue would soon disappear.",
        ("Ivo Darnel", "PERSON"),
        ("Labour", "ORG"),
        stages=RULE_STAGES,
    )
    assert ("Ivo Darnel", "memberOf", "Labour Party") in facts_of(doc)
    assert ("West Ham", "ORG") not in ents(doc)


def test_a_body_noun_before_of_in_a_name_makes_it_a_body(nlp):
    doc = mended(
        nlp,
        "The Varna Circuit Court of Appeals ruled on Monday.",
        ("Varna Circuit Court of Appeals", "PERSON"),
    )
    assert ents(doc) == [("Varna Circuit Court of Appeals", "ORG")]


def test_a_peers_title_names_no_home_and_no_employer(nlp):
    doc = mended(
        nlp,
        "Lord Darnel of Kestrel denied it, as did Professor Ann Lee of Varna Foods.",
        ("Darnel", "PERSON"),
        ("Kestrel", "ORG"),
        ("Ann Lee", "PERSON"),
        ("Varna Foods", "ORG"),
        stages=RULE_STAGES,
    )
    facts = facts_of(doc)
    assert not [f for f in facts if f[0] == "Lord Darnel" or f[0] == "Darnel"]
    assert ("Ann Lee", "worksFor", "Varna Foods") in facts


def test_british_ministers_are_not_of_the_country_of_a_war(nlp):
    doc = nlp(
        "Both the Tories and the Lib Dems attack the Iraqi weapons claims. The Iraq war "
        "hurt trust, and Iraq's weapons were never found, the Iraq inquiry heard. "
        "Foreign Secretary Ivo Darnel predicted trust would be the key choice."
    )
    assert not [f for f in facts_of(doc) if f[1] == "foreignSecretaryOf"]


def test_a_supposed_post_is_no_post(nlp):
    doc = nlp('"He would have been a very good president of the United States," said Ivo Darnel.')
    assert not [f for f in facts_of(doc) if f[1] == "presidentOf"]
    doc = nlp("Ivo Darnel remains the man most likely to succeed Ann Lee as Labour leader.")
    assert not [f for f in facts_of(doc) if f[1] == "leaderOf"]
    doc = nlp("Jo Bloggs succeeded Ann Lee as chairman of Acme Foods.")
    assert ("Jo Bloggs", "chairmanOf", "Acme Foods") in facts_of(doc)


def test_a_nickname_after_known_as_is_no_post(nlp):
    doc = nlp("Ivo Darnel, known as Queen of the Sky, wrote an account of her life.")
    assert not [f for f in facts_of(doc) if f[1] == "queenOf"]


def test_a_royal_of_a_country_does_not_live_there_by_rule(nlp):
    doc = mended(
        nlp,
        "It was underlined by Princess Ivana of Ruritania, who said so.",
        ("Princess Ivana", "PERSON"),
        ("Ruritania", "GPE"),
        stages=RULE_STAGES,
    )
    assert not [f for f in facts_of(doc) if f[1] == "livesIn"]


def test_nominating_for_an_eviction_appoints_no_one(nlp):
    doc = nlp("Actress Ann Lee nominated both Ivo Darnel and Tom Hale for eviction.")
    assert not [r for r in doc._.kg_relations if r.predicate == "appointedBy" and not learnt(r)]


def test_a_month_abbreviation_opens_no_name(nlp):
    doc = mended(
        nlp,
        "She left on 6 Dec. Ivana Darnel had a row with Ann Lee.",
        ("Dec. Ivana Darnel", "PERSON"),
        ("Ann Lee", "PERSON"),
    )
    assert ("Ivana Darnel", "PERSON") in ents(doc)


def test_a_place_made_a_modifier_is_not_the_body_of_a_post(nlp):
    doc = nlp("Said Ivo Darnel, head of Brisbane-based game developer Kestrel Studios: it won.")
    assert ("Ivo Darnel", "headOf", "Kestrel Studios") in facts_of(doc)
    assert ("Ivo Darnel", "headOf", "Brisbane") not in facts_of(doc)


def test_an_opening_trade_or_body_noun_is_no_part_of_a_name(nlp):
    doc = mended(
        nlp,
        "Conductor Ivo Darnel has died. Station manager Ann Lee spoke.",
        ("Conductor Ivo Darnel", "PERSON"),
        ("Station", "ORG"),
        ("Ann Lee", "PERSON"),
    )
    assert ents(doc) == [("Ivo Darnel", "PERSON"), ("Ann Lee", "PERSON")]


def test_a_theatre_and_its_short_name_are_one_body(nlp):
    doc = mended(
        nlp,
        "Ivo Darnel ran the Varna Opera Theatre. Varna Opera said it was sad.",
        ("Ivo Darnel", "PERSON"),
        ("Varna Opera Theatre", "ORG"),
        ("Varna Opera", "ORG"),
    )
    assert organisations(doc) == ["Varna Opera Theatre"]


def test_a_visitor_holds_no_national_post_of_the_country_visited(nlp):
    visit = "Chancellor Ivo Darnel has visited Kenya's biggest city. Kenya is poor, Kenya said."
    assert not [f for f in facts_of(nlp(visit)) if f[1] == "chancellorOf"]
    home = "Chancellor Ivo Darnel said Kenya's growth was strong. Kenya is poor, Kenya said."
    assert ("Ivo Darnel", "chancellorOf", "Kenya") in facts_of(nlp(home))


def test_a_shadow_minister_is_no_minister(nlp):
    doc = nlp(
        "Shadow Europe minister Ivo Darnel said Britain must keep it. "
        "Britain is fine, Britain said."
    )
    assert ("Ivo Darnel", "shadowEuropeMinisterOf", "United Kingdom") in facts_of(doc)
    assert not [f for f in facts_of(doc) if f[1] == "europeMinisterOf"]


def test_a_body_named_in_the_singular_and_the_plural_is_one_node(nlp):
    doc = mended(
        nlp,
        "The Kestrels won six seats. Ivo Darnel, the Kestrel leader, was pleased.",
        ("Kestrels", "ORG"),
        ("Ivo Darnel", "PERSON"),
        ("Kestrel", "ORG"),
    )
    assert len(organisations(doc)) == 1


def test_a_common_word_capitalised_only_as_sentences_open_is_no_person(nlp):
    doc = mended(
        nlp,
        "Casinos also offer free drinks, said Ivo Darnel.",
        ("Casinos", "PERSON"),
        ("Ivo Darnel", "PERSON"),
    )
    assert ents(doc) == [("Ivo Darnel", "PERSON")]


def test_a_word_written_with_a_capital_inside_a_sentence_stays_a_name(nlp):
    doc = mended(
        nlp,
        "Winter said no. The plan was Winter's idea.",
        ("Winter", "PERSON"),
        ("Winter", "PERSON"),
    )
    assert ("Winter", "PERSON") in ents(doc)


def test_a_surname_opening_a_sentence_stays_a_persons(nlp):
    doc = mended(
        nlp,
        "Ivo Brown spoke first. Brown said no.",
        ("Ivo Brown", "PERSON"),
        ("Brown", "PERSON"),
    )
    assert ("Brown", "PERSON") in ents(doc)


def test_a_body_whose_acronym_is_written_as_a_word_is_an_organisation(nlp):
    doc = mended(
        nlp, "Uefa fined the club, Ivo Darnel said.", ("Uefa", "GPE"), ("Ivo Darnel", "PERSON")
    )
    assert ("Uefa", "ORG") in ents(doc)


def test_a_nations_noun_for_its_people_is_no_entity(nlp):
    doc = mended(
        nlp,
        "The 25-year-old Spaniard beat Ivo Darnel.",
        ("Spaniard", "PERSON"),
        ("Ivo Darnel", "PERSON"),
    )
    assert ents(doc) == [("Ivo Darnel", "PERSON")]


def test_a_name_before_based_is_a_place(nlp):
    doc = mended(
        nlp,
        "The Varnsk-based firm hired Ivo Darnel.",
        ("Varnsk", "PERSON"),
        ("Ivo Darnel", "PERSON"),
    )
    assert ("Varnsk", "GPE") in ents(doc)


def test_a_one_word_person_listed_with_two_places_is_a_place(nlp):
    text = "Its sites in Oslo, Riga and Varnsk failed, Ivo Darnel said."
    places = mended(nlp, text, ("Oslo", "GPE"), ("Riga", "GPE"), ("Varnsk", "PERSON"))
    assert ("Varnsk", "GPE") in ents(places)
    one = mended(
        nlp, "Listen to Brahms or Riga, Ivo Darnel said.", ("Brahms", "PERSON"), ("Riga", "GPE")
    )
    assert ("Brahms", "PERSON") in ents(one)


def test_a_name_ending_in_a_compass_point_is_a_constituency(nlp):
    doc = mended(
        nlp,
        "Ivo Darnel, the Brillford North MP, met Ann West.",
        ("Ivo Darnel", "PERSON"),
        ("Brillford North", "PERSON"),
        ("Ann West", "PERSON"),
    )
    assert ("Brillford North", "GPE") in ents(doc)
    assert ("Ann West", "PERSON") in ents(doc)


def test_a_noun_after_the_name_of_a_titled_person_types_no_body(nlp):
    doc = mended(
        nlp,
        "Ivo Darnel website blocked. Fans visit the site of President Ivo Darnel. "
        "The Ivo Darnel website went dark.",
        ("Ivo Darnel", "PERSON"),
        ("Ivo Darnel", "PERSON"),
        ("Ivo Darnel", "PERSON"),
    )
    assert clusters_named(doc, "Ivo Darnel") == ["Person"]


def test_a_two_word_body_ending_in_a_persons_surname_is_that_person(nlp):
    doc = mended(
        nlp,
        "Leading games maker Ivo Darnel has been made an OBE. Mr Darnel said he was pleased.",
        ("Ivo Darnel", "ORG"),
        ("Darnel", "PERSON"),
    )
    assert ("Ivo Darnel", "PERSON") in ents(doc)
    assert organisations(doc) == []


def test_a_plural_trade_before_one_name_names_a_firm(nlp):
    doc = mended(
        nlp,
        "A forecast from analysts Kestrova put the figure higher, Ivo Darnel said.",
        ("Kestrova", "GPE"),
        ("Ivo Darnel", "PERSON"),
    )
    assert ("Kestrova", "ORG") in ents(doc)


def test_a_plural_trade_before_a_list_of_names_names_people(nlp):
    doc = mended(
        nlp,
        "The doubters were shadow cabinet members Ivo Darnel, Ann Lee and Tom Hale.",
        ("Ivo Darnel", "PERSON"),
        ("Ann Lee", "PERSON"),
        ("Tom Hale", "PERSON"),
    )
    assert [label for _, label in ents(doc)] == ["PERSON"] * 3


def test_a_line_up_of_surnames_read_as_places_makes_no_player_a_place(nlp):
    doc = mended(
        nlp,
        "Replacements: Kalvo, Regan, Hyde, Darnel.",
        ("Kalvo", "GPE"),
        ("Regan", "GPE"),
        ("Darnel", "PERSON"),
    )
    assert ("Darnel", "PERSON") in ents(doc)


def test_the_first_name_of_a_person_tagged_an_organisation_is_hers_if_she_is_shown(nlp):
    doc = mended(
        nlp,
        "The champion Ivana Vardakis will race. It is a coup to secure Ivana's presence. "
        "Vardakis is happy.",
        ("Ivana Vardakis", "PERSON"),
        ("Ivana", "ORG"),
        ("Vardakis", "PERSON"),
    )
    assert ("Ivana", "PERSON") in ents(doc)
    unshown = mended(
        nlp,
        "The Kestra Universal deal will go ahead. Kestra shares rose. Universal is a unit.",
        ("Kestra Universal", "PERSON"),
        ("Kestra", "ORG"),
        ("Universal", "PERSON"),
    )
    assert ("Kestra", "ORG") in ents(unshown)


def test_a_title_after_as_is_no_apposition_to_the_speaker_after_it(nlp):
    doc = nlp(
        "Ivo Darnel will be more open as he begins his second term as US President, "
        "Ann Lee has said."
    )
    assert ("Ann Lee", "presidentOf", "United States") not in facts_of(doc)
    held = mended(
        nlp,
        "In his new job as Kestrel Motors chief executive, Ivo Darnel will cut costs.",
        ("Kestrel Motors", "ORG"),
        ("Ivo Darnel", "PERSON"),
        stages=RULE_STAGES,
    )
    assert ("Ivo Darnel", "chiefExecutiveOf", "Kestrel Motors") in facts_of(held)


def test_what_a_title_leaves_of_a_works_name_is_no_entity(nlp):
    doc = mended(
        nlp,
        "She appeared with Ivo Darnel in ITV's King of Fridges.",
        ("Ivo Darnel", "PERSON"),
        ("ITV", "ORG"),
        ("King of Fridges", "PERSON"),
        stages=RULE_STAGES,
    )
    assert [text for text, _ in ents(doc)] == ["Ivo Darnel", "ITV"]
    assert not [f for f in facts_of(doc) if f[1] == "kingOf"]


def test_a_continents_adjective_before_a_title_is_no_body(nlp):
    doc = nlp("Ivo Darnel, Kestrel's European president, made a prediction.")
    assert not [f for f in facts_of(doc) if f[2] == "European"]


def test_a_party_before_a_verb_before_a_national_title_is_not_the_holders(nlp):
    doc = nlp(
        "The bill passed after the Conservatives accepted Prime Minister Ivo Darnel's promise."
    )
    assert ("Ivo Darnel", "memberOf", "Conservative Party") not in facts_of(doc)
    labour = nlp("Labour Prime Minister Ivo Darnel made a promise.")
    assert ("Ivo Darnel", "memberOf", "Labour Party") in facts_of(labour)


def test_a_career_shows_a_person_whom_no_post_is_held_in(nlp):
    doc = mended(
        nlp,
        "Ivo Vardakis manager Tom Hale dies. The former manager of Ivo Vardakis, Tom Hale, "
        "has died. Mr Hale managed Vardakis's career for ten years.",
        ("Ivo Vardakis", "PERSON"),
        ("Tom Hale", "PERSON"),
        ("Ivo Vardakis", "PERSON"),
        ("Tom Hale", "PERSON"),
        ("Hale", "PERSON"),
        ("Vardakis", "PERSON"),
        stages=RULE_STAGES,
    )
    assert clusters_named(doc, "Ivo Vardakis") == ["Person"]
    assert not [f for f in facts_of(doc) if f[2] == "Ivo Vardakis"]


def test_a_nations_noun_before_a_name_is_no_part_of_it(nlp):
    doc = mended(nlp, "Veteran Spaniard Ana Vardakis won.", ("Spaniard Ana Vardakis", "PERSON"))
    assert ents(doc) == [("Ana Vardakis", "PERSON")]


def test_a_one_word_person_listed_mostly_with_firms_is_a_firm(nlp):
    doc = mended(
        nlp,
        "It is licensed by Kestro, Brill Electronics, Vexa, Darnco and Hale Systems.",
        ("Kestro", "GPE"),
        ("Brill Electronics", "ORG"),
        ("Vexa", "PERSON"),
        ("Darnco", "ORG"),
        ("Hale Systems", "ORG"),
    )
    assert ("Vexa", "ORG") in ents(doc)
    people = mended(
        nlp,
        "It was backed by Kestro Holdings, Brill Electronics, Vexa and Ann Lee.",
        ("Kestro Holdings", "ORG"),
        ("Brill Electronics", "ORG"),
        ("Vexa", "PERSON"),
        ("Ann Lee", "PERSON"),
    )
    assert ("Vexa", "PERSON") in ents(people)


def test_a_capitalised_body_noun_before_a_title_ends_the_bodys_name(nlp):
    doc = mended(
        nlp,
        "Kestrel Party leader Ivo Darnel said no.",
        ("Kestrel", "ORG"),
        ("Ivo Darnel", "PERSON"),
        stages=RULE_STAGES,
    )
    assert [t.text for t in doc.spans["kg_titles"]] == ["leader"]
    assert ("Ivo Darnel", "leaderOf", "Kestrel Party") in facts_of(doc)


def test_a_partys_full_name_is_one_organisation_wherever_written(nlp):
    doc = mended(
        nlp,
        "The UK Independence Party said no, Ivo Darnel said.",
        ("UK", "GPE"),
        ("Independence", "ORG"),
        ("Ivo Darnel", "PERSON"),
    )
    assert ("UK Independence Party", "ORG") in ents(doc)
    branch = mended(nlp, "The Scottish Labour Party met.", ("Scottish Labour Party", "ORG"))
    assert ents(branch) == [("Scottish Labour Party", "ORG")]


def test_a_title_before_a_possessive_is_someone_elses(nlp):
    doc = nlp("Ann Jones, the Acme chairman's wife, said the deal was bad.")
    assert ("Ann Jones", "chairmanOf", "Acme") not in facts_of(doc)
    (role,) = [r for r in doc._.kg_roles if r.property == "chairmanOf"]
    assert role.holder is None


SUMMIT = (
    "Leaders from Brazil, Chile, Peru and Japan met in Geneva. Brazil wants lower tariffs "
    "and Brazil's farmers agree. Chile and Japan disagree. Peru said little. "
    "President Ann Lee will speak on Friday."
)


def test_a_story_of_many_countries_implies_none_for_a_national_title(nlp):
    assert not [f for f in facts_of(nlp(SUMMIT)) if f[0] == "Ann Lee"]


def test_a_story_set_in_one_country_implies_it_for_a_national_title(nlp):
    doc = nlp(
        "Brazil wants lower tariffs and Brazil's farmers agree. Chile disagrees. "
        "President Ann Lee will speak in Brazil on Friday."
    )
    assert ("Ann Lee", "presidentOf", "Brazil") in facts_of(doc)


def test_a_countrys_parties_settle_a_tie_between_two_countries(nlp):
    doc = nlp(
        "Labour and the Conservatives argued about the UK budget. Ann Hale is to be the UK "
        "envoy to Kenya. Kenya welcomed her. Chancellor Tom Reed praised her."
    )
    assert ("Tom Reed", "chancellorOf", "United Kingdom") in facts_of(doc)


def test_a_place_that_opens_a_longer_name_is_no_posts_body(nlp):
    doc = nlp("Tom Reed, investment director of UK Equities at Acme Investments, said so.")
    assert ("Tom Reed", "investmentDirectorOf", "United Kingdom") not in facts_of(doc)


def test_a_title_after_a_place_keeps_it_before_an_honorific(nlp):
    doc = nlp("The Archbishop of Canterbury Dr Tom Reed appealed for calm.")
    assert ("Tom Reed", "archbishopOf", "Canterbury") in facts_of(doc)


def test_a_portfolio_of_two_words_is_part_of_the_title_not_a_body(nlp):
    doc = nlp("International Development Minister Tom Reed flew to Kenya. Kenya thanked him.")
    assert not [f for f in facts_of(doc) if f[2] == "International Development"]


def test_a_sentence_adverb_before_a_title_is_no_body(nlp):
    doc = nlp("Earlier Foreign Secretary Tom Reed said the talks would go on.")
    assert not [f for f in facts_of(doc) if f[2] == "Earlier"]
    assert ("Earlier", "ORG") not in ents(doc)


def test_a_competition_is_no_place(nlp):
    doc = nlp(
        "Premiership leaders Acme Rovers face Brill City. She hopes to win at the World "
        "Championships in Finland."
    )
    assert not [f for f in facts_of(doc) if f[2] == "Premiership" or f[0] == "World Championships"]
    assert not [t for t, label in ents(doc) if t in {"Premiership", "World Championships"}]


def test_a_name_ending_a_clause_before_a_title_subject_holds_no_post(nlp):
    doc = nlp("Having shrugged off Tom Reed, the Acme midfielder scored.")
    assert not [r for r in doc._.kg_roles if r.holder is not None]
    doc = nlp("He praised Tom Reed, the Acme midfielder.")
    assert [r.rule for r in doc._.kg_roles] == ["apposition"]


def test_a_noun_opening_a_sentence_before_a_title_is_no_body(nlp):
    doc = nlp(
        "The festival opens in May. Festival director Tom Reed said the festival would "
        "show more films."
    )
    assert "Festival" not in [t for t, _ in ents(doc)]
    assert not [f for f in facts_of(doc) if f[0] == "Tom Reed"]


def test_a_company_opening_a_sentence_before_a_title_stays_a_name(nlp):
    doc = nlp("Toyota chief executive Tom Reed spoke. Sales at Toyota rose by a fifth.")
    assert ("Tom Reed", "chiefExecutiveOf", "Toyota") in facts_of(doc)


def test_a_title_word_inside_a_works_title_case_name_is_no_title(nlp):
    doc = nlp("Best actors are Tom Reed for Kings And Queen, Ann Hale for The Chorus.")
    assert not [r for r in doc._.kg_roles if r.lexicon_title == "queen"]


def test_a_supermodel_is_a_person(nlp):
    doc = nlp("Later, Danish supermodel Ann Hale was named an ambassador.")
    assert ("Ann Hale", "PERSON") in ents(doc)


SCREEN = "The film won an Oscar. The actress and the actor were praised. "


def test_in_a_screen_story_a_directors_work_is_no_body(nlp):
    doc = nlp(SCREEN + "Kill Bill director Tom Reed spoke.")
    assert not [f for f in facts_of(doc) if f[1] == "directorOf"]


def test_in_a_screen_story_a_festival_or_studio_keeps_its_director(nlp):
    doc = nlp(SCREEN + "Berlin Film Festival director Tom Reed said no.")
    assert ("Tom Reed", "directorOf", "Berlin Film Festival") in facts_of(doc)


def test_outside_a_screen_story_a_company_keeps_its_director(nlp):
    doc = nlp("Tesco director Ann Lee said profits rose. Tesco shares fell.")
    assert ("Ann Lee", "directorOf", "Tesco") in facts_of(doc)


def test_a_list_of_places_or_a_line_up_states_no_containment(nlp):
    doc = nlp("They have also found success in Japan, Europe and the US.")
    assert not facts_of(doc, rule_kinds=frozenset({"comma"}))
    doc = nlp("De Marigny; Bergamasco, Canale, Masi, Nitoglia; Orquera, Troncon; Lo Cicero.")
    assert not facts_of(doc, rule_kinds=frozenset({"comma"}))
    assert ("Aston", "locatedIn", "Birmingham") in facts_of(nlp("We lived in Aston, Birmingham."))


def test_a_clause_after_a_comma_is_no_apposition(nlp):
    doc = nlp(
        "Russian officials need not abide by rulings on oil giant Acme, a Houston court "
        "has been told."
    )
    assert not [f for f in facts_of(doc) if f[1] == "basedIn" and f[2] == "Houston"]
    doc = nlp("Shares in Sun Hung Kai, a Hong Kong construction firm, rose.")
    assert ("Sun Hung Kai", "basedIn", "Hong Kong") in facts_of(doc)


def test_names_listed_after_a_trade_only_people_ply_are_people(nlp):
    doc = nlp("Irish horse racing millionaires JP Hale and John Reed own 29% of the club.")
    assert ("JP Hale", "PERSON") in ents(doc)
    assert not [f for f in facts_of(doc) if f[1] == "basedIn"]
