"""kg_coref: one cluster per entity of an article."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.nlp.clubs import NO_USES, PlaceUses, read_clubs
from kg.nlp.coref import acronym, normalise
from kg.nlp.lexicon import load_lexicon
from tests.conftest import clusters_by_label, facts_of


def mention_texts(doc, cluster) -> set[str]:
    return {doc[s:e].text for s, e, _ in cluster.mentions}


def test_coref_example_person_gathers_names_pronouns_and_role(example_doc):
    chief = clusters_by_label(example_doc)["Margaret Oyelaran"]
    texts = mention_texts(example_doc, chief)
    assert {"Margaret Oyelaran", "Oyelaran", "she", "She", "chief constable"} <= texts
    assert chief.gender == "female"


def test_coref_example_organisation_short_forms_join(example_doc):
    by_label = clusters_by_label(example_doc)
    force = by_label["Harbourside City Police"]
    assert {"Harbourside City Police", "HCP"} <= set(force.names)
    assert "force" in mention_texts(example_doc, force)
    federation = by_label["Harbourside Police Federation"]
    assert "HPF" in federation.names and federation.key != force.key


def test_coref_pronoun_object_is_not_its_own_subject(nlp):
    doc = nlp(
        "Commissioner Jane Roe resigned. Her deputy Ann Smith, who had clashed with Roe, "
        "praised her on Friday."
    )
    clusters = doc._.kg_clusters
    her = next(t for t in doc if t.lower_ == "her" and t.i > 10)
    assert clusters.clusters[clusters.by_token[her.i]].label == "Jane Roe"


def test_coref_acronym_and_party_aliases(nlp):
    doc = nlp(
        "The firm was admonished by the Securities and Exchange Commission. "
        "Analysts said the SEC acted fast. The Tories and the Conservatives agreed."
    )
    by_label = clusters_by_label(doc)
    assert "SEC" in by_label["Securities and Exchange Commission"].names


def test_coref_helpers():
    assert normalise("The Met's") == "met"
    assert acronym("Office of Federal Housing Enterprise Oversight") == "OFHEO"


# -- sports clubs: town, full name and nickname are one organisation ---------------


def with_entities(nlp, text: str, **labels: str) -> Doc:
    """Run ``nlp`` on ``text`` with every occurrence of each ``Name=LABEL`` as the NER's
    entities (``Jim_Bell`` for "Jim Bell"), so the test does not hang on the model's tags."""
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name == "ner":
            doc.ents = [
                doc.char_span(m.start(), m.end(), label=label)
                for words, label in labels.items()
                for m in re.finditer(rf"\b{re.escape(words.replace('_', ' '))}\b", text)
            ]
    return doc


def clusters_named(doc, name: str) -> list:
    """The clusters of ``doc`` that have ``name`` among their names."""
    return [c for c in doc._.kg_clusters.clusters.values() if name in c.names]


def types_named(doc, name: str) -> list[str]:
    return [c.type for c in clusters_named(doc, name)]


def test_coref_club_nickname_joins_its_town(nlp):
    doc = with_entities(
        nlp,
        "Jim Bell was sacked by Spurs on Monday. He had joined Tottenham from Leeds in 2001.",
        Jim_Bell="PERSON",
        Spurs="PERSON",
        Tottenham="GPE",
        Leeds="GPE",
    )
    (club,) = clusters_named(doc, "Spurs")
    assert club.type == "Organization"
    assert club.label == "Tottenham"
    assert set(club.names) == {"Tottenham", "Spurs"}
    assert clusters_named(doc, "Tottenham") == [club]
    assert types_named(doc, "Leeds") == ["Place"]


def test_coref_club_nickname_alone_is_an_organisation(nlp):
    doc = with_entities(
        nlp, "Jim Bell was sacked by Spurs on Monday.", Jim_Bell="PERSON", Spurs="PERSON"
    )
    (club,) = clusters_named(doc, "Spurs")
    assert (club.type, club.label) == ("Organization", "Spurs")


def test_coref_ambiguous_club_nickname_does_not_merge(nlp):
    doc = with_entities(
        nlp,
        "Jim Bell has left Chelsea for Birmingham. The Blues paid £2m for him.",
        Jim_Bell="PERSON",
        Chelsea="ORG",
        Birmingham="GPE",
        Blues="ORG",
    )
    (blues,) = clusters_named(doc, "Blues")
    assert (blues.type, blues.names) == ("Organization", ["Blues"])
    assert types_named(doc, "Birmingham") == ["Place"]


def test_coref_town_lived_in_stays_a_place(nlp):
    doc = with_entities(
        nlp,
        "Anna Smith, who lives in Southampton, says the port is busy. The Saints lost on Saturday.",
        Anna_Smith="PERSON",
        Southampton="GPE",
        Saints="ORG",
    )
    assert types_named(doc, "Southampton") == ["Place"]
    assert types_named(doc, "Saints") == ["Organization"]


def test_coref_town_with_a_club_cue_is_a_club(nlp):
    text = "Jim Bell was manager at Southampton for two years."
    ents = {"Jim_Bell": "PERSON", "Southampton": "GPE"}
    assert types_named(with_entities(nlp, text, **ents), "Southampton") == ["Organization"]
    text += " He still lives in Southampton."
    assert types_named(with_entities(nlp, text, **ents), "Southampton") == ["Place"]


def read(*mentions: tuple[str, str], uses: PlaceUses = NO_USES):
    return read_clubs(mentions, load_lexicon(), uses)


def test_clubs_nickname_reads_as_the_one_named_club():
    reading = read(("spurs", "PERSON"), ("tottenham", "GPE"), ("leeds", "GPE"))
    assert reading.club("spurs") == reading.club("tottenham") == "Tottenham Hotspur"
    assert reading.club("leeds") is None
    full = read(("spurs", "ORG"), ("tottenham hotspur fc", "ORG"))
    assert full.club("tottenham hotspur fc") == full.club("spurs") == "Tottenham Hotspur"


def test_clubs_ambiguous_or_unnamed_nickname_stays_alone():
    reading = read(("blues", "ORG"), ("chelsea", "PERSON"), ("birmingham", "GPE"))
    assert reading.club("blues") is None and reading.club("birmingham") is None
    assert reading.is_nickname("blues") and reading.is_organisation("blues")
    assert read(("gunners", "ORG")).club("gunners") is None


def test_clubs_shared_town_goes_to_the_club_of_the_nickname():
    assert read(("tigers", "ORG"), ("leicester", "ORG")).club("leicester") == "Leicester Tigers"
    both = read(("tigers", "ORG"), ("foxes", "ORG"), ("leicester", "ORG"))
    assert both.club("leicester") is None
    assert (both.club("tigers"), both.club("foxes")) == ("Leicester Tigers", "Leicester City")


def test_clubs_not_nicknames_places_and_surnames():
    assert not read(("canaries", "GPE"), ("norwich", "GPE")).is_organisation("norwich")
    assert not read(("irons", "PERSON"), ("jeremy irons", "PERSON")).is_nickname("irons")
    lived_in = read(
        ("saints", "ORG"),
        ("southampton", "GPE"),
        uses=PlaceUses(as_place=frozenset({"southampton"})),
    )
    assert lived_in.club("southampton") is None and lived_in.club("saints") == "Southampton"


def test_lexicon_club_nicknames():
    lexicon = load_lexicon()
    assert len(lexicon.clubs) >= 60
    by_nickname = {k: [c.name for c in v] for k, v in lexicon.clubs_by_nickname.items()}
    assert by_nickname["red devils"] == ["Manchester United"]
    assert by_nickname["toffees"] == ["Everton"]
    assert {"Newcastle United", "Notts County"} <= set(by_nickname["magpies"])
    assert "Tottenham Hotspur" in [c.name for c in lexicon.clubs_by_name["tottenham"]]


def test_coref_add_skips_a_repeated_start_without_scanning_the_mentions():
    from kg.nlp.coref import Cluster, CorefResult

    result = CorefResult()
    result.clusters["e0"] = Cluster("e0", "Person")
    for start in [*range(0, 3000, 3), 0, 3]:
        result.add("e0", start, start + 2, "name")
    assert len(result.clusters["e0"].mentions) == 1000
    assert result.starts["e0"] == set(range(0, 3000, 3))
    assert result.cluster_at(4) is result.clusters["e0"]


def test_coref_a_peer_goes_by_title_and_surname(nlp):
    doc = nlp("Lord Hendry criticised the plan. Later Lord Hendry apologised.")
    (cluster,) = [c for c in doc._.kg_clusters.clusters.values() if c.type == "Person"]
    assert cluster.label == "Lord Hendry" and "Hendry" in cluster.names


def test_coref_an_honorific_that_is_no_peerage_stays_outside_the_name(nlp):
    doc = nlp("Mr Hendry criticised the plan.")
    (cluster,) = [c for c in doc._.kg_clusters.clusters.values() if c.type == "Person"]
    assert cluster.label == "Hendry"


def test_coref_the_government_is_no_ministry_or_other_body(nlp):
    doc = nlp(
        "The Home Office issued new rules. Tom Hale, who resigned from the government"
        " in May, attacked them."
    )
    facts = facts_of(doc)
    assert not any(p == "resignedFrom" and o == "Home Office" for _, p, o in facts)


# -- a person's sex from a given name ------------------------------------------------


def test_coref_a_given_name_tells_which_person_a_pronoun_is(nlp):
    doc = nlp("Tom Hale is a famous singer. Anna Reed, the singer's manager, said he was tired.")
    clusters = doc._.kg_clusters
    he = next(t for t in doc if t.lower_ == "he")
    assert clusters.clusters[clusters.by_token[he.i]].label == "Tom Hale"
    assert clusters_by_label(doc)["Anna Reed"].gender == "female"


def test_coref_a_quote_goes_to_the_speaker_of_the_pronouns_sex(nlp):
    doc = nlp(
        'Spokesman Alan Dorne said trade was up. Kate Mill disagreed. "We are very busy," he said.'
    )
    clusters = doc._.kg_clusters.clusters
    (quote,) = doc._.kg_quotes
    assert clusters[quote.speaker].label == "Alan Dorne"


def test_coref_a_name_given_to_both_sexes_leaves_the_sex_open(nlp):
    doc = nlp("Kim Hale arrived late. Tom Reed left early.")
    by_label = clusters_by_label(doc)
    assert by_label["Kim Hale"].gender is None and by_label["Tom Reed"].gender == "male"


def test_lexicon_given_names_are_lower_case_and_of_one_sex_each():
    genders = load_lexicon().gender_of_given_name
    assert genders["paul"] == "male" and genders["serena"] == "female"
    assert "kim" not in genders and "andrea" not in genders  # given to both
    assert all(name == name.lower() for name in genders)


def test_coref_a_titles_description_in_another_body_is_not_its_holder(nlp):
    doc = nlp("Labour leader Tom Hale spoke. He then accused the Tory leader of lying.")
    clusters = doc._.kg_clusters
    leader = next(t for t in doc if t.lower_ == "leader" and t.i > 5)
    assert clusters.by_token.get(leader.i) != clusters_by_label(doc)["Tom Hale"].key
    assert ("Tom Hale", "accusedBy", "Tom Hale") not in facts_of(doc)


def test_coref_a_former_posts_description_still_names_its_holder(nlp):
    doc = nlp(
        "Newcastle manager Tom Hale spoke. The former Rangers manager said: "
        '"We have lots of targets."'
    )
    clusters = doc._.kg_clusters.clusters
    (quote,) = doc._.kg_quotes
    assert clusters[quote.speaker].label == "Tom Hale"


def test_coref_he_in_the_next_sentence_is_the_main_clauses_subject(nlp):
    doc = nlp(
        "Mr Hain told the BBC that Mr Howard's stance was putting the country at risk. "
        "He then accused the opposition of playing games."
    )
    clusters = doc._.kg_clusters
    he = next(t for t in doc if t.text == "He")
    assert clusters.clusters[clusters.by_token[he.i]].label == "Hain"
