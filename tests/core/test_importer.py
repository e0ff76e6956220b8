"""Reading post-mortems from Markdown: the template exactly, other layouts leniently, bad files by line."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core.database import unit_of_work
from core.errors import ImportFormatError
from core.export import to_markdown
from core.importer import import_files, parse_postmortem
from core.orm import IncidentRow
from core.postmortem import ActionStatus, Anchor, Priority, Severity
from core.services import create_postmortem, get_postmortem
from core.validation import normalise
from tests.conftest import SHARED
from tests.core.data.transfer_cases import CASES
from tests.core.factories import seed_postmortem

DATA = Path(__file__).parent / "data"
SAMPLE = SHARED / "samples" / "INC-2026-01-30-001.md"
CHECKOUT = SHARED / "samples" / "checkout-latency-2025-11-04.md"


def _doc(*body: str, header: str = "**Date:** 2026-01-30\n**Severity:** SEV 2") -> str:
    return "# Post-Mortem: Test\n\n" + header + "\n\n" + "\n\n".join(body) + "\n"


def _count(engine) -> int:  # type: ignore[no-untyped-def]
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(IncidentRow))


def test_importer_reads_every_section_of_the_seed_sample():
    parsed = parse_postmortem(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)
    pm = parsed.postmortem
    assert (pm.incident_id, pm.severity, pm.reporter) == (
        "INC-2026-01-30-001",
        Severity.SEV1,
        "Dana Whitfield",
    )
    assert pm.impact.services_affected == ["checkout-api", "orders-db", "order-history-ui"]
    assert [e.kind for e in pm.timeline] == list(Anchor)
    assert (pm.ttd, pm.ttr, pm.duration_minutes) == (timedelta(minutes=5), timedelta(minutes=75), None)
    assert pm.whys[4] == "DR plan focused on software, not hardware"
    assert [(a.number, a.priority, a.due_date) for a in pm.action_items] == [
        (1, Priority.P0, date(2026, 2, 15)),
        (2, Priority.P1, date(2026, 2, 10)),
        (3, Priority.P2, date(2026, 2, 28)),
    ]
    assert [(s.role, s.name) for s in pm.signoffs][2] == ("Product Manager", "")
    assert pm.attachments[0].url == "https://grafana.example.com/d/orders-db?from=1769760000000"
    assert parsed.unplaced == [] and parsed.warnings == []


def test_importer_reads_the_lenient_sample():
    parsed = parse_postmortem(CHECKOUT.read_text(encoding="utf-8"), CHECKOUT.name)
    pm = parsed.postmortem
    assert pm.title == "Checkout latency spike and partial outage — 4 November 2025"
    assert pm.incident_date == date(2025, 11, 4) and pm.severity is Severity.SEV3
    assert parsed.placed == [
        "Summary",
        "Impact",
        "Timeline",
        "Root cause",
        "What went well",
        "What went wrong",
        "Action items",
    ]
    assert parsed.unplaced == []
    assert any("severity" in w for w in parsed.warnings) and any("title" in w for w in parsed.warnings)
    assert (pm.ttd, pm.ttr) == (timedelta(minutes=7), timedelta(minutes=49))
    assert pm.root_cause.startswith("Human error") and len(pm.could_improve) == 3
    done = pm.action_items[3]
    assert (done.status, done.completed_on, done.owner) == (
        ActionStatus.DONE,
        date(2025, 11, 4),
        "payments team",
    )
    assert [(a.priority, a.due_date) for a in pm.action_items[:3]] == [
        (Priority.P1, date(2025, 11, 21)),
        (Priority.P1, date(2025, 11, 14)),
        (Priority.P0, date(2025, 11, 6)),
    ]


@pytest.mark.parametrize("path", [CHECKOUT, DATA / "lenient-everything.md"], ids=lambda p: p.name)
def test_importer_lenient_files_round_trip_after_the_first_export(path):
    first = to_markdown(parse_postmortem(path.read_text(encoding="utf-8"), path.name).postmortem)
    again = parse_postmortem(first, "again.md")
    assert to_markdown(again.postmortem) == first
    assert again.unplaced == []


def test_importer_lenient_everything_places_and_reports():
    parsed = parse_postmortem((DATA / "lenient-everything.md").read_text(encoding="utf-8"), "x.md")
    pm = parsed.postmortem
    assert (pm.title, pm.incident_date, pm.severity, pm.reporter) == (
        "Payment webhooks delayed",
        date(2025, 6, 14),
        Severity.SEV1,
        "Kim Lee",
    )
    assert pm.timeline[-1].time == datetime(2025, 6, 15, 0, 31)
    assert pm.ttr == timedelta(minutes=39)
    assert (pm.impact.users_affected, pm.impact.services_affected, pm.impact.financial) == (
        "1,200 merchants",
        ["webhooks", "broker"],
        "about 4,000 USD in credits",
    )
    assert pm.whys == ["Consumers stalled", "Prefetch was zero"]
    assert pm.root_cause == "The upgrade changed the default prefetch count."
    assert pm.action_items[2].tracker_key == "OPS-12" and pm.action_items[1].owner == "kim"
    assert (pm.lessons.communication, pm.lessons.process) == (
        ["Update the status page within 10 minutes"],
        ["Runbooks need an owner"],
    )
    assert [(u.heading, u.line) for u in parsed.unplaced] == [
        ("front matter: tags", 6),
        ("Links", 70),
        ("Appendix: raw notes", 72),
        ("text under the title", 9),
    ]


@pytest.mark.parametrize(
    "heading, field, value",
    [
        ("## Executive Summary", "executive_summary", "Text"),
        ("## Overview", "executive_summary", "Text"),
        ("## Resolution", "resolution", "Text"),
        ("## Mitigation", "resolution", "Text"),
        ("## Root cause", "root_cause", "Text"),
        ("## 3. Root Cause Analysis (15 minutes)", "root_cause", "Text"),
        ("## How it was detected", "detection_method", "Text"),
    ],
)
def test_importer_text_headings_and_synonyms(heading, field, value):
    pm = parse_postmortem(_doc(f"{heading}\n\n{value}")).postmortem
    assert getattr(pm, field) == value


@pytest.mark.parametrize(
    "heading, field",
    [
        ("## What went well", "went_well"),
        ("## What worked", "went_well"),
        ("## What went wrong", "could_improve"),
        ("## What could be improved", "could_improve"),
        ("## Areas for improvement", "could_improve"),
        ("## Contributing factors", "contributing_factors"),
    ],
)
def test_importer_list_headings_bullets_or_numbers(heading, field):
    for body in ("- one\n- two", "1. one\n2. two", "* one\n* two"):
        pm = parse_postmortem(_doc(f"{heading}\n\n{body}")).postmortem
        assert getattr(pm, field) == ["one", "two"]


@pytest.mark.parametrize(
    "line, time, event",
    [
        ("- 09:40 — Deploy", datetime(2026, 1, 30, 9, 40), "Deploy"),
        ("- 09:40 Deploy", datetime(2026, 1, 30, 9, 40), "Deploy"),
        ("- **09:40** Deploy", datetime(2026, 1, 30, 9, 40), "Deploy"),
        ("- 9:40 - Deploy", datetime(2026, 1, 30, 9, 40), "Deploy"),
        ("- 09:40 UTC: Deploy", datetime(2026, 1, 30, 9, 40), "Deploy"),
        ("- 2026-01-29 23:40: Deploy", datetime(2026, 1, 29, 23, 40), "Deploy"),
        ("- 09:40:15 | Deploy", datetime(2026, 1, 30, 9, 40, 15), "Deploy"),
        ("```\n2026-01-30 08:00    Deploy\n```", datetime(2026, 1, 30, 8, 0), "Deploy"),
    ],
)
def test_importer_timeline_bullets_and_lines(line, time, event):
    pm = parse_postmortem(_doc(f"## Timeline\n\n{line}")).postmortem
    assert [(e.time, e.event) for e in pm.timeline] == [(time, event)]


def test_importer_timeline_crossing_midnight_warns():
    parsed = parse_postmortem(_doc("## Timeline\n\n- 23:50 First errors started\n- 00:20 Service restored"))
    assert [e.time for e in parsed.postmortem.timeline] == [
        datetime(2026, 1, 30, 23, 50),
        datetime(2026, 1, 31, 0, 20),
    ]
    assert parsed.postmortem.ttr == timedelta(minutes=30)
    assert any("crossed midnight" in w for w in parsed.warnings)


@pytest.mark.parametrize(
    "wording, kind",
    [
        ("First error logged", Anchor.IMPACT_STARTED),
        ("Error rate spiked", Anchor.IMPACT_STARTED),
        ("Monitoring alert fired", Anchor.DETECTED),
        ("On-call engineer paged", Anchor.ACKNOWLEDGED),
        ("Incident declared", Anchor.DECLARED),
        ("Root cause identified", Anchor.ROOT_CAUSE_IDENTIFIED),
        ("Fix deployed", Anchor.MITIGATED),
        ("Service fully restored", Anchor.RESOLVED),
        ("Latency back to normal", Anchor.RESOLVED),
        ("Monitoring confirmed stable", Anchor.CONFIRMED_STABLE),
        ("Team had coffee", None),
    ],
)
def test_importer_timeline_wording_gives_anchors(wording, kind):
    pm = parse_postmortem(_doc(f"## Timeline\n\n- 08:00 {wording}")).postmortem
    assert pm.timeline[0].kind == kind


def test_importer_duration_that_disagrees_with_the_timeline_is_kept_and_warned():
    text = _doc(
        "## Timeline\n\n- 08:00 First error logged\n- 09:15 Service fully restored",
        header="**Date:** 2026-01-30\n**Severity:** SEV 2\n**Duration:** 1 hours 0 minutes",
    )
    parsed = parse_postmortem(text)
    assert parsed.postmortem.duration == timedelta(hours=1)
    assert [e.kind for e in parsed.postmortem.timeline] == [None, None]
    assert any("disagrees" in w for w in parsed.warnings)
    assert "**Duration:** 1 hours 0 minutes" in to_markdown(parsed.postmortem)


@pytest.mark.parametrize(
    "bullet, expected",
    [
        (
            "- [ ] Fix X (P1, owner: platform team, due 2025-11-21)",
            ("Fix X", Priority.P1, "platform team", date(2025, 11, 21), ActionStatus.OPEN, None),
        ),
        (
            "- [x] Restore Y (P0, owner: payments, done 2025-11-04)",
            ("Restore Y", Priority.P0, "payments", None, ActionStatus.DONE, date(2025, 11, 4)),
        ),
        (
            "- [X] Done without date (P2)",
            ("Done without date", Priority.P2, "", None, ActionStatus.DONE, None),
        ),
        (
            "- P0: Lead priority (@sre, due: 21 November 2025)",
            ("Lead priority", Priority.P0, "sre", date(2025, 11, 21), ActionStatus.OPEN, None),
        ),
        (
            "- Keep (the words) here (P1)",
            ("Keep (the words) here", Priority.P1, "", None, ActionStatus.OPEN, None),
        ),
    ],
)
def test_importer_checkbox_and_bullet_action_items(bullet, expected):
    item = parse_postmortem(
        _doc(f"## Action items\n\n{bullet}", header="**Date:** 2025-11-04")
    ).postmortem.action_items[0]
    assert (item.action, item.priority, item.owner, item.due_date, item.status, item.completed_on) == expected


def test_importer_action_table_columns_by_name():
    table = (
        "| Action | Owner | Priority | Status | Due | Ticket |\n|---|---|---|---|---|---|\n"
        "| Add alert | SRE | p0 | WIP | 2026-02-03 | OPS-1 |"
    )
    item = parse_postmortem(_doc(f"## Actions\n\n{table}")).postmortem.action_items[0]
    assert (item.action, item.owner, item.priority, item.status, item.due_date, item.tracker_key) == (
        "Add alert",
        "SRE",
        Priority.P0,
        ActionStatus.IN_PROGRESS,
        date(2026, 2, 3),
        "OPS-1",
    )


_TABLE = "| Time (UTC) | Event | Owner |\n|---|---|---|\n"
_ACTIONS = "| ID | Priority | Action | Owner | Due Date | Status |\n|---|---|---|---|---|---|\n"


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        (
            _doc("## Timeline\n\n" + _TABLE + "| 08:00 | ok | a |\n| 25:70 | bad | b |"),
            11,
            "no such time of day",
        ),
        (_doc("## Timeline\n\n" + _TABLE + "| soon | bad | b |"), 10, "unreadable time 'soon'"),
        (_doc("## Timeline\n\n- 9.40h bad"), 8, "unreadable time"),
        (
            _doc("## Action Items\n\n" + _ACTIONS + "| 1 | P5 | Fix | a | 2026-02-01 | Open |"),
            10,
            "unknown priority 'P5'; expected P0, P1 or P2",
        ),
        (
            _doc("## Action Items\n\n" + _ACTIONS + "| 1 | P1 | Fix | a | 2026-02-01 | Maybe |"),
            10,
            "unknown status",
        ),
        (
            _doc("## Action Items\n\n" + _ACTIONS + "| 1 | P1 | Fix | a | 2026-13-01 | Open |"),
            10,
            "not a real date",
        ),
        (
            _doc("## Action Items\n\n" + _ACTIONS + "| 1 | P1 | Fix | a | 2026-01-01 | Open |"),
            10,
            "action_items[0].due_date: 2026-01-01 is before the incident",
        ),
        (_doc("## Action Items\n\n- [ ] Fix (P1, due someday-ish 12)"), 8, "unreadable date"),
        (
            _doc("## Sign-Off\n\n| Role | Name | Date |\n|---|---|---|\n| IC | Dana | 2026-01-01 |"),
            10,
            "signoffs[0].date: is before the incident",
        ),
        (_doc("## Attachments\n\n- [logs](ftp://example.com/x)"), 8, "not an http:// or https:// link"),
        (_doc("x", header="**Date:** 2026-01-30\n**Severity:** SEV 9"), 4, "unknown severity 'SEV 9'"),
        (_doc("x", header="**Date:** someday"), 3, "unreadable date"),
        (_doc("x", header="**Date:** 2026-01-30\n**Duration:** a while"), 4, "unreadable duration"),
        (
            _doc("x", header="**Date:** 2026-01-30\n**Incident ID:** INC-2026-01-31-001"),
            4,
            "does not match the date",
        ),
        ("Just some text without any heading.\n", 1, "no title"),
        ("# Post-Mortem: No date anywhere\n\nText.\n", 1, "no incident date"),
        ("---\ntitle: [unclosed\n---\n# T\n", 2, "front matter is not valid YAML"),
        (
            _doc(
                "## Timeline\n\n| Time (UTC) | Event | Owner | Anchor |\n|---|---|---|---|\n"
                "| 08:00 | x | y | soonish |"
            ),
            10,
            "unknown anchor 'soonish'",
        ),
        (
            _doc(
                "## Timeline\n\n| Time (UTC) | Event | Owner | Anchor |\n|---|---|---|---|\n"
                "| 09:00 | x | y | Resolved |",
                header="**Date:** 2026-01-30\n**Impact Started At:** 2026-01-30 10:00",
            ),
            10,
            "before Impact started",
        ),
    ],
)
def test_importer_rejects_malformed_files_naming_the_line(text, line, fragment):
    with pytest.raises(ImportFormatError) as caught:
        parse_postmortem(text, "bad.md")
    assert caught.value.source == "bad.md"
    assert caught.value.line == line, str(caught.value)
    assert fragment in caught.value.message
    assert str(caught.value).startswith(f"bad.md:{line}: ")


def test_importer_rejects_an_oversized_field_naming_its_line():
    with pytest.raises(ImportFormatError, match=r"executive_summary: is 5,000,001 characters long") as caught:
        parse_postmortem(_doc("## Executive Summary\n\n" + "x" * 5_000_001), "big.md")
    assert caught.value.line == 8


@pytest.mark.parametrize(
    "content, line, fragment",
    [
        (b"", None, "the file is empty"),
        (b"  \n\n", None, "the file is empty"),
        (b"# T\n\x00\x01\x02binary", 2, "binary content"),
        (
            b"# Post-Mortem: T\n\n**Date:** 2026-01-30\n\nbad \xff\xfe byte\n",
            5,
            "not valid UTF-8 (byte 0xff)",
        ),
    ],
)
def test_importer_rejects_undecodable_files(engine, content, line, fragment):
    [outcome] = import_files(engine, [("f.md", content)])
    assert not outcome.ok and outcome.incident_id is None
    assert fragment in outcome.error
    assert outcome.error.startswith(f"f.md:{line}: " if line else "f.md: ")
    assert _count(engine) == 0


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_importer_accepts_files_with_a_byte_order_mark(engine, encoding):
    [outcome] = import_files(engine, [("bom.md", SAMPLE.read_text(encoding="utf-8").encode(encoding))])
    assert outcome.ok, outcome.error


@pytest.mark.parametrize("case", sorted(CASES))
def test_importer_store_round_trip_is_byte_identical(engine, case):
    original = normalise(CASES[case]())
    if original.repeat_of:
        create_postmortem(engine, seed_postmortem(incident_date=date(2025, 10, 1)))
    text = to_markdown(original)
    [outcome] = import_files(engine, [(f"{case}.md", text.encode("utf-8"))])
    assert outcome.ok, outcome.error
    assert to_markdown(get_postmortem(engine, outcome.incident_id)) == to_markdown(
        dataclasses.replace(original, incident_id=outcome.incident_id)
    )


def test_importer_batch_stores_good_files_and_rejects_bad_ones(engine):
    sample = SAMPLE.read_bytes()
    bad = _doc("## Action Items\n\n" + _ACTIONS + "| 1 | P9 | Fix | a | 2026-02-01 | Open |").encode()
    calls = []
    outcomes = import_files(
        engine,
        [("a.md", sample), ("bad.md", bad), ("dup.md", sample), ("b.md", CHECKOUT.read_bytes())],
        progress=lambda *a: calls.append(a),
    )
    assert [(o.source, o.ok, o.incident_id) for o in outcomes] == [
        ("a.md", True, "INC-2026-01-30-001"),
        ("bad.md", False, None),
        ("dup.md", False, None),
        ("b.md", True, "INC-2025-11-04-001"),
    ]
    assert outcomes[1].error == "bad.md:10: action item: unknown priority 'P9'; expected P0, P1 or P2"
    assert outcomes[2].error == "dup.md:4: incident_id: INC-2026-01-30-001 exists already"
    assert calls == [(1, 4, "a.md"), (2, 4, "bad.md"), (3, 4, "dup.md"), (4, 4, "b.md")]
    assert _count(engine) == 2


def test_importer_dry_run_checks_everything_and_writes_nothing(engine):
    create_postmortem(engine, seed_postmortem(incident_date=date(2025, 11, 4)))
    files = [
        ("a.md", SAMPLE.read_bytes()),
        ("again.md", SAMPLE.read_bytes()),
        ("b.md", CHECKOUT.read_bytes()),
    ]
    outcomes = import_files(engine, files, dry_run=True)
    assert [(o.ok, o.incident_id) for o in outcomes] == [
        (True, "INC-2026-01-30-001"),
        (False, None),
        (True, "INC-2025-11-04-002"),
    ]
    assert "exists already" in outcomes[1].error
    assert _count(engine) == 1


@pytest.mark.parametrize("data", [b"# Big\n" + b"x" * (6 * 1024 * 1024), "# Big\n" + "y" * (6 * 1024 * 1024)],
                         ids=["bytes", "text"])
def test_importer_refuses_a_file_over_the_size_limit_and_writes_nothing(engine, data):
    from core.importer import import_files
    from core.services import count_incidents

    [outcome] = import_files(engine, [("huge.md", data)])
    assert not outcome.ok and "huge.md" in outcome.error and "limit" in outcome.error
    assert count_incidents(engine) == 0
