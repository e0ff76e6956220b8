"""Markdown: which parts of a file are prose, parsed with markdown-it-py.

Not linted: front matter, fenced and indented code, inline code (read as the word "code" so the sentence still
parses), URLs and autolinks, images, HTML (blocks, inline, comments), table cells that are not text (times, ids,
names: fewer than three words), and blockquotes when asked. Link text is linted. Offsets map back to the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .prose import Prose
from .switches import Switches, parse_switches

URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]", re.IGNORECASE)
FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
MIN_CELL_WORDS = 3

_parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")


@dataclass(slots=True)
class Document:
    blocks: list[Prose]
    switches: Switches


def _blank(text: str, start: int, end: int) -> str:
    """`text` with [start, end) replaced by spaces, newlines kept, so that offsets do not move."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


class _InlineReader:
    """Maps an inline token's `content` back to the source lines it came from."""

    def __init__(self, source: str, starts: list[int], token: Token, cursors: dict[int, int]) -> None:
        self.content = token.content
        self.origin: list[int] = [-1] * len(self.content)
        first_line = token.map[0] if token.map else 0
        position = 0
        for number, piece in enumerate(self.content.split("\n")):
            line = first_line + number
            if line >= len(starts):
                break
            line_start = starts[line]
            line_end = starts[line + 1] if line + 1 < len(starts) else len(source)
            found = source.find(piece, cursors.get(line, line_start), line_end) if piece else -1
            if found >= 0:
                cursors[line] = found + len(piece)
                for k in range(len(piece)):
                    self.origin[position + k] = found + k
            if position + len(piece) < len(self.content):
                newline = line_end - 1
                self.origin[position + len(piece)] = newline
            position += len(piece) + 1

    def add(self, prose: Prose, start: int, length: int, placeholder: str | None = None) -> None:
        """Add content[start:start+length] (or a placeholder standing for it) to `prose`."""
        if length <= 0 or start < 0 or self.origin[start] < 0:
            return
        if placeholder is not None:
            end_origin = (
                self.origin[start + length - 1] + 1
                if self.origin[start + length - 1] >= 0
                else self.origin[start]
            )
            prose.add(
                placeholder, self.origin[start], exact=False, original_length=end_origin - self.origin[start]
            )
            return
        run: int | None = None
        for k in range(start, start + length + 1):
            origin = self.origin[k] if k < start + length else -1
            if run is not None and (origin < 0 or origin != self.origin[k - 1] + 1):
                prose.add(self.content[run:k], self.origin[run])
                run = None
            if run is None and origin >= 0:
                run = k


def _add_text(reader: _InlineReader, prose: Prose, start: int, text: str) -> None:
    """Add a text run, leaving URLs out (a URL reads as the word "link")."""
    cursor = 0
    for match in URL.finditer(text):
        reader.add(prose, start + cursor, match.start() - cursor)
        reader.add(prose, start + match.start(), match.end() - match.start(), placeholder="link")
        cursor = match.end()
    reader.add(prose, start + cursor, len(text) - cursor)


def _inline_prose(source: str, starts: list[int], token: Token, cursors: dict[int, int]) -> Prose:
    reader = _InlineReader(source, starts, token, cursors)
    prose = Prose()
    cursor = 0
    skipping_link = 0
    for child in token.children or []:
        kind = child.type
        if kind == "link_open" and child.markup in ("autolink", "linkify"):
            skipping_link += 1
            found = reader.content.find(child.attrs.get("href", "") or ">", cursor)
            if found >= 0:
                reader.add(prose, found, len(str(child.attrs.get("href", ""))), placeholder="link")
            continue
        if kind == "link_close" and skipping_link:
            skipping_link -= 1
            continue
        if skipping_link:
            continue
        if kind == "text":
            found = reader.content.find(child.content, cursor)
            if found >= 0 and child.content:
                _add_text(reader, prose, found, child.content)
                cursor = found + len(child.content)
        elif kind == "code_inline":
            found = reader.content.find(child.markup + child.content, cursor)
            if found < 0:
                found = reader.content.find(child.content, cursor)
            if found >= 0:
                length = len(child.content) + 2 * len(child.markup)
                reader.add(prose, found, length, placeholder="code")
                cursor = found + length
        elif kind in ("softbreak", "hardbreak"):
            found = reader.content.find("\n", cursor)
            if found >= 0:
                reader.add(prose, found, 1, placeholder=" ")
                cursor = found + 1
        elif kind in ("html_inline", "image"):
            found = reader.content.find(child.content, cursor) if kind == "html_inline" else -1
            if found >= 0:
                cursor = found + len(child.content)
    return prose


def parse_markdown(text: str, skip_blockquotes: bool = False) -> Document:
    """The prose blocks of a Markdown document and its inline switches."""
    source = text
    front = FRONT_MATTER.match(source)
    if front:
        source = _blank(source, 0, front.end())
    starts = _line_starts(source)
    blocks: list[Prose] = []
    comments: list[tuple[int, int]] = []
    quote_depth = 0
    in_cell = False
    cursors: dict[int, int] = {}
    for token in _parser.parse(source):
        kind = token.type
        if kind == "blockquote_open":
            quote_depth += 1
        elif kind == "blockquote_close":
            quote_depth -= 1
        elif kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind == "html_block" and token.map:
            comments.append(
                (starts[token.map[0]], starts[token.map[1]] if token.map[1] < len(starts) else len(source))
            )
        elif kind == "inline":
            for child in token.children or []:
                if child.type == "html_inline" and token.map:
                    line_start = starts[token.map[0]]
                    line_end = starts[token.map[1]] if token.map[1] < len(starts) else len(source)
                    at = source.find(child.content, line_start, line_end)
                    if at >= 0:
                        comments.append((at, at + len(child.content)))
            if quote_depth and skip_blockquotes:
                continue
            prose = _inline_prose(source, starts, token, cursors)
            if in_cell and len(re.findall(r"[A-Za-z]{2,}", prose.text)) < MIN_CELL_WORDS:
                continue
            if prose.text.strip():
                blocks.append(prose)
    return Document(blocks, parse_switches(text, comments))
