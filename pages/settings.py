"""Settings: every stored setting (targets, repeat window, small-sample n, …) with its default, editable."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.errors import ValidationError
from core.settings import DEFAULTS, get_settings, save_settings
from pages._shared import engine

st.title("Settings")
st.caption(
    "Targets and thresholds the dashboards and the review process use. Changes apply to everyone who "
    "uses this database, from the next page load on."
)

eng = engine()
stored = get_settings(eng)
error: ValidationError | None = st.session_state.pop("settings_error", None)
if st.session_state.pop("settings_saved", False):
    st.success("Settings saved.", icon=":material/check_circle:")


UNITS = {"minutes": "minutes", "pct": "%", "days": "days"}  # by the key's last word


def unit_of(name: str) -> str:
    """The unit of a setting from its key: ``target_mttr_minutes`` → minutes, ``…_pct`` → %, ``…_days``."""
    return UNITS.get(name.rsplit("_", 1)[-1], "")


def label_of(name: str) -> str:
    """The widget label of a setting: its description, with the unit, e.g. ``MTTR target: … (minutes)``."""
    unit = unit_of(name)
    description = DEFAULTS[name][1]
    return f"{description} ({unit})" if unit and unit not in description.split() else description


def show(value: Any, name: str) -> str:
    """A value as people write it: ``30 minutes``, ``90 %``, ``7.5 minutes``, ``14 days``, ``5``."""
    text = f"{value:g}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    unit = unit_of(name)
    return f"{text} {unit}" if unit else text


def _widget(name: str, default: Any, current: Any) -> Any:
    label = label_of(name)
    caption = f"Default: {show(default, name)}"
    key = f"setting_{name}"
    if isinstance(default, bool):
        return st.checkbox(label, value=bool(current), help=caption, key=key)
    if isinstance(default, int):
        return st.number_input(label, value=int(current), step=1, format="%d", help=caption, key=key)
    if isinstance(default, float):  # whole numbers show without ".0", fractions as typed (7.5)
        return st.number_input(label, value=float(current), step=1.0, format="%g", help=caption, key=key)
    return st.text_input(label, value=str(current), help=caption, key=key)


with st.form("settings_form", clear_on_submit=False):
    values: dict[str, Any] = {}
    for name, (default, _) in DEFAULTS.items():
        values[name] = _widget(name, default, stored[name])
        st.caption(f"`{name}` · default {show(default, name)}")
        for problem in error.for_field(name) if error else []:
            st.error(f"{show(values[name], name)} {problem.message}", icon=":material/error:")
    saved = st.form_submit_button("Save settings", type="primary", icon=":material/save:")

if saved:
    changes = {k: v for k, v in values.items() if v != stored[k]}
    try:
        if changes:
            save_settings(eng, changes)
        st.session_state["settings_saved"] = True
    except ValidationError as exc:
        st.session_state["settings_error"] = (
            exc  # widgets keep what was typed; the messages sit under each field
        )
    st.rerun()

changed = {k: stored[k] for k, (default, _) in DEFAULTS.items() if stored[k] != default}
if changed:
    st.caption(
        "Changed from the default: "
        + ", ".join(f"{DEFAULTS[k][1]}: {show(v, k)} (`{k}`)" for k, v in changed.items())
    )
    if st.button("Reset all to defaults", icon=":material/restart_alt:"):
        save_settings(eng, {k: default for k, (default, _) in DEFAULTS.items()})
        for name in DEFAULTS:
            st.session_state.pop(f"setting_{name}", None)
        st.session_state["settings_saved"] = True
        st.rerun()
