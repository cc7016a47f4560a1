"""The served IRIs as static files, for a newsroom that publishes without running Python.

:func:`write_site` writes, for every resource the store holds (articles, catalogue things, named
graphs, the ontology), the four documents ``newsgraph serve`` answers with (``{path}.ttl``,
``.nt``, ``.jsonld``, ``.html``), the JSON-LD context, the VoID description
(``.well-known/void``), and configuration for a web server to do the content negotiation: an
Apache ``.htaccess`` and an nginx snippet, each answering a resource's IRI with ``303 See Other``
to the document the client accepts, and ``Vary: Accept``.

>>> import pyoxigraph as ox, tempfile, pathlib
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://newsgraph.example/thing/x"), ox.NamedNode("http://schema.org/name"),
...     ox.Literal("X"), ox.NamedNode("https://newsgraph.example/graph/catalogue")))
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> sorted(str(p.relative_to(folder)) for p in write_site(store, folder, base="https://newsgraph.example/"))[:4]
['.htaccess', 'context.jsonld', 'graph/catalogue.html', 'graph/catalogue.jsonld']
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path, PurePosixPath
from typing import Any

from ..mapping.article import EVIDENCE_GRAPH_SUFFIX
from ..model.iris import ARTICLE_PATH, GRAPH_PATH, THING_PATH
from ..resources import read_text
from ..stories.catalogue import CATALOGUE_GRAPH
from ..writing.files import write_files
from .lookup import MEDIA_TYPES, Resource, find_resource, local_link, render, triples_of

__all__ = ["write_site", "resources_in"]


def resources_in(store: Any, base: str) -> list[Resource]:
    """Every resource ``store`` holds under ``base``: its graphs, their articles, the catalogue's
    things and the ontology."""
    found: set[str] = {"ns"}
    graphs = store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    for row in graphs:
        graph = row["g"].value
        if graph.startswith(base + GRAPH_PATH):
            path = graph[len(base) :]
            found.add(path)
            if not path.endswith(EVIDENCE_GRAPH_SUFFIX) and path != CATALOGUE_GRAPH:
                found.add(ARTICLE_PATH + path[len(GRAPH_PATH) :])
    things = store.query(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?s), '{base}{THING_PATH}')) }}"
    )
    found.update(row["s"].value[len(base) :] for row in things)
    resources = (find_resource(base, path) for path in sorted(found))
    return [r for r in resources if r is not None]


def write_site(store: Any, folder: str | Path, *, base: str, void: str | None = None) -> list[Path]:
    """Write the site of ``store``'s resources under ``base`` into ``folder``; the files written."""
    folder = Path(folder)

    link = local_link(base)
    files: dict[PurePosixPath, bytes] = {
        PurePosixPath("context.jsonld"): read_text("schemas/newsgraph-context.jsonld").encode("utf-8"),
        PurePosixPath(".htaccess"): _HTACCESS.encode("utf-8"),
        PurePosixPath("nginx.conf.example"): _NGINX.encode("utf-8"),
    }
    if void is not None:
        files[PurePosixPath(".well-known/void")] = void.encode("utf-8")
    for resource in resources_in(store, base):
        quads = triples_of(store, resource)
        if not quads:
            continue
        path = PurePosixPath(link(resource.iri).lstrip("/"))
        for media, extension in MEDIA_TYPES.items():
            files[path.with_name(f"{path.name}.{extension}")] = render(quads, media, resource, link=link)
    by_folder: dict[Path, dict[str, bytes]] = defaultdict(dict)
    for path, data in files.items():
        by_folder[folder.joinpath(*path.parent.parts)][path.name] = data
    written = []
    for where, contents in sorted(by_folder.items()):
        where.mkdir(parents=True, exist_ok=True)
        write_files(where, contents)
        written += [where / name for name in contents]
    return written


_HTACCESS = """# Apache (mod_rewrite, mod_headers): a resource's IRI answers 303 See Other to the document
# in the media type the client accepts. Written by `newsgraph site`.
Options -MultiViews
AddType text/turtle .ttl
AddType application/n-triples .nt
AddType application/ld+json .jsonld .jsonld
AddType "text/html; charset=utf-8" .html
RewriteEngine On

RewriteCond %{HTTP_ACCEPT} text/html
RewriteCond %{REQUEST_FILENAME}.html -f
RewriteRule ^(.+)$ $1.html [R=303,L,E=vary:1]

RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteCond %{REQUEST_FILENAME}.jsonld -f
RewriteRule ^(.+)$ $1.jsonld [R=303,L,E=vary:1]

RewriteCond %{HTTP_ACCEPT} application/n-triples
RewriteCond %{REQUEST_FILENAME}.nt -f
RewriteRule ^(.+)$ $1.nt [R=303,L,E=vary:1]

RewriteCond %{REQUEST_FILENAME}.ttl -f
RewriteRule ^(.+)$ $1.ttl [R=303,L,E=vary:1]

Header always append Vary Accept env=REDIRECT_vary
"""

_NGINX = """# nginx: a resource's IRI answers 303 See Other to the document in the media type the client
# accepts. Written by `newsgraph site`; put the map in the http block, the rest in the server's.
map $http_accept $newsgraph_document {
    default ttl;
    ~text/html html;
    ~application/ld\\+json jsonld;
    ~application/n-triples nt;
}

types {
    text/turtle ttl;
    application/n-triples nt;
    application/ld+json jsonld;
    text/html html;
}

location ~ ^/(article|thing|graph|ns)(/|$) {
    add_header Vary Accept always;
    if (-f $request_filename.$newsgraph_document) {
        return 303 $uri.$newsgraph_document;
    }
    try_files $uri =404;
}
"""
