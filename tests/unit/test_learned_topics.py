"""Topics learned from the archive (suggest/learned.py): evidence in the article's own content words, every
suggestion with its confidence, and a topic on every article learned from the archive's rate, on real wire text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.suggest.learned import TopicModel, content_stems
from briefing.suggest.topics import ArticleText, suggest_topics
from tests.support.bench import make_bench_project
from tests.support.registries import demo_registries
from tests.support.wire import wire_archive

# Words of no content, from the example and the most frequent English function words (not the model's own list).
FUNCTION_WORDS = {"it", "is", "and", "the", "of", "to", "a", "in", "that", "for", "on", "was", "with", "he", "as", "by", "at", "its", "be"}


def cited_words(evidence: str) -> list[str]:
    return re.findall(r"'([^']+)'", evidence)


@pytest.fixture(scope="module")
def wire():
    return wire_archive()


def test_the_analyzer_keeps_content_words_only() -> None:
    assert content_stems("It is 200 dlrs and the company said it would acquire a stake") == ["dlrs", "compani", "said", "acquir", "stake"]


def test_a_topic_on_every_article_is_learned_with_content_words_as_evidence(wire) -> None:
    articles, registries = wire
    held_out, archive = articles[0], articles[1:]
    model = TopicModel.train(archive)
    assert model is not None
    text = ArticleText(held_out.title, held_out.body)
    found = model.predict(text, registries.topics)
    acq = found["acq"]
    assert acq.confidence >= 0.6  # on 49 of 49 stories, and this one is like them
    evidence = acq.evidence[0]
    assert evidence.startswith("on 49 of 49 tagged articles; like them: ")
    words = cited_words(evidence)
    assert len(words) == 3
    written = {w.casefold() for w in re.findall(r"\w+", text.full)}
    for word in words:
        assert word.casefold() in written, word  # as the article writes it, not a stem
        assert word.casefold() not in FUNCTION_WORDS
    described = [s.describe() for s in suggest_topics(text, registries.topics, model)]
    assert any(d.startswith("Mergers/Acquisitions (0.") and "on 49 of 49 tagged articles" in d for d in described)


def test_an_article_unlike_the_topics_articles_is_not_given_the_topic(wire) -> None:
    articles, registries = wire
    model = TopicModel.train(articles)
    assert model is not None
    unlike = ArticleText(
        "Xi and Putin Sign Joint Statement",
        "Chinese President Xi Jinping and Russian President Vladimir Putin signed a joint statement in Beijing on "
        "strategic partnership, military cooperation and the war in Ukraine, and criticised NATO's expansion in Asia.",
    )
    assert model.predict(unlike, registries.topics)["acq"].confidence < 0.3
    typical = model.predict(ArticleText(articles[5].title, articles[5].body), registries.topics)["acq"].confidence
    assert typical > 0.9


def test_every_learned_suggestion_cites_content_words_of_the_text(tmp_path: Path) -> None:
    root = make_bench_project(tmp_path / "bench", 120)
    from briefing.load.corpus import load_corpus
    from briefing.model.settings import Settings

    corpus = load_corpus(Settings(root=root))
    registries = demo_registries(root)
    model = TopicModel.train(corpus.articles[3:])
    assert model is not None
    cited = 0
    for target in corpus.articles[:3]:
        text = ArticleText(target.title, target.body)
        written = {w.casefold() for w in re.findall(r"\w+", text.full)}
        for suggestion in model.predict(text, registries.topics).values():
            assert 0.0 <= suggestion.confidence <= 1.0
            assert suggestion.evidence[0].startswith("learned from 117 tagged articles")
            for word in cited_words(suggestion.evidence[0]):
                assert word.casefold() in written and word.casefold() not in FUNCTION_WORDS, word
                cited += 1
    assert cited >= 3


def test_too_small_an_archive_learns_nothing(wire) -> None:
    articles, _ = wire
    assert TopicModel.train(articles[:9]) is None  # a rate from 9 articles cannot yet show that one is atypical
