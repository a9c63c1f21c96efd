"""Near-duplicate detection for article text, usable without Scrapy.

The same wire story syndicated on several pages differs by a credit line, a rewritten last
paragraph, a headline suffix or a few changed words: its exact fingerprint
(:attr:`newsclean.Article.fingerprint`) differs, its set of word 3-grams ("shingles")
barely does. Two bodies whose shingle sets overlap by at least :data:`THRESHOLD`
(Jaccard similarity: shared shingles / all shingles) are taken for the same story.

The Jaccard similarity is estimated from *MinHash* signatures (datasketch's ``MinHash``:
:data:`NUM_PERM` minimum hash values, the share of equal values estimates the
similarity), and candidates are found without comparing every pair by *locality-sensitive
hashing*: the signature is cut into :data:`BANDS` bands; texts that agree on a whole band
are candidates, and each candidate is then checked against the threshold. The index keeps
band keys and signatures in a :class:`DedupStore`: a dict in memory here; the Scrapy
pipeline also has stores in SQLite (``JOBDIR``) and Redis (distributed crawls), see
:mod:`newsclean.scrapy.dedup`.

::

    from newsclean.dedup import NearDuplicateIndex

    index = NearDuplicateIndex()
    index.check_and_add("https://example.com/a", text_one)  # None: first of its story
    index.check_and_add("https://example.com/b", text_two)  # "https://example.com/a" if the same story

Why MinHash and not SimHash, and why these numbers: measured on the labelled set in
``tests/data/near_duplicates/`` (``python -m newsclean.dedup tests/data/near_duplicates/pairs.jsonl``
prints precision, recall and cost of each; the figures are in newsclean/scrapy/README.md).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable
from hashlib import blake2b
from typing import Protocol

import numpy as np

from newsclean.extras import require

# datasketch is the `dedup` extra (also in `scrapy`): without it, importing this module says so.
MinHash = require("datasketch", "dedup", "near-duplicate detection (newsclean.dedup)").MinHash

# Word 3-grams: single words let two different stories on one subject look alike; with
# three-word shingles one edited word changes only three of them.
SHINGLE = 3
NUM_PERM = 128
# 32 bands of 4 values: texts of similarity 0.75 become candidates with probability
# 1 - (1 - 0.75**4)**32 > 0.9999, texts of similarity 0.15 with 1.6% (and are then rejected).
BANDS = 32
# Same story at or above this estimated Jaccard similarity. Measured: edited copies >= 0.75,
# different stories (follow-ups that reuse a background paragraph included) <= 0.15.
THRESHOLD = 0.5
# Texts shorter than this many words are not compared: two briefs on one subject could look
# alike; exact copies of them are still caught by the fingerprint.
MIN_WORDS = 40
SEED = 1  # fixed, so that signatures made by different processes and runs agree
WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of ``text``, NFKC-normalised and case-folded (punctuation and spacing ignored)."""
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(tokens: list[str], size: int = SHINGLE) -> Iterable[str]:
    """Overlapping runs of ``size`` words (the whole text if it is shorter)."""
    if len(tokens) <= size:
        return [" ".join(tokens)] if tokens else []
    return (" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def signature(text: str) -> bytes:
    """The MinHash signature of ``text`` over its word shingles: NUM_PERM 64-bit values, as bytes."""
    if not isinstance(text, str):
        raise TypeError(f"signature() takes a str, not {type(text).__name__}")
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch([s.encode("utf-8") for s in set(shingles(words(text)))])
    return bytes(minhash.hashvalues.astype("<u8").tobytes())


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity estimated from two signatures (the share of equal values)."""
    if len(a) != len(b):
        raise ValueError("signatures of different lengths")
    return float(np.mean(np.frombuffer(a, "<u8") == np.frombuffer(b, "<u8")))


def band_keys(sig: bytes, bands: int = BANDS) -> list[str]:
    """The LSH band keys of a signature: ``"<band>:<hash of its values>"``."""
    width = len(sig) // bands
    return [f"{i}:{blake2b(sig[i * width : (i + 1) * width], digest_size=8).hexdigest()}" for i in range(bands)]


def comparable(text: str) -> bool:
    """Whether ``text`` is long enough for near-duplicate detection (:data:`MIN_WORDS` words)."""
    return len(words(text)) >= MIN_WORDS


class DedupStore(Protocol):
    """Where a :class:`NearDuplicateIndex` keeps band keys (band -> keys) and signatures (key -> bytes)."""

    def candidates(self, bands: list[str]) -> set[str]:
        """The keys filed under any of these bands."""

    def signature(self, key: str) -> bytes | None:
        """The signature filed for a key."""

    def file(self, bands: list[str], key: str, sig: bytes) -> None:
        """File a key under each band, and its signature."""


class MemoryStore:
    """A :class:`DedupStore` in dicts: one process, gone at exit."""

    def __init__(self) -> None:
        self.bands: dict[str, list[str]] = {}
        self.signatures: dict[str, bytes] = {}

    def candidates(self, bands: list[str]) -> set[str]:
        """The keys filed under any of these bands."""
        return {key for band in bands for key in self.bands.get(band, ())}

    def signature(self, key: str) -> bytes | None:
        """The signature filed for a key."""
        return self.signatures.get(key)

    def file(self, bands: list[str], key: str, sig: bytes) -> None:
        """File a key under each band, and its signature."""
        self.signatures[key] = sig
        for band in bands:
            self.bands.setdefault(band, []).append(key)

    def unfile(self, key: str) -> None:
        """Forget the signature filed under ``key`` (its band entries then match nothing)."""
        self.signatures.pop(key, None)


class NearDuplicateIndex:
    """Texts seen so far, to tell whether a new one is the same story as an earlier one."""

    def __init__(self, store: DedupStore | None = None, threshold: float = THRESHOLD) -> None:
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
            raise ValueError(f"threshold must be a number in (0, 1], not {threshold!r}")
        self.store: DedupStore = store if store is not None else MemoryStore()
        self.threshold = float(threshold)

    def match(self, sig: bytes, exclude: str | None = None) -> str | None:
        """The key of the most similar earlier text at or above the threshold (the first on ties), or None.

        ``exclude``: a key not to match (the text's own, filed before).
        """
        best: tuple[float, str] | None = None
        for key in sorted(self.store.candidates(band_keys(sig))):
            if key == exclude:
                continue
            other = self.store.signature(key)
            if other is None:
                continue
            score = similarity(sig, other)
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, key)
        return best[1] if best else None

    def add(self, key: str, sig: bytes) -> None:
        """File a text's signature under its key."""
        self.store.file(band_keys(sig), key, sig)

    def check_and_add(self, key: str, text: str) -> str | None:
        """The key of the earlier text ``text`` duplicates, or None (and ``text`` is filed under ``key``).

        A key is one document: a text never duplicates the one filed under its own key (filed
        again, it replaces it; a crawl fetching a page again after a crash is not a copy).
        Texts shorter than :data:`MIN_WORDS` words are never near-duplicates (and not filed).
        """
        if not comparable(text):
            return None
        sig = signature(text)
        first = self.match(sig, exclude=key)
        if first is None:
            self.add(key, sig)
        return first

    def forget(self, key: str) -> None:
        """Forget the text filed under ``key``, if the store can (it has an ``unfile(key)``, as newsclean's stores do)."""
        unfile = getattr(self.store, "unfile", None)
        if unfile is not None:
            unfile(key)


def _measure(path: str) -> None:  # pragma: no cover - a measuring tool, run by hand
    """Precision, recall and cost per article of the candidates, on a labelled pairs file."""
    import json
    import time

    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    texts = {t for row in rows for t in (row["text_a"], row["text_b"])}

    def report(name: str, same: dict[str, object], close: object) -> None:
        tp = sum(1 for r in rows if r["same"] and close(same[r["text_a"]], same[r["text_b"]]))  # type: ignore[operator,misc]
        fp = sum(1 for r in rows if not r["same"] and close(same[r["text_a"]], same[r["text_b"]]))  # type: ignore[operator,misc]
        positives = sum(1 for r in rows if r["same"])
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(f"  {name:<34} precision {precision:6.1%}  recall {tp / positives:6.1%}  (tp {tp}, fp {fp})")

    def timed(function: object) -> tuple[dict[str, object], float]:
        start = time.perf_counter()
        out = {t: function(t) for t in texts}  # type: ignore[operator]
        return out, (time.perf_counter() - start) / len(texts) * 1000

    def bits(a: int, b: int) -> int:
        return (a ^ b).bit_count()

    print(f"{len(rows)} pairs, {len(texts)} texts")
    try:
        from trafilatura.deduplication import Simhash
    except ImportError:
        pass
    else:
        hashes, cost = timed(lambda t: Simhash(t).hash)
        print(f"trafilatura Simhash (words): {cost:.3f} ms per article")
        for d in (3, 4, 6, 8, 10):
            report(f"distance <= {d}", hashes, lambda a, b, d=d: bits(a, b) <= d)
    hashes, cost = timed(signature)
    print(f"MinHash ({NUM_PERM} values, {SHINGLE}-word shingles): {cost:.3f} ms per article")
    for threshold in (0.3, 0.5, 0.7):
        report(f"similarity >= {threshold}", hashes, lambda a, b, t=threshold: similarity(a, b) >= t)
    index_cost = time.perf_counter()
    index = NearDuplicateIndex()
    for number, text in enumerate(sorted(texts)):
        index.check_and_add(str(number), text)
    print(f"index check_and_add: {(time.perf_counter() - index_cost) / len(texts) * 1000:.3f} ms per article")


if __name__ == "__main__":  # pragma: no cover
    _measure(sys.argv[1])
