"""Where organisations are based, read from their names and the words around them.

Used by ``kg_relations`` (property ``basedIn``), each a named rule:

- ``place:org-name``: "Norfolk police", "The London Metropolitan Police", "US Federal
  Reserve": a place's name, then a public body's noun or the rest of a name;
- ``place:org-unit``: "Acme USA", "Air Ruritania": a name ending in a country's name,
  when the article names the country;
- ``place:modifier``: "US mortgage giant Vexa Mae", "Leeds-based games firm Acme",
  "Dutch brewer X", "UK bookmakers X and Y" (a demonym names its country), "Japan's
  biggest carmaker, Kito" (a place's possessive before a kind of body);
- ``place:description``: "Acme, the Leeds-based chain", "Acme, India's biggest
  airline", "Acme said ... . The US firm
  ..." (a described organisation: in apposition, the next sentence's subject, or
  as an object, the one organisation the sentence before names, when this one names
  none before it and the description names a town or region: "Acme cut jobs. Shares
  in the Leeds firm fell").

Each yields ``(organisation cluster, place cluster, token, rule, confidence)``.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Token

from kg.nlp.affiliations import EVENT_WORDS
from kg.nlp.coref import CorefResult
from kg.nlp.lexicon import Country

Found = tuple[str, str, int, str, float]
DASHES = frozenset({"-", "–", "—"})
OBJECTS = frozenset({"dobj", "pobj"})
"""Where a description may stand for the organisation named the sentence before: "a
spokeswoman for the Ohio-based bank", "joined the Leeds side" (a subject that is not
the previous subject's is often another body: "The Paris-based group said ...")."""
COMPASS_WORDS = frozenset(
    "north south east west northern southern eastern western north-east north-west"
    " south-east south-west".split()
)
"""Words of a place that is only a direction ("the North side", "Northern Hemisphere")."""
PUBLIC_BODY_NOUNS = frozenset(
    {"police", "constabulary", "council", "government", "assembly", "parliament", "fa", "fc"}
)
"""Lower-case nouns that follow a place in a body's name ("Norfolk police")."""


def organisation_places(
    doc: Doc,
    coref: CorefResult,
    descriptions: frozenset[str],
    countries: Mapping[str, Country] | None = None,
) -> list[Found]:
    """Where the article's organisations are based, read from their names and the words
    around them: ``(organisation, place, token, rule, confidence)``.

    ``descriptions`` are the nouns that describe a company or a club ("firm", "side");
    ``countries``: the lexicon's countries by lower-case name ("usa", "united states").
    """
    found = []
    place_names = {}
    country_keys = {}
    for cluster in coref.clusters.values():
        if cluster.type == "Place":
            for name in cluster.names:
                place_names[name] = cluster.key
            if cluster.is_country and any(kind != "demonym" for *_, kind in cluster.mentions):
                country_keys[cluster.canonical] = cluster.key  # named, not only "British"
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        org = coref.cluster_at(ent.start, ent.end)
        if org is None or org.type != "Organization" or ent[-1].lower_ in EVENT_WORDS:
            continue  # "the Leeds Film Festival" is held in Leeds, not based there
        for n in range(len(ent) - 1, 0, -1):
            head = ent[:n].text
            if head in place_names:
                if named_after_place(ent, n, coref.clusters[place_names[head]]):
                    found.append((org.key, place_names[head], ent.start, "place:org-name", 0.7))
                break
        unit = _country_unit(ent, countries or {}, country_keys)
        if unit is not None:
            found.append((org.key, unit, ent.start, "place:org-unit", 0.7))
        place = place_modifier(doc, ent.start, coref, descriptions) or conjunct_modifier(
            doc, ent, coref, descriptions
        )
        if place is not None:
            found.append((org.key, place, ent.start, "place:modifier", 0.65))
    found += described_places(doc, coref, descriptions)
    return found


def _country_unit(
    ent, countries: Mapping[str, Country], country_keys: Mapping[str, str]
) -> str | None:
    """ "Acme USA", "Air Ruritania": a name that ends in a country's name, as a unit's
    name does, when the article names that country: the body is based there. Not "Bank
    of Ruritania" or "Plot Against Ruritania": "of" names a scope as often as a seat;
    nor a region ("South Wales")."""
    for n in (1, 2, 3):
        if len(ent) <= n:
            break
        country = countries.get(ent[-n:].text.lower())
        if country is None:
            continue
        rest = ent[: len(ent) - n]
        if rest.text.lower() in countries or rest[-1].lower_ in COMPASS_WORDS:
            return None  # "Republic of Ireland", "South Wales"
        if not all((t.is_title or t.is_upper) and t.pos_ != "ADP" for t in rest):
            return None  # "the Plot Against Ruritania": a title, no unit
        return country_keys.get(country.name)
    return None


def named_after_place(ent, n: int, place) -> bool:
    """ "Norfolk police", "US Federal Reserve": an organisation's name made of a place,
    then a public body's noun, or a name when the place is a country or one the
    article uses as a place elsewhere; not a name glued to a word ("Leeds-Smith"), an
    event ("London Marathon"), a fixture ("Plymouth v Everton") or another common
    noun ("his Chicago school")."""
    rest = ent[n:]
    first = rest[0]
    if first.text in DASHES or not first.is_alpha:
        return False
    if any(t.lower_ in EVENT_WORDS for t in rest) or first.lower_ == "v":
        return False
    if first.is_lower:
        return first.lower_ in PUBLIC_BODY_NOUNS
    return place.is_country or _used_as_place(ent.doc, place, ent)


def place_modifier(
    doc: Doc,
    start: int,
    coref: CorefResult,
    descriptions: frozenset[str] = frozenset(),
    *,
    before_name: bool = True,
) -> str | None:
    """ "US mortgage giant Vexa Mae", "Leeds-based games firm Acme", "Dutch brewer
    Velloza", "Japan's biggest carmaker, Kito": a place (or a country's demonym, or a
    place's possessive), common nouns, then the name (at ``start``; with
    ``before_name`` false, ``start`` ends the description instead).

    Before a name, the last noun must describe an organisation (one of
    ``descriptions``) or make one phrase with the name: "the Japanese people Acme
    asked" places no Acme."""
    end = start
    if before_name and start >= 2 and doc[start - 1].text == "," and doc[start - 2].is_lower:
        end = start - 1  # "Japan's biggest carmaker, Kito": the name in apposition
    i, nouns = _skip_based(doc, end - 1), 0
    while i >= 0 and doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ"} and nouns < 4:
        i, nouns = _skip_based(doc, i - 1), nouns + 1
    possessive = nouns > 0 and i >= 1 and doc[i].tag_ == "POS"
    if possessive:
        i -= 1  # "Japan's biggest carmaker"
    elif end < start:
        return None  # across a comma, only a place's possessive: "in Leeds, the firm Acme"
    if (nouns == 0 and i == end - 1) or i < 0:
        return None
    last = doc[end - 1]
    if before_name and possessive and last.lower_ not in descriptions:
        return None  # "Britain's biggest customer, Acme": a customer is based anywhere
    if before_name and nouns and last.lower_ not in descriptions and not _same_phrase(last, start):
        return None  # "the Japanese people Acme asked": the nouns head a phrase of their own
    cluster = coref.cluster_at(i)
    if cluster is None or cluster.type != "Place":
        return None
    return cluster.key


def _same_phrase(noun: Token, start: int) -> bool:
    """Whether the noun before a name at ``start`` and the name are one noun phrase: the
    noun compounds into the name, or the name is in apposition to it."""
    doc = noun.doc
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    name = doc[start:end]
    return (
        start <= noun.head.i < end
        or any(t.head == noun for t in name)
        or (  # "told the Argentine newspaper X": noun and name read as two objects
            noun.head == name.root.head
            and noun.dep_ != name.root.dep_
            and "nsubj" not in {noun.dep_, name.root.dep_}
        )
    )


def conjunct_modifier(
    doc: Doc, ent, coref: CorefResult, descriptions: frozenset[str] = frozenset()
) -> str | None:
    """ "UK bookmakers Ladbrokes and Hills": the second name shares the first's place."""
    first = ent.root.head
    if ent.root.dep_ != "conj" or not first.ent_type_ or ent.start == 0:
        return None
    if doc[ent.start - 1].lower_ not in {"and", "or", ","}:
        return None  # "Russian giant X and India's Y": Y has a modifier of its own
    start = first.i
    while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start].ent_iob_ == "I":
        start -= 1
    return place_modifier(doc, start, coref, descriptions)


def described_places(doc: Doc, coref: CorefResult, descriptions: frozenset[str]) -> list[Found]:
    """ "Acme said ... . The Leeds-based firm ...", "Acme, the Leeds-based chain": an
    organisation described by a place, where the description is the apposition of
    its name or the subject of the sentence after one whose subject is its name."""
    found = []
    for noun in doc:
        if not noun.is_lower or noun.lower_ not in descriptions:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and (
            noun.dep_ != "appos"
        ):
            continue
        place = place_modifier(doc, noun.i + 1, coref, before_name=False)
        org = _described_organisation(doc, noun, coref) if place is not None else None
        if (
            org is None
            and place is not None
            and noun.dep_ in OBJECTS
            and _town_before(doc, noun, coref)
        ):
            org = _only_recent_organisation(doc, noun, coref)
        if org is not None:
            found.append((org, place, noun.i, "place:description", 0.6))
    return found


def _skip_based(doc: Doc, i: int) -> int:
    """The token before a "-based" ("Leeds-based"), or ``i`` itself."""
    if i >= 1 and doc[i].lower_ == "based" and doc[i - 1].text == "-":
        return i - 2
    return i


def _described_organisation(doc: Doc, noun: Token, coref: CorefResult) -> str | None:
    """The organisation a description noun stands for: the name it is in apposition to,
    or, for a sentence's subject, the name that is the previous sentence's subject (or
    is in apposition to it: "Games giant Acme says ...")."""
    if noun.dep_ == "appos":
        cluster = coref.cluster_at(noun.head.i)
    elif noun.dep_ == "nsubj" and noun.head.dep_ == "ROOT" and noun.sent.start > 0:
        previous = doc[noun.sent.start - 1].sent
        subjects = [t for t in previous.root.children if t.dep_ == "nsubj"]
        named = [t for s in subjects[:1] for t in (s, *s.children) if t is s or t.dep_ == "appos"]
        keys = [coref.by_token[t.i] for t in named if t.i in coref.by_token]
        cluster = coref.clusters[keys[0]] if keys else None
    else:
        return None
    if cluster is None or cluster.type != "Organization" or cluster.kind == "party":
        return None
    return cluster.key


def _only_recent_organisation(doc: Doc, noun: Token, coref: CorefResult) -> str | None:
    """ "Acme cut jobs. Shares in the Leeds firm fell": the one organisation named in
    the sentence before, when this one names none before the description ("Acme
    bought the Leeds firm" may describe another)."""
    sentence = noun.sent
    if sentence.start == 0:
        return None
    before = range(doc[sentence.start - 1].sent.start, sentence.start)
    if any(_organisation_at(i, coref) for i in range(sentence.start, noun.i)):
        return None
    orgs = {coref.by_token[i] for i in before if _organisation_at(i, coref)}
    return orgs.pop() if len(orgs) == 1 else None


def _town_before(doc: Doc, noun: Token, coref: CorefResult) -> bool:
    """ "the Leeds club", "the Midlands side", "the Ohio-based firm": a description led
    by the name of a town or region, not of a country (the national side, or a firm
    of many in a story about a country) nor a demonym nor a compass point ("the North
    side")."""
    i = _skip_based(doc, noun.i - 1)
    while i > 0 and doc[i].is_lower and doc[i].pos_ in {"NOUN", "ADJ"}:
        i = _skip_based(doc, i - 1)
    place = coref.cluster_at(i)
    if place is None or place.is_country or doc[i].ent_type_ not in {"GPE", "LOC"}:
        return False
    words = place.label.lower().split()
    return doc[i].pos_ == "PROPN" and not set(words) <= COMPASS_WORDS | {"hemisphere"}


def _organisation_at(i: int, coref: CorefResult) -> bool:
    key = coref.by_token.get(i)
    if key is None:
        return False
    cluster = coref.clusters[key]
    return cluster.type == "Organization" and cluster.kind != "party"


def _used_as_place(doc: Doc, place, ent) -> bool:
    """A place the tagger reads as one somewhere outside ``ent`` ("Norfolk" alone)."""
    return any(
        doc[start].ent_type_ in {"GPE", "LOC"}
        for start, _, _ in place.mentions
        if not ent.start <= start < ent.end
    )
