"""``python -m demo.redis_bench [--scale N] [--processes 1 2]``: pages/s of a distributed crawl.

Serves the demo site with N synthetic articles, starts a ``redis-server`` on a free port of
127.0.0.1 (the binary must be installed), runs ``scrapy crawl sitemap`` with 1, then 2
processes sharing it (``-s REDIS_URL``), and prints articles written, wall time, pages/s,
and what Redis holds after the crawl (keys, their types and sizes, memory used).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from demo.server import DemoServer

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(server: DemoServer, url: str, processes: int, folder: Path) -> tuple[int, float]:
    """Articles written and seconds taken by ``processes`` spider processes on one Redis."""
    command = [sys.executable, "-m", "scrapy", "crawl", "sitemap", "-a", f"site={server.origin}", "-s", f"REDIS_URL={url}", *SETTINGS]
    started = time.monotonic()
    running = [
        subprocess.Popen([*command, "-O", str(folder / f"out{n}.jsonl")], cwd=ROOT, stderr=subprocess.DEVNULL)
        for n in range(processes)
    ]
    for process in running:
        process.wait()
    took = time.monotonic() - started
    written = sum(len((folder / f"out{n}.jsonl").read_bytes().splitlines()) for n in range(processes))
    return written, took


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m demo.redis_bench")
    parser.add_argument("--scale", type=int, default=300)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    binary = shutil.which("redis-server")
    if not binary:
        sys.exit("redis-server is not installed")
    import redis

    for processes in args.processes:
        port = free_port()
        daemon = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
        try:
            client = redis.Redis(port=port)
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    time.sleep(0.05)
            with DemoServer(scale=args.scale) as server, tempfile.TemporaryDirectory() as folder:
                written, took = run(server, f"redis://127.0.0.1:{port}", processes, Path(folder))
            print(f"{processes} process(es): {written} articles in {took:.1f} s, {written / took:.1f} articles/s")
            if processes == args.processes[-1]:
                print(f"Redis after the crawl: {client.info('memory')['used_memory_human']} used")
                for key in sorted(client.keys("*")):
                    kind = client.type(key).decode()
                    size = {"zset": client.zcard, "set": client.scard, "hash": client.hlen, "string": client.strlen}.get(kind, lambda k: 0)(key)
                    if b":band:" not in key:
                        print(f"  {key.decode():<60} {kind:<6} {size}")
                bands = client.keys("*:band:*")
                print(f"  ... and {len(bands)} LSH band sets (*:dedup:band:*), {sum(client.scard(b) for b in bands)} members")
        finally:
            daemon.terminate()
            daemon.wait()


if __name__ == "__main__":
    main()
