"""newsgraph: publish what a news article says as linked data.

>>> import newsgraph
>>> story = newsgraph.load_story("stories/2025-12-11-putin-lukashenko-support-maduro.yaml")
>>> result = newsgraph.build(story)
>>> result.graph_iri
'https://newsgraph.example/graph/2025-12-11-putin-lukashenko-support-maduro'
"""

__version__ = "0.1.0"

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import (
    InputError,
    InvalidCatalogue,
    InvalidStory,
    NewsgraphError,
    OutputError,
    PartialLoadError,
    ServiceError,
)

if TYPE_CHECKING:
    from .build import BuildResult, build
    from .catalogue import Catalogue, load_catalogue
    from .model import Story
    from .report import Problem, Report
    from .story import load_story, read_story, validate_story

#: Where each name lives: imported when first used, so that a command imports only what it needs
#: (``newsgraph validate`` never loads rdflib or pyld).
_LAZY = {
    "build": "build",
    "BuildResult": "build",
    "Catalogue": "catalogue",
    "load_catalogue": "catalogue",
    "Story": "model",
    "Problem": "report",
    "Report": "report",
    "load_story": "story",
    "read_story": "story",
    "validate_story": "story",
}


class _Package(ModuleType):
    """The package, whose public names are imported when first used."""


def _lazy(module: str, name: str) -> property:
    def get(package: ModuleType) -> Any:
        return getattr(import_module(f"{__name__}.{module}"), name)

    def keep(package: ModuleType, value: Any) -> None:
        """Importing the module ``newsgraph.build`` sets the package's attribute ``build`` to it:
        the function of that name stays what ``newsgraph.build`` is, as it always was."""

    return property(get, keep)


for _name, _module in _LAZY.items():
    setattr(_Package, _name, _lazy(_module, _name))
sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "load_story",
    "read_story",
    "validate_story",
    "load_catalogue",
    "Catalogue",
    "build",
    "BuildResult",
    "Story",
    "Report",
    "Problem",
    "NewsgraphError",
    "InvalidStory",
    "InvalidCatalogue",
    "InputError",
    "OutputError",
    "ServiceError",
    "PartialLoadError",
]
