"""Analysis of a networkx graph of nodes and facts, built once (``network.to_networkx``):
importance and communities (``network``), deterministic 2-D layouts (``layout``)."""
