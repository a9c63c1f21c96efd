"""The stages of one extraction, one module each, in the order a page flows through them.

1 decode (bytes -> str) -> 2 parse (str -> one lxml tree) -> 3 metadata (read-only) ->
4 prune (furniture out, undo log) -> 5 images (figures, captions out of the tree) ->
6 body (trafilatura on the pruned tree -> blocks) -> 7 cleaning (text rules) ->
[safety net, in :mod:`newsclean.pipeline`] -> 8 gate (is it an article?) ->
9 article (the :class:`~newsclean.Article`; its language checked by :mod:`.language`).
:mod:`newsclean.pipeline` runs them; :mod:`newsclean.canonical` writes the JSON.
"""
