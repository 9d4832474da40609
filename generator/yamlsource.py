"""Read YAML the way runlift needs it: plain data plus the line of every key and item.

Aliases are refused while composing: PyYAML keeps them as shared references, so a few hundred bytes
of nested aliases can expand into gigabytes when the data is walked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

Loc = tuple[str | int, ...]


class _AliasRefused(Exception):
    def __init__(self, mark: yaml.Mark):
        self.mark = mark


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise _AliasRefused(self.peek_event().start_mark)
        return super().compose_node(parent, index)


class Source:
    """A parsed YAML file: its data and where each value was written."""

    def __init__(self, path: str, data: Any, lines: dict[Loc, int]):
        self.path = path
        self.data = data
        self.lines = lines

    def line(self, loc: Loc) -> int:
        """The line of `loc`, or of the nearest enclosing key that exists (1 at the top)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path, display: str | None = None) -> Source:
    """Parse `path`; raise ProfileError-ready problems through `YamlProblems`."""
    display = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblems([Problem(display, 1, "", f"not UTF-8 text ({exc.reason})")]) from None
    return parse_yaml(text, display)


class YamlProblems(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def parse_yaml(text: str, display: str) -> Source:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _AliasRefused as exc:
        raise YamlProblems(
            [Problem(display, exc.mark.line + 1, "", "YAML aliases (*name) are not allowed; "
                     "write the value out in full")]
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "not valid YAML"
        raise YamlProblems([Problem(display, line, "", f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise YamlProblems([Problem(display, 1, "", f"YAML syntax error: {exc}")]) from None
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {(): 1}
    problems: list[Problem] = []
    if node is not None:
        lines[()] = node.start_mark.line + 1
        _walk(node, (), lines, problems, display)
    if problems:
        raise YamlProblems(problems)
    return Source(display, data, lines)


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int], problems: list[Problem],
          display: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                dotted = ".".join(str(p) for p in (*loc, key))
                problems.append(Problem(display, line, dotted,
                                        f"written twice (first on line {seen[key]}); keep one"))
                continue
            seen[key] = line
            lines[(*loc, key)] = line
            _walk(value_node, (*loc, key), lines, problems, display)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1
            _walk(item, (*loc, index), lines, problems, display)
