"""Subcommands of ``lessons``; each module has ``register(subparsers)`` that sets ``handler`` on its parser."""

from core.commands import db
from core.commands import demo
from core.commands import report

COMMANDS = [db, report, demo]
