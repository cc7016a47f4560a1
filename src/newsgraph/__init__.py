"""newsgraph: publish what a news article says as linked data.

>>> import newsgraph
>>> story = newsgraph.load_story("stories/2025-12-11-putin-lukashenko-support-maduro.yaml")
>>> result = newsgraph.build(story)
>>> result.graph_iri
'https://newsgraph.example/graph/2025-12-11-putin-lukashenko-support-maduro'
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from .errors import (
    InputError,
    InvalidCatalogue,
    InvalidStory,
    NewsgraphError,
    OutputError,
    PartialLoadError,
    ServiceError,
)

if TYPE_CHECKING:  # the names below, for type checkers
    from .model.story import Story as Story
    from .publishing.build import BuildResult as BuildResult
    from .publishing.build import build as build
    from .publishing.check import validate_story as validate_story
    from .report import Problem as Problem
    from .report import Report as Report
    from .stories.catalogue import Catalogue as Catalogue
    from .stories.catalogue import load_catalogue as load_catalogue
    from .stories.story import load_story as load_story
    from .stories.story import read_story as read_story

#: Where each public name lives: imported when first used, so that a command imports only what it
#: needs (``newsgraph validate`` never loads rdflib or pyld).
_WHERE = {
    "build": "publishing.build",
    "BuildResult": "publishing.build",
    "Catalogue": "stories.catalogue",
    "load_catalogue": "stories.catalogue",
    "Story": "model.story",
    "Problem": "report",
    "Report": "report",
    "load_story": "stories.story",
    "read_story": "stories.story",
    "validate_story": "publishing.check",
}
__getattr__, __dir__ = lazy_names(__name__, globals(), _WHERE)

__all__ = [
    *_WHERE,
    "NewsgraphError",
    "InvalidStory",
    "InvalidCatalogue",
    "InputError",
    "OutputError",
    "ServiceError",
    "PartialLoadError",
]
