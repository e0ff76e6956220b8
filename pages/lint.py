"""Blameless linter: paste or upload a draft, see blame marked in context, apply rewordings, download."""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import replace

import pandas as pd
import streamlit as st

from lint import RULES, Finding, InputError, LintError
from lint.cli import decode
from lint.finding import SEVERITIES, SEVERITY_RANK
from lint.fix import apply_fixes, rewording
from lint.formats import Report, render_json, render_sarif
from pages._shared import escape_markdown, markdown_linter

MAX_MB = 2
MAX_BYTES = MAX_MB * 1024 * 1024
HISTORY_LIMIT = 50
DEFAULT_NAME = "draft.md"

DRAFT = "lint.draft"  # the text area's key: the draft being revised
KEPT = "lint.kept"  # a copy of the draft that survives visits to other pages
UPLOAD = "lint.upload"
LOADED = "lint.loaded"  # file id of the upload last copied into the draft
NAME = "lint.name"  # file name offered for the downloads
HISTORY = "lint.history"  # earlier drafts, for undo
FLASH = "lint.flash"  # (kind, message) left by a button for the next run

STALE = "The draft changed before the click; the findings are refreshed."
FLASH_ICONS = {
    "success": ":material/check_circle:", "warning": ":material/warning:", "info": ":material/undo:",
}
SEVERITY_LABELS = {"error": "Errors", "warning": "Warnings", "info": "Info"}
MARK_COLOURS = {"error": "#ffc9c9", "warning": "#ffe8a3", "info": "#d0e6ff"}
EXAMPLE = """\
# Checkout outage, 12 March

## What happened

Someone deleted the database. John didn't follow the procedure.
Human error caused the outage. They should have known better.

The deploy failed at 08:02 and the on-call engineer was paged at 08:10.

<!-- blameless-disable-next-line BL002 -->
Priya restarted the primary, as the runbook says.

```sh
psql -c 'drop table orders'  # code is never linted
```
"""
BLAME_EXPLAINED = """\
A sentence reads as blame when it places the cause or fault of the incident on a person or group — named,
vague ("someone", "they"), by role, or the authors themselves ("we forgot to") — judges people in hindsight
("should have", "if only"), labels the cause "human error", uses judgement words about people (careless,
sloppy, negligent) or minimises what a person faced ("just", "simply").
The same words aimed at systems are fine: "the deploy failed", "the script had a mistake", "the service should
have returned cached data", "the on-call engineer was paged at 08:10".

Code blocks, inline code, URLs, front matter and HTML comments are not linted. To keep a sentence as written,
put a switch in an HTML comment:
"""
SWITCHES = """\
<!-- blameless-disable-next-line BL003 -->   no BL003 finding on the next line (all rules without ids)
<!-- blameless-disable -->                   nothing reported from here …
<!-- blameless-enable -->                    … to here (rule ids work here too)
"""


# --- pure helpers ------------------------------------------------------------------------------------------


def read_upload(data: bytes, name: str) -> str:
    """The text of an uploaded file, or an InputError saying why it cannot be linted."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data) / 1048576:.1f} MB is more than the {MAX_MB} MB limit; split it")
    return decode(data, name)


def as_written(text: str, finding: Finding) -> Finding:
    """The finding with its sentence as written in `text` (wrapped over lines), for apply_fixes to find."""
    words = finding.sentence.split()
    if not words or text.rfind(finding.sentence, 0, finding.start + len(finding.sentence)) >= 0:
        return finding
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    for match in pattern.finditer(text, max(0, finding.start - len(finding.sentence))):
        if match.start() > finding.start:
            break
        if finding.start < match.end():
            return replace(finding, sentence=match.group())
    return finding


def highlighted_html(text: str, findings: list[Finding]) -> str:
    """The draft as escaped HTML, each flagged span in a <mark> numbered like the findings list."""
    groups: list[tuple[int, int, list[int]]] = []
    for number, finding in sorted(enumerate(findings, 1), key=lambda item: (item[1].start, item[1].end)):
        if groups and finding.start < groups[-1][1]:
            start, end, numbers = groups[-1]
            groups[-1] = (start, max(end, finding.end), numbers + [number])
        else:
            groups.append((finding.start, max(finding.end, finding.start), [number]))
    pieces: list[str] = []
    cursor = 0
    for start, end, numbers in groups:
        flagged = [findings[n - 1] for n in numbers]
        severity = max((f.severity for f in flagged), key=lambda s: SEVERITY_RANK.get(s, 0))
        title = "\n".join(
            f"{n}. {f.rule_id} {f.severity}: {f.message}" for n, f in zip(numbers, flagged, strict=True)
        )
        pieces.append(html.escape(text[cursor:start]))
        colour = MARK_COLOURS.get(severity, "#eee")
        pieces.append(
            f'<mark title="{html.escape(title, quote=True)}" style="background:{colour};'
            f' border-radius:3px; padding:0 2px">{html.escape(text[start:end])}</mark>'
            f'<sup style="color:#a33; font-weight:600">{",".join(map(str, numbers))}</sup>'
        )
        cursor = max(cursor, end)
    pieces.append(html.escape(text[cursor:]))
    body = "".join(pieces).replace("\r\n", "\n").replace("\n", "<br>")
    return (
        '<div class="lint-draft" style="white-space:pre-wrap; font-family:ui-monospace, SFMono-Regular,'
        f' Menlo, monospace; font-size:0.85rem; line-height:1.7">{body}</div>'
    )


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    """One row per finding: number, place, rule, severity, kind, message, matched text, suggestions."""
    return pd.DataFrame(
        [
            {
                "#": number,
                "line:col": f"{f.line}:{f.column}",
                "rule": f.rule_id,
                "severity": f.severity,
                "kind": f.kind,
                "message": f.message,
                "matched": f.text,
                "suggestions": " / ".join(f.suggestions),
            }
            for number, f in enumerate(findings, 1)
        ],
        columns=["#", "line:col", "rule", "severity", "kind", "message", "matched", "suggestions"],
    )


# --- linting and state changes -----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=64)
def findings_for(text: str) -> list[Finding]:
    """The findings of a Markdown draft (cached per text; the pipeline itself is shared by the process)."""
    lint_markdown, why_not = markdown_linter()
    if lint_markdown is None:
        raise LintError(why_not)
    return lint_markdown(text)


def _set_draft(revised: str) -> None:
    """Replace the draft, remembering the previous one for undo."""
    history: list[str] = st.session_state.setdefault(HISTORY, [])
    history.append(st.session_state.get(DRAFT, ""))
    del history[:-HISTORY_LIMIT]
    st.session_state[DRAFT] = revised


def _apply_one(linted: str, finding: Finding, suggestion: str) -> None:
    """Button callback: replace the finding's sentence with one suggestion."""
    if st.session_state.get(DRAFT) != linted:
        st.session_state[FLASH] = ("warning", STALE)
        return
    chosen = replace(as_written(linted, finding), suggestions=[suggestion])
    revised, fixed, _ = apply_fixes(linted, [chosen])
    if not fixed:
        st.session_state[FLASH] = ("warning", "That sentence holds inline Markdown (a link, code, emphasis); "
                                   "edit it by hand.")
        return
    _set_draft(revised)
    st.session_state[FLASH] = ("success", f"Line {finding.line}: the sentence now reads “{suggestion}”")


def _apply_all(linted: str, findings: list[Finding]) -> None:
    """Button callback: apply the first rewording of every flagged sentence."""
    if st.session_state.get(DRAFT) != linted:
        st.session_state[FLASH] = ("warning", STALE)
        return
    revised, fixed, unfixed = apply_fixes(linted, [as_written(linted, finding) for finding in findings])
    if fixed:
        _set_draft(revised)
    left = f" {unfixed} sentence(s) are left for you to reword." if unfixed else ""
    st.session_state[FLASH] = ("success" if fixed else "warning", f"Rewrote {fixed} sentence(s).{left}")


def _undo() -> None:
    """Button callback: bring back the draft before the last applied change."""
    history: list[str] = st.session_state.get(HISTORY, [])
    if history:
        st.session_state[DRAFT] = history.pop()
        st.session_state[FLASH] = ("info", "Undid the last change.")


def _load_example() -> None:
    """Button callback: put the example draft in the text area."""
    _set_draft(EXAMPLE)


# --- the page ----------------------------------------------------------------------------------------------

st.title("Blameless linter")
st.caption("Paste or upload a post-mortem draft. Phrases that read as blame are marked, each with a "
           "system-focused rewording you can apply with one click. Nothing is stored: download the revised "
           "text when you are done.")

with st.expander("What counts as blame, and how to keep a sentence as written", icon=":material/help:"):
    st.markdown(BLAME_EXPLAINED)
    st.code(SWITCHES, language="html")
    st.dataframe(
        pd.DataFrame([{"rule": r.id, "kind": r.kind, "severity": r.severity, "message": r.message,
                       "instead of": r.example, "say": r.rewording} for r in RULES]),
        hide_index=True, width="stretch",
    )

if DRAFT not in st.session_state:  # Streamlit drops a widget's state while another page is shown
    st.session_state[DRAFT] = st.session_state.get(KEPT, "")
uploaded = st.file_uploader(f"Upload a Markdown or text file (up to {MAX_MB} MB)",
                            type=["md", "markdown", "txt"], key=UPLOAD, max_upload_size=MAX_MB)
if uploaded is not None:
    try:
        text_of_upload = read_upload(uploaded.getvalue(), uploaded.name)
    except InputError as error:
        st.error(f"{escape_markdown(str(error))}. The draft below is unchanged.", icon=":material/error:")
    else:
        if st.session_state.get(LOADED) != uploaded.file_id:
            st.session_state[LOADED] = uploaded.file_id
            st.session_state[NAME] = uploaded.name
            _set_draft(text_of_upload)

st.text_area("Draft (Markdown)", key=DRAFT, height=260,
             placeholder="Paste a post-mortem draft here, e.g. “Someone deleted the database.”")
draft: str = st.session_state[DRAFT]
st.session_state[KEPT] = draft
name: str = st.session_state.get(NAME, DEFAULT_NAME)

if flash := st.session_state.pop(FLASH, None):
    kind, message = flash
    getattr(st, kind)(escape_markdown(message), icon=FLASH_ICONS[kind])

if not draft.strip():
    st.info("Nothing to check yet: paste a draft above, upload a file, or try the example.",
            icon=":material/edit_note:")
    st.button("Try an example", icon=":material/science:", on_click=_load_example)
    st.stop()
if len(draft.encode("utf-8")) > MAX_BYTES:
    st.error(f"The draft is larger than {MAX_MB} MB; split it and check it part by part.",
             icon=":material/error:")
    st.stop()

try:
    with st.spinner("Checking the draft…"):
        findings = findings_for(draft)
except LintError as error:
    st.info(f"No language check: {escape_markdown(str(error))}", icon=":material/info:")
    st.stop()

history_length = len(st.session_state.get(HISTORY, []))
by_severity = Counter(f.severity for f in findings)
metrics = st.columns(4)
metrics[0].metric("Findings", len(findings))
for column, severity in zip(metrics[1:], SEVERITIES, strict=True):
    column.metric(SEVERITY_LABELS[severity], by_severity[severity])
if findings:
    kinds = Counter(f.kind for f in findings)
    st.caption("By kind: " + " · ".join(f"{kind} {count}" for kind, count in kinds.most_common()))

report = [Report(name, draft, findings)]
with st.container(horizontal=True):
    st.button("Apply all first suggestions", icon=":material/auto_fix_high:", on_click=_apply_all,
              args=(draft, findings), disabled=not any(rewording(f) for f in findings), type="primary")
    st.button("Undo last change", icon=":material/undo:", on_click=_undo, disabled=not history_length)
    st.download_button("Download revised text", data=draft, file_name=name, mime="text/markdown",
                       icon=":material/download:", on_click="ignore")
    st.download_button("Findings as JSON", data=render_json(report), file_name=f"{name}.lint.json",
                       mime="application/json", icon=":material/data_object:", on_click="ignore")
    st.download_button("Findings as SARIF", data=render_sarif(report), file_name=f"{name}.sarif",
                       mime="application/sarif+json", icon=":material/security:", on_click="ignore")

if not findings:
    st.success("No blame language found. The draft reads as system-focused.", icon=":material/check_circle:")
    st.stop()

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Draft with findings marked")
    with st.container(border=True):
        st.html(highlighted_html(draft, findings))
with right:
    st.subheader("Findings")
    for number, finding in enumerate(findings, 1):
        with st.container(border=True):
            st.markdown(f"**{number}.** `{finding.line}:{finding.column}` · **{finding.rule_id}** · "
                        f"{finding.severity} · {finding.kind}  \n{escape_markdown(finding.message)}")
            st.caption(f"“{escape_markdown(finding.text)}” in: {escape_markdown(finding.sentence)}")
            for index, suggestion in enumerate(finding.suggestions):
                if suggestion.rstrip().endswith("?"):
                    st.markdown(f":material/help: *{escape_markdown(suggestion)}*")
                else:
                    st.button(escape_markdown(suggestion), key=f"lint.apply.{number}.{index}",
                              icon=":material/edit:", on_click=_apply_one,
                              args=(draft, finding, suggestion),
                              help="Replace the sentence with this rewording")

with st.expander("All findings as a table"):
    st.dataframe(findings_frame(findings), hide_index=True, width="stretch")
