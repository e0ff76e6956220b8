"""The ``lessons`` console script: one subcommand per module of core.commands (and ``lint`` from the linter)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from core.commands import COMMANDS
from sqlalchemy.exc import DatabaseError, OperationalError

from core.errors import ConfigurationError, LessonsError

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, subcommands included."""
    parser = _Parser(
        prog="lessons",
        description="Blameless post-incident reviews: post-mortem records, trend reports and a blameless-language "
                    "linter. Every command uses LESSONS_DATABASE_URL (default: sqlite:///lessons.sqlite).",
        epilog="Exit codes: 0 success, 1 rejected input (or lint findings), 2 usage, configuration or IO error.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.handler(args) or 0)
    except ConfigurationError as exc:
        print(f"lessons: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (OperationalError, DatabaseError) as exc:  # unreachable server, not a database file, disk full …
        print(f"lessons: database error: {exc.orig}", file=sys.stderr)
        return EXIT_USAGE
    except LessonsError as exc:
        print(f"lessons: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
