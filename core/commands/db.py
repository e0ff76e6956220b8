"""``lessons db upgrade|current``: create or upgrade the database schema."""

from __future__ import annotations

import argparse

from core.database import connect, database_url, get_engine, is_current, upgrade


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``db`` command."""
    parser = sub.add_parser("db", help="create or upgrade the database schema",
                            description="Manage the schema of the database named by LESSONS_DATABASE_URL.")
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="create the database or upgrade it to the newest schema",
                            description="Create the database (SQLite file) or upgrade it with the shipped migrations.")
    up.add_argument("--url", help="database URL (default: LESSONS_DATABASE_URL or sqlite:///lessons.sqlite)")
    up.set_defaults(handler=_upgrade)
    cur = actions.add_parser("current", help="say whether the schema is up to date")
    cur.add_argument("--url", help="database URL")
    cur.set_defaults(handler=_current)


def _upgrade(args: argparse.Namespace) -> int:
    engine = get_engine(args.url)
    upgrade(engine)
    print(f"database {_safe(database_url(args.url))} is at the newest schema")
    return 0


def _current(args: argparse.Namespace) -> int:
    current = is_current(connect(args.url, migrate=False))
    print("up to date" if current else "needs `lessons db upgrade`")
    return 0 if current else 1


def _safe(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
