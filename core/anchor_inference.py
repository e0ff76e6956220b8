"""Named moments read from the wording of timeline rows ("Monitoring alert fired" -> detected).

The importer, the post-mortem form and the Markdown writer share this one function (``assign_kinds``): the
writer marks a row's anchor explicitly only where the wording would give a different answer, so a file written
by the template stays plain and still reads back with the same anchors.
"""

from __future__ import annotations

import re
from datetime import datetime

from core.markdown_format import format_duration_minutes
from core.postmortem import ANCHOR_ORDER, Anchor


class _NoAnchor:
    """Marker of a row explicitly marked as carrying no anchor."""

    def __repr__(self) -> str:
        return "NO_ANCHOR"


NO_ANCHOR = _NoAnchor()
Marker = Anchor | _NoAnchor | None

_WORDING: dict[Anchor, re.Pattern[str]] = {
    anchor: re.compile(pattern, re.IGNORECASE)
    for anchor, pattern in {
        Anchor.IMPACT_STARTED: (
            r"\bfirst (?:errors?|failures?|timeouts?|exceptions?|5xx|500s?)\b|\bimpact (?:start|began|begin)"
            r"|\b(?:errors?|failures?|timeouts?|latency|error rate|outage|degradation) "
            r"(?:started|starts|began|begins|rose|spiked|increased|passed|climbed|jumped)\b"
            r"|\b(?:started|began) failing\b|\b(?:users|customers|requests) (?:started|began) (?:to )?"
            r"(?:fail|see|time out|get)"
        ),
        Anchor.DETECTED: (
            r"\balerts? (?:fired|triggered|raised|went off)\b|\balerted\b|\bdetected\b"
            r"|\b(?:alarm|monitor|monitoring) (?:fired|triggered)\b|\bnoticed\b"
            r"|\bfirst (?:customer )?reports?\b"
            r"|\bcustomers? reported\b"
        ),
        Anchor.ACKNOWLEDGED: (
            r"\bpaged\b|\backnowledged\b|\bon-?call (?:engineer )?(?:responded|joined|engaged)\b"
        ),
        Anchor.DECLARED: r"\bdeclared\b|\bincident (?:opened|created)\b",
        Anchor.ROOT_CAUSE_IDENTIFIED: (
            r"\broot cause (?:was )?(?:identified|found|determined|confirmed)\b"
            r"|\bcause (?:was )?(?:identified|found)\b"
            r"|\bidentified (?:as )?(?:the )?(?:root )?cause\b"
        ),
        Anchor.MITIGATED: (
            r"\bfix(?:es)? (?:was |were )?(?:deployed|applied|rolled out|shipped|released)\b"
            r"|\b(?:deployed|applied|shipped|rolled out) (?:the |a )?(?:fix|hotfix|patch|mitigation)\b"
            r"|\bmitigated\b|\bmitigation (?:applied|deployed|in place)\b|\brolled back\b"
            r"|\brollback (?:completed|complete|deployed|done)\b|\b(?:hotfix|patch) (?:deployed|applied)\b"
            r"|\bfailover (?:completed|complete|done)\b"
            r"|\b(?:reverted|restored|corrected)\b.*\band (?:re)?deployed\b"
        ),
        Anchor.RESOLVED: (
            r"\b(?:fully|service|services) restored\b|\brestored (?:service|to normal|fully)\b"
            r"|\bback to normal\b|\bresolved\b|\brecovered\b|\brecovery complete\b|\bservice (?:is )?back\b"
            r"|\boperational again\b"
        ),
        Anchor.CONFIRMED_STABLE: (
            r"\bconfirmed stable\b|\bstable (?:for|since|confirmed)\b|\bstability confirmed\b"
            r"|\bmonitoring (?:period )?(?:ended|complete|confirmed)\b|\bincident closed\b|\ball clear\b"
        ),
    }.items()
}


def anchors_in(text: str) -> list[Anchor]:
    """Anchors whose wording appears in ``text``, in anchor order."""
    return [anchor for anchor in ANCHOR_ORDER if _WORDING[anchor].search(text)]


def _merged(
    rows: list[tuple[datetime | None, str]], kinds: list[Anchor | None], timestamps: dict[Anchor, datetime]
) -> dict[Anchor, datetime]:
    merged = {kind: rows[i][0] for i, kind in enumerate(kinds) if kind is not None and rows[i][0] is not None}
    merged.update(timestamps)
    return merged


def _violations(times: dict[Anchor, datetime]) -> int:
    known = [times[a] for a in ANCHOR_ORDER if a in times]
    return sum(1 for i, t in enumerate(known) for later in known[i + 1 :] if later < t)


def _ttr_minutes(times: dict[Anchor, datetime]) -> int | None:
    if Anchor.IMPACT_STARTED in times and Anchor.RESOLVED in times:
        return int((times[Anchor.RESOLVED] - times[Anchor.IMPACT_STARTED]).total_seconds() // 60)
    return None


def assign_kinds(
    rows: list[tuple[datetime | None, str]],
    markers: list[Marker],
    *,
    timestamps: dict[Anchor, datetime] | None = None,
    duration_minutes: int | None = None,
) -> tuple[list[Anchor | None], list[str]]:
    """The anchor of each timeline row: its marker, else what its wording says where that keeps the anchors in
    order; inferred start/resolved anchors are dropped when they contradict the stated duration.

    One rule for every way a timeline comes in: the importer (markers from an Anchor column) and the
    post-mortem form (markers from its Marks column: a label, ``none`` or empty) both call this. A row without
    a time (not typed yet, or unreadable) gets no inferred anchor: a named moment needs its time.
    """
    stamps = dict(timestamps or {})
    kinds: list[Anchor | None] = [m if isinstance(m, Anchor) else None for m in markers]
    inferred: set[int] = set()
    for i, (when, text) in enumerate(rows):
        if markers[i] is not None or when is None:
            continue
        taken = {k for k in kinds if k is not None}
        before = _violations(_merged(rows, kinds, stamps))
        for anchor in anchors_in(text):
            if anchor in taken:
                continue
            kinds[i] = anchor
            if _violations(_merged(rows, kinds, stamps)) <= before:
                inferred.add(i)
                break
            kinds[i] = None
    warnings: list[str] = []
    ttr = _ttr_minutes(_merged(rows, kinds, stamps))
    if duration_minutes is not None and ttr is not None and ttr != duration_minutes:
        dropped = [i for i in sorted(inferred) if kinds[i] in (Anchor.IMPACT_STARTED, Anchor.RESOLVED)]
        for i in dropped:
            kinds[i] = None
        kept = _ttr_minutes(_merged(rows, kinds, stamps))
        stated = format_duration_minutes(duration_minutes)
        if kept is None:
            warnings.append(
                f"Duration {stated} disagrees with the timeline (impact started to resolved "
                f"{format_duration_minutes(ttr)}); kept the Duration and did not mark those rows "
                "as impact started / resolved"
            )
        else:
            warnings.append(
                f"Duration {stated} disagrees with the timeline's marked anchors "
                f"({format_duration_minutes(kept)}); the timeline wins for TTR, the Duration is kept "
                "as the recorded duration"
            )
    return kinds, warnings
