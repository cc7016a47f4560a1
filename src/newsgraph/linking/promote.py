"""Promote a story's own entity into the newsroom's catalogue, and make the story refer to it.

What the entity *is* (type, names, aliases, description, Wikidata item, the catalogue things it
belongs to) becomes a catalogue entry; what the article says about it (offices as of its date,
evidence) stays in the story, which gains one line, ``catalogue: ID``. Nothing is written until
:meth:`Promotion.write` is called; other stories are never touched.

>>> from pathlib import Path
>>> p = promotion(Path("stories/2025-12-11-putin-lukashenko-support-maduro.yaml"), "western-governments")
>>> p.entry["id"], p.catalogue_file.name, p.story_line
('western-governments', 'organisations.yaml', 194)
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, InvalidCatalogue, InvalidStory
from ..model.vocab import ORGANIZATION_TYPES, PLACE_TYPES
from ..stories.catalogue import catalogue_folder, read_catalogue
from ..stories.config import find_config
from ..stories.story import read_story
from ..stories.storyfile import load_file, read_text
from ..wikidata.snapshot import Snapshot
from ..writing.files import write_files

__all__ = ["Promotion", "promotion"]

#: The catalogue file an entry of each type goes to, unless one is named.
FILES = {
    "person": "people.yaml",
    **dict.fromkeys(sorted(PLACE_TYPES), "places.yaml"),
    **dict.fromkeys(sorted(ORGANIZATION_TYPES), "organisations.yaml"),
    "position": "positions.yaml",
}
#: What an entry takes from the story's entity, as the story writes it.
_FIELDS = ("type", "names", "aliases", "description", "wikidata", "unnamed")
#: The story's references to other things an entry keeps, when those are in the catalogue too.
_LINKS = ("country", "part_of")


@dataclass(frozen=True)
class Promotion:
    """What promoting one entity would change: an entry appended to a catalogue file, and one
    line (``catalogue: ID``) inserted into the story."""

    story: Path
    entity: str
    entry: dict[str, Any]
    catalogue_file: Path
    catalogue_text: str
    story_text: str
    #: The line of the story the reference goes after (1-based).
    story_line: int
    #: What stays in the story, and what the entry leaves out, in words.
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        entry = yaml.safe_dump([self.entry], allow_unicode=True, sort_keys=False).rstrip("\n")
        lines = [f"add to {self.catalogue_file}:", *("  " + line for line in entry.splitlines())]
        lines.append(f"change {self.story}: after line {self.story_line}, 'catalogue: {self.entry['id']}'")
        lines += self.notes
        return "\n".join(lines)

    def write(self) -> None:
        """Write the catalogue file, then the story (each replaced atomically)."""
        write_files(self.catalogue_file.parent, {self.catalogue_file.name: self.catalogue_text.encode("utf-8")})
        write_files(self.story.parent, {self.story.name: self.story_text.encode("utf-8")})


def promotion(story: Path, entity: str, *, id: str | None = None, file: str | None = None) -> Promotion:
    """What promoting ``entity`` of the story at ``story`` would change (as entry ``id``, into
    catalogue file ``file``); raises InvalidStory, InvalidCatalogue or InputError if it cannot be
    done, saying why."""
    loaded, report = read_story(story)
    if loaded is None:
        raise InvalidStory(report)
    data, positions, _ = load_file(story)
    index = next((i for i, e in enumerate(data["entities"]) if e.get("id", e.get("catalogue")) == entity), None)
    if index is None:
        known = ", ".join(e.id for e in loaded.entities if not e.catalogue)
        raise InputError(f"{story}: no entity {entity!r}; the story's own entities: {known or 'none'}")
    item = data["entities"][index]
    if "catalogue" in item:
        raise InputError(f"{story}: {entity!r} already refers to the catalogue's {item['catalogue']!r}")
    if story.suffix == ".json":
        raise InputError(f"{story}: promote edits YAML stories; add 'catalogue: ID' to {entity!r} by hand")

    config = find_config(story)
    folder = catalogue_folder(config, story.resolve().parent)
    snapshot = Snapshot.default(config.snapshot)
    catalogue, reports = read_catalogue(folder, snapshot)
    if catalogue is None:
        raise InvalidCatalogue([r for r in reports if not r.ok])
    id = id or entity
    if id in catalogue.entries:
        raise InputError(f"{folder}: the catalogue has {id!r} already; give the entry another id with --id")

    entry: dict[str, Any] = {"id": id, **{key: item[key] for key in _FIELDS if key in item}}
    notes = []
    for key in _LINKS:
        if key in item:
            linked = next((e.catalogue for e in loaded.entities if e.id == item[key]), None)
            if linked:
                entry[key] = linked
            else:
                notes.append(f"left out: {key} {item[key]!r}, which is the story's own, not the catalogue's")
    kept = [key for key in ("offices", "evidence") if key in item]
    if kept:
        notes.append(f"kept in the story: {' and '.join(kept)} (what this article says)")

    catalogue_file = folder / (file or FILES.get(item["type"], "things.yaml"))
    catalogue_text = _appended(catalogue_file, entry)
    _check(folder, catalogue_file, catalogue_text, snapshot)
    story_text, line = _referring(story, positions, index, id)
    return Promotion(story, entity, entry, catalogue_file, catalogue_text, story_text, line, tuple(notes))


def _appended(path: Path, entry: dict[str, Any]) -> str:
    """The catalogue file at ``path`` (a new one if there is none) with ``entry`` at its end."""
    text = read_text(path) if path.exists() else "newsgraph: 1\nentries:\n"
    data, _, _ = load_file(path) if path.exists() else (yaml.safe_load(text), None, None)
    if not isinstance(data, dict) or list(data)[-1:] != ["entries"] or not isinstance(data["entries"], list | None):
        raise InputError(f"{path}: 'entries' must be the file's last key, as a block list, to append to it")
    if data["entries"] and not text.rstrip().splitlines()[-1].startswith(("-", " ")):
        raise InputError(f"{path}: 'entries' must be a block list ('- id: ...') to append to it")
    block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=100)
    return text + ("" if text.endswith("\n") else "\n") + block


def _check(folder: Path, changed: Path, text: str, snapshot: Snapshot) -> None:
    """The catalogue with ``changed`` holding ``text`` must check clean (a copy is checked)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "catalogue"
        shutil.copytree(folder, copy)
        (copy / changed.relative_to(folder)).write_text(text, encoding="utf-8")
        catalogue, reports = read_catalogue(copy, snapshot)
    if catalogue is None:
        raise InvalidCatalogue([r for r in reports if not r.ok])


def _referring(story: Path, positions: dict[str, tuple[int, int]], index: int, id: str) -> tuple[str, int]:
    """The story's text with ``catalogue: ID`` as the first key after entity ``index``'s first line."""
    line, column = positions[f"/entities/{index}"]
    lines = read_text(story).splitlines(keepends=True)
    if lines[line - 1][column - 1 : column] == "{":
        raise InputError(f"{story}:{line}: the entity is written inline ({{...}}); add 'catalogue: {id}' by hand")
    lines.insert(line, " " * (column - 1) + f"catalogue: {id}\n")
    text = "".join(lines)
    before, after = yaml.safe_load(read_text(story)), yaml.safe_load(text)
    before["entities"][index]["catalogue"] = id
    if after != before:  # the entity's first key spans lines: not a place to insert one
        raise InputError(f"{story}:{line}: cannot insert 'catalogue: {id}' here; add it to the entity by hand")
    return text, line
