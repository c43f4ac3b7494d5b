"""The lock is the one source of versions: pyproject.toml, uv.lock, environment.yml and the
emulator's lock agree, and the runtime package needs only what it imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from tests.conftest import ROOT
from tools import environment_yml

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
LOCK = tomllib.loads((ROOT / "uv.lock").read_text())


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_environment_yml_is_the_lock_rendered() -> None:
    assert (ROOT / "environment.yml").read_text() == environment_yml.render(), (
        "environment.yml disagrees with pyproject.toml/uv.lock: run `make lock`"
    )


def test_lock_was_made_from_this_pyproject() -> None:
    """uv.lock records the requirements it resolved; they must be pyproject.toml's."""
    project = next(p for p in LOCK["package"] if p["name"] == PYPROJECT["project"]["name"])
    meta = project["metadata"]
    locked = {(_norm(r["name"]), r.get("specifier", "")) for r in meta["requires-dist"]}
    declared = {
        (_norm(r.name), str(r.specifier))
        for r in map(Requirement, PYPROJECT["project"]["dependencies"])
    }
    assert {(n, ",".join(sorted(s.split(",")))) for n, s in locked} == {
        (n, ",".join(sorted(s.split(",")))) for n, s in declared
    }
    groups = {
        g: {_norm(r["name"]) for r in reqs} for g, reqs in meta.get("requires-dev", {}).items()
    }
    assert groups == {
        g: {_norm(Requirement(r).name) for r in reqs}
        for g, reqs in PYPROJECT["dependency-groups"].items()
    }


def test_every_locked_version_is_allowed_by_pyproject() -> None:
    versions = environment_yml.locked_versions(LOCK)
    for req in environment_yml.direct_requirements(PYPROJECT):
        assert req.specifier.contains(versions[_norm(req.name)], prereleases=True), req


def test_the_environment_runs_the_locked_versions() -> None:
    from importlib.metadata import version

    versions = environment_yml.locked_versions(LOCK)
    if sys.version_info[:2] != (3, 11):
        return  # the lock's versions for another Python differ where markers fork
    for req in environment_yml.direct_requirements(PYPROJECT):
        assert version(req.name) == versions[_norm(req.name)], req.name


def _imported_top_level(package: Path) -> set[str]:
    names: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


# import name → distribution name, where they differ
DISTRIBUTIONS = {
    "google": "google-cloud-bigquery",
    "vl_convert": "vl-convert-python",
    "db_dtypes": "db-dtypes",
    "IPython": "ipython",
    "yaml": "pyyaml",
}


def test_runtime_dependencies_are_exactly_what_the_packages_import() -> None:
    ours = ("workbench", "fakedata", "wbcore")
    imported = set().union(*(_imported_top_level(ROOT / p) for p in ours))
    third_party = {
        _norm(DISTRIBUTIONS.get(n, n))
        for n in imported
        if n not in sys.stdlib_module_names and n not in ours
    }
    runtime = {_norm(Requirement(r).name) for r in PYPROJECT["project"]["dependencies"]}
    assert third_party == runtime


def test_bqemu_lock_pins_with_hashes_what_its_input_names() -> None:
    source = (ROOT / "tests" / "bqemu-requirements.in").read_text().splitlines()
    wanted = {
        _norm(Requirement(line).name): str(Requirement(line).specifier)
        for line in source
        if line.strip() and not line.startswith("#")
    }
    lock = (ROOT / "tests" / "bqemu-requirements.lock").read_text()
    pins = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", lock, re.MULTILINE))
    pins = {_norm(k): v for k, v in pins.items()}
    for name, spec in wanted.items():
        assert spec == f"=={pins[name]}", name
    entries = re.split(r"\n(?=[A-Za-z])", lock.split("\n\n", 1)[-1])
    assert all("--hash=sha256:" in e for e in entries if re.match(r"^[A-Za-z]", e))
