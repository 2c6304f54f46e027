"""A demo project whose new actor, topic, region, author and article carry markup and template payloads.

The injection tests (tests/catalogue/test_injection.py) and the browser's search-safety tests build
it and check that every payload reaches the reader as text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support.project import copy_demo_project, replace_in

PAYLOADS = [
    "# not a heading",  # first, so texts made of ALL start a line with it
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "**bold**",
    "{{ 7*7 }}",
    "{% if true %}x{% endif %}",
    '"><svg onload=alert(1)>',
    "`code`",
    "| a | b |",
]
ALL = " ".join(PAYLOADS)

TITLE = ALL
SUMMARY = "\n\n".join(PAYLOADS)  # one payload per paragraph: each starts a line
SOURCE_NAME = f"Source {ALL}"
SOURCE_URL = 'https://example.org/story?q="><svg/onload=alert(1)>'
ACTOR_NAME = f"Actor {ALL}"
ACTOR_ALIASES = [f"Alias {p}" for p in PAYLOADS]
ACTOR_ROLE = ALL
TOPIC_NAME = f"Topic {ALL}"
REGION_NAME = f"Region {ALL}"
DESCRIPTION = ALL
AUTHOR_NAME = f"Author {ALL}"
AUTHOR_LINK = ("Link " + ALL, 'https://example.org/me?q="><svg/onload=alert(1)>')
CORRECTION = f"Corrected: {ALL}"

# A second article whose title tries to close the page's <title> element.
BREAKOUT_TITLE = "Breakout </title><script>alert(1)</script> AT&amp;T"

ARTICLE = "articles/2024/2024-05-15-xi-putin-beijing.md"
ARTICLE_URL = "articles/2024/05/xi-putin-beijing"
BREAKOUT = "articles/2024/2024-03-18-putin-fifth-term.md"
BREAKOUT_URL = "articles/2024/03/putin-fifth-term"
ENTITY_URLS = ["actors/hostile-actor", "topics/hostile-topic", "regions/hostile-region", "authors/hostile-author"]


def q(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def make_hostile_project(destination: Path) -> Path:
    project = copy_demo_project(destination)
    with (project / "data/actors.yml").open("a", encoding="utf-8") as actors:
        actors.write(
            f"hostile-actor:\n  name: {q(ACTOR_NAME)}\n  kind: person\n"
            f"  aliases: [{', '.join(q(a) for a in ACTOR_ALIASES)}]\n"
            f"  role: {q(ACTOR_ROLE)}\n  country: China\n  description: {q(DESCRIPTION)}\n"
        )
    with (project / "data/topics.yml").open("a", encoding="utf-8") as topics:
        topics.write(f"hostile-topic:\n  name: {q(TOPIC_NAME)}\n  description: {q(DESCRIPTION)}\n")
    with (project / "data/regions.yml").open("a", encoding="utf-8") as regions:
        regions.write(f"hostile-region:\n  name: {q(REGION_NAME)}\n  parent: east-asia\n  description: {q(DESCRIPTION)}\n")

    with (project / "data/authors.yml").open("a", encoding="utf-8") as authors:
        authors.write(
            f"hostile-author:\n  name: {q(AUTHOR_NAME)}\n  role: {q(ALL)}\n  affiliation: {q(ALL)}\n  bio: {q(DESCRIPTION)}\n"
            f"  links: [{{name: {q(AUTHOR_LINK[0])}, url: {q(AUTHOR_LINK[1])}}}]\n"
        )

    article = project / ARTICLE
    replace_in(article, 'title: "Xi Jinping and Putin\'s Strategic Meeting in Beijing amidst Global Turmoil"', f"title: {q(TITLE)}")
    replace_in(article, "region: East Asia", f"region: {q(REGION_NAME)}")
    replace_in(article, "actors: [Xi Jinping,", f"actors: [{q(ACTOR_NAME)}, Xi Jinping,")
    replace_in(article, "topics: [China–Russia relations,", f"topics: [{q(TOPIC_NAME)}, China–Russia relations,")
    text = article.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    front = re.sub(r"\nsummary: >-\n(.|\n)*", "", front)  # the folded summary runs to the end of the block
    front += f"\nsource: {{name: {q(SOURCE_NAME)}, url: {q(SOURCE_URL)}}}\nsummary: {q(SUMMARY)}"
    front += f"\nauthors: [{q(AUTHOR_NAME)}]\ncorrections:\n  - {{date: 2024-05-16, text: {q(CORRECTION)}}}"
    article.write_text(front + "\n---\n" + body, encoding="utf-8")

    replace_in(
        project / BREAKOUT, 'title: "Putin Claims Fifth Term After Three-Day Vote Without Real Opposition"', f"title: {q(BREAKOUT_TITLE)}"
    )
    return project
