"""The ``newsclean`` command line.

    newsclean extract FILE|DIR|- ...  [--url U] [--explain] [--text] [-j N]
    newsclean fixtures check|update [CASE ...] [--dir DIR]
    newsclean fixtures new NAME FILE [--url U] [--dir DIR]
    newsclean eval DIR [--compare trafilatura] [--json OUT] [--worse]
    newsclean bench DIR [--limit N]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from newsclean import __version__
from newsclean.canonical import dumps
from newsclean.errors import ExtractionError

PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".txt", ".gz", ""}
WORKER_TASKS = 200


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `newsclean extract dir | head`
        return 0
    except (FileNotFoundError, FileExistsError) as error:
        print(f"newsclean: error: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsclean", description="News pages to clean, canonical article JSON.")
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract articles from files, directories or stdin")
    ex.add_argument("inputs", nargs="+", help="HTML or text files, directories of them, or - for stdin")
    ex.add_argument("--url", help="the page's URL (one input only)")
    ex.add_argument("--explain", action="store_true", help="add `removed`: what was dropped and by which rule")
    ex.add_argument("--text", action="store_true", help="treat input as a plain-text dump (default: detect)")
    ex.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: CPUs)")
    ex.set_defaults(func=_extract)

    fx = sub.add_parser("fixtures", help="check, review and accept fixture cases")
    fx_sub = fx.add_subparsers(required=True, metavar="ACTION")
    for name, helptext in (("check", "compare every case with its expected.json"), ("update", "show the diff and rewrite expected.json")):
        p = fx_sub.add_parser(name, help=helptext)
        p.add_argument("cases", nargs="*", help="case names (default: all)")
        p.add_argument("--dir", type=Path, default=Path("fixtures"), help="fixture folder (default: fixtures)")
        p.set_defaults(func=_fixtures, action=name)
    p = fx_sub.add_parser("new", help="create a case from a page")
    p.add_argument("name")
    p.add_argument("file", type=Path)
    p.add_argument("--url")
    p.add_argument("--about", default="")
    p.add_argument("--dir", type=Path, default=Path("fixtures"))
    p.set_defaults(func=_fixtures_new)

    ev = sub.add_parser("eval", help="score newsclean (and others) on a gold corpus")
    ev.add_argument("corpus", type=Path)
    ev.add_argument("--compare", action="append", default=[], help="another engine, e.g. trafilatura")
    ev.add_argument("--json", type=Path, help="write all figures and per-page scores here")
    ev.add_argument("--worse", action="store_true", help="list pages where newsclean trails the first compared engine")
    ev.add_argument("--limit", type=int)
    ev.set_defaults(func=_eval)

    be = sub.add_parser("bench", help="CPU time per page: newsclean vs trafilatura vs a plain lxml parse")
    be.add_argument("corpus", type=Path)
    be.add_argument("--limit", type=int)
    be.add_argument("--repeat", type=int, default=1)
    be.set_defaults(func=_bench)
    return parser


# -- extract ----------------------------------------------------------------------------------


def _expand(inputs: Sequence[str]) -> Iterator[str]:
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)
        else:
            yield item


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    data = Path(name).read_bytes()
    if name.endswith(".gz"):
        import gzip

        data = gzip.decompress(data)
    return data


def looks_like_text(data: bytes, name: str) -> bool:
    """Plain text (not HTML): a .txt file, or content with no tags in its first kilobytes."""
    if name.endswith(".txt"):
        return True
    if name.endswith((".html", ".htm", ".xhtml", ".html.gz")):
        return False
    head = data[:4096].lstrip().lower()
    return not head.startswith((b"<", b"\xef\xbb\xbf<")) and b"<p" not in head and b"<div" not in head and b"<html" not in head


def process(name: str, url: str | None, explain: bool, force_text: bool) -> tuple[str, bytes | None, str | None]:
    """Extract one input; returns (name, canonical JSON, error line). Runs in worker processes."""
    from newsclean.pipeline import extract
    from newsclean.text import clean_text

    try:
        data = _read(name)
        if force_text or looks_like_text(data, name):
            article = clean_text(data, url=url, explain=explain)  # bytes: binary input is refused
        else:
            article = extract(data, url=url, explain=explain)
        return name, article.to_dict() and dumps(article.to_dict()), None
    except ExtractionError as error:
        return name, None, f"{name}: {error.reason}: {error}"
    except OSError as error:
        return name, None, f"{name}: unreadable: {error}"


def _extract(args: argparse.Namespace) -> int:
    names = list(_expand(args.inputs))
    if not names:
        print("newsclean: error: no input files", file=sys.stderr)
        return 2
    if len(names) == 1:
        _name, data, error = process(names[0], args.url, args.explain, args.text)
        if error:
            print(f"newsclean: error: {error}", file=sys.stderr)
            return 1
        import orjson

        sys.stdout.buffer.write(dumps(orjson.loads(data or b"{}"), indent=True))
        return 0
    failed = 0
    progress = _Progress(len(names))
    out = sys.stdout.buffer
    for _name, data, error in _map(names, args):
        if error:
            failed += 1
            progress.clear()
            print(f"newsclean: error: {error}", file=sys.stderr)
        else:
            out.write((data or b"") + b"\n")
        progress.step()
    out.flush()
    progress.done(failed)
    return 1 if failed else 0


def _map(names: list[str], args: argparse.Namespace) -> Iterator[tuple[str, bytes | None, str | None]]:
    """Results in input order; with -j > 1 in worker processes, streaming (bounded memory)."""
    jobs = max(1, min(args.jobs, len(names)))
    if jobs == 1:
        for name in names:
            yield process(name, None, args.explain, args.text)
        return
    # Workers are replaced every WORKER_TASKS pages so that caches inside lxml and
    # trafilatura cannot grow without bound over a long batch (Python >= 3.11).
    options = {"max_tasks_per_child": WORKER_TASKS} if sys.version_info >= (3, 11) else {}
    with ProcessPoolExecutor(max_workers=jobs, **options) as pool:
        window = jobs * 8
        pending = []
        for name in names:
            pending.append(pool.submit(process, name, None, args.explain, args.text))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


class _Progress:
    """A one-line progress bar on stderr when it is a terminal; a summary line always."""

    def __init__(self, total: int) -> None:
        self.total, self.count = total, 0
        self.tty = sys.stderr.isatty()

    def step(self) -> None:
        self.count += 1
        if self.tty:
            filled = 30 * self.count // self.total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.count}/{self.total}")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.tty:
            sys.stderr.write("\r" + " " * 50 + "\r")

    def done(self, failed: int) -> None:
        self.clear()
        print(f"newsclean: {self.total - failed} of {self.total} pages extracted, {failed} failed", file=sys.stderr)


# -- fixtures ---------------------------------------------------------------------------------


def _fixtures(args: argparse.Namespace) -> int:
    from newsclean import fixtures

    changed = 0
    for case, actual, expected in fixtures.outcomes(fixtures.load_cases(args.dir, args.cases)):
        if expected == actual:
            continue
        changed += 1
        print(f"=== {case.name}: {'new' if expected is None else 'changed'}")
        if expected is not None:
            print(fixtures.diff(expected, actual))
        if args.action == "update":
            case.expected_path.write_bytes(actual)
    verb = "updated" if args.action == "update" else "differ"
    print(f"{changed} case(s) {verb}", file=sys.stderr)
    return 1 if changed and args.action == "check" else 0


def _fixtures_new(args: argparse.Namespace) -> int:
    from newsclean import fixtures

    case = fixtures.new_case(args.dir, args.name, args.file, url=args.url, about=args.about)
    print(f"created {case.path}; review {case.expected_path} and add [check] assertions to case.toml")
    return 0


# -- eval / bench -----------------------------------------------------------------------------


def _eval(args: argparse.Namespace) -> int:
    from newsclean import evaluation

    result = evaluation.run_eval(args.corpus, compare=args.compare, limit=args.limit)
    print(evaluation.format_table(result))
    if args.json:
        evaluation.write_json(result, args.json)
    if args.worse or "trafilatura" in args.compare:  # the pages newsclean loses are always shown
        print(evaluation.worse_pages(result))
    return 0


def _bench(args: argparse.Namespace) -> int:
    from newsclean import bench

    print(bench.run(args.corpus, limit=args.limit, repeat=args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
