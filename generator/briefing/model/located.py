"""Parsed YAML that remembers where each value was written, so problems can name a line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.model.problems import Position

# A path into the data: ("source", "url") or ("actors", 2).
DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LocatedData:
    """Parsed YAML plus where each key and item started."""

    data: Any
    positions: dict[DataPath, Position]
    key_positions: dict[DataPath, Position] = field(default_factory=dict)  # where each key itself starts

    def position_of(self, path: DataPath, line_offset: int = 0, of_key: bool = False) -> Position | None:
        """Position of the deepest known prefix of `path` (its value, or its key), shifted by `line_offset` lines."""
        table = self.key_positions if of_key and tuple(path) in self.key_positions else self.positions
        for end in range(len(path), -1, -1):
            found = table.get(tuple(path[:end]))
            if found is not None:
                return Position(found.line + line_offset, found.column)
        return None
