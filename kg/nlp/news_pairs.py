"""Candidate pairs of the news relation model and the classifier's view of a pair.

A candidate is an ordered pair of named entities of one sentence (``doc.ents``
read through kg's coreference clusters, so that the types are kg's own) whose
types fit at least one news relation: person -> organisation or country (a post,
membership, resignation), person or organisation -> person or organisation (a
stance: criticised, praised, supported, accused by; appointed by), organisation ->
place (based in). The classifier reads a short text per pair (:func:`pair_view`):
type markers for the two names, the lemmas between them, two words either side,
a distance bucket, the part-of-speech tags between them and the dependency path
between their heads.

>>> signature_labels("PER", "ORG")[:3]
('role', 'memberOf', 'resignedFrom')
>>> signature_labels("LOC", "PER")
()
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.nlp.coref import CorefResult

NONE = "NONE"
ROLE = "role"
STANCES = ("criticisedBy", "praisedBy", "supportedBy", "accusedBy")
LABELS = (NONE, ROLE, "memberOf", "resignedFrom", "appointedBy", "basedIn", *STANCES)
"""The classes: no relation, the role family (a post or ``worksFor``) and eight properties."""
AGENT_TYPES = ("PER", "ORG")
SIGNATURES: dict[str, frozenset[tuple[str, str]]] = {
    ROLE: frozenset({("PER", "ORG"), ("PER", "CTRY")}),
    "memberOf": frozenset({("PER", "ORG")}),
    "resignedFrom": frozenset({("PER", "ORG")}),
    "appointedBy": frozenset({("PER", "PER"), ("PER", "ORG")}),
    "basedIn": frozenset({("ORG", "LOC"), ("ORG", "CTRY")}),
    **{s: frozenset((a, b) for a in AGENT_TYPES for b in AGENT_TYPES) for s in STANCES},
}
"""Which (head type, tail type) each label allows; the head is the fact's subject."""
MAX_GAP = 30
"""The most tokens between the two names of a candidate."""
MAX_BETWEEN = 12
"""Between-words kept in a view: the first and last half of these on a longer gap."""
MAX_TAGS = 6
"""The most part-of-speech tags of the words between kept in a view."""
HIDDEN = "*"


def _allowed() -> dict[tuple[str, str], tuple[str, ...]]:
    """(head type, tail type) -> the labels it may take, in the order of ``LABELS``."""
    allowed: dict[tuple[str, str], tuple[str, ...]] = {}
    for label in LABELS[1:]:
        for types in sorted(SIGNATURES[label]):
            allowed[types] = (*allowed.get(types, ()), label)
    return allowed


_ALLOWED = _allowed()


def signature_labels(head_type: str, tail_type: str) -> tuple[str, ...]:
    """The labels (besides ``NONE``) that a pair of these coarse types may take."""
    return _ALLOWED.get((head_type, tail_type), ())


@dataclass(frozen=True, slots=True)
class NewsPair:
    """An ordered pair of named mentions in one sentence: token spans, types, clusters."""

    head: tuple[int, int]
    tail: tuple[int, int]
    head_type: str
    tail_type: str
    head_key: str
    tail_key: str
    sentence: int
    """The first token of the pair's sentence."""


def coarse_type(cluster) -> str | None:
    """``PER``, ``ORG``, ``CTRY`` (a country) or ``LOC`` for a cluster; None for others."""
    if cluster.type == "Person":
        return "PER"
    if cluster.type == "Organization":
        return "ORG"
    if cluster.type == "Place":
        return "CTRY" if cluster.is_country else "LOC"
    return None


def news_pairs(
    doc: Doc, coref: CorefResult, starts: list[int], max_gap: int = MAX_GAP
) -> list[NewsPair]:
    """Typed ordered pairs of named mentions of different clusters, sentence by sentence.

    ``starts`` is :func:`kg.nlp.sentences.sentence_starts` of ``doc``.
    """
    by_sentence: dict[int, list[tuple[int, int, str, str]]] = {}
    for ent in doc.ents:
        cluster = coref.cluster_at(ent.start, ent.end) if coref else None
        kind = coarse_type(cluster) if cluster is not None else None
        if kind is not None:
            by_sentence.setdefault(starts[ent.start], []).append(
                (ent.start, ent.end, kind, cluster.key)
            )
    found = []
    for sentence, spans in by_sentence.items():
        for h in spans:
            for t in spans:
                if h[3] == t[3] or not signature_labels(h[2], t[2]):
                    continue
                if max(h[0], t[0]) - min(h[1], t[1]) <= max_gap:
                    found.append(NewsPair(h[:2], t[:2], h[2], t[2], h[3], t[3], sentence))
    return found


def dependency_path(a: Token, b: Token, hidden: Collection[int] = ()) -> list[str]:
    """Arcs up from ``a`` to the lowest common ancestor (its lemma), then down to ``b``.

    The ancestor is ``ENDH`` or ``ENDT`` when it is ``a`` or ``b`` themselves, and
    ``*`` when its index is in ``hidden``.
    """
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    on_b = {t.i for t in up_b}
    common = next((t for t in up_a if t.i in on_b), None)
    if common is None:
        return []
    left = up_a[: next(n for n, t in enumerate(up_a) if t.i == common.i)]
    right = up_b[: next(n for n, t in enumerate(up_b) if t.i == common.i)]
    if common.i in (a.i, b.i):
        lemma = "ENDH" if common.i == a.i else "ENDT"  # a name, not its words
    else:
        lemma = HIDDEN if common.i in hidden else common.lemma_.lower()
    return [f"^{t.dep_}" for t in left] + [lemma] + [f"v{t.dep_}" for t in reversed(right)]


@dataclass(frozen=True, slots=True)
class TokenTable:
    """What views read of each token of a Doc, read once: lowercase lemma, tag, space."""

    lemmas: list[str]
    tags: list[str]
    spaces: list[bool]


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of a Doc, in one pass over its tokens."""
    table = TokenTable([], [], [])
    for token in doc:
        table.lemmas.append(token.lemma_.lower())
        table.tags.append(token.pos_)
        table.spaces.append(token.is_space)
    return table


def pair_view(
    doc: Doc, pair: NewsPair, hidden: Collection[int] = (), table: TokenTable | None = None
) -> str:
    """The classifier's text for a pair: markers, lemmas between, context, distance,
    tags between, path.

    Tokens whose index is in ``hidden`` (a rule's trigger words, masked in training)
    are left out. ``table`` is :func:`token_table` of ``doc``, made once for many pairs.
    """
    table = table if table is not None else token_table(doc)
    marks = sorted([(pair.head, "H-" + pair.head_type), (pair.tail, "T-" + pair.tail_type)])
    (first, first_mark), (second, second_mark) = marks

    def kept(start: int, end: int) -> list[int]:
        return [i for i in range(start, end) if i not in hidden and not table.spaces[i]]

    def words(start: int, end: int) -> list[str]:
        return [table.lemmas[i] for i in kept(start, end)]

    between = words(first[1], second[0])
    tags = [table.tags[i] for i in kept(first[1], second[0])]
    tags = tags if len(tags) <= MAX_TAGS else ["LONG"]
    if len(between) > MAX_BETWEEN:
        half = MAX_BETWEEN // 2
        between = [*between[:half], "...", *between[-half:]]
    before = words(max(pair.sentence, first[0] - 2), first[0])
    after = words(second[1], min(len(doc), second[1] + 2))
    gap = second[0] - first[1]
    bucket = "d0" if gap <= 0 else "d1" if gap <= 2 else "d2" if gap <= 5 else "d3"
    path = dependency_path(
        doc[pair.head[0] : pair.head[1]].root, doc[pair.tail[0] : pair.tail[1]].root, hidden
    )
    return " ".join(
        [
            "<",
            *before,
            first_mark,
            *between,
            second_mark,
            *after,
            ">",
            bucket,
            "pos",
            *tags,
            "path",
            *path,
        ]
    )


def view_doc(vocab: Vocab, view: str) -> Doc:
    """The classifier's Doc of a view: its words split at white space, no tokenizer.

    >>> from spacy.vocab import Vocab
    >>> [t.text for t in view_doc(Vocab(), "< H-PER 's T-ORG > d0")]
    ['<', 'H-PER', "'s", 'T-ORG', '>', 'd0']
    """
    return Doc(vocab, words=view.split())
