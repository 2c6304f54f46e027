"""The site's options and where its editors keep their files: one declaration every entry point shares.

`SiteOptions` declares the `briefing` plugin's options in mkdocs.yml (name, type, default and
help): `briefing check` and `briefing export` validate mkdocs.yml with it, and the MkDocs
plugin validates its options with it and generates its MkDocs schema from it, so both accept
and refuse the same things with the same messages. `Settings` and the render options take
their defaults from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from briefing.model.registry import REGISTRY_FILES


class SiteOptions(BaseModel):
    """The `briefing` plugin's options in mkdocs.yml; unknown options and wrong types are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    articles_dir: str = Field(default="articles", min_length=1, description="Folder of the articles, relative to mkdocs.yml.")
    data_dir: str = Field(default="data", min_length=1, description="Folder of the registries (actors.yml, topics.yml, regions.yml).")
    include_drafts: bool = Field(default=False, description="Publish articles marked `draft: true` (always validated).")
    preview_scheduled: bool = Field(
        default=False, description="Publish articles dated in the future now, marked as scheduled (`mkdocs serve` always does)."
    )
    home_title: str = Field(default="Latest briefings", min_length=1, description="Heading of the home page.")
    autolink: bool = Field(default=True, description="Link the first mention of each actor, topic and region in article bodies.")
    words_per_minute: int = Field(default=220, ge=1, description="Reading speed behind an article's 'N min read'.")
    pagefind: bool = Field(default=True, description="Build the Pagefind search index after each build.")
    # ~0.27 GB of Pagefind per part of 1,000, two parts at a time beside the MkDocs process: about
    # 1.2 GB at 10,000 articles; a warm build re-indexes only the part(s) holding what changed.
    search_part_pages: int = Field(
        default=1000, ge=0, description="Index articles in parts of about this many pages (bounds Pagefind's memory); 0: one index."
    )
    minify: bool = Field(
        default=True,
        description="Minify every page's HTML (about a fifth fewer bytes); `mkdocs serve` too, so the preview is what a build writes.",
    )
    size_budget_mb: int = Field(
        default=1000,
        ge=0,
        description="Warn when a one-off build's site is larger, in MB (search index included; `--strict` stops); "
        "1,000: GitHub Pages' 1 GB; 0: no budget.",
    )
    file_budget: int = Field(default=0, ge=0, description="Warn when the site has more files (20,000 for Cloudflare Pages); 0: no budget.")
    instant_navigation: bool = Field(default=True, description="Material's instant navigation on hosted builds (not offline).")
    offline: bool = Field(default=False, description="Browsable from a local folder: `.html` URLs (MkDocs' `use_directory_urls` off).")
    cache: bool = Field(default=True, description="Keep a build cache in `cache_dir` for one-off builds (`false`: build everything anew).")
    cache_dir: str = Field(
        default=".briefing-cache",
        description="Build cache folder, relative to mkdocs.yml, used by nothing else (delete it at any time); empty: no cache.",
    )
    allow_raw_html: bool = Field(
        default=False,
        description="Publish raw HTML and links in article bodies as written (trusted editors only); "
        "by default scripts, event handlers and unsafe links are removed, and `briefing check` warns.",
    )
    jobs: int = Field(default=0, ge=0, description="Processes a one-off build may use (core, page loop, Pagefind); 0: one per CPU, 1: one.")
    edit_uri_root: str | None = Field(
        default=None, description="Edit URI of the repository root (e.g. 'edit/main/'); derived from `edit_uri` when unset."
    )

    def settings(self, root: Path) -> Settings:
        """Where this site's editors keep their files, for a project in `root`."""
        return Settings(
            root=root,
            articles_dir=self.articles_dir,
            data_dir=self.data_dir,
            include_drafts=self.include_drafts,
            allow_raw_html=self.allow_raw_html,
            preview_scheduled=self.preview_scheduled,
        )


DEFAULT_OPTIONS = SiteOptions()


@dataclass(frozen=True)
class Settings:
    """Where the editors' files live; paths are relative to `root` (the project folder)."""

    root: Path
    articles_dir: str = DEFAULT_OPTIONS.articles_dir
    data_dir: str = DEFAULT_OPTIONS.data_dir
    include_drafts: bool = DEFAULT_OPTIONS.include_drafts
    allow_raw_html: bool = DEFAULT_OPTIONS.allow_raw_html  # article bodies as written, not sanitised
    preview_scheduled: bool = DEFAULT_OPTIONS.preview_scheduled
    # The instant that decides which articles are due; None: the build's clock (`model.clock`:
    # SOURCE_DATE_EPOCH, else the system's), read once when the corpus is loaded.
    now: dt.datetime | None = None

    @property
    def articles_path(self) -> Path:
        return self.root / self.articles_dir

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    def registry_path(self, collection: str) -> Path:
        return self.data_path / REGISTRY_FILES[collection]  # type: ignore[index]
