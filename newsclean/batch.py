"""The batch behind ``newsclean extract``: inputs in, one result per input, in input order.

    items = expand(["pages/", "crawl.warc.gz", "https://example.com/story"], options)
    for result in run(items, options, jobs=4):          # or dask="local" / "tcp://host:8786"
        ...

Every input gives exactly one :class:`Result`, whatever happens to it: an article, a
per-input error (``reason`` + ``message``) or a language-filter drop. Nothing raised by
one input stops the others:

- files are read with a bound (``max_bytes``), ``.gz`` files inflated with the same bound
  (a gzip bomb is refused with ``too-large``, a truncated or corrupt one is
  ``corrupt-archive``);
- an unreadable file or directory (permissions, a dangling symlink, an I/O error) is an
  ``unreadable`` error for that path; a directory's readable files are still processed;
- WARC files are indexed first (:mod:`newsclean.warc`); each HTML response record is
  one input, non-pages are skipped and counted;
- with ``jobs > 1`` each worker process holds one input at a time, so when a worker dies
  (killed, out of memory, a crash in a C library) we know which input it held: the
  worker is replaced and the input retried once in a fresh process; if that one dies as
  well, the input is a ``worker-died`` error. No other input is lost;
- with Dask, inputs are sent in chunks; the scheduler re-runs the chunk of a worker that
  died on another worker, and results are written in input order, so the output bytes
  are the same as a single-process run.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from newsclean.canonical import dumps
from newsclean.config import DEFAULT_CONFIG, Config
from newsclean.errors import DocumentTooLargeError, ExtractionError
from newsclean.extras import require
from newsclean.fetch import FetchOptions
from newsclean.output import error_record, record, render
from newsclean.warc import WarcPage, WarcProblem, WarcSkip, gunzip, index, is_warc, read_page

log = logging.getLogger("newsclean")

PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt", ".gz", ".warc", ""}
WORKER_TASKS = 200  # a worker process is replaced after this many inputs (caches in lxml/trafilatura)
DASK_CHUNK = 25  # inputs per Dask task: big enough to amortise scheduling, small enough to balance


@dataclass(frozen=True)
class Options:
    """What to do with each input; sent to worker processes (picklable)."""

    explain: bool = False
    force_text: bool = False
    url: str | None = None
    fmt: str = "jsonl"
    single: bool = False  # one input: the bare article, pretty
    languages: frozenset[str] = frozenset()
    config: Config = DEFAULT_CONFIG
    fetch: FetchOptions = field(default_factory=FetchOptions)


@dataclass(frozen=True)
class Task:
    """One input: a file path, a URL, bytes already read (stdin) or an indexed WARC record."""

    source: str
    kind: str  # "file" | "url" | "data" | "warc"
    data: bytes | None = None
    warc: WarcPage | None = None

    def extra(self) -> dict[str, Any]:
        """The WARC fields of its output line."""
        if self.warc is None:
            return {}
        return {"warcDate": self.warc.date or None, "warcRecordId": self.warc.record_id or None, "warcTargetUri": self.warc.url or None}


@dataclass(frozen=True)
class Result:
    """What came of one input: ``payload`` (rendered article), or ``reason``/``message``, or ``filtered``."""

    source: str
    payload: bytes | None = None
    reason: str | None = None
    message: str | None = None
    filtered: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.reason is None

    def error_line(self, fmt: str) -> bytes:
        """The JSON error record, rendered like the articles of this run."""
        return dumps(error_record(self.source, self.reason or "", self.message or "", self.extra), indent=fmt == "json")


@dataclass
class Expansion:
    """The inputs, in order (tasks and ready-made error results), and what was skipped."""

    items: list[Task | Result] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


# -- expanding the command line into inputs ----------------------------------------------------


def is_url(item: str) -> bool:
    """An http(s) URL given on the command line."""
    return item.lower().startswith(("http://", "https://"))


def expand(inputs: Sequence[str], max_bytes: int = DEFAULT_CONFIG.max_bytes) -> Expansion:
    """Files, directories (recursively, sorted), URLs, ``-`` and WARC files as inputs."""
    out = Expansion()
    for item in inputs:
        if item == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                out.items.append(Result("-", reason="too-large", message=f"standard input exceeds the limit of {max_bytes} bytes"))
            else:
                out.items.append(Task("-", "data", data=data))
        elif is_url(item):
            out.items.append(Task(item, "url"))
        elif os.path.isdir(item):
            for path, problem in _walk(item):
                if problem is not None:
                    out.items.append(Result(path, reason="unreadable", message=problem))
                else:
                    _add_file(out, path, max_bytes)
        else:
            _add_file(out, item, max_bytes)
    return out


def _walk(root: str) -> Iterator[tuple[str, str | None]]:
    """Every page file under ``root`` in sorted order, and every path we could not read.

    A directory is unreadable when ``os.access`` says so, when listing it fails, or when
    it has no read bit at all (``chmod 000``): root could read it anyway, but someone
    locked it, and silently including or skipping it would both surprise.
    """
    entries: list[tuple[str, str | None]] = []

    def visit(directory: str) -> None:
        try:
            locked = os.stat(directory).st_mode & 0o444 == 0
        except OSError:
            locked = True
        if locked or not os.access(directory, os.R_OK | os.X_OK):
            entries.append((directory, "directory not readable (permission denied)"))
            return
        try:
            names = sorted(os.listdir(directory))
        except OSError as error:
            entries.append((directory, f"cannot list directory: {error.strerror or error}"))
            return
        for name in names:
            path = os.path.join(directory, name)
            if os.path.isdir(path):
                if os.path.islink(path):
                    continue  # do not follow directory symlinks (loops)
                visit(path)
            elif os.path.lexists(path) and not os.path.exists(path):
                entries.append((path, "dangling symbolic link"))
            elif os.path.isfile(path) and _page_suffix(path):
                entries.append((path, None))

    visit(root)
    return iter(entries)


def _page_suffix(path: str) -> bool:
    return Path(path).suffix.lower() in PAGE_SUFFIXES


def _add_file(out: Expansion, path: str, max_bytes: int) -> None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as error:
        out.items.append(Result(path, reason="unreadable", message=error.strerror or str(error)))
        return
    if not is_warc(path, head):
        out.items.append(Task(path, "file"))
        return
    try:
        for entry in index(os.path.abspath(path), max_bytes=max_bytes):  # workers read by absolute path
            if isinstance(entry, WarcPage):
                out.items.append(Task(path, "warc", warc=entry))
            elif isinstance(entry, WarcProblem):
                extra = {"warcOffset": entry.offset, "warcRecordId": entry.record_id, "warcTargetUri": entry.url}
                out.items.append(Result(path, reason=entry.reason, message=f"at byte {entry.offset}: {entry.message}", extra=extra))
            elif isinstance(entry, WarcSkip):
                out.skipped[entry.kind] += 1
    except OSError as error:
        out.items.append(Result(path, reason="unreadable", message=error.strerror or str(error)))


# -- one input --------------------------------------------------------------------------------


def read_file(path: str, max_bytes: int) -> bytes:
    """A page file's bytes, never reading (or inflating) more than ``max_bytes``."""
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DocumentTooLargeError(f"file exceeds the limit of {max_bytes} bytes")
    if path.lower().endswith(".gz") or data[:3] == b"\x1f\x8b\x08":
        data = gunzip(data, max_bytes)
    return data


def looks_like_text(data: bytes, name: str) -> bool:
    """Plain text (not HTML): a .txt file, or content with no tags in its first kilobytes."""
    lower = name.lower()
    if lower.endswith((".txt", ".txt.gz")):
        return True
    if lower.endswith((".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")) or "://" in name:
        return False
    head = data[:4096].lstrip().lower()
    return not head.startswith((b"<", b"\xef\xbb\xbf<")) and b"<p" not in head and b"<div" not in head and b"<html" not in head


def process(task: Task, options: Options) -> Result:
    """Extract one input; never raises. Runs in worker processes."""
    from newsclean.pipeline import extract
    from newsclean.text import clean_text

    extra = task.extra()
    try:
        url, headers = options.url, None
        if task.kind == "file":
            data = read_file(task.source, options.config.max_bytes)
        elif task.kind == "url":
            from newsclean.fetch import fetch

            fetched = fetch(task.source, options.fetch)
            data, headers, url = fetched.body, fetched.headers, url or fetched.url
        elif task.kind == "warc" and task.warc is not None:
            url, headers, data, _page = read_page(task.warc, max_bytes=options.config.max_bytes)
        else:
            data = task.data or b""
        if options.force_text or (task.kind in ("file", "data") and looks_like_text(data, task.source)):
            article = clean_text(data, url=url, explain=options.explain, config=options.config)
        else:
            article = extract(data, url=url, explain=options.explain, headers=headers, config=options.config)
    except ExtractionError as error:
        return Result(task.source, reason=error.reason, message=error.message, extra=extra)
    except OSError as error:
        return Result(task.source, reason="unreadable", message=error.strerror or str(error), extra=extra)
    except Exception as error:  # a bug outside extract() (e.g. in clean_text): ours, visible, not fatal
        log.error("internal error on %s", task.source, exc_info=True)
        return Result(task.source, reason="internal-error", message=f"{type(error).__name__}: {error}", extra=extra)
    if options.languages and (article.inLanguage or "").split("-")[0].lower() not in options.languages:
        return Result(task.source, filtered=True, extra=extra)
    data_out = article.to_dict()
    if options.single and options.fmt == "json":
        return Result(task.source, payload=dumps(data_out, indent=True), extra=extra)
    if options.fmt in ("json", "jsonl"):
        return Result(task.source, payload=dumps(record(data_out, task.source, extra), indent=options.fmt == "json"), extra=extra)
    return Result(task.source, payload=render(data_out, options.fmt), extra=extra)


def run_chunk(tasks: Sequence[Task], options: Options) -> list[Result]:
    """Process a chunk of inputs (the unit of work of a Dask task)."""
    return [process(task, options) for task in tasks]


# -- running many inputs ----------------------------------------------------------------------


def run(items: Iterable[Task | Result], options: Options, *, jobs: int = 1, dask: str | None = None) -> Iterator[Result]:
    """One result per item, in order: here, in ``jobs`` worker processes, or on Dask."""
    if dask:
        yield from _run_dask(items, options, dask, jobs)
    elif jobs <= 1:
        for item in items:
            yield item if isinstance(item, Result) else process(item, options)
    else:
        yield from _run_pool(items, options, jobs)


def _warm_up() -> None:
    """Load, once in the parent, what each forked worker would otherwise load again: the
    stage modules, trafilatura and the language model (~1 s of CPU per worker, and workers
    are replaced every WORKER_TASKS inputs). Forked workers share it copy-on-write."""
    from newsclean.pipeline import extract
    from newsclean.stages.language import identify

    identify("A few words of English so that the language model is loaded before the workers start.")
    page = "<html><body><article><h1>Warm</h1>" + "<p>A paragraph of a story that runs on for a while, as stories do.</p>" * 5
    try:
        extract(page + "</article></body></html>")
    except ExtractionError:
        pass


def _worker(conn: Connection, options: Options) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    for _ in range(WORKER_TASKS):
        message = conn.recv()
        if message is None:
            return
        number, task = message
        conn.send((number, process(task, options)))


@dataclass
class _Slot:
    process: Any
    conn: Connection
    job: tuple[int, Task, int] | None = None  # (number, task, attempt)
    count: int = 0


def _run_pool(items: Iterable[Task | Result], options: Options, jobs: int) -> Iterator[Result]:
    """Worker processes that each hold one input at a time; a dead worker is replaced and its input retried once."""
    context: Any = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    if context.get_start_method() == "fork":
        _warm_up()
    source = iter(enumerate(items))
    queue: deque[tuple[int, Task, int]] = deque()
    done: dict[int, Result] = {}
    slots: list[_Slot] = []
    next_out, taken, exhausted = 0, 0, False
    window = jobs * 8

    def start() -> _Slot:
        parent, child = context.Pipe()
        proc = context.Process(target=_worker, args=(child, options), daemon=True)
        proc.start()
        child.close()
        return _Slot(proc, parent)

    def died(slot: _Slot) -> None:
        slot.process.join(timeout=5)
        code = slot.process.exitcode
        slot.conn.close()
        if slot.job is not None:
            number, task, attempt = slot.job
            how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            if attempt == 1:
                log.warning("a worker died (%s) on %s; retrying it in a new worker", how, task.source)
                queue.appendleft((number, task, 2))
            else:
                done[number] = Result(task.source, reason="worker-died", message=f"the worker process died twice on this input ({how})",
                                      extra=task.extra())
        slots[slots.index(slot)] = start()

    try:
        slots.extend(start() for _ in range(jobs))
        while True:
            while not exhausted and taken - next_out < window:
                try:
                    number, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                taken += 1
                if isinstance(item, Result):
                    done[number] = item
                else:
                    queue.append((number, item, 1))
            for slot in slots:
                if slot.job is None and queue:
                    slot.job = queue.popleft()
                    try:
                        slot.conn.send(slot.job[:2])
                    except (BrokenPipeError, OSError):
                        died(slot)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            busy = [slot for slot in slots if slot.job is not None]
            if not busy:
                if exhausted and not queue:
                    return
                continue
            ready = wait([s.conn for s in busy] + [s.process.sentinel for s in busy])
            for slot in busy:
                if slot.conn in ready:
                    try:
                        number, result = slot.conn.recv()
                    except (EOFError, OSError):
                        died(slot)
                        continue
                    done[number] = result
                    slot.job = None
                    slot.count += 1
                    if slot.count >= WORKER_TASKS:  # the worker leaves by itself: replace it, not a death
                        slot.process.join()
                        slot.conn.close()
                        slots[slots.index(slot)] = start()
                elif slot.process.sentinel in ready:
                    died(slot)
    finally:
        for slot in slots:
            try:
                slot.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for slot in slots:
            slot.process.join(timeout=5)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()


def _run_dask(items: Iterable[Task | Result], options: Options, address: str, jobs: int) -> Iterator[Result]:
    """Chunks of inputs as Dask tasks; results in input order (same bytes as one process)."""
    require("distributed", "dask", "newsclean extract --dask")  # a clear error without the extra
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None) if address == "local" else None  # type: ignore[no-untyped-call]
    client = Client(cluster if cluster is not None else address)  # type: ignore[no-untyped-call]
    try:
        ordered: deque[Any] = deque()  # Result, or (future, tasks)
        chunk: list[Task] = []
        window = max(2, jobs) * 4
        in_flight = 0

        def flush() -> None:
            nonlocal chunk, in_flight
            if chunk:
                ordered.append((client.submit(run_chunk, chunk, options, pure=False), chunk))
                in_flight += 1
                chunk = []

        def drain(until: int) -> Iterator[Result]:
            nonlocal in_flight
            while ordered and (in_flight > until or isinstance(ordered[0], Result)):
                head = ordered.popleft()
                if isinstance(head, Result):
                    yield head
                    continue
                future, tasks = head
                in_flight -= 1
                yield from _gather(future, tasks)

        for item in items:
            if isinstance(item, Result):
                flush()
                ordered.append(item)
            else:
                chunk.append(item)
                if len(chunk) >= DASK_CHUNK:
                    flush()
            yield from drain(window)
        flush()
        yield from drain(0)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()


def _gather(future: Any, tasks: list[Task]) -> list[Result]:
    try:
        return list(future.result())
    except Exception as error:  # KilledWorker after Dask's retries, a lost scheduler
        message = f"the Dask task failed: {type(error).__name__}: {error}"
        return [Result(task.source, reason="worker-died", message=message, extra=task.extra()) for task in tasks]
