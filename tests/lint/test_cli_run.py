"""`lessons lint`: formats, exit codes, --fix, --explain and bad input."""

from __future__ import annotations

import io
import json

import pytest

from lint.cli import main

BLAME = "Someone deleted the database.\n"
CLEAN = "The database was deleted.\n"


@pytest.fixture
def draft(tmp_path):
    def write(text: str, name: str = "draft.md"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (BLAME, "warning", 1),
        (BLAME, "error", 0),
        (BLAME, "info", 1),
        (BLAME, "never", 0),
        ("Human error caused the outage.\n", "error", 1),
        (CLEAN, "info", 0),
        ("", "info", 0),
        ("```\nSomeone deleted the database.\n```\n", "info", 0),
    ],
)
def test_cli_exit_codes(draft, capsys, text, fail_on, code):
    assert main([str(draft(text)), "--fail-on", fail_on]) == code


def test_cli_text_format_names_file_line_and_suggestion(draft, capsys):
    path = draft("# Review\n\n" + BLAME)
    main([str(path)])
    out = capsys.readouterr().out
    assert f"{path}:3:1: warning BL001 [vague-actor]" in out
    assert "-> The database was deleted." in out


def test_cli_json_format(draft, capsys):
    path = draft(BLAME)
    main([str(path), "--format", "json"])
    payload = json.loads(capsys.readouterr().out)
    [finding] = payload["findings"]
    assert finding["path"] == str(path)
    assert {
        k: finding[k] for k in ("rule_id", "kind", "severity", "start", "end", "line", "column", "text")
    } == {
        "rule_id": "BL001",
        "kind": "vague-actor",
        "severity": "warning",
        "start": 0,
        "end": 15,
        "line": 1,
        "column": 1,
        "text": "Someone deleted",
    }
    assert finding["suggestions"][0] == "The database was deleted."
    assert payload["summary"]["findings"] == 1


def test_cli_sarif_format_is_code_scanning_shaped(draft, capsys):
    path = draft(BLAME + "\n" + BLAME)
    main([str(path), "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] and all(
        rule["help"]["text"] and rule["shortDescription"]["text"] for rule in driver["rules"]
    )
    results = run["results"]
    assert len(results) == 2
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == "BL001"
        assert result["level"] == "warning"
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (
            region["startLine"] >= 1
            and region["startColumn"] >= 1
            and region["endColumn"] > region["startColumn"]
        )
    fingerprints = [r["partialFingerprints"]["primaryLocationLineHash"] for r in results]
    assert len(set(fingerprints)) == 2


def test_cli_github_format(draft, capsys):
    path = draft("Human error caused the outage.\n")
    main([str(path), "--format", "github"])
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(
        f"::error file={path},line=1,col=1,endLine=1,endColumn=12,title=BL004 human-error::"
    )


def test_cli_fix_prints_and_only_writes_with_write(draft, capsys):
    path = draft("# Review\n\n" + BLAME)
    assert main([str(path), "--fix"]) == 1
    assert capsys.readouterr().out == "# Review\n\nThe database was deleted.\n"
    assert path.read_text() == "# Review\n\n" + BLAME
    main([str(path), "--fix", "--diff"])
    diff = capsys.readouterr().out
    assert "-Someone deleted the database." in diff and "+The database was deleted." in diff
    main([str(path), "--fix", "--write"])
    assert path.read_text() == "# Review\n\nThe database was deleted.\n"
    assert main([str(path)]) == 0


def test_cli_directories_recurse_over_md_and_txt(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text(BLAME)
    (tmp_path / "two.txt").write_text(BLAME)
    (tmp_path / "skip.py").write_text("# " + BLAME)
    main([str(tmp_path), "--format", "json"])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert paths == {str(tmp_path / "a" / "one.md"), str(tmp_path / "two.txt")}


def test_cli_reads_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(BLAME.encode())))
    assert main(["-"]) == 1
    assert "<stdin>:1:1" in capsys.readouterr().out


def test_cli_explain_prints_tokens_and_rules(capsys):
    assert main(["--explain", "Someone deleted the database."]) == 0
    out = capsys.readouterr().out
    assert "nsubj" in out and "vague" in out and "BL001" in out


BAD_INPUT = {
    "missing": (None, "no such file"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
    "invalid utf-8": (b"caf\xe9 deleted", "not valid UTF-8"),
    "too large": (b"a" * (5 * 1024 * 1024 + 1), "limit"),
}


@pytest.mark.parametrize(("content", "message"), BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_cli_bad_input_exits_2_with_a_message(tmp_path, capsys, content, message):
    path = tmp_path / "input.md"
    if content is not None:
        path.write_bytes(content)
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err
    assert "No blame language found" not in captured.out  # no clean summary after an input error


def test_cli_broken_config_exits_2(draft, tmp_path, capsys):
    config = tmp_path / "bad.toml"
    config.write_text("disable = [\n")
    assert main([str(draft(BLAME)), "--config", str(config)]) == 2
    assert "not valid TOML" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["--format", "xml", "x.md"], ["x.md", "--diff"]])
def test_cli_usage_errors_exit_2(capsys, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2


def test_cli_help_describes_every_option(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in (
        "--format",
        "--fail-on",
        "--fix",
        "--diff",
        "--write",
        "--explain",
        "--config",
        "--no-blockquotes",
    ):
        assert option in out
    assert "exit status" in out


def test_cli_list_rules(capsys):
    assert main(["--list-rules"]) == 0
    assert "BL011" in capsys.readouterr().out
