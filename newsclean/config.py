"""Extraction settings: the one place that tunes how :func:`newsclean.extract` behaves.

A :class:`Config` is validated when it is built: a wrong type or an unknown value is the
caller's mistake and raises ``TypeError`` / ``ValueError`` there, never an
:class:`~newsclean.ExtractionError` later on some page.
"""

from __future__ import annotations

import datetime
import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsclean.rules.packs import BUILTIN, RuleSet, SiteSection, build, read_pack, read_toml
from newsclean.stages.decode import MAX_BYTES

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover - Python 3.10
    pass

log = logging.getLogger("newsclean")

# The checks of the cleaning stage and the pipeline that are not text rules but can be
# switched off by name like one (``Config(disabled_rules=...)``): ``[checks]`` in
# ``rules/packs/common.toml`` (caption, headline-repeat, repeated-text, rescue-lead,
# photo-story, leading-residue, trailing-residue).
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
    - ``disabled_rules``: names from :data:`RULE_NAMES` (or of a rule the packs in
      ``rules`` define) to skip. Any iterable of strings is accepted (a set, a list, a
      tuple) and frozen into a ``frozenset``; a bare string or an unknown name raises. The
      packs' own ``disable`` lists are added to it.
    - ``favor``: trafilatura's focus, ``"balanced"``, ``"precision"`` or ``"recall"``.
    - ``min_body_chars``: a page whose cleaned body is shorter is not an article.
    - ``require_article``: raise :class:`~newsclean.NoArticleError` for fronts, tag pages
      and error pages. Off, any page with main text is returned (for corpora of all kinds).
    - ``max_elements``: a parsed page with more elements raises
      :class:`~newsclean.DocumentTooComplexError` (``too-complex``): extraction time grows
      with the element count (about 0.15 ms per element), so this bounds the work a page can cost.
    - ``rules``: paths of user rule packs (TOML, the format of :mod:`newsclean.rules.packs`):
      extra text rules and wordings, prune selectors, switches, and ``[site."host"]``
      sections. Read once per process and checked here: a bad pack raises ``ValueError``
      naming the file and the key.

    Raises ``TypeError`` for a value of the wrong type and ``ValueError`` for a value out
    of range or unknown. Build one from a mapping with :meth:`from_mapping`, from a TOML
    file with :meth:`from_toml`, from Scrapy settings with :func:`config_from_settings`.
    """

    max_bytes: int = MAX_BYTES
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    favor: str = "balanced"
    min_body_chars: int = 150
    require_article: bool = True
    max_elements: int = MAX_ELEMENTS
    rules: tuple[str, ...] = ()
    #: The built-in packs and the user's, merged (built from ``rules``).
    rule_set: RuleSet = field(init=False, repr=False, compare=False)
    #: Site sections of the user's packs still valid today.
    sites: tuple[SiteSection, ...] = field(init=False, repr=False, compare=False)
    #: The site sections that apply to this page (set by :meth:`for_url` only).
    site: tuple[SiteSection, ...] = field(default=(), init=False, repr=False, compare=False)

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
        paths = _pack_paths(self.rules)
        rule_set = _user_rule_set(paths)
        object.__setattr__(self, "rules", paths)
        object.__setattr__(self, "rule_set", rule_set)
        object.__setattr__(self, "sites", _valid_sites(rule_set.sites))
        object.__setattr__(self, "disabled_rules", _rule_names(self.disabled_rules, rule_set) | rule_set.disable)

    @classmethod
    def from_mapping(cls, options: Mapping[str, object], *, source: str = "options") -> Config:
        """A Config from a mapping of option names to values (a parsed TOML table, JSON, ...).

        Keys are the field names (``favor``, ``require_article``, ``min_body_chars``,
        ``disabled_rules``, ``rules``, ``max_bytes``, ``max_elements``); an unknown key or a
        wrong value raises ``ValueError`` / ``TypeError`` naming ``source`` and the key.
        """
        if not isinstance(options, Mapping):
            raise TypeError(f"{source}: Config options must be a mapping, not {type(options).__name__}")
        unknown = sorted(str(k) for k in options if k not in OPTION_NAMES)
        if unknown:
            raise ValueError(f"{source}: unknown option(s) {', '.join(unknown)}; known: {', '.join(OPTION_NAMES)}")
        values = dict(options)
        if isinstance(values.get("rules"), (str, os.PathLike)):
            values["rules"] = [values["rules"]]
        try:
            return cls(**values)  # type: ignore[arg-type]
        except (TypeError, ValueError) as error:
            raise type(error)(f"{source}: {error}") from error

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> Config:
        """A Config from a TOML file: a ``[newsclean]`` table, or the options at top level.

        Relative ``rules`` paths are read relative to the file.
        """
        name = os.fspath(path)
        data = read_toml(name, "config file")
        table = data.get("newsclean", data) if isinstance(data.get("newsclean"), dict) else data
        if table is not data and len(data) > 1:
            others = sorted(k for k in data if k != "newsclean")
            raise ValueError(f"config file {name}: unknown table(s) {', '.join(others)} next to [newsclean]")
        options = dict(table)
        base = Path(name).parent
        rules = options.get("rules")
        if isinstance(rules, str):
            rules = [rules]
        if isinstance(rules, list):
            options["rules"] = [str(base / r) if isinstance(r, str) else r for r in rules]
        return cls.from_mapping(options, source=f"config file {name}")

    def __reduce__(self) -> tuple[Callable[..., Config], tuple[object, ...]]:
        # Sent to worker processes as its options alone: the worker reads the packs itself
        # (once per process), so the compiled rules are shared by every page there.
        return (_rebuild, (self.max_bytes, self.disabled_rules, self.favor, self.min_body_chars, self.require_article, self.max_elements, self.rules))

    def for_url(self, url: str | None) -> Config:
        """This config as it applies to a page at ``url``: with the rules its site sections
        switch off, and :attr:`site` set. Without a matching section, ``self``."""
        if not self.sites or not url:
            return self
        host = (urlsplit(url).hostname or "").lower()
        matching = tuple(s for s in self.sites if host == s.host or host.endswith("." + s.host))
        return _site_config(self, matching) if matching else self

    def prune_targets(self, tree: HtmlElement) -> list[tuple[HtmlElement, str]]:
        """The elements the user's packs remove from this page, each with its rule name:
        ``pack:prune`` (a global ``prune`` selector), ``site:prune`` (the site section's),
        ``site:body`` (everything around the site's ``body`` container)."""
        targets: list[tuple[HtmlElement, str]] = []
        if not self.rule_set.prune and not self.site:
            return targets
        for selector in self.rule_set.prune:
            targets.extend((el, "pack:prune") for el in _css(selector)(tree))
        for section in self.site:
            for selector in section.prune:
                targets.extend((el, "site:prune") for el in _css(selector)(tree))
            if section.body:
                found = _css(section.body)(tree)
                if not found:
                    log.debug("site section %s: no element matches body %r", section.host, section.body)
                    continue
                el = found[0]
                while el.getparent() is not None and el.tag not in ("body", "html"):
                    parent = el.getparent()
                    targets.extend((other, "site:body") for other in parent if other is not el and isinstance(other.tag, str))
                    el = parent
        return targets


def _rebuild(*values: object) -> Config:
    names = ("max_bytes", "disabled_rules", "favor", "min_body_chars", "require_article", "max_elements", "rules")
    return Config(**dict(zip(names, values, strict=True)))  # type: ignore[arg-type]


OPTION_NAMES: tuple[str, ...] = ("favor", "require_article", "min_body_chars", "disabled_rules", "rules", "max_bytes", "max_elements")
"""The options :meth:`Config.from_mapping` and :meth:`Config.from_toml` accept."""


def _require_int(name: str, value: object, *, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Config.{name} must be an int, not {type(value).__name__} ({value!r})")
    if value < minimum:
        raise ValueError(f"Config.{name} must be >= {minimum}, not {value}")


def _rule_names(value: object, rule_set: RuleSet) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"Config.disabled_rules must be an iterable of rule names (a set, list or tuple), not {type(value).__name__}")
    names = frozenset(value)
    wrong = sorted(repr(n) for n in names if not isinstance(n, str))
    if wrong:
        raise TypeError(f"Config.disabled_rules holds non-string names: {', '.join(wrong)}")
    known = rule_set.rule_names
    unknown = sorted(names - set(known))
    if unknown:
        raise ValueError(f"Config.disabled_rules: unknown rule name(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return names


def _pack_paths(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes, os.PathLike)) or not isinstance(value, Iterable):
        raise TypeError(f"Config.rules must be a list of rule pack paths, not {type(value).__name__}")
    paths = tuple(value)
    wrong = [repr(p) for p in paths if not isinstance(p, (str, os.PathLike))]
    if wrong:
        raise TypeError(f"Config.rules holds values that are not paths: {', '.join(wrong)}")
    # The same file named twice (a config file and a flag) is read once.
    return tuple(dict.fromkeys(os.path.abspath(os.fspath(p)) for p in paths))


@lru_cache(maxsize=32)
def _user_rule_set(paths: tuple[str, ...]) -> RuleSet:
    """The built-in packs plus the user's, read once per process for each list of paths."""
    if not paths:
        return BUILTIN
    return build([read_pack(path) for path in paths], base=BUILTIN)


_warned_expired: set[tuple[str, str]] = set()


def _valid_sites(sites: tuple[SiteSection, ...]) -> tuple[SiteSection, ...]:
    today = datetime.date.today()
    valid = []
    for section in sites:
        if section.valid_until is not None and section.valid_until < today:
            if (section.source, section.host) not in _warned_expired:
                _warned_expired.add((section.source, section.host))
                log.warning("rule pack %s: site section %s expired on %s and is ignored", section.source, section.host, section.valid_until)
            continue
        valid.append(section)
    return tuple(valid)


@lru_cache(maxsize=256)
def _site_config(config: Config, sections: tuple[SiteSection, ...]) -> Config:
    off = frozenset().union(*(s.disable for s in sections))
    derived = replace(config, disabled_rules=config.disabled_rules | off)
    object.__setattr__(derived, "site", sections)
    return derived


@lru_cache(maxsize=256)
def _css(selector: str) -> Callable[[HtmlElement], list[HtmlElement]]:
    from lxml.cssselect import CSSSelector

    return cast("Callable[[HtmlElement], list[HtmlElement]]", CSSSelector(selector))


DEFAULT_CONFIG = Config()

#: Scrapy settings read by :func:`config_from_settings`, and the option each one sets.
SETTINGS: dict[str, str] = {
    "NEWSCLEAN_FAVOR": "favor",
    "NEWSCLEAN_REQUIRE_ARTICLE": "require_article",
    "NEWSCLEAN_MIN_BODY_CHARS": "min_body_chars",
    "NEWSCLEAN_DISABLED_RULES": "disabled_rules",
    "NEWSCLEAN_RULES": "rules",
    "NEWSCLEAN_MAX_BYTES": "max_bytes",
    "NEWSCLEAN_MAX_ELEMENTS": "max_elements",
}


def config_from_settings(settings: Any) -> Config:
    """The :class:`Config` a crawl's settings describe (Scrapy ``Settings`` or any mapping).

    ``NEWSCLEAN_CONFIG`` names a TOML file (see :meth:`Config.from_toml`); the settings of
    :data:`SETTINGS` override it: ``NEWSCLEAN_FAVOR``, ``NEWSCLEAN_REQUIRE_ARTICLE``,
    ``NEWSCLEAN_MIN_BODY_CHARS``, ``NEWSCLEAN_MAX_BYTES``, ``NEWSCLEAN_MAX_ELEMENTS``,
    ``NEWSCLEAN_DISABLED_RULES`` and ``NEWSCLEAN_RULES`` (lists, or comma-separated
    strings as ``-s`` gives them; the rules are added to the file's). A wrong value raises
    ``ValueError`` / ``TypeError`` naming the setting.
    """
    path = settings.get("NEWSCLEAN_CONFIG")
    config = Config.from_toml(path) if path else DEFAULT_CONFIG
    changes: dict[str, Any] = {}
    for name, option in SETTINGS.items():
        value = settings.get(name)
        if value is None or value == "":
            continue
        try:
            changes[option] = _setting_value(option, value)
        except (TypeError, ValueError) as error:
            raise type(error)(f"setting {name}: {error}") from error
    if "rules" in changes:
        changes["rules"] = (*config.rules, *changes["rules"])
    if "disabled_rules" in changes:
        changes["disabled_rules"] = config.disabled_rules | frozenset(changes["disabled_rules"])
    try:
        return replace(config, **changes) if changes else config
    except (TypeError, ValueError) as error:
        raise type(error)(f"NEWSCLEAN_* settings: {error}") from error


def _setting_value(option: str, value: object) -> object:
    """A setting as the option wants it: settings given with ``-s`` are strings."""
    if option in ("rules", "disabled_rules"):
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, (list, tuple, set, frozenset)):
            return tuple(value)
        raise TypeError(f"must be a list or a comma-separated string, not {type(value).__name__}")
    if option == "require_article":
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered not in ("1", "0", "true", "false"):
                raise ValueError(f"must be True or False, not {value!r}")
            return lowered in ("1", "true")
        return value
    if option in ("min_body_chars", "max_bytes", "max_elements") and isinstance(value, str):
        if not value.strip().isdigit():
            raise ValueError(f"must be a whole number, not {value!r}")
        return int(value)
    return value


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

