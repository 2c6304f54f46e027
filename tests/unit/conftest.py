"""Tiny Briefing projects written into pytest's tmp_path.

`make_project(articles={...})` writes data/actors.yml, data/topics.yml,
data/regions.yml and articles/*.md (plus mkdocs.yml when asked) and returns the
project folder. `article_md(...)` writes one article's text with front matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

import jinja2
import pytest

import briefing.render.templating
from briefing.load.corpus import load_corpus
from briefing.load.registry import load_registry
from briefing.model.problems import ProblemLog
from briefing.model.registry import Registries
from briefing.model.settings import Settings

ACTORS_YML = """\
xi-jinping:
  name: Xi Jinping
  kind: person
  aliases: [Xi, President Xi]
  role: President of China
  country: China
  description: Leader of China since 2012.
vladimir-putin:
  name: Vladimir Putin
  kind: person
  aliases: [Putin]
  role: President of Russia
  country: Russia
  description: President of Russia.
china:
  name: China
  kind: state
  aliases: [PRC]
  description: The People's Republic of China.
russia:
  name: Russia
  kind: state
  description: The Russian Federation.
nato:
  name: NATO
  kind: organization
  description: The North Atlantic alliance.
"""

TOPICS_YML = """\
china-russia-relations:
  name: China–Russia relations
  aliases: [Sino-Russian relations]
  description: Ties between China and Russia.
sanctions:
  name: Sanctions
  description: Economic restrictions.
trade:
  name: Trade
  description: Trade flows.
"""

REGIONS_YML = """\
asia:
  name: Asia
  description: The Asian continent.
east-asia:
  name: East Asia
  parent: asia
  description: China, Japan, the Koreas.
korean-peninsula:
  name: Korean Peninsula
  parent: east-asia
  aliases: [Korea]
  description: North and South Korea.
europe:
  name: Europe
  description: The European continent.
"""


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; a bucket whose source checksum changed is recompiled."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="session", autouse=True)
def _compile_templates_once():
    """Speed only: each render_site() builds a fresh Jinja environment and recompiles the five
    templates (~0.08 s). The environment is still made by the real `make_environment`; only the
    compiled bytecode is shared, so behaviour is unchanged."""
    original = briefing.render.templating.make_environment
    cache = _MemoryBytecodeCache()

    def make_environment() -> jinja2.Environment:
        env = original()
        env.bytecode_cache = cache
        return env

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(briefing.render.templating, "make_environment", make_environment)
        yield


def write_article_md(
    title: str = "A briefing",
    date: str = "2024-05-15",
    region: str = "East Asia",
    actors: Iterable[str] = ("Xi Jinping",),
    topics: Iterable[str] = ("Sanctions",),
    extra: str = "",
    body: str = "Body text.\n",
) -> str:
    """An article file's text: front matter in block style (one item per line), then the body."""
    lines = ["---", f"title: {_quote(title)}", f"date: {date}", f"region: {region}"]
    actors, topics = list(actors), list(topics)
    lines.append("actors:" if actors else "actors: []")
    lines += [f"  - {a}" for a in actors]
    lines.append("topics:" if topics else "topics: []")
    lines += [f"  - {t}" for t in topics]
    if extra:
        lines += extra.rstrip("\n").split("\n")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture
def article_md() -> Callable[..., str]:
    return write_article_md


def write_project(
    root: Path,
    articles: dict[str, str | bytes] | None = None,
    *,
    actors: str = ACTORS_YML,
    topics: str = TOPICS_YML,
    regions: str = REGIONS_YML,
    mkdocs: str | None = None,
) -> Path:
    """Write a project (registries, articles, optional mkdocs.yml) into `root` and return it."""
    (root / "data").mkdir(parents=True)
    (root / "articles").mkdir()
    (root / "data" / "actors.yml").write_text(actors, encoding="utf-8")
    (root / "data" / "topics.yml").write_text(topics, encoding="utf-8")
    (root / "data" / "regions.yml").write_text(regions, encoding="utf-8")
    if mkdocs is not None:
        (root / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    for relpath, content in (articles or {}).items():
        path = root / "articles" / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Factory: write a project under tmp_path/<name> and return its folder."""

    def make(articles: dict[str, str | bytes] | None = None, *, name: str = "project", **files: str) -> Path:
        return write_project(tmp_path / name, articles, **files)

    return make


@pytest.fixture
def registries(make_project: Callable[..., Path]) -> tuple[Registries, ProblemLog, Path]:
    """The default registries, loaded cleanly, with the log and project root."""
    root = make_project()
    log = ProblemLog(root)
    regs = Registries(
        actors=load_registry("actors", root / "data" / "actors.yml", log),
        topics=load_registry("topics", root / "data" / "topics.yml", log),
        regions=load_registry("regions", root / "data" / "regions.yml", log),
    )
    assert log.problems == []
    return regs, log, root


def small_corpus() -> dict[str, str]:
    """Four articles over four months; file names deliberately out of date order."""
    return {
        "2024/2024-03-01-summit.md": write_article_md(
            title="Xi and Putin meet",
            date="2024-03-01",
            region="East Asia",
            actors=["Xi Jinping", "Vladimir Putin"],
            topics=["China–Russia relations", "Trade"],
            extra="summary: The two leaders met.",
        ),
        "2024/2024-05-20-sanctions.md": write_article_md(
            title="New sanctions on Chinese firms",
            date="2024-05-20",
            region="Asia",
            actors=["China", "Xi Jinping"],
            topics=["Sanctions"],
        ),
        "2024/2024-04-10-korea.md": write_article_md(
            title="Putin in Pyongyang",
            date="2024-04-10",
            region="Korean Peninsula",
            actors=["Vladimir Putin", "Russia"],
            topics=["China–Russia relations"],
        ),
        "2024/2024-06-01-nato.md": write_article_md(
            title="NATO summit",
            date="2024-06-01",
            region="Europe",
            actors=["NATO"],
            topics=["Trade"],
        ),
    }


@pytest.fixture
def small_corpus_articles() -> dict[str, str]:
    return small_corpus()


@pytest.fixture
def load(make_project: Callable[..., Path]) -> Callable[..., object]:
    """Factory: write a project and return its loaded Corpus."""

    def run(
        articles: dict[str, str | bytes] | None = None,
        include_drafts: bool = False,
        today: dt.date | None = None,
        **kwargs: str,
    ):
        root = make_project(articles, **kwargs)
        return load_corpus(Settings(root=root, include_drafts=include_drafts, today=today))

    return run
