"""Output formats: text for people, JSON for tools, SARIF 2.1.0 for code scanning, GitHub workflow commands."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass

from .finding import Finding, LineIndex
from .rules import RULES

FORMATS = ("text", "json", "sarif", "github")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
INFORMATION_URI = "https://github.com/lessons/lessons#blameless-linter"


@dataclass(slots=True)
class Report:
    """The findings of one input (a file or standard input)."""

    path: str
    text: str
    findings: list[Finding]


def _summary(reports: list[Report]) -> str:
    findings = [f for report in reports for f in report.findings]
    if not findings:
        return f"No blame language found in {len(reports)} input(s)."
    counts = Counter(f.severity for f in findings)
    parts = ", ".join(
        f"{counts[level]} {level}(s)" for level in ("error", "warning", "info") if counts[level]
    )
    files = sum(1 for report in reports if report.findings)
    return f"{len(findings)} finding(s) in {files} of {len(reports)} input(s): {parts}."


def render_text(reports: list[Report]) -> str:
    lines = []
    for report in reports:
        for finding in report.findings:
            lines.append(
                f"{report.path}:{finding.line}:{finding.column}: {finding.severity} {finding.rule_id} "
                f"[{finding.kind}] {finding.message}"
            )
            lines.append(f"    {finding.text!r} in: {finding.sentence}")
            for suggestion in finding.suggestions:
                lines.append(f"    -> {suggestion}")
    lines.append(_summary(reports))
    return "\n".join(lines) + "\n"


def render_json(reports: list[Report]) -> str:
    findings = [
        {"path": report.path, **finding.to_dict()} for report in reports for finding in report.findings
    ]
    counts = Counter(f["severity"] for f in findings)
    payload = {
        "findings": findings,
        "summary": {"inputs": len(reports), "findings": len(findings), "by_severity": dict(counts)},
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _fingerprint(finding: Finding, seen: Counter) -> str:
    key = f"{finding.rule_id}|{' '.join(finding.sentence.split()).lower()}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    seen[digest] += 1
    return f"{digest}:{seen[digest]}"


def sarif_log(reports: list[Report], version: str = "0.1.0") -> dict:
    rule_index = {rule.id: position for position, rule in enumerate(RULES)}
    rules = [
        {
            "id": rule.id,
            "name": rule.name,
            "shortDescription": {"text": rule.message},
            "fullDescription": {"text": f"{rule.message} {rule.rationale}"},
            "help": {
                "text": f"{rule.rationale}\nInstead of: {rule.example}\nSay: {rule.rewording}\nSource: {rule.source}",
                "markdown": (
                    f"{rule.rationale}\n\n| Instead of | Say |\n|---|---|\n| {rule.example} | {rule.rewording} |"
                    f"\n\nSource: {rule.source}"
                ),
            },
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity]},
            "properties": {"tags": ["blameless", rule.kind]},
        }
        for rule in RULES
    ]
    results = []
    for report in reports:
        index = LineIndex(report.text)
        seen: Counter = Counter()
        for finding in report.findings:
            end_line, end_column = index.locate(finding.end)
            suggestion = finding.suggestions[0] if finding.suggestions else ""
            results.append(
                {
                    "ruleId": finding.rule_id,
                    "ruleIndex": rule_index[finding.rule_id],
                    "level": SARIF_LEVEL[finding.severity],
                    "message": {"text": f"{finding.message} Suggestion: {suggestion}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": report.path.replace("\\", "/"),
                                    "uriBaseId": "%SRCROOT%",
                                },
                                "region": {
                                    "startLine": finding.line,
                                    "startColumn": finding.column,
                                    "endLine": end_line,
                                    "endColumn": end_column,
                                    "snippet": {"text": finding.text},
                                },
                            }
                        }
                    ],
                    "partialFingerprints": {"primaryLocationLineHash": _fingerprint(finding, seen)},
                    "properties": {"kind": finding.kind, "suggestions": finding.suggestions},
                }
            )
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "lessons-lint",
                        "fullName": "Lessons blameless-language linter",
                        "version": version,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(reports: list[Report]) -> str:
    return json.dumps(sarif_log(reports), indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(reports: list[Report]) -> str:
    lines = []
    for report in reports:
        index = LineIndex(report.text)
        for finding in report.findings:
            end_line, end_column = index.locate(finding.end)
            properties = ",".join(
                [
                    f"file={_escape_property(report.path)}",
                    f"line={finding.line}",
                    f"col={finding.column}",
                    f"endLine={end_line}",
                    f"endColumn={end_column}",
                    f"title={_escape_property(f'{finding.rule_id} {finding.kind}')}",
                ]
            )
            suggestion = finding.suggestions[0] if finding.suggestions else ""
            message = _escape_data(f"{finding.message} Suggestion: {suggestion}")
            lines.append(f"::{GITHUB_LEVEL[finding.severity]} {properties}::{message}")
    return "\n".join(lines) + ("\n" if lines else "")


RENDERERS = {"text": render_text, "json": render_json, "sarif": render_sarif, "github": render_github}


def render(reports: list[Report], fmt: str) -> str:
    return RENDERERS[fmt](reports)
