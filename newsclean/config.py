"""Extraction settings: the one place that tunes how :func:`newsclean.extract` behaves.

A :class:`Config` is validated when it is built: a wrong type or an unknown value is the
caller's mistake and raises ``TypeError`` / ``ValueError`` there, never an
:class:`~newsclean.ExtractionError` later on some page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsclean.rules.packs import BUILTIN
from newsclean.stages.decode import MAX_BYTES

# The checks of the cleaning stage and the pipeline that are not text rules but can be
# switched off by name like one (``Config(disabled_rules=...)``): ``[checks]`` in
# ``rules/packs/common.toml`` (caption, headline-repeat, repeated-text, rescue-lead,
# leading-residue, trailing-residue).
BUILTIN_CHECKS: tuple[str, ...] = BUILTIN.check_names

RULE_NAMES: tuple[str, ...] = BUILTIN.rule_names
"""Every name ``disabled_rules`` accepts: the built-in text rules of
:mod:`newsclean.rules.boilerplate` followed by :data:`BUILTIN_CHECKS`. The one registry:
the cleaning stage and the tests read it; nothing else lists rule names."""

FAVOR_CHOICES: tuple[str, ...] = ("balanced", "precision", "recall")
# A long live blog has some 20,000 elements; 100,000 is about 15 s of CPU, and no article.
MAX_ELEMENTS = 100_000


@dataclass(frozen=True)
class Config:
    """Options for one extraction. The defaults are what the fixtures and benchmarks use.

    - ``max_bytes``: larger inputs raise :class:`~newsclean.DocumentTooLargeError` (an
      ``int`` > 0).
    - ``disabled_rules``: names from :data:`RULE_NAMES` to skip. Any iterable of strings
      is accepted (a set, a list, a tuple) and frozen into a ``frozenset``; a bare string
      or an unknown name raises.
    - ``favor``: trafilatura's focus, ``"balanced"``, ``"precision"`` or ``"recall"``.
    - ``min_body_chars``: a page whose cleaned body is shorter is not an article.
    - ``require_article``: raise :class:`~newsclean.NoArticleError` for fronts, tag pages
      and error pages. Off, any page with main text is returned (for corpora of all kinds).
    - ``max_elements``: a parsed page with more elements raises
      :class:`~newsclean.DocumentTooComplexError` (``too-complex``): extraction time grows
      with the element count (about 0.15 ms per element), so this bounds the work a page can cost.

    Raises ``TypeError`` for a value of the wrong type and ``ValueError`` for a value out
    of range or unknown.
    """

    max_bytes: int = MAX_BYTES
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    favor: str = "balanced"
    min_body_chars: int = 150
    require_article: bool = True
    max_elements: int = MAX_ELEMENTS

    def __post_init__(self) -> None:
        _require_int("max_bytes", self.max_bytes, minimum=1)
        _require_int("max_elements", self.max_elements, minimum=1)
        _require_int("min_body_chars", self.min_body_chars, minimum=0)
        if not isinstance(self.require_article, bool):
            raise TypeError(f"Config.require_article must be a bool, not {type(self.require_article).__name__}")
        if not isinstance(self.favor, str):
            raise TypeError(f"Config.favor must be a str, not {type(self.favor).__name__}")
        if self.favor not in FAVOR_CHOICES:
            raise ValueError(f"Config.favor must be one of {', '.join(FAVOR_CHOICES)}, not {self.favor!r}")
        object.__setattr__(self, "disabled_rules", _rule_names(self.disabled_rules))


def _require_int(name: str, value: object, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Config.{name} must be an int, not {type(value).__name__} ({value!r})")
    if value < minimum:
        raise ValueError(f"Config.{name} must be >= {minimum}, not {value}")


def _rule_names(value: object) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"Config.disabled_rules must be an iterable of rule names (a set, list or tuple), not {type(value).__name__}")
    names = frozenset(value)
    wrong = sorted(repr(n) for n in names if not isinstance(n, str))
    if wrong:
        raise TypeError(f"Config.disabled_rules holds non-string names: {', '.join(wrong)}")
    unknown = sorted(names - set(RULE_NAMES))
    if unknown:
        raise ValueError(f"Config.disabled_rules: unknown rule name(s) {', '.join(unknown)}; known: {', '.join(RULE_NAMES)}")
    return names


DEFAULT_CONFIG = Config()


def check_arguments(html: object, url: object, headers: object, config: object, explain: object) -> Config:
    """Validate the arguments of :func:`newsclean.extract`; return the config to use.

    A wrong argument is the caller's mistake: ``TypeError`` here, at the call, not an
    :class:`~newsclean.ExtractionError` that a batch loop would count as a bad page.
    """
    if not isinstance(html, (bytes, bytearray, str)):
        hint = " (read the file first: path.read_bytes())" if hasattr(html, "__fspath__") else ""
        raise TypeError(f"extract() needs the page as bytes or str, not {type(html).__name__}{hint}")
    if url is not None and not isinstance(url, str):
        raise TypeError(f"extract(url=...) must be a str or None, not {type(url).__name__}")
    if headers is not None and not isinstance(headers, Mapping):
        raise TypeError(f"extract(headers=...) must be a mapping of header names to values, not {type(headers).__name__}")
    if not isinstance(explain, bool):
        raise TypeError(f"extract(explain=...) must be a bool, not {type(explain).__name__}")
    if config is None:
        return DEFAULT_CONFIG
    if not isinstance(config, Config):
        hint = " (build one: newsclean.Config(**options))" if isinstance(config, Mapping) else ""
        raise TypeError(f"extract(config=...) must be a newsclean.Config, not {type(config).__name__}{hint}")
    return config

