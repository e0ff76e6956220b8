"""Markdown: what is skipped, and offsets that point into the original file."""

from __future__ import annotations

import pytest

from lint.config import DEFAULT, parse_config
from lint.engine import Linter
from lint.markdown import parse_markdown

BLAME = "Someone deleted the database."

SKIPPED = {
    "fenced code": f"Intro.\n\n```\n{BLAME}\n```\n",
    "indented code": f"Intro.\n\n    {BLAME}\n",
    "inline code": "Run `Someone deleted the database` to reproduce.",
    "front matter": f"---\ntitle: {BLAME}\n---\n\n# Review\n",
    "html comment": f"<!-- {BLAME} -->\n\nAll good.\n",
    "url": "See https://example.com/Someone-deleted-the-database for details.",
    "autolink": "See <https://example.com/someone/deleted/the/database>.",
    "image": f"![{BLAME}](https://example.com/a.png)",
    "table id cell": "| Time | Owner |\n|---|---|\n| 08:00 | Someone |\n",
}


@pytest.mark.parametrize("markdown", SKIPPED.values(), ids=SKIPPED.keys())
def test_markdown_skips_non_prose(linter, markdown):
    assert linter.lint_markdown(markdown) == []


LINTED = {
    "paragraph": f"Intro.\n\n{BLAME}\n",
    "heading": f"# {BLAME}\n",
    "list item": f"- first\n- {BLAME}\n",
    "emphasis": "**Someone** deleted the database.",
    "link text": "[Someone deleted the database](https://example.com).",
    "table text cell": f"| Time | Event |\n|---|---|\n| 08:00 | {BLAME} |\n",
    "blockquote": f"> {BLAME}\n",
    "after front matter": f"---\ntitle: x\n---\n\n{BLAME}\n",
}


@pytest.mark.parametrize("markdown", LINTED.values(), ids=LINTED.keys())
def test_markdown_lints_prose_with_offsets_into_the_original(linter, markdown):
    [finding] = linter.lint_markdown(markdown)
    assert finding.rule_id == "BL001"
    assert markdown[finding.start : finding.end] == finding.text
    assert finding.text.replace("*", "").replace("[", "") == "Someone deleted"
    line_start = markdown.rfind("\n", 0, finding.start) + 1
    assert finding.line == markdown.count("\n", 0, finding.start) + 1
    assert finding.column == finding.start - line_start + 1


def test_markdown_skips_blockquotes_when_configured(nlp):
    linter = Linter(parse_config({"skip-blockquotes": True}), nlp)
    assert linter.lint_markdown(f"> {BLAME}\n") == []
    assert len(linter.lint_markdown(f"> quote\n\n{BLAME}\n")) == 1


def test_markdown_reads_inline_code_as_a_word(linter):
    [finding] = linter.lint_markdown("Someone deleted `orders` by mistake.")
    assert finding.text == "Someone deleted"


def test_markdown_only_code_gives_no_findings(linter):
    assert linter.lint_markdown("```sql\nDROP TABLE orders;\n```\n") == []


def test_markdown_blocks_map_back_to_the_source():
    source = "# Title\n\nA *line* with `code`\nand a [link](http://x.y).\n"
    document = parse_markdown(source)
    texts = [block.text for block in document.blocks]
    assert texts == ["Title", "A line with code and a link."]
    block = document.blocks[1]
    assert source[block.to_original(0)] == "A"
    assert source[block.to_original(block.text.index("with"))] == "w"


def test_markdown_samples_point_at_the_matched_words(linter):
    from .conftest import SAMPLES

    text = (SAMPLES / "checkout-latency-2025-11-04.md").read_text(encoding="utf-8")
    findings = linter.lint_markdown(text)
    assert {f.rule_id for f in findings} >= {"BL002", "BL004", "BL005", "BL003"}
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
    assert linter.lint_markdown((SAMPLES / "INC-2026-01-30-001.md").read_text(encoding="utf-8")) == []


def test_markdown_default_config_lints_blockquotes():
    assert DEFAULT.skip_blockquotes is False
