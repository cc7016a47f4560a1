"""Names the newsroom already knows, found in an article: every name and alias of the catalogue's
entries and the Wikidata snapshot's items, in every language, matched as ``link`` matches names
(case, accents and Greek case endings folded), longest match first.

>>> from newsgraph.wikidata.snapshot import Snapshot
>>> from newsgraph.drafting.text import tokens
>>> found = Gazetteer.build(None, Snapshot.default()).find(tokens("Η Ρωσίας και ο Λουκασένκο"))
>>> [(m.words, [t.key for t in m.things], m.kind) for m in found]
[(('Ρωσίας',), ['cldr:RU', 'wikidata:Q159'], 'name'), (('Λουκασένκο',), ['wikidata:Q2866'], 'surname')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..linking.reconcile import stems
from ..stories.validate import TYPE_CLASSES
from ..wikidata.snapshot import Item, Snapshot
from .lexicon import NOT_NAMES
from .places import places
from .text import Token

__all__ = ["Known", "Mention", "Gazetteer"]

#: The longest name, in words, the gazetteer looks for.
_LONGEST = 8


@dataclass(frozen=True)
class Known:
    """Something the newsroom knows: a catalogue entry or a Wikidata item of the snapshot."""

    key: str  # "catalogue:ID" or "wikidata:QID"
    type: str | None  # the entity type, when known (from the catalogue, or the item's class)
    names: tuple[tuple[str, str], ...]  # (language, name)
    catalogue: str | None = None
    qid: str | None = None  # the entry's or the item's
    unnamed: bool = False
    #: For an item of the snapshot: whether its class is known and fits ``type``.
    class_fits: bool = False

    def name(self, language: str) -> str | None:
        return next((n for lang, n in self.names if lang == language), None)


@dataclass
class Mention:
    """Words of the article matching names of one or more known things."""

    start: int  # token index
    end: int  # token index, exclusive
    words: tuple[str, ...]
    things: list[Known]
    kind: str  # "name" (a whole name or alias) or "surname" (a person's last name alone)
    consumes: bool = True  # False for positions and descriptions, whose words may hold other names


@dataclass
class Gazetteer:
    keys: dict[str, list[tuple[tuple[str, ...], Known, str]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, catalogue, snapshot: Snapshot, languages: tuple[str, ...] = ("el", "en")) -> Gazetteer:  # type: ignore[no-untyped-def]
        """The gazetteer of ``catalogue`` (a :class:`~newsgraph.stories.catalogue.Catalogue` or None),
        ``snapshot`` and the places CLDR names in ``languages``; a catalogue entry stands for the
        snapshot item with its QID."""
        return _build(catalogue, snapshot, languages)

    def add(self, thing: Known, name: str, kind: str = "name") -> None:
        key = _key(name)
        if key and len(key) <= _LONGEST and (key, thing, kind) not in self.keys[key[0]]:
            self.keys[key[0]].append((key, thing, kind))

    def find(self, words: Sequence[Token]) -> list[Mention]:
        """Every mention in ``words``, longest first; a surname right after another capitalised
        word ("Έρικ Τραμπ") is someone else's and is left out."""
        found = []
        i = 0
        while i < len(words):
            best: list[tuple[tuple[str, ...], Known, str]] = []
            for key, thing, kind in self.keys.get(words[i].stem, ()):
                if tuple(w.stem for w in words[i : i + len(key)]) != key:
                    continue
                if not best or len(key) > len(best[0][0]):
                    best = [(key, thing, kind)]
                elif len(key) == len(best[0][0]) and all(t is not thing for _, t, _ in best):
                    best.append((key, thing, kind))
            if not best or (all(k == "surname" for _, _, k in best) and _after_name(words, i)):
                i += 1
                continue
            length = len(best[0][0])
            things = sorted({t.key: t for _, t, _ in best}.values(), key=lambda t: t.key)
            kind = "name" if any(k == "name" for _, _, k in best) else "surname"
            consumes = not all(t.type == "position" or t.unnamed for t in things)
            found.append(Mention(i, i + length, tuple(w.text for w in words[i : i + length]), things, kind, consumes))
            i += length if consumes else 1
        return found


def _after_name(words: Sequence[Token], i: int) -> bool:
    if i == 0:
        return False
    before = words[i - 1]
    return (
        before.capitalised and before.norm not in NOT_NAMES["el"] | NOT_NAMES["en"] and before.end + 1 >= words[i].start
    )


def _key(name: str) -> tuple[str, ...]:
    """The stems of a name, without a leading article ("ο πρέσβης ..." -> "πρεσβ ...")."""
    key = stems(name)
    while key and key[0] in NOT_NAMES["el"] | NOT_NAMES["en"] and len(key) > 1:
        key = key[1:]
    return key


def _item_type(item: Item) -> str | None:
    classes = set(item.instance_of or ())
    types = [t for t, fits in TYPE_CLASSES.items() if fits & classes]
    return types[0] if len(types) == 1 else None


def _snapshot_things(snapshot: Snapshot) -> list[Known]:
    out = []
    for item in snapshot.items.values():
        type_ = _item_type(item)
        names = tuple((lang, text) for lang in sorted(item.labels) for text in (item.labels[lang],))
        names += tuple((lang, a) for lang in sorted(item.aliases) for a in item.aliases[lang])
        out.append(Known(f"wikidata:{item.qid}", type_, names, qid=item.qid, class_fits=type_ is not None))
    return out


def _build(catalogue, snapshot: Snapshot, languages: tuple[str, ...]) -> Gazetteer:  # type: ignore[no-untyped-def]
    gazetteer = Gazetteer()
    known: list[Known] = []
    covered: set[str] = set()
    if catalogue is not None:
        for entry in catalogue.entries.values():
            if entry.merged_into is not None or entry.type is None or entry.is_event:
                continue
            names = tuple((lang, entry.names[lang]) for lang in sorted(entry.names))
            names += tuple((lang, a) for lang in sorted(entry.aliases) for a in entry.aliases[lang])
            if entry.unnamed:
                names = tuple((lang, entry.description[lang]) for lang in sorted(entry.description))
            known.append(
                Known(f"catalogue:{entry.id}", entry.type, names, entry.id, entry.wikidata, entry.unnamed, True)
            )
            if entry.wikidata:
                covered.add(entry.wikidata)
    known += [k for k in _snapshot_things(snapshot) if k.qid not in covered]
    known += [Known(key, type_, names) for key, type_, names in places(languages)]
    for thing in known:
        for _lang, name in thing.names:
            if thing.catalogue is None and not name[:1].isupper():
                continue  # a concept or an event Wikidata names ("ρωσική εισβολή στην Ουκρανία"), not a name
            gazetteer.add(thing, name)
            parts = name.split()
            if thing.type == "person" and not thing.unnamed and len(parts) > 1:
                gazetteer.add(thing, parts[-1], "surname")
    return gazetteer
