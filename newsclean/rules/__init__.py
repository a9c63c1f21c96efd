"""Extraction knowledge kept as data, apart from the code that applies it.

The vocabularies are TOML rule packs in ``packs/`` (``common.toml`` and one file per
language), read and checked once by :mod:`.packs`; the modules here build the compiled
objects the stages import from them:

- :mod:`.boilerplate`: named text rules (prompts, walls, "read more", ad labels, ...)
  shared by the HTML and the plain-text paths.
- :mod:`.dom`: class/id tokens and XPaths that mark non-article parts of a page.
- :mod:`.metadata`: where metadata lives in a page (meta names, JSON-LD types, byline words).
- :mod:`.captions`: how photo credits are written, in many languages.
- :mod:`.dates`, :mod:`.stopwords`, :mod:`.dumps`, :mod:`.pages`: month names, function
  words, dump headings, page kinds.
- :mod:`.languages`: stopwords and scripts for the offline language guess.
"""
