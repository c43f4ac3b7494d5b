"""The public catalogue: recorded release histories, synthetic ones, Facter's names."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from fakedata import forge
from tests.conftest import ROOT

RELEASES = json.loads((ROOT / "fakedata" / "vocab" / "forge-releases.json").read_text())


def _semver(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in v.split("."))


@pytest.mark.parametrize(
    ("entry", "version", "date"),
    [
        # CHANGELOG.md of puppetlabs/puppetlabs-stdlib: "## [v9.0.0](...) - 2023-05-30"
        ("puppetlabs-stdlib", "9.0.0", "2023-05-30"),
        ("puppetlabs-stdlib", "9.6.0", "2024-04-03"),
        # CHANGELOG.md of puppetlabs/puppetlabs-concat: "## [v9.1.0](...) - 2024-12-17"
        ("puppetlabs-concat", "9.1.0", "2024-12-17"),
        # CHANGELOG.md of puppetlabs/puppetlabs-apache: "## [v13.1.0](...) - 2025-11-18"
        ("puppetlabs-apache", "13.1.0", "2025-11-18"),
        # https://rubygems.org/gems/dropsonde/versions: "0.1.0 June 10, 2025",
        # "0.0.8 August 29, 2022"
        ("dropsonde", "0.1.0", "2025-06-10"),
        ("dropsonde", "0.0.8", "2022-08-29"),
        # https://rubygems.org/gems/facter/versions: "4.10.0 October 22, 2024"
        ("facter", "4.10.0", "2024-10-22"),
    ],
)
def test_recorded_releases_match_their_sources(entry, version, date):
    data = RELEASES["modules"].get(entry) or RELEASES[entry]
    assert [version, date] in data["releases"]


def test_every_recorded_history_cites_its_source_and_is_in_time_order():
    entries = [*RELEASES["modules"].values(), *(RELEASES[k] for k in ("dropsonde", "facter"))]
    assert len(RELEASES["modules"]) >= 10
    for data in entries:
        assert data["source"].startswith("https://")
        days = [dt.date.fromisoformat(d) for _, d in data["releases"]]
        assert days == sorted(days) and days[-1] <= dt.date(2026, 12, 31)
        versions = [_semver(v) for v, _ in data["releases"]]
        assert len(set(versions)) == len(versions)
        # the newest release out at a date is the highest version released by then
        assert versions[-1] == max(versions)


def test_the_dropsonde_gem_has_no_0_0_9():
    """rubygems.org lists nine releases, 0.0.1 to 0.0.8 and 0.1.0 (June 10, 2025)."""
    versions = [v for v, _ in RELEASES["dropsonde"]["releases"]]
    assert versions[-1] == "0.1.0" and "0.0.9" not in versions and len(versions) == 9


def test_synthetic_histories_depend_on_the_name_only():
    slugs = ["someone-foo", "other-bar", "saz-sudo"]
    maintained = np.asarray([False, False, True])
    v1, t1, c1 = forge.synthetic_histories(slugs, maintained)
    v2, t2, c2 = forge.synthetic_histories(slugs[::-1], maintained[::-1])
    assert c1.tolist() == c2.tolist()[::-1]
    assert v1.to_pylist()[: c1[0]] == v2.to_pylist()[-c1[0] :]  # order does not matter
    assert (t1[: c1[0]] == t2[-c1[0] :]).all()
    one = forge.module_history("someone-foo")
    assert one.versions == v1.to_pylist()[: c1[0]]
    assert (one.released_us == t1[: c1[0]]).all()
    assert forge.module_history("someone-foo").versions != forge.module_history("x-y").versions


def test_synthetic_histories_are_semver_in_time_order():
    slugs = [f"author{i}-module{i}" for i in range(300)]
    maintained = np.arange(300) % 5 == 0
    versions, times, count = forge.synthetic_histories(slugs, maintained)
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    last = forge._us(forge.SYNTHETIC_LAST)
    recent = 0
    for i, (s, c) in enumerate(zip(start, count, strict=True)):
        vs = [_semver(v) for v in versions.to_pylist()[s : s + c]]
        ts = times[s : s + c]
        assert vs == sorted(vs) and len(set(vs)) == len(vs) and (np.diff(ts) > 0).all()
        assert forge._us(forge.SYNTHETIC_FIRST) <= ts[0] and ts[-1] <= last
        recent += maintained[i] and ts[-1] >= forge._us(dt.date(2025, 6, 1))
    assert recent >= 0.9 * maintained.sum()  # maintained modules still release


def test_recorded_modules_replace_synthetic_ones():
    h = forge.module_history("puppetlabs-stdlib")
    assert h.versions == [v for v, _ in RELEASES["modules"]["puppetlabs-stdlib"]["releases"]]
    assert h.versions[h.at(np.asarray([forge._us(dt.date(2023, 6, 1))]))[0]] == "9.0.0"


def test_facter_spells_windows_in_lower_case():
    """Facter's os.family on Windows is the kernel fact, 'windows'; on Solaris 'Solaris'."""
    assert "windows" in forge.OS_FAMILIES and "Windows" not in forge.OS_FAMILIES
    assert "Solaris" in forge.OS_FAMILIES
    assert abs(sum(forge.OS_WEIGHTS) - 1) < 1e-9
    assert not set(forge.PUPPETFILE_COMMANDS) & set(forge.DSL_METHODS)
    assert not any("." in c for c in forge.PUPPETFILE_COMMANDS)


def test_apportion_sums_to_totals_and_never_exceeds_a_share():
    rng = np.random.default_rng(1)
    cap = rng.integers(0, 50, (2000, 6))
    total = cap.sum(axis=1)
    count = (rng.random(2000) * (total + 1)).astype(np.int64)
    share = cap / np.maximum(total, 1)[:, None]
    got = forge.apportion(count[:, None] * share)
    assert (got.sum(axis=1) == np.where(total > 0, count, 0)).all()
    assert (got >= 0).all() and (got <= cap).all()


def test_release_histories_step_patch_minor_or_major():
    """The vectorized histories agree with the obvious loop over each module's steps."""
    rng = np.random.default_rng(3)
    count = rng.integers(1, 15, 200)
    steps = rng.random(int(count.sum()))
    major0, minor0 = rng.integers(0, 4, 200), rng.integers(0, 5, 200)
    expected, k = [], 0
    for i in range(200):
        a, b, c = int(major0[i]), int(minor0[i]), 0
        for _ in range(int(count[i])):
            expected.append((a, b, c))
            r = steps[k]
            k += 1
            if r < 0.62:
                c += 1
            elif r < 0.92:
                b, c = b + 1, 0
            else:
                a, b, c = a + 1, 0, 0
    major, minor, patch = forge._histories(steps, count, major0, minor0)
    assert list(zip(major.tolist(), minor.tolist(), patch.tolist(), strict=True)) == expected
