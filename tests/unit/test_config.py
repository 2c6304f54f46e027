"""config: Briefing's settings from the `briefing` plugin entry of mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.load.config import ConfigError, plugin_options, settings_from_mkdocs
from briefing.model.settings import Settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults_in_its_folder(tmp_path: Path) -> None:
    assert settings_from_mkdocs(tmp_path / "sub" / "mkdocs.yml") == Settings(root=tmp_path / "sub")


def test_plugin_options_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "site_name: X\nplugins:\n  - search\n  - briefing:\n      articles_dir: posts\n"
        "      data_dir: reg\n      include_drafts: true\n      home_title: Hi\n",
    )

    assert settings_from_mkdocs(path) == Settings(root=tmp_path, articles_dir="posts", data_dir="reg", include_drafts=True)
    assert plugin_options(path) == {"articles_dir": "posts", "data_dir": "reg", "include_drafts": True, "home_title": "Hi"}


@pytest.mark.parametrize(
    "text",
    [
        "site_name: X\n",
        "plugins:\n",
        "plugins:\n  - search\n  - briefing\n",
        "plugins:\n  - briefing:\n",
        "",
    ],
)
def test_no_options_give_defaults(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)

    assert plugin_options(path) == {}
    assert settings_from_mkdocs(path) == Settings(root=tmp_path)


def test_mkdocs_tags_are_tolerated(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "site_url: !ENV [SITE_URL, 'http://x']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - briefing:\n      articles_dir: posts\n",
    )

    assert settings_from_mkdocs(path).articles_dir == "posts"


def test_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_bytes(b"\xef\xbb\xbfplugins:\n  - briefing:\n      data_dir: reg\n")

    assert settings_from_mkdocs(path).data_dir == "reg"


def test_invalid_yaml_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path, "plugins: [\n")

    with pytest.raises(ConfigError) as info:
        plugin_options(path)

    assert str(info.value).startswith(f"{path} is not valid YAML: ")


def test_unreadable_path_is_a_config_error(tmp_path: Path) -> None:
    folder = tmp_path / "mkdocs.yml"
    folder.mkdir()

    with pytest.raises(ConfigError) as info:
        plugin_options(folder)

    assert str(info.value) == f"cannot read {folder}: Is a directory"


def test_plugins_given_as_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "plugins:\n  search: {}\n  briefing:\n    articles_dir: posts\n    data_dir: reg\n")

    assert plugin_options(path) == {"articles_dir": "posts", "data_dir": "reg"}


@pytest.mark.parametrize("text", ["- site_name: X\n", "just text\n"])
def test_top_level_that_is_not_a_mapping_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)

    with pytest.raises(ConfigError):
        plugin_options(path)
