"""The Pulp fleet model: what a Pulp installation's daily analytics post holds.

Each system (one Pulp database, a random UUID) runs ``core`` and a mix of plugins. All
its components are installed or upgraded together (the installer upgrades a whole
deployment), so each runs the newest release out at the system's snapshot time; the
``file`` and ``certguard`` plugins ship inside pulpcore and carry its version. Worker
and content-app processes are a number per host times the hosts (so never fewer
processes than hosts), with the odd moment when none is online. PostgreSQL reports its
version number as ``major * 10000 + minor`` (13.11 → 130011); minor updates arrive every
quarter and systems pick them up late. RBAC counts are heavy-tailed: most systems have a
handful of users and no custom roles, a few have thousands of users.

Pulp's fleet has more churn than Puppet's: CI and trial installations post for a day or
three and vanish, which is why Pulp counts only persistent systems.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from fakedata.columns import dict_column, list_column, list_offsets
from fakedata.population import DAY_US, Fleet, Schedule, Window, block_rng
from fakedata.releases import History, history, snapshots, uuids

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.schema import Schema
    from fakedata.values import ValueFactory

FLEET = Fleet(churn_per_month=0.2, short_lived=0.08)


@dataclass(frozen=True)
class Component:
    name: str
    share: float  # share of systems that install it
    major: int
    newest_minor: int
    spacing_days: float  # days between minor releases
    same_as: str | None = None  # shipped inside another component, with its version


COMPONENTS = [
    Component("core", 1.0, 3, 88, 28),
    Component("rpm", 0.55, 3, 31, 45),
    Component("container", 0.45, 2, 26, 40),
    Component("file", 0.7, 0, 0, 0, same_as="core"),
    Component("ansible", 0.3, 0, 27, 50),
    Component("python", 0.2, 3, 16, 60),
    Component("deb", 0.12, 3, 8, 70),
    Component("certguard", 0.3, 0, 0, 0, same_as="core"),
    Component("gem", 0.03, 0, 7, 120),
    Component("ostree", 0.04, 2, 6, 90),
    Component("maven", 0.02, 0, 10, 120),
    Component("npm", 0.02, 0, 4, 120),
]
# PostgreSQL majors: release date, the last minor (None: still supported), fleet share.
POSTGRES = {
    12: (dt.date(2019, 10, 3), 22, 0.12),
    13: (dt.date(2020, 9, 24), 23, 0.32),
    14: (dt.date(2021, 9, 30), None, 0.14),
    15: (dt.date(2022, 10, 13), None, 0.24),
    16: (dt.date(2023, 9, 14), None, 0.18),
}
QUARTER_US = int(91.3 * DAY_US)
SHAPES = {
    "system_id": (),
    "online_content_apps": ("processes", "hosts"),
    "online_workers": ("processes", "hosts"),
    "components": ("name", "version"),
    "postgresql_version": (),
    "rbac_stats": ("users", "groups", "domains", "custom_access_policies", "custom_roles"),
}
NONE_ONLINE = 0.005  # a post made while no content app (or worker) was online


def applies(schema: Schema) -> list[str]:
    """The columns of ``schema`` this model fills (exact shape match)."""
    names = {f.name: f for f in schema}
    out = []
    for col, children in SHAPES.items():
        f = names.get(col)
        if f is None:
            continue
        kids = tuple(c.name for c in f.fields)
        record = bool(children) and kids == children and f.repeated == (col == "components")
        scalar = not children and not f.is_record and not f.repeated
        if record or (scalar and f.type == ("STRING" if col == "system_id" else "INTEGER")):
            out.append(col)
    return out


def make(values: ValueFactory, seed: int, window: Window) -> PulpModel:
    return PulpModel(values, seed, window)


class PulpModel:
    """Builds the Pulp columns of one block of systems."""

    def __init__(self, values: ValueFactory, seed: int, window: Window) -> None:
        self.values = values
        self.seed = seed
        self.window = window

    @cached_property
    def histories(self) -> dict[str, History]:
        """Release histories of the components (dataset-wide)."""

        rng = np.random.default_rng([self.seed, 0x9C])
        span = (self.window.end_us - self.window.start_us) / DAY_US + 3 * 365
        out = {}
        for c in COMPONENTS:
            if c.same_as is None:
                out[c.name] = history(
                    rng, c.major, c.newest_minor, c.spacing_days, self.window.end_us, span
                )
        return out

    @cached_property
    def version_dictionary(self) -> tuple[pa.Array, dict[str, int]]:
        """All versions of all components as one dictionary, and each history's offset."""

        offsets, values = {}, []
        for name, h in self.histories.items():
            offsets[name] = len(values)
            values.extend(h.versions)
        return pa.array(values, pa.string()), offsets

    def columns(self, block: int, sched: Schedule, wanted: list[str]) -> dict[str, pa.Array]:

        rng = block_rng(self.seed, block, 1)
        n, site, slot = sched.sites, sched.site, sched.slot
        out: dict[str, pa.Array] = {}
        ids = pa.array(uuids(self.seed, "pulp", sched.first_site, n), pa.string())
        out["system_id"] = ids.take(pa.array(site))
        out["components"] = self._components(rng, sched)
        out["online_workers"] = self._processes(rng, sched, hosts_a=2.4, per_host=1.4)
        out["online_content_apps"] = self._processes(rng, sched, hosts_a=2.6, per_host=1.0)
        out["postgresql_version"] = pa.array(self._postgres(rng, sched), pa.int64())
        out["rbac_stats"] = self._rbac(rng, n, site, slot)
        return {name: out[name] for name in wanted}

    def _components(self, rng: np.random.Generator, sched: Schedule) -> pa.Array:

        n, rows = sched.sites, sched.rows
        shares = np.asarray([c.share for c in COMPONENTS])
        has = rng.random((n, len(COMPONENTS))) < shares[None, :]
        has[:, 0] = True  # every system runs core
        snaps = snapshots(rng, sched, self.window, 90, 60, 20)
        when = snaps.at(sched.site, sched.slot)
        dictionary, offsets = self.version_dictionary
        version = np.zeros((rows, len(COMPONENTS)), np.int32)
        for k, c in enumerate(COMPONENTS):
            name = c.same_as or c.name
            h = self.histories[name]
            version[:, k] = offsets[name] + h.at(when)
        row, comp = np.nonzero(has[sched.site])  # row-major: core first, then the plugins
        names = pa.array([c.name for c in COMPONENTS], pa.string())
        return list_column(
            list_offsets(row, rows),
            [dict_column(comp, names), dict_column(version[row, comp], dictionary)],
            ("name", "version"),
        )

    def _processes(
        self, rng: np.random.Generator, sched: Schedule, hosts_a: float, per_host: float
    ) -> pa.Array:
        """(processes, hosts): hosts heavy-tailed, processes a whole number per host."""

        n, site, slot = sched.sites, sched.site, sched.slot
        hosts = np.clip(rng.zipf(hosts_a, (n, 2)), 1, 64)
        each = np.clip(1 + rng.poisson(per_host, (n, 2)), 1, 16)
        change = np.where(rng.random(n) < 0.15, rng.integers(1, max(self.window.slots, 2), n), -1)
        k = ((change[site] >= 0) & (slot >= change[site])).astype(np.int64)
        h = hosts[site, k]
        p = h * each[site, k]
        off = rng.random(len(site)) < NONE_ONLINE
        h, p = np.where(off, 0, h), np.where(off, 0, p)
        return pa.StructArray.from_arrays(
            [pa.array(p, pa.int64()), pa.array(h, pa.int64())], names=["processes", "hosts"]
        )

    def _postgres(self, rng: np.random.Generator, sched: Schedule) -> np.ndarray:
        """``major * 10000 + minor`` of each report's PostgreSQL server."""

        majors = np.asarray(list(POSTGRES))
        weights = np.asarray([v[2] for v in POSTGRES.values()])
        major = rng.choice(len(majors), sched.sites, p=weights / weights.sum())
        released = np.asarray(
            [
                int(dt.datetime.combine(v[0], dt.time(), tzinfo=dt.UTC).timestamp()) * 1_000_000
                for v in POSTGRES.values()
            ],
            dtype=np.int64,
        )
        last = np.asarray([v[1] if v[1] is not None else 10_000 for v in POSTGRES.values()])
        # minor updates are applied late: a heavy-tailed lag, moving forward at upgrades
        snaps = snapshots(rng, sched, self.window, 150, 120, 60)
        when = snaps.at(sched.site, sched.slot)
        m = major[sched.site]
        minor = np.clip((when - released[m]) // QUARTER_US, 0, last[m])
        return majors[m] * 10_000 + minor

    def _rbac(
        self, rng: np.random.Generator, n: int, site: np.ndarray, slot: np.ndarray
    ) -> pa.Array:

        period_days = self.window.period_us / DAY_US
        users = np.clip(1 + np.floor(rng.lognormal(np.log(3), 1.6, n)), 1, 50_000)
        growth = np.where(rng.random(n) < 0.3, rng.lognormal(np.log(0.05), 1.0, n), 0.0)
        groups = np.where(
            rng.random(n) < 0.45, 0, np.clip(np.ceil(rng.lognormal(np.log(3), 1.3, n)), 1, 5000)
        )
        domains = np.where(rng.random(n) < 0.93, 1, 1 + np.ceil(rng.lognormal(np.log(4), 1.3, n)))
        policies = np.where(rng.random(n) < 0.88, 0, 1 + rng.poisson(2.0, n))
        roles = np.where(
            rng.random(n) < 0.75, 0, np.clip(np.ceil(rng.lognormal(np.log(3), 1.1, n)), 1, 2000)
        )
        grown = users[site] + np.floor(growth[site] * slot * period_days)  # users only grow
        cols = [grown, groups[site], domains[site], policies[site], roles[site]]
        return pa.StructArray.from_arrays(
            [pa.array(c.astype(np.int64), pa.int64()) for c in cols],
            names=list(SHAPES["rbac_stats"]),
        )
