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
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.nlp.component import DataComponent
from kg.nlp.extensions import register_extensions
from kg.nlp.lexicon import Lexicon, lexicon_from_files

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

    A mark after a space and before a word opens a quote, one after a word closes
    it; a quote still open when a new one opens or the paragraph ends stops there
    (news style leaves multi-paragraph quotes unclosed).

    >>> find_quote_spans('He said: "Yes." Then "no".')
    [(10, 14), (22, 24)]
    >>> find_quote_spans('"One. "Two," he said.')
    [(1, 5), (7, 11)]
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start: int | None = None
        line = para.group()
        for m in re.finditer(r'["“”]', line):
            pos = para.start() + m.start()
            before = line[m.start() - 1] if m.start() > 0 else " "
            after = line[m.end()] if m.end() < len(line) else " "
            opens = (
                m.group() == "“"
                or (m.group() == '"' and before.isspace() or before in "(:[—-")
                and not after.isspace()
            )
            if start is not None and (not opens or m.group() == "”"):
                if pos > start:
                    spans.append((start, pos))
                start = None
            elif opens:
                if start is not None:
                    end = len(text[:pos].rstrip())
                    if end > start:
                        spans.append((start, end))
                start = pos + 1
        if start is not None and para.end() > start:
            spans.append((start, para.end()))
    return spans


def _paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` begins: a quote opening a paragraph continues
    the speaker of the quote before it, whatever came between."""
    return text.rfind("\n", 0, pos) + 1


def quote_token_mask(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    """For each token of ``doc``, whether it lies inside one of the quote spans."""
    inside = [False] * len(doc)
    for start, end in spans:
        for token in doc.char_span(start, end, alignment_mode="expand") or []:
            inside[token.i] = True
    return inside


@Language.factory("kg_quotes", assigns=["doc._.kg_quotes"], requires=["doc._.kg_clusters"])
def make_quote_attributor(nlp: Language, name: str) -> QuoteAttributor:
    """Create the ``kg_quotes`` component."""
    register_extensions()
    return QuoteAttributor()


class QuoteAttributor(DataComponent):
    """Find quotes, attribute them, and resolve first-person pronouns inside them."""

    lexicon: Lexicon
    speech_verbs: frozenset[str]

    def setup(self, files: Mapping[str, bytes]) -> None:
        """Read the lexicon and its speech verbs."""
        self.lexicon = lexicon_from_files(files)
        self.speech_verbs = self.lexicon.speech_verbs

    def __call__(self, doc: Doc) -> Doc:
        self.ensure_initialized()
        coref = doc._.kg_clusters
        quotes: list[QuoteMention] = []
        text = doc.text  # built anew at each access: once per Doc here
        spans = find_quote_spans(text)
        inside = quote_token_mask(doc, spans)
        previous: QuoteMention | None = None
        for n, (start, end) in enumerate(spans):
            prev_end = spans[n - 1][1] + 1 if n else 0
            next_start = spans[n + 1][0] - 1 if n + 1 < len(spans) else len(text)
            speaker, rule = self._trailing(doc, text, end, next_start, inside, coref)
            if speaker is None:
                speaker, rule = self._leading(doc, text, prev_end, start, inside, coref)
            if (
                speaker is None
                and previous is not None
                and self._adjacent(text, max(prev_end, _paragraph_start(text, start)), start)
            ):
                speaker, rule = previous.speaker, "continued-quote"
            quote = QuoteMention(start, end, speaker, rule)
            quotes.append(quote)
            previous = quote
            if speaker is not None and coref is not None:
                self._first_person(doc, quote, coref)
        doc._.kg_quotes = quotes
        return doc

    @staticmethod
    def _adjacent(text: str, prev_end: int, start: int) -> bool:
        """Nothing but marks and spaces between the previous quote and this one."""
        return not re.sub(r'[\s"“”.,;:!?\'-]', "", text[prev_end:start])

    def _trailing(self, doc: Doc, text: str, end: int, limit: int, inside: list[bool], coref):
        """'"...," he said.': attribution after a quote that ends in , ? or !"""
        last = end
        while last > 0 and text[last - 1].isspace():
            last -= 1
        after = text[end + 1 : end + 3].lstrip()
        if not (last and text[last - 1] in ",?!" or after.startswith(",")):
            return None, ""
        stop = text.find(".", end + 1, limit)
        return self._speech_verb_subject(doc, end + 1, stop if stop > 0 else limit, inside, coref)

    def _leading(self, doc: Doc, text: str, begin: int, start: int, inside: list[bool], coref):
        """'She said: "...': attribution in the text before the quote."""
        para_start = text.rfind("\n", 0, start) + 1
        return self._speech_verb_subject(doc, max(begin, para_start), start, inside, coref)

    def _speech_verb_subject(self, doc: Doc, begin: int, stop: int, inside: list[bool], coref):
        if stop <= begin:
            return None, ""
        tokens = doc.char_span(begin, stop, alignment_mode="contract") or []
        verbs = [
            t
            for t in tokens
            if not inside[t.i] and t.lemma_ in self.speech_verbs and t.pos_ == "VERB"
        ]
        for verb in sorted(verbs, key=lambda v: -v.i):
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
