"""Stores and queries: loading articles into the embedded Oxigraph store or a remote Graph Store
Protocol endpoint, bulk loading, and the example questions with their paged answers.

>>> from newsgraph.store import EmbeddedStore, Payload, load_articles
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from .graphstore import RemoteStore, auth_from
    from .loading import EmbeddedStore, Payload, bulk_load_articles, load_articles

__all__ = ["EmbeddedStore", "Payload", "load_articles", "bulk_load_articles", "RemoteStore", "auth_from"]
# a remote store needs requests, the embedded one does not: each is imported when first used
__getattr__, __dir__ = lazy_names(
    __name__,
    globals(),
    {
        "EmbeddedStore": "loading",
        "Payload": "loading",
        "load_articles": "loading",
        "bulk_load_articles": "loading",
        "RemoteStore": "graphstore",
        "auth_from": "graphstore",
    },
)
