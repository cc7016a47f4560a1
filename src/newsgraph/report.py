"""One report type for every problem found in a story or in what it would publish.

A :class:`Report` collects all problems (not just the first), each with its severity, the file,
the JSON pointer, the line and column where the story file gives them, and a hint. The JSON
pointer helpers and the cleaning of lone surrogates (a problem any reader of JSON can find) are
here too, for every stage that reads data.

>>> r = Report("story.yaml")
>>> r.add("/events/0/date", "date 2025-02-30 does not exist", hint="use a real calendar date",
...       line=12, column=11)
>>> r.ok
False
>>> print(r.format_text())
story.yaml:12:11: error: /events/0/date: date 2025-02-30 does not exist (hint: use a real calendar date)
1 error, 0 warnings
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = [
    "Problem",
    "Report",
    "Severity",
    "printable",
    "Problems",
    "escape_pointer",
    "json_pointer",
    "without_lone_surrogates",
]

Severity = Literal["error", "warning"]

# Controls, bidirectional overrides and lone surrogates: what could garble a terminal, reorder what
# a reader sees, or fail to encode at all.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNPRINTABLE_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str, *, lines: bool = False, limit: int | None = None) -> str:
    """``text`` safe to print: unprintable characters as escapes, cut at ``limit`` characters.

    With ``lines``, line breaks and tabs are kept.

    >>> printable("a\\x1b[2Jb\\udfff")
    'a\\\\x1b[2Jb\\\\udfff'
    """
    if limit is not None and len(text) > limit:
        text = text[: limit - 3] + "..."
    pattern = _UNPRINTABLE_BUT_LINES if lines else _UNPRINTABLE
    return pattern.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: what is wrong, where, and what to do about it."""

    message: str
    pointer: str = ""
    severity: Severity = "error"
    hint: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None
    check: str = ""

    def location(self) -> str:
        """``file:line:column`` as far as known."""
        where = self.file or "<story>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format_text(self) -> str:
        text = f"{self.location()}: {self.severity}: "
        if self.pointer:
            text += f"{self.pointer}: "
        text += self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


#: Longer messages, pointers and hints are cut (a story value can be megabytes long).
_LONGEST = 2000


@dataclass
class Report:
    """All problems found in one file; ``positions`` maps JSON pointers to (line, column)."""

    file: str = ""
    problems: list[Problem] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)

    def add(
        self,
        pointer: str,
        message: str,
        *,
        hint: str = "",
        severity: Severity = "error",
        check: str = "",
        line: int | None = None,
        column: int | None = None,
        file: str | None = None,
    ) -> None:
        """Record a problem; the line and column come from ``positions`` unless given.

        ``file`` names another file than the report's (e.g. an output file being checked).
        """
        if line is None and file is None:
            line, column = self.position_of(pointer)
        self.problems.append(
            Problem(
                printable(message, limit=_LONGEST),
                printable(pointer, limit=_LONGEST),
                severity,
                printable(hint, limit=_LONGEST),
                printable(file or self.file),
                line,
                column,
                check,
            )
        )

    def position_of(self, pointer: str) -> tuple[int | None, int | None]:
        """The line and column of the nearest enclosing value the file gives a position for."""
        while True:
            if pointer in self.positions:
                return self.positions[pointer]
            if not pointer:
                return None, None
            pointer = pointer.rsplit("/", 1)[0]

    def errors_at(self, pointer: str) -> list[Problem]:
        """The errors at ``pointer`` or inside it."""
        return [p for p in self.errors if p.pointer == pointer or p.pointer.startswith(pointer + "/")]

    def extend(self, other: Report) -> None:
        for problem in other.problems:
            self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def sorted_problems(self) -> list[Problem]:
        return sorted(
            self.problems,
            key=lambda p: (p.file, p.line or 0, p.column or 0, p.pointer, p.message),
        )

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"

    def format_problems(self) -> str:
        """One line per problem, in file order."""
        return "\n".join(p.format_text() for p in self.sorted_problems())

    def format_text(self) -> str:
        """Every problem, then the summary line."""
        return "\n".join(filter(None, [self.format_problems(), self.summary()]))

    def to_json(self) -> str:
        return json.dumps(
            {
                "file": self.file,
                "valid": self.ok,
                "errors": len(self.errors),
                "warnings": len(self.warnings),
                "problems": [asdict(p) for p in self.sorted_problems()],
            },
            ensure_ascii=False,
            indent=2,
        )


#: Problems found while reading data, before a report is made: (JSON pointer, message, hint).
Problems = list[tuple[str, str, str]]
_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_pointer(token: str | int) -> str:
    """One JSON pointer reference token (RFC 6901).

    >>> escape_pointer("a/b~c")
    'a~1b~0c'
    """
    return str(token).replace("~", "~0").replace("/", "~1")


def json_pointer(path: Iterable[str | int]) -> str:
    """The JSON pointer of a path of keys and indexes.

    >>> json_pointer(["entities", 0, "a/b"])
    '/entities/0/a~1b'
    """
    return "".join(f"/{escape_pointer(p)}" for p in path)


def without_lone_surrogates(value: Any, pointer: str, problems: Problems) -> Any:
    """``value`` with every lone surrogate (JSON's ``"\\udfff"``, half of a pair) replaced by U+FFFD,
    each reported in ``problems``: no later step could encode it, and it is not a character.

    >>> problems = []
    >>> without_lone_surrogates({"a": ["x\\udfff"]}, "", problems), [p[0] for p in problems]
    ({'a': ['x\ufffd']}, ['/a/0'])
    """

    def clean(text: str, where: str) -> str:
        lone = _SURROGATE.search(text)
        if lone is None:
            return text
        problems.append(
            (
                where,
                f"holds \\u{ord(lone.group()):04x}, half of a surrogate pair, which is not a character",
                "a character beyond U+FFFF is written as a pair of escapes "
                "(\\ud83d\\ude00), or as the character itself",
            )
        )
        return _SURROGATE.sub("\ufffd", text)

    if isinstance(value, str):
        return clean(value, pointer)
    if isinstance(value, list):
        return [without_lone_surrogates(v, f"{pointer}/{i}", problems) for i, v in enumerate(value)]
    if isinstance(value, dict):
        result = {}
        for key, v in value.items():
            child = f"{pointer}/{escape_pointer(_SURROGATE.sub(chr(0xFFFD), key))}"
            result[clean(key, child)] = without_lone_surrogates(v, child, problems)
        return result
    return value
