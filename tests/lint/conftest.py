"""Lint test fixtures: the English pipeline and a Linter are loaded once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lint.config import DEFAULT
from lint.engine import Linter
from lint.model import load_pipeline
from tests.conftest import SHARED

REPO_ROOT = Path(__file__).resolve().parents[2]
DEV_SET = SHARED / "corpus" / "sentences.jsonl"
HELD_OUT = REPO_ROOT / "bench" / "data" / "heldout.jsonl"
SAMPLES = SHARED / "samples"


def load_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def linter(nlp) -> Linter:
    return Linter(DEFAULT, nlp)


@pytest.fixture(scope="session")
def lint(linter):
    """lint(text) -> findings of a plain text."""
    return linter.lint_text
