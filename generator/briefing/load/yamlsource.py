"""Safe YAML with line numbers, for front matter and registries.

PyYAML's loaders forget where a value came from and accept duplicate keys; editors
need both: "line 6: actors" and "duplicate key 'title'". So we let the (C when
available) parser compose a node tree and build plain Python data from it ourselves,
recording the position of every mapping key and sequence item, and refusing
anchors/aliases (an alias bomb cannot be expanded if aliases are never followed).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from briefing.model.located import DataPath, LocatedData
from briefing.model.problems import Position

try:  # the C parser is several times faster on large corpora
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_YAML_NODES = 20_000  # far beyond any front matter or registry; stops pathological input


class YamlError(Exception):
    """Text that is not the YAML we accept; carries a position in the text."""

    def __init__(self, message: str, position: Position | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def parse_yaml(text: str) -> LocatedData:
    """Parse one YAML document safely, recording positions; raise `YamlError` on bad input."""
    loader = _BaseLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise _unquoted_colon(exc, text) or YamlError(_describe_marked_error(exc, text), _position(exc.problem_mark)) from None
        except yaml.reader.ReaderError as exc:
            raise _unreadable_character(exc, text) from None
        except yaml.YAMLError as exc:
            raise YamlError(f"invalid YAML: {exc}") from None
        if root is None:
            return LocatedData(None, {})
        builder = _DataBuilder(loader)
        data = builder.build(root, ())
        return LocatedData(data, builder.positions, builder.key_positions)
    finally:
        loader.dispose()


class _DataBuilder:
    """Turns a composed node tree into Python data, refusing what editors never need."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.positions: dict[DataPath, Position] = {}
        self.key_positions: dict[DataPath, Position] = {}
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        if id(node) in self.seen:
            raise YamlError(
                "YAML anchors and aliases (& and *) are not supported; write the value out",
                _position(node.start_mark),
            )
        self.seen.add(id(node))
        if len(self.seen) > MAX_YAML_NODES:
            raise YamlError(f"too many values (more than {MAX_YAML_NODES}); is this the right file?", _position(node.start_mark))
        self.positions.setdefault(path, _position(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            return self._build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]
        return self._build_scalar(node)

    def _build_mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        self._check_tag(node, "tag:yaml.org,2002:map")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError("keys must be plain names (no merge keys or complex keys)", _position(key_node.start_mark))
            key = self._build_scalar(key_node)
            key = "" if key is None else str(key)
            if key in result:
                raise YamlError(f"duplicate key '{key}'", _position(key_node.start_mark))
            # Point at the value when it sits on the key's line (`date: 2024-13-45` -> column 7),
            # else at the key (a block list starting on the next line).
            self.key_positions[path + (key,)] = _position(key_node.start_mark)
            same_line = value_node.start_mark.line == key_node.start_mark.line
            self.positions[path + (key,)] = _position((value_node if same_line else key_node).start_mark)
            result[key] = self.build(value_node, path + (key,))
        return result

    def _build_scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _PLAIN_SCALAR_TAGS:  # `!!binary` would publish decoded bytes a reviewer never saw
            raise YamlError(f"the tag '{_short_tag(node.tag)}' is not allowed", _position(node.start_mark))
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError):
            # e.g. `date: 2024-13-45` matches the timestamp pattern but is no date:
            # keep the text so validation can say "invalid date '2024-13-45'".
            return node.value
        except yaml.YAMLError as exc:
            raise YamlError(str(getattr(exc, "problem", exc)), _position(node.start_mark)) from None

    @staticmethod
    def _check_tag(node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            raise YamlError(f"the tag '{_short_tag(node.tag)}' is not allowed", _position(node.start_mark))


# What a value may be: text, numbers, true/false, null and dates; any other tag is refused.
_PLAIN_SCALAR_TAGS = frozenset("tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp"))


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _position(mark: Any) -> Position | None:
    if mark is None:
        return None
    return Position(mark.line + 1, mark.column + 1)


# The key at the start of a front matter or registry line: `title:` -> "title".
_KEY_PREFIX = re.compile(r"^[ ]*(?P<key>[A-Za-z_][\w-]*):(?:[ ]+|$)")


def _unquoted_colon(exc: yaml.MarkedYAMLError, text: str) -> YamlError | None:
    """`title: Xi in Moscow: A Visit`, the commonest YAML mistake. PyYAML says "mapping values
    are not allowed here" at the second colon; the editor needs to hear, at the value, that it
    must be quoted."""
    mark = exc.problem_mark
    if mark is None or "mapping values are not allowed" not in (exc.problem or ""):
        return None
    lines = text.split("\n")
    field = _KEY_PREFIX.match(lines[mark.line]) if mark.line < len(lines) else None
    value = lines[mark.line][field.end() :] if field else ""
    if not value or value[0] in "\"'[{|>#" or ":" not in value:  # quoted or nested: PyYAML's message stands
        return None
    return YamlError(
        f"{field['key']}: the text contains ': ', which YAML reads as a new field; put the whole {field['key']} in double quotes",
        Position(mark.line + 1, field.end() + 1),
    )


def _unreadable_character(exc: yaml.reader.ReaderError, text: str) -> YamlError:
    """A control character pasted into the text: one line, at the character."""
    before = text[: exc.position]
    line = before.count("\n")
    column = exc.position - (before.rfind("\n") + 1)
    field = _KEY_PREFIX.match(text.split("\n")[line])
    prefix = f"{field['key']}: " if field else ""
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return YamlError(f"{prefix}contains the control character U+{ord(character):04X}; delete it", Position(line + 1, column + 1))


def _describe_marked_error(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's messages, reworded where editors hit them most."""
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    line = text.split("\n")[mark.line] if mark is not None and mark.line < len(text.split("\n")) else ""
    leading = line[: len(line) - len(line.lstrip())]
    if "\\t" in problem or "tab" in problem or "\t" in leading:
        return "tab character in indentation; indent with spaces"
    if "expected a single document" in (exc.context or ""):
        return "more than one YAML document; is a '---' line missing or doubled?"
    context = f" ({exc.context})" if exc.context else ""
    return f"invalid YAML: {problem}{context}"
