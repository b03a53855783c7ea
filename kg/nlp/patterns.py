"""Named dependency patterns for stance and event facts.

The patterns live in ``kg/nlp/data/patterns.json`` (its ``_comment`` explains the
format): each is a spaCy ``DependencyMatcher`` pattern with a unique name, the
ontology property it states, which of its nodes is the fact's subject and which its
object, and a base confidence. This module loads and checks that file, builds the
matcher and turns its matches into hits (:class:`Hit`). A negated match ("did not
criticise", "no criticism from", "declined to criticise") is no hit; a hedged one
("reportedly", "may") keeps a lower confidence. What a pattern cannot say (conjuncts,
the subject an infinitive inherits, coreference) is left to ``kg.nlp.relations``.

A hit without the model, on a Doc built by hand:

>>> from spacy.tokens import Doc
>>> from spacy.vocab import Vocab
>>> doc = Doc(Vocab(), words=["Ann", "praised", "Bob"], heads=[1, 1, 1],
...           deps=["nsubj", "ROOT", "dobj"], pos=["PROPN", "VERB", "PROPN"],
...           tags=["NNP", "VBD", "NNP"], lemmas=["Ann", "praise", "Bob"])
>>> matcher = PatternMatcher(doc.vocab, load_patterns())
>>> [(h.name, h.subject.text, h.property, h.object.text, h.confidence) for h in matcher(doc)]
[('verb:praise-active', 'Bob', 'praisedBy', 'Ann', 0.85)]
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kg.errors import KgError

REL_OPS = frozenset(
    {">", "<", ">>", "<<", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--"}
    | {">+", ">-", ">++", ">--", "<+", "<-", "<++", "<--"}
)
OWN_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
HEDGE_DEPS = frozenset({"advmod", "aux", "amod", "mark"})
NEGATION_DEPS = frozenset({"det", "advmod"})
SLOTS = ("trigger", "prepositions", "particles", "nouns", "verbs")
ENTRY_KEYS = frozenset(
    {"name", "property", "subject", "object", "confidence", "shape", "pattern", "inherit"}
    | {*SLOTS, "employer", "realised_only"}
)


class PatternError(KgError):
    """A pattern file that cannot be used, naming the pattern at fault."""


@dataclass(frozen=True, slots=True)
class Inherit:
    """A role no node matches: the subject of the clause that ``clause`` hangs from."""

    node: str
    clause: str


@dataclass(frozen=True, slots=True)
class Pattern:
    """One named pattern, its ``@`` references filled in."""

    name: str
    property: str
    subject: str
    object: str
    confidence: float
    nodes: tuple[dict[str, Any], ...]
    inherit: Inherit | None = None
    employer: bool = False
    realised_only: bool = False

    @property
    def trigger(self) -> str:
        """The id of the first node, the word that states the relation."""
        return self.nodes[0]["RIGHT_ID"]

    @property
    def node_ids(self) -> tuple[str, ...]:
        return tuple(node["RIGHT_ID"] for node in self.nodes)


@dataclass(frozen=True, slots=True)
class PatternSet:
    """The patterns of a file and the word lists every match is checked against."""

    patterns: tuple[Pattern, ...]
    hedge_words: frozenset[str]
    hedge_factor: float
    negation_words: frozenset[str]
    unrealised_auxiliaries: frozenset[str]
    employer_nouns: frozenset[str]
    refusal_verbs: frozenset[str] = frozenset()
    unrealised_heads: frozenset[str] = frozenset()
    lexicons: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def words(self, *names: str) -> frozenset[str]:
        """The lower-cased words of the named lexicons, together (none for a missing one).

        >>> sorted(load_patterns().words("support-verbs"))[:2]
        ['back', 'champion']
        """
        return frozenset(w for name in names for w in self.lexicons.get(name, ()))

    def by_name(self, name: str) -> Pattern:
        """The pattern called ``name``.

        >>> load_patterns().by_name("verb:criticise-passive").property
        'criticisedBy'
        """
        for pattern in self.patterns:
            if pattern.name == name:
                return pattern
        raise KeyError(name)

    def negated(self, token: Token) -> bool:
        """``token`` is denied: "not"/"never" on a verb, "no" on a noun."""
        return any(
            child.dep_ == "neg"
            or (child.dep_ in NEGATION_DEPS and child.lower_ in self.negation_words)
            for child in token.children
        )

    def refused(self, token: Token) -> bool:
        """``token`` is the infinitive of a refusal: "declined to criticise", "failed to back"."""
        return token.dep_ == "xcomp" and token.head.lemma_ in self.refusal_verbs

    def hedged(self, token: Token, required: frozenset[int] = frozenset()) -> bool:
        """``token`` is reported at second hand or as a possibility (by a word that is
        not one of the ``required`` tokens of a pattern: "X should resign, says Y"
        asks for the "should"), or under a condition ("if he lied, X should resign")."""
        return any(
            (
                child.dep_ in HEDGE_DEPS
                and child.lower_ in self.hedge_words
                and child.i not in required
            )
            or (child.dep_ == "advcl" and self._conditional(child))
            for child in token.children
        )

    def _conditional(self, clause: Token) -> bool:
        """A clause of condition: "if he lied", "unless it pays"."""
        return any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children)

    def unrealised(self, token: Token) -> bool:
        """``token`` is still to come or only possible ("is to resign", "may quit",
        "considered taking action")."""
        if token.dep_ == "xcomp" and token.head.lemma_ in self.unrealised_heads:
            return True
        return any(
            child.dep_ == "aux" and child.lower_ in self.unrealised_auxiliaries
            for child in token.children
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """A pattern match that states a fact.

    ``subject`` or ``object`` is None when the pattern has no node for it: then it is
    the subject inherited by ``clause``'s clause, or (``pattern.employer``) the
    subject's employer.
    """

    pattern: Pattern
    trigger: Token
    subject: Token | None
    object: Token | None
    clause: Token | None
    confidence: float

    @property
    def name(self) -> str:
        return self.pattern.name

    @property
    def property(self) -> str:
        return self.pattern.property


# -- loading and checking ---------------------------------------------------------


PATTERN_FILE = "patterns.json"
"""The pattern file's name, in ``kg/nlp/data/`` or a saved ``kg_relations`` folder."""


def default_pattern_file() -> Path:
    """The pattern file shipped with kg."""
    return Path(str(resources.files("kg.nlp").joinpath("data", PATTERN_FILE)))


def load_patterns(path: Path | None = None) -> PatternSet:
    """Read and check a pattern file (by default kg's own); raise PatternError if bad."""
    path = path or default_pattern_file()
    return parse_patterns(_read_file(path), path.name)


def patterns_from_bytes(raw: bytes, name: str = PATTERN_FILE) -> PatternSet:
    """Check and read a pattern file's raw bytes (``name`` is for messages)."""
    return parse_patterns(_parse_json(raw, name), name)


def parse_patterns(data: dict[str, Any], name: str) -> PatternSet:
    """Check and read a pattern file's JSON object; raise PatternError if bad."""
    lexicons = _lexicons(data)
    shapes = data.get("shapes", {})
    entries = data.get("patterns")
    _require(isinstance(shapes, dict), f"{name}: 'shapes' must be an object")
    _require(
        isinstance(entries, list) and len(entries) > 0,
        f"{name}: 'patterns' must be a non-empty list",
    )
    patterns = tuple(_parse_entry(entry, i, shapes, lexicons) for i, entry in enumerate(entries))
    _check_unique_names(patterns)
    return PatternSet(
        patterns=patterns,
        hedge_words=_word_set(data, "hedge_words"),
        hedge_factor=_hedge_factor(data),
        negation_words=_word_set(data, "negation_words"),
        unrealised_auxiliaries=_word_set(data, "unrealised_auxiliaries"),
        employer_nouns=_word_set(data, "employer_nouns"),
        refusal_verbs=_word_set(data, "refusal_verbs"),
        unrealised_heads=_word_set(data, "unrealised_heads"),
        lexicons={k: frozenset(w.lower() for w in v) for k, v in lexicons.items()},
    )


def lexicon_words(*names: str, path: Path | None = None) -> frozenset[str]:
    """The words of the pattern file's named lexicons, lower-cased, together.

    >>> sorted(lexicon_words("kill-verbs"))[:3]
    ['assassinate', 'execute', 'kill']
    """
    lexicons = _lexicons(_read_file(path or default_pattern_file()))
    for name in names:
        _require(name in lexicons, f"no lexicon {name!r} in the pattern file")
    return frozenset(w.lower() for name in names for w in lexicons[name])


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise PatternError(message)


def _check(name: str, condition: bool, message: str) -> None:
    """Raise PatternError naming pattern ``name`` unless ``condition`` holds."""
    _require(condition, f"pattern {name!r}: {message}")


def _read_file(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PatternError(f"cannot read pattern file {path}: {exc}") from None
    return _parse_json(raw, path.name, path)


def _parse_json(raw: bytes, name: str, path: Path | str | None = None) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PatternError(f"cannot read pattern file {path or name}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise PatternError(f"pattern file {name} is not JSON: {exc}") from None
    _require(isinstance(data, dict), f"pattern file {name} must hold a JSON object")
    return data


def _is_words(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(w, str) and w for w in value)


def _lexicons(data: dict[str, Any]) -> dict[str, list[str]]:
    lexicons = data.get("lexicons", {})
    _require(isinstance(lexicons, dict), "'lexicons' must be an object")
    for name, words in lexicons.items():
        _require(_is_words(words), f"lexicon {name!r} must be a list of words")
    return lexicons


def _word_set(data: dict[str, Any], key: str) -> frozenset[str]:
    words = data.get(key, [])
    _require(_is_words(words), f"{key!r} must be a list of words")
    return frozenset(w.lower() for w in words)


def _hedge_factor(data: dict[str, Any]) -> float:
    factor = data.get("hedge_factor", 1.0)
    _require(
        isinstance(factor, int | float) and 0 < factor <= 1,
        "'hedge_factor' must be a number in (0, 1]",
    )
    return float(factor)


def _check_unique_names(patterns: tuple[Pattern, ...]) -> None:
    seen: set[str] = set()
    for pattern in patterns:
        _require(pattern.name not in seen, f"pattern {pattern.name!r} is defined twice")
        seen.add(pattern.name)


def _parse_entry(
    entry: Any, index: int, shapes: dict[str, Any], lexicons: dict[str, list[str]]
) -> Pattern:
    """One entry of the file as a checked Pattern."""
    _require(isinstance(entry, dict), f"pattern #{index + 1} must be an object")
    name = entry.get("name")
    _require(isinstance(name, str) and name != "", f"pattern #{index + 1} has no 'name'")
    unknown = sorted(set(entry) - ENTRY_KEYS)
    _check(name, not unknown, f"unknown field(s) {', '.join(unknown)}")
    prop, confidence = entry.get("property"), entry.get("confidence")
    _check(name, isinstance(prop, str) and prop != "", "'property' must be a property name")
    _check(
        name,
        isinstance(confidence, int | float) and 0 < confidence <= 1,
        "'confidence' must be a number in (0, 1]",
    )
    source = _pattern_source(name, entry, shapes)
    fills = {slot: _slot_words(name, entry, slot, lexicons) for slot in SLOTS}
    nodes = _fill(name, source["pattern"], fills, lexicons)
    _check_nodes(name, nodes)
    pattern = Pattern(
        name=name,
        property=prop,
        subject=entry.get("subject"),
        object=entry.get("object"),
        confidence=float(confidence),
        nodes=tuple(nodes),
        inherit=_inherit(name, entry.get("inherit", source.get("inherit"))),
        employer=entry.get("employer", False) is True,
        realised_only=entry.get("realised_only", False) is True,
    )
    _check_roles(pattern)
    return pattern


def _pattern_source(name: str, entry: dict[str, Any], shapes: dict[str, Any]) -> dict[str, Any]:
    """The entry itself (an inline ``pattern``) or the shape it names."""
    _check(name, ("shape" in entry) != ("pattern" in entry), "give 'shape' or 'pattern'")
    if "pattern" in entry:
        return entry
    shape = shapes.get(entry["shape"])
    _check(name, isinstance(shape, dict), f"unknown shape {entry['shape']!r}")
    _check(name, "pattern" in shape, f"shape {entry['shape']!r} has no 'pattern'")
    return shape


def _slot_words(
    name: str, entry: dict[str, Any], slot: str, lexicons: dict[str, list[str]]
) -> list[str] | None:
    """The words an entry puts in ``@slot``: a lexicon's name or a list of words."""
    value = entry.get(slot)
    if value is None or _is_words(value):
        return value
    _check(name, isinstance(value, str), f"'{slot}' must be a lexicon name or a list of words")
    _check(name, value in lexicons, f"unknown lexicon {value!r} in '{slot}'")
    return lexicons[value]


def _fill(
    name: str, value: Any, fills: dict[str, list[str] | None], lexicons: dict[str, list[str]]
) -> Any:
    """``value`` with every ``"@word"`` string replaced by its slot's or lexicon's words.

    >>> _fill("demo", {"LEMMA": {"IN": "@trigger"}}, {"trigger": ["praise"]}, {})
    {'LEMMA': {'IN': ['praise']}}
    """
    if isinstance(value, dict):
        return {key: _fill(name, v, fills, lexicons) for key, v in value.items()}
    if isinstance(value, list):
        return [_fill(name, v, fills, lexicons) for v in value]
    if not (isinstance(value, str) and value.startswith("@")):
        return value
    ref = value[1:]
    if ref in fills:
        _check(name, fills[ref] is not None, f"it uses {value} but gives no '{ref}'")
        return fills[ref]
    _check(name, ref in lexicons, f"unknown lexicon {value}")
    return lexicons[ref]


def _check_nodes(name: str, nodes: Any) -> None:
    """The checks spaCy makes on a DependencyMatcher pattern, as one-line errors."""
    _check(name, isinstance(nodes, list) and len(nodes) > 0, "'pattern' must list nodes")
    seen: set[str] = set()
    for position, node in enumerate(nodes):
        _check(name, isinstance(node, dict), f"node #{position + 1} must be an object")
        node_id = node.get("RIGHT_ID")
        _check(name, isinstance(node_id, str), f"node #{position + 1} has no RIGHT_ID")
        _check(name, node_id not in seen, f"node {node_id!r} is defined twice")
        expected = {"RIGHT_ID", "RIGHT_ATTRS"} | ({"LEFT_ID", "REL_OP"} if position else set())
        keys = ", ".join(sorted(expected))
        _check(name, set(node) == expected, f"node {node_id!r} must have the keys {keys}")
        if position:
            _check(name, node["LEFT_ID"] in seen, f"node {node_id!r}: LEFT_ID is no earlier node")
            _check(name, node["REL_OP"] in REL_OPS, f"node {node_id!r}: unknown REL_OP")
        _check_attrs(name, node_id, node["RIGHT_ATTRS"])
        seen.add(node_id)


def _check_attrs(name: str, node_id: str, attrs: Any) -> None:
    """RIGHT_ATTRS is a valid token pattern without an operator."""
    _check(name, isinstance(attrs, dict), f"node {node_id!r}: RIGHT_ATTRS must be an object")
    problems = [
        re.sub(r"^\[pattern -> 0 -> (.*?)\] ", r"\1: ", problem)
        for problem in validate_token_pattern([attrs])
    ]
    _check(name, not problems, f"node {node_id!r}: {'; '.join(problems)}")
    _check(name, "OP" not in attrs, f"node {node_id!r}: OP is not allowed")


def _inherit(name: str, value: Any) -> Inherit | None:
    if value is None:
        return None
    _check(
        name,
        isinstance(value, dict) and set(value) == {"node", "clause"},
        '\'inherit\' must be {"node": ..., "clause": ...}',
    )
    return Inherit(value["node"], value["clause"])


def _check_roles(pattern: Pattern) -> None:
    """Subject and object are nodes, or a role inherited from a clause, or the employer."""
    name, nodes, inherit = pattern.name, pattern.node_ids, pattern.inherit
    roles = (pattern.subject, pattern.object)
    _check(name, all(isinstance(r, str) for r in roles), "'subject', 'object' must be node ids")
    _check(name, pattern.subject != pattern.object, "'subject' and 'object' must differ")
    covered = {pattern.object} if pattern.employer else set()
    if inherit is not None:
        _check(name, inherit.clause in nodes, f"inherit: no node {inherit.clause!r}")
        _check(name, inherit.node in roles, f"inherit: {inherit.node!r} is neither role")
        _check(name, inherit.node not in nodes, f"inherit: {inherit.node!r} is a pattern node")
        covered.add(inherit.node)
    missing = [repr(role) for role in roles if role not in nodes and role not in covered]
    _check(name, not missing, f"no node {', '.join(missing)}")


# -- matching ---------------------------------------------------------------------


class PatternMatcher:
    """spaCy DependencyMatchers over a PatternSet; calling one gives a Doc's hits.

    A DependencyMatcher first matches every node of every pattern against every
    token, which over a whole article costs more than the parse. So the patterns are
    split by the lemmas their trigger asks for, one matcher each, and a sentence
    meets only the matchers whose trigger lemmas it holds.
    """

    def __init__(self, vocab: Vocab, patterns: PatternSet) -> None:
        self.patterns = patterns
        self._by_key: dict[int, tuple[int, Pattern]] = {}
        self._matchers: dict[frozenset[str] | None, DependencyMatcher] = {}
        for order, pattern in enumerate(patterns.patterns):
            lemmas = _trigger_lemmas(pattern)
            if lemmas not in self._matchers:
                self._matchers[lemmas] = DependencyMatcher(vocab, validate=True)
            _add(self._matchers[lemmas], pattern)
            self._by_key[vocab.strings[pattern.name]] = (order, pattern)
        self._by_lemma: dict[str, list[DependencyMatcher]] = {}
        for lemmas, matcher in self._matchers.items():
            for lemma in lemmas or ():
                self._by_lemma.setdefault(lemma, []).append(matcher)

    def __call__(self, doc: Doc) -> list[Hit]:
        """Every hit in ``doc``, by trigger position and then file order."""
        if not doc.has_annotation("DEP"):
            return []
        found = [row for sent in doc.sents for row in self._sentence_hits(doc, sent)]
        return [hit for *_, hit in sorted(found, key=lambda row: row[:3])]

    def _sentence_hits(self, doc: Doc, sent: Span) -> list[tuple[int, int, list[int], Hit]]:
        """The hits in one sentence, each with what orders it."""
        matchers = self._matchers_for(sent)
        sentence = sent.as_doc() if matchers else None
        found = []
        for matcher in matchers:
            for key, token_ids in matcher(sentence):
                order, pattern = self._by_key[key]
                ids = [sent.start + i for i in token_ids]
                tokens = {node: doc[i] for node, i in zip(pattern.node_ids, ids, strict=True)}
                hit = self._hit(pattern, tokens)
                if hit is not None:
                    found.append((hit.trigger.i, order, ids, hit))
        return found

    def _matchers_for(self, sent: Span) -> list[DependencyMatcher]:
        """The matchers whose trigger takes a lemma of ``sent``, or any lemma."""
        wanted = {id(m): m for t in sent for m in self._by_lemma.get(t.lemma_, ())}
        if None in self._matchers:
            wanted[id(self._matchers[None])] = self._matchers[None]
        return list(wanted.values())

    def _hit(self, pattern: Pattern, tokens: dict[str, Token]) -> Hit | None:
        """The hit a match makes, or None if it is negated, unrealised or not its turn."""
        words = self.patterns
        trigger = tokens[pattern.trigger]
        stating = [t for node, t in tokens.items() if node not in (pattern.subject, pattern.object)]
        if any(words.negated(t) or words.refused(t) for t in stating):
            return None
        if pattern.realised_only and words.unrealised(trigger):
            return None
        clause = tokens[pattern.inherit.clause] if pattern.inherit else None
        if clause is not None and any(c.dep_ in OWN_SUBJECT_DEPS for c in clause.children):
            return None  # the clause has its own subject: a pattern with that node applies
        required = frozenset(t.i for t in tokens.values())
        hedged = any(words.hedged(t, required) for t in stating)
        confidence = round(pattern.confidence * (words.hedge_factor if hedged else 1.0), 2)
        return Hit(
            pattern,
            trigger,
            tokens.get(pattern.subject),
            tokens.get(pattern.object),
            clause,
            confidence,
        )


def _add(matcher: DependencyMatcher, pattern: Pattern) -> None:
    """Add ``pattern`` to ``matcher``, any complaint of spaCy's named by the pattern."""
    try:
        matcher.add(pattern.name, [list(pattern.nodes)])
    except ValueError as exc:
        message = " ".join(str(exc).split())
        raise PatternError(f"pattern {pattern.name!r}: {message}") from None


def _trigger_lemmas(pattern: Pattern) -> frozenset[str] | None:
    """The lemmas the trigger node asks for, or None if it takes any lemma.

    >>> _trigger_lemmas(load_patterns().by_name("verb:pay-tribute"))
    frozenset({'pay'})
    """
    wanted = pattern.nodes[0]["RIGHT_ATTRS"].get("LEMMA")
    if isinstance(wanted, str):
        return frozenset({wanted})
    if isinstance(wanted, dict) and set(wanted) == {"IN"}:
        return frozenset(wanted["IN"])
    return None
