"""``lessons lint``: the blameless-language linter's command line (options and behaviour live in lint.cli)."""

from __future__ import annotations

import argparse

from lint import cli as lint_cli


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``lint`` command."""
    parser = sub.add_parser(
        "lint", help="lint post-mortem drafts for blame language",
        description=lint_cli.DESCRIPTION, epilog=lint_cli.EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lint_cli.add_arguments(parser)
    parser.set_defaults(handler=lint_cli.run)
