"""zensical.toml from mkdocs.yml: what Zensical reads back is what mkdocs.yml said; bad input is one line."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomllib

from briefing.build.zensical_config import ZensicalConfigError, read_mkdocs_settings, zensical_toml

CONFIG = """
site_name: 'Le "Briefing" – 世界'
site_url: !ENV [ZENSICAL_TEST_URL, "https://example.org/b/"]
repo_url: https://github.com/example/briefing
edit_uri: edit/main/docs/
exclude_docs: |
  performance.md
theme:
  name: material
  features: [navigation.tabs, content.action.edit]
  palette:
    - scheme: slate
      toggle: {icon: material/weather-sunny, name: "Light"}
  font: false
extra_css: [assets/briefing.css]
plugins:
  - briefing:
      articles_dir: articles
nav:
  - Home: index.md
  - Sections:
      - Actors: actors/index.md
      - topics/index.md
markdown_extensions:
  - toc:
      permalink: true
  - tables
"""


def _read(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_toml_says_what_mkdocs_yml_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZENSICAL_TEST_URL", "https://news.example/")
    settings = read_mkdocs_settings(_read(tmp_path, CONFIG))
    data = tomllib.loads(zensical_toml(settings, Path("w/docs"), Path("site"), Path("w/overrides")))
    project = data["project"]
    assert project["site_name"] == 'Le "Briefing" – 世界' and project["site_url"] == "https://news.example/"
    assert project["nav"] == [{"Home": "index.md"}, {"Sections": [{"Actors": "actors/index.md"}, "topics/index.md"]}]
    assert project["docs_dir"] == "w/docs" and project["extra_css"] == ["assets/briefing.css"]
    assert project["theme"]["custom_dir"] == "w/overrides" and project["theme"]["font"] is False
    assert project["theme"]["palette"] == [{"scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": "Light"}}]
    assert project["plugins"]["search"] == {"enabled": False}
    assert project["markdown_extensions"] == {"toc": {"permalink": True}, "tables": {}}
    assert "briefing" not in project.get("plugins", {}) and settings.exclude_docs == "performance.md\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nav:\n  - 3\n", "nav[0]: expected a page"),
        ("site_name: [a]\n", "site_name: expected text"),
        ("x: !!python/name:os.system\n", "mkdocs.yml:1: the tag 'tag:yaml.org,2002:python/name:os.system'"),
        ("site_name: 'open\n", "invalid YAML"),
        ("- a list\n", "expected settings (a mapping)"),
    ],
)
def test_bad_settings_are_one_line_naming_the_file(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ZensicalConfigError) as caught:
        read_mkdocs_settings(_read(tmp_path, text))
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "mkdocs.yml")) and expected in message and "\n" not in message, message
