"""The Settings page: every setting shown with its default, saved when valid, errors next to the field."""

from __future__ import annotations

import pytest

from core.settings import DEFAULTS, get_settings

PAGE = "pages/settings.py"


def test_settings_page_shows_every_setting_with_its_value(open_page):
    at = open_page(PAGE)
    for name, (default, description) in DEFAULTS.items():
        assert at.number_input(key=f"setting_{name}").value == default
        assert description in [c.value for c in at.caption]


def test_settings_page_saves_valid_values(open_page, app_engine):
    at = open_page(PAGE)
    at.number_input(key="setting_target_mttr_minutes").set_value(45.0)
    at.number_input(key="setting_repeat_window_days").set_value(60)
    at.button[0].click().run()
    assert at.success[0].value == "Settings saved."
    stored = get_settings(app_engine)
    assert (stored["target_mttr_minutes"], stored["repeat_window_days"]) == (45.0, 60)
    assert at.number_input(key="setting_target_mttr_minutes").value == 45.0


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("target_completion_pct", 120.0, "is a percentage: at most 100"),
        ("target_mttd_minutes", -1.0, "cannot be negative"),
        ("repeat_window_days", 0, "must be at least 1"),
    ],
)
def test_settings_page_rejects_invalid_values_next_to_the_field(open_page, app_engine, name, value, message):
    at = open_page(PAGE)
    at.number_input(key="setting_target_mttr_minutes").set_value(40.0)
    at.number_input(key=f"setting_{name}").set_value(value)
    at.button[0].click().run()
    errors = [e.value for e in at.error]
    assert errors == [f"{name.replace('_', ' ').capitalize()} {message}"]
    assert at.number_input(key=f"setting_{name}").value == value  # what was typed stays
    assert get_settings(app_engine)["target_mttr_minutes"] == 30.0  # nothing was saved


def test_settings_page_resets_to_defaults(open_page, app_engine):
    at = open_page(PAGE)
    at.number_input(key="setting_small_sample_n").set_value(9)
    at.button[0].click().run()
    assert "small_sample_n = 9" in [c.value for c in at.caption][-1]
    next(b for b in at.button if b.label == "Reset all to defaults").click().run()
    assert get_settings(app_engine)["small_sample_n"] == 5
    assert at.number_input(key="setting_small_sample_n").value == 5
