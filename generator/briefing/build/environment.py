"""What every page of a one-off build depends on besides its own inputs: the build's environment.

Every key of the build store is salted with it, so a change to any of it makes every entry
unused (and pruned), never stale: Briefing's own code and templates, the versions of the
packages that shape a page, the theme folders' files, the hooks' code, mkdocs.yml as written,
and the whole configuration as resolved (`!ENV` values included: a changed `REPO_URL` changes
every page's edit link), which the engine (the MkDocs adapter) hands over as plain data.
"""

from __future__ import annotations

import os
import sysconfig
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from briefing.build.digests import digest, digest_files
from briefing.build.store import FORMAT

# Packages whose code shapes a page's HTML: a new version of any of them builds every page anew.
RENDERING_PACKAGES = (
    "mkdocs",
    "properdocs",
    "mkdocs-material",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "pagefind",
    "minify-html",
    "briefing",
)
PACKAGE_ROOT = Path(__file__).resolve().parents[1]
# Environment variables that do not change what a build makes (the rest of BRIEFING_* count).
NEUTRAL_VARIABLES = ("BRIEFING_JOBS", "BRIEFING_CACHE")


def environment_key(
    configuration: object, config_file: Path | None, theme_dirs: Sequence[str], code_files: Sequence[Path], engine: str = "mkdocs"
) -> str:
    """The key of a build's environment: `configuration` is the resolved configuration as plain
    (JSON-able) data, `code_files` other code the build runs (MkDocs hooks), `engine` the package
    that builds (`mkdocs` or `properdocs`: both may be installed, and their pages differ)."""
    versions: dict[str, str | None] = {}
    for name in RENDERING_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    code = digest_files([p for p in PACKAGE_ROOT.rglob("*") if p.is_file() and "__pycache__" not in p.parts], PACKAGE_ROOT)
    config_bytes = config_file.read_bytes().hex() if config_file is not None and config_file.is_file() else None
    themes = []
    for folder in theme_dirs:
        root = Path(folder)
        installed = any(root.resolve().is_relative_to(Path(sysconfig.get_paths()[kind]).resolve()) for kind in ("purelib", "platlib"))
        if root.is_dir() and not installed:  # installed themes are covered by their package's version
            themes.append(digest_files([p for p in root.rglob("*") if p.is_file()], root))
    hooks = [digest_files([path], path.parent) for path in code_files if path.is_file()]
    variables = {name: value for name, value in os.environ.items() if name.startswith("BRIEFING_") and name not in NEUTRAL_VARIABLES}
    return digest(FORMAT.decode(), engine, versions, code, config_bytes, themes, hooks, configuration, variables)
