"""Distribution tests on the Dropsonde source: does the fake fleet look like a fleet?"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter, defaultdict

import pytest

from fakedata.generate import Options, decoded, generate
from fakedata.values import OS_FAMILIES, forge_modules

SITES = 300


@pytest.fixture(scope="module")
def rows(dropsonde):
    from fakedata.arrow import arrow_schema

    opts = Options.for_source(dropsonde, sites=SITES)
    target = arrow_schema(dropsonde.schema)
    return [r for b in generate(dropsonde, opts) for r in decoded(b, target).to_pylist()]


def by_site(rows):
    sites = defaultdict(list)
    for r in rows:
        sites[r["site_id"]].append(r)
    return sites


def test_exactly_n_sites_with_sha512_ids(rows):
    sites = by_site(rows)
    assert len(sites) == SITES
    assert all(len(s) == 64 for s in sites)


def test_sites_report_weekly_and_repeatedly(rows, dropsonde):
    sites = by_site(rows)
    counts = sorted(len(v) for v in sites.values())
    weeks = dropsonde.population.days // 7
    assert counts[len(counts) // 2] >= weeks - 1  # most sites report in most weeks
    assert counts[0] >= 1 and counts[-1] <= weeks
    assert sum(c < weeks // 2 for c in counts) < 0.2 * SITES  # joins/leaves: a minority
    for reports in sites.values():
        times = sorted(r["timestamp"] for r in reports)
        gaps = [(b - a).days for a, b in itertools.pairwise(times)]
        assert all(g >= 6 for g in gaps)  # one report a week, never two


def test_reports_strictly_before_the_as_of_midnight(rows, dropsonde):
    as_of = dt.datetime.combine(dropsonde.population.as_of, dt.time(), tzinfo=dt.UTC)
    start = as_of - dt.timedelta(days=dropsonde.population.days)
    assert all(start <= r["timestamp"] < as_of for r in rows)
    assert max(r["timestamp"] for r in rows) > as_of - dt.timedelta(days=7)


def test_module_popularity_has_a_long_tail(rows):
    latest = {s: max(v, key=lambda r: r["timestamp"]) for s, v in by_site(rows).items()}
    usage = Counter(
        m["slug"] for r in latest.values() for m in {x["slug"]: x for x in r["modules"]}.values()
    )
    assert usage["puppetlabs-stdlib"] > 0.8 * SITES
    assert usage["puppetlabs-concat"] > 0.6 * SITES
    forge = set(forge_modules())
    assert set(usage) <= forge
    assert len(usage) < 0.5 * len(forge)  # most Forge modules are on no site
    singles = sum(1 for c in usage.values() if c <= 2)
    assert singles > 0.5 * len(usage)  # and most used ones on very few
    # the most used are Puppet's own and Vox Pupuli's (and a few like saz-sudo)
    top = [slug for slug, _ in usage.most_common(40)]
    assert sum(s.split("-")[0] in ("puppetlabs", "puppet") for s in top) >= 35


def test_modules_are_unique_per_report_and_names_match_slugs(rows):
    for r in rows[:500]:
        slugs = [m["slug"] for m in r["modules"]]
        assert len(slugs) == len(set(slugs))
        assert all(m["name"] == m["slug"].split("-", 1)[1] for m in r["modules"])
        assert all(m["version"].count(".") == 2 for m in r["modules"])


def test_classes_belong_to_installed_modules(rows):
    for r in rows:
        installed = {m["name"] for m in r["modules"]}
        declared = {c["name"] for c in r["classes"]}
        for name in declared | {c["name"] for c in r["unused_classes"]}:
            assert name.split("::")[0].lower() in installed
        assert not declared & {c["name"] for c in r["unused_classes"]}
        unused = {m["slug"] for m in r["unused_modules"]}
        assert unused <= {m["slug"] for m in r["modules"]}
        assert not any(
            n.split("::")[0].lower() in {m["name"] for m in r["unused_modules"]} for n in declared
        )
        assert all(c["count"] >= 1 for c in r["classes"])


def test_class_platforms_follow_the_sites_classes_and_os_families(rows):
    """The platforms plugin counts, per class, the nodes declaring it by their osfamily fact
    (lib/dropsonde/metrics/platforms.rb): a class's platform counts add up to its nodes."""
    families = defaultdict(set)
    for r in rows:
        declared = {c["name"]: c["count"] for c in r["classes"]}
        nodes = Counter()
        for cp in r["class_platforms"]:
            assert cp["name"] in declared and cp["platform"] in OS_FAMILIES and cp["count"] >= 1
            nodes[cp["name"]] += cp["count"]
            families[r["site_id"]].add(cp["platform"])
        assert nodes == declared
        pairs = [(cp["name"], cp["platform"]) for cp in r["class_platforms"]]
        assert len(pairs) == len(set(pairs))
    sizes = Counter(len(f) for f in families.values())
    assert sizes[1] > 0.25 * SITES and sum(v for k, v in sizes.items() if k > 2) > 0.05 * SITES
    seen = set().union(*families.values())
    # Facter's spellings (lib/facter/facts/windows/os/family.rb reports the kernel, "windows")
    assert {"RedHat", "Debian", "windows", "Solaris"} <= seen and "Windows" not in seen


def test_site_state_persists_and_changes_slowly(rows):
    changed = same = 0
    for reports in by_site(rows).values():
        reports.sort(key=lambda r: r["timestamp"])
        for a, b in itertools.pairwise(reports):
            ma = {(m["slug"], m["version"]) for m in a["modules"]}
            mb = {(m["slug"], m["version"]) for m in b["modules"]}
            same += ma == mb
            changed += ma != mb
            assert len(ma ^ mb) <= 6  # a module or two upgraded, added or removed
    assert same > 5 * changed > 0


def test_environment_counts_are_heavy_tailed_and_ruby_methods_rare(rows):
    envs = sorted(r["environment_count"] for r in rows if r["environment_count"] is not None)
    assert envs[len(envs) // 2] <= 3 and envs[-1] >= 10
    with_ruby = [r for r in rows if r["puppetfile_ruby_methods"]]
    assert 0 < len(with_ruby) < 0.15 * len(rows)


def test_puppetfile_methods_are_what_the_plugin_keeps(rows):
    """lib/dropsonde/metrics/puppetfiles.rb keeps Ripper :command nodes (calls without a
    receiver) and drops mod, forge and moduledir: File.join or ENV.fetch never appear."""
    names = Counter(m["name"] for r in rows for m in r["puppetfile_ruby_methods"])
    assert names and not names.keys() & {"mod", "forge", "moduledir"}
    assert not any("." in n for n in names)
    assert names.most_common(1)[0][0] == "require"
    assert all(m["count"] >= 1 for r in rows for m in r["puppetfile_ruby_methods"])


def test_jsonl_is_what_a_bigquery_load_job_reads(dropsonde, tmp_path):
    import base64

    from fakedata.write import write_dataset

    opts = Options.for_source(dropsonde, sites=20)
    write_dataset(dropsonde, opts, tmp_path / "d", jsonl=True)
    lines = (tmp_path / "d" / "part-00000.jsonl").read_text().splitlines()
    row = json.loads(lines[0])
    assert len(base64.b64decode(row["site_id"], validate=True)) == 64
    assert row["timestamp"].endswith(" UTC")
    dt.datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M:%S.%f UTC")
    for line in lines:
        r = json.loads(line)
        for f in dropsonde.schema:
            if f.repeated:
                assert isinstance(r[f.name], list) and None not in r[f.name]


def test_reports_share_their_sites_state_between_changes(dropsonde):
    """Each report is given the latest state of its site: no change in between."""
    import numpy as np

    from fakedata.dropsonde import _states
    from fakedata.population import Window, block_rng, schedule

    opts = Options.for_source(dropsonde, sites=SITES)
    window = Window.of(opts.as_of, opts.days, dropsonde.cadence_days)
    from fakedata.dropsonde import DropsondeModel
    from fakedata.values import ValueFactory

    model = DropsondeModel(ValueFactory(opts.seed, "dropsonde", {}), opts.seed, window)
    sched = schedule(opts.seed, 0, SITES, window)
    e = model._entries(block_rng(opts.seed, 0, 1), sched.sites)
    s_site, s_slot, state = _states(e, sched.sites, window.slots, sched.site, sched.slot)
    assert (s_site[state] == sched.site).all() and (s_slot[state] <= sched.slot).all()
    changes = np.concatenate([e.added, e.removed, e.upgraded])
    where = np.concatenate([e.site] * 3)
    for site, start, slot in zip(sched.site, s_slot[state], sched.slot, strict=True):
        between = changes[(where == site) & (changes > start) & (changes <= slot)]
        assert len(between) == 0
    assert len(s_site) < sched.rows / 2  # far fewer states than reports


def _latest(rows):
    return [max(v, key=lambda r: r["timestamp"]) for v in by_site(rows).values()]


def _release_dates():
    from fakedata.forge import catalogue

    return {
        slug: {v: dt.date.fromisoformat(d) for v, d in data["releases"]}
        for slug, data in catalogue()["modules"].items()
    }


@pytest.mark.parametrize(
    ("slug", "major"),
    # the newest major released more than a year before the 2026-11-15 default as-of date,
    # per each module's CHANGELOG.md (stdlib 9.0.0 2023-05-30, concat 9.0.0 2023-06-13,
    # apt 10.0.0 2023-05-23, ntp 10.0.0 2023-04-06, inifile 6.0.0 2023-04-11)
    [
        ("puppetlabs-stdlib", "9"),
        ("puppetlabs-concat", "9"),
        ("puppetlabs-apt", "10"),
        ("puppetlabs-ntp", "10"),
        ("puppetlabs-inifile", "6"),
    ],
)
def test_current_majors_dominate_with_a_long_tail(rows, slug, major):
    majors = Counter(
        m["version"].split(".")[0] for r in _latest(rows) for m in r["modules"] if m["slug"] == slug
    )
    total = sum(majors.values())
    assert majors.most_common(1)[0][0] == major and majors[major] > 0.55 * total
    if slug == "puppetlabs-stdlib":
        older = {k: v for k, v in majors.items() if int(k) < 9}
        assert len(older) >= 3 and sum(older.values()) > 0.05 * total  # a long tail


def test_module_versions_are_real_releases_out_at_report_time(rows):
    dates = _release_dates()
    for r in rows[::7]:
        for m in r["modules"]:
            released = dates.get(m["slug"])
            if released is not None:
                assert m["version"] in released
                first = min(released.values())
                assert released[m["version"]] <= max(r["timestamp"].date(), first)


def test_adoption_follows_release_dates(dropsonde):
    """Early in 2023 no site runs stdlib 9 (released 2023-05-30): 8.x is what sites run."""
    opts = Options.for_source(dropsonde, sites=200, days=28, as_of=dt.date(2023, 3, 1))
    from fakedata.arrow import arrow_schema

    target = arrow_schema(dropsonde.schema)
    early = [r for b in generate(dropsonde, opts) for r in decoded(b, target).to_pylist()]
    majors = Counter(
        m["version"].split(".")[0]
        for r in _latest(early)
        for m in r["modules"]
        if m["slug"] == "puppetlabs-stdlib"
    )
    assert "9" not in majors and majors.most_common(1)[0][0] == "8"
    clients = {r["version"] for r in early}
    assert "0.0.8" in clients and "0.1.0" not in clients  # 0.1.0: 2025-06-10


def test_system_fields_are_always_filled(rows):
    """Dujour fills these for every checkin: a NULL would be a broken pipeline, not a site.

    Clients are releases since Puppet Server started running the gem weekly (puppetserver
    pull request #2591, October 2021; 0.0.6 was released 2021-11-17 per rubygems.org)."""
    from fakedata.forge import catalogue

    gem = [v for v, _ in catalogue()["dropsonde"]["releases"]]
    for r in rows:
        for col in ("message_id", "site_id", "product", "version", "timestamp", "ip"):
            assert r[col] is not None
        assert r["product"] == "dropsonde" and r["version"] in gem[gem.index("0.0.6") :]
        assert len(r["ip"].split(".")) == 4
    assert len({r["message_id"] for r in rows}) == len(rows)
    for reports in by_site(rows).values():
        assert len({r["ip"] for r in reports}) == 1
        order = sorted(reports, key=lambda r: r["timestamp"])
        seq = [tuple(int(x) for x in r["version"].split(".")) for r in order]
        assert seq == sorted(seq)  # clients only upgrade
    # 0.1.0 (2025-06-10) is the newest gem release: most sites run it by late 2026
    assert Counter(r["version"] for r in _latest(rows)).most_common(1)[0][0] == "0.1.0"


def test_classes_of_single_family_modules_stay_on_that_family(rows):
    """apt manages Debian's package tool, chocolatey, registry and powershell Windows (their
    metadata.json operatingsystem_support): their classes are declared on those nodes only."""
    family = {
        "Apt": "Debian",
        "Chocolatey": "windows",
        "Registry": "windows",
        "Powershell": "windows",
    }
    seen = Counter()
    for r in rows:
        for cp in r["class_platforms"]:
            top = cp["name"].split("::")[0]
            if top in family:
                assert cp["platform"] == family[top]
                seen[top] += 1
    assert seen["Apt"] > 0 and seen["Registry"] > 0
