"""Loading the evaluation corpus: ``news/`` (full gold articles), ``snippets/`` (with/without), ``web/`` (gold body).

A corpus part is a directory holding ``gold.json`` (``{id: {...}}``) and ``html/<id>.html.gz``.
A ``dumps/`` part holds ``txt/<id>.txt.gz`` instead: plain-text dumps of the ``news/`` pages,
scored against ``../news/gold.json`` (or a ``gold.json`` of its own); it is evaluated when
named (``newsclean eval .../dumps``), not when a corpus root is given.
The part's kind is read from the shape of its gold records, with the folder name as a
fallback. The corpus lives outside the repository (``../shared/corpus`` from the project
root, or the ``NEWSCLEAN_CORPUS`` environment variable); pages are only read at run time.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

PartKind = Literal["news", "snippets", "web", "dumps"]

PART_KINDS: tuple[PartKind, ...] = ("news", "snippets", "web")
ENV_VAR = "NEWSCLEAN_CORPUS"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
GOLD_FILE = "gold.json"
HTML_DIR = "html"
HTML_SUFFIXES: tuple[str, ...] = (".html.gz", ".html")
TEXT_DIR = "txt"
TEXT_SUFFIXES: tuple[str, ...] = (".txt.gz", ".txt")
#: Where a dumps part without a gold file of its own finds it: the news part it was made from.
DUMPS_GOLD = Path("..") / "news" / GOLD_FILE

#: Gold keys that identify each kind of corpus part.
KIND_MARKERS: Mapping[PartKind, frozenset[str]] = {
    "news": frozenset({"sections", "summary"}),
    "snippets": frozenset({"with", "without"}),
    "web": frozenset({"body"}),
}


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page: its id, gold record and where its HTML is."""

    id: str
    html_path: Path
    gold: Mapping[str, Any]
    #: For a text dump (``html_path`` is then the dump): the HTML page it was made from, if present.
    source_path: Path | None = None

    @property
    def url(self) -> str | None:
        """The page URL given by the gold record, if any."""
        return self.gold.get("url") or None

    def html_bytes(self) -> bytes:
        """The raw page bytes (gunzipped when stored as ``.gz``)."""
        data = self.html_path.read_bytes()
        return gzip.decompress(data) if self.html_path.suffix == ".gz" else data

    def source_bytes(self) -> bytes | None:
        """The HTML page a text dump was made from (gunzipped), or None."""
        if self.source_path is None:
            return None
        data = self.source_path.read_bytes()
        return gzip.decompress(data) if self.source_path.suffix == ".gz" else data


@dataclass(frozen=True, slots=True)
class CorpusPart:
    """A loaded corpus part: its kind, directory and pages (sorted by id)."""

    kind: PartKind
    path: Path
    pages: tuple[Page, ...]


def default_corpus_path() -> Path:
    """The corpus root: ``$NEWSCLEAN_CORPUS`` if set, else ``../shared/corpus`` from the repo root."""
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else DEFAULT_CORPUS


def find_parts(path: Path) -> list[Path]:
    """The corpus part directories under ``path``: ``path`` itself or its news/snippets folders."""
    path = Path(path)
    if (path / GOLD_FILE).is_file() or is_dumps_part(path):
        return [path]
    known = [path / name for name in PART_KINDS if (path / name / GOLD_FILE).is_file()]
    if known:
        return known
    return sorted(child for child in path.iterdir() if (child / GOLD_FILE).is_file()) if path.is_dir() else []


def detect_kind(path: Path, gold: Mapping[str, Mapping[str, Any]]) -> PartKind:
    """The kind of a corpus part, from its gold records or, failing that, its folder name."""
    for record in gold.values():
        for kind, markers in KIND_MARKERS.items():
            if markers & set(record):
                return kind
    name = Path(path).name.lower()
    for kind in PART_KINDS:
        if kind in name:
            return kind
    raise ValueError(f"cannot tell whether {path} is a news or a snippets corpus")


def is_dumps_part(path: Path) -> bool:
    """A folder of text dumps (``txt/``) with a gold file of its own or next to it in ``../news``."""
    path = Path(path)
    return (path / TEXT_DIR).is_dir() and not (path / HTML_DIR).is_dir() and ((path / GOLD_FILE).is_file() or (path / DUMPS_GOLD).is_file())


def load_dumps_part(path: Path, limit: int | None = None) -> CorpusPart:
    """Load a dumps part: each ``txt/<id>.txt.gz`` with the gold record (and HTML page) of ``id``."""
    path = Path(path)
    gold_path = path / GOLD_FILE if (path / GOLD_FILE).is_file() else path / DUMPS_GOLD
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pages = []
    for key, record in sorted(gold.items()):
        dump = next((path / TEXT_DIR / f"{key}{suffix}" for suffix in TEXT_SUFFIXES if (path / TEXT_DIR / f"{key}{suffix}").is_file()), None)
        if dump is not None:
            source = _page(gold_path.parent, key, record)
            pages.append(Page(id=key, html_path=dump, gold=record, source_path=source.html_path if source else None))
    if limit is not None:
        pages = pages[:limit]
    return CorpusPart(kind="dumps", path=path, pages=tuple(pages))


def load_part(path: Path, limit: int | None = None) -> CorpusPart:
    """Load a corpus part directory; pages whose HTML file is missing are left out."""
    path = Path(path)
    if is_dumps_part(path):
        return load_dumps_part(path, limit)
    gold = json.loads((path / GOLD_FILE).read_text(encoding="utf-8"))
    kind = detect_kind(path, gold)
    pages = [page for page in (_page(path, key, record) for key, record in sorted(gold.items())) if page]
    if limit is not None:
        pages = pages[:limit]
    return CorpusPart(kind=kind, path=path, pages=tuple(pages))


def load_corpus(path: Path, limit: int | None = None) -> list[CorpusPart]:
    """Load every corpus part found at ``path`` (see :func:`find_parts`)."""
    parts = find_parts(Path(path))
    if not parts:
        raise FileNotFoundError(f"no corpus ({GOLD_FILE} + {HTML_DIR}/) found at {path}")
    return [load_part(part, limit) for part in parts]


def _page(path: Path, key: str, record: Mapping[str, Any]) -> Page | None:
    """Build a :class:`Page` if its HTML file exists."""
    for suffix in HTML_SUFFIXES:
        html_path = path / HTML_DIR / f"{key}{suffix}"
        if html_path.is_file():
            return Page(id=key, html_path=html_path, gold=record)
    return None


def news_gold_paragraphs(gold: Mapping[str, Any]) -> list[str]:
    """The gold body of a news page: summary, then each section's headline(s) and paragraphs."""
    paragraphs: list[str] = list(gold_strings(gold.get("summary")))
    for section in gold.get("sections") or ():
        paragraphs.extend(gold_strings(section.get("headline")))
        paragraphs.extend(gold_strings(section.get("paragraphs")))
    return paragraphs


def news_gold_captions(gold: Mapping[str, Any], min_length: int = 20) -> list[str]:
    """The gold image captions of a news page that are at least ``min_length`` characters long."""
    captions = (image.get("caption") for image in gold.get("images") or () if isinstance(image, Mapping))
    return [text for text in captions if isinstance(text, str) and len(text.strip()) >= min_length]


def web_gold_paragraphs(gold: Mapping[str, Any]) -> list[str]:
    """The gold body of a web page: its paragraphs as the annotators kept them.

    A few gold texts were saved as UTF-16 and read back as Latin-1 (``"ÿþ\\x00F\\x00o..."``):
    every letter is a token of its own and no extraction can match them. They are decoded
    back here, the same for every engine (see :func:`repair_utf16`).
    """
    paragraphs = gold_strings(gold.get("body"))
    if any("\x00" in paragraph for paragraph in paragraphs):
        paragraphs = [text for text in map(repair_utf16, paragraphs) if text]
    return paragraphs


def repair_utf16(text: str) -> str:
    """Undo UTF-16-LE bytes read as Latin-1: ``"ÿþ\\x00H\\x00i\\x00"`` becomes ``"Hi"``.

    A paragraph split off at a newline starts with the newline's high byte (NUL) and may
    have lost its own last one; both are realigned before decoding.
    """
    raw = text.removeprefix("\xff\xfe").removeprefix("\x00")
    if len(raw) % 2:
        raw += "\x00"
    return raw.encode("latin-1", errors="replace").decode("utf-16-le", errors="replace").strip("\x00 \t\r\n")


def gold_strings(value: str | Sequence[str] | None) -> list[str]:
    """A gold field that may be a string, a list of strings or missing, as a list."""
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str) and item.strip()]
