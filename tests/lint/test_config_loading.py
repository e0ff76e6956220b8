"""Configuration: pyproject.toml and .blameless.toml, and named errors for broken files."""

from __future__ import annotations

import pytest

from lint.config import DEFAULT, find_config, load_config_file, parse_config
from lint.engine import Linter
from lint.errors import ConfigError


def test_config_reads_pyproject_section(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.lessons.lint]\ndisable = ["BL007"]\nseverity = { hindsight = "error" }\nignore = ["Blame-Free"]\n'
    )
    config = find_config(tmp_path)
    assert "BL007" not in config.enabled
    assert config.severity_of("BL005") == "error"
    assert config.ignores("a blame-free sentence")


def test_config_blameless_toml_wins_and_searches_parents(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.lessons.lint]\ndisable = ["BL001"]\n')
    (tmp_path / ".blameless.toml").write_text('enable = ["BL001"]\nskip-blockquotes = true\n')
    nested = tmp_path / "docs" / "incidents"
    nested.mkdir(parents=True)
    config = find_config(nested)
    assert config.enabled == frozenset({"BL001"})
    assert config.skip_blockquotes


def test_config_defaults_without_files(tmp_path):
    assert find_config(tmp_path) == DEFAULT


BROKEN = [
    ('disable = "BL001"\n', "must be a list"),
    ('disable = ["BL999"]\n', "unknown rule"),
    ('severity = { BL001 = "fatal" }\n', "severity of BL001"),
    ('colour = "red"\n', "unknown key"),
    ("enable = [\n", "not valid TOML"),
    ("skip-blockquotes = 1\n", "true or false"),
    ("persons = [1]\n", "non-empty strings"),
]


@pytest.mark.parametrize(("content", "message"), BROKEN)
def test_config_broken_file_raises_a_named_error(tmp_path, content, message):
    path = tmp_path / ".blameless.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config_file(path)


def test_config_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config_file(tmp_path / "nope.toml")


def test_config_changes_what_is_reported(nlp):
    sentence = "Someone deleted the database. She just needed to run the health check."
    assert {f.rule_id for f in Linter(DEFAULT, nlp).lint_text(sentence)} == {"BL001", "BL007"}
    config = parse_config({"disable": ["minimizer"], "severity": {"BL001": "info"}})
    [finding] = Linter(config, nlp).lint_text(sentence)
    assert (finding.rule_id, finding.severity) == ("BL001", "info")
    ignoring = parse_config({"ignore": ["the database"]})
    assert [f.rule_id for f in Linter(ignoring, nlp).lint_text(sentence)] == ["BL007"]
