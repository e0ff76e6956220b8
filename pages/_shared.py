"""Helpers every page shares: the cached engine and turning core errors into messages. Not a page itself."""

from __future__ import annotations

from sqlalchemy import Engine

import streamlit as st
from core.database import connect, database_url
from core.errors import FieldProblem, ValidationError


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
        st.error(f"**{problem.field}**: {problem.message}", icon=":material/error:")
