"""Read Briefing's settings from the `briefing` plugin entry of mkdocs.yml, without MkDocs.

The CLI and the plugin must agree on where articles and registries live; the one
place that says so is mkdocs.yml. MkDocs-specific YAML tags (`!ENV`,
`!!python/name:`) are tolerated and ignored here: we only need plain options.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefing.model.settings import Settings


class ConfigError(Exception):
    """mkdocs.yml cannot be read; a usage error (exit 2), not a content error."""


class _TolerantLoader(yaml.SafeLoader):
    pass


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("!", _ignore_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The options given to the `briefing` plugin in mkdocs.yml ({} if it has none)."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_TolerantLoader) or {}
    except OSError as exc:
        raise ConfigError(f"cannot read {config_file}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config_file} is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file} must be a set of 'key: value' settings")
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also accepts `plugins:` as a mapping
        plugins = [{name: options} for name, options in plugins.items()]
    for plugin in plugins if isinstance(plugins, list) else []:
        if plugin == "briefing":
            return {}
        if isinstance(plugin, dict) and "briefing" in plugin:
            options = plugin["briefing"] or {}
            if not isinstance(options, dict):
                raise ConfigError(f"{config_file}: the briefing plugin's options must be 'key: value' settings")
            return dict(options)
    return {}


def settings_from_mkdocs(config_file: Path) -> Settings:
    """Settings for a project whose mkdocs.yml is `config_file` (defaults if it does not exist)."""
    root = config_file.resolve().parent
    if not config_file.exists():
        return Settings(root=root)
    options = plugin_options(config_file)
    return Settings(
        root=root,
        articles_dir=str(options.get("articles_dir", "articles")),
        data_dir=str(options.get("data_dir", "data")),
        include_drafts=bool(options.get("include_drafts", False)),
    )
