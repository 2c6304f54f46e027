"""config: the `briefing` plugin's options in mkdocs.yml, read and checked by one declaration (`SiteOptions`)."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from briefing.load.config import ConfigError, read_site_config, settings_from_mkdocs
from briefing.model.settings import DEFAULT_OPTIONS, Settings, SiteOptions
from briefing.render.options import RenderOptions
from briefing.site.config_schema import BriefingConfig, check_plugin_options


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    return [problem.format() for problem in read_site_config(path).problems]


def test_missing_file_gives_defaults_in_its_folder(tmp_path: Path) -> None:
    assert settings_from_mkdocs(tmp_path / "sub" / "mkdocs.yml") == Settings(root=tmp_path / "sub")


def test_plugin_options_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "site_name: X\nplugins:\n  - search\n  - briefing:\n      articles_dir: posts\n"
        "      data_dir: reg\n      include_drafts: true\n      home_title: Hi\n      words_per_minute: 100\n",
    )

    site = read_site_config(path)
    assert site.problems == []
    assert site.settings == Settings(root=tmp_path, articles_dir="posts", data_dir="reg", include_drafts=True)
    assert site.options == SiteOptions(articles_dir="posts", data_dir="reg", include_drafts=True, home_title="Hi", words_per_minute=100)
    assert RenderOptions.of(site.options) == RenderOptions(home_title="Hi", words_per_minute=100)


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
    site = read_site_config(write(tmp_path, text))

    assert site.problems == []
    assert site.options == DEFAULT_OPTIONS
    assert site.settings == Settings(root=tmp_path)


def test_every_default_has_one_source() -> None:
    """Settings, the render options and the MkDocs schema take their defaults from `SiteOptions`."""
    settings_defaults = {f.name: f.default for f in dataclasses.fields(Settings) if f.name in SiteOptions.model_fields}
    assert settings_defaults == {
        name: getattr(DEFAULT_OPTIONS, name)
        for name in ("articles_dir", "data_dir", "include_drafts", "allow_raw_html", "preview_scheduled")
    }
    render_defaults = {f.name: f.default for f in dataclasses.fields(RenderOptions) if f.name in SiteOptions.model_fields}
    assert render_defaults == {name: getattr(DEFAULT_OPTIONS, name) for name in ("home_title", "autolink", "words_per_minute")}
    schema = dict(BriefingConfig._schema)
    assert list(schema) == list(SiteOptions.model_fields)
    assert {name: option.default for name, option in schema.items()} == DEFAULT_OPTIONS.model_dump()


def test_mkdocs_tags_are_tolerated_and_env_is_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(
        tmp_path,
        "site_url: !ENV [SITE_URL, 'http://x']\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - briefing:\n      articles_dir: posts\n      offline: !ENV [BRIEFING_TEST_OFFLINE, true]\n",
    )
    monkeypatch.delenv("BRIEFING_TEST_OFFLINE", raising=False)
    assert read_site_config(path).options == SiteOptions(articles_dir="posts", offline=True)
    monkeypatch.setenv("BRIEFING_TEST_OFFLINE", "false")
    assert read_site_config(path).options == SiteOptions(articles_dir="posts", offline=False)
    monkeypatch.setenv("BRIEFING_TEST_OFFLINE", "sometimes")
    assert problems_of(path) == ["mkdocs.yml:8:16: plugins.briefing.offline: expected true or false, got 'sometimes'"]


def test_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_bytes(b"\xef\xbb\xbfplugins:\n  - briefing:\n      data_dir: reg\n")

    assert settings_from_mkdocs(path).data_dir == "reg"


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ("articles_dir: null", "4:21: plugins.briefing.articles_dir: is empty; give it a value or remove the line"),
        ('include_drafts: "yes"', "4:23: plugins.briefing.include_drafts: expected true or false, got 'yes'"),
        ("inclde_drafts: true", "4:7: plugins.briefing.inclde_drafts: unknown field 'inclde_drafts' (did you mean 'include_drafts'?)"),
        ("search_part_pages: -1", "4:26: plugins.briefing.search_part_pages: must be at least 0, got -1"),
        ("words_per_minute: fast", "4:25: plugins.briefing.words_per_minute: expected a whole number, got the text 'fast'"),
        ("autolink: 1", "4:17: plugins.briefing.autolink: expected true or false, got '1'"),
        ("home_title: 2024", "4:19: plugins.briefing.home_title: expected text, got the number 2024; put the value in quotes"),
        ("articles_dir: [" + "[" * 50 + "]" * 51, "4:21: plugins.briefing.articles_dir: expected text, got a list"),
        # MkDocs' own reader would recurse past Python's limit on this file before the plugin runs
        (
            "articles_dir: [" + "[" * 900 + "]" * 901,
            "4:117: lists and mappings are nested more than 100 levels deep here, more than MkDocs can read",
        ),
    ],
)
def test_wrong_options_are_problems_at_their_place(tmp_path: Path, options: str, problem: str) -> None:
    path = write(tmp_path, f"site_name: X\nplugins:\n  - briefing:\n      {options}\n")

    assert problems_of(path) == [f"mkdocs.yml:{problem}"]


def test_options_that_are_not_a_mapping_are_a_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "plugins:\n  - briefing: [articles]\n")

    assert problems_of(path) == ["mkdocs.yml:2:15: plugins.briefing: expected 'key: value' options under the plugin"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"plugins: [\n", "mkdocs.yml:2:1: invalid YAML: did not find expected node content (while parsing a flow node)"),
        (b"site_name: Caf\xe9\n", "mkdocs.yml:1:15: not valid UTF-8 (byte 0xe9); save the file as UTF-8"),
        (b"extra: " + b"[" * 5000 + b"]" * 5000 + b"\n", "mkdocs.yml:1:1007: invalid YAML: nested more than 1,000 levels deep"),
        (b"- site_name: X\n", "mkdocs.yml:1:1: expected 'key: value' settings (site_name: ..., plugins: ...)"),
        (b"just text\n", "mkdocs.yml:1:1: expected 'key: value' settings (site_name: ..., plugins: ...)"),
    ],
    ids=["invalid-yaml", "latin-1", "deep", "list", "text"],
)
def test_unreadable_settings_are_one_problem(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "mkdocs.yml"
    path.write_bytes(content)

    assert problems_of(path) == [problem]


def test_unreadable_path_is_a_config_error(tmp_path: Path) -> None:
    folder = tmp_path / "mkdocs.yml"
    folder.mkdir()

    with pytest.raises(ConfigError) as info:
        read_site_config(folder)

    assert str(info.value) == f"cannot read {folder}: Is a directory"


def test_mkdocs_own_enabled_switch_is_not_an_option(tmp_path: Path) -> None:
    path = write(tmp_path, "plugins:\n  - briefing:\n      enabled: true\n      data_dir: reg\n")

    assert read_site_config(path).options == SiteOptions(data_dir="reg")


def test_plugins_given_as_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "plugins:\n  search: {}\n  briefing:\n    articles_dir: posts\n    data_dir: reg\n")

    assert read_site_config(path).options == SiteOptions(articles_dir="posts", data_dir="reg")


def test_the_plugin_reports_what_check_reports(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs hands the plugin its own reading of the options; the core checks them with the file's positions."""
    path = write(tmp_path, 'site_name: X\nplugins:\n  - briefing:\n      include_drafts: "yes"\n      inclde: 1\n')
    expected = problems_of(path)
    assert len(expected) == 2

    with caplog.at_level(logging.ERROR), pytest.raises(Abort) as info:
        check_plugin_options({"include_drafts": "yes", "inclde": 1}, str(path))

    assert [record.getMessage() for record in caplog.records] == expected
    assert str(info.value) == "Briefing found 2 errors, 0 warnings in its options in mkdocs.yml; nothing was built."
    assert check_plugin_options({"articles_dir": "posts"}, str(path)) == SiteOptions(articles_dir="posts")
