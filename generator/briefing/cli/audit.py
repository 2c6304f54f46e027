"""`briefing check --audit`: the audit's findings as warnings on the line of the field concerned."""

from __future__ import annotations

from briefing.index.audit import audit_articles
from briefing.model.corpus import Corpus
from briefing.model.settings import Settings


def add_audit_warnings(corpus: Corpus, settings: Settings) -> int:
    """Add one warning per finding to the corpus's log; returns how many."""
    findings = audit_articles(corpus.articles, corpus.actors)
    for finding in findings:
        path = settings.root / finding.article.source_path
        # The field's line, kept from the article's first parse (no second read of the file).
        corpus.log.warning(path, finding.field, finding.message, finding.article.field_positions.get(finding.field))
    return len(findings)
