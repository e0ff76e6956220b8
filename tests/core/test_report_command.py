"""``lessons report``: the dashboards' numbers as table, JSON and CSV; bad input exits 2."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime

import pytest

from core import periods
from core.cli import main
from core.database import get_engine
from tests.core import trend_data


@pytest.fixture
def seeded(sqlite_url: str) -> str:
    trend_data.build(get_engine(sqlite_url))
    return sqlite_url


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_command_metrics_json_is_the_seed_table(seeded, capsys):
    code, out, _ = _run(capsys, "report", "metrics", "--format", "json", "--url", seeded)
    doc = json.loads(out)
    assert code == 0
    assert doc["quarters"] == trend_data.QUARTERS
    expected = {
        "mttr": trend_data.MTTR,
        "mttd": trend_data.MTTD,
        "completion": trend_data.COMPLETION,
        "repeats": trend_data.REPEATS,
    }
    for metric in doc["metrics"]:
        cells = [metric["quarters"][q] for q in doc["quarters"]]
        assert [c["value"] for c in cells] == expected[metric["metric"]]
        assert [c["status"] == "met" for c in cells] == trend_data.MET[metric["metric"]]
    mttr = doc["metrics"][0]
    assert mttr["target"] == {"op": "<", "value": 30.0, "unit": "min", "text": "< 30 min"}
    assert "impact started → resolved" in mttr["definition"]
    assert set(mttr["quarters"]["2025-Q1"]) >= {"n", "median", "p90", "small_sample"}


def test_report_command_patterns_json(seeded, capsys):
    code, out, _ = _run(capsys, "report", "patterns", "--format", "json", "--url", seeded)
    doc = json.loads(out)
    got = {r["category"]: ([r[q] for q in doc["quarters"]], r["trend"]) for r in doc["categories"]}
    assert code == 0
    assert got == {c: (counts, trend_data.TRENDS[c]) for c, counts in trend_data.PATTERNS.items()}


def test_report_command_repeats_csv_lists_pairs(seeded, capsys):
    code, out, _ = _run(capsys, "report", "repeats", "--format", "csv", "--url", seeded)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert sorted(r["how"] for r in rows) == [
        "linked by hand",
        "same category and cause",
        "same category and cause",
    ]
    assert {r["quarter"] for r in rows} == {"2025-Q1", "2025-Q2"}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["report", "metrics"], ["MTTR (Mean Time To Recovery)", "< 30 min", "25 ✓", "8 ✗", "85% ✗", "2 ✗"]),
        (["report", "patterns"], ["Human Error", "Improving", "Third-Party", "Stable"]),
        (["report", "repeats"], ["Repeat window: 90 days", "linked by hand"]),
        (["report", "patterns", "--from", "2025-07-01", "--to", "2025-12-31"], ["2025-Q3", "2025-Q4"]),
        (["report", "metrics", "--severity", "sev1", "--category", "Storage"], ["No incidents match"]),
    ],
)
def test_report_command_table(seeded, capsys, argv, expected):
    code, out, _ = _run(capsys, *argv, "--url", seeded)
    assert code == 0
    for text in expected:
        assert text in out


def test_report_command_filters_reach_every_report(seeded, capsys):
    _, out, _ = _run(
        capsys, "report", "patterns", "--format", "json", "--service", "payments", "--url", seeded
    )
    assert [r["category"] for r in json.loads(out)["categories"]] == ["Third-Party"]
    _, out, _ = _run(capsys, "report", "repeats", "--format", "json", "--from", "2025-04-01", "--url", seeded)
    assert json.loads(out)["counts"] == {"2025-Q2": 1, "2025-Q3": 0, "2025-Q4": 0}


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "metrics", "--from", "2025-13-01"],
        ["report", "metrics", "--to", "yesterday"],
        ["report", "metrics", "--from", "2025-06-01", "--to", "2025-01-01"],
        ["report", "velocity"],
        ["report", "metrics", "--format", "xml"],
    ],
)
def test_report_command_bad_input_exits_2(sqlite_url, capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--url", sqlite_url])
    assert exc.value.code == 2
    assert "error" in capsys.readouterr().err


def test_report_command_help_documents_definitions(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    for text in ("impact started -> resolved", "--from", "--format", "Improving"):
        assert text in out


def test_report_command_empty_database(sqlite_url, capsys):
    code, out, _ = _run(capsys, "report", "patterns", "--url", sqlite_url)
    assert (code, out.strip()) == (0, "No incidents match these filters.")


@pytest.fixture
def mid_q4(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today (UTC) is 15 November 2025: the seed's 2025-Q4 is not over yet."""
    monkeypatch.setattr(periods, "utcnow", lambda: datetime(2025, 11, 15, 12, 0))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["report", "patterns"],
            [
                "2025-Q4 (partial)",
                "(partial) quarter not over yet",
            ],
        ),
        (["report", "metrics"], ["2025-Q4 (partial)", "(partial) quarter not over yet"]),
        (
            ["report", "patterns", "--format", "csv"],
            ["category,2025-Q1,2025-Q2,2025-Q3,2025-Q4 (partial),total"],
        ),
    ],
)
def test_report_command_marks_the_partial_quarter(seeded, capsys, mid_q4, argv, expected):
    code, out, _ = _run(capsys, *argv, "--url", seeded)
    assert code == 0
    for text in expected:
        assert text in out


def test_report_command_partial_quarter_is_left_out_of_the_trend(seeded, capsys, mid_q4):
    _, out, _ = _run(capsys, "report", "patterns", "--format", "json", "--url", seeded)
    doc = json.loads(out)
    assert doc["partial_quarters"] == ["2025-Q4"]
    assert {r["category"]: r["trend"] for r in doc["categories"]} == {
        "Database": "Improving",
        "Network": "Stable",
        "Human Error": "Improving",
        "Third-Party": "Stable",
    }
    _, out, _ = _run(capsys, "report", "metrics", "--format", "json", "--url", seeded)
    doc = json.loads(out)
    assert doc["partial_quarters"] == ["2025-Q4"]
    assert [doc["metrics"][0]["quarters"][q]["partial"] for q in doc["quarters"]] == [
        False,
        False,
        False,
        True,
    ]
