"""Team-mates: a player described as another's team-mate plays for the same side.

Used by ``kg_relations`` (rule ``role:team-mate``, property ``worksFor``). Pure
functions over the parse and the coreference clusters.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.nlp.coref import CorefResult

TEAM_MATE_WORDS = frozenset({"team-mate", "teammate", "team-mates", "teammates"})
"""Nouns that make two players colleagues of one side."""
FORMER_WORDS = frozenset({"former", "ex", "ex-", "old", "one-time"})


def team_mates(
    doc: Doc, coref: CorefResult, employers: dict[str, str]
) -> list[tuple[str, str, int]]:
    """``(player, side, token)`` for each "team-mate" phrase: "X's team-mate Y", "Y, X's
    team-mate", "his team-mate Y at Z", "Rovers team-mate Y". Y plays for the side named
    beside the noun or, failing that, the one X plays for (``employers``: person
    cluster -> organisation cluster)."""
    found = []
    for noun in doc:
        start = _team_mate_start(doc, noun)
        if start is None:
            continue
        holder = _team_mate_holder(noun)
        phrase = [*noun.children, *(holder.children if holder is not noun else ())]
        if any(t.lower_ in FORMER_WORDS for t in phrase):
            continue  # "his former team-mate": another side, once
        mate = coref.cluster_at(holder.i)
        if mate is None or mate.type != "Person":
            continue
        owners = [coref.cluster_at(t.i) for t in phrase if t.dep_ == "poss"]
        side = (
            _side_named_at(noun, coref)
            or _side_before(doc, start, coref)
            or (employers.get(owners[0].key) if owners and owners[0] is not None else None)
        )
        if side is None or coref.clusters[side].type != "Organization":
            continue
        found.append((mate.key, side, noun.i))
    return found


def _team_mate_start(doc: Doc, noun: Token) -> int | None:
    """Where the word "team-mate" ending at ``noun`` starts ("team - mate" or
    "teammate"), or None if ``noun`` ends no such word."""
    if noun.lower_ in TEAM_MATE_WORDS:
        return noun.i
    if noun.lemma_.lower() == "mate" and noun.i >= 2 and doc[noun.i - 1].text == "-":
        return noun.i - 2 if doc[noun.i - 2].lower_ == "team" else None
    return None


def _team_mate_holder(noun: Token) -> Token:
    """The player a "team-mate" noun describes: the name it precedes or is apposed to."""
    if noun.dep_ in {"compound", "appos"}:
        return noun.head
    names = [c for c in noun.children if c.dep_ == "appos" and c.ent_type_]
    return names[0] if names else noun


def _side_before(doc: Doc, start: int, coref: CorefResult) -> str | None:
    """ "Rovers team-mate Y": the name right before the noun, not a possessor's."""
    i = start - 1
    if i < 0 or doc[i].tag_ == "POS" or not doc[i].ent_type_:
        return None
    cluster = coref.cluster_at(i)
    return cluster.key if cluster is not None else None


def _side_named_at(noun: Token, coref: CorefResult) -> str | None:
    """ "team-mate at Chelsea": the side after "at" or "with"."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "with"}:
            for obj in prep.children:
                cluster = coref.cluster_at(obj.i)
                if obj.dep_ == "pobj" and cluster is not None:
                    return cluster.key
    return None
