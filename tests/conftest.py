"""Shared fixtures: a fresh database per test, on SQLite always and on PostgreSQL when LESSONS_TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from core.database import database_url, get_engine, upgrade
from core.orm import Base

PG_URL = os.environ.get("LESSONS_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
REPO_ROOT = Path(__file__).resolve().parents[1]
# The project's shared material (seed samples, labelled corpus) sits beside the repository in the workplace and
# in CI; a clone elsewhere uses the copy kept in tests/data/shared, so `make test` works in any folder.
SHARED = next(p for p in (REPO_ROOT.parent / "shared", REPO_ROOT / "tests" / "data" / "shared")
              if (p / "samples").is_dir())


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine]:
    """The PostgreSQL test database, schema rebuilt once for the whole run in a schema of its own."""
    schema = f"lessons_test_{uuid.uuid4().hex[:8]}"
    admin = get_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    from sqlalchemy import create_engine

    engine = create_engine(database_url(PG_URL), connect_args={"options": f"-csearch_path={schema}"})
    upgrade(engine)
    yield engine
    engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def _truncate(engine: Engine) -> None:
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated database: a new SQLite file, or the emptied PostgreSQL test schema."""
    if request.param == "sqlite":
        eng = get_engine(f"sqlite:///{tmp_path / 'lessons.sqlite'}")
        upgrade(eng)
        yield eng
        eng.dispose()
    else:
        eng = request.getfixturevalue("_pg_engine")
        _truncate(eng)
        yield eng


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of a fresh, migrated SQLite file (for CLI and app tests that take a URL)."""
    url = f"sqlite:///{tmp_path / 'lessons.sqlite'}"
    upgrade(get_engine(url))
    return url
