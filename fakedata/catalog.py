"""Dataset-wide vocabularies of the Dropsonde model: Forge modules, releases and classes.

Modules are listed in popularity order (``ValueFactory.forge``). Each has its release
history from ``fakedata.forge`` (real for the most used ones), all held as flat arrays: a
module's releases are ``ver_off[m] .. ver_off[m] + ver_cnt[m]``, oldest first, so that
"the newest release out at a time" is one ``searchsorted`` over every module at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from fakedata.forge import FAMILY_OF, OS_FAMILIES, PUPPETFILE_COMMANDS, module_histories
from fakedata.population import DAY_US
from fakedata.values import POPULAR, zipf_weights

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from fakedata.values import ValueFactory

SUBCLASSES = [
    "Params", "Install", "Config", "Service", "Repo", "Client", "Server", "Package",
    "Agent", "Users", "Firewall", "Backup", "Plugins", "Mod", "Vhosts", "Globals",
]  # fmt: skip
MAX_CLASSES = 12
_DAYS = 100_000  # days since the epoch stay below this until the 23rd century


class Catalog:
    """Forge modules, their release histories and classes, OS families, Puppetfile calls."""

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
        popular = set(POPULAR)
        text, released, self.ver_cnt = module_histories(
            slugs, np.asarray([s in popular for s in slugs])
        )
        self.ver_off = np.concatenate([[0], np.cumsum(self.ver_cnt)[:-1]]).astype(np.int64)
        days = released // DAY_US
        self.ver_key = np.repeat(np.arange(m, dtype=np.int64), self.ver_cnt) * _DAYS + days
        self.versions, self.ver_idx = _dictionary(text)
        # what a module's dependents require of it: ">= this < next major"
        major = pc.cast(pc.list_element(pc.split_pattern(text, "."), 0), pa.int64())
        self.requirements = pc.binary_join_element_wise(
            ">= ", text, " < ", pc.cast(pc.add(major, 1), pa.string()), ".0.0", ""
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
        family = {f: i for i, f in enumerate(OS_FAMILIES)}
        # by slug, or by name for other authors' modules of the same name (apt, iis...)
        by_name = {s.split("-", 1)[1]: f for s, f in FAMILY_OF.items() if s != "puppetlabs-acl"}
        self.affinity = np.asarray(
            [
                family.get(FAMILY_OF.get(s) or by_name.get(nm, ""), -1)
                for s, nm in zip(slugs, names, strict=True)
            ]
        )
        self.ruby = pa.array(PUPPETFILE_COMMANDS, pa.string())

    def draw(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` module ranks from the long-tailed popularity."""

        return np.minimum(np.searchsorted(self.cum, rng.random(n)), len(self.cum) - 1)

    def release_at(self, mod: np.ndarray, when_us: np.ndarray) -> np.ndarray:
        """Position in module ``mod``'s history of the newest release out at ``when_us``.

        Before a module's first release: its first release (the site installed it later).
        """

        key = mod * _DAYS + np.asarray(when_us) // DAY_US
        pos = np.searchsorted(self.ver_key, key, side="right") - 1 - self.ver_off[mod]
        return np.clip(pos, 0, self.ver_cnt[mod] - 1)


def _dictionary(values: list[str] | pa.Array) -> tuple[pa.Array, np.ndarray]:
    """(unique values, index of each value): a dictionary without duplicates."""

    arr = values if isinstance(values, pa.Array) else pa.array(values, pa.string())
    uniq = pc.unique(arr).sort()
    return uniq, pc.index_in(arr, value_set=uniq).to_numpy().astype(np.int32)
