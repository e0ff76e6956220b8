"""Dispatch of an imported post-mortem's sections to their readers, by the kind each heading names (with
Technical / Process / Communication meaning lesson kinds under a Lessons Learned heading)."""

from __future__ import annotations

from core.cause_reader import read_causes
from core.header_reader import HeaderValue, apply, field_of
from core.markdown_reader import Document, Section
from core.note_readers import read_attachments, read_impact, read_lessons
from core.postmortem import LessonKind
from core.section_readers import (
    LESSON_KINDS,
    Reading,
    classify,
    read_actions,
    read_list,
    read_signoffs,
    words,
)
from core.timeline_reader import read_timeline


def _text_field(section: Section, reading: Reading, name: str) -> None:
    if getattr(reading.pm, name):
        reading.leave(section.heading, section.line, section.text)
        return
    setattr(reading.pm, name, section.text)
    reading.lines[name] = section.text_line


def _read_section(section: Section, reading: Reading, kind: str | None) -> None:
    pm = reading.pm
    if kind in ("summary", "resolution", "detection"):
        _text_field(
            section,
            reading,
            {"summary": "executive_summary", "resolution": "resolution", "detection": "detection_method"}[
                kind
            ],
        )
    elif kind == "impact":
        for line, key, value in read_impact(section, reading):
            _header_entry(reading, section, line, key, value)
    elif kind == "timeline":
        read_timeline(section, reading)
    elif kind in ("rca", "whys"):
        read_causes(section, reading, kind)
    elif kind in ("factors", "went_well", "could_improve"):
        name = {"factors": "contributing_factors"}.get(kind, kind)
        read_list(section, reading, getattr(pm, name), name)
    elif kind == "actions":
        read_actions(section, reading)
    elif kind == "lessons" or (kind or "").startswith("lesson:"):
        read_lessons(section, reading, LessonKind(kind[7:]) if kind != "lessons" else None)  # type: ignore[index]
    elif kind == "attachments":
        read_attachments(section, reading)
    elif kind == "signoff":
        read_signoffs(section, reading)


def _header_entry(reading: Reading, section: Section, line: int, key: str, value: str) -> None:
    name = field_of(key)
    if name in ("duration", "severity", "reporter", "incident_commander", "detection_method"):
        apply(HeaderValue(name, key, value, line), reading)
    else:
        reading.leave(f"{section.heading}: {key}", line, value)


def read_sections(doc: Document, reading: Reading, title_section: Section | None) -> None:
    """Read every section but the title's by the kind its heading names; report the sections of no kind."""
    parents: list[tuple[int, str | None]] = []
    for section in doc.sections:
        if section is title_section:
            continue
        while parents and parents[-1][0] >= section.level:
            parents.pop()
        kind = classify(section.heading)
        if parents and parents[-1][1] == "lessons" and words(section.heading) in LESSON_KINDS:
            kind = "lesson:" + LESSON_KINDS[words(section.heading)]
        parents.append(
            (section.level, kind if kind and not kind.startswith("lesson:") else "lessons" if kind else None)
        )
        if kind is None:
            reading.leave(section.heading, section.line, section.text)
            continue
        _read_section(section, reading, kind)
        reading.placed.append(section.heading)
