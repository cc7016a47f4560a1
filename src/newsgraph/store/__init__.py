"""Stores and queries: loading articles into the embedded Oxigraph store or a remote Graph Store
Protocol endpoint, bulk loading, and the example questions with their paged answers.

>>> from newsgraph.store import EmbeddedStore, Payload, load_articles
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:  # the names below, for type checkers
    from .graphstore import RemoteStore as RemoteStore
    from .graphstore import auth_from as auth_from
    from .loading import (
        EmbeddedStore as EmbeddedStore,
    )
    from .loading import (
        Payload as Payload,
    )
    from .loading import (
        bulk_load_articles as bulk_load_articles,
    )
    from .loading import (
        load_articles as load_articles,
    )

# a remote store needs requests, the embedded one does not: each is imported when first used
_WHERE = {
    "EmbeddedStore": "loading",
    "Payload": "loading",
    "load_articles": "loading",
    "bulk_load_articles": "loading",
    "RemoteStore": "graphstore",
    "auth_from": "graphstore",
}
__getattr__, __dir__ = lazy_names(__name__, globals(), _WHERE)
__all__ = list(_WHERE)
