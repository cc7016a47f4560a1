"""The one exception hierarchy of newsgraph.

Every error the package raises on purpose is a :class:`NewsgraphError`; its ``exit_code`` is the
command's documented exit status:

====  ============================================================
0     success
1     the data does not conform (the story or a graph is invalid)
2     usage or input error (unreadable file, bad option, cannot write)
3     an external service failed (store or Wikidata unreachable, HTTP error)
4     partial load: some articles of a batch were not loaded
5     internal error: newsgraph itself failed on an input (a bug to report)
====  ============================================================

>>> try:
...     raise InputError("stories/x.yaml: no such file")
... except NewsgraphError as exc:
...     (exc.exit_code, str(exc))
(2, 'stories/x.yaml: no such file')
"""

from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import Report

__all__ = [
    "NewsgraphError",
    "InvalidStory",
    "InvalidCatalogue",
    "InputError",
    "OutputError",
    "ServiceError",
    "PartialLoadError",
    "InternalError",
]


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises on purpose."""

    exit_code = 1


class InvalidStory(NewsgraphError):
    """The story (or what it would publish) does not conform; ``report`` lists every problem."""

    exit_code = 1

    def __init__(self, report: Report) -> None:
        self.report = report
        super().__init__(report.summary())

    @classmethod
    def single(cls, file: str, pointer: str, message: str, hint: str = "") -> InvalidStory:
        """An InvalidStory with one problem."""
        from .report import Report

        report = Report(file)
        report.add(pointer, message, hint=hint)
        return cls(report)


class InvalidCatalogue(NewsgraphError):
    """The catalogue does not conform; ``reports`` lists every problem, one report per file."""

    exit_code = 1

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        problems = sum(len(r.errors) for r in reports)
        super().__init__(f"the catalogue has {problems} error(s) in {len(reports)} file(s)")


class InputError(NewsgraphError):
    """An input cannot be read or parsed at all (missing file, not UTF-8, not YAML/JSON, too big)."""

    exit_code = 2


class OutputError(NewsgraphError):
    """An output cannot be written (permissions, disk full); earlier files are left as they were."""

    exit_code = 2


class ServiceError(NewsgraphError):
    """An external service (a SPARQL store, Wikidata) is unreachable or answered with an error.

    ``unreachable`` is true when no connection could be made at all; ``status`` is the HTTP
    status of the last answer, if there was one.
    """

    exit_code = 3

    def __init__(self, message: str, *, unreachable: bool = False, status: int | None = None) -> None:
        self.unreachable = unreachable
        self.status = status
        super().__init__(message)


class PartialLoadError(NewsgraphError):
    """A batch load finished with some articles not loaded; ``outcomes`` says which."""

    exit_code = 4

    def __init__(self, message: str, outcomes: list | None = None) -> None:
        self.outcomes = outcomes or []
        super().__init__(message)


class InternalError(NewsgraphError):
    """newsgraph itself failed on one input: a bug, reported with the input it happened on.

    ``details`` is the Python traceback, for ``--debug`` and bug reports.

    >>> try:
    ...     {}["x"]
    ... except KeyError as exc:
    ...     error = InternalError.wrap("stories/a.yaml", exc)
    >>> error.exit_code, str(error).split(";")[0]
    (5, "stories/a.yaml: internal error: KeyError: 'x'")
    """

    exit_code = 5

    def __init__(self, message: str, details: str = "", reason: str = "") -> None:
        self.details = details
        self.reason = reason or message
        super().__init__(message)

    @classmethod
    def wrap(cls, where: str, exc: BaseException) -> InternalError:
        """The unexpected ``exc`` raised while working on ``where`` (a file name or label)."""
        reason = (
            f"{type(exc).__name__}: {str(exc)[:500]}; this is a newsgraph bug, please report it "
            "(--debug prints the traceback)"
        )
        return cls(f"{where}: internal error: {reason}", "".join(traceback.format_exception(exc)), reason)
