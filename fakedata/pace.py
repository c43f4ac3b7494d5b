"""The PACE fleet model: what an install of the PACE CLI uploads every few days.

An install is one telemetry file with a random id. Its user runs a few of the CLI's
``pace <verb> <noun>`` commands, some far more than others (a long-tailed popularity),
each at the user's own pace; most runs end with exit code 0, a few with an error code,
more for commands that change things than for ``list``. The file keeps, per (command,
exit code), a cumulative count since it was created, so a counter never decreases for an
install; an entry appears once the command has ended with that code. Installs older than
the window bring the counts of their past. Now and then a file is deleted and recreated:
from then on the install uploads under a new id, counting from zero. Users upgrade the
CLI (``v1.16.0``) now and then, so new releases are adopted over time.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from fakedata.columns import dict_column, expand, list_column, list_offsets
from fakedata.population import DAY_US, Fleet, Schedule, Window, block_rng
from fakedata.releases import History, first_slots, history, snapshots, uuids
from fakedata.values import zipf_weights

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.schema import Schema
    from fakedata.values import ValueFactory

# Developers try the CLI and drop it; laptops are off for days.
FLEET = Fleet(churn_per_month=0.10, miss_rate=0.2, short_lived=0.04)
# The command set, most used first, with the share of runs that fail.
COMMANDS = [
    ("pace list data-policies", 0.02),
    ("pace get data-policy", 0.04),
    ("pace upsert data-policy", 0.12),
    ("pace evaluate data-policy", 0.08),
    ("pace list tables", 0.03),
    ("pace apply data-policy", 0.10),
    ("pace list processing-platforms", 0.02),
    ("pace list groups", 0.03),
    ("pace list databases", 0.03),
    ("pace list schemas", 0.03),
    ("pace get lineage", 0.06),
    ("pace list global-transforms", 0.02),
    ("pace get global-transform", 0.04),
    ("pace upsert global-transform", 0.11),
    ("pace list catalogs", 0.03),
    ("pace delete data-policy", 0.07),
    ("pace delete global-transform", 0.07),
    ("pace list plugins", 0.02),
    ("pace invoke plugin", 0.15),
    ("pace list resources", 0.03),
]
# Error exit codes and their shares among failures: a general error, a usage error
# (bad flag or argument), the server unreachable (EX_UNAVAILABLE).
ERROR_CODES = [(1, 0.7), (2, 0.22), (69, 0.08)]
OPERATING_SYSTEMS = [("darwin", 0.55), ("linux", 0.35), ("windows", 0.10)]
P_RECREATE = 0.03  # share of installs whose telemetry file is recreated in the window
SHAPES = {
    "id": (),
    "cli_version": (),
    "operating_system": (),
    "metric_points": ("command_path", "exit_code", "cumulative_count"),
}


def applies(schema: Schema) -> list[str]:
    """The columns of ``schema`` this model fills (exact shape match)."""
    names = {f.name: f for f in schema}
    out = []
    for col, children in SHAPES.items():
        f = names.get(col)
        if f is None:
            continue
        record = bool(children) and f.repeated and tuple(c.name for c in f.fields) == children
        if record or (not children and f.type == "STRING" and not f.repeated):
            out.append(col)
    return out


def make(values: ValueFactory, seed: int, window: Window) -> PaceModel:
    return PaceModel(values, seed, window)


class PaceModel:
    """Builds the PACE columns of one block of installs."""

    def __init__(self, values: ValueFactory, seed: int, window: Window) -> None:
        self.values = values
        self.seed = seed
        self.window = window

    @cached_property
    def releases(self) -> History:

        rng = np.random.default_rng([self.seed, 0xCE])
        span = (self.window.end_us - self.window.start_us) / DAY_US + 2 * 365
        return history(rng, 1, 24, 24, self.window.end_us, span, prefix="v")

    def columns(self, block: int, sched: Schedule, wanted: list[str]) -> dict[str, pa.Array]:

        rng = block_rng(self.seed, block, 1)
        n, slots = sched.sites, self.window.slots
        site, slot = sched.site, sched.slot
        first = first_slots(sched)
        last = np.zeros(n, np.int64)
        np.maximum.at(last, site, slot.astype(np.int64))
        # a recreated file: from slot `recreate` on, a new id counting from zero
        recreate = np.where(
            (rng.random(n) < P_RECREATE) & (last > first),
            first + 1 + (rng.random(n) * np.maximum(last - first, 1)).astype(np.int64),
            slots + 1,
        )
        recreate = np.minimum(recreate, slots + 1)
        generation = (slot >= recreate[site]).astype(np.int64)
        out: dict[str, pa.Array] = {}
        ids = [
            pa.array(uuids(self.seed, "pace", sched.first_site, n, g), pa.string()) for g in (0, 1)
        ]
        both = pa.concat_arrays(ids)
        out["id"] = both.take(pa.array(site + n * generation))
        names = [o for o, _ in OPERATING_SYSTEMS]
        weights = np.asarray([w for _, w in OPERATING_SYSTEMS])
        osys = rng.choice(len(names), n, p=weights / weights.sum())
        out["operating_system"] = dict_column(osys[site], pa.array(names, pa.string()))
        snaps = snapshots(rng, sched, self.window, 45, 30, 5)
        version = self.releases.at(snaps.at(site, slot))
        out["cli_version"] = dict_column(version, pa.array(self.releases.versions, pa.string()))
        out["metric_points"] = self._points(rng, sched, first, recreate)
        return {name: out[name] for name in wanted}

    def _points(
        self, rng: np.random.Generator, sched: Schedule, first: np.ndarray, recreate: np.ndarray
    ) -> pa.Array:
        """The cumulative (command, exit code) counters of each upload."""

        n, rows, slots = sched.sites, sched.rows, self.window.slots
        period_days = self.window.period_us / DAY_US
        popularity = zipf_weights(len(COMMANDS), 1.1)
        # each install's commands: 1 + Poisson(4) of them, drawn by popularity (Gumbel top-k)
        k = np.clip(1 + rng.poisson(4.0, n), 1, len(COMMANDS))
        keys = np.log(popularity)[None, :] + rng.gumbel(size=(n, len(COMMANDS)))
        rank = np.argsort(np.argsort(-keys, axis=1), axis=1)
        uses = rank < k[:, None]
        e_site, e_cmd = np.nonzero(uses)
        # runs per day: the user's pace, split over their commands by popularity
        pace = rng.lognormal(np.log(1.5), 1.1, n)
        share = popularity[e_cmd] / np.bincount(e_site, popularity[e_cmd], minlength=n)[e_site]
        rate = pace[e_site] * share
        fail = np.asarray([f for _, f in COMMANDS])[e_cmd] * rng.lognormal(0, 0.5, len(e_site))
        fail = np.minimum(fail, 0.8)
        # entries (install, command, exit code): code 0 and each error code
        codes = np.asarray([0] + [c for c, _ in ERROR_CODES])
        split = np.asarray([1.0] + [s for _, s in ERROR_CODES])
        c_rate = self._code_rates(rate, fail, split)
        entry, code = np.nonzero(c_rate > 0)  # sorted by install, command, code
        lam = c_rate[entry, code]
        ent_site = e_site[entry]
        # usage per slot while the install exists, and the counts of its past
        grid = np.arange(slots)[None, :]
        alive = grid >= first[ent_site][:, None]
        runs = rng.poisson(lam[:, None] * period_days * alive)
        past_days = np.where(first[ent_site] == 0, rng.uniform(0, 365, len(entry)), 0.0)
        past = rng.poisson(lam * past_days)
        total = past[:, None] + np.cumsum(runs, axis=1)
        # a recreated file counts from its creation
        r = recreate[ent_site]
        before = np.where(r <= slots, total[np.arange(len(entry)), np.clip(r - 1, 0, slots - 1)], 0)
        total = np.where(grid >= r[:, None], total - before[:, None], total)
        # each upload lists the entries of its install with a count above zero
        start = np.searchsorted(ent_site, np.arange(n))
        cnt = np.bincount(ent_site, minlength=n)
        owner, item, _ = expand(start[sched.site], cnt[sched.site])
        value = total[item, sched.slot[owner]]
        keep = value > 0
        owner, item, value = owner[keep], item[keep], value[keep]
        paths = pa.array([c for c, _ in COMMANDS], pa.string())
        return list_column(
            list_offsets(owner, rows),
            [
                dict_column(e_cmd[entry[item]], paths),
                pa.array(codes[code[item]], pa.int64()),
                pa.array(value, pa.int64()),
            ],
            ("command_path", "exit_code", "cumulative_count"),
        )

    @staticmethod
    def _code_rates(rate: np.ndarray, fail: np.ndarray, split: np.ndarray) -> np.ndarray:
        """Runs per day of each (install, command) entry ending with each exit code."""

        ok = (rate * (1 - fail))[:, None]
        errors = (rate * fail)[:, None] * split[None, 1:]
        return np.concatenate([ok, errors], axis=1)
