"""The offline, self-contained HTML page of a graph: ``source`` reads what it shows from
the RDF graph or store, ``page`` draws it (with its ``assets``)."""
