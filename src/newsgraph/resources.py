"""The only code that opens the files shipped inside the package (schemas/, ontology/, data/).

>>> sorted(RESOURCES)[:2]
['data/wikidata-snapshot.json', 'ontology/newsgraph.ttl']
>>> read_json("schemas/story.schema.json")["$schema"]
'https://json-schema.org/draft/2020-12/schema'
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["RESOURCES", "read_text", "read_json"]

#: Every packaged resource, by its path in the repository.
RESOURCES = (
    "data/wikidata-snapshot.json",
    "ontology/newsgraph.ttl",
    "ontology/shapes.ttl",
    "schemas/newsgraph-context.jsonld",
    "schemas/newsgraph-jsonld.schema.json",
    "schemas/story.schema.json",
)


@cache
def read_text(name: str) -> str:
    """The text of a packaged resource, named by its path in the repository."""
    folder, _, filename = name.partition("/")
    return files("newsgraph").joinpath(folder, filename).read_text(encoding="utf-8")


@cache
def read_json(name: str) -> Any:
    """A packaged JSON resource, parsed (cached: do not mutate the result)."""
    return json.loads(read_text(name))
