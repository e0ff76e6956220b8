"""Bulk writing of sample rows: Core executemany (RETURNING new keys), or COPY on PostgreSQL with psycopg."""

from __future__ import annotations

from datetime import date, datetime
from operator import itemgetter

from sqlalchemy import Boolean, Connection, Date, DateTime, bindparam, insert, select, text, update

from core.orm import Base, IncidentRow

# psycopg runs executemany one statement per row and parses very long INSERT ... VALUES lists slowly;
# COPY streams a chunk in one command and measured several times faster at 4,000 incidents.


def uses_copy(conn: Connection) -> bool:
    """True where COPY is available: PostgreSQL through psycopg 3."""
    return conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg"


def _copy(conn: Connection, table: str, rows: list[dict]) -> None:
    quote = conn.dialect.identifier_preparer.quote
    columns = list(rows[0])
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def insert_incidents(conn: Connection, rows: list[dict]) -> dict[str, int]:
    """Insert incident rows; returns the primary key of each incident id."""
    table = IncidentRow.__table__
    if uses_copy(conn):
        # Take the keys from the table's own sequence, so later inserts of any writer continue after them.
        sequence = conn.scalar(text("SELECT pg_get_serial_sequence('incidents', 'id')"))
        keys = conn.scalars(text("SELECT nextval(:sequence) FROM generate_series(1, :n)"),
                            {"sequence": sequence, "n": len(rows)}).all()
        for row, key in zip(rows, keys, strict=True):
            row["id"] = key
        _copy(conn, table.name, rows)
        return {row["incident_id"]: row["id"] for row in rows}
    if _plain_sqlite(conn):
        # One executemany, then the new keys by the chunk's dates (indexed): RETURNING made SQLAlchemy build
        # parameters row by row, a tenth of the write time.
        _sqlite_executemany(conn, table.name, rows)
        days = [row["incident_date"] for row in rows]
        wanted = {row["incident_id"] for row in rows}
        in_chunk = table.c.incident_date.between(min(days), max(days))
        stmt = select(table.c.incident_id, table.c.id).where(in_chunk)
        return {incident_id: pk for incident_id, pk in conn.execute(stmt) if incident_id in wanted}
    result = conn.execute(insert(table).returning(table.c.id, table.c.incident_id), rows)
    return {incident_id: pk for pk, incident_id in result}


def _plain_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite" and conn.dialect.paramstyle == "qmark"


def _isoformat(value):  # type: ignore[no-untyped-def]
    return None if value is None else value.isoformat()


def _datetime_isoformat(value):  # type: ignore[no-untyped-def]
    return None if value is None else value.isoformat(" ", "microseconds")


_SAMPLES = ((DateTime, _datetime_isoformat, datetime(2026, 1, 30, 8, 30, 5, 120)),
            (Date, _isoformat, date(2026, 1, 30)))


def _fast_processor(column_type, dialect):  # type: ignore[no-untyped-def]
    """The column's bind processor, or a C ``isoformat`` where it writes the very same text; none for
    booleans, which sqlite3 binds as the same 0/1 integers."""
    processor = column_type._cached_bind_processor(dialect)
    if processor is None:
        return None
    if isinstance(column_type, Boolean) and processor(True) == 1 and processor(False) == 0:
        return None
    for kind, fast, sample in _SAMPLES:
        if isinstance(column_type, kind) and processor(sample) == fast(sample) and processor(None) is None:
            return fast
    return processor


def _sqlite_executemany(conn: Connection, table: str, rows: list[dict]) -> None:
    """One DBAPI executemany with the columns' own bind processors applied once per value: SQLAlchemy's
    per-row parameter building was about a third of the sample data's write time on SQLite."""
    columns = list(rows[0])
    types = Base.metadata.tables[table].c
    processed = [(i, p) for i, c in enumerate(columns)
                 if (p := _fast_processor(types[c].type, conn.dialect)) is not None]
    quote = conn.dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    get = itemgetter(*columns)
    if len(columns) == 1:
        values = [[get(row)] for row in rows]
    else:
        values = [list(get(row)) for row in rows]
    for i, processor in processed:
        for value in values:
            value[i] = processor(value[i])
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, values)
    finally:
        cursor.close()


def insert_rows(conn: Connection, table: str, rows: list[dict]) -> None:
    """Insert rows that all have the same keys into ``table``."""
    if uses_copy(conn):
        _copy(conn, table, rows)
    elif _plain_sqlite(conn):
        _sqlite_executemany(conn, table, rows)
    else:
        conn.execute(insert(Base.metadata.tables[table]), rows)


def link_repeats(conn: Connection, links: list[tuple[str, str]]) -> None:
    """Set ``repeat_of_id`` of each (incident id, original incident id) pair."""
    table = IncidentRow.__table__
    original = select(table.c.id).where(table.c.incident_id == bindparam("b_original")).scalar_subquery()
    conn.execute(update(table).where(table.c.incident_id == bindparam("b_id")).values(repeat_of_id=original),
                 [{"b_id": incident_id, "b_original": of} for incident_id, of in links])
