"""Sample data: deterministic, realistic, valid post-mortems in bulk (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine, select

import core.demo
from core import demo_causes, demo_vocabulary
from core.annual_review import get_annual_review
from core.cadence import StepState, reviews_due
from core.cli import main
from core.database import unit_of_work
from core.demo import REPEAT_WINDOW_DAYS, DemoSummary, generate_demo
from core.demo_incident import lower_first, natural_duration
from core.demo_repeats import component_names, components_per_service
from core.dr_plan import MAJOR_SEVERITIES, Trigger, apply_triggers, list_tasks
from core.errors import ValidationError
from core.followup import followup_figures
from core.orm import ActionItemRow, Base, IncidentRow, SignOffRow
from core.postmortem import SIGN_OFF_ROLES, ActionCategory, ActionStatus, Anchor, LessonKind
from core.repeats import repeat_counts
from core.repository import LESSON_SECTIONS, quarter_of
from core.services import IncidentFilter, clear_all, create_postmortem, delete_postmortem, get_postmortem
from core.validation import normalise

END = date(2026, 1, 30)
NOW = datetime.combine(END, time())
SMALL = 200
ORG_TABLES = ("dr_tests", "annual_reviews")  # organisation-wide follow-up rows, kept by clear_all


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
            rows = [{**r, "id": None, "incident_pk": ids.get(r["incident_pk"])}
                    for r in _rows(engine, table.name)]
        elif table.name in ORG_TABLES:
            rows = _rows(engine, table.name)
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


def _repeat_share(engine: Engine) -> float:
    rows = _rows(engine, "incidents")
    quarters = sorted({r["quarter"] for r in rows})
    counts = repeat_counts(engine, IncidentFilter(), quarters, window_days=REPEAT_WINDOW_DAYS)
    return sum(counts.values()) / len(rows)


@pytest.mark.parametrize(("incidents", "seed"), [(SMALL, 1), (SMALL, 2), (600, 3)])
def test_demo_repeat_share_is_realistic_by_the_repeats_query(engine, incidents, seed):
    generate_demo(engine, incidents, seed, end=END)
    assert 0.03 <= _repeat_share(engine) <= 0.10
    causes = {r["cause"] for r in _rows(engine, "incidents")}
    assert len(causes) < 0.6 * incidents  # specific causes, yet few enough for a filter widget
    assert all(re.fullmatch(r"[a-z_]+@[a-z-]+(-\d{2,})?", c) for c in causes)


@pytest.mark.parametrize(("incidents", "years", "components"),
                         [(200, 2.5, 1), (2_000, 2.5, 8), (20_000, 2.5, 80), (100_000, 2.5, 400),
                          (2_000, 0.5, 40)])
def test_demo_bigger_organisations_run_more_components(incidents, years, components):
    assert components_per_service(incidents, years) == components
    names = component_names("orders-db", components)
    assert len(set(names)) == components and all(n.startswith("orders-db") for n in names)


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_hand_linked_repeats_are_the_same_failure(engine, seed):
    generate_demo(engine, 600, seed, end=END)
    rows = {r["id"]: r for r in _rows(engine, "incidents")}
    services = {(s["incident_pk"], s["position"]): s["service"] for s in _rows(engine, "incident_services")}
    factors = {n["incident_pk"]: n["text"] for n in _rows(engine, "incident_notes")
               if n["section"] == "contributing_factors" and "days earlier in INC-" in n["text"]}
    linked = [r for r in rows.values() if r["repeat_of_id"] is not None]
    assert len(linked) >= 5
    for row in linked:
        original = rows[row["repeat_of_id"]]
        assert (row["category"], row["cause"]) == (original["category"], original["cause"])
        assert services[(row["id"], 0)] == services[(original["id"], 0)]
        assert row["cause"].split("@")[1] in row["title"]
        days = (row["incident_date"] - original["incident_date"]).days
        assert factors[row["id"]].endswith(f"{days} days earlier in {original['incident_id']}")


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_reviews_due_lists_a_minority_overdue(engine, seed):
    generate_demo(engine, SMALL, seed, end=END)
    due = reviews_due(engine, now=NOW, within_days=7)
    incidents = _rows(engine, "incidents")
    overdue = {s.incident_id for s in due if s.state is StepState.OVERDUE}
    old = {r["incident_id"] for r in incidents if (END - r["incident_date"]).days > 90}
    assert 0 < len(overdue & old) < 0.3 * len(old)
    assert {StepState.OPEN, StepState.UPCOMING} & {s.state for s in due}  # recent incidents are pending
    steps = _rows(engine, "review_steps")
    by_pk = {r["id"]: r for r in incidents}
    assert steps
    assert all(by_pk[s["incident_pk"]]["incident_date"] <= s["done_at"].date() < END for s in steps)


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_dr_tasks_follow_the_triggers(engine, seed):
    generate_demo(engine, SMALL, seed, end=END)
    incidents = _rows(engine, "incidents")
    tasks = list_tasks(engine, limit=None)  # type: ignore[arg-type]
    scopes = {(t.trigger, t.scope) for t in tasks}
    assert all((Trigger.EVERY_INCIDENT, r["incident_id"]) in scopes for r in incidents)
    major = [r for r in incidents if r["severity"] in MAJOR_SEVERITIES]
    assert major and all((Trigger.MAJOR_INCIDENT, r["incident_id"]) in scopes for r in major)
    assert {Trigger.QUARTERLY, Trigger.FAILED_TEST} <= {t.trigger for t in tasks}
    old = [t for t in tasks if t.due_date < END - timedelta(days=60)]
    assert 0.85 * len(old) < sum(t.status == "Done" for t in old) < len(old)
    assert all(t.done_at is None or t.done_at < NOW for t in tasks)
    assert apply_triggers(engine, now=NOW) == []  # nothing missing for the triggers


def test_demo_dr_tasks_match_what_apply_triggers_creates(engine):
    generate_demo(engine, 60, 1, end=END)
    generated = {(t.trigger, t.scope): (t.action, t.owner_role, t.due_date) for t in list_tasks(engine)
                 if t.incident_id}
    table = Base.metadata.tables["dr_tasks"]
    with engine.begin() as conn:
        conn.execute(table.delete().where(table.c.incident_pk.is_not(None)))
    created = apply_triggers(engine, now=NOW)
    assert {(t.trigger, t.scope): (t.action, t.owner_role, t.due_date) for t in created} == generated


def test_demo_followup_reviews_store_what_followup_figures_shows(engine):
    summary = generate_demo(engine, SMALL, 1, end=END)
    reviews = _rows(engine, "followup_reviews")
    assert summary.followup_reviews == len(reviews) > 0
    assert {r["kind"] for r in reviews} == {"30-day", "90-day"}
    ids = {r["id"]: r["incident_id"] for r in _rows(engine, "incidents")}
    steps = {(s["incident_pk"], s["step"]): s for s in _rows(engine, "review_steps")}
    for review in reviews:
        shown = followup_figures(engine, ids[review["incident_pk"]], now=review["reviewed_at"])
        assert json.loads(review["figures"]) == asdict(shown)
        step = steps[(review["incident_pk"], "followup_30" if review["kind"] == "30-day" else "review_90")]
        assert step["done_at"] == review["reviewed_at"] and review["reviewer"] in step["note"]
        answers = json.loads(review["answers"]).values()
        assert all(a["choice"] in ("yes", "partly", "no", "unknown") for a in answers)


def test_demo_communication_and_annual_reviews(engine):
    generate_demo(engine, SMALL, 1, end=END)
    status = {r["id"]: r["status"] for r in _rows(engine, "incidents")}
    items = _rows(engine, "communications")
    assert items and all(status[i["incident_pk"]] in ("signed_off", "closed") and i["done"] for i in items)
    assert {"team_meeting", "wiki", "status_page"} <= {i["item"] for i in items}
    assert all(i["done_on"] < END for i in items)
    for year in range(END.year - 2, END.year):
        assert get_annual_review(engine, year).updated_at is not None
    assert get_annual_review(engine, END.year).updated_at is None


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
        "incidents", "action_items", "timeline_events", "repeats", "first_date", "last_date", "review_steps",
        "dr_tasks", "followup_reviews"}


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


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "less than a minute"), (59, "less than a minute"), (60, "1 minute"), (43 * 60, "43 minutes"),
    (3600, "1 hour"), (3660, "1 hour 1 minute"), (2 * 3600 + 5 * 60, "2 hours 5 minutes"),
    (26 * 3600 + 59, "26 hours"),
])
def test_demo_natural_duration_reads_as_prose(seconds, text):
    assert natural_duration(seconds) == text


@pytest.mark.parametrize(("phrase", "text"), [
    ("Rejected API requests", "rejected API requests"), ("TLS handshake failures", "TLS handshake failures"),
    ("About 1,200 users", "about 1,200 users"), ("orders-db errors", "orders-db errors"),
    ("Internal users only", "internal users only"), ("Latency spike", "latency spike"), ("", ""),
])
def test_demo_lower_first_keeps_names_and_acronyms(phrase, text):
    assert lower_first(phrase) == text


CAUSES = {(c.name, cause.slug): (c, cause) for c in demo_causes.CATEGORIES for cause in c.causes}
V = demo_vocabulary


@dataclass
class Generated:
    """One generated incident with its catalogue entry: the row, notes by section, action texts, and the
    category, cause and component its cause names."""

    row: dict
    notes: dict[str, list[str]]
    actions: list[str]
    category: demo_causes.Category
    cause: demo_causes.Cause
    component: str

    def own(self, texts) -> set[str]:  # type: ignore[no-untyped-def]
        return {t.format(service=self.component) for t in texts}


def _vendor(method: str) -> bool:
    return next(d for d in V.DETECTIONS if d.method == method).vendor


# Each generated prose field against the incident's own category and cause in the catalogue (or the generic
# lists): a field drawn from another category or cause is a mismatch.
PROSE_CHECKS = {
    "title": lambda x: x.row["title"] in {f"{s} on {x.component} caused by {x.cause.phrase}"
                                          for s in x.cause.symptoms},
    "problem": lambda x: x.row["problem"] in {f"{s} on {x.component}" for s in x.cause.symptoms},
    "root_cause": lambda x: x.row["root_cause"] == x.cause.root_cause,
    "resolution": lambda x: x.row["resolution_method"] in x.cause.resolutions
    and x.row["resolution"] == V.RESOLUTIONS[x.row["resolution_method"]].format(service=x.component),
    "detection": lambda x: not _vendor(x.row["detection_method"]) or "vendor_fix" in x.cause.resolutions,
    "whys": lambda x: x.notes["whys"] == [w.format(service=x.component) for w in x.cause.whys],
    "contributing_factors": lambda x: all(
        f in x.cause.factors or f.startswith(f"The same failure on {x.component} occurred ")
        for f in x.notes["contributing_factors"]),
    "went_well": lambda x: x.notes["went_well"][0] == V.WENT_WELL_BY_RESOLUTION[x.row["resolution_method"]]
    and set(x.notes["went_well"][1:]) <= set(V.WENT_WELL),
    "could_improve": lambda x: set(x.notes["could_improve"]) <= {*V.COULD_IMPROVE, V.SLOW_DETECTION},
    "lesson_technical": lambda x: x.notes[LESSON_SECTIONS[LessonKind.TECHNICAL]] == [x.cause.lesson],
    "lesson_process": lambda x: set(x.notes[LESSON_SECTIONS[LessonKind.PROCESS]])
    <= {*x.category.process_lessons, *V.PROCESS_LESSONS},
    "lesson_communication": lambda x: set(x.notes[LESSON_SECTIONS[LessonKind.COMMUNICATION]])
    <= set(V.COMMUNICATION_LESSONS),
    "action_items": lambda x: set(x.actions) <= x.own(t for _, t in (*x.cause.actions, *V.GENERIC_ACTIONS)),
}


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_prose_fields_come_from_the_incidents_own_catalogue_entry(engine, seed):
    generate_demo(engine, SMALL, seed, end=END)
    notes: dict[int, dict[str, list[str]]] = {}
    for note in sorted(_rows(engine, "incident_notes"), key=lambda x: x["position"]):
        notes.setdefault(note["incident_pk"], {}).setdefault(note["section"], []).append(note["text"])
    actions: dict[int, list[str]] = {}
    for item in _rows(engine, "action_items"):
        actions.setdefault(item["incident_pk"], []).append(item["action"])
    mismatches: dict[str, list[str]] = {}
    for row in _rows(engine, "incidents"):
        slug, component = row["cause"].split("@")
        generated = Generated(row, notes[row["id"]], actions[row["id"]], *CAUSES[(row["category"], slug)],
                              component)
        for field, holds in PROSE_CHECKS.items():
            if not holds(generated):
                mismatches.setdefault(field, []).append(row["incident_id"])
    assert mismatches == {}


def test_demo_catalogue_process_lessons_belong_to_one_category_or_are_generic():
    owners: dict[str, list[str]] = {}
    for category in demo_causes.CATEGORIES:
        assert category.process_lessons
        for lesson in category.process_lessons:
            owners.setdefault(lesson, []).append(category.name)
    assert {lesson: names for lesson, names in owners.items() if len(names) > 1} == {}
    assert set(owners) & set(demo_vocabulary.PROCESS_LESSONS) == set()
    assert all(cause.symptoms for category in demo_causes.CATEGORIES for cause in category.causes)


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_summaries_say_durations_naturally_and_keep_capitals(engine, seed):
    generate_demo(engine, SMALL, seed, end=END)
    rows = _rows(engine, "incidents")
    for row in rows:
        prose = f"{row['summary']} {row['executive_summary']}"
        assert not re.search(r"\b0 hours\b|\b1 hours\b|\b1 minutes\b|\b0 minutes\b", prose), prose
        assert f" for {natural_duration(row['ttr_seconds'])}" in row["summary"]
        assert f"after {natural_duration(row['ttd_seconds'])}." in row["executive_summary"]
        symptom = row["problem"].rsplit(" on ", 1)[0]
        assert f", {lower_first(symptom)} on " in row["executive_summary"]
        acronyms = re.findall(r"\b[A-Z]{2,}\b", f"{row['problem']} {row['users_affected']}")
        assert all(a in row["executive_summary"] for a in acronyms), row["executive_summary"]
    assert any("API" in r["executive_summary"] for r in rows)  # the case the capitals were lost in


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
