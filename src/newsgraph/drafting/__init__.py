"""Drafting: a story from an article's raw text, by explainable rules, for an editor to check.

Entities come from a gazetteer of the newsroom's catalogue and the Wikidata snapshot, dates from
date words resolved against the publication date, events from trigger words, claims and quotes
from attribution cues; every offset is computed, and what the rules are not sure of is marked
for review. :func:`score_draft` measures a draft against a story an editor wrote.
"""

from .drafter import Draft, draft_story
from .score import Scores, score_draft

__all__ = ["Draft", "draft_story", "Scores", "score_draft"]
