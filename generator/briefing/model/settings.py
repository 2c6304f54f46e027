"""Where a site's editors keep their files, and the defaults every entry point shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from briefing.model.registry import REGISTRY_FILES


@dataclass(frozen=True)
class Settings:
    """Where the editors' files live; paths are relative to `root` (the project folder)."""

    root: Path
    articles_dir: str = "articles"
    data_dir: str = "data"
    include_drafts: bool = False
    today: dt.date | None = None  # for "date in the future" warnings; tests pin it

    @property
    def articles_path(self) -> Path:
        return self.root / self.articles_dir

    @property
    def data_path(self) -> Path:
        return self.root / self.data_dir

    def registry_path(self, collection: str) -> Path:
        return self.data_path / REGISTRY_FILES[collection]  # type: ignore[index]
