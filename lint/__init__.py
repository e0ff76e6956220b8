"""Lessons' blameless-language linter.

    from lint import lint_text, lint_markdown
    for finding in lint_text("Someone deleted the database."):
        print(finding.rule_id, finding.message, finding.suggestions[0])

`lint` depends on spaCy alone: it never imports streamlit, sqlalchemy or `core`. The pipeline is loaded on first
use and shared by the process.
"""

from __future__ import annotations

from collections.abc import Iterable

from .config import Config, find_config, load_config_file, parse_config
from .errors import ConfigError, InputError, LintError, ModelNotFoundError
from .finding import Finding
from .rules import RULES, RULES_BY_ID, Rule

__all__ = [
    "RULES",
    "RULES_BY_ID",
    "Config",
    "ConfigError",
    "Finding",
    "InputError",
    "LintError",
    "ModelNotFoundError",
    "Rule",
    "find_config",
    "lint_markdown",
    "lint_text",
    "lint_texts",
    "load_config_file",
    "parse_config",
]


def lint_text(text: str, config: Config | None = None) -> list[Finding]:
    """Findings in one plain text, offsets into `text`."""
    from .engine import default_linter

    return default_linter(config).lint_text(text)


def lint_texts(texts: Iterable[str], config: Config | None = None) -> list[list[Finding]]:
    """Findings for many plain texts, parsed in one `nlp.pipe` batch; one list per text, in order."""
    from .engine import default_linter

    return default_linter(config).lint_texts(list(texts))


def lint_markdown(text: str, config: Config | None = None) -> list[Finding]:
    """Findings in a Markdown document (code, URLs, front matter and comments skipped), offsets into `text`."""
    from .engine import default_linter

    return default_linter(config).lint_markdown(text)
