"""Turn a Briefing corpus into "the floor": the same articles as a plain MkDocs + Material site.

    python bench/make_floor.py CORPUS_DIR FLOOR_DIR

The floor is what any newsroom gets from MkDocs and Material alone: one page per
article (its title as H1, then its body), the built-in search, nothing else.
Comparing Briefing with it separates what Briefing adds (entity pages, indexes,
feeds, Pagefind, autolinks) from what MkDocs and Material cost anyway.

Articles keep Briefing's URL scheme (articles/YYYY/MM/slug/) but stay out of the
nav, as Briefing's do; `validation` is left at MkDocs' defaults. Only PyYAML is
needed (it ships with MkDocs), and front matter is read with `yaml.safe_load`
rather than Briefing's reader so the floor does not depend on the code it measures.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})-\d{2}-(.+)$")

FLOOR_MKDOCS_YML = """\
site_name: Floor
site_url: https://example.org/floor/
docs_dir: docs
theme:
  name: material
plugins:
  - search
nav:
  - Home: index.md
"""

FLOOR_INDEX = """\
# Floor

{count} articles as plain MkDocs + Material pages, for comparison with Briefing.
Use the search box to find them.
"""


@dataclass(frozen=True)
class FloorPage:
    uri: str  # articles/YYYY/MM/slug.md, as Briefing names the same article
    markdown: str


def split_article(text: str, path: Path) -> tuple[dict, str]:
    """Front matter (parsed) and body of one article file."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise SystemExit(f"{path}: no front matter")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            return yaml.safe_load("\n".join(lines[1:end])) or {}, "\n".join(lines[end + 1 :])
    raise SystemExit(f"{path}: front matter not closed")


def floor_page(path: Path) -> FloorPage:
    meta, body = split_article(path.read_text(encoding="utf-8"), path)
    match = DATE_PREFIX.match(path.stem)
    if not match:
        raise SystemExit(f"{path}: file name does not start with YYYY-MM-DD-")
    year, month, stem = match.groups()
    slug = meta.get("slug") or stem
    return FloorPage(f"articles/{year}/{month}/{slug}.md", f"# {meta['title']}\n\n{body.strip()}\n")


def write_floor(corpus: Path, floor: Path) -> int:
    """Write FLOOR_DIR/mkdocs.yml and docs/; returns the number of article pages."""
    sources = sorted((corpus / "articles").rglob("*.md"))
    if not sources:
        raise SystemExit(f"{corpus / 'articles'} holds no articles")
    if floor.exists() and any(floor.iterdir()):
        raise SystemExit(f"{floor} is not empty; give a new or empty folder")
    docs = floor / "docs"
    for source in sources:
        page = floor_page(source)
        target = docs / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8", newline="\n")
    (docs / "index.md").write_text(FLOOR_INDEX.format(count=len(sources)), encoding="utf-8", newline="\n")
    (floor / "mkdocs.yml").write_text(FLOOR_MKDOCS_YML, encoding="utf-8", newline="\n")
    return len(sources)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    parser.add_argument("floor", type=Path, metavar="FLOOR_DIR", help="new or empty folder")
    args = parser.parse_args(argv)
    count = write_floor(args.corpus, args.floor)
    print(f"{count} article pages in {args.floor}", file=sys.stderr)


if __name__ == "__main__":
    main()
