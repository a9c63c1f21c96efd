"""Near-duplicate detection (``newsclean.dedup``) on the labelled set, and the pipeline's stores.

``tests/data/near_duplicates/pairs.jsonl`` (built by ``make_pairs.py`` from the demo site's
own invented articles): 240 pairs of a story and an edited copy, 140 pairs of different
stories from the same site (5 of them follow-ups that reuse a paragraph of the first).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem

from newsclean.dedup import MIN_WORDS, THRESHOLD, NearDuplicateIndex, comparable, signature, similarity
from newsclean.scrapy.dedup import DedupPipeline, Memory, Sqlite
from tests.crawl_helpers import RedisServer

PAIRS = Path(__file__).parent / "data" / "near_duplicates" / "pairs.jsonl"


@pytest.fixture(scope="module")
def pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines()]


def test_labelled_set_is_what_it_says(pairs):
    edits = {row["edit"] for row in pairs if row["same"]}
    assert {"wire-credit", "last-line-rewritten", "paragraph-dropped", "words-changed", "update-line"} <= edits
    assert sum(row["same"] for row in pairs) >= 200
    assert sum(row["edit"] == "follow-up" for row in pairs) >= 5
    assert all(row["text_a"] != row["text_b"] for row in pairs)


def test_precision_and_recall_on_the_labelled_set(pairs):
    """Every edited copy found, no different story taken for one (measured figures: 100% / 100%)."""
    found = {(row["a"], row["b"]): similarity(signature(row["text_a"]), signature(row["text_b"])) >= THRESHOLD for row in pairs}
    true_positives = sum(found[(r["a"], r["b"])] for r in pairs if r["same"])
    false_positives = sum(found[(r["a"], r["b"])] for r in pairs if not r["same"])
    assert false_positives == 0, [r["b"] for r in pairs if not r["same"] and found[(r["a"], r["b"])]]
    assert true_positives / sum(r["same"] for r in pairs) >= 0.99


def test_index_finds_the_first_copy_through_the_bands(pairs):
    """The LSH index, not a pairwise comparison: each copy is matched to its original among all texts."""
    index = NearDuplicateIndex()
    originals = {row["a"]: row["text_a"] for row in pairs if row["same"]}
    for key, text in originals.items():
        assert index.check_and_add(key, text) is None, f"{key} taken for a copy of another story"
    for row in pairs:
        if row["same"]:
            assert index.check_and_add(row["b"], row["text_b"]) == row["a"], row["edit"]
        elif row["edit"] == "follow-up":
            assert index.check_and_add(row["b"], row["text_b"]) is None


def test_short_texts_are_never_near_duplicates():
    brief = "Council meets on Monday."
    assert not comparable(brief)
    index = NearDuplicateIndex()
    assert index.check_and_add("a", brief) is None
    assert index.check_and_add("b", brief) is None  # exact copies are the fingerprint's business
    assert comparable(" ".join(["word"] * MIN_WORDS))


def test_caller_mistakes_are_type_and_value_errors():
    with pytest.raises(TypeError):
        signature(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=0)
    with pytest.raises(ValueError):
        NearDuplicateIndex(threshold=True)  # type: ignore[arg-type]


def test_signatures_agree_across_processes(pairs):
    """Fixed seed: the same text gives the same signature in any process (Redis and JOBDIR state rely on it)."""
    import subprocess
    import sys

    text = pairs[0]["text_a"]
    code = "import sys; from newsclean.dedup import signature; sys.stdout.write(signature(sys.stdin.read()).hex())"
    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True).stdout
    assert other == signature(text).hex()


def state_check(state, pairs) -> None:
    """The same answers from any store: exact keys written and reserved, then the near-duplicate index."""
    assert state.written("urls", "http://x/a") is None
    with state.transaction():
        state.reserve("urls", "http://x/a", "w1", "http://x/a")
    assert state.reserved("urls", "http://x/a") == ("w1", "http://x/a")
    with state.transaction():
        state.cancel("urls", "http://x/a", "w2")  # not w2's: kept
    assert state.reserved("urls", "http://x/a") == ("w1", "http://x/a")
    with state.transaction():
        state.settle("urls", "http://x/a", "http://x/a")
    assert state.written("urls", "http://x/a") == "http://x/a"
    assert state.reserved("urls", "http://x/a") is None
    with state.transaction():
        state.reserve("urls", "http://x/b", "w1", "http://x/b")
        state.cancel("urls", "http://x/b", "w1")
    assert state.reserved("urls", "http://x/b") is None and state.written("urls", "http://x/b") is None
    index = NearDuplicateIndex(state)
    row = next(r for r in pairs if r["same"])
    with state.transaction():
        assert index.check_and_add(row["a"], row["text_a"]) is None
    with state.transaction():
        assert index.check_and_add(row["a"], row["text_b"]) is None, "a text is not a copy of its own key's"
    with state.transaction():
        assert index.check_and_add(row["b"], row["text_b"]) == row["a"]
    with state.transaction():
        index.forget(row["a"])
        assert index.check_and_add(row["b"], row["text_b"]) is None, "forgotten: no first copy left"


def test_memory_state(pairs):
    state_check(Memory(), pairs)


def test_sqlite_state_survives_reopening(pairs, tmp_path):
    path = tmp_path / "dedup.sqlite"
    state = Sqlite(path)
    state_check(state, pairs)
    state.close()
    again = Sqlite(path)
    row = next(r for r in pairs if r["same"])
    assert NearDuplicateIndex(again).check_and_add("later", row["text_a"]) == row["b"]
    assert again.written("urls", "http://x/a") == "http://x/a"
    again.close()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM signatures").fetchone()[0] == 1


def test_redis_state(pairs):
    from newsclean.scrapy.dedup import Redis

    with RedisServer() as server:
        state_check(Redis(server.client(), "test:dedup"), pairs)
        keys = {key.decode() for key in server.client().keys("*")}
        assert {"test:dedup:urls", "test:dedup:signatures"} <= keys


# --- an article is "written" only once the feed has it ---------------------------------


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def article(url: str, text: str) -> dict:
    return {"url": url, "fingerprint": hashlib.sha256(text.encode()).hexdigest()[:16], "blocks": [{"type": "paragraph", "text": text}]}


def pipeline(state, worker: str, alive=()) -> DedupPipeline:
    made = DedupPipeline(Stats(), state)
    made.worker = worker
    made.others_alive = lambda other: other in alive
    return made


def test_a_copy_in_flight_is_a_duplicate_and_a_written_one_too(pairs):
    state = Memory()
    first = pipeline(state, "w1")
    item = article("http://x/a", pairs[0]["text_a"])
    assert first.process_item(item) is item
    with pytest.raises(DropItem, match="already written"):  # on its way to the feed: still one copy
        first.process_item(dict(item))
    first.item_written(item)
    assert state.written("urls", "http://x/a") == "http://x/a"
    with pytest.raises(DropItem, match="already written"):
        first.process_item(dict(item))
    assert first.stats.values["newsclean/dedup/same-url"] == 2


def test_a_killed_run_s_reservation_is_taken_over(pairs, tmp_path):
    """The window that lost articles: checked (and remembered) by a process killed before the feed wrote it.

    The resumed run (another worker id, same JOBDIR) fetches the page again: it must write it."""
    path = tmp_path / "dedup.sqlite"
    item = article("http://x/a", pairs[0]["text_a"])
    killed = pipeline(Sqlite(path), "run-1")
    killed.process_item(item)
    killed.state.close()  # no item_scraped: the process died
    resumed = pipeline(Sqlite(path), "run-2")
    again = dict(item)
    assert resumed.process_item(again) is again
    assert resumed.stats.values["newsclean/dedup/taken-over"] == 2  # its URL and its text
    resumed.item_written(again)
    assert resumed.state.written("urls", "http://x/a") == "http://x/a"


def test_a_live_process_s_reservation_is_respected_and_a_dropped_one_given_up(pairs):
    state = Memory()
    one, two = pipeline(state, "w1", alive={"w2"}), pipeline(state, "w2", alive={"w1"})
    item = article("http://x/a", pairs[0]["text_a"])
    one.process_item(item)
    with pytest.raises(DropItem):  # w1 is alive and writing it
        two.process_item(dict(item))
    one.item_lost(item)  # a later pipeline dropped it: nothing was written
    assert state.reserved("urls", "http://x/a") is None
    assert state.written("urls", "http://x/a") is None, "w2's copy claimed nothing"
    other = article("http://x/b", pairs[0]["text_a"] + " Updated.")
    assert two.process_item(other) is other, "the first copy's text was given up: the second is no near-duplicate"


def test_a_duplicate_drop_is_final(pairs):
    state = Memory()
    one = pipeline(state, "w1")
    row = next(r for r in pairs if r["same"])
    first, copy = article("http://x/a", row["text_a"]), article("http://x/b", row["text_b"])
    one.process_item(first)
    one.item_written(first)
    with pytest.raises(DropItem, match="near-duplicate"):
        one.process_item(copy)
    assert state.written("urls", "http://x/b") == "http://x/b" and state.reserved("urls", "http://x/b") is None


def test_reservations_follow_the_article_not_the_dict_and_not_its_duplicates(pairs):
    """A later pipeline may return a new dict: the feed's item still settles the reservation.
    A copy this pipeline drops as a duplicate in flight must not cancel the copy that passed."""
    state = Memory()
    one = pipeline(state, "w1")
    item = article("http://x/a", pairs[0]["text_a"])
    one.process_item(item)
    copy = dict(item)
    with pytest.raises(DropItem) as dropped:
        one.process_item(copy)
    one.item_lost(copy, exception=dropped.value)  # Scrapy's item_dropped for the duplicate
    assert state.reserved("urls", "http://x/a") == ("w1", "http://x/a")
    one.item_written({**item, "extra": "added by a later pipeline"})
    assert state.written("urls", "http://x/a") == "http://x/a" and not one.pending
    other = article("http://x/b", " ".join(f"word{n}" for n in range(60)))  # another story
    one.process_item(other)
    one.item_lost(dict(other), exception=DropItem("a later pipeline's reason"))
    assert state.reserved("urls", "http://x/b") is None and not one.pending
