"""Inputs: files, folders, JSON Lines and standard input become
:class:`~kg.records.Article` records.

``read`` expands and reads inputs, ``sniff`` recognises what a file holds (binary,
Latin-1, HTML), ``dates`` normalises publication dates.
"""
