"""Stances the dependency patterns cannot see, found by ``kg_relations``.

- ``verb:<kind>-surface``: a stance verb in the past or present tense that the parser
  left without a subject and an object, as when it reads "Dee Lomax, though, defended
  coach Perry Vance" as one noun phrase. The words must then say it in order: a name,
  at most one aside between commas ("though", "45", "in turn"), the verb, a noun phrase
  ending in a name.
- A name-modifier pattern's match is dropped where the name only says where a title is
  held ("X praised the Rovers captain Y": Y is praised, not Rovers).
- ``quote:judgement-*``: a quote whose judgement falls on a name it holds, said by the
  quote's speaker: the name is the subject of a copula whose complement judges
  ("'Jim Harte has been a disgrace,' said Ana Coll", "'Harte was brilliant'"), or the
  agent or possessor of a judging noun ("a shocking blunder by Harte", "Harte's gaffe").
  A name merely mentioned beside a judging word is not the target.

Lexicons (in ``kg/nlp/data/patterns.json``): the stance verbs of the patterns and
``judgement-negative``, ``judgement-positive``, ``judgement-copulas``,
``judgement-prepositions``, ``judged-agent-nouns``. A negated, modal or conditional
judgement says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.nlp.coref import CorefResult
from kg.nlp.patterns import Hit, PatternSet

VERB_LEXICONS = {
    "criticise-verbs": ("criticisedBy", "criticise"),
    "praise-verbs": ("praisedBy", "praise"),
    "support-verbs": ("supportedBy", "support"),
    "accuse-verbs": ("accusedBy", "accuse"),
}
FINITE_TAGS = frozenset({"VBD", "VBZ"})
ASIDE_LENGTH = 4
MODALS = frozenset({"would", "could", "might", "may", "should", "must", "will", "can", "'d"})
CONDITIONALS = frozenset({"if", "unless", "whether"})
SURFACE_CONFIDENCE = 0.7
JUDGEMENT_CONFIDENCE = 0.6
AGENT_TYPES = frozenset({"Person", "Organization"})


StanceFact = tuple[str, str, str, int, str, float]
"""A stance found here: ``(subject, property, object, token, rule, confidence)``, the
fields of ``kg_relations``' facts (cluster keys; the token it rests on)."""


@dataclass(frozen=True, slots=True)
class StanceWords:
    """The word lists the two rules read."""

    verbs: Mapping[str, tuple[str, str]]
    """Stance verb lemma -> (property, the rule's kind)."""
    negative: frozenset[str]
    positive: frozenset[str]
    copulas: frozenset[str]
    prepositions: frozenset[str]
    agent_nouns: frozenset[str]
    """Nouns that say the judged is a person or a body ("a great player")."""
    negation: frozenset[str]

    @classmethod
    def from_patterns(cls, patterns: PatternSet) -> StanceWords:
        """The lists of a pattern file."""
        verbs = {
            verb: found
            for name, found in VERB_LEXICONS.items()
            for verb in sorted(patterns.words(name))
        }
        return cls(
            verbs=verbs,
            negative=patterns.words("judgement-negative"),
            positive=patterns.words("judgement-positive"),
            copulas=patterns.words("judgement-copulas"),
            prepositions=patterns.words("judgement-prepositions"),
            agent_nouns=patterns.words("judged-agent-nouns"),
            negation=patterns.negation_words,
        )


# -- stance verbs the parser lost ---------------------------------------------------


def surface_verb_stances(
    doc: Doc, coref: CorefResult, words: StanceWords, stated: frozenset[int]
) -> list[StanceFact]:
    """Facts of finite stance verbs no pattern drew a fact from (``stated`` holds the
    tokens that have one), read off the words' order."""
    titles = title_tokens(doc)
    found = []
    for verb in doc:
        if verb.tag_ not in FINITE_TAGS or verb.lemma_.lower() not in words.verbs:
            continue
        if verb.i in stated or any(c.dep_ == "nsubjpass" for c in verb.children):
            continue
        agent = _name_before(doc, verb.i, coref, words)
        patient = _name_after(doc, verb.i, coref, titles)
        if agent is None or patient is None or agent == patient:
            continue
        prop, kind = words.verbs[verb.lemma_.lower()]
        found.append((patient, prop, agent, verb.i, f"verb:{kind}-surface", SURFACE_CONFIDENCE))
    return found


def title_tokens(doc: Doc) -> frozenset[int]:
    """The tokens of the job titles ``kg_roles`` found."""
    return frozenset(
        i for span in doc.spans.get("kg_titles", []) for i in range(span.start, span.end)
    )


def title_modifier(hit: Hit, titles: frozenset[int]) -> bool:
    """A name-modifier match whose name only says where a title is held: in "X praised
    the Rovers captain Y" Y is praised, not Rovers."""
    return "name-modifier" in hit.name and any(
        t is not None and t.dep_ == "compound" and t.head.i in titles
        for t in (hit.subject, hit.object)
    )


def _name_before(doc: Doc, i: int, coref: CorefResult, words: StanceWords) -> str | None:
    """The cluster whose mention ends just before token ``i``, past one aside in commas;
    a name right before the comma is the subject itself ("the head of X, Ann Lee, said")."""
    j = i - 1
    if j >= 1 and doc[j].text == "," and j - 1 in coref.by_token:
        j -= 1
    elif j >= 0 and doc[j].text == ",":
        k = j - 1
        while k >= 0 and doc[k].text != "," and j - k <= ASIDE_LENGTH:
            k -= 1
        aside = doc[k + 1 : j]
        if k < 0 or doc[k].text != "," or not _plain_aside(aside, words):
            return None
        j = k - 1
    if j < 0 or j not in coref.by_token or doc[j].sent != doc[i].sent:
        return None
    return coref.by_token[j]


def _plain_aside(aside: Span, words: StanceWords) -> bool:
    """An aside that does not change what the clause says: no verb, no denial."""
    return len(aside) > 0 and not any(
        t.pos_ in {"VERB", "AUX", "PROPN"} or t.lower_ in words.negation or t.lower_ in MODALS
        for t in aside
    )


def _name_after(doc: Doc, i: int, coref: CorefResult, titles: frozenset[int]) -> str | None:
    """The cluster of the name right after token ``i``, past a determiner, adjectives,
    titles and other names ("coach X", "the former England captain X")."""
    j = i + 1
    if j < len(doc) and doc[j].pos_ == "DET":
        j += 1
    while j < len(doc) and (doc[j].pos_ in {"ADJ", "PROPN"} or j in titles or j in coref.by_token):
        j += 1
    last = j - 1
    if last <= i or last not in coref.by_token or doc[last].sent != doc[i].sent:
        return None
    return coref.by_token[last]


# -- quotes that judge a name ---------------------------------------------------------


def quote_judgements(
    doc: Doc, coref: CorefResult, quotes: Iterable, words: StanceWords
) -> list[StanceFact]:
    """Facts of quotes whose judgement falls on a name they hold."""
    found = []
    for quote in quotes:
        if quote.speaker is None:
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        for token in span or []:
            judged = _judged(token, words)
            if judged is None:
                continue
            target, positive = judged
            key = coref.by_token.get(target.i)
            if key is None or key == quote.speaker or not _named(coref, key, target.i):
                continue
            if coref.clusters[key].type not in AGENT_TYPES:
                continue
            prop, kind = ("praisedBy", "praise") if positive else ("criticisedBy", "criticism")
            found.append(
                (
                    key,
                    prop,
                    quote.speaker,
                    token.i,
                    f"quote:judgement-{kind}",
                    JUDGEMENT_CONFIDENCE,
                )
            )
    return found


def _judged(token: Token, words: StanceWords) -> tuple[Token, bool] | None:
    """(the judged name's token, whether praise) if ``token`` judges a name."""
    if token.lemma_.lower() in words.copulas:
        return _copula_judgement(token, words)
    lemma = token.lemma_.lower()
    if token.pos_ == "NOUN" and lemma in words.negative and not _denied(token, words):
        for child in token.children:
            if child.dep_ == "poss":
                return child, False
            if child.dep_ == "prep" and child.lower_ in words.prepositions:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0], False
    return None


def _copula_judgement(verb: Token, words: StanceWords) -> tuple[Token, bool] | None:
    """ "X is a disgrace", "X has been brilliant": the subject and the verdict."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
    if not subjects or _denied(verb, words) or _conditional(verb):
        return None
    verdicts = {
        _polarity(_one_of(c), words)
        for c in verb.children
        if c.dep_ in {"attr", "acomp", "oprd"} and not _denied(c, words)
    }
    verdicts.discard(None)
    if len(verdicts) != 1:
        return None
    return subjects[0], verdicts.pop() is True


def _one_of(complement: Token) -> Token:
    """The noun "one of" picks from ("one of the best players"), else the complement."""
    if complement.lower_ == "one":
        for prep in complement.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for noun in prep.children:
                    if noun.dep_ == "pobj":
                        return noun
    return complement


def _polarity(complement: Token, words: StanceWords) -> bool | None:
    """True for praise, False for criticism, None for neither (or both). A noun judges
    by itself ("a disgrace", "a genius") or as a person or body ("a great player"), not
    as a place or a work ("a wonderful city", "the greatest show")."""
    lemma = complement.lemma_.lower()
    if complement.pos_ in {"NOUN", "PROPN"} and not (
        lemma in words.agent_nouns or lemma in words.positive or lemma in words.negative
    ):
        return None
    said = [lemma] + [
        w
        for c in complement.children
        if c.dep_ in {"amod", "compound"}
        for w in (c.lemma_.lower(), c.lower_)
    ]
    positive = any(w in words.positive for w in said)
    negative = any(w in words.negative for w in said)
    if positive == negative:
        return None
    return positive


def _denied(token: Token, words: StanceWords) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ in {"det", "advmod"} and c.lower_ in words.negation)
        for c in token.children
    )


def hedged(token: Token) -> bool:
    """Whether ``token`` stands in a modal or conditional clause: "X would be a
    disgrace", "if X is a failure"."""
    return any(_conditional(t) for t in (token, *token.ancestors))


def _conditional(verb: Token) -> bool:
    """A modal or conditional verdict ("would be a disaster", "if X is a failure")."""
    return any(
        (c.dep_ == "aux" and c.lower_ in MODALS) or (c.dep_ == "mark" and c.lower_ in CONDITIONALS)
        for c in verb.children
    )


def _named(coref: CorefResult, key: str, i: int) -> bool:
    """Token ``i`` is a mention that names its cluster, not a pronoun."""
    return any(
        start <= i < end and kind != "pronoun" for start, end, kind in coref.clusters[key].mentions
    )
