"""Altair charts of the trend dashboard, built from the frames core's figures give. Not a page itself."""

from __future__ import annotations

import altair as alt
import pandas as pd

MET_COLOURS = alt.Scale(domain=["met", "not met", "no data"], range=["#2e7d32", "#c62828", "#9e9e9e"])
TARGET_COLOUR = "#c62828"


def target_rule(value: float, label: str, scale: alt.Scale | None = None) -> alt.Chart:
    """A dashed horizontal line at ``value`` (the target); ``label`` is its tooltip. The label is not drawn on
    the plot, where data points and bars would cover it: ``target_title`` names it above the plot."""
    frame = pd.DataFrame({"target": [value], "label": [label]})
    y = alt.Y("target:Q", scale=scale) if scale is not None else alt.Y("target:Q")
    return (
        alt.Chart(frame)
        .mark_rule(color=TARGET_COLOUR, strokeDash=[6, 4], size=2)
        .encode(y=y, tooltip=[alt.Tooltip("label:N", title="Target")])
    )


def target_title(title: str, label: str) -> alt.TitleParams:
    """The chart's title with the target named under it, in the rule's colour: always readable, never
    covered by the data (a label drawn on the rule was hidden by points and bars near the target)."""
    return alt.TitleParams(
        text=title,
        subtitle=f"dashed line: {label}",
        subtitleColor=TARGET_COLOUR,
        subtitleFontSize=12,
        anchor="start",
    )


def zero_based(values: pd.Series, target: float) -> alt.Scale:
    """A y scale from exactly 0 with nice ticks, so a target of 0 lies on the axis; when every value and the
    target are 0 the domain is 0–1 (a zero-span domain would put 0 in the middle of the plot)."""
    top = max([float(target), *pd.to_numeric(values, errors="coerce").dropna().tolist()], default=0.0)
    if top <= 0:
        return alt.Scale(domain=[0, 1], nice=True)
    return alt.Scale(domainMin=0, nice=True, zero=True)


Y_AXIS = alt.Axis(labelFlush=False)  # 0 labelled level with the axis, not nudged up into the plot


def metric_line(
    frame: pd.DataFrame, title: str, unit: str, target: float, target_text: str
) -> alt.LayerChart:
    """One metric across quarters: points coloured met / not met, the target as a rule line."""
    scale = zero_based(frame["value"], target)
    base = alt.Chart(frame).encode(x=alt.X("quarter:O", title=None, sort=None, axis=alt.Axis(labelAngle=0)))
    line = base.mark_line(color="#607d8b").encode(y=alt.Y("value:Q", title=unit, scale=scale, axis=Y_AXIS))
    points = base.mark_point(filled=True, size=90).encode(
        y=alt.Y("value:Q", scale=scale),
        color=alt.Color("status:N", scale=MET_COLOURS, legend=None),
        tooltip=[
            alt.Tooltip("quarter:N", title="Quarter"),
            alt.Tooltip("label:N", title=title),
            alt.Tooltip("status:N", title="Target"),
            alt.Tooltip("n:Q", title="n"),
        ],
    )
    label = f"target {target_text}"
    return (line + points + target_rule(target, label, scale)).properties(
        title=target_title(title, label), height=220
    )


def distribution(
    stats: pd.DataFrame, points: pd.DataFrame, target: float, target_text: str, *, log_scale: bool
) -> alt.LayerChart:
    """Box per quarter (quartiles, whiskers min–max, median tick, mean diamond); incidents as dots."""
    scale = (
        alt.Scale(type="symlog", domainMin=0) if log_scale else alt.Scale(domainMin=0, nice=True, zero=True)
    )
    x = alt.X("quarter:O", title=None, sort=None, axis=alt.Axis(labelAngle=0))
    stat_tips = [
        alt.Tooltip("quarter:N", title="Quarter"),
        alt.Tooltip("n:Q", title="n"),
        alt.Tooltip("mean:Q", title="Mean (min)", format=".1f"),
        alt.Tooltip("median:Q", title="Median (min)", format=".1f"),
        alt.Tooltip("p90:Q", title="p90 (min)", format=".1f"),
        alt.Tooltip("maximum:Q", title="Max (min)", format=".1f"),
    ]
    base = alt.Chart(stats).encode(x=x, tooltip=stat_tips)
    whisker = base.mark_rule(color="#455a64").encode(
        y=alt.Y("minimum:Q", title="minutes", scale=scale, axis=Y_AXIS), y2="maximum:Q"
    )
    box = base.mark_bar(size=34, opacity=0.35, color="#1976d2").encode(y="q1:Q", y2="q3:Q")
    median = base.mark_tick(color="#0d47a1", size=34, thickness=3).encode(y="median:Q")
    mean = base.mark_point(shape="diamond", filled=True, size=80, color="#ff8f00").encode(y="mean:Q")
    p90 = base.mark_tick(color="#6a1b9a", size=20, thickness=2).encode(y="p90:Q")
    layers = [whisker, box, median, p90, mean]
    if not points.empty:
        dots = (
            alt.Chart(points)
            .mark_circle(size=28, opacity=0.55, color="#37474f")
            .encode(
                x=x,
                xOffset=alt.XOffset("jitter:Q", scale=alt.Scale(domain=[-1, 1])),
                y=alt.Y("minutes:Q", scale=scale),
                tooltip=[
                    alt.Tooltip("incident_id:N", title="Incident"),
                    alt.Tooltip("title:N", title="Title"),
                    alt.Tooltip("severity:N", title="Severity"),
                    alt.Tooltip("category:N", title="Category"),
                    alt.Tooltip("minutes:Q", title="Minutes", format=".1f"),
                ],
            )
            .transform_calculate(jitter="random() * 1.4 - 0.7")
        )
        layers.append(dots)
    label = f"target {target_text}"
    layers.append(target_rule(target, label, scale))
    return alt.layer(*layers).properties(
        title=target_title("Minutes per incident, by quarter", label), height=320
    )


def heatmap(
    frame: pd.DataFrame, selection: alt.Parameter, *, partial: list[str] | None = None
) -> alt.LayerChart:
    """Incidents per category (rows) and quarter (columns); clicking a cell selects it.

    Quarters in ``partial`` (not over yet) are headed ``(partial)``, their cells drawn with a dashed border;
    the frame's ``note`` column, when present, is shown in the tooltip."""
    partial = partial or []
    axis = alt.Axis(orient="top", labelAngle=0)
    if partial:
        marked = " || ".join(f"datum.value === {q!r}" for q in partial)
        axis = alt.Axis(
            orient="top", labelAngle=0, labelExpr=f"({marked}) ? datum.value + ' (partial)' : datum.value"
        )
    base = alt.Chart(frame).encode(
        x=alt.X("quarter:O", title=None, sort=None, axis=axis),
        y=alt.Y("category:N", title=None, sort=None),
    )
    cells = (
        base.mark_rect(stroke="white", strokeWidth=2, cursor="pointer")
        .encode(
            color=alt.Color("incidents:Q", scale=alt.Scale(scheme="orangered"), title="Incidents"),
            opacity=alt.condition(selection, alt.value(1.0), alt.value(0.35)),
            tooltip=[
                alt.Tooltip("category:N", title="Category"),
                alt.Tooltip("quarter:N", title="Quarter"),
                alt.Tooltip("incidents:Q", title="Incidents"),
                *([alt.Tooltip("note:N", title="Note")] if "note" in frame.columns else []),
            ],
        )
        .add_params(selection)
    )
    if partial:
        cells = cells.encode(
            strokeDash=alt.condition(
                alt.FieldOneOfPredicate(field="quarter", oneOf=partial), alt.value([4, 3]), alt.value([1, 0])
            ),
            stroke=alt.condition(
                alt.FieldOneOfPredicate(field="quarter", oneOf=partial),
                alt.value("#616161"),
                alt.value("white"),
            ),
        )
    dark = float(frame["incidents"].max()) * 0.6 if len(frame) else 0.0
    text = base.mark_text(fontSize=13).encode(
        text="incidents:Q",
        color=alt.condition(alt.datum.incidents > dark, alt.value("white"), alt.value("black")),
    )
    return (cells + text).properties(height=max(160, 44 * frame["category"].nunique()))


def bars_with_target(
    frame: pd.DataFrame, y: str, title: str, target: float, target_text: str, *, fmt: str = ".0f"
) -> alt.LayerChart:
    """Bars per quarter coloured met / not met, the target as a rule line; the y scale starts at exactly 0."""
    scale = zero_based(frame[y], target)
    bars = (
        alt.Chart(frame)
        .mark_bar(size=32)
        .encode(
            x=alt.X("quarter:O", title=None, sort=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{y}:Q", title=title, scale=scale, axis=Y_AXIS),
            color=alt.Color("status:N", scale=MET_COLOURS, title="Target"),
            tooltip=[
                alt.Tooltip("quarter:N", title="Quarter"),
                alt.Tooltip(f"{y}:Q", title=title, format=fmt),
                alt.Tooltip("status:N", title="Target"),
            ],
        )
    )
    label = f"target {target_text}"
    return (bars + target_rule(target, label, scale)).properties(
        title=target_title(f"{title} per quarter", label), height=240
    )


def overdue_bars(frame: pd.DataFrame) -> alt.Chart:
    """Open items past due, stacked by priority, per quarter they were due in."""
    return (
        alt.Chart(frame)
        .mark_bar(size=32)
        .encode(
            x=alt.X("quarter:O", title="Due in", sort=None),
            y=alt.Y("count:Q", title="Overdue items"),
            color=alt.Color(
                "priority:N",
                scale=alt.Scale(domain=["P0", "P1", "P2"], range=["#b71c1c", "#ef6c00", "#fbc02d"]),
                title="Priority",
            ),
            tooltip=["quarter:N", "priority:N", "count:Q"],
        )
        .properties(height=240)
    )
