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

from .conftest import OUTPUT, ROOT, SEED

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
        run = subprocess.run([sys.executable, "-m", "pyshacl", "-s", str(SHAPES), str(ttl)],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "Conforms: True" in run.stdout


def _node(document, suffix):
    return next(n for n in document["@graph"] if n["@id"].endswith(suffix))


PROFILE_BREAKS = [
    ("https-sameAs", lambda d: _node(d, "#putin").update(sameAs="https://www.wikidata.org/entity/Q7747"), "sameAs"),
    ("wiki-page-sameAs", lambda d: _node(d, "#putin").update(sameAs="http://www.wikidata.org/wiki/Q7747"), "sameAs"),
    ("plain-name", lambda d: _node(d, "#putin").update(name="Vladimir Putin"), "name"),
    ("no-headline", lambda d: d["@graph"][0].pop("headline"), "headline"),
    ("event-without-date", lambda d: _node(d, "#putin-maduro-call").pop("dateUnknown"), "date"),
    ("day-typed-as-month", lambda d: _node(d, "#maduro-trump-call")["startDate"].update({"@type": "xsd:gYearMonth"}), "startDate"),
    ("claim-without-source", lambda d: _node(d, "#maduro-ready-to-leave").pop("wasAttributedTo"), "source"),
    ("unknown-term", lambda d: _node(d, "#putin").update(nickname="Vova"), "nickname"),
    ("foreign-node-iri", lambda d: _node(d, "#putin").update({"@id": "javascript:alert(1)"}), "@id"),
    ("remote-context", lambda d: d.update({"@context": "https://schema.org/"}), "@context"),
]


@pytest.mark.parametrize("name, change, where", PROFILE_BREAKS, ids=[b[0] for b in PROFILE_BREAKS])
def test_profile_catches_a_broken_document(published_jsonld, name, change, where):
    document = copy.deepcopy(next(iter(published_jsonld.values())))
    change(document)
    errors = profile_errors(document)
    assert errors, name


ART = "https://newsgraph.example/article/2025-12-11-putin-lukashenko-support-maduro#"
SDO = rdflib.Namespace("http://schema.org/")
NG = rdflib.Namespace("https://newsgraph.example/ns#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def _graph():
    return rdflib.Graph().parse(next(OUTPUT.glob("*.ttl")))


SHAPE_BREAKS = [
    ("https-sameAs", lambda g: g.set((rdflib.URIRef(ART + "putin"), SDO.sameAs, rdflib.URIRef("https://www.wikidata.org/entity/Q7747"))),
     "Wikidata entity IRI"),
    ("untagged-name", lambda g: g.add((rdflib.URIRef(ART + "putin"), SDO.name, rdflib.Literal("Putin"))), "language-tagged"),
    ("claim-without-source", lambda g: g.remove((rdflib.URIRef(ART + "maduro-ready-to-leave"), PROV.wasAttributedTo, None)),
     "every claim has a source"),
    ("event-without-participant", lambda g: g.remove((rdflib.URIRef(ART + "coale-appointment"), NG.hasParticipation, None)),
     "at least one participant"),
    ("event-without-date", lambda g: g.remove((rdflib.URIRef(ART + "putin-maduro-call"), NG.dateUnknown, None)),
     "says its date is unknown"),
    ("blank-node", lambda g: g.add((rdflib.BNode(), rdflib.RDF.type, SDO.Person)), "TypedNode"),
    ("reconciled-without-qid", lambda g: g.remove((rdflib.URIRef(ART + "putin"), SDO.sameAs, None)), "Entity"),
    ("named-unnamed-person", lambda g: g.add((rdflib.URIRef(ART + "venezuelan-ambassador"), SDO.name, rdflib.Literal("X", lang="en"))),
     "has no name"),
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
    from newsgraph import mapping

    monkeypatch.setattr(mapping, "wikidata_iri", lambda qid: "https://www.wikidata.org/wiki/" + qid)
    story = newsgraph.load_story(SEED)
    with pytest.raises(newsgraph.InvalidStory) as raised:
        newsgraph.build(story)
    report = raised.value.report
    checks = {p.check for p in report.errors}
    assert checks == {"jsonld-profile", "shacl"}
    files = {p.file for p in report.errors}
    assert files == {"2025-12-11-putin-lukashenko-support-maduro.jsonld", "2025-12-11-putin-lukashenko-support-maduro.ttl"}
    assert any(p.pointer.endswith("/sameAs") for p in report.errors)
    assert any("Wikidata entity IRI" in p.message for p in report.errors)
    assert not list(tmp_path.iterdir())
