"""Properties of the PACE install model on generated data: cumulative counters done right?"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import uuid
from collections import Counter

import pytest

from fakedata.pace import COMMANDS, ERROR_CODES
from tests.fakedata.fleet import by_entity, generated_rows, source

INSTALLS = 300
DAYS = 63
VERSION = re.compile(r"^v\d+\.\d+\.\d+$")


def key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version[1:].split("."))


@pytest.fixture(scope="module")
def pace():
    return source("pace")


@pytest.fixture(scope="module")
def rows():
    return generated_rows("pace", INSTALLS, DAYS)


@pytest.fixture(scope="module")
def installs(rows):
    return by_entity(rows, "id")


def counters(upload) -> dict[tuple[str, int], int]:
    return {
        (p["command_path"], p["exit_code"]): p["cumulative_count"] for p in upload["metric_points"]
    }


def test_install_ids_are_uuids_uploading_every_few_days(installs, pace):
    for install_id, uploads in installs.items():
        assert str(uuid.UUID(install_id)) == install_id
        for a, b in itertools.pairwise(uploads):
            assert b["timestamp"] - a["timestamp"] > dt.timedelta(days=pace.cadence_days - 1)
    # each install once, plus a few recreated files under a second id
    assert INSTALLS <= len(installs) <= INSTALLS * 1.1


def test_counters_never_decrease_for_an_install(installs):
    grew = 0
    for uploads in installs.values():
        for a, b in itertools.pairwise(uploads):
            before, after = counters(a), counters(b)
            assert set(before) <= set(after), "a counter disappeared"
            for k, n in before.items():
                assert after[k] >= n, "a cumulative counter went down"
            grew += after != before
    assert grew > len(installs)


def test_a_recreated_file_is_a_new_id_counting_from_zero(installs, pace):
    """A recreated file (rare) uploads under a new id from then on; its counters restart."""
    from fakedata.releases import uuids

    seed = pace.population.seed
    old_ids = uuids(seed, "pace", 0, INSTALLS, 0)
    new_ids = uuids(seed, "pace", 0, INSTALLS, 1)
    recreated = [(o, n) for o, n in zip(old_ids, new_ids, strict=True) if n in installs]
    assert 0 < len(recreated) < 0.1 * INSTALLS
    for old, new in recreated:
        before, after = installs[old], installs[new]
        assert before[-1]["timestamp"] < after[0]["timestamp"]  # one file, then the other
        assert before[-1]["operating_system"] == after[0]["operating_system"]
        assert sum(counters(after[0]).values()) < sum(counters(before[-1]).values())


def test_exit_code_zero_dominates_with_a_few_error_codes(rows):
    runs = Counter()
    for r in rows:
        for p in r["metric_points"]:
            runs[p["exit_code"]] += p["cumulative_count"]
            assert p["cumulative_count"] > 0
    assert set(runs) <= {0} | {c for c, _ in ERROR_CODES}
    assert len(runs) >= 3
    assert 0.8 < runs[0] / sum(runs.values()) < 0.99


def test_commands_come_from_the_command_set_with_a_long_tail(rows):
    paths = {c for c, _ in COMMANDS}
    installs_per = Counter()
    for r in rows:
        used = {p["command_path"] for p in r["metric_points"]}
        assert used <= paths
        installs_per.update(used)
        for p in used:
            words = p.split(" ")
            assert words[0] == "pace" and len(words) == 3
    top = installs_per.most_common()
    assert top[0][0] == "pace list data-policies"
    assert top[0][1] > 5 * top[-1][1]
    assert len(top) == len(COMMANDS)


def test_versions_and_operating_systems(installs):
    oses = Counter()
    upgraded = 0
    for uploads in installs.values():
        assert len({u["operating_system"] for u in uploads}) == 1
        oses[uploads[0]["operating_system"]] += 1
        versions = [u["cli_version"] for u in uploads]
        assert all(VERSION.match(v) for v in versions)
        assert [key(v) for v in versions] == sorted(key(v) for v in versions)  # upgrades only
        upgraded += versions[0] != versions[-1]
    assert set(oses) == {"darwin", "linux", "windows"}
    assert oses["darwin"] > oses["linux"] > oses["windows"]
    assert upgraded > 0.2 * len(installs)


def test_new_cli_releases_are_adopted_over_time(rows, pace):
    as_of = pace.population.as_of
    newest = max((r["cli_version"] for r in rows), key=key)
    minor = key(newest)[:2]

    def share(since: int, until: int) -> float:
        window = [
            r
            for r in rows
            if as_of - dt.timedelta(days=since)
            <= r["timestamp"].date()
            < as_of - dt.timedelta(days=until)
        ]
        return sum(key(r["cli_version"])[:2] == minor for r in window) / len(window)

    assert share(7, 0) > share(DAYS, DAYS - 7)
