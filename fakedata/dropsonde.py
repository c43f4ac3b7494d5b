"""The Dropsonde fleet model: what a Puppet site's weekly report holds, and how it drifts.

Each site has a node count (heavy-tailed), one to three OS families, a number of
environments (heavy-tailed) and a set of installed public Forge modules, drawn with a
long-tailed (Zipf) popularity so that stdlib and concat are on most sites and most Forge
modules on few or none. Every (site, module) entry has a version (most sites on one of
the newest releases of that module), an install week, maybe a removal or an upgrade week,
and the classes of the module the site declares. Everything a report lists is derived
from that state: classes belong to installed modules (``Ntp``, ``Ntp::Config``), unused
modules and classes are installed ones that nobody declares, class_platforms splits the
class counts over the site's OS families. Reports of the same site therefore agree with
each other and change slowly.

Columns are built as Arrow arrays whose string leaves are dictionary-encoded against
dataset-wide dictionaries: the Parquet writer then stores them without hashing a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fakedata.arrow import take_rows
from fakedata.population import Fleet, Schedule, Window, block_rng
from fakedata.values import OS_FAMILIES, OS_WEIGHTS, ValueFactory, zipf_weights

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.schema import Schema

# The plugin columns this model fills, with the child fields it expects.
SHAPES = {
    "modules": ("name", "slug", "version"),
    "unused_modules": ("name", "slug", "version"),
    "classes": ("name", "count"),
    "unused_classes": ("name",),
    "class_platforms": ("name", "platform", "count"),
    "dependencies": ("name", "version_requirement"),
    "puppetfile_ruby_methods": ("name", "count"),
    "environment_count": (),
}
SUBCLASSES = [
    "Params", "Install", "Config", "Service", "Repo", "Client", "Server", "Package",
    "Agent", "Users", "Firewall", "Backup", "Plugins", "Mod", "Vhosts", "Globals",
]  # fmt: skip
# Puppetfile Ruby: the DSL methods and the bits of Ruby people put around them.
RUBY_METHODS = [
    "mod",
    "forge",
    "moduledir",
    "require",
    "File.join",
    "ENV.fetch",
    "Dir.glob",
    "puts",
]
RUBY_WEIGHTS = [0.3, 0.25, 0.15, 0.1, 0.07, 0.06, 0.04, 0.03]
RUBY_SITES = 0.06  # share of sites whose Puppetfile uses Ruby at all
MAX_CLASSES = 12
P_ADD, P_REMOVE, P_UPGRADE = 0.03, 0.02, 0.06  # per site and week


FLEET = Fleet()  # the default churn and missed reports


def make(values: ValueFactory, seed: int, window: Window) -> DropsondeModel:
    return DropsondeModel(values, seed, window.slots)


def applies(schema: Schema) -> list[str]:
    """The plugin columns of ``schema`` this model can fill (exact shape match)."""
    names = {f.name: f for f in schema}
    out = []
    for col, children in SHAPES.items():
        f = names.get(col)
        if f is None:
            continue
        if (children and f.repeated and tuple(c.name for c in f.fields) == children) or (
            not children and f.type == "INTEGER" and not f.repeated
        ):
            out.append(f.name)
    return out


def _expand(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For items ``starts[i]..starts[i]+counts[i]``: (owner i, item index, position)."""

    total = int(counts.sum())
    owner = np.repeat(np.arange(len(counts)), counts)
    first = np.cumsum(counts) - counts
    pos = np.arange(total) - np.repeat(first, counts)
    return owner, np.repeat(starts, counts) + pos, pos


def _states(
    e: _Entries, n: int, slots: int, r_site: np.ndarray, r_slot: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(site, first slot) of each state of each site, and the state of each report.

    A site's state changes at the slots where one of its entries is added, removed or
    upgraded; states are numbered site by site, in time order.
    """

    width = slots + 1
    key = np.unique(
        np.concatenate(
            [
                (e.site * width + e.added)[e.added > 0],
                (e.site * width + e.removed)[e.removed < slots],
                (e.site * width + e.upgraded)[e.upgraded < slots],
            ]
        )
    )
    per_site = np.bincount(key // width, minlength=n) + 1
    s_site = np.repeat(np.arange(n), per_site)
    s_slot = np.zeros(len(s_site), np.int64)
    later = np.ones(len(s_site), bool)
    later[np.cumsum(per_site) - per_site] = False
    s_slot[later] = key % width
    state = np.searchsorted(key, r_site * width + r_slot, side="right") + r_site
    return s_site, s_slot, state


def _offsets(owner: np.ndarray, rows: int) -> np.ndarray:

    counts = np.bincount(owner, minlength=rows)
    return np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)


@dataclass
class _Entries:
    """The (site, module) entries of a block, sorted by site then popularity rank."""

    site: np.ndarray
    mod: np.ndarray
    added: np.ndarray  # first slot the module is installed
    removed: np.ndarray  # first slot it no longer is (slots: never)
    upgraded: np.ndarray  # slot from which it runs one release newer
    v0: np.ndarray  # version position in the module's history at first
    declared: np.ndarray  # bit k: the site declares the module's class k
    frac: np.ndarray  # share of the site's nodes the main class is declared on


class Catalog:
    """Dataset-wide vocabularies: Forge modules, their release histories and classes."""

    def __init__(self, values: ValueFactory) -> None:

        self.slugs: pa.Array = values.forge
        m = len(self.slugs)
        self.cum = np.cumsum(zipf_weights(m, 1.05))
        rng = np.random.default_rng([values.seed, 0xCA7])
        slugs = self.slugs.to_pylist()
        names = [s.split("-", 1)[-1] for s in slugs]
        self.names, self.name_idx = _dictionary(names)
        deps = [s.replace("-", "/", 1) for s in slugs]
        self.dep_names, self.dep_idx = _dictionary(deps)
        # Release histories: popular modules have long ones.
        count = np.clip(rng.geometric(0.15, m) + (np.arange(m) < 200) * 10, 1, 40)
        self.ver_cnt = count
        self.ver_off = np.concatenate([[0], np.cumsum(count)[:-1]])
        steps = rng.random(int(count.sum()))
        start_major = rng.geometric(0.45, m) - 1
        start_minor = rng.integers(0, 5, m)
        major, minor, patch = _histories(steps, count, start_major, start_minor)
        text = pc.binary_join_element_wise(
            *(pc.cast(pa.array(x), pa.string()) for x in (major, minor, patch)), "."
        )
        self.versions, self.ver_idx = _dictionary(text)
        # what a module's dependents require of it: ">= this < next major"
        self.requirements = pc.binary_join_element_wise(
            ">= ", text, " < ", pc.cast(pa.array(major + 1), pa.string()), ".0.0", ""
        )
        # Classes: the main class and a few of the usual subclasses.
        ncls = np.minimum(1 + rng.binomial(6, 0.35, m), MAX_CLASSES)
        self.cls_cnt = ncls
        self.cls_off = np.concatenate([[0], np.cumsum(ncls)[:-1]])
        classes: list[str] = []
        suffixes = [f"::{s}" for s in SUBCLASSES]
        for name, k in zip(names, ncls.tolist(), strict=True):
            main = "::".join(p.capitalize() for p in name.split("::"))
            subs = rng.permutation(len(SUBCLASSES))[: k - 1]  # drawn for every module
            subs.sort()
            classes.append(main)
            classes.extend([main + suffixes[j] for j in subs.tolist()])
        self.classes, self.cls_idx = _dictionary(classes)
        self.cls_frac = np.where(
            np.arange(len(classes)) == np.repeat(self.cls_off, ncls),
            1.0,
            rng.uniform(0.2, 1.0, len(classes)),
        )
        self.platforms = pa.array(OS_FAMILIES, pa.string())
        self.ruby = pa.array(RUBY_METHODS, pa.string())

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` module ranks from the long-tailed popularity."""

        return np.minimum(np.searchsorted(self.cum, rng.random(n)), len(self.cum) - 1)


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


def _dictionary(values: list[str] | pa.Array) -> tuple[pa.Array, np.ndarray]:
    """(unique values, index of each value): a dictionary without duplicates."""

    arr = values if isinstance(values, pa.Array) else pa.array(values, pa.string())
    uniq = pc.unique(arr).sort()
    return uniq, pc.index_in(arr, value_set=uniq).to_numpy().astype(np.int32)


class DropsondeModel:
    """Builds the Dropsonde plugin columns of one block of sites."""

    def __init__(self, values: ValueFactory, seed: int, slots: int) -> None:
        self.values = values
        self.seed = seed
        self.slots = slots

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self.values)

    def columns(self, block: int, sched: Schedule, wanted: list[str]) -> dict[str, pa.Array]:

        cat = self.catalog
        rng = block_rng(self.seed, block, 1)
        n, w_slots, rows = sched.sites, self.slots, sched.rows
        # -- site state
        nodes = np.clip(rng.lognormal(np.log(25), 1.4, n), 1, 100_000).astype(np.int64)
        fam = rng.choice(len(OS_FAMILIES), (n, 3), p=OS_WEIGHTS)
        has = np.stack([np.ones(n, bool), rng.random(n) < 0.35, rng.random(n) < 0.08], axis=1)
        has[:, 1] &= fam[:, 1] != fam[:, 0]
        has[:, 2] &= (fam[:, 2] != fam[:, 0]) & (fam[:, 2] != fam[:, 1]) & has[:, 1]
        share = rng.dirichlet([6.0, 2.0, 1.0], n) * has
        share /= share.sum(axis=1, keepdims=True)
        envs = np.clip(1 + np.floor(rng.pareto(1.2, n) * 1.5), 1, 5000).astype(np.int64)
        env_change = np.where(rng.random(n) < 0.1, rng.integers(1, max(w_slots, 2), n), w_slots)
        e = self._entries(rng, n)
        # -- a site's lists change only when a module is added, removed or upgraded: they
        # are built once per (site, state) and copied to the state's reports (``take``)
        r_site, r_slot, state = _states(e, n, w_slots, sched.site, sched.slot)
        rows = len(r_site)
        site_start = np.searchsorted(e.site, np.arange(n))
        site_cnt = np.bincount(e.site, minlength=n)
        owner, ent, _ = _expand(site_start[r_site], site_cnt[r_site])
        slot = r_slot[owner]
        live = (e.added[ent] <= slot) & (slot < e.removed[ent])
        owner, ent, slot = owner[live], ent[live], slot[live]
        mod = e.mod[ent]
        vpos = np.minimum(e.v0[ent] + (slot >= e.upgraded[ent]), cat.ver_cnt[mod] - 1)
        ver = cat.ver_idx[cat.ver_off[mod] + vpos]
        used = e.declared[ent] != 0
        out: dict[str, pa.Array] = {}

        def module_list(sel: np.ndarray) -> pa.Array:
            return _list(
                _offsets(owner[sel], rows),
                [
                    _dict(cat.name_idx[mod[sel]], cat.names),
                    _dict(mod[sel], cat.slugs),
                    _dict(ver[sel], cat.versions),
                ],
                ("name", "slug", "version"),
            )

        out["modules"] = module_list(np.ones(len(ent), bool))
        out["unused_modules"] = module_list(~used)
        # classes of the installed modules: declared ones, and the others (unused)
        c_owner, c_idx, k = _expand(cat.cls_off[mod], cat.cls_cnt[mod])
        declared = ((e.declared[ent][c_owner] >> k) & 1).astype(bool)
        row_of = owner[c_owner]
        d_row, d_cls = row_of[declared], c_idx[declared]
        main = nodes[e.site[ent]] * e.frac[ent]
        count = np.maximum(1, np.floor(main[c_owner][declared] * cat.cls_frac[d_cls])).astype(
            np.int64
        )
        out["classes"] = _list(
            _offsets(d_row, rows),
            [_dict(cat.cls_idx[d_cls], cat.classes), pa.array(count, pa.int64())],
            ("name", "count"),
        )
        u_row, u_cls = row_of[~declared], c_idx[~declared]
        out["unused_classes"] = _list(
            _offsets(u_row, rows), [_dict(cat.cls_idx[u_cls], cat.classes)], ("name",)
        )
        # class_platforms: each declared class on each of the site's OS families
        site_of = r_site[d_row]
        p_owner, p_fam, _ = _expand(np.zeros(len(d_row), np.int64), np.full(len(d_row), 3))
        keep = has[site_of[p_owner], p_fam]
        p_owner, p_fam = p_owner[keep], p_fam[keep]
        p_count = np.maximum(1, np.round(count[p_owner] * share[site_of[p_owner], p_fam])).astype(
            np.int64
        )
        out["class_platforms"] = _list(
            _offsets(d_row[p_owner], rows),
            [
                _dict(cat.cls_idx[d_cls[p_owner]], cat.classes),
                _dict(fam[site_of[p_owner], p_fam], cat.platforms),
                pa.array(p_count, pa.int64()),
            ],
            ("name", "platform", "count"),
        )
        out["dependencies"] = self._dependencies(rng, e, n, r_site, rows)
        out["puppetfile_ruby_methods"] = self._ruby(rng, n, site_cnt, r_site, rows)
        out = {name: take_rows(col, state) for name, col in out.items()}
        out["environment_count"] = pa.array(
            envs[sched.site] + (sched.slot >= env_change[sched.site]), pa.int64()
        )
        return {name: out[name] for name in wanted}

    def _entries(self, rng: np.random.Generator, n: int) -> _Entries:

        cat, w_slots = self.catalog, self.slots
        k = np.clip(rng.lognormal(np.log(18), 0.75, n), 1, 250).astype(np.int64)
        adds = rng.poisson(P_ADD * (w_slots - 1), n)
        site = np.repeat(np.arange(n), k + adds)
        first = np.repeat(np.cumsum(k + adds) - (k + adds), k + adds)
        late = (np.arange(len(site)) - first) >= np.repeat(k, k + adds)
        mod = cat.draw(rng, len(site))
        added = np.where(late, rng.integers(1, max(w_slots, 2), len(site)), 0)
        # one entry per (site, module name): a Puppet environment holds one module of a
        # name (and its classes); the earliest install wins
        name = cat.name_idx[mod]
        order = np.lexsort((added, name, site))
        site, mod, added, name = site[order], mod[order], added[order], name[order]
        first_of = np.ones(len(site), bool)
        first_of[1:] = (site[1:] != site[:-1]) | (name[1:] != name[:-1])
        site, mod, added = site[first_of], mod[first_of], added[first_of]
        order = np.lexsort((mod, site))  # listed by popularity
        site, mod, added = site[order], mod[order], added[order]
        m = len(site)
        mean_k = max(float(k.mean()), 1.0)
        removed = np.where(
            rng.random(m) < P_REMOVE * w_slots / mean_k,
            rng.integers(1, max(w_slots, 2), m),
            w_slots,
        )
        removed = np.where(removed <= added, w_slots, removed)
        upgraded = np.where(
            rng.random(m) < P_UPGRADE * w_slots / mean_k,
            rng.integers(1, max(w_slots, 2), m),
            w_slots,
        )
        cnt = cat.ver_cnt[mod]
        v0 = np.maximum(0, cnt - rng.geometric(0.55, m))
        bits = (rng.random((m, MAX_CLASSES)) < 0.45) << np.arange(MAX_CLASSES)
        declared = np.where(rng.random(m) < 0.8, bits.sum(axis=1) | 1, 0).astype(np.int64)
        frac = rng.beta(0.8, 1.2, m)
        return _Entries(site, mod, added, removed, upgraded, v0, declared, frac)

    def _dependencies(
        self, rng: np.random.Generator, e: _Entries, n: int, r_site: np.ndarray, rows: int
    ) -> pa.Array:
        """Public modules the site's private modules depend on, with a requirement range."""

        cat = self.catalog
        first = e.added == 0
        pool_site, pool_mod = e.site[first], e.mod[first]
        want = np.minimum(rng.poisson(2.0, n), np.bincount(pool_site, minlength=n))
        pick = (
            rng.random(len(pool_site))
            < (want / np.maximum(np.bincount(pool_site, minlength=n), 1))[pool_site]
        )
        d_site, d_mod = pool_site[pick], pool_mod[pick]
        lo = cat.ver_off[d_mod] + rng.integers(0, cat.ver_cnt[d_mod])
        req = cat.requirements.take(pa.array(lo))
        start = np.searchsorted(d_site, np.arange(n))
        cnt = np.bincount(d_site, minlength=n)
        owner, item, _ = _expand(start[r_site], cnt[r_site])
        return _list(
            _offsets(owner, rows),
            [_dict(cat.dep_idx[d_mod[item]], cat.dep_names), req.take(pa.array(item))],
            ("name", "version_requirement"),
        )

    def _ruby(
        self, rng: np.random.Generator, n: int, modules: np.ndarray, r_site: np.ndarray, rows: int
    ) -> pa.Array:
        """Ruby methods in Puppetfiles: rare; ``mod`` counts one call per module."""

        uses = rng.random((n, len(RUBY_METHODS))) < np.asarray(RUBY_WEIGHTS) * 3
        uses &= (rng.random(n) < RUBY_SITES)[:, None]
        s, m = np.nonzero(uses)
        count = np.where(m == 0, np.maximum(modules[s], 1), 1 + rng.poisson(0.5, len(s)))
        start = np.searchsorted(s, np.arange(n))
        cnt = np.bincount(s, minlength=n)
        owner, item, _ = _expand(start[r_site], cnt[r_site])
        return _list(
            _offsets(owner, rows),
            [_dict(m[item], self.catalog.ruby), pa.array(count[item], pa.int64())],
            ("name", "count"),
        )


def _dict(indices: np.ndarray, dictionary: pa.Array) -> pa.Array:
    """``dictionary[indices]`` dictionary-encoded, over a dictionary without duplicates.

    pyarrow's Parquet writer, given a dictionary with repeated values, writes bytes that
    depend on uninitialized memory (the file then differs from run to run): such a
    dictionary is replaced by its unique values, the indices remapped.
    """

    unique, remap = _unique_dictionary(dictionary)
    if remap is not None:
        indices = remap[indices]
    return pa.DictionaryArray.from_arrays(indices.astype(np.int32, copy=False), unique)


_UNIQUE: dict[int, tuple[pa.Array, pa.Array, np.ndarray | None]] = {}


def _unique_dictionary(dictionary: pa.Array) -> tuple[pa.Array, np.ndarray | None]:
    """(the unique values in first-seen order, old index → new index or None if unique)."""

    seen = _UNIQUE.get(id(dictionary))
    if seen is not None and seen[0] is dictionary:
        return seen[1], seen[2]
    unique = pc.unique(dictionary)
    if len(unique) == len(dictionary):
        unique, remap = dictionary, None
    else:
        remap = pc.index_in(dictionary, value_set=unique).to_numpy().astype(np.int32)
    if len(_UNIQUE) > 64:  # models make small dictionaries per block: keep the cache small
        _UNIQUE.clear()
    _UNIQUE[id(dictionary)] = (dictionary, unique, remap)  # holds it: the id stays its own
    return unique, remap


def _list(offsets: np.ndarray, children: list[pa.Array], names: tuple[str, ...]) -> pa.Array:
    """A REPEATED RECORD column: list<element: struct not null>."""

    fields = [pa.field(nm, c.type) for nm, c in zip(names, children, strict=True)]
    struct = pa.StructArray.from_arrays(children, fields=fields)
    typ = pa.list_(pa.field("element", struct.type, nullable=False))
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), struct, type=typ)
