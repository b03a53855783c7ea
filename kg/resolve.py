"""Merge the extractions of a build into one :class:`Corpus`: one node per entity.

Entities of different articles are the same node when they have the same type and
the same normalised label, or when one article's label is another's alias and no
other node claims it (a surname alone never merges with two people). Each node
gets a stable, readable IRI slug: ``person/cressida-dick``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.records import (
    AttributedQuote,
    Corpus,
    DocumentExtraction,
    DocumentInfo,
    Evidence,
    Fact,
    Node,
)

MAX_SLUG = 60


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


def _norm(name: str) -> str:
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    return " ".join(re.sub(r"['’]s$", "", name).lower().split())


def resolve(extractions: Iterable[DocumentExtraction], min_confidence: float = 0.0) -> Corpus:
    """Merge per-article extractions into a corpus of nodes and facts."""
    extractions = sorted(extractions, key=lambda x: x.doc_id)
    groups: dict[tuple[str, str], dict] = {}
    alias_index: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    local: dict[tuple[str, str], tuple[str, str]] = {}  # (doc, entity key) -> group id
    for ext in extractions:
        for ent in ext.entities:
            gid = _group_for(ent.type, ent.label, groups, alias_index)
            group = groups.setdefault(
                gid, {"type": ent.type, "labels": set(), "aliases": set(), "docs": set()}
            )
            group["labels"].add(ent.label)
            group["aliases"].update(ent.aliases)
            group["docs"].add(ext.doc_id)
            for name in (ent.label, *ent.aliases):
                alias_index[(ent.type, _norm(name))].add(gid)
            local[(ext.doc_id, ent.key)] = gid
    slugs = _assign_slugs(groups)
    nodes = []
    for gid, group in groups.items():
        label = _best_label(group["labels"])
        aliases = sorted((group["labels"] | group["aliases"]) - {label})
        nodes.append(
            Node(slugs[gid], label, group["type"], tuple(aliases), tuple(sorted(group["docs"])))
        )
    facts = _facts(extractions, local, slugs, min_confidence)
    quotes = tuple(
        sorted(
            (
                AttributedQuote(
                    slugs[local[(ext.doc_id, q.speaker)]], q.text, ext.doc_id, q.start, q.end
                )
                for ext in extractions
                for q in ext.quotes
            ),
            key=lambda q: (q.doc_id, q.start),
        )
    )
    roles = {f.predicate: f.title for f in facts if f.title}
    documents = tuple(DocumentInfo(x.doc_id, x.source, x.title) for x in extractions)
    return Corpus(
        documents,
        tuple(sorted(nodes, key=lambda n: n.slug)),
        facts,
        quotes,
        dict(sorted(roles.items())),
    )


def _group_for(etype: str, label: str, groups, alias_index) -> tuple[str, str]:
    gid = (etype, _norm(label))
    if gid in groups:
        return gid
    claimed = alias_index.get((etype, _norm(label)), set())
    if len(claimed) == 1:
        return next(iter(claimed))
    return gid


def _best_label(labels: set[str]) -> str:
    return sorted(labels, key=lambda n: (-len(n.split()), -len(n), n))[0]


def _assign_slugs(groups: dict) -> dict[tuple[str, str], str]:
    by_slug: dict[str, list] = defaultdict(list)
    for gid, group in groups.items():
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


def _facts(extractions, local, slugs, min_confidence: float) -> tuple[Fact, ...]:
    evidence: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    titles: dict[tuple[str, str, str], str] = {}
    for ext in extractions:
        for rel in ext.relations:
            if rel.evidence.confidence < min_confidence:
                continue
            key = (
                slugs[local[(ext.doc_id, rel.subject)]],
                rel.predicate,
                slugs[local[(ext.doc_id, rel.object)]],
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
