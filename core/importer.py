"""Import of post-mortems written in Markdown: the template's layout exactly, other common layouts leniently.

Each file is read into a validated PostMortem together with what was placed, what was not and why; a batch
stores each file in a unit of work of its own, so a rejected file writes nothing and the others still go in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine

from core.anchor_inference import assign_kinds
from core.database import session_factory
from core.errors import DuplicateIncidentError, ImportFormatError, ValidationError
from core.header_reader import HeaderValue, apply, collect, front_matter
from core.import_values import find_date
from core.markdown_format import normalise_newlines
from core.markdown_reader import Document, Section, read_document
from core.postmortem import PostMortem, Severity, TimelineEvent
from core.section_dispatch import read_sections
from core.section_readers import Reading, UnplacedSection, classify
from core.services import create_postmortems
from core.validation import normalise

__all__ = ["FileOutcome", "ParsedFile", "UnplacedSection", "decode_text", "import_files", "parse_postmortem"]

_TITLE_PREFIX = re.compile(
    r"^(?:post[- ]?mortem|post[- ]incident review|incident (?:report|review)|pir|rca)"
    r"\s*[:—–-]\s*",
    re.IGNORECASE,
)


@dataclass
class ParsedFile:
    """A file read as a post-mortem: the validated post-mortem, sections placed and not placed, warnings."""

    postmortem: PostMortem
    placed: list[str]
    unplaced: list[UnplacedSection]
    warnings: list[str]
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class FileOutcome:
    """What became of one file of an import batch."""

    source: str
    ok: bool
    incident_id: str | None
    placed: list[str]
    unplaced: list[UnplacedSection]
    warnings: list[str]
    error: str | None


MAX_IMPORT_BYTES = 5 * 1024 * 1024  # a post-mortem is kilobytes; the same limit as the linter's


def decode_text(source: str, data: bytes | str) -> str:
    """The file's text: UTF-8 (BOM allowed) or UTF-16 with a BOM; else ImportFormatError naming the line."""
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > MAX_IMPORT_BYTES:
        raise ImportFormatError(source, None, f"is {size / 1024 / 1024:.1f} MB; the limit for one post-mortem "
                                              f"is {MAX_IMPORT_BYTES // 1024 // 1024} MB")
    if isinstance(data, str):
        return data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFormatError(source, None, f"not valid UTF-16: {exc.reason}") from exc
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ImportFormatError(source, line, "binary content (a NUL byte): not a Markdown text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError(
            source, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        ) from exc


def _title(doc: Document, entries: list[HeaderValue], source: str) -> tuple[str, int, Section | None]:
    first = doc.sections[0] if doc.sections else None
    if first is not None and (first.level == 1 or classify(first.heading) is None):
        return _TITLE_PREFIX.sub("", first.heading, count=1), first.line, first
    given = next((e for e in entries if e.field == "title"), None)
    if given is not None and given.value.strip():
        return given.value.strip(), given.line, None
    raise ImportFormatError(source, 1, "no title: start the file with a heading '# Post-Mortem: <title>'")


def _incident_date(
    doc: Document, entries: list[HeaderValue], title: str, reading_warnings: list[str], source: str
) -> tuple[date, int | None]:
    given = next((e for e in entries if e.field == "incident_date"), None)
    if given is not None:
        day = find_date(given.value)
        if day is None:
            raise ImportFormatError(
                source, given.line, f"Date: unreadable date {given.value!r}; expected YYYY-MM-DD"
            )
        return day, given.line
    timeline_text = "\n".join(s.text for s in doc.sections if classify(s.heading) == "timeline")
    for where, text in (("the title", title), ("the file name", source), ("the timeline", timeline_text)):
        day = find_date(text)
        if day is not None:
            reading_warnings.append(f"no Date line; took {day.isoformat()} from {where}")
            return day, None
    raise ImportFormatError(source, 1, "no incident date: add a line '**Date:** YYYY-MM-DD' under the title")


def _settle_timeline(reading: Reading) -> None:
    pm, rows = reading.pm, reading.rows
    kinds, warnings = assign_kinds(
        [(r.time, r.event) for r in rows],
        [r.marker for r in rows],
        timestamps=pm.timestamps,
        duration_minutes=reading.header_duration,
    )
    reading.warnings += warnings
    pm.timeline = [TimelineEvent(r.time, r.event, r.owner, kind) for r, kind in zip(rows, kinds, strict=True)]
    for row, kind in zip(rows, kinds, strict=True):
        if kind is not None:
            reading.lines.setdefault(f"timestamps.{kind.value}", row.line)
    ttr = pm.ttr
    if reading.header_recorded_duration is not None:
        pm.duration_minutes = reading.header_recorded_duration
    elif reading.header_duration is not None and (
        ttr is None or int(ttr.total_seconds() // 60) != reading.header_duration
    ):
        pm.duration_minutes = reading.header_duration


def _line_of(field_name: str, lines: dict[str, int]) -> int | None:
    name = field_name
    while name:
        if name in lines:
            return lines[name]
        stripped = re.sub(r"(?:\.[^.\[\]]+|\[\d+\])$", "", name)
        if stripped == name:
            break
        name = stripped
    return None


def rejection(source: str, exc: ValidationError, lines: dict[str, int]) -> ImportFormatError:
    """A validation error as an import error naming the line of the first offending field."""
    located = [(p, _line_of(p.field, lines)) for p in exc.problems]
    first = next((line for _, line in located if line), None)
    message = "; ".join(str(p) + (f" (line {line})" if line and line != first else "") for p, line in located)
    return ImportFormatError(source, first, message)


def parse_postmortem(text: str, source: str = "<text>") -> ParsedFile:
    """Read a Markdown post-mortem; ImportFormatError (file and line) when it is malformed or invalid."""
    text = normalise_newlines(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise ImportFormatError(
            source,
            text[: text.index("\x00")].count("\n") + 1,
            "binary content (a NUL byte): not a Markdown text file",
        )
    if not text.strip():
        raise ImportFormatError(source, None, "the file is empty")
    doc = read_document(text)
    probe = Reading(source, PostMortem(title="", incident_date=date.min))
    fronted = front_matter(doc.front_matter, probe)
    title, title_line, title_section = _title(doc, fronted, source)
    blocks = doc.leading + (title_section.blocks if title_section else [])
    entries, prose = collect(blocks, probe, "header")
    entries = fronted + [e for e in entries if all(f.field != e.field for f in fronted)]
    warnings: list[str] = []
    day, date_line = _incident_date(doc, entries, title, warnings, source)
    reading = Reading(
        source, PostMortem(title=title, incident_date=day), warnings=warnings, unplaced=probe.unplaced
    )
    reading.lines.update({"title": title_line, **({"incident_date": date_line} if date_line else {})})
    for entry in entries:
        apply(entry, reading)
    read_sections(doc, reading, title_section)
    if prose:
        if reading.pm.executive_summary:
            for line, piece in prose:
                reading.leave("text under the title", line, piece)
        else:
            reading.pm.executive_summary = "\n\n".join(piece for _, piece in prose)
            reading.lines["executive_summary"] = prose[0][0]
            reading.placed.insert(0, "text under the title")
    _settle_timeline(reading)
    if (
        not any(e.field == "severity" and e.value.strip() for e in entries)
        and "severity" not in reading.lines
    ):
        reading.warnings.append(
            f"no severity given; set to {Severity.SEV3.label} — check it after the import"
        )
    try:
        normalise(reading.pm)
    except ValidationError as exc:
        raise rejection(source, exc, reading.lines) from exc
    return ParsedFile(reading.pm, reading.placed, reading.unplaced, reading.warnings, reading.lines)


def import_files(
    engine: Engine,
    files: list[tuple[str, bytes | str]],
    *,
    progress: Callable[[int, int, str], None] | None = None,
    dry_run: bool = False,
) -> list[FileOutcome]:
    """Import each ``(source, content)`` in a unit of work of its own (``dry_run``: savepoints rolled back);
    ``progress(done, total, source)`` is called after each file."""
    outcomes: list[FileOutcome] = []
    session = session_factory(engine)() if dry_run else None
    try:
        if session is not None:
            session.begin()
        for done, (source, data) in enumerate(files, 1):
            outcomes.append(_import_one(engine, session, source, data))
            if progress is not None:
                progress(done, len(files), source)
    finally:
        if session is not None:
            session.rollback()
            session.close()
    return outcomes


def _import_one(engine: Engine, session, source: str, data: bytes | str) -> FileOutcome:  # type: ignore[no-untyped-def]
    try:
        parsed = parse_postmortem(decode_text(source, data), source)
    except ImportFormatError as exc:
        return FileOutcome(source, False, None, [], [], [], str(exc))
    try:
        if session is None:
            from core.services import create_postmortem

            incident_id = create_postmortem(engine, parsed.postmortem, imported=True).incident_id
        else:
            with session.begin_nested():
                incident_id = create_postmortems(session, [parsed.postmortem])[0]
    except DuplicateIncidentError as exc:
        error = ImportFormatError(source, parsed.field_lines.get("incident_id"), str(exc))
        return FileOutcome(source, False, None, parsed.placed, parsed.unplaced, parsed.warnings, str(error))
    except ValidationError as exc:
        error = rejection(source, exc, parsed.field_lines)
        return FileOutcome(source, False, None, parsed.placed, parsed.unplaced, parsed.warnings, str(error))
    return FileOutcome(source, True, incident_id, parsed.placed, parsed.unplaced, parsed.warnings, None)
