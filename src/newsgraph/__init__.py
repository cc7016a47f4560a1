"""newsgraph: publish what a news article says as linked data.

>>> import newsgraph
>>> story = newsgraph.load_story("stories/2025-12-11-putin-lukashenko-support-maduro.yaml")
>>> result = newsgraph.build(story)
>>> result.graph_iri
'https://newsgraph.example/graph/2025-12-11-putin-lukashenko-support-maduro'
"""

__version__ = "0.1.0"

from .build import BuildResult, build
from .catalogue import Catalogue, load_catalogue
from .errors import (
    InputError,
    InvalidCatalogue,
    InvalidStory,
    NewsgraphError,
    OutputError,
    PartialLoadError,
    ServiceError,
)
from .model import Story
from .report import Problem, Report
from .story import load_story, read_story, validate_story

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
