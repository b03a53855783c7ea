"""The ``kg_quotes`` component: direct quotes and who said them.

A quote is text between double quotation marks (straight or curly); a paragraph
that opens a quote without closing it continues into the next paragraph, as news
style does. The speaker is the subject of a speech verb ("said", "told", "added")
outside the quote in the same paragraph ("She said: ...", "... said Hoddle"), or,
for a paragraph that is only quote, the speaker of the quote before it. First-person
pronouns inside a quote ("I", "me", "my") join the speaker's cluster.

Results are ``doc._.kg_quotes``, a list of :class:`QuoteMention`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.nlp.extensions import register_extensions
from kg.nlp.lexicon import Lexicon, load_lexicon

OPEN_QUOTES = '"“'
CLOSE_QUOTES = '"”'


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """A quote: character offsets of its text and the speaker's cluster key (or None)."""

    start: int
    end: int
    speaker: str | None
    rule: str


def find_quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted text (without the marks).

    >>> find_quote_spans('He said: "Yes." Then "no".')
    [(10, 14), (22, 24)]
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = None
        for m in re.finditer(r'["“”]', para.group()):
            pos = para.start() + m.start()
            if start is None:
                start = pos + 1
            else:
                if pos > start:
                    spans.append((start, pos))
                start = None
        if start is not None and para.end() > start:
            spans.append((start, para.end()))
    return spans


@Language.factory("kg_quotes", assigns=["doc._.kg_quotes"], requires=["doc._.kg_clusters"])
def make_quote_attributor(nlp: Language, name: str) -> QuoteAttributor:
    """Create the ``kg_quotes`` component."""
    register_extensions()
    return QuoteAttributor(load_lexicon())


class QuoteAttributor:
    """Find quotes, attribute them, and resolve first-person pronouns inside them."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.speech_verbs = frozenset(lexicon.events["speech_verbs"])

    def __call__(self, doc: Doc) -> Doc:
        coref = doc._.kg_clusters
        quotes: list[QuoteMention] = []
        spans = find_quote_spans(doc.text)
        inside = [False] * len(doc)
        for start, end in spans:
            for token in doc.char_span(start, end, alignment_mode="expand") or []:
                inside[token.i] = True
        previous: QuoteMention | None = None
        for start, end in spans:
            speaker, rule = self._speaker(doc, start, end, inside, coref)
            para_start = doc.text.rfind("\n", 0, start) + 1
            if speaker is None and previous is not None and not doc.text[para_start:start - 1].strip():
                speaker, rule = previous.speaker, "continued-quote"
            quote = QuoteMention(start, end, speaker, rule)
            quotes.append(quote)
            previous = quote if speaker is not None else previous
            if speaker is not None and coref is not None:
                self._first_person(doc, quote, coref)
        doc._.kg_quotes = quotes
        return doc

    def _speaker(self, doc: Doc, start: int, end: int, inside: list[bool], coref):
        para_start = doc.text.rfind("\n", 0, start) + 1
        para_end = doc.text.find("\n", end)
        para_end = len(doc.text) if para_end < 0 else para_end
        best: tuple[int, Token] | None = None
        for token in doc.char_span(para_start, para_end, alignment_mode="expand") or []:
            if inside[token.i] or token.lemma_ not in self.speech_verbs or token.pos_ != "VERB":
                continue
            distance = min(abs(token.idx - start), abs(token.idx - end))
            if best is None or distance < best[0]:
                best = (distance, token)
        if best is None:
            return None, ""
        verb = best[1]
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and not inside[child.i]:
                key = self._entity_key(child, coref)
                if key is not None:
                    return key, f"speech-verb:{verb.lemma_}"
        return None, ""

    @staticmethod
    def _entity_key(token: Token, coref) -> str | None:
        if coref is None:
            return None
        if token.i in coref.by_token:
            return coref.by_token[token.i]
        for child in token.children:  # "X, chairman of Y, said": the title's apposition
            if child.dep_ == "appos" and child.i in coref.by_token:
                return coref.by_token[child.i]
        for tok in token.subtree:
            if tok.i in coref.by_token and coref.clusters[coref.by_token[tok.i]].type == "Person":
                return coref.by_token[tok.i]
        return None

    def _first_person(self, doc: Doc, quote: QuoteMention, coref) -> None:
        cluster = coref.clusters[quote.speaker]
        if cluster.type != "Person":
            return
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        for token in span or []:
            if token.lower_ in self.lexicon.pronouns["first"] and token.i not in coref.by_token:
                coref.add(quote.speaker, token.i, token.i + 1, "pronoun")
