"""Where people live, where places and organisations are, whom people work for.

General constructions over the parse, each a named rule:

- ``located:comma``: "Bethany, Conn." (a place, a comma, a larger place);
- ``located:in``: "the town of Lowman in central Idaho", "the Elm Park stadium in Leeds";
- ``lives:of``: "Brian Michaud of Millinocket", "Jane Roe, 50, of Bethany, Conn.";
- ``lives:native``: "Thomas is a native of Chisholm";
- ``lives:verb``: "she lives in Leeds", "born in Paris";
- ``lives:moved``: "she moved to Leeds", "who had emigrated to Canada";
- ``lives:where``: "Leeds, where she grew up", "Leeds's east end, where he lived";
- ``located:comma-in``: "Eastfield, in north Kent";
- ``based:appositive``: "Sun Hung Kai, a Hong Kong construction firm";
- ``based:in``: "the Harbor exchange in Lisbon", "a move to Corvo in Portugal" (the
  place's preposition hangs from the organisation's noun phrase, not from a verb),
  "studied at Elm High School in Denver" (a named facility, after any preposition);
- ``based:verb``: "Acme, based in Ohio", "headquartered in Paris";
- ``works:at``: "Wang Ziqiang at the Institute of Mechanics", "John Smith of IBM";
- ``works:verb``: "she works for Acme";
- ``works:career``: "he plays for Rovers", "signed for Rovers", "scored twice for Rovers",
  "moved to Rovers in 2003",
  "wants to stay at Rovers"
  (a wish to stay says where one is; a wish to play or sign says nothing);
- ``works:joined``: "Hale joined Rovers in 2003", "he will join Acme" (not "would join",
  "hopes to join", nor "joined Acme in criticising ...");
- ``works:hired``: "Rovers have signed Tom Hale", "Acme hired Jo Roe" (not "want to
  sign");
- ``works:from``: "joined Acme from Harlow Foods", "Rovers signed Hale from Leeds
  United" (where the person worked before);
- ``works:move``: "since his move to Rovers", "Hale's move from Rovers", "made his debut
  for Rovers" (a move made, not "a move to Rovers" nor "his proposed move");
- ``member:verb``: "he served on the Leeds council", "she was elected to Parliament",
  "Jo Roe, who was elected to Parliament", "served on X before being elected to Y".

Each yields ``(subject token, property, object token, rule, confidence)``; the
relation extractor maps tokens to clusters and checks the types.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.nlp.coref import PEERAGE_TITLES

Found = tuple[Token, str, Token, str, float]
LIVE_VERBS = frozenset({"live", "reside", "bear", "grow", "settle"})
MOVE_VERBS = frozenset({"move", "relocate", "emigrate"})
"""Verbs whose "to" + a place is where a person now lives ("she moved to Leeds")."""
BASED_WORDS = frozenset({"base", "headquarter", "locate"})
WORK_VERBS = frozenset({"work", "serve"})
CAREER_VERBS = frozenset(
    {("play", "for"), ("sign", "for"), ("stay", "at"), ("stay", "with"), ("remain", "at")}
    | {("remain", "with"), ("score", "for"), ("move", "to"), ("switch", "to")}
)
"""A verb and preposition that tie a person to the side or firm they are with."""
STAYING_VERBS = frozenset({"stay", "remain"})
"""Career verbs that still say where one is under a wish: "wants to stay at Rovers"."""
JOIN_VERBS = frozenset({"join", "rejoin"})
HIRING_VERBS = frozenset({"sign", "hire", "recruit", "employ"})
"""Verbs whose subject takes their object on: "Rovers signed Tom Hale"."""
TRANSFER_VERBS = HIRING_VERBS | frozenset({"buy", "poach", "bring", "loan", "snap", "lure"})
"""Verbs whose "from" is where a person came from, not where they live."""
CAREER_RULES = frozenset(
    {"works:career", "works:joined", "works:move", "works:hired", "works:from"}
)
"""Rules whose "works for" is membership when the body is a party or a national side."""
CAREER_STEP_NOUNS = frozenset(
    "january february march april may june july august september october november december"
    " spring summer autumn winter year season month week window deal move transfer loan"
    " contract swap".split()
)
"""Nouns after "joined X in/on" that date the step or give its terms."""
MOVE_NOUNS = frozenset({"move", "transfer", "switch", "debut"})
"""Nouns of a transfer: "his move to Rovers" (a possessor makes it one that happened),
and of a first game: "his debut for Rovers"."""
MOVE_PREPOSITIONS = frozenset({"to", "from", "for"})
UNSURE_WORDS = frozenset(
    "proposed possible potential mooted planned rumoured rumored likely prospective"
    " expected proposal failed collapsed aborted hoped-for dream".split()
)
"""Words before a move that make it one not (yet) made: "his proposed move to Rovers"."""
UNSURE_AUXILIARIES = frozenset({"would", "could", "might", "may", "should", "can", "ca", "must"})
MEMBERSHIP_VERBS = frozenset({("serve", "on"), ("sit", "on"), ("elect", "to"), ("join", "as")})
"""A verb and preposition that make a person a member: "served on the council",
"was elected to Parliament"."""
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
HOLDING_PREPOSITIONS = frozenset({"to", "for", "of", "from", "with", "into", "against"})
"""Prepositions after which "ORG in PLACE" still says where the organisation is."""
EVENT_WORDS = frozenset(
    "championship championships cup games olympics open series sevens tournament festival"
    " awards prix conference summit trophy marathon rally masters final finals expo fair"
    " show election elections memorial classic tour olympic u21 u19".split()
)
"""Words of an event's name, not an organisation's: "the Indoor Championships in Madrid"
is held there, not based there ("London Marathon", "Dubai Open")."""
CONTINENTS = frozenset(
    {
        "europe",
        "asia",
        "africa",
        "north america",
        "south america",
        "latin america",
        "central america",
        "oceania",
        "the caribbean",
        "caribbean",
        "the middle east",
        "middle east",
        "scandinavia",
        "the balkans",
    }
)
"""The places a country can be in."""
FACILITY_NOUNS = frozenset(
    "school academy college university hospital clinic church cathedral chapel mosque"
    " synagogue temple stadium prison museum library theatre".split()
)
"""Last words of a named facility's name: "X High School in Y" says where it is."""
VENUE_NOUNS = frozenset("stadium ground arena park centre hall track circuit course".split())
"""Nouns after a venue's name: "the Elm Park stadium in Leeds"."""
ORG_PART_NOUNS = frozenset(
    "exchange office branch plant factory headquarters subsidiary unit division"
    " arm operation store bank studio firm company group business".split()
)
"""Nouns after an organisation's name that stand for it or a part of it ("the Acme
plant in Leeds"), not for people or things of it ("an Acme spokesman in Leeds")."""
COMPASS = frozenset(
    "north south east west northern southern eastern western central north-east north-west"
    " south-east south-west".split()
)


def find_affiliations(doc: Doc, type_of) -> Iterator[Found]:
    """Yield affiliation facts; ``type_of(token)`` gives a token's entity type or None."""
    for token in doc:
        kind = type_of(token) if token.ent_type_ else None  # names only, not "the Mayor"
        if kind == "Place":
            yield from _located(doc, token, type_of)
        elif kind == "Person":
            yield from _person(doc, token, type_of)
        elif kind == "Organization":
            yield from _organisation(doc, token, type_of)
        if token.pos_ == "VERB":
            yield from _verbs(token, type_of)
            yield from _careers(token, type_of)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in MOVE_NOUNS:
            yield from _moves(token, type_of)


def _last_of_entity(token: Token) -> bool:
    return token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I"


def _entity_start(token: Token) -> Token:
    doc = token.doc
    i = token.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    return doc[i]


def _place_after(doc: Doc, i: int, type_of) -> Token | None:
    """The first token of a place starting at ``i`` (skipping "the")."""
    while i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i < len(doc) and doc[i].ent_type_ and type_of(doc[i]) == "Place":
        return doc[i]
    return None


def _located(doc: Doc, token: Token, type_of) -> Iterator[Found]:
    if not _last_of_entity(token):
        return
    i = token.i + 1
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "in":
        bigger = _place_after(doc, _skip_modifiers(doc, i + 2), type_of)
        if bigger is not None:
            yield _entity_start(token), "locatedIn", bigger, "located:comma-in", 0.65
    elif i + 1 < len(doc) and doc[i].text == ",":
        bigger = _place_after(doc, i + 1, type_of)
        smaller = _entity_start(token)
        if (
            bigger is not None
            and not _in_list_of_places(doc, smaller, bigger, type_of)
            and not _in_list_of_names(doc, smaller, bigger)
            and not _modifies_a_noun(bigger)
            and not _in_fronted_phrase(doc[token.i], i)
        ):
            yield smaller, "locatedIn", bigger, "located:comma", 0.7
    elif i < len(doc) and doc[i].lower_ == "in":
        bigger = _place_after(doc, _skip_modifiers(doc, i + 1), type_of)
        if bigger is not None and _attached_to_place(doc[i], token):
            yield _entity_start(token), "locatedIn", bigger, "located:in", 0.6
    elif (
        i + 1 < len(doc)
        and token.dep_ == "compound"
        and token.head.i == i
        and doc[i].lower_ in FACILITY_NOUNS | VENUE_NOUNS
        and doc[i + 1].lower_ == "in"
    ):  # "the Meadow Lane stadium in Millbrook", not "the US base in Hawaii"
        bigger = _place_after(doc, _skip_modifiers(doc, i + 2), type_of)
        if bigger is not None:
            yield _entity_start(token), "locatedIn", bigger, "located:in", 0.6


def _modifies_a_noun(place: Token) -> bool:
    """ "at Roma, the England skipper said": the place only modifies the noun after it."""
    doc = place.doc
    end = place.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    after = end + 1
    return after < len(doc) and doc[after].is_lower and doc[after].pos_ == "NOUN"


def _in_fronted_phrase(place: Token, comma: int) -> bool:
    """ "After the draw in Paris, Norland face Vexa": the place's highest preposition
    hangs from a word after the comma, so the comma closes a fronted phrase."""
    highest = None
    token = place
    while token.head.i != token.i:
        if token.dep_ == "prep":
            highest = token
        token = token.head
    return highest is not None and highest.head.i > comma


def _attached_to_place(prep: Token, place: Token) -> bool:
    """ "Lowman in Idaho", "the town of Lowman in Idaho", "moved to Eastfield in Kent":
    the preposition hangs from the place or from what the place is the object of."""
    start = _entity_start(place).i
    if start <= prep.head.i <= place.i:
        return True
    holder = place.head
    return holder.dep_ == "prep" and holder.head.i == prep.head.i


def _skip_modifiers(doc: Doc, i: int) -> int:
    """Skip determiners and adjectives ("the", "central", "east") before a place name."""
    while i < len(doc) and (doc[i].pos_ in {"ADJ", "DET"} or doc[i].lower_ in COMPASS):
        i += 1
    return i


def _in_list_of_places(doc: Doc, first: Token, second: Token, type_of) -> bool:
    """ "Bolivia, Ecuador, Peru and Chile": a place before or after the pair, in a list."""
    before = first.i - 2
    if before >= 0 and doc[first.i - 1].text == "," and _is_place(doc[before], type_of):
        return True
    end = second.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    j = end + 1
    if j < len(doc) and doc[j].text == ",":
        j += 1
    if j < len(doc) and doc[j].lower_ in {"and", "or"}:
        j += 1
    if j > end + 1 and j < len(doc) and doc[j].lower_ == "the":
        j += 1  # "Japan, Europe and the US"
    return j > end + 1 and j < len(doc) and _is_place(doc[j], type_of)


LIST_SEPARATORS = frozenset({",", ";"})
"""Marks between the names of a list ("Bristol West, Cardiff Central"; a team's line-up
"Orquera, Troncon; Lo Cicero, Ongaro")."""


def _in_list_of_names(doc: Doc, first: Token, second: Token) -> bool:
    """ "Bristol West, Cardiff Central, Leeds North West": a name list, whatever its types."""
    before = first.i - 1
    if before >= 1 and doc[before].text in LIST_SEPARATORS and doc[before - 1].pos_ == "PROPN":
        return True
    end = second.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    after = end + 1
    return (
        after + 1 < len(doc)
        and doc[after].text in LIST_SEPARATORS
        and doc[after + 1].pos_ == "PROPN"
    )


def _opens_a_clause(noun: Token) -> bool:
    """The noun phrase after the comma is a clause's subject, no apposition ("oil giant
    Yukos, a Houston court has been told")."""
    while noun.dep_ == "compound" and noun.head.i > noun.i:
        noun = noun.head
    return noun.dep_ in {"nsubj", "nsubjpass"}


def _is_place(token: Token, type_of) -> bool:
    return bool(token.ent_type_) and type_of(token) == "Place"


PEERAGES = PEERAGE_TITLES | {
    "countess",
    "king",
    "queen",
    "prince",
    "princess",
    "duke",
    "duchess",
    "emperor",
    "empress",
}
"""Ranks whose "X of Y" names a title ("Lord Lee of Hale", "Princess Ann of Ruritania")."""


def _peer(doc: Doc, name: Token) -> bool:
    """Whether a peer's rank opens the name that ``name`` starts, or comes just before."""
    return name.lower_ in PEERAGES or (name.i > 0 and doc[name.i - 1].lower_ in PEERAGES)


def _skip_age(doc: Doc, i: int) -> int:
    """Skip ", 50 ," after a name."""
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].text == ",":
        return i + 3
    return i


def _person(doc: Doc, token: Token, type_of) -> Iterator[Found]:
    if not _last_of_entity(token):
        return
    person = _entity_start(token)
    i = _skip_age(doc, token.i + 1)
    if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"of", "from"}:
        i += 1  # "Professor Jo Bloggs, of the University of X"
    if _peer(doc, person) and i < len(doc) and doc[i].lower_ == "of":
        return  # "Lord Lee of Hale": a peer's title, no home nor employer
    if i < len(doc) and doc[i].lower_ in {"of", "from"} and not _moved_from(token, doc[i]):
        target = _place_after(doc, i + 1, type_of)
        if target is not None:
            yield person, "livesIn", target, "lives:of", 0.65
            yield from _chained_places(doc, target, person, type_of)
        org = _organisation_after(doc, i + 1, type_of)
        if org is not None and doc[i].lower_ == "of":
            yield person, "worksFor", org, "works:at", 0.6
    elif i < len(doc) and doc[i].lower_ in {"at", "with"}:
        org = _organisation_after(doc, i + 1, type_of)
        if org is not None:
            yield person, "worksFor", org, "works:at", 0.6
    for child in token.head.children if token.dep_ == "nsubj" else ():
        if child.dep_ == "attr" and child.lemma_ in {"native", "resident"}:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for place in prep.children:
                        if type_of(place) == "Place":
                            yield person, "livesIn", _entity_start(place), "lives:native", 0.7


def _moved_from(person: Token, prep: Token) -> bool:
    """ "signed Tom Hale from Ashford", "bought Jo Roe from X": the verb's source, not
    the person's home."""
    return (
        prep.lower_ == "from"
        and person.dep_ == "dobj"
        and prep.head.i == person.head.i
        and person.head.lemma_.lower() in TRANSFER_VERBS
    )


def _chained_places(doc: Doc, place: Token, person: Token, type_of) -> Iterator[Found]:
    """ "of Bethany, Conn.": the person lives in the larger place too."""
    i = place.i
    while i + 1 < len(doc) and doc[i + 1].ent_iob_ == "I":
        i += 1
    if i + 2 < len(doc) and doc[i + 1].text == ",":
        bigger = _place_after(doc, i + 2, type_of)
        if bigger is not None:
            yield person, "livesIn", bigger, "lives:of", 0.6


def _organisation_after(doc: Doc, i: int, type_of) -> Token | None:
    """The organisation named from ``i`` on (skipping "the"); not a possessor ("at
    Labour's conference" places a person at an event, not in the party)."""
    while i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i < len(doc) and doc[i].ent_type_ and type_of(doc[i]) == "Organization":
        end = i
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        if end + 1 < len(doc) and doc[end + 1].tag_ == "POS":
            return None
        return doc[i]
    return None


def _organisation(doc: Doc, token: Token, type_of) -> Iterator[Found]:
    if not _last_of_entity(token):
        return
    org = _entity_start(token)
    i = token.i + 1
    if i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ in {"a", "an", "the"}:
        j = i + 2
        while j < len(doc) and doc[j].pos_ in {"ADJ", "ADV"}:
            j += 1
        place = _place_after(doc, j, type_of)
        if place is not None:
            k = place.i
            while k + 1 < len(doc) and doc[k + 1].ent_iob_ == "I":
                k += 1
            if (
                k + 1 < len(doc)
                and doc[k + 1].pos_ in {"NOUN", "PROPN"}
                and type_of(doc[k + 1]) is None
                and not _opens_a_clause(doc[k + 1])
            ):
                yield org, "basedIn", place, "based:appositive", 0.65
    yield from _org_in_place(org, token, type_of)


def _org_in_place(org: Token, last: Token, type_of) -> Iterator[Found]:
    """ "the Harbor exchange in Lisbon": "in" + a place hangs from the organisation's noun.

    Not after "at", "by", "on" or "in": "at the Grand Prix in Leeds", "a leaflet by the
    party in Leeds" place an event or an act, not the organisation; but a named facility
    is where it is after any preposition ("studied at Hill High School in Denver"). The
    place is a name, not a description ("seats in the country"). Not when the name
    modifies a noun of another kind ("the Fox affiliate in Ohio") or names an event
    ("the Indoor Championships in Madrid").
    """
    head = last
    while head.dep_ == "compound" and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i > head.i:
        head = head.head
    if head.i != last.i and (
        type_of(head) not in (None, "Organization") or head.lemma_.lower() not in ORG_PART_NOUNS
    ):
        return  # "an EU spokesman in Washington" places the spokesman
    if any(t.lower_ in EVENT_WORDS for t in org.doc[org.i : last.i + 1]):
        return  # "the European Indoor Championships in Madrid": an event
    if (
        head.dep_ == "pobj"
        and head.head.lower_ not in HOLDING_PREPOSITIONS
        and last.lower_ not in FACILITY_NOUNS
    ):
        return
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for place in prep.children:
            if place.dep_ == "pobj" and place.ent_type_ and type_of(place) == "Place":
                yield org, "basedIn", _entity_start(place), "based:in", 0.6


def _verbs(verb: Token, type_of) -> Iterator[Found]:
    lemma = verb.lemma_.lower()
    preps = [c for c in verb.children if c.dep_ == "prep"]
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ == "acl":
        subjects.append(verb.head)
    if not subjects and any((lemma, p.lower_) in MEMBERSHIP_VERBS for p in preps):
        subjects = _clause_subjects(verb)  # "served on X before being elected to Y"
    if verb.dep_ == "relcl":  # "Jo Roe, who lives in Leeds": "who" is Jo Roe
        subjects = [verb.head if s.lower_ in RELATIVE_PRONOUNS else s for s in subjects]
    for subject in subjects:
        kind = type_of(subject)
        if kind == "Person" and lemma in LIVE_VERBS:
            yield from _lived_where(verb, subject, type_of)
        for prep in preps:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            for obj in objects:
                target = type_of(obj)
                if (
                    kind == "Person"
                    and target == "Place"
                    and lemma in LIVE_VERBS
                    and prep.lower_ in {"in", "at"}
                ):
                    yield subject, "livesIn", obj, "lives:verb", 0.7
                elif (
                    kind == "Person"
                    and target == "Place"
                    and lemma in MOVE_VERBS
                    and prep.lower_ == "to"
                    and obj.ent_type_
                    and not _paid_for(verb)
                ):
                    yield subject, "livesIn", obj, "lives:moved", 0.6
                elif (
                    kind == "Organization"
                    and target == "Place"
                    and lemma in BASED_WORDS
                    and prep.lower_ == "in"
                ):
                    yield subject, "basedIn", obj, "based:verb", 0.75
                elif (
                    kind == "Person"
                    and target == "Organization"
                    and lemma in WORK_VERBS
                    and prep.lower_ in {"for", "at", "with"}
                ):
                    yield subject, "worksFor", obj, "works:verb", 0.7
                elif (
                    kind == "Person"
                    and target == "Organization"
                    and (lemma, prep.lower_) in MEMBERSHIP_VERBS
                ):
                    yield subject, "memberOf", obj, "member:verb", 0.7


def _careers(verb: Token, type_of) -> Iterator[Found]:
    """ "Hale plays for Rovers", "Hale, who joined Rovers in 2003", "wants to stay at
    Rovers": a person and the side or firm a career verb ties them to."""
    lemma = verb.lemma_.lower()
    if lemma in HIRING_VERBS:
        yield from _hired(verb, type_of)
        return
    if lemma not in JOIN_VERBS and not any(
        (lemma, c.lower_) in CAREER_VERBS for c in verb.children if c.dep_ == "prep"
    ):
        return
    if _unsure(verb) or (verb.dep_ == "xcomp" and lemma not in STAYING_VERBS):
        return
    if any(c.dep_ == "auxpass" for c in verb.children):
        return  # "he will be moved to the Foreign Office": a reshuffle others decide
    people = [_named(s, type_of) for s in _career_subjects(verb)]
    people = [p for p in people if type_of(p) == "Person"]
    if lemma in JOIN_VERBS:
        if _joined_in_doing(verb):
            return
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        rule = "works:joined"
    else:
        preps = [c for c in verb.children if c.dep_ == "prep" and (lemma, c.lower_) in CAREER_VERBS]
        objects = [o for p in preps for o in p.children if o.dep_ == "pobj"]
        rule = "works:career"
    for person in people:
        for obj in objects:
            if obj.ent_type_ and type_of(obj) == "Organization":
                yield person, "worksFor", obj, rule, 0.7
        if all(type_of(obj) == "Organization" for obj in objects):  # not "joined two girls"
            for former in _came_from(verb, type_of):
                yield person, "worksFor", former, "works:from", 0.65


def _came_from(verb: Token, type_of) -> list[Token]:
    """The organisations a career step's "from" names: "joined Acme from Harlow Foods",
    "Rovers signed him from Leeds United", "moved to Rovers from Leeds United" (where
    the person worked before: a former post counts as a fact)."""
    return [
        obj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "from"
        for obj in prep.children
        if obj.dep_ == "pobj" and obj.ent_type_ and type_of(obj) == "Organization"
    ]


def _named(subject: Token, type_of) -> Token:
    """The name apposed to a subject noun ("the striker, Tom Hale, joined"), or the
    subject itself."""
    if type_of(subject) is None:
        for child in subject.children:
            if child.dep_ == "appos" and child.ent_type_:
                return child
    return subject


def _hired(verb: Token, type_of) -> Iterator[Found]:
    """ "Rovers have signed Tom Hale", "Acme hired Jo Roe": a body takes a person on."""
    if _unsure(verb) or verb.dep_ == "xcomp":
        return
    bodies = [s for s in verb.children if s.dep_ == "nsubj" and type_of(s) == "Organization"]
    people = [o for o in verb.children if o.dep_ == "dobj" and type_of(o) == "Person"]
    for body in bodies[:1]:
        for person in people:
            yield person, "worksFor", body, "works:hired", 0.7
    for person in people:
        for former in _came_from(verb, type_of):
            yield person, "worksFor", former, "works:from", 0.65


def _unsure(verb: Token) -> bool:
    """A verb negated or under a modal: "would join", "never played for", "can't stay"."""
    return any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in UNSURE_AUXILIARIES)
        for c in verb.children
    )


def _career_subjects(verb: Token) -> list[Token]:
    """The subjects of a career verb, of the wish it hangs from ("Hale wants to stay"),
    with a relative pronoun read as the noun it follows."""
    head = verb
    for _ in range(3):
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects or head.dep_ != "xcomp" or _unsure(head):
            break
        head = head.head
    if head.dep_ == "relcl":
        subjects = [head.head if s.lower_ in RELATIVE_PRONOUNS else s for s in subjects]
    return subjects


def _joined_in_doing(verb: Token) -> bool:
    """ "joined Acme in criticising the plan", "joined Acme in a call for": joining in a
    deed, not a body; "joined Acme in 2003" (a date) is a career step."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "on"}:
            continue
        for obj in prep.children:
            if obj.dep_ == "pcomp" or (obj.dep_ == "pobj" and not _when_or_how(obj)):
                return True
    return False


def _when_or_how(noun: Token) -> bool:
    """A date or the terms of a move: "in 2003", "in the summer", "in a £5m deal"."""
    return (
        noun.ent_type_ in {"DATE", "MONEY"}
        or noun.like_num
        or noun.lemma_.lower() in CAREER_STEP_NOUNS
    )


def _moves(noun: Token, type_of) -> Iterator[Found]:
    """ "since his move to Rovers", "Hale's move from Rovers": a move made by a person."""
    if any(c.lower_ in UNSURE_WORDS for c in noun.children if c.dep_ in {"amod", "compound"}):
        return
    people = [c for c in noun.children if c.dep_ == "poss" and type_of(c) == "Person"]
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in MOVE_PREPOSITIONS:
            continue
        if (prep.lower_ == "for") != (noun.lemma_.lower() == "debut"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.ent_type_ and type_of(obj) == "Organization":
                for person in people:
                    yield person, "worksFor", obj, "works:move", 0.65


def _paid_for(verb: Token) -> bool:
    """ "moved to Lancashire for £6.5m": a transfer (a fee), not a new home."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "for" and _is_money(prep) for prep in verb.children
    )


def _is_money(prep: Token) -> bool:
    """A sum of money under a preposition: "for £6.5m", "for $3bn", "for 10m euros"."""
    return any(t.ent_type_ == "MONEY" or t.tag_ == "$" for t in prep.subtree)


def _lived_where(verb: Token, person: Token, type_of) -> Iterator[Found]:
    """ "Leeds, where Jo Roe grew up", "Leeds's east end, where she lived": the place a
    "where" clause of a dwelling verb hangs from, or the place that names it."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
        return
    head = verb.head
    candidates = [head, *(c for c in head.children if c.dep_ in {"poss", "compound"})]
    for token in candidates:
        if token.ent_type_ and type_of(token) == "Place":
            yield person, "livesIn", _entity_start(token), "lives:where", 0.65
            return


def _clause_subjects(verb: Token) -> list[Token]:
    """The subjects of the clause a subjectless participle hangs from ("before being
    elected", "and was then elected"); not through a wish ("hopes to be elected")."""
    head = verb
    for _ in range(3):
        if head.dep_ not in {"pcomp", "advcl", "conj", "prep"} or head.head.i == head.i:
            return []
        head = head.head
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return subjects
    return []
