"""Import: upload Markdown post-mortems, see per file what was placed and what was not, confirm to save."""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

from pages._shared import DETAIL_PAGE, engine, escape_markdown

MAX_FILES = 200

st.title("Import post-mortems")
st.caption(
    "Upload one or more Markdown post-mortems written with the template. Each file is checked first: you "
    "see which sections were recognised and which were not. Nothing is saved until you confirm."
)

try:
    from core.importer import import_files
except ImportError:
    st.info(
        "Import is not available in this installation yet (core.importer is missing).", icon=":material/info:"
    )
    st.stop()

if "import.gen" not in st.session_state:
    st.session_state["import.gen"] = 0
uploads = st.file_uploader(
    "Markdown files",
    type=["md", "markdown", "txt"],
    accept_multiple_files=True,
    key=f"import.files.{st.session_state['import.gen']}",
)

if flash := st.session_state.pop("import.flash", None):
    kind, message, saved = flash
    (st.success if kind == "success" else st.warning)(message, icon=":material/check_circle:")
    for incident_id in saved:
        st.page_link(
            DETAIL_PAGE,
            label=f"Open {incident_id}",
            icon=":material/description:",
            query_params={"id": incident_id},
        )

if not uploads:
    st.stop()
if len(uploads) > MAX_FILES:
    st.error(f"{len(uploads)} files: import at most {MAX_FILES} at a time.", icon=":material/error:")
    st.stop()

files = [(u.name, u.getvalue()) for u in uploads]
digest = hashlib.sha256(b"".join(name.encode() + b"\0" + data for name, data in files)).hexdigest()


def _run(dry_run: bool) -> list[Any]:
    bar = st.progress(0.0, text="Reading files…")

    def progress(i: int, n: int, name: str) -> None:
        bar.progress(
            min(1.0, i / n) if n else 1.0,
            text=f"{'Checking' if dry_run else 'Saving'} {escape_markdown(name)} ({i}/{n})",
        )

    outcomes = import_files(engine(), files, progress=progress, dry_run=dry_run)
    bar.empty()
    return outcomes


if st.session_state.get("import.digest") != digest:
    st.session_state["import.preview"] = _run(dry_run=True)
    st.session_state["import.digest"] = digest
preview = st.session_state["import.preview"]


def _describe(item: Any) -> str:
    if isinstance(item, str):
        return item
    for attr in ("heading", "name", "section", "field"):
        if getattr(item, attr, None):
            return str(getattr(item, attr))
    return str(item)


good = [o for o in preview if o.ok]
bad = [o for o in preview if not o.ok]
st.dataframe(
    pd.DataFrame(
        [
            {
                "file": o.source,
                "readable": "yes" if o.ok else "no",
                "placed": len(o.placed or []),
                "not placed": len(o.unplaced or []),
                "warnings": len(o.warnings or []),
                "problem": "" if o.ok else str(o.error or ""),
            }
            for o in preview
        ]
    ),
    hide_index=True,
    width="stretch",
)

for outcome in preview:
    icon = (
        ":material/check_circle:"
        if outcome.ok and not outcome.unplaced
        else (":material/warning:" if outcome.ok else ":material/error:")
    )
    with st.expander(
        escape_markdown(outcome.source), icon=icon, expanded=not outcome.ok or bool(outcome.unplaced)
    ):
        if not outcome.ok:
            st.error(
                f"Cannot import this file: {escape_markdown(str(outcome.error))}", icon=":material/error:"
            )
            continue
        st.markdown(
            "**Placed:** "
            + (
                ", ".join(escape_markdown(_describe(p)) for p in outcome.placed)
                if outcome.placed
                else "nothing"
            )
        )
        if outcome.unplaced:
            st.markdown(
                f"**Not placed ({len(outcome.unplaced)})** — kept out of the post-mortem; copy what you "
                "need into it after the import:"
            )
            for section in outcome.unplaced:
                st.markdown(f"Line {section.line}: **{escape_markdown(section.heading or '(no heading)')}**")
                st.text(section.text)
        else:
            st.caption("Every section was placed.")
        for warning in outcome.warnings or []:
            st.warning(str(warning), icon=":material/warning:")

if not good:
    st.error("No file can be imported. Fix the files above and upload them again.", icon=":material/error:")
    st.stop()

label = f"Save {len(good)} post-mortem(s)" + (f", skip {len(bad)} unreadable file(s)" if bad else "")
if st.button(label, type="primary", icon=":material/save:"):
    saveable = {o.source for o in good}
    files = [(name, data) for name, data in files if name in saveable]
    outcomes = _run(dry_run=False)
    saved = [o.incident_id for o in outcomes if o.ok and o.incident_id]
    failed = [o for o in outcomes if not o.ok]
    message = f"Saved {len(saved)} post-mortem(s)."
    if failed:
        message += " Not saved: " + "; ".join(f"{o.source}: {o.error}" for o in failed)
    st.session_state["import.flash"] = ("warning" if failed else "success", message, saved)
    st.session_state["import.gen"] += 1
    st.session_state.pop("import.digest", None)
    st.rerun()
