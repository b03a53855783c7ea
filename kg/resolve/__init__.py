"""Resolution: the extractions of a build become one :class:`~kg.records.Corpus`, one node
per entity across articles (``resolver``), steered by user merge rules (``rules``)."""
