"""The `briefing` command (check, export), driven through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from briefing.build.export import MANIFEST
from briefing.cli.commands import cli
from tests.support.factories import write_article_md

MKDOCS_YML = """\
site_name: Test
plugins:
  - search
  - offline:
      enabled: !ENV [BRIEFING_OFFLINE, true]
  - briefing:
      articles_dir: articles
      data_dir: data
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""

BAD_ARTICLES = {
    "2024-05-01-a.md": write_article_md(date="2024-05-01", actors=["Xi Jingping"]),
    "2024-05-02-b.md": write_article_md(date="2024-13-45"),
}
BAD_LINES = [
    "articles/2024-05-01-a.md:6:5: actors: unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)",
    "articles/2024-05-02-b.md:3:7: date: invalid date '2024-13-45'; write a real date as YYYY-MM-DD",
]


def run(*args: str) -> Result:
    return CliRunner(mix_stderr=False).invoke(cli, list(args))


@pytest.fixture
def clean_project(make_project, small_corpus_articles) -> Path:
    return make_project(small_corpus_articles, mkdocs=MKDOCS_YML)


@pytest.fixture
def bad_project(make_project) -> Path:
    return make_project(BAD_ARTICLES, mkdocs=MKDOCS_YML)


# ------------------------------------------------------------------ check


def test_check_clean_project(clean_project: Path) -> None:
    result = run("check", "-f", str(clean_project / "mkdocs.yml"))

    assert result.exit_code == 0
    assert result.stdout == "4 articles OK\n"
    assert result.stderr == ""


def test_check_counts_published_articles_only(make_project, small_corpus_articles) -> None:
    articles = dict(small_corpus_articles)
    articles["2024-07-01-d.md"] = write_article_md(date="2024-07-01", extra="draft: true")
    root = make_project(articles, mkdocs=MKDOCS_YML)

    result = run("check", "-f", str(root / "mkdocs.yml"))

    assert (result.exit_code, result.stdout) == (0, "4 articles OK\n")


def test_check_bad_project_prints_one_line_per_problem_and_a_count(bad_project: Path) -> None:
    result = run("check", "--config-file", str(bad_project / "mkdocs.yml"))

    assert result.exit_code == 1
    assert result.stdout == "\n".join(BAD_LINES + ["2 errors, 0 warnings"]) + "\n"
    assert result.stderr == ""


def test_check_single_error_count_is_singular(make_project) -> None:
    root = make_project({"2024-05-01-a.md": write_article_md(region="Atlantis")}, mkdocs=MKDOCS_YML)

    result = run("check", "-f", str(root / "mkdocs.yml"))

    assert result.exit_code == 1
    assert result.stdout == (
        "articles/2024-05-01-a.md:4:9: region: unknown region 'Atlantis'; add it to regions.yml or check the spelling\n"
        "1 error, 0 warnings\n"
    )


def test_check_github_format(bad_project: Path) -> None:
    result = run("check", "--format", "github", "-f", str(bad_project / "mkdocs.yml"))

    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=articles/2024-05-01-a.md,line=6,col=5,title=actors::"
        "unknown actor 'Xi Jingping' (did you mean 'Xi Jinping'?)\n"
        "::error file=articles/2024-05-02-b.md,line=3,col=7,title=date::"
        "invalid date '2024-13-45'; write a real date as YYYY-MM-DD\n"
    )
    assert result.stderr == "2 errors, 0 warnings\n"


def test_check_github_format_clean(clean_project: Path) -> None:
    result = run("check", "--format", "github", "-f", str(clean_project / "mkdocs.yml"))

    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "4 articles OK\n"


def test_check_github_format_without_line(make_project) -> None:
    # Two files whose names give the same URL: the problem belongs to a file, not to a line in it.
    article = write_article_md(date="2024-05-01")
    root = make_project({"2024-05-01-a.md": "", "x/2024-05-01-b.md": article, "y/2024-05-01-b.md": article}, mkdocs=MKDOCS_YML)

    result = run("check", "--format", "github", "-f", str(root / "mkdocs.yml"))

    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=articles/2024-05-01-a.md,line=1::the file is empty; an article starts with a '---' front matter block\n"
        "::error file=articles/y/2024-05-01-b.md,title=slug::same URL as articles/x/2024-05-01-b.md (articles/2024/05/b/); "
        "rename the file or set a different 'slug'\n"
    )


def test_check_strict_on_a_clean_project(clean_project: Path) -> None:
    result = run("check", "--strict", "-f", str(clean_project / "mkdocs.yml"))

    assert (result.exit_code, result.stdout) == (0, "4 articles OK\n")


@pytest.fixture
def warning_project(make_project, small_corpus_articles) -> Path:
    """Valid, but one article names no actor (a warning)."""
    articles = dict(small_corpus_articles)
    articles["2024-06-02-quiet.md"] = write_article_md(date="2024-06-02", region="Europe", actors=[], topics=["Trade"])
    return make_project(articles, mkdocs=MKDOCS_YML)


WARNING_LINE = "articles/2024-06-02-quiet.md: warning: actors: no actors: the article will not appear on any actor page"


def test_check_with_warnings_only_exits_0_and_lists_them(warning_project: Path) -> None:
    result = run("check", "-f", str(warning_project / "mkdocs.yml"))

    assert result.exit_code == 0
    assert result.stdout == f"{WARNING_LINE}\n0 errors, 1 warning\n"


def test_check_strict_fails_on_warnings(warning_project: Path) -> None:
    result = run("check", "--strict", "-f", str(warning_project / "mkdocs.yml"))

    assert result.exit_code == 1
    assert result.stdout == f"{WARNING_LINE}\n0 errors, 1 warning\n"


def test_check_github_format_warnings(warning_project: Path) -> None:
    plain = run("check", "--format", "github", "-f", str(warning_project / "mkdocs.yml"))
    strict = run("check", "--format", "github", "--strict", "-f", str(warning_project / "mkdocs.yml"))

    annotation = "file=articles/2024-06-02-quiet.md,title=actors::no actors: the article will not appear on any actor page\n"
    assert (plain.exit_code, plain.stdout, plain.stderr) == (0, "::warning " + annotation, "0 errors, 1 warning\n")
    assert (strict.exit_code, strict.stdout) == (1, "::error " + annotation)


def test_export_goes_ahead_with_warnings(warning_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "md-out"

    result = run("export", "-f", str(warning_project / "mkdocs.yml"), "--out", str(out))

    assert result.exit_code == 0
    assert result.stdout == f"Wrote 54 pages to {out}\n"  # 53 for the small corpus (with the two theme scripts) + the quiet article
    assert (out / "articles" / "2024" / "06" / "quiet.md").is_file()


def test_check_rejects_unknown_format(clean_project: Path) -> None:
    result = run("check", "--format", "json", "-f", str(clean_project / "mkdocs.yml"))

    assert result.exit_code == 2
    assert "Invalid value for '--format': 'json' is not one of 'text', 'github'." in result.stderr


def test_missing_mkdocs_yml_uses_defaults_next_to_it(make_project, small_corpus_articles) -> None:
    root = make_project(small_corpus_articles)  # no mkdocs.yml
    assert not (root / "mkdocs.yml").exists()

    result = run("check", "-f", str(root / "mkdocs.yml"))

    assert (result.exit_code, result.stdout, result.stderr) == (0, "4 articles OK\n", "")


def test_missing_mkdocs_yml_in_an_empty_folder_reports_missing_files(tmp_path: Path) -> None:
    result = run("check", "-f", str(tmp_path / "mkdocs.yml"))

    assert result.exit_code == 1
    assert result.stdout == (
        "articles: articles folder not found\n"
        "data/actors.yml: registry file not found; create actors.yml (it may be empty)\n"
        "data/regions.yml: registry file not found; create regions.yml (it may be empty)\n"
        "data/topics.yml: registry file not found; create topics.yml (it may be empty)\n"
        "4 errors, 0 warnings\n"
    )


def test_default_config_file_is_mkdocs_yml_in_the_working_folder(clean_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(clean_project)

    result = run("check")

    assert (result.exit_code, result.stdout) == (0, "4 articles OK\n")


def test_plugin_options_in_mkdocs_yml_are_used(make_project, small_corpus_articles) -> None:
    root = make_project(
        small_corpus_articles,
        mkdocs="site_name: T\nplugins:\n  - briefing:\n      articles_dir: posts\n      data_dir: registries\n",
    )
    (root / "articles").rename(root / "posts")
    (root / "data").rename(root / "registries")

    result = run("check", "-f", str(root / "mkdocs.yml"))

    assert (result.exit_code, result.stdout) == (0, "4 articles OK\n")


def test_include_drafts_option(make_project, small_corpus_articles) -> None:
    articles = dict(small_corpus_articles)
    articles["2024-07-01-d.md"] = write_article_md(date="2024-07-01", extra="draft: true")
    root = make_project(articles, mkdocs="plugins:\n  - briefing:\n      include_drafts: true\n")

    result = run("check", "-f", str(root / "mkdocs.yml"))

    assert (result.exit_code, result.stdout) == (0, "5 articles OK\n")


def test_invalid_mkdocs_yml_is_a_problem_at_its_place(make_project) -> None:
    root = make_project({}, mkdocs="plugins: [\n")

    result = run("check", "-f", str(root / "mkdocs.yml"))

    assert result.exit_code == 1
    assert result.stdout == (
        "mkdocs.yml:2:1: invalid YAML: did not find expected node content (while parsing a flow node)\n1 error, 0 warnings\n"
    )


def test_a_misspelt_plugin_option_stops_check_and_export(make_project, small_corpus_articles, tmp_path: Path) -> None:
    root = make_project(small_corpus_articles, mkdocs="plugins:\n  - briefing:\n      artciles_dir: posts\n")
    line = "mkdocs.yml:3:7: plugins.briefing.artciles_dir: unknown field 'artciles_dir' (did you mean 'articles_dir'?)"

    checked = run("check", "-f", str(root / "mkdocs.yml"))
    assert (checked.exit_code, checked.stdout) == (1, f"{line}\n1 error, 0 warnings\n")
    exported = run("export", "-f", str(root / "mkdocs.yml"), "--out", str(tmp_path / "out"))
    assert (exported.exit_code, exported.stderr) == (1, f"{line}\n1 error, 0 warnings\nNothing exported.\n")
    assert not (tmp_path / "out").exists()


def test_config_file_must_not_be_a_folder(clean_project: Path) -> None:
    result = run("check", "-f", str(clean_project))

    assert result.exit_code == 2
    assert "is a directory" in result.stderr


# ------------------------------------------------------------------ export


def test_export_uses_the_render_options_of_mkdocs_yml(make_project, small_corpus_articles, tmp_path: Path) -> None:
    """home_title, words_per_minute and autolink in mkdocs.yml reach the exported pages, as they reach a build."""
    articles = dict(small_corpus_articles)
    articles["2024-07-01-long.md"] = write_article_md(date="2024-07-01", body="Xi Jinping spoke. " * 40 + "\n")
    options = "plugins:\n  - briefing:\n      home_title: Front page\n      words_per_minute: 10\n      autolink: false\n"
    root = make_project(articles, mkdocs=options)
    out = tmp_path / "out"

    result = run("export", "-f", str(root / "mkdocs.yml"), "--out", str(out))

    assert result.exit_code == 0, result.output
    assert (out / "index.md").read_text(encoding="utf-8").startswith("# Front page\n")
    article = (out / "articles/2024/07/long.md").read_text(encoding="utf-8")
    assert "· 12 min read" in article  # 120 words at 10 a minute
    assert "Xi Jinping spoke. Xi Jinping spoke." in article  # autolink off: the first mention stays text
    assert "](../../../actors/xi-jinping.md) spoke." not in article


def test_export_writes_pages(clean_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "md-out"

    result = run("export", "-f", str(clean_project / "mkdocs.yml"), "--out", str(out))

    assert result.exit_code == 0
    assert (
        result.stdout == f"Wrote 53 pages to {out}\n"
    )  # 38 pages + one timeline page per month (4) + 7 of map and digests + corrections and its feed + 2 theme scripts
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["files"]) == 53
    for new in (
        "search.md",
        "network.md",
        "feeds/all.xml",
        "timeline/2024-05.md",
        "feeds/actors/xi-jinping.xml",
        "briefing.json",
        "articles.csv",
        "map.md",
        "digests/index.md",
        "digests/2024-W09.md",
        "corrections.md",
        "feeds/corrections.xml",
        "feeds/digests.xml",
    ):
        assert new in manifest["files"], new
        assert (out / new).is_file(), new
    actor = (out / "actors" / "xi-jinping.md").read_text(encoding="utf-8")
    assert actor.startswith("---\n")
    head, closing, body = actor[len("---\n") :].partition("\n---\n\n")
    assert closing
    meta = yaml.safe_load(head)
    assert "search" not in meta  # Material's lunr search is not used (Pagefind indexes the HTML)
    assert meta["briefing"]["title"] == "Xi Jinping"
    assert body.startswith("# Xi Jinping\n")
    assert (out / "articles" / "2024" / "03" / "summit.md").is_file()


def test_export_twice_into_its_own_folder(clean_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "md-out"
    run("export", "-f", str(clean_project / "mkdocs.yml"), "--out", str(out))

    result = run("export", "-f", str(clean_project / "mkdocs.yml"), "--out", str(out))

    assert (result.exit_code, result.stdout) == (0, f"Wrote 53 pages to {out}\n")


def test_export_refuses_a_project_with_problems(bad_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "md-out"

    result = run("export", "-f", str(bad_project / "mkdocs.yml"), "--out", str(out))

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "\n".join(BAD_LINES + ["2 errors, 0 warnings", "Nothing exported."]) + "\n"
    assert not out.exists()


def test_export_refuses_a_foreign_folder(clean_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    out.mkdir()
    (out / "index.md").write_text("hand-written\n", encoding="utf-8")

    result = run("export", "-f", str(clean_project / "mkdocs.yml"), "--out", str(out))

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (f"Error: {out} is not empty and was not created by 'briefing export'; choose a new or empty folder\n")
    assert (out / "index.md").read_text(encoding="utf-8") == "hand-written\n"
    assert sorted(p.name for p in out.iterdir()) == ["index.md"]


def test_export_requires_out(clean_project: Path) -> None:
    result = run("export", "-f", str(clean_project / "mkdocs.yml"))

    assert result.exit_code == 2
    assert "Missing option '--out'." in result.stderr


def test_version() -> None:
    result = run("--version")

    assert (result.exit_code, result.stdout) == (0, "cli, version 0.1.0\n")


def test_help_lists_commands() -> None:
    result = run("-h")

    assert result.exit_code == 0
    assert "Briefing: build cross-linked briefing sites from articles and registries." in result.stdout
    assert "\n  check   Validate every article and registry" in result.stdout
    assert "\n  export  Write the generated Markdown pages to a folder" in result.stdout


def test_check_help_shows_the_default_config_file() -> None:
    result = run("check", "--help")

    assert result.exit_code == 0
    assert "[default: mkdocs.yml]" in result.stdout


def test_check_reads_plugin_options_written_as_a_mapping(make_project, small_corpus_articles) -> None:
    root = make_project(small_corpus_articles, mkdocs="plugins:\n  briefing:\n    articles_dir: posts\n")
    (root / "articles").rename(root / "posts")

    result = run("check", "-f", str(root / "mkdocs.yml"))

    assert (result.exit_code, result.stdout) == (0, "4 articles OK\n")
