"""``lessons import`` and ``lessons export``: exit codes, messages, progress, byte-exact output."""

from __future__ import annotations

import json
import shutil

import pytest

from core.cli import main
from core.database import get_engine
from core.services import count_incidents
from tests.conftest import SHARED

SAMPLES = SHARED / "samples"
SAMPLE = SAMPLES / "INC-2026-01-30-001.md"
CHECKOUT = SAMPLES / "checkout-latency-2025-11-04.md"


def _run(argv: list[str]) -> int:
    """Exit code of the CLI, usage errors (SystemExit from argparse) included."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


def test_cli_transfer_imports_both_samples(sqlite_url, capsys):
    assert main(["import", str(SAMPLE), str(CHECKOUT), "--url", sqlite_url]) == 0
    out, err = capsys.readouterr()
    assert f"imported  {SAMPLE} as INC-2026-01-30-001" in out
    assert f"imported  {CHECKOUT} as INC-2025-11-04-001" in out
    assert (
        "    placed: Summary, Impact, Timeline, Root cause, What went well, What went wrong, Action items"
        in out
    )
    assert "warning: no severity given" in out
    assert out.rstrip().endswith("2 file(s): 2 imported, 0 rejected")
    assert err.splitlines() == [f"importing 1/2: {SAMPLE}", f"importing 2/2: {CHECKOUT}"]
    assert count_incidents(get_engine(sqlite_url)) == 2


def test_cli_transfer_export_reproduces_the_sample_byte_for_byte(sqlite_url, capsysbinary):
    assert main(["import", str(SAMPLE), "--url", sqlite_url]) == 0
    capsysbinary.readouterr()
    assert main(["export", "INC-2026-01-30-001", "--url", sqlite_url]) == 0
    assert capsysbinary.readouterr().out == SAMPLE.read_bytes()


@pytest.mark.parametrize(
    "fmt, check",
    [
        (
            "yaml",
            lambda text: text.startswith(
                "incident_id: INC-2026-01-30-001\ndate: 2026-01-30\nseverity: SEV-1\n"
            ),
        ),
        ("json", lambda text: json.loads(text)["derived"]["ttr_seconds"] == 75 * 60),
        ("md", lambda text: text == SAMPLE.read_text(encoding="utf-8")),
    ],
)
def test_cli_transfer_export_formats_to_a_file(sqlite_url, tmp_path, capsys, fmt, check):
    main(["import", str(SAMPLE), "--url", sqlite_url])
    target = tmp_path / f"out.{fmt}"
    assert main(["export", "INC-2026-01-30-001", "-f", fmt, "-o", str(target), "--url", sqlite_url]) == 0
    assert check(target.read_text(encoding="utf-8"))
    assert f"wrote INC-2026-01-30-001 to {target} ({fmt})" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, code, message",
    [
        (["export", "INC-2026-01-30-099"], 1, "lessons: no incident INC-2026-01-30-099"),
        (["export", "INC-2026-01-30-001", "--format", "pdf"], 2, "invalid choice: 'pdf'"),
        (
            ["export", "INC-2026-01-30-001", "-o", "/nonexistent/dir/x.md"],
            2,
            "cannot write /nonexistent/dir/x.md",
        ),
        (["import", "/nonexistent/file.md"], 2, "/nonexistent/file.md: no such file"),
        (["import"], 2, "the following arguments are required: FILE"),
    ],
)
def test_cli_transfer_errors_and_exit_codes(sqlite_url, capsys, argv, code, message):
    main(["import", str(SAMPLE), "--url", sqlite_url])
    capsys.readouterr()
    assert _run(argv + ["--url", sqlite_url]) == code
    assert message in capsys.readouterr().err


def test_cli_transfer_missing_path_imports_nothing(sqlite_url, capsys):
    assert main(["import", str(SAMPLE), "/nonexistent/file.md", "--url", sqlite_url]) == 2
    assert "nothing was imported" in capsys.readouterr().err
    assert count_incidents(get_engine(sqlite_url)) == 0


def test_cli_transfer_rejected_file_reports_file_and_line_and_others_go_in(sqlite_url, tmp_path, capsys):
    bad = tmp_path / "bad.md"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("| 2 | P1 |", "| 2 | P7 |"), encoding="utf-8")
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["import", str(bad), str(binary), str(CHECKOUT), "--url", sqlite_url]) == 1
    out = capsys.readouterr().out
    assert f"rejected  {bad}:73: action item: unknown priority 'P7'; expected P0, P1 or P2" in out
    assert f"rejected  {binary}:3: binary content" in out
    assert "3 file(s): 1 imported, 2 rejected" in out
    assert count_incidents(get_engine(sqlite_url)) == 1


def test_cli_transfer_folder_and_dry_run(sqlite_url, tmp_path, capsys):
    folder = tmp_path / "pms"
    folder.mkdir()
    for path in (SAMPLE, CHECKOUT):
        shutil.copy(path, folder / path.name)
    (folder / "notes.txt").write_text("not markdown")
    assert main(["import", str(folder), "--dry-run", "--url", sqlite_url]) == 0
    out, err = capsys.readouterr()
    assert (
        "would import" in out
        and "2 file(s): 2 would be imported, 0 rejected (dry run: nothing was written)" in out
    )
    assert "checking 2/2" in err
    assert count_incidents(get_engine(sqlite_url)) == 0


def test_cli_transfer_reports_unplaced_sections(sqlite_url, tmp_path, capsys):
    path = tmp_path / "extra.md"
    path.write_text(SAMPLE.read_text(encoding="utf-8") + "\n## Appendix\n\nRaw notes.\n", encoding="utf-8")
    assert main(["import", str(path), "--url", sqlite_url]) == 0
    assert "    not placed: Appendix (line 100)" in capsys.readouterr().out


def test_cli_transfer_progress_bar_on_a_terminal(sqlite_url, capsys, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert main(["import", str(SAMPLE), str(CHECKOUT), "--url", sqlite_url]) == 0
    err = capsys.readouterr().err
    assert "\rimporting [###############...............] 1/2" in err
    assert "\rimporting [##############################] 2/2" in err and err.endswith("\n")


@pytest.mark.parametrize(
    "command, words",
    [
        ("import", ["--dry-run", "FILE", "not place", "Exit codes"]),
        ("export", ["--format", "--output", "INCIDENT_ID", "incident-database record", "Exit codes"]),
    ],
)
def test_cli_transfer_help_texts(capsys, command, words):
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    for word in words:
        assert word in out
