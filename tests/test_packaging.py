"""Packaging: ``pip install newsclean`` (no extras) is the library, and brings no Scrapy.

The optional packages are installed in the test venv (``make install`` installs
``.[dev,all]``), so "not installed" is simulated in a subprocess by a ``sys.meta_path``
finder that refuses to import them: the library, ``extract()``, ``clean_text()`` and
``newsclean extract FILE`` must work without ever asking for one, and each optional
feature must fail with one clear error naming its extra. The wheel's metadata and package
list are checked from ``pyproject.toml`` and the installed distribution.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO_PAGE = ROOT / "demo" / "site" / "news" / "science" / "comet-breaks-apart-observatory.html"
OPTIONAL = ("scrapy", "twisted", "feedparser", "scrapy_redis", "redis", "dask", "distributed", "fastwarc", "datasketch")

# Runs first in the subprocess: importing any optional package fails as if it were not installed.
BLOCKER = textwrap.dedent(
    f"""
    import sys
    OPTIONAL = {OPTIONAL!r}
    class NotInstalled:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name.split(".")[0] in OPTIONAL:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None
    sys.meta_path.insert(0, NotInstalled)
    """
)


def run_without_extras(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter where the optional packages cannot be imported."""
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(code), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_library_and_cli_extract_never_import_an_optional_package(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(DEMO_PAGE.read_bytes())
    result = run_without_extras(
        """
        import json, sys
        import newsclean, newsclean.cli
        article = newsclean.extract(open(sys.argv[1], "rb").read(), url="https://example.com/news/2026/comet")
        dump = "\\n\\n".join([article.headline, *(block.text for block in article.blocks)])
        text = newsclean.clean_text(dump, url="https://example.com/news/2026/comet")
        status = newsclean.cli.main(["extract", sys.argv[1], "-o", sys.argv[1] + ".json"])
        loaded = sorted(name for name in sys.modules if name.split(".")[0] in OPTIONAL)
        print(json.dumps({"headline": article.headline, "text": bool(text.blocks), "status": status, "loaded": loaded}))
        """,
        str(page),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["loaded"] == []
    assert report["status"] == 0 and report["text"]
    assert "comet" in report["headline"].lower()
    assert json.loads((tmp_path / "page.html.json").read_bytes())["headline"] == report["headline"]


@pytest.mark.parametrize(
    ("code", "extra"),
    [
        ("import newsclean.scrapy", "scrapy"),
        ("from newsclean.scrapy.spiders.feed import FeedSpider", "scrapy"),
        ("import newsclean.dedup", "dedup"),
        ("import newsclean; list(newsclean.read_warc(sys.argv[1]))", "warc"),
    ],
)
def test_a_feature_without_its_extra_is_one_clear_error(code, extra, tmp_path):
    warc = tmp_path / "a.warc"
    warc.write_bytes(b"WARC/1.0\r\n\r\n")
    result = run_without_extras(
        f"""
        import sys
        from newsclean.extras import MissingExtraError
        try:
            {code}
        except MissingExtraError as error:
            print("MISSING", error.extra, error)
        """,
        str(warc),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.startswith(f"MISSING {extra} "), result.stdout
    assert f"pip install 'newsclean[{extra}]'" in result.stdout


@pytest.mark.parametrize(("arguments", "extra"), [(["WARC"], "warc"), (["PAGE", "--dask", "local"], "dask")])
def test_cli_without_an_extra_says_which_in_one_line(arguments, extra, tmp_path):
    warc = tmp_path / "a.warc"
    warc.write_bytes(b"WARC/1.0\r\n\r\n")
    page = tmp_path / "page.html"
    page.write_bytes(DEMO_PAGE.read_bytes())
    argv = [{"WARC": str(warc), "PAGE": str(page)}.get(a, a) for a in arguments]
    result = run_without_extras("import sys, newsclean.cli; sys.exit(newsclean.cli.main(sys.argv[1:]))", "extract", *argv)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert f"pip install 'newsclean[{extra}]'" in lines[-1]
    assert "Traceback" not in result.stderr


def test_the_distribution_has_scrapy_only_as_an_extra():
    requirements = importlib.metadata.requires("newsclean") or []
    core = [r for r in requirements if "extra ==" not in r]
    names = {r.split(";")[0].split("[")[0].split("=")[0].split(">")[0].split("<")[0].strip().lower() for r in core}
    assert "trafilatura" in names and "lxml" in names
    assert not names & {"scrapy", "feedparser", "scrapy-redis", "redis", "datasketch", "fastwarc", "dask"}, core
    scrapy = [r for r in requirements if r.lower().startswith("scrapy") and "scrapy-redis" not in r.lower()]
    assert scrapy and all('extra == "scrapy"' in r for r in scrapy), scrapy
    assert any(r.startswith("fastwarc") and 'extra == "warc"' in r for r in requirements)
    assert any(r.startswith("dask") and 'extra == "dask"' in r for r in requirements)


def test_the_wheel_installs_only_the_newsclean_package():
    tomllib = pytest.importorskip("tomllib") if sys.version_info >= (3, 11) else pytest.importorskip("tomli")
    from setuptools import find_packages

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    packages = find_packages(str(ROOT), **config["packages"]["find"])
    assert "newsclean" in packages and "newsclean.scrapy.spiders" in packages
    assert all(p == "newsclean" or p.startswith("newsclean.") for p in packages), packages
    assert set(config["package-data"]) == {"newsclean"}
