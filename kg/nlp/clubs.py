"""Sports clubs an article names by their town, their full name or their nickname.

News call a football club by its town ("Southampton", spaCy: a place), its full name
("Tottenham Hotspur") and its nickname ("Saints", "Spurs"). A nickname mention (an
organisation or person entity whose text is a nickname of the lexicon) is read as its
club when exactly one of the clubs that share the nickname is named in the same article
(however spaCy tagged the name): the club's names there and the nickname are then one
organisation. A nickname with no such club ("Blues" in an article naming Chelsea
and Everton, or naming neither) is an organisation of its own.

A club's name of two words or more ("Manchester City", not the town "Manchester") is
the club wherever the article does not use it as a place.

A town is also read as a club where a sentence says so plainly: "manager at
Southampton", "sacked by Swindon", "the Leeds striker", "Leeds prop Jo Bloggs",
"Tottenham - the club ...", "Southampton have ..." (a plural verb). A country is read
as its national side on the cues that only a team takes: "England are ...", "the
France striker", "captain of Wales", "Italy coach Jo Bloggs", "their defeat to
Ireland", "played for Scotland" (not "the UK boss of Ford": no possessive before a
country). One plain place use in the article ("lives in Southampton", "the best
player in England") keeps a name a place, cue or nickname alike: "born in Southampton,
he joined the Saints" names the city and the club, two entities.

Names are compared in ``kg.nlp.coref.normalise`` form (lower case, no leading "the",
no possessive); "FC" and "AFC" are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span

from kg.nlp.lexicon import Club, Lexicon

NICKNAME_LABELS = frozenset({"ORG", "PERSON"})
"""Entity labels a nickname mention may carry ("Canaries" as a place is the islands)."""
CLUB_AFFIXES = frozenset({"fc", "afc"})
SPORTS_ROLES = frozenset(
    {
        "manager",
        "boss",
        "coach",
        "chairman",
        "captain",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "keeper",
        "winger",
    }
)
"""Nouns whose "at/of/with X" makes a town X a club."""
PLAYER_POSITIONS = frozenset(
    {"striker", "midfielder", "defender", "goalkeeper", "keeper", "winger"}
)
"""Nouns whose modifier X ("the Leeds striker") is a club."""
NAMED_POSITIONS = PLAYER_POSITIONS | frozenset(
    "full-back centre-back left-back right-back wing-back centre-half centre-forward"
    " fly-half scrum-half prop flanker hooker lock playmaker captain skipper".split()
)
"""Positions that, between a town and a player's name, make the town a club
("Leicester scrum-half Harry Ellis")."""
SIDE_LEADERS = frozenset({"coach", "manager", "boss"})
"""Posts that, between a country and a person's name, make the country its national
side ("Wales coach Jo Bloggs"); after a town they may be a firm's branch."""
SIDE_POSITIONS = NAMED_POSITIONS | SIDE_LEADERS
"""Words between a country and a person's name that make the country its side."""
SIDE_WORDS = SIDE_POSITIONS | frozenset(
    {"side", "team", "squad", "camp", "pack", "forwards", "backs", "fans"}
)
"""Words a country's demonym modifies when it speaks of the side ("the Irish pack")."""
MATCH_PREPOSITIONS = {
    "defeat": frozenset({"to", "by", "against"}),
    "loss": frozenset({"to", "against"}),
    "win": frozenset({"over", "against"}),
    "victory": frozenset({"over", "against"}),
    "draw": frozenset({"with", "against"}),
    "match": frozenset({"against"}),
    "game": frozenset({"against"}),
    "fixture": frozenset({"against"}),
}
"""Match nouns and the prepositions whose country is a side: "their defeat to Ireland"
("ties with the US", "a clash with France" are diplomacy as often)."""
MATCH_VERBS = frozenset({"beat", "thrash", "outplay"})
"""Verbs whose object country is a side: "Wales beat France"."""
SIDE_CAREER_VERBS = frozenset({"play", "score", "appear", "cap", "debut"})
"""Verbs whose "for X" makes a country a side: "he played for Scotland"."""
ROLE_PREPOSITIONS = frozenset({"at", "of", "with"})
CLUB_AGENT_VERBS = frozenset({"sack", "sign"})
APPOSED_CLUB_NOUNS = frozenset({"club", "side"})
DASHES = frozenset({"-", "–", "—"})
PLACE_PREPOSITIONS = frozenset(
    {"in", "near", "outside", "around", "across", "throughout", "within"}
)
ATTITUDE_NOUNS = frozenset(
    {"belief", "confidence", "faith", "interest", "investment", "stake", "trust"}
)
"""Nouns whose "in X" is not a place ("confidence in Tottenham")."""
DWELLING_VERBS = frozenset(
    {"live", "bear", "base", "grow", "raise", "settle", "stay", "reside", "locate", "situate"}
)
"""Verbs whose "in X" is a place ("lives in Southampton", "born in Leeds")."""
PLURAL_VERBS = frozenset({"are", "have", "were"})
"""Plural forms that a singular town takes only as a team ("Southampton have won")."""
CUED_LABELS = frozenset({"GPE", "LOC"})
"""Entity labels of places that may be clubs (a club's name tagged PERSON may be too)."""


@dataclass(frozen=True, slots=True)
class ClubReading:
    """An article's names read as clubs (keys are normalised names)."""

    club_of: dict[str, str]
    """A name or nickname -> the full name of the club it is in this article."""
    nicknames: frozenset[str]
    """Every nickname used as one, whether its club is named or not."""
    cued: frozenset[str] = frozenset()
    """Places the article's sentences plainly use as clubs, and never as places."""

    def club(self, norm: str) -> str | None:
        """The club a normalised name is in this article, if any."""
        return self.club_of.get(club_key(norm))

    def is_nickname(self, norm: str) -> bool:
        return club_key(norm) in self.nicknames

    def is_cued(self, norm: str) -> bool:
        """A place a sentence plainly uses as a club."""
        return club_key(norm) in self.cued

    def is_organisation(self, norm: str) -> bool:
        """A club's name or a nickname: an organisation, whatever spaCy tagged."""
        key = club_key(norm)
        return key in self.club_of or key in self.nicknames or key in self.cued


@dataclass(frozen=True, slots=True)
class PlaceUses:
    """Names (normalised) an article's sentences plainly use as clubs or as places."""

    as_club: frozenset[str] = frozenset()
    as_place: frozenset[str] = frozenset()


NO_USES = PlaceUses()


def club_key(norm: str) -> str:
    """A normalised name without "FC" or "AFC".

    >>> club_key("afc bournemouth"), club_key("southampton fc"), club_key("fc")
    ('bournemouth', 'southampton', 'fc')
    """
    words = [w for w in norm.split() if w not in CLUB_AFFIXES]
    return " ".join(words) if words else norm


def read_clubs(
    mentions: Iterable[tuple[str, str]], lexicon: Lexicon, uses: PlaceUses = NO_USES
) -> ClubReading:
    """Read an article's name mentions, ``(normalised text, entity label)``, as clubs.

    ``uses`` are the club and place uses :func:`place_uses` found in its sentences.
    """
    mentions = [(club_key(norm), label) for norm, label in mentions]
    places = frozenset(map(club_key, uses.as_place))
    nicknames = _nicknames(mentions, lexicon)
    named = _named_clubs(mentions, lexicon)
    resolved = {
        nickname: club
        for nickname in nicknames
        if (club := _only_named(lexicon.clubs_by_nickname[nickname], named)) is not None
    }
    club_of = {nickname: club.name for nickname, club in resolved.items()}
    club_of.update(_club_names(set(resolved.values()), named, lexicon, places))
    for norm, club in _full_names(named, lexicon, places).items():
        club_of.setdefault(norm, club)
    cued = frozenset(map(club_key, uses.as_club)) - places
    return ClubReading(club_of, frozenset(nicknames), cued)


def _nicknames(mentions: list[tuple[str, str]], lexicon: Lexicon) -> set[str]:
    """The nicknames used as such: not a word of a longer person's name ("Jeremy Irons")."""
    people = {f" {norm} " for norm, label in mentions if label == "PERSON"}
    return {
        norm
        for norm, label in mentions
        if label in NICKNAME_LABELS
        and norm in lexicon.clubs_by_nickname
        and not any(f" {norm} " in name and name != f" {norm} " for name in people)
    }


def _named_clubs(mentions: list[tuple[str, str]], lexicon: Lexicon) -> dict[Club, set[str]]:
    """The clubs the article names, each with the names it uses for it."""
    named: dict[Club, set[str]] = {}
    for norm, _ in mentions:
        for club in lexicon.clubs_by_name.get(norm, ()):
            named.setdefault(club, set()).add(norm)
    return named


def _only_named(candidates: tuple[Club, ...], named: dict[Club, set[str]]) -> Club | None:
    """The one club of ``candidates`` the article names, or None (none or several)."""
    found = [club for club in candidates if club in named]
    return found[0] if len(found) == 1 else None


def _club_names(
    clubs: set[Club], named: dict[Club, set[str]], lexicon: Lexicon, places: frozenset[str]
) -> dict[str, str]:
    """The names of ``clubs`` in the article, each of one of them only, not ``places``.

    "Leicester" is Leicester Tigers when "Tigers" is read as that club, unless
    "Foxes" makes Leicester City a club of the article too.
    """
    club_of: dict[str, str] = {}
    for norm in sorted({n for club in clubs for n in named[club]} - places):
        owners = [c for c in lexicon.clubs_by_name[norm] if c in clubs]
        if len(owners) == 1:
            club_of[norm] = owners[0].name
    return club_of


def _full_names(
    named: dict[Club, set[str]], lexicon: Lexicon, places: frozenset[str]
) -> dict[str, str]:
    """A club's name of two words or more ("Leyton Rovers", not the town "Leyton"),
    of one club only and not used as a place: that club, however spaCy tagged it."""
    return {
        norm: club.name
        for club, norms in named.items()
        for norm in sorted(norms)
        if len(norm.split()) > 1
        and norm not in places
        and norm not in lexicon.country_by_alias
        and len(lexicon.clubs_by_name[norm]) == 1
    }


def place_uses(spans: Iterable[tuple[str, Span]], lexicon: Lexicon) -> PlaceUses:
    """The names of an article's entities, ``(normalised text, entity)``, its sentences
    plainly use as clubs ("manager at X"; a place or a club's name only) or as places
    ("lives in X")."""
    as_club: set[str] = set()
    as_place: set[str] = set()
    for norm, span in spans:
        if _place_cue(span):
            as_place.add(norm)
        elif norm in lexicon.country_by_alias:
            if span.label_ in CUED_LABELS and _national_side_cue(span):
                as_club.add(norm)
        elif _may_be_club(norm, span, lexicon) and _club_cue(span):
            as_club.add(norm)
    for country in {lexicon.country_by_alias[n] for n in as_club if n in lexicon.country_by_alias}:
        aliases = {alias.lower() for alias in country.aliases}  # "Republic of Ireland", "Ireland"
        as_club = as_club - aliases if aliases & as_place else as_club | aliases
    return PlaceUses(frozenset(as_club), frozenset(as_place))


def _may_be_club(norm: str, span: Span, lexicon: Lexicon) -> bool:
    """A place other than a country, or a club's name tagged as a person ("Bolton")."""
    if span.label_ == "PERSON":
        return club_key(norm) in lexicon.clubs_by_name
    return span.label_ in CUED_LABELS and norm not in lexicon.country_by_alias


def _national_side_cue(span: Span) -> bool:
    """A country used as its national side: "England are ...", "the France striker",
    "captain of Wales", "Italy coach Jo Bloggs", "defeat to Ireland", "beat Wales",
    "played for Scotland"."""
    root, head = span.root, span.root.head
    if span.start > 0 and span.doc[span.start - 1].tag_ in {"POS", "PRP$"}:
        return False  # "Ford's UK boss", "its US arm"
    if root.dep_ == "pobj":
        governor = head.head
        if head.lower_ in ROLE_PREPOSITIONS and governor.lower_ in SPORTS_ROLES:
            return True
        if head.lower_ in MATCH_PREPOSITIONS.get(governor.lemma_.lower(), ()) and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in (*governor.children, *root.children)
        ):
            return True  # not "a loss to Scotland of its heritage"
        if head.lower_ == "for" and governor.lemma_.lower() in SIDE_CAREER_VERBS:
            return True
    if root.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in MATCH_VERBS:
        return True
    return (
        (root.dep_ == "compound" and head.lower_ in PLAYER_POSITIONS)
        or _before_named_player(span, SIDE_POSITIONS)
        or _plural_subject(span)
    )


def _place_cue(span: Span) -> bool:
    """A plain place use: "lives in X", "a house in X", "near X"."""
    root, preposition = span.root, span.root.head
    if root.dep_ != "pobj" or preposition.lower_ not in PLACE_PREPOSITIONS:
        return False
    if preposition.lower_ != "in":
        return True
    head = preposition.head  # "confidence in X", "have faith in X" are no places
    if head.pos_ in {"VERB", "AUX"}:
        return head.lemma_.lower() in DWELLING_VERBS
    return head.pos_ == "NOUN" and head.lemma_.lower() not in ATTITUDE_NOUNS


def _club_cue(span: Span) -> bool:
    """A club use: "manager at X", "sacked by X", "the X striker", "X - the club"."""
    root, head = span.root, span.root.head
    role = root.dep_ == "pobj" and head.lower_ in ROLE_PREPOSITIONS
    agent = root.dep_ == "pobj" and head.dep_ == "agent"
    return (
        (role and head.head.lower_ in SPORTS_ROLES)
        or (agent and head.head.lemma_.lower() in CLUB_AGENT_VERBS)
        or (root.dep_ == "compound" and head.lower_ in PLAYER_POSITIONS)
        or _before_named_player(span, NAMED_POSITIONS)
        or _apposed_club(span)
        or _plural_subject(span)
    )


def _before_named_player(span: Span, positions: frozenset[str]) -> bool:
    """ "Leicester scrum-half Harry Ellis": one of ``positions``, then a person's name."""
    doc, i = span.doc, span.end
    if i + 3 < len(doc) and doc[i + 1].text == "-":
        position, after = f"{doc[i].lower_}-{doc[i + 2].lower_}", i + 3
    else:
        position, after = doc[i].lower_ if i < len(doc) else "", i + 1
    return position in positions and after < len(doc) and doc[after].ent_type_ == "PERSON"


def _apposed_club(span: Span) -> bool:
    """ "Tottenham - the club where he made his name"."""
    after = span.doc[span.end : span.end + 3]
    return (
        len(after) == 3
        and after[0].text in DASHES
        and after[1].lower_ == "the"
        and after[2].lower_ in APPOSED_CLUB_NOUNS
    )


def _plural_subject(span: Span) -> bool:
    """ "Southampton have signed ...": a town alone as subject of a plural verb."""
    root, verb = span.root, span.root.head
    if root.dep_ != "nsubj" or root.tag_ != "NNP" or root.text.endswith("s"):
        return False
    if any(c.dep_ == "conj" for c in root.children):
        return False  # "Southampton and Portsmouth have ..."
    if sum(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) != 1:
        return False  # a misparse
    finite = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"})]
    return any(t.tag_ == "VBP" and t.lower_ in PLURAL_VERBS for t in finite)
