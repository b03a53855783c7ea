"""Cues in an article's words that say what type a name is, whatever NER tagged.

Pure functions over spaCy spans, used by ``kg_entities``: lists tagged as one name,
"shares in X", "X's chief executive", "In X, ..." and names coordinated with
organisations only; titles of works ("the film Harrowgate", "games such as Fifa");
people shown by their words ("Mr X", "X, 45,", "X's wife", "actress X"); and
organisations read around job titles ("X spokesman Ann Lee", "chief executive of
X"), from what they own ("X's shares") or house ("staff at X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

LIST_LABELS = frozenset({"PERSON", "ORG"})
STAKE_NOUNS = frozenset({"shares", "share", "stake", "stakes", "shareholders", "shareholding"})
"""Nouns whose "in X" or "of X" is a company ("shares in X")."""


def split_lists(ent: Span) -> list[Span]:
    """The names in one span: a person or organisation span with a comma inside is a
    list ("Acme, Brill"), and no name runs over a line break ("Sweden\n\nAcme") or a
    dash set apart ("Ann Lee - Acme's publicist"); a hyphen joins ("Lloyd-Webber")."""

    def breaks(token) -> bool:
        return (
            "\n" in token.text
            or (token.text == "," and ent.label_ in LIST_LABELS)
            or token.text in {"\u2013", "\u2014"}
            or (token.text == "-" and token.i > 0 and bool(token.doc[token.i - 1].whitespace_))
        )

    if not any(breaks(t) for t in ent):
        return [ent]
    parts, start = [], ent.start
    for token in ent:
        if breaks(token):
            if token.i > start:
                parts.append(Span(ent.doc, start, token.i, label=ent.label_))
            start = token.i + 1
    if start < ent.end:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return [p for p in parts if any(t.text[:1].isupper() or t.is_digit for t in p)]


def after_stake(doc: Doc, start: int) -> bool:
    """ "shares in X", "a stake of X": X is a company."""
    return (
        start > 1 and doc[start - 1].lower_ in {"in", "of"} and doc[start - 2].lower_ in STAKE_NOUNS
    )


COMPANY_POSTS = frozenset(
    {
        "chiefExecutiveOf",
        "chiefFinancialOfficerOf",
        "chiefOperatingOfficerOf",
        "managingDirectorOf",
        "chairmanOf",
        "chairwomanOf",
        "viceChairmanOf",
        "generalManagerOf",
        "economistOf",
    }
)
"""Posts held in a company: whose "X's chief executive" makes X a company."""


def company_posts(doc: Doc, spans: list[Span], titles: list[Span]) -> dict[str, str]:
    """ "Acme's new chief executive": a one-word name owning a company post is a
    company's (a person's spokesman or adviser says nothing)."""
    people = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    names = {s.text for s in spans if len(s) == 1 and s.label_ != "ORG"}
    found = {}
    for title in titles:
        if title.label_ not in COMPANY_POSTS:
            continue
        i = title.start - 1
        while i >= 0 and (doc[i].pos_ == "ADJ" or doc[i].lower_ in {"new", "former", "acting"}):
            i -= 1
        if i < 1 or doc[i].tag_ != "POS":
            continue
        owner = doc[i - 1].text  # tagged here or elsewhere in the article
        if owner in names and owner not in people:
            found[owner] = "ORG"
    return found


DWELLING_VERBS = frozenset({"live", "die", "bear", "grow", "raise", "settle", "stay", "reside"})
"""Verbs whose "in X" is a place ("died in X", "grew up in X")."""


def dwelt_in(span: Span) -> str | None:
    """An organisation's name used as a place: "In X, the party ..." opening a
    sentence, or "died in X"."""
    if span.label_ not in {"ORG", "GPE", "LOC"} or span.start == 0:
        return None
    doc = span.doc
    before = doc[span.start - 1]
    if before.lower_ != "in":
        return None
    opening = before.is_sent_start and span.end < len(doc) and doc[span.end].text == ","
    verb = before.head
    dwelling = span.root.head.i == before.i and verb.lemma_.lower() in DWELLING_VERBS
    return "GPE" if opening or dwelling else None


def coordinated_types(spans: list[Span], labels: dict[str, str]) -> dict[str, str]:
    """A one-word "person" listed with organisations only ("Acme, Brill and Cole
    cut the bonds"), or mostly with organisations and with no one named in full, is an
    organisation too. One listed after a preposition of place with two places or more
    and nothing else is a place (not "Vivaldi or Greensleeves", one mistyped, nor a
    team's line-up the tagger read as places).

    Coordination is read from the parse: the span's root and its ``conj`` chain.
    """
    by_token = {t.i: s for s in spans for t in s}
    found = {}
    for span in spans:
        if len(span) != 1 or labels.get(span.text) != "PERSON":
            continue
        first = span.root
        while first.dep_ == "conj":
            first = first.head
        group, frontier = [first], [first]
        while frontier:  # the conj chain: first, its conjuncts, theirs ...
            frontier = [c for t in frontier for c in t.children if c.dep_ == "conj"]
            group += frontier
        members = [by_token[t.i] for t in group if t.i in by_token and by_token[t.i] != span]
        listed = [labels.get(m.text, m.label_) for m in members]
        others = set(listed)
        named = [  # what the list's other names are, one-word "people" aside
            label
            for m, label in zip(members, listed, strict=True)
            if len(m) > 1 or label != "PERSON"
        ]
        organisations = named.count("ORG")
        lone = len(listed) - len(named)  # other one-word "people": many make a line-up
        if others == {"ORG"} or (
            "PERSON" not in named
            and lone < 2
            and organisations > 1
            and organisations * 2 > len(named)
        ):
            found[span.text] = "ORG"  # "licensed by Nokia, LG Electronics, Kestro, Samsung"
        elif len(listed) > 1 and others <= {"GPE", "LOC"} and _after_place_word(first):
            found[span.text] = "GPE"  # "in Rome, Oslo and Kestrel": a place too
    return found


PLACE_PREPOSITIONS = frozenset({"in", "at", "across", "throughout", "near", "outside", "to"})
"""Prepositions before a list of places ("sites in Rome, Oslo and Kestrel")."""


def _after_place_word(first: Token) -> bool:
    """The list opens after a preposition of place, not in a line-up of names."""
    return first.dep_ == "pobj" and first.head.lower_ in PLACE_PREPOSITIONS


WORK = "WORK"
"""The label of a creative work's title: no entity kg keeps."""
LIST_OPENERS = frozenset({"including", "like", "as"})
"""Words that open a list of examples after a noun ("such as", "including", "like")."""
LIST_JOINERS = frozenset({",", "and", "or", "&", "the"})


def is_work_noun(token: Token, work_nouns: frozenset[str]) -> bool:
    """A lower-case noun of a creative work ("film", "games"; not the verb "play")."""
    return (
        token.is_lower
        and token.pos_ in {"NOUN", "ADJ"}
        and (token.lemma_.lower() in work_nouns or token.lower_ in work_nouns)
    )


def named_works(
    doc: Doc,
    spans: list[Span],
    work_nouns: frozenset[str],
    creative_verbs: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Names of creative works: "the film Harrowgate", "games such as Fifa and John Madden",
    "Ann Lee's Harbourline, a novel about ...", "she starred in Harrowgate", "he wrote Kokomo".

    Such a title is no person, body or place, whatever NER tagged
    (label :data:`WORK`); the title right after the noun counts even where NER
    tagged nothing, so that later mentions of it are dropped too.
    """
    found: dict[str, str] = {}
    for token in doc:
        if is_work_noun(token, work_nouns):
            title = title_after(token)
            names = [title.text] if title is not None else listed_after(token, spans)
            found.update(dict.fromkeys(names, WORK))
        elif (title := starred_in(token)) is not None:
            found[title.text] = WORK
    for span in spans:
        if apposed_work_noun(span, work_nouns) or created(span, creative_verbs):
            found[span.text] = WORK
    return found


def apposed_nouns(span: Span) -> list[Token]:
    """The nouns standing in apposition to a name, set off by a comma, and
    introduced by a determiner or an owner: "the unit, Acme,", "Acme, the largest
    mobile firm,", "Acme, one of the net's best known companies,". Not a bare noun
    ("Acme, not brute force"), nor after an opening place ("In Spain, its unit"), nor
    one describing the next name ("Ann Lee, metal group Motorhead and ...")."""
    doc, root = span.doc, span.root
    found = []
    opening = root.dep_ == "pobj" and root.head.i == root.sent.start  # "In Acme, its unit"
    if span.end < len(doc) and doc[span.end].text == "," and not opening:
        found += [c for c in root.children if c.dep_ == "appos" and c.i > span.end]
    if span.start > 0 and doc[span.start - 1].text == "," and root.dep_ == "appos":
        if root.head.i < span.start:
            found.append(root.head)
    found = [_one_of(n) for n in found]
    return [n for n in found if _introduced(n) and not _before_a_name(n)]


def _one_of(noun: Token) -> Token:
    """ "Acme, one of the biggest firms,": the noun of the group, not "one"."""
    if noun.lower_ != "one":
        return noun
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            group = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if group is not None and group.tag_ == "NNS":
                return group
    return noun


def _introduced(noun: Token) -> bool:
    return any(c.dep_ in {"det", "poss"} for c in noun.children)


def _before_a_name(noun: Token) -> bool:
    doc = noun.doc
    return noun.i + 1 < len(doc) and doc[noun.i + 1].pos_ == "PROPN"


def apposed_work_noun(span: Span, work_nouns: frozenset[str]) -> bool:
    """ "Harbourline, a novel about ...", "her first comedy, Harbourline,": a work noun
    in apposition (:func:`apposed_nouns`); "Harbourline, starring Ann Lee"."""
    doc = span.doc
    if any(is_work_noun(n, work_nouns) for n in apposed_nouns(span)):
        return True
    if span.end >= len(doc) - 2:
        return False
    i = span.end + 1 if doc[span.end].text == "," else span.end
    return doc[i].lower_ in {"starring", "co-starring"} and doc[i + 1].is_title


def created(span: Span, creative_verbs: frozenset[str]) -> bool:
    """ "he wrote Kokomo", "she directed Harbourline": the object of a verb of
    creating a work (not an owner: "recorded Acme's first win")."""
    root, doc = span.root, span.doc
    owner = span.end < len(doc) and doc[span.end].tag_ == "POS"
    return (
        root.dep_ == "dobj"
        and root.head.pos_ == "VERB"
        and root.head.lemma_.lower() in creative_verbs
        and not owner
    )


STARRING = {"VERB": "in", "NOUN": "of"}
"""What follows "star" before a work's title: "starred in X", "the star of X"."""


def starred_in(token: Token) -> Span | None:
    """ "she starred in Harrowgate", "the star of Harbourline": the title a star is in
    (not an owner: "the star of Acme's win")."""
    doc = token.doc
    if token.lemma_.lower() not in {"star", "co-star"} or not token.is_lower:
        return None
    i = token.i + 1
    if i >= len(doc) - 1 or doc[i].lower_ != STARRING.get(token.pos_):
        return None
    title = capitalised_run(doc, i + 1)
    if title is None or (title.end < len(doc) and doc[title.end].tag_ == "POS"):
        return None
    return title if title.root.head.i == i else None


def title_after(noun: Token) -> Span | None:
    """ "the film Harrowgate", "her single Bluewater", "the film The Long Tide": the capitalised
    words right after a work noun, standing in apposition to it (read from the
    parse, so "the game Chelsea lost" has no title)."""
    title = capitalised_run(noun.doc, noun.i + 1)
    if title is None:
        return None
    root = title.root
    linked = root.head.i == noun.i and root.dep_ in {"appos", "compound"}
    modifies = noun.dep_ in {"compound", "amod"} and title.start <= noun.head.i < title.end
    return title if linked or modifies else None


def capitalised_run(doc: Doc, start: int) -> Span | None:
    """The capitalised words from ``start`` on, after a "The" ("The Long Tide")."""
    if start < len(doc) - 1 and doc[start].text == "The":
        start += 1
    end = start
    while end < len(doc) and (doc[end].is_title or (doc[end].is_upper and doc[end].is_alpha)):
        end += 1
    return doc[start:end] if end > start else None


def listed_after(noun: Token, spans: list[Span]) -> list[str]:
    """The names listed right after ``noun`` by "such as", "including" or "like":
    "titles such as Fifa and John Madden". The list ends at the first word that is
    neither a name nor a comma, "and", "or" or "the"; an owner ("Acme's Brill") is
    not listed itself."""
    doc = noun.doc
    i = noun.i + 1
    if i + 1 < len(doc) and doc[i].lower_ == "such" and doc[i + 1].lower_ == "as":
        i += 1
    elif i < len(doc) and doc[i].lower_ == "as":
        return []  # "the film as a whole"
    if i >= len(doc) or doc[i].lower_ not in LIST_OPENERS:
        return []
    starts = {s.start: s for s in spans}
    names: list[str] = []
    i += 1
    while i < len(doc):
        span = starts.get(i)
        if span is not None:
            owner = span.end < len(doc) and doc[span.end].tag_ == "POS"
            if not owner:
                names.append(span.text)
            i = span.end + (1 if owner else 0)
        elif doc[i].lower_ in LIST_JOINERS:
            i += 1
        else:
            break
    return names


POST_LINKS = frozenset({"of", "for", "at"})
"""Prepositions joining a post to its organisation ("chief executive of X")."""
WHO_SINGULAR = frozenset({"VBZ"})
PLACE_POSTS = frozenset(
    {"mp", "member of parliament", "mayor", "lord mayor", "governor", "senator"}
)
"""Posts whose name before them may be a place ("Elm Vale MP Ann Lee")."""
BODIES_MAY_HOLD = frozenset({"owner", "leader"})
"""Titles a company holds as well as a person ("DHL-owner Acme", "market leader Acme")."""


@dataclass(frozen=True)
class PersonCues:
    """The words that show a name a person's (from the lexicon)."""

    honorifics: frozenset[str]
    personal_nouns: frozenset[str]
    occupation_nouns: frozenset[str] = frozenset()


def people_by_cues(
    doc: Doc, spans: list[Span], cues: PersonCues, titles: list[Span] | None = None
) -> set[str]:
    """Names the article shows to be people's, whatever NER tagged: after an
    honorific ("Mr Hill"), a trade ("actress Ann Hill") or a job title in the
    singular ("chief Bob Hill"); before an age (", 45,"), a title in apposition
    (", chief of Acme"), a kin or personal noun ("Hill's wife") or "who" and a
    singular verb ("Hill, who has")."""
    held = [
        t for t in titles or () if doc[t.end - 1].tag_ != "NNS" and t.kb_id_ not in BODIES_MAY_HOLD
    ]
    ends, starts = {t.end for t in held}, {t.start for t in held}
    return {s.text for s in spans if _cued_before(s, cues, ends) or _cued_after(s, cues, starts)}


def _cued_before(span: Span, cues: PersonCues, title_ends: set[int]) -> bool:
    """ "Mr Hill", "actress Ann Hill", "chief Bob Hill"."""
    if span.start == 0:
        return False
    doc = span.doc
    before = doc[span.start - 1]
    trade = before.lower_
    if span.start > 2 and doc[span.start - 2].text == "-":  # "film-maker" is three tokens
        trade = f"{doc[span.start - 3].lower_}-{trade}"
    return (
        span.start in title_ends
        or before.lower_.rstrip(".") in cues.honorifics
        or (before.is_lower and trade in cues.occupation_nouns)
    )


def _cued_after(span: Span, cues: PersonCues, title_starts: set[int]) -> bool:
    """ "Hill, 45,", "Hill, chief of Acme", "Hill's wife", "Hill, who has"."""
    after = span.doc[span.end : span.end + 3]
    if len(after) < 2:
        return False
    if after[0].tag_ == "POS":
        return after[1].lower_ in cues.personal_nouns
    if after[0].text != ",":
        return False
    apposed = span.end + 1 in title_starts and not _second_of_places(span)
    if len(after) < 3:
        return apposed
    aged = after[1].text.isdigit() and int(after[1].text) < 120 and after[2].text == ","
    who = after[1].lower_ == "who" and after[2].tag_ in WHO_SINGULAR
    return apposed or aged or who


def _second_of_places(span: Span) -> bool:
    """ "a West Palm Beach, Fla., lawyer": the state after a town, both before the
    title, says where the holder works, not who."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].text == ","
        and doc[span.start - 2].ent_type_ in {"GPE", "LOC"}
    )


def shown_person(text: str, people: set[str]) -> bool:
    """Is the name, or its last word (the surname of "Mr Hill"), shown a person's?"""
    return text in people or text.split()[-1] in people


def post_organisations(
    spans: list[Span], titles: list[Span], people: set[str], modifiers: frozenset[str]
) -> dict[str, str]:
    """Names holding the place of an organisation around a job title, typed person
    by NER: "Acme Hill spokesman Tom Ray" (a name, the title, a person's name;
    "Acme director of rugby Tom Ray") and
    "chief executive of Wippit", "a spokesman for Lycra Europe", "analyst at Brill".

    A name the article shows to be a person's (:func:`people_by_cues`) keeps its
    type: "Mr Blair's spokesman".
    """
    if not titles:
        return {}
    doc = titles[0].doc
    by_end = {s.end: s for s in spans}
    by_start = {s.start: s for s in spans}
    found = {}
    for title in titles:
        start = title.start
        while start > 0 and doc[start - 1].lower_.strip("-") in modifiers:
            start -= 1  # "Acme deputy chief executive"
        if title.kb_id_ in PLACE_POSTS:
            continue
        owner, holder = by_end.get(start), by_start.get(_after_field(doc, title.end))
        linked = title.end < len(doc) and doc[title.end].lower_ in POST_LINKS
        candidates = []
        if owner is not None and holder is not None and holder.label_ == "PERSON":
            candidates.append(owner)
        if linked and title.end + 1 in by_start:
            candidates.append(by_start[title.end + 1])
        for name in candidates:
            proper = name.text[:1].isupper()  # not "ex-Tory education secretary Ann Lee"
            if name.label_ == "PERSON" and proper and not shown_person(name.text, people):
                found[name.text] = "ORG"
    return found


def _after_field(doc: Doc, end: int) -> int:
    """Where a title's holder may start: past a lower-case field ("director of
    rugby Ann Lee")."""
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].is_lower:
        i = end + 1
        while i < len(doc) and i < end + 4 and doc[i].is_lower and doc[i].is_alpha:
            i += 1
        return i
    return end


def owners_of_corporate_things(
    spans: list[Span], corporate_nouns: frozenset[str], people: set[str]
) -> dict[str, str]:
    """ "Acme's shares", "Acme's customers": a person-typed name owning what only a
    body owns is an organisation, unless shown a person's (:func:`people_by_cues`)."""
    found = {}
    for span in spans:
        root = span.root
        if span.label_ != "PERSON" or root.dep_ != "poss" or shown_person(span.text, people):
            continue
        if root.head.lemma_.lower() in corporate_nouns and root.head.is_lower:
            found[span.text] = "ORG"
    return found


def workplaces(
    spans: list[Span], workforce_nouns: frozenset[str], people: set[str]
) -> dict[str, str]:
    """ "staff at Acme", "a fraud at Acme": a person- or place-typed name that is
    where a workforce noun is is an organisation, unless shown a person's."""
    found = {}
    for span in spans:
        root = span.root
        if span.label_ not in {"PERSON", "GPE"} or root.dep_ != "pobj":
            continue
        at, noun = root.head, root.head.head
        if at.lower_ != "at" or not noun.is_lower or noun.pos_ != "NOUN":
            continue
        if noun.lemma_.lower() in workforce_nouns and not shown_person(span.text, people):
            found[span.text] = "ORG"
    return found


AWARD = "AWARD"
"""The label of a prize's or its ceremony's name: no entity kg keeps."""
AWARD_ENDINGS = frozenset({"award", "awards", "prize", "prizes"})
PRIZE_NOUNS = frozenset({"nominee", "nominees", "winner", "winners"})
"""Nouns a prize's name modifies before a person ("Oscar nominee Ann Lee")."""
PRIZE_PARTICIPLES = frozenset({"winning", "nominated"})
"""Participles joined to a prize's name by a hyphen ("Grammy-winning")."""
LEADING_YEAR = re.compile(r"^(?:\d{4}\s+)?(?:the\s+)?")


def is_award(span: Span, award_names: frozenset[str], first_names: frozenset[str]) -> bool:
    """A prize or its ceremony: a name of the lexicon ("Oscar", "Golden Globes",
    "2004 Brit Awards"), or several words ending in "Awards" or "Prize" ("Acme
    Interactive Awards"). A lexicon name that opens a person's name of the article
    ("Oscar Hale") is a first name."""
    text = LEADING_YEAR.sub("", span.text.lower())
    if text in award_names:
        return not (len(span) == 1 and span.text in first_names)
    return len(span) > 1 and span[-1].lower_ in AWARD_ENDINGS and span[0].text[:1].isupper()


def prize_modifiers(spans: list[Span], people: set[str], surnames: set[str]) -> dict[str, str]:
    """ "Oscar nominee Ann Lee", "Zorbo-winning singer", "Zorbo winners Ann Lee and
    Tom Ray": a name before "-winning" or "-nominated", or NER tagged a person's before
    "nominee" or "winner" and a name or a trade, names a prize (label :data:`AWARD`).
    Not a person the article shows ("Mr Hale"), nor a surname ("a late Hale winner")."""
    found = {}
    for span in spans:
        if shown_person(span.text, people) or span.text in surnames:
            continue
        if _hyphened_prize(span) or (span.label_ == "PERSON" and _before_prize_noun(span)):
            found[span.text] = AWARD
    return found


def _hyphened_prize(span: Span) -> bool:
    """ "Bafta-winning", "Emmy-nominated": whatever its type, a prize."""
    doc, end = span.doc, span.end
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in PRIZE_PARTICIPLES


def _before_prize_noun(span: Span) -> bool:
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].lower_ not in PRIZE_NOUNS or not doc[end].is_lower:
        return False
    after = doc[end + 1]
    return after.pos_ == "PROPN" or (after.is_lower and after.pos_ == "NOUN")


CLAUSE_EDGES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj"})
"""Dependencies that open another clause (or a coordinated phrase)."""
NEUTER = frozenset({"it", "its"})
REPORTING_VERBS = frozenset({"say", "announce", "claim", "admit", "confirm", "insist", "state"})


def neuter_subjects(
    spans: list[Span], people: set[str], surnames: set[str], bodies: frozenset[str]
) -> dict[str, str]:
    """ "Acme is working on a new version of its browser", "Acme said it would ...",
    "Tribuna reported that ...": a name NER tagged a person's, the subject of a
    clause whose "its" has no other name before it, or a one-word one of a reporting
    verb whose clause opens with "it" or "its", or of "reported" and a clause, is
    an organisation (people are "he" and "she"), unless the article shows a person
    ("Mr Acme", "Acme's wife") or it is a person's surname. A longer name it opens
    ("Acme Holt") is the same organisation's. ``bodies``: nouns of organisations
    ("band"), which an "its" after them may stand for."""
    found = {}
    for span in spans:
        if span.label_ != "PERSON" or shown_person(span.text, people) or span.text in surnames:
            continue
        root = span.root
        if root.dep_ != "nsubj" or root.head.pos_ not in {"VERB", "AUX"}:
            continue
        verb = root.head
        owns = verb.lemma_ != "be" and _its_in_clause(span, verb, spans, bodies)
        said = _reports_it(verb) or _reported(verb) or _it_in_subclause(span, verb, spans)
        if owns or (len(span) == 1 and said):
            found[span.text] = "ORG"
    for span in spans:  # "Acme Holt" after "Acme said it would ..."
        if span.label_ == "PERSON" and len(span) > 1 and span[0].text in found:
            if not shown_person(span.text, people):
                found[span.text] = "ORG"
    return found


def _its_in_clause(span: Span, verb: Token, spans: list[Span], bodies: frozenset[str]) -> bool:
    """The first "its" after the name, in the verb's own clause, with no name or
    noun of a body ("the band") between."""
    doc = verb.doc
    names = {i for s in spans for i in range(s.start, s.end)}
    for token in doc[span.end : verb.sent.end]:
        if token.i in names or token.pos_ == "PROPN" or token.lower_ in {"his", "her", "their"}:
            return False
        if token.pos_ == "NOUN" and token.lemma_.lower() in bodies:
            return False
        if token.lower_ == "its" and token.tag_ == "PRP$":
            return _in_clause_of(token, verb, seeing=verb.lemma_.lower() in SEEING_VERBS)
    return False


SEEING_VERBS = frozenset({"see", "watch"})
"""Verbs whose clause's subject the seer owns: "Acme saw its profits fall"."""


def _in_clause_of(token: Token, verb: Token, *, seeing: bool = False) -> bool:
    """Is ``token`` under ``verb`` without crossing into another clause? ``seeing``:
    into the clause a verb of seeing takes, too ("Acme saw its profits fall")."""
    while token.i != verb.i:
        crossing = token.dep_ in CLAUSE_EDGES and not (
            seeing and token.dep_ == "ccomp" and token.head.i == verb.i
        )
        if crossing or token.head.i == token.i:
            return False
        token = token.head
    return True


def _it_in_subclause(span: Span, verb: Token, spans: list[Span]) -> bool:
    """ "Acme would be good for Ann Lee as it would teach her ...": "it" the subject
    of an adverbial clause of the name's verb (not "it would be hard"), with no
    common noun nor other name than a person's between."""
    people = {i for s in spans if s.label_ == "PERSON" for i in range(s.start, s.end)}
    for clause in (c for c in verb.children if c.dep_ == "advcl" and c.i > span.end):
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ != "it" or clause.lemma_ == "be":
            continue
        between = span.doc[span.end : subject.i]
        if _copular(clause) or any(
            t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.i not in people) for t in between
        ):
            continue
        return True
    return False


def _reported(verb: Token) -> bool:
    """ "Tribuna reported that ...": a paper or agency reports a clause."""
    return verb.lemma_.lower() == "report" and any(c.dep_ == "ccomp" for c in verb.children)


def _copular(clause: Token) -> bool:
    """ "it was a shame", "it would be hard": the clause's verb is "be"."""
    return any(c.dep_ == "aux" and c.lemma_ == "be" for c in clause.children) and clause.pos_ in {
        "ADJ",
        "NOUN",
    }


def _reports_it(verb: Token) -> bool:
    """ "Acme said it would ...", "Acme said that its profits rose": a reporting verb
    whose clause right after it has "it" (not before "be": "Hale said it was over"),
    or a subject owned by "its", as its subject (not a quote before: '"It is
    better," Hale said')."""
    if verb.lemma_.lower() not in REPORTING_VERBS:
        return False
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        for subject in (s for s in subjects if 0 < s.i - verb.i <= 2):  # not a quote before
            owner = [c for c in subject.children if c.dep_ == "poss"]
            if subject.lower_ == "it" and clause.lemma_ != "be" and not _copular(clause):
                return True
            if owner and owner[0].lower_ == "its":
                return True
    return False


TECHNICAL_ENDINGS = frozenset({"protocol", "protocols", "names"})
"""Last words of technical names ("Voice over Internet Protocol", "Internationalised
Domain Names")."""


def is_technical(span: Span, terms: frozenset[str], organisation_words: frozenset[str]) -> bool:
    """A standard, protocol or format: a term of the lexicon ("DNS", "Wi-Fi") or
    capitalised words ending in "Protocol" or "Names" with no organisation's word or
    linking word ("the Internet Corporation for Assigned Names" is a body)."""
    if span.text.lower() in terms:
        return True
    words = [t.lower_ for t in span]
    return (
        len(span) > 1
        and words[-1] in TECHNICAL_ENDINGS
        and not any(w in organisation_words or w in {"for", "of", "and", "&"} for w in words)
    )


def split_located(ent: Span, places: frozenset[str] | set[str]) -> list[Span]:
    """ "Elm High School in Dunmore" tagged as one organisation: the organisation and
    the place, when the words after "in" name a place by themselves (a country of the
    lexicon, or tagged a place elsewhere in the article)."""
    if ent.label_ != "ORG":
        return [ent]
    for token in ent[1:-1]:
        if token.lower_ != "in" or not token.is_lower:
            continue
        tail = ent.doc[token.i + 1 : ent.end]
        if tail.text.lower() in places and tail[0].is_title:
            org = Span(ent.doc, ent.start, token.i, label="ORG")
            return [org, Span(ent.doc, tail.start, tail.end, label="GPE")]
    return [ent]
