"""`python -m spiders.demo`: serve the demo site on 127.0.0.1, crawl it with `scrapy crawl sitemap`, report.

Options: --out PATH (default articles.jsonl), --spider NAME (default sitemap), --scale N.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from spiders.demo.server import DemoServer

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """Serve, crawl, count; exit status 1 if the crawl failed or wrote nothing."""
    parser = argparse.ArgumentParser(prog="python -m spiders.demo", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("articles.jsonl"))
    parser.add_argument("--spider", default="sitemap", choices=["sitemap", "feed", "site", "urls"])
    parser.add_argument("--scale", type=int, default=0, help="serve N extra synthetic articles under /scaled/")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    out.unlink(missing_ok=True)
    with DemoServer(scale=args.scale) as server:
        spider_args = {
            "sitemap": ["-a", f"site={server.origin}"],
            "feed": ["-a", f"url={server.origin}/feeds/atom.xml"],
            "site": ["-a", f"url={server.origin}/", "-a", "depth=3"],
            "urls": ["-a", "urls=" + ",".join(server.origin + p for p in server.site.manifest["articles"])],
        }[args.spider]
        print(f"serving the demo site at {server.origin}; crawling it with `scrapy crawl {args.spider}` ...", flush=True)
        command = [sys.executable, "-m", "scrapy", "crawl", args.spider, *spider_args, "-O", str(out), "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    log = result.stderr
    articles = [json.loads(line) for line in out.read_text("utf-8").splitlines()] if out.exists() else []
    drops = dict(re.findall(r"'newsclean/dropped/([\w-]+)': (\d+)", log))
    if result.returncode != 0 or not articles:
        print(log[-3000:], file=sys.stderr)
        print(f"crawl failed (exit {result.returncode}), {len(articles)} articles", file=sys.stderr)
        return 1
    print(f"{len(articles)} articles written to {out}")
    if drops:
        print("dropped pages by reason: " + ", ".join(f"{reason} {count}" for reason, count in sorted(drops.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
