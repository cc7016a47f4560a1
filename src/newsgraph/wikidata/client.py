"""The only Wikidata client: ``wbgetentities`` and ``wbsearchentities`` over the action API.

It behaves as Wikimedia asks of automated clients: a descriptive User-Agent with a contact the
user gives (there is no default; the client refuses to run without one), ``maxlag=5``, one request
at a time, gzip, timeouts, retries with backoff on connection errors and 5xx, and waiting as long as
``Retry-After`` says (up to a cap) on 429 and on the ``maxlag`` error (an HTTP 200 whose body says
``"code": "maxlag"``). Replies are kept in a persistent cache (requests-cache, SQLite), so asking
again costs nothing.

>>> try:
...     WikidataClient(contact="")
... except InputError as exc:
...     print(str(exc).split(":")[0])
Wikidata asks automated clients for a contact
>>> parse_time({"time": "+2012-05-07T00:00:00Z", "precision": 11})
'2012-05-07'
>>> parse_time({"time": "+2025-11-00T00:00:00Z", "precision": 10})
'2025-11'
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests

from ..errors import InputError, ServiceError
from ..model.iris import QID_PATTERN
from ..report import json_pointer, printable, without_lone_surrogates
from ..schemas import compiled
from ..sessions import describe_failure, mount_retries
from .snapshot import Item, PositionHeld, Snapshot

__all__ = [
    "WIKIDATA_API",
    "API_ENV",
    "CONTACT_ENV",
    "CACHE_ENV",
    "SearchHit",
    "WikidataClient",
    "default_cache_path",
    "parse_entity",
    "parse_time",
    "fetch_snapshot",
    "extend_snapshot",
]

WIKIDATA_API = "https://www.wikidata.org/w/api.php"
#: Environment variable naming another action API (a Wikibase mirror, or a test server).
API_ENV = "NEWSGRAPH_WIKIDATA_API"
CONTACT_ENV = "NEWSGRAPH_CONTACT"
CACHE_ENV = "NEWSGRAPH_CACHE_DIR"
#: The shapes of the replies newsgraph reads.
REPLY_SCHEMA = "schemas/wikidata-reply.schema.json"
#: wbgetentities takes at most 50 ids per request.
BATCH = 50
LANGUAGES = ("el", "en")

_CONTACT = re.compile(r"^(mailto:)?[^@\s]+@[^@\s]+\.[^@\s]+$|^https?://\S+$")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ``wbsearchentities`` result: the item, its label and description, and what matched."""

    qid: str
    label: str
    description: str
    match_type: str  # "label", "alias", ...
    match_language: str
    match_text: str


def default_cache_path() -> Path:
    """Where replies are cached: $NEWSGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/newsgraph, else
    ~/.cache/newsgraph; the file is ``wikidata-http-cache.sqlite``."""
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = str(Path(base) / "newsgraph")
    return Path(folder) / "wikidata-http-cache.sqlite"


def parse_time(value: Any) -> str | None:
    """A Wikibase time value as an ISO date at its precision (day, month or year)."""
    time_ = value.get("time") if isinstance(value, dict) else None
    match = re.match(r"^\+(\d{4,})-(\d{2})-(\d{2})", time_) if isinstance(time_, str) else None
    if not match:
        return None  # BCE dates and malformed values are left out
    year, month, day = match.groups()
    precision = value.get("precision", 11)
    if not isinstance(precision, int):
        return None
    if precision >= 11:
        return f"{year}-{month}-{day}"
    if precision == 10:
        return f"{year}-{month}"
    if precision == 9:
        return year
    return None  # decade or coarser: too vague to check an office against


def _statement_values(claims: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """Statements of ``prop`` with a value, deprecated ones left out, preferred ones first."""
    statements = [
        s
        for s in claims.get(prop, [])
        if s.get("rank") != "deprecated" and s.get("mainsnak", {}).get("snaktype") == "value"
    ]
    return sorted(statements, key=lambda s: s.get("rank") != "preferred")


def _item_id(snak: dict[str, Any]) -> str | None:
    """The item a snak points to (None for a value of another kind)."""
    value = snak.get("datavalue", {}).get("value")
    qid = value.get("id") if isinstance(value, dict) else None
    return qid if isinstance(qid, str) and QID_PATTERN.match(qid) else None


def _qualifier_time(statement: dict[str, Any], prop: str) -> str | None:
    for snak in statement.get("qualifiers", {}).get(prop, []):
        if snak.get("snaktype") == "value" and "datavalue" in snak:
            return parse_time(snak["datavalue"]["value"])
    return None


def parse_entity(entity: dict[str, Any], languages: Iterable[str] = LANGUAGES, source: str = "") -> Item | None:
    """An :class:`Item` from a ``wbgetentities`` entity object (None for a missing entity).

    The entity is of the shape ``schemas/wikidata-reply.schema.json`` describes (the client checks
    every reply against it first).
    """
    if "missing" in entity:
        return None
    wanted = set(languages)
    labels = {k: v["value"] for k, v in entity.get("labels", {}).items() if k in wanted}
    aliases = {k: tuple(a["value"] for a in v) for k, v in entity.get("aliases", {}).items() if k in wanted}
    descriptions = {k: v["value"] for k, v in entity.get("descriptions", {}).items() if k in wanted}
    claims = entity.get("claims", {})
    instance_of = tuple(dict.fromkeys(i for s in _statement_values(claims, "P31") if (i := _item_id(s["mainsnak"]))))
    positions = tuple(
        PositionHeld(position, _qualifier_time(s, "P580"), _qualifier_time(s, "P582"))
        for s in _statement_values(claims, "P39")
        if (position := _item_id(s["mainsnak"]))
    )
    revision = entity.get("lastrevid")
    return Item(
        qid=entity["id"],
        labels=labels,
        aliases=aliases,
        descriptions=descriptions,
        instance_of=instance_of,
        positions=positions,
        source=source or (f"wbgetentities, revision {revision}" if revision else "wbgetentities"),
    )


class WikidataClient:
    """A polite client of the Wikidata action API.

    ``contact`` (or $NEWSGRAPH_CONTACT) is an e-mail address or URL that goes into the
    User-Agent. ``cache`` is the SQLite file of the persistent cache (``False`` for none).
    ``max_wait`` caps every wait for Retry-After; ``sleep`` is how the client waits.
    """

    def __init__(
        self,
        contact: str | None = None,
        *,
        api_url: str | None = None,
        cache: Path | str | bool | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
        retries: int = 4,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        maxlag: int = 5,
        expire_after: timedelta = timedelta(days=7),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        contact = (contact if contact is not None else os.environ.get(CONTACT_ENV, "")).strip()
        if not contact:
            raise InputError(
                "Wikidata asks automated clients for a contact: pass --contact you@example.org "
                f"(or set ${CONTACT_ENV}) so that Wikimedia can reach you"
            )
        if not _CONTACT.match(contact):
            raise InputError(f"contact {contact!r} should be an e-mail address or an http(s) URL")
        self.api_url = api_url or os.environ.get(API_ENV) or WIKIDATA_API
        self.timeout = timeout
        self.maxlag = maxlag
        self.max_wait = max_wait
        self.retries = retries
        self._sleep = sleep
        self._lock = threading.Lock()  # one request at a time, as Wikimedia asks
        self.user_agent = (
            f"newsgraph/{version('newsgraph')} (https://newsgraph.example/; {contact}) "
            f"python-requests/{requests.__version__}"
        )
        self.session = self._session(cache, expire_after)
        mount_retries(self.session, retries=retries, backoff=backoff, max_wait=max_wait, methods=frozenset({"GET"}))
        self.session.headers.update({"User-Agent": self.user_agent, "Accept-Encoding": "gzip"})

    @staticmethod
    def _session(cache: Path | str | bool | None, expire_after: timedelta) -> requests.Session:
        if cache is False:
            return requests.Session()
        import requests_cache

        path = Path(cache) if cache not in (None, True) else default_cache_path()  # type: ignore[arg-type]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return requests_cache.CachedSession(
                str(path),
                backend="sqlite",
                expire_after=expire_after,
                allowable_codes=(200,),
                allowable_methods=("GET",),
                filter_fn=_cacheable,
            )
        except (OSError, sqlite3.Error) as exc:
            raise InputError(
                f"{path}: cannot keep the Wikidata cache there ({exc}); give another --cache file, or --no-cache"
            ) from None

    # -- the two API modules -----------------------------------------------------------------
    def get_entities(self, ids: Iterable[str], languages: Iterable[str] = LANGUAGES) -> dict[str, Item | None]:
        """Items by QID (None for an id Wikidata does not have), 50 ids a request."""
        languages = tuple(languages)
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Item | None] = {}
        for start in range(0, len(wanted), BATCH):
            chunk = wanted[start : start + BATCH]
            reply = self._get(
                {
                    "action": "wbgetentities",
                    "ids": "|".join(chunk),
                    "props": "labels|aliases|descriptions|claims|info",
                    "languages": "|".join(languages),
                }
            )
            for qid in chunk:
                found[qid] = parse_entity(reply["entities"][qid], languages)
        return found

    def search(
        self, text: str, language: str, *, uselang: str | None = None, type: str = "item", limit: int = 10
    ) -> list[SearchHit]:
        """Items whose label or alias matches ``text`` in ``language``."""
        reply = self._get(
            {
                "action": "wbsearchentities",
                "search": text,
                "language": language,
                "uselang": uselang or language,
                "type": type,
                "limit": str(limit),
            }
        )
        hits = []
        for hit in reply["search"]:
            match = hit.get("match", {})
            hits.append(
                SearchHit(
                    hit["id"],
                    hit.get("label", ""),
                    hit.get("description", ""),
                    match.get("type", ""),
                    match.get("language", ""),
                    match.get("text", ""),
                )
            )
        return hits

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> WikidataClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one request ----------------------------------------------------------------------------
    def _get(self, params: dict[str, str]) -> dict[str, Any]:
        """The reply to one request, checked against the shape of its kind (``params["action"]``)."""
        kind = params["action"]
        params = {**params, "format": "json", "maxlag": str(self.maxlag)}
        with self._lock:
            for attempt in range(self.retries + 1):
                response = self._send(params)
                if response.status_code == 429 or response.status_code >= 500:
                    raise ServiceError(
                        f"Wikidata answered HTTP {response.status_code} after {self.retries} retries; try again later",
                        status=response.status_code,
                    )
                if response.status_code != 200:
                    raise ServiceError(
                        f"Wikidata answered HTTP {response.status_code}: {response.text[:200]}",
                        status=response.status_code,
                    )
                try:
                    reply = response.json()
                except (ValueError, RecursionError):
                    raise ServiceError(
                        "Wikidata answered with something that is not JSON "
                        f"({response.headers.get('Content-Type', 'no content type')})"
                    ) from None
                problem = _reply_problem(reply, params, response.text)
                if problem:
                    raise ServiceError(
                        f"Wikidata's {kind} reply {problem}; nothing was used (try again later; "
                        "if it persists, the API may have changed: please report it)"
                    )
                if "error" not in reply:
                    return reply
                error = reply["error"]
                if error["code"] != "maxlag":
                    raise ServiceError(f"Wikidata refused the request: {error['code']}: {error.get('info', '')}")
                if attempt == self.retries:
                    raise ServiceError(
                        f"Wikidata's servers stayed lagged after {self.retries} retries; try again later"
                    )
                self._sleep(self._retry_after(response))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _send(self, params: dict[str, str]) -> requests.Response:
        try:
            return self.session.get(self.api_url, params=params, timeout=self.timeout)
        except requests.exceptions.RequestException as exc:
            kind, reason = describe_failure(exc)
        if kind == "unreachable":
            raise ServiceError(
                f"cannot reach Wikidata at {self.api_url}: {reason}; "
                "without a network, newsgraph works from the offline snapshot",
                unreachable=True,
            )
        if kind == "timeout":
            raise ServiceError(
                f"Wikidata did not answer within {self.timeout[1]:g} s ({self.retries} retries); try again later"
            )
        raise ServiceError(f"request to Wikidata failed: {reason}")

    def _retry_after(self, response: requests.Response) -> float:
        try:
            seconds = float(response.headers.get("Retry-After", "5"))
        except ValueError:
            seconds = 5.0
        return max(0.0, min(seconds, self.max_wait))


def _reply_problem(reply: Any, params: dict[str, str], text: str) -> str | None:
    """What makes ``reply`` (parsed from ``text``) unusable as the answer to ``params``, or None.

    It must be Unicode text throughout, of the shape schemas/wikidata-reply.schema.json gives for
    the request's action (or for an error), and a wbgetentities reply must hold every id asked
    for, under its own id.
    """
    if "\\u" in text:
        lone: list = []
        without_lone_surrogates(reply, "", lone)
        if lone:
            return f"holds half of a surrogate pair at {lone[0][0] or '/'}, which is not a character"
    action = "error" if isinstance(reply, dict) and "error" in reply else params.get("action", "")
    schema = compiled(REPLY_SCHEMA, action)
    if not schema.is_valid(reply):
        error = next(schema.errors(reply))
        where = json_pointer(error.absolute_path) or "/"
        return f"is not of the shape newsgraph reads ({where}: {printable(error.message, limit=200)})"
    if action == "wbgetentities":
        for qid in params.get("ids", "").split("|"):
            entity = reply["entities"].get(qid)
            if entity is None or entity["id"] != qid:
                return f"gives {'nothing' if entity is None else 'item ' + entity['id']} for {qid}"
    return None


def _cacheable(response: requests.Response) -> bool:
    """Only complete, usable answers are cached: never an error body (such as maxlag) or a reply
    newsgraph refused."""
    try:
        reply = response.json()
    except (ValueError, RecursionError):
        return False
    params = {k: v[0] for k, v in parse_qs(urlsplit(response.url).query).items()}
    return isinstance(reply, dict) and "error" not in reply and _reply_problem(reply, params, response.text) is None


# -- the snapshot, from live Wikidata -----------------------------------------------------------


def fetch_snapshot(qids: Iterable[str], client: WikidataClient, taken: str) -> tuple[Snapshot, list[str]]:
    """A snapshot of ``qids`` fetched live, and the QIDs Wikidata does not have."""
    found = client.get_entities(qids)
    items = {q: item for q, item in found.items() if item is not None}
    missing = [q for q, item in found.items() if item is None]
    note = (
        "Fetched from live Wikidata with wbgetentities (labels, aliases and descriptions in el "
        "and en; P31; P39 with P580/P582) for the QIDs the stories use."
    )
    return Snapshot(taken, items, note, origin=client.api_url), missing


def extend_snapshot(snapshot: Snapshot, qids: Iterable[str], client: WikidataClient) -> Snapshot:
    """``snapshot`` plus the items of ``qids`` it lacks, fetched live (for ``--live`` checks)."""
    lacking = [q for q in qids if q not in snapshot]
    if not lacking:
        return snapshot
    found = client.get_entities(lacking)
    items = dict(snapshot.items)
    items.update({q: item for q, item in found.items() if item is not None})
    return Snapshot(snapshot.taken, items, snapshot.note, origin=f"{snapshot.origin} + live Wikidata")
