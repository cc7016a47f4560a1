"""Drafting and reviewing: a story drafted from an article's raw text by explainable rules, and
the page on which an editor checks a story by eye.

Entities come from a gazetteer of the newsroom's catalogue and the Wikidata snapshot, dates from
date words resolved against the publication date, events from trigger words, claims and quotes
from attribution cues; every offset is computed, and what the rules are not sure of is marked
for review. :func:`score_draft` measures a draft against a story an editor wrote.
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:  # the names below, for type checkers
    from .drafter import Draft as Draft
    from .drafter import draft_story as draft_story
    from .score import Scores as Scores
    from .score import score_draft as score_draft

# the rules load dateparser and babel: the review page, which needs neither, does not load them
_WHERE = {"Draft": "drafter", "draft_story": "drafter", "Scores": "score", "score_draft": "score"}
__getattr__, __dir__ = lazy_names(__name__, globals(), _WHERE)
__all__ = list(_WHERE)
