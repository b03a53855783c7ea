"""One type per name across a build: a vote over the articles that use the name.

spaCy's small model types one name differently in different articles ("Yukos" an
organisation in 26 articles and a person in one), and the resolver never merges
entities of different types. Before it merges, :func:`vote_types` looks at every
normalised name typed two or more ways and retypes an article's entity only when
the other type clearly wins:

- the winner is the type of the most articles, and has at least
  :data:`RETYPE_MARGIN` times as many articles as the type it replaces;
- at least :data:`MIN_EVIDENCED` of the winner's articles show local evidence of
  its type, and none of the loser's articles show evidence of theirs;
- one of the two types is Person: a place and an organisation share names by
  metonymy ("Southampton" the town and the club, "Ireland" the country and the
  national side, "Downing Street" and the government), so neither replaces the other;
  and a country or a club of the lexicon never loses its own types;
- a name becomes a person's only when it has a person's shape (two words or more,
  no acronym, no place, country, club or company word) or an article wrote it with a
  title ("Mr X"): coreference may attach a "he" to "Real Madrid"; and a person's
  name in the plural of a people or an acronym ("Britons", "MPs") names a group of
  people, no organisation, so it keeps its type;
- an article that uses the name with both types keeps them apart.

Local evidence is what the article says of its entity, never its name in another
article: a person is "Mr X" or "he"/"she"; an organisation is "its", "the firm"
or "the club", or has a company marker in its name ("Acme Holdings"); a place has a
demonym ("Irish") or is "the country" or "the city".

A retyped entity keeps only the facts its new type fits (the check kg's relation
rules make: ``livesIn`` needs a person); each retype is a :class:`Retype`, with a
reason the resolver writes to ``merges.jsonl``. The vote counts sets of articles,
so it does not depend on the order of the input.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from kg.names import clean_name, normalise_name
from kg.records import DocumentExtraction, Entity, Mention, Relation

RETYPE_MARGIN = 2
"""How many times more articles the winning type needs than the type it replaces."""
MIN_EVIDENCED = 1
"""Articles of the winning type that must show local evidence of it."""
ORG_DESCRIPTION_KINDS = frozenset(
    {"company", "government", "club", "police", "union", "council", "party"}
)
PLACE_DESCRIPTION_KINDS = frozenset({"city", "country"})
ORG_PRONOUNS = frozenset({"its", "itself"})
"""Pronouns of an organisation: "it" alone also stands for a film, a deal or a plan."""
CUE_KINDS = frozenset({"title", "pronoun", "description", "demonym"})
"""Kinds of mention that :func:`evidence` reads."""
PLURAL_GROUP = re.compile(r"[a-z](?:ans|ons)\Z")
"""The plural of a nationality or a people ("Americans", "Britons")."""
PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
"""An acronym in the plural ("MPs", "CEOs")."""


@dataclass(frozen=True, slots=True)
class TypeCues:
    """What tells an entity's type in its article, and which facts each type fits."""

    person_pronouns: frozenset[str] = frozenset()
    org_descriptions: frozenset[str] = frozenset()
    place_descriptions: frozenset[str] = frozenset()
    org_markers: frozenset[str] = frozenset()
    """Lower-case words that end an organisation's name ("plc", "holdings")."""
    fixed_names: frozenset[str] = frozenset()
    """Normalised names whose organisations and places are never retyped: countries and
    clubs."""
    property_types: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Subject and object types of properties with fixed ones (``livesIn``: Person, Place)."""
    role_properties: frozenset[str] = frozenset()
    """Properties of job titles: a person's post in an organisation or a place."""

    @classmethod
    def from_lexicon(cls) -> TypeCues:
        """The cues of kg's lexicon and relation rules."""
        from kg.nlp.lexicon import load_lexicon
        from kg.nlp.relations import PROPERTY_TYPES

        lex = load_lexicon()

        def described(kinds: frozenset[str]) -> frozenset[str]:
            return frozenset(w for w, ks in lex.descriptions.items() if set(ks) <= kinds)

        clubs = {*lex.clubs_by_name, *lex.clubs_by_nickname}
        return cls(
            person_pronouns=lex.pronouns["male"] | lex.pronouns["female"],
            org_descriptions=described(ORG_DESCRIPTION_KINDS),
            place_descriptions=described(PLACE_DESCRIPTION_KINDS),
            org_markers=lex.company_markers
            | frozenset(m for ms in lex.org_kinds.values() for m in ms if " " not in m),
            fixed_names=frozenset(map(normalise_name, [*lex.country_by_alias, *clubs])),
            property_types=dict(PROPERTY_TYPES),
            role_properties=frozenset(t.property for t in lex.titles.values()),
        )

    def fits(self, relation: Relation, subject_type: str, object_type: str) -> bool:
        """Do the two types fit the relation's property? The check kg's relation rules
        make before they emit a fact (:func:`kg.nlp.relations.types_fit`)."""
        from kg.nlp.relations import types_fit

        return types_fit(
            relation.predicate,
            relation.evidence.rule,
            subject_type,
            object_type,
            self.role_properties,
            self.property_types,
        )


@dataclass(frozen=True, slots=True)
class Retype:
    """One article's entity given the type its name has across the build."""

    doc_id: str
    key: str
    label: str
    old: str
    new: str
    reason: str


def evidence(entity: Entity, cues: TypeCues) -> tuple[str, ...]:
    """What the article says of ``entity`` that fits its type, sorted ("he", "Mr X")."""
    found: set[str] = set()
    for m in entity.mentions:
        word = m.text.lower()
        if entity.type == "Person":
            if m.kind == "title" or (m.kind == "pronoun" and word in cues.person_pronouns):
                found.add(m.text if m.kind == "title" else word)
        elif entity.type == "Organization":
            if (m.kind == "pronoun" and word in ORG_PRONOUNS) or (
                m.kind == "description" and word in cues.org_descriptions
            ):
                found.add(word)
        elif m.kind == "demonym" or (m.kind == "description" and word in cues.place_descriptions):
            found.add(word)
    words = normalise_name(entity.label).split()
    if entity.type == "Organization" and len(words) > 1 and words[-1] in cues.org_markers:
        found.add(entity.label)
    return tuple(sorted(found))


def cue_mentions(mentions: Iterable[Mention]) -> tuple[Mention, ...]:
    """The first mention of each cue the vote reads (kind and lower-case words).

    A build keeps only these of an entity's mentions for resolution: a few per
    entity, whatever the length of the article.

    >>> he, again = Mention(9, 11, "He", "pronoun"), Mention(20, 22, "he", "pronoun")
    >>> cue_mentions([Mention(0, 3, "Ada"), he, again])
    (Mention(start=9, end=11, text='He', kind='pronoun'),)
    """
    seen: set[tuple[str, str]] = set()
    kept = []
    for m in mentions:
        cue = (m.kind, m.text.lower())
        if m.kind in CUE_KINDS and cue not in seen:
            seen.add(cue)
            kept.append(m)
    return tuple(kept)


@dataclass(slots=True)
class _Side:
    """The articles that give a name one type, and the evidence they show."""

    docs: set[str] = field(default_factory=set)
    shown: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titled: set[str] = field(default_factory=set)
    """Articles that write the name with a title or honorific ("Mr X")."""
    labels: set[str] = field(default_factory=set)


def vote_types(
    extractions: Iterable[DocumentExtraction], cues: TypeCues
) -> tuple[list[DocumentExtraction], tuple[Retype, ...]]:
    """Retype the entities whose name another type clearly wins (module docstring).

    Returns the extractions, sorted by document, with retyped entities and without
    the facts their new type does not fit, and every retype in (document, key) order.
    """
    extractions = sorted(extractions, key=lambda x: x.doc_id)
    sides: dict[str, dict[str, _Side]] = defaultdict(dict)
    for ext in extractions:
        for ent in ext.entities:
            side = sides[_key(ent)].setdefault(ent.type, _Side())
            side.docs.add(ext.doc_id)
            side.labels.add(ent.label)
    for ext in extractions:  # evidence only for the few names typed two ways
        for ent in ext.entities:
            by_type = sides[_key(ent)]
            if len(by_type) < 2:
                continue
            side = by_type[ent.type]
            shown = evidence(ent, cues)
            if shown:
                side.shown[ext.doc_id] = shown
            if ent.type == "Person" and any(m.kind == "title" for m in ent.mentions):
                side.titled.add(ext.doc_id)
    places = frozenset(name for name, by_type in sides.items() if "Place" in by_type)
    decided = {
        (name, loser): (winner, why)
        for name, by_type in sorted(sides.items())
        for loser, winner, why in _decide(by_type)
        if _allowed(name, loser, winner, by_type, cues, places)
    }
    if not decided:
        return extractions, ()
    out, retypes = [], []
    for ext in extractions:
        new_ext, found = _retype_article(ext, decided, sides, cues)
        out.append(new_ext)
        retypes += found
    return out, tuple(retypes)


def _key(ent: Entity) -> str:
    return _name_key(ent.label)


@lru_cache(maxsize=1 << 16)
def _name_key(label: str) -> str:
    """The resolver's key of a name: "The Treasury's" is "treasury"."""
    return normalise_name(clean_name(label))


def _decide(by_type: dict[str, _Side]) -> list[tuple[str, str, str]]:
    """``(loser, winner, why)`` for each type of a name that another clearly beats."""
    if len(by_type) < 2:
        return []
    ranked = sorted(by_type, key=lambda t: (-len(by_type[t].docs), t))
    winner, runner_up = ranked[0], ranked[1]
    won = by_type[winner]
    if len(won.docs) == len(by_type[runner_up].docs) or len(won.shown) < MIN_EVIDENCED:
        return []
    found = []
    for loser in ranked[1:]:
        lost = by_type[loser]
        if lost.shown or len(won.docs) < RETYPE_MARGIN * len(lost.docs):
            continue
        words = sorted({w for ws in won.shown.values() for w in ws})[:4]
        cited = ", ".join(f'"{w}"' for w in words)
        why = (
            f"{_articles(winner, len(won.docs))} ({len(won.shown)} with local evidence: "
            f"{cited}), {_articles(loser, len(lost.docs))} with none"
        )
        found.append((loser, winner, why))
    return found


def _allowed(
    name: str,
    loser: str,
    winner: str,
    by_type: dict[str, _Side],
    cues: TypeCues,
    places: frozenset[str],
) -> bool:
    """May a vote turn ``loser`` into ``winner`` for this name?

    Only a person's type is voted on: a place and an organisation share names by
    metonymy (the town and its club, "Downing Street" and the government). A country
    or club of the lexicon never loses its own types. An entity becomes a person
    only when its name has a person's shape or an article wrote it "Mr X": a pronoun
    that coreference attached to "Real Madrid" is not enough. A group of people in the
    plural ("Britons") keeps its type.
    """
    if "Person" not in (loser, winner):
        return False
    if loser != "Person" and name in cues.fixed_names:
        return False
    if winner == "Person":
        side = by_type[winner]
        return bool(side.titled) or any(_person_shaped(lb, cues, places) for lb in side.labels)
    return not _plural_group(by_type[loser].labels)


def _plural_group(labels: Iterable[str]) -> bool:
    """A group of people in the plural: "Britons", "Americans", "MPs".

    >>> [_plural_group([n]) for n in ("Britons", "MPs", "Yukos", "Paris", "Ada Brisk")]
    [True, True, False, False, False]
    """
    return any(
        " " not in label
        and (PLURAL_GROUP.search(label) is not None or PLURAL_ACRONYM.fullmatch(label) is not None)
        for label in labels
    )


def _person_shaped(label: str, cues: TypeCues, places: frozenset[str]) -> bool:
    """Two words or more, no acronym, no place or organisation word ("Ada Brisk").

    >>> places = frozenset({"dunmere"})
    >>> [_person_shaped(n, TypeCues(), places) for n in ("Ada Brisk", "Real Dunmere", "BBC One")]
    [True, False, False]
    """
    words = label.split()
    return len(words) > 1 and not any(
        (len(w) > 1 and w.isupper())
        or w.lower() in places
        or w.lower() in cues.fixed_names
        or w.lower() in cues.org_markers
        for w in words
    )


def _articles(etype: str, n: int) -> str:
    return f"{etype} in {n} article{'s' if n != 1 else ''}"


def _retype_article(
    ext: DocumentExtraction,
    decided: dict[tuple[str, str], tuple[str, str]],
    sides: dict[str, dict[str, _Side]],
    cues: TypeCues,
) -> tuple[DocumentExtraction, list[Retype]]:
    """One article with its entities retyped and the facts that no longer fit dropped."""
    entities, changed = [], {}
    for ent in ext.entities:
        name = _key(ent)
        choice = decided.get((name, ent.type))
        if choice is None or ext.doc_id in sides[name][choice[0]].docs:
            entities.append(ent)  # an article with both types keeps them apart
            continue
        entities.append(replace(ent, type=choice[0]))
        changed[ent.key] = (ent, choice)
    if not changed:
        return ext, []
    types = {e.key: e.type for e in entities}
    kept, dropped = [], defaultdict(list)
    for rel in ext.relations:
        if {rel.subject, rel.object} & changed.keys() and not cues.fits(
            rel, types[rel.subject], types[rel.object]
        ):
            for key in sorted({rel.subject, rel.object} & changed.keys()):
                dropped[key].append(rel.predicate)
            continue
        kept.append(rel)
    retypes = []
    for key, (ent, (new, why)) in sorted(changed.items(), key=lambda kv: _key_order(kv[0])):
        gone = sorted(set(dropped[key]))
        tail = f"; dropped its facts {', '.join(gone)}" if gone else ""
        reason = f'type vote: "{ent.label}" ({ext.doc_id}) was {_a(ent.type)}, is {_a(new)}'
        retypes.append(Retype(ext.doc_id, key, ent.label, ent.type, new, f"{reason}: {why}{tail}"))
    return replace(ext, entities=tuple(entities), relations=tuple(kept)), retypes


def _a(etype: str) -> str:
    """``a Person``, ``an Organization``."""
    return f"{'an' if etype[0] in 'AEIOU' else 'a'} {etype}"


def _key_order(key: str) -> tuple[int, str]:
    digits = key.lstrip("e")
    return (int(digits), key) if digits.isdigit() else (-1, key)
