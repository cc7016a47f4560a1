"""IRIs that answer when followed: a Linked Data front end over a store.

Every IRI newsgraph mints under the base (articles and their nodes, catalogue things, named
graphs, the ontology) answers a GET with ``303 See Other`` to the document in the media type the
client accepts (``Vary: Accept``): ``{path}.ttl``, ``.nt``, ``.jsonld`` or ``.html``. Also
served: the JSON-LD context (``/context.jsonld``), the VoID description
(``/.well-known/void``) and a read-only SPARQL endpoint (``/sparql?query=...``) passed through
to the store with a size limit and a time limit. Only GET and HEAD; an IRI the store knows
nothing of is 404, an Accept header nothing can satisfy 406.

>>> import pyoxigraph as ox
>>> app = linked_data_app(ox.Store(), base="https://newsgraph.example/")
>>> [(route.path, sorted(route.methods)) for route in app.routes]
[('/{path:path}', ['GET', 'HEAD'])]
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import anyio
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..resources import read_text
from .lookup import EXTENSIONS, MEDIA_TYPES, find_resource, local_link, negotiate, render, triples_of

__all__ = ["linked_data_app", "serve"]

#: The longest SPARQL query the endpoint takes, and how long it may run.
MAX_QUERY = 10_000
QUERY_SECONDS = 10.0
_SPARQL_RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
}


def linked_data_app(store: Any, *, base: str, void: Callable[[], str] | None = None) -> Starlette:
    """The ASGI application serving ``store`` (anything with ``query(sparql)``, as Oxigraph's
    store) for the IRIs under ``base``; ``void`` makes the dataset description (Turtle), once,
    when it is first asked for (it reads the whole store: not at start-up)."""
    described = cache(void) if void is not None else None

    link = local_link(base)

    async def resource(request: Request) -> Response:
        path = request.path_params["path"]
        if path == "context.jsonld":
            return Response(read_text("schemas/newsgraph-context.jsonld"), media_type="application/ld+json")
        if path == ".well-known/void":
            if described is None:
                return PlainTextResponse("no dataset description is served here\n", status_code=404)
            return Response(await anyio.to_thread.run_sync(described), media_type="text/turtle")
        if path == "sparql":
            return await _sparql(store, request)
        stem, dot, extension = path.rpartition(".")
        document = dot and extension in EXTENSIONS and find_resource(base, stem)
        found = document or find_resource(base, path)
        if not found:
            return PlainTextResponse(f"newsgraph mints no IRI {base}{path}\n", status_code=404)
        quads = await anyio.to_thread.run_sync(triples_of, store, found)
        if not quads:
            return PlainTextResponse(f"the store says nothing about {found.iri}\n", status_code=404)
        if not document:
            media = negotiate(request.headers.get("accept"))
            if media is None:
                accepted = ", ".join(MEDIA_TYPES)
                return PlainTextResponse(f"406: this resource is served as {accepted}\n", status_code=406)
            target = f"/{path}.{MEDIA_TYPES[media]}"
            return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})
        media = EXTENSIONS[extension]
        body = render(quads, media, found, link=link)
        content = f"{media}; charset=utf-8" if media.startswith("text/") else media
        return Response(body, headers={"Content-Type": content})

    return Starlette(routes=[Route("/{path:path}", resource, methods=["GET", "HEAD"])])


async def _sparql(store: Any, request: Request) -> Response:
    query = request.query_params.get("query")
    if not query:
        return PlainTextResponse("give a SPARQL query: /sparql?query=...\n", status_code=400)
    if len(query) > MAX_QUERY:
        return PlainTextResponse(f"a query is at most {MAX_QUERY} characters here\n", status_code=413)
    accept = request.headers.get("accept", "")
    media = next((m for m in _SPARQL_RESULTS if m in accept), "application/sparql-results+json")
    try:
        with anyio.fail_after(QUERY_SECONDS):
            body = await anyio.to_thread.run_sync(_answer, store, query, media, abandon_on_cancel=True)
    except TimeoutError:
        return PlainTextResponse(f"the query ran over {QUERY_SECONDS:.0f} s\n", status_code=503)
    except (SyntaxError, ValueError) as exc:
        return PlainTextResponse(f"not a SPARQL query this endpoint answers: {exc}\n", status_code=400)
    return Response(body[0], media_type=body[1])


def _answer(store: Any, query: str, media: str) -> tuple[bytes, str]:
    result = store.query(query)
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"", "application/n-triples"
    if isinstance(result, list):  # a remote store's CONSTRUCT
        return ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b"", "application/n-triples"
    return result.serialize(format=_SPARQL_RESULTS[media]) or b"", media


def serve(
    store: Any, *, base: str, void: Callable[[], str] | None, host: str, port: int
) -> None:  # pragma: no cover - runs until stopped
    """Serve ``store`` on ``host:port`` until interrupted."""
    import uvicorn

    uvicorn.run(linked_data_app(store, base=base, void=void), host=host, port=port, log_level="warning")
