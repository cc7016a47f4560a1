"""Drafting and reviewing: a story drafted from an article's raw text by explainable rules, and
the page on which an editor checks a story by eye.

Entities come from a gazetteer of the newsroom's catalogue and the Wikidata snapshot, dates from
date words resolved against the publication date, events from trigger words, claims and quotes
from attribution cues; every offset is computed, and what the rules are not sure of is marked
for review. :func:`score_draft` measures a draft against a story an editor wrote.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from .drafter import Draft, draft_story
    from .score import Scores, score_draft

__all__ = ["Draft", "draft_story", "Scores", "score_draft"]
# the rules load dateparser and babel: the review page, which needs neither, does not load them
__getattr__, __dir__ = lazy_names(
    __name__,
    globals(),
    {"Draft": "drafter", "draft_story": "drafter", "Scores": "score", "score_draft": "score"},
)
