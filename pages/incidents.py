"""The incident database: text search, filters, sort, counts; a filtered view is a link (query parameters).

Query parameters: q (text), severity / category / cause / status (repeatable), from / to (YYYY-MM-DD),
sort (one of core.services.SORTABLE), order (asc|desc), page (1-based).
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from core.postmortem import ReviewStatus, Severity
from core.services import SORTABLE, IncidentFilter, count_incidents, distinct_values, search_incidents
from pages._shared import DETAIL_PAGE, FORM_PAGE, engine, format_span

PAGE_SIZE = 50
SORT_LABELS = {
    "date": "Date",
    "incident_id": "Incident ID",
    "severity": "Severity",
    "title": "Title",
    "category": "Category",
    "status": "Status",
    "ttr": "TTR",
    "updated": "Last saved",
}
STATUS_LABELS = {s.value: s.label for s in ReviewStatus}

params = st.query_params
warnings: list[str] = []


def _date_param(name: str) -> date | None:
    raw = params.get(name, "")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        warnings.append(f"ignored {name}={raw!r} in the address: not a date (YYYY-MM-DD)")
        return None


def _choices(name: str, allowed: list[str]) -> list[str]:
    values = params.get_all(name)
    bad = [v for v in values if v not in allowed]
    if bad:
        warnings.append(
            f"ignored {name}={', '.join(bad)} in the address: expected one of {', '.join(allowed)}"
        )
    return [v for v in values if v in allowed]


categories = distinct_values(engine(), "category")
causes = distinct_values(engine(), "cause")

# Widgets start from the address the first time the page is drawn; afterwards they drive the address.
if "inc.text" not in st.session_state:
    st.session_state["inc.text"] = params.get("q", "")
    st.session_state["inc.severity"] = _choices("severity", [s.value for s in Severity])
    st.session_state["inc.category"] = _choices("category", categories)
    st.session_state["inc.cause"] = _choices("cause", causes)
    st.session_state["inc.status"] = _choices("status", list(STATUS_LABELS))
    start, end = _date_param("from"), _date_param("to")
    if start and end and end < start:
        warnings.append("ignored the date range in the address: 'to' is before 'from'")
        start = end = None
    st.session_state["inc.initial_dates"] = tuple(d for d in (start, end) if d)
    sort = params.get("sort", "date")
    if sort not in SORTABLE:
        warnings.append(f"ignored sort={sort!r}: expected one of {', '.join(SORTABLE)}")
        sort = "date"
    st.session_state["inc.sort"] = sort
    st.session_state["inc.order"] = "asc" if params.get("order") == "asc" else "desc"
    try:
        st.session_state["inc.page"] = max(1, int(params.get("page", "1")))
    except ValueError:
        st.session_state["inc.page"] = 1

st.title("Incidents")
for warning in warnings:
    st.warning(warning, icon=":material/link_off:")

st.text_input(
    "Search",
    key="inc.text",
    placeholder="words in the ID, title, summaries, root cause, cause, resolution",
    icon=":material/search:",
)
c1, c2, c3, c4, c5 = st.columns([1.4, 1.3, 1.3, 1.2, 1.6])
c1.multiselect(
    "Severity", [s.value for s in Severity], key="inc.severity", format_func=lambda v: Severity(v).label
)
c2.multiselect("Category", categories, key="inc.category")
c3.multiselect("Cause", causes, key="inc.cause")
c4.multiselect("Status", list(STATUS_LABELS), key="inc.status", format_func=STATUS_LABELS.get)
c5.date_input(
    "Date range",
    key="inc.dates",
    format="YYYY-MM-DD",
    value=st.session_state.get("inc.initial_dates", ()),
    help="Pick the first and the last day.",
)
s1, s2, _ = st.columns([1, 1, 3])
s1.selectbox("Sort by", list(SORT_LABELS), key="inc.sort", format_func=SORT_LABELS.get)
s2.radio(
    "Order",
    ["desc", "asc"],
    key="inc.order",
    horizontal=True,
    format_func=lambda o: "Newest / highest first" if o == "desc" else "Oldest / lowest first",
)

dates = st.session_state["inc.dates"] or ()
date_from = dates[0] if len(dates) > 0 else None
date_to = dates[1] if len(dates) > 1 else None
flt = IncidentFilter(
    text=st.session_state["inc.text"],
    severities=st.session_state["inc.severity"],
    categories=st.session_state["inc.category"],
    causes=st.session_state["inc.cause"],
    statuses=st.session_state["inc.status"],
    date_from=date_from,
    date_to=date_to,
)

# The address mirrors the filter, so the view can be shared and bookmarked.
query: dict[str, str | list[str]] = {}
if flt.text.strip():
    query["q"] = flt.text.strip()
for name, values in (
    ("severity", flt.severities),
    ("category", flt.categories),
    ("cause", flt.causes),
    ("status", flt.statuses),
):
    if values:
        query[name] = list(values)
if date_from:
    query["from"] = date_from.isoformat()
if date_to:
    query["to"] = date_to.isoformat()
if st.session_state["inc.sort"] != "date":
    query["sort"] = st.session_state["inc.sort"]
if st.session_state["inc.order"] == "asc":
    query["order"] = "asc"

# A changed filter starts again at page 1.
signature = repr((flt, st.session_state["inc.sort"], st.session_state["inc.order"]))
if st.session_state.get("inc.signature", signature) != signature:
    st.session_state["inc.page"] = 1
st.session_state["inc.signature"] = signature

total = count_incidents(engine())
matching = count_incidents(engine(), flt)
pages = max(1, -(-matching // PAGE_SIZE))
page = min(st.session_state["inc.page"], pages)
if page > 1:
    query["page"] = str(page)
wanted = {k: (v if isinstance(v, list) else [v]) for k, v in query.items()}
if {k: params.get_all(k) for k in params} != wanted:
    params.from_dict(query)
st.session_state["incidents_query"] = query

# --- counts ---------------------------------------------------------------------------------------

if total == 0:
    st.info("The incident database is empty.", icon=":material/info:")
    st.page_link(FORM_PAGE, label="Enter a post-mortem", icon=":material/edit_note:")
    st.page_link("pages/home.py", label="Or load the sample data on Home", icon=":material/home:")
    st.stop()

by_severity = {
    s.value: count_incidents(engine(), IncidentFilter(**{**flt.__dict__, "severities": [s.value]}))
    for s in Severity
    if not flt.severities or s.value in flt.severities
}
m = st.columns(1 + len(by_severity))
m[0].metric("Matching", f"{matching:,}", help=f"of {total:,} incidents")
for column, (severity, n) in zip(m[1:], by_severity.items(), strict=True):
    column.metric(Severity(severity).label, f"{n:,}")

if matching == 0:
    st.info(
        "No incident matches these filters. Remove a filter or change the search words.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

rows = search_incidents(
    engine(),
    flt,
    sort=st.session_state["inc.sort"],
    descending=st.session_state["inc.order"] == "desc",
    limit=PAGE_SIZE,
    offset=(page - 1) * PAGE_SIZE,
)
frame = pd.DataFrame(
    [
        {
            "incident": r.incident_id,
            "date": r.incident_date,
            "severity": Severity(r.severity).label,
            "title": r.title,
            "category": r.category,
            "cause": r.cause,
            "status": STATUS_LABELS.get(r.status, r.status),
            "TTD": format_span(pd.Timedelta(seconds=r.ttd_seconds)) if r.ttd_seconds is not None else "—",
            "TTR": format_span(pd.Timedelta(seconds=r.ttr_seconds)) if r.ttr_seconds is not None else "—",
            "action items": f"{r.actions_done}/{r.actions_total}",
            "repeat of": r.repeat_of or "",
        }
        for r in rows
    ]
)
st.caption(
    f"Showing {len(rows)} of {matching:,} matching incidents (page {page} of {pages}). "
    "Select a row to open it."
)
selection = st.dataframe(
    frame,
    hide_index=True,
    width="stretch",
    key="inc.table",
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "date": st.column_config.DateColumn(format="YYYY-MM-DD"),
        "title": st.column_config.TextColumn(width="medium"),
    },
)
chosen = selection.selection.rows if selection else []
if chosen:
    st.switch_page(DETAIL_PAGE, query_params={"id": frame.iloc[chosen[0]]["incident"]})

p1, p2, p3 = st.columns([1, 1, 4]) if pages > 1 else (st.empty(), st.empty(), None)
if pages > 1 and p1.button("Previous page", disabled=page <= 1, icon=":material/chevron_left:"):
    st.session_state["inc.page"] = page - 1
    st.rerun()
if pages > 1 and p2.button("Next page", disabled=page >= pages, icon=":material/chevron_right:"):
    st.session_state["inc.page"] = page + 1
    st.rerun()

titles = dict(zip(frame["incident"], frame["title"], strict=True))
o1, o2 = st.columns([3, 1], vertical_alignment="bottom")
opened = o1.selectbox(
    "Open an incident of this page",
    list(frame["incident"]),
    index=None,
    placeholder="INC-…",
    key="inc.open",
    format_func=lambda i: f"{i} · {titles.get(i, '')}",
)
if o2.button("Open", icon=":material/open_in_new:", disabled=opened is None):
    st.switch_page(DETAIL_PAGE, query_params={"id": opened})
