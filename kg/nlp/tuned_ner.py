"""kg's fine-tuned NER, and ``kg_backup_ner``: the model's own NER where it is needed.

kg's NER weights (``scripts/train_ner.py``) are the small English model's ``ner``
fine-tuned on CoNLL04 train with news rehearsal; :func:`kg.nlp.build_pipeline` puts
them in the model's ``ner``. They read many names better (capitalised datelines,
people the model took for organisations, places it took for people) but forget some
the model knew ("the Met", names with letters of other scripts). ``kg_backup_ner``
keeps the model's original weights and runs them only on the sentences where a
proper noun is left outside every entity; its entities that overlap none of the
tuned ones are added. Running both recognisers on every sentence would cost another
NER pass (about 40 % of the model's time on short news sentences) for the same
scores; on two-fold cross-validation over the CoNLL04 train split the full union
scored entity F1 0.731 and 0.732, the tuned weights alone 0.723 and 0.723, the
original model 0.657 and 0.649.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import ensure_path, filter_spans, minibatch

from kg.nlp.component import DataComponent
from kg.nlp.lexicon import lexicon_from_files

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


@Language.factory("kg_backup_ner", assigns=["doc.ents"], requires=["doc.ents", "token.pos"])
def make_backup_ner(nlp: Language, name: str) -> BackupNer:
    """Create ``kg_backup_ner`` with a copy of the pipeline's ``ner`` as it is now.

    Add it before loading other weights into ``ner``; :func:`kg.nlp.build_pipeline`
    does.
    """
    ner = nlp.get_pipe("ner")
    config = {k: v for k, v in nlp.config["components"]["ner"].items() if k != "factory"}
    recognizer = nlp.create_pipe("ner", name=f"{name}_recognizer", config=config)
    recognizer.from_bytes(ner.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    return BackupNer(recognizer)


RECOGNIZER_DIR = "recognizer"


class BackupNer(DataComponent):
    """Add a second recogniser's entities in sentences with an unexplained proper noun."""

    known_words: frozenset[str]

    def __init__(self, recognizer) -> None:
        self.recognizer = recognizer

    def setup(self, files: Mapping[str, bytes]) -> None:
        """Read the lexicon's titles and honorifics: words that explain a proper noun."""
        lexicon = lexicon_from_files(files)
        self.known_words = lexicon.title_words | lexicon.honorifics

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the word lists and the recogniser's weights into the folder ``path``."""
        super().to_disk(path, exclude=exclude)
        self.recognizer.to_disk(ensure_path(path) / RECOGNIZER_DIR, exclude=["vocab"])

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> BackupNer:
        """Load what :meth:`to_disk` saved."""
        super().from_disk(path, exclude=exclude)
        self.recognizer.from_disk(ensure_path(path) / RECOGNIZER_DIR, exclude=["vocab"])
        return self

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Batched: the sentences of a batch of Docs go through the recogniser together."""
        self.ensure_initialized()
        for batch in minibatch(docs, size=batch_size):
            sentences = [
                (doc, sent)
                for doc in batch
                for sent in unexplained_sentences(doc, self.known_words)
            ]
            found = self.recognizer.pipe(_unread_all(sentences))
            extra: dict[int, list[Span]] = {}
            for (doc, sent), parsed in zip(sentences, found, strict=True):
                extra.setdefault(id(doc), []).extend(
                    Span(doc, sent.start + e.start, sent.start + e.end, label=e.label_)
                    for e in parsed.ents
                    if e.label_ in KEPT_LABELS
                )
            for doc in batch:
                if id(doc) in extra:
                    doc.ents = union(list(doc.ents), extra[id(doc)])
                yield doc


_ENTITY_ATTRS = frozenset({ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID})


def _unread_all(sentences: list[tuple[Doc, Span]]) -> Iterator[Doc]:
    """Each sentence as a Doc of its own, with no entity annotation (not even "outside").

    ``Span.as_doc`` alone re-reads the whole Doc for every sentence (its array and its
    entities): quadratic in a long article. The Doc is read once here, into a copy
    without entities, and each sentence is cut from that copy, in time linear in it.
    """
    bare: dict[int, tuple[Doc, list[int], object]] = {}
    for doc, sent in sentences:
        if id(doc) not in bare:
            bare[id(doc)] = _without_entities(doc)
        copy, head, array = bare[id(doc)]
        # as_doc rewrites the head column of its own rows only: sentences never overlap
        unread = copy[sent.start : sent.end].as_doc(array_head=head, array=array)
        unread.set_ents([], default="missing")
        yield unread


def _without_entities(doc: Doc) -> tuple[Doc, list[int], object]:
    """A copy of ``doc`` with every annotation but the entities; its attributes and array."""
    head = [attr for attr in doc._get_array_attrs() if attr not in _ENTITY_ATTRS]
    array = doc.to_array(head)
    copy = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    copy.from_array(head, array)
    copy.tensor = doc.tensor
    copy.user_hooks = doc.user_hooks
    copy.user_span_hooks = doc.user_span_hooks
    copy.user_token_hooks = doc.user_token_hooks
    copy.noun_chunks_iterator = doc.noun_chunks_iterator
    return copy, head, array


def unexplained_sentences(doc: Doc, known_words: frozenset[str] = frozenset()) -> list[Span]:
    """Sentences with a proper noun that no entity covers and ``known_words`` lack.

    >>> from spacy.lang.en import English
    >>> doc = English()("Ann saw the Met. It rained.")
    >>> for token, pos in zip(doc, "PROPN VERB DET PROPN PUNCT PRON VERB PUNCT".split()):
    ...     token.pos_ = pos
    >>> doc[0].is_sent_start, doc[5].is_sent_start = True, True
    >>> doc.ents = [Span(doc, 0, 1, "PERSON")]
    >>> [s.text for s in unexplained_sentences(doc)]
    ['Ann saw the Met.']
    """
    return [sent for sent in doc.sents if any(_unexplained(t, known_words) for t in sent)]


def _unexplained(token: Token, known: frozenset[str]) -> bool:
    """A proper noun outside every entity that is not a title or honorific ("Gov.")."""
    return (
        token.pos_ == "PROPN"
        and not token.ent_type_
        and len(token) > 1
        and not token.is_lower
        and any(c.isalpha() for c in token.text)
        and not any(c.isdigit() for c in token.text)
        and token.lower_.rstrip(".") not in known
    )


def union(preferred: list[Span], others: list[Span]) -> list[Span]:
    """``preferred`` spans, then each of ``others`` that overlaps none of them.

    >>> from spacy.lang.en import English
    >>> doc = English()("Mr Ahmed of Acme Corp met the Met")
    >>> tuned = [Span(doc, 3, 5, "ORG")]
    >>> own = [Span(doc, 1, 2, "PERSON"), Span(doc, 3, 4, "GPE"), Span(doc, 7, 8, "ORG")]
    >>> [(e.text, e.label_) for e in union(tuned, own)]
    [('Ahmed', 'PERSON'), ('Acme Corp', 'ORG'), ('Met', 'ORG')]
    """
    taken = {i for span in preferred for i in range(span.start, span.end)}
    kept = [s for s in others if not any(i in taken for i in range(s.start, s.end))]
    return filter_spans(preferred + kept)
