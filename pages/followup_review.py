"""Follow-up reviews: the seed's 30- and 90-day questions, pre-filled from the data, stored with answers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

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
from pages._followup import error_box, now, pick_incident
from pages._shared import engine

st.title("Follow-up review")
incident = pick_incident("fr_incident")
if not incident:
    st.stop()
kind = ReviewKind(st.radio("Review", [k.value for k in ReviewKind], horizontal=True, key="fr_kind"))
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

suggested = suggested_answers(kind, figures)
error = st.session_state.get("fr_error")
with st.form(f"fr_form_{incident}_{kind.value}", clear_on_submit=False):
    st.caption(
        "Answers are pre-filled from the data; confirm or change them. 'no' and 'partly' need a comment."
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
