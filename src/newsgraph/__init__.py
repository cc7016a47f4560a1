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

if TYPE_CHECKING:
    from .model.story import Story
    from .publishing.build import BuildResult, build
    from .publishing.check import validate_story
    from .report import Problem, Report
    from .stories.catalogue import Catalogue, load_catalogue
    from .stories.story import load_story, read_story

#: Where each public name lives: imported when first used, so that a command imports only what it
#: needs (``newsgraph validate`` never loads rdflib or pyld).
__getattr__, __dir__ = lazy_names(
    __name__,
    globals(),
    {
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
    },
)

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
