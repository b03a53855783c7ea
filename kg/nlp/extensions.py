"""Every Doc extension kg sets, registered in one place and only once."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = ("kg_roles", "kg_clusters", "kg_quotes", "kg_relations")
"""``doc._.kg_roles`` (RoleMention list), ``doc._.kg_clusters`` (Cluster list),
``doc._.kg_quotes`` (QuoteMention list), ``doc._.kg_relations`` (RelationMention list)."""


def register_extensions() -> None:
    """Register kg's Doc extensions (idempotent; call from component factories)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
