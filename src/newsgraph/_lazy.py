"""A package's public names, imported when first used, so that a command imports only what it needs.

>>> getattr_, dir_ = lazy_names("newsgraph", {"__version__": "0.1.0"}, {"Report": "report"})
>>> getattr_("Report").__name__, "Report" in dir_()
('Report', True)
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, namespace: dict[str, Any], where: dict[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package`` (whose globals are ``namespace``): each
    name of ``where`` is read from the module named beside it, relative to the package."""

    def getattr_(name: str) -> Any:
        if name in where:
            return getattr(import_module(f"{package}.{where[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    def dir_() -> list[str]:
        return sorted({*namespace, *where})

    return getattr_, dir_
