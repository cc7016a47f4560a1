"""How good a draft is: its entities, dates, events and claims against a story an editor wrote for
the same article (the gold), as recall and precision.

A drafted entity is a gold one when both are the same catalogue entry or Wikidata item, or their
evidence overlaps, or they have a name in common; it is *typed* right when the types agree too.
An event is a gold one of the same type whose evidence overlaps; its date is right when it gives
the same values at the same precision ('on: 2025' and 'start: 2025' both say the year). A claim
is a gold one of the same kind whose evidence overlaps. Gold entities the article text does not
mention (no evidence) are the editor's knowledge, not the text's, and are not counted.

>>> import newsgraph
>>> seed = newsgraph.load_story("stories/2025-12-11-putin-lukashenko-support-maduro.yaml")
>>> scores = score_draft(seed, seed)
>>> scores.entities.recall, scores.events.precision, scores.qids_wrong
(1.0, 1.0, 0)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from ..linking.reconcile import normalize
from ..model.story import Claim, Entity, Event, Span, Story, When

__all__ = ["Score", "Scores", "score_draft"]

T = TypeVar("T", Entity, Event, Claim)


@dataclass(frozen=True)
class Score:
    """How many gold items the draft found, of how many, and how many it drafted."""

    found: int
    gold: int
    matched: int  # drafted items that are gold ones
    drafted: int

    @property
    def recall(self) -> float:
        return round(self.found / self.gold, 4) if self.gold else 1.0

    @property
    def precision(self) -> float:
        return round(self.matched / self.drafted, 4) if self.drafted else 1.0

    def __str__(self) -> str:
        return (
            f"recall {self.recall:.0%} ({self.found}/{self.gold}), "
            f"precision {self.precision:.0%} ({self.matched}/{self.drafted})"
        )


@dataclass
class Scores:
    entities: Score
    typed: Score  # entities found with the gold's type
    events: Score
    dates: Score  # gold events with a date whose drafted event has the same date
    dates_read: Score  # gold events' date words the date reader finds with the same value and precision
    claims: Score
    qids_filled: int  # drafted entities with a QID that are gold ones
    qids_wrong: int  # ... whose QID is not the gold's
    offsets_exact: bool
    missed: list[str] = field(default_factory=list)  # gold items the draft did not find
    mistyped: list[str] = field(default_factory=list)  # gold entities found with another type
    extra: list[str] = field(default_factory=list)  # drafted items that are no gold ones
    misread: list[str] = field(default_factory=list)  # gold date words not read to the gold's value
    wrong_qids: list[str] = field(default_factory=list)  # gold entities drafted with another QID

    def lines(self) -> list[str]:
        return [
            f"entities: {self.entities}",
            f"entities with the right type: {self.typed}",
            f"QIDs filled in: {self.qids_filled}, wrong: {self.qids_wrong}",
            f"events: {self.events}",
            f"event dates (value and precision): {self.dates}",
            f"date words read right: {self.dates_read}",
            f"claims and quotes: {self.claims}",
            f"offsets exact: {'yes' if self.offsets_exact else 'NO'}",
        ]


def score_draft(draft: Story, gold: Story) -> Scores:
    """The scores of ``draft`` against ``gold`` (both stories of the same article text)."""
    gold_entities = [e for e in gold.entities if e.evidence]
    unmentioned = [g for g in gold.entities if not g.evidence]  # positions, works: not counted, but no mistake
    # the same thing or name first, mentioned or not (the draft's 'ambassador' is the gold's
    # position even where its words are those of the unnamed ambassador); then overlapping words
    entity_pairs = _pairs(gold_entities, list(draft.entities), _same_thing, _same_name)
    unmentioned_pairs = _pairs(unmentioned, _left(draft.entities, entity_pairs), _same_thing, _same_name)
    rest = [g for g in gold_entities if all(g is not p for p, _ in entity_pairs)]
    entity_pairs += _pairs(rest, _left(draft.entities, entity_pairs + unmentioned_pairs), _overlap)
    event_pairs = _pairs(list(gold.events), list(draft.events), lambda g, d: g.type == d.type and _overlap(g, d))
    claim_pairs = _pairs(list(gold.claims), list(draft.claims), lambda g, d: g.kind == d.kind and _overlap(g, d))
    dated = [g for g in gold.events if not g.when.unknown]
    right_dates = [g for g, d in event_pairs if not g.when.unknown and _values(g.when) == _values(d.when)]
    with_qid = [(g, d) for g, d in entity_pairs + unmentioned_pairs if d.wikidata]
    text = draft.article.text
    items: list[Entity | Event | Claim] = [*draft.entities, *draft.events, *draft.claims]
    spans = [s for item in items for s in item.evidence]
    matched_entities = {id(d) for _, d in entity_pairs} | {id(d) for _, d in unmentioned_pairs}
    typed = sum(g.type == d.type for g, d in entity_pairs)
    read, misread = _dates_read(gold)
    return Scores(
        entities=Score(len(entity_pairs), len(gold_entities), len(matched_entities), len(draft.entities)),
        typed=Score(
            typed, len(gold_entities), typed + sum(g.type == d.type for g, d in unmentioned_pairs), len(draft.entities)
        ),
        events=Score(len(event_pairs), len(gold.events), len(event_pairs), len(draft.events)),
        dates=Score(len(right_dates), len(dated), len(right_dates), sum(not d.when.unknown for d in draft.events)),
        dates_read=read,
        claims=Score(len(claim_pairs), len(gold.claims), len(claim_pairs), len(draft.claims)),
        qids_filled=len(with_qid),
        qids_wrong=sum(g.wikidata != d.wikidata for g, d in with_qid),
        offsets_exact=all(text[s.start : s.end] == s.text for s in spans),
        missed=[f"entity {g.id}" for g in gold_entities if all(g is not p for p, _ in entity_pairs)]
        + [f"event {g.id}" for g in gold.events if all(g is not p for p, _ in event_pairs)]
        + [f"claim {g.id}" for g in gold.claims if all(g is not p for p, _ in claim_pairs)],
        mistyped=[f"{g.id}: {d.type}, not {g.type}" for g, d in entity_pairs if g.type != d.type],
        extra=[f"entity {d.id}" for d in draft.entities if id(d) not in matched_entities]
        + [f"event {d.id}" for d in draft.events if all(d is not x for _, x in event_pairs)]
        + [f"claim {d.id}" for d in draft.claims if all(d is not x for _, x in claim_pairs)],
        misread=misread,
        wrong_qids=[
            f"{g.id}: {d.wikidata}, not {g.wikidata or 'none'}" for g, d in with_qid if g.wikidata != d.wikidata
        ],
    )


def _dates_read(gold: Story) -> tuple[Score, list[str]]:
    """How many of the gold events' date words the date reader finds in the text, resolved to the
    gold's value at its precision (the words of a date the text gives relative to another event,
    "εκείνη την ημέρα", count as not read), and the words of those not read right."""
    from datetime import date

    from .text import tokens
    from .timex import find_dates

    text = gold.article.text
    found = find_dates(text, tokens(text), gold.article.language, date.fromisoformat(gold.article.published[:10]))
    worded = [g for g in gold.events if g.when.words and not g.when.unknown]
    right: set[int] = set()  # the found dates that are a gold one
    found_right = 0
    misread: list[str] = []
    for g in worded:
        words = g.when.words or ""
        at = [m.start() for m in re.finditer(re.escape(words), text)]
        read = [n for n, d in enumerate(found) if any(d.start < a + len(words) and a < d.end for a in at)]
        same = [n for n in read if _values(When(**found[n].when)) == _values(g.when)]
        found_right += bool(same)
        right.update(same)
        if not same:
            got = " or ".join("/".join(_values(When(**found[n].when))) for n in read) or "nothing"
            misread.append(f"{words!r}: {got}, not {'/'.join(_values(g.when))}")
    return Score(found_right, len(worded), len(right), len(found)), misread


def _pairs(gold: Sequence[T], drafted: Sequence[T], *tests: Callable[[T, T], bool]) -> list[tuple[T, T]]:
    """Each gold item with a drafted item not yet taken that is the same, by the first of
    ``tests`` that finds one (the surest first: a weaker test never takes what a surer one would)."""
    taken: set[int] = set()
    paired: dict[int, tuple[T, T]] = {}
    for same in tests:
        for k, g in enumerate(gold):
            if k in paired:
                continue
            candidates = [n for n, d in enumerate(drafted) if n not in taken and same(g, d)]
            # of several that overlap, the one whose words are most nearly the gold's
            n = max(candidates, key=lambda n: (_closeness(g, drafted[n]), -n), default=None)
            if n is not None:
                taken.add(n)
                paired[k] = (g, drafted[n])
    return [paired[k] for k in sorted(paired)]


def _left(drafted: Sequence[Entity], pairs: list[tuple[Entity, Entity]]) -> list[Entity]:
    """The drafted entities no pair has taken."""
    taken = {id(d) for _, d in pairs}
    return [d for d in drafted if id(d) not in taken]


def _same_thing(g: Entity, d: Entity) -> bool:
    """The same catalogue entry or Wikidata item."""
    return bool((g.catalogue and g.catalogue == d.catalogue) or (g.wikidata and g.wikidata == d.wikidata))


def _same_name(g: Entity, d: Entity) -> bool:
    return bool({normalize(n) for n in g.names.values()} & {normalize(n) for n in d.names.values()})


def _overlap(g: Entity | Event | Claim, d: Entity | Event | Claim) -> bool:
    return any(_spans_overlap(a, b) for a in g.evidence for b in d.evidence)


def _closeness(g: Entity | Event | Claim, d: Entity | Event | Claim) -> float:
    """How nearly the evidence of ``d`` is that of ``g``: the best overlap of two of their spans
    over their union (1.0 for the same words)."""
    best = 0.0
    for a in g.evidence:
        for b in d.evidence:
            common = min(a.end, b.end) - max(a.start, b.start)
            if common > 0:
                best = max(best, common / (max(a.end, b.end) - min(a.start, b.start)))
    return best


def _spans_overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _values(when: When) -> tuple[str, ...]:
    """The dates a date form gives, whatever its form: the value and its precision."""
    values = sorted(v for v in (when.on, when.start, when.end, when.earliest, when.latest) if v)
    return (*values, "ongoing") if when.ongoing else tuple(values)
