"""Bulk writing of sample rows: Core executemany (RETURNING new keys), or COPY on PostgreSQL with psycopg."""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, insert, select, text, update

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
    result = conn.execute(insert(table).returning(table.c.id, table.c.incident_id), rows)
    return {incident_id: pk for pk, incident_id in result}


def insert_rows(conn: Connection, table: str, rows: list[dict]) -> None:
    """Insert rows that all have the same keys into ``table``."""
    if uses_copy(conn):
        _copy(conn, table, rows)
    else:
        conn.execute(insert(Base.metadata.tables[table]), rows)


def link_repeats(conn: Connection, links: list[tuple[str, str]]) -> None:
    """Set ``repeat_of_id`` of each (incident id, original incident id) pair."""
    table = IncidentRow.__table__
    original = select(table.c.id).where(table.c.incident_id == bindparam("b_original")).scalar_subquery()
    conn.execute(update(table).where(table.c.incident_id == bindparam("b_id")).values(repeat_of_id=original),
                 [{"b_id": incident_id, "b_original": of} for incident_id, of in links])
