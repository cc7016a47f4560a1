"""The expected answers of the shipped example questions on the seed article, for any store."""

from __future__ import annotations

from newsgraph.resources import shipped_queries

from .conftest import SEED_REFERENCES, node

ART = "https://newsgraph.example/article/2025-12-11-putin-lukashenko-support-maduro"


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


BELTA_CLAIM = (
    "ο Λουκασένκο είχε δεχτεί εκείνη την ημέρα τον απεσταλμένο της Βενεζουέλας στη Μόσχα και του "
    "είχε πει ότι ο Μαδούρο ήταν πάντα ευπρόσδεκτος στη Λευκορωσία και ότι ήταν καιρός να την επισκεφθεί"
)
REUTERS_REPORT = "Lukashenko meets Venezuela envoy again as Trump seeks Maduro's removal"
HEADLINE = "Την ώρα που οι ΗΠΑ πιέζουν τη Βενεζουέλα, Πούτιν και Λουκασένκο δείχνουν τη συμπαράστασή τους στον Μαδούρο"

EXPECTED = {
    "who-spoke-by-phone-with-maduro": [
        # ?call ?caller ?callerName ?date ?latest ?dateUnknown ?source ?sourceLabel ?article
        # (unbound dates sort first). The article gives no date for the Putin call, so it can only
        # have been by the day of publication; it rests on an announcement whose issuer is not named.
        (
            node("putin-maduro-call"),
            node("putin"),
            "Vladimir Putin",
            None,
            "2025-12-11",
            "true",
            node("announcement"),
            "an announcement on the Putin–Maduro phone call; its issuer is not named",
            ART,
        ),
        # «στις 21 Νοεμβρίου», according to Reuters' unnamed sources
        (
            node("maduro-trump-call"),
            node("trump"),
            "Donald Trump",
            "2025-11-21",
            None,
            None,
            node("reuters-sources"),
            "Reuters sources, not named",
            ART,
        ),
    ],
    "events-resting-on-unnamed-sources": [
        (
            node("maduro-trump-call"),
            "Phone call between Nicolás Maduro and Donald Trump",
            node("reuters-sources"),
            "Reuters sources, not named",
            node("reuters"),
        ),
    ],
    "everything-belta-reported": [
        # ?reported ?words ?published ?about: what Lukashenko said at the 25 November meeting, and
        # the meeting (a catalogue thing: its IRI sorts after the article's)
        (node("maduro-welcome-in-belarus"), BELTA_CLAIM, "2025-11-25", node("lukashenko-envoy-first-meeting")),
        (node("maduro-welcome-in-belarus"), BELTA_CLAIM, "2025-11-25", node("maduro")),
        (
            node("lukashenko-envoy-first-meeting"),
            "Ο Λουκασένκο δέχεται τον πρέσβη της Βενεζουέλας (25 Νοεμβρίου)",
            "2025-11-25",
            None,
        ),
    ],
}

#: chain-of-sources on the seed: statement -> [(source, label)], the given source first and then
#: what it rests on. Those not listed here are stated by the article itself, which renders the
#: Reuters report (CHAINS_THROUGH_THE_ARTICLE).
POLITICO = [("politico-interview", "Trump's interview with Politico"), ("politico", "Politico")]
REUTERS_SOURCES = [("reuters-sources", "Reuters sources, not named")]
BELTA = [("belta-report", "BelTA's report of 25 November 2025")]
ANNOUNCEMENT = [("announcement", "an announcement on the Putin–Maduro phone call; its issuer is not named")]
CHAINS = {
    "maduro-days-numbered": POLITICO,
    "trump-troops-refusal": POLITICO,
    "politico-interview": POLITICO[1:],
    "maduro-ready-to-leave": REUTERS_SOURCES,
    "maduro-trump-call": REUTERS_SOURCES,
    "maduro-welcome-in-belarus": BELTA,
    "lukashenko-envoy-first-meeting": BELTA,
    "putin-maduro-call": ANNOUNCEMENT,
    "putin-solidarity": ANNOUNCEMENT,
}
CHAINS_THROUGH_THE_ARTICLE = [
    "belarus-us-dialogue",
    "coale-appointment",
    "isolation-of-lukashenko",
    "joint-projects",
    "lukashenko-envoy-second-meeting",
    "lukashenko-venezuela-relations",
    "negotiations-on-political-prisoners",
    "russian-invasion-of-ukraine",
    "us-pressure-on-maduro",
    "us-sanctions-relief-for-belarus",
]


def chain_answers() -> list[tuple]:
    """chain-of-sources on the seed, in the query's order (statement, given source, source)."""
    rows = []
    for statement in sorted([*CHAINS, *CHAINS_THROUGH_THE_ARTICLE], key=node):  # the query orders by IRI
        if statement in CHAINS:
            chain = [(node(source), label) for source, label in CHAINS[statement]]
        else:
            chain = [(ART, HEADLINE), (node("reuters-report"), REUTERS_REPORT)]
        given = chain[0][0]
        rows += sorted((node(statement), given, source, label) for source, label in chain)
    return rows


EXPECTED["chain-of-sources"] = chain_answers()

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


def chain_of(store, statement: str) -> set[tuple[str, str]]:
    """chain-of-sources for one statement: (the source the article gives, each source down from it)."""
    return {(given, source) for found, given, source, _ in answers(store, "chain-of-sources") if found == statement}


def wikidata_answers(store) -> dict[str, str | None]:
    rows = answers(store, "entities-with-wikidata")
    ids = {node(id): id for id in [*SEED_REFERENCES, *(thing.rsplit("#", 1)[-1] for _, thing, _, _ in rows)]}
    return {ids[thing]: (qid.rsplit("/", 1)[1] if qid else None) for _, thing, _, qid in rows}


def check_all(store) -> None:
    """Assert every shipped question answers as expected on a store holding the seed article."""
    for name, expected in EXPECTED.items():
        got = answers(store, name)
        assert got == expected, (
            name,
            [row for row in got if row not in expected],
            [row for row in expected if row not in got],
        )
    found = wikidata_answers(store)
    assert {k: v for k, v in found.items() if v} == EXPECTED_WIKIDATA
    assert found["belta"] is None and found["john-coale"] is None and found["venezuelan-ambassador"] is None
    assert len(found) == 34  # 22 entities and 12 events with evidence in the text
