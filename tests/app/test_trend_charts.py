"""The Trends page's Altair charts: target labels readable, the y scale from exactly 0."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from pages import _trend_charts as charts

QUARTERS = ["2025-Q1", "2025-Q2", "2025-Q3"]


def _line(values: list[float], target: float, text: str) -> dict[str, Any]:
    frame = pd.DataFrame(
        {"quarter": QUARTERS, "value": values, "status": "met", "n": 5, "label": [str(v) for v in values]}
    )
    return charts.metric_line(frame, "MTTR", "minutes", target, text).to_dict()


def _bars(values: list[float], target: float, text: str) -> dict[str, Any]:
    frame = pd.DataFrame({"quarter": QUARTERS, "repeats": values, "status": "not met"})
    return charts.bars_with_target(frame, "repeats", "Repeat incidents", target, text).to_dict()


def _distribution(values: list[float], target: float, text: str) -> dict[str, Any]:
    stats = pd.DataFrame(
        {
            "quarter": QUARTERS,
            "n": 5,
            "mean": values,
            "median": values,
            "p90": values,
            "q1": values,
            "q3": values,
            "minimum": values,
            "maximum": values,
        }
    )
    points = pd.DataFrame(
        {
            "quarter": QUARTERS,
            "minutes": values,
            "incident_id": "INC-1",
            "title": "t",
            "severity": "SEV3",
            "category": "network",
        }
    )
    return charts.distribution(stats, points, target, text, log_scale=False).to_dict()


BUILDERS = {"metric-line": _line, "bars": _bars, "distribution": _distribution}


def _layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return spec["layer"]


def _mark(layer: dict[str, Any]) -> str:
    mark = layer["mark"]
    return mark if isinstance(mark, str) else mark["type"]


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize(
    ("values", "target", "text"),
    [([40.0, 31.0, 29.5], 30, "< 30 min"), ([94.0, 91.0, 89.0], 90, "> 90%"), ([2.0, 0.0, 1.0], 0, "0")],
)
def test_trend_charts_target_label_sits_in_the_title_not_under_the_data(builder, values, target, text):
    spec = BUILDERS[builder](values, target, text)
    assert "text" not in [_mark(layer) for layer in _layers(spec)]  # nothing drawn where points can cover it
    assert spec["title"]["subtitle"] == f"dashed line: target {text}"
    rule = next(layer for layer in _layers(spec) if _mark(layer) == "rule" and "y2" not in layer["encoding"])
    assert rule["encoding"]["tooltip"][0]["title"] == "Target"


def _y_scales(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [layer["encoding"]["y"].get("scale") for layer in _layers(spec) if "y" in layer["encoding"]]


@pytest.mark.parametrize(
    ("builder", "values", "target", "scale"),
    [
        ("bars", [2.0, 0.0, 1.0], 0, {"domainMin": 0, "nice": True, "zero": True}),
        ("bars", [0.0, 0.0, 0.0], 0, {"domain": [0, 1], "nice": True}),  # not a zero-span domain
        ("metric-line", [2.0, 0.0, 1.0], 0, {"domainMin": 0, "nice": True, "zero": True}),
        ("metric-line", [94.0, 91.0, 89.0], 90, {"domainMin": 0, "nice": True, "zero": True}),
        ("distribution", [40.0, 31.0, 29.5], 30, {"domainMin": 0, "nice": True, "zero": True}),
    ],
)
def test_trend_charts_y_scale_starts_at_exactly_zero_so_a_zero_target_is_on_the_axis(
    builder, values, target, scale
):
    spec = BUILDERS[builder](values, target, str(target))
    scales = [s for s in _y_scales(spec) if s is not None]
    assert scales and all(s == scale for s in scales)  # the rule shares the data's scale
    axis = next(layer["encoding"]["y"]["axis"] for layer in _layers(spec) if "axis" in layer["encoding"]["y"])
    assert axis["labelFlush"] is False  # the 0 label level with the axis, not nudged up
