"""Writers: the seed's Markdown template, the incident-database YAML record and JSON."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime

import pytest
import yaml

from core.errors import ExportFormatError
from core.export import FORMATS, anchor_markers, export_postmortem, to_json, to_markdown, to_yaml
from core.importer import parse_postmortem
from core.postmortem import ActionStatus, Anchor, Impact, PostMortem, ReviewStatus, TimelineEvent
from core.validation import normalise
from tests.conftest import SHARED
from tests.core.data.transfer_cases import CASES
from tests.core.factories import seed_postmortem

SAMPLE = SHARED / "samples" / "INC-2026-01-30-001.md"


def test_export_markdown_reproduces_the_seed_sample_byte_for_byte():
    text = SAMPLE.read_text(encoding="utf-8")
    assert to_markdown(parse_postmortem(text, SAMPLE.name).postmortem) == text


@pytest.mark.parametrize("case", sorted(CASES))
def test_export_markdown_round_trip_is_byte_identical_and_keeps_every_field(case):
    original = normalise(CASES[case]())
    first = to_markdown(original)
    parsed = parse_postmortem(first, f"{case}.md")
    assert to_markdown(parsed.postmortem) == first
    assert parsed.unplaced == []
    for f in dataclasses.fields(PostMortem):
        assert getattr(parsed.postmortem, f.name) == getattr(original, f.name), f.name


@pytest.mark.parametrize(
    "overrides, line",
    [
        ({"category": "database"}, "**Category:** database"),
        ({"cause": "hardware_failure"}, "**Cause:** hardware_failure"),
        ({"resolution_method": "backup_restore"}, "**Resolution Method:** backup_restore"),
        ({"incident_commander": "Dana"}, "**Incident Commander:** Dana"),
        ({"summary": "Disk died."}, "**Summary:** Disk died."),
        ({"detection_method": "Alert"}, "**Detection Method:** Alert"),
        ({"rto_met": True}, "**RTO Met:** Yes"),
        ({"rpo_met": False}, "**RPO Met:** No"),
        ({"status": ReviewStatus.SIGNED_OFF}, "**Status:** Signed off"),
        ({"repeat_of": "INC-2025-01-01-001"}, "**Repeat Of:** INC-2025-01-01-001"),
        (
            {"timestamps": {Anchor.MITIGATED: datetime(2026, 3, 1, 9, 30)}},
            "**Mitigated At:** 2026-03-01 09:30",
        ),
    ],
)
def test_export_markdown_header_extras_only_when_set(overrides, line):
    bare = to_markdown(normalise(PostMortem(title="T", incident_date=date(2026, 3, 1))))
    assert line.split(":**")[0] not in bare
    written = to_markdown(normalise(PostMortem(title="T", incident_date=date(2026, 3, 1), **overrides)))
    header = written.split("\n\n")[1].split("\n")
    assert header[:5] == [
        "**Date:** 2026-03-01",
        "**Incident ID:**",
        "**Severity:** SEV 3",
        "**Duration:**",
        "**Reporter:**",
    ]
    assert header[5:] == [line]


@pytest.mark.parametrize(
    "moment, spelled",
    [
        (datetime(2026, 1, 30, 8, 0), "| 08:00 |"),
        (datetime(2026, 1, 30, 8, 0, 30), "| 08:00:30 |"),
        (datetime(2026, 1, 31, 0, 10), "| 2026-01-31 00:10 |"),
        (datetime(2026, 1, 29, 23, 50), "| 2026-01-29 23:50 |"),
    ],
)
def test_export_markdown_timeline_times(moment, spelled):
    pm = normalise(seed_postmortem(timeline=[TimelineEvent(moment, "Something happened", "x")]))
    assert f"{spelled} Something happened | x |" in to_markdown(pm)


@pytest.mark.parametrize(
    "data_loss, amount, spelled",
    [
        (False, "", "- **Data Loss:** No"),
        (True, "", "- **Data Loss:** Yes"),
        (True, "2 hours of orders", "- **Data Loss:** Yes, 2 hours of orders"),
    ],
)
def test_export_markdown_data_loss(data_loss, amount, spelled):
    pm = normalise(seed_postmortem(impact=Impact(data_loss=data_loss, data_loss_amount=amount)))
    assert spelled + "\n" in to_markdown(pm)


@pytest.mark.parametrize(
    "text, cell",
    [
        ("a | b", "a \\| b"),
        ("two\nlines", "two<br>lines"),
        ("back\\slash", "back\\\\slash"),
        ("literal <br> tag", "literal \\<br> tag"),
    ],
)
def test_export_markdown_escapes_table_cells(text, cell):
    pm = normalise(seed_postmortem(timeline=[TimelineEvent(datetime(2026, 1, 30, 8, 0), text, "o")]))
    assert f"| 08:00 | {cell} | o |" in to_markdown(pm)


@pytest.mark.parametrize(
    "kind, marker",
    [
        (Anchor.IMPACT_STARTED, None),  # the wording says so: no mark
        (None, "none"),  # the wording would say impact started: marked as none
        (Anchor.DETECTED, "Detected"),
    ],
)
def test_export_markdown_marks_anchors_only_where_the_wording_differs(kind, marker):
    pm = normalise(
        seed_postmortem(
            timeline=[TimelineEvent(datetime(2026, 1, 30, 8, 0), "First error logged", "db", kind)]
        )
    )
    markers = anchor_markers(pm)
    text = to_markdown(pm)
    if marker is None:
        assert markers == [None] and "| Anchor |" not in text
    else:
        assert "| Time (UTC) | Event | Owner | Anchor |" in text and f"| db | {marker} |" in text


def test_export_yaml_is_the_seed_incident_database_record():
    pm = normalise(seed_postmortem(incident_id="INC-2026-01-30-001"))
    for item in pm.action_items:
        item.status = ActionStatus.DONE
    pm.action_items.append(dataclasses.replace(pm.action_items[0], number=None, action="Third"))
    assert to_yaml(pm) == (
        "incident_id: INC-2026-01-30-001\n"
        "date: 2026-01-30\n"
        "severity: SEV-1\n"
        "category: database\n"
        "cause: hardware_failure\n"
        "resolution: backup_restore\n"
        "rto_met: true\n"
        "rpo_met: true\n"
        "action_items_completed: 3/3\n"
    )


def test_export_yaml_unknown_values_stay_valid_yaml():
    pm = normalise(PostMortem(title="T", incident_date=date(2026, 3, 1), category="yes", cause="a: b"))
    record = yaml.safe_load(to_yaml(pm))
    assert list(record) == [
        "incident_id",
        "date",
        "severity",
        "category",
        "cause",
        "resolution",
        "rto_met",
        "rpo_met",
        "action_items_completed",
    ]
    assert record["category"] == "yes" and record["cause"] == "a: b"
    assert record["rto_met"] is None and record["incident_id"] is None
    assert record["action_items_completed"] == "0/0" and record["date"] == date(2026, 3, 1)


def test_export_json_has_every_field_iso_dates_and_stable_order():
    pm = normalise(CASES["rich"]())
    text = to_json(pm)
    data = json.loads(text)
    assert list(data)[: len(dataclasses.fields(PostMortem))] == [
        f.name for f in dataclasses.fields(PostMortem)
    ]
    assert data["incident_date"] == "2025-12-31"
    assert data["timeline"][1] == {
        "time": "2025-12-31T23:10:00",
        "event": "First errors in resolver logs | zrh-1",
        "owner": "resolver",
        "kind": "impact_started",
    }
    assert data["timestamps"] == {"declared": "2025-12-31T23:40:30"}
    assert data["action_items"][0]["completed_on"] == "2026-01-05"
    assert data["derived"]["ttr_seconds"] == 2 * 3600 and data["derived"]["action_items_completed"] == "1/3"
    assert to_json(normalise(CASES["rich"]())) == text


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_postmortem_dispatches_each_format(fmt):
    pm = normalise(seed_postmortem())
    assert export_postmortem(pm, fmt) == {"md": to_markdown, "yaml": to_yaml, "json": to_json}[fmt](pm)


@pytest.mark.parametrize("fmt", ["pdf", "", "MD", "yml"])
def test_export_postmortem_rejects_unknown_formats(fmt):
    with pytest.raises(ExportFormatError, match="md, yaml, json"):
        export_postmortem(normalise(seed_postmortem()), fmt)
