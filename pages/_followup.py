"""Helpers of the Follow-up pages (not a page): the incident picker and the current time."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from core.errors import FieldProblem, LessonsError
from core.repository import utcnow
from core.services import IncidentFilter, search_incidents
from pages._shared import engine, escape_markdown, show_problems


def now() -> datetime:
    """The current time as naive UTC (core functions take it explicitly)."""
    return utcnow()


def pick_incident(key: str, *, label: str = "Incident") -> str | None:
    """A select box over recent incidents (newest first), remembering the choice in the URL as ``?id=``."""
    recent = search_incidents(engine(), IncidentFilter(), limit=500)
    if not recent:
        st.info(
            "The incident database is empty: enter or import a post-mortem first.", icon=":material/info:"
        )
        return None
    ids = [r.incident_id for r in recent]
    titles = {r.incident_id: f"{r.incident_id} · {r.severity} · {r.title}" for r in recent}
    wanted = st.query_params.get("id")
    index = ids.index(wanted) if wanted in ids else 0
    chosen = st.selectbox(label, ids, index=index, key=key, format_func=lambda i: titles.get(i, i))
    if chosen and chosen != wanted:
        st.query_params["id"] = chosen
    return chosen


def error_box(problems, label: str = "") -> None:  # type: ignore[no-untyped-def]
    """Every problem of a ValidationError as an error line (``show_problems``: user text escaped)."""
    show_problems([FieldProblem(f"{label}{p.field}", p.message) for p in problems])


def named_error(exc: LessonsError) -> None:
    """A named core error that is not about one field (stale edit, conflict, not found) as a message."""
    st.error(escape_markdown(str(exc)), icon=":material/sync_problem:")
