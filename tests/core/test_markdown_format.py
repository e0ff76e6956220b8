"""Timeline times as the importer and the post-mortem form read them (markdown_format.read_event_time)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from core.markdown_format import read_event_time

DAY = date(2026, 1, 30)

# (case, typed, previous row, moment)
READABLE = [
    ("clock_on_incident_date", "09:40", None, datetime(2026, 1, 30, 9, 40)),
    ("one_digit_hour", "9:40", None, datetime(2026, 1, 30, 9, 40)),
    ("seconds", "09:40:30", None, datetime(2026, 1, 30, 9, 40, 30)),
    ("utc_suffix", "09:40 UTC", None, datetime(2026, 1, 30, 9, 40)),
    ("full_date", "2026-01-31 00:10", None, datetime(2026, 1, 31, 0, 10)),
    ("iso_t", "2026-01-30T08:00:00", None, datetime(2026, 1, 30, 8, 0)),
    ("after_midnight", "00:10", datetime(2026, 1, 30, 23, 50), datetime(2026, 1, 31, 0, 10)),
    ("later_same_day", "10:00", datetime(2026, 1, 30, 9, 0), datetime(2026, 1, 30, 10, 0)),
]


@pytest.mark.parametrize(("case", "typed", "previous", "moment"), READABLE, ids=[c[0] for c in READABLE])
def test_markdown_format_read_event_time(case, typed, previous, moment):
    assert read_event_time(typed, DAY, previous) == moment


# (case, typed, words of the message)
UNREADABLE = [
    ("words", "9h40", "unreadable time '9h40'; expected HH:MM or YYYY-MM-DD HH:MM"),
    ("us_date", "01/30/0000", "unreadable time '01/30/0000'; expected HH:MM"),
    ("no_such_hour", "25:00", "unreadable time '25:00': no such time of day"),
    ("no_such_date", "2026-02-30 08:00", "unreadable time '2026-02-30 08:00': no such date"),
    ("date_only", "2026-01-30", "unreadable time '2026-01-30'; expected HH:MM or YYYY-MM-DD HH:MM"),
]


@pytest.mark.parametrize(("case", "typed", "message"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_markdown_format_read_event_time_rejects(case, typed, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        read_event_time(typed, DAY)
