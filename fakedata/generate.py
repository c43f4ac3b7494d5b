"""The generator seam: a source and its options in, Arrow record batches out.

Population model (kept deliberately simple here): ``sites`` installations, each with a
state drawn once (its lists, counts, names) that it reports every ``cadence_days``
between the day it joins and the day it leaves, ending at ``as_of``. Per-report fields
(timestamps, message ids) change at every report. Values come from the field's type,
mode and name (see ``fakedata.values``); sampling is vectorized with NumPy and builds
Arrow arrays directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fakedata.errors import UserError

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.source import Source

# Top-level field names that change at every report rather than belong to the site.
PER_REPORT = {"message_id", "timestamp", "ip", "received_at", "created", "date"}
BATCH_ROWS = 8192


@dataclass(frozen=True)
class Options:
    """What to generate. Same options and seed → the same rows, byte for byte."""

    sites: int
    days: int
    seed: int
    as_of: dt.date

    @classmethod
    def for_source(
        cls,
        source: Source,
        sites: int | None = None,
        days: int | None = None,
        seed: int | None = None,
        as_of: dt.date | None = None,
    ) -> Options:
        pop = source.population
        opts = cls(
            sites=pop.sites if sites is None else sites,
            days=pop.days if days is None else days,
            seed=pop.seed if seed is None else seed,
            as_of=pop.as_of if as_of is None else as_of,
        )
        if opts.sites < 1:
            raise UserError(f"--sites must be at least 1, not {opts.sites}")
        if opts.days < 1:
            raise UserError(f"--days must be at least 1, not {opts.days}")
        if opts.seed < 0:
            raise UserError(f"--seed must be a non-negative integer, not {opts.seed}")
        return opts


def report_schedule(
    rng: np.random.Generator, sites: int, days: int, cadence: int, as_of: dt.date
) -> tuple[np.ndarray, np.ndarray]:
    """(site index, report time in µs since epoch) for every report, in time order.

    Most sites report throughout the window; some join late or leave early, and each
    misses a report now and then. Every site reports at least once.
    """
    import numpy as np

    end = np.datetime64(as_of, "D") + np.timedelta64(1, "D")
    start = end - np.timedelta64(days, "D")
    period = max(cadence, 1)
    slots = max(days // period, 1)
    join = np.where(rng.random(sites) < 0.15, rng.integers(0, slots, sites), 0)
    leave = np.where(rng.random(sites) < 0.10, rng.integers(0, slots, sites), slots - 1)
    leave = np.maximum(leave, join)
    present = (np.arange(slots)[None, :] >= join[:, None]) & (
        np.arange(slots)[None, :] <= leave[:, None]
    )
    present &= rng.random((sites, slots)) >= 0.05  # a missed week now and then
    never = ~present.any(axis=1)
    present[never, join[never]] = True
    site_idx, slot = np.nonzero(present)
    offset_us = rng.integers(0, period * 86_400_000_000, sites)  # each site's cron time
    start_us = start.astype("datetime64[us]").astype(np.int64)
    when = start_us + slot.astype(np.int64) * period * 86_400_000_000 + offset_us[site_idx]
    order = np.lexsort((site_idx, when))
    return site_idx[order], when[order]


def generate(source: Source, options: Options) -> Iterator[pa.RecordBatch]:
    """Yield the dataset as record batches following the source's Arrow schema."""
    import numpy as np
    import pyarrow as pa

    from fakedata.arrow import arrow_schema
    from fakedata.values import ValueFactory

    schema = source.schema
    target = arrow_schema(schema)
    rng = np.random.default_rng(np.random.SeedSequence([options.seed, 0x7E1E]))
    site_idx, when = report_schedule(
        rng, options.sites, options.days, source.cadence_days, options.as_of
    )
    end_us = int(np.datetime64(options.as_of + dt.timedelta(days=1), "us").astype(np.int64))
    window = (end_us - options.days * 86_400_000_000, end_us)
    values = ValueFactory(rng, options.seed, source, window)
    n_reports = len(site_idx)
    site_cols: dict[str, pa.Array] = {}
    for f in schema:
        if f.name.lower() not in PER_REPORT:
            site_cols[f.name] = values.column(f, options.sites, per_site=True)
    site_take = pa.array(site_idx, pa.int64())
    for start in range(0, n_reports, BATCH_ROWS):
        stop = min(start + BATCH_ROWS, n_reports)
        idx = site_take.slice(start, stop - start)
        arrays = []
        for f in schema:
            if f.name in site_cols:
                arrays.append(site_cols[f.name].take(idx))
            else:
                arrays.append(values.column(f, stop - start, when=when[start:stop]))
        yield pa.RecordBatch.from_arrays(
            [a.cast(t.type) for a, t in zip(arrays, target, strict=True)], schema=target
        )
