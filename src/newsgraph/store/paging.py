"""Page a SELECT query's answer: `newsgraph query --limit N --offset M`.

The page is put into the query's own text, so the store sends only that page:

- a query whose outermost part has no LIMIT, OFFSET or trailing VALUES of its own gets
  ``LIMIT N OFFSET M`` appended after its ORDER BY: the store orders every row, then cuts;
- any other becomes a subquery, ``SELECT * WHERE { { the query } } LIMIT N OFFSET M``: a page of
  what it answers (Oxigraph keeps the subquery's order; SPARQL does not promise it).

Two comment lines, ignored by every other SPARQL tool, let a question say more:

- ``#newsgraph:default-limit N``: the page size when no --limit is given (a shipped question whose
  answer grows with the archive has one; --all asks for every row);
- ``#newsgraph:page-bound``, inside a subquery (after its ORDER BY): replaced by
  ``LIMIT offset+limit`` when paged. Ordering the whole archive to cut one page from it is what
  makes a page slow; a question whose rows come in the order of that subquery's solutions, each
  solution giving one row or more, needs only the first offset+limit of them for the page.

>>> print(paged("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", 10, 20))
SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s
LIMIT 10 OFFSET 20
>>> print(paged("PREFIX ex: <http://ex.org/#>\\nSELECT ?s WHERE { ?s ex:p ?o } LIMIT 5", 2, 0))
PREFIX ex: <http://ex.org/#>
SELECT * WHERE {
{
SELECT ?s WHERE { ?s ex:p ?o } LIMIT 5
}
}
LIMIT 2
>>> default_limit("# the archive, article by article\\n#newsgraph:default-limit 100\\nSELECT ...")
100
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NotSelect", "default_limit", "paged"]

# What is not SPARQL structure: comments, strings (long ones first), IRIs. Masked before looking at
# keywords and braces, so that a '{', 'LIMIT' or '#' inside them counts for nothing.
_OPAQUE = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '(?:[^'\\\n]|\\.)*'
      | "(?:[^"\\\n]|\\.)*"
      | <[^<>"{}|^`\\\x00-\x20]*>""",
    re.VERBOSE | re.DOTALL,
)
# words, with variables and prefixed names whole (so that ?limit or ex:values is no keyword)
_WORD = re.compile(r"[?$]?[A-Za-z_][A-Za-z0-9_-]*(?::[A-Za-z0-9_.-]*)?|:[A-Za-z0-9_.-]*|[{}]")
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_DEFAULT_LIMIT = re.compile(r"#newsgraph:default-limit[ \t]+([0-9]+)[ \t]*$")
_PAGE_BOUND = re.compile(r"#newsgraph:page-bound[ \t]*$")


class NotSelect(ValueError):
    """The query is not a SELECT query: it has no rows to page."""


@dataclass(frozen=True)
class _Shape:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    start: int  # where the query form begins (after the prologue)
    modified: bool  # the outermost query has a LIMIT, OFFSET or trailing VALUES of its own
    bounds: tuple[tuple[int, int], ...]  # where each #newsgraph:page-bound comment is


def _shape(sparql: str) -> _Shape:
    masked, bounds = [], []
    last = 0
    for match in _OPAQUE.finditer(sparql):
        masked.append(sparql[last : match.start()])
        masked.append(" " * (match.end() - match.start()))
        if match.group("comment") is not None and _PAGE_BOUND.fullmatch(match.group("comment")):
            bounds.append((match.start(), match.end()))
        last = match.end()
    masked.append(sparql[last:])
    text = "".join(masked)
    form, start, depth, modified = "", -1, 0, False
    for word in _WORD.finditer(text):
        token = word.group().upper()
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif not form and token in _FORMS:
            form, start = token, word.start()
        elif form and depth == 0 and token in ("LIMIT", "OFFSET", "VALUES"):
            modified = True
    return _Shape(form, start, modified, tuple(bounds))


def default_limit(sparql: str) -> int | None:
    """The page size a query asks for with ``#newsgraph:default-limit N``, if it does."""
    for line in sparql.splitlines():
        found = _DEFAULT_LIMIT.fullmatch(line.strip())
        if found:
            return int(found.group(1))
    return None


def paged(sparql: str, limit: int | None, offset: int = 0) -> str:
    """``sparql`` answering only rows offset+1 to offset+limit (every row from offset+1 when
    ``limit`` is None); raises :class:`NotSelect` for ASK, CONSTRUCT and DESCRIBE."""
    shape = _shape(sparql)
    if shape.form != "SELECT":
        raise NotSelect(f"a {shape.form or 'query that is no'} query has no rows to page")
    page = (f"LIMIT {limit}" if limit is not None else "") + (f" OFFSET {offset}" if offset else "")
    page = page.strip()
    if not page:
        return sparql
    if limit is not None:  # each page-bound subquery: only the solutions the page can come from
        for begin, end in reversed(shape.bounds):
            sparql = f"{sparql[:begin]}LIMIT {offset + limit}{sparql[end:]}"
        shape = _shape(sparql)
    if not shape.modified:
        return f"{sparql.rstrip()}\n{page}"
    prologue, query = sparql[: shape.start], sparql[shape.start :]
    return f"{prologue}SELECT * WHERE {{\n{{\n{query.rstrip()}\n}}\n}}\n{page}"
