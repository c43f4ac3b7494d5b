"""Properties of the Pulp fleet model on generated data: does it look like Pulp's analytics?"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import uuid
from collections import Counter

import pytest

from fakedata.pulp import COMPONENTS, POSTGRES
from tests.fakedata.fleet import by_entity, generated_rows, source

SYSTEMS = 150
DAYS = 42
VERSION = re.compile(r"^\d+\.\d+\.\d+$")


def key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


@pytest.fixture(scope="module")
def pulp():
    return source("pulp")


@pytest.fixture(scope="module")
def rows():
    return generated_rows("pulp", SYSTEMS, DAYS)


@pytest.fixture(scope="module")
def systems(rows):
    return by_entity(rows, "system_id")


def test_systems_are_uuids_posting_at_most_daily(systems, pulp):
    assert len(systems) == SYSTEMS
    for system_id, posts in systems.items():
        assert str(uuid.UUID(system_id)) == system_id
        days = [r["timestamp"].date() for r in posts]
        assert len(days) == len(set(days))  # one post a day, never two
    lengths = sorted(len(p) for p in systems.values())
    assert lengths[len(lengths) // 2] >= DAYS * 0.8  # most systems post on most days


def test_systems_join_and_leave_and_some_are_short_lived(systems, pulp):
    as_of = pulp.population.as_of
    first = [p[0]["timestamp"].date() for p in systems.values()]
    last = [p[-1]["timestamp"].date() for p in systems.values()]
    start = as_of - dt.timedelta(days=DAYS)
    joined = sum(d > start + dt.timedelta(days=2) for d in first)
    left = sum(d < as_of - dt.timedelta(days=3) for d in last)
    assert 0.05 * SYSTEMS < joined < 0.5 * SYSTEMS
    assert 0.05 * SYSTEMS < left < 0.5 * SYSTEMS
    short = sum(len(p) <= 3 for p in systems.values())  # CI runs and trials
    assert 0.02 * SYSTEMS < short < 0.25 * SYSTEMS


def test_every_post_runs_core_and_known_plugins_with_xyz_versions(rows):
    names = {c.name for c in COMPONENTS}
    plugins = Counter()
    for r in rows:
        components = r["components"]
        listed = [c["name"] for c in components]
        assert listed[0] == "core"
        assert len(listed) == len(set(listed)) and set(listed) <= names
        assert all(VERSION.match(c["version"]) for c in components)
        plugins.update(listed[1:])
    # a plugin mix: rpm and container common, gem rare
    assert plugins["rpm"] > plugins["python"] > plugins["gem"]
    assert {"rpm", "container", "file", "ansible", "python", "deb"} <= set(plugins)


def test_bundled_plugins_carry_the_core_version(rows):
    for r in rows:
        versions = {c["name"]: c["version"] for c in r["components"]}
        for bundled in ("file", "certguard"):
            if bundled in versions:
                assert versions[bundled] == versions["core"]


def test_versions_only_go_up_and_some_systems_upgrade(systems):
    upgraded = 0
    for posts in systems.values():
        seen: dict[str, tuple[int, ...]] = {}
        for r in posts:
            for c in r["components"]:
                v = key(c["version"])
                assert v >= seen.get(c["name"], v), "a component version went down"
                if c["name"] == "core" and c["name"] in seen and v > seen["core"]:
                    upgraded += 1
                seen[c["name"]] = v
    assert upgraded > 0.1 * SYSTEMS


def test_new_core_releases_are_adopted_over_time(rows, pulp):
    as_of = pulp.population.as_of
    newest = max((c["version"] for r in rows for c in r["components"]), key=key)
    newest_minor = key(newest)[:2]

    def share(since: dt.date, until: dt.date) -> float:
        window = [r for r in rows if since <= r["timestamp"].date() < until]
        on = sum(key(r["components"][0]["version"])[:2] >= newest_minor[:2] for r in window)
        return on / len(window)

    early = share(as_of - dt.timedelta(days=DAYS), as_of - dt.timedelta(days=DAYS - 7))
    late = share(as_of - dt.timedelta(days=7), as_of)
    assert late > early
    # old releases linger: several core minors in use on the last day
    last_day = {
        key(r["components"][0]["version"])[:2]
        for r in rows
        if r["timestamp"].date() == as_of - dt.timedelta(days=1)
    }
    assert len(last_day) >= 4


def test_processes_never_fewer_than_hosts(rows):
    hosts = Counter()
    for r in rows:
        for kind in ("online_workers", "online_content_apps"):
            p, h = r[kind]["processes"], r[kind]["hosts"]
            assert p >= h >= 0
            hosts[h] += 1
    assert hosts[1] > hosts[2] > hosts[8] > 0  # mostly one host, a heavy tail


def test_postgresql_versions_are_real_version_numbers(systems):
    majors = Counter()
    for posts in systems.values():
        previous = None
        for r in posts:
            v = r["postgresql_version"]
            major, minor = divmod(v, 10_000)
            assert major in POSTGRES and 0 <= minor <= 40
            final = POSTGRES[major][1]
            assert final is None or minor <= final
            if previous is not None:
                assert v >= previous  # minor updates only
            previous = v
        majors[posts[-1]["postgresql_version"] // 10_000] += 1
    assert set(majors) == set(POSTGRES)
    assert majors[13] > majors[12]


def test_rbac_counts_are_heavy_tailed(systems):
    last = [p[-1]["rbac_stats"] for p in systems.values()]
    users = sorted(s["users"] for s in last)
    assert users[0] >= 1
    median = users[len(users) // 2]
    assert 1 <= median <= 10 and users[-1] >= 20 * median
    assert sum(s["custom_roles"] == 0 for s in last) > 0.5 * len(last)
    assert sum(s["domains"] == 1 for s in last) > 0.8 * len(last)
    assert all(min(s.values()) >= 0 for s in last)
    for posts in systems.values():  # users only grow
        for a, b in itertools.pairwise(posts):
            assert b["rbac_stats"]["users"] >= a["rbac_stats"]["users"]
