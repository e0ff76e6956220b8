"""The shipped Alembic migrations build exactly the schema the ORM models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from core.database import connect, is_current
from core.orm import Base


def test_migrations_schema_matches_models(engine):
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_migrations_connect_creates_a_new_sqlite_file_in_wal_mode(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    engine = connect(url)
    assert is_current(engine)
    assert "incidents" in inspect(engine).get_table_names()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
