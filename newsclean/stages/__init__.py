"""The stages of one extraction, in the order a page flows through them.

decode (bytes -> str) -> parse (str -> one lxml tree) -> metadata (read-only) ->
images (read-only) -> content (prune the tree, trafilatura, blocks) -> cleaning (text
rules) -> :mod:`newsclean.pipeline` assembles the :class:`~newsclean.Article`.
"""
