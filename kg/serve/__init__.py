"""``kg serve``: the SPARQL endpoint (``server``), its query workers (``endpoint``) and its
offline query page (``page``)."""
