"""Check what a build publishes against the published contract, as any consumer would.

- the JSON-LD document against ``schemas/newsgraph-jsonld.schema.json`` (JSON Schema 2020-12,
  decided by jsonschema-rs, explained by jsonschema);
- the article's graph against ``ontology/shapes.ttl``: in the build by :mod:`newsgraph.contract.shapes`
  (the same constraints in Python, fast), and with pySHACL by :func:`check_shapes_pyshacl` (the
  reference, used by the tests to prove the two agree).

Problems go into the same :class:`~newsgraph.report.Report` as the story's own problems, with the
output file's name and a JSON pointer (JSON-LD) or the focus node and path (SHACL).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from ..mapping.article import MappedArticle
from ..model.vocab import PREFIXES, RDF
from ..report import Report, json_pointer
from ..resources import read_json, read_text
from ..schemas import compiled
from .shapes import check_nodes

if TYPE_CHECKING:
    import rdflib

__all__ = ["shapes_graph", "check_jsonld", "check_shapes", "check_shapes_pyshacl"]

PROFILE = "schemas/newsgraph-jsonld.schema.json"
SHAPES = "ontology/shapes.ttl"

_SH = "http://www.w3.org/ns/shacl#"  # rdflib.Namespace(_SH) when rdflib is loaded
_HINT = "this is what the build would publish: fix the story, or report a newsgraph bug"


@cache
def shapes_graph() -> rdflib.Graph:
    """The SHACL shapes, parsed once."""
    import rdflib

    return rdflib.Graph().parse(data=read_text(SHAPES), format="turtle")


def check_jsonld(document: dict[str, Any], report: Report, file: str) -> None:
    """Add a problem for every way ``document`` breaks the JSON-LD profile."""
    for error in compiled(PROFILE).errors(document):
        pointer = json_pointer(error.absolute_path)
        message = error.message if len(error.message) < 300 else error.message[:297] + "..."
        if error.validator in ("if", "allOf") or (error.schema_path and "allOf" in error.schema_path):
            rule = _rule(error)
            message = f"breaks the rule '{rule}'" if rule else message
        report.add(pointer, message, hint=_HINT, check="jsonld-profile", file=file)


def _rule(error: Any) -> str:
    path = list(error.schema_path)
    if "allOf" in path:
        i = path.index("allOf")
        if i + 1 < len(path) and isinstance(path[i + 1], int):
            node_schema = read_json(PROFILE)["$defs"]["node"]
            rules = node_schema.get("allOf", [])
            if path[i + 1] < len(rules):
                return rules[path[i + 1]].get("$comment", "")
    return ""


def check_shapes(mapped: MappedArticle, report: Report, file: str) -> None:
    """Add a problem for every violation of the shapes in the article and evidence graphs (fast path)."""
    for v in check_nodes(mapped.all_nodes):
        path = f" {_short_iri(v.path)}" if v.path else ""
        report.add("", f"<{v.focus}>{path}: {v.message} ({v.shape})", hint=_HINT, check="shacl", file=file)


def _short_iri(iri: str) -> str:
    for prefix, namespace in {**PREFIXES, "rdf": RDF}.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def check_shapes_pyshacl(graph: rdflib.Graph, report: Report, file: str) -> None:
    """Add a problem for every SHACL violation of ``graph``, found by pySHACL (the reference)."""
    import pyshacl  # heavy imports, needed only here
    import rdflib

    conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none")
    if conforms:
        return
    sh = rdflib.Namespace(_SH)
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        message = results.value(result, sh.resultMessage) or results.value(result, sh.sourceConstraintComponent)
        shape = results.value(result, sh.sourceShape)
        where = f"<{focus}>" + (
            f" {graph.namespace_manager.normalizeUri(path)}" if isinstance(path, rdflib.URIRef) else ""
        )
        shape_name = shape.n3(results.namespace_manager) if isinstance(shape, rdflib.URIRef) else "a shape"
        report.add("", f"{where}: {message} ({shape_name})", hint=_HINT, check="shacl", file=file)
