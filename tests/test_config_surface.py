"""One Config surface: Python, a mapping, a TOML file, CLI flags and Scrapy settings agree."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import newsclean
from newsclean import cli
from newsclean.config import Config, config_from_settings

PACK = """
[rules.house-motto]
action = "drop"
patterns = ['^the paper that never sleeps$']
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "packs" / "house.toml"
    path.parent.mkdir()
    path.write_text(PACK, encoding="utf-8")
    return path


def expected(pack: Path) -> Config:
    return Config(favor="precision", require_article=False, min_body_chars=80, disabled_rules={"ad-label", "house-motto"},
                  rules=[pack], max_bytes=1_000_000, max_elements=5000)


def cli_config(*argv: str) -> Config:
    parser = cli._parser()
    args = parser.parse_args(["extract", "page.html", *argv])
    return cli._config(parser, args)


def test_mapping_toml_cli_and_settings_give_the_same_config(tmp_path, pack):
    want = expected(pack)
    options = {"favor": "precision", "require_article": False, "min_body_chars": 80, "disabled_rules": ["ad-label", "house-motto"],
               "rules": [str(pack)], "max_bytes": 1_000_000, "max_elements": 5000}
    assert Config.from_mapping(options) == want

    table = tmp_path / "newsclean.toml"
    table.write_text('[newsclean]\nfavor = "precision"\nrequire_article = false\nmin_body_chars = 80\n'
                     'disabled_rules = ["ad-label", "house-motto"]\nrules = ["packs/house.toml"]\nmax_bytes = 1000000\nmax_elements = 5000\n')
    assert Config.from_toml(table) == want  # the pack path is relative to the file
    top = tmp_path / "top.toml"
    top.write_text(table.read_text().replace("[newsclean]\n", ""))
    assert Config.from_toml(top) == want

    assert cli_config("--favor", "precision", "--keep-non-articles", "--min-body-chars", "80", "--disable", "ad-label",
                      "--disable", "house-motto", "--rules", str(pack), "--max-bytes", "1000000", "--max-elements", "5000") == want
    assert cli_config("--config", str(table)) == want
    assert cli_config("--no-require-article", "--config", str(top)).require_article is False

    settings = {"NEWSCLEAN_FAVOR": "precision", "NEWSCLEAN_REQUIRE_ARTICLE": "False", "NEWSCLEAN_MIN_BODY_CHARS": "80",
                "NEWSCLEAN_DISABLED_RULES": "ad-label,house-motto", "NEWSCLEAN_RULES": str(pack), "NEWSCLEAN_MAX_BYTES": "1000000",
                "NEWSCLEAN_MAX_ELEMENTS": "5000"}
    assert config_from_settings(settings) == want
    assert config_from_settings({"NEWSCLEAN_CONFIG": str(table)}) == want
    scrapy_settings = pytest.importorskip("scrapy.settings")
    assert config_from_settings(scrapy_settings.Settings(settings)) == want
    assert config_from_settings(scrapy_settings.Settings({})) == Config()


def test_flags_and_settings_override_the_file_and_add_to_its_lists(tmp_path, pack):
    table = tmp_path / "c.toml"
    table.write_text('favor = "recall"\ndisabled_rules = ["byline"]\n')
    config = cli_config("--config", str(table), "--favor", "precision", "--disable", "ad-label", "--rules", str(pack))
    assert config.favor == "precision" and config.disabled_rules == {"byline", "ad-label"} and config.rules == (str(pack),)
    config = config_from_settings({"NEWSCLEAN_CONFIG": str(table), "NEWSCLEAN_DISABLED_RULES": ["ad-label"]})
    assert config.favor == "recall" and config.disabled_rules == {"byline", "ad-label"}


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Config.from_mapping({"favour": "recall"}), ValueError, "options: unknown option(s) favour"),
        (lambda: Config.from_mapping({"favor": "recal"}), ValueError, "options: Config.favor must be one of"),
        (lambda: Config.from_mapping({"min_body_chars": "80"}), TypeError, "Config.min_body_chars must be an int"),
        (lambda: Config.from_mapping({"disabled_rules": ["no-such-rule"]}), ValueError, "unknown rule name(s) no-such-rule"),
        (lambda: Config.from_mapping(["favor"]), TypeError, "must be a mapping"),  # type: ignore[arg-type]
        (lambda: config_from_settings({"NEWSCLEAN_MIN_BODY_CHARS": "lots"}), ValueError, "setting NEWSCLEAN_MIN_BODY_CHARS: must be a whole number"),
        (lambda: config_from_settings({"NEWSCLEAN_REQUIRE_ARTICLE": "maybe"}), ValueError, "setting NEWSCLEAN_REQUIRE_ARTICLE"),
        (lambda: config_from_settings({"NEWSCLEAN_FAVOR": "fast"}), ValueError, "Config.favor must be one of"),
        (lambda: Config(rules="pack.toml"), TypeError, "list of rule pack paths"),  # type: ignore[arg-type]
    ],
)
def test_a_wrong_option_names_its_source_and_key(build, error, message):
    with pytest.raises(error) as caught:
        build()
    assert message in str(caught.value)


def test_a_bad_config_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("favor = \n")
    with pytest.raises(ValueError, match=r"config file .*bad\.toml: not valid TOML"):
        Config.from_toml(bad)
    bad.write_text('favor = "recall"\nlanguage = "en"\n')
    with pytest.raises(ValueError, match=r"config file .*bad\.toml: unknown option\(s\) language"):
        Config.from_toml(bad)
    with pytest.raises(ValueError, match="cannot read"):
        Config.from_toml(tmp_path / "missing.toml")


def test_a_bad_flag_is_a_usage_error(capsys, pack):
    with pytest.raises(SystemExit) as caught:
        cli_config("--disable", "ad-lable")
    assert caught.value.code == 2 and "unknown rule name(s) ad-lable" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        cli_config("--rules", str(pack.with_name("nope.toml")))
    assert caught.value.code == 2 and "nope.toml: cannot read" in capsys.readouterr().err


def test_a_config_travels_to_worker_processes_as_its_options(pack):
    config = Config(rules=[pack], disabled_rules={"house-motto"}, favor="recall")
    copy = pickle.loads(pickle.dumps(config))
    assert copy == config and copy.rule_set is config.rule_set  # the packs are read once per process
    assert "house-motto" in copy.rule_set.rule_names


def test_the_cli_applies_the_options(tmp_path, pack, capsys):
    page = tmp_path / "page.html"
    story = [f"<p>Paragraph {i} tells the reader a good deal about the council and the library, with names and numbers.</p>"
             for i in range(4)]
    page.write_text(f"<html><head><title>Council keeps the library</title></head><body><article><h1>Council keeps the library</h1>"
                    f"{''.join(story[:2])}<p>The paper that never sleeps</p>{''.join(story[2:])}</article></body></html>")
    assert cli.main(["extract", str(page), "--url", "https://news.example/2026/03/14/council-keeps-the-library",
                     "--rules", str(pack), "--explain"]) == 0
    out = capsys.readouterr().out
    assert '"rule": "house-motto"' in out
    assert newsclean.RULE_NAMES == Config().rule_set.rule_names
