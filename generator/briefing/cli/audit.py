"""`briefing check --audit`: the audit's findings as warnings on the line of the field concerned."""

from __future__ import annotations

from briefing.index.audit import audit_articles
from briefing.load.articles import field_position
from briefing.model.corpus import Corpus
from briefing.model.settings import Settings


def add_audit_warnings(corpus: Corpus, settings: Settings) -> int:
    """Add one warning per finding to the corpus's log; returns how many."""
    findings = audit_articles(corpus.articles, corpus.actors)
    positions: dict[tuple[str, str], object] = {}
    for finding in findings:
        path = settings.root / finding.article.source_path
        key = (finding.article.source_path, finding.field)
        if key not in positions:
            positions[key] = field_position(path, finding.field)
        corpus.log.warning(path, finding.field, finding.message, positions[key])  # type: ignore[arg-type]
    return len(findings)
