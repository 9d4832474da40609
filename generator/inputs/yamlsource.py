"""Read YAML the way runlift needs it: plain data plus the line of every key and item.

Aliases are refused while composing: PyYAML keeps them as shared references, so a few hundred bytes
of nested aliases can expand into gigabytes when the data is walked. Every input is bounded before it
costs anything: the file's size is checked before it is read (and the read stops at the limit),
nesting deeper than `MAX_DEPTH` stops composing, and a text longer than `MAX_TEXT` is a mistake.

Every problem found here is a `Problem` with the file and the line. A syntax error stops the file;
a key written twice does not (the later value is used, and the mistake is reported with the others).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from ..errors import Problem

Loc = tuple[Any, ...]

MAX_FILE_BYTES = 256 * 1024  # a profile, club file, roster or exercise file
MAX_LOG_BYTES = 4 * 1024 * 1024  # a training log
MAX_DEPTH = 20  # lists and mappings inside one another; a profile needs 3
MAX_TEXT = 20_000  # characters in one value (notes included) or key
MAX_DIGITS = 100  # a longer "number" is kept as text, for validation to name

_TAB_INDENT = re.compile(r"^[ ]*\t")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONSTRUCTOR_SLIPS = (ValueError, TypeError, AttributeError, OverflowError, IndexError, KeyError)


class _Refused(Exception):
    """Composing stopped: an alias, or nesting too deep."""

    def __init__(self, mark: yaml.Mark, message: str):
        self.mark = mark
        self.message = message


class _Checks(SafeConstructor):
    """What runlift checks while composing and constructing, on top of either parser."""

    depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            raise _Refused(self.peek_event().start_mark, "YAML aliases (*name) are not allowed; "
                           "write the value out in full")
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return super().compose_node(parent, index)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(self.peek_event().start_mark, f"nested more than {MAX_DEPTH} levels "
                           f"deep; allowed at most {MAX_DEPTH} (a profile needs 3)")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):  # type: ignore[override]
        # an explicit tag with a value it cannot hold (`!!float abc`, `!!timestamp x`) is the
        # writer's mistake, located to its line, never a traceback
        try:
            return super().construct_object(node, deep)
        except _CONSTRUCTOR_SLIPS:
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            value = node.value if isinstance(node.value, str) else "this value"
            raise yaml.constructor.ConstructorError(
                None, None, f"{value[:40]!r} is not a valid {tag}; write plain values",
                node.start_mark) from None

    def construct_yaml_timestamp(self, node):  # type: ignore[override]
        # `2027-02-30` looks like a date to YAML but is not one: keep the text, so that the
        # profile's checks can say which field holds it instead of PyYAML raising ValueError.
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)

    def construct_yaml_int(self, node):  # type: ignore[override]
        # Python refuses to print an int of 4,300+ digits: keep a number that long as text
        if isinstance(node.value, str) and len(node.value) > MAX_DIGITS:
            return self.construct_scalar(node)
        return super().construct_yaml_int(node)


class _Loader(_Checks, yaml.SafeLoader):
    """PyYAML's own parser, in Python: the one whose messages runlift reports."""


# (the methods are _Checks', which the stubs do not take for a loader's)
_Loader.add_constructor("tag:yaml.org,2002:timestamp",
                        _Loader.construct_yaml_timestamp)  # type: ignore[type-var]
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)  # type: ignore[type-var]


def _fast_loader() -> type[_Loader] | None:
    """LibYAML's parser (in C, about 5 times faster) under PyYAML's composer, so that every node
    keeps its line and the checks above still run; None when PyYAML was built without it."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class FastLoader(_Checks, Composer, CParser, SafeConstructor, Resolver):
        yaml_constructors = _Loader.yaml_constructors  # constructs as _Loader does

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    return FastLoader  # type: ignore[return-value]  # a loader of the same interface


LOADERS = tuple(loader for loader in (_fast_loader(), _Loader) if loader is not None)


class Source:
    """A parsed YAML file: its data, where each value was written, and its non-fatal problems."""

    def __init__(self, path: str, data: Any, lines: dict[Loc, int],
                 problems: list[Problem] | None = None):
        self.path = path
        self.data = data
        self.lines = lines
        self.problems: list[Problem] = list(problems or [])

    def line(self, loc: Loc) -> int:
        """The line of `loc`, or of the nearest enclosing key that exists (1 at the top)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


class YamlProblems(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def read_yaml(path: Path, display: str | None = None, limit: int = MAX_FILE_BYTES) -> Source:
    """Read and parse `path`.

    Raises `YamlProblems` when the file cannot be read as data at all (too big, not UTF-8, a
    syntax error, an alias); smaller mistakes (a key written twice) are kept in `Source.problems`.
    """
    display = display or str(path)
    return parse_yaml(read_text(path, display, limit), display, keep_going=True)


def read_text(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes, read no further than that.

    Raises `YamlProblems` naming the file, what was found and what is allowed.
    """
    raw = _read_bounded(path, display, limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw.count(b"\n", 0, offset) + 1
        raise YamlProblems([Problem(
            display, line, "", f"not UTF-8 text (byte {raw[offset:offset + 1].hex(' ').upper()}"
            f" at byte {offset + 1}: {exc.reason}); save the file as UTF-8")]) from None


def _read_bounded(path: Path, display: str, limit: int) -> bytes:
    def too_big(size: str) -> YamlProblems:
        return YamlProblems([Problem(display, 1, "", f"the file is {size} bytes; allowed at most "
                                     f"{limit:,} bytes ({_size(limit)}) per file")])

    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise YamlProblems([Problem(display, 0, "", "not a regular file; allowed a file of "
                                        "text")])
        if info.st_size > limit:
            raise too_big(f"{info.st_size:,}")
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise YamlProblems([Problem(display, 0, "", f"cannot be read ({exc.strerror or exc})")]) from None
    if len(raw) > limit:  # it grew since it was measured
        raise too_big(f"more than {limit:,}")
    return raw


def _size(n: int) -> str:
    return f"{n // 2**20} MiB" if n % 2**20 == 0 else f"{n // 1024} KiB"


def parse_yaml(text: str, display: str, *, keep_going: bool = False) -> Source:
    """Parse YAML text. With `keep_going`, keys written twice are left in `Source.problems`
    instead of raising `YamlProblems`.

    LibYAML reads the file when it can; a file with any mistake is read again by PyYAML's own
    parser, so that every message is the one PyYAML gives.
    """
    if len(LOADERS) > 1:
        try:
            source = _parse(LOADERS[0], text, display)
            if not source.problems:
                return source
        except Exception:  # noqa: BLE001 (the Python parser below says what is wrong)
            pass
    source = _parse(_Loader, text, display)
    if source.problems and not keep_going:
        raise YamlProblems(source.problems)
    return source


def _parse(loader_class: type[_Loader], text: str, display: str) -> Source:
    try:
        loader = loader_class(text)  # checks that every character is printable
    except yaml.reader.ReaderError as exc:
        raise YamlProblems([_not_text(exc, text, display)]) from None
    lines: dict[Loc, int] = {(): 1}
    problems: list[Problem] = []
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        if node is not None:
            lines[()] = node.start_mark.line + 1
            _walk(loader, node, (), lines, problems, display)
    except _Refused as exc:
        raise YamlProblems([Problem(display, exc.mark.line + 1, "", exc.message)]) from None
    except yaml.MarkedYAMLError as exc:
        raise YamlProblems(_syntax_problems(exc, text, display)) from None
    except yaml.YAMLError as exc:
        raise YamlProblems([Problem(display, 1, "", f"YAML syntax error: {exc}")]) from None
    except RecursionError:
        raise YamlProblems([Problem(display, 1, "", "nested too deeply to be a profile")]) from None
    finally:
        loader.dispose()
    return Source(display, data, lines, problems)


def _not_text(exc: yaml.reader.ReaderError, text: str, display: str) -> Problem:
    """A control character (a binary file, most likely): where it is, and what YAML allows."""
    line = text.count("\n", 0, max(exc.position, 0)) + 1
    return Problem(display, line, "", f"got the control character U+{exc.character:04X}; "
                   "allowed printable text only (is this a text file?)")


def _syntax_problems(exc: yaml.MarkedYAMLError, text: str, display: str) -> list[Problem]:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    what = exc.problem or "not valid YAML"
    if "'\\t'" in what:
        tabbed = [n for n, row in enumerate(text.splitlines(), 1) if _TAB_INDENT.match(row)]
        if line not in tabbed:
            tabbed = sorted({*tabbed, line})
        return [Problem(display, n, "", "a tab is used for indentation; YAML indents with spaces "
                        "only (replace the tab with spaces)") for n in tabbed]
    if "constructor" in type(exc).__name__.lower() and "unhashable" in what:
        what = "a list or mapping cannot be used as a key"
    elif "could not determine a constructor" in what:
        tag = what.split("tag", 1)[-1].strip()
        what = f"unknown YAML tag {tag}; write plain values"
    context = exc.context_mark
    if exc.context and context and exc.problem_mark and context.line != exc.problem_mark.line:
        what += f" ({exc.context} on line {context.line + 1})"
    return [Problem(display, line, "", f"YAML syntax error: {what}")]


def _key(loader: _Checks, key_node: yaml.Node) -> Any:
    """The key as the data holds it (`1:` is the number 1), so lines match the data's keys."""
    if isinstance(key_node, yaml.ScalarNode):
        try:
            key = loader.construct_object(key_node, deep=True)
            hash(key)
            return key
        except Exception:  # an odd key is reported by validation; its line is a bonus
            return key_node.value
    return str(key_node.value)


def _walk(loader: _Checks, node: yaml.Node, loc: Loc, lines: dict[Loc, int],
          problems: list[Problem], display: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            key = _key(loader, key_node)
            dotted = ".".join(str(p) for p in (*loc, key))
            if key in seen:
                problems.append(Problem(display, line, dotted,
                                        f"written twice (first on line {seen[key]}); keep one"))
                # the later value is the one kept: forget where the first one's parts were
                depth = len(loc) + 1
                for stale in [k for k in lines if len(k) > depth and k[:depth] == (*loc, key)]:
                    del lines[stale]
            else:
                seen[key] = line
            lines[(*loc, key)] = line
            _check_length(key_node, (*loc, key), problems, display)
            _walk(loader, value_node, (*loc, key), lines, problems, display)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*loc, index)] = item.start_mark.line + 1
            _walk(loader, item, (*loc, index), lines, problems, display)
    else:
        _check_length(node, loc, problems, display)


def _check_length(node: yaml.Node, loc: Loc, problems: list[Problem], display: str) -> None:
    """A text is at most MAX_TEXT characters, and whole characters (UTF-8 can write no half)."""
    if not isinstance(node, yaml.ScalarNode):
        return
    where = (display, node.start_mark.line + 1, ".".join(str(p) for p in loc))
    if len(node.value) > MAX_TEXT:
        problems.append(Problem(*where, f"a text of {len(node.value):,} characters; allowed at "
                                f"most {MAX_TEXT:,}"))
    half = _SURROGATE.search(node.value)
    if half:
        problems.append(Problem(*where, f"got the escape \\u{ord(half.group()):04x}, half of a "
                                "character; allowed whole characters (write the character itself)"))
