"""Inline switches: disable-next-line and disable ... enable, with and without rule ids."""

from __future__ import annotations

import pytest

BLAME = "Someone deleted the database."
OMISSION = "Lisa forgot to renew the certificate."

CASES = [
    (f"<!-- blameless-disable-next-line -->\n{BLAME}\n", []),
    (f"<!-- blameless-disable-next-line BL001 -->\n{BLAME}\n", []),
    (f"<!-- blameless-disable-next-line BL003 -->\n{BLAME}\n", ["BL001"]),
    (f"<!-- blameless-disable-next-line BL001 -->\n\n{BLAME}\n", []),
    (f"<!-- blameless-disable-next-line BL001 -->\n{BLAME}\n\n{BLAME}\n", ["BL001"]),
    (f"<!-- blameless-disable -->\n{BLAME}\n\n{OMISSION}\n<!-- blameless-enable -->\n\n{BLAME}\n", ["BL001"]),
    (f"<!-- blameless-disable BL003 -->\n{BLAME}\n\n{OMISSION}\n", ["BL001"]),
    (f"<!-- blameless-disable -->\n{BLAME}\n", []),
    (f"```\n<!-- blameless-disable -->\n```\n\n{BLAME}\n", ["BL001"]),
]


@pytest.mark.parametrize(("markdown", "expected"), CASES)
def test_switches_silence_findings(linter, markdown, expected):
    assert [f.rule_id for f in linter.lint_markdown(markdown)] == expected


def test_switches_work_in_plain_text(linter):
    assert linter.lint_text(f"<!-- blameless-disable-next-line -->\n{BLAME}") == []
