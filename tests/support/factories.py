"""Tiny Briefing projects: registry texts, article files and project folders for tests to write.

`write_project(root, articles={...})` writes data/actors.yml, data/topics.yml, data/regions.yml
and articles/*.md (plus mkdocs.yml when asked); `write_article_md(...)` is one article's text
with front matter. The unit tests' fixtures (`make_project`, `article_md`, ...) call these.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

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
