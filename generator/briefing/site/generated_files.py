"""The generated pages as MkDocs files, and the bookkeeping `mkdocs serve --dirty` needs.

MkDocs gets every file Briefing renders as an in-memory file (`File.generated`): Markdown pages
to convert, feeds and data files to copy; article and entry pages stay out of the navigation. Between rebuilds of `mkdocs serve --dirty`, a page
whose Markdown and HTML blocks are as they were last time reports `is_modified() == False`,
so MkDocs skips it, and the pages Briefing no longer makes are deleted from the site folder
(a dirty rebuild does not clean it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from briefing.build.writer import SiteWriter
from briefing.pipeline import BuildResult
from briefing.render.output import MarkdownPage


class GeneratedFile(File):
    """A generated page that a `--dirty` rebuild may skip when its Markdown did not change, or a
    generated feed or data file, which a one-off build's writer writes (`build.writer`)."""

    unchanged: bool = False
    writer: SiteWriter | None = None  # a feed or data file of a one-off build: `SiteWriter.place_bytes`
    _modified: bool | None = None  # MkDocs asks three times a build; the answer is the same

    def is_modified(self) -> bool:
        if self._modified is None:
            self._modified = not (self.unchanged and os.path.isfile(self.abs_dest_path)) and super().is_modified()
        return self._modified

    def copy_file(self, dirty: bool = False) -> None:
        if self.writer is None or (dirty and not self.is_modified()):
            super().copy_file(dirty)
            return
        # the bytes MkDocs writes for text content (opened in text mode: "\n" as the platform's line end)
        self.writer.place_bytes(self.content_string.replace("\n", os.linesep).encode("utf-8"), self.abs_dest_path)


class GeneratedPages:
    """Adds a build's pages to MkDocs' files and remembers, per page, what the plugin's later
    hooks need: the editor's file ("Edit this page") and the generated HTML blocks."""

    def __init__(self) -> None:
        self.sources: dict[str, str] = {}  # src_uri -> editor's file, for edit links
        self.blocks: dict[str, tuple[str, ...]] = {}  # src_uri -> generated HTML blocks
        # Kept between `mkdocs serve` rebuilds: src_uri -> what the last build gave MkDocs.
        self.previous: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.markdown_pages: dict[str, MarkdownPage] = {}  # src_uri -> the page MkDocs converts
        self.data_files: list[GeneratedFile] = []  # feeds and data files, which MkDocs copies

    def inputs_of(self, src_uri: str, environment: str) -> object | None:
        """What a generated page's HTML is made from besides the navigation (for the build cache);
        None for a page Briefing did not generate."""
        page = self.markdown_pages.get(src_uri)
        if page is None:
            return None
        return [environment, page.content_digest, len(page.blocks), self.sources.get(src_uri)]

    def add_to(self, files: Files, config: MkDocsConfig, result: BuildResult | None, *, dirty: bool, serving: bool) -> None:
        """Append the pages; a hand-written page at a generated page's URI is an error."""
        self.sources = {}
        self.blocks = {}
        self.data_files = []
        pages = result.pages if result else []
        self.markdown_pages = {page.uri: page for page in pages if isinstance(page, MarkdownPage)}
        for page in pages:
            existing = files.get_file_from_path(page.uri)
            if existing is not None and existing.generated_by is None:
                raise PluginError(f"{config.docs_dir}/{page.uri} conflicts with a page Briefing generates; rename or remove it.")
            markdown_page = page if isinstance(page, MarkdownPage) else None  # else a feed or data file
            blocks = markdown_page.blocks if markdown_page else ()
            inclusion = InclusionLevel.INCLUDED if markdown_page and markdown_page.in_nav else InclusionLevel.NOT_IN_NAV
            file = cast(GeneratedFile, GeneratedFile.generated(config, page.uri, content=page.content, inclusion=inclusion))
            # Under `mkdocs serve --dirty`, MkDocs skips pages whose Markdown is as it was last build.
            file.unchanged = dirty and self.previous.get(page.uri) == (page.content, blocks)
            files.append(file)
            if markdown_page is None:
                self.data_files.append(file)
            if markdown_page and markdown_page.source_path:
                self.sources[page.uri] = markdown_page.source_path
            if blocks:
                self.blocks[page.uri] = blocks
        if dirty:
            self._remove_vanished(config, {page.uri for page in pages})
        self.previous = {page.uri: (page.content, self.blocks.get(page.uri, ())) for page in pages} if serving else {}

    def date_pages(self, files: Files, lastmod: Mapping[str, dt.date]) -> None:
        """Give each generated page the day what it shows last changed (`BuildResult.lastmod`), which
        MkDocs' sitemap prints as `<lastmod>`, instead of the build's date: the same site keeps
        the same sitemap whenever it is built. Called once the pages exist (`on_env`).
        Pages that only regroup briefings listed elsewhere (front matter `sitemap: false`) are
        marked for the theme's sitemap to leave out: their meta is read where the page is built,
        which may be a worker, so the mark goes on the parent's page object here."""
        for uri, day in lastmod.items():
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None and file.generated_by is not None:
                file.page.update_date = day.isoformat()
        for uri, page in self.markdown_pages.items():
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None and _unlisted(page.content):
                file.page.briefing_unlisted = True  # type: ignore[attr-defined]

    def write_data_files_with(self, writer: SiteWriter) -> None:
        """A one-off build: feeds and data files are written by the site's writer (hard links to
        the store's blobs where their bytes are unchanged)."""
        for file in self.data_files:
            file.writer = writer

    def _remove_vanished(self, config: MkDocsConfig, current: set[str]) -> None:
        """A dirty rebuild keeps old output: delete the pages Briefing made last time and no longer makes."""
        for uri in sorted(set(self.previous) - current):
            dest = File.generated(config, uri, content="").abs_dest_path
            if os.path.isfile(dest):
                os.remove(dest)


def _unlisted(content: str) -> bool:
    """Whether a generated page's front matter (JSON, written by the core) says `sitemap: false`."""
    if not content.startswith("---\n") or '"sitemap": false' not in content[:2000]:
        return False
    header = content[4 : content.index("\n---\n")]
    briefing = json.loads(header).get("briefing") or {}
    return briefing.get("sitemap") is False
