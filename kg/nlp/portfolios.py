"""Where a title's portfolio starts: "Transport Minister", "Argentine Economy Minister".

The small model often tags a capitalised field of government before a title as an
organisation ("Welfare" in "Welfare Minister Ann Lee"). A run of the lexicon's
portfolio words right before a title is part of the title instead, unless an entity
carries on to the left of the run: then the words end a name ("Acme Transport").

>>> import spacy
>>> nlp = spacy.blank("en")
>>> doc = nlp("Indonesia 's Trade and Industry Minister Ann Lee")
>>> portfolio_start(doc, 5, frozenset({"trade", "industry"}))
2
>>> doc.ents = [spacy.tokens.Span(doc, 0, 3, "ORG")]  # "Indonesia 's Trade" as one name
>>> portfolio_start(doc, 5, frozenset({"trade", "industry"}))
5
"""

from __future__ import annotations

from spacy.tokens import Doc


def portfolio_start(doc: Doc, title_start: int, portfolios: frozenset[str]) -> int:
    """The first token of the capitalised portfolio words right before ``title_start``
    ("Trade and Industry"), or ``title_start`` when there are none or they end a name."""
    start = title_start
    i = title_start - 1
    while i >= 0:
        token = doc[i]
        if token.lower_ in portfolios and token.text[:1].isupper():
            start = i
        elif token.lower_ not in {"and", "&"} or start == title_start:
            break  # "and" only joins two portfolios
        i -= 1
    if start == title_start:
        return title_start
    entity_before = start > 0 and doc[start].ent_iob_ == "I" and doc[start - 1].ent_type_
    return title_start if entity_before else start
