"""Publish the newsroom's catalogue: its named graph, ``{base}graph/catalogue``, mapped by
:mod:`newsgraph.mapping.catalogue`, checked and written as an article's is.

>>> from newsgraph.stories.catalogue import load_catalogue
>>> published = build_catalogue(load_catalogue("catalogue"))
>>> published.graph_iri
'https://newsgraph.example/graph/catalogue'
>>> sorted(published.files())[:2]
['catalogue.html', 'catalogue.jsonld']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ..errors import InvalidCatalogue
from ..mapping.catalogue import map_catalogue
from ..model.vocab import PREFIXES
from ..stories.catalogue import Catalogue
from .build import Published

__all__ = ["CatalogueBuild", "build_catalogue"]

#: The stem of the catalogue's file names.
CATALOGUE_NAME = "catalogue"


@dataclass(frozen=True)
class CatalogueBuild(Published):
    """The built catalogue: ``catalogue.ttl``, ``.trig``, ``.jsonld`` and ``.html``."""

    catalogue: Catalogue

    @cached_property
    def prefixes(self) -> dict[str, str]:
        return {**PREFIXES, "thing": self.mapped.prefix}

    @property
    def label(self) -> str:
        return f"catalogue ({len(self.catalogue)} entries)"

    @cached_property
    def structured_data(self) -> dict[str, Any]:
        """What ``catalogue.html`` embeds: the catalogue's JSON-LD document."""
        return self.jsonld_document


def build_catalogue(catalogue: Catalogue, *, check: bool = True) -> CatalogueBuild:
    """Map the catalogue and, with ``check``, check it as an article is checked (terms, JSON-LD
    profile, SHACL shapes); raises InvalidCatalogue if it does not conform."""
    result = CatalogueBuild(map_catalogue(catalogue), CATALOGUE_NAME, catalogue.path, catalogue)
    if check:
        report = result.check()
        if not report.ok:
            raise InvalidCatalogue([report])
    return result
