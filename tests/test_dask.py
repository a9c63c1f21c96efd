"""The batch on a real Dask cluster (distributed.LocalCluster, worker processes)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from newsclean import cli
from tests.test_cli import run
from tests.test_warc import demo_pages, write_warc

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("dask")
    pages = demo_pages()
    write_warc(folder / "demo.warc.gz", pages)  # damaged: a corrupt member and a truncated record
    (folder / "pages").mkdir()
    for n, (_url, body) in enumerate(pages[:8]):
        (folder / "pages" / f"{n}.html").write_bytes(body)
    (folder / "pages" / "bad.html").write_bytes(b"\x89PNG\r\n\x1a\n")
    return [str(folder / "demo.warc.gz"), str(folder / "pages")]


@pytest.fixture(scope="module")
def single(inputs, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("single") / "out.jsonl"
    result = run("extract", *inputs, "-j", "1", "-o", str(out))
    assert result.returncode == 1, result.stderr  # the damage is reported
    return out.read_bytes()


def test_dask_local_with_two_workers_writes_the_same_bytes(inputs, single, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("extract", *inputs, "--dask", "local", "-j", "2", "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert out.read_bytes() == single
    assert len(single.splitlines()) > 30


def _kill_on_first_chunk(marker: str) -> int:
    """Runs inside each Dask worker: the first chunk any worker starts kills that worker."""
    from newsclean import batch

    original = batch.run_chunk

    def run_chunk(tasks, options):
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return original(tasks, options)
        os.kill(os.getpid(), signal.SIGKILL)  # a real worker death, mid-run
        raise AssertionError("unreachable")

    batch.run_chunk = run_chunk
    return os.getpid()


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(inputs, single, tmp_path, capsys):
    marker = tmp_path / "killed"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        pids = client.run(_kill_on_first_chunk, str(marker))
        assert len(pids) == 2
        out = tmp_path / "out.jsonl"
        status = cli.main(["extract", *inputs, "--dask", cluster.scheduler_address, "-o", str(out)])
    assert marker.exists()  # a worker did die
    assert status == 1
    assert out.read_bytes() == single  # retried by Dask: every line once, in order
    assert "worker-died" not in capsys.readouterr().err
    assert Path(inputs[0]).exists()
