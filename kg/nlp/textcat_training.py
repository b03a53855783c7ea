"""What kg's two pair classifiers share when they are trained (``scripts/train_*``).

Both are spaCy text classifiers (bag of n-grams) over a compact text view of an
entity pair, trained on CPU with a fixed seed: the CoNLL04 relation model
(``scripts/train_relation_model.py``) and the news relation model
(``scripts/train_news_relations.py``).

>>> nlp = blank_classifier(["NONE", "worksFor"])
>>> nlp.get_pipe("textcat").labels
('NONE', 'worksFor')
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.training import Example

TEXTCAT_CONFIG = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": True,
        "length": 131072,
        "ngram_size": 3,
        "no_output_layer": False,
    }
}
"""The classifier: exclusive labels over uni-, bi- and trigrams of the pair's view."""
BATCH_SIZE = 32
DROPOUT = 0.2


def blank_classifier(labels: Iterable[str]) -> Language:
    """A blank English pipeline with one ``textcat`` holding ``labels``."""
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config=TEXTCAT_CONFIG)
    for label in labels:
        textcat.add_label(label)
    return nlp


def train_epochs(
    nlp: Language,
    examples: list[Example],
    epochs: int,
    rng: random.Random,
    report: Callable[[int, dict[str, float], Language], None] | None = None,
) -> Language:
    """Initialise on ``examples`` and train ``epochs`` shuffled passes in minibatches.

    ``report(epoch, losses, nlp)`` is called after each epoch.
    """
    nlp.initialize(lambda: examples)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for i in range(0, len(examples), BATCH_SIZE):
            nlp.update(examples[i : i + BATCH_SIZE], drop=DROPOUT, losses=losses)
        if report is not None:
            report(epoch + 1, losses, nlp)
    return nlp
