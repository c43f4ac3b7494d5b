"""Plausible values for any BigQuery field, from its type, mode and name.

Zero configuration: a new plugin's schema gets sensible values at once. Vocabularies
come from Faker (seeded) and from the Forge module list; sampling is vectorized.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING

from fakedata.schema import Field

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.source import Source

OS_FAMILIES = ["RedHat", "Debian", "Windows", "Suse", "FreeBSD", "Darwin", "Archlinux", "AIX"]
OS_WEIGHTS = [0.46, 0.33, 0.1, 0.04, 0.02, 0.02, 0.02, 0.01]
NULL_RATE = 0.01  # top-level NULLABLE scalars: a plugin that failed to report


def forge_modules() -> list[str]:
    text = resources.files("fakedata").joinpath("vocab/forge-modules.json").read_text("utf-8")
    return list(json.loads(text)["modules"])


class ValueFactory:
    """Makes Arrow arrays of fake values for schema fields."""

    def __init__(
        self, rng: np.random.Generator, seed: int, source: Source, window_us: tuple[int, int]
    ) -> None:
        self.rng = rng
        self.seed = seed
        self.source = source
        self.window_us = window_us  # [start, end) of the dataset, µs since the epoch

    @cached_property
    def words(self) -> np.ndarray:
        import numpy as np
        from faker import Faker

        fake = Faker("en_US")
        fake.seed_instance(self.seed)
        words = sorted({w.lower() for w in fake.words(600)})
        return np.array(words, dtype=object)

    @cached_property
    def forge(self) -> tuple[np.ndarray, np.ndarray]:
        """Forge slugs and Zipf-like popularity weights (a few on most sites, a long tail)."""
        import numpy as np

        slugs = np.array(forge_modules(), dtype=object)
        order = np.random.default_rng(self.seed).permutation(len(slugs))
        for rank, slug in enumerate(("puppetlabs-stdlib", "puppetlabs-concat")):
            hits = np.nonzero(slugs[order] == slug)[0]
            if len(hits):
                order[[rank, hits[0]]] = order[[hits[0], rank]]
        weights = 1.0 / np.arange(1, len(slugs) + 1) ** 1.1
        return slugs[order], weights / weights.sum()

    # -- columns -------------------------------------------------------------------------

    def column(
        self,
        f: Field,
        n: int,
        per_site: bool = False,
        when: np.ndarray | None = None,
        nested: bool = False,
    ) -> pa.Array:
        import numpy as np
        import pyarrow as pa

        if f.repeated:
            lengths = self.lengths(f, n)
            offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
            values = self.values(f, int(offsets[-1]), per_site=per_site, when=None, parent=f)
            from fakedata.arrow import arrow_type

            return pa.ListArray.from_arrays(
                pa.array(offsets, pa.int32()), values, type=arrow_type(f)
            )
        mask = None
        skip_nulls = f.name in self.source.identifiers or f.name == self.source.entity
        if f.mode == "NULLABLE" and not skip_nulls and when is None and not nested:
            mask = self.rng.random(n) < NULL_RATE
        return self.values(f, n, per_site=per_site, when=when, mask=mask)

    def lengths(self, f: Field, n: int) -> np.ndarray:
        import numpy as np

        name = f.name.lower()
        if "module" in name and "unused" not in name:
            return np.clip(self.rng.lognormal(2.8, 0.8, n), 0, 400).astype(np.int64)
        if "ruby" in name or "method" in name:
            return np.where(self.rng.random(n) < 0.9, 0, self.rng.integers(1, 4, n))
        return self.rng.poisson(4, n)

    def values(
        self,
        f: Field,
        n: int,
        per_site: bool = False,
        when: np.ndarray | None = None,
        mask: np.ndarray | None = None,
        parent: Field | None = None,
    ) -> pa.Array:
        import pyarrow as pa

        from fakedata.arrow import arrow_type

        if f.is_record:
            children = {c.name: self.column(c, n, per_site, nested=True) for c in f.fields}
            names = {c.name.lower(): c.name for c in f.fields}
            if "slug" in names and "name" in names:
                slugs = children[names["slug"]].to_numpy(zero_copy_only=False)
                children[names["name"]] = pa.array(
                    [s.split("-", 1)[-1] for s in slugs], pa.string()
                )
            struct_type = arrow_type(Field(f.name, "RECORD", "NULLABLE", fields=f.fields))
            return pa.StructArray.from_arrays(
                [children[c.name] for c in f.fields],
                fields=list(struct_type),
                mask=None if mask is None else pa.array(mask),
            )
        data = self.leaf(f, n, per_site, when, parent)
        leaf_type = arrow_type(Field(f.name, f.type, "NULLABLE"))
        return pa.array(data, type=leaf_type, mask=mask)

    def leaf(
        self, f: Field, n: int, per_site: bool, when: np.ndarray | None, parent: Field | None
    ) -> object:
        import numpy as np

        rng, name = self.rng, f.name.lower()
        context = parent.name.lower() if parent else ""
        if f.type == "STRING":
            if name == "slug":
                slugs, p = self.forge
                return rng.choice(slugs, n, p=p)
            if "version" in name:
                major, minor, patch = rng.integers(0, 10, (3, n))
                text = [f"{a}.{b}.{c}" for a, b, c in zip(major, minor, patch, strict=True)]
                if "requirement" in name:
                    text = [f">= {v} < {int(v.split('.')[0]) + 1}.0.0" for v in text]
                return text
            if name in ("platform", "osfamily", "os_family", "os"):
                return rng.choice(OS_FAMILIES, n, p=OS_WEIGHTS)
            if name == "ip" or name.endswith("_ip"):
                octets = rng.integers(1, 255, (4, n))
                return [".".join(map(str, o)) for o in octets.T]
            if name.endswith("id") or name == "uuid":
                raw = rng.integers(0, 256, (n, 16), dtype=np.uint8)
                return [bytes(r).hex() for r in raw]
            if "class" in context and name == "name":
                mods = rng.choice(self.forge[0], n, p=self.forge[1])
                subs = rng.choice(self.words, n)
                deep = rng.random(n) < 0.6
                return [
                    _class_name(m, s if d else None)
                    for m, s, d in zip(mods, subs, deep, strict=True)
                ]
            return rng.choice(self.words, n)
        if f.type == "INTEGER":
            if "count" in name:
                return np.floor(rng.lognormal(0.8, 1.1, n)).astype(np.int64) + 1
            return rng.integers(0, 1000, n)
        if f.type == "FLOAT":
            return np.round(rng.lognormal(1.0, 1.0, n), 6)
        if f.type in ("NUMERIC", "BIGNUMERIC"):
            return [Decimal(int(c)).scaleb(-2) for c in rng.integers(0, 10**7, n)]
        if f.type == "BOOLEAN":
            return rng.random(n) < 0.5
        if f.type in ("TIMESTAMP", "DATETIME", "DATE"):
            if when is None:
                when = rng.integers(self.window_us[0], self.window_us[1], n)
            stamps = np.asarray(when, dtype="datetime64[us]")
            return stamps.astype("datetime64[D]") if f.type == "DATE" else stamps
        if f.type == "TIME":
            return rng.integers(0, 86_400_000_000, n).astype("timedelta64[us]").astype(np.int64)
        if f.type == "BYTES":
            if (
                per_site and parent is None
            ):  # a stable per-site digest, like Dropsonde's SHA-512 site id
                return [
                    hashlib.sha512(f"{self.seed}:{f.name}:{i}".encode()).digest() for i in range(n)
                ]
            return [bytes(r) for r in rng.integers(0, 256, (n, 16), dtype=np.uint8)]
        if f.type == "GEOGRAPHY":
            lon, lat = rng.uniform(-180, 180, n), rng.uniform(-90, 90, n)
            return [f"POINT({a:.4f} {b:.4f})" for a, b in zip(lon, lat, strict=True)]
        if f.type == "JSON":
            return [json.dumps({"value": int(v)}) for v in rng.integers(0, 100, n)]
        raise AssertionError(f"unhandled type {f.type}")


def _class_name(slug: str, sub: str | None) -> str:
    base = slug.split("-", 1)[-1]
    top = "::".join(p.capitalize() for p in base.split("::"))
    return f"{top}::{sub.capitalize()}" if sub else top
