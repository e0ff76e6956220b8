"""Two writers at once, made to meet at the worst moment, for the concurrency tests."""

from __future__ import annotations

import threading

from core.errors import ConflictError, NotFoundError, StaleEditError, ValidationError


def hold_first_writer(monkeypatch, module, name):  # type: ignore[no-untyped-def]
    """Make two writers meet after their first read (before the fix both then write from the same read);
    a writer that waits for the other's lock arrives late and goes straight through."""
    barrier = threading.Barrier(2)
    real = getattr(module, name)

    def meet(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        try:
            barrier.wait(timeout=1)
        except threading.BrokenBarrierError:
            pass
        return found

    monkeypatch.setattr(module, name, meet)


def run_together(*calls) -> list[str]:  # type: ignore[no-untyped-def]
    outcomes: list[str] = []

    def run(call) -> None:  # type: ignore[no-untyped-def]
        try:
            call()
            outcomes.append("ok")
        except (StaleEditError, ConflictError, NotFoundError, ValidationError) as exc:
            outcomes.append(type(exc).__name__)
        except Exception as exc:  # noqa: BLE001 - a raw database error is the defect under test
            outcomes.append(f"raw {type(exc).__name__}")

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)
