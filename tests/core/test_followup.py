"""30-day and 90-day follow-up reviews: figures from the data, suggested answers, storage."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from core.action_edits import diff_edits, update_action_items, verify_action_item
from core.action_items import list_action_items
from core.cadence import Step, StepState, incident_cadence
from core.errors import NotFoundError, ValidationError
from core.followup import Answer, followup_figures, list_followups, save_followup, suggested_answers
from core.postmortem import Anchor, TimelineEvent
from core.services import create_postmortem, link_repeat
from tests.core.factories import seed_postmortem

NOW = datetime(2026, 5, 1, 12)


def _incident(engine, day: date, ttr_minutes: int, **kw):  # type: ignore[no-untyped-def]
    start = datetime.combine(day, datetime.min.time()) + timedelta(hours=8)
    timeline = [TimelineEvent(start, "start", kind=Anchor.IMPACT_STARTED),
                TimelineEvent(start + timedelta(minutes=ttr_minutes), "restored", kind=Anchor.RESOLVED)]
    return create_postmortem(engine, seed_postmortem(incident_date=day, timeline=timeline, signoffs=[],
                                                     action_items=[], **kw)).incident_id


@pytest.fixture
def history(engine):
    _incident(engine, date(2025, 12, 1), 60)  # 60 days before: counts as "before"
    _incident(engine, date(2025, 9, 1), 500)  # outside the 90-day window
    _incident(engine, date(2026, 1, 10), 40, cause="network_partition")  # same category, other cause
    main = create_postmortem(engine, seed_postmortem()).incident_id  # 2026-01-30, TTR 75 min
    repeat = _incident(engine, date(2026, 3, 3), 20)  # same category and cause, later
    linked = _incident(engine, date(2026, 4, 1), 10, category="network", cause="dns")
    link_repeat(engine, linked, main)
    _incident(engine, date(2026, 4, 2), 30, category="network", cause="dns")  # unrelated
    return engine, main, repeat, linked


def test_followup_figures_answer_what_the_data_can(history):
    engine, main, repeat, linked = history
    items = list_action_items(engine, now=NOW)
    first = items[0]
    update_action_items(engine, diff_edits({first.id: {"status": "Open"}}, {first.id: {"status": "Done"}},
                                           {first.id: first.updated_at}), now=NOW)
    done = list_action_items(engine, now=NOW)[0]
    verify_action_item(engine, done.id, "yes", "no repeat", read_at=done.updated_at, now=NOW)
    figures = followup_figures(engine, main, now=NOW)
    assert (figures.completion, figures.verified_yes, figures.verified_no) == ("1/2", 1, 0)
    assert figures.repeats == [repeat, linked]
    assert (figures.mttr_before_min, figures.n_before) == (50.0, 2)  # 60 and 40
    assert (figures.mttr_after_min, figures.n_after) == (20.0, 1)
    answers = suggested_answers("30-day", figures)
    assert {k: a.choice for k, a in answers.items()} == {"completed": "partly", "effective": "yes",
                                                         "prevented": "no"}
    assert repeat in answers["prevented"].comment
    later = suggested_answers("90-day", figures)
    assert {k: a.choice for k, a in later.items()} == {"mttr_improved": "yes", "similar_prevented": "no",
                                                       "processes_followed": "unknown"}
    assert later["mttr_improved"].comment == "MTTR before 50 min (n=2), after 20 min (n=1)"


def test_followup_repeats_are_counted_only_up_to_now(history):
    engine, main, _, _ = history
    assert followup_figures(engine, main, now=datetime(2026, 3, 1)).repeats == []


def test_followup_saved_review_keeps_answers_figures_and_completes_the_step(history):
    engine, main, _, _ = history
    answers = {"completed": Answer("yes", ""), "effective": Answer("partly", "alerts noisy"),
               "prevented": Answer("no", "one repeat in March")}
    stored = save_followup(engine, main, "30-day", "Team Lead Tia", answers, now=NOW)
    [loaded] = list_followups(engine, main)
    assert loaded == stored
    assert loaded.answers["effective"] == Answer("partly", "alerts noisy")
    assert loaded.figures["total"] == 2 and loaded.reviewer == "Team Lead Tia"
    step = {s.step: s for s in incident_cadence(engine, main, now=NOW)}[Step.FOLLOW_UP_30]
    assert (step.state, step.done_at) == (StepState.DONE, NOW)


@pytest.mark.parametrize(
    ("kind", "reviewer", "answers", "fields"),
    [
        ("45-day", "Tia", {}, {"kind"}),
        ("30-day", " ", {"completed": Answer("yes"), "effective": Answer("yes"), "prevented": Answer("yes")},
         {"reviewer"}),
        ("30-day", "Tia", {"completed": Answer("no"), "effective": Answer("maybe"), "prevented": Answer("yes")},
         {"answers.completed", "answers.effective"}),
        ("90-day", "Tia", {"mttr_improved": Answer("yes"), "similar_prevented": Answer("yes"),
                           "processes_followed": Answer("yes"), "completed": Answer("yes")}, {"answers"}),
    ],
)
def test_followup_rejects_bad_reviews(history, kind, reviewer, answers, fields):
    engine, main, _, _ = history
    with pytest.raises(ValidationError) as err:
        save_followup(engine, main, kind, reviewer, answers, now=NOW)
    assert {p.field for p in err.value.problems} == fields
    assert list_followups(engine, main) == []


def test_followup_unknown_incident_is_not_found(engine):
    with pytest.raises(NotFoundError):
        followup_figures(engine, "INC-2026-01-01-009", now=NOW)


@pytest.mark.parametrize(
    ("days_later", "window", "counted"),
    [
        (30, None, True),
        (90, None, True),  # at most 90 days (the default window)
        (91, None, False),  # before the fix every later incident counted, however late
        (91, 120, True),  # the repeat_window_days setting applies
        (0, None, True),  # same day, stored after it (the LAG order of core/repeats.py)
    ],
)
def test_followup_repeats_use_the_repeat_window(engine, days_later, window, counted):
    from core.settings import save_settings

    if window:
        save_settings(engine, {"repeat_window_days": window})
    main = create_postmortem(engine, seed_postmortem()).incident_id  # 2026-01-30
    later = _incident(engine, date(2026, 1, 30) + timedelta(days=days_later), 20)
    figures = followup_figures(engine, main, now=datetime(2026, 12, 31))
    assert figures.repeats == ([later] if counted else [])
