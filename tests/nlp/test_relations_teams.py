"""Roles, memberships and places from team and place phrasing (rules, not the models)."""

from __future__ import annotations

import pytest


def _ruled(doc) -> set[tuple[str, str, str]]:
    """(subject, property, object) of the facts a named rule found (no model's guesses)."""
    clusters = doc._.kg_clusters.clusters
    return {
        (clusters[r.subject].label, r.predicate, clusters[r.object].label)
        for r in doc._.kg_relations
        if not r.rule.startswith("model:")
    }


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "Shares in Zenith Ltd, the Montreal-based chain, rose.",
            ("Zenith Ltd", "basedIn", "Montreal"),
        ),
        (
            "Calder Holdings makes games. The Canadian firm says it will grow. Canada is cold.",
            ("Calder Holdings", "basedIn", "Canada"),
        ),
        (
            "Nokia and Canada-based handset parts company Brill Wireless agreed a deal.",
            ("Brill Wireless", "basedIn", "Canada"),
        ),
        (
            "He bet with UK bookmakers Ladbrokes and Hollins Ltd last year.",
            ("Hollins Ltd", "basedIn", "United Kingdom"),
        ),
        (
            "She taught at Westbrook High School in Denver.",
            ("Westbrook High School", "basedIn", "Denver"),
        ),
        (
            "Ms Reed worked as a nurse before being elected to Parliament in 1992.",
            ("Reed", "memberOf", "Parliament"),
        ),
        (
            "Jane Roe, who was elected to Parliament in 2001, spoke.",
            ("Jane Roe", "memberOf", "Parliament"),
        ),
        (
            "Tom Hale, who founded the breakaway party Veritas in 2004, spoke.",
            ("Tom Hale", "memberOf", "Veritas"),
        ),
        # a club's name the tagger reads as a person's, before a player's position
        (
            "Tottenham Hotspur winger Ned Cray hopes to return.",
            ("Ned Cray", "worksFor", "Tottenham Hotspur"),
        ),
        ("Leeds left-back Ian Marley scored.", ("Ian Marley", "worksFor", "Leeds")),
        # a town between which and a player's name stands a position is the club
        (
            "Northampton scrum-half Harry Dunn has been promoted.",
            ("Harry Dunn", "worksFor", "Northampton"),
        ),
        (
            "Rovers captain Jon Perry was fit, as was his team-mate Frank Dill.",
            ("Frank Dill", "worksFor", "Rovers"),
        ),
        (
            "Frank Dill, Perry's team-mate at Chelsea, scored.",
            ("Frank Dill", "worksFor", "Chelsea"),
        ),
    ],
)
def test_teams_and_places_rules(nlp, text, fact):
    assert fact in _ruled(nlp(text))


@pytest.mark.parametrize(
    "text, wrong",
    [
        # "in the country" is a description, not a name: it places the seats, if anything
        (
            "Norway is cold. It is one of the oldest Labour branches in the country.",
            ("Labour Party", "basedIn", "Norway"),
        ),
        # the second name of a pair has a modifier of its own
        (
            "In Russia, talks are led by Russian gas giant Volgagaz and India's Oilco Ltd now.",
            ("Oilco Ltd", "basedIn", "Russia"),
        ),
        # a wish is no membership
        (
            "Tom Bell hopes to be elected to the Scottish Parliament.",
            ("Tom Bell", "memberOf", "Scottish Parliament"),
        ),
        # a former team-mate played for another side, once
        (
            "Rovers striker Dan Cole scored. His former team-mate Tim Bale now plays for City.",
            ("Tim Bale", "worksFor", "Rovers"),
        ),
    ],
)
def test_teams_and_places_rules_hold_back(nlp, text, wrong):
    assert wrong not in _ruled(nlp(text))


def test_a_position_with_no_side_named_is_not_placed_in_the_main_side(nlp):
    text = (
        "The Harton Tigers lost to the Kelby club. The Harton Tigers said the Harton "
        "Tigers would appeal. Later fly-half Joe Mull missed a kick."
    )
    facts = _ruled(nlp(text))
    assert not any(s == "Joe Mull" and p == "worksFor" for s, p, _ in facts)


def test_an_mp_with_no_party_named_is_no_member_of_the_main_organisation(nlp):
    text = (
        "The Tenants Forum met. The Tenants Forum spoke and the Tenants Forum voted. "
        "Ann Hale is standing against sitting MP Jane Orr."
    )
    facts = _ruled(nlp(text))
    assert not any(p == "memberOf" and o == "Tenants Forum" for _, p, o in facts)


MAIN_FIRM = "Acme Ltd grew. Acme Ltd hired staff and Acme Ltd won. "
"""A first sentence that makes Acme Ltd the article's main organisation."""


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "The Conservatives met on Monday. Conservative transport spokesman Jo Fenn said so.",
            ("Jo Fenn", "transportSpokesmanOf", "Conservative Party"),
        ),
        (
            MAIN_FIRM + "They met Labour party chairman Ian Dorr for talks.",
            ("Ian Dorr", "chairmanOf", "Labour Party"),
        ),
        (
            MAIN_FIRM + "So said Pat Sims, head of the threat unit at security firm Brightwall.",
            ("Pat Sims", "headOf", "Brightwall"),
        ),
        (
            MAIN_FIRM + "So said Dan Burt, a research director at analyst firm Harrowgate.",
            ("Dan Burt", "researchDirectorOf", "Harrowgate"),
        ),
    ],
)
def test_where_a_post_is_held_is_read_before_any_implied_organisation(nlp, text, fact):
    assert fact in _ruled(nlp(text))


@pytest.mark.parametrize(
    "text, holder",
    [
        # the place of work is named, though the tagger reads it as a person
        (MAIN_FIRM + "So said Dan Burt, chief economist at Annie Sloane.", "Dan Burt"),
        (MAIN_FIRM + "Yet aviation analyst Kim Rees of Dresdner Kleinwort says so.", "Kim Rees"),
        # a party named as an adjective, but nowhere as an organisation
        (MAIN_FIRM + "Conservative co-chairman Liam Ross said so.", "Liam Ross"),
    ],
)
def test_a_post_named_elsewhere_is_not_implied_in_the_main_organisation(nlp, text, holder):
    facts = _ruled(nlp(text))
    assert not any(s == holder and o == "Acme Ltd" for s, _, o in facts)


def test_a_person_at_an_organisations_event_does_not_work_for_it(nlp):
    text = "They talked with Tom Pryce at Labour's spring conference in Gateshead."
    assert ("Tom Pryce", "worksFor", "Labour Party") not in _ruled(nlp(text))


def test_a_side_named_before_team_mate_is_the_players_side(nlp):
    text = "Luscombe starts ahead of Dragons team-mate Kevin Mott, who is on the bench."
    assert ("Kevin Mott", "worksFor", "Dragons") in _ruled(nlp(text))


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Mary Kent visited Paris, where she lived for years.", ("Mary Kent", "livesIn", "Paris")),
        (
            "Ann Fry, who moved to Canada last year, teaches maths there.",
            ("Ann Fry", "livesIn", "Canada"),
        ),
    ],
)
def test_where_a_person_lives_from_a_clause_or_a_move(nlp, text, fact):
    assert fact in _ruled(nlp(text))


def test_a_transfer_for_a_fee_is_no_move_of_home(nlp):
    text = "They could not agree a fee for Dunn, who moved to Cheshire in 2002 for £4.5m."
    assert not any(p == "livesIn" for _, p, _ in _ruled(nlp(text)))


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Labour backbencher Jo Roe said so.", ("Jo Roe", "memberOf", "Labour Party")),
        ("Tory peer Lord Tebb said so.", ("Lord Tebb", "memberOf", "Conservative Party")),
        ("SNP MSP Ann Lee said so.", ("Ann Lee", "memberOf", "Scottish National Party")),
    ],
)
def test_a_party_title_makes_a_member(nlp, text, fact):
    assert fact in _ruled(nlp(text))


def test_a_party_before_a_national_title_is_the_holders_party(nlp):
    facts = _ruled(nlp("Britain voted. Labour Prime Minister Tom Brill said so."))
    assert ("Tom Brill", "memberOf", "Labour Party") in facts
    assert ("Tom Brill", "primeMinisterOf", "United Kingdom") in facts
    assert ("Tom Brill", "primeMinisterOf", "Labour Party") not in facts
    facts = _ruled(nlp("Meanwhile, the Liberal Democrats' President Sam Hugh said so."))
    assert ("Sam Hugh", "presidentOf", "Liberal Democrats") in facts


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Devon police said they had arrested a man.", ("Devon police", "basedIn", "Devon")),
        (
            "The US Federal Reserve raised rates in the US on Tuesday.",
            ("US Federal Reserve", "basedIn", "United States"),
        ),
    ],
)
def test_an_organisation_named_after_its_place(nlp, text, fact):
    assert fact in _ruled(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Leeds is wet. She ran the London Marathon in April. London is big.",
        "Paris is big. As a boy he loved his Paris school.",
        "Glasgow is wet. Glasgow group The Hollow Reeds won two prizes.",
    ],
)
def test_an_event_a_fixture_or_a_common_noun_is_no_organisation_based_in_a_place(nlp, text):
    relations = nlp(text)._.kg_relations
    assert not any(r.rule == "place:org-name" for r in relations)


@pytest.mark.parametrize(
    "text",
    [
        "An EU spokesman in Brussels dismissed the complaint.",
        "Her time was inside the mark for the European Indoor Championships in Lisbon.",
        "It was filmed at the famous US base in Guam.",
        "Spain play Ireland in Dublin on 12 March.",
    ],
)
def test_a_person_an_event_or_a_side_in_a_place_is_no_containment(nlp, text):
    facts = _ruled(nlp(text))
    assert not any(p in {"basedIn", "locatedIn"} for _, p, _ in facts)


@pytest.mark.parametrize(
    "text, holder",
    [
        (MAIN_FIRM + "So said Dan Burt, a research director at analyst firm Denholm.", "Dan Burt"),
        (MAIN_FIRM + "For Jupiter analyst Olli Brand, it was an error.", "Olli Brand"),
    ],
)
def test_a_post_at_a_firm_behind_a_description_or_an_unknown_name_is_not_implied(nlp, text, holder):
    facts = _ruled(nlp(text))
    assert not any(s == holder and o == "Acme Ltd" for s, _, o in facts)


def test_a_surname_in_a_list_of_names_is_no_title(nlp):
    text = "Britain picked Balshaw, Cohen, Hodgson, King, Wilkinson and Dawson."
    assert not any(p == "kingOf" for _, p, _ in _ruled(nlp(text)))


def test_an_organisation_after_a_described_title_complement(nlp):
    text = "It is an honour, said Ken Abe, president of manufacturer Tosa Lifts Ltd, today."
    assert ("Ken Abe", "presidentOf", "Tosa Lifts Ltd") in _ruled(nlp(text))


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        (
            "Britain's biggest bank, Harlow Bank, made a profit.",
            ("Harlow Bank", "basedIn", "United Kingdom"),
        ),
        ("Norway's largest oil firm Kestrel Oil lied.", ("Kestrel Oil", "basedIn", "Norway")),
        ("Kestrel Oil, Norway's largest oil firm, lied.", ("Kestrel Oil", "basedIn", "Norway")),
    ],
)
def test_a_place_possessive_before_a_description_places_the_body(nlp, text, fact):
    assert fact in _ruled(nlp(text))


def test_a_place_possessive_before_no_description_places_nothing(nlp):
    doc = nlp("Britain's biggest customer, Harlow Foods, complained.")
    assert not any(p == "basedIn" for _, p, _ in _ruled(doc))
