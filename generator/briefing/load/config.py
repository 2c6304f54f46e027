"""Read and check the `briefing` plugin's options in mkdocs.yml, without MkDocs.

The CLI and the plugin must agree on where articles and registries live and on which options
are valid; `SiteOptions` (model/settings.py) declares them once and `check_options` validates
them for both: `briefing check` with the values read here, the MkDocs plugin with the values
MkDocs read, each problem as `mkdocs.yml:LINE:COLUMN: plugins.briefing.OPTION: message`.

mkdocs.yml is read here only as far as the plugin's options: the parser composes the whole
file (so MkDocs' `!!python/name:` tags elsewhere are never constructed), `!ENV` in an option
is resolved the way MkDocs resolves it, and a list or mapping given as an option's value is
only described, never built, so no nesting can exhaust the stack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from briefing.load.frontmatter import decode_article
from briefing.load.source import SourceError
from briefing.load.validation import validate_mapping
from briefing.model.located import DataPath, LocatedData
from briefing.model.problems import Position, Problem, ProblemLog
from briefing.model.settings import DEFAULT_OPTIONS, Settings, SiteOptions

try:  # the C parser also bounds nesting (1,000 levels) without recursing in Python
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

PLUGIN = "briefing"
# MkDocs reads mkdocs.yml with PyYAML's pure-Python composer, which recurses once or twice per
# level: some 490 levels exhaust Python's stack before any plugin runs (a traceback, no message).
# No site needs more than a few levels; past this bound `briefing check` says where.
MAX_CONFIG_DEPTH = 100
FIELD_PREFIX = f"plugins.{PLUGIN}."


class ConfigError(Exception):
    """mkdocs.yml cannot be read at all (a folder, no permission); a usage error (exit 2)."""


@dataclass(frozen=True)
class SiteConfig:
    """What mkdocs.yml says about the site: its options, or the problems that stop a build."""

    root: Path
    options: SiteOptions = DEFAULT_OPTIONS
    problems: list[Problem] = field(default_factory=list)

    @property
    def settings(self) -> Settings:
        return self.options.settings(self.root)


def read_site_config(config_file: Path) -> SiteConfig:
    """The options of the project whose mkdocs.yml is `config_file` (defaults if it does not exist)."""
    root = config_file.resolve().parent
    if not config_file.exists():
        return SiteConfig(root)
    log = ProblemLog(root)
    located = read_plugin_options(config_file, log)
    options = check_options(located, config_file, log) if located is not None else None
    if options is None:
        return SiteConfig(root, problems=log.sorted())
    return SiteConfig(root, options)


def settings_from_mkdocs(config_file: Path) -> Settings:
    """Settings for a project whose mkdocs.yml is `config_file`; defaults where it has problems."""
    return read_site_config(config_file).settings


def check_options(located: LocatedData, config_file: Path, log: ProblemLog) -> SiteOptions | None:
    """Validate the plugin's options (a mapping, with where each was written); report every problem."""
    return validate_mapping(SiteOptions, located, (), config_file, log, field_prefix=FIELD_PREFIX)


def locate_options(options: Mapping[str, Any], config_file: Path | None) -> LocatedData:
    """`options` as MkDocs read them, with the positions they have in `config_file` where it can
    be read (MkDocs has no positions; a file that INHERITs may have none)."""
    found = None
    if config_file is not None and config_file.is_file():
        try:
            found = read_plugin_options(config_file, ProblemLog(config_file.parent))
        except ConfigError:
            found = None
    positions = found.positions if found is not None else {}
    key_positions = found.key_positions if found is not None else {}
    return LocatedData(dict(options), positions, key_positions)


def read_plugin_options(config_file: Path, log: ProblemLog) -> LocatedData | None:
    """The `briefing` plugin's options in `config_file` ({} if it has none), with their positions;
    None, with the problem logged, when the file cannot be read as YAML settings."""
    try:
        raw = config_file.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read {config_file}: {exc.strerror}") from None
    try:
        text = decode_article(raw)
    except SourceError as exc:
        log.error(config_file, "", exc.message, exc.position)
        return None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        too_deep = _first_node_deeper_than(root, MAX_CONFIG_DEPTH)
        if too_deep is not None:
            message = f"lists and mappings are nested more than {MAX_CONFIG_DEPTH} levels deep here, more than MkDocs can read"
            log.error(config_file, "", message, _position(too_deep.start_mark))
            return None
        return _OptionsReader(loader, config_file, log).read(root)
    except yaml.MarkedYAMLError as exc:
        log.error(config_file, "", _describe(exc), _position(exc.problem_mark) if exc.problem_mark else None)
        return None
    except yaml.YAMLError as exc:
        log.error(config_file, "", f"invalid YAML: {exc}")
        return None
    finally:
        loader.dispose()


class _OptionsReader:
    """Finds `plugins: [..., briefing: {...}]` in the composed file and builds only those options."""

    def __init__(self, loader: Any, config_file: Path, log: ProblemLog) -> None:
        self.loader = loader
        self.config_file = config_file
        self.log = log
        self.positions: dict[DataPath, Position] = {}
        self.key_positions: dict[DataPath, Position] = {}
        self.unreadable = False  # an option's value could not be read (and was reported)

    def read(self, root: yaml.Node | None) -> LocatedData | None:
        if root is None:
            return LocatedData({}, {})
        if not isinstance(root, yaml.MappingNode):
            self.log.error(
                self.config_file, "", "expected 'key: value' settings (site_name: ..., plugins: ...)", _position(root.start_mark)
            )
            return None
        plugins = _value_of(root, "plugins")
        entry = self._plugin_entry(plugins) if plugins is not None else None
        if entry is None:
            return LocatedData({}, {})
        if _is_null(entry):
            return LocatedData({}, {(): _position(entry.start_mark)})
        if not isinstance(entry, yaml.MappingNode):
            self.log.error(
                self.config_file, FIELD_PREFIX.rstrip("."), "expected 'key: value' options under the plugin", _position(entry.start_mark)
            )
            return None
        options: dict[str, Any] = {}
        self.positions[()] = _position(entry.start_mark)
        for key_node, value_node in entry.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            same_line = value_node.start_mark.line == key_node.start_mark.line
            self.key_positions[(key,)] = _position(key_node.start_mark)
            self.positions[(key,)] = _position((value_node if same_line else key_node).start_mark)
            value = self._value(key, value_node)
            if key == "enabled" and isinstance(value, bool):
                continue  # MkDocs' own switch for every plugin: it takes it before the plugin sees its options
            options[key] = value
        if self.unreadable:
            return None
        return LocatedData(options, self.positions, self.key_positions)

    @staticmethod
    def _plugin_entry(plugins: yaml.Node) -> yaml.Node | None:
        """The options node of the `briefing` entry; a bare `- briefing` gives an empty one."""
        if isinstance(plugins, yaml.MappingNode):  # MkDocs also accepts `plugins:` as a mapping
            return _value_of(plugins, PLUGIN)
        if not isinstance(plugins, yaml.SequenceNode):
            return None
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode) and item.value == PLUGIN:
                return yaml.ScalarNode("tag:yaml.org,2002:null", "", item.start_mark, item.end_mark)
            if isinstance(item, yaml.MappingNode):
                found = _value_of(item, PLUGIN)
                if found is not None:
                    return found
        return None

    def _value(self, key: str, node: yaml.Node) -> Any:
        """An option's value as MkDocs would read it; lists and mappings are only described."""
        if isinstance(node, yaml.SequenceNode) and node.tag != "!ENV":
            return []
        if isinstance(node, yaml.MappingNode):
            return {}
        try:
            if node.tag == "!ENV":
                return construct_env_tag(self.loader, node)
            return self.loader.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
            self.unreadable = True
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.log.error(self.config_file, FIELD_PREFIX + key, f"cannot read the value (tag '{tag}')", _position(node.start_mark))
            return None


def _first_node_deeper_than(root: yaml.Node | None, limit: int) -> yaml.Node | None:
    """The first list or mapping (in file order) nested more than `limit` levels deep, found without recursing."""
    pending: list[tuple[yaml.Node, int]] = [(root, 1)] if root is not None else []
    while pending:
        node, depth = pending.pop()
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            if depth > limit:
                return node
            children = node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair]
            pending += [(child, depth + 1) for child in reversed(children)]
    return None


def _value_of(mapping: yaml.MappingNode, name: str) -> yaml.Node | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == name and isinstance(value_node, yaml.Node):
            return value_node
    return None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "invalid YAML"
    if "maximum nesting depth" in problem:
        return "invalid YAML: nested more than 1,000 levels deep"
    context = f" ({exc.context})" if exc.context else ""
    return f"invalid YAML: {problem}{context}"


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)
