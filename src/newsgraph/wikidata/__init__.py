"""Wikidata: the offline snapshot of the items stories use (checks work with no network) and the
one polite client that reads Wikidata's API to extend it.

>>> from newsgraph.wikidata import WikidataClient
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:  # the names below, for type checkers
    from .client import WikidataClient as WikidataClient
    from .snapshot import Snapshot as Snapshot

# the client needs requests: a story check, which reads the snapshot, does not load it
_WHERE = {"Snapshot": "snapshot", "WikidataClient": "client"}
__getattr__, __dir__ = lazy_names(__name__, globals(), _WHERE)
__all__ = list(_WHERE)
