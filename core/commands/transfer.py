"""``lessons import FILE...`` and ``lessons export INCIDENT_ID``: post-mortems in from Markdown, out as
Markdown, the incident-database YAML record or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from core.database import connect
from core.export import FORMATS, export_postmortem
from core.importer import FileOutcome, import_files
from core.services import get_postmortem

_URL_HELP = "database URL (default: LESSONS_DATABASE_URL or sqlite:///lessons.sqlite)"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``import`` and ``export`` commands."""
    imp = sub.add_parser(
        "import",
        help="import post-mortems from Markdown files",
        description="Read post-mortems from Markdown files and store them. Files in the template's layout "
        "(as "
        "`lessons export` writes them) are read exactly; other layouts (Summary / Impact / Timeline / "
        "Root cause / What went wrong / Action items … headings, tables or bullet lists, checkbox action "
        "items) are read leniently, and each file's outcome names the sections it could not place. "
        "Each file is stored on its own: a rejected file writes nothing, the others still go in.",
        epilog="Exit codes: 0 every file imported, 1 a file was rejected (its message names file and line), "
        "2 a path is missing or unreadable (nothing is imported then).",
    )
    imp.add_argument("files", nargs="+", metavar="FILE", help="Markdown file; a folder means its *.md files")
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="read, validate and check ids against the database, but write nothing",
    )
    imp.add_argument("--url", help=_URL_HELP)
    imp.set_defaults(handler=_import)

    exp = sub.add_parser(
        "export",
        help="write a post-mortem as Markdown, YAML or JSON",
        description="Write one stored post-mortem: md is the template's Markdown layout "
        "(`lessons import` reads it "
        "back unchanged), yaml the seed's incident-database record, json every field.",
        epilog="Exit codes: 0 written, 1 no such incident, 2 usage error or the output file cannot be "
        "written.",
    )
    exp.add_argument("incident_id", metavar="INCIDENT_ID", help="e.g. INC-2026-01-30-001")
    exp.add_argument("--format", "-f", choices=FORMATS, default="md", help="output format (default: md)")
    exp.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of standard output")
    exp.add_argument("--url", help=_URL_HELP)
    exp.set_defaults(handler=_export)


def _paths(names: list[str]) -> tuple[list[Path], list[str]]:
    paths, problems = [], []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.md") if p.is_file())
            if not found:
                problems.append(f"{name}: folder has no *.md files")
            paths += found
        elif not path.exists():
            problems.append(f"{name}: no such file")
        else:
            paths.append(path)
    return paths, problems


class _Progress:
    """A progress bar on a terminal, plain per-file lines elsewhere."""

    def __init__(self, stream: TextIO, verb: str):
        self.stream, self.verb = stream, verb
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.drawn = False

    def __call__(self, done: int, total: int, source: str) -> None:
        if self.tty:
            width = 30
            filled = width * done // total
            line = (
                f"\r{self.verb} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {Path(source).name}"
            )
            self.stream.write(line[:120].ljust(120))
            self.drawn = True
        else:
            self.stream.write(f"{self.verb} {done}/{total}: {source}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _report(outcome: FileOutcome, dry_run: bool) -> None:
    if not outcome.ok:
        print(f"rejected  {outcome.error}")
        return
    target = outcome.incident_id or "a new id"
    print(f"{'would import' if dry_run else 'imported'}  {outcome.source} as {target}")
    print(f"    placed: {', '.join(outcome.placed) or 'nothing'}")
    if outcome.unplaced:
        where = ", ".join(f"{u.heading} (line {u.line})" for u in outcome.unplaced)
        print(f"    not placed: {where}")
    for warning in outcome.warnings:
        print(f"    warning: {warning}")


def _import(args: argparse.Namespace) -> int:
    paths, problems = _paths(args.files)
    files = []
    for path in paths:
        try:
            files.append((str(path), path.read_bytes()))
        except OSError as exc:
            problems.append(f"{path}: cannot read: {exc.strerror or exc}")
    if problems:
        for problem in problems:
            print(f"lessons import: {problem}", file=sys.stderr)
        print("lessons import: nothing was imported", file=sys.stderr)
        return 2
    engine = connect(args.url)
    progress = _Progress(sys.stderr, "checking" if args.dry_run else "importing")
    outcomes = import_files(engine, files, progress=progress, dry_run=args.dry_run)
    progress.finish()
    for outcome in outcomes:
        _report(outcome, args.dry_run)
    good = sum(1 for o in outcomes if o.ok)
    verb = "would be imported" if args.dry_run else "imported"
    note = " (dry run: nothing was written)" if args.dry_run else ""
    print(f"{len(outcomes)} file(s): {good} {verb}, {len(outcomes) - good} rejected{note}")
    return 0 if good == len(outcomes) else 1


def _export(args: argparse.Namespace) -> int:
    pm = get_postmortem(connect(args.url), args.incident_id.strip())
    data = export_postmortem(pm, args.format).encode("utf-8")
    if args.output:
        try:
            Path(args.output).write_bytes(data)
        except OSError as exc:
            print(f"lessons export: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        print(f"wrote {pm.incident_id} to {args.output} ({args.format})", file=sys.stderr)
        return 0
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
    else:
        sys.stdout.write(data.decode("utf-8"))
    return 0
