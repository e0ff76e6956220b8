"""Follow-up reviews: the seed's 30- and 90-day questions, pre-filled from the data, stored with answers.

Opens on the incident whose follow-up review is due soonest (overdue first, like "Reviews due"; incidents of
the last year), unless the URL names one. Answers are only suggested once the data can give them: not before
the review's window opens, and "prevented similar incidents" = yes only once the repeat window has passed
(a similar incident found earlier is a "no" at once).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from core.cadence import CadenceStep, StepState, incident_cadence, reviews_due
from core.errors import ValidationError
from core.followup import (
    CHOICES,
    QUESTIONS,
    Answer,
    ReviewKind,
    followup_figures,
    list_followups,
    save_followup,
    suggested_answers,
)
from core.services import get_postmortem
from core.settings import get_setting
from pages._followup import error_box, now, pick_incident
from pages._shared import engine

KINDS = {k.step: k for k in ReviewKind}
PREVENTED = {ReviewKind.DAY_30: "prevented", ReviewKind.DAY_90: "similar_prevented"}
LOOK_BACK_DAYS = 365  # like the "Reviews due" page's default "Only incidents since"
LOOK_AHEAD_DAYS = 90  # far enough to reach the 30-day review of an incident resolved today


def soonest_followup() -> CadenceStep | None:
    """The follow-up review (30- or 90-day) not done yet that falls due first, from the reviews-due data."""
    at = now()
    found = reviews_due(
        engine(),
        now=at,
        within_days=LOOK_AHEAD_DAYS,
        since=(at - timedelta(days=LOOK_BACK_DAYS)).date(),
        limit=1,
        steps=tuple(KINDS),
    )
    return found[0] if found else None


def honest_answers(kind: ReviewKind, step: CadenceStep, figures, incident_date: date) -> dict[str, Answer]:  # type: ignore[no-untyped-def]
    """The data's suggestions, left unanswered where the data cannot answer yet."""
    if step.state is StepState.UPCOMING:
        return {key: Answer() for key in QUESTIONS[kind]}
    answers = suggested_answers(kind, figures)
    key = PREVENTED[kind]
    window_days = int(get_setting(engine(), "repeat_window_days"))
    window_end = incident_date + timedelta(days=window_days)
    if answers[key].choice == "yes" and now().date() <= window_end:
        answers[key] = Answer(
            "unknown",
            f"No similar incident so far; the {window_days}-day repeat window runs until "
            f"{window_end:%Y-%m-%d}",
        )
    return answers


st.title("Follow-up review")
soonest = soonest_followup()
if soonest is not None and "id" not in st.query_params and "fr_incident" not in st.session_state:
    st.query_params["id"] = soonest.incident_id  # the picker opens on it
incident = pick_incident("fr_incident")
if not incident:
    st.stop()
cadence = {s.step: s for s in incident_cadence(engine(), incident, now=now())}
first_open = next((k for k in ReviewKind if cadence[k.step].state is not StepState.DONE), ReviewKind.DAY_30)
kind = ReviewKind(
    st.radio(
        "Review",
        [k.value for k in ReviewKind],
        index=list(ReviewKind).index(first_open),
        horizontal=True,
        key="fr_kind",
    )
)
step = cadence[kind.step]
if step.state is StepState.UPCOMING:
    st.info(
        f"The {kind.value} review of {incident} is not due until {step.due_at:%Y-%m-%d} (it opens "
        f"{step.opens_at:%Y-%m-%d}): the answers are not pre-filled yet.",
        icon=":material/event:",
    )
elif step.state is StepState.DONE:
    st.caption(f"The {kind.value} review was done on {step.done_at:%Y-%m-%d}.")
else:
    st.caption(f"The {kind.value} review is {step.state.value}: due {step.due_at:%Y-%m-%d %H:%M} UTC.")
figures = followup_figures(engine(), incident, now=now())
c1, c2, c3, c4 = st.columns(4)
c1.metric("Action items done", figures.completion)
c2.metric("Verified effective", f"{figures.verified_yes} yes / {figures.verified_no} no")
c3.metric(
    "Similar incidents since", len(figures.repeats), help="Same category and cause, later, or linked by hand"
)
c4.metric(
    "MTTR before → after (min)",
    f"{figures.mttr_before_min or 'n/a'} → {figures.mttr_after_min or 'n/a'}",
    help=f"Mean TTR of {figures.category or 'all'} incidents: 90 days before (n={figures.n_before}) and "
    f"since (n={figures.n_after})",
)
if figures.repeats:
    st.caption("Similar since: " + ", ".join(figures.repeats))

suggested = honest_answers(kind, step, figures, get_postmortem(engine(), incident).incident_date)
error = st.session_state.get("fr_error")
with st.form(f"fr_form_{incident}_{kind.value}", clear_on_submit=False):
    st.caption(
        "Answers are pre-filled from what the data can tell so far; confirm or change them. 'no' and "
        "'partly' need a comment."
    )
    answers: dict[str, Answer] = {}
    for key, question in QUESTIONS[kind].items():
        a1, a2 = st.columns([1, 2])
        choice = a1.radio(
            question,
            CHOICES,
            index=CHOICES.index(suggested[key].choice),
            horizontal=True,
            key=f"fr_{kind.value}_{key}",
        )
        comment = a2.text_input("Comment", value=suggested[key].comment, key=f"fr_{kind.value}_{key}_c")
        error_box(error.for_field(f"answers.{key}") if error else [])
        answers[key] = Answer(choice, comment)
    reviewer = st.text_input("Reviewer", key=f"fr_{kind.value}_reviewer")
    error_box(error.for_field("reviewer") if error else [])
    submitted = st.form_submit_button("Save review", type="primary")
if submitted:
    try:
        save_followup(engine(), incident, kind, reviewer, answers, now=now())
    except ValidationError as exc:
        st.session_state["fr_error"] = exc
        st.rerun()
    else:
        st.session_state.pop("fr_error", None)
        st.success(f"{kind.value} review saved; the cadence step is done.")

past = list_followups(engine(), incident)
if past:
    st.subheader("Stored reviews")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Review": r.kind.value,
                    "Reviewer": r.reviewer,
                    "When (UTC)": r.reviewed_at.strftime("%Y-%m-%d %H:%M"),
                    **{
                        QUESTIONS[r.kind][k]: f"{a.choice} — {a.comment}".strip(" —")
                        for k, a in r.answers.items()
                    },
                }
                for r in past
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
