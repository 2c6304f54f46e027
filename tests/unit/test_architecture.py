"""The package's shape: dependencies point one way between stages, only the modules under site/
import MkDocs (and each of them does: site/ is the thin MkDocs adapter), ARCHITECTURE.md's map
names every module and only modules that exist. The tests' shape: shared helpers live in tests/support.

Each rule is a function from the modules' imports to its violations, run over the real tree
and, to prove it can fail, over a tree with one violation planted."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pytest

from tests.support.imports import Import, Module, imports_of, is_trivial, modules_under
from tests.support.site import REPO

GENERATOR = REPO / "generator"
PACKAGE = GENERATOR / "briefing"
MODULES = modules_under(PACKAGE, GENERATOR)

STAGES = ("model", "runtime", "load", "index", "render", "ingest", "suggest", "deploy", "pipeline", "build", "site", "cli")
# Which stages a stage may import (besides the root package `briefing`, which holds only the version).
ALLOWED: dict[str, set[str]] = {
    "model": {"model"},
    "runtime": {"runtime"},
    "load": {"model", "runtime", "load"},
    "index": {"model", "runtime", "index"},
    "render": {"model", "index", "runtime", "render"},
    "ingest": {"model", "runtime", "ingest"},  # sources read into raw articles, for the CLI's import
    "suggest": {"model", "runtime", "suggest"},  # editorial suggestions, used by the CLI's import
    "deploy": {"runtime", "deploy"},  # a built site to object storage, used by the CLI's deploy
    "pipeline": {"model", "load", "index", "render", "runtime"},
    "build": set(STAGES) - {"site", "cli"},  # the one-off build's stage, without MkDocs: another engine could drive it
    "site": set(STAGES) - {"cli"},  # the MkDocs adapter
    "cli": set(STAGES) - {"site"},  # runs the core without MkDocs (`check`, `export`); a build goes through `mkdocs`
}
MKDOCS_PACKAGES = ("mkdocs", "material")

Tree = Mapping[str, Sequence[Import]]  # module name -> its imports


def stage_of(name: str) -> str:
    """`briefing.load.corpus` -> `load`; `briefing.pipeline` -> `pipeline`; `briefing` -> `briefing`."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def briefing_targets(found: Import, names: set[str]) -> list[str]:
    """The Briefing modules an import statement pulls in (`from briefing.load import corpus` is `briefing.load.corpus`)."""
    if found.target != "briefing" and not found.target.startswith("briefing."):
        return []
    if not found.names:
        return [found.target]
    return sorted({f"{found.target}.{name}" if f"{found.target}.{name}" in names else found.target for name in found.names})


def imports_mkdocs(found: Import) -> bool:
    return found.target.split(".")[0] in MKDOCS_PACKAGES


def unknown_stages(tree: Tree) -> list[str]:
    return [name for name in tree if name != "briefing" and stage_of(name) not in STAGES]


def imports_against_the_stages(tree: Tree) -> list[str]:
    offending = []
    for name, found in tree.items():
        stage = stage_of(name)
        allowed = ALLOWED.get(stage, set())
        for found_import in found:
            for target in briefing_targets(found_import, set(tree)):
                if stage_of(target) in allowed or (target == "briefing" and name != "briefing"):
                    continue
                offending.append(f"{found_import.where(REPO)}: {stage} imports {target} (a {stage} module may import {sorted(allowed)})")
    return offending


def mkdocs_outside_the_adapter(tree: Tree) -> list[str]:
    """Every import of MkDocs or Material outside site/."""
    return [
        f"{i.where(REPO)}: imports {i.target}"
        for name, found in tree.items()
        if stage_of(name) != "site"
        for i in found
        if imports_mkdocs(i)
    ]


def adapter_modules_without_mkdocs(tree: Tree, trivial: set[str]) -> list[str]:
    """site/ is the thin adapter: a module there that does not import MkDocs belongs in the core."""
    return [
        name
        for name, found in tree.items()
        if stage_of(name) == "site" and name not in trivial and not any(imports_mkdocs(i) for i in found)
    ]


def tree_of(modules: Sequence[Module]) -> dict[str, list[Import]]:
    return {module.name: list(imports_of(module)) for module in modules}


TREE = tree_of(MODULES)
TRIVIAL = {module.name for module in MODULES if module.is_package and is_trivial(module)}


def planted(module: str, target: str, names: tuple[str, ...] = ()) -> dict[str, list[Import]]:
    """The real tree with one more import in `module` (a violation, for the tests below)."""
    path = PACKAGE / (module.removeprefix("briefing.").replace(".", "/") + ".py")
    tree = {name: list(found) for name, found in TREE.items()}
    tree.setdefault(module, []).append(Import(Module(module, path), 1, target, names))
    return tree


def test_every_module_belongs_to_a_stage() -> None:
    assert unknown_stages(TREE) == [], f"modules outside the stages {', '.join(STAGES)} (add the stage to ALLOWED)"
    assert {stage_of(m.name) for m in MODULES} >= set(STAGES)
    assert unknown_stages(planted("briefing.elsewhere", "os")) == ["briefing.elsewhere"]


def test_dependencies_point_one_way_between_stages() -> None:
    offending = imports_against_the_stages(TREE)
    assert not offending, "imports against the dependency direction:\n" + "\n".join(offending)


@pytest.mark.parametrize(
    ("module", "target", "names"),
    [
        ("briefing.model.entities", "briefing.load.corpus", ()),
        ("briefing.load.corpus", "briefing.render", ("output",)),
        ("briefing.render.site", "briefing.pipeline", ("build_pages",)),
        ("briefing.build.session", "briefing.site.plugin", ()),
        ("briefing.cli.commands", "briefing.site", ("plugin",)),
    ],
    ids=["model-load", "load-render", "render-pipeline", "build-site", "cli-site"],
)
def test_an_import_against_the_stages_is_found(module: str, target: str, names: tuple[str, ...]) -> None:
    (found,) = imports_against_the_stages(planted(module, target, names))
    assert module.split(".")[1] in found and target.split(".")[1] in found


def test_only_site_imports_mkdocs() -> None:
    offending = mkdocs_outside_the_adapter(TREE)
    assert not offending, "only the modules under site/ may import MkDocs or Material:\n" + "\n".join(offending)
    for module in ("briefing.build.session", "briefing.render.site", "briefing.cli.commands"):
        assert len(mkdocs_outside_the_adapter(planted(module, "mkdocs.structure.files", ("File",)))) == 1
    assert len(mkdocs_outside_the_adapter(planted("briefing.pipeline", "material.plugins"))) == 1


def test_every_module_under_site_adapts_mkdocs() -> None:
    assert adapter_modules_without_mkdocs(TREE, TRIVIAL) == [], "site/ holds only MkDocs adapters: move the others into the core"
    assert adapter_modules_without_mkdocs(planted("briefing.site.helper", "os"), TRIVIAL) == ["briefing.site.helper"]


# ------------------------------------------------------------ ARCHITECTURE.md's map

MAP_MODULE = re.compile(r"`([\w/]+\.py)`")


def map_of(text: str) -> list[str]:
    """The modules ARCHITECTURE.md's map names: every `path.py` in the module column of its table
    (paths relative to generator/briefing/)."""
    section = text.split("## The map", 1)[1].split("\n## ", 1)[0]
    named = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 3:
            named += MAP_MODULE.findall(cells[1])
    return named


def package_modules() -> set[str]:
    """Every module that needs a line in the map (not a package's trivial `__init__.py`), as a path
    relative to generator/briefing/."""
    return {m.path.relative_to(PACKAGE).as_posix() for m in MODULES if not (m.is_package and is_trivial(m))}


def map_mismatches(named: Sequence[str], modules: set[str]) -> tuple[list[str], list[str]]:
    """(modules missing from the map, modules the map names that do not exist)."""
    return sorted(modules - set(named)), sorted(set(named) - modules)


def test_architecture_md_maps_exactly_the_modules_that_exist() -> None:
    named = map_of((REPO / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    missing, gone = map_mismatches(named, package_modules())
    assert missing == [], "ARCHITECTURE.md's map does not name these modules (path under generator/briefing/)"
    assert gone == [], "ARCHITECTURE.md's map names modules that do not exist"
    assert map_mismatches([*named, "model.py"], package_modules()) == ([], ["model.py"])
    assert map_mismatches(named[1:], package_modules()) == ([named[0]], [])


def test_architecture_md_names_no_python_file_that_does_not_exist() -> None:
    """Anywhere in the document, a `something.py` is a module of the package or a file of the repository."""
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    gone = [name for name in MAP_MODULE.findall(text) if not (PACKAGE / name).is_file() and not (REPO / name).is_file()]
    assert gone == [], "ARCHITECTURE.md names files that do not exist"


# ------------------------------------------------------------ the tests' shape


def helpers_shared_outside_tests_support(modules: Sequence[Module], tree: Tree) -> list[str]:
    names = {module.name for module in modules}
    offending = []
    for found in (i for imports in tree.values() for i in imports):
        if found.target != "tests" and not found.target.startswith("tests."):
            continue
        targets = {f"{found.target}.{name}" if f"{found.target}.{name}" in names else found.target for name in found.names or ("",)}
        for target in sorted(targets - {"tests"}):
            last = target.rsplit(".", 1)[-1]
            if not target.startswith("tests.support.") or last == "conftest" or last.startswith("test_"):
                offending.append(f"{found.where(REPO)}: imports {target}; move what it needs into tests/support/")
    return offending


def test_tests_share_helpers_only_through_tests_support() -> None:
    """Factories and helpers live in tests/support; no module imports a conftest or another test module."""
    modules = modules_under(REPO / "tests", REPO)
    tree = tree_of(modules)
    offending = helpers_shared_outside_tests_support(modules, tree)
    assert not offending, "\n".join(offending)
    this = next(m for m in modules if m.name == "tests.unit.test_architecture")
    bad = {**tree, this.name: [Import(this, 1, "tests.unit", ("conftest",)), Import(this, 2, "tests.unit.test_urls", ("x",))]}
    assert len(helpers_shared_outside_tests_support(modules, bad)) == 2


def test_no_module_is_over_400_lines() -> None:
    long = {m.path.relative_to(REPO).as_posix(): n for m in MODULES if (n := len(m.path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}, "modules over 400 lines: split them by job"
