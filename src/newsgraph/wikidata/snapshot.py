"""The offline Wikidata snapshot: the items stories use, so that checks work with no network.

The snapshot (``data/wikidata-snapshot.json``, shipped in the package) holds for each item its
labels and aliases in Greek and English, its classes (P31 instance of) and positions held (P39,
with start and end where known), the date it was taken and where each item came from. ``P31`` or
``P39`` of ``null`` means *not known*, which the checks treat as "cannot check", never as "none".
``newsgraph wikidata refresh`` rebuilds it from live Wikidata.

>>> snap = Snapshot.packaged()
>>> snap.get("Q7747").labels["en"]
'Vladimir Putin'
>>> snap.get("Q159").instance_of
('Q3624078', 'Q6256')
>>> snap.get("Q99999999") is None
True
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..resources import read_json

__all__ = ["Item", "PositionHeld", "Snapshot", "SNAPSHOT_FORMAT", "SNAPSHOT_ENV"]

SNAPSHOT_FORMAT = "newsgraph-wikidata-snapshot/1"
#: Environment variable naming a snapshot file to use instead of the packaged one.
SNAPSHOT_ENV = "NEWSGRAPH_WIKIDATA_SNAPSHOT"


@dataclass(frozen=True, slots=True)
class PositionHeld:
    """A P39 statement: the position's QID and its start and end (P580/P582), if known."""

    position: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Item:
    """One Wikidata item as the snapshot knows it."""

    qid: str
    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    instance_of: tuple[str, ...] | None = None
    positions: tuple[PositionHeld, ...] | None = None
    source: str = ""

    def names(self, language: str | None = None) -> list[str]:
        """Labels and aliases (in ``language``, or in every language)."""
        out = []
        for lang, label in self.labels.items():
            if language in (None, lang):
                out.append(label)
        for lang, aliases in self.aliases.items():
            if language in (None, lang):
                out.extend(aliases)
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "labels": self.labels,
            "aliases": {k: list(v) for k, v in self.aliases.items()},
            **({"descriptions": self.descriptions} if self.descriptions else {}),
            "P31": list(self.instance_of) if self.instance_of is not None else None,
            "P39": [{"position": p.position, "start": p.start, "end": p.end} for p in self.positions]
            if self.positions is not None
            else None,
            "source": self.source,
        }

    @classmethod
    def from_json(cls, qid: str, data: dict[str, Any]) -> Item:
        p31 = data.get("P31")
        p39 = data.get("P39")
        return cls(
            qid=qid,
            labels=dict(data.get("labels", {})),
            aliases={k: tuple(v) for k, v in data.get("aliases", {}).items()},
            descriptions=dict(data.get("descriptions", {})),
            instance_of=tuple(p31) if p31 is not None else None,
            positions=tuple(PositionHeld(p["position"], p.get("start"), p.get("end")) for p in p39)
            if p39 is not None
            else None,
            source=data.get("source", ""),
        )


@dataclass(frozen=True)
class Snapshot:
    """A set of items with the date the snapshot was taken."""

    taken: str
    items: dict[str, Item]
    note: str = ""
    origin: str = "packaged"

    def get(self, qid: str) -> Item | None:
        return self.items.get(qid)

    def __contains__(self, qid: object) -> bool:
        return qid in self.items

    def __len__(self) -> int:
        return len(self.items)

    def losses(self, newer: Snapshot) -> list[str]:
        """What ``newer`` no longer has of this snapshot: items, labels, classes and positions.

        >>> old = Snapshot("2026-01-01", {"Q1": Item("Q1", {"en": "a", "el": "α"}, instance_of=("Q5",))})
        >>> old.losses(Snapshot("2026-02-01", {"Q1": Item("Q1", {"en": "a"}, instance_of=())}))
        ['Q1: its el label', 'Q1: class Q5']
        """
        lost = []
        for qid, item in self.items.items():
            new = newer.get(qid)
            if new is None:
                lost.append(f"{qid}: the whole item")
                continue
            lost += [f"{qid}: its {lang} label" for lang in item.labels if lang not in new.labels]
            lost += [f"{qid}: class {c}" for c in item.instance_of or () if c not in (new.instance_of or ())]
            lost += [
                f"{qid}: position held {p.position}"
                for p in item.positions or ()
                if p.position not in {q.position for q in new.positions or ()}
            ]
        return lost

    @classmethod
    def from_json(cls, data: dict[str, Any], origin: str) -> Snapshot:
        if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
            raise InputError(f"{origin}: not a newsgraph Wikidata snapshot (format {SNAPSHOT_FORMAT!r})")
        try:
            items = {qid: Item.from_json(qid, item) for qid, item in data["entities"].items()}
            return cls(str(data["taken"]), items, str(data.get("note", "")), origin)
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            raise InputError(
                f"{origin}: a newsgraph Wikidata snapshot, but damaged ({type(exc).__name__}: {exc}); "
                "restore it, or rebuild it with `newsgraph wikidata refresh`"
            ) from None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SNAPSHOT_FORMAT,
            "taken": self.taken,
            "note": self.note,
            "entities": {q: self.items[q].to_json() for q in sorted(self.items, key=lambda q: int(q[1:]))},
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_file(cls, path: str | Path) -> Snapshot:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{path}: cannot read the Wikidata snapshot: {exc}") from None
        return cls.from_json(data, str(path))

    @staticmethod
    @cache
    def packaged() -> Snapshot:
        """The snapshot shipped with the package."""
        return Snapshot.from_json(read_json("data/wikidata-snapshot.json"), "data/wikidata-snapshot.json")

    @classmethod
    def default(cls, configured: str | Path | None = None) -> Snapshot:
        """The snapshot named by $NEWSGRAPH_WIKIDATA_SNAPSHOT, else ``configured`` (a newsroom's
        newsgraph.toml), else the packaged one."""
        override = os.environ.get(SNAPSHOT_ENV) or configured
        return cls.from_file(override) if override else cls.packaged()
