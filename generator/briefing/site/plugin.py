"""The MkDocs plugin: each hook hands its work to the core, a few lines each.

A one-off build (`mkdocs build`, `gh-deploy`) is a `build.session.BuildSession` running
`build.session.one_off_build`, the build's whole sequence, which the hooks advance: the core
runs in `on_pre_build`, before MkDocs empties the site folder, so a bad edit stops the build
(one log line per problem, no traceback) and the last good site stays; `on_nav` plans the page
loop (`page_loop`: pages from the build store, the rest on every CPU); `on_post_build` indexes
the search and says where the time went. Whatever stops the build, `on_build_error` or, for
Ctrl-C, `on_shutdown` (MkDocs calls it in a `finally`) closes the sequence, and the session
cleans up. Under `mkdocs serve` a `build.preview.PreviewSession` keeps the last build in
memory, and problems are logged with the articles with errors left out. The pages are added to
MkDocs' files in memory (`generated_files`); the generated HTML lists go back in after
Markdown (`on_page_content`); "Edit this page" points at the editor's file. The options are the
core's `SiteOptions`, checked in `load_config` and mapped to MkDocs in `config_schema`.
"""

from __future__ import annotations

import atexit
import logging
import os
import time
from collections.abc import Generator
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

from briefing.build.edit_links import edit_url
from briefing.build.environment import environment_key
from briefing.build.icon_sprite import SPRITE, Sprite, build_sprite
from briefing.build.minify import minify_page
from briefing.build.preview import PreviewSession
from briefing.build.search_index import parts_of
from briefing.build.session import BuildRequest, BuildSession, BuildStopped, CoreDone, Finished, PagesPlanned, Step, Written, one_off_build
from briefing.model.problems import Severity
from briefing.model.settings import DEFAULT_OPTIONS, SiteOptions
from briefing.pipeline import BuildResult
from briefing.render.html_blocks import inline_blocks
from briefing.render.robots import render_robots
from briefing.runtime.heap import settle
from briefing.runtime.progress import Progress
from briefing.site.config_schema import BriefingConfig, check_plugin_options, render_options_of, resolved_configuration, settings_of
from briefing.site.generated_files import GeneratedPages
from briefing.site.page_loop import ParallelPages, engine, page_loop_available

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
        self.pages = GeneratedPages()
        self.preview: PreviewSession | None = None  # `mkdocs serve`: kept between rebuilds
        self.session: BuildSession | None = None  # a one-off build
        self.build: Generator[Step, Written | None, None] | None = None  # its sequence (`one_off_build`)
        self.loop: ParallelPages | None = None
        self.progress: Progress | None = None
        self.files: Files | None = None
        self.pages_started = 0.0
        self.exit_hook = False
        self.sprite: Sprite | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> tuple[ConfigErrors, ConfigWarnings]:
        """Check the options with the core's declaration first: the same messages as `briefing check`."""
        self.options = check_plugin_options(options, config_file_path)
        return super().load_config(dict(options), config_file_path)

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve":
            self.preview = PreviewSession()

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
        self.sprite = build_sprite(_icons_of(config), list(dirs)) if config.use_directory_urls else None
        if self.sprite is not None:  # hosted: the theme's icons from one file (partials/briefing-icon.html)
            config.extra["briefing_icons"] = {"href": SPRITE, "boxes": self.sprite.boxes}
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Validate before MkDocs cleans the site folder, so a bad edit never wipes the last good site."""
        self.pages_started, self.loop, self.files = 0.0, None, None
        if self.preview is not None:
            self.result = self.preview.build(settings_of(self.options, config, preview=True), render_options_of(self.options, config))
            self._log_problems(self.result)
            if not self.result.ok:
                log.error("Briefing: articles with errors are left out of this preview until they are fixed.")
            return
        self.session = BuildSession(self._request(config))
        self.build = one_off_build(self.session)
        if not self.exit_hook:  # a caller that runs no `on_shutdown` (not MkDocs' CLI): cleaned up at exit
            atexit.register(self._stop)
            self.exit_hook = True
        try:
            step = next(self.build)
        except BuildStopped as stopped:
            self._stop()
            if self.session.result is not None:
                self._log_problems(self.session.result)
            raise PluginError(str(stopped)) from None
        for note in self.session.notes:
            log.info(note)
        assert isinstance(step, CoreDone)
        self.result = step.result
        self._log_problems(self.result)  # the warnings of articles that are valid

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add the generated pages in memory; article and entry pages stay out of the navigation."""
        self.pages.add_to(files, config, self.result, dirty=self.dirty, serving=self.preview is not None)
        if self.session is not None:
            self.pages.write_data_files_with(self.session.writer)
        files.append(File.generated(config, "robots.txt", content=render_robots(config.site_url)))
        if self.sprite is not None:
            files.append(File.generated(config, SPRITE, content=self.sprite.content))
        self.progress = Progress("rendering pages", sum(1 for f in files.documentation_pages() if f.is_modified()))
        self.pages_started = time.perf_counter()
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A one-off build plans its page loop: pages whose inputs did not change come from the
        build store, the rest are built on every CPU when there are many (`page_loop`)."""
        self.files = files
        if self.build is None:
            return nav
        step = self.build.send(Written(_written(files)))
        assert isinstance(step, PagesPlanned)
        plan = step.plan
        if self.dirty or not page_loop_available() or (plan.entries is None and plan.workers.count <= 1):
            return nav
        environment = self.session.reuse.environment if self.session and self.session.reuse else ""

        def inputs_of(file: File) -> object | None:
            return self.pages.inputs_of(file.src_uri, environment)

        self.loop = ParallelPages(nav, files, plan.workers, plan.entries, inputs_of, on_worker_start=self._in_page_worker, first=plan.first)
        self.loop.install()
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under `mkdocs serve`, the theme's templates are compiled once, not on every rebuild.
        Every page exists by now: generated ones get their last change, the sitemap's lastmod."""
        self.pages.date_pages(files, self.result.lastmod if self.result else {})
        if self.preview is not None:
            env.bytecode_cache = self.preview.template_code
        return env

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

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """The one place a page's HTML passes before MkDocs writes it (`build.writer.SiteWriter.transform`);
        the preview minifies too, so that what it serves is what a build writes."""
        if self.session is not None:
            return self.session.writer.transform(page.file.dest_uri, output)
        return minify_page(page.file.dest_uri, output) if self.options.minify else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built HTML with Pagefind (search and facets), then say where the time went."""
        self._restore_mkdocs()
        if self.progress is not None:
            self.progress.close()
        pages_seconds = time.perf_counter() - self.pages_started
        if self.preview is not None and self.result is not None:
            pagefind = self.options.pagefind and self.result.pages
            parts = parts_of((a.uri for a in self.result.corpus.articles), self.options.search_part_pages) if pagefind else None
            log.info(self.preview.built(self.result, Path(config.site_dir), parts, pages_seconds))
            return
        if self.build is None or self.files is None:
            return
        if self.loop is not None and self.session is not None and self.session.plan is not None:
            plan = self.session.plan
            plan.page_keys, plan.built, plan.reused, plan.processes = (
                self.loop.page_keys,
                self.loop.built,
                self.loop.reused,
                self.loop.processes,
            )
        unwritten = [f.dest_uri for f in self.files.documentation_pages() if not os.path.exists(f.abs_dest_path)]
        try:
            step = self.build.send(Written(_written(self.files), unwritten))
        except BuildStopped as stopped:
            self._stop()
            raise PluginError(str(stopped)) from None
        assert isinstance(step, Finished)
        self._stop()
        if step.report is not None:
            log.info(step.report)
        log.info(step.summary)
        if step.warning is not None:  # counted by MkDocs: `--strict` stops after this hook
            log.warning(step.warning)

    def on_build_error(self, *, error: Exception) -> None:
        """A build that fails ends its session: workers and Pagefind stopped, staging folders removed."""
        self._stop()

    def on_shutdown(self) -> None:
        """MkDocs ends (in a `finally`: after Ctrl-C too): a build still running is stopped and
        cleaned up; the process's last garbage collections need not walk the whole site again."""
        self._stop()
        settle()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild the preview when an article or a registry changes."""
        settings = settings_of(self.options, config)
        for folder in (settings.articles_path, settings.data_path):
            if folder.is_dir():
                server.watch(str(folder))
        return server

    # ------------------------------------------------------------

    def _request(self, config: MkDocsConfig) -> BuildRequest:
        def environment() -> str:
            hooks = [Path(module.__file__) for module in config["hooks"].values() if getattr(module, "__file__", None)]
            config_file = Path(config.config_file_path) if config.config_file_path else None
            return environment_key(resolved_configuration(config), config_file, list(config.theme.dirs), hooks, engine())

        return BuildRequest(
            options=self.options,
            settings=settings_of(self.options, config),
            render_options=render_options_of(self.options, config),
            site_dir=Path(config.site_dir),
            docs_dir=Path(config.docs_dir),
            environment=environment,
            dirty=self.dirty,
        )

    def _stop(self) -> None:
        """End the one-off build's sequence: its session cleans up (a finished one has already)."""
        self._restore_mkdocs()
        if self.build is not None:
            self.build.close()
            self.build = None

    def _restore_mkdocs(self) -> None:
        if self.loop is not None:
            self.loop.uninstall()
            self.loop.finish()

    def _in_page_worker(self) -> None:
        self.progress = None  # each worker sees only its share; the summary line reports the whole

    def _log_problems(self, result: BuildResult) -> None:
        for problem in result.corpus.log.sorted():
            (log.error if problem.severity is Severity.ERROR else log.warning)(problem.format())


def _icons_of(config: MkDocsConfig) -> list[str]:
    """The icons Briefing's partials draw: logo, repository, page actions, colour-scheme toggles."""
    icon = config.theme.get("icon") or {}
    names = [icon.get("logo") or "material/library", icon.get("repo") or "fontawesome/brands/git-alt"]
    names += [icon.get("edit") or "material/file-edit-outline", icon.get("view") or "material/file-eye-outline"]
    palette = config.theme.get("palette")
    for option in palette if isinstance(palette, list) else []:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and toggle.get("icon"):
            names.append(toggle["icon"])
    return names


def _written(files: Files) -> list[str]:
    """The files MkDocs writes in a build (site-relative, posix)."""
    return [f.dest_uri for f in files if f.inclusion.is_included()]  # type: ignore[no-untyped-call]
