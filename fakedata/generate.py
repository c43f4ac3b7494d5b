"""The generator seam: a source and its options in, Arrow record batches out.

The population (``fakedata.population``) says which site reports when; a site's state
is drawn once and persists between its reports, changing now and then (a value
re-drawn at a random week). A source whose ``[population] model`` names a fleet model
(``dropsonde``, ``pulp``, ``pace``) gets the correlated plugin columns of that model; every other column
comes from ``fakedata.values`` (type, mode and name, or the field's rule).

Batches follow ``fakedata.arrow.arrow_schema`` except that string leaves of model
columns may be dictionary-encoded (the same values; ``decoded()`` gives the exact
types). All randomness is keyed by (seed, block of sites, stream), so the rows do not
depend on ``chunk_rows`` or on threads.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from fakedata.arrow import arrow_schema, nullability_of
from fakedata.population import MODELS, Window, block_count, block_rng, schedule
from fakedata.values import PER_REPORT, ValueFactory, site_digests
from wbcore.errors import UserError

if TYPE_CHECKING:
    import pyarrow as pa

    from fakedata.source import Source

BATCH_ROWS = 8192
THREADS = 1  # block builders beside the consumer of ``generate``; 0: none
MAX_PROCESSES = 4  # automatic worker processes: one per CPU up to this (memory grows with it)
SITE_CHANGE = 0.05  # share of sites whose per-site value of a field changes in the window


@dataclass(frozen=True)
class Options:
    """What to generate. Same options and seed → the same rows, byte for byte."""

    sites: int
    days: int
    seed: int
    as_of: dt.date
    chunk_rows: int = BATCH_ROWS  # rows per yielded batch: memory, never the data
    threads: int = THREADS  # block-building worker threads: speed, never the data
    processes: int = 1  # worker processes of write_dataset (0: see workers): speed, never the data

    @classmethod
    def for_source(
        cls,
        source: Source,
        sites: int | None = None,
        days: int | None = None,
        seed: int | None = None,
        as_of: dt.date | None = None,
        chunk_rows: int = BATCH_ROWS,
        threads: int = THREADS,
        processes: int = 1,
    ) -> Options:
        """Options with the source's defaults; ``processes=0``: chosen by ``workers``.

        One process unless asked: forking is for commands (``workbench fake-data``), not
        for a notebook kernel's process full of threads.
        """
        pop = source.population
        opts = cls(
            sites=pop.sites if sites is None else sites,
            days=pop.days if days is None else days,
            seed=pop.seed if seed is None else seed,
            as_of=pop.as_of if as_of is None else as_of,
            chunk_rows=chunk_rows,
            threads=threads,
            processes=processes,
        )
        if opts.sites < 1:
            raise UserError(f"--sites must be at least 1, not {opts.sites}")
        if opts.sites > 10_000_000:
            raise UserError(f"--sites must be at most 10,000,000, not {opts.sites:,}")
        if opts.days < 1:
            raise UserError(f"--days must be at least 1, not {opts.days}")
        if opts.days > 36_500:
            raise UserError(f"--days must be at most 36500, not {opts.days}")
        if opts.seed < 0:
            raise UserError(f"--seed must be a non-negative integer, not {opts.seed}")
        if not dt.date(1971, 1, 1) <= opts.as_of - dt.timedelta(days=opts.days):
            raise UserError(f"--as-of {opts.as_of} minus --days {opts.days} is before 1971")
        if opts.processes < 0:
            raise UserError(f"processes must not be negative, not {opts.processes}")
        if opts.threads < 0:
            raise UserError(f"threads must not be negative, not {opts.threads}")
        if opts.chunk_rows < 1:
            raise UserError(f"chunk size must be at least 1 row, not {opts.chunk_rows}")
        return opts

    def workers(self, jsonl: bool) -> int:
        """Worker processes of ``write_dataset``: ``processes``, or if 0, one per CPU (at
        most MAX_PROCESSES) with JSON Lines, else 1 (the writer's own process).

        A worker hands its row groups' Arrow data to the writer's process, and receiving
        them costs that process about as much as generating them: for Parquet alone, one
        thread generating beside pyarrow's writer (which works without the GIL) is faster
        (20,000 Dropsonde sites on 2 cores: 2.8 s, 3.5 s with two workers). JSON Lines are
        rendered by the workers and handed over as files, and there two workers pay.
        """
        if self.processes:
            return self.processes
        return min(os.cpu_count() or 1, MAX_PROCESSES) if jsonl else 1


def generate(
    source: Source, options: Options, progress: Callable[[int], None] | None = None
) -> Iterator[pa.RecordBatch]:
    """Yield the dataset as record batches; ``progress(sites_done)`` after each block.

    Blocks are built by ``options.threads`` worker threads (NumPy and Arrow release the
    GIL) while the caller consumes earlier ones (0: built by the caller, one at a time);
    ``threads`` blocks in flight at most, so memory stays bounded by the block size. Block 0 is built first, alone: it draws
    every dataset-wide vocabulary before threads share them.
    """

    plan = Plan(source, options)
    blocks = block_count(options.sites)

    def emit(batch: pa.RecordBatch, sites_done: int) -> Iterator[pa.RecordBatch]:
        for start in range(0, batch.num_rows, options.chunk_rows):
            yield batch.slice(start, options.chunk_rows)
        if progress is not None:
            progress(sites_done)

    yield from emit(*plan.block(0))
    if blocks == 1:
        return
    if options.threads == 0:
        for block in range(1, blocks):
            yield from emit(*plan.block(block))
        return
    with ThreadPoolExecutor(options.threads, thread_name_prefix="fakedata") as pool:
        todo = iter(range(1, blocks))
        running = deque(pool.submit(plan.block, b) for b in islice(todo, options.threads))
        try:
            while running:
                batch, done = running.popleft().result()
                nxt = next(todo, None)
                if nxt is not None:
                    running.append(pool.submit(plan.block, nxt))
                yield from emit(batch, done)
        finally:
            for f in running:
                f.cancel()


class Plan:
    """What every block shares: the schema, the value factory, the fleet model.

    ``block(b)`` builds block ``b`` alone; block 0 must be built first (it draws the
    dataset-wide vocabularies that later blocks share).
    """

    def __init__(self, source: Source, options: Options) -> None:

        self.source, self.options = source, options
        self.schema = source.schema
        self.target = arrow_schema(self.schema)
        self.rules = source.field_rules
        self.window = Window.of(options.as_of, options.days, source.cadence_days)
        self.values = ValueFactory(options.seed, source.name, self.rules)
        self.model, self.modelled, self.fleet = None, [], None
        if source.population.model in MODELS:
            module = importlib.import_module(MODELS[source.population.model])
            self.modelled = [c for c in module.applies(self.schema) if c.lower() not in self.rules]
            self.model = module.make(self.values, options.seed, self.window)
            self.fleet = module.FLEET
        self.entity = (source.entity or "").lower()
        self.physical: pa.Schema | None = None

    def block(self, block: int) -> tuple[pa.RecordBatch, int]:
        """Block ``block`` as one record batch, and the number of sites up to its end."""

        options, window, values, rules = self.options, self.window, self.values, self.rules
        bounds = (window.start_us, window.end_us)
        sched = schedule(options.seed, block, options.sites, window, self.fleet)
        rows, n = sched.rows, sched.sites
        site_rng = block_rng(options.seed, block, 2)
        report_rng = block_rng(options.seed, block, 3)
        from_model = self.model.columns(block, sched, self.modelled) if self.model else {}
        arrays = []
        for f, t in zip(self.schema, self.target, strict=True):
            name = f.name.lower()
            rule = rules.get(name)
            if f.name in from_model:
                arrays.append(from_model[f.name])
                continue
            if name == self.entity and not rule:
                ids = site_digests(options.seed, self.source.name, sched.first_site, n)
                if f.type == "STRING":
                    ids = pa.array([b.hex() for b in ids.to_pylist()], pa.string())
                col = ids.take(pa.array(sched.site))
            elif (rule and rule.per == "report") or (
                (not rule or rule.per is None) and name in PER_REPORT
            ):
                col = values.column(f, rows, report_rng, when=sched.when_us, window=bounds)
            else:
                # per site: the value at first, another one from a random week on
                both = values.column(f, 2 * n, site_rng, window=bounds)
                change = np.where(
                    site_rng.random(n) < SITE_CHANGE,
                    site_rng.integers(1, max(window.slots, 2), n),
                    window.slots,
                )
                pick = sched.site + n * (sched.slot >= change[sched.site])
                col = both.take(pa.array(pick))
            arrays.append(col.cast(t.type) if col.type != t.type else col)
        arrays = [
            _required_where_required(a, t.type) for a, t in zip(arrays, self.target, strict=True)
        ]
        if self.physical is None:
            self.physical = pa.schema(
                [
                    pa.field(t.name, a.type, t.nullable)
                    for t, a in zip(self.target, arrays, strict=True)
                ]
            )
        batch = pa.RecordBatch.from_arrays(arrays, schema=self.physical)
        return batch, sched.first_site + n


def _required_where_required(array: pa.Array, target: pa.DataType) -> pa.Array:
    """The array typed with the schema's nested nullability (a zero-copy view)."""

    typ = nullability_of(array.type, target)
    return array if typ == array.type else array.view(typ)


def decoded(batch: pa.RecordBatch, target: pa.Schema) -> pa.RecordBatch:
    """The batch with the exact Arrow types of the schema (dictionary leaves decoded)."""
    return batch if batch.schema == target else batch.cast(target)
