"""The offline, self-contained HTML page of a graph (``page``, with its ``assets``)."""
