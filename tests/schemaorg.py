"""schema.org 30.0's class tree, domains and ranges, for checking what we publish against them.

tests/data/schemaorg-30.0-context.jsonld is the JSON-LD context schema.org serves for
"@context": "https://schema.org" (release 30.0, shared/anchors/schemaorg/schemaorgcontext.jsonld,
sha256 d8167890b056bc7c71eb39b30cbb4816490d5e671371ba50a5a633d1bc36961a, Apache-2.0), so that a page
embed can be expanded offline.

tests/data/schemaorg-30.0-model.json is extracted from shared/anchors/schemaorg/schemaorg-current-http.ttl
by :func:`extract` (tests/test_vocabulary.py re-extracts it when shared/ is on the machine), so the
check runs in CI, where shared/ is not.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyld.jsonld as pyld
import pyoxigraph as ox

SCHEMA = "http://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
MODEL = Path(__file__).parent / "data" / "schemaorg-30.0-model.json"


CONTEXT_FILE = Path(__file__).parent / "data" / "schemaorg-30.0-context.jsonld"


def _schema_org_context(url: str, options: object = None) -> dict:
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        document = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise AssertionError(f"the embed needs {url}")


def embed_triples(json_text: str) -> set[tuple[str, str, str]]:
    """(subject, predicate, object value) of a "@context": "https://schema.org" document, offline."""
    options = {"format": "application/n-quads", "documentLoader": _schema_org_context}
    nquads = pyld.to_rdf(json.loads(json_text), options)
    return {
        (q.subject.value, q.predicate.value, q.object.value)
        for q in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS)
    }


def _local(iri: str) -> str | None:
    return iri[len(SCHEMA) :] if iri.startswith(SCHEMA) else None


def extract(path: Path) -> dict[str, dict[str, list[str]]]:
    """superclasses, types (of enumeration members and data types), domains and ranges, by local name."""
    model: dict[str, dict[str, set[str]]] = {k: {} for k in ("superclasses", "types", "domains", "ranges")}
    key = {
        RDFS + "subClassOf": "superclasses",
        RDF_TYPE: "types",
        SCHEMA + "domainIncludes": "domains",
        SCHEMA + "rangeIncludes": "ranges",
    }
    for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        field = key.get(t.predicate.value)
        subject, object = _local(t.subject.value), _local(getattr(t.object, "value", ""))
        if field and subject is not None and object is not None:
            model[field].setdefault(subject, set()).add(object)
    return {field: {k: sorted(v) for k, v in sorted(table.items())} for field, table in model.items()}


def load() -> dict[str, dict[str, list[str]]]:
    return json.loads(MODEL.read_text(encoding="utf-8"))


def write(path: Path) -> None:
    MODEL.write_text(json.dumps(extract(path), indent=0, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write(Path(__file__).parents[2] / "shared" / "anchors" / "schemaorg" / "schemaorg-current-http.ttl")


XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
OWL = "http://www.w3.org/2002/07/owl#"
#: The schema.org data type a literal of each datatype is.
DATA_TYPES = {
    RDF + "langString": "Text",
    XSD + "string": "Text",
    XSD + "date": "Date",
    XSD + "gYearMonth": "Date",  # ISO 8601 dates at the precision the text gives
    XSD + "gYear": "Date",
    XSD + "dateTime": "DateTime",
    XSD + "boolean": "Boolean",
    XSD + "integer": "Integer",
    XSD + "nonNegativeInteger": "Integer",
}


class Vocabulary:
    """schema.org 30.0 plus an ontology (its rdfs:subClassOf, rdfs:domain and rdfs:range)."""

    def __init__(self, ontology: list[ox.Triple]) -> None:
        model = load()
        self.superclasses = {SCHEMA + k: {SCHEMA + c for c in v} for k, v in model["superclasses"].items()}
        self.member_types = {SCHEMA + k: {SCHEMA + c for c in v} for k, v in model["types"].items()}
        self.domains = {SCHEMA + k: {SCHEMA + c for c in v} for k, v in model["domains"].items()}
        self.ranges = {SCHEMA + k: {SCHEMA + c for c in v} for k, v in model["ranges"].items()}
        for t in ontology:
            if t.predicate.value == RDF_TYPE and not t.object.value.startswith(OWL):  # an individual
                self.member_types.setdefault(t.subject.value, set()).add(t.object.value)
            table = {
                RDFS + "subClassOf": self.superclasses,
                RDFS + "domain": self.domains,
                RDFS + "range": self.ranges,
            }.get(t.predicate.value)
            if table is not None and isinstance(t.object, ox.NamedNode):
                table.setdefault(t.subject.value, set()).add(t.object.value)

    def closure(self, classes: set[str]) -> set[str]:
        seen, todo = set(), list(classes)
        while todo:
            c = todo.pop()
            if c not in seen:
                seen.add(c)
                todo.extend(self.superclasses.get(c, ()))
        return seen

    def violations(self, triples: list[ox.Triple], namespaces: tuple[str, ...]) -> list[str]:
        """Every triple whose predicate (under ``namespaces``) is used outside its domain or range."""
        types: dict[str, set[str]] = {}
        for t in triples:
            if t.predicate.value == RDF_TYPE:
                types.setdefault(t.subject.value, set()).add(t.object.value)

        def classes_of(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> set[str]:
            if isinstance(term, ox.Literal):
                kind = DATA_TYPES.get(term.datatype.value)
                return self.closure({SCHEMA + kind}) | {term.datatype.value} if kind else {term.datatype.value}
            declared = types.get(term.value, set()) | self.member_types.get(term.value, set())
            return self.closure(declared)

        found = []
        for t in triples:
            p = t.predicate.value
            if not p.startswith(namespaces) or p == RDF_TYPE:
                continue
            if p not in self.domains and p not in self.ranges:
                found.append(f"{p}: neither schema.org nor the ontology gives a domain or range")
                continue
            domain = self.domains.get(p)
            if domain and not classes_of(t.subject) & domain:
                declared = sorted(types.get(t.subject.value, ()))
                found.append(f"{t.subject.value} {p}: subject is {declared}, not in {sorted(domain)}")
            allowed = self.ranges.get(p)
            if allowed:
                got = classes_of(t.object)
                iri_as_url = isinstance(t.object, ox.NamedNode) and SCHEMA + "URL" in allowed
                if not (
                    got & allowed or iri_as_url or (RDFS + "Literal" in allowed and isinstance(t.object, ox.Literal))
                ):
                    found.append(f"{t.subject.value} {p} {t.object}: object is {sorted(got)}, not in {sorted(allowed)}")
        return found
