"""The ``lessons`` console script: exit codes and the db command."""

from __future__ import annotations

import pytest

from core.cli import main


def run(argv: list[str]) -> int:
    """Exit code of ``lessons argv``, whether argparse exits or main returns."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "usage: lessons"),
        (["no-such-command"], "invalid choice"),
        (["db"], "required"),
        (["db", "upgrade", "--url", "nosuchdialect://x"], "configuration error"),
        (["db", "upgrade", "--url", "sqlite:////no/such/folder/x.sqlite"], "does not exist"),
    ],
    ids=["no-command", "unknown-command", "db-without-action", "unknown-dialect", "missing-folder"],
)
def test_cli_usage_and_configuration_errors_exit_2(argv, message, capsys):
    assert run(argv) == 2
    assert message in capsys.readouterr().err


def test_cli_db_upgrade_creates_the_database(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert run(["db", "upgrade", "--url", url]) == 0
    assert "newest schema" in capsys.readouterr().out
    assert run(["db", "current", "--url", url]) == 0
    assert "up to date" in capsys.readouterr().out


def test_cli_db_current_says_when_an_upgrade_is_needed(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    assert run(["db", "current", "--url", url]) == 1
    assert "lessons db upgrade" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["report", "metrics", "--to", "9999-12-31"], "outside the years"),
        (["report", "metrics", "--from", "0001-01-01"], "outside the years"),
        (["report", "metrics", "--severity", "SEV9"], "unknown value 'SEV9'"),
        (["demo", "--end", "0001-01-05", "--incidents", "3"], "outside the years"),
        (["actions", "--now", "9999-12-31"], "outside the years"),
    ],
    ids=["far-future-to", "year-one-from", "unknown-severity", "demo-year-one", "actions-far-future"],
)
def test_cli_out_of_range_arguments_exit_2_naming_the_option(argv, message, capsys, tmp_path):
    assert run([*argv, "--url", f"sqlite:///{tmp_path / 'x.sqlite'}"]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://nobody@127.0.0.1:5999/db", "port 5999 failed"),
        ("not-a-database-file", "file is not a database"),
    ],
    ids=["unreachable-postgresql", "file-is-not-a-database"],
)
def test_cli_unusable_database_is_a_message_not_a_traceback(url, message, capsys, tmp_path):
    if url == "not-a-database-file":
        path = tmp_path / "notes.md"
        path.write_text("# not a database\n" * 200, encoding="utf-8")
        url = f"sqlite:///{path}"
    assert run(["db", "upgrade", "--url", url]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
