"""Sentence lookups that do not walk the Doc at every call."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def sentence_starts(doc: Doc) -> list[int]:
    """The index of the first token of each token's sentence.

    ``token.sent`` walks the Doc's sentences from the start at every call; this list,
    made in one pass, answers the same in constant time.

    >>> from spacy.lang.en import English
    >>> doc = English()("One. Two three.")
    >>> doc[0].is_sent_start, doc[2].is_sent_start = True, True
    >>> sentence_starts(doc)
    [0, 0, 2, 2, 2]
    """
    starts = [0] * len(doc)
    for sent in doc.sents:
        starts[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
    return starts


def sentence_of(doc: Doc) -> list[Span]:
    """Each token's sentence, as a list indexed by token (one pass over the Doc).

    >>> from spacy.lang.en import English
    >>> doc = English()("One. Two three.")
    >>> doc[0].is_sent_start, doc[2].is_sent_start = True, True
    >>> [s.text for s in sentence_of(doc)][1:3]
    ['One.', 'Two three.']
    """
    found: list[Span] = []
    for sent in doc.sents:
        found.extend([sent] * (sent.end - sent.start))
    return found
