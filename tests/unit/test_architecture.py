"""The package's shape: dependencies point one way between stages, only the modules under site/ that
adapt MkDocs import it,
and ARCHITECTURE.md names every module. The tests' shape: shared helpers live in tests/support."""

from __future__ import annotations

import re

from tests.support.imports import Import, Module, imports_of, is_trivial, modules_under
from tests.support.site import REPO

GENERATOR = REPO / "generator"
PACKAGE = GENERATOR / "briefing"
MODULES = modules_under(PACKAGE, GENERATOR)
MODULE_NAMES = {module.name for module in MODULES}

STAGES = ("model", "runtime", "load", "index", "render", "ingest", "suggest", "deploy", "pipeline", "site", "cli")
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
    "site": set(STAGES) - {"cli"},
    "cli": set(STAGES),  # but nothing that imports MkDocs: see below
}
MKDOCS_PACKAGES = ("mkdocs", "material")
# The modules under site/ that adapt MkDocs: the plugin, its options' MkDocs schema, its generated files.
MKDOCS_ADAPTERS = {"briefing.site.plugin", "briefing.site.config_schema", "briefing.site.generated_files", "briefing.site.parallel_pages"}


def stage_of(name: str) -> str:
    """`briefing.load.corpus` -> `load`; `briefing.pipeline` -> `pipeline`; `briefing` -> `briefing`."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def briefing_targets(found: Import) -> list[str]:
    """The Briefing modules an import statement pulls in (`from briefing.load import corpus` is `briefing.load.corpus`)."""
    if found.target != "briefing" and not found.target.startswith("briefing."):
        return []
    if not found.names:
        return [found.target]
    return sorted({f"{found.target}.{name}" if f"{found.target}.{name}" in MODULE_NAMES else found.target for name in found.names})


def imports_mkdocs(found: Import) -> bool:
    return found.target.split(".")[0] in MKDOCS_PACKAGES


IMPORTS: dict[str, list[Import]] = {module.name: list(imports_of(module)) for module in MODULES}


def modules_reaching_mkdocs() -> set[str]:
    """Briefing modules that import MkDocs or Material, directly or through other Briefing modules."""
    reaching = {name for name, found in IMPORTS.items() if any(imports_mkdocs(i) for i in found)}
    while True:
        more = {name for name, found in IMPORTS.items() if any(t in reaching for i in found for t in briefing_targets(i))}
        if more <= reaching:
            return reaching
        reaching |= more


def test_every_module_belongs_to_a_stage() -> None:
    unknown = [m.path.relative_to(REPO).as_posix() for m in MODULES if m.name != "briefing" and stage_of(m.name) not in STAGES]
    assert not unknown, f"modules outside the stages {', '.join(STAGES)} (add the stage to ALLOWED): {unknown}"
    assert {stage_of(m.name) for m in MODULES} >= set(STAGES)


def test_dependencies_point_one_way_between_stages() -> None:
    offending = []
    for name, found in IMPORTS.items():
        stage = stage_of(name)
        allowed = ALLOWED.get(stage, set())
        for found_import in found:
            for target in briefing_targets(found_import):
                if stage_of(target) in allowed or (target == "briefing" and name != "briefing"):
                    continue
                offending.append(f"{found_import.where(REPO)}: {stage} imports {target} (a {stage} module may import {sorted(allowed)})")
    assert not offending, "imports against the dependency direction:\n" + "\n".join(offending)


def test_only_modules_under_site_that_adapt_mkdocs_import_it() -> None:
    assert all(stage_of(name) == "site" for name in MKDOCS_ADAPTERS)
    offending = [
        f"{i.where(REPO)}: imports {i.target}"
        for name, found in IMPORTS.items()
        if name not in MKDOCS_ADAPTERS
        for i in found
        if imports_mkdocs(i)
    ]
    assert not offending, f"only {sorted(MKDOCS_ADAPTERS)} may import MkDocs or Material:\n" + "\n".join(offending)
    assert all(any(imports_mkdocs(i) for i in IMPORTS[name]) for name in MKDOCS_ADAPTERS)


def test_cli_does_not_import_mkdocs() -> None:
    """The CLI runs the core without MkDocs (`check`, `export`); a build goes through `mkdocs` itself."""
    forbidden = modules_reaching_mkdocs() | MKDOCS_ADAPTERS
    assert forbidden >= MKDOCS_ADAPTERS
    offending = [
        f"{i.where(REPO)}: imports {target}, which imports MkDocs"
        for name, found in IMPORTS.items()
        if stage_of(name) == "cli"
        for i in found
        for target in briefing_targets(i)
        if target in forbidden
    ]
    assert not offending, "\n".join(offending)


def documented_as(module: Module) -> list[str]:
    """The spellings that count as naming a module: `briefing.load.corpus`, `load.corpus`, `load/corpus.py`."""
    relative = module.path.relative_to(PACKAGE).as_posix()
    dotted = module.name.removeprefix("briefing.")
    return [module.name, dotted, relative] if "." in dotted else [module.name, relative]


def test_architecture_md_names_every_module() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [
        module.path.relative_to(REPO).as_posix()
        for module in MODULES
        if not (module.is_package and is_trivial(module))
        and not any(re.search(rf"(?<!\w){re.escape(spelling)}(?![\w/])", text) for spelling in documented_as(module))
    ]
    assert not missing, "ARCHITECTURE.md does not name these modules (dotted path or path under generator/briefing/):\n" + "\n".join(
        missing
    )


def test_tests_share_helpers_only_through_tests_support() -> None:
    """Factories and helpers live in tests/support; no module imports a conftest or another test module."""
    modules = modules_under(REPO / "tests", REPO)
    names = {module.name for module in modules}
    offending = []
    for module in modules:
        for found in imports_of(module):
            if found.target != "tests" and not found.target.startswith("tests."):
                continue
            targets = {f"{found.target}.{name}" if f"{found.target}.{name}" in names else found.target for name in found.names or ("",)}
            for target in sorted(targets - {"tests"}):
                last = target.rsplit(".", 1)[-1]
                if not target.startswith("tests.support.") or last == "conftest" or last.startswith("test_"):
                    offending.append(f"{found.where(REPO)}: imports {target}; move what it needs into tests/support/")
    assert not offending, "\n".join(offending)
