"""The MkDocs adapter: run the pipeline in `on_files` and add the pages in memory.

The only module that imports MkDocs. It maps settings from mkdocs.yml, turns
problems into log lines and a clean build error (no traceback), keeps article
pages out of the navigation, points "Edit this page" at the editors' source
files, and watches articles and registries under `mkdocs serve`.
"""

from __future__ import annotations

import logging
import posixpath
import subprocess
import sys
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .corpus import Settings
from .pipeline import BuildResult, build_pages
from .problems import Severity, summarize
from .render import RenderOptions

log = logging.getLogger("mkdocs.plugins.briefing")

THEME_DIR_PATH = Path(__file__).parent / "theme"
THEME_DIR = str(THEME_DIR_PATH)


class BriefingConfig(Config):
    articles_dir = opt.Type(str, default="articles")
    data_dir = opt.Type(str, default="data")
    include_drafts = opt.Type(bool, default=False)
    home_title = opt.Type(str, default="Latest briefings")
    autolink = opt.Type(bool, default=True)
    pagefind = opt.Type(bool, default=True)
    """Build the Pagefind index for the faceted search page after each build."""
    instant_navigation = opt.Type(bool, default=True)
    edit_uri_root = opt.Optional(opt.Type(str))
    """Edit URI of the repository root (e.g. 'edit/main/'); derived from `edit_uri` when unset."""


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Adds the briefing pages (articles, indexes, entity pages, timeline, home) to the site."""

    def __init__(self) -> None:
        self.command: str = "build"
        self.result: BuildResult | None = None
        self.sources: dict[str, str] = {}  # src_uri -> editor's file, for edit links

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add Briefing's theme overrides (feeds, social tags, Pagefind markers) under the site's own."""
        dirs = config.theme.dirs
        if THEME_DIR not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, THEME_DIR)
        features = config.theme.get("features")
        if self.config.instant_navigation and config.use_directory_urls and isinstance(features, list):
            # Hosted builds only: instant loading fetches pages, which a file:// site cannot.
            if "navigation.instant" not in features:
                features.append("navigation.instant")
        return config

    def _settings(self, config: MkDocsConfig) -> Settings:
        root = Path(config.config_file_path or ".").resolve().parent
        return Settings(
            root=root,
            articles_dir=self.config.articles_dir,
            data_dir=self.config.data_dir,
            include_drafts=self.config.include_drafts,
        )

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Validate before MkDocs cleans the site folder, so a bad edit never wipes the last good site."""
        serving = self.command == "serve"
        self.result = build_pages(
            self._settings(config),
            RenderOptions(
                home_title=self.config.home_title,
                site_name=config.site_name,
                site_url=config.site_url or "http://127.0.0.1:8000/",
                directory_urls=config.use_directory_urls,
                autolink=self.config.autolink,
            ),
            render_with_errors=serving,
        )
        problems = self.result.corpus.log.sorted()
        for problem in problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(problem.format())
        if not self.result.ok:
            if not serving:
                raise PluginError(f"Briefing found {summarize(problems)} in the articles or registries; nothing was built.")
            log.error("Briefing: articles with errors are left out of this preview until they are fixed.")

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages in memory; article and entry pages stay out of the navigation."""
        self.sources = {}
        for page in self.result.pages if self.result else []:
            existing = files.get_file_from_path(page.uri)
            if existing is not None and existing.generated_by is None:
                raise PluginError(f"{config.docs_dir}/{page.uri} conflicts with a page Briefing generates; rename or remove it.")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.uri, content=page.markdown, inclusion=inclusion))
            if page.source_path:
                self.sources[page.uri] = page.source_path
        files.append(File.generated(config, "assets/briefing-search.js", content=(THEME_DIR_PATH / "briefing-search.js").read_text(encoding="utf-8")))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built HTML with Pagefind: the faceted search page's filters and counts."""
        if not self.config.pagefind or not self.result or not self.result.pages:
            return
        completed = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"],
            capture_output=True, text=True, check=False,
        )
        if completed.returncode != 0:
            raise PluginError(f"Pagefind could not index the site: {(completed.stderr or completed.stdout).strip()}")

    def on_page_context(self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """Point "Edit this page" at the article or registry file the page comes from."""
        source = self.sources.get(page.file.src_uri)
        if page.file.generated_by is not None:
            page.edit_url = self._edit_url(config, source) if source else None
        return context

    def _edit_url(self, config: MkDocsConfig, source_path: str) -> str | None:
        if not config.repo_url:
            return None
        root = self.config.edit_uri_root
        if root is None:
            edit_uri = config.edit_uri or ""
            docs_name = Path(config.docs_dir).name + "/"
            root = edit_uri[: -len(docs_name)] if edit_uri.endswith(docs_name) else edit_uri
        return posixpath.join(config.repo_url.rstrip("/") + "/", root, source_path)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        settings = self._settings(config)
        for folder in (settings.articles_path, settings.data_path):
            if folder.is_dir():
                server.watch(str(folder))
        return server
