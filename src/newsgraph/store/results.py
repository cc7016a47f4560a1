"""Print SPARQL query results: a table for people, CSV or SPARQL JSON for programs.

>>> import pyoxigraph as ox
>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("https://ex.org/a"), ox.NamedNode("http://schema.org/name"),
...                   ox.Literal("Α", language="el")))
>>> print(format_results(store.query("SELECT ?s ?n WHERE { ?s ?p ?n }"), "table"))
?s                  ?n
------------------  ------
<https://ex.org/a>  "Α"@el
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox

__all__ = ["FORMATS", "format_results", "row_count"]

FORMATS = ("table", "csv", "json")


def _cell(term: object) -> str:
    return "" if term is None else str(term)


def _text(data: bytes | None) -> str:
    """What Oxigraph serialised to memory (it returns bytes when given no file)."""
    assert data is not None
    return data.decode("utf-8")


def format_results(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list, fmt: str) -> str:
    """Results of SELECT or ASK as ``table``, ``csv`` or ``json``; CONSTRUCT as N-Triples."""
    if isinstance(result, (ox.QueryTriples, list)):
        return _text(ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES)).rstrip("\n")
    if fmt == "json":
        return _text(result.serialize(format=ox.QueryResultsFormat.JSON))
    if isinstance(result, ox.QueryBoolean):
        return "true" if bool(result) else "false"
    if fmt == "csv":
        return _text(result.serialize(format=ox.QueryResultsFormat.CSV)).rstrip("\r\n")
    variables = [v.value for v in result.variables]
    rows = [[_cell(solution[v]) for v in variables] for solution in result]
    widths = [max([len(v) + 1] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    lines = ["  ".join(f"?{v}".ljust(w) for v, w in zip(variables, widths, strict=False))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


def row_count(text: str, fmt: str) -> int:
    """How many rows of a SELECT query's answer ``text``, formatted by :func:`format_results`, holds.

    >>> row_count("?s\\n--\\n<a>\\n<b>", "table"), row_count("s\\r\\na\\r\\n", "csv")
    (2, 1)
    """
    if fmt == "json":
        bindings = json.loads(text).get("results", {}).get("bindings", [])
        return len(bindings)
    if fmt == "csv":
        return max(0, sum(1 for _ in csv.reader(io.StringIO(text))) - 1)
    return max(0, len(text.splitlines()) - 2)
