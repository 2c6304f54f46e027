"""Every page key of the demo site, as a one-off build with the store computes them."""

from __future__ import annotations

from briefing.model.settings import Settings
from briefing.pipeline import build_pages
from briefing.render.cache import ARTICLE_PAGE, MEMO, PAGE, Fingerprints
from briefing.runtime.reuse import Kind
from tests.support.site import REPO


class _Recorder:
    """A reuse that finds nothing and records the fingerprint of every page and text looked up."""

    def __init__(self) -> None:
        self.fingerprints = Fingerprints()
        self.keys: list[str] = []

    def recall(self, kind: Kind[object], name: str, inputs: object) -> None:
        if kind in (PAGE, ARTICLE_PAGE, MEMO):
            self.keys.append(str(self.fingerprints.of((kind.name, name, inputs))))

    def keep(self, kind: Kind[object], name: str, inputs: object, value: object) -> None:
        pass


def demo_keys() -> str:
    """Every stored key of the demo site's pages, as one line."""
    recorder = _Recorder()
    build_pages(Settings(REPO), reuse=recorder)
    assert len(recorder.keys) > 100
    return " ".join(recorder.keys)
