"""Sentence boundaries at line breaks, and sentence lookups that do not walk the Doc.

spaCy's parser decides where sentences start, but it respects boundaries already set:
the ``kg_line_breaks`` component, placed before the parser, marks the first token
after these line breaks as a sentence start (:func:`line_break_starts` gives the rule):

- a **paragraph break** (a blank line, or one holding only spaces or tabs) always ends
  a sentence, so a headline is never glued to the first sentence of the body;
- a **single line break after a heading** ends a sentence too: a line that begins the
  text or a paragraph, is at most :data:`HEADING_MAX_CHARS` long, ends in a letter or
  digit (no final punctuation), is followed by a line that opens with a capital letter,
  a digit or a quotation mark, and is not a hard wrap: the next line's first word would
  have fitted on it within the width of the text's longest line (a greedy wrapper
  breaks a line only where the next word does not fit).

The Doc's text is never changed, so character offsets still index the article text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

HEADING_MAX_CHARS = 150
"""The longest line read as a heading (the limit of :func:`kg.inputs.read.title_of`)."""
_OPENING_MARKS = frozenset("\"'‘“«(")


def line_break_starts(text: str) -> list[int]:
    """The character offsets where a line break starts a sentence (module rules).

    Each offset is the first non-space character after the break, in text order.

    >>> line_break_starts("Ad sales boost profit\\n\\nQuarterly profits rose.\\n\\n")
    [23]
    >>> line_break_starts("Police chief quits\\nThe chief of the Met has resigned.")
    [19]
    >>> line_break_starts("The chief of the Metropolitan\\nPolice has resigned after four\\nyears.")
    []
    """
    lines = text.split("\n")
    wraps = _wrap_widths(lines)
    starts: list[int] = []
    offset = 0
    heading: int | None = None  # the line before, when it is a heading
    seen = paragraph = False  # text seen; a blank line since the last text
    for number, line in enumerate(lines):
        body = line.strip()
        if not body:
            paragraph = True
        else:
            if seen and (paragraph or _after_heading(lines, heading, body, wraps)):
                starts.append(offset + len(line) - len(line.lstrip()))
            heading = number if (paragraph or not seen) and _is_heading(body) else None
            seen, paragraph = True, False
        offset += len(line) + 1
    return starts


def _wrap_widths(lines: list[str]) -> list[tuple[int, int]]:
    """The two longest lines that end in a single line break, as (length, line number):
    the width a hard-wrapped text was wrapped to is at least theirs."""
    ends = [
        (len(line.rstrip()), number)
        for number, (line, after) in enumerate(zip(lines, lines[1:], strict=False))
        if line.strip() and after.strip()
    ]
    return sorted(ends, reverse=True)[:2]


def _is_heading(line: str) -> bool:
    """A line that may be a heading: not too long, no final punctuation."""
    return len(line) <= HEADING_MAX_CHARS and line[-1].isalnum()


def _after_heading(
    lines: list[str], heading: int | None, line: str, wraps: list[tuple[int, int]]
) -> bool:
    """Whether ``line`` opens a sentence after the heading line ``heading``: it opens
    like a sentence, and the heading is not a hard-wrapped line (the first word of
    ``line`` would have fitted on it within the width of any other wrapped line)."""
    if heading is None:
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or first in _OPENING_MARKS):
        return False
    width = next((length for length, number in wraps if number != heading), None)
    needed = len(lines[heading].rstrip()) + 1 + len(line.split(None, 1)[0])
    return width is None or needed <= width


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


@Language.factory("kg_line_breaks", assigns=["token.is_sent_start"])
def make_line_breaks(nlp: Language, name: str) -> LineBreaks:
    """Create the ``kg_line_breaks`` component; add it before the parser."""
    return LineBreaks()


class LineBreaks:
    """Mark the first token after a paragraph break or a heading line as a sentence start
    (see the module rules); the parser after it keeps these boundaries."""

    def __call__(self, doc: Doc) -> Doc:
        starts = set(line_break_starts(doc.text))
        for token in doc:
            if token.i and token.idx in starts and not token.is_space:
                token.is_sent_start = True
        return doc
