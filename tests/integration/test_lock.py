"""The hashed locks in requirements/ agree with pyproject.toml and with what is installed."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.lock import PYPROJECT_SOURCE, LockedPackage, pyproject_requirements, read_lock, via_packages
from tests.support.site import REPO

LOCKS = {
    "requirements/lock.txt": (),
    "requirements/test-lock.txt": ("test",),
    "requirements/s3-lock.txt": ("s3",),
    "requirements/properdocs-lock.txt": ("properdocs",),
    "requirements/zensical-lock.txt": ("zensical",),
}
# The engines' locks: each the runtime's plus its engine, which `make test` installs beside the test lock.
ENGINE_LOCKS = ("requirements/properdocs-lock.txt", "requirements/zensical-lock.txt")


def _by_name(entries: list[LockedPackage]) -> dict[str, list[LockedPackage]]:
    named: dict[str, list[LockedPackage]] = {}
    for entry in entries:
        named.setdefault(entry.name, []).append(entry)
    return named


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_every_pin_of_pyproject_is_locked_at_its_version(lock: str, extras: tuple[str, ...]) -> None:
    locked = _by_name(read_lock(REPO / lock))
    for requirement in pyproject_requirements(REPO / "pyproject.toml", extras):
        (spec,) = requirement.specifier
        assert spec.operator == "==", f"pyproject.toml: {requirement} is not pinned with =="
        names = [canonicalize_name(requirement.name)] + [canonicalize_name(f"{requirement.name}-{extra}") for extra in requirement.extras]
        entries = locked.get(names[0], [])
        assert entries, f"{lock}: {requirement.name} is missing: run `make lock`"
        assert {e.version for e in entries} == {spec.version}, (
            f"{lock}: {requirement.name} is locked at {[e.version for e in entries]}, pyproject.toml pins {spec.version}: run `make lock`"
        )
        for extra_name in names[1:]:
            assert extra_name in locked, (
                f"{lock}: {extra_name} (the [{','.join(requirement.extras)}] extra of {requirement.name}) is missing"
            )


@pytest.mark.parametrize(("lock", "extras"), LOCKS.items())
def test_nothing_is_locked_that_no_requirement_pulls_in(lock: str, extras: tuple[str, ...]) -> None:
    entries = read_lock(REPO / lock)
    direct = {canonicalize_name(r.name) for r in pyproject_requirements(REPO / "pyproject.toml", extras)}
    reasons = {entry.name: set(via_packages(entry)) for entry in entries}
    for name, via in reasons.items():
        assert via, f"{lock}: {name} has no `# via`: nothing requires it"
        assert (PYPROJECT_SOURCE in via) == (name in direct), (
            f"{lock}: {name} is {'not ' if name in direct else ''}a pyproject requirement but the lock says {via}"
        )
    # Every package is reachable from pyproject.toml through the `via` edges.
    reached = set(direct) | {
        canonicalize_name(f"{r.name}-{x}") for r in pyproject_requirements(REPO / "pyproject.toml", extras) for x in r.extras
    }
    frontier = set(reached)
    while frontier:
        frontier = {name for name, via in reasons.items() if name not in reached and via & reached}
        reached |= frontier
    assert set(reasons) <= reached, f"{lock}: not pulled in by any requirement: {sorted(set(reasons) - reached)}"


@pytest.mark.parametrize("lock", LOCKS)
def test_the_via_edges_are_true_for_every_installed_package(lock: str) -> None:
    for entry in read_lock(REPO / lock):
        for parent in via_packages(entry):
            if parent == PYPROJECT_SOURCE:
                continue
            try:
                requires = importlib.metadata.requires(parent) or []
            except importlib.metadata.PackageNotFoundError:
                continue  # a package for another platform or Python: its metadata is not on this machine
            names = {canonicalize_name(Requirement(text).name) for text in requires}
            assert entry.name in names, (
                f"{lock}: {entry.name} is said to be required by {parent}, whose metadata requires only {sorted(names)}"
            )


@pytest.mark.parametrize("lock", LOCKS)
def test_every_entry_is_pinned_with_hashes(lock: str) -> None:
    for entry in read_lock(REPO / lock):
        assert entry.hashes and all(h.startswith("sha256:") for h in entry.hashes), entry.name


def test_the_test_lock_keeps_the_runtime_versions() -> None:
    runtime = {(e.name, e.version, str(e.requirement.marker)) for e in read_lock(REPO / "requirements/lock.txt")}
    test = {(e.name, e.version, str(e.requirement.marker)) for e in read_lock(REPO / "requirements/test-lock.txt")}
    assert runtime <= test, sorted(runtime - test)
    # The deploy's lock (the s3 extra) is the runtime's plus boto3, at the versions the tests ran.
    s3 = {(e.name, e.version, str(e.requirement.marker)) for e in read_lock(REPO / "requirements/s3-lock.txt")}
    assert runtime <= s3 <= test, sorted((runtime - s3) | (s3 - test))
    for lock in ENGINE_LOCKS:  # at the test lock's versions wherever both hold a package
        engine = {(e.name, e.version, str(e.requirement.marker)) for e in read_lock(REPO / lock)}
        assert runtime <= engine, (lock, sorted(runtime - engine))
        shared = {entry for entry in engine if entry[0] in {name for name, _, _ in test}}
        assert shared <= test, (lock, sorted(shared - test))


def test_this_environment_has_the_locked_versions() -> None:
    """The suite runs on exactly what `make test` installs from the test lock (a stale venv shows here)."""
    wrong = []
    for entry in [e for lock in ("requirements/test-lock.txt", *ENGINE_LOCKS) for e in read_lock(REPO / lock)]:
        if entry.requirement.marker is not None and not entry.requirement.marker.evaluate():
            continue
        try:
            installed = importlib.metadata.version(entry.name)
        except importlib.metadata.PackageNotFoundError:
            installed = "not installed"
        if installed != entry.version:
            wrong.append(f"{entry.name}: {installed}, locked {entry.version}")
    assert not wrong, "reinstall with `make test` (pip install --require-hashes -r requirements/test-lock.txt): " + "; ".join(wrong)


def test_installs_use_the_locks() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes -r $(LOCK)" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
    assert "--require-hashes -r $(TEST_LOCK)" in makefile
    assert "--require-hashes -r $(PROPERDOCS_LOCK)" in makefile and "--require-hashes -r $(ZENSICAL_LOCK)" in makefile
    # pip itself first: the pip bundled with Python 3.11 cannot install a lock whose packages ask for extras
    assert makefile.index("--require-hashes -r $(PIP_LOCK)") < makefile.index("--require-hashes -r $(LOCK)")
    check = (REPO / ".github/workflows/check.yml").read_text(encoding="utf-8")
    deploy = (REPO / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    assert "pip install --require-hashes -r requirements/test-lock.txt" in check
    assert "pip install --require-hashes -r requirements/lock.txt" in deploy
    for workflow in (check, deploy):
        assert "pip install --no-deps -e ." in workflow
        for line in (line for line in workflow.splitlines() if "pip install --require-hashes -r requirements/" in line):
            lines = workflow.splitlines()
            index = lines.index(line)
            while "pip install --require-hashes -r requirements/" in lines[index - 1] and "requirements/pip.txt" not in lines[index - 1]:
                index -= 1  # locks installed one after another: pip itself came before the first
            assert "requirements/pip.txt" in line or "requirements/pip.txt" in lines[index - 1], line
        assert "pip install -e" not in workflow.replace("pip install --no-deps -e", "")
    assert Path(REPO / ".ci/run").read_text(encoding="utf-8").splitlines()[-1] == "make test"  # which installs from the test lock
