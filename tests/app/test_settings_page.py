"""The Settings page: every setting shown with its default, saved when valid, errors next to the field."""

from __future__ import annotations

import pytest

from core.settings import DEFAULTS, get_settings

PAGE = "pages/settings.py"


def test_settings_page_shows_every_setting_with_its_value(open_page):
    at = open_page(PAGE)
    for name, (default, description) in DEFAULTS.items():
        widget = at.number_input(key=f"setting_{name}")
        assert widget.value == default and widget.label.startswith(description)
        assert any(c.value.startswith(f"`{name}` · default") for c in at.caption)


@pytest.mark.parametrize(
    ("name", "label", "number_format", "caption"),
    [
        ("target_mttr_minutes", "MTTR target: mean time to recovery below this many minutes", "%g",
         "`target_mttr_minutes` · default 30 minutes"),
        ("target_completion_pct", "Action-item completion target: above this percentage (%)", "%g",
         "`target_completion_pct` · default 90 %"),
        ("repeat_window_days", "A repeat is the same category and cause within this many days", "%d",
         "`repeat_window_days` · default 90 days"),
        ("sprint_length_days", "Sprint length: P1 is due within one sprint, P2 within two (days)", "%d",
         "`sprint_length_days` · default 14 days"),
        ("small_sample_n", "Warn when a period has fewer incidents than this", "%d",
         "`small_sample_n` · default 5"),
    ],
)
def test_settings_page_labels_are_descriptions_with_units_and_whole_numbers(
    open_page, name, label, number_format, caption
):
    at = open_page(PAGE)
    widget = at.number_input(key=f"setting_{name}")
    assert widget.label == label and widget.proto.format == number_format  # %g: 30, not 30.0; 7.5 stays 7.5
    assert caption in [c.value for c in at.caption]
    assert not any(c.value == DEFAULTS[name][1] for c in at.caption)  # the description is the label now


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
        ("target_completion_pct", 120.0, "120 % is a percentage: at most 100"),
        ("target_mttd_minutes", -1.0, "-1 minutes cannot be negative"),
        ("repeat_window_days", 0, "0 days must be at least 1"),
    ],
)
def test_settings_page_rejects_invalid_values_next_to_the_field(open_page, app_engine, name, value, message):
    at = open_page(PAGE)
    at.number_input(key="setting_target_mttr_minutes").set_value(40.0)
    at.number_input(key=f"setting_{name}").set_value(value)
    at.button[0].click().run()
    errors = [e.value for e in at.error]
    assert errors == [message]
    assert at.number_input(key=f"setting_{name}").value == value  # what was typed stays
    assert get_settings(app_engine)["target_mttr_minutes"] == 30.0  # nothing was saved


def test_settings_page_resets_to_defaults(open_page, app_engine):
    at = open_page(PAGE)
    at.number_input(key="setting_small_sample_n").set_value(9)
    at.button[0].click().run()
    assert "fewer incidents than this: 9 (`small_sample_n`)" in [c.value for c in at.caption][-1]
    next(b for b in at.button if b.label == "Reset all to defaults").click().run()
    assert get_settings(app_engine)["small_sample_n"] == 5
    assert at.number_input(key="setting_small_sample_n").value == 5
