"""Zensical's configuration (`zensical.toml`) written from mkdocs.yml, so a site keeps one
configuration whichever engine builds it (`briefing build --engine zensical`).

mkdocs.yml is read with PyYAML's safe loader and `!ENV` resolved as MkDocs resolves it; only
the settings Zensical shares with MkDocs are carried over: the site's name, description, address,
repository, edit URI and copyright, the navigation, the theme's language, features, palette and
font, the extra CSS and JavaScript, and the Markdown extensions. The `briefing` plugin's options
are read by `load.config` as for every other command; Zensical's own search is switched off
(Pagefind indexes the output, as on MkDocs). A value Zensical could not be given (a Python tag,
a nav entry that is neither a page nor a section) stops with the file, line and setting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

# The settings carried over as they are (strings), and the theme's.
PROJECT_KEYS = ("site_name", "site_description", "site_author", "site_url", "repo_url", "repo_name", "edit_uri", "copyright")
THEME_KEYS = ("language", "features", "palette", "font", "logo", "favicon", "icon")
TOML_HEADER = "# Written by `briefing build --engine zensical` from mkdocs.yml: edit mkdocs.yml, not this file."
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class ZensicalConfigError(Exception):
    """mkdocs.yml holds something Zensical's configuration cannot say; the message names where."""


@dataclass(frozen=True)
class MkDocsSettings:
    """What a Zensical build takes from mkdocs.yml."""

    project: dict[str, str]
    docs_dir: str = "docs"
    site_dir: str = "site"
    exclude_docs: str = ""
    nav: list[Any] | None = None
    theme: dict[str, Any] = field(default_factory=dict)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)
    markdown_extensions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def site_url(self) -> str | None:
        return self.project.get("site_url") or None


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with MkDocs' `!ENV`; any other non-standard tag is refused."""


_Loader.add_constructor("!ENV", construct_env_tag)


def _refuse(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    mark = node.start_mark
    raise ZensicalConfigError(f"{mark.line + 1}: the tag '{node.tag}' has no Zensical counterpart; remove it or set the value")


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _refuse)
_Loader.add_multi_constructor("!", _refuse)


def read_mkdocs_settings(config_file: Path) -> MkDocsSettings:
    """The settings of `config_file` a Zensical build needs; `ZensicalConfigError` names what is wrong."""
    try:
        text = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ZensicalConfigError(f"{config_file}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except ZensicalConfigError as exc:
        raise ZensicalConfigError(f"{config_file}:{exc}") from None
    except yaml.MarkedYAMLError as exc:
        line = f":{exc.problem_mark.line + 1}" if exc.problem_mark else ""
        raise ZensicalConfigError(f"{config_file}{line}: invalid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise ZensicalConfigError(f"{config_file}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise ZensicalConfigError(f"{config_file}: expected settings (a mapping), found {type(data).__name__}")
    where = str(config_file)
    project = {key: _text(data[key], where, key) for key in PROJECT_KEYS if data.get(key) is not None}
    theme = data.get("theme") or {}
    if isinstance(theme, str):
        theme = {"name": theme}
    if not isinstance(theme, dict):
        raise ZensicalConfigError(f"{where}: theme: expected a mapping or a name")
    return MkDocsSettings(
        project=project,
        docs_dir=_text(data.get("docs_dir", "docs"), where, "docs_dir"),
        site_dir=_text(data.get("site_dir", "site"), where, "site_dir"),
        exclude_docs=_text(data.get("exclude_docs") or "", where, "exclude_docs"),
        nav=_nav(data["nav"], where) if data.get("nav") is not None else None,
        theme={key: theme[key] for key in THEME_KEYS if key in theme},
        extra_css=_texts(data.get("extra_css") or [], where, "extra_css"),
        extra_javascript=_texts(data.get("extra_javascript") or [], where, "extra_javascript"),
        markdown_extensions=_extensions(data.get("markdown_extensions") or [], where),
    )


def zensical_toml(settings: MkDocsSettings, docs_dir: Path, site_dir: Path, theme_dir: Path, extra_javascript: Sequence[str] = ()) -> str:
    """The `zensical.toml` of the site: mkdocs.yml's settings, the export as docs folder, Briefing's
    Zensical templates as `custom_dir`, Zensical's search off (Pagefind indexes the output)."""
    project: dict[str, Any] = dict(settings.project)
    project.update(docs_dir=str(docs_dir), site_dir=str(site_dir), use_directory_urls=True)
    if settings.extra_css:
        project["extra_css"] = settings.extra_css
    scripts = [*settings.extra_javascript, *extra_javascript]
    if scripts:
        project["extra_javascript"] = scripts
    if settings.nav is not None:
        project["nav"] = settings.nav
    lines = [
        TOML_HEADER,
        "[project]",
        *(f"{_key(k)} = {_value(v)}" for k, v in project.items()),
        "",
        "[project.theme]",
        f"custom_dir = {_value(str(theme_dir))}",
        *(f"{_key(k)} = {_value(v)}" for k, v in settings.theme.items()),
        "",
        "[project.plugins.search]",
        "enabled = false",
    ]
    for name, options in settings.markdown_extensions:
        lines += ["", f"[project.markdown_extensions.{_key(name)}]", *(f"{_key(k)} = {_value(v)}" for k, v in options.items())]
    return "\n".join(lines) + "\n"


def _text(value: object, where: str, key: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ZensicalConfigError(f"{where}: {key}: expected text, found {type(value).__name__}")
    return str(value)


def _texts(value: object, where: str, key: str) -> list[str]:
    if not isinstance(value, list):
        raise ZensicalConfigError(f"{where}: {key}: expected a list of paths")
    return [_text(item, where, key) for item in value]


def _nav(items: object, where: str, path: str = "nav") -> list[Any]:
    """MkDocs' navigation as Zensical reads it: pages (`path` or `{title: path}`) and sections."""
    if not isinstance(items, list):
        raise ZensicalConfigError(f"{where}: {path}: expected a list of pages and sections")
    result: list[Any] = []
    for i, item in enumerate(items):
        here = f"{path}[{i}]"
        if isinstance(item, str):
            result.append(item)
        elif isinstance(item, dict) and len(item) == 1:
            ((title, target),) = item.items()
            title = _text(title, where, here)
            result.append({title: _nav(target, where, f"{here}.{title}") if isinstance(target, list) else _text(target, where, here)})
        else:
            raise ZensicalConfigError(f"{where}: {here}: expected a page ('path' or 'Title: path') or a section ('Title: [...]')")
    return result


def _extensions(items: object, where: str) -> list[tuple[str, dict[str, Any]]]:
    if isinstance(items, dict):
        items = [{name: options} for name, options in items.items()]
    if not isinstance(items, list):
        raise ZensicalConfigError(f"{where}: markdown_extensions: expected a list")
    result: list[tuple[str, dict[str, Any]]] = []
    for item in items:
        if isinstance(item, str):
            result.append((item, {}))
        elif isinstance(item, dict) and len(item) == 1:
            ((name, options),) = item.items()
            if options is not None and not isinstance(options, dict):
                raise ZensicalConfigError(f"{where}: markdown_extensions.{name}: expected options (a mapping)")
            result.append((str(name), dict(options or {})))
        else:
            raise ZensicalConfigError(f"{where}: markdown_extensions: expected a name or 'name: {{options}}', found {item!r}")
    return result


def _key(name: object) -> str:
    text = str(name)
    return text if _BARE_KEY.fullmatch(text) else json.dumps(text, ensure_ascii=False)


def _value(value: object) -> str:
    """A TOML value: JSON's string escapes are TOML's; lists and mappings inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise ZensicalConfigError(f"a value of type {type(value).__name__} cannot be written to zensical.toml: {value!r}")
