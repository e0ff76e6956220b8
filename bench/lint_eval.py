"""Precision and recall of the blameless linter on labelled sentences.

    .venv/bin/python bench/lint_eval.py                      # the shared development set
    .venv/bin/python bench/lint_eval.py --heldout            # plus bench/data/heldout.jsonl
    .venv/bin/python bench/lint_eval.py PATH.jsonl -v        # another labelled file, listing every miss
    .venv/bin/python bench/lint_eval.py --file PATH.jsonl    # the same, as an option (repeatable)
    .venv/bin/python bench/lint_eval.py --check-prefilter    # also prove the prefilter loses nothing

A sentence counts as detected when any rule fires on it. Per labelled kind the table shows recall (detected) and
kind recall (a rule of that very kind fired); per predicted kind it shows precision (the sentences a rule of that
kind fired on that are labelled blame).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lint.config import DEFAULT  # noqa: E402
from lint.engine import Linter  # noqa: E402

SHARED = next(p for p in (REPO.parent / "shared", REPO / "tests" / "data" / "shared") if (p / "corpus").is_dir())
DEV_SET = SHARED / "corpus" / "sentences.jsonl"
HELD_OUT = REPO / "bench" / "data" / "heldout.jsonl"


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.3f}" if denominator else "  -  "


def evaluate(rows: list[dict], linter: Linter, verbose: bool) -> tuple[float, float, list[set[str]]]:
    predictions = [
        {f.kind for f in findings} for findings in linter.lint_texts([row["text"] for row in rows])
    ]
    tp = fp = fn = tn = 0
    per_kind: dict[str, Counter] = defaultdict(Counter)
    predicted: dict[str, Counter] = defaultdict(Counter)
    for row, kinds in zip(rows, predictions, strict=True):
        gold = row["label"] == "blame"
        hit = bool(kinds)
        tp += gold and hit
        fp += hit and not gold
        fn += gold and not hit
        tn += not gold and not hit
        if gold:
            kind = row.get("kind") or "unlabelled"
            per_kind[kind]["n"] += 1
            per_kind[kind]["detected"] += hit
            per_kind[kind]["exact"] += kind in kinds
        for kind in kinds:
            predicted[kind]["fired"] += 1
            predicted[kind]["blame"] += gold
        if verbose and hit != gold:
            print(f"  {'FP' if hit else 'FN'} {row.get('kind') or ''}: {row['text']}  {sorted(kinds)}")
    print(f"{'kind':20} {'n':>4} {'recall':>7} {'kind recall':>12} {'fired':>6} {'precision':>10}")
    for kind in sorted(set(per_kind) | set(predicted)):
        counts, fired = per_kind.get(kind, Counter()), predicted.get(kind, Counter())
        print(
            f"{kind:20} {counts['n']:>4} {ratio(counts['detected'], counts['n']):>7} "
            f"{ratio(counts['exact'], counts['n']):>12} {fired['fired']:>6} {ratio(fired['blame'], fired['fired']):>10}"
        )
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(
        f"{'overall':20} {tp + fn:>4} {recall:>7.3f} {'':>12} {tp + fp:>6} {precision:>10.3f}"
        f"   (tp={tp} fp={fp} fn={fn} tn={tn})"
    )
    return precision, recall, predictions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path, help=f"labelled .jsonl files (default: {DEV_SET})")
    parser.add_argument(
        "--file", action="append", default=[], type=Path, metavar="PATH", help="another labelled .jsonl file"
    )
    parser.add_argument("--heldout", action="store_true", help=f"also evaluate {HELD_OUT.relative_to(REPO)}")
    parser.add_argument(
        "--check-prefilter", action="store_true", help="compare against linting without prefilter"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list false positives and misses")
    args = parser.parse_args(argv)
    paths = [*args.paths, *args.file] or [DEV_SET]
    if args.heldout:
        paths.append(HELD_OUT)
    linter = Linter(DEFAULT, suggest=False)
    unfiltered = Linter(DEFAULT, linter.nlp, suggest=False, prefilter=False) if args.check_prefilter else None
    for path in paths:
        if not path.is_file():
            print(f"{path}: not found", file=sys.stderr)
            return 2
        rows = load(path)
        print(f"\n{path} ({len(rows)} sentences)")
        _, _, predictions = evaluate(rows, linter, args.verbose)
        if unfiltered is not None:
            full = [
                {f.kind for f in findings} for findings in unfiltered.lint_texts([r["text"] for r in rows])
            ]
            same = sum(a == b for a, b in zip(predictions, full, strict=True))
            print(f"prefilter: {same}/{len(rows)} sentences give the same kinds with and without it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
