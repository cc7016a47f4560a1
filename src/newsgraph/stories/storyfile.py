"""Read a story file (YAML or JSON) into plain data, remembering where each value stands.

YAML is read with YAML 1.2 scalar rules, so ``2025-11-21`` stays the string the editor wrote
(never a ``datetime.date``), ``on``/``yes``/``no`` stay strings, and ``1:20`` is not the number 80.
Anchors, aliases, custom tags and duplicate keys are refused: a story is plain data.

>>> data, positions, problems = parse_text("article:\\n  published: 2025-12-11\\n", "s.yaml")
>>> data
{'article': {'published': '2025-12-11'}}
>>> positions["/article/published"]
(2, 3)
>>> problems
[]
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import yaml

from ..errors import InputError
from ..model.iris import QID_PATTERN
from ..report import Problems, escape_pointer, without_lone_surrogates

__all__ = [
    "FILE_SUFFIXES",
    "MAX_FILE_BYTES",
    "MAX_DEPTH",
    "read_bytes",
    "decode_utf8",
    "read_text",
    "parse_text",
    "load_file",
    "qids_in_stories",
]

#: The files newsgraph reads as stories (and catalogue files): YAML or JSON.
FILE_SUFFIXES = (".yaml", ".yml", ".json")
#: Story and article-text files larger than this are refused before they are read.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: No story is nested deeper than this (the deepest real value, an evidence offset of an office,
#: is 7 levels down); a deeper file is refused before anything recurses over it.
MAX_DEPTH = 32

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

Positions = dict[str, tuple[int, int]]


def read_bytes(path: Path, what: str = "file") -> bytes:
    """The bytes of ``path``, refusing missing, unreadable and oversized files with an InputError."""
    try:
        # Opened without blocking and judged by what was opened: a pipe would wait forever.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise InputError(f"{path}: is not a regular file (a pipe, socket or device); give the {what} itself")
            if info.st_size > MAX_FILE_BYTES:
                raise InputError(
                    f"{path}: {what} is {info.st_size / 2**20:.1f} MiB, over the "
                    f"{MAX_FILE_BYTES // 2**20} MiB limit; split it or check that it is the right file"
                )
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the name: no file can have it
        raise InputError(f"{path!r}: not a possible file name (it holds a NUL character)") from None
    if len(data) > MAX_FILE_BYTES:  # grew while we read it, or a special file
        raise InputError(f"{path}: {what} is over the {MAX_FILE_BYTES // 2**20} MiB limit")
    return data


def decode_utf8(data: bytes, path: Path | str, what: str = "file") -> str:
    """Decode UTF-8 strictly (a leading byte-order mark is dropped); errors name line and column."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}:{line}:{column}: {what} is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def read_text(path: Path) -> str:
    """The text of a story file (bounded in size, strictly UTF-8)."""
    return decode_utf8(read_bytes(path, "story file"), path, "story file")


def load_file(path: Path) -> tuple[Any, Positions, Problems]:
    """Read, decode and parse a story file; see :func:`parse_text`."""
    return parse_text(read_text(path), str(path))


def qids_in_stories(paths: Iterable[Path]) -> list[str]:
    """Every well-formed QID the story files give (entities and events), and the catalogue files
    (entries, with the QIDs they hold pending), in order of appearance."""
    found: dict[str, None] = {}
    for path in paths:
        data, _, _ = load_file(Path(path))
        for section in ("entities", "events", "entries"):
            for item in data.get(section, []) if isinstance(data, dict) else []:
                for key in ("wikidata", "wikidata_pending"):
                    value = item.get(key) if isinstance(item, dict) else None
                    if isinstance(value, str) and QID_PATTERN.match(value):
                        found[value] = None
    return list(found)


def parse_text(text: str, name: str) -> tuple[Any, Positions, Problems]:
    """Parse YAML or JSON text into data, the (line, column) of each JSON pointer, and problems.

    Syntax errors raise :class:`InputError`; duplicate keys are returned as problems.
    """
    if not text.strip():
        raise InputError(f"{name}: the file is empty; a story needs at least an article")
    if name.endswith(".json"):
        return _parse_json(text, name)
    data = _plain_yaml(text)
    if data is not None:  # the fast reader's data is exactly what the careful one would give
        return data, _LazyPositions(lambda: _careful_yaml(text, name)[1]), []
    return _careful_yaml(text, name)


def _careful_yaml(text: str, name: str) -> tuple[Any, Positions, Problems]:
    """YAML read by libyaml's composer and our rules, with the position of every value and every
    problem (duplicate keys, aliases, tags) and syntax errors at their place."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.composer.ComposerError as exc:
        raise InputError(_yaml_message(name, exc, "holds more than one YAML document")) from None
    except yaml.reader.ReaderError as exc:
        line, column = _byte_position(text, exc.position)
        raise InputError(
            f"{name}:{line}:{column}: is not valid YAML: unacceptable character "
            f"U+{exc.character:04X} (control characters are not allowed); remove it"
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(_yaml_message(name, exc, "is not valid YAML")) from None
    if node is None:
        raise InputError(f"{name}: the file holds no data (only comments); a story needs at least an article")
    converter = _Converter(name)
    data = converter.convert(node, "")
    return data, converter.positions, converter.problems


def _byte_position(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of a byte offset into the UTF-8 encoding of ``text`` (libyaml counts bytes)."""
    before = text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace")
    return _position(before, len(before))


def _too_deep(name: str, line: int, column: int) -> InputError:
    return InputError(
        f"{name}:{line}:{column}: is nested more than {MAX_DEPTH} levels deep; "
        "no story is: check the brackets and indentation there"
    )


def _too_long(name: str, line: int, column: int) -> InputError:
    return InputError(
        f"{name}:{line}:{column}: a number with more than {_MAX_DIGITS} digits; "
        "no value in a story is that long: check the number there"
    )


def _yaml_message(name: str, exc: yaml.YAMLError, what: str) -> str:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{where}: {what}: {problem}; fix the syntax at that place"


def _parse_json(text: str, name: str) -> tuple[Any, Positions, Problems]:
    problems: Problems = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                problems.append(("", f"duplicate key {key!r}", "keep one of the two values"))
            result[key] = value
        return result

    def constant(token: str) -> Any:
        raise _NotJsonError(token)

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name}:{exc.lineno}:{exc.colno}: is not valid JSON: {exc.msg}; fix the syntax there"
        ) from None
    except _NotJsonError as exc:
        line, column = _json_position(text, token=re.escape(exc.args[0]))
        raise InputError(
            f"{name}:{line}:{column}: is not valid JSON: {exc.args[0]} is not a JSON value; write a number or null"
        ) from None
    except RecursionError:
        raise _too_deep(name, *_json_position(text, deeper_than=MAX_DEPTH)) from None
    except ValueError:  # an integer longer than Python reads (sys.get_int_max_str_digits())
        raise _too_long(name, *_json_position(text, token=f"-?[0-9]{{{_MAX_DIGITS + 1},}}")) from None
    if _depth(data) > MAX_DEPTH:
        raise _too_deep(name, *_json_position(text, deeper_than=MAX_DEPTH))
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        data = without_lone_surrogates(data, "", problems)
    return data, _LazyPositions(lambda: _json_positions(text)), problems


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_ESCAPE_CODE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


class _NotJsonError(Exception):
    """A token Python's JSON reader accepts but JSON does not have (NaN, Infinity)."""


#: Python refuses to read integers longer than this (sys.get_int_max_str_digits(); 0 means no limit).
_MAX_DIGITS = sys.get_int_max_str_digits() or 4300
_TOO_LONG = 10**_MAX_DIGITS  # the least number with more digits
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|[^\s"\[\]{},:]+')


def _json_position(text: str, *, deeper_than: int | None = None, token: str | None = None) -> tuple[int, int]:
    """(line, column) in JSON ``text`` of the first bracket opening a level deeper than
    ``deeper_than``, or of the first bare token (outside strings) that is all ``token``."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        found = match.group()
        if found in ("[", "{"):
            depth += 1
            if deeper_than is not None and depth > deeper_than:
                return _position(text, match.start())
        elif found in ("]", "}"):
            depth -= 1
        elif token is not None and found[0] != '"' and re.fullmatch(token, found):
            return _position(text, match.start())
    return 1, 1


def _position(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of a character offset."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _depth(data: Any) -> int:
    """How deeply lists and mappings nest in ``data`` (without recursion)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        deepest = max(deepest, depth)
        if depth <= MAX_DEPTH:
            stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list)))
    return deepest


#: What a story written the usual way never holds, and where the two YAML readers could part:
#: tabs, the line breaks and characters of YAML 1.1 (NEL, LS, PS, BOM) and control characters;
#: tags, anchors and aliases at the start of a value; complex keys, documents and directives.
_UNUSUAL_CHARACTER = re.compile("[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
_TAG_ANCHOR_ALIAS = re.compile(r"(?:^|[\s\[,{])[!&*]\S", re.MULTILINE)
_KEY_OR_DOCUMENT = re.compile(r"^[ ]*(?:\?|---|\.\.\.|%)", re.MULTILINE)
#: A plain value that begins like a number, and the number forms the readers read differently
#: (YAML 1.2 reads 0x1F, 1_000, 1e3 and .inf as numbers; libyaml and our rules keep them text, and
#: 08 or 017 are read apart too); a slug, a day or a time of day reads alike in both.
_NUMBER_LIKE = re.compile(
    r"(?:^|[\[,{]|:[ \t]|-[ \t])[ \t]*([-+]?[0-9.][^\s,\]}#]*)[ \t]*(?=$|[,\]}]|[ \t]#)", re.MULTILINE
)
_READ_APART = re.compile(
    r"[-+]?0[xXoObB].*"
    r"|[-+]?[0-9][0-9_]*_[0-9_.]*"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+"
    r"|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
    r"|[-+]?0[0-9]+(?:\.[0-9]*)?"
)


def _plain_yaml(text: str) -> dict[str, Any] | None:
    """The story in ``text`` read by the fast YAML reader (yaml-rs, in Rust), when the text holds
    nothing the two readers could read differently and the data is what a story holds (a mapping
    with text keys, not too deep, no number too long); otherwise None, and the careful reader
    (libyaml's composer, with a position for every problem) reads it. The tests hold the two to
    the same data on generated documents."""
    if (
        _UNUSUAL_CHARACTER.search(text)
        or (("!" in text or "&" in text or "*" in text) and _TAG_ANCHOR_ALIAS.search(text))
        or _KEY_OR_DOCUMENT.search(text)
        or any(_READ_APART.fullmatch(m) for m in _NUMBER_LIKE.findall(text))
    ):
        return None
    import yaml_rs

    try:
        data = yaml_rs.loads(text, parse_datetime=False)  # duplicate keys are errors by default
    except Exception:  # whatever it is, the careful reader says it with its position
        return None
    return data if isinstance(data, dict) and _plain(data) else None


def _plain(data: dict[str, Any]) -> bool:
    """Whether every key is text, nothing nests deeper than MAX_DEPTH, every number is a finite
    one of at most _MAX_DIGITS digits (without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            if depth > MAX_DEPTH or not all(isinstance(k, str) for k in value):
                return False
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            if depth > MAX_DEPTH:
                return False
            stack.extend((v, depth + 1) for v in value)
        elif isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                return False
        elif not isinstance(value, (str, int, type(None))) or (isinstance(value, int) and abs(value) >= _TOO_LONG):
            return False
    return True


class _LazyPositions(dict):
    """Positions worked out only when a problem needs one (a valid story never pays for them)."""

    def __init__(self, compute: Callable[[], Positions]) -> None:
        super().__init__()
        self._compute: Callable[[], Positions] | None = compute

    def _fill(self) -> None:
        if self._compute is not None:
            compute, self._compute = self._compute, None
            self.update(compute())

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __getitem__(self, key: str) -> tuple[int, int]:
        self._fill()
        return super().__getitem__(key)


def _json_positions(text: str) -> Positions:
    """Positions for JSON come from reading it as YAML (a superset); best effort only."""
    # YAML refuses surrogate escapes, which JSON allows: the positions do not depend on them.
    text = _SURROGATE_ESCAPE_CODE.sub(r"\\ufffd", text) if "\\u" in text else text
    try:
        node = yaml.compose(text, Loader=_Loader)
        converter = _Converter("")
        if node is not None:
            converter.convert(node, "")
    except (yaml.YAMLError, InputError):
        return {}
    return converter.positions


class _Converter:
    """YAML nodes to plain data, with the position of every value and the problems found."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.positions: Positions = {}
        self.problems: Problems = []
        self._seen: set[int] = set()

    def convert(self, node: yaml.Node, pointer: str, depth: int = 1) -> Any:
        if depth > MAX_DEPTH:
            raise _too_deep(self.name, node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in self._seen:
            self.problems.append((pointer, "YAML aliases (*name) are not allowed in a story", "write the value out"))
            return None
        self._seen.add(id(node))
        self.positions.setdefault(pointer, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append((pointer, "a key must be plain text", "use a simple key"))
                    continue
                key = key_node.value
                child = f"{pointer}/{escape_pointer(key)}"
                if key in result:
                    self.problems.append((child, f"duplicate key {key!r}", "keep one of the two values"))
                self.positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.convert(value_node, child, depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(cast(yaml.ScalarNode, node), pointer)  # the only other kind of node

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        value, tag = node.value, node.tag
        if not tag.startswith(_CORE):
            self.problems.append((pointer, f"YAML tag {tag!r} is not allowed in a story", "remove the tag"))
            return value
        if node.style or tag in (_CORE + "str", _CORE + "timestamp"):
            return value
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value):
            if len(value.lstrip("+-")) > _MAX_DIGITS:
                raise _too_long(self.name, node.start_mark.line + 1, node.start_mark.column + 1)
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        return value  # YAML 1.1 forms such as yes/no/on/off, 0x1F or 1:20 stay text
