"""Turn a processed spaCy Doc into plain records: the only reader of ``doc._.kg_*``."""

from __future__ import annotations

import hashlib
import re

from spacy.tokens import Doc

from kg.names import clean_name
from kg.nlp.sentences import sentence_of
from kg.records import Article, DocumentExtraction, Entity, Evidence, Mention, Quote, Relation


def extract(doc: Doc, article: Article) -> DocumentExtraction:
    """Records of one article from its Doc (run through kg's components)."""
    coref = doc._.kg_clusters
    keys = {key for key, c in coref.clusters.items() if c.names or c.canonical}
    entities = tuple(_entity(doc, coref.clusters[key]) for key in sorted(keys, key=_key_order))
    relations = _relations(doc, keys, article.doc_id)
    text = doc.text  # built anew at each access: once here
    quotes = tuple(
        Quote(q.speaker, text[q.start : q.end], q.start, q.end)
        for q in doc._.kg_quotes or []
        if q.speaker in keys
    )
    return DocumentExtraction(
        article.doc_id,
        article.source,
        article.title,
        len(text),
        entities,
        relations,
        quotes,
        url=article.url,
        published=article.published,
        publisher=article.publisher,
        content_hash=content_hash(article.text),
    )


def content_hash(text: str) -> str:
    """The SHA-256 of an article's text, as hex: how ``--update`` knows an article.

    >>> content_hash("Text.")[:12]
    'f06dce27b84e'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _key_order(key: str) -> int:
    return int(key[1:])


def _entity(doc: Doc, cluster) -> Entity:
    mentions = tuple(
        sorted(
            (
                Mention(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), doc[s:e].text, kind)
                for s, e, kind in cluster.mentions
            ),
            key=lambda m: (m.start, m.end, m.kind),
        )
    )
    label = clean_name(cluster.label)  # names are clean; a key or canonical name may not be
    aliases = tuple(sorted({n for n in map(clean_name, cluster.names) if n != label}))
    return Entity(cluster.key, label, cluster.type, aliases, mentions)


def _relations(doc: Doc, keys: set[str], doc_id: str) -> tuple[Relation, ...]:
    best: dict[tuple[str, str, str, int], Relation] = {}
    sentences = sentence_of(doc) if doc._.kg_relations else []
    for rel in doc._.kg_relations or []:
        if rel.subject not in keys or rel.object not in keys:
            continue
        sent = sentences[rel.token]
        text = sent.text
        # a sentence may begin with the closing mark of the quote before it
        lead = (
            len(text) - len(re.sub(r'^[\s"”]*(?=\S)', "", text))
            if re.match(r'^\s*["”]\s', text)
            else len(text) - len(text.lstrip())
        )
        start = sent.start_char + lead
        sentence = text[lead:].rstrip()
        evidence = Evidence(
            doc_id, sentence, start, start + len(sentence), rel.rule, float(rel.confidence)
        )
        candidate = Relation(rel.subject, rel.predicate, rel.object, evidence, rel.title)
        slot = (rel.subject, rel.predicate, rel.object, start)
        if slot not in best or candidate.evidence.confidence > best[slot].evidence.confidence:
            best[slot] = candidate
    return tuple(
        sorted(best.values(), key=lambda r: (r.evidence.start, r.subject, r.predicate, r.object))
    )
