"""Plausible values for any BigQuery field, from its type, mode and name, or its rule.

Zero configuration: a new plugin's schema gets sensible values at once (counts are small
and heavy-tailed, versions look like versions, slugs come from the Forge list, platforms
are OS families). ``source.toml`` rules (see ``fakedata.field_rules``) override the guesses.
Vocabularies come from Faker, seeded with the dataset's seed, drawn once into pools;
the bulk sampling is vectorized and builds Arrow arrays directly.
"""

from __future__ import annotations

import binascii
import hashlib
import json
import threading
from decimal import Decimal
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from faker import Faker

from fakedata.arrow import arrow_type
from fakedata.field_rules import Rule, draw_lengths, draw_numbers, transform
from fakedata.forge import OS_FAMILIES, OS_WEIGHTS
from fakedata.schema import Field

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

NULL_RATE = 0.01  # top-level NULLABLE scalars: a plugin that failed to report
# Top-level field names that change at every report rather than belong to the site.
PER_REPORT = {"message_id", "timestamp", "received_at", "created", "date", "uuid"}
WHEN_NAMES = {"timestamp", "received_at", "created", "date", "time", "submitted_at", "sent_at"}


def forge_modules() -> list[str]:
    text = resources.files("fakedata").joinpath("vocab/forge-modules.json").read_text("utf-8")
    return list(json.loads(text)["modules"])


def zipf_weights(n: int, exponent: float = 1.05) -> np.ndarray:

    w = 1.0 / np.arange(1, n + 1) ** exponent
    return w / w.sum()


def hex_strings(rng: np.random.Generator, n: int, nbytes: int = 16) -> pa.Array:
    """``n`` random hex ids as one Arrow string array, without a Python loop."""

    data = binascii.hexlify(rng.bytes(n * nbytes))
    offsets = np.arange(0, 2 * nbytes * n + 1, 2 * nbytes, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))


def site_digests(seed: int, source: str, first: int, n: int) -> pa.Array:
    """Stable 64-byte SHA-512 site ids, as Dropsonde derives them (from the CA certificate)."""

    data = b"".join(
        hashlib.sha512(f"{source}:{seed}:site:{first + i}".encode()).digest() for i in range(n)
    )
    return pa.FixedSizeBinaryArray.from_buffers(pa.binary(64), n, [None, pa.py_buffer(data)]).cast(
        pa.binary()
    )


class ValueFactory:
    """Makes Arrow arrays of fake values for schema fields (vocabularies cached per dataset)."""

    def __init__(self, seed: int, source_name: str, rules: dict[str, Rule]) -> None:
        self.seed = seed
        self.source_name = source_name
        self.rules = rules
        self._pools: dict[str, pa.Array] = {}
        self._lock = threading.Lock()

    # -- vocabularies, drawn once per dataset ------------------------------------------

    @cached_property
    def faker(self) -> Any:

        fake = Faker("en_US")
        fake.seed_instance(self.seed)
        return fake

    @cached_property
    def words(self) -> pa.Array:

        return pa.array(sorted({w.lower() for w in self.faker.words(600)}), pa.string())

    @cached_property
    def forge(self) -> pa.Array:
        """Forge slugs in popularity order: stdlib and concat first, then a seeded shuffle.

        After ``POPULAR``, the other modules of Puppet (``puppetlabs-``) and Vox Pupuli
        (``puppet-``), the Forge's supported and community-maintained namespaces, come
        before everyone else's (each group in a seeded order).
        """

        slugs = forge_modules()
        top = [s for s in POPULAR if s in slugs]
        rest = sorted(set(slugs) - set(top))
        order = np.random.default_rng([self.seed, 0xF0]).permutation(len(rest))
        shuffled = [rest[i] for i in order]
        vendor = [s for s in shuffled if s.split("-", 1)[0] in MAINTAINED_NAMESPACES]
        others = [s for s in shuffled if s.split("-", 1)[0] not in MAINTAINED_NAMESPACES]
        return pa.array(top + vendor + others, pa.string())

    @cached_property
    def versions(self) -> pa.Array:

        rng = np.random.default_rng([self.seed, 0x5E])
        parts = np.stack(
            [rng.geometric(0.35, 300) - 1, rng.integers(0, 15, 300), rng.integers(0, 12, 300)]
        )
        return pa.array(sorted({f"{a}.{b}.{c}" for a, b, c in parts.T}), pa.string())

    def pool(self, rule: Rule) -> pa.Array:
        """A seeded Faker (or built-in) vocabulary, sampled with a Zipf-like popularity."""

        key = f"{rule.vocabulary}|{rule.format}|{rule.size}"
        with self._lock:  # the seeded Faker is shared: one pool drawn at a time
            return self._pool(key, rule)

    def _pool(self, key: str, rule: Rule) -> pa.Array:

        if key not in self._pools:
            vocab = rule.vocabulary or "words"
            if vocab == "forge-modules":
                values = self.forge
            elif vocab == "words":
                values = self.words
            else:
                func = getattr(self.faker, vocab[6:])
                self.faker.seed_instance(f"{self.seed}|{vocab}|{rule.format or ''}")
                args = (rule.format,) if rule.format else ()
                seen = dict.fromkeys(str(func(*args)) for _ in range(rule.size))
                values = pa.array(list(seen), pa.string())
            self._pools[key] = values
        return self._pools[key]

    # -- columns ------------------------------------------------------------------------

    def column(
        self,
        f: Field,
        n: int,
        rng: np.random.Generator,
        path: str = "",
        when: np.ndarray | None = None,
        window: tuple[int, int] | None = None,
    ) -> pa.Array:
        """``n`` values of field ``f`` (a list per value if it is REPEATED)."""

        key = f"{path}{f.name}".lower()
        rule = self.rules.get(key)
        if f.repeated:
            lengths = draw_lengths(rule, rng, n) if rule else None
            if lengths is None:
                lengths = self.lengths(f, n, rng)
            offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
            total = int(offsets[-1])
            inner = self.values(f, total, rng, key, None, None, window)
            return pa.ListArray.from_arrays(
                pa.array(offsets, pa.int32()), inner, type=arrow_type(f)
            )
        mask = None
        rate = rule.null_rate if rule and rule.null_rate is not None else None
        if rate is None:
            top = "." not in key
            rate = NULL_RATE if top and f.mode == "NULLABLE" and key not in WHEN_NAMES else 0.0
        if rate and f.mode == "NULLABLE":
            mask = rng.random(n) < rate
            if not mask.any():
                mask = None
        return self.values(f, n, rng, key, when, mask, window)

    def lengths(self, f: Field, n: int, rng: np.random.Generator) -> np.ndarray:

        name = f.name.lower()
        if "ruby" in name or "method" in name:
            return np.where(rng.random(n) < 0.9, 0, rng.integers(1, 4, n))
        if "module" in name or "package" in name or "component" in name:
            return np.clip(rng.lognormal(2.5, 0.8, n), 0, 300).astype(np.int64)
        return np.clip(rng.poisson(3, n), 0, 50)

    def values(
        self,
        f: Field,
        n: int,
        rng: np.random.Generator,
        key: str,
        when: np.ndarray | None = None,
        mask: np.ndarray | None = None,
        window: tuple[int, int] | None = None,
    ) -> pa.Array:

        if f.is_record:
            children: dict[str, pa.Array] = {}
            derived = []
            for c in f.fields:
                crule = self.rules.get(f"{key}.{c.name}".lower())
                if crule and crule.derive:
                    derived.append((c, crule))
                    continue
                children[c.name] = self.column(c, n, rng, key + ".", None, window)
            byname = {c.name.lower(): c for c in f.fields}
            slug, name = byname.get("slug"), byname.get("name")
            plain = [x for x in (slug, name) if x and x.type == "STRING" and not x.repeated]
            if len(plain) == 2 and f"{key}.name" not in self.rules:
                # zero-config: a record with a slug and a name is a Forge module
                slugs = children[slug.name].to_pylist()
                children[name.name] = pa.array(transform(slugs, "after-dash"), pa.string())
            for c, crule in derived:
                source = next(
                    x.name for x in f.fields if x.name.lower() == (crule.derive or "").lower()
                )
                vals = transform(children[source].to_pylist(), crule.transform)
                children[c.name] = pa.array(vals, arrow_type(Field(c.name, c.type, "NULLABLE")))
            struct_type = arrow_type(Field(f.name, "RECORD", "NULLABLE", fields=f.fields))
            return pa.StructArray.from_arrays(
                [children[c.name] for c in f.fields],
                fields=list(struct_type),
                mask=None if mask is None else pa.array(mask),
            )
        leaf_type = arrow_type(Field(f.name, f.type, "NULLABLE"))
        data = self.leaf(f, n, rng, key, when, window)
        if isinstance(data, pa.Array):
            if mask is not None:
                data = pa.compute.if_else(pa.array(mask), pa.nulls(n, data.type), data)
            return data.cast(leaf_type)
        return pa.array(data, type=leaf_type, mask=mask)

    def leaf(
        self,
        f: Field,
        n: int,
        rng: np.random.Generator,
        key: str,
        when: np.ndarray | None,
        window: tuple[int, int] | None,
    ) -> Any:

        rule = self.rules.get(key)
        if rule is not None and rule.choices is not None:
            p = None
            if rule.weights is not None:
                w = np.asarray(rule.weights)
                p = w / w.sum()
            idx = rng.choice(len(rule.choices), n, p=p)
            if f.type in ("INTEGER", "FLOAT"):
                return np.asarray(rule.choices)[idx]
            if f.type == "STRING":
                return pa.array(rule.choices, pa.string()).take(pa.array(idx))
            return [rule.choices[i] for i in idx]
        if rule is not None and rule.distribution is not None:
            vals = draw_numbers(rule, rng, n, integer=f.type == "INTEGER")
            if f.type in ("NUMERIC", "BIGNUMERIC"):
                return [Decimal(str(round(float(v), 9))) for v in vals]
            return vals
        if rule is not None and rule.vocabulary is not None:
            pool = self.pool(rule)
            return pool.take(rng.choice(len(pool), n, p=zipf_weights(len(pool), 0.8)))
        name = f.name.lower()
        parent = key.rsplit(".", 2)[-2] if key.count(".") else ""
        if f.type == "STRING":
            if name == "slug" or name in ("module", "module_slug"):
                return self.forge.take(
                    rng.choice(len(self.forge), n, p=zipf_weights(len(self.forge)))
                )
            if "version" in name:
                vs = self.versions.take(
                    rng.choice(len(self.versions), n, p=zipf_weights(len(self.versions), 0.9))
                )
                if "requirement" in name:
                    return [f">= {v} < {int(v.split('.')[0]) + 1}.0.0" for v in vs.to_pylist()]
                return vs
            if name in ("platform", "osfamily", "os_family", "os"):
                return np.asarray(OS_FAMILIES)[rng.choice(len(OS_FAMILIES), n, p=OS_WEIGHTS)]
            if name == "ip" or name.endswith("_ip"):
                octets = rng.integers(1, 255, (n, 4))
                parts = (pa.array(octets[:, i]).cast(pa.string()) for i in range(4))
                return pc.binary_join_element_wise(*parts, ".")
            if name.endswith("id") or name == "uuid":
                return hex_strings(rng, n)
            if "class" in parent and name == "name":
                mods = self.forge.take(
                    rng.choice(len(self.forge), n, p=zipf_weights(len(self.forge)))
                )
                return [_class_name(m) for m in mods.to_pylist()]
            return self.words.take(
                rng.choice(len(self.words), n, p=zipf_weights(len(self.words), 0.8))
            )
        if f.type == "INTEGER":
            if "count" in name or name.startswith("num") or name.endswith("s"):
                return np.floor(rng.lognormal(0.8, 1.1, n)).astype(np.int64) + 1
            return rng.integers(0, 1000, n)
        if f.type == "FLOAT":
            return np.round(rng.lognormal(1.0, 1.0, n), 6)
        if f.type in ("NUMERIC", "BIGNUMERIC"):
            return [Decimal(int(c)).scaleb(-2) for c in rng.integers(0, 10**7, n)]
        if f.type == "BOOLEAN":
            return rng.random(n) < 0.5
        if f.type in ("TIMESTAMP", "DATETIME", "DATE"):
            lo, hi = window or (0, 1)
            if when is None or name not in WHEN_NAMES:
                top = hi if when is None else np.asarray(when)
                when = lo + (rng.random(n) * (top - lo)).astype(np.int64)
            stamps = np.asarray(when, dtype="datetime64[us]")
            return stamps.astype("datetime64[D]") if f.type == "DATE" else stamps
        if f.type == "TIME":
            return rng.integers(0, 86_400_000_000, n)
        if f.type == "BYTES":
            return [bytes(r) for r in rng.integers(0, 256, (n, 16), dtype=np.uint8)]
        if f.type == "GEOGRAPHY":
            lon, lat = rng.uniform(-180, 180, n), rng.uniform(-90, 90, n)
            return [f"POINT({a:.4f} {b:.4f})" for a, b in zip(lon, lat, strict=True)]
        if f.type == "JSON":
            return [json.dumps({"value": int(v)}) for v in rng.integers(0, 100, n)]
        raise AssertionError(f"unhandled type {f.type}")


MAINTAINED_NAMESPACES = ("puppetlabs", "puppet")
POPULAR = [
    "puppetlabs-stdlib",
    "puppetlabs-concat",
    "puppetlabs-inifile",
    "puppetlabs-apt",
    "puppetlabs-ntp",
    "puppetlabs-firewall",
    "puppetlabs-translate",
    "puppetlabs-apache",
    "puppetlabs-mysql",
    "puppetlabs-postgresql",
    "puppetlabs-java",
    "puppetlabs-vcsrepo",
    "puppetlabs-docker",
    "puppetlabs-puppetdb",
    "puppet-archive",
    "puppetlabs-registry",
    "puppetlabs-powershell",
    "puppet-logrotate",
    "saz-sudo",
    "saz-ssh",
    "puppet-systemd",
    "puppetlabs-motd",
    "puppet-nginx",
    "puppetlabs-haproxy",
    "puppetlabs-chocolatey",
]


def _class_name(slug: str) -> str:
    base = slug.split("-", 1)[-1]
    return "::".join(p.capitalize() for p in base.split("::"))
