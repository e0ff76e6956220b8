"""Sign-off: draft -> in review -> signed off -> closed, a signature per role; blame findings block signing
unless the signer writes an override reason, which is kept."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.errors import ConflictError, SignOffBlockedError, ValidationError, WorkflowError
from core.postmortem import SIGN_OFF_ROLES, ReviewStatus
from core.signoff import close_review, return_to_draft, sign, signoff_state, submit_for_review
from pages._followup import error_box, now, pick_incident
from pages._shared import engine

st.title("Sign-off")
incident = pick_incident("so_incident")
if not incident:
    st.stop()
state = signoff_state(engine(), incident)
st.markdown(f"**Status:** {state.status.label} · version {state.version}")
st.dataframe(
    pd.DataFrame([{"Role": r, "Name": n, "Date": d} for r, (n, d) in state.signatures.items()]),
    hide_index=True,
    use_container_width=True,
)
if state.findings:
    st.markdown(
        f"**Blameless-language findings:** {len(state.blocking)} error(s) block signing, "
        f"{len(state.findings) - len(state.blocking)} other(s)"
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Field": f.field,
                    "Severity": f.severity,
                    "Rule": f.rule_id,
                    "Text": f.text,
                    "Message": f.message,
                }
                for f in state.findings
            ]
        ),
        hide_index=True,
        use_container_width=True,
    )
else:
    st.success("No blame language found.")
if state.override_log:
    st.markdown("**Overrides kept with the post-mortem**")
    st.text(state.override_log)


def _act(action, label: str) -> None:  # type: ignore[no-untyped-def]
    try:
        action(engine(), incident, version=state.version, now=now())
    except (WorkflowError, ConflictError) as exc:
        st.error(str(exc), icon=":material/error:")
    else:
        st.toast(label)
        st.rerun()


b1, b2, b3 = st.columns(3)
if state.status is ReviewStatus.DRAFT and b1.button("Submit for review", type="primary"):
    _act(submit_for_review, "In review")
if state.status in (ReviewStatus.IN_REVIEW, ReviewStatus.SIGNED_OFF) and b2.button(
    "Return to draft", help="Clears the signatures"
):
    _act(return_to_draft, "Back to draft")
if state.status is ReviewStatus.SIGNED_OFF and b3.button("Close"):
    _act(close_review, "Closed")

if state.status is ReviewStatus.IN_REVIEW:
    st.subheader("Sign")
    error = st.session_state.get("so_error")
    with st.form("so_sign", clear_on_submit=False):
        role = st.selectbox("Role", state.missing_roles or list(SIGN_OFF_ROLES))
        name = st.text_input("Name")
        error_box(error.for_field("name") if error else [])
        day = st.date_input("Date (UTC)", value=now().date())
        error_box(error.for_field("date") if error else [])
        reason = st.text_area(
            "Override reason (only when blame findings remain)",
            help="Why the flagged wording is acceptable; kept with the post-mortem",
        )
        error_box(error.for_field("override_reason") if error else [])
        submitted = st.form_submit_button("Sign", type="primary")
    if submitted:
        try:
            sign(
                engine(), incident, role, name, day, version=state.version, now=now(), override_reason=reason
            )
        except SignOffBlockedError as exc:  # before ValidationError, of which it is a kind
            st.error(
                f"{exc} — fields: {', '.join(sorted({f.field for f in exc.findings}))}",
                icon=":material/block:",
            )
        except ValidationError as exc:
            st.session_state["so_error"] = exc
            st.rerun()
        except (WorkflowError, ConflictError) as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            st.session_state.pop("so_error", None)
            st.rerun()
