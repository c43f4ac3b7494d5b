"""The public catalogue a Puppet fleet draws from: release histories and Facter's names.

The most used Forge modules, the Dropsonde client, Facter and Puppet have their real
release histories in ``vocab/forge-releases.json`` (each with its source). Every other
Forge module gets a synthetic history derived from its name alone (not from the dataset
seed), so that one module has the same releases in every dataset: a first release some
time between 2013 and 2025, then releases every few months until the module is
abandoned (popular modules are still maintained), stepping patch, minor or major.

OS families are the values of Facter's ``osfamily`` fact, spelled as Facter spells them
(``windows`` is the kernel name Facter reports on Windows, ``Solaris`` on Solaris), which
is what Dropsonde's ``platforms`` plugin reports. Puppetfile commands are the
receiver-less method calls Dropsonde's ``puppetfiles`` plugin keeps (Ripper ``:command``
nodes) once it has dropped the Puppetfile DSL itself (``mod``, ``forge``, ``moduledir``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fakedata.population import DAY_US
from fakedata.releases import History

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# Facter's osfamily values (lib/facter/facts/*/os/family.rb: Windows reports its kernel,
# "windows"; Solaris reports "Solaris"), weighted by how often a site runs each family.
OS_FAMILIES = [
    "RedHat", "Debian", "windows", "Suse", "Solaris", "FreeBSD", "Darwin", "Archlinux",
    "AIX", "Gentoo",
]  # fmt: skip
OS_WEIGHTS = [0.40, 0.30, 0.12, 0.05, 0.04, 0.03, 0.02, 0.02, 0.015, 0.005]
# What Puppetfiles call besides the DSL, without a receiver (File.join, ENV.fetch and
# Dir.glob have one and never reach the report); weights: how common each is.
PUPPETFILE_COMMANDS = [
    "require", "puts", "require_relative", "raise", "load", "warn", "eval", "print", "abort",
]  # fmt: skip
PUPPETFILE_WEIGHTS = [0.45, 0.15, 0.1, 0.08, 0.06, 0.06, 0.04, 0.03, 0.03]
DSL_METHODS = ("mod", "forge", "moduledir")  # dropped by the plugin (methods.reject!)
# Modules that only make sense on one OS family: their classes are declared on nodes of
# that family only (a site without such nodes may install the module, never declare it).
FAMILY_OF = {
    "puppetlabs-apt": "Debian",
    **dict.fromkeys(
        [
            "puppetlabs-chocolatey", "puppetlabs-registry", "puppetlabs-powershell",
            "puppetlabs-dsc_lite", "puppetlabs-acl", "puppetlabs-iis", "puppet-windows_env",
            "puppetlabs-wsus_client", "puppet-windowsfeature", "puppetlabs-windows",
            "puppet-windows_firewall",
        ],
        "windows",
    ),
    **dict.fromkeys(["puppet-yum", "puppetlabs-yumrepo_core", "stahnma-epel"], "RedHat"),
    "puppet-zypprepo": "Suse",
}  # fmt: skip
SYNTHETIC_FIRST = dt.date(2013, 1, 1)
SYNTHETIC_LAST = dt.date(2026, 9, 1)  # synthetic histories stop here, whatever the as-of date
MAX_RELEASES = 120
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


@cache
def catalogue() -> dict[str, Any]:
    """The parsed ``vocab/forge-releases.json``."""

    text = resources.files("fakedata").joinpath("vocab/forge-releases.json").read_text("utf-8")
    return json.loads(text)


def _us(day: str | dt.date) -> int:
    d = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return int(dt.datetime.combine(d, dt.time(), tzinfo=dt.UTC).timestamp()) * 1_000_000


def _history(entry: dict[str, Any]) -> History:
    releases = entry["releases"]
    return History(
        [v for v, _ in releases], np.asarray([_us(d) for _, d in releases], dtype=np.int64)
    )


def product_history(name: str) -> History:
    """Real releases of ``dropsonde``, ``facter`` or ``puppet``, oldest first."""

    return _history(catalogue()[name])


def module_history(slug: str, maintained: bool = False) -> History:
    """The module's releases: the recorded ones, or a synthetic history from its name."""

    versions, released, _ = module_histories([slug], np.asarray([maintained]))
    return History(versions.to_pylist(), released)


def module_histories(
    slugs: list[str], maintained: np.ndarray
) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """Releases of each module, oldest first, flat: (versions, release times, per-module count)."""

    known = catalogue()["modules"]
    versions, released, count = synthetic_histories(slugs, maintained)
    if not any(s in known for s in slugs):
        return versions, released, count
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    parts_v: list[pa.Array] = []
    parts_t: list[np.ndarray] = []
    for i, slug in enumerate(slugs):
        if slug in known:
            h = _history(known[slug])
            parts_v.append(pa.array(h.versions, pa.string()))
            parts_t.append(h.released_us)
            count[i] = len(h.versions)
        else:
            parts_v.append(versions.slice(start[i], count[i]))
            parts_t.append(released[start[i] : start[i] + count[i]])
    return pa.concat_arrays(parts_v), np.concatenate(parts_t), count


def synthetic_histories(
    slugs: list[str], maintained: np.ndarray
) -> tuple[pa.Array, np.ndarray, np.ndarray]:
    """Plausible semver releases of each module, the same in every dataset.

    Every number is drawn from a counter-based hash of the module name (not from the
    dataset's seed). A history starts between ``SYNTHETIC_FIRST`` and 2025 with ``x.y.0``;
    releases follow every few months (exponential gaps) until the module is abandoned, a
    few years later, or for ``maintained`` modules until shortly before
    ``SYNTHETIC_LAST``. Each release steps the patch (62 %), minor (30 %) or major (8 %)
    number. Returns (versions, release times, releases per module).
    """

    seeds = np.asarray(
        [int.from_bytes(hashlib.sha256(s.encode()).digest()[:8], "little") for s in slugs],
        dtype=np.uint64,
    )
    u = _uniforms(seeds, 7 + 2 * MAX_RELEASES)
    lo, hi = _us(SYNTHETIC_FIRST), _us(SYNTHETIC_LAST)
    span = (hi - lo) // DAY_US
    first = (
        lo + np.floor(u[:, 0] * np.where(maintained, 0.35, 0.9) * span).astype(np.int64) * DAY_US
    )
    normal = np.sqrt(-2 * np.log1p(-u[:, 1])) * np.cos(2 * np.pi * u[:, 2])
    life = np.exp(np.log(3 * 365) + 0.8 * normal)
    abandoned = np.minimum(hi, first + life.astype(np.int64) * DAY_US)
    last = np.where(
        maintained, hi - (-60 * np.log1p(-u[:, 3])).astype(np.int64) * DAY_US, abandoned
    )
    gap = np.where(maintained, 40 + 80 * u[:, 4], 60 + 240 * u[:, 4])
    steps_u = u[:, 5 : 5 + MAX_RELEASES]
    gaps = np.maximum(1, (-gap[:, None] * np.log1p(-steps_u)).astype(np.int64))
    gaps[:, 0] = 0
    times = first[:, None] + np.cumsum(gaps, axis=1) * DAY_US
    count = np.maximum(1, (times <= np.maximum(last, first)[:, None]).sum(axis=1))
    keep = np.arange(MAX_RELEASES)[None, :] < count[:, None]
    major0 = np.floor(np.log1p(-u[:, 5 + MAX_RELEASES]) / np.log(0.5)).astype(np.int64)
    minor0 = (u[:, 6 + MAX_RELEASES] * 3).astype(np.int64)
    steps = u[:, 7 + MAX_RELEASES : 7 + 2 * MAX_RELEASES][keep]
    major, minor, patch = _histories(steps, count, major0, minor0)
    text = pc.binary_join_element_wise(
        *(pa.array(x).cast(pa.string()) for x in (major, minor, patch)), "."
    )
    return text, times[keep], count.astype(np.int64)


def _uniforms(seeds: np.ndarray, k: int) -> np.ndarray:
    """(len(seeds), k) uniforms in [0, 1): splitmix64 of each seed and counter."""

    with np.errstate(over="ignore"):
        x = seeds[:, None] + (np.arange(1, k + 1, dtype=np.uint64) * _GOLDEN)[None, :]
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return (x >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _histories(
    steps: np.ndarray, count: np.ndarray, major0: np.ndarray, minor0: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each module's releases: a patch (62 %), minor (30 %) or major (8 %) step at a time.

    Module ``i`` has ``count[i]`` releases from ``major0[i].minor0[i].0``; the step into
    release ``j`` is ``steps[off + j - 1]``. Per release: (major, minor, patch).
    """

    total = len(steps)
    start = np.zeros(total, bool)
    start[np.cumsum(count) - count] = True
    owner = np.cumsum(start) - 1
    kind = np.where(steps < 0.62, 0, np.where(steps < 0.92, 1, 2))
    before = np.concatenate([[-1], kind[:-1]])
    before[start] = -1  # no step into a module's first release
    pos = np.arange(total)

    def since(reset: np.ndarray, counted: np.ndarray) -> np.ndarray:
        last = np.maximum.accumulate(np.where(reset | start, pos, 0))
        cum = np.cumsum(counted)
        return cum - cum[last], last

    is_major = before == 2
    major = major0[owner] + since(np.zeros(total, bool), is_major)[0]
    minor, last = since(is_major, before == 1)
    minor = minor + np.where(is_major[last], 0, minor0[owner])
    patch = since(is_major | (before == 1), before == 0)[0]
    return major, minor, patch


def apportion(expected: np.ndarray) -> np.ndarray:
    """Whole numbers per row that sum to the row's (whole) total, each within 1 of expected.

    Largest remainder: the floors, plus one for the largest fractional parts. A value is
    never above ``ceil(expected)``, so a share of a count never exceeds what it is a share
    of (the nodes of an OS family, when ``expected`` is a count times that family's share).
    """

    total = np.rint(expected.sum(axis=1)).astype(np.int64)
    floor = np.floor(expected + 1e-9).astype(np.int64)
    short = total - floor.sum(axis=1)
    frac = expected - floor
    order = np.argsort(-frac, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(expected.shape[1])[None, :], axis=1)
    return floor + (rank < short[:, None])
