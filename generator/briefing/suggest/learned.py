"""Topics learned from the archive's own tags, with the article's content words as evidence.

Two ways to learn a topic, chosen by what the archive can teach:

- a topic with examples on both sides (tagged and untagged articles) gets a TF-IDF + logistic
  regression (one-vs-rest, liblinear: deterministic), which learns what sets it apart;
- a topic on (nearly) every article has too few untagged ones to learn from: a desk that files
  only takeovers tags every story "Mergers/Acquisitions". Its confidence is the archive's own
  rate (the rule of succession: on k of n articles, (k + 1) / (n + 2)), lowered for an article
  less like the topic's articles than they are like each other: the article's similarity to the
  centroid of the tagged articles is ranked among theirs, each left out of its own centroid (a
  conformal p-value); below the least typical tenth the rate is scaled down in proportion.

The features are content words only (scikit-learn's English stop words and numbers left out),
so the evidence an editor reads is words such as 'stake', 'acquire', never 'it' or 'and', and
each is cited as the article writes it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.model.entities import Article, Topic
from briefing.model.registry import Registry
from briefing.suggest.topics import ArticleText, Suggestion, article_text
from briefing.suggest.words import stem, tokens

MIN_ARCHIVE = 20  # tagged articles before a classifier is trained
MIN_EXAMPLES = 3  # articles on each side (tagged, untagged) before a classifier learns a topic
# A conformal p-value reaches 1/10 only with 9 tagged articles or more: the fewest that can show an article is atypical.
MIN_PREVALENT_ARCHIVE = 10
ATYPICAL = 0.1  # an article less typical than this share of the topic's own articles loses confidence in proportion
MAX_TRAINING = 5000  # the newest articles: enough to learn from, quick at 10,000
EVIDENCE_WORDS = 3
UBIQUITOUS = 0.8  # a word in more of the archive's articles than this share is cited for none of them


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # type: ignore[import-untyped]

    return frozenset(ENGLISH_STOP_WORDS)


_STOP_WORDS = _stop_words()


def content_stems(text: str) -> list[str]:
    """The text's content words as stems: stop words, numbers and single letters left out."""
    return [stem(t) for t in tokens(text) if len(t) > 1 and t not in _STOP_WORDS and not any(c.isdigit() for c in t)]


def _surface_forms(text: str) -> dict[str, str]:
    """Stem -> the word the text writes most for it (ties: the first written), to cite as evidence."""
    forms: dict[str, Counter[str]] = {}
    for token in tokens(text):
        forms.setdefault(stem(token), Counter())[token] += 1
    return {s: c.most_common(1)[0][0] for s, c in forms.items()}


@dataclass(frozen=True)
class _Prevalent:
    """A topic on (nearly) every article: its centroid, its rate and its articles' own similarities."""

    centroid: Any  # dense row, L2-normalised
    tagged: int
    archive: int
    similarities: tuple[float, ...]  # each tagged article's similarity to the centroid of the others, sorted

    def confidence(self, similarity: float) -> float:
        rate = (self.tagged + 1) / (self.archive + 2)
        typical = (bisect.bisect_right(self.similarities, similarity) + 1) / (len(self.similarities) + 1)
        return rate * min(1.0, typical / ATYPICAL)


class TopicModel:
    """Topics learned from the archive's tagged articles (None from `train` when too few)."""

    def __init__(self, vectorizer: Any, classifiers: dict[str, Any], prevalent: dict[str, _Prevalent], size: int) -> None:
        self._vectorizer = vectorizer
        self._classifiers = classifiers
        self._prevalent = prevalent
        self.size = size
        import numpy as np

        # Terms in at most 80 % of the articles: tf-idf's idf is ln((1 + n) / (1 + df)) + 1.
        self._telling = vectorizer.idf_ >= np.log((1 + size) / (1 + UBIQUITOUS * size)) + 1
        models = list(classifiers.values())
        # liblinear's binary model: P(topic) = 1 / (1 + exp(-(x . coef + intercept))), the same as predict_proba.
        self._coefficients = np.vstack([m.coef_[0] for m in models]) if models else np.zeros((0, 0))
        self._intercepts = np.array([float(m.intercept_[0]) for m in models])

    @classmethod
    def train(cls, articles: Iterable[Article]) -> TopicModel | None:
        tagged = sorted((a for a in articles if a.topics), key=lambda a: a.sort_key)[-MAX_TRAINING:]
        if len(tagged) < MIN_PREVALENT_ARCHIVE:
            return None
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

        vectorizer = TfidfVectorizer(analyzer=content_stems, min_df=2, sublinear_tf=True)
        try:
            matrix = vectorizer.fit_transform([article_text(a).full for a in tagged])
        except ValueError:  # no word is in two articles: nothing to learn from
            return None
        counts = Counter(t for a in tagged for t in a.topics)
        classifiers: dict[str, Any] = {}
        prevalent: dict[str, _Prevalent] = {}
        for topic_id in sorted(counts):
            labels = np.array([topic_id in a.topics for a in tagged])
            positives, negatives = counts[topic_id], len(tagged) - counts[topic_id]
            if negatives < MIN_EXAMPLES and positives >= MIN_PREVALENT_ARCHIVE:
                prevalent[topic_id] = _prevalent(matrix[labels], len(tagged))
            elif len(tagged) >= MIN_ARCHIVE and positives >= MIN_EXAMPLES and negatives >= MIN_EXAMPLES:
                model = LogisticRegression(C=10.0, solver="liblinear", random_state=0)
                model.fit(matrix, labels)
                classifiers[topic_id] = model
        return cls(vectorizer, classifiers, prevalent, len(tagged)) if classifiers or prevalent else None

    def predict(self, text: ArticleText, topics: Registry[Topic]) -> dict[str, Suggestion]:
        import numpy as np

        vector = self._vectorizer.transform([text.full])
        terms = self._vectorizer.get_feature_names_out()
        surface = _surface_forms(text.full)
        present, weights = vector.indices, vector.data  # the article's terms and their TF-IDF weights
        telling = self._telling[present]
        found: dict[str, Suggestion] = {}
        if self._classifiers:
            ids = list(self._classifiers)
            # Every classifier at once: each term's weight times each topic's coefficient, summed per topic.
            contributions = self._coefficients[:, present] * weights
            probabilities = 1 / (1 + np.exp(-(contributions.sum(axis=1) + self._intercepts)))
            for row, topic_id in enumerate(ids):
                if topic_id in topics.entries:
                    words = _cited(contributions[row], terms[present], surface, telling, np)
                    evidence = f"learned from {self.size} tagged articles" + (f" ({words})" if words else "")
                    found[topic_id] = Suggestion(topics.entries[topic_id], float(probabilities[row]), (evidence,))
        for topic_id, topic in self._prevalent.items():
            if topic_id not in topics.entries:
                continue
            contributions = topic.centroid[present] * weights
            words = _cited(contributions, terms[present], surface, telling, np)
            evidence = f"on {topic.tagged} of {topic.archive} tagged articles" + (f"; like them: {words}" if words else "")
            found[topic_id] = Suggestion(topics.entries[topic_id], topic.confidence(float(contributions.sum())), (evidence,))
        return found


def _prevalent(rows: Any, archive: int) -> _Prevalent:
    """The centroid of a topic's articles and each article's similarity to the centroid of the others."""
    import numpy as np

    dense = rows.toarray()
    total = dense.sum(axis=0)
    similarities = []
    for row in dense:
        others = total - row
        norm = float(np.linalg.norm(others))
        similarities.append(float(row @ others) / norm if norm else 0.0)
    norm = float(np.linalg.norm(total))
    return _Prevalent(total / norm if norm else total, len(dense), archive, tuple(sorted(similarities)))


def _cited(contributions: Any, terms: Sequence[str], surface: dict[str, str], telling: Any, np: Any) -> str:
    """The article's words that count most for the topic, as the article writes them; words of
    nearly every article ("said", a wire's sign-off) are no evidence for any one of them."""
    ranked = [int(i) for i in np.argsort(-contributions, kind="stable") if telling[i] and contributions[i] > 0]
    best = ranked[:EVIDENCE_WORDS]
    return ", ".join(f"'{surface.get(terms[i], terms[i])}'" for i in best)
