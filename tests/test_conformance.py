"""The published contract: output/ validates with plain jsonschema and plain pySHACL, and
breaking the contract is caught, by consumers' tools and by the build itself."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest
import rdflib
from jsonschema import Draft202012Validator

from .conftest import OUTPUT, ROOT, SEED, node

PROFILE = json.loads((ROOT / "schemas" / "newsgraph-jsonld.schema.json").read_text())
SHAPES = ROOT / "ontology" / "shapes.ttl"


def profile_errors(document) -> list[str]:
    validator = Draft202012Validator(PROFILE)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:120]}" for e in validator.iter_errors(document)]


def shacl(graph: rdflib.Graph) -> tuple[bool, str]:
    import pyshacl

    conforms, _, text = pyshacl.validate(graph, shacl_graph=rdflib.Graph().parse(SHAPES), inference="none")
    return conforms, text


@pytest.fixture(scope="module")
def published_jsonld():
    files = sorted(OUTPUT.glob("*.jsonld"))
    assert files
    return {f.name: json.loads(f.read_text(encoding="utf-8")) for f in files}


def test_every_published_jsonld_validates_with_plain_jsonschema(published_jsonld):
    Draft202012Validator.check_schema(PROFILE)
    for name, document in published_jsonld.items():
        assert profile_errors(document) == [], name


def test_every_published_graph_conforms_to_the_shapes_with_plain_pyshacl_cli():
    for ttl in sorted(OUTPUT.glob("*.ttl")):
        run = subprocess.run(
            [sys.executable, "-m", "pyshacl", "-s", str(SHAPES), str(ttl)], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Conforms: True" in run.stdout


def _node(document, suffix):
    return next(n for n in document["@graph"] if n["@id"].endswith(suffix))


PROFILE_BREAKS = [
    # name, change, (node the error is on, or None for the document; path below it; failing keyword;
    # the profile rule it breaks, for rules)
    (
        "https-sameAs",
        lambda d: _node(d, "/thing/putin").update(sameAs="https://www.wikidata.org/entity/Q7747"),
        ("/thing/putin", ["sameAs"], "pattern", None),
    ),
    (
        "wiki-page-sameAs",
        lambda d: _node(d, "/thing/putin").update(sameAs="http://www.wikidata.org/wiki/Q7747"),
        ("/thing/putin", ["sameAs"], "pattern", None),
    ),
    (
        "plain-name",
        lambda d: _node(d, "/thing/putin").update(name="Vladimir Putin"),
        ("/thing/putin", ["name"], "type", None),
    ),
    (
        "no-headline",
        lambda d: d["@graph"][0].pop("headline"),
        ("2025-12-11-putin-lukashenko-support-maduro", [], "required", "an article has a headline"),
    ),
    (
        "event-without-date",
        lambda d: [_node(d, "#putin-maduro-call").pop(key) for key in ("dateUnknown", "latestDate")],
        ("#putin-maduro-call", [], "anyOf", "an event has a precise type, a name, a participant, a source, and a date"),
    ),
    (
        "event-without-source",
        lambda d: _node(d, "#maduro-trump-call").pop("onAuthorityOf"),
        ("#maduro-trump-call", [], "required", "an event has a precise type, a name, a participant, a source"),
    ),
    (
        "day-typed-as-month",
        lambda d: _node(d, "#maduro-trump-call")["startDate"].update({"@type": "xsd:gYearMonth"}),
        ("#maduro-trump-call", ["startDate", "@value"], "pattern", None),
    ),
    (
        "claim-without-source",
        lambda d: _node(d, "#maduro-ready-to-leave").pop("wasAttributedTo"),
        ("#maduro-ready-to-leave", [], "anyOf", "a claim or quote says what is claimed and rests on a source"),
    ),
    (
        "unknown-term",
        lambda d: _node(d, "/thing/putin").update(nickname="Vova"),
        ("/thing/putin", [], "additionalProperties", None),
    ),
    (
        "foreign-node-iri",
        lambda d: _node(d, "/thing/putin").update({"@id": "javascript:alert(1)"}),
        ("/thing/putin", ["@id"], "pattern", None),
    ),
    ("remote-context", lambda d: d.update({"@context": "https://schema.org/"}), (None, ["@context"], "const", None)),
]


@pytest.mark.parametrize("name, change, where", PROFILE_BREAKS, ids=[b[0] for b in PROFILE_BREAKS])
def test_profile_catches_a_broken_document(published_jsonld, name, change, where):
    document = copy.deepcopy(next(iter(published_jsonld.values())))
    node, below, keyword, rule = where
    path = (
        [] if node is None else ["@graph", next(i for i, n in enumerate(document["@graph"]) if n["@id"].endswith(node))]
    )
    change(document)
    errors = list(Draft202012Validator(PROFILE).iter_errors(document))
    assert [(list(e.absolute_path), e.validator) for e in errors] == [(path + below, keyword)], name
    if rule:  # the rule of the node schema whose "then" failed
        schema_path = list(errors[0].schema_path)
        number = schema_path[schema_path.index("allOf") + 1]
        assert PROFILE["$defs"]["node"]["allOf"][number]["$comment"].startswith(rule)


SDO = rdflib.Namespace("http://schema.org/")
NG = rdflib.Namespace("https://newsgraph.example/ns#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
ARTICLE = "https://newsgraph.example/article/2025-12-11-putin-lukashenko-support-maduro"


def _graph():
    """The published seed, its facts and its evidence graph together (as the shapes check them)."""
    seed = OUTPUT / "2025-12-11-putin-lukashenko-support-maduro.trig"
    dataset = rdflib.Dataset(default_union=True).parse(seed, format="trig")
    graph = rdflib.Graph()
    for triple in dataset.triples((None, None, None)):
        graph.add(triple)
    return graph


SHAPE_BREAKS = [
    (
        "https-sameAs",
        lambda g: g.set(
            (rdflib.URIRef(node("putin")), SDO.sameAs, rdflib.URIRef("https://www.wikidata.org/entity/Q7747"))
        ),
        "Wikidata entity IRI",
    ),
    (
        "untagged-name",
        lambda g: g.add((rdflib.URIRef(node("putin")), SDO.name, rdflib.Literal("Putin"))),
        "language-tagged",
    ),
    (
        "claim-without-source",
        lambda g: g.remove((rdflib.URIRef(node("maduro-ready-to-leave")), NG.onAuthorityOf, None)),
        "every claim has a source",
    ),
    (
        "claim-without-provenance",
        lambda g: g.remove((rdflib.URIRef(node("maduro-ready-to-leave")), PROV.wasAttributedTo, None)),
        "every claim says in PROV-O where it comes from",
    ),
    (
        "event-without-source",
        lambda g: g.remove((rdflib.URIRef(node("maduro-trump-call")), NG.onAuthorityOf, None)),
        "an event has a source",
    ),
    (
        "event-without-participant",
        lambda g: g.remove((rdflib.URIRef(node("coale-appointment")), NG.hasParticipation, None)),
        "at least one participant",
    ),
    (
        "event-without-date",
        lambda g: [
            g.remove((rdflib.URIRef(node("putin-maduro-call")), p, None)) for p in (NG.dateUnknown, NG.latestDate)
        ],
        "says its date is unknown",
    ),
    (
        "past-event-after-publication",
        lambda g: g.set(
            (
                rdflib.URIRef(node("politico-interview")),
                NG.latestDate,
                rdflib.Literal("2025-12-12", datatype=rdflib.XSD.date),
            )
        ),
        "has no date after its publication day",
    ),
    (
        "past-event-in-a-later-year",
        lambda g: g.set(
            (
                rdflib.URIRef(node("belarus-us-dialogue")),
                SDO.startDate,
                rdflib.Literal("2026", datatype=rdflib.XSD.gYear),
            )
        ),
        "has no date after its publication day",
    ),
    ("blank-node", lambda g: g.add((rdflib.BNode(), rdflib.RDF.type, SDO.Person)), "TypedNode"),
    (
        "date-as-an-iri",
        lambda g: g.set((rdflib.URIRef(node("putin-maduro-call")), NG.latestDate, rdflib.URIRef("urn:x:2025-12-11"))),
        "dates are",
    ),
    ("article-without-headline", lambda g: g.remove((rdflib.URIRef(ARTICLE), SDO.headline, None)), "one headline"),
    (
        "article-without-publication-date",
        lambda g: g.remove((rdflib.URIRef(ARTICLE), SDO.datePublished, None)),
        "one publication date",
    ),
    (
        "event-without-participants",
        lambda g: g.remove((rdflib.URIRef(node("maduro-trump-call")), NG.hasParticipation, None)),
        "at least one participant",
    ),
    (
        "annotation-without-target",
        lambda g: g.remove((rdflib.URIRef(node("putin.evidence")), OA.hasTarget, None)),
        "evidence targets",
    ),
    (
        "quote-without-words",
        lambda g: g.remove((rdflib.URIRef(node("span.23-39.quote")), OA.exact, None)),
        "exact words",
    ),
    (
        "position-without-start",
        lambda g: g.remove((rdflib.URIRef(node("span.23-39.position")), OA.start, None)),
        "non-negative integers",
    ),
    (
        "claim-without-text",
        lambda g: g.remove((rdflib.URIRef(node("maduro-days-numbered")), SDO.text, None)),
        "says what is claimed",
    ),
    ("reconciled-without-qid", lambda g: g.remove((rdflib.URIRef(node("putin")), SDO.sameAs, None)), "Entity"),
    (
        "named-unnamed-person",
        lambda g: g.add((rdflib.URIRef(node("venezuelan-ambassador")), SDO.name, rdflib.Literal("X", lang="en"))),
        "has no name",
    ),
]


@pytest.mark.parametrize("name, change, message", SHAPE_BREAKS, ids=[b[0] for b in SHAPE_BREAKS])
def test_shapes_catch_a_broken_graph(name, change, message):
    graph = _graph()
    change(graph)
    conforms, text = shacl(graph)
    assert not conforms
    assert message in text, text


def test_the_build_checks_what_it_would_publish_and_writes_nothing_if_it_fails(monkeypatch, tmp_path):
    import newsgraph
    from newsgraph.mapping import article as mapping

    monkeypatch.setattr(mapping, "wikidata_iri", lambda qid: "https://www.wikidata.org/wiki/" + qid)
    story = newsgraph.load_story(SEED)
    with pytest.raises(newsgraph.InvalidStory) as raised:
        newsgraph.build(story)
    report = raised.value.report
    checks = {p.check for p in report.errors}
    assert checks == {"jsonld-profile", "shacl"}
    files = {p.file for p in report.errors}
    assert files == {
        "2025-12-11-putin-lukashenko-support-maduro.jsonld",
        "2025-12-11-putin-lukashenko-support-maduro.ttl",
    }
    assert any(p.pointer.endswith("/sameAs") for p in report.errors)
    assert any("Wikidata entity IRI" in p.message for p in report.errors)
    assert not list(tmp_path.iterdir())


# --- the fast engines agree with the reference ones ----------------------------------------------


def _pyshacl_results(graph: rdflib.Graph) -> set[tuple[str, str, str, str]]:
    """(node shape, focus node, path, message) of every result pyshacl finds; the message is
    the shapes' sh:message, or "" where they give none (pyshacl then words its own)."""
    import pyshacl

    shapes = rdflib.Graph().parse(SHAPES)
    _conforms, results, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found = set()
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        source = results.value(result, sh.sourceShape)
        shape = shapes.value(None, sh.property, source) or source  # a property shape's node shape
        focus = results.value(result, sh.focusNode)
        found.add(
            (
                str(shape).replace("https://newsgraph.example/shapes#", "ngsh:"),
                f"_:{focus}" if isinstance(focus, rdflib.BNode) else str(focus),
                _path(results.value(result, sh.resultPath)),
                str(shapes.value(source, sh.message) or ""),
            )
        )
    return found


def _path(path: rdflib.term.Node | None) -> str:
    """A result's path: its IRI, "" for none, "*" for a path of several properties."""
    return "*" if isinstance(path, rdflib.BNode) else str(path or "")


def _fast_results(graph: rdflib.Graph) -> set[tuple[str, str, str, str]]:
    from newsgraph.contract.shapes import check_nodes, nodes_from_rdflib

    return {(v.shape, v.focus, v.path, v.message) for v in check_nodes(nodes_from_rdflib(graph))}


def _assert_fast_shapes_agree_with_pyshacl(graph: rdflib.Graph) -> set[tuple[str, str, str, str]]:
    """The same node shape, focus node and path, and where the shapes word the rule, the same
    words; returns pyshacl's results."""
    fast, pyshacl = _fast_results(graph), _pyshacl_results(graph)
    # pySHACL names no single path for a rule on several properties ("*"); the fast check names
    # each property that breaks it: the rule (its words) says which results those are
    several = {(shape, focus, m) for shape, focus, path, m in pyshacl if path == "*"}
    fast = {(shape, focus, "*" if (shape, focus, m) in several else path, m) for shape, focus, path, m in fast}
    assert {r[:3] for r in fast} == {r[:3] for r in pyshacl}
    assert {r for r in pyshacl if r[3]} <= fast
    return pyshacl


@pytest.mark.parametrize(
    "name, change, message",
    [*SHAPE_BREAKS, ("unchanged", lambda g: None, "")],
    ids=[b[0] for b in SHAPE_BREAKS] + ["unchanged"],
)
def test_fast_shapes_find_the_same_violations_as_pyshacl(name, change, message):
    graph = _graph()
    change(graph)
    _assert_fast_shapes_agree_with_pyshacl(graph)


MORE_BREAKS = [
    (
        "two-precise-event-types",
        lambda g: g.add((rdflib.URIRef(node("coale-appointment")), rdflib.RDF.type, NG.Meeting)),
    ),
    (
        "span-ends-before-it-starts",
        lambda g: g.set(
            (
                rdflib.URIRef(node("span.23-39.position")),
                rdflib.URIRef("http://www.w3.org/ns/oa#end"),
                rdflib.Literal("3", datatype=rdflib.XSD.nonNegativeInteger),
            )
        ),
    ),
    (
        "bad-role",
        lambda g: g.set(
            (rdflib.URIRef(node("coale-appointment.role.trump.appointer")), NG.participantRole, NG.KingRole)
        ),
    ),
    (
        "month-typed-as-date",
        lambda g: g.set(
            (
                rdflib.URIRef(node("coale-appointment")),
                SDO.startDate,
                rdflib.Literal("2025-11", datatype=rdflib.XSD.date),
            )
        ),
    ),
    (
        "second-sameAs",
        lambda g: g.add((rdflib.URIRef(node("putin")), SDO.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q1"))),
    ),
    (
        "no-selector",
        lambda g: g.remove(
            (rdflib.URIRef(node("span.23-39")), rdflib.URIRef("http://www.w3.org/ns/oa#hasSelector"), None)
        ),
    ),
    (
        "date-unknown-false",
        lambda g: g.set(
            (
                rdflib.URIRef(node("putin-maduro-call")),
                NG.dateUnknown,
                rdflib.Literal("false", datatype=rdflib.XSD.boolean),
            )
        ),
    ),
    (
        "a-class-newsgraph-does-not-publish",
        lambda g: g.add(
            (rdflib.URIRef(node("putin")), rdflib.RDF.type, rdflib.URIRef("http://xmlns.com/foaf/0.1/Person"))
        ),
    ),
    (
        # a planned event may lie after the article; without its status it may not
        "planned-event-loses-its-status",
        lambda g: [
            g.remove((rdflib.URIRef(node("negotiations-on-political-prisoners")), SDO.eventStatus, None)),
            g.add(
                (
                    rdflib.URIRef(node("negotiations-on-political-prisoners")),
                    NG.earliestDate,
                    rdflib.Literal("2026-01", datatype=rdflib.XSD.gYearMonth),
                )
            ),
        ],
    ),
    (
        "unreconciled-with-qid",
        lambda g: g.set(
            (rdflib.URIRef(node("belta")), SDO.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q184"))
        ),
    ),
    (
        "position-not-a-position",
        lambda g: g.set(
            (rdflib.URIRef(node("putin.office.president")), NG.officePosition, rdflib.URIRef(node("russia")))
        ),
    ),
]


@pytest.mark.parametrize("name, change", MORE_BREAKS, ids=[b[0] for b in MORE_BREAKS])
def test_fast_shapes_agree_with_pyshacl_on_more_breaks(name, change):
    graph = _graph()
    change(graph)
    assert _assert_fast_shapes_agree_with_pyshacl(graph), f"{name} should break a shape"


def test_fast_and_reference_engines_agree_on_a_generated_corpus(tmp_path):
    import sys

    import newsgraph

    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import write_corpus

    for path in write_corpus(tmp_path, 4, seed=11):
        result = newsgraph.build(newsgraph.load_story(path), check=False)
        graph = result.dataset.graph(rdflib.URIRef(result.graph_iri))
        assert _assert_fast_shapes_agree_with_pyshacl(graph) == set()
        assert result.check().ok and result.check_with_pyshacl().ok


@pytest.mark.parametrize("name, change, where", PROFILE_BREAKS, ids=[b[0] for b in PROFILE_BREAKS])
def test_rust_and_python_json_schema_agree_on_the_profile(published_jsonld, name, change, where):
    from newsgraph.schemas import compiled

    document = copy.deepcopy(next(iter(published_jsonld.values())))
    change(document)
    schema = compiled("schemas/newsgraph-jsonld.schema.json")
    assert schema.fast.is_valid(document) is False
    assert any(True for _ in schema.detailed.iter_errors(document))


def test_the_shapes_list_the_classes_and_values_the_mapping_publishes():
    # the mapping takes them from newsgraph.model.vocab: the published contract must say the same
    import rdflib

    from newsgraph.contract.conformance import shapes_graph
    from newsgraph.model.vocab import (
        ARTICLE_CLASSES,
        ENTITY_CLASSES,
        EVENT_CLASSES,
        EVENT_STATUSES,
        PUBLISHED_CLASSES,
        ROLE_IRIS,
    )

    graph = shapes_graph()
    sh, ngsh = rdflib.Namespace("http://www.w3.org/ns/shacl#"), rdflib.Namespace("https://newsgraph.example/shapes#")

    def targets(shape: str) -> set[str]:
        return {str(c) for c in graph.objects(ngsh[shape], sh.targetClass)}

    def listed(shape: str, path: rdflib.URIRef) -> set[str]:
        found = set()
        for prop in graph.objects(ngsh[shape], sh.property):
            if graph.value(prop, sh.path) == path:
                for node in graph.transitive_objects(prop, None):
                    for head in graph.objects(node, sh["in"]):
                        found |= {str(item) for item in rdflib.collection.Collection(graph, head)}
        return found

    assert targets("Article") == set(ARTICLE_CLASSES.values())
    assert targets("Entity") == {classes[0] for classes in ENTITY_CLASSES.values()}
    assert listed("Event", rdflib.RDF.type) == set(EVENT_CLASSES.values())
    assert listed("TypedNode", rdflib.RDF.type) == set(PUBLISHED_CLASSES)
    assert listed("Event", SDO.eventStatus) == set(EVENT_STATUSES.values())
    assert listed("Participation", NG.participantRole) == set(ROLE_IRIS.values())


def test_the_published_contract_is_written_from_the_vocabulary():
    # a class is added to newsgraph.model.vocab only: scripts/contract.py writes the lists
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "contract.py"), "--check"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr


def test_a_class_added_to_the_vocabulary_reaches_the_shapes(monkeypatch):
    from newsgraph.contract import derived

    text = SHAPES.read_text(encoding="utf-8")
    story = json.loads((ROOT / "schemas" / "story.schema.json").read_text(encoding="utf-8"))
    assert derived.shapes_text(text, story) == text
    monkeypatch.setitem(derived.LISTS, "event classes", [*derived.LISTS["event classes"], "ng:Coronation"])
    assert "ng:Coronation" in derived.shapes_text(text, story) and "ng:Coronation" not in text


def test_a_form_changed_in_the_story_schema_reaches_every_published_file():
    from newsgraph.contract import derived

    story = json.loads((ROOT / "schemas" / "story.schema.json").read_text(encoding="utf-8"))
    story["$defs"]["qid"]["pattern"] = "^Q[1-9][0-9]{0,9}$"
    story["$defs"]["language"]["pattern"] = "^[a-z]{2}$"
    shapes = derived.shapes_text(SHAPES.read_text(encoding="utf-8"), story)
    assert '"^http://www\\\\.wikidata\\\\.org/entity/Q[1-9][0-9]{0,9}$"' in shapes and '"^[a-z]{2}$"' in shapes
    context = json.loads((ROOT / "schemas" / "newsgraph-context.jsonld").read_text(encoding="utf-8"))
    profile = derived.profile_document(PROFILE, context, story)
    assert profile["$defs"]["node"]["properties"]["inLanguage"]["pattern"] == "^[a-z]{2}$"
    catalogue = json.loads((ROOT / "schemas" / "catalogue.schema.json").read_text(encoding="utf-8"))
    assert derived.catalogue_schema(catalogue, story)["$defs"]["qid"]["pattern"] == "^Q[1-9][0-9]{0,9}$"
