"""`lessons lint`: lint Markdown and text files for blame language.

`core.cli` mounts this as a subcommand through `add_arguments` and `run`; `main` runs it on its own (tests,
pre-commit). Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or input error.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .config import Config, find_config, load_config_file
from .errors import InputError, LintError
from .finding import SEVERITY_RANK
from .formats import FORMATS, Report, render
from .rules import RULES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXTENSIONS = (".md", ".markdown", ".txt")
PLAIN_EXTENSIONS = (".txt",)
SKIPPED_DIRECTORIES = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", "build", "dist"}
MAX_BYTES = 5 * 1024 * 1024
STDIN = "-"

DESCRIPTION = (
    "Find blame language in post-mortem drafts (Markdown or plain text) and suggest system-focused rewordings. "
    "The rules know who the grammatical agent is: 'Someone deleted the database' is flagged, "
    "'The deploy failed' is not."
)
EPILOG = """\
exit status:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage, configuration or input error (missing path, binary or non-UTF-8 file, broken config)

examples:
  lessons lint postmortems/                      lint every .md, .markdown and .txt file below a folder
  lessons lint draft.md --format sarif > lint.sarif
  lessons lint draft.md --fix --diff             show the rewordings as a diff
  lessons lint draft.md --fix --write            rewrite the flagged sentences in place
  cat draft.md | lessons lint -                  read standard input
  lessons lint --explain "Someone deleted the database."

Inline switches in Markdown: <!-- blameless-disable-next-line BL003 -->, <!-- blameless-disable --> ...
<!-- blameless-enable -->. Configuration: [tool.lessons.lint] in pyproject.toml or a .blameless.toml file
(keys: enable, disable, severity, persons, ignore, skip-blockquotes).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the lint options to `parser` (used by `lessons lint` and by `main`)."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="Markdown or text files, folders (searched for .md, .markdown and .txt files), or - for standard input",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="output format: text (default) for people, json for tools, sarif (2.1.0) for code scanning, "
        "github for workflow annotations",
    )
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default="warning",
        help="exit with 1 when a finding has this severity or a higher one (default: warning); never: always 0",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="print the text with each flagged sentence replaced by its first rewording (files are not changed "
        "unless --write is given)",
    )
    parser.add_argument(
        "--diff", action="store_true", help="with --fix: print a unified diff instead of the text"
    )
    parser.add_argument(
        "--write", action="store_true", help="with --fix: write the revised text back to the files"
    )
    parser.add_argument(
        "--explain",
        metavar="SENTENCE",
        help="print the tokens, dependencies and persons the rules see in SENTENCE, and the rules that fire",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="a .blameless.toml or pyproject.toml to use instead of the one found from the working directory",
    )
    parser.add_argument(
        "--no-blockquotes",
        action="store_true",
        help="do not lint Markdown blockquotes (quoted chat logs, customer messages)",
    )
    parser.add_argument("--plain", action="store_true", help="read every input as plain text, not Markdown")
    parser.add_argument(
        "--list-rules", action="store_true", help="list the rules with their ids, kinds and severities"
    )


def _config(args: argparse.Namespace) -> Config:
    config = load_config_file(args.config) if args.config else find_config(Path.cwd())
    if args.no_blockquotes:
        config = replace(config, skip_blockquotes=True)
    return config


def _files(paths: list[str]) -> tuple[list[str], list[str]]:
    """Inputs in order (folders expanded), and error messages for paths that do not exist."""
    found: list[str] = []
    errors: list[str] = []
    for raw in paths:
        if raw == STDIN:
            found.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                if (
                    candidate.suffix.lower() in EXTENSIONS
                    and candidate.is_file()
                    and not (set(candidate.relative_to(path).parts[:-1]) & SKIPPED_DIRECTORIES)
                ):
                    found.append(str(candidate))
        elif path.is_file():
            found.append(raw)
        else:
            errors.append(f"{raw}: no such file or folder")
    return found, errors


def decode(data: bytes, name: str) -> str:
    """The text of a file's bytes, or an InputError saying why it cannot be linted."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"{name}: {len(data) / 1048576:.1f} MB is more than the {MAX_BYTES // 1048576} MB limit; split it"
        )
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not Markdown or text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: not valid UTF-8 (byte {error.start}); save it as UTF-8") from None


def _read(name: str) -> str:
    if name == STDIN:
        return decode(sys.stdin.buffer.read(), "<stdin>")
    try:
        return decode(Path(name).read_bytes(), name)
    except OSError as error:
        raise InputError(f"{name}: cannot read: {error.strerror or error}") from None


def _list_rules() -> str:
    lines = [f"{'id':6} {'severity':8} {'kind':18} message"]
    lines += [f"{rule.id:6} {rule.severity:8} {rule.kind:18} {rule.message}" for rule in RULES]
    return "\n".join(lines) + "\n"


def _fix(reports: list[Report], args: argparse.Namespace) -> None:
    from .fix import apply_fixes, unified_diff

    for report in reports:
        revised, fixed, unfixed = apply_fixes(report.text, report.findings)
        if args.write and report.path != "<stdin>":
            if fixed:
                Path(report.path).write_text(revised, encoding="utf-8")
            print(f"{report.path}: rewrote {fixed} sentence(s), {unfixed} left for you", file=sys.stderr)
        elif args.diff or len(reports) > 1:
            sys.stdout.write(unified_diff(report.path, report.text, revised))
        else:
            sys.stdout.write(revised)


def run(args: argparse.Namespace) -> int:
    """Run `lessons lint` with parsed arguments; returns the exit status."""
    from .engine import Linter

    out = sys.stdout
    try:
        if args.list_rules:
            out.write(_list_rules())
            return EXIT_CLEAN
        config = _config(args)
        if args.explain is not None:
            from .explain import explain

            out.write(explain(args.explain, Linter(config)))
            return EXIT_CLEAN
        if not args.paths:
            print("lessons lint: error: give at least one PATH (or - for standard input)", file=sys.stderr)
            return EXIT_ERROR
        if (args.diff or args.write) and not args.fix:
            print("lessons lint: error: --diff and --write only work with --fix", file=sys.stderr)
            return EXIT_ERROR
        names, errors = _files(args.paths)
        texts: dict[str, str] = {}
        for name in names:
            try:
                texts[name] = _read(name)
            except InputError as error:
                errors.append(str(error))
        linter = Linter(config)
        markdown = [n for n in texts if not (args.plain or n.lower().endswith(PLAIN_EXTENSIONS))]
        plain = [n for n in texts if n not in markdown]
        results = dict(zip(markdown, linter.lint_markdowns([texts[n] for n in markdown]), strict=True))
        results.update(zip(plain, linter.lint_texts([texts[n] for n in plain]), strict=True))
        reports = [Report("<stdin>" if n == STDIN else n, texts[n], results[n]) for n in names if n in texts]
    except LintError as error:
        print(f"lessons lint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    for message in errors:
        print(f"lessons lint: error: {message}", file=sys.stderr)
    if args.fix:
        _fix(reports, args)
    elif reports or not errors:  # after errors alone, a "no blame found in 0 inputs" summary would mislead
        out.write(render(reports, args.format))
    if errors:
        return EXIT_ERROR
    if args.fail_on == "never":
        return EXIT_CLEAN
    threshold = SEVERITY_RANK[args.fail_on]
    worst = max((SEVERITY_RANK[f.severity] for report in reports for f in report.findings), default=0)
    return EXIT_FINDINGS if worst >= threshold else EXIT_CLEAN


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lessons lint",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point: `python -m lint.cli` or `lessons lint` through core.cli."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help (0) and usage errors (2)
        return int(exit_.code or 0)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
