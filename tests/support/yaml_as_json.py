"""Read YAML as a JSON Schema validator should see it: dates stay the text they are written as.

JSON has no date type, so a JSON Schema says `date` is a string in the `date` format. PyYAML
(and so MkDocs) turns an unquoted `2024-05-15` into a `datetime.date`, which no JSON Schema
accepts as a string; check-jsonschema and yaml-language-server keep it as text. This loader
does the same for python-jsonschema: PyYAML's safe loader without its timestamp resolver.
"""

from __future__ import annotations

from typing import Any

import yaml

TIMESTAMP = "tag:yaml.org,2002:timestamp"


class DatesAsTextLoader(yaml.SafeLoader):
    """SafeLoader that reads timestamps as strings; everything else as safe_load does."""


DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_as_json(text: str) -> Any:
    return yaml.load(text, Loader=DatesAsTextLoader)  # a SafeLoader subclass: safe
