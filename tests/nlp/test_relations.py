"""kg_roles and kg_relations: general patterns, each on a sentence of its own."""

from __future__ import annotations

import pytest

from tests.conftest import facts_of


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "Ken Marsh, chairman of the Police Federation, spoke.",
            ("Ken Marsh", "chairmanOf", "Police Federation"),
        ),
        ("The Mayor of London Mr Khan spoke yesterday.", ("Khan", "mayorOf", "London")),
        (
            "Wolves chairman Rick Hayward said the club was happy.",
            ("Rick Hayward", "chairmanOf", "Wolves"),
        ),
        (
            "British Prime Minister Boris Johnson visited.",
            ("Boris Johnson", "primeMinisterOf", "United Kingdom"),
        ),
        ("Armando Falcon, OFHEO director, said so.", ("Armando Falcon", "directorOf", "OFHEO")),
        (
            "Glenn Hoddle has been unveiled as the new Wolves manager.",
            ("Glenn Hoddle", "managerOf", "Wolves"),
        ),
        (
            "Vexa's chief operations officer Tom Reyes left in May.",
            ("Tom Reyes", "chiefOperationsOfficerOf", "Vexa"),
        ),
        (
            "Tory co-chairman Liam Fry defended the plan.",
            ("Liam Fry", "coChairmanOf", "Conservative Party"),
        ),
        (
            "Anna Berg, co-head of Hallam Partners, said profits rose.",
            ("Anna Berg", "coHeadOf", "Hallam Partners"),
        ),
        (
            "The Irish transport minister Sean Doyle opened the bridge.",
            ("Sean Doyle", "transportMinisterOf", "Ireland"),
        ),
        (
            "Harlow Bank's head of research, Nick Pole, expects rates to rise.",
            ("Nick Pole", "headOfResearchOf", "Harlow Bank"),
        ),
        (
            "Acme Corp said profits fell. Ray Dunn, the firm's boss, apologised.",
            ("Ray Dunn", "bossOf", "Acme Corp"),
        ),
        (
            "Jane Frost, who heads Ofwat, said bills would rise.",
            ("Jane Frost", "headOf", "Ofwat"),
        ),
        (
            "George Dale, who founded the Green Alliance, spoke.",
            ("George Dale", "founderOf", "Green Alliance"),
        ),
        (
            "Jill Hart, UK managing director of software firm Acme Corp, said so.",
            ("Jill Hart", "managingDirectorOf", "Acme Corp"),
        ),
        (
            "Tom Bale, chairman of mining group Rio Tinto, resigned.",
            ("Tom Bale", "chairmanOf", "Rio Tinto"),
        ),
    ],
)
def test_relations_roles(nlp, text, fact):
    assert fact in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text, fact",
    [
        (
            "Senator Jane Roe criticised Tom Bell on Monday.",
            ("Tom Bell", "criticisedBy", "Jane Roe"),
        ),
        (
            "Tom Bell was criticised by Jane Roe on Monday.",
            ("Tom Bell", "criticisedBy", "Jane Roe"),
        ),
        ("Jane Roe paid tribute to Tom Bell.", ("Tom Bell", "praisedBy", "Jane Roe")),
        (
            "Acme Corp faced criticism from the Federal Trade Commission.",
            ("Acme Corp", "criticisedBy", "Federal Trade Commission"),
        ),
        ("Jane Roe accused Tom Bell of lying.", ("Tom Bell", "accusedBy", "Jane Roe")),
        (
            "Tom Bell was killed by John Wilkes Booth.",
            ("Tom Bell", "killedBy", "John Wilkes Booth"),
        ),
        (
            "Jane Roe resigned after losing the backing of Mayor Tom Bell.",
            ("Jane Roe", "lostSupportOf", "Tom Bell"),
        ),
        (
            "The seat was won by Labour's Mary Downs in 2001.",
            ("Mary Downs", "memberOf", "Labour Party"),
        ),
        (
            "Opposition leader Jane Moss hit out at Tom Gale over the budget.",
            ("Tom Gale", "criticisedBy", "Jane Moss"),
        ),
        ("Acme Corp sued Zenith Ltd over the patent.", ("Zenith Ltd", "accusedBy", "Acme Corp")),
        ("The game was played in Bexley, in south London.", ("Bexley", "locatedIn", "London")),
        (
            "However, Professor Jane Tull, of the University of Leeds, is sceptical.",
            ("Jane Tull", "worksFor", "University of Leeds"),
        ),
        (
            "Mr Dale served on the Greater London Council for years.",
            ("Dale", "memberOf", "Greater London Council"),
        ),
        (
            "Tom Dale was elected to the European Parliament.",
            ("Tom Dale", "memberOf", "European Parliament"),
        ),
    ],
)
def test_relations_stances_and_events(nlp, text, fact):
    assert fact in facts_of(nlp(text))


def test_relations_negation_yields_nothing(nlp):
    doc = nlp("Jane Roe did not criticise Tom Bell.")
    assert not any(p == "criticisedBy" for _, p, _ in facts_of(doc))


def test_relations_hedging_lowers_confidence(nlp):
    plain = nlp("Jane Roe criticised Tom Bell.")._.kg_relations
    hedged = nlp("Jane Roe reportedly criticised Tom Bell.")._.kg_relations
    assert plain and hedged
    assert hedged[0].confidence < plain[0].confidence


def test_relations_future_resignation_is_not_a_fact(nlp):
    doc = nlp("Paul Smith, chairman of Acme Holdings, is to step down next year.")
    assert not any(p == "resignedFrom" for _, p, _ in facts_of(doc))


def test_relations_quote_praise_goes_to_the_speaker(nlp):
    doc = nlp(
        'Prime Minister Tony Blair said: "Paul Boateng has been a valued colleague '
        'and a trusted friend."'
    )
    assert ("Paul Boateng", "praisedBy", "Tony Blair") in facts_of(doc)


def test_relations_example_must_facts(example_doc):
    facts = facts_of(example_doc)
    for fact in [
        ("Margaret Oyelaran", "chiefConstableOf", "Harbourside City Police"),
        ("Margaret Oyelaran", "resignedFrom", "Harbourside City Police"),
        ("Daniel Frost", "mayorOf", "Harbourside"),
        ("Tom Pritchard", "chairmanOf", "Harbourside Police Federation"),
        ("Fiona Gallagher", "chiefExecutiveOf", "Police Standards Authority"),
        ("Margaret Oyelaran", "praisedBy", "Eleanor Whitcombe"),
        ("Daniel Frost", "accusedBy", "Tom Pritchard"),
        ("Tom Pritchard", "criticisedBy", "Aisha Rahman"),
    ]:
        assert fact in facts, fact
    assert ("Daniel Frost", "mayorOf", "London") not in facts
    assert ("Margaret Oyelaran", "praisedBy", "Daniel Frost") not in facts


@pytest.mark.parametrize(
    "text",
    [
        "Senator Bill Hart said he would support Ann Lee.",
        "Ray Kerr may criticise Joan Fry.",
        "Nobody knows whether Ray Kerr criticised Joan Fry.",
    ],
)
def test_relations_modal_or_hypothetical_stances_are_below_the_default_floor(nlp, text):
    from kg.config import DEFAULT_MIN_CONFIDENCE

    relations = [r for r in nlp(text)._.kg_relations if r.predicate.endswith("By")]
    assert relations, "the stance is still found, with a lowered confidence"
    assert all(r.confidence < DEFAULT_MIN_CONFIDENCE for r in relations)


def test_relations_plain_stance_is_above_the_default_floor(nlp):
    from kg.config import DEFAULT_MIN_CONFIDENCE

    (relation,) = nlp("Ray Kerr criticised Joan Fry.")._.kg_relations
    assert relation.confidence >= DEFAULT_MIN_CONFIDENCE


def test_open_title_keeps_names_and_descriptions_out_of_the_phrase(nlp):
    doc = nlp("The club chairman Rob Hale and Rovers manager Tim Cole met.")
    facts = facts_of(doc)
    assert not any(p.startswith("club") for _, p, _ in facts)
    labels = {r.label for r in doc._.kg_roles}
    assert "Chairman" in labels and "Manager" in labels


def test_a_role_verb_in_the_future_gives_no_role(nlp):
    facts = facts_of(nlp("Ann Vale will chair the Harbour Trust."))
    assert not any(p == "chairmanOf" for _, p, _ in facts)
    assert ("Ann Vale", "chairmanOf", "Harbour Trust") in facts_of(
        nlp("Ann Vale chairs the Harbour Trust.")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Senator Ann Lee called for Tom Gale to resign.",
        "Ann Lee has called on Tom Gale to quit.",
        "Senator Ann Lee called for Tom Gale to step down.",
        "Ann Lee urged Tom Gale to step down.",
        "Ann Lee branded Tom Gale's remarks stupid.",
    ],
)
def test_relations_calls_to_resign_and_branding_are_criticism(nlp, text):
    assert ("Tom Gale", "criticisedBy", "Ann Lee") in facts_of(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "Ann Lee did not call for Tom Gale to resign.",
        "Ann Lee urged Tom Gale to step in.",
        "Ann Lee called Tom Gale to go to the meeting.",
    ],
)
def test_relations_no_criticism_without_a_call_to_leave(nlp, text):
    assert not any(p == "criticisedBy" for _, p, _ in facts_of(nlp(text)))


def test_relations_a_players_position_ties_them_to_their_club(nlp):
    assert ("Dan Cole", "worksFor", "Rovers") in facts_of(nlp("Rovers striker Dan Cole scored."))
    assert ("Juninho", "worksFor", "Celtic") in facts_of(
        nlp("Celtic midfielder Juninho wants to stay.")
    )


def test_relations_a_nationality_is_not_where_a_post_is_held(nlp):
    facts = facts_of(nlp("Australian tennis coach Tony Roche turned down the approach."))
    assert not any(p.endswith("Of") for _, p, _ in facts)
    assert ("Karl Brandt", "chancellorOf", "Germany") in facts_of(
        nlp("The German chancellor Karl Brandt spoke.")
    )


def test_relations_a_list_of_names_is_no_place_in_a_place(nlp):
    text = "The seats are Bristol West, Cardiff Central, Leeds North West, Oxford East and Bath."
    assert not any(p == "locatedIn" for _, p, _ in facts_of(nlp(text)))
    assert ("Aston", "locatedIn", "Birmingham") in facts_of(nlp("We lived in Aston, Birmingham."))


def test_relations_an_event_or_act_placed_at_an_organisation_is_not_where_it_is_based(nlp):
    for text in (
        "I was shocked to see this leaflet by the British National Party in Swansea.",
        "Kim Collins will compete at the Norwich Union Grand Prix in Birmingham.",
    ):
        relations = nlp(text)._.kg_relations
        assert not any(r.predicate == "basedIn" and r.rule == "based:in" for r in relations)


def test_relations_a_named_facility_in_a_place(nlp):
    facts = facts_of(nlp("The match is at the Elm Park stadium in Leeds."))
    assert ("Elm Park", "locatedIn", "Leeds") in facts
