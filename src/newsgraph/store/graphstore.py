"""A remote SPARQL store, spoken to with the SPARQL 1.1 Graph Store HTTP Protocol.

One ``PUT {graph store}?graph={article graph}`` per article replaces the article's graph (PUT is
idempotent, so retrying it is safe); queries go to the SPARQL endpoint as a form POST. The same
code serves Oxigraph, Fuseki, GraphDB, Virtuoso or Neptune: only the URLs and the credentials
differ.

Requests time out (5 s to connect, 60 s to answer, by default), are retried with exponential
backoff on connection errors, 5xx and 429 (honouring ``Retry-After`` up to a cap), verify TLS
certificates, and never print credentials.

>>> store = RemoteStore("http://127.0.0.1:7878/query", graph_store="http://127.0.0.1:7878/store")
>>> store.graph_store
'http://127.0.0.1:7878/store'
>>> RemoteStore("http://user:secret@example.org/sparql")
Traceback (most recent call last):
...
newsgraph.errors.InputError: put store credentials in --user/--password, --token or the environment, not in the URL
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from ..errors import InputError, ServiceError
from ..sessions import RETRY_STATUSES, describe_failure, retrying_session
from .loading import Payload, QueryResult

__all__ = ["RemoteStore", "auth_from", "BearerAuth", "ENV_USER", "ENV_PASSWORD", "ENV_TOKEN"]

ENV_USER = "NEWSGRAPH_STORE_USER"
ENV_PASSWORD = "NEWSGRAPH_STORE_PASSWORD"
ENV_TOKEN = "NEWSGRAPH_STORE_TOKEN"

_OK = (200, 201, 204)


class BearerAuth(AuthBase):
    """``Authorization: Bearer <token>``."""

    def __init__(self, token: str) -> None:
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return "BearerAuth(***)"


def auth_from(
    user: str | None = None, password: str | None = None, token: str | None = None, scheme: str = "basic"
) -> AuthBase | None:
    """Credentials from the options, else from $NEWSGRAPH_STORE_USER/_PASSWORD/_TOKEN.

    ``scheme`` is ``basic`` or ``digest`` for a user and password (Virtuoso wants digest).
    """
    user = user or os.environ.get(ENV_USER)
    password = password if password is not None else os.environ.get(ENV_PASSWORD)
    token = token or os.environ.get(ENV_TOKEN)
    if token and user:
        raise InputError("give either a token or a user and password for the store, not both")
    if token:
        return BearerAuth(token)
    if user:
        if password is None:
            raise InputError(f"a password is needed for store user {user!r} (--password or ${ENV_PASSWORD})")
        if scheme == "digest":
            return HTTPDigestAuth(user, password)
        if scheme == "basic":
            return HTTPBasicAuth(user, password)
        raise InputError(f"unknown authentication scheme {scheme!r}: use basic or digest")
    return None


def _check_url(url: str, what: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise InputError(f"{what} {url!r} is not a valid URL: {exc}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise InputError(f"{what} {url!r} must be an http(s) URL")
    if parts.username or parts.password:
        raise InputError("put store credentials in --user/--password, --token or the environment, not in the URL")
    return url


class RemoteStore:
    """A SPARQL 1.1 store reached over HTTP."""

    def __init__(
        self,
        endpoint: str,
        *,
        graph_store: str | None = None,
        auth: AuthBase | None = None,
        timeout: tuple[float, float] = (5.0, 60.0),
        retries: int = 4,
        backoff: float = 0.5,
        retry_after_cap: float = 30.0,
        verify_tls: bool | str = True,
    ) -> None:
        self.endpoint = _check_url(endpoint, "SPARQL endpoint")
        self.graph_store = _check_url(graph_store or endpoint, "graph store URL")
        self.timeout = timeout
        self.session = retrying_session(retries=retries, backoff=backoff, max_wait=retry_after_cap)
        self.session.auth = auth
        self.verify_tls = verify_tls
        self.session.headers["User-Agent"] = "newsgraph (+https://newsgraph.example/)"

    def replace_graph(self, graph: str, payload: Payload) -> None:
        """PUT the payload's triples as the whole content of ``graph``."""
        response = self._request(
            "PUT",
            self.graph_store,
            params={"graph": graph},
            data=payload.ntriples(),
            headers={"Content-Type": "application/n-triples"},
            what=f"storing <{graph}>",
        )
        if response.status_code not in _OK:
            raise self._refused(response, f"storing <{graph}>")

    def count_triples(self, graph: str) -> int:
        # The graph IRI goes through NamedNode (validated), never pasted as raw text.
        result = self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {ox.NamedNode(graph)} {{ ?s ?p ?o }} }}")
        solution = next(iter(result))  # type: ignore[arg-type]
        return int(solution["n"].value)

    def query(self, sparql: str) -> QueryResult | list[ox.Triple]:
        """Run a query; SELECT/ASK give Oxigraph result objects, CONSTRUCT a list of triples."""
        # A form POST: some stores (Virtuoso) hang on application/sparql-query bodies.
        response = self._request(
            "POST",
            self.endpoint,
            data={"query": sparql},
            what="querying",
            headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
        )
        if response.status_code == 400:
            raise InputError(f"the store rejected the query (HTTP 400): {_excerpt(response)}")
        if response.status_code != 200:
            raise self._refused(response, "querying")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        try:
            if content_type in ("application/n-triples", "text/plain"):
                return list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise ServiceError(f"{self.endpoint} sent results newsgraph cannot read ({content_type}): {exc}") from None

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, method: str, url: str, *, what: str, **kwargs: Any) -> requests.Response:
        try:
            # verify goes with each request: requests lets $REQUESTS_CA_BUNDLE and $CURL_CA_BUNDLE
            # override a session's setting, and --ca-bundle must win.
            return self.session.request(method, url, timeout=self.timeout, verify=self.verify_tls, **kwargs)
        except requests.exceptions.RequestException as exc:
            kind, reason = describe_failure(exc)
        if kind == "unreachable":
            raise ServiceError(f"{what}: cannot reach {url}: {reason}", unreachable=True)
        if kind == "timeout":
            raise ServiceError(f"{what}: {url} did not answer within {self.timeout[1]:g} s")
        raise ServiceError(f"{what}: request to {url} failed: {reason}")

    def _refused(self, response: requests.Response, what: str) -> ServiceError:
        status = response.status_code
        if status in (401, 403):
            message = (
                f"{what}: the store refused the credentials (HTTP {status}); "
                f"check --user/--password/--token (or ${ENV_USER}, ${ENV_PASSWORD}, ${ENV_TOKEN})"
            )
            if not isinstance(self.session.auth, HTTPDigestAuth):
                message += "; if the store wants digest authentication (Virtuoso does), add --auth digest"
        elif status in RETRY_STATUSES:
            message = f"{what}: the store still answered HTTP {status} after retries: {_excerpt(response)}"
        else:
            message = f"{what}: the store answered HTTP {status}: {_excerpt(response)}"
        return ServiceError(message, status=status)


def _excerpt(response: requests.Response, limit: int = 300) -> str:
    text = response.text.strip()
    if "<html" in text[:200].lower():  # Virtuoso's error pages: keep the message, drop the markup
        import re

        text = re.sub(r"<[^>]+>", " ", text)
        text = " ".join(text.split())
    return (text[:limit] + "...") if len(text) > limit else (text or "(no message)")
