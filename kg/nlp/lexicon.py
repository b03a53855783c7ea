"""The word lists kg's rules draw on, loaded from the data files beside this module.

Every list is general knowledge about English news: job titles, honorifics,
countries and their demonyms, political parties, platforms, description nouns
("the force", "the club"), function words and weekdays (never a name), company
markers ("plc", "Holdings"), stance verbs and the names and nicknames of well-known
sports clubs ("Spurs" for Tottenham Hotspur). None names a person of an article.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import KgError

LEXICON_FILES = ("lexicon.json", "events.json", "titles.jsonl")
"""The files a lexicon is read from, in ``kg/nlp/data/`` or a saved component's folder."""


@dataclass(frozen=True, slots=True)
class Title:
    """A job title and the role property it mints.

    ``scope`` says what the title is held in when no organisation is named:
    ``country`` (national offices), ``place`` (mayor, governor) or ``organization``.
    """

    phrase: str
    property: str
    scope: str
    label: str


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    part_of: str = ""
    """The sovereign state a constituent country belongs to ("Wales": "United Kingdom")."""


@dataclass(frozen=True, slots=True)
class Club:
    """A sports club: its full name, the short names news use and its nicknames."""

    name: str
    aliases: tuple[str, ...]
    nicknames: tuple[str, ...]
    sport: str

    @property
    def names(self) -> tuple[str, ...]:
        """The full name and every short name (not the nicknames)."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word lists, keyed for fast lookup (lower-case keys)."""

    titles: dict[str, Title]
    honorifics: frozenset[str]
    male_honorifics: frozenset[str]
    female_honorifics: frozenset[str]
    gender_of_given_name: dict[str, str]
    """Given names that are one sex's in English-language news, lower-case ("paul":
    "male", "serena": "female"); names given to both ("kim", "andrea") are left out."""
    title_modifiers: frozenset[str]
    countries: tuple[Country, ...]
    country_by_alias: dict[str, Country]
    country_by_demonym: dict[str, Country]
    platforms: frozenset[str]
    party_by_alias: dict[str, str]
    party_country: dict[str, str]
    org_head_nouns: frozenset[str]
    organisation_endings: frozenset[str]
    """Last words that make any name a body's, never a surname ("Writers Guild")."""
    descriptions: dict[str, tuple[str, ...]]
    org_kinds: dict[str, tuple[str, ...]]
    pronouns: dict[str, frozenset[str]]
    events: dict[str, Any]
    clubs: tuple[Club, ...]
    clubs_by_name: dict[str, tuple[Club, ...]]
    clubs_by_nickname: dict[str, tuple[Club, ...]]
    function_words: frozenset[str] = frozenset()
    """Closed-class words and sentence adverbs ("since", "however"): never a name."""
    weekdays: frozenset[str] = frozenset()
    company_markers: frozenset[str] = frozenset()
    """Words that make a name a company's ("plc", "Holdings", "Bank")."""
    organisation_nouns: frozenset[str] = frozenset()
    """Nouns that type the name they describe as an organisation ("carmaker X", "the
    band X"), without being descriptions coreference reads ("the firm")."""
    work_nouns: frozenset[str] = frozenset()
    """Nouns of creative works ("film", "game", "album"): the names they introduce
    ("the film Harrowgate", "games such as Fifa") are titles, not people or bodies."""
    acronym_bodies: frozenset[str] = frozenset()
    """Bodies whose acronyms are written as words ("Nato", "Uefa", "Ofcom"): always
    organisations, whatever NER tagged."""
    demonym_nouns: frozenset[str] = frozenset()
    """Nouns for a nation's or a continent's people ("Spaniard", "Danes",
    "Europeans"): no entity, and no part of a person's name ("Briton Ann Lee")."""
    continental_demonyms: frozenset[str] = frozenset()
    """Adjectives of a continent's people ("European", "Asian"): alone, no entity,
    and no body before a title ("Sony's European president"); they open bodies'
    names, though ("European Union")."""
    informal_demonyms: frozenset[str] = frozenset()
    """Colloquial names of a nation's or city's people ("Aussies", "Scousers"): groups
    of people, no entity."""
    corporate_nouns: frozenset[str] = frozenset()
    """Nouns only a body owns ("shares", "customers"): "Acme's shares" shows Acme one."""
    organisation_parts: frozenset[str] = frozenset()
    """Nouns of a part of an organisation ("committee", "department"): a post in
    "the MCB's public affairs committee" is a post in a part of the body, so its holder
    works for the body; the title is not the body's."""
    unit_regions: frozenset[str] = frozenset()
    """Regions that end the name of a company's unit ("Acme Europe", "Acme UK")."""
    creative_verbs: frozenset[str] = frozenset()
    """Verbs whose object is a work ("wrote Kokomo", "directed Harrowgate")."""
    occupation_nouns: frozenset[str] = frozenset()
    """Nouns of people's trades that are no titles ("actress", "rapper"): the name
    right after one is a person's ("comedian Ann Lee")."""
    workforce_nouns: frozenset[str] = frozenset()
    """Nouns of people or things found at a workplace ("staff", "fraud"): their "at X"
    is an organisation ("staff at Acme")."""
    venue_words: frozenset[str] = frozenset()
    """Last words of a venue's name ("Road", "Stadium"): a place, never a person's."""
    event_words: frozenset[str] = frozenset()
    """Last words of an event's name ("Cup", "Prix", "Festival"): no person's."""
    personal_nouns: frozenset[str] = frozenset()
    """Nouns only a person owns ("wife", "agent"): "Hill's wife" shows Hill a person."""
    trade_titles: frozenset[str] = frozenset()
    """Titles that also name a trade ("director" of films, "judge" of a court, "lawyer"):
    with no body stated, none is implied from the article."""
    screen_nouns: frozenset[str] = frozenset()
    """Nouns of films and television ("film", "actress", "sitcom"): a story full of
    them is a screen story, where "X director" directs a work, not a body."""
    party_posts: frozenset[str] = frozenset()
    """Titles a party has ("leader", "chairman"): only these are read as a party's post
    when the party is merely the one body of the title's sentence."""
    practices: frozenset[str] = frozenset()
    """Titles of those who serve clients ("lawyer"): held for a body ("its lawyer"),
    never in a place, which is where they practise ("a Paris lawyer")."""
    portfolios: frozenset[str] = frozenset()
    """Fields an office is in charge of ("Transport", "Welfare"): before a title they
    are part of it ("Transport Minister"), not the body the post is held in."""
    press_nouns: frozenset[str] = frozenset()
    """Nouns of the press ("daily", "tabloid"): the name they modify is a paper's
    ("sports daily Tribuna")."""
    trade_or_firm_nouns: frozenset[str] = frozenset()
    """Organisation nouns that are people's trades too ("broadcaster"): the full name
    of a person after one stays a person's ("broadcaster Ann Lee")."""
    technical_terms: frozenset[str] = frozenset()
    """Standards, protocols, formats and software ("DNS", "Wi-Fi", "MP3", "Linux"):
    no organisation, person or place."""
    venue_endings: frozenset[str] = frozenset()
    """Last words of venues' names, some ending people's names too ("Lane", "Park"),
    none a company's ("Theatre"): a venue where the text uses the name as a place
    ("at Elm Lane"), whatever NER tagged."""
    kin_prefixes: frozenset[str] = frozenset()
    """Familiar kin words before a first name ("Uncle Ted", "Auntie Ruth"): no part of
    the name."""
    product_nouns: frozenset[str] = frozenset()
    """Things a firm owns and people do not ("software", "users"; not a "website",
    which a singer has too): "Acme's users" shows Acme an organisation, like the
    corporate nouns."""
    award_names: frozenset[str] = frozenset()
    """Names of prizes ("Oscar", "Golden Globes", "Booker Prize"): no entity, whatever
    NER tagged ("Oscar nominee Ann Lee")."""

    @property
    def organisation_words(self) -> frozenset[str]:
        """Common nouns that name a kind of organisation ("police", "carmaker", "firm")."""
        kinds = {"company", "club", "police", "council", "government", "party", "union"}
        described = {noun for noun, of in self.descriptions.items() if set(of) <= kinds}
        return self.org_head_nouns | self.organisation_nouns | described

    def knows_name(self, text: str) -> bool:
        """A country, party, platform, acronym body or club of the lexicon ("Real
        Madrid", "Labour", "Uefa"), in any case."""
        low = text.lower()
        return (
            low in self.country_by_alias
            or low in self.party_by_alias
            or low in self.platforms
            or low in self.acronym_bodies
            or low in self.clubs_by_name
        )

    @property
    def speech_verbs(self) -> frozenset[str]:
        """Lemmas of verbs that report speech ("say", "tell", "warn"): their subject
        is the speaker."""
        return frozenset(self.events["speech_verbs"])

    @property
    def title_words(self) -> frozenset[str]:
        """Every single word that occurs in some title ("chief", "minister", ...)."""
        return frozenset(w for phrase in self.titles for w in phrase.split())


def packaged_data_dir() -> Path:
    """The folder of kg's own word lists and pattern file (``kg/nlp/data``)."""
    return Path(str(resources.files("kg.nlp").joinpath("data")))


def read_data_files(names: Iterable[str], directory: str | Path | None = None) -> dict[str, bytes]:
    """The raw bytes of the data files ``names`` in ``directory`` (default: kg's own)."""
    folder = Path(directory) if directory is not None else packaged_data_dir()
    files = {}
    for name in names:
        try:
            files[name] = (folder / name).read_bytes()
        except OSError as exc:
            raise KgError(f"cannot read kg data file {folder / name}: {exc.strerror}", 2) from None
    return files


def _read_titles(text: str) -> dict[str, Title]:
    titles: dict[str, Title] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        for phrase in [row["title"], *row["variants"]]:
            label = row.get("label") or " ".join(w.capitalize() for w in row["title"].split())
            titles[phrase.lower()] = Title(phrase.lower(), row["property"], row["scope"], label)
    return titles


def title_property(phrase: str) -> str:
    """Mint a role property's local name from a title phrase.

    >>> title_property("prisons minister")
    'prisonsMinisterOf'
    >>> title_property("Chief Executive")
    'chiefExecutiveOf'
    """
    words = [w for w in re.split(r"[^A-Za-z]+", phrase.lower()) if w]
    return words[0] + "".join(w.capitalize() for w in words[1:]) + "Of"


def _read_clubs(rows: list[dict[str, Any]]) -> tuple[Club, ...]:
    return tuple(
        Club(r["name"], tuple(r["aliases"]), tuple(r["nicknames"]), r["sport"]) for r in rows
    )


def _index(
    clubs: Iterable[Club], forms: Callable[[Club], Iterable[str]]
) -> dict[str, tuple[Club, ...]]:
    """Clubs by the lower-case forms ``forms`` gives; a form may name several clubs."""
    index: dict[str, list[Club]] = {}
    for club in clubs:
        for form in dict.fromkeys(f.lower() for f in forms(club)):
            index.setdefault(form, []).append(club)
    return {form: tuple(found) for form, found in index.items()}


@cache
def load_lexicon() -> Lexicon:
    """kg's own lexicon (``kg/nlp/data``), read once per process (it is immutable)."""
    return lexicon_from_files(read_data_files(LEXICON_FILES))


def lexicon_from_files(files: Mapping[str, bytes]) -> Lexicon:
    """Build a lexicon from the raw bytes of the :data:`LEXICON_FILES`.

    Equal file contents give the same (cached) object, so components sharing a
    lexicon parse it once.
    """
    return _parse_lexicon(*(files[name] for name in LEXICON_FILES))


@cache
def _parse_lexicon(lexicon_json: bytes, events_json: bytes, titles_jsonl: bytes) -> Lexicon:
    data = json.loads(lexicon_json.decode("utf-8"))
    countries = tuple(
        Country(c["name"], tuple(c["aliases"]), tuple(c["demonyms"]), c.get("part_of", ""))
        for c in data["countries"]
    )
    by_alias = {a.lower(): c for c in countries for a in (c.name, *c.aliases)}
    by_demonym = {d.lower(): c for c in countries for d in c.demonyms}
    parties = {a.lower(): p["name"] for p in data["parties"] for a in (p["name"], *p["aliases"])}
    clubs = _read_clubs(data["sports_clubs"])
    return Lexicon(
        titles=_read_titles(titles_jsonl.decode("utf-8")),
        honorifics=frozenset(data["honorifics"]),
        male_honorifics=frozenset(data["male_honorifics"]),
        female_honorifics=frozenset(data["female_honorifics"]),
        gender_of_given_name={
            name: gender for gender, names in data["given_names"].items() for name in names
        },
        title_modifiers=frozenset(data["title_modifiers"]),
        countries=countries,
        country_by_alias=by_alias,
        country_by_demonym=by_demonym,
        platforms=frozenset(data["platforms"]),
        party_by_alias=parties,
        party_country={p["name"]: p["country"] for p in data["parties"] if "country" in p},
        org_head_nouns=frozenset(data["org_head_nouns"]),
        organisation_endings=frozenset(data["organisation_endings"]),
        descriptions={k: tuple(v) for k, v in data["descriptions"].items()},
        org_kinds={k: tuple(v) for k, v in data["org_kinds"].items()},
        pronouns={k: frozenset(v) for k, v in data["pronouns"].items()},
        events=json.loads(events_json.decode("utf-8")),
        clubs=clubs,
        clubs_by_name=_index(clubs, lambda c: c.names),
        clubs_by_nickname=_index(clubs, lambda c: c.nicknames),
        function_words=frozenset(data.get("function_words", ())),
        weekdays=frozenset(data.get("weekdays", ())),
        company_markers=frozenset(data.get("company_markers", ())),
        organisation_nouns=frozenset(
            [*data.get("organisation_nouns", ()), *data.get("business_nouns", ())]
        ),
        work_nouns=frozenset(data.get("work_nouns", ())),
        personal_nouns=frozenset(data.get("personal_nouns", ())),
        venue_words=frozenset(data.get("venue_words", ())),
        event_words=frozenset(data.get("event_words", ())),
        workforce_nouns=frozenset(data.get("workforce_nouns", ())),
        occupation_nouns=frozenset(data.get("occupation_nouns", ())),
        creative_verbs=frozenset(data.get("creative_verbs", ())),
        corporate_nouns=frozenset(data.get("corporate_nouns", ())),
        unit_regions=frozenset(data.get("unit_regions", ())),
        organisation_parts=frozenset(data.get("organisation_parts", ())),
        informal_demonyms=frozenset(data.get("informal_demonyms", ())),
        acronym_bodies=frozenset(data.get("acronym_bodies", ())),
        demonym_nouns=frozenset(data.get("demonym_nouns", ())),
        continental_demonyms=frozenset(data.get("continental_demonyms", ())),
        portfolios=frozenset(data.get("portfolios", ())),
        trade_titles=frozenset(data.get("trade_titles", ())),
        screen_nouns=frozenset(data.get("screen_nouns", ())),
        practices=frozenset(data.get("practices", ())),
        party_posts=frozenset(data.get("party_posts", ())),
        award_names=frozenset(data.get("award_names", ())),
        product_nouns=frozenset(data.get("product_nouns", ())),
        kin_prefixes=frozenset(data.get("kin_prefixes", ())),
        venue_endings=frozenset(data.get("venue_endings", ())),
        technical_terms=frozenset(data.get("technical_terms", ())),
        press_nouns=frozenset(data.get("press_nouns", ())),
        trade_or_firm_nouns=frozenset(data.get("trade_or_firm_nouns", ())),
    )
