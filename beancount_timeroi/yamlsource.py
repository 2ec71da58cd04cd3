"""Safe YAML reading that remembers the line of every key.

Configuration errors must point at the line the user wrote, and
``yaml.safe_load`` forgets lines. This module composes the YAML with PyYAML's
safe loader and walks the node tree itself, so it also refuses what a
configuration never needs and an attacker could abuse: anchors and aliases
(exponential "billion laughs" expansion), very deep nesting and huge documents.

Numbers are read from the text the user typed, as ``Decimal``
(``85.10`` stays ``85.10``), dates as ``datetime.date``.

Example::

    >>> tree, problems = read_yaml("rate: 85.00\\npeople:\\n  alex: 32\\n")
    >>> tree.value["rate"], tree.line(("people", "alex")), problems
    (Decimal('85.00'), 3, [])
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import yaml

from beancount_timeroi.errors import Msg, msg

MAX_DEPTH = 12
_PLAIN_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
MAX_NODES = 50_000

Path = tuple[Any, ...]


class YamlProblem(NamedTuple):
    """Why a text is not a usable YAML document; ``line`` is 1-based, 0 if unknown."""

    message: Msg
    line: int = 0


class _Refused(Exception):
    """Stops the walk over a document at its first problem."""

    def __init__(self, message: Msg, line: int = 0) -> None:
        super().__init__(message)
        self.problem = YamlProblem(message, line)


@dataclass
class YamlTree:
    """A YAML document as plain Python values, and the line of each path in it."""

    value: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Path) -> int:
        """The line of ``path`` (a key or list item), else of its nearest parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def read_yaml(text: str) -> tuple[YamlTree | None, list[YamlProblem]]:
    """The ``YamlTree`` of ``text``, or None and the problem that makes it unusable.

    Refused: invalid YAML, aliases, duplicate keys, non-scalar keys, nesting
    deeper than ``MAX_DEPTH`` and more than ``MAX_NODES`` values.
    """
    try:
        return _read(text), []
    except _Refused as refused:
        return None, [refused.problem]


def _read(text: str) -> YamlTree:
    loader = None
    try:
        loader = yaml.SafeLoader(text)  # checks the characters: a NUL byte fails here
        node = loader.get_single_node()
        if node is None:
            return YamlTree(None, {(): 1})
        walker = _Walker(loader)
        value = walker.walk(node, (), 0)
        walker.lines[()] = node.start_mark.line + 1
        return YamlTree(value, walker.lines)
    except yaml.reader.ReaderError as exc:
        code = "U+" + format(_code_point(exc.character), "04X")
        raise _Refused(
            msg(
                "this line holds a control character (code {code}) where only text can be; "
                "delete it, or save the file again as plain UTF-8 text",
                code=code,
            ),
            text.count("\n", 0, exc.position) + 1,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise _Refused(_plain_problem(exc), line) from None
    except yaml.YAMLError as exc:
        raise _Refused(msg("not valid YAML: {problem}", problem=str(exc))) from None
    except RecursionError:
        raise _Refused(msg("the config is nested too deeply to be a timeroi config")) from None
    finally:
        if loader is not None:
            loader.dispose()


def _code_point(character: int | str | bytes) -> int:
    """PyYAML names the bad character by its code (or, for bytes, the byte)."""
    if isinstance(character, int):
        return character
    return character[0] if isinstance(character, bytes) else ord(character[0])


def _plain_problem(exc: yaml.MarkedYAMLError) -> Msg:
    """PyYAML's explanation, in plain words for the mistakes people make most."""
    problem, context = exc.problem or "", exc.context or ""
    if "cannot start any token" in problem and "\\t" in problem:
        return msg("this line is indented with a tab; indent with spaces")
    if "while parsing a flow" in context:
        return msg(
            "check the brackets: every [ needs its ], every { its }, and the items "
            "are separated by commas"
        )
    if "expected <block end>" in problem or "expected <block end>" in context:
        return msg(
            "the indentation of this line does not match the lines above; use the same "
            "number of spaces for keys at the same level"
        )
    if "mapping values are not allowed here" in problem:
        return msg(
            "this line has a ': ' where none can be: indent it like the keys above it, "
            "or, if it is part of a name, put the name in quotes, like "
            '"Social: LinkedIn": linkedin'
        )
    if "could not determine a constructor" in problem:
        return msg(
            "the YAML tag {tag} is not supported in the config; write a plain value",
            tag=problem.rsplit("'", 2)[-2].replace("tag:yaml.org,2002:", "!!")
            if problem.count("'") >= 2
            else "",
        )
    text = " ".join(part for part in (context, problem) if part) or str(exc)
    return msg("not valid YAML: {problem}", problem=text)


class _Walker:
    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.lines: dict[Path, int] = {}
        self.seen: set[int] = set()

    def walk(self, node: yaml.Node, path: Path, depth: int) -> Any:
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise _Refused(msg("the config is nested too deeply to be a timeroi config"), line)
        if id(node) in self.seen:
            raise _Refused(
                msg(
                    "YAML anchors and aliases (&name, *name) are not supported in the config; "
                    "write the value out"
                ),
                line,
            )
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _Refused(msg("the config has too many values to be a timeroi config"), line)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTIONS:
            raise _Refused(
                msg(
                    "the YAML tag {tag} is not supported in the config; write a plain value",
                    tag=node.tag.replace("tag:yaml.org,2002:", "!!"),
                ),
                line,
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.lines[path + (index,)] = item.start_mark.line + 1
                items.append(self.walk(item, path + (index,), depth + 1))
            return items
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(msg("a key in the config must be plain text"), line)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(
                    msg("YAML merge keys (<<) are not supported in the config; write the keys out"),
                    line,
                )
            key = str(key_node.value)
            if key in result:
                raise _Refused(msg("the key '{key}' appears twice; keep one", key=key), line)
            self.lines[path + (key,)] = line
            result[key] = self.walk(value_node, path + (key,), depth + 1)
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        try:
            value = self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError):  # a date like 2025-13-01: keep the text
            return str(node.value)
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            try:
                number = Decimal(str(node.value).replace("_", ""))
            except InvalidOperation:
                number = Decimal(repr(value))
            return number
        if isinstance(value, datetime.datetime):
            return value.date()
        return value
