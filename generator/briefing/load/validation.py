"""Check parsed YAML against a model and turn pydantic's errors into editor-sized messages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefing.model.located import DataPath, LocatedData
from briefing.model.names import did_you_mean
from briefing.model.problems import ProblemLog

M = TypeVar("M", bound=BaseModel)


def validate_mapping(
    model: type[M],
    located: LocatedData,
    base_path: DataPath,
    file: Path,
    log: ProblemLog,
    line_offset: int = 0,
    field_prefix: str = "",
) -> M | None:
    """Validate the mapping at `base_path`; report every problem and return None if any."""
    data = located.data
    for key in base_path:
        data = data[key]
    if not isinstance(data, dict):
        position = located.position_of(base_path, line_offset)
        what = field_prefix.rstrip(".") or ""
        log.error(file, what, f"expected 'key: value' lines, got {describe_value(data)}", position)
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            position = located.position_of(base_path + loc, line_offset, of_key=error["type"] == "extra_forbidden")
            field_name = field_prefix + format_field(loc)
            log.error(file, field_name, explain_error(model, error), position)
        return None


# Embeddings, overrides and isolates reorder what is displayed ("Trojan Source"): a name can then
# read as another. The marks U+200E, U+200F and U+061C only nudge neutral characters and are
# common in right-to-left names, so they pass.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def warn_about_bidi_controls(located: LocatedData, file: Path, log: ProblemLog, line_offset: int = 0, source: str | None = None) -> None:
    """A warning for every text value holding a bidirectional control character. `source`, the YAML
    text when the caller has it, is looked at first: most files hold none, and scanning it costs far less than the walk."""
    if source is not None and _BIDI_CONTROLS.search(source) is None:
        return
    pending: list[tuple[DataPath, Any]] = [((), located.data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            pending += [((*path, key), item) for key, item in value.items()]
        elif isinstance(value, list):
            pending += [((*path, index), item) for index, item in enumerate(value)]
        elif isinstance(value, str) and (found := _BIDI_CONTROLS.search(value)) is not None:
            log.warning(
                file,
                format_field(path),
                f"contains the bidirectional control character U+{ord(found.group()):04X}, which makes the text display "
                "in another order than it is written; delete it",
                located.position_of(path, line_offset),
            )


def format_field(loc: tuple[Any, ...]) -> str:
    """`('source', 'url')` -> `source.url`; list indexes are left to the line number."""
    return ".".join(str(part) for part in loc if not isinstance(part, int))


def explain_error(model: type[BaseModel], error: ErrorDetails) -> str:
    """One pydantic error as a sentence that says what to write instead."""
    kind = error["type"]
    value = error.get("input")
    field_name = str(error["loc"][-1]) if error["loc"] else ""
    if kind == "missing":
        return "required field is missing"
    if value is None and kind not in ("extra_forbidden", "value_error"):
        return "is empty; give it a value or remove the line"
    if kind == "extra_forbidden":
        known = _known_fields(model, error["loc"])
        hint = did_you_mean(field_name, known)
        return f"unknown field '{field_name}'{hint or '; known fields: ' + ', '.join(known)}"
    if kind in ("string_type",):
        return f"expected text, got {describe_value(value)}{_quote_hint(value)}"
    if kind == "list_type":
        return f"expected a list such as [A, B], got {describe_value(value)}"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
        return f"invalid date {_show(value)}; write a real date as YYYY-MM-DD"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return f"{_show(value)} is not a valid id: use lowercase letters, digits and single hyphens (e.g. 'east-asia')"
    if kind == "string_too_long":
        return f"is too long ({len(str(value)):,} characters; at most {error.get('ctx', {}).get('max_length', 0):,})"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {describe_value(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {error.get('ctx', {}).get('ge')}, got {value}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {_show(value)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        hint = did_you_mean(str(value), [e.strip(" '") for e in expected.replace(" or ", ", ").split(",")])
        return f"must be one of {expected}, got {_show(value)}{hint}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected 'key: value' fields, got {describe_value(value)}"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    return str(error["msg"])


def describe_value(value: Any) -> str:
    """Name the YAML type an editor accidentally wrote."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"the true/false value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a set of 'key: value' fields"
    if isinstance(value, list):
        return "a list"
    return f"the text {_show(value)}"


def _quote_hint(value: Any) -> str:
    if isinstance(value, (bool, int, float, dt.date)):
        return "; put the value in quotes"
    return ""


def _show(value: Any, limit: int = 60) -> str:
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return repr(text)


def _known_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names valid at `loc` (which may point into a nested model)."""
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        nested = _model_in(field.annotation) if field else None
        if nested is None:
            break
        current = nested
    return list(current.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
