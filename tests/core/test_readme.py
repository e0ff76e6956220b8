"""The README stays true: its two set-up commands come first and every command it lists exists."""

from __future__ import annotations

import re
from pathlib import Path

from core.cli import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands():
    first_block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()[1:] if line.strip()]
    assert commands == ["make run", "make test"]


def test_readme_command_table_lists_only_real_subcommands():
    listed = set(re.findall(r"^\| `lessons ([a-z]+)", README, flags=re.MULTILINE))
    subcommands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert listed and listed <= subcommands
    assert subcommands - listed <= {"lint"}  # lint has a section of its own
    assert "lessons lint" in README
