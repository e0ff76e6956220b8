"""Streamlit entry point: page config, navigation over pages/, the shared frame. Nothing else."""

import streamlit as st

st.set_page_config(page_title="Lessons — blameless post-incident reviews", page_icon="📘", layout="wide")

# One line per page: (script, title, icon). Adding a page is adding a line here.
SECTIONS: dict[str, list[tuple[str, str, str]]] = {
    "Reviews": [
        ("pages/home.py", "Home", ":material/home:"),
        ("pages/postmortem_form.py", "New post-mortem", ":material/edit_note:"),
        ("pages/incidents.py", "Incidents", ":material/search:"),
        ("pages/incident_detail.py", "Incident detail", ":material/description:"),
    ],
    "Follow-up": [
        ("pages/action_items.py", "Action items", ":material/task_alt:"),
        ("pages/reviews_due.py", "Reviews due", ":material/event_upcoming:"),
        ("pages/followup_review.py", "Follow-up review", ":material/rate_review:"),
        ("pages/signoff.py", "Sign-off", ":material/approval:"),
        ("pages/communication.py", "Communication", ":material/campaign:"),
        ("pages/dr_plan.py", "DR plan", ":material/shield:"),
    ],
    "Insights": [
        ("pages/dashboard.py", "Trends", ":material/monitoring:"),
    ],
    "Tools": [
        ("pages/import.py", "Import", ":material/upload_file:"),
        ("pages/lint.py", "Blameless linter", ":material/spellcheck:"),
    ],
    "Settings": [
        ("pages/settings.py", "Settings", ":material/settings:"),
    ],
}

navigation = st.navigation(
    {
        section: [st.Page(path, title=title, icon=icon, default=(path == "pages/home.py"))
                  for path, title, icon in pages]
        for section, pages in SECTIONS.items()
        if pages
    },
    expanded=True,
)
st.sidebar.caption("Lessons · blameless post-incident reviews")
navigation.run()
