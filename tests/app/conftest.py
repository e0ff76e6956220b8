"""AppTest fixtures: every test gets its own SQLite database and empty Streamlit caches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.database import get_engine
from tests.conftest import REPO_ROOT

APP = str(REPO_ROOT / "app.py")
TIMEOUT = 60


@pytest.fixture
def app_engine(monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> Iterator[Engine]:
    """The engine the app under test uses: a fresh SQLite file named by LESSONS_DATABASE_URL."""
    monkeypatch.setenv("LESSONS_DATABASE_URL", sqlite_url)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield get_engine(sqlite_url)
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture
def open_page(app_engine: Engine) -> Callable[..., AppTest]:
    """Run app.py, switch to ``page`` (with optional query parameters) and return the AppTest."""

    def _open(page: str, **query: str | list[str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.run()
        at.query_params.update(query)
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open
