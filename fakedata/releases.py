"""Release histories and the upgrade habits of a fleet, shared by the fleet models.

A product's history is a list of ``x.y.z`` releases with their release times, minor
releases every few weeks and a few patch releases after each. An installation runs
"whatever was newest at its snapshot time": the time it was installed or last upgraded,
lagging the release by a while. Snapshots only move forward, so versions only go up;
new installations start from a recent snapshot, so a new release is adopted gradually.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from fakedata.population import DAY_US

if TYPE_CHECKING:
    import numpy as np

    from fakedata.population import Schedule, Window

MAX_UPGRADES = 4  # upgrade events per installation and window, at most


@dataclass(frozen=True)
class History:
    """One product's releases in time order."""

    versions: list[str]
    released_us: np.ndarray  # per version, µs since the epoch, ascending

    def at(self, when_us: np.ndarray) -> np.ndarray:
        """Index of the newest release out at each time (0 for times before the first)."""

        return np.maximum(np.searchsorted(self.released_us, when_us, side="right") - 1, 0)


def history(
    rng: np.random.Generator,
    major: int,
    newest_minor: int,
    spacing_days: float,
    end_us: int,
    span_days: float,
    prefix: str = "",
) -> History:
    """Releases ``major.y.z`` up to ``major.newest_minor.z`` before ``end_us``.

    Minors come every ``spacing_days`` on average (back to ``span_days`` before the end,
    or to minor 0), each followed by patch releases a week or two apart (before the next minor, so
    that the newest release out is also the highest version).
    """

    out: list[tuple[int, str]] = []
    t = end_us - int(rng.uniform(0.1, 0.9) * spacing_days * DAY_US)
    minor = newest_minor
    limit = end_us - int(span_days * DAY_US)
    next_minor = end_us
    while minor >= 0 and t > limit:
        patch_t = t
        for z in range(1 + int(rng.poisson(1.6))):
            if z and patch_t >= next_minor:  # time order is version order
                break
            if patch_t < end_us:
                out.append((patch_t, f"{prefix}{major}.{minor}.{z}"))
            patch_t += int(rng.uniform(4, 16) * DAY_US)
        next_minor = t
        t -= int(rng.uniform(0.6, 1.4) * spacing_days * DAY_US)
        minor -= 1
    out.sort()
    return History([v for _, v in out], np.asarray([t for t, _ in out], dtype=np.int64))


@dataclass(frozen=True)
class Snapshots:
    """Per installation of a block: its snapshot time, and how it moves at upgrades."""

    upgrade_slot: np.ndarray  # (sites, MAX_UPGRADES) slot of each upgrade, sorted; slots: none
    snapshot_us: np.ndarray  # (sites, MAX_UPGRADES + 1) snapshot before/after each upgrade

    def at(self, site: np.ndarray, slot: np.ndarray) -> np.ndarray:
        """The snapshot time of ``site`` in ``slot`` (vectorized over reports)."""
        done = (self.upgrade_slot[site] <= slot[:, None]).sum(axis=1)
        return self.snapshot_us[site, done]


def first_slots(sched: Schedule) -> np.ndarray:
    """Each site's first report slot in the window (a site with 0 may be older)."""

    first = np.full(sched.sites, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, sched.site, sched.slot.astype(np.int64))
    return first


def snapshots(
    rng: np.random.Generator,
    sched: Schedule,
    window: Window,
    lag_days: float,
    upgrade_every_days: float,
    new_lag_days: float,
) -> Snapshots:
    """Snapshots of a block's installations.

    Sites present from the first slot run the releases of ``lag_days`` (median, heavy
    tailed) before the window; sites that join later install recent releases (``new_lag_days``
    before joining). Upgrades come on average every ``upgrade_every_days`` and bring the
    releases of a week or two before.
    """

    n, slots = sched.sites, window.slots
    first = first_slots(sched)
    slot_us = window.start_us + np.arange(slots + 1, dtype=np.int64) * window.period_us
    older = window.start_us - (rng.lognormal(np.log(lag_days), 0.8, n) * DAY_US).astype(np.int64)
    fresh = slot_us[np.minimum(first, slots)] - (rng.exponential(new_lag_days, n) * DAY_US).astype(
        np.int64
    )
    start = np.where(first == 0, older, fresh)
    days = (window.end_us - window.start_us) / DAY_US
    count = np.minimum(rng.poisson(days / upgrade_every_days, n), MAX_UPGRADES)
    when = rng.integers(1, max(slots, 2), (n, MAX_UPGRADES))
    when = np.where(np.arange(MAX_UPGRADES)[None, :] < count[:, None], when, slots)
    when = np.sort(np.maximum(when, np.minimum(first, slots)[:, None]), axis=1)
    lag = (rng.exponential(10.0, (n, MAX_UPGRADES)) * DAY_US).astype(np.int64)
    after = slot_us[when] - lag
    snap = np.concatenate([start[:, None], after], axis=1)
    return Snapshots(when, np.maximum.accumulate(snap, axis=1))


def uuids(seed: int, source: str, first: int, n: int, generation: int = 0) -> list[str]:
    """Stable random-looking UUID4 strings of sites ``first..first+n`` (one per generation)."""

    out = []
    for i in range(n):
        raw = hashlib.sha256(f"{source}:{seed}:uuid:{first + i}:{generation}".encode()).digest()
        out.append(str(uuid.UUID(bytes=raw[:16], version=4)))
    return out
