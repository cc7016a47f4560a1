"""The expected answers of the shipped example questions on the seed article, for any store."""

from __future__ import annotations

from newsgraph.resources import shipped_queries

ART = "https://newsgraph.example/article/2025-12-11-putin-lukashenko-support-maduro"
N = ART + "#"


BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _value(term) -> str | None:
    if term is None:
        return None
    # Compare in the XSD value space: Virtuoso answers "true"^^xsd:boolean as "1"^^xsd:boolean.
    if getattr(term, "datatype", None) is not None and term.datatype.value == BOOLEAN:
        return {"1": "true", "0": "false"}.get(term.value, term.value)
    return term.value


def answers(store, name: str) -> list[tuple]:
    """The solutions of a shipped question, as tuples of term values (None when unbound)."""
    result = store.query(shipped_queries()[name])
    variables = [v.value for v in result.variables]
    return [tuple(_value(s[v]) for v in variables) for s in result]


EXPECTED = {
    "who-spoke-by-phone-with-maduro": [
        # ?call ?caller ?callerName ?date ?dateUnknown ?article   (unbound dates sort first)
        (N + "putin-maduro-call", N + "putin", "Vladimir Putin", None, "true", ART),
        (N + "maduro-trump-call", N + "trump", "Donald Trump", "2025-11-21", None, ART),
    ],
    "events-resting-on-unnamed-sources": [
        (
            N + "maduro-trump-call",
            "Phone call between Nicolás Maduro and Donald Trump",
            N + "maduro-ready-to-leave",
            N + "reuters-sources",
            "Reuters sources, not named",
            N + "reuters",
        ),
    ],
    "everything-belta-reported": [
        (
            N + "maduro-welcome-in-belarus",
            "ο Λουκασένκο είχε δεχτεί εκείνη την ημέρα τον απεσταλμένο της Βενεζουέλας στη Μόσχα και του "
            "είχε πει ότι ο Μαδούρο ήταν πάντα ευπρόσδεκτος στη Λευκορωσία και ότι ήταν καιρός να την επισκεφθεί",
            "2025-11-25",
            N + "lukashenko-envoy-first-meeting",
        ),
        (
            N + "maduro-welcome-in-belarus",
            "ο Λουκασένκο είχε δεχτεί εκείνη την ημέρα τον απεσταλμένο της Βενεζουέλας στη Μόσχα και του "
            "είχε πει ότι ο Μαδούρο ήταν πάντα ευπρόσδεκτος στη Λευκορωσία και ότι ήταν καιρός να την επισκεφθεί",
            "2025-11-25",
            N + "maduro",
        ),
    ],
}

#: entities-with-wikidata: (thing, Wikidata IRI) for the reconciled things the article mentions.
EXPECTED_WIKIDATA = {
    "putin": "Q7747",
    "maduro": "Q58132",
    "lukashenko": "Q2866",
    "trump": "Q22686",
    "russia": "Q159",
    "venezuela": "Q717",
    "belarus": "Q184",
    "united-states": "Q30",
    "ukraine": "Q212",
    "moscow": "Q649",
    "latin-america": "Q12585",
    "reuters": "Q130879",
    "politico": "Q3109740",
    "us-government": "Q48525",
    "russian-invasion-of-ukraine": "Q110999040",
}


def wikidata_answers(store) -> dict[str, str | None]:
    rows = answers(store, "entities-with-wikidata")
    return {thing.rsplit("#", 1)[1]: (qid.rsplit("/", 1)[1] if qid else None) for _, thing, _, qid in rows}


def check_all(store) -> None:
    """Assert every shipped question answers as expected on a store holding the seed article."""
    for name, expected in EXPECTED.items():
        assert answers(store, name) == expected, name
    found = wikidata_answers(store)
    assert {k: v for k, v in found.items() if v} == EXPECTED_WIKIDATA
    assert found["belta"] is None and found["john-coale"] is None and found["venezuelan-ambassador"] is None
    assert len(found) == 33
