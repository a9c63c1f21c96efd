"""Rule packs: the extraction vocabularies as TOML data files, read and validated once.

The built-in packs live in ``newsclean/rules/packs/``: ``common.toml`` (language-neutral:
the named text rules with their action and length cap, DOM class tokens, the built-in
checks) and one file per language (``en.toml``, ``de.toml``, ...) with that language's
wordings. Adding a language is adding a file. The Python modules next to this one
(:mod:`.boilerplate`, :mod:`.dates`, :mod:`.metadata`, ...) build the compiled objects
the stages import from :data:`BUILTIN`.

A pack file may hold these top-level keys (all optional):

- ``language``: the ISO 639-1 code the file is about (documentation; checked to be a str).
- ``[rules.NAME]``: ``patterns`` (a list of regexes, matched case-insensitively at the
  start of a block, see :mod:`.boilerplate`), and where the rule is defined, ``action``
  (``"drop"``, ``"end"`` or ``"thread"``, see common.toml) and ``max_chars``. A pack that lists patterns for an existing
  rule adds wordings to it; a new name needs an ``action``.
- ``[terms]``: named word lists (regex alternatives) that every pack can add to. A
  pattern writes ``{{name}}`` where the alternation of all packs' words goes: a language
  pack adds its "Read more" headings to ``read-more-heading`` and the ``read-more`` rule
  knows them. The Python modules use terms too (404 titles, byline prefixes, ...).
- ``[vocabulary]``: ``months`` (twelve strings, January first, each the spellings of
  that month), ``weekdays`` and ``stopwords`` (whitespace-separated words).
- ``[dom]``: ``prefix_tokens`` / ``exact_tokens`` (class/id words, see :mod:`.dom`).
- ``[checks]``: the built-in checks of the cleaning stage, name = what it does (common only).
- User packs only (``Config(rules=[path])``): ``prune`` (CSS selectors of elements to
  remove before extraction), ``disable`` (rule names switched off), and
  ``[site."example.com"]`` sections with ``prune``, ``body`` (a CSS selector of the
  container that holds the article text), ``disable`` and ``valid_until`` (a TOML date;
  after it the section is ignored, with a warning).

Every mistake is a :class:`PackError` (a ``ValueError``) naming the file and the key.
"""

from __future__ import annotations

import datetime
import logging
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

log = logging.getLogger("newsclean")

PACKS_DIR = Path(__file__).with_name("packs")
Action = Literal["drop", "end", "thread"]
ACTIONS: tuple[str, ...] = ("drop", "end", "thread")
DEFAULT_MAX_CHARS = 200
_TERM = re.compile(r"\{\{([a-z0-9-]+)\}\}")

_TOP_KEYS = frozenset({"language", "rules", "terms", "vocabulary", "dom", "checks", "prune", "disable", "site"})
_USER_ONLY = frozenset({"prune", "disable", "site"})
_BUILTIN_ONLY = frozenset({"checks", "dom", "vocabulary"})
_VOCABULARY_KEYS = frozenset({"months", "weekdays", "stopwords"})
_RULE_KEYS = frozenset({"action", "max_chars", "patterns"})
_SITE_KEYS = frozenset({"prune", "body", "disable", "valid_until"})
_DOM_KEYS = frozenset({"prefix_tokens", "exact_tokens"})


class PackError(ValueError):
    """A rule pack that cannot be used: the message names the file and the key."""


@dataclass(frozen=True)
class TextRule:
    """One named boilerplate rule: its patterns, what to do, and a length cap."""

    name: str
    action: Action
    patterns: tuple[str, ...]
    max_chars: int = DEFAULT_MAX_CHARS

    def compiled(self) -> re.Pattern[str]:
        """All patterns as one case-insensitive regex (searched in a block)."""
        return re.compile("|".join(f"(?:{p})" for p in self.patterns), re.I)


@dataclass(frozen=True)
class SiteSection:
    """What a user pack says about one host: extra pruning, the body container, rules off."""

    host: str
    source: str
    prune: tuple[str, ...] = ()
    body: str | None = None
    disable: frozenset[str] = frozenset()
    valid_until: datetime.date | None = None


@dataclass(frozen=True)
class _RuleDef:
    action: Action | None
    max_chars: int | None
    patterns: tuple[str, ...]


@dataclass(frozen=True)
class Pack:
    """One parsed and checked pack file (patterns not yet expanded)."""

    path: str
    builtin: bool
    language: str | None = None
    rules: Mapping[str, _RuleDef] = field(default_factory=dict)
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    months: tuple[str, ...] = ()
    weekdays: tuple[str, ...] = ()
    stopwords: tuple[str, ...] = ()
    prefix_tokens: tuple[str, ...] = ()
    exact_tokens: tuple[str, ...] = ()
    checks: Mapping[str, str] = field(default_factory=dict)
    prune: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    sites: tuple[SiteSection, ...] = ()


def _fail(path: str, key: str, message: str) -> PackError:
    return PackError(f"rule pack {path}: {key}: {message}")


def _str_list(path: str, key: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, key, f"must be a list of strings, not {_kind(value)}")
    return tuple(value)


def _kind(value: object) -> str:
    if isinstance(value, list):
        inner = sorted({type(v).__name__ for v in value})
        return f"a list of {', '.join(inner)}" if inner else "an empty list"
    return f"{type(value).__name__} {value!r:.60}"


def _check_keys(path: str, where: str, table: Mapping[str, object], allowed: frozenset[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        prefix = f"{where}." if where else ""
        raise _fail(path, prefix + unknown[0], f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _table(path: str, key: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, key, f"must be a table, not {_kind(value)}")
    return cast("Mapping[str, Any]", value)


def read_pack(path: str | Path, *, builtin: bool = False) -> Pack:
    """Parse one pack file and check its shape (keys, types); raise :class:`PackError`."""
    name = str(path)
    return parse_pack(read_toml(path, "rule pack", PackError), name, builtin=builtin)


def read_toml(path: str | os.PathLike[str], what: str, error: type[ValueError] = ValueError) -> dict[str, Any]:
    """A TOML file as a dict; an unreadable or invalid file raises ``error`` naming ``what`` and the file."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            return tomllib.load(handle)
    except OSError as problem:
        raise error(f"{what} {name}: cannot read: {problem.strerror or problem}") from problem
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{what} {name}: not valid TOML: {problem}") from problem


def parse_pack(data: Mapping[str, Any], name: str, *, builtin: bool = False) -> Pack:
    """Check the shape of one pack's data (already parsed from TOML)."""
    _check_keys(name, "", data, _TOP_KEYS - (_USER_ONLY if builtin else _BUILTIN_ONLY))
    language = data.get("language")
    if language is not None and not isinstance(language, str):
        raise _fail(name, "language", f"must be a string, not {_kind(language)}")
    rules: dict[str, _RuleDef] = {}
    for rule_name, spec in _table(name, "rules", data.get("rules", {})).items():
        key = f"rules.{rule_name}"
        spec = _table(name, key, spec)
        _check_keys(name, key, spec, _RULE_KEYS)
        action = spec.get("action")
        if action is not None and action not in ACTIONS:
            raise _fail(name, f"{key}.action", f"unknown action {action!r} (known: {', '.join(ACTIONS)})")
        max_chars = spec.get("max_chars")
        if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1):
            raise _fail(name, f"{key}.max_chars", f"must be an int >= 1, not {_kind(max_chars)}")
        patterns = _str_list(name, f"{key}.patterns", spec.get("patterns", []))
        rules[rule_name] = _RuleDef(cast("Action | None", action), max_chars, patterns)
    terms = {term: _str_list(name, f"terms.{term}", words) for term, words in _table(name, "terms", data.get("terms", {})).items()}
    misplaced = sorted(set(terms) & _TOP_KEYS)
    if misplaced:
        raise _fail(name, f"terms.{misplaced[0]}", "a top-level key after the [terms] table: move it above the first [table]")
    vocabulary = _table(name, "vocabulary", data.get("vocabulary", {}))
    _check_keys(name, "vocabulary", vocabulary, _VOCABULARY_KEYS)
    months = _str_list(name, "vocabulary.months", vocabulary.get("months", []))
    if months and len(months) != 12:
        raise _fail(name, "vocabulary.months", f"must list the twelve months, January first, not {len(months)}")
    stopwords = vocabulary.get("stopwords", "")
    if not isinstance(stopwords, str):
        raise _fail(name, "vocabulary.stopwords", f"must be a string of words, not {_kind(stopwords)}")
    dom = _table(name, "dom", data.get("dom", {}))
    _check_keys(name, "dom", dom, _DOM_KEYS)
    checks = _table(name, "checks", data.get("checks", {}))
    for check, doc in checks.items():
        if not isinstance(doc, str):
            raise _fail(name, f"checks.{check}", f"must be a string (what the check does), not {_kind(doc)}")
    return Pack(
        path=name,
        builtin=builtin,
        language=language,
        rules=rules,
        terms=terms,
        months=months,
        weekdays=tuple(" ".join(_str_list(name, "vocabulary.weekdays", vocabulary.get("weekdays", []))).split()),
        stopwords=tuple(stopwords.split()),
        prefix_tokens=_str_list(name, "dom.prefix_tokens", dom.get("prefix_tokens", [])),
        exact_tokens=_str_list(name, "dom.exact_tokens", dom.get("exact_tokens", [])),
        checks=dict(checks),
        prune=_str_list(name, "prune", data.get("prune", [])),
        disable=_str_list(name, "disable", data.get("disable", [])),
        sites=tuple(_site(name, host, spec) for host, spec in _table(name, "site", data.get("site", {})).items()),
    )


def _site(path: str, host: str, spec: object) -> SiteSection:
    key = f'site."{host}"'
    table = _table(path, key, spec)
    _check_keys(path, key, table, _SITE_KEYS)
    if not host or "/" in host or " " in host:
        raise _fail(path, key, "must be a host name such as example.com")
    body = table.get("body")
    if body is not None and not isinstance(body, str):
        raise _fail(path, f"{key}.body", f"must be a CSS selector string, not {_kind(body)}")
    until = table.get("valid_until")
    if until is not None and (not isinstance(until, datetime.date) or isinstance(until, datetime.datetime)):
        raise _fail(path, f"{key}.valid_until", f"must be a TOML date such as 2027-06-30, not {_kind(until)}")
    return SiteSection(
        host=host.lower().strip("."),
        source=path,
        prune=_str_list(path, f"{key}.prune", table.get("prune", [])),
        body=body,
        disable=frozenset(_str_list(path, f"{key}.disable", table.get("disable", []))),
        valid_until=until,
    )


@dataclass(frozen=True, eq=False)
class RuleSet:
    """Everything a list of packs says, merged in order and compiled-ready.

    Compared by identity (it is built once per list of pack files and cached), so the
    stages can key their caches on it cheaply.
    """

    packs: tuple[Pack, ...]
    text_rules: tuple[TextRule, ...]
    check_names: tuple[str, ...]
    terms: Mapping[str, tuple[str, ...]]
    months: Mapping[str, tuple[str, ...]]
    weekdays: tuple[str, ...]
    stopwords: Mapping[str, frozenset[str]]
    prefix_tokens: tuple[str, ...]
    exact_tokens: tuple[str, ...]
    prune: tuple[str, ...]
    disable: frozenset[str]
    sites: tuple[SiteSection, ...]

    @property
    def rule_names(self) -> tuple[str, ...]:
        """Every name that can be switched off: the text rules, then the built-in checks."""
        return tuple(rule.name for rule in self.text_rules) + self.check_names

    def alternation(self, term: str) -> str:
        """The words of ``term`` from every pack, as regex alternatives (``a|b|c``)."""
        return "|".join(self.terms[term])


def _merge_terms(packs: Sequence[Pack]) -> dict[str, tuple[str, ...]]:
    terms: dict[str, list[str]] = {}
    for pack in packs:
        for name, words in pack.terms.items():
            known = terms.setdefault(name, [])
            known.extend(w for w in words if w not in known)
    return {name: tuple(words) for name, words in terms.items()}


def _expand(pattern: str, terms: Mapping[str, tuple[str, ...]], path: str, key: str) -> str:
    def one(match: re.Match[str]) -> str:
        words = terms.get(match.group(1))
        if words is None:
            raise _fail(path, key, f"unknown term {{{{{match.group(1)}}}}} (known: {', '.join(sorted(terms))})")
        return "(?:" + ("|".join(words) or "(?!)") + ")"

    return _TERM.sub(one, pattern)


def build(packs: Sequence[Pack], base: RuleSet | None = None) -> RuleSet:
    """Merge packs (after ``base``, the built-in set, when given) and check their content:
    rule definitions, term references, regexes, rule names in switches.

    With ``base``, its packs are merged again with the new ones (the patterns are
    expanded anew), so that a user pack's terms reach the built-in rules' patterns."""
    if base is not None:
        return build([*base.packs, *packs])
    terms = _merge_terms(packs)
    definitions: dict[str, tuple[Action, int, str]] = {}
    patterns: dict[str, list[tuple[str, str, str]]] = {}  # rule -> (raw pattern, file, key)
    order: list[str] = []
    check_names: list[str] = []
    for pack in packs:
        for check in pack.checks:
            check_names.append(check)
    for pack in packs:
        for name, spec in pack.rules.items():
            key = f"rules.{name}"
            if name in check_names:
                raise _fail(pack.path, key, "is the name of a built-in check, not a text rule")
            if spec.action is not None or spec.max_chars is not None:
                if name in definitions:
                    raise _fail(pack.path, key, f"duplicate rule: already defined in {definitions[name][2]}")
                if spec.action is None:
                    raise _fail(pack.path, f"{key}.action", "a new rule needs an action (drop, end or thread)")
                definitions[name] = (spec.action, spec.max_chars or DEFAULT_MAX_CHARS, pack.path)
                order.append(name)
            for index, raw in enumerate(spec.patterns):
                patterns.setdefault(name, []).append((raw, pack.path, f"{key}.patterns[{index}]"))
    for name, found in patterns.items():
        if name not in definitions:
            raw, path, key = found[0]
            known = ", ".join(order)
            raise _fail(path, f"rules.{name}", f"unknown rule name (define it with an action, or use one of: {known})")
    text_rules: list[TextRule] = []
    for name in order:
        action, max_chars, _source = definitions[name]
        expanded: list[str] = []
        for raw, path, key in patterns.get(name, []):
            pattern = _expand(raw, terms, path, key)
            try:
                re.compile(pattern, re.I)
            except re.error as error:
                raise _fail(path, key, f"bad regex {raw!r}: {error}") from error
            expanded.append(pattern)
        if not expanded:
            raise _fail(definitions[name][2], f"rules.{name}", "has no patterns in any pack")
        text_rules.append(TextRule(name, action, tuple(expanded), max_chars))
    names = {rule.name for rule in text_rules} | set(check_names)
    for pack in packs:
        for key, switched in [("disable", pack.disable), *((f'site."{s.host}".disable', tuple(s.disable)) for s in pack.sites)]:
            unknown = sorted(set(switched) - names)
            if unknown:
                raise _fail(pack.path, key, f"unknown rule name(s) {', '.join(unknown)}")
        for key, selectors in [("prune", pack.prune), *((f'site."{s.host}".prune', s.prune) for s in pack.sites)]:
            for index, selector in enumerate(selectors):
                check_selector(selector, pack.path, f"{key}[{index}]")
        for site in pack.sites:
            if site.body is not None:
                check_selector(site.body, pack.path, f'site."{site.host}".body')
    months: dict[str, tuple[str, ...]] = {}
    stopwords: dict[str, frozenset[str]] = {}
    for pack in packs:
        if pack.months or pack.stopwords:
            if not pack.language:
                raise _fail(pack.path, "language", "months and stopwords need the pack's language")
            if pack.months:
                months[pack.language] = pack.months
            if pack.stopwords:
                stopwords[pack.language] = frozenset(pack.stopwords)
    return RuleSet(
        packs=tuple(packs),
        text_rules=tuple(text_rules),
        check_names=tuple(check_names),
        terms=terms,
        months=months,
        weekdays=tuple(w for p in packs for w in p.weekdays),
        stopwords=stopwords,
        prefix_tokens=tuple(t for p in packs for t in p.prefix_tokens),
        exact_tokens=tuple(t for p in packs for t in p.exact_tokens),
        prune=tuple(s for p in packs for s in p.prune),
        disable=frozenset(n for p in packs for n in p.disable),
        sites=tuple(s for p in packs for s in p.sites),
    )


def builtin_check(name: str) -> str:
    """``name`` if it is a built-in check of ``[checks]`` in common.toml; else an error (at import)."""
    if name not in BUILTIN.check_names:
        raise PackError(f"{name!r} is not a built-in check (known: {', '.join(BUILTIN.check_names)})")
    return name


def check_selector(selector: str, path: str, key: str) -> None:
    """Raise :class:`PackError` unless ``selector`` is a CSS selector lxml can compile."""
    from lxml.cssselect import CSSSelector, SelectorError

    try:
        CSSSelector(selector)
    except (SelectorError, ValueError, TypeError) as error:
        raise _fail(path, key, f"bad CSS selector {selector!r}: {error}") from error


def builtin_paths() -> list[Path]:
    """The built-in pack files: ``common.toml`` first, then the languages by file name."""
    files = sorted(PACKS_DIR.glob("*.toml"))
    return sorted(files, key=lambda p: (p.name != "common.toml", p.name))


def load_builtin(paths: Iterable[Path] | None = None) -> RuleSet:
    """Read and merge the built-in packs (or ``paths`` in their place)."""
    packs = [read_pack(p, builtin=True) for p in (builtin_paths() if paths is None else paths)]
    return build(packs)


BUILTIN: RuleSet = load_builtin()
"""The built-in packs, read once at import."""
