"""The sign-off page with the real linter: a blame finding blocks, an override reason lets it through."""

from __future__ import annotations

from core.services import get_postmortem, update_postmortem
from tests.app.followup_fixtures import NOW, seeded  # noqa: F401 - fixture

PAGE = "pages/signoff.py"


def _sign(at, role: str, name: str, reason: str = ""):  # type: ignore[no-untyped-def]
    at.selectbox[1].set_value(role)
    at.text_input[0].input(name)
    at.text_area[0].input(reason)
    [b for b in at.button if b.label == "Sign"][0].click().run()
    return at


def test_signoff_page_blocks_blame_and_accepts_an_override(open_page, seeded, app_engine):  # noqa: F811
    pm = get_postmortem(app_engine, seeded.incident_id)
    pm.contributing_factors = ["Human error caused the outage."]
    update_postmortem(app_engine, pm, now=NOW)
    at = open_page(PAGE, id=seeded.incident_id)
    [b for b in at.button if b.label == "Submit for review"][0].click().run()
    assert "In review" in at.markdown[0].value
    _sign(at, "Incident Commander", "Dana Whitfield")
    assert any("block sign-off" in e.value and "contributing_factors[0]" in e.value for e in at.error)
    assert get_postmortem(app_engine, seeded.incident_id).signoffs == []
    reason = "Quoted from the customer's ticket; not about a person."
    for role, name in (("Incident Commander", "Dana"), ("Engineering Manager", "Kim"), ("Product Manager", "Pat")):
        _sign(at, role, name, reason)
    stored = get_postmortem(app_engine, seeded.incident_id)
    assert stored.status.value == "signed_off" and [s.name for s in stored.signoffs] == ["Dana", "Kim", "Pat"]
    assert any(reason in t.value for t in at.text)
