"""Read what Python modules import, without importing them (for the architecture tests)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Module:
    """A source file and its dotted name (`briefing.model.entities`, `tests.unit.test_urls`)."""

    name: str
    path: Path

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"


@dataclass(frozen=True)
class Import:
    """One imported module, where the import statement is."""

    module: Module
    line: int
    target: str  # dotted name of the imported module (or of the name's module in `from x import name`)
    names: tuple[str, ...] = ()  # for `from x import a, b`: a, b

    def where(self, root: Path) -> str:
        return f"{self.module.path.relative_to(root).as_posix()}:{self.line}"


def modules_under(package_dir: Path, root: Path) -> list[Module]:
    """Every `.py` file under `package_dir`, named relative to `root` (the folder on sys.path)."""
    modules = []
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules.append(Module(".".join(parts), path))
    return modules


def parse(module: Module) -> ast.Module:
    return ast.parse(module.path.read_text(encoding="utf-8"), filename=str(module.path))


def imports_of(module: Module) -> Iterator[Import]:
    """Every import in the module, at any depth (functions, `if TYPE_CHECKING:`), relative ones resolved."""
    for node in ast.walk(parse(module)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                package = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, target] if target else base)
            yield Import(module, node.lineno, target, tuple(alias.name for alias in node.names))


def is_trivial(module: Module) -> bool:
    """A module holding nothing but a docstring and constants (a package's `__init__.py`, say)."""
    for statement in parse(module).body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Constant):
            continue
        return False
    return True
