"""Stored settings (targets, windows, sprint length): defaults here, overrides in the ``settings`` table."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, select

from core.database import unit_of_work
from core.errors import FieldProblem, ValidationError
from core.orm import SettingRow

# name -> (default, description). Seed targets: MTTR < 30 min, MTTD < 5 min, completion > 90 %, repeats 0.
DEFAULTS: dict[str, tuple[Any, str]] = {
    "target_mttr_minutes": (30.0, "MTTR target: mean time to recovery below this many minutes"),
    "target_mttd_minutes": (5.0, "MTTD target: mean time to detection below this many minutes"),
    "target_completion_pct": (90.0, "Action-item completion target: above this percentage"),
    "target_repeat_incidents": (0, "Repeat incidents target per quarter: at most this many"),
    "repeat_window_days": (90, "A repeat is the same category and cause within this many days"),
    "small_sample_n": (5, "Warn when a period has fewer incidents than this"),
    "sprint_length_days": (14, "Sprint length: P1 is due within one sprint, P2 within two"),
}


def _check(key: str, value: Any) -> Any:
    if key not in DEFAULTS:
        raise ValidationError([FieldProblem(key, "unknown setting")])
    default = DEFAULTS[key][0]
    try:
        coerced = type(default)(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError([FieldProblem(key, f"{value!r} is not a number")]) from exc
    if isinstance(default, int) and not isinstance(default, bool) and float(value) != coerced:
        raise ValidationError([FieldProblem(key, f"{value!r} is not a whole number")])
    if coerced < 0:
        raise ValidationError([FieldProblem(key, "cannot be negative")])
    if key == "target_completion_pct" and coerced > 100:
        raise ValidationError([FieldProblem(key, "is a percentage: at most 100")])
    if key in ("repeat_window_days", "sprint_length_days", "small_sample_n") and coerced < 1:
        raise ValidationError([FieldProblem(key, "must be at least 1")])
    return coerced


def get_settings(engine: Engine) -> dict[str, Any]:
    """Every setting, stored values over defaults."""
    values = {key: default for key, (default, _) in DEFAULTS.items()}
    with unit_of_work(engine, read_only=True) as session:
        for row in session.scalars(select(SettingRow)):
            if row.key in DEFAULTS:
                values[row.key] = _check(row.key, json.loads(row.value))
    return values


def get_setting(engine: Engine, key: str) -> Any:
    """One setting's value."""
    if key not in DEFAULTS:
        raise ValidationError([FieldProblem(key, "unknown setting")])
    return get_settings(engine)[key]


def save_settings(engine: Engine, changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and store several settings at once (all or nothing); returns every setting."""
    problems: list[FieldProblem] = []
    checked: dict[str, Any] = {}
    for key, value in changes.items():
        try:
            checked[key] = _check(key, value)
        except ValidationError as exc:
            problems += exc.problems
    if problems:
        raise ValidationError(problems)
    with unit_of_work(engine) as session:
        for key, value in checked.items():
            session.merge(SettingRow(key=key, value=json.dumps(value)))
    return get_settings(engine)
