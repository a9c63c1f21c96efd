"""Build ``pairs.jsonl``, the labelled near-duplicate set: ``python tests/data/near_duplicates/make_pairs.py``.

Every text is the body of a demo-site article (``demo/site``, invented news written
for this project), as ``newsclean.extract`` gives it, or an edited copy of one:

- ``same`` pairs (label true): the story and a syndicated copy with small edits: a wire
  credit appended, the last paragraph rewritten, one paragraph dropped, a few words changed,
  an update line in front, paragraphs split or merged, or two of these at once;
- ``different`` pairs (label false): two different stories from the same site, every pair
  within a section and a sample across sections, plus follow-up stories (``follow_ups.json``:
  a new story on the same subject that reuses one background paragraph of the first).

The edits are drawn with a fixed seed, so the file is the same on every run.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import newsclean

HERE = Path(__file__).resolve().parent
SITE = HERE.parents[2] / "demo" / "site"
ORIGIN = "http://demo.test"
WIRE_CREDITS = [
    "This story was first published by the Demo Press wire service.",
    "Reporting by the Harbour Wire; editing by the night desk.",
    "Copyright Demo Press. Distributed by the Harbour Wire.",
]
UPDATES = [
    "Update: this story has been updated with a response from the council.",
    "Correction: an earlier version of this story gave the wrong date for the meeting.",
]
SWAPS = {"said": "stated", "the": "this", "would": "will", "has": "had", "city": "town", "new": "fresh", "year": "season"}


def bodies() -> dict[str, list[str]]:
    """Each demo article's paragraphs, by path."""
    manifest = json.loads((SITE / "manifest.json").read_text("utf-8"))
    out: dict[str, list[str]] = {}
    for path in manifest["articles"]:
        html = (SITE / path.lstrip("/")).read_bytes().replace(b"{{BASE}}", ORIGIN.encode())
        article = newsclean.extract(html, url=ORIGIN + path)
        out[path] = [block.text for block in article.blocks]
    return out


def swap_words(paragraphs: list[str], rng: random.Random, share: float = 0.03) -> list[str]:
    """Change about ``share`` of the words (a synonym where one is known, else the word dropped)."""
    changed = []
    for text in paragraphs:
        words = text.split()
        for index, word in enumerate(words):
            if rng.random() < share:
                words[index] = SWAPS.get(word.lower(), "")
        changed.append(" ".join(w for w in words if w))
    return changed


def edits(paragraphs: list[str], rng: random.Random) -> list[tuple[str, list[str]]]:
    """The syndicated copies of one story, each with the name of its edit."""
    copies = [
        ("wire-credit", [*paragraphs, rng.choice(WIRE_CREDITS)]),
        ("last-line-rewritten", [*paragraphs[:-1], "The council is expected to publish its response next week, officials said."]),
        ("update-line", [rng.choice(UPDATES), *paragraphs]),
        ("words-changed", swap_words(paragraphs, rng)),
        ("paragraphs-merged", [" ".join(paragraphs[:2]), *paragraphs[2:]]),
    ]
    if len(paragraphs) >= 5:
        drop = rng.randrange(1, len(paragraphs) - 1)
        copies.append(("paragraph-dropped", paragraphs[:drop] + paragraphs[drop + 1 :]))
        copies.append(("dropped-and-credit", [*(paragraphs[:drop] + paragraphs[drop + 1 :]), rng.choice(WIRE_CREDITS)]))
    copies.append(("words-and-credit", [*swap_words(paragraphs, rng), rng.choice(WIRE_CREDITS)]))
    return copies


def main() -> None:
    rng = random.Random(15)
    texts = bodies()
    rows: list[dict[str, object]] = []
    for path, paragraphs in texts.items():
        for edit, copy in edits(paragraphs, rng):
            rows.append({"a": path, "b": f"{path}#{edit}", "same": True, "edit": edit, "text_a": "\n".join(paragraphs), "text_b": "\n".join(copy)})
    paths = sorted(texts)
    pairs = [(a, b) for a, b in itertools.combinations(paths, 2) if a.split("/")[2] == b.split("/")[2]]
    across = [(a, b) for a, b in itertools.combinations(paths, 2) if a.split("/")[2] != b.split("/")[2]]
    pairs += rng.sample(across, 60)
    for a, b in pairs:
        rows.append({"a": a, "b": b, "same": False, "edit": "other-story", "text_a": "\n".join(texts[a]), "text_b": "\n".join(texts[b])})
    for follow_up in json.loads((HERE / "follow_ups.json").read_text("utf-8")):
        original = texts[follow_up["original"]]
        text = [*follow_up["paragraphs"], original[follow_up["reuses_paragraph"]]]
        rows.append({"a": follow_up["original"], "b": follow_up["id"], "same": False, "edit": "follow-up", "text_a": "\n".join(original), "text_b": "\n".join(text)})
    with open(HERE / "pairs.jsonl", "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(rows)} pairs: {sum(bool(r['same']) for r in rows)} same story, {sum(not r['same'] for r in rows)} different")


if __name__ == "__main__":
    main()
