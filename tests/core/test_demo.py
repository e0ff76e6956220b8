"""Sample data: deterministic, realistic, valid post-mortems in bulk (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import re
import statistics
from dataclasses import fields
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select

import core.demo
from core import demo_causes, demo_vocabulary
from core.cli import main
from core.database import unit_of_work
from core.demo import REPEAT_WINDOW_DAYS, DemoSummary, generate_demo
from core.errors import ValidationError
from core.orm import ActionItemRow, Base, IncidentRow, SignOffRow
from core.postmortem import SIGN_OFF_ROLES, ActionCategory, ActionStatus, Anchor
from core.repository import quarter_of
from core.services import clear_all, create_postmortem, delete_postmortem, get_postmortem
from core.validation import normalise

END = date(2026, 1, 30)
SMALL = 200


def _rows(engine: Engine, table: str) -> list[dict]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(Base.metadata.tables[table]))]


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every incident table, surrogate keys replaced by incident ids, in a stable order."""
    incidents = _rows(engine, "incidents")
    ids = {r["id"]: r["incident_id"] for r in incidents}
    result = {}
    for table in Base.metadata.sorted_tables:
        if table.name == "incidents":
            rows = [{**r, "id": None, "repeat_of_id": ids.get(r["repeat_of_id"])} for r in incidents]
        elif "incident_pk" in table.c:
            rows = [{**r, "id": None, "incident_pk": ids[r["incident_pk"]]}
                    for r in _rows(engine, table.name)]
        else:
            continue
        result[table.name] = sorted((tuple(sorted(r.items())) for r in rows), key=repr)
    return result


@pytest.mark.parametrize(
    ("first", "second", "identical"),
    [((1, 2000), (1, 2000), True), ((1, 2000), (1, 37), True), ((1, 2000), (2, 2000), False)],
    ids=["same-seed", "same-seed-other-chunk-size", "other-seed"],
)
def test_demo_same_seed_and_end_give_identical_rows(engine, monkeypatch, first, second, identical):
    snapshots = []
    for seed, chunk in (first, second):
        monkeypatch.setattr(core.demo, "CHUNK_SIZE", chunk)
        clear_all(engine)
        generate_demo(engine, 120, seed, end=END)
        snapshots.append(snapshot(engine))
    assert (snapshots[0] == snapshots[1]) is identical


@pytest.mark.parametrize(("incidents", "years"), [(1, 2.5), (SMALL, 2.5), (150, 0.5), (SMALL, 4)])
def test_demo_counts_match_the_summary_and_span_the_years(engine, incidents, years):
    summary = generate_demo(engine, incidents, 3, end=END, years=years)
    assert summary.incidents == len(_rows(engine, "incidents")) == incidents
    assert summary.action_items == len(_rows(engine, "action_items"))
    assert summary.timeline_events == len(_rows(engine, "timeline_events"))
    assert END - timedelta(days=round(years * 365.25)) <= summary.first_date <= summary.last_date < END
    if incidents == SMALL:
        assert (summary.last_date - summary.first_date).days > 0.9 * years * 365
    per_incident = {}
    for item in _rows(engine, "action_items"):
        per_incident[item["incident_pk"]] = per_incident.get(item["incident_pk"], 0) + 1
    assert set(per_incident.values()) <= {1, 2, 3, 4, 5}
    assert len(per_incident) == incidents


def _action_items(engine: Engine) -> list[tuple[ActionItemRow, date]]:
    with unit_of_work(engine) as session:
        stmt = (select(ActionItemRow, IncidentRow.incident_date)
                .join(IncidentRow, IncidentRow.id == ActionItemRow.incident_pk))
        return [(item, day) for item, day in session.execute(stmt)]


ACTION_ITEM_CASES = {
    **{f"status-{s.value}": (lambda a, d, s=s: a.status == s.value) for s in ActionStatus},
    "overdue": lambda a, d: a.status in ("Open", "In Progress", "Blocked") and a.due_date < END,
    "not-yet-due": lambda a, d: a.due_date >= END,
    "done-late": lambda a, d: a.status == "Done" and a.completed_on > a.due_date,
    "done-on-time": lambda a, d: a.status == "Done" and a.completed_on <= a.due_date,
    "verified-yes-with-note": lambda a, d: a.verified_effective == "yes" and a.verification_note != "",
    "verified-no-with-note": lambda a, d: a.verified_effective == "no" and a.verification_note != "",
    **{f"priority-{p}": (lambda a, d, p=p: a.priority == p) for p in ("P0", "P1", "P2")},
    **{f"category-{c.name}": (lambda a, d, c=c: a.category == c.value) for c in ActionCategory},
}


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_action_items_cover_every_state(engine, seed):
    generate_demo(engine, SMALL, seed, end=END)
    items = _action_items(engine)
    assert [case for case, holds in ACTION_ITEM_CASES.items() if not any(holds(a, d) for a, d in items)] == []


def test_demo_action_items_are_consistent(engine):
    generate_demo(engine, SMALL, 5, end=END)
    for item, day in _action_items(engine):
        typical = ActionCategory(item.category).typical_timeline
        assert item.due_date == day + timedelta(days=max(1, typical.days))
        assert (item.completed_on is not None) == (item.status == "Done")
        if item.completed_on is not None:
            assert day <= item.completed_on < END
        assert item.verified_effective == "unknown" or item.status == "Done"
        assert item.updated_at >= item.created_at


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_every_incident_validates_and_has_ordered_anchors(engine, seed):
    generate_demo(engine, 60, seed, end=END)
    for row in _rows(engine, "incidents"):
        assert row["ttr_seconds"] > row["ttd_seconds"] >= 0
        assert row["quarter"] == quarter_of(row["incident_date"])
        pm = normalise(get_postmortem(engine, row["incident_id"]))  # raises ValidationError on any problem
        times = pm.anchor_times()
        ordered = [times[a] for a in Anchor if a in times]
        assert ordered == sorted(ordered)
        assert (pm.ttd.total_seconds(), pm.ttr.total_seconds()) == (row["ttd_seconds"], row["ttr_seconds"])
        assert len(pm.whys) == 5 and pm.root_cause and pm.contributing_factors
        assert pm.went_well and pm.could_improve and pm.attachments
        assert pm.lessons.technical and pm.lessons.process and pm.lessons.communication
        assert all(a.url.startswith("https://") for a in pm.attachments)
        assert [s.role for s in pm.signoffs] == list(SIGN_OFF_ROLES)
        if pm.status.value in ("signed_off", "closed"):
            assert all(s.name and s.date for s in pm.signoffs)


IGNORED = {"id", "created_at", "updated_at", "repeat_of_id", "incident_pk"}


def _incident_tables(engine: Engine, incident_id: str) -> dict[str, list[dict]]:
    with engine.connect() as conn:
        table = Base.metadata.tables["incidents"]
        pk = conn.scalar(select(table.c.id).where(table.c.incident_id == incident_id))
    result = {"incidents": [r for r in _rows(engine, "incidents") if r["id"] == pk]}
    for name in ("timeline_events", "incident_notes", "incident_services", "action_items", "attachments",
                 "signoffs"):
        result[name] = sorted(({k: v for k, v in r.items() if k not in IGNORED}
                               for r in _rows(engine, name) if r["incident_pk"] == pk), key=repr)
    result["incidents"] = [{k: v for k, v in r.items() if k not in IGNORED} for r in result["incidents"]]
    return result


@pytest.mark.parametrize("seed", [1, 4])
def test_demo_rows_match_what_create_postmortem_writes(engine, seed):
    generate_demo(engine, 12, seed, end=END)
    for incident_id in [r["incident_id"] for r in _rows(engine, "incidents")]:
        bulk = _incident_tables(engine, incident_id)
        pm = get_postmortem(engine, incident_id)
        pm.repeat_of = None
        for item in pm.action_items:
            item.id = None
        delete_postmortem(engine, incident_id)
        create_postmortem(engine, pm)
        assert _incident_tables(engine, incident_id) == bulk


def test_demo_repeats_exist_and_satisfy_the_definition(engine):
    summary = generate_demo(engine, SMALL, 1, end=END)
    rows = sorted(_rows(engine, "incidents"), key=lambda r: (r["incident_date"], r["id"]))
    by_pk = {r["id"]: r for r in rows}
    linked = [r for r in rows if r["repeat_of_id"] is not None]
    assert linked
    for row in linked:
        original = by_pk[row["repeat_of_id"]]
        assert (original["category"], original["cause"]) == (row["category"], row["cause"])
        assert 0 <= (row["incident_date"] - original["incident_date"]).days <= REPEAT_WINDOW_DAYS
        assert original["id"] != row["id"]
    last: dict[tuple[str, str], date] = {}
    expected = 0
    for row in rows:
        key = (row["category"], row["cause"])
        if row["repeat_of_id"] is not None or (key in last and (row["incident_date"] - last[key]).days
                                               <= REPEAT_WINDOW_DAYS):
            expected += 1
        last[key] = row["incident_date"]
    assert 0 < summary.repeats == expected < SMALL


@pytest.mark.parametrize(("first_seed", "second_seed"), [(1, 1), (1, 2)])
def test_demo_appending_twice_gives_distinct_ids(engine, first_seed, second_seed):
    generate_demo(engine, 100, first_seed, end=END)
    generate_demo(engine, 100, second_seed, end=END)
    rows = _rows(engine, "incidents")
    assert len({r["incident_id"] for r in rows}) == 200
    per_day: dict[date, list[int]] = {}
    for row in rows:
        per_day.setdefault(row["incident_date"], []).append(row["seq"])
    assert all(sorted(seqs) == list(range(1, len(seqs) + 1)) for seqs in per_day.values())


def test_demo_durations_are_skewed_worse_for_sev1_and_improve_over_time(engine):
    generate_demo(engine, 600, 1, end=END)
    rows = _rows(engine, "incidents")
    ttr = [r["ttr_seconds"] for r in rows]
    assert statistics.mean(ttr) > statistics.median(ttr)  # right-skewed, as real durations are

    def median_ttr(pred) -> float:  # type: ignore[no-untyped-def]
        return statistics.median(r["ttr_seconds"] for r in rows if pred(r))

    assert median_ttr(lambda r: r["severity"] == "SEV1") > median_ttr(lambda r: r["severity"] == "SEV3")
    first_year = END - timedelta(days=round(2.5 * 365.25) - 365)
    assert median_ttr(lambda r: r["incident_date"] < first_year) > \
        median_ttr(lambda r: r["incident_date"] >= END - timedelta(days=365))
    severities = [r["severity"] for r in rows]
    assert severities.count("SEV3") + severities.count("SEV4") > 0.7 * len(rows)
    assert {r["category"] for r in rows} == {c.name for c in demo_causes.CATEGORIES}
    weekdays = sum(1 for r in rows if r["incident_date"].weekday() < 5) / 5
    weekends = sum(1 for r in rows if r["incident_date"].weekday() >= 5) / 2
    assert weekdays > weekends


def test_demo_review_status_follows_age(engine):
    generate_demo(engine, SMALL, 1, end=END)
    rows = _rows(engine, "incidents")
    old = {r["status"] for r in rows if (END - r["incident_date"]).days > 90}
    assert old <= {"in_review", "signed_off", "closed"} and "closed" in old
    with unit_of_work(engine) as session:
        signed = session.scalars(select(SignOffRow).where(SignOffRow.name != "")).all()
    assert {s.role for s in signed} == {"Incident Commander", "Engineering Manager", "Product Manager"}


def test_demo_reports_progress_after_each_chunk(engine, monkeypatch):
    monkeypatch.setattr(core.demo, "CHUNK_SIZE", 50)
    calls: list[tuple[int, int]] = []
    summary = generate_demo(engine, 120, 1, end=END, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(50, 120), (100, 120), (120, 120)]
    assert isinstance(summary, DemoSummary) and {f.name for f in fields(summary)} == {
        "incidents", "action_items", "timeline_events", "repeats", "first_date", "last_date"}


@pytest.mark.parametrize(("incidents", "years", "field"),
                         [(0, 2.5, "incidents"), (1_000_001, 2.5, "incidents"), (10, 0, "years")])
def test_demo_rejects_bad_arguments(engine, incidents, years, field):
    with pytest.raises(ValidationError) as info:
        generate_demo(engine, incidents, 1, end=END, years=years)
    assert [p.field for p in info.value.problems] == [field]
    assert _rows(engine, "incidents") == []


def _strings(value: object) -> list[str]:
    """Every string inside ``value`` (tuples, dicts and dataclasses of the sample-data catalogue)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    elif hasattr(value, "__dataclass_fields__"):
        value = [getattr(value, f.name) for f in fields(value)]  # type: ignore[arg-type]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def _texts() -> list[str]:
    modules = (demo_causes, demo_vocabulary)
    return [s for m in modules for name in dir(m) if name.isupper() for s in _strings(getattr(m, name))]


@pytest.mark.parametrize("blame", [r"\bshould have\b", r"\bcould have\b", r"human error", r"\bjust\b",
                                   r"\bsimply\b", r"\bobviously\b", r"\bforgot\b", r"\bcareless",
                                   r"\bsomeone\b", r"\bwe\b", r"\bfault\b", r"\bblame"])
def test_demo_texts_avoid_blame_language(blame):
    texts = _texts()
    assert len(texts) > 150
    assert not [t for t in texts if re.search(blame, t, re.IGNORECASE)]


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--incidents", "0"], 2, "out of range"),
        (["--incidents", "1000001"], 2, "out of range"),
        (["--incidents", "many"], 2, "not a whole number"),
        (["--end", "2026-13-01"], 2, "YYYY-MM-DD"),
        (["--years", "0"], 2, "out of range"),
        (["--seed", "x"], 2, "invalid int"),
        (["--incidents", "25", "--end", "2026-01-30"], 0, "added 25 incidents"),
    ],
    ids=["zero", "too-many", "not-a-number", "bad-date", "zero-years", "bad-seed", "ok"],
)
def test_demo_cli_exit_codes(sqlite_url, capsys, argv, code, message):
    assert _run(["demo", *argv, "--url", sqlite_url]) == code
    captured = capsys.readouterr()
    assert message in (captured.out if code == 0 else captured.err)
