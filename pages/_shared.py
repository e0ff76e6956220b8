"""Helpers every page shares: the cached engine, core errors as messages, the lint panel. Not a page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import streamlit as st
from sqlalchemy import Engine

from core.database import connect, database_url
from core.errors import FieldProblem, ValidationError

# Page scripts, for st.switch_page / st.page_link (app.py registers them in its SECTIONS).
HOME_PAGE = "pages/home.py"
FORM_PAGE = "pages/postmortem_form.py"
INCIDENTS_PAGE = "pages/incidents.py"
DETAIL_PAGE = "pages/incident_detail.py"
IMPORT_PAGE = "pages/import.py"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return connect(url)


def engine() -> Engine:
    """The engine of LESSONS_DATABASE_URL (schema created or upgraded on first use), once per process."""
    return _engine_for(database_url())


def problems_for(error: ValidationError | None, prefix: str) -> list[FieldProblem]:
    """The problems of ``error`` that concern the field ``prefix`` (or lie below it)."""
    return error.for_field(prefix) if error else []


def show_problems(problems: list[FieldProblem]) -> None:
    """Render each problem as an error next to the widget it concerns."""
    for problem in problems:
        st.error(
            f"**{escape_markdown(problem.field)}**: {escape_markdown(problem.message)}",
            icon=":material/error:",
        )


def escape_markdown(text: str) -> str:
    """User text made safe to embed in a Markdown string: every Markdown character is shown literally."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text or "")).replace("\n", "  \n")


def format_span(value: timedelta | None) -> str:
    """``1 h 15 min`` / ``5 min`` / ``—`` for metrics."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    sign = "−" if minutes < 0 else ""
    minutes = abs(minutes)
    if minutes >= 60:
        return f"{sign}{minutes // 60} h {minutes % 60} min"
    return f"{sign}{minutes} min"


# --- blameless-language lint panel -------------------------------------------------------------------------


@st.cache_resource(show_spinner="Loading the blameless-language linter…")
def _linter() -> tuple[Callable[[str], list[Any]] | None, str]:
    """``lint_text`` with its spaCy pipeline loaded once per process, or (None, why not)."""
    try:
        from lint import lint_text  # imported lazily: spaCy is heavy and the app works without it
    except ImportError as exc:
        return None, f"the linter is not available ({exc})"
    try:
        lint_text("The deploy failed.")  # loads the pipeline now, once, instead of on the first real text
    except Exception as exc:  # noqa: BLE001 - any failure to load the model degrades to a note
        return None, f"the linter could not start: {exc}"
    return lint_text, ""


def markdown_linter() -> tuple[Callable[[str], list[Any]] | None, str]:
    """``lint_markdown`` on the lint panel's pipeline (loaded once per process), or (None, why not)."""
    lint_text, why_not = _linter()
    if lint_text is None:
        return None, why_not
    from lint import lint_markdown  # the same shared default linter as lint_text: no second pipeline

    return lint_markdown, ""


@st.cache_data(show_spinner=False, max_entries=2000)
def _lint_rows(text: str) -> list[dict[str, Any]]:
    lint_text, _ = _linter()
    if lint_text is None:
        return []
    rows = []
    for f in lint_text(text):
        suggestions = list(getattr(f, "suggestions", []) or [])
        rows.append(
            {
                "line": getattr(f, "line", None),
                "column": getattr(f, "column", None),
                "severity": getattr(f, "severity", ""),
                "rule": getattr(f, "rule_id", ""),
                "text": getattr(f, "text", ""),
                "message": getattr(f, "message", ""),
                "suggestion": suggestions[0] if suggestions else "",
            }
        )
    return rows


def lint_panel(texts: list[tuple[str, str]], *, expanded: bool = False) -> None:
    """Blameless-language findings over ``(field label, text)`` pairs as a table; a note without lint."""
    import pandas as pd

    with st.expander("Blameless language check", expanded=expanded, icon=":material/spellcheck:"):
        lint_text, why_not = _linter()
        if lint_text is None:
            st.info(
                f"No language check: {why_not}. Everything else works without it.", icon=":material/info:"
            )
            return
        rows = []
        for label, text in texts:
            if text and text.strip():
                rows += [{"field": label, **row} for row in _lint_rows(text)]
        if not rows:
            st.success("No blame language found in the post-mortem's text.", icon=":material/check_circle:")
            return
        st.warning(
            f"{len(rows)} phrase(s) may read as blame. Consider the system-focused rewording.",
            icon=":material/warning:",
        )
        st.dataframe(
            pd.DataFrame(rows),
            hide_index=True,
            width="stretch",
            column_config={"text": "Matched text", "suggestion": "Suggested rewording"},
        )


_TEXT_LABELS = {
    "title": "Title", "summary": "Summary", "executive_summary": "Executive summary",
    "impact.reputational": "Reputational impact", "problem": "Problem", "timeline": "Timeline row", "whys": "Why",
    "root_cause": "Root cause", "contributing_factors": "Contributing factor", "went_well": "Went well",
    "could_improve": "Could improve", "resolution": "Resolution", "action_items": "Action item",
    "lessons.technical": "Lesson (technical)", "lessons.process": "Lesson (process)",
    "lessons.communication": "Lesson (communication)",
}


def text_label(field: str) -> str:
    """``whys[2]`` -> ``Why 3``: a reader's name for a field path of the post-mortem."""
    name, _, rest = field.partition("[")
    label = _TEXT_LABELS.get(name, name.replace("_", " ").capitalize())
    return f"{label} {int(rest.split(']')[0]) + 1}" if rest else label


def postmortem_texts(pm: Any) -> list[tuple[str, str]]:
    """Every prose field the sign-off gate lints (core.signoff.linted_texts), labelled for the lint panel."""
    from core.signoff import linted_texts

    return [(text_label(field), text) for field, text in linted_texts(pm)]
