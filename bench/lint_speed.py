"""Throughput of the blameless linter against a bare spaCy pipeline, measured in one run.

    .venv/bin/python bench/lint_speed.py            # builds the corpus, prints words/s, the ratio and peak memory
    .venv/bin/python bench/lint_speed.py --save     # also writes the corpus to bench/data/speed-corpus/

The corpus is the two shared sample post-mortems plus generated Markdown post-mortems (seeded, so every run reads
the same text): headings, timelines, tables, code blocks, links, and about one blame sentence in twenty. Both
sides get the same prose paragraphs: the linter reads the Markdown files end to end (parsing Markdown, splitting
sentences, prefiltering, parsing, rewording), the bare pipeline runs `nlp.pipe` with every component of the full
English pipeline over the prose blocks.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lint.config import DEFAULT  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.markdown import parse_markdown  # noqa: E402
from lint.model import CANDIDATES, load_pipeline, model_names  # noqa: E402

SHARED = next(p for p in (REPO.parent / "shared", REPO / "tests" / "data" / "shared") if (p / "samples").is_dir())
SAMPLES = SHARED / "samples"
MIN_WORDS = 50_000

SERVICES = [
    "checkout-api",
    "orders-db",
    "payments-gateway",
    "search-indexer",
    "auth-service",
    "edge-proxy",
    "billing-worker",
    "session-cache",
    "notification-queue",
    "inventory-sync",
]
COMPONENTS = [
    "connection pool",
    "retry policy",
    "DNS record",
    "TLS certificate",
    "feature flag",
    "autoscaler",
    "load balancer",
    "replication slot",
    "message broker",
    "config map",
    "rate limiter",
    "health check",
]
METRICS = ["p99 latency", "error rate", "queue depth", "CPU saturation", "replication lag", "disk usage"]
PEOPLE = ["Dana", "Omar", "Priya", "Luis", "Mei Ling", "Tobias", "Aisha", "Kenji"]
ROLES = [
    "the on-call engineer",
    "the incident commander",
    "the database team",
    "the SRE on duty",
    "the release manager",
]

NEUTRAL = [
    "At {t} UTC the {metric} of {svc} rose above the alert threshold.",
    "The {comp} in {svc} was changed as part of the weekly release.",
    "{svc} returned errors for about {n} minutes while the {comp} recovered.",
    "Traffic was shifted to the secondary region at {t} UTC.",
    "{role} acknowledged the page within {n} minutes and opened the incident channel.",
    "{person} declared the incident and assembled the response team.",
    "The dashboard showed the {metric} climbing steadily from {t} UTC onwards.",
    "A rollback of the {comp} change restored normal behaviour at {t} UTC.",
    "Customers saw intermittent timeouts on checkout and in the order history page.",
    "The {comp} had no limit on the number of concurrent connections.",
    "Monitoring did not cover the {comp}, so the first signal came from customer reports.",
    "The runbook for {svc} described the old topology and pointed to a decommissioned host.",
    "The deploy pipeline had no canary stage for configuration-only changes.",
    "{person} restored the {comp} from the last known good snapshot.",
    "The alert fired correctly, but it was routed to a channel that is muted at night.",
    "Support received {n} tickets during the incident and answered all of them by the next morning.",
    "The {metric} returned to baseline {n} minutes after the mitigation.",
    "We will add a dry-run mode to the migration tool.",
    "The team should review the alert thresholds for {svc} every quarter.",
    "No customer data was lost, and payments were not charged twice.",
    "The failover took longer than planned because the DNS TTL was set to one hour.",
    "Retries from the clients amplified the load on {svc} by a factor of {n}.",
    "The {comp} change had passed review and all automated tests.",
    "{role} paged the database team at {t} UTC and they joined within five minutes.",
    "The service should have shed load, but the rate limiter was disabled in that region.",
    "Detection took {n} minutes because the threshold averaged over a long window.",
    "Documentation for the {comp} was out of date and did not mention the new defaults.",
    "The incident commander decided to fail over after the second spike at {t} UTC.",
    "Capacity planning had assumed a peak of {n} thousand requests per second.",
    "The configuration schema did not validate the range of the {comp} setting.",
    "Just after {t} UTC the {metric} started to grow again.",
    "The fix was simply a one-line change to the timeout of the {comp}.",
    "Status page updates went out every fifteen minutes during the incident.",
    "The on-call engineer followed the runbook, which did not cover this failure mode.",
    "A synthetic check would have caught the problem earlier, but none existed for {svc}.",
]
BLAME = [
    "Someone changed the {comp} without telling anyone.",
    "{person} forgot to update the {comp} after the migration.",
    "{role} should have checked the {metric} before the release.",
    "Human error in the {comp} change caused the outage.",
    "{person} ignored the warning about the {comp}.",
    "Nobody reviewed the {comp} change.",
    "The outage was {person}'s fault.",
    "It was a careless change to the {comp}.",
]
ACTIONS = [
    "Add validation for the {comp} setting",
    "Alert on {metric} for {svc}",
    "Update the {svc} runbook",
    "Automate the {comp} renewal",
    "Add a canary stage for config changes",
]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        t=f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
        svc=rng.choice(SERVICES),
        comp=rng.choice(COMPONENTS),
        metric=rng.choice(METRICS),
        person=rng.choice(PEOPLE),
        role=rng.choice(ROLES),
        n=rng.randint(2, 90),
    )


def _paragraph(rng: random.Random, sentences: int) -> str:
    chosen = [_fill(rng.choice(BLAME if rng.random() < 0.05 else NEUTRAL), rng) for _ in range(sentences)]
    return " ".join(s[0].upper() + s[1:] for s in chosen)


def generated_postmortem(number: int, rng: random.Random) -> str:
    svc = rng.choice(SERVICES)
    parts = [
        f"---\nid: INC-2026-{number:04d}\nseverity: SEV{rng.randint(1, 4)}\n---\n",
        f"# Post-mortem: {svc} degradation\n",
        "## Summary\n",
        _paragraph(rng, 5) + "\n",
        "## Timeline\n",
        "| Time (UTC) | Event | Owner |",
        "|---|---|---|",
    ]
    for _ in range(8):
        parts.append(
            f"| {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d} | {_fill(rng.choice(NEUTRAL), rng)} | "
            f"{rng.choice(PEOPLE)} |"
        )
    parts += ["", "## What happened\n"] + [_paragraph(rng, rng.randint(4, 7)) + "\n" for _ in range(5)]
    parts += ["```yaml", f"{rng.choice(COMPONENTS).replace(' ', '_')}: {rng.randint(1, 500)}", "```", ""]
    parts += ["## Contributing factors\n"] + [f"- {_fill(rng.choice(NEUTRAL), rng)}" for _ in range(5)] + [""]
    parts += ["## What went well\n"] + [f"- {_fill(rng.choice(NEUTRAL), rng)}" for _ in range(3)] + [""]
    parts += ["## Action items\n"] + [
        f"- [ ] {_fill(rng.choice(ACTIONS), rng)} (owner: {rng.choice(PEOPLE)})" for _ in range(4)
    ]
    parts += ["", f"See the [dashboard](https://grafana.example.com/d/{svc}) and `kubectl logs {svc}`.", ""]
    return "\n".join(parts)


def build_corpus(min_words: int = MIN_WORDS) -> list[str]:
    documents = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.md"))]
    rng = random.Random(20260130)
    number = 1
    while sum(len(d.split()) for d in documents) < min_words:
        documents.append(generated_postmortem(number, rng))
        number += 1
    return documents


def _installed() -> str:
    import importlib.util

    return next(name for name in CANDIDATES if importlib.util.find_spec(name) is not None)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--save", action="store_true", help="write the corpus to bench/data/speed-corpus/")
    parser.add_argument("--repeat", type=int, default=2, help="timed rounds per side; the best round counts")
    args = parser.parse_args(argv)

    documents = build_corpus()
    words = sum(len(d.split()) for d in documents)
    if args.save:
        folder = REPO / "bench" / "data" / "speed-corpus"
        folder.mkdir(parents=True, exist_ok=True)
        for number, document in enumerate(documents):
            (folder / f"{number:03d}.md").write_text(document, encoding="utf-8")
    paragraphs = [block.text for d in documents for block in parse_markdown(d).blocks]
    paragraph_words = sum(len(p.split()) for p in paragraphs)

    import spacy

    linter = Linter(DEFAULT, load_pipeline())  # the linter's own pipeline: only the components its rules use
    linter.lint_markdowns(documents[:2])
    linter_mb = peak_mb()
    nlp = spacy.load(
        model_names()[0] if len(model_names()) == 1 else _installed()
    )  # the full English pipeline
    list(nlp.pipe(paragraphs[:50]))

    lint_times, bare_times = [], []
    findings = []
    for _ in range(args.repeat):
        seconds, findings = timed(linter.lint_markdowns, documents)
        lint_times.append(seconds)
        seconds, _ = timed(lambda: sum(1 for _ in nlp.pipe(paragraphs, batch_size=64)))
        bare_times.append(seconds)
    lint_wps = words / min(lint_times)
    bare_wps = paragraph_words / min(bare_times)

    sentences = linter._jobs  # noqa: SLF001 - the prefilter's pass rate is part of the story
    from lint.engine import _Source
    from lint.switches import Switches

    sources = [_Source(d, parse_markdown(d).blocks, Switches()) for d in documents]
    parsed = len(sentences(sources))
    linter.prefilter = False
    total = len(sentences(sources))
    linter.prefilter = True

    draft = "\n\n".join(documents[2:])
    draft = " ".join(draft.split(" ")[:3000])
    draft_seconds = min(timed(linter.lint_markdown, draft)[0] for _ in range(3))

    print(f"corpus: {len(documents)} Markdown documents, {words} words ({paragraph_words} in prose blocks)")
    print(
        f"prefilter: {parsed} of {total} sentences parsed ({parsed / total:.0%}); "
        f"{sum(len(f) for f in findings)} findings"
    )
    print(
        f"linter end to end:        {lint_wps:10,.0f} words/s  (best of {args.repeat}: {min(lint_times):.2f} s)"
    )
    print(
        f"bare nlp.pipe (all {len(nlp.pipe_names)} components): {bare_wps:10,.0f} words/s  "
        f"(best of {args.repeat}: {min(bare_times):.2f} s)"
    )
    print(f"ratio linter / bare:      {lint_wps / bare_wps:10.2f}x")
    print(f"3,000-word draft:         {draft_seconds:10.3f} s once loaded")
    print(
        f"peak memory (max RSS):    {peak_mb():10.0f} MB for the whole run, both pipelines loaded "
        f"({linter_mb:.0f} MB after loading the linter alone)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
