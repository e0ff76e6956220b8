"""Subcommands of ``lessons``; each module has ``register(subparsers)`` that sets ``handler`` on its parser."""

from core.commands import db
from core.commands import lint
from core.commands import demo
from core.commands import report
from core.commands import actions
from core.commands import reviews
from core.commands import transfer

COMMANDS = [db, lint, report, actions, reviews, demo, transfer]
