"""Engines and units of work: SQLite by default (WAL, foreign keys on), PostgreSQL through LESSONS_DATABASE_URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from core.errors import ConfigurationError

DEFAULT_SQLITE_PATH = "lessons.sqlite"
ENV_URL = "LESSONS_DATABASE_URL"
READ_ONLY = "lessons_read_only"


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else LESSONS_DATABASE_URL, else a SQLite file in the working folder."""
    url = url or os.environ.get(ENV_URL) or f"sqlite:///{DEFAULT_SQLITE_PATH}"
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    elif url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url[len("postgres://"):]
    return url


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        # Let SQLAlchemy emit BEGIN itself so that writers take the lock up front (BEGIN IMMEDIATE):
        # two writers then queue on busy_timeout instead of failing when upgrading a read lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):  # type: ignore[no-untyped-def]
        # Readers take no lock (WAL lets them read beside a writer); writers take the write lock up front.
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


@lru_cache(maxsize=16)
def get_engine(url: str | None = None) -> Engine:
    """One engine per URL per process."""
    resolved = database_url(url)
    try:
        if resolved.startswith("sqlite"):
            path = resolved.split("///", 1)[-1]
            if path and path != ":memory:" and "?" not in path:
                parent = Path(path).expanduser().parent
                if not parent.exists():
                    raise ConfigurationError(f"{ENV_URL}: folder {parent} does not exist")
            engine = create_engine(resolved, connect_args={"timeout": 30})
            _configure_sqlite(engine)
        else:
            engine = create_engine(resolved, pool_pre_ping=True)
    except (ArgumentError, ModuleNotFoundError) as exc:
        raise ConfigurationError(f"{ENV_URL}: cannot use {resolved!r}: {exc}") from exc
    return engine


def session_factory(engine: Engine | Connection) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (services return plain objects)."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


@contextmanager
def unit_of_work(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """One transaction: commit when the block ends, roll back everything if it raises.

    ``read_only``: the block only reads, so on SQLite it takes no write lock and never waits for a writer.
    """
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    session = session_factory(bind)()
    try:
        with session.begin():
            yield session
    finally:
        session.close()


def migrations_path() -> Path:
    """Folder of the Alembic scripts shipped inside the package."""
    return Path(__file__).with_name("migrations")


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Create or upgrade the schema to ``revision`` with the shipped Alembic migrations."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def is_current(engine: Engine) -> bool:
    """True when the database has the tables of the newest migration."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        return MigrationContext.configure(connection).get_current_revision() == head


def connect(url: str | None = None, *, migrate: bool = True) -> Engine:
    """The engine for ``url`` (see database_url), its schema created or upgraded on first use."""
    engine = get_engine(url)
    try:
        if migrate and not is_current(engine):
            upgrade(engine)
    except (OperationalError, DatabaseError) as exc:
        raise ConfigurationError(f"{ENV_URL}: cannot use the database {describe(engine)}: {exc.orig}") from exc
    return engine


def describe(engine: Engine) -> str:
    """The engine's URL without its password."""
    return engine.url.render_as_string(hide_password=True)
