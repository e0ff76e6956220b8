"""Linter configuration: `[tool.lessons.lint]` in pyproject.toml, or a `.blameless.toml` file.

```toml
[tool.lessons.lint]              # in .blameless.toml the keys sit at the top level
enable = ["BL001", "hindsight"]  # rule ids or kinds; default: all rules
disable = ["BL007"]
severity = { BL005 = "error", minimizer = "info" }
persons = ["Zed", "firefighter"] # extra names, handles or role words that count as people
ignore = ["blame-free"]          # sentences containing one of these phrases are not reported
skip-blockquotes = true          # do not lint quoted chat logs in Markdown
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .finding import SEVERITIES
from .rules import KINDS, RULES, RULES_BY_ID

CONFIG_FILE = ".blameless.toml"
KEYS = ("enable", "disable", "severity", "persons", "ignore", "skip-blockquotes")


@dataclass(frozen=True, slots=True)
class Config:
    enabled: frozenset[str] = frozenset(RULES_BY_ID)
    severities: tuple[tuple[str, str], ...] = ()  # (rule id, severity) overrides
    persons: frozenset[str] = frozenset()
    ignore: tuple[str, ...] = ()
    skip_blockquotes: bool = False
    source: str = "defaults"

    def severity_of(self, rule_id: str) -> str:
        return dict(self.severities).get(rule_id, RULES_BY_ID[rule_id].severity)

    def ignores(self, sentence: str) -> bool:
        lowered = sentence.lower()
        return any(phrase in lowered for phrase in self.ignore)


DEFAULT = Config()


def _rule_ids(values: Any, key: str, source: str) -> set[str]:
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ConfigError(
            f'{source}: `{key}` must be a list of rule ids or kinds, e.g. ["BL001", "hindsight"]'
        )
    ids: set[str] = set()
    for value in values:
        if value.upper() in RULES_BY_ID:
            ids.add(value.upper())
        elif value in KINDS:
            ids.update(rule.id for rule in RULES if rule.kind == value)
        else:
            known = ", ".join(list(RULES_BY_ID) + list(KINDS))
            raise ConfigError(f"{source}: unknown rule {value!r} in `{key}`; known rules and kinds: {known}")
    return ids


def _strings(values: Any, key: str, source: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
        raise ConfigError(f"{source}: `{key}` must be a list of non-empty strings")
    return [value.strip() for value in values]


def parse_config(table: Mapping[str, Any], source: str = "configuration") -> Config:
    """Build a Config from a TOML table; raise ConfigError naming the key that is wrong."""
    if not isinstance(table, Mapping):
        raise ConfigError(f"{source}: the lint configuration must be a table")
    normalised = {key.replace("_", "-"): value for key, value in table.items()}
    unknown = sorted(set(normalised) - set(KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) {', '.join(unknown)}; valid keys: {', '.join(KEYS)}")
    enabled = (
        _rule_ids(normalised["enable"], "enable", source) if "enable" in normalised else set(RULES_BY_ID)
    )
    if "disable" in normalised:
        enabled -= _rule_ids(normalised["disable"], "disable", source)
    severities: dict[str, str] = {}
    table_severity = normalised.get("severity", {})
    if not isinstance(table_severity, Mapping):
        raise ConfigError(f'{source}: `severity` must be a table like {{ BL005 = "error" }}')
    for key, value in table_severity.items():
        if value not in SEVERITIES:
            raise ConfigError(
                f"{source}: severity of {key} must be one of {', '.join(SEVERITIES)}, not {value!r}"
            )
        for rule_id in _rule_ids([key], "severity", source):
            severities[rule_id] = value
    skip = normalised.get("skip-blockquotes", False)
    if not isinstance(skip, bool):
        raise ConfigError(f"{source}: `skip-blockquotes` must be true or false")
    return Config(
        enabled=frozenset(enabled),
        severities=tuple(sorted(severities.items())),
        persons=frozenset(
            word.lower().lstrip("@") for word in _strings(normalised.get("persons", []), "persons", source)
        ),
        ignore=tuple(phrase.lower() for phrase in _strings(normalised.get("ignore", []), "ignore", source)),
        skip_blockquotes=skip,
        source=source,
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read configuration: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def load_config_file(path: str | Path) -> Config:
    """Read one file: a `.blameless.toml` (keys at the top level) or a pyproject.toml (`[tool.lessons.lint]`)."""
    path = Path(path)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("lessons", {}).get("lint", {})
    elif "tool" in data:  # a .blameless.toml written like a pyproject section
        data = data["tool"].get("lessons", {}).get("lint", data["tool"])
    return parse_config(data, source=str(path))


def find_config(start: str | Path | None = None) -> Config:
    """The configuration that applies in `start` (default: the working directory) or one of its parents.

    `.blameless.toml` wins over pyproject.toml in the same directory; a pyproject.toml without
    `[tool.lessons.lint]` is skipped. No file at all gives the defaults.
    """
    directory = Path(start or Path.cwd()).resolve()
    if directory.is_file():
        directory = directory.parent
    for folder in (directory, *directory.parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return load_config_file(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            section = _read_toml(pyproject).get("tool", {}).get("lessons", {})
            if "lint" in section:
                return parse_config(section["lint"], source=str(pyproject))
    return DEFAULT
