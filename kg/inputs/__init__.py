"""Inputs: files, folders, JSON Lines and standard input become
:class:`~kg.records.Article` records.

``read`` expands and reads inputs, ``sniff`` recognises what a file holds (binary,
Latin-1, HTML), ``charrefs`` decodes HTML character references in plain text,
``sources`` names an article's source relative to the build's folder, ``dates``
normalises publication dates.
"""
