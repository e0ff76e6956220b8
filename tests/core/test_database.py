"""Units of work on SQLite: writers take the write lock up front, readers never wait for a writer."""

from __future__ import annotations

import threading

from sqlalchemy import text

from core.database import connect, unit_of_work


def test_database_read_only_unit_reads_beside_a_writer_holding_the_lock(tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'lock.sqlite'}")
    locked, release = threading.Event(), threading.Event()

    def writer() -> None:
        with unit_of_work(engine) as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('k', '1')"))
            locked.set()
            release.wait(30)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert locked.wait(30)
        with unit_of_work(engine, read_only=True) as session:  # would block for busy_timeout if it took the lock
            assert session.execute(text("SELECT count(*) FROM settings")).scalar() == 0
        assert thread.is_alive()  # the writer still holds its transaction: the read did not wait for it
    finally:
        release.set()
        thread.join()
    with unit_of_work(engine, read_only=True) as session:
        assert session.execute(text("SELECT value FROM settings WHERE key = 'k'")).scalar() == "1"


def test_database_failed_unit_of_work_leaves_nothing_behind(tmp_path):
    engine = connect(f"sqlite:///{tmp_path / 'rollback.sqlite'}")
    try:
        with unit_of_work(engine) as session:
            session.execute(text("INSERT INTO settings (key, value) VALUES ('k', '1')"))
            raise RuntimeError("the action failed half-way")
    except RuntimeError:
        pass
    with unit_of_work(engine, read_only=True) as session:
        assert session.execute(text("SELECT count(*) FROM settings")).scalar() == 0
