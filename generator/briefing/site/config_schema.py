"""The `briefing` plugin's options as MkDocs sees them, generated from the core's `SiteOptions`.

`SiteOptions` (model/settings.py) is the one declaration of the options. MkDocs gets a
`Config` with one option per field, which takes the value as it is: the plugin checks the
options with the core (`check_plugin_options`, from its `load_config`) before MkDocs sees them,
so `mkdocs build` and `briefing check` report the same problems in the same words, as
`mkdocs.yml:LINE:COLUMN: plugins.briefing.OPTION: message`, and both stop.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.base import BaseConfigOption, Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from briefing.load.config import check_options, locate_options
from briefing.model.problems import ProblemLog, summarize
from briefing.model.settings import Settings, SiteOptions
from briefing.render.site import RenderOptions

log = logging.getLogger("mkdocs.plugins.briefing")


class _Checked(BaseConfigOption[Any]):
    """An option whose value `SiteOptions` has checked already; MkDocs keeps it as it is."""

    def __init__(self, default: Any, help_text: str | None) -> None:
        super().__init__()
        self.default = default
        self.__doc__ = help_text


class BriefingConfig(Config):  # type: ignore[no-untyped-call]
    """The plugin's options as MkDocs sees them: one per `SiteOptions` field, same name and default."""


# Generated, not written out: `SiteOptions` stays the one declaration of the options.
BriefingConfig._schema = tuple((name, _Checked(info.default, info.description)) for name, info in SiteOptions.model_fields.items())


def check_plugin_options(options: Mapping[str, Any], config_file_path: str | None) -> SiteOptions:
    """The options MkDocs read for the plugin, checked by the core; abort the build on any problem."""
    config_file = Path(config_file_path) if config_file_path else Path("mkdocs.yml")
    problems = ProblemLog(config_file.resolve().parent)
    checked = check_options(locate_options(options, config_file), config_file, problems)
    if checked is None:
        for problem in problems.sorted():
            log.error(problem.format())
        raise Abort(f"Briefing found {summarize(problems.sorted())} in its options in {config_file.name}; nothing was built.")
    return checked


def settings_of(options: SiteOptions, config: MkDocsConfig, preview: bool = False) -> Settings:
    """Where the editors' files are: relative to the folder of mkdocs.yml. A `preview` (`mkdocs
    serve`) shows scheduled articles, marked as such."""
    settings = options.settings(Path(config.config_file_path or ".").resolve().parent)
    return dataclasses.replace(settings, preview_scheduled=True) if preview else settings


def render_options_of(options: SiteOptions, config: MkDocsConfig) -> RenderOptions:
    """What the pages say and how they link, from the plugin's options and MkDocs' settings."""
    return RenderOptions.of(
        options,
        site_name=config.site_name,
        site_author=config.site_author,
        site_url=config.site_url or "http://127.0.0.1:8000/",
        directory_urls=config.use_directory_urls,
    )


# Options of the plugin that change how a build runs, not what it makes.
NEUTRAL_OPTIONS = ("jobs", "cache", "cache_dir")
# MkDocs settings that do not shape a page: where the site is written, `--strict`, `serve`'s address.
NEUTRAL_SETTINGS = ("site_dir", "strict", "dev_addr", "config_file_path")


def resolved_configuration(config: MkDocsConfig) -> object:
    """The whole configuration as MkDocs resolved it (`!ENV` values included), as plain data for
    the build store's key (`build.environment`): every setting, the theme's, every plugin's."""
    return {name: _plain(value, name == "plugins") for name, value in config.items() if name not in NEUTRAL_SETTINGS}


def _plain(value: Any, plugins: bool = False) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, BasePlugin):
        options = dict(value.config) if isinstance(value.config, Mapping) else {}
        return {"plugin": f"{type(value).__module__}.{type(value).__qualname__}", "options": _plain(options)}
    if isinstance(value, Mapping):
        entries = {str(key): _plain(item) for key, item in value.items()}
        if plugins and "briefing" in entries and isinstance(entries["briefing"], dict):
            options = entries["briefing"].get("options", {})
            entries["briefing"]["options"] = {k: v for k, v in options.items() if k not in NEUTRAL_OPTIONS}
        return entries
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(repr(item) for item in value)
    return f"{type(value).__module__}.{type(value).__qualname__}: " + _ADDRESS.sub("", repr(value))


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
