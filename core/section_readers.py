"""Readers of the sections of an imported post-mortem: which heading means what, and how each section's lists,
tables and text become fields. Anything a reader cannot place is reported, never dropped silently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import NoReturn

from core.anchor_inference import Marker
from core.errors import ImportFormatError
from core.import_values import parse_action_bullet, parse_day, parse_priority, parse_status
from core.markdown_reader import Block, Section
from core.postmortem import ActionCategory, ActionItem, PostMortem, Priority, SignOff, Verification


@dataclass
class UnplacedSection:
    """Part of a file the importer could not place: its heading, first line and text."""

    heading: str
    line: int
    text: str


@dataclass
class TimelineRow:
    """A timeline row as read, before its anchor is settled."""

    line: int
    time: datetime
    event: str
    owner: str
    marker: Marker


@dataclass
class Reading:
    """The state of one import: the post-mortem being filled, where each field came from, what is left."""

    source: str
    pm: PostMortem
    lines: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    unplaced: list[UnplacedSection] = field(default_factory=list)
    placed: list[str] = field(default_factory=list)
    rows: list[TimelineRow] = field(default_factory=list)
    header_duration: int | None = None
    header_recorded_duration: int | None = None

    def fail(self, line: int | None, message: str) -> NoReturn:
        """Reject the file at ``line``."""
        raise ImportFormatError(self.source, line, message)

    def leave(self, heading: str, line: int, text: str) -> None:
        """Report text that was not placed."""
        if text.strip():
            self.unplaced.append(UnplacedSection(heading, line, text.strip()))


def words(text: str) -> str:
    """A heading or label reduced to lower-case words (numbering, parentheses and punctuation removed)."""
    text = re.sub(r"\([^)]*\)", " ", text.lower().replace("&", " and "))
    text = re.sub(r"^\s*(?:\d+[.)]|[ivx]+\.)\s+", "", text)
    return " ".join(re.sub(r"[^\w\s]", "", text.replace("-", " ").replace("/", " ")).split())


_KINDS = {
    "summary": "executive summary|summary|overview|incident summary|tldr|tl dr|description|what happened|"
    "abstract",
    "impact": "impact assessment|impact|customer impact|user impact|business impact|impact summary",
    "timeline": "timeline|timeline of events|chronology|sequence of events|incident timeline|timeline review",
    "rca": "root cause analysis|root cause|root causes|cause|causes|analysis|rca|why it happened",
    "whys": "5 whys|five whys|the 5 whys|5 whys analysis|five whys analysis",
    "factors": "contributing factors|contributing factor|contributing causes|factors",
    "resolution": "resolution|remediation|mitigation|recovery|fix|resolution and recovery|"
    "how it was resolved",
    "went_well": "what went well|went well|what worked|what worked well|things that went well",
    "could_improve": "what could be improved|could be improved|what went wrong|what went badly|"
    "what didnt go well|"
    "what did not go well|areas for improvement|improvements|what could have gone better|"
    "what needs improvement|what could go better",
    "actions": "action items|actions|action item|follow up actions|follow ups|followups|follow up items|"
    "next steps|corrective actions|action plan|remediation items|todo|to do|tasks",
    "lessons": "lessons learned|lessons learnt|lessons|learnings|key takeaways|takeaways",
    "attachments": "attachments|links|references|resources|supporting material|supporting links|"
    "related links",
    "signoff": "sign off|signoff|sign offs|approvals|approval",
    "detection": "detection|how it was detected|how was it detected",
}
_HEADINGS = {phrase: kind for kind, phrases in _KINDS.items() for phrase in phrases.split("|")}
LESSON_KINDS = {
    "technical": "technical",
    "technology": "technical",
    "process": "process",
    "processes": "process",
    "communication": "communication",
    "communications": "communication",
}


def classify(heading: str) -> str | None:
    """The section kind a heading names, or None."""
    return _HEADINGS.get(words(heading))


def column_map(header: list[str], vocabulary: dict[str, str]) -> tuple[dict[str, int], list[int]]:
    """Which column holds which field (by header words), and the columns nobody claims."""
    found: dict[str, int] = {}
    unknown = []
    for i, name in enumerate(header):
        key = next((f for f, names in vocabulary.items() if words(name) in names.split("|")), None)
        if key is None or key in found:
            unknown.append(i)
        else:
            found[key] = i
    return found, unknown


def leave_columns(reading: Reading, section: Section, block: Block, unknown: list[int]) -> None:
    """Report table columns that no field takes."""
    header_line, header = block.rows[0]
    for i in unknown:
        values = [cells[i] for _, cells in block.rows[1:] if i < len(cells) and cells[i]]
        reading.leave(
            f"{section.heading}: column {header[i] or i + 1}", header_line, "\n".join(values) or "(empty)"
        )


def column_value(cells: list[str], columns: dict[str, int], name: str) -> str:
    """The cell of column ``name`` ('' when the table has no such column or the row is short)."""
    i = columns.get(name)
    return cells[i] if i is not None and i < len(cells) else ""


def paragraphs_and_items(section: Section) -> list[tuple[int, str, Block]]:
    """(line, text, block) of each list item and each paragraph of a section."""
    out: list[tuple[int, str, Block]] = []
    for block in section.blocks:
        if block.kind == "list":
            out += [(item.line, item.text, block) for item in block.items]
        elif block.kind == "paragraph":
            out.append((block.line, block.text, block))
    return out


def read_list(section: Section, reading: Reading, target: list[str], path: str) -> None:
    """Items of a bullet or numbered list (or paragraphs) into ``target``; tables and code are left over."""
    for line, text, _ in paragraphs_and_items(section):
        reading.lines[f"{path}[{len(target)}]"] = line
        target.append(text)
    for block in section.blocks:
        if block.kind not in ("list", "paragraph"):
            reading.leave(section.heading, block.line, "\n".join(block.lines))


_ACTION_COLUMNS = {
    "number": "id|#|no|nr|number|num",
    "priority": "priority|prio|p",
    "action": "action|item|task|action item|what",
    "owner": "owner|assignee|who|responsible|team|assigned to",
    "due": "due date|due|deadline|target date|by",
    "status": "status|state",
    "category": "category|type",
    "completed_on": "completed on|completed|done on|closed on",
    "verified": "verified|verified effective|effective",
    "note": "verification note|verification|note|notes",
    "tracker": "tracker|ticket|jira|issue|tracker key|link",
}


def read_actions(section: Section, reading: Reading) -> None:
    """An action-item table, or checkbox / bullet items with priority, owner and due date in brackets."""
    items = reading.pm.action_items
    for block in section.blocks:
        if block.kind == "table" and block.rows:
            columns, unknown = column_map(block.rows[0][1], _ACTION_COLUMNS)
            if "action" not in columns:
                reading.fail(block.line, "action-item table: no Action column")
            leave_columns(reading, section, block, unknown)
            for line, cells in block.rows[1:]:
                reading.lines[f"action_items[{len(items)}]"] = line
                items.append(_table_action(reading, line, cells, columns))
        elif block.kind == "list":
            for item in block.items:
                try:
                    parsed = parse_action_bullet(item.text)
                except ValueError as exc:
                    reading.fail(item.line, f"action item: {exc}")
                if parsed.priority is None:
                    reading.warnings.append(f"line {item.line}: action item has no priority; set to P1")
                if parsed.leftovers:
                    reading.warnings.append(
                        f"line {item.line}: kept {'; '.join(parsed.leftovers)!r} in the action "
                        "text (not a priority, owner, due or done date)"
                    )
                reading.lines[f"action_items[{len(items)}]"] = item.line
                items.append(
                    ActionItem(
                        parsed.action,
                        parsed.priority or Priority.P1,
                        parsed.owner,
                        parsed.due_date,
                        parsed.status,
                        completed_on=parsed.completed_on,
                        tracker_key=parsed.tracker_key,
                    )
                )
        else:
            reading.leave(section.heading, block.line, "\n".join(block.lines))


def _table_action(reading: Reading, line: int, cells: list[str], columns: dict[str, int]) -> ActionItem:
    value = lambda name: column_value(cells, columns, name)  # noqa: E731
    try:
        item = ActionItem(
            value("action"),
            parse_priority(value("priority") or "P1"),
            value("owner"),
            parse_day(value("due")),
            parse_status(value("status")),
            completed_on=parse_day(value("completed_on")),
            verification_note=value("note"),
            tracker_key=value("tracker"),
        )
        if value("category"):
            item.category = ActionCategory(
                next(c for c in ActionCategory if words(c.value) == words(value("category")))
            )
        if value("verified"):
            item.verified_effective = Verification(value("verified").strip().lower())
    except StopIteration:
        reading.fail(
            line,
            f"action item: unknown category {value('category')!r}; expected one of "
            f"{', '.join(c.value for c in ActionCategory)}",
        )
    except ValueError as exc:
        reading.fail(line, f"action item: {exc}")
    number = value("number").lstrip("#")
    if number.isdigit():
        item.number = int(number)
    elif number:
        reading.warnings.append(
            f"line {line}: action-item ID {number!r} is not a number; kept as its tracker key"
        )
        item.tracker_key = item.tracker_key or number
    if not value("priority"):
        reading.warnings.append(f"line {line}: action item has no priority; set to P1")
    return item


_SIGN_OFF_COLUMNS = {
    "role": "role|function|position",
    "name": "name|who|signed by|approver",
    "date": "date|signed on|on",
}


def read_signoffs(section: Section, reading: Reading) -> None:
    """The sign-off table: role, name, date (empty names and dates kept)."""
    for block in section.blocks:
        if block.kind != "table" or not block.rows:
            reading.leave(section.heading, block.line, "\n".join(block.lines))
            continue
        columns, unknown = column_map(block.rows[0][1], _SIGN_OFF_COLUMNS)
        leave_columns(reading, section, block, unknown)
        for line, cells in block.rows[1:]:
            try:
                day = parse_day(column_value(cells, columns, "date"))
            except ValueError as exc:
                reading.fail(line, f"sign-off row: {exc}")
            reading.lines[f"signoffs[{len(reading.pm.signoffs)}]"] = line
            reading.pm.signoffs.append(
                SignOff(column_value(cells, columns, "role"), column_value(cells, columns, "name"), day)
            )
