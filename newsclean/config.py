"""Extraction settings: the one place that tunes how :func:`newsclean.extract` behaves."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsclean.stages.decode import MAX_BYTES


@dataclass(frozen=True)
class Config:
    """Options for one extraction. The defaults are what the fixtures and benchmarks use.

    - ``max_bytes``: larger inputs raise :class:`~newsclean.DocumentTooLargeError`.
    - ``disabled_rules``: names of text rules (see :mod:`newsclean.rules.boilerplate`) and
      of the built-in ``caption``, ``headline-repeat``, ``repeated-text`` checks to skip.
    - ``favor``: trafilatura's focus, ``"balanced"``, ``"precision"`` or ``"recall"``.
    - ``min_body_chars``: a page whose cleaned body is shorter is not an article.
    - ``require_article``: raise :class:`~newsclean.NoArticleError` for fronts, tag pages
      and error pages. Off, any page with main text is returned (for corpora of all kinds).
    """

    max_bytes: int = MAX_BYTES
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    favor: str = "balanced"
    min_body_chars: int = 150
    require_article: bool = True


DEFAULT_CONFIG = Config()
