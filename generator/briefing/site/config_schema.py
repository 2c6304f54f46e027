"""The `briefing` plugin's options in mkdocs.yml, and what they mean for the core.

`BriefingConfig` is the schema MkDocs validates the options with; `settings_of` and
`render_options_of` turn them, with MkDocs' own settings, into the core's `Settings` and
`RenderOptions`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from briefing.model.settings import Settings
from briefing.render.site import RenderOptions
from briefing.site.search_index import DEFAULT_PART_PAGES


class BriefingConfig(Config):  # type: ignore[no-untyped-call]
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


def settings_of(options: BriefingConfig, config: MkDocsConfig) -> Settings:
    """Where the editors' files are: relative to the folder of mkdocs.yml."""
    root = Path(config.config_file_path or ".").resolve().parent
    return Settings(
        root=root,
        articles_dir=options.articles_dir,
        data_dir=options.data_dir,
        include_drafts=options.include_drafts,
    )


def render_options_of(options: BriefingConfig, config: MkDocsConfig) -> RenderOptions:
    """What the pages say and how they link, from the plugin's options and MkDocs' settings."""
    return RenderOptions(
        home_title=options.home_title,
        site_name=config.site_name,
        site_url=config.site_url or "http://127.0.0.1:8000/",
        directory_urls=config.use_directory_urls,
        autolink=options.autolink,
    )
