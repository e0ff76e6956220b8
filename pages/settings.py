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


def label_of(name: str) -> str:
    """The widget label of a setting, e.g. ``Target mttr minutes``."""
    return name.replace("_", " ").capitalize()


def _widget(name: str, default: Any, current: Any) -> Any:
    label = label_of(name)
    caption = f"Default: {default:g}" if isinstance(default, int | float) else f"Default: {default}"
    if isinstance(default, bool):
        return st.checkbox(label, value=bool(current), help=caption, key=f"setting_{name}")
    if isinstance(default, int):
        return st.number_input(label, value=int(current), step=1, help=caption, key=f"setting_{name}")
    if isinstance(default, float):
        return st.number_input(
            label, value=float(current), step=0.5, format="%.1f", help=caption, key=f"setting_{name}"
        )
    return st.text_input(label, value=str(current), help=caption, key=f"setting_{name}")


with st.form("settings_form", clear_on_submit=False):
    values: dict[str, Any] = {}
    for name, (default, description) in DEFAULTS.items():
        values[name] = _widget(name, default, stored[name])
        st.caption(description)
        for problem in error.for_field(name) if error else []:
            st.error(f"{label_of(name)} {problem.message}", icon=":material/error:")
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
        + ", ".join(
            f"{k} = {v:g}" if isinstance(v, int | float) else f"{k} = {v}" for k, v in changed.items()
        )
    )
    if st.button("Reset all to defaults", icon=":material/restart_alt:"):
        save_settings(eng, {k: default for k, (default, _) in DEFAULTS.items()})
        for name in DEFAULTS:
            st.session_state.pop(f"setting_{name}", None)
        st.session_state["settings_saved"] = True
        st.rerun()
