"""``python -m demo``: serve the demo news site on 127.0.0.1, crawl it with
``scrapy crawl sitemap -a site=<origin> -O articles.jsonl``, stop the server, report.

Options: ``--out PATH`` (default ``articles.jsonl``), ``--spider sitemap|site|urls``,
``--scale N`` (also serve and crawl N synthetic articles), ``--root DIR`` (another site).
Exit status 1 if the crawl failed or wrote no article.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from demo.server import DEMO_SITE, DemoServer

ROOT = Path(__file__).resolve().parents[1]
# The server is local and ours: no AutoThrottle start delay.
DEMO_SETTINGS = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]
# Counters worth a line in the summary: pages the pipeline dropped, and what a spider skipped,
# failed to fetch or refused to read.
SUMMARY_STAT = re.compile(
    r"'((?:newsclean|sitemap|feed|site|urls)/(?:dropped|flagged|skipped|failed|refused)/[\w.-]+)': (\d+)"
)


def spider_arguments(spider: str, server: DemoServer) -> list[str]:
    """The ``-a`` arguments that point a spider at the demo site."""
    if spider == "site":
        return ["-a", f"url={server.origin}/", "-a", "depth=4"]
    if spider == "urls":
        return [
            "-a",
            "urls=" + ",".join(server.origin + path for path in server.manifest.get("articles", [])),
        ]
    return ["-a", f"site={server.origin}"]


def summary(log: str) -> list[str]:
    """One line per reason a page gave no article, from the stats Scrapy dumps at the end."""
    return [f"  {int(count):5d}  {name}" for name, count in sorted(SUMMARY_STAT.findall(log))]


def crawl_command(spider: str, server: DemoServer, out: Path) -> list[str]:
    """``python -m scrapy crawl SPIDER ... -O out``, pointed at the demo server."""
    arguments = [*spider_arguments(spider, server), *DEMO_SETTINGS, "-O", str(out)]
    return [sys.executable, "-m", "scrapy", "crawl", spider, *arguments]


def report(out: Path, log: str) -> None:
    """Print how many articles were written where, why the other pages were not, and the first headline."""
    articles = out.read_text("utf-8").splitlines()
    print(f"{len(articles)} articles written to {out}")
    lines = summary(log)
    if lines:
        print("not written, by reason:")
        print("\n".join(lines))
    first = json.loads(articles[0])
    print(f"first: {first.get('headline')!r} ({len(first.get('blocks', []))} blocks)")


def main(argv: list[str] | None = None) -> int:
    """Serve, crawl, report."""
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("articles.jsonl"), help="output (overwritten)")
    parser.add_argument("--spider", default="sitemap", choices=["sitemap", "site", "urls"])
    parser.add_argument("--scale", type=int, default=0, help="also serve and crawl N synthetic articles")
    parser.add_argument("--root", type=Path, default=DEMO_SITE, help="the site folder (demo/site)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.unlink(missing_ok=True)
    with DemoServer(args.root, scale=args.scale) as server:
        print(f"serving {args.root} at {server.origin}; running scrapy crawl {args.spider} ...", flush=True)
        result = subprocess.run(
            crawl_command(args.spider, server, out), cwd=ROOT, capture_output=True, text=True
        )
    if result.returncode != 0 or not out.exists() or not out.read_text("utf-8").strip():
        print(result.stderr[-4000:], file=sys.stderr)
        print(f"crawl failed (exit status {result.returncode}) or wrote no article", file=sys.stderr)
        return 1
    report(out, result.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
