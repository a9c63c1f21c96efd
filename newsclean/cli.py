"""The ``newsclean`` command line.

    newsclean extract FILE|DIR|URL|WARC|- ...  [-o OUT] [--format F] [-j N | --dask ADDR] [--lang L]
    newsclean fixtures check|update [CASE ...] [--dir DIR]
    newsclean fixtures new NAME FILE [--url U] [--dir DIR]
    newsclean eval DIR [--compare trafilatura] [--json OUT] [--worse]
    newsclean bench DIR [--limit N]

Exit status of ``extract``: 0 every input gave an article (or was filtered by language),
1 at least one input failed (each failure has an error line on stdout and stderr),
2 usage error (bad arguments, unwritable output, no inputs).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsclean.extras import MissingExtraError, require
from newsclean.version import __version__

if TYPE_CHECKING:
    from newsclean.config import Config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is _extract:
        _check_extract_args(parser, args)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `newsclean extract dir | head`
        return 0
    except (FileNotFoundError, FileExistsError, IsADirectoryError, PermissionError) as error:
        print(f"newsclean: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except MissingExtraError as error:  # an input that needs an extra (a WARC without fastwarc)
        print(f"newsclean: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def _number(convert: Callable[[str], float], minimum: float, *, inclusive: bool, what: str) -> Callable[[str], Any]:
    """An argparse type: ``convert`` the text, and refuse values below ``minimum`` (or at it)."""

    def parse(text: str) -> Any:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if value < minimum or (value == minimum and not inclusive):
            raise argparse.ArgumentTypeError(f"must be {'at least' if inclusive else 'more than'} {minimum:g}, not {text}")
        return value

    return parse


_positive_int = _number(int, 1, inclusive=True, what="a whole number")
_count = _number(int, 0, inclusive=True, what="a whole number")
_seconds = _number(float, 0, inclusive=False, what="a number of seconds")


EXTRACT_EPILOG = """output: one input (a file, URL or -) gives the article as pretty JSON; several inputs,
a directory or a WARC file give JSON Lines, one line per input (or WARC record), in
input order, each with its "source" (and warcRecordId, warcDate, warcTargetUri for
WARC records). A failed input gives {"source": ..., "error": {"reason": ..., "message":
...}} on stdout and a line on stderr; every other input is still processed. A summary
line always ends stderr.

exit status: 0 all inputs ok, 1 some inputs failed, 2 usage error.
"""


def _parser() -> argparse.ArgumentParser:
    from newsclean.output import FORMATS

    parser = argparse.ArgumentParser(prog="newsclean", description="News pages to clean, canonical article JSON.")
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}", help="print the version and exit")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    ex = sub.add_parser("extract", help="extract articles from files, directories, URLs, WARC files or stdin",
                        description="Extract articles from files, directories, URLs, WARC files or stdin.",
                        epilog=EXTRACT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("inputs", nargs="+", metavar="INPUT",
                    help="an HTML or text file (.gz too), a directory of them, an http(s) URL, a WARC file (.warc, .warc.gz), or - for stdin")
    ex.add_argument("--url", help="the page's URL, for relative links and the article's url (one file input only)")
    ex.add_argument("--explain", action="store_true", help="add `removed`: what was dropped and by which rule")
    ex.add_argument("--text", action="store_true", help="treat input as a plain-text dump (default: detect)")
    ex.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the output to FILE instead of stdout")
    ex.add_argument("--format", choices=FORMATS, help="output format (default: json for one input, jsonl otherwise)")
    ex.add_argument("--lang", metavar="CODES", default=os.environ.get("NEWSCLEAN_LANGUAGES", ""),
                    help="keep only articles in these languages, e.g. en,de (detected inLanguage; default: $NEWSCLEAN_LANGUAGES or all)")
    ex.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                    help="worker processes, or Dask workers with --dask local (default: CPUs, at least 1)")
    ex.add_argument("--dask", metavar="ADDRESS", help="run on Dask: 'local' (a LocalCluster of -j workers) or a scheduler address tcp://host:8786")
    ex.add_argument("--progress", action="store_true", help="show a progress bar on stderr even when it is not a terminal")
    ex.add_argument("--no-robots", action="store_true", help="fetch URLs even when robots.txt disallows them")
    ex.add_argument("--timeout", type=_seconds, default=10.0, metavar="S", help="seconds per connect/read when fetching URLs (default: 10)")
    ex.add_argument("--max-redirects", type=_count, default=5, metavar="N", help="redirects followed per URL (default: 5)")
    ex.add_argument("--max-bytes", type=_positive_int, default=None, metavar="N",
                    help="refuse pages (and inflated .gz files, WARC records, fetched bodies) larger than N bytes (default: 20 MiB)")
    cf = ex.add_argument_group("extraction options (a --config file first, then these flags)")
    cf.add_argument("--config", type=Path, metavar="FILE", help="read options from a TOML file ([newsclean] table or top-level keys)")
    cf.add_argument("--rules", action="append", default=[], metavar="FILE", help="add a rule pack (TOML; repeatable)")
    cf.add_argument("--disable", action="append", default=[], metavar="RULE", help="switch a rule off by name (repeatable; see newsclean.RULE_NAMES)")
    cf.add_argument("--favor", choices=("balanced", "precision", "recall"), help="trafilatura's focus (default: balanced)")
    cf.add_argument("--keep-non-articles", "--no-require-article", dest="require_article", action="store_false", default=None,
                    help="return fronts, tag and error pages too (no article gate)")
    cf.add_argument("--min-body-chars", type=_count, default=None, metavar="N", help="a shorter cleaned body is not an article (default: 150)")
    cf.add_argument("--max-elements", type=_positive_int, default=None, metavar="N", help="refuse parsed pages with more elements (default: 100000)")
    ex.set_defaults(func=_extract)

    fx = sub.add_parser("fixtures", help="check, review and accept fixture cases")
    fx_sub = fx.add_subparsers(required=True, metavar="ACTION")
    for name, helptext in (("check", "compare every case with its expected.json"), ("update", "show the diff and rewrite expected.json")):
        p = fx_sub.add_parser(name, help=helptext, description=helptext)
        p.add_argument("cases", nargs="*", help="case names (default: all)")
        p.add_argument("--dir", type=Path, default=Path("fixtures"), help="fixture folder (default: fixtures)")
        p.set_defaults(func=_fixtures, action=name)
    p = fx_sub.add_parser("new", help="create a case from a page", description="Create a case from a page (.gz files are inflated).")
    p.add_argument("name", help="the case folder's name")
    p.add_argument("file", type=Path, help="the page: .html, .txt, or either gzipped (.html.gz, .txt.gz)")
    p.add_argument("--url", help="the page's URL, stored in case.toml")
    p.add_argument("--about", default="", help="what the case is about, stored in case.toml")
    p.add_argument("--dir", type=Path, default=Path("fixtures"), help="fixture folder (default: fixtures)")
    p.set_defaults(func=_fixtures_new)

    ev = sub.add_parser("eval", help="score newsclean (and others) on a gold corpus")
    ev.add_argument("corpus", type=Path, help="a corpus folder with gold.json and html/")
    ev.add_argument("--compare", action="append", default=[], help="another engine, e.g. trafilatura (repeatable)")
    ev.add_argument("--json", type=Path, help="write all figures and per-page scores here")
    ev.add_argument("--worse", action="store_true", help="list pages where newsclean trails the first compared engine")
    ev.add_argument("--limit", type=_positive_int, help="score only the first N pages")
    ev.set_defaults(func=_eval)

    be = sub.add_parser("bench", help="CPU time per page: newsclean vs trafilatura vs a plain lxml parse")
    be.add_argument("corpus", type=Path, help="a corpus folder with html/")
    be.add_argument("--limit", type=_positive_int, help="time only the first N pages")
    be.add_argument("--repeat", type=_positive_int, default=1, help="run each page N times (default: 1)")
    be.set_defaults(func=_bench)
    return parser


# -- extract ----------------------------------------------------------------------------------


def _check_extract_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors (exit 2) that argparse cannot see by itself."""
    from newsclean.batch import is_url

    if args.url and (len(args.inputs) > 1 or os.path.isdir(args.inputs[0])):
        parser.error("--url applies to one input; it cannot be used with several inputs or a directory")
    if args.url and not is_url(args.url):
        parser.error(f"--url must be an http(s) URL, not {args.url!r}")
    if args.dask and args.dask != "local" and "://" not in args.dask:
        parser.error(f"--dask takes 'local' or a scheduler address such as tcp://host:8786, not {args.dask!r}")
    if args.dask:
        try:
            require("distributed", "dask", "--dask")
        except MissingExtraError as error:
            parser.error(str(error))
    if args.inputs.count("-") > 1:
        parser.error("- (stdin) can be given once")
    args.config_object = _config(parser, args)
    args.languages = frozenset(code.strip().lower() for code in args.lang.split(",") if code.strip())
    bad = sorted(code for code in args.languages if not code.isalpha() or not 2 <= len(code) <= 3)
    if bad:
        parser.error(f"--lang takes language codes such as en,de, not {', '.join(bad)}")


def _config(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Config:
    """The extraction options: the --config file, then the flags (a bad value is a usage error)."""
    import dataclasses

    from newsclean.config import Config

    try:
        config = Config.from_toml(args.config) if args.config else Config()
        changes: dict[str, object] = {}
        if args.rules:
            changes["rules"] = (*config.rules, *args.rules)
        if args.disable:
            changes["disabled_rules"] = config.disabled_rules | set(args.disable)
        for name in ("favor", "require_article", "min_body_chars", "max_elements", "max_bytes"):
            if getattr(args, name) is not None:
                changes[name] = getattr(args, name)
        return dataclasses.replace(config, **changes) if changes else config  # type: ignore[arg-type]
    except (TypeError, ValueError) as error:
        parser.error(str(error))


def _extract(args: argparse.Namespace) -> int:
    from newsclean.batch import Options, expand, run
    from newsclean.fetch import FetchOptions

    config = args.config_object
    expansion = expand(args.inputs, config.max_bytes)
    items = expansion.items
    if not items and not expansion.skipped:
        print("newsclean: error: no input files", file=sys.stderr)
        return EXIT_USAGE
    single = len(args.inputs) == 1 and not os.path.isdir(args.inputs[0]) and len(items) == 1 and getattr(items[0], "kind", "") != "warc"
    fmt = args.format or ("json" if single else "jsonl")
    fetch = FetchOptions(timeout=args.timeout, deadline=max(30.0, 3 * args.timeout), max_redirects=args.max_redirects,
                         max_bytes=config.max_bytes, robots=not args.no_robots)
    options = Options(explain=args.explain, force_text=args.text, url=args.url, fmt=fmt, single=single,
                      languages=args.languages, config=config, fetch=fetch)
    jobs = args.jobs or (2 if args.dask == "local" else os.cpu_count() or 1)
    jobs = max(1, min(jobs, len(items))) if not args.dask else jobs
    out: IO[bytes] = open(args.output, "wb") if args.output else sys.stdout.buffer
    counts = {"ok": 0, "failed": 0, "filtered": 0}
    progress = _progress(len(items), args.progress)
    separator = b"\n"
    if fmt in ("markdown", "text"):
        from newsclean.output import SEPARATORS

        separator = SEPARATORS[fmt]
    array = fmt == "json" and not single
    written = 0
    try:
        if array:
            out.write(b"[\n")
        for result in run(items, options, jobs=jobs, dask=args.dask):
            if result.filtered:
                counts["filtered"] += 1
            elif result.ok:
                counts["ok"] += 1
                payload = result.payload or b""
            else:
                counts["failed"] += 1
                _say(progress, f"newsclean: error: {result.source}: {result.reason}: {result.message}")
                payload = result.error_line(fmt) if fmt in ("json", "jsonl") else b""
            if not result.filtered and payload:
                if fmt == "jsonl":
                    out.write(payload + b"\n")
                elif array:
                    out.write((b",\n" if written else b"") + payload)
                elif fmt == "json":
                    out.write(payload)
                else:
                    out.write((separator if written else b"") + payload)
                written += 1
            if progress is not None:
                progress.update(1)
        if array:
            out.write(b"\n]\n" if written else b"]\n")
        out.flush()
    finally:
        if progress is not None:
            progress.close()
        if args.output:
            out.close()
    print(_summary(len(items), counts, expansion.skipped), file=sys.stderr)
    return EXIT_FAILED if counts["failed"] else EXIT_OK


def _summary(total: int, counts: dict[str, int], skipped: dict[str, int]) -> str:
    line = f"newsclean: {counts['ok']} of {total} pages extracted, {counts['failed']} failed"
    if counts["filtered"]:
        line += f", {counts['filtered']} filtered by language"
    if skipped:
        line += "; WARC records skipped: " + ", ".join(f"{count} {kind}" for kind, count in sorted(skipped.items()))
    return line


def _progress(total: int, forced: bool):  # type: ignore[no-untyped-def]
    """A tqdm bar (rate, ETA) on stderr when it is a terminal or with --progress; else None."""
    if total < 2 or not (forced or sys.stderr.isatty()):
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
    return tqdm(total=total, file=sys.stderr, unit="page", dynamic_ncols=True, mininterval=0.5)


def _say(progress: object, line: str) -> None:
    if progress is not None:
        progress.write(line, file=sys.stderr)  # type: ignore[attr-defined]
    else:
        print(line, file=sys.stderr)


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

    source = args.file
    if source.name.lower().endswith(".gz"):  # inflate (bounded) so the case pins the page, not gzip bytes
        import tempfile

        from newsclean.config import DEFAULT_CONFIG
        from newsclean.warc import gunzip

        data = gunzip(source.read_bytes(), DEFAULT_CONFIG.max_bytes)
        with tempfile.TemporaryDirectory() as folder:
            inflated = Path(folder) / source.name[:-3]
            inflated.write_bytes(data)
            case = fixtures.new_case(args.dir, args.name, inflated, url=args.url, about=args.about)
    else:
        case = fixtures.new_case(args.dir, args.name, source, url=args.url, about=args.about)
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
