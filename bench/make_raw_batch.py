"""Raw texts for timing a batch import: each article of a corpus as a scraped file (title, body).

    python bench/make_corpus.py 1000 /tmp/src --seed 7      # other names than the archive's seed 1
    python bench/make_raw_batch.py /tmp/src /tmp/raw        # 1,000 raw .txt files
    cd /tmp/archive && time briefing import --accept --date 2026-01-15 /tmp/raw

The files keep the article's title line and body and drop its front matter, so the import has
to suggest everything from the text, as for a desk's folder of wire copy (docs/performance.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder made by bench/make_corpus.py")
    parser.add_argument("out", type=Path, help="new or empty folder for the raw .txt files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if any(args.out.iterdir()):
        raise SystemExit(f"{args.out} is not empty")
    count = 0
    for path in sorted((args.corpus / "articles").rglob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        title = yaml.safe_load(front)["title"]
        (args.out / f"{path.stem}.txt").write_text(f"{title}\n\n{body.strip()}\n", encoding="utf-8")
        count += 1
    print(f"wrote {count} raw texts to {args.out}")


if __name__ == "__main__":
    main()
