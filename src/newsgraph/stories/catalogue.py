"""The newsroom's catalogue: the recurring things articles share, each with a stable IRI.

A catalogue is a folder of YAML (or JSON) files, each ``{newsgraph: 1, entries: [...]}``
(format: ``schemas/catalogue.schema.json``). Every entry is published as ``{base}thing/{id}``
in the graph ``{base}graph/catalogue``; a story refers to an entry with ``catalogue: ID`` and its
article's graph then uses that IRI, so the same thing is the same node in every article.

>>> catalogue = load_catalogue("catalogue")
>>> catalogue.entry("lukashenko").names["en"]
'Alexander Lukashenko'
>>> catalogue.iri("lukashenko")
'https://newsgraph.example/thing/lukashenko'
>>> catalogue.closest("lukashenka")
['lukashenko']
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import InputError, InvalidCatalogue
from ..model.iris import GRAPH_PATH, thing_iri
from ..model.story import EVENT_TYPES, LangText, Office
from ..model.vocab import DEFAULT_BASE
from ..report import Report
from ..wikidata.snapshot import Snapshot
from .config import Config, find_config
from .storyfile import FILE_SUFFIXES, parse_text, read_text
from .validate import check_catalogue_data

__all__ = [
    "CATALOGUE_FOLDER",
    "CATALOGUE_GRAPH",
    "Catalogue",
    "Entry",
    "Identification",
    "catalogue_files",
    "catalogue_for",
    "catalogues_for",
    "load_catalogue",
    "read_catalogue",
    "with_catalogue",
]

#: The catalogue's folder when newsgraph.toml does not name one: beside newsgraph.toml (or the story).
CATALOGUE_FOLDER = "catalogue"
#: The catalogue's named graph, under the base IRI.
CATALOGUE_GRAPH = GRAPH_PATH + "catalogue"


@dataclass(frozen=True, slots=True)
class Identification:
    """A node of one article that the newsroom later decided is this entry."""

    article: str
    node: str
    reason: LangText
    decided: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One recurring thing (or an id merged into another entry)."""

    id: str
    type: str | None = None
    names: LangText = field(default_factory=dict)
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    description: LangText = field(default_factory=dict)
    unnamed: bool = False
    wikidata: str | None = None
    wikidata_pending: str | None = None
    offices: tuple[Office, ...] = ()
    country: str | None = None
    part_of: str | None = None
    located_in: str | None = None
    member_of: tuple[str, ...] = ()
    merged_into: str | None = None
    reason: LangText = field(default_factory=dict)
    decided: str | None = None
    identified_in: tuple[Identification, ...] = ()
    file: str = field(default="", compare=False)

    @property
    def is_event(self) -> bool:
        return self.type in EVENT_TYPES


@dataclass(frozen=True)
class Catalogue:
    """The entries of a catalogue, by id, and the base IRI they are published under."""

    entries: Mapping[str, Entry]
    base: str = DEFAULT_BASE
    path: str = ""

    def entry(self, id: str) -> Entry:
        """The entry ``id`` stands for now, following merges (KeyError if there is none)."""
        entry = self.entries[id]
        seen = {id}
        while entry.merged_into is not None and entry.merged_into not in seen:
            seen.add(entry.merged_into)
            entry = self.entries[entry.merged_into]
        return entry

    def iri(self, id: str) -> str:
        """The IRI of the entry ``id`` stands for now."""
        return thing_iri(self.base, self.entry(id).id)

    def closest(self, id: str) -> list[str]:
        """The ids most like ``id``, for a hint."""
        return difflib.get_close_matches(id, sorted(self.entries), n=3, cutoff=0.6)

    def report_unknown(self, report: Report, pointer: str, id: str) -> None:
        """Report that a story refers to ``id``, which is not here, with the closest ids as the hint."""
        close = self.closest(id)
        report.add(
            pointer,
            f"{id!r} is not in the catalogue ({self.path})",
            hint=f"did you mean {', '.join(map(repr, close))}?" if close else "add an entry with this id",
            check="catalogue",
        )

    def __len__(self) -> int:
        return len(self.entries)


def catalogue_files(folder: str | Path) -> list[Path]:
    """The catalogue's files in ``folder``, in name order (sub-folders included)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: no catalogue folder here; create it, or set 'catalogue' in newsgraph.toml")
    return sorted(p for p in folder.rglob("*") if p.suffix in FILE_SUFFIXES and p.is_file())


def read_catalogue(
    folder: str | Path, snapshot: Snapshot | None = None, base: str | None = None
) -> tuple[Catalogue | None, list[Report]]:
    """Parse and check every file of a catalogue: the catalogue (None if any file has errors) and
    one report per file. QIDs are checked against ``snapshot`` (default: the offline one)."""
    folder = Path(folder)
    config = find_config(folder)
    snapshot = snapshot or Snapshot.default(config.snapshot)
    documents: list[tuple[Path, Any, Report]] = []
    for path in catalogue_files(folder):
        data, positions, problems = parse_text(read_text(path), str(path))
        report = Report(str(path), positions=positions)
        for pointer, message, hint in problems:
            report.add(pointer, message, hint=hint, check="syntax")
        documents.append((path, data, report))
    check_catalogue_data([(data, report) for _, data, report in documents], snapshot)
    reports = [report for _, _, report in documents]
    if not all(r.ok for r in reports):
        return None, reports
    entries = {e.id: e for path, data, _ in documents for e in _entries(data, str(path))}
    return Catalogue(entries, base or config.base_iri or DEFAULT_BASE, str(folder)), reports


def load_catalogue(folder: str | Path, snapshot: Snapshot | None = None, base: str | None = None) -> Catalogue:
    """The catalogue in ``folder``; raises InvalidCatalogue (with every report) if it has errors."""
    catalogue, reports = read_catalogue(folder, snapshot, base)
    if catalogue is None:
        raise InvalidCatalogue([r for r in reports if not r.ok])
    return catalogue


def catalogue_folder(config: Config, near: Path) -> Path:
    """Where the catalogue of a newsroom is: newsgraph.toml's ``catalogue``, else ``catalogue/``
    beside newsgraph.toml, else beside ``near`` (a story's folder)."""
    if config.catalogue is not None:
        return config.catalogue
    root = config.path.parent if config.path is not None else near
    return root / CATALOGUE_FOLDER


@cache
def _cached(folder: Path, files: tuple[tuple[str, int], ...], base: str) -> Catalogue:
    return load_catalogue(folder, base=base)


def catalogue_for(story_path: str | Path, config: Config | None = None) -> Catalogue:
    """The catalogue the story at ``story_path`` refers to, under the story's base IRI (read once
    per process while its files are unchanged)."""
    story_path = Path(story_path)
    config = config or find_config(story_path)
    folder = catalogue_folder(config, story_path.resolve().parent).resolve()
    files = tuple((str(p), p.stat().st_mtime_ns) for p in catalogue_files(folder))
    return _cached(folder, files, config.base_iri or DEFAULT_BASE)


def catalogues_for(stories: list[Path]) -> list[tuple[Path, str]]:
    """The catalogues (folder, base IRI) of the newsrooms ``stories`` belong to, where they have
    one: what ``build`` and ``load`` publish with the stories."""
    found: dict[tuple[Path, str], None] = {}
    for story in stories:
        config = find_config(story)
        try:
            folder = catalogue_folder(config, story.resolve().parent).resolve()
            if folder.is_dir():
                found[(folder, config.base_iri or DEFAULT_BASE)] = None
        except OSError:  # a path the system cannot look at (too long...): reading the story says so
            continue
    return list(found)


def with_catalogue(data: Any, path: Path, config: Config, report: Report, catalogue: Catalogue | None = None) -> Any:
    """The story ``data`` with each reference to the catalogue (``catalogue: ID`` on an entity or
    an event) filled in from its entry (``catalogue``, else the newsroom's): id, type, names,
    Wikidata item (and description, for an unnamed thing), as far as the story does not give
    them. Problems go to ``report``; ``data`` itself is not changed."""
    if not (isinstance(data, dict) and any(_refers(data.get(section)) for section in ("entities", "events"))):
        return data
    data = copy.deepcopy(data)
    refs = [
        (f"/{section}/{i}", item)
        for section in ("entities", "events")
        for i, item in enumerate(_list(data.get(section)))
        if isinstance(item, dict) and "catalogue" in item
    ]
    first = refs[0][0] + "/catalogue"
    try:
        catalogue = catalogue or catalogue_for(path, config)
    except InputError as exc:
        report.add(first, str(exc), hint="a story that refers to the catalogue needs it", check="catalogue")
        return data
    except InvalidCatalogue as exc:
        report.add(first, str(exc), hint="run `newsgraph catalogue validate` and fix it first", check="catalogue")
        return data
    for pointer, item in refs:
        _fill(item, pointer, catalogue, report, "events" in pointer)
    return data


#: What a reference takes from its entry, unless the story gives it.
_ENTITY_FIELDS = ("type", "names", "description", "wikidata", "unnamed")
_EVENT_FIELDS = ("type", "names", "description", "wikidata")


def _fill(item: dict[str, Any], pointer: str, catalogue: Catalogue, report: Report, event: bool) -> None:
    id = item["catalogue"]
    if not isinstance(id, str) or id not in catalogue.entries:
        if isinstance(id, str):  # anything else is the schema's to report
            catalogue.report_unknown(report, f"{pointer}/catalogue", id)
            item.setdefault("id", id)  # so that what refers to it is not reported too
        return
    entry = catalogue.entry(id)
    if entry.id != id:
        report.add(
            f"{pointer}/catalogue",
            f"{id!r} was merged into {entry.id!r}",
            hint=f"refer to {entry.id!r}",
            severity="warning",
            check="catalogue",
        )
    if entry.is_event != event:
        what = "an event" if entry.is_event else "an entity"
        report.add(f"{pointer}/catalogue", f"{entry.id!r} is {what} in the catalogue", check="catalogue")
        return
    if "type" in item and item["type"] != entry.type:
        report.add(
            f"{pointer}/type",
            f"the catalogue says {entry.id!r} is a {entry.type}, not a {item['type']}",
            hint="leave 'type' out: a reference takes the entry's",
            check="catalogue",
        )
    if "wikidata" in item and entry.wikidata and item["wikidata"] != entry.wikidata:
        report.add(
            f"{pointer}/wikidata",
            f"the catalogue says {entry.id!r} is {entry.wikidata}, not {item['wikidata']}",
            hint="leave 'wikidata' out: a reference takes the entry's (correct the entry if it is wrong)",
            check="catalogue",
        )
    item["catalogue"] = entry.id
    item.setdefault("id", entry.id)
    values = {
        "type": entry.type,
        "names": None if item.get("unnamed") else dict(entry.names) or None,
        # what identifies the thing; its aliases and description stay in the catalogue's graph
        # (an unnamed thing is identified by its description)
        "description": dict(entry.description) or None if entry.unnamed else None,
        "wikidata": entry.wikidata,
        "unnamed": entry.unnamed or None,
    }
    for key in _EVENT_FIELDS if event else _ENTITY_FIELDS:
        if key not in item and values[key] is not None:
            item[key] = values[key]


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _refers(items: Any) -> bool:
    return any(isinstance(item, dict) and "catalogue" in item for item in _list(items))


def _texts(value: Any) -> dict[str, str]:
    return dict(value or {})


def _entries(data: dict[str, Any], file: str) -> list[Entry]:
    return [
        Entry(
            id=e["id"],
            type=e.get("type"),
            names=_texts(e.get("names")),
            aliases={k: tuple(v) for k, v in (e.get("aliases") or {}).items()},
            description=_texts(e.get("description")),
            unnamed=e.get("unnamed", False),
            wikidata=e.get("wikidata"),
            wikidata_pending=e.get("wikidata_pending"),
            offices=tuple(Office.from_data(o) for o in e.get("offices", ())),
            country=e.get("country"),
            part_of=e.get("part_of"),
            located_in=e.get("located_in"),
            member_of=tuple(e.get("member_of", ())),
            merged_into=e.get("merged_into"),
            reason=_texts(e.get("reason")),
            decided=e.get("decided"),
            identified_in=tuple(
                Identification(i["article"], i["node"], _texts(i["reason"]), i["decided"])
                for i in e.get("identified_in", ())
            ),
            file=file,
        )
        for e in data["entries"]
    ]
