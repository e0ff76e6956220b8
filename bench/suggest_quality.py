"""Quality of the first suggested rewording of every blame sentence, side by side with the sentence.

    .venv/bin/python bench/suggest_quality.py              # blame rows of the dev set and bench/data/*.jsonl
    .venv/bin/python bench/suggest_quality.py --flagged    # only the rows with a red flag
    .venv/bin/python bench/suggest_quality.py --labels L   # also count hand labels good / awkward / broken

Each first suggestion is one of: the seed's exact rewording, a rewrite from the parse, or a reflective question.
Rewrites are parsed again and checked by `lint.selfcheck.problems` (one verbal ROOT with a subject, no person,
words and whitespace from the source, no split noun phrase, no verbs in a row, no doubled word ...); every
problem is a red flag. Hand labels (JSONL of {"text", "suggestion", "label": good|awkward|broken}) match on the
sentence and its suggestion, so a label only counts while the suggestion it judged is still the one offered.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lint.config import DEFAULT  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.selfcheck import problems  # noqa: E402
from lint.suggest import KNOWN_BETTER, seed_rewording  # noqa: E402

SHARED = next(p for p in (REPO.parent / "shared", REPO / "tests" / "data" / "shared") if (p / "corpus").is_dir())
DEV_SET = SHARED / "corpus" / "sentences.jsonl"
DATA = REPO / "bench" / "data"


def blame_rows(paths: list[Path]) -> list[tuple[str, str]]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("label") == "blame":
                    rows.append((path.stem, row["text"]))
    return rows


def kind_of(sentence: str, suggestion: str) -> str:
    if seed_rewording(sentence) == suggestion or suggestion.startswith(KNOWN_BETTER):
        return "seed"
    return "question" if suggestion.rstrip().endswith("?") else "rewrite"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "files", nargs="*", type=Path, help="labelled JSONL files (default: dev set + bench/data)"
    )
    parser.add_argument("--flagged", action="store_true", help="print only rewrites with a red flag")
    parser.add_argument("--labels", type=Path, help="hand labels good/awkward/broken to count")
    parser.add_argument("--quiet", action="store_true", help="print only the counts")
    args = parser.parse_args(argv)
    paths = args.files or [DEV_SET, *sorted(DATA.glob("*.jsonl"))]
    paths = [p for p in paths if p.exists() and p.name != "suggest_labels.jsonl"]
    rows = blame_rows(paths)
    linter = Linter(DEFAULT)
    labels = {}
    if args.labels and args.labels.exists():
        for line in args.labels.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                labels[(row["text"], row["suggestion"])] = row["label"]
    started = time.perf_counter()
    findings = linter.lint_texts(text for _, text in rows)
    elapsed = time.perf_counter() - started
    kinds: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    flags: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    for (name, sentence), found in zip(rows, findings, strict=True):
        if not found:
            kinds["no finding"] += 1
            continue
        suggestion = found[0].suggestions[0]
        kind = kind_of(sentence, suggestion)
        kinds[kind] += 1
        bad: list[str] = []
        if kind == "rewrite":
            source = linter.parse_sentence(sentence)[0]
            bad = problems(source, linter.parse_sentence(suggestion)[0])
        if bad:
            flagged[name] += 1
            for problem in bad:
                flags[problem.split(" '")[0]] += 1
        label = labels.get((sentence, suggestion))
        if label:
            judged[label] += 1
        if args.quiet or (args.flagged and not bad):
            continue
        mark = "!!" if bad else "  "
        print(f"{mark} [{name}] {sentence}\n   -> ({kind}) {suggestion}")
        if bad:
            print(f"      flags: {'; '.join(bad)}")
        if label:
            print(f"      label: {label}")
    total = sum(kinds.values())
    print(f"\n{len(rows)} blame rows from {len(paths)} files, linted with suggestions in {elapsed:.1f}s")
    print("first suggestion: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    rewrites = kinds["rewrite"]
    print(f"rewrites with a red flag: {sum(flagged.values())} of {rewrites} ({total} rows with a finding)")
    for name in sorted(flagged):
        print(f"  {name}: {flagged[name]}")
    print("red flags: " + (", ".join(f"{k} {v}" for k, v in flags.most_common()) or "none"))
    if judged:
        print("hand labels: " + ", ".join(f"{k} {v}" for k, v in judged.most_common()) + f" (of {total})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
