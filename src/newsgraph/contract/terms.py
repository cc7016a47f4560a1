"""The last guard before anything is written: every IRI and typed literal of an article is well-formed.

The story checks should already have refused whatever could make a bad term, so a problem found
here means a story was built without them (from the library) or a newsgraph bug. It is cheap
(each distinct IRI is checked once) and always on.

>>> from newsgraph.mapping.article import Lit
>>> nodes = {"https://ex.org/a": {"http://schema.org/startDate": (Lit("2025-02-30", None, XSD + "date"),),
...                               "http://schema.org/url": ("https://e.org/ b",)}}
>>> for problem in check_terms(nodes):
...     print(problem)
<https://ex.org/a> <http://schema.org/startDate>: "2025-02-30" is not a valid xsd:date
<https://ex.org/a> <http://schema.org/url>: 'https://e.org/ b' is not a valid IRI (RFC 3987): Invalid IRI code point ' '
"""

from __future__ import annotations

import re

from ..mapping.article import Lit, Nodes
from ..model.dates import DATATYPES, is_valid_literal
from ..model.iris import check_iri, language_tag_problem
from ..model.vocab import XSD

__all__ = ["check_terms"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]*")
_LEXICAL = {
    XSD + "nonNegativeInteger": re.compile(r"\+?[0-9]+\Z"),
    XSD + "boolean": re.compile(r"(true|false|1|0)\Z"),
}


def _literal_problem(o: Lit) -> str | None:
    if _SURROGATE.search(o.value):
        return f"{o.value!r} holds a lone surrogate, which UTF-8 cannot write"
    if o.language is not None:
        return language_tag_problem(o.language)
    datatype = o.datatype or XSD + "string"
    if datatype in DATATYPES:
        valid = is_valid_literal(o.value, datatype)
    elif datatype in _LEXICAL:
        valid = bool(_LEXICAL[datatype].match(o.value))
    elif datatype == XSD + "string":
        valid = True
    else:
        return f"the datatype <{datatype}> is not one newsgraph writes"
    return None if valid else f'"{o.value}" is not a valid xsd:{datatype[len(XSD) :]}'


def check_terms(nodes: Nodes) -> list[str]:
    """A message for every IRI that is not a valid absolute http(s) IRI and every literal that is
    not valid for its datatype (an empty list: every term can be written and read back)."""
    problems: list[str] = []
    good: set[str] = set()
    good_bases: set[str] = set()  # checked IRIs before their '#'

    def iri(value: str) -> str | None:
        if value in good:
            return None
        base, hash_, fragment = value.partition("#")
        # An article's many node IRIs share a checked base: after it, unreserved characters are valid.
        if hash_ and base in good_bases and _UNRESERVED.fullmatch(fragment):
            good.add(value)
            return None
        try:
            check_iri(value)
        except ValueError as exc:
            return str(exc)
        good.add(value)
        if hash_:
            good_bases.add(base)
        return None

    for subject, predicates in nodes.items():
        problem = iri(subject)
        if problem:
            problems.append(f"a subject: {problem}")
            continue
        for predicate, objects in predicates.items():
            where = f"<{subject}> <{predicate}>"
            problem = iri(predicate)
            if problem:
                problems.append(f"<{subject}>: predicate {problem}")
                continue
            for o in objects:
                problem = _literal_problem(o) if isinstance(o, Lit) else iri(o)
                if problem:
                    problems.append(f"{where}: {problem}")
    return problems
