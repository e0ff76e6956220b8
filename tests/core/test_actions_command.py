"""``lessons actions`` and ``lessons reviews`` end to end on a SQLite file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest

from core.cli import main
from core.database import get_engine
from core.postmortem import ActionCategory, ActionItem, ActionStatus, Priority
from core.services import create_postmortem
from tests.core.factories import seed_postmortem

NOW = "2026-02-12T09:00"


@pytest.fixture
def url(sqlite_url):
    items = [
        ActionItem("Implement disk health monitoring", Priority.P0, "DevOps", date(2026, 2, 15),
                   category=ActionCategory.MONITORING),
        ActionItem("Update DR runbooks, then re-test", Priority.P1, "SRE", date(2026, 2, 10),
                   category=ActionCategory.DOCUMENTATION),
        ActionItem("Add automated user notifications", Priority.P2, "Product", date(2026, 2, 28)),
        ActionItem("Patch config", Priority.P0, "DevOps", date(2026, 2, 1), ActionStatus.DONE,
                   completed_on=date(2026, 2, 1)),
    ]
    create_postmortem(get_engine(sqlite_url), seed_postmortem(action_items=items), now=datetime(2026, 2, 1))
    return sqlite_url


def _run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_actions_command_jira_csv_opens_as_a_table(url, capsys):
    code, out, _ = _run(capsys, "actions", "--url", url, "--format", "jira-csv", "--now", NOW, "--open")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["Summary", "Issue Type", "Priority", "Assignee", "Due Date", "Labels", "Labels", "Labels",
                       "Labels", "Description"]
    assert [r[:5] for r in rows[1:]] == [
        ["Update DR runbooks, then re-test", "Task", "High", "SRE", "2026-02-10"],
        ["Implement disk health monitoring", "Task", "Highest", "DevOps", "2026-02-15"],
        ["Add automated user notifications", "Task", "Medium", "Product", "2026-02-28"],
    ]
    assert rows[1][5:9] == ["postmortem", "INC-2026-01-30-001", "documentation", "p1"]
    assert rows[3][5:9] == ["postmortem", "INC-2026-01-30-001", "p2", ""]
    assert all("INC-2026-01-30-001" in r[9] for r in rows[1:]) and all(len(r) == 10 for r in rows)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["Patch config", "Update DR runbooks, then re-test", "Implement disk health monitoring",
              "Add automated user notifications"]),
        (("--overdue",), ["Update DR runbooks, then re-test"]),
        (("--owner", "devops"), ["Patch config", "Implement disk health monitoring"]),
        (("--owner", "DevOps", "--owner", "Product", "--open"), ["Implement disk health monitoring",
                                                                  "Add automated user notifications"]),
        (("--due-this-week", "--priority", "P0"), ["Implement disk health monitoring"]),
    ],
)
def test_actions_command_filters(url, capsys, args, expected):
    code, out, _ = _run(capsys, "actions", "--url", url, "--format", "json", "--now", NOW, *args)
    assert code == 0 and [r["action"] for r in json.loads(out)] == expected


def test_actions_command_table_and_csv(url, capsys):
    code, out, _ = _run(capsys, "actions", "--url", url, "--now", NOW)
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Item") and lines[-1] == "4 item(s), 1 overdue (!)"
    assert lines[2].startswith("!INC-2026-01-30-001 #2")
    code, out, _ = _run(capsys, "actions", "--url", url, "--format", "csv", "--now", NOW)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["due_date"] for r in rows] == ["2026-02-01", "2026-02-10", "2026-02-15", "2026-02-28"]
    assert rows[1]["overdue"] == "yes" and rows[0]["overdue"] == "no"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--owner", "devop"), 1, "did you mean DevOps"),
        (("--priority", "P5"), 1, "unknown value 'P5'"),
        (("--format", "xml"), 2, "invalid choice"),
        (("--now", "yesterday"), 2, "not a date-time"),
    ],
)
def test_actions_command_bad_input(url, capsys, args, code, message):
    result, _, err = _run(capsys, "actions", "--url", url, *args)
    assert result == code and message in err


def test_reviews_command_lists_due_reviews_and_dr_tasks(url, capsys):
    code, out, _ = _run(capsys, "reviews", "--due", "--url", url, "--now", NOW, "--format", "json")
    rows = [(r["kind"], r["what"], r["state"]) for r in json.loads(out)]
    assert code == 0
    assert rows == [
        ("review", "Data collection", "overdue"),
        ("review", "Post-mortem meeting", "overdue"),
        ("dr-task", "Review and update the runbook relevant to INC-2026-01-30-001 (PostgreSQL primary database "
                    "corrupted after disk failure)", "due"),
        ("review", "Action item implementation", "due"),
    ]
    code, out, _ = _run(capsys, "reviews", "--due", "--url", url, "--now", NOW, "--within", "20")
    assert code == 0 and "Schedule an additional DR drill after SEV1" in out and "30-day follow-up" in out
    code, out, _ = _run(capsys, "reviews", "--incident", "INC-2026-01-30-001", "--url", url, "--now", NOW,
                        "--format", "csv")
    assert [r["state"] for r in csv.DictReader(io.StringIO(out))] == ["done", "overdue", "overdue", "due",
                                                                       "upcoming", "upcoming"]


def test_reviews_command_needs_a_mode(url, capsys):
    code, _, err = _run(capsys, "reviews", "--url", url)
    assert code == 2 and "--due or --incident" in err
    code, _, err = _run(capsys, "reviews", "--incident", "INC-2020-01-01-001", "--url", url)
    assert code == 1 and "no incident" in err


def test_actions_command_lists_every_item_past_two_thousand(sqlite_url, capsys):
    items = [ActionItem(f"Fix {n}", Priority.P2, "SRE", date(2026, 3, 1)) for n in range(2001)]
    create_postmortem(get_engine(sqlite_url), seed_postmortem(action_items=items, signoffs=[]),
                      now=datetime(2026, 2, 1))
    code, out, err = _run(capsys, "actions", "--url", sqlite_url, "--format", "json", "--now", NOW)
    assert code == 0 and len(json.loads(out)) == 2001 and err == ""


def _incidents(sqlite_url: str, n: int) -> None:
    engine = get_engine(sqlite_url)
    for day in range(1, n + 1):
        pm = seed_postmortem(incident_date=date(2025, 12, day), timeline=[], signoffs=[], duration_minutes=30,
                             action_items=[])
        create_postmortem(engine, pm, now=datetime(2026, 1, 1))


@pytest.mark.parametrize(
    ("limit", "shown", "notice"),
    [
        (("--limit", "5"), 5, "showing the first 5 of 30 (28 overdue); use --limit N"),
        (("--limit", "0"), 30, ""),
        (("--limit", "30"), 30, ""),
        ((), 30, ""),  # default 500
    ],
)
def test_reviews_command_limit_cuts_the_list_not_the_totals(sqlite_url, capsys, limit, shown, notice):
    _incidents(sqlite_url, 4)  # 4 x (5 steps, runbook, drill) + quarterly + annual review = 30, 28 overdue
    code, out, err = _run(capsys, "reviews", "--due", "--url", sqlite_url, "--now", "2026-12-31T12:00",
                          "--format", "json", *limit)
    assert code == 0 and len(json.loads(out)) == shown
    assert notice in err and (err == "") == (notice == "")
    code, out, _ = _run(capsys, "reviews", "--due", "--url", sqlite_url, "--now", "2026-12-31T12:00", *limit)
    assert out.splitlines()[-1].startswith("30 due, 28 overdue")
    assert ("(showing the first 5)" in out.splitlines()[-1]) == (shown == 5)


@pytest.mark.parametrize(("value", "message"), [("-1", "cannot be negative"), ("ten", "not a whole number")])
def test_reviews_command_rejects_a_bad_limit(url, capsys, value, message):
    code, _, err = _run(capsys, "reviews", "--due", "--url", url, "--limit", value)
    assert code == 2 and message in err


def test_reviews_command_help_documents_the_limit(capsys):
    code, out, _ = _run(capsys, "reviews", "--help")
    assert code == 0 and "--limit N" in out and "0 = all" in out


def test_actions_command_unknown_incident_is_named_and_exits_1(tmp_path, capsys):
    from core.cli import main

    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert main(["actions", "--incident", "INC-9", "--url", url]) == 1
    assert "no incident INC-9" in capsys.readouterr().err
