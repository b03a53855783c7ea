"""Merge the extractions of a build into one :class:`Corpus`: one node per entity.

Entities of different articles (never of different types) become one node by these
links, made in this order. Before them, a name typed two ways across the build takes
one type where the articles clearly agree (:mod:`kg.resolve.types`): "Yukos" a person
in one article and an organisation in 26 is an organisation.

1. ``always`` rules of a rules file (:mod:`kg.resolve.rules`): the entities of the
   rule's two names are one node.
2. Same name: entities with the same normalised label (case, a leading "the" and a
   possessive "'s" ignored) are one node.
3. A person's short name (one word, titles aside: "Blair", "Mr Brown") is decided
   article by article. It joins a full name that lists it as an alias only when
   exactly one candidate is plausible. With one candidate ("Tony Blair" alone
   lists "Blair"): in the same article, or sharing a fact with it (the same
   property to the same entity, e.g. ``chancellorOf`` Treasury), or sharing at
   least :data:`MIN_SHARED_COMENTIONS` co-mentioned people or organisations (places
   are shared by too many unrelated articles). With several ("Brown" for Gordon
   Brown and for Nick Brown): the one candidate that alone shares a fact, or else
   alone shares co-mentions (that many at least). Otherwise it stays a node of its
   own, whatever the order of the articles: a wrong merge is worse than a missing
   one.
4. Alias, for every other name: an entity whose label other entities list as an
   alias joins them when only one name of the whole build claims that alias ("EU"
   joins "European Union"). An organisation's short name is not guessed from
   context: "Fiat", listed by "Fiat Auto" and "Fiat Powertrain", is more often the
   parent of both.

5. Country prefix: an organisation named with a country or nationality first ("US
   Federal Reserve", "British Fennick Trust") is the organisation of the rest of its
   name ("Federal Reserve") when the build has that name and the rest is two words or
   more ("US Open" never becomes an "Open").

In 3 and 4 a name must also be claimed in at least as many articles as use it on
its own: "BMW", the label of six articles, does not become the "BMW X5" of one
article that called it "BMW".

Two guards hold for every link: a ``never`` rule keeps its names apart, and two
different full names (two words or more, titles aside) are one node only when an
article gave one as the other's alias or an ``always`` rule says so, so they never
join through a chain of shared aliases. Every choice is made in sorted order, so
neither the order of the input nor the hash seed changes the result.

Each node made of several article entities gets a :class:`~kg.records.Merge` in
``Corpus.merges``: its members (document and name as written) and the reason for
every link; :func:`merge_report` renders them for :data:`MERGES_FILE`. Each node gets
a stable, readable IRI slug: ``person/cressida-dick``.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from kg.escapes import escape_chars
from kg.names import clean_name, normalise_name
from kg.records import (
    AttributedQuote,
    Corpus,
    DocumentExtraction,
    DocumentInfo,
    Entity,
    Evidence,
    Fact,
    Merge,
    Node,
)
from kg.resolve.rules import MergeRule, MergeRules
from kg.resolve.types import TypeCues, vote_types

MIN_PREFIXED_WORDS = 2
"""Words an organisation's name must keep once its country prefix is gone."""

MAX_SLUG = 60
MERGES_FILE = "merges.jsonl"
"""The file of a build's output folder that :func:`merge_report` is written to."""
MAX_LISTED_DOCS = 10
"""A reason names at most this many documents (``Merge.members`` has them all)."""
MIN_SHARED_COMENTIONS = 2
"""Co-mentioned people or organisations a short name must share with its candidate."""
TITLES = frozenset("mr mrs ms miss mx dr sir dame lord lady prof professor rev reverend".split())
"""Words that do not count towards a full name ("Mr Brown" is a short name)."""

_norm = normalise_name


def slugify(text: str) -> str:
    """A lower-case ASCII slug of ``text``; a short hash when nothing is left.

    >>> slugify("Cressida Dick")
    'cressida-dick'
    >>> slugify("Société Générale")
    'societe-generale'
    >>> slugify("東京")[:2]
    'x-'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    return slug or "x-" + _digest(text)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def resolve(
    extractions: Iterable[DocumentExtraction],
    min_confidence: float = 0.0,
    rules: MergeRules | None = None,
    country_words: frozenset[str] | None = None,
    type_cues: TypeCues | None = None,
) -> Corpus:
    """Merge per-article extractions into a corpus of nodes and facts.

    ``rules`` (from :func:`kg.resolve.rules.read_merge_rules`) keep names apart or
    merge them; facts under ``min_confidence`` are dropped (and decide no merge).
    ``country_words``: lower-case country names, aliases and demonyms that may open
    an organisation's name (default: kg's lexicon, :func:`country_prefixes`).
    ``type_cues``: what the type vote reads (default: kg's lexicon; see
    :mod:`kg.resolve.types`).
    """
    extractions, retypes = vote_types(extractions, type_cues or TypeCues.from_lexicon())
    items = sorted(
        (_Item.of(ext.doc_id, ent) for ext in extractions for ent in ext.entities),
        key=lambda it: (it.doc, it.key, it.type, it.label, it.aliases),
    )
    index = {(it.doc, it.key): i for i, it in enumerate(items)}
    merger = _Merger(items, extractions, index, min_confidence)
    merger.notes += [(index[(r.doc_id, r.key)], r.reason) for r in retypes]
    merger.run(rules or MergeRules())
    merger.join_country_prefixes(country_prefixes() if country_words is None else country_words)

    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        components[merger.find(i)].append(i)
    groups = _component_groups(items, components)
    slugs = _assign_slugs(groups)
    slug_of = {group["root"]: slugs[gid] for gid, group in groups.items()}
    local = {key: slug_of[merger.find(i)] for key, i in index.items()}

    nodes, merges = [], []
    reasons = merger.reasons_by_root()
    for gid, group in groups.items():
        label = _best_label(group["labels"])
        aliases = sorted((group["labels"] | group["aliases"]) - {label})
        slug = slugs[gid]
        nodes.append(Node(slug, label, group["type"], tuple(aliases), tuple(sorted(group["docs"]))))
        members = group["members"]
        if len(members) > 1 or group["root"] in reasons:  # a retype alone has a reason
            written = tuple(sorted({(items[i].doc, items[i].label) for i in members}))
            merges.append(
                Merge(slug, label, group["type"], written, reasons.get(group["root"], ()))
            )
    facts = _facts(extractions, local, min_confidence)
    quotes = tuple(
        sorted(
            (
                AttributedQuote(local[(ext.doc_id, q.speaker)], q.text, ext.doc_id, q.start, q.end)
                for ext in extractions
                for q in ext.quotes
            ),
            key=lambda q: (q.doc_id, q.start),
        )
    )
    roles = {f.predicate: f.title for f in facts if f.title}
    documents = tuple(
        DocumentInfo(x.doc_id, x.source, x.title, x.url, x.published, x.publisher, x.content_hash)
        for x in extractions
    )
    return Corpus(
        documents,
        tuple(sorted(nodes, key=lambda n: n.slug)),
        facts,
        quotes,
        dict(sorted(roles.items())),
        tuple(sorted(merges, key=lambda m: m.slug)),
    )


def merge_report(corpus: Corpus) -> str:
    """The text of :data:`MERGES_FILE`: one JSON object a line per merged node.

    Lines are sorted by node slug; keys are ``node`` (the slug), ``label``, ``type``,
    ``members`` (``[doc_id, name as the article wrote it]`` pairs) and ``reasons``
    (one sentence per link, starting with its kind: ``always-merge rule, FILE:LINE:``,
    ``same name:``, ``alias:``, ``context:``, ``country prefix:`` or ``type vote:``,
    which retypes an entity and may be a node's only reason). Non-ASCII stays readable; U+0085,
    U+2028 and U+2029 are escaped so that every reader sees one merge a line.

    >>> m = Merge("person/tony-blair", "Tony Blair", "Person",
    ...           (("a", "Tony Blair"), ("b", "Blair")),
    ...           ('alias: "Blair" (b) is an alias of "Tony Blair" (a)',))
    >>> print(merge_report(Corpus(merges=(m,))), end="")
    {"node": "person/tony-blair", "label": "Tony Blair", "type": "Person", "members": [["a", "Tony Blair"], ["b", "Blair"]], "reasons": ["alias: \\"Blair\\" (b) is an alias of \\"Tony Blair\\" (a)"]}
    """  # noqa: E501
    return "".join(
        escape_chars(
            json.dumps(
                {
                    "node": m.slug,
                    "label": m.label,
                    "type": m.type,
                    "members": [list(member) for member in m.members],
                    "reasons": list(m.reasons),
                },
                ensure_ascii=False,
            ),
        )
        + "\n"
        for m in sorted(corpus.merges, key=lambda m: m.slug)
    )


# ---- the entities and the links between them ------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """One entity of one article, with its names normalised."""

    doc: str
    key: str
    label: str
    type: str
    aliases: tuple[str, ...]
    lkey: str
    alias_keys: frozenset[str]

    @classmethod
    def of(cls, doc: str, ent: Entity) -> _Item:
        label, aliases = clean_name(ent.label), tuple(map(clean_name, ent.aliases))
        lkey = _norm(label)
        alias_keys = frozenset(k for k in map(_norm, aliases) if k and k != lkey)
        return cls(doc, ent.key, label, ent.type, aliases, lkey, alias_keys)


def _is_full(key: str) -> bool:
    """Two words or more, titles aside: "gordon brown" but not "mr brown"."""
    return len([w for w in key.split() if w.strip(".") not in TITLES]) >= 2


_Outcome = Literal["joined", "same", "refused"]


class _Merger:
    """Union-find over the entities of a build, guarded by ``never`` rules and names."""

    def __init__(self, items, extractions, index, min_confidence: float) -> None:
        self.items: list[_Item] = items
        self.parent = list(range(len(items)))
        self.sides: list[set[tuple[int, int]]] = [set() for _ in items]
        self.full: list[set[str]] = [{it.lkey} if _is_full(it.lkey) else set() for it in items]
        self.notes: list[tuple[int, str]] = []
        self.groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, it in enumerate(items):
            self.groups[(it.type, it.lkey)].append(i)
        # an alias's claimants: the labels of the other names that list it
        self.claims: dict[tuple[str, str], set[str]] = defaultdict(set)
        # names that one article gave for one entity: label and each alias
        self.equiv: set[tuple[str, str, str]] = set()
        for it in items:
            for alias in it.alias_keys:
                self.claims[(it.type, alias)].add(it.lkey)
                self.equiv.add((it.type, *sorted((it.lkey, alias))))
        self.anchors: dict[tuple[str, str], list[int]] = {}  # per name, one entity per node
        self.profiles: dict[tuple[str, str], tuple[set, set, set[str]]] = {}
        self.facts, self.mentions, self.written = _context(
            items, extractions, index, min_confidence
        )

    # -- union-find

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, check_names: bool = True) -> _Outcome:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return "same"
        if any((rule, 1 - side) in self.sides[rb] for rule, side in self.sides[ra]):
            return "refused"
        etype = self.items[a].type
        if check_names and any(
            x != y and (etype, *sorted((x, y))) not in self.equiv
            for x in self.full[ra]
            for y in self.full[rb]
        ):
            return "refused"
        root, other = min(ra, rb), max(ra, rb)
        self.parent[other] = root
        self.sides[root] |= self.sides[other]
        self.full[root] |= self.full[other]
        return "joined"

    def join(self, ids: Sequence[int], check_names: bool = True) -> list[list[int]]:
        """Join ``ids`` into as few nodes as the guards allow; return the clusters."""
        clusters: list[list[int]] = []
        for i in ids:
            for cluster in clusters:
                if self.union(cluster[0], i, check_names) != "refused":
                    cluster.append(i)
                    break
            else:
                clusters.append([i])
        return clusters

    def reasons_by_root(self) -> dict[int, tuple[str, ...]]:
        reasons: dict[int, list[str]] = defaultdict(list)
        for i, text in self.notes:
            bucket = reasons[self.find(i)]
            if text not in bucket:
                bucket.append(text)
        return {root: tuple(texts) for root, texts in reasons.items()}

    # -- the passes

    def run(self, rules: MergeRules) -> None:
        types = sorted({it.type for it in self.items})
        for number, rule in enumerate(rules.never):
            for etype in filter(rule.applies_to, types):
                a, b = self._named(etype, rule.keys[0]), self._named(etype, rule.keys[1])
                for i in a - b:
                    self.sides[i].add((number, 0))
                for i in b - a:
                    self.sides[i].add((number, 1))
        for rule in rules.always:
            for etype in filter(rule.applies_to, types):
                self._always(rule, etype)
        for rule in rules.always:  # later links may join the names an always rule joined
            for etype in filter(rule.applies_to, types):
                self.equiv.add((etype, *sorted(rule.keys)))

        decided = self._decide_short_names()
        anchors = self.anchors
        for gid, ids in sorted(self.groups.items()):
            core = [i for i in ids if i not in decided]
            clusters = self.join(core)
            anchors[gid] = [c[0] for c in clusters]
            for cluster in clusters:
                if len(cluster) > 1:
                    self.notes.append((cluster[0], f"same name: {self._written(cluster)}"))
        left: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, (other, why) in sorted(decided.items()):
            it = self.items[i]
            targets = anchors[(it.type, other)] or self.groups[(it.type, other)]
            outcome = self.union(i, targets[0])
            if outcome == "joined":
                self.notes.append((i, why))
            elif outcome == "refused":
                left[(it.type, it.lkey)].append(i)
        for gid, ids in sorted(left.items()):  # back with the others of the same name
            for cluster in self.join(anchors[gid][:1] + ids):
                if len(cluster) > 1:
                    self.notes.append((cluster[0], f"same name: {self._written(cluster)}"))
        for etype, lkey in sorted(self.groups):
            claimants = self.claims.get((etype, lkey), set())
            if len(claimants) != 1 or self._short_person(etype, lkey):
                continue  # a short name of a person is decided article by article
            [other] = claimants
            if not self._claimed_enough(etype, other, lkey):
                continue
            # join the node of the entities that list the name, if they are one node
            listing = [i for i in self.groups[(etype, other)] if lkey in self.items[i].alias_keys]
            if len({self.find(i) for i in listing}) != 1:
                continue
            for anchor in anchors[(etype, lkey)] or self.groups[(etype, lkey)][:1]:
                if self.union(anchor, listing[0]) == "joined":
                    self.notes.append((anchor, self._alias_reason(anchor, other)))

    def join_country_prefixes(self, country_words: frozenset[str]) -> None:
        """Join "US Federal Reserve" to "Federal Reserve" (see the module docstring, 5)."""
        for etype, lkey in sorted(self.groups):
            if etype != "Organization":
                continue
            rest = strip_country(lkey, country_words)
            if rest == lkey or len(rest.split()) < MIN_PREFIXED_WORDS:
                continue
            if (etype, rest) not in self.groups:
                continue
            self.equiv.add((etype, *sorted((lkey, rest))))
            anchor = self.anchors[(etype, lkey)][0]
            target = self.anchors[(etype, rest)][0]
            if self.union(anchor, target) == "joined":
                self.notes.append(
                    (
                        anchor,
                        f"country prefix: {self._written(self.groups[(etype, lkey)])} is "
                        f"{self._written(self.groups[(etype, rest)])} with its country first",
                    )
                )

    def _label_docs(self, etype: str, lkey: str) -> int:
        """In how many articles an entity is labelled ``lkey``."""
        return len({self.items[i].doc for i in self.groups[(etype, lkey)]})

    def _claim_docs(self, etype: str, lkey: str, alias: str) -> int:
        """In how many articles an entity labelled ``lkey`` lists ``alias``."""
        return len(
            {
                self.items[i].doc
                for i in self.groups[(etype, lkey)]
                if alias in self.items[i].alias_keys
            }
        )

    def _named(self, etype: str, key: str) -> set[int]:
        """The entities a rule's name matches: by label, else by alias."""
        if (etype, key) in self.groups:
            return set(self.groups[(etype, key)])
        return {i for i, it in enumerate(self.items) if it.type == etype and key in it.alias_keys}

    def _always(self, rule: MergeRule, etype: str) -> None:
        a, b = self._named(etype, rule.keys[0]), self._named(etype, rule.keys[1])
        if not (a and b):
            return
        for cluster in self.join(sorted(a | b), check_names=False):
            if len(cluster) > 1:
                text = f"always-merge rule, {rule.where}: {self._written(cluster)}"
                self.notes.append((cluster[0], text))

    def _short_person(self, etype: str, lkey: str) -> bool:
        return etype == "Person" and not _is_full(lkey)

    def _claimed_enough(self, etype: str, other: str, lkey: str) -> bool:
        """Do as many articles list ``lkey`` as an alias of ``other`` as use it alone?

        "BMW", the label of six articles, is not the "BMW X5" of one.
        """
        return self._claim_docs(etype, other, lkey) >= self._label_docs(etype, lkey)

    def _decide_short_names(self) -> dict[int, tuple[str, str]]:
        """Per article, the full name a person's short name joins, and why."""
        decided = {}
        for etype, lkey in sorted(self.groups):
            claimants = sorted(self.claims.get((etype, lkey), ()))
            if not claimants or not self._short_person(etype, lkey):
                continue
            if len(claimants) == 1 and not self._claimed_enough(etype, claimants[0], lkey):
                continue
            for i in self.groups[(etype, lkey)]:
                choice = self._context_choice(i, claimants)
                if choice:
                    decided[i] = choice
        return decided

    def _context_choice(self, i: int, claimants: list[str]) -> tuple[str, str] | None:
        """The one claimant of a short name that its article's context makes plausible.

        One claimant: it must be in the same article, share a fact or share
        :data:`MIN_SHARED_COMENTIONS` co-mentioned entities. Several: exactly one may
        share a fact, or else exactly one may share co-mentions (that many at least).
        """
        it = self.items[i]
        ignore = {(it.type, it.lkey), *((it.type, c) for c in claimants)}
        own_facts = {f for f in self.facts[i] if f[2] not in ignore}
        own_mentions = self.mentions[it.doc] - ignore
        shared_facts: dict[str, set] = {}
        shared_mentions: dict[str, set] = {}
        for name in claimants:
            facts, mentions, docs = self._profile(it.type, name)
            if it.doc in docs:
                if len(claimants) == 1:
                    alias = self._alias_reason(i, name, [i])
                    return name, f"{alias}, in the same article"
                continue  # the article keeps it apart from its own mention of that name
            shared_facts[name] = own_facts & facts
            shared_mentions[name] = own_mentions & mentions
        by_fact = [n for n in claimants if shared_facts.get(n)]
        if len(by_fact) == 1:
            [name] = by_fact
            shared = sorted(shared_facts[name])
            role, predicate, other = shared[0]
            shown = f'"{self.written[(it.doc, other)]}"'
            fact = f"{predicate} {shown}" if role == "subject" else f"{shown} {predicate}"
            evidence = f"shares the fact {fact}"
            where = {
                self.items[m].doc
                for m in self.groups[(it.type, name)]
                if shared[0] in self.facts[m]
            }
        elif by_fact:
            return None
        else:
            plausible = [n for n in claimants if shared_mentions.get(n)]
            if len(plausible) != 1:
                return None
            [name] = plausible
            shared = sorted(shared_mentions[name])
            if len(shared) < MIN_SHARED_COMENTIONS:
                return None
            names = ", ".join(f'"{self.written[(it.doc, k)]}"' for k in shared[:4])
            evidence = f"is mentioned with {names}"
            where = {d for d in self._profile(it.type, name)[2] if self.mentions[d] & set(shared)}
        if len(claimants) == 1:
            return name, f"{self._alias_reason(i, name, [i])}; context: {evidence}"
        candidates = ", ".join(f'"{self._label_of(it.type, n)}"' for n in claimants)
        why = (
            f'context: "{it.label}" ({it.doc}) is "{self._label_of(it.type, name)}" '
            f"({_doc_list(where)}): the only candidate that {evidence}; "
            f"candidates {candidates}"
        )
        return name, why

    def _profile(self, etype: str, lkey: str) -> tuple[set, set, set[str]]:
        """The facts, co-mentioned names and documents of every entity named ``lkey``."""
        if (etype, lkey) not in self.profiles:
            members = self.groups[(etype, lkey)]
            docs = {self.items[m].doc for m in members}
            self.profiles[(etype, lkey)] = (
                set().union(*(self.facts[m] for m in members)),
                set().union(*(self.mentions[d] for d in docs)),
                docs,
            )
        return self.profiles[(etype, lkey)]

    # -- explanations

    def _written(self, ids: Sequence[int]) -> str:
        """``"Tony Blair" (a, b); "tony blair" (c)``: each name as written, and where."""
        docs: dict[str, list[str]] = {}
        for i in sorted(ids):
            docs.setdefault(self.items[i].label, []).append(self.items[i].doc)
        parts = [f'"{label}" ({_doc_list(d)})' for label, d in docs.items()]
        return (" and " if len(parts) == 2 else "; ").join(parts)

    def _alias_reason(self, anchor: int, other: str, same: list[int] | None = None) -> str:
        it = self.items[anchor]
        if same is None:
            group = self.groups[(it.type, it.lkey)]
            same = [i for i in group if self.find(i) == self.find(anchor)]
        listing = [i for i in self.groups[(it.type, other)] if it.lkey in self.items[i].alias_keys]
        return f"alias: {self._written(same)} is an alias of {self._written(listing)}"

    def _label_of(self, etype: str, lkey: str) -> str:
        return self.items[self.groups[(etype, lkey)][0]].label


def country_prefixes() -> frozenset[str]:
    """Country names, aliases and demonyms of kg's lexicon, lower-case ("us", "british")."""
    from kg.nlp.lexicon import load_lexicon

    lexicon = load_lexicon()
    return frozenset(lexicon.country_by_alias) | frozenset(lexicon.country_by_demonym)


def strip_country(lkey: str, country_words: frozenset[str]) -> str:
    """A normalised name without its leading country or nationality words.

    >>> strip_country("us federal reserve", frozenset({"us", "united states"}))
    'federal reserve'
    >>> strip_country("united states federal reserve", frozenset({"us", "united states"}))
    'federal reserve'
    """
    words = lkey.split()
    for n in range(min(3, len(words) - 1), 0, -1):
        if " ".join(words[:n]) in country_words:
            return " ".join(words[n:])
    return lkey


def _doc_list(docs: Iterable[str]) -> str:
    """Sorted document ids, at most :data:`MAX_LISTED_DOCS` of them.

    >>> _doc_list(["b", "a", "b"])
    'a, b'
    >>> _doc_list(f"d{i:02}" for i in range(12))
    'd00, d01, d02, d03, d04, d05, d06, d07, d08, d09 and 2 more'
    """
    docs = sorted(set(docs))
    shown = ", ".join(docs[:MAX_LISTED_DOCS])
    more = len(docs) - MAX_LISTED_DOCS
    return shown if more <= 0 else f"{shown} and {more} more"


def _context(items, extractions, index, min_confidence):
    """Per entity its facts, per document its entities: what context compares."""
    facts: list[set[tuple[str, str, tuple[str, str]]]] = [set() for _ in items]
    mentions: dict[str, set[tuple[str, str]]] = defaultdict(set)
    written: dict[tuple[str, tuple[str, str]], str] = {}
    for it in items:
        if it.type != "Place":  # "United States" or "London" is shared by too many articles
            mentions[it.doc].add((it.type, it.lkey))
        written.setdefault((it.doc, (it.type, it.lkey)), it.label)
    for ext in extractions:
        for rel in ext.relations:
            s, o = index.get((ext.doc_id, rel.subject)), index.get((ext.doc_id, rel.object))
            if s is None or o is None or rel.evidence.confidence < min_confidence:
                continue
            skey = (items[s].type, items[s].lkey)
            okey = (items[o].type, items[o].lkey)
            facts[s].add(("subject", rel.predicate, okey))
            facts[o].add(("object", rel.predicate, skey))
    return facts, mentions, written


# ---- nodes -----------------------------------------------------------------------------


def _component_groups(items: list[_Item], components: dict[int, list[int]]) -> dict:
    """One group per node, keyed (type, normalised best label) plus a tie-break."""
    draft = []
    for root, members in sorted(components.items()):
        labels = {items[i].label for i in members}
        aliases = {a for i in members for a in items[i].aliases}
        first = items[members[0]]
        draft.append(
            {
                "root": root,
                "members": members,
                "type": first.type,
                "labels": labels,
                "aliases": aliases,
                "docs": {items[i].doc for i in members},
                "name": _norm(_best_label(labels)),
                "first": f"{first.doc}\x00{first.key}",
            }
        )
    count = Counter((g["type"], g["name"]) for g in draft)
    groups = {}
    for g in draft:
        ident = g["name"] if count[(g["type"], g["name"])] == 1 else f"{g['name']}\x00{g['first']}"
        groups[(g["type"], ident)] = g
    return groups


def _best_label(labels: set[str]) -> str:
    return sorted(labels, key=lambda n: (-len(n.split()), -len(n), n))[0]


def _assign_slugs(groups: dict) -> dict[tuple[str, str], str]:
    by_slug: dict[str, list] = defaultdict(list)
    for gid, group in sorted(groups.items()):
        base = f"{group['type'].lower()}/{slugify(_best_label(group['labels']))}"
        by_slug[base].append(gid)
    slugs = {}
    for base, gids in by_slug.items():
        for gid in gids:
            # different names that slug alike get a hash of the name, never a shared IRI
            slugs[gid] = base if len(gids) == 1 else f"{base}-{_digest(gid[1])}"
    while True:  # a name can be made to slug like another's hashed slug: lengthen both
        taken = Counter(slugs.values())
        clashes = sorted(gid for gid, slug in slugs.items() if taken[slug] > 1)
        if not clashes:
            return slugs
        for gid in clashes:
            slugs[gid] += "-" + hashlib.sha1(gid[1].encode("utf-8")).hexdigest()


def _facts(extractions, local, min_confidence: float) -> tuple[Fact, ...]:
    evidence: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    titles: dict[tuple[str, str, str], str] = {}
    for ext in extractions:
        for rel in ext.relations:
            if rel.evidence.confidence < min_confidence:
                continue
            key = (
                local[(ext.doc_id, rel.subject)],
                rel.predicate,
                local[(ext.doc_id, rel.object)],
            )
            if key[0] == key[2]:
                continue
            ev = rel.evidence
            evidence[key].append(
                Evidence(ext.doc_id, ev.sentence, ev.start, ev.end, ev.rule, ev.confidence)
            )
            if rel.title:
                titles.setdefault(key, rel.title)
    return tuple(
        Fact(
            s,
            p,
            o,
            tuple(sorted(set(evs), key=lambda e: (e.doc_id, e.start, e.rule))),
            titles.get((s, p, o), ""),
        )
        for (s, p, o), evs in sorted(evidence.items())
    )
