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
