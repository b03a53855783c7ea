"""Count the predicates that link one agent to another in a news corpus.

How kg's stance lexicons (``kg/nlp/data/patterns.json``) were widened: this script
parses an unlabelled corpus (JSON Lines with a ``text`` field, e.g. the BBC news
corpus) with spaCy's small English model alone (no kg rules, no gold articles) and
counts, for every verb whose subject is a person or organisation (a PERSON or ORG
name, or "he"/"she"/"they"), the shape that reaches a second person or organisation:

- ``slam _`` : a direct object ("X slammed Y");
- ``round on _`` : a preposition's object ("X rounded on Y");
- ``lash out at _`` : a particle, then a preposition ("X lashed out at Y");
- ``pay tribute to _`` : a noun object, then its preposition ("X paid tribute to Y");
- ``_ was slammed by`` : a passive with its by-agent ("Y was slammed by X");

and every noun with an agent on both sides ("X's criticism of Y": ``N:criticism of``;
"criticism of Y from X": ``N:criticism of+from``). The most frequent shapes are
printed; a person reads the list and moves the words whose meaning is a stance
(praise, criticism, support, accusation) into the lexicons. Frequency only ranks the
candidates: "meet", "beat" or "join" are frequent and no stance.

    python scripts/mine_stance_predicates.py CORPUS.jsonl [--limit N] [--top K]
"""

from __future__ import annotations

import argparse
import importlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc, Token

from kg.config import MODEL_PACKAGE

AGENT_LABELS = frozenset({"PERSON", "ORG"})
AGENT_PRONOUNS = frozenset({"he", "she", "they"})


def read_texts(path: Path, limit: int | None) -> Iterator[str]:
    """The ``text`` of each JSON line of ``path``, at most ``limit`` of them."""
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if limit is not None and n >= limit:
                return
            yield json.loads(line)["text"]


def is_agent(token: Token) -> bool:
    """``token`` is (part of) a person's or organisation's name, or a personal pronoun."""
    return token.ent_type_ in AGENT_LABELS or token.lower_ in AGENT_PRONOUNS


def named_agent(token: Token) -> bool:
    """``token`` is part of a person's or organisation's name (no pronoun)."""
    return token.ent_type_ in AGENT_LABELS


def verb_shapes(verb: Token) -> Iterator[str]:
    """The shapes by which ``verb`` with an agent subject reaches a named agent."""
    children = list(verb.children)
    subjects = [c for c in children if c.dep_ == "nsubj" and is_agent(c)]
    lemma = verb.lemma_.lower()
    particles = " ".join(c.lower_ for c in children if c.dep_ == "prt")
    head = f"{lemma} {particles}".strip()
    if subjects:
        for child in children:
            if child.dep_ == "dobj" and named_agent(child):
                yield f"{head} _"
            elif child.dep_ == "dobj":
                for prep in child.children:
                    if prep.dep_ == "prep" and any(
                        named_agent(p) for p in prep.children if p.dep_ == "pobj"
                    ):
                        yield f"{head} {child.lemma_.lower()} {prep.lower_} _"
            elif child.dep_ in {"prep", "dative"} and any(
                named_agent(p) for p in child.children if p.dep_ == "pobj"
            ):
                yield f"{head} {child.lower_} _"
    if any(c.dep_ == "nsubjpass" and named_agent(c) for c in children) and any(
        c.dep_ == "agent" and any(named_agent(p) for p in c.children) for c in children
    ):
        yield f"_ was {head} by"


def noun_shapes(noun: Token) -> Iterator[str]:
    """ "X's criticism of Y", "criticism of Y from X": a noun between two agents."""
    preps = {
        c.lower_
        for c in noun.children
        if c.dep_ == "prep" and any(named_agent(p) for p in c.children if p.dep_ == "pobj")
    }
    owner = any(c.dep_ == "poss" and named_agent(c) for c in noun.children)
    if owner and preps:
        yield f"N:{noun.lemma_.lower()} {'+'.join(sorted(preps))}"
    elif len(preps) >= 2:
        yield f"N:{noun.lemma_.lower()} {'+'.join(sorted(preps))}"


def count_shapes(doc: Doc, counts: Counter[str]) -> None:
    """Add the shapes of every verb and noun of ``doc`` to ``counts``."""
    for token in doc:
        if token.pos_ == "VERB":
            counts.update(verb_shapes(token))
        elif token.pos_ == "NOUN":
            counts.update(noun_shapes(token))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--top", type=int, default=400)
    args = parser.parse_args()
    nlp = importlib.import_module(MODEL_PACKAGE).load()  # the small model, as packaged for kg
    counts: Counter[str] = Counter()
    for doc in nlp.pipe(read_texts(args.corpus, args.limit), batch_size=32):
        count_shapes(doc, counts)
    for shape, n in counts.most_common(args.top):
        print(f"{n:6d}  {shape}")


if __name__ == "__main__":
    main()
