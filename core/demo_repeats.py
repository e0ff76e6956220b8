"""Which failure each sample incident has, so that repeat incidents come at a realistic rate at any size.

A repeat (core/repeats.py) is an incident with the same category and cause as an earlier one within the
window. The sample cause is therefore specific: a cause slug on one component of a service
(``disk_full@orders-db-03``), and bigger organisations (more incidents per year) run more components per
service. A fresh incident draws its failure at random and draws again when that exact failure happened within
the window (real organisations rarely see the same failure on the same component twice in a quarter by
chance), so the repeats are the deliberate ones: an earlier failure of the last weeks coming back, a share of
them linked by hand to the incident they repeat.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from core.demo_causes import CATEGORIES, Category, Cause

REPEAT_WINDOW_DAYS = 90
LINK_WINDOW_DAYS = 85  # deliberate repeats stay clear of the window's edge, whatever the anchor used
INCIDENTS_PER_COMPONENT_YEAR = 100  # one more component per service for every 100 incidents a year
REPEAT_SHARE = (0.08, 0.05)  # deliberate repeats at the first and the last day: fewer as lessons stick
LINKED_SHARE = 0.4  # deliberate repeats that responders also link by hand
REPEAT_GAP_MEDIAN_DAYS = 14.0
REDRAWS = 12


@dataclass(frozen=True)
class Failure:
    """What failed where: the category, the cause, the service and the component of one incident."""

    category: Category
    cause: Cause
    service: str
    component: str

    @property
    def cause_value(self) -> str:
        """The stored cause: the slug qualified by the component, e.g. ``disk_full@orders-db-03``."""
        return f"{self.cause.slug}@{self.component}"

    @property
    def key(self) -> tuple[str, str]:
        """Category and cause, the repeat definition's key."""
        return self.category.name, self.cause_value


def components_per_service(incidents: int, years: float) -> int:
    """How many components (clusters, instances) each service has: grows with incidents per year."""
    return max(1, round(incidents / years / INCIDENTS_PER_COMPONENT_YEAR))


def component_names(service: str, count: int) -> tuple[str, ...]:
    """``orders-db`` alone, or ``orders-db-01`` … numbered with as many digits as ``count`` needs."""
    if count == 1:
        return (service,)
    width = max(2, len(str(count)))
    return tuple(f"{service}-{k:0{width}d}" for k in range(1, count + 1))


def category_weights(progress: float) -> list[float]:
    """Share of each category at ``progress`` (0 first day, 1 last day), following its trend."""
    return [c.weight * max(0.05, 1 + c.trend * (progress - 0.5)) for c in CATEGORIES]


class Failures:
    """Chooses each incident's failure in date order and counts repeats by the definition."""

    def __init__(self, components: int) -> None:
        self.components = components
        self._names: dict[str, tuple[str, ...]] = {}
        self.last_seen: dict[tuple[str, str], date] = {}
        self._recent: list[tuple[date, Failure, str]] = []  # (day, failure, incident id), date order
        self._days: list[date] = []
        self._start = 0
        self._weights: tuple[float, list[float]] = (-1.0, [])
        self.count = 0

    def _component(self, rng: random.Random, service: str) -> str:
        names = self._names.get(service)
        if names is None:
            names = self._names[service] = component_names(service, self.components)
        return names[rng.randrange(len(names))]

    def _fresh(self, rng: random.Random, day: date, progress: float) -> Failure:
        if self._weights[0] != progress:
            self._weights = (progress, list(accumulate(category_weights(progress))))
        cumulative = self._weights[1]
        failure = None
        for _ in range(REDRAWS):
            category = rng.choices(CATEGORIES, cum_weights=cumulative)[0]
            service = category.services[rng.randrange(len(category.services))]
            failure = Failure(category, category.causes[rng.randrange(len(category.causes))], service,
                              self._component(rng, service))
            seen = self.last_seen.get(failure.key)
            if seen is None or (day - seen).days > REPEAT_WINDOW_DAYS:
                break
        assert failure is not None
        return failure

    def _earlier(self, rng: random.Random, day: date) -> tuple[Failure, str, date] | None:
        """A failure of the last weeks (gap log-normal around two weeks) and its incident id."""
        while self._start < len(self._days) and (day - self._days[self._start]).days > LINK_WINDOW_DAYS:
            self._start += 1
        if self._start > 4096 and self._start > len(self._days) // 2:
            del self._recent[: self._start], self._days[: self._start]
            self._start = 0
        if self._start == len(self._days):
            return None
        gap = min(LINK_WINDOW_DAYS, rng.lognormvariate(math.log(REPEAT_GAP_MEDIAN_DAYS), 0.9))
        target = date.fromordinal(day.toordinal() - round(gap))
        index = max(self._start, bisect_right(self._days, target, lo=self._start) - 1)
        earlier_day, failure, incident_id = self._recent[index]
        return failure, incident_id, earlier_day

    def choose(self, rng: random.Random, day: date,
               progress: float) -> tuple[Failure, tuple[str, date] | None]:
        """The failure of the next incident and, when responders linked it by hand, the id and date of the
        incident it repeats."""
        share = REPEAT_SHARE[0] + (REPEAT_SHARE[1] - REPEAT_SHARE[0]) * progress
        if rng.random() < share:
            earlier = self._earlier(rng, day)
            if earlier is not None:
                failure, original, original_day = earlier
                return failure, (original, original_day) if rng.random() < LINKED_SHARE else None
        return self._fresh(rng, day, progress), None

    def record(self, day: date, failure: Failure, incident_id: str, linked: bool) -> None:
        """Remember an incident; count it when it repeats an earlier one."""
        previous = self.last_seen.get(failure.key)
        if linked or (previous is not None and (day - previous).days <= REPEAT_WINDOW_DAYS):
            self.count += 1
        self.last_seen[failure.key] = day
        self._recent.append((day, failure, incident_id))
        self._days.append(day)
