"""A Markdown file cut into sections by its headings, each with its blocks (paragraphs, lists, tables,
code) and their source lines, using markdown-it-py's block parser and line maps."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from core.markdown_format import split_row, unescape_block_line, unescape_inline

_PARSER = MarkdownIt("commonmark").enable("table")
_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]+|$)(.*)$")
_LIST_MARKER = re.compile(r"( {0,3})([-*+]|\d{1,9}[.)])([ \t]*)")


@dataclass
class Item:
    """One list item: its first line (1-based), its marker and its text (marker and indentation removed)."""

    line: int
    marker: str
    text: str


@dataclass
class Block:
    """One top-level block of a section."""

    kind: str  # paragraph, list, table, code, other
    line: int  # 1-based first line
    lines: list[str]
    items: list[Item] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # tables: (line, cells), header first

    @property
    def text(self) -> str:
        """The block's source, block escapes undone."""
        return "\n".join(unescape_block_line(line) for line in self.lines).strip()


@dataclass
class Section:
    """A heading and everything up to the next heading."""

    heading: str
    level: int
    line: int
    blocks: list[Block]
    body: list[str]
    body_line: int

    @property
    def text_line(self) -> int:
        """The line of the body's first non-blank line (the heading's line when the body is empty)."""
        return next((self.body_line + i for i, line in enumerate(self.body) if line.strip()), self.line)

    @property
    def text(self) -> str:
        """The raw body, block escapes undone, blank lines around it removed."""
        return "\n".join(unescape_block_line(line) for line in self.body).strip("\n").rstrip()


@dataclass
class Document:
    """The parsed file: blocks before the first heading, then the sections."""

    lines: list[str]
    leading: list[Block]
    sections: list[Section]
    front_matter: list[str] = field(default_factory=list)


def _item(lines: list[str], start: int, end: int) -> Item:
    raw = lines[start:end]
    while len(raw) > 1 and not raw[-1].strip():
        raw.pop()
    first = raw[0]
    match = _LIST_MARKER.match(first)
    if match is None:  # cannot happen for markdown-it list items; keep the line as it is
        return Item(start + 1, "", "\n".join(raw).strip())
    rest = first[match.end() :]
    spaces = len(match.group(3))
    offset = match.end() if rest and spaces <= 4 else match.end(2) + 1
    head = first[offset:] if len(first) > offset else rest.lstrip()
    body = [head]
    for line in raw[1:]:
        indent = len(line) - len(line.lstrip(" "))
        body.append(line[min(indent, offset) :])
    text = "\n".join(unescape_block_line(line) for line in body).strip()
    return Item(start + 1, match.group(2), text)


def _heading_text(lines: list[str], token: Token) -> str:
    start, end = token.map  # type: ignore[misc]
    if token.markup.startswith("#"):
        match = _ATX.match(lines[start])
        text = match.group(1) if match else lines[start].lstrip("# ")
        text = re.sub(r"(?:^|[ \t]+)#+[ \t]*$", "", text).strip()
    else:  # setext: every line but the underline
        text = " ".join(line.strip() for line in lines[start : end - 1])
    return unescape_inline(text)


def _blocks(tokens: list[Token], lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.level != 0 or token.map is None or token.nesting == -1:
            i += 1
            continue
        start, end = token.map
        kind = {
            "paragraph_open": "paragraph",
            "bullet_list_open": "list",
            "ordered_list_open": "list",
            "table_open": "table",
            "fence": "code",
            "code_block": "code",
        }.get(token.type, "other")
        block = Block(kind, start + 1, lines[start:end])
        j = i + 1
        if token.nesting == 1:
            depth = 1
            while j < len(tokens) and depth:
                inner = tokens[j]
                depth += inner.nesting if inner.level == 0 else 0
                if kind == "list" and inner.type == "list_item_open" and inner.level == 1 and inner.map:
                    block.items.append(_item(lines, *inner.map))
                if kind == "table" and inner.type == "tr_open" and inner.map:
                    block.rows.append((inner.map[0] + 1, split_row(lines[inner.map[0]])))
                j += 1
        while block.lines and not block.lines[-1].strip():
            block.lines.pop()
        blocks.append(block)
        i = j
    return blocks


def _front_matter(lines: list[str]) -> list[str]:
    if not lines or lines[0].strip() != "---":
        return []
    for n, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            return lines[: n + 1]
    return []


def read_document(text: str) -> Document:
    """Parse ``text`` (newlines already normalised) into a Document."""
    lines = text.split("\n")
    front = _front_matter(lines)
    source_lines = [""] * len(front) + lines[len(front) :]
    tokens = _PARSER.parse("\n".join(source_lines))
    headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
    leading = _blocks(tokens[: headings[0] if headings else len(tokens)], lines)
    sections = []
    for n, index in enumerate(headings):
        token = tokens[index]
        stop = headings[n + 1] if n + 1 < len(headings) else len(tokens)
        start, end = token.map  # type: ignore[misc]
        next_start = tokens[stop].map[0] if stop < len(tokens) else len(lines)  # type: ignore[index]
        sections.append(
            Section(
                heading=_heading_text(lines, token),
                level=int(token.tag[1]),
                line=start + 1,
                blocks=_blocks(tokens[index + 3 : stop], lines),
                body=lines[end:next_start],
                body_line=end + 1,
            )
        )
    return Document(lines, leading, sections, front)
