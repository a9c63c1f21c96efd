"""ROUGE-LSum, the summary-level union-LCS score of Google's ``rouge-score`` (``rougeLsum``).

The "sentences" are paragraphs: the gold paragraphs on one side, the extracted paragraphs
on the other. Tokens are lower-cased Unicode word runs (``\\w+``) of the NFC-normalised
text (some gold files are NFD; canonically equivalent text must score the same). For
every reference paragraph we take the union of its LCS positions with each candidate
paragraph (the LCS chosen by the same backtracking as ``rouge-score``), then count hits
with per-token clipping, exactly as ``rouge_scorer._summary_level_lcs`` does.

The LCS table rows are computed with the bit-parallel algorithm of Crochemore et al.
(2001), so a whole corpus scores in seconds; the backtracking reads the table cells from
the row bit vectors and makes the same choices as the plain dynamic programme.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsclean.evaluation.sentences import split_sentences

TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 (all in 0..1)."""

    precision: float
    recall: float
    f1: float


ZERO = Score(0.0, 0.0, 0.0)


def tokenize(text: str) -> list[str]:
    """Lower-cased Unicode word tokens of the NFC form of ``text``."""
    return TOKEN_RE.findall(unicodedata.normalize("NFC", text).lower())


def rouge_lsum(reference: Sequence[str], candidate: Sequence[str], *, sentences: bool = False) -> Score:
    """ROUGE-LSum of ``candidate`` paragraphs against ``reference`` paragraphs.

    With ``sentences=True`` every paragraph is first split into sentences (the classic
    sentence-level ROUGE-LSum). Either side empty (no tokens) scores 0, as in ``rouge-score``.
    """
    if sentences:
        reference = [sentence for paragraph in reference for sentence in split_sentences(paragraph)]
        candidate = [sentence for paragraph in candidate for sentence in split_sentences(paragraph)]
    ref_sents = [tokens for tokens in map(tokenize, reference) if tokens]
    cand_sents = [tokens for tokens in map(tokenize, candidate) if tokens]
    return rouge_lsum_tokens(ref_sents, cand_sents)


def rouge_lsum_tokens(ref_sents: Sequence[Sequence[str]], cand_sents: Sequence[Sequence[str]]) -> Score:
    """ROUGE-LSum on already tokenised sentences (lists of tokens)."""
    m = sum(map(len, ref_sents))
    n = sum(map(len, cand_sents))
    if not m or not n:
        return ZERO
    ref_counts: Counter[str] = Counter(token for sent in ref_sents for token in sent)
    cand_counts: Counter[str] = Counter(token for sent in cand_sents for token in sent)
    candidates = [_Candidate(sent) for sent in cand_sents if sent]
    hits = 0
    for ref in ref_sents:
        for token in union_lcs(ref, candidates):
            if cand_counts[token] > 0 and ref_counts[token] > 0:
                hits += 1
                cand_counts[token] -= 1
                ref_counts[token] -= 1
    return _score(hits, m, n)


def _score(hits: int, ref_len: int, cand_len: int) -> Score:
    """Turn a hit count into precision, recall and F1."""
    precision = hits / cand_len
    recall = hits / ref_len
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return Score(precision, recall, f1)


class _Candidate:
    """A candidate sentence with its per-token match bit masks (bit j = position j)."""

    __slots__ = ("full", "masks", "tokens", "vocabulary")

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tuple(tokens)
        masks: dict[str, int] = {}
        for position, token in enumerate(self.tokens):
            masks[token] = masks.get(token, 0) | (1 << position)
        self.masks = masks
        self.vocabulary = frozenset(masks)
        self.full = (1 << len(self.tokens)) - 1


def union_lcs(ref: Sequence[str], candidates: Sequence[_Candidate] | Sequence[Sequence[str]]) -> list[str]:
    """Tokens of ``ref`` at the union of its LCS positions with every candidate, in order."""
    positions: set[int] = set()
    ref_vocabulary = frozenset(ref)
    for candidate in candidates:
        cand = candidate if isinstance(candidate, _Candidate) else _Candidate(candidate)
        if ref_vocabulary & cand.vocabulary:
            positions.update(lcs_indices(ref, cand))
    return [ref[i] for i in sorted(positions)]


def lcs_indices(ref: Sequence[str], candidate: _Candidate | Sequence[str]) -> list[int]:
    """Positions in ``ref`` of one LCS with ``candidate``, chosen like ``rouge-score`` does."""
    cand = candidate if isinstance(candidate, _Candidate) else _Candidate(candidate)
    rows = _lcs_rows(ref, cand)
    indices: list[int] = []
    i, j = len(ref), len(cand.tokens)
    while i > 0 and j > 0:
        if ref[i - 1] == cand.tokens[j - 1]:
            indices.append(i - 1)
            i -= 1
            j -= 1
        elif _cell(rows[i], j - 1) > _cell(rows[i - 1], j):
            j -= 1
        else:
            i -= 1
    indices.reverse()
    return indices


def _lcs_rows(ref: Sequence[str], cand: _Candidate) -> list[int]:
    """Bit-vector rows of the LCS table: row i encodes LCS(ref[:i], cand[:j]) for every j.

    A zero bit at position k means the table value rises by one between columns k and k+1.
    """
    vector = cand.full
    rows = [vector]
    for token in ref:
        matches = vector & cand.masks.get(token, 0)
        vector = ((vector + matches) | (vector - matches)) & cand.full
        rows.append(vector)
    return rows


def _cell(row: int, j: int) -> int:
    """LCS table value at column ``j`` for the bit-vector ``row``."""
    return j - (row & ((1 << j) - 1)).bit_count()


def lcs_length(ref: Sequence[str], cand: Sequence[str]) -> int:
    """Length of the longest common subsequence of two token sequences."""
    candidate = _Candidate(cand)
    return _cell(_lcs_rows(ref, candidate)[-1], len(candidate.tokens))
