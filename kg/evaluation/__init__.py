"""Evaluation: scores against gold facts (``gold``) and the CoNLL04 benchmark (``conll04``)."""
