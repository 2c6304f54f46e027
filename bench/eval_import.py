"""Measure `briefing import`'s suggestions against editors' tags: precision and recall per field.

    python bench/eval_import.py [--raw DIR] [--bench N] [--json]

Demo corpus: leave-one-out. For each curated article, its raw sample (the same name in --raw,
default shared/samples/raw) or else its own text is imported with the registries, the topic model
trained on the other articles (once there are enough), and the actors registry without the people
that article names: those people are what the candidate finder must find, by name alone, without
their titles ("Chinese President Xi Jinping" must give "Xi Jinping"). Extra people the texts name
who are in no registry are listed in bench/import_gold.yml.

Benchmark corpus (--bench N, from make_corpus.py): 5-fold cross-validation of topics and region,
the model trained on four fifths and tested on the rest.

Wire stories (--wire DIR, default shared/samples/wire): leave-one-out over real Reuters stories,
with registries built from the stories' own tags (bench/wire_stories.py: places -> states with
`iso:` and their UN subregion as region, people, organisations, topics), each story imported
with the topic model trained on the others. Region is right when it is the region of a place the
story is tagged with. Organisations typed as people: person candidates whose name the text also
writes followed by an organisation's word or legal form ("Terminal Systems" of "Terminal Systems
Inc"), over all candidate names; `--misses` lists every person candidate to judge by eye.

Suggestions are counted as `briefing import --accept` takes them (the default threshold).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import yaml

from briefing.cli.commands import DEFAULT_THRESHOLD
from briefing.cli.review import choose, load_places, review_article
from briefing.ingest.rawtext import RawArticle, parse_raw
from briefing.load.corpus import load_corpus
from briefing.load.registry import load_registry
from briefing.model.entities import Article
from briefing.model.problems import ProblemLog
from briefing.model.registry import Registries, Registry
from briefing.model.settings import Settings
from briefing.suggest.learned import TopicModel

REPO = Path(__file__).resolve().parents[1]
DEFAULT_WIRE = next((p for p in (REPO.parent / "shared/samples/wire", Path("/work/shared/samples/wire")) if p.is_dir()), REPO / "missing")
DEFAULT_RAW = next((p for p in (REPO.parent / "shared/samples/raw", Path("/work/shared/samples/raw")) if p.is_dir()), REPO / "missing")
GOLD = Path(__file__).with_name("import_gold.yml")
FOLDS = 5


@dataclasses.dataclass
class Tally:
    """Micro-averaged counts for one field."""

    hits: int = 0
    suggested: int = 0
    wanted: int = 0
    misses: list[str] = dataclasses.field(default_factory=list)

    def add(self, want: set[str], got: set[str], label: str = "") -> None:
        self.hits += len(want & got)
        self.suggested += len(got)
        self.wanted += len(want)
        if label and want != got:
            self.misses.append(f"{label}: missed {sorted(want - got)}, extra {sorted(got - want)}")

    @property
    def precision(self) -> float:
        return round(self.hits / self.suggested, 3) if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return round(self.hits / self.wanted, 3) if self.wanted else 1.0


def _registries(root: Path) -> Registries:
    log = ProblemLog(root)
    regs = Registries(*(load_registry(c, root / "data" / f"{c}.yml", log) for c in ("actors", "topics", "regions")))  # type: ignore[arg-type]
    if log.errors:
        sys.exit("\n".join(str(p) for p in log.sorted()))
    return regs


def _without(registry: Registry, ids: set[str]) -> Registry:
    """The registry as if the given entries had never been added."""
    kept = {i: e for i, e in registry.entries.items() if i not in ids}
    names = {k: v for k, v in registry.names.items() if v not in ids}
    display = {k: v for k, v in registry.display_names.items() if v not in ids}
    return dataclasses.replace(registry, entries=kept, names=names, display_names=display)


def _fold(name: str) -> str:
    """Names compared without accents: a source writing 'Vucic' names Aleksandar Vučić."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _raw_of(article: Article, raw_dir: Path) -> RawArticle:
    name = Path(article.source_path).stem.split("-", 3)[-1]
    for path in sorted(raw_dir.glob(f"*{name}.txt")):
        return parse_raw(path.read_text(encoding="utf-8"))
    return RawArticle(article.title, [article.body], [article.summary] if article.summary else [])


def evaluate_demo(root: Path, raw_dir: Path) -> dict[str, Tally]:
    settings = Settings(root=root)
    corpus = load_corpus(settings)
    registries = _registries(root)
    places, _ = load_places(settings.data_path, registries.regions.entries)
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8")) if GOLD.exists() else {}
    tallies = {f: Tally() for f in ("topics", "region", "actors", "candidate people")}
    for article in corpus.articles:
        others = [a for a in corpus.articles if a is not article]
        people = {i for i in article.actors if getattr(registries.actors.entries[i], "kind", "") == "person"}
        blind = dataclasses.replace(registries, actors=_without(registries.actors, people))
        raw = _raw_of(article, raw_dir)
        review = review_article(raw, blind, places, TopicModel.train(others))
        choose(review, accept=True, threshold=DEFAULT_THRESHOLD, ask=None)
        label = Path(article.source_path).name
        tallies["topics"].add(set(article.topics), {s.entity.id for s in review.chosen_topics}, label)
        tallies["region"].add({article.region}, {review.chosen_region.entity.id} if review.chosen_region else set(), label)
        tallies["actors"].add(set(article.actors) - people, {s.entity.id for s in review.chosen_actors}, label)
        want_people = {_fold(registries.actors.entries[i].name) for i in people} | {_fold(n) for n in gold.get(label, {}).get("people", [])}
        got_people = {_fold(c.name) for c in review.candidates if c.kind == "person"}
        tallies["candidate people"].add(want_people, got_people, label)
    return tallies


def evaluate_bench(count: int) -> dict[str, Tally]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "bench"
        subprocess.run([sys.executable, str(REPO / "bench" / "make_corpus.py"), str(count), str(root)], check=True, capture_output=True)
        settings = Settings(root=root)
        corpus = load_corpus(settings)
        registries = _registries(root)
        tallies = {f: Tally() for f in ("topics", "region")}
        articles = sorted(corpus.articles, key=lambda a: a.sort_key)
        for fold in range(FOLDS):
            test = articles[fold::FOLDS]
            model = TopicModel.train([a for i, a in enumerate(articles) if i % FOLDS != fold])
            for article in test:
                raw = RawArticle(article.title, [article.body], [article.summary] if article.summary else [])
                review = review_article(raw, registries, {}, model)
                choose(review, accept=True, threshold=DEFAULT_THRESHOLD, ask=None)
                tallies["topics"].add(set(article.topics), {s.entity.id for s in review.chosen_topics})
                tallies["region"].add({article.region}, {review.chosen_region.entity.id} if review.chosen_region else set())
        return tallies


def evaluate_wire(folder: Path) -> dict[str, Tally]:
    import re

    from briefing.model.entities import Article
    from briefing.suggest.name_words import is_organization_word

    sys.path.insert(0, str(Path(__file__).parent))
    from wire_stories import read_stories, write_registries

    stories = read_stories(folder)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        place_ids = write_registries(stories, root / "data")
        registries = _registries(root)
    topic_id = {t: re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-") for s in stories for t in s.topics}
    archive = [
        Article(
            source_path=s.name, slug=s.name.removesuffix(".xml"), title=s.raw.title, date=s.date, region="x",
            actors=(), topics=tuple(topic_id[t] for t in s.topics), summary=None, body=s.raw.body,
        )
        for s in stories
    ]  # fmt: skip
    tallies = {f: Tally() for f in ("topics", "region", "region (first place)", "actors", "orgs typed as people")}
    for story, article in zip(stories, archive):
        model = TopicModel.train([a for a in archive if a is not article])
        review = review_article(story.raw, registries, {}, model)
        choose(review, accept=True, threshold=DEFAULT_THRESHOLD, ask=None)
        label = story.name
        tallies["topics"].add(set(article.topics), {s.entity.id for s in review.chosen_topics}, label)
        regions = [getattr(registries.actors.entries[place_ids[p]], "region", None) for p in story.places]
        chosen = {review.chosen_region.entity.id} if review.chosen_region else set()
        wanted = {r for r in regions if r}
        if wanted:
            tallies["region"].add({next(iter(chosen & wanted), sorted(wanted)[0])}, chosen, label)
            tallies["region (first place)"].add({regions[0]} if regions[0] else set(), chosen, label)
        slug = lambda code: re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")  # noqa: E731
        gold = {place_ids[p] for p in story.places} | {slug(p) for p in story.people} | {slug(o) for o in story.orgs}
        tallies["actors"].add(gold, {s.entity.id for s in review.chosen_actors}, label)
        text = story.raw.body
        people = [c for c in review.candidates if c.kind == "person"]
        as_org = {
            c.name for c in people
            if any(is_organization_word(m.group(1)) for m in re.finditer(re.escape(c.name) + r"\s+([A-Z][\w.]*)", text))
        }  # fmt: skip
        tally = tallies["orgs typed as people"]
        tally.hits += len(as_org)
        tally.suggested += len(review.candidates)
        tally.misses.append(f"{label}: person candidates {[c.name for c in people]}; written as organisations {sorted(as_org)}")
    return tallies


def _table(title: str, tallies: dict[str, Tally]) -> list[str]:
    lines = [title, f"  {'field':<18} {'precision':>9} {'recall':>7}  (hits/suggested/wanted)"]
    for name, t in tallies.items():
        if name == "orgs typed as people":
            share = t.hits / t.suggested if t.suggested else 0.0
            lines.append(f"  {name:<18} {share:>9.1%} of {t.suggested} candidate names ({t.hits})")
            continue
        lines.append(f"  {name:<18} {t.precision:>9.2f} {t.recall:>7.2f}  ({t.hits}/{t.suggested}/{t.wanted})")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="site with articles/ and data/ (default: the demo)")
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw samples named like the articles")
    parser.add_argument("--bench", type=int, default=0, help="also evaluate on a benchmark corpus of N articles")
    parser.add_argument("--wire", type=Path, default=DEFAULT_WIRE, help="folder of Reuters records (leave-one-out); 'none' to skip")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list what was missed or extra per article")
    args = parser.parse_args(argv)
    results = {"demo (leave-one-out)": evaluate_demo(args.root, args.raw)}
    if args.wire.name != "none":
        results[f"wire stories in {args.wire.name}/ (leave-one-out)"] = evaluate_wire(args.wire)
    if args.bench:
        results[f"benchmark corpus of {args.bench} ({FOLDS}-fold)"] = evaluate_bench(args.bench)
    if args.json:
        out = {
            k: {f: {"precision": t.precision, "recall": t.recall, "hits": t.hits, "of": t.suggested} for f, t in v.items()}
            for k, v in results.items()
        }
        print(json.dumps(out, indent=2))
        return
    for title, tallies in results.items():
        print("\n".join(_table(title, tallies)))
        if args.misses:
            for t in tallies.values():
                for miss in t.misses:
                    print("   ", miss)


if __name__ == "__main__":
    main()
