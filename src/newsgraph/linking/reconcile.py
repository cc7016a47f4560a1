"""Reconciliation: propose Wikidata items for the entities and events of a story that have none.

Candidates come from the offline snapshot and, when a client is given, from ``wbsearchentities``.
Each is ranked with the evidence for it: which of the story's names matched which label or alias,
in which language and how (exactly, by stem, or by some words), and whether its Wikidata class fits
the declared type. Nothing is applied: the editor accepts a candidate by writing its QID into the
story.

Greek names match despite accents, case and inflection: the article's "Ρωσίας" and
"Βενεζουέλας" find Ρωσία and Βενεζουέλα.

>>> normalize("Η.Π.Α.")
'ηπα'
>>> stems("της Ρωσίας") == stems("η Ρωσία")
False
>>> stems("Ρωσίας") == stems("Ρωσία")
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model.story import Entity, Event, Story
from ..stories.validate import type_fit
from ..wikidata.snapshot import Item, Snapshot

if TYPE_CHECKING:
    from ..stories.catalogue import Catalogue, Entry
    from ..wikidata.client import WikidataClient

__all__ = ["normalize", "stems", "Match", "Candidate", "Proposal", "link_story", "format_proposals"]

#: Greek inflectional endings, longest first (after accents are removed and ς becomes σ).
_GREEK_ENDINGS = (
    "ουσ",
    "εισ",
    "ων",
    "ου",
    "ασ",
    "εσ",
    "ησ",
    "οσ",
    "ισ",
    "υσ",
    "α",
    "ε",
    "η",
    "ι",
    "ο",
    "υ",
    "ω",
    "σ",
    "ν",
)
_GREEK = re.compile("[\u0370-\u03ff]")
#: Only candidates at least this good are proposed.
MIN_SCORE = 0.5


@lru_cache(maxsize=2**16)  # every name is compared with every label: fold each once
def normalize(text: str) -> str:
    """Case, accents, final sigma and punctuation folded away."""
    folded = unicodedata.normalize("NFD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("ς", "σ")
    folded = re.sub(r"[.·'’`´]", "", folded)
    folded = re.sub(r"[^\w]+", " ", folded)
    return " ".join(folded.split())


def _stem(token: str) -> str:
    if not _GREEK.search(token):
        return token
    for ending in _GREEK_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= 3:
            return token[: -len(ending)]
    return token


@lru_cache(maxsize=2**16)
def stems(text: str) -> tuple[str, ...]:
    """The stems of the words of ``text`` (Greek words lose their case ending)."""
    return tuple(_stem(t) for t in normalize(text).split())


@dataclass(frozen=True)
class Match:
    """One of the story's names matching one of the item's labels or aliases."""

    name: str
    role: str  # "name", "alias" or "mention" (the article's own words)
    item_text: str
    item_field: str  # "label" or "alias"
    language: str
    kind: str  # "exact", "stem" or "words"
    score: float


@dataclass
class Candidate:
    qid: str
    label: str
    description: str
    score: float
    matches: list[Match] = field(default_factory=list)
    type_fit: str = "unknown"  # "fits", "contradicts" or "unknown"
    type_note: str = ""
    found_by: str = "snapshot"  # "catalogue", "snapshot" or "wikidata search"
    #: The catalogue entry's id, for a candidate from the newsroom's catalogue (its QID, if any, in ``qid``).
    catalogue: str = ""


@dataclass
class Proposal:
    """The candidates for one entity or event of the story, best first."""

    id: str
    kind: str  # "entity" or "event"
    type: str
    names: list[str]
    candidates: list[Candidate]


_ROLE_WEIGHT = {"name": 1.0, "alias": 0.95, "mention": 0.9}
_FIT_RANK = {"fits": 0, "unknown": 1, "contradicts": 2}
_FIELD_WEIGHT = {"label": 1.0, "alias": 0.95}


def _compare(name: str, text: str) -> tuple[str, float] | None:
    if normalize(name) == normalize(text):
        return "exact", 1.0
    a, b = stems(name), stems(text)
    if not a or not b:
        return None
    if a == b:
        return "stem", 0.9
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if set(short) <= set(long):
        # A surname alone ("Λουκασένκο" for "Αλεξάντερ Λουκασένκο") is how articles name people.
        tail = long[-len(short) :] == short
        return "words", 0.9 * max(len(short) / len(long), 0.65 if tail else 0.0)
    return None


def _names(thing: Entity | Event, article_language: str) -> list[tuple[str, str, str]]:
    """(text, role, language) for every name of the thing the story gives, and its mentions."""
    out = [(text, "name", lang) for lang, text in thing.names.items()]
    if isinstance(thing, Entity):
        out += [(text, "alias", lang) for lang, texts in thing.aliases.items() for text in texts]
        out += [(span.text, "mention", article_language) for span in thing.evidence if len(span.text) <= 60]
    seen: set[tuple[str, str]] = set()
    unique = []
    for text, role, lang in out:
        key = (normalize(text), lang)
        if key not in seen:
            seen.add(key)
            unique.append((text, role, lang))
    return unique


def _type_fit(declared: str, item: Item) -> tuple[str, str]:
    if item.instance_of is None:
        return "unknown", "its classes are not known: check it, or run `newsgraph wikidata refresh`"
    fit, named = type_fit(declared, item.instance_of)
    notes = {
        "contradicts": f"it is {named}, not a {declared}",
        "fits": f"it is {named}",
        "unknown": f"it is {named}; no class is known for type {declared!r}",
    }
    return fit, notes[fit]


def _entry_fit(declared: str, entry: Entry) -> tuple[str, str]:
    if entry.type == declared:
        return "fits", f"the catalogue has it as a {entry.type}"
    return "contradicts", f"the catalogue has it as a {entry.type}, not a {declared}"


def _score(names: list[tuple[str, str, str]], item: Item, type_fit: tuple[str, str], found_by: str) -> Candidate | None:
    """The candidate ``item`` is for the thing called ``names``, with ``type_fit`` (fit and note)."""
    texts = [(label, "label", lang) for lang, label in item.labels.items()]
    texts += [(alias, "alias", lang) for lang, aliases in item.aliases.items() for alias in aliases]
    matches = []
    for name, role, _lang in names:
        best: Match | None = None
        for text, item_field, text_lang in texts:
            compared = _compare(name, text)
            if compared is None:
                continue
            kind, base = compared
            score = round(base * _ROLE_WEIGHT[role] * _FIELD_WEIGHT[item_field], 4)
            if best is None or score > best.score:
                best = Match(name, role, text, item_field, text_lang, kind, score)
        if best is not None:
            matches.append(best)
    if not matches:
        return None
    matches.sort(key=lambda m: -m.score)
    fit, note = type_fit
    distinct = len({normalize(m.name) for m in matches})
    score = matches[0].score + 0.02 * min(distinct - 1, 5)
    score += {"fits": 0.05, "contradicts": -0.5, "unknown": 0.0}[fit]
    label = item.labels.get("en") or next(iter(item.labels.values()), "")
    description = item.descriptions.get("en") or next(iter(item.descriptions.values()), "")
    return Candidate(item.qid, label, description, round(score, 4), matches, fit, note, found_by)


def link_story(
    story: Story,
    snapshot: Snapshot | None = None,
    client: WikidataClient | None = None,
    *,
    limit: int = 5,
    catalogue: Catalogue | None = None,
) -> list[Proposal]:
    """Candidates for every named entity and every event of ``story`` that is not yet a
    reference to ``catalogue`` (its entries come first) or has no QID (Wikidata items).

    ``client`` (a :class:`~newsgraph.wikidata.client.WikidataClient`) adds live ``wbsearchentities``
    results to the snapshot's; without it the snapshot alone is searched.
    """
    snapshot = snapshot or Snapshot.default()
    language = story.article.language
    entries = [e for e in catalogue.entries.values() if e.type and not e.unnamed] if catalogue else []
    things: list[tuple[str, Entity | Event]] = [("entity", e) for e in story.entities if not e.unnamed]
    things += [("event", e) for e in story.events]
    proposals = []
    for kind, thing in things:
        in_catalogue = bool(thing.catalogue) or not entries
        if in_catalogue and thing.wikidata:
            continue
        names = _names(thing, language)
        declared = thing.type if kind == "entity" else "event"
        candidates = [] if in_catalogue else _from_catalogue(names, thing, entries)[:limit]
        if not thing.wikidata:
            candidates += _from_wikidata(names, declared, snapshot, client)[:limit]
        proposals.append(Proposal(thing.id, kind, declared, [n for n, _, _ in names], candidates))
    return proposals


def _from_catalogue(names: list[tuple[str, str, str]], thing: Entity | Event, entries: list[Entry]) -> list[Candidate]:
    """The catalogue's entries that the thing's names match, best first."""
    candidates = []
    for entry in entries:
        if entry.is_event != isinstance(thing, Event):
            continue
        as_item = Item(entry.wikidata or "", dict(entry.names), dict(entry.aliases), dict(entry.description))
        candidate = _score(names, as_item, _entry_fit(thing.type, entry), "catalogue")
        if candidate is None or candidate.score < MIN_SCORE:
            continue
        candidate.catalogue = entry.id
        if thing.wikidata and entry.wikidata:  # the same item, or certainly not the same thing
            same = thing.wikidata == entry.wikidata
            candidate.score = round(candidate.score + (0.1 if same else -0.5), 4)
            candidate.type_note += f"; {'the same' if same else 'another'} Wikidata item ({entry.wikidata})"
        candidates.append(candidate)
    candidates.sort(key=lambda c: (_FIT_RANK[c.type_fit], -c.score, c.catalogue))
    return candidates


def _from_wikidata(
    names: list[tuple[str, str, str]], declared: str, snapshot: Snapshot, client: WikidataClient | None
) -> list[Candidate]:
    """The snapshot's (and live search's) items that the names match, best first."""
    items: dict[str, tuple[Item, str]] = {q: (i, "snapshot") for q, i in snapshot.items.items()}
    if client is not None:
        items.update({q: (i, "wikidata search") for q, i in _search_live(client, names).items() if q not in items})
    candidates = [
        c
        for item, found_by in items.values()
        if (c := _score(names, item, _type_fit(declared, item), found_by)) is not None and c.score >= MIN_SCORE
    ]
    # A candidate whose class fits comes before one whose class is not known, and that before
    # one whose class contradicts the declared type, whatever their names score.
    candidates.sort(key=lambda c: (_FIT_RANK[c.type_fit], -c.score, int(c.qid[1:])))
    return candidates


def _search_live(client: WikidataClient, names: Iterable[tuple[str, str, str]]) -> dict[str, Item]:
    qids: list[str] = []
    for text, role, language in names:
        if role == "mention" and len(text.split()) > 4:
            continue
        qids += [hit.qid for hit in client.search(text, language, limit=5)]
    found = client.get_entities(dict.fromkeys(qids)) if qids else {}
    return {q: item for q, item in found.items() if item is not None}


def format_proposals(proposals: list[Proposal], fmt: str = "text") -> str:
    """Proposals for people (text) or programs (json)."""
    if fmt == "json":
        return json.dumps([asdict(p) for p in proposals], ensure_ascii=False, indent=2)
    lines = []
    for p in proposals:
        lines.append(f"{p.id} ({p.type}): " + ("no candidate" if not p.candidates else ""))
        for c in p.candidates:
            best = c.matches[0]
            what = f"catalogue:{c.catalogue}" if c.catalogue else c.qid
            how = (
                f"{best.kind} match of {best.role} {best.name!r} "
                f"with {best.item_field} {best.item_text!r}@{best.language}"
            )
            more = f" (+{len(c.matches) - 1} more names)" if len(c.matches) > 1 else ""
            lines.append(
                f"  {what}  {c.label}  score {c.score:.2f}  {how}{more}; type {c.type_fit}: {c.type_note}"
                f" [{c.found_by}]"
            )
    lines.append(
        "Nothing was changed: to accept a candidate, write it into the story: 'catalogue: ID' for an entry "
        "of the newsroom's catalogue, 'wikidata: Q...' for a Wikidata item."
    )
    return "\n".join(lines)
