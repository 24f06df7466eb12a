"""Map a validation error's field path back to its line in the YAML source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml


def line_of(text: str, loc: Sequence[Any]) -> int | None:
    """1-based line of the deepest node along `loc` that exists in the YAML text."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return None
    line = None
    for part in loc:
        if node is None:
            break
        child = None
        if isinstance(node, yaml.MappingNode):
            key = "not" if part == "not_" else part
            for key_node, value_node in node.value:
                if key_node.value == key:
                    line = key_node.start_mark.line + 1
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
            line = child.start_mark.line + 1
        node = child
    return line
