"""Analysis of a corpus as a networkx graph: importance and communities (``network``),
deterministic 2-D layouts (``layout``)."""
