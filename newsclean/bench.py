"""``newsclean bench``: CPU time per page, newsclean vs trafilatura vs a plain lxml parse.

All engines run on the same pages in one process, after a warm-up, so the ratios hold
on a noisy machine. CPU time (``time.process_time``) is used, not wall time.
"""

from __future__ import annotations

import gzip
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from lxml import html as lxml_html

Engine = Callable[[bytes, str | None], object]


def load_pages(root: Path, limit: int | None = None) -> list[tuple[str, bytes]]:
    """Pages of a corpus folder (``html/*.html.gz``) or any folder of .html/.html.gz files."""
    folder = root / "html" if (root / "html").is_dir() else root
    files = sorted(p for p in folder.rglob("*") if p.name.endswith((".html", ".htm", ".html.gz")))[:limit]
    return [(p.name, gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()) for p in files]


def text_dump(page: bytes) -> str:
    """A "select all" style text dump of a page (for timing clean_text)."""
    try:
        tree = lxml_html.document_fromstring(page)
    except Exception:
        return ""
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    lines = []
    for el in tree.iter("h1", "h2", "h3", "p", "li", "figcaption", "a", "span", "div"):
        text = (el.text or "").strip()
        if text:
            lines.append(text)
    return "\n\n".join(lines)


def _engines() -> dict[str, Engine]:
    import trafilatura

    import newsclean

    def run_newsclean(page: bytes, url: str | None) -> object:
        try:
            return newsclean.extract(page, url=url)
        except newsclean.ExtractionError:
            return None

    return {
        "lxml-parse": lambda page, url: lxml_html.document_fromstring(page),
        "trafilatura": lambda page, url: trafilatura.extract(page, url=url),
        "newsclean": run_newsclean,
    }


def _time(engines: dict[str, Engine], pages: list[tuple[str, bytes]], repeat: int) -> dict[str, list[float]]:
    """CPU ms of every engine on every page. The engines take turns page by page, so a
    machine that gets busier during the run slows them all alike and the ratios hold."""
    times: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(repeat):
        for _name, page in pages:
            for name, engine in engines.items():
                start = time.process_time()
                engine(page, None)
                times[name].append((time.process_time() - start) * 1000)
    return times


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) >= 20 else max(times)


def _row(name: str, times: list[float], reference: dict[str, float], reference_p95: float) -> str:
    median = statistics.median(times)
    p95 = _p95(times)
    total = sum(times)
    ratios = "  ".join(f"{median / ref:6.2f}x" if ref else "     -" for ref in reference.values())
    p95_ratio = f"{p95 / reference_p95:6.2f}x" if reference_p95 else "     -"
    return f"{name:<22}{median:9.2f}{p95:9.2f}{1000 * len(times) / total:10.1f}   {ratios}  {p95_ratio}"


def run(root: Path, limit: int | None = None, repeat: int = 1) -> str:
    """Benchmark all engines on the pages under ``root``; return the table as text."""
    import newsclean

    pages = load_pages(root, limit)
    if not pages:
        return f"no pages under {root}"
    engines = _engines()
    for engine in engines.values():  # warm-up: imports, caches, compiled rules
        for _name, page in pages[:5]:
            engine(page, None)
    results = _time(engines, pages, repeat)
    dumps = [text for text in (text_dump(page) for _name, page in pages) if text.strip()]

    def run_clean_text(text: str) -> None:
        try:
            newsclean.clean_text(text)
        except newsclean.ExtractionError:
            pass

    text_times: list[float] = []
    for text in dumps[:5]:
        run_clean_text(text)
    for _ in range(repeat):
        for text in dumps:
            start = time.process_time()
            run_clean_text(text)
            text_times.append((time.process_time() - start) * 1000)

    stages = _stage_table(pages, repeat)
    reference = {"trafilatura": statistics.median(results["trafilatura"]), "lxml": statistics.median(results["lxml-parse"])}
    reference_p95 = _p95(results["trafilatura"])
    lines = [
        f"{len(pages)} pages from {root}, repeat={repeat}, CPU ms per page (process_time)",
        f"{'engine':<22}{'median':>9}{'p95':>9}{'pages/s':>10}   {'/trafil':>7}  {'/lxml':>7}  {'p95/trafil':>10}",
    ]
    lines += [_row(name, times, reference, reference_p95) for name, times in results.items()]
    if text_times:
        lines.append(_row("newsclean.clean_text", text_times, reference, reference_p95))
    return "\n".join([*lines, "", *stages])


STAGES = ("decode", "parse", "metadata", "prune", "images", "trafilatura", "cleaning", "safety-net", "photo-story", "article", "canonical")


def _stage_table(pages: list[tuple[str, bytes]], repeat: int) -> list[str]:
    """Where newsclean's time goes: per stage, the mean and median CPU ms per page and the share."""
    from newsclean.pipeline import profile

    runs = [profile(page) for _ in range(repeat) for _name, page in pages]
    total = sum(sum(run.values()) for run in runs) or 1.0
    lines = [f"{'newsclean stage':<22}{'mean':>9}{'median':>9}{'share':>8}{'pages':>7}"]
    for stage in STAGES:
        values = [run[stage] for run in runs if stage in run]
        if not values:
            continue
        share = 100.0 * sum(values) / total
        lines.append(f"{stage:<22}{sum(values) / len(runs):9.2f}{statistics.median(values):9.2f}{share:7.1f}%{len(values):7d}")
    return lines
