"""Resolution: the extractions of a build become one :class:`~kg.records.Corpus`, one node
per entity across articles (``resolver``), steered by user merge rules (``rules``), after
a vote gives a name typed two ways across the build one type (``types``)."""
