"""The MkDocs adapter: run the pipeline in `on_files` and add the pages in memory.

The only module that imports MkDocs. It maps settings from mkdocs.yml, turns
problems into log lines and a clean build error (no traceback), keeps article
pages out of the navigation, points "Edit this page" at the editors' source
files, and watches articles and registries under `mkdocs serve`.
"""

from __future__ import annotations

import logging
import os
import posixpath
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from briefing.load.corpus import LoadCache
from briefing.model.settings import Settings
from briefing.render.html_blocks import inline_blocks
from briefing.index.corpus_index import IndexCache
from briefing.pipeline import BuildResult, build_pages
from briefing.model.problems import Severity, summarize
from briefing.runtime.progress import Progress
from briefing.render.output import MarkdownPage
from briefing.render.site import RenderCache, RenderOptions
from briefing.site.search_index import DEFAULT_PART_PAGES, IndexRun, SearchIndexError, index_site, plan_parts
from briefing.runtime.timing import own_peak_mb

log = logging.getLogger("mkdocs.plugins.briefing")

PAGEFIND_SERVE_DELAY = 3.0  # seconds of quiet after a preview build before search re-indexes

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
    search_part_pages = opt.Type(int, default=DEFAULT_PART_PAGES)
    """Index articles in parts of about this many pages (bounds Pagefind's memory); 0: one index."""
    instant_navigation = opt.Type(bool, default=True)
    offline = opt.Type(bool, default=False)
    """Browsable from a local folder: `.html` URLs (MkDocs' `use_directory_urls` off)."""
    edit_uri_root = opt.Optional(opt.Type(str))
    """Edit URI of the repository root (e.g. 'edit/main/'); derived from `edit_uri` when unset."""


class _GeneratedFile(File):
    """A generated page that a `--dirty` rebuild may skip when its Markdown did not change."""

    unchanged: bool = False

    def is_modified(self) -> bool:
        if self.unchanged and os.path.isfile(self.abs_dest_path):
            return False
        return super().is_modified()


class BriefingPlugin(BasePlugin[BriefingConfig]):
    """Adds the briefing pages (articles, indexes, entity pages, timeline, home) to the site."""

    def __init__(self) -> None:
        self.command: str = "build"
        self.dirty = False
        self.result: BuildResult | None = None
        self.sources: dict[str, str] = {}  # src_uri -> editor's file, for edit links
        self.blocks: dict[str, tuple[str, ...]] = {}  # src_uri -> generated HTML blocks (see on_page_content)
        # Kept between `mkdocs serve` rebuilds (MkDocs keeps a plugin with on_startup alive).
        self.load_cache: LoadCache | None = None
        self.render_cache: RenderCache | None = None
        self.index_cache: IndexCache | None = None
        self.previous_pages: dict[str, tuple[str, tuple[str, ...]]] = {}  # src_uri -> what the last build gave MkDocs
        self.pagefind_thread: threading.Thread | None = None
        self.pagefind_generation = 0
        self.started = 0.0
        self.mkdocs_started = 0.0
        self.progress: Progress | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve":
            self.load_cache, self.render_cache, self.index_cache = LoadCache(), RenderCache(), IndexCache()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add Briefing's theme overrides (feeds, social tags, Pagefind markers) under the site's own."""
        if self.config.offline:
            config.use_directory_urls = False
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
        self.started = time.perf_counter()
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
            load_cache=self.load_cache,
            render_cache=self.render_cache,
            index_cache=self.index_cache,
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
        self.blocks = {}
        pages = self.result.pages if self.result else []
        for page in pages:
            existing = files.get_file_from_path(page.uri)
            if existing is not None and existing.generated_by is None:
                raise PluginError(f"{config.docs_dir}/{page.uri} conflicts with a page Briefing generates; rename or remove it.")
            markdown_page = page if isinstance(page, MarkdownPage) else None  # else a feed or data file
            blocks = markdown_page.blocks if markdown_page else ()
            inclusion = InclusionLevel.INCLUDED if markdown_page and markdown_page.in_nav else InclusionLevel.NOT_IN_NAV
            file = _GeneratedFile.generated(config, page.uri, content=page.content, inclusion=inclusion)
            # Under `mkdocs serve --dirty`, MkDocs skips pages whose Markdown is as it was last build.
            file.unchanged = self.dirty and self.previous_pages.get(page.uri) == (page.content, blocks)
            files.append(file)
            if markdown_page and markdown_page.source_path:
                self.sources[page.uri] = markdown_page.source_path
            if blocks:
                self.blocks[page.uri] = blocks
        if self.dirty:
            self._remove_vanished_pages(config, {page.uri for page in pages})
        self.previous_pages = {page.uri: (page.content, self.blocks.get(page.uri, ())) for page in pages} if self.command == "serve" else {}
        files.append(File.generated(config, "assets/briefing-search.js", content=(THEME_DIR_PATH / "briefing-search.js").read_text(encoding="utf-8")))
        self.progress = Progress("rendering pages", sum(1 for f in files.documentation_pages() if f.is_modified()))
        self.mkdocs_started = time.perf_counter()
        return files

    def _remove_vanished_pages(self, config: MkDocsConfig, current: set[str]) -> None:
        """A dirty rebuild keeps old output: delete the pages Briefing made last time and no longer makes."""
        for uri in sorted(set(self.previous_pages) - current):
            dest = File.generated(config, uri, content="").abs_dest_path
            if os.path.isfile(dest):
                os.remove(dest)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the generated lists back: they skip Markdown, which has nothing to do with them."""
        return inline_blocks(html, self.blocks.get(page.file.src_uri, ()))

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.progress is not None:
            self.progress.step()
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built HTML with Pagefind (search and facets), then say where the time went."""
        if self.progress is not None:
            self.progress.close()
        mkdocs_seconds = time.perf_counter() - self.mkdocs_started
        search: IndexRun | None = None
        build_peak = own_peak_mb()  # MkDocs and Briefing, before Pagefind runs beside them
        if self.config.pagefind and self.result and self.result.pages:
            if self.command == "serve":
                # The preview reloads without waiting; search catches up a few seconds later.
                self._index_in_background(config.site_dir)
            else:
                search = _index_search(config.site_dir, self._search_parts())
        if self.result:
            parts = [f"Briefing: {self.result.timings.summary()}", f"MkDocs pages {mkdocs_seconds:.1f} s"]
            if search is not None:
                parts.append(f"Pagefind {search.seconds:.1f} s" + (f" ({search.parts + 1} bundles)" if search.parts else ""))
            parts.append(f"total {time.perf_counter() - self.started:.1f} s")
            peaks = [f"{who} {mb:.0f} MB" for who, mb in (("build", build_peak), ("Pagefind", search and search.peak_mb)) if mb]
            if peaks:
                parts.append("peak memory " + ", ".join(peaks))
            log.info("; ".join(parts))

    def _search_parts(self) -> list[list[str]]:
        """How the articles are split for indexing: by the month folders their pages are in."""
        articles = self.result.corpus.articles if self.result else []
        return plan_parts(Counter(posixpath.dirname(a.uri) for a in articles), self.config.search_part_pages)

    def _index_in_background(self, site_dir: str) -> None:
        """Re-index for search once edits pause, at low priority: the next preview comes first."""
        previous = self.pagefind_thread
        self.pagefind_generation += 1
        generation = self.pagefind_generation
        parts = self._search_parts()

        def index() -> None:
            if previous is not None:
                previous.join()  # one Pagefind at a time
            time.sleep(PAGEFIND_SERVE_DELAY)
            if generation != self.pagefind_generation:
                return  # another build finished meanwhile; its own run will index it
            try:
                _index_search(site_dir, parts, nice=True)
            except PluginError as exc:
                log.warning(str(exc))

        self.pagefind_thread = threading.Thread(target=index, name="briefing-pagefind", daemon=True)
        self.pagefind_thread.start()

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


def _index_search(site_dir: str, parts: list[list[str]], nice: bool = False) -> IndexRun:
    try:
        return index_site(Path(site_dir), parts, nice=nice)
    except SearchIndexError as exc:
        raise PluginError(str(exc)) from None
