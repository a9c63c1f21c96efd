"""Named text rules for what is not the article. One rule set for HTML and plain text.

The rules are data: ``packs/common.toml`` defines each rule (its action, ``drop`` or
``end``, and the longest block it looks at), in the order they are tried, and the
language files (``packs/en.toml``, ``packs/de.toml``, ...) add their wordings. See
:mod:`newsclean.rules.packs` for the format. A rule matches one block (a paragraph, line
or list item) after whitespace normalisation, case-insensitively, and only when the block
is at most ``max_chars`` long: a long paragraph that merely mentions a newsletter is
article text.

Actions:
- ``drop``: remove the matching block.
- ``end``: the block opens a non-article region ("Read more:", a paywall prompt). Drop
  it and every following block up to the next real paragraph; when no real paragraph
  follows, the article has ended there.

``tests/test_rules.py`` checks that every rule is needed by a fixture.
"""

from __future__ import annotations

from newsclean.rules.packs import BUILTIN, Action, TextRule

__all__ = ["RULES", "Action", "TextRule"]

RULES: tuple[TextRule, ...] = BUILTIN.text_rules
