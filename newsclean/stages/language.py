"""Guess the language of a text offline, for pages that do not declare it."""

from __future__ import annotations

import re
from collections import Counter

from newsclean.rules.languages import SCRIPTS, STOPWORDS

_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the most likely language of ``text``, or None when unsure."""
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < 20:
        return None
    scripts: Counter[str] = Counter()
    for ch in letters:
        if ch < "\u0370":
            continue
        for low, high, lang in SCRIPTS:
            if low <= ch <= high:
                scripts[lang] += 1
                break
    if scripts:
        lang, count = scripts.most_common(1)[0]
        if count > len(letters) * 0.3:
            # Japanese text is mostly Han characters with some kana: any kana means Japanese.
            return "ja" if lang == "zh" and scripts["ja"] > count * 0.05 else lang
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return None
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= max(3, len(words) // 25) else None
