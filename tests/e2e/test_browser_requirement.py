"""Without a browser the real-browser tests skip locally but fail under CI=true."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import _unavailable


@pytest.mark.parametrize(
    ("ci", "outcome"),
    [("true", pytest.fail.Exception), ("", pytest.skip.Exception), ("false", pytest.skip.Exception)],
)
def test_browser_requirement_missing_browser(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="no Chromium"):
        _unavailable("no Chromium at /usr/bin/chromium")
