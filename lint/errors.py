"""Named errors of the blameless linter.

Callers (the CLI, the app page) turn these into a message for the user; none of them should reach a user as a traceback.
"""

from __future__ import annotations


class LintError(Exception):
    """Base class of every error the linter raises on purpose."""


class ModelNotFoundError(LintError):
    """No English spaCy pipeline could be loaded."""


class ConfigError(LintError):
    """The linter configuration (pyproject.toml `[tool.lessons.lint]` or `.blameless.toml`) is invalid."""


class InputError(LintError):
    """A file or stream cannot be linted: missing, unreadable, binary, not UTF-8 or too large."""
