"""Check a story as it will be published: read it, then build it in memory and check its output.

A story that checks clean here also builds: ``newsgraph validate`` and the review page use this.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..report import Report
from ..stories.story import read_story

if TYPE_CHECKING:
    from ..model.story import Story
    from ..stories.catalogue import Catalogue
    from ..wikidata.snapshot import Snapshot

__all__ = ["check_story", "validate_story"]


def check_story(
    path: str | Path, snapshot: Snapshot | None = None, *, catalogue: Catalogue | None = None, source: str | None = None
) -> tuple[Story | None, Report]:
    """The story at ``path`` (None if it has errors) and every problem in it: a story without
    errors is also built in memory and its output checked (JSON-LD profile, SHACL shapes), so
    that a story that checks clean also builds. Review marks are warnings here, not errors."""
    story, report = read_story(path, snapshot, catalogue=catalogue, source=source)
    if story is not None:
        from .build import build  # a story with errors is reported without loading the builder

        report.extend(build(story, catalogue=catalogue, check=False, allow_draft=True).check())
    return story, report


def validate_story(
    path: str | Path, snapshot: Snapshot | None = None, *, catalogue: Catalogue | None = None, source: str | None = None
) -> Report:
    """Every problem in the story at ``path`` (an empty report means it is valid), as
    :func:`check_story` finds them."""
    return check_story(path, snapshot, catalogue=catalogue, source=source)[1]
