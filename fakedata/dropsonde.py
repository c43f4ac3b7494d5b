"""The Dropsonde fleet model: what a Puppet site's weekly report holds, and how it drifts.

Each site has a node count (heavy-tailed), its nodes spread over one to a few OS families
(Facter's ``osfamily`` values: mostly RedHat and Debian, some windows, a few Solaris, AIX,
FreeBSD...), a number of environments (heavy-tailed) and a set of installed public Forge
modules, drawn with a long-tailed (Zipf) popularity so that stdlib and concat are on most
sites and most Forge modules on few or none. Every (site, module) entry has an install
week, maybe a removal or an upgrade week, the classes of the module the site declares, and
a version: the newest release of the module out at the entry's snapshot time (when the
site last updated its Puppetfile, a heavy-tailed while before the window; a later install
or upgrade takes a recent release), from the module's release history in
``fakedata.forge`` (real for the most used modules). So most sites run a recent major and
a long tail runs old ones, and a new release is adopted gradually.

Everything a report lists is derived from that state: classes belong to installed modules
(``Ntp``, ``Ntp::Config``), unused modules and classes are installed ones that nobody
declares. ``class_platforms`` is built as Dropsonde's ``platforms`` plugin builds it, from
the nodes a class is declared on and each node's osfamily: a class's nodes are split over
the site's OS families in proportion to the site's nodes on each (never more than a family
has), so its counts sum to the class's count in ``classes``; the classes of a module made
for one family (apt, chocolatey, registry...) are declared on that family's nodes only. The real plugin lists one
entry per (node, class); here each (class, platform) is listed once, with its count.
Puppetfile methods are rare receiver-less commands (``require``, ``puts``...), never the
DSL the plugin drops. The Dropsonde client version follows the site's own upgrades. Reports
of the same site therefore agree with each other and change slowly.

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
from fakedata.catalog import MAX_CLASSES, Catalog
from fakedata.columns import dict_column, expand, list_column, list_offsets
from fakedata.forge import (
    OS_FAMILIES,
    OS_WEIGHTS,
    PUPPETFILE_WEIGHTS,
    apportion,
    product_history,
)
from fakedata.population import DAY_US, Fleet, Schedule, Window, block_rng
from fakedata.releases import snapshots
from fakedata.values import hex_strings

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.schema import Schema
    from fakedata.values import ValueFactory

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
# The system fields the reporting pipeline always fills (Dujour's checkin: an id per
# report, the client's address, product and version), as STRING scalars.
SYSTEM = ("message_id", "ip", "product", "version")
PRODUCT = "dropsonde"
# Puppet Server installs the gem and runs it weekly since late 2021 (puppetserver PR #2591,
# "Run Dropsonde weekly"); the first release since is the oldest client a site reports with.
OLDEST_CLIENT = "0.0.6"
RUBY_SITES = 0.05  # share of sites whose Puppetfile holds Ruby besides the DSL
P_ADD, P_REMOVE, P_UPGRADE = 0.03, 0.02, 0.06  # per site and week
# Snapshot lags (days): how long before the window a site last updated its Puppetfile
# (median; heavy-tailed), and its Puppet server with the bundled Dropsonde client.
MODULE_LAG_DAYS, CLIENT_LAG_DAYS = 400, 300
P_PINNED = 0.2  # share of a site's modules held back well behind the others


FLEET = Fleet()  # the default churn and missed reports


def make(values: ValueFactory, seed: int, window: Window) -> DropsondeModel:
    return DropsondeModel(values, seed, window)


def applies(schema: Schema) -> list[str]:
    """The columns of ``schema`` this model can fill (exact shape match)."""
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
    out += [c for c in SYSTEM if c in names and names[c].type == "STRING" and not names[c].repeated]
    return out


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


@dataclass
class _Entries:
    """The (site, module) entries of a block, sorted by site then popularity rank."""

    site: np.ndarray
    mod: np.ndarray
    added: np.ndarray  # first slot the module is installed
    removed: np.ndarray  # first slot it no longer is (slots: never)
    upgraded: np.ndarray  # slot from which it runs a newer snapshot (slots: never)
    held_us: np.ndarray  # how far the entry's snapshot lags the site's (µs)
    declared: np.ndarray  # bit k: the site declares the module's class k
    frac: np.ndarray  # share of the site's nodes the main class is declared on


class DropsondeModel:
    """Builds the Dropsonde plugin columns of one block of sites."""

    def __init__(self, values: ValueFactory, seed: int, window: Window) -> None:
        self.values = values
        self.seed = seed
        self.window = window
        self.slots = window.slots

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(self.values)

    @cached_property
    def client(self) -> tuple[np.ndarray, pa.Array]:
        """The Dropsonde client's release times and versions."""

        h = product_history("dropsonde")
        return h.released_us, pa.array(h.versions, pa.string())

    def columns(self, block: int, sched: Schedule, wanted: list[str]) -> dict[str, pa.Array]:

        cat = self.catalog
        rng = block_rng(self.seed, block, 1)
        n, w_slots, rows = sched.sites, self.slots, sched.rows
        # -- site state
        nodes = np.clip(rng.lognormal(np.log(25), 1.4, n), 1, 100_000).astype(np.int64)
        per_family = _families(rng, nodes)
        envs = np.clip(1 + np.floor(rng.pareto(1.2, n) * 1.5), 1, 5000).astype(np.int64)
        env_change = np.where(rng.random(n) < 0.1, rng.integers(1, max(w_slots, 2), n), w_slots)
        e = self._entries(rng, n)
        v_before, v_after = self._versions(rng, sched, e)
        # a module of one OS family is declared on that family's nodes only, if any
        aff = cat.affinity[e.mod]
        base = np.where(aff >= 0, per_family[e.site, np.maximum(aff, 0)], nodes[e.site])
        e.declared = np.where(base > 0, e.declared, 0)
        # -- a site's lists change only when a module is added, removed or upgraded: they
        # are built once per (site, state) and copied to the state's reports (``take``)
        r_site, r_slot, state = _states(e, n, w_slots, sched.site, sched.slot)
        rows = len(r_site)
        site_start = np.searchsorted(e.site, np.arange(n))
        site_cnt = np.bincount(e.site, minlength=n)
        owner, ent, _ = expand(site_start[r_site], site_cnt[r_site])
        slot = r_slot[owner]
        live = (e.added[ent] <= slot) & (slot < e.removed[ent])
        owner, ent, slot = owner[live], ent[live], slot[live]
        mod = e.mod[ent]
        vpos = np.where(slot >= e.upgraded[ent], v_after[ent], v_before[ent])
        ver = cat.ver_idx[cat.ver_off[mod] + vpos]
        used = e.declared[ent] != 0
        out: dict[str, pa.Array] = {}

        def module_list(sel: np.ndarray) -> pa.Array:
            return list_column(
                list_offsets(owner[sel], rows),
                [
                    dict_column(cat.name_idx[mod[sel]], cat.names),
                    dict_column(mod[sel], cat.slugs),
                    dict_column(ver[sel], cat.versions),
                ],
                ("name", "slug", "version"),
            )

        out["modules"] = module_list(np.ones(len(ent), bool))
        out["unused_modules"] = module_list(~used)
        # classes of the installed modules: declared ones, and the others (unused)
        c_owner, c_idx, k = expand(cat.cls_off[mod], cat.cls_cnt[mod])
        declared = ((e.declared[ent][c_owner] >> k) & 1).astype(bool)
        row_of = owner[c_owner]
        d_row, d_cls = row_of[declared], c_idx[declared]
        main = base[ent] * e.frac[ent]
        count = np.maximum(1, np.floor(main[c_owner][declared] * cat.cls_frac[d_cls])).astype(
            np.int64
        )
        out["classes"] = list_column(
            list_offsets(d_row, rows),
            [dict_column(cat.cls_idx[d_cls], cat.classes), pa.array(count, pa.int64())],
            ("name", "count"),
        )
        u_row, u_cls = row_of[~declared], c_idx[~declared]
        out["unused_classes"] = list_column(
            list_offsets(u_row, rows), [dict_column(cat.cls_idx[u_cls], cat.classes)], ("name",)
        )
        # class_platforms: a class's nodes split over the site's OS families
        site_of = r_site[d_row]
        share = per_family[site_of] / nodes[site_of][:, None]
        one = np.nonzero(aff[ent][c_owner][declared] >= 0)[0]
        share[one] = 0.0
        share[one, aff[ent][c_owner][declared][one]] = 1.0
        split = apportion(count[:, None] * share)
        p_owner, p_fam = np.nonzero(split)
        out["class_platforms"] = list_column(
            list_offsets(d_row[p_owner], rows),
            [
                dict_column(cat.cls_idx[d_cls[p_owner]], cat.classes),
                dict_column(p_fam, cat.platforms),
                pa.array(split[p_owner, p_fam], pa.int64()),
            ],
            ("name", "platform", "count"),
        )
        out["dependencies"] = self._dependencies(rng, e, n, r_site, rows)
        out["puppetfile_ruby_methods"] = self._ruby(rng, n, r_site, rows)
        out = {name: take_rows(col, state) for name, col in out.items()}
        out["environment_count"] = pa.array(
            envs[sched.site] + (sched.slot >= env_change[sched.site]), pa.int64()
        )
        out.update(self._system(rng, sched))
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
        held = rng.exponential(60.0, m) + (rng.random(m) < P_PINNED) * rng.lognormal(
            np.log(500), 0.8, m
        )
        bits = (rng.random((m, MAX_CLASSES)) < 0.45) << np.arange(MAX_CLASSES)
        declared = np.where(rng.random(m) < 0.8, bits.sum(axis=1) | 1, 0).astype(np.int64)
        frac = rng.beta(0.8, 1.2, m)
        held_us = (held * DAY_US).astype(np.int64)
        return _Entries(site, mod, added, removed, upgraded, held_us, declared, frac)

    def _versions(
        self, rng: np.random.Generator, sched: Schedule, e: _Entries
    ) -> tuple[np.ndarray, np.ndarray]:
        """Each entry's release (position in its module's history) before and after its upgrade.

        An entry installed before the window runs what was out at the site's snapshot, less
        its own hold-back; one installed (or upgraded) in the window takes the release of a
        week or two before.
        """

        cat, window = self.catalog, self.window
        site_snap = snapshots(rng, sched, window, MODULE_LAG_DAYS, 365, 30).snapshot_us[:, 0]
        slot_us = window.start_us + np.arange(self.slots + 1, dtype=np.int64) * window.period_us
        recent = (rng.exponential(10.0, (2, len(e.site))) * DAY_US).astype(np.int64)
        before = np.where(e.added == 0, site_snap[e.site] - e.held_us, slot_us[e.added] - recent[0])
        after = np.maximum(before, slot_us[e.upgraded] - recent[1])
        return cat.release_at(e.mod, before), cat.release_at(e.mod, after)

    def _system(self, rng: np.random.Generator, sched: Schedule) -> dict[str, pa.Array]:
        """Fields the pipeline fills in every report: never NULL."""

        n, rows = sched.sites, sched.rows
        released, versions = self.client
        snaps = snapshots(rng, sched, self.window, CLIENT_LAG_DAYS, 240, 30)
        when = snaps.at(sched.site, sched.slot)
        oldest = versions.to_pylist().index(OLDEST_CLIENT)
        client = np.maximum(np.searchsorted(released, when, side="right") - 1, oldest)
        octets = rng.integers(1, 255, (n, 4))
        octets[:, 0] = rng.choice(np.setdiff1d(np.arange(1, 224), [10, 127, 172, 192]), n)
        ip = pc.binary_join_element_wise(
            *(pa.array(octets[:, i]).cast(pa.string()) for i in range(4)), "."
        )
        return {
            "message_id": hex_strings(rng, rows),
            "ip": ip.take(pa.array(sched.site)),
            "product": pa.array(np.full(rows, PRODUCT)),
            "version": dict_column(client, versions),
        }

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
        owner, item, _ = expand(start[r_site], cnt[r_site])
        return list_column(
            list_offsets(owner, rows),
            [dict_column(cat.dep_idx[d_mod[item]], cat.dep_names), req.take(pa.array(item))],
            ("name", "version_requirement"),
        )

    def _ruby(self, rng: np.random.Generator, n: int, r_site: np.ndarray, rows: int) -> pa.Array:
        """Receiver-less commands in Puppetfiles besides the DSL: rare, a few calls each."""

        ruby = rng.random(n) < RUBY_SITES
        uses = rng.random((n, len(PUPPETFILE_WEIGHTS))) < np.asarray(PUPPETFILE_WEIGHTS) * 1.5
        uses[:, 0] |= ~uses.any(axis=1)  # a site with Ruby calls at least one command
        uses &= ruby[:, None]
        s, m = np.nonzero(uses)
        count = 1 + rng.poisson(0.6, len(s))
        start = np.searchsorted(s, np.arange(n))
        cnt = np.bincount(s, minlength=n)
        owner, item, _ = expand(start[r_site], cnt[r_site])
        return list_column(
            list_offsets(owner, rows),
            [dict_column(m[item], self.catalog.ruby), pa.array(count[item], pa.int64())],
            ("name", "count"),
        )


def _families(rng: np.random.Generator, nodes: np.ndarray) -> np.ndarray:
    """Nodes per OS family of each site: (sites, families), every chosen family at least 1.

    A site runs one to a few families (weighted draw without replacement: the first is the
    main one, holding most nodes), never more families than nodes.
    """

    n, f = len(nodes), len(OS_FAMILIES)
    k = np.minimum(1 + rng.binomial(4, 0.18, n), np.minimum(nodes, f))
    keys = np.log(np.asarray(OS_WEIGHTS)) + rng.gumbel(size=(n, f))
    order = np.argsort(-keys, axis=1)
    by_rank = rng.dirichlet([6.0, 2.5, 1.2, 0.6, 0.4, 0.3, 0.2, 0.2, 0.1, 0.1][:f], n)
    by_rank *= np.arange(f)[None, :] < k[:, None]
    by_rank /= by_rank.sum(axis=1, keepdims=True)
    share = np.zeros((n, f))
    np.put_along_axis(share, order, by_rank, axis=1)
    chosen = np.zeros((n, f), np.int64)
    np.put_along_axis(chosen, order, (np.arange(f)[None, :] < k[:, None]).astype(np.int64), axis=1)
    return chosen + apportion((nodes - k)[:, None] * share)
