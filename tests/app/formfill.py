"""Fill the post-mortem form of an AppTest from a domain PostMortem, the way a user types it in."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from core.postmortem import PostMortem


def added(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A data editor's edit state that adds ``rows``."""
    return {"edited_rows": {}, "added_rows": rows, "deleted_rows": []}


def fill_form(at: AppTest, pm: PostMortem, prefix: str = "pm.new.0.") -> None:
    """Type every field of ``pm`` into the (empty) form; the caller clicks a button and runs."""
    texts = {
        "title": pm.title,
        "reporter": pm.reporter,
        "incident_commander": pm.incident_commander,
        "summary": pm.summary,
        "detection_method": pm.detection_method,
        "category": pm.category,
        "cause": pm.cause,
        "users_affected": pm.impact.users_affected,
        "services_affected": ", ".join(pm.impact.services_affected),
        "data_loss_amount": pm.impact.data_loss_amount,
        "financial": pm.impact.financial,
        "reputational": pm.impact.reputational,
        "problem": pm.problem,
        "resolution_method": pm.resolution_method,
        "repeat_of": pm.repeat_of or "",
    }
    for name, value in texts.items():
        at.text_input(key=prefix + name).set_value(value)
    for name in ("executive_summary", "root_cause", "resolution"):
        at.text_area(key=prefix + name).set_value(getattr(pm, name))
    at.date_input(key=prefix + "incident_date").set_value(pm.incident_date)
    at.selectbox(key=prefix + "severity").set_value(pm.severity)
    at.selectbox(key=prefix + "status").set_value(pm.status)
    at.checkbox(key=prefix + "data_loss").set_value(pm.impact.data_loss)
    answer = {None: "Unknown", True: "Yes", False: "No"}
    at.radio(key=prefix + "rto_met").set_value(answer[pm.rto_met])
    at.radio(key=prefix + "rpo_met").set_value(answer[pm.rpo_met])
    if pm.duration_minutes is not None:
        at.number_input(key=prefix + "duration_minutes").set_value(pm.duration_minutes)
    state = at.session_state
    state[prefix + "timeline"] = added(
        [
            {
                "time": e.time.isoformat(),
                "event": e.event,
                "owner": e.owner,
                "kind": e.kind.label if e.kind else None,
            }
            for e in pm.timeline
        ]
    )
    # The form starts with five empty whys: fill them in place, add any beyond five.
    whys = {
        "edited_rows": {i: {"text": w} for i, w in enumerate(pm.whys[:5])},
        "added_rows": [{"text": w} for w in pm.whys[5:]],
        "deleted_rows": [],
    }
    state[prefix + "whys"] = whys
    for name in ("contributing_factors", "went_well", "could_improve"):
        state[prefix + name] = added([{"text": t} for t in getattr(pm, name)])
    for kind in ("technical", "process", "communication"):
        state[prefix + f"lessons.{kind}"] = added([{"text": t} for t in getattr(pm.lessons, kind)])
    state[prefix + "action_items"] = added(
        [
            {
                "number": a.number,
                "priority": a.priority.value,
                "action": a.action,
                "owner": a.owner,
                "due_date": a.due_date.isoformat() if a.due_date else None,
                "status": a.status.value,
                "category": a.category.value if a.category else None,
                "completed_on": a.completed_on.isoformat() if a.completed_on else None,
                "verified_effective": a.verified_effective.value,
                "tracker_key": a.tracker_key,
                "verification_note": a.verification_note,
            }
            for a in pm.action_items
        ]
    )
    state[prefix + "attachments"] = added([{"label": a.label, "url": a.url} for a in pm.attachments])
    # The form starts with one empty sign-off row per seed role: replace them with pm's rows.
    state[prefix + "signoffs"] = {
        "edited_rows": {},
        "deleted_rows": [0, 1, 2],
        "added_rows": [
            {"role": s.role, "name": s.name, "date": s.date.isoformat() if s.date else None}
            for s in pm.signoffs
        ],
    }
    stamps = {
        i: {"time": pm.timestamps[a].isoformat()} for i, a in enumerate(_anchors()) if a in pm.timestamps
    }
    if stamps:
        state[prefix + "timestamps"] = {"edited_rows": stamps, "added_rows": [], "deleted_rows": []}


def _anchors():  # type: ignore[no-untyped-def]
    from core.postmortem import ANCHOR_ORDER

    return ANCHOR_ORDER


def click(at: AppTest, label: str) -> AppTest:
    """Click the button labelled ``label`` and run."""
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0].click().run()
