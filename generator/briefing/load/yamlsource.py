"""Safe YAML with line numbers, for front matter and registries.

PyYAML's loaders forget where a value came from and accept duplicate keys; editors
need both: "line 6: actors" and "duplicate key 'title'". So we read the (C when
available) parser's events and build plain Python data from them ourselves, without
recursion, recording the position of every mapping key and sequence item, and refusing
anchors/aliases (an alias bomb cannot be expanded if aliases are never followed) and
nesting deeper than any article or registry needs (PyYAML's own composer recurses, so
`[[[[...]]]]` a few thousand levels deep would crash it).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from briefing.load.source import SourceError
from briefing.model.located import DataPath, LocatedData
from briefing.model.problems import Position

try:  # the C parser is several times faster on large corpora
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader

MAX_DEPTH = 50  # lists and mappings inside each other; front matter needs 3, registries 4

_TAG = "tag:yaml.org,2002:"
_TOO_DEEP = f"lists and mappings are nested more than {MAX_DEPTH} levels deep; is this the right file?"
_ANCHOR_MESSAGE = "YAML anchors and aliases (& and *) are not supported; write the value out"


def parse_yaml(text: str) -> LocatedData:
    """Parse one YAML document safely, recording positions; raise `SourceError` on bad input."""
    loader = _BaseLoader(text)
    try:
        try:
            return _DataBuilder(loader).build()
        except yaml.MarkedYAMLError as exc:
            raise _unquoted_colon(exc, text) or SourceError(_describe_marked_error(exc, text), _position(exc.problem_mark)) from None
        except yaml.reader.ReaderError as exc:
            raise _unreadable_character(exc, text) from None
        except yaml.YAMLError as exc:
            raise SourceError(f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()


class _Frame:
    """An open mapping or sequence while its events are read."""

    __slots__ = ("container", "key", "key_mark", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: DataPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_mark: Any = None


class _DataBuilder:
    """Turns the parser's events into Python data, refusing what editors never need."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.constructors = loader.yaml_constructors
        self.positions: dict[DataPath, Position] = {}
        self.key_positions: dict[DataPath, Position] = {}
        self.anchors: dict[str, Any] = {}

    def build(self) -> LocatedData:
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return LocatedData(None, {})
        loader.get_event()  # document start
        data = self._document()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise SourceError("more than one YAML document; is a '---' line missing or doubled?", _position(loader.peek_event().start_mark))
        return LocatedData(data, self.positions, self.key_positions)

    def _document(self) -> Any:
        loader = self.loader
        stack: list[_Frame] = []
        root: Any = None
        while True:
            event = loader.get_event()
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                if not stack:
                    return root
                continue
            if isinstance(event, yaml.AliasEvent):
                anchor = self.anchors.get(event.anchor) if event.anchor is not None else None
                raise SourceError(_ANCHOR_MESSAGE, _position(anchor if anchor is not None else event.start_mark))
            if event.anchor is not None:
                self.anchors[event.anchor] = event.start_mark
            parent = stack[-1] if stack else None
            if parent is not None and isinstance(parent.container, dict) and parent.key is None:
                self._key(parent, event)
                continue
            path = self._place(parent, event)
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(event, path)
                container: dict[str, Any] | list[Any] | None = None
            else:
                if len(stack) >= MAX_DEPTH:
                    raise SourceError(_field_prefix(path) + _TOO_DEEP, _position(event.start_mark))
                is_mapping = isinstance(event, yaml.MappingStartEvent)
                self._check_tag(event, _TAG + ("map" if is_mapping else "seq"))
                container = {} if is_mapping else []
                value = container
            if parent is None:
                root = value
            elif isinstance(parent.container, list):
                parent.container.append(value)
            else:
                parent.container[parent.key] = value  # type: ignore[index]
                parent.key = None
            if container is not None:
                stack.append(_Frame(container, path))
            elif parent is None:
                return root

    def _place(self, parent: _Frame | None, event: Any) -> DataPath:
        """The path of the value that `event` starts; records where it was written."""
        if parent is None:
            path: DataPath = ()
        elif isinstance(parent.container, list):
            path = parent.path + (len(parent.container),)
        else:
            path = parent.path + (parent.key,)  # type: ignore[operator]
            # Point at the value when it sits on the key's line (`date: 2024-13-45` -> column 7),
            # else at the key (a block list starting on the next line).
            same_line = event.start_mark.line == parent.key_mark.line
            self.positions[path] = _position(event.start_mark if same_line else parent.key_mark)  # type: ignore[assignment]
            return path
        self.positions.setdefault(path, _position(event.start_mark))  # type: ignore[arg-type]
        return path

    def _key(self, frame: _Frame, event: Any) -> None:
        if not isinstance(event, yaml.ScalarEvent) or self._resolve(event) == _TAG + "merge":
            raise SourceError("keys must be plain names (no merge keys or complex keys)", _position(event.start_mark))
        key = self._scalar(event, frame.path)
        key = "" if key is None else str(key)
        if key in frame.container:
            raise SourceError(f"duplicate key '{key}'", _position(event.start_mark))
        frame.key, frame.key_mark = key, event.start_mark
        self.key_positions[frame.path + (key,)] = _position(event.start_mark)  # type: ignore[assignment]

    def _resolve(self, event: Any) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        return str(tag)

    def _scalar(self, event: Any, path: DataPath) -> Any:
        tag = self._resolve(event)
        if tag not in _PLAIN_SCALAR_TAGS:  # `!!binary` would publish decoded bytes a reviewer never saw
            raise SourceError(f"the tag '{_short_tag(tag)}' is not allowed", _position(event.start_mark))
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        explicit = event.tag is not None and event.tag != "!"
        try:
            return self.constructors[tag](self.loader, node)
        except (ValueError, OverflowError, KeyError, AttributeError, TypeError):
            if explicit:  # `!!bool "maybe"`, `!!timestamp "soon"`: the editor asked for a type the text is not
                message = f"'{event.value}' is not a valid {_short_tag(tag)}; remove the tag or fix the value"
                raise SourceError(_field_prefix(path) + message, _position(event.start_mark)) from None
            # e.g. `date: 2024-13-45` matches the timestamp pattern but is no date:
            # keep the text so validation can say "invalid date '2024-13-45'".
            return event.value
        except yaml.YAMLError as exc:
            raise SourceError(str(getattr(exc, "problem", exc)), _position(event.start_mark)) from None

    def _check_tag(self, event: Any, expected: str) -> None:
        tag = event.tag
        if tag is not None and tag != "!" and tag != expected:
            raise SourceError(f"the tag '{_short_tag(tag)}' is not allowed", _position(event.start_mark))


# What a value may be: text, numbers, true/false, null and dates; any other tag is refused.
_PLAIN_SCALAR_TAGS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp"))


def _field_prefix(path: DataPath) -> str:
    """`source.name: ` for a problem inside that value ('actors: ' for any item of the list)."""
    keys = [str(part) for part in path if isinstance(part, str)]
    return f"{'.'.join(keys)}: " if keys else ""


def _short_tag(tag: str) -> str:
    return tag.replace(_TAG, "!!")


def _position(mark: Any) -> Position | None:
    if mark is None:
        return None
    return Position(mark.line + 1, mark.column + 1)


# The key at the start of a front matter or registry line: `title:` -> "title".
_KEY_PREFIX = re.compile(r"^[ ]*(?P<key>[A-Za-z_][\w-]*):(?:[ ]+|$)")


def _unquoted_colon(exc: yaml.MarkedYAMLError, text: str) -> SourceError | None:
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
    assert field is not None  # `value` is non-empty only when the key prefix matched
    return SourceError(
        f"{field['key']}: the text contains ': ', which YAML reads as a new field; put the whole {field['key']} in double quotes",
        Position(mark.line + 1, field.end() + 1),
    )


def _unreadable_character(exc: yaml.reader.ReaderError, text: str) -> SourceError:
    """A control character pasted into the text: one line, at the character."""
    before = text[: exc.position]
    line = before.count("\n")
    column = exc.position - (before.rfind("\n") + 1)
    field = _KEY_PREFIX.match(text.split("\n")[line])
    prefix = f"{field['key']}: " if field else ""
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return SourceError(f"{prefix}contains the control character U+{ord(character):04X}; delete it", Position(line + 1, column + 1))


def _describe_marked_error(exc: yaml.MarkedYAMLError, text: str) -> str:
    """PyYAML's messages, reworded where editors hit them most."""
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark
    line = text.split("\n")[mark.line] if mark is not None and mark.line < len(text.split("\n")) else ""
    leading = line[: len(line) - len(line.lstrip())]
    if "\\t" in problem or "tab" in problem or "\t" in leading:
        return "tab character in indentation; indent with spaces"
    if "maximum nesting depth" in problem:  # libyaml's own limit, met while it scans ahead
        field = _KEY_PREFIX.match(line)
        return (f"{field['key']}: " if field else "") + _TOO_DEEP
    if "expected a single document" in (exc.context or ""):
        return "more than one YAML document; is a '---' line missing or doubled?"
    context = f" ({exc.context})" if exc.context else ""
    return f"invalid YAML: {problem}{context}"
