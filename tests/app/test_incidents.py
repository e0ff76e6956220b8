"""The incident database page: search, filters, sort, counts, linkable filtered views, opening a row."""

from __future__ import annotations

from datetime import date

import pytest

from tests.app.seeding import fill_database

PAGE = "pages/incidents.py"


def _listed(at) -> list[str]:  # type: ignore[no-untyped-def]
    table = next(d for d in at.dataframe if "incident" in d.value.columns)
    return list(table.value["incident"])


# (query parameters of the address, incidents listed in the default order: newest first)
FILTERS = [
    ({}, ["INC-2026-01-30-001", "INC-2025-11-04-001", "INC-2025-08-12-001", "INC-2025-03-02-001"]),
    ({"q": "checkout"}, ["INC-2025-11-04-001"]),
    ({"q": "INC-2025-08"}, ["INC-2025-08-12-001"]),
    ({"severity": ["SEV1", "SEV4"]}, ["INC-2026-01-30-001", "INC-2025-03-02-001"]),
    ({"category": "database"}, ["INC-2026-01-30-001", "INC-2025-03-02-001"]),
    ({"cause": "vendor_outage"}, ["INC-2025-08-12-001"]),
    ({"status": ["draft", "in_review"]}, ["INC-2026-01-30-001", "INC-2025-11-04-001"]),
    ({"from": "2025-06-01", "to": "2025-12-31"}, ["INC-2025-11-04-001", "INC-2025-08-12-001"]),
    ({"category": "database", "severity": "SEV4"}, ["INC-2025-03-02-001"]),
    (
        {"sort": "title", "order": "asc"},
        ["INC-2025-11-04-001", "INC-2025-08-12-001", "INC-2026-01-30-001", "INC-2025-03-02-001"],
    ),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[str(q) for q, _ in FILTERS])
def test_incidents_address_filters_the_list(open_page, app_engine, query, expected):
    fill_database(app_engine)
    at = open_page(PAGE, **query)
    assert _listed(at) == expected
    assert at.metric[0].value == str(len(expected))


def test_incidents_widgets_filter_and_address_follows(open_page, app_engine):
    fill_database(app_engine)
    at = open_page(PAGE)
    at.multiselect(key="inc.category").set_value(["database"]).run()
    at.text_input(key="inc.text").set_value("replica").run()
    assert _listed(at) == ["INC-2025-03-02-001"]
    assert at.query_params["q"] == "replica"
    assert at.query_params["category"] in ("database", ["database"])
    at.date_input(key="inc.dates").set_value((date(2026, 1, 1), date(2026, 12, 31))).run()
    assert not at.exception
    assert any("No incident matches" in i.value for i in at.info)


def test_incidents_counts_per_severity(open_page, app_engine):
    fill_database(app_engine)
    at = open_page(PAGE, category="database")
    counts = {m.label: m.value for m in at.metric}
    assert counts == {"Matching": "2", "SEV 1": "1", "SEV 2": "0", "SEV 3": "0", "SEV 4": "1"}


def test_incidents_bad_address_values_are_ignored_with_a_warning(open_page, app_engine):
    fill_database(app_engine)
    at = open_page(PAGE, severity="SEV9", **{"from": "yesterday"}, sort="colour")
    warnings = " ".join(w.value for w in at.warning)
    assert "severity=SEV9" in warnings and "from='yesterday'" in warnings and "sort='colour'" in warnings
    assert len(_listed(at)) == 4


def test_incidents_open_a_row_shows_its_detail(open_page, app_engine):
    fill_database(app_engine)
    at = open_page(PAGE, q="payment")
    at.selectbox(key="inc.open").set_value("INC-2025-08-12-001").run()
    next(b for b in at.button if b.label == "Open").click().run()
    assert not at.exception
    assert at.query_params["id"] == "INC-2025-08-12-001"
    assert at.title[0].value == "Post-Mortem: Payment provider outage"


def test_incidents_empty_database_points_to_entry(open_page):
    at = open_page(PAGE)
    assert "empty" in at.info[0].value
