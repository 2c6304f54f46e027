"""The MkDocs plugin: each hook hands its work to the module that does that job.

The pipeline runs in `on_pre_build`, before MkDocs empties the site folder, so a bad edit
stops the build (one log line per problem, no traceback) and the last good site stays;
under `mkdocs serve` problems are logged and the articles with errors left out. The pages are
added to MkDocs' files in memory in `on_files` (`generated_files`); the generated HTML lists
go back in after Markdown (`on_page_content`); "Edit this page" points at the editor's file
(`edit_links`); Pagefind indexes the built site in `on_post_build` (`search_index`), in the
background under `mkdocs serve`, which also watches the articles and registries. The options
are the core's `SiteOptions`, checked in `load_config` and mapped to MkDocs in `config_schema`.
Only the modules of this package that adapt MkDocs import it.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment
from mkdocs.config.base import ConfigErrors, ConfigWarnings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from briefing.build.build_cache import (
    BuildCache,
    StoredArticles,
    StoredPages,
    StoredRelated,
    cache_enabled,
    cache_report,
    environment_key,
)
from briefing.build.edit_links import edit_url
from briefing.build.preview import IdleCollector, TemplateCode
from briefing.build.search_index import BackgroundIndexer, EarlyParts, IndexRun, SearchIndexError, index_site, parts_of
from briefing.build.site_folders import FoldersAhead, folders_of
from briefing.index.corpus_index import IndexCache
from briefing.load.corpus import LoadCache
from briefing.model.problems import Severity, summarize
from briefing.model.settings import DEFAULT_OPTIONS, SiteOptions
from briefing.pipeline import BuildResult, build_pages
from briefing.render.html_blocks import inline_blocks
from briefing.render.robots import render_robots
from briefing.render.site import RenderCache
from briefing.runtime.heap import settle
from briefing.runtime.progress import Progress
from briefing.runtime.timing import own_peak_mb
from briefing.site.config_schema import BriefingConfig, check_plugin_options, render_options_of, settings_of
from briefing.site.generated_files import GeneratedPages
from briefing.site.parallel_pages import ParallelPages, page_loop_available, parallel_jobs

log = logging.getLogger("mkdocs.plugins.briefing")

# Templates and `assets/briefing-search.js`: MkDocs copies a theme folder's other files to the site.
THEME_DIR = str(Path(__file__).parent / "theme")


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[no-untyped-call]
    """Adds the briefing pages (articles, indexes, entity pages, timeline, home) to the site."""

    def __init__(self) -> None:
        self.command: str = "build"
        self.options: SiteOptions = DEFAULT_OPTIONS
        self.dirty = False
        self.result: BuildResult | None = None
        # Kept between `mkdocs serve` rebuilds (MkDocs keeps a plugin with on_startup alive).
        self.load_cache: LoadCache | None = None
        self.render_cache: RenderCache | None = None
        self.index_cache: IndexCache | None = None
        self.pages = GeneratedPages()
        self.indexer = BackgroundIndexer()
        self.template_code: TemplateCode | None = None  # the theme's compiled templates, between rebuilds
        self.collector: IdleCollector | None = None
        self.started = 0.0
        self.mkdocs_started = 0.0
        self.progress: Progress | None = None
        # One-off builds: the page loop on every CPU and the build cache (`parallel_pages`).
        self.loop: ParallelPages | None = None
        self.loop_running = False
        self.page_cache: BuildCache | None = None
        self.search_cache: BuildCache | None = None
        self.markdown_cache: BuildCache | None = None  # the core's rendered pages (`StoredPages`)
        self.article_cache: BuildCache | None = None  # the parsed articles (`StoredArticles`)
        self.environment = ""  # `environment_key` of this build, when it uses the build cache
        self.folders: FoldersAhead | None = None  # the site's folders, made while the core runs
        self.early: EarlyParts | None = None  # search parts indexed while the page loop runs
        self.site_cache: BuildCache | None = None  # the site's folders of the last build (`site_folders`)
        self.files: Files | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[ConfigErrors, ConfigWarnings]:
        """Check the options with the core's declaration first: the same messages as `briefing check`."""
        self.options = check_plugin_options(options, config_file_path)
        return super().load_config(dict(options), config_file_path)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve":
            self.load_cache, self.render_cache, self.index_cache = LoadCache(), RenderCache(), IndexCache()
            self.template_code, self.collector = TemplateCode(), IdleCollector()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add Briefing's theme (templates, search script) under the site's own overrides."""
        if self.options.offline:
            config.use_directory_urls = False
        dirs = config.theme.dirs
        if THEME_DIR not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, THEME_DIR)
        features = config.theme.get("features")
        # Hosted builds only: instant loading fetches pages, which a file:// site cannot.
        hosted = self.options.instant_navigation and config.use_directory_urls
        if hosted and isinstance(features, list) and "navigation.instant" not in features:
            features.append("navigation.instant")
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Validate before MkDocs cleans the site folder, so a bad edit never wipes the last good site."""
        serving = self.command == "serve"
        if self.collector is not None:
            self.collector.build_starts()
        if serving:
            self.indexer.cancel()  # the preview comes first; search is indexed again after this build
        self.started = time.perf_counter()
        self.markdown_cache, self.article_cache, self.environment = None, None, ""
        self.folders, self.site_cache, self.files = None, None, None
        store, parsed, related = None, None, None
        cache_folder = None if serving else self._cache_folder(config)
        if cache_folder is not None and not self.dirty:
            self.site_cache = BuildCache(cache_folder, "site")
            self.folders = FoldersAhead(Path(config.site_dir), self.site_cache)
            self.folders.start()  # overlaps the core: see `site_folders`
        if cache_folder is not None:
            self.environment = self._environment_key(config)
            self.markdown_cache = BuildCache(cache_folder, "markdown")
            self.article_cache = BuildCache(cache_folder, "articles")
            store = StoredPages(self.markdown_cache, self.environment)
            parsed = StoredArticles(self.article_cache, self.environment)
            related = StoredRelated(self.article_cache, self.environment)
        self.result = build_pages(
            settings_of(self.options, config, preview=serving),
            render_options_of(self.options, config),
            render_with_errors=serving,
            load_cache=self.load_cache,
            render_cache=self.render_cache,
            index_cache=self.index_cache,
            page_store=store,
            parsed_store=parsed,
            related_store=related,
            settle=None if serving else settle,
        )
        if parsed is not None and self.result.ok:
            parsed.flush()  # a build that stops here leaves the build cache as it was
        if self.folders is not None and self.result.ok:
            self.folders.clear_previous()  # instead of MkDocs' clean, in the background
        problems = self.result.corpus.log.sorted()
        for problem in problems:
            (log.error if problem.severity is Severity.ERROR else log.warning)(problem.format())
        if not self.result.ok:
            if not serving:
                raise PluginError(f"Briefing found {summarize(problems)} in the articles or registries; nothing was built.")
            log.error("Briefing: articles with errors are left out of this preview until they are fixed.")

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages in memory; article and entry pages stay out of the navigation."""
        self.pages.add_to(files, config, self.result, dirty=self.dirty, serving=self.command == "serve")
        files.append(File.generated(config, "robots.txt", content=render_robots(config.site_url)))
        self.progress = Progress("rendering pages", sum(1 for f in files.documentation_pages() if f.is_modified()))
        self.mkdocs_started = time.perf_counter()
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """One-off builds take over MkDocs' page loop (`parallel_pages`): pages whose inputs did not
        change come from the build cache, the rest are built on every CPU when there are many."""
        self.loop, self.page_cache, self.search_cache, self.early = None, None, None, None
        self.files = files
        written = _written(files)
        if self.command != "serve":
            settle()  # MkDocs' files, pages and navigation live until the end too (`runtime.heap`)
        if self.folders is not None:
            self.folders.place(folders_of(written))
        if self.command == "serve" or self.dirty or not page_loop_available():
            return nav
        jobs = parallel_jobs(len(files.documentation_pages()))
        cache_folder = self._cache_folder(config)
        if jobs <= 1 and cache_folder is None:
            return nav
        page_key = None
        if cache_folder is not None:
            self.page_cache, self.search_cache = BuildCache(cache_folder, "pages"), BuildCache(cache_folder, "search")
            self.pages.keep_data_files_in(self.page_cache)
            environment = self.environment or self._environment_key(config)

            def page_key(file: File) -> object | None:
                return self.pages.inputs_of(file.src_uri, environment)

        if self.search_cache is not None and self.options.pagefind and self.result and self.result.pages:
            self.early = EarlyParts(Path(config.site_dir), self._search_parts(), written, self.search_cache)
        self.loop = ParallelPages(nav, files, jobs, self.page_cache, page_key, on_worker_start=self._in_page_worker, first=self.early)
        self.loop.install()
        self.loop_running = True
        return nav

    def _search_parts(self) -> list[list[str]]:
        assert self.result is not None
        return parts_of((a.uri for a in self.result.corpus.articles), self.options.search_part_pages)

    def _cache_folder(self, config: MkDocsConfig) -> Path | None:
        if not self.options.cache_dir or not cache_enabled():
            return None
        return Path(config.config_file_path or ".").resolve().parent / self.options.cache_dir

    @staticmethod
    def _environment_key(config: MkDocsConfig) -> str:
        return environment_key(
            Path(config.config_file_path) if config.config_file_path else None,
            list(config.theme.dirs),
            {"site_url": config.site_url, "site_name": config.site_name, "directory_urls": config.use_directory_urls},
        )

    def _in_page_worker(self) -> None:
        self.progress = None  # each worker sees only its share; the summary line reports the whole

    def _restore_mkdocs(self) -> None:
        if self.loop is not None and self.loop_running:
            self.loop.uninstall()
            self.loop.finish()
            self.loop_running = False

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under `mkdocs serve`, the theme's templates are compiled once, not on every rebuild.
        Every page exists by now: generated ones get their last change, the sitemap's lastmod."""
        self.pages.date_pages(files, self.result.lastmod if self.result else {})
        if self.template_code is not None:
            env.bytecode_cache = self.template_code
        return env

    def on_build_error(self, *, error: Exception) -> None:
        self._restore_mkdocs()
        if self.early is not None:
            self.early.finish()
        if self.folders is not None:
            self.folders.abandon()

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.progress is not None:
            self.progress.step()
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the generated lists back: they skip Markdown, which has nothing to do with them."""
        return inline_blocks(html, self.pages.blocks.get(page.file.src_uri, ()))

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        """Point "Edit this page" at the article or registry file the page comes from."""
        if page.file.generated_by is not None:
            source = self.pages.sources.get(page.file.src_uri)
            page.edit_url = (
                edit_url(config.repo_url, config.edit_uri, config.docs_dir, self.options.edit_uri_root, source) if source else None
            )
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built HTML with Pagefind (search and facets), then say where the time went."""
        self._restore_mkdocs()
        if self.progress is not None:
            self.progress.close()
        if self.folders is not None and self.files is not None:
            pages = self.files.documentation_pages()
            self.folders.sweep(f.dest_uri for f in pages if not os.path.exists(f.abs_dest_path))
            self.folders.remember()
            self.folders.finish()
        mkdocs_seconds = time.perf_counter() - self.mkdocs_started
        search: IndexRun | None = None
        build_peak = own_peak_mb()  # MkDocs and Briefing, before Pagefind runs beside them
        if self.options.pagefind and self.result and self.result.pages:
            parts = self._search_parts()
            if self.command == "serve":
                self.indexer.index_later(Path(config.site_dir), parts)
            else:
                # The page loop's keys stand for the HTML of the pages it reused or stored.
                known = self.loop.page_keys if self.loop is not None and self.loop.cache is not None else None
                try:
                    search = index_site(Path(config.site_dir), parts, cache=self.search_cache, known=known, early=self.early)
                except SearchIndexError as exc:
                    raise PluginError(str(exc)) from None
                finally:
                    if self.early is not None:
                        self.early.finish()
        caches = [
            c for c in (self.article_cache, self.markdown_cache, self.page_cache, self.search_cache, self.site_cache) if c is not None
        ]
        for cache in caches:
            cache.prune()
        if (problem := cache_report(caches)) is not None:
            log.info(problem)
        if self.collector is not None:
            self.collector.build_ended()  # see `site.preview`
        if self.result:
            summary = _build_summary(
                self.result,
                mkdocs_seconds,
                search,
                build_peak,
                time.perf_counter() - self.started,
                self.loop,
                self.search_cache,
                self.folders,
            )
            log.info(summary)

    def on_shutdown(self) -> None:
        """The process ends: its last garbage collections need not walk the whole site again."""
        settle()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild the preview when an article or a registry changes."""
        settings = settings_of(self.options, config)
        for folder in (settings.articles_path, settings.data_path):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _written(files: Files) -> list[str]:
    """The files MkDocs writes in a build (site-relative, posix)."""
    return [f.dest_uri for f in files if f.inclusion.is_included()]  # type: ignore[no-untyped-call]


def _build_summary(
    result: BuildResult,
    mkdocs_seconds: float,
    search: IndexRun | None,
    build_peak: float | None,
    total: float,
    loop: ParallelPages | None = None,
    search_cache: BuildCache | None = None,
    folders: FoldersAhead | None = None,
) -> str:
    """One line saying where the time went, what came from the build cache, and how much memory
    the build and Pagefind took."""
    pages = ""
    if loop is not None:
        pages = f" ({loop.built:,} built, {loop.reused:,} from the cache)" if loop.cache is not None else ""
        pages += f" on {loop.jobs} processes" if loop.jobs > 1 else ""
    parts = [f"Briefing: {result.timings.summary()}", f"MkDocs pages {mkdocs_seconds:.1f} s{pages}"]
    if folders is not None and folders.placed:
        waited = f", waited {folders.waited:.1f} s for" if folders.waited >= 0.1 else ""
        parts.append(f"site folders {len(folders.placed):,} made ahead{waited}")
    if search is not None:
        bundles = f"{search.parts + 1} bundles, {search.concurrent} at a time" if search.parts else ""
        reused = f"{search.reused} from the cache" if search_cache is not None else ""
        early = f"{search.early} indexed while pages were written" if search.early else ""
        detail = "; ".join(x for x in (bundles, reused, early) if x)
        parts.append(f"Pagefind {search.seconds:.1f} s" + (f" ({detail})" if detail else ""))
    parts.append(f"total {total:.1f} s")
    peaks = [f"{who} {mb:.0f} MB" for who, mb in (("build", build_peak), ("Pagefind", search and search.peak_mb)) if mb]
    if peaks:
        parts.append("peak memory " + ", ".join(peaks))
    return "; ".join(parts)
