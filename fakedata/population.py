"""Who reports when: a fleet of sites, each reporting on the source's cadence.

Sites are generated in fixed blocks of ``BLOCK`` sites, each block with its own random
stream (``SeedSequence([seed, block])``). A block's whole history is generated at once,
so memory depends on the block size, not on the population, and the data do not depend
on how the caller chunks or threads the work.

The window is ``[as_of - days, as_of)`` in UTC: every report is strictly before midnight
UTC of the as-of date, the instant the offline clock is pinned to.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

BLOCK = 512  # sites per random stream; part of the data's identity, never tune per run
DAY_US = 86_400_000_000
CHURN_PER_MONTH = 0.03  # share of the fleet that joins (and leaves) in a month
MISS_RATE = 0.04  # a site skips a scheduled report now and then (host down, cron broken)
JITTER_US = 15 * 60 * 1_000_000  # cron runs drift by a few minutes
# Fleet models by the name `[population] model` gives them: each module has
# ``applies(schema)`` (the columns it fills), ``make(values, seed, window)`` (an object
# with ``columns(block, schedule, wanted)``) and ``FLEET`` (how its fleet comes and goes).
# A model's lazy, shared state must be complete after block 0: later blocks are built by
# worker threads (``generate``) or forked worker processes (``write.write_dataset``).
# Here, below both ``fakedata.source`` (which checks the name) and ``fakedata.generate``
# (which imports the module), so neither has to import the other.
MODELS = {"dropsonde": "fakedata.dropsonde", "pulp": "fakedata.pulp", "pace": "fakedata.pace"}


@dataclass(frozen=True)
class Window:
    """The dataset's time window, in µs since the epoch, end exclusive."""

    start_us: int
    end_us: int
    period_us: int
    slots: int  # report slots (weeks for a weekly cadence) that start inside the window

    @classmethod
    def of(cls, as_of: dt.date, days: int, cadence_days: int) -> Window:
        end = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
        end_us = int(end.timestamp()) * 1_000_000
        start_us = end_us - days * DAY_US
        period = max(cadence_days, 1) * DAY_US
        return cls(start_us, end_us, period, max(math.ceil(days / max(cadence_days, 1)), 1))


@dataclass(frozen=True)
class Fleet:
    """How a fleet comes and goes; a fleet model (``fakedata.pulp``...) may tune it."""

    churn_per_month: float = CHURN_PER_MONTH
    miss_rate: float = MISS_RATE
    # Share of sites that report for one to three slots only (CI runs, trials); drawn
    # from their own random stream, so 0 leaves every other draw as it was.
    short_lived: float = 0.0


@dataclass(frozen=True)
class Schedule:
    """The reports of one block of sites, in time order."""

    first_site: int  # global index of the block's first site
    sites: int  # sites in this block
    site: np.ndarray  # per report: site index within the block
    slot: np.ndarray  # per report: slot (week) index in the window
    when_us: np.ndarray  # per report: time in µs since the epoch, inside the window

    @property
    def rows(self) -> int:
        return len(self.site)


def block_rng(seed: int, block: int, stream: int) -> np.random.Generator:
    """The random stream ``stream`` of block ``block``: independent of everything else."""
    import numpy as np

    return np.random.default_rng(np.random.SeedSequence([seed, block, stream]))


def block_count(sites: int) -> int:
    return (sites + BLOCK - 1) // BLOCK


def schedule(
    seed: int, block: int, sites: int, window: Window, fleet: Fleet | None = None
) -> Schedule:
    """Report times of block ``block`` (of a population of ``sites`` sites).

    Most sites report in every slot; a few percent a month join or leave inside the
    window; each misses a report now and then. Every site reports at least once, so
    exactly ``sites`` distinct sites appear in the dataset.
    """
    import numpy as np

    fleet = fleet or Fleet()
    rng = block_rng(seed, block, 0)
    first = block * BLOCK
    n = min(BLOCK, sites - first)
    slots, period = window.slots, window.period_us
    months = (window.end_us - window.start_us) / (30 * DAY_US)
    churn = min(0.45, 1 - math.exp(-fleet.churn_per_month * months))
    # Each site's cron time inside its period; the first slot always lies inside the window.
    span = min(period, window.end_us - window.start_us)
    offset = rng.integers(0, max(span - JITTER_US, 1), n)
    last_ok = (window.end_us - 1 - JITTER_US - window.start_us - offset) // period
    last_ok = np.clip(last_ok, 0, slots - 1)
    join = np.where(rng.random(n) < churn, rng.integers(0, slots, n), 0)
    leave = np.where(rng.random(n) < churn, rng.integers(0, slots, n), slots - 1)
    join = np.minimum(join, last_ok)
    leave = np.clip(leave, join, last_ok)
    if fleet.short_lived > 0:
        brief = block_rng(seed, block, 4)
        short = brief.random(n) < fleet.short_lived
        start = brief.integers(0, slots, n)
        length = brief.integers(1, 4, n)
        join = np.where(short, np.minimum(start, last_ok), join)
        leave = np.where(short, np.clip(join + length - 1, join, last_ok), leave)
    grid = np.arange(slots)[None, :]
    present = (grid >= join[:, None]) & (grid <= leave[:, None])
    present &= rng.random((n, slots)) >= fleet.miss_rate
    present[np.arange(n), join] = True  # a site counts from its first report
    slot, site = np.nonzero(present.T)
    jitter = rng.integers(0, JITTER_US, len(site))
    when = window.start_us + slot.astype(np.int64) * period + offset[site] + jitter
    order = np.argsort(when, kind="stable")  # time order inside the block
    return Schedule(first, n, site[order], slot[order], when[order])
