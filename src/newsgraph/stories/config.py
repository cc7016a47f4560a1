"""A newsroom's configuration: ``newsgraph.toml``, what every story of a newsroom shares.

The file sits at the root of a folder of stories and is found by walking up from the story (as
ruff or black find theirs). Precedence, highest first: command-line option (or its environment
variable) > story > configuration file > built-in default.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "newsgraph.toml").write_text('base_iri = "https://news.example/"\\n')
>>> (folder / "desk").mkdir()
>>> config = find_config(folder / "desk" / "story.yaml")
>>> config.base_iri, config.source("base_iri") == str(folder / "newsgraph.toml")
('https://news.example/', True)
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model.iris import check_base, check_iri

__all__ = ["CONFIG_FILE", "DEFAULT_STORE", "Config", "find_config", "read_config"]

CONFIG_FILE = "newsgraph.toml"
#: Where `newsgraph load` and `newsgraph query` keep the embedded store unless told otherwise.
DEFAULT_STORE = "newsgraph-store"

#: Every key the file may hold, and what it is for (printed by ``newsgraph config``).
KEYS = {
    "base_iri": "base IRI under which articles and their nodes are minted",
    "license": "licence of every article that does not give its own (an IRI)",
    "wikidata_contact": "your e-mail or URL for the Wikidata User-Agent",
    "snapshot": "Wikidata snapshot file, relative to newsgraph.toml",
    "catalogue": "the newsroom's catalogue folder, relative to newsgraph.toml (default: catalogue/ beside it)",
    "copyright_notice": "the rights statement of every article that gives none, and of the catalogue (text)",
    "title": "the title of the newsroom's published dataset (in its VoID/DCAT description)",
    "publisher": "who publishes the dataset (an IRI: the newsroom's web site or its catalogue thing)",
    "sparql_endpoint": "where the dataset can be queried (an IRI), for its description",
    "dump_url": "where the dump of the whole dataset is published (an IRI), for its description",
}
#: The keys whose values are IRIs.
IRI_KEYS = ("license", "publisher", "sparql_endpoint", "dump_url")


@dataclass(frozen=True)
class Config:
    """The values of a configuration file (None: not set) and the file they came from."""

    path: Path | None = None
    base_iri: str | None = None
    license: str | None = None
    wikidata_contact: str | None = None
    snapshot: Path | None = None
    catalogue: Path | None = None
    copyright_notice: str | None = None
    title: str | None = None
    publisher: str | None = None
    sparql_endpoint: str | None = None
    dump_url: str | None = None
    _set: frozenset[str] = field(default=frozenset(), repr=False)

    def source(self, key: str) -> str | None:
        """The file that set ``key``, or None."""
        return str(self.path) if key in self._set else None


def find_config(start: str | Path) -> Config:
    """The configuration of the newsroom ``start`` (a story or a folder) belongs to: the nearest
    newsgraph.toml in its folder or above; an empty Config when there is none."""
    here = Path(start).resolve()
    folder = here if _is(here, Path.is_dir) else here.parent
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_FILE
        if _is(path, Path.is_file):
            return read_config(path)
    return Config()


def _is(path: Path, test: Callable[[Path], bool]) -> bool:
    """``test(path)``, False for a path the system cannot even look at (a name too long, ...)."""
    try:
        return test(path)
    except OSError:
        return False


def read_config(path: str | Path) -> Config:
    """Read and check one configuration file; raises InputError naming the file, key and fix."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the configuration ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}; fix the file or remove it") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise InputError(
            f"{path}: unknown key {unknown[0]!r}; the keys are {', '.join(KEYS)} (see `newsgraph config --help`)"
        )
    values: dict[str, Any] = {}
    for key, value in data.items():
        if not isinstance(value, str) or not value:
            raise InputError(f"{path}: {key} must be a non-empty string, not {value!r}")
        try:
            if key == "base_iri":
                values[key] = check_base(value)
            elif key in IRI_KEYS:
                values[key] = check_iri(value)
            elif key in ("snapshot", "catalogue"):
                values[key] = (path.parent / value).resolve()
            else:
                values[key] = value
        except ValueError as exc:
            raise InputError(f"{path}: {key}: {exc}") from None
    return Config(path=path.resolve(), _set=frozenset(values), **values)
