"""Named errors of the core package; pages and the CLI turn them into messages."""

from __future__ import annotations

from dataclasses import dataclass


class LessonsError(Exception):
    """Base class of every error the core package raises on purpose."""


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field: which field (dotted path, e.g. ``action_items[2].due_date``) and why."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(LessonsError):
    """Input was rejected; ``problems`` names every field and why. Nothing was written."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems) or "invalid input")

    def for_field(self, prefix: str) -> list[FieldProblem]:
        """Return the problems whose field is ``prefix`` or lies below it."""
        return [p for p in self.problems if p.field == prefix or p.field.startswith((prefix + ".", prefix + "["))]


class NotFoundError(LessonsError):
    """The named record does not exist."""


class DuplicateIncidentError(LessonsError):
    """An incident with this id exists already."""


class ConflictError(LessonsError):
    """Someone else saved this record since it was read; the update was not applied."""

    def __init__(self, incident_id: str, expected: int, actual: int | None):
        self.incident_id = incident_id
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"{incident_id} was changed by someone else (you edited version {expected}, "
            f"the stored version is {actual}); your changes were not saved — reload and merge them"
        )


class ImportFormatError(LessonsError):
    """A file could not be read as a post-mortem; names the file and line."""

    def __init__(self, source: str, line: int | None, message: str):
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


class ConfigurationError(LessonsError):
    """A setting or the database URL is unusable."""


class UnknownOwnerError(ValidationError):
    """An owner name matches no person the store knows (action-item owners, commanders, reporters)."""


class VerificationBeforeCompletionError(ValidationError):
    """Effectiveness was recorded for an action item that is not Done yet."""


class StaleEditError(LessonsError):
    """Records (action items, a checklist) changed since they were read; nothing was saved."""

    def __init__(self, labels: list[str]):
        self.labels = list(labels)
        super().__init__(f"{', '.join(self.labels)} changed since you loaded it; your changes were not "
                         "saved — reload and apply them again")


class WorkflowError(LessonsError):
    """A review-status change the sign-off workflow does not allow (e.g. signing a draft)."""


class SignOffBlockedError(ValidationError):
    """Error-level blame findings block sign-off; ``findings`` lists them, ``problems`` names each one's field."""

    def __init__(self, findings: list):  # type: ignore[type-arg]
        self.findings = list(findings)
        summary = (f"{len(self.findings)} error-level blame finding(s) block sign-off; reword them or sign on the "
                   "Sign-off page with a written override reason")
        super().__init__([
            FieldProblem(getattr(f, "field", "text"),
                         f"blame language blocks sign-off: {f.message} ({f.rule_id}, \u201c{f.text}\u201d)")
            for f in self.findings
        ])
        self.args = (summary,)

    def __str__(self) -> str:
        return str(self.args[0])


class ExportFormatError(LessonsError):
    """An export was asked for in a format that does not exist."""
