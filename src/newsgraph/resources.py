"""The only code that opens the files shipped inside the package (schemas/, ontology/, data/, queries/).

>>> sorted(RESOURCES)[:2]
['data/wikidata-snapshot.json', 'ontology/newsgraph.ttl']
>>> read_json("schemas/story.schema.json")["$schema"]
'https://json-schema.org/draft/2020-12/schema'
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

__all__ = ["RESOURCES", "read_text", "read_json", "schema_pattern", "shipped_queries"]

#: Every packaged resource, by its path in the repository.
RESOURCES = (
    "data/wikidata-snapshot.json",
    "ontology/newsgraph.ttl",
    "ontology/shapes.ttl",
    "schemas/newsgraph-context.jsonld",
    "schemas/newsgraph-jsonld.schema.json",
    "schemas/story.schema.json",
    "schemas/catalogue.schema.json",
    "schemas/wikidata-reply.schema.json",
    "schemas/ninjs/ninjs-schema_2.1.json",
    "schemas/ninjs/ninjs-schema_3.1.json",
    "schemas/ninjs/GeoJSON-schema.json",
    "queries/accounts-of-shared-events.rq",
    "queries/chain-of-sources.rq",
    "queries/entities-with-wikidata.rq",
    "queries/events-resting-on-unnamed-sources.rq",
    "queries/everything-belta-reported.rq",
    "queries/timeline-of-a-thing.rq",
    "queries/who-spoke-by-phone-with-maduro.rq",
)


@cache
def read_text(name: str) -> str:
    """The text of a packaged resource, named by its path in the repository."""
    return _locate(name).read_text(encoding="utf-8")


def _locate(name: str) -> Traversable:
    """A packaged file: inside the installed package, else (an editable install links only
    src/newsgraph) in the source checkout, where the folders stand beside src/."""
    folder, _, filename = name.partition("/")
    packaged = files("newsgraph").joinpath(folder, filename)
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / folder / filename
    return checkout if checkout.is_file() else packaged


@cache
def read_json(name: str) -> Any:
    """A packaged JSON resource, parsed (cached: do not mutate the result)."""
    return json.loads(read_text(name))


@cache
def schema_pattern(name: str, *path: str) -> re.Pattern[str]:
    """The ``pattern`` at ``path`` in a packaged JSON Schema, for Python's ``re``.

    JSON Schema's ``$`` means the end of the text; Python's would also match before a final
    newline, so it becomes ``\\Z``.

    >>> schema_pattern("schemas/story.schema.json", "$defs", "qid").match("Q7747\\n") is None
    True
    """
    node = read_json(name)
    for key in path:
        node = node[key]
    pattern = node["pattern"]
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


def shipped_queries() -> dict[str, str]:
    """The example questions shipped in queries/, by name (file name without .rq)."""
    return {name.split("/", 1)[1][: -len(".rq")]: read_text(name) for name in RESOURCES if name.startswith("queries/")}
