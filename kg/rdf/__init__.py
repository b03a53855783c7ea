"""RDF: the ontology and its vocabulary, the graph of a corpus, inference, SHACL shapes
and validation, and the ontology's human documentation."""
