"""Subcommands of ``lessons``; each module has ``register(subparsers)`` that sets ``handler`` on its parser."""

from core.commands import actions, db, demo, lint, report, reviews, transfer

COMMANDS = [db, lint, report, actions, reviews, demo, transfer]
