"""Every schema.org term we emit exists; every term of our own is defined in the ontology."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from newsgraph import resources
from newsgraph.model.vocab import NG, SCHEMA

from . import schemaorg
from .conftest import DATA, ROOT, SHARED, node

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DEFINITION = "http://www.w3.org/2004/02/skos/core#definition"


def schema_terms() -> set[str]:
    lines = (DATA / "schemaorg-30.0-terms.txt").read_text().splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def ontology() -> list[ox.Triple]:
    return list(ox.parse(resources.read_text("ontology/newsgraph.ttl").encode(), format=ox.RdfFormat.TURTLE))


def iris_in(triples) -> set[str]:
    return {
        term.value for t in triples for term in (t.subject, t.predicate, t.object) if isinstance(term, ox.NamedNode)
    }


def context_iris() -> set[str]:
    context = resources.read_json("schemas/newsgraph-context.jsonld")["@context"]
    prefixes = {k: v for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}
    out = set()
    for term, value in context.items():
        if term in prefixes:
            continue
        iri = value if isinstance(value, str) else value["@id"]
        prefix, _, local = iri.partition(":")
        out.add(prefixes[prefix] + local)
    return out


def test_schema_org_terms_we_emit_exist(seed_result):
    known = schema_terms()
    used = {
        i for i in iris_in(seed_result.mapped.triples) | iris_in(ontology()) | context_iris() if i.startswith(SCHEMA)
    }
    assert used, "the seed graph uses schema.org"
    assert {i[len(SCHEMA) :] for i in used} <= known, sorted({i[len(SCHEMA) :] for i in used} - known)


def test_every_schema_org_term_the_package_can_emit_exists():
    from newsgraph.model import vocab

    known = schema_terms()
    tables = [
        vocab.ARTICLE_CLASSES.values(),
        (p for ps in vocab.ROLE_PROPERTIES.values() for p in ps),
        vocab.EVENT_STATUSES.values(),
        (c for cs in vocab.ENTITY_CLASSES.values() for c in cs),
    ]
    for table in tables:
        for iri in table:
            if iri.startswith(SCHEMA):
                assert iri[len(SCHEMA) :] in known, iri


def test_own_terms_are_defined_with_labels_and_definitions_in_en_and_el(seed_result):
    triples = ontology()
    defined: dict[str, set[tuple[str, str]]] = {}
    for t in triples:
        if t.predicate.value in (LABEL, DEFINITION) and t.subject.value.startswith(NG):
            defined.setdefault(t.subject.value, set()).add((t.predicate.value, t.object.language))
    used = {i for i in iris_in(seed_result.mapped.triples) | context_iris() if i.startswith(NG)}
    from newsgraph.model import vocab

    used |= {i for i in vocab.EVENT_CLASSES.values() if i} | set(vocab.ROLE_IRIS.values())
    for iri in sorted(used):
        assert defined.get(iri, set()) >= {(LABEL, "en"), (LABEL, "el"), (DEFINITION, "en"), (DEFINITION, "el")}, iri


def test_context_terms_for_our_own_iris_do_not_reuse_schema_org_names():
    context = resources.read_json("schemas/newsgraph-context.jsonld")["@context"]
    known = schema_terms()
    clashes = []
    for term, value in context.items():
        iri = value if isinstance(value, str) else value["@id"]
        if not iri.startswith("schema:") and term in known:
            clashes.append(f"{term} means {iri}")
    assert clashes == [], "schema.org has terms of the same names"


def test_ontology_alignments_use_only_verified_wikidata_items():
    verified = {
        line.split("\t")[0]
        for line in (DATA / "verified-qids.txt").read_text().splitlines()
        if line and not line.startswith("#")
    }
    for iri in iris_in(ontology()):
        if iri.startswith("http://www.wikidata.org/entity/"):
            assert iri.rsplit("/", 1)[1] in verified, iri


def test_term_list_matches_the_shared_schema_org_release():
    source = SHARED / "anchors" / "schemaorg" / "schemaorg-current-http.ttl"
    if not source.exists():
        pytest.skip("shared/ reference folder not on this machine")
    extracted = set()
    for t in ox.parse(path=str(source), format=ox.RdfFormat.TURTLE):
        if t.predicate.value == RDF_TYPE and t.subject.value.startswith(SCHEMA):
            extracted.add(t.subject.value[len(SCHEMA) :])
    assert extracted == schema_terms()


def test_the_domain_and_range_data_matches_the_shared_schema_org_release():
    source = SHARED / "anchors" / "schemaorg" / "schemaorg-current-http.ttl"
    if not source.exists():
        pytest.skip("shared/ reference folder not on this machine")
    assert schemaorg.extract(source) == schemaorg.load()


#: What newsgraph publishes, in groups (built when a test first asks, not when tests are
#: collected: a mutation run must see the code it mutates build them).
GROUPS = ["seed", "test stories", "test newsroom stories", "generated corpus", "catalogue", "test newsroom catalogue"]


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, list[tuple[str, list[ox.Triple]]]]:
    """Each group's published graphs: (name, triples)."""
    import sys

    import newsgraph
    from newsgraph.publishing.catalogue_graph import build_catalogue

    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import write_corpus

    stories = {
        "seed": [ROOT / "stories" / "2025-12-11-putin-lukashenko-support-maduro.yaml"],
        "test stories": sorted((DATA / "stories").glob("test-*.yaml")),
        "test newsroom stories": sorted((DATA / "newsroom" / "stories").glob("test-*.yaml")),
        "generated corpus": write_corpus(tmp_path_factory.mktemp("corpus"), 6, seed=5),
    }
    triples = {
        path: list(newsgraph.build(newsgraph.load_story(path)).mapped.triples)
        for paths in stories.values()
        for path in paths
    }
    groups = {group: [(path.name, triples[path]) for path in paths] for group, paths in stories.items()}
    for group, folder, articles in (
        ("catalogue", ROOT / "catalogue", stories["seed"]),
        ("test newsroom catalogue", DATA / "newsroom" / "catalogue", stories["test newsroom stories"]),
    ):
        # with the newsroom's articles: an identification points at a node an article describes
        mapped = build_catalogue(newsgraph.load_catalogue(folder)).mapped
        groups[group] = [(folder.name, [*mapped.triples, *(t for path in articles for t in triples[path])])]
    return groups


@pytest.mark.parametrize("group", GROUPS)
def test_every_triple_is_within_schema_org_domains_and_ranges(published, group):
    # schema.org 30.0's domainIncludes/rangeIncludes (with subclasses) and the ontology's
    # rdfs:domain/rdfs:range, for every schema: and ng: predicate we publish
    vocabulary = schemaorg.Vocabulary(ontology())
    assert published[group]
    for name, triples in published[group]:
        assert vocabulary.violations(triples, (SCHEMA, NG)) == [], name


@pytest.mark.parametrize(
    "triple, complaint",
    [
        # a Country is not an Organization or a Person: schema:organizer does not take it
        (("russian-invasion-of-ukraine", SCHEMA + "organizer", "russia"), "not in ['http://schema.org/Organization'"),
        # a person cannot be a place that contains another
        (("moscow", SCHEMA + "containedInPlace", "putin"), "not in ['http://schema.org/Place']"),
        # a person has no headline: only creative works do
        (("putin", SCHEMA + "headline", None), "subject is ['http://schema.org/Person']"),
        (("putin", NG + "speakerOf", "maduro"), "neither schema.org nor the ontology"),
    ],
)
def test_the_domain_and_range_check_catches_a_misused_term(published, triple, complaint):
    subject, predicate, object = triple
    wrong = ox.Triple(
        ox.NamedNode(node(subject)),
        ox.NamedNode(predicate),
        ox.Literal("x", language="en") if object is None else ox.NamedNode(node(object)),
    )
    [(_, seed)] = published["seed"]
    [found] = schemaorg.Vocabulary(ontology()).violations([*seed, wrong], (SCHEMA, NG))
    assert complaint in found


def test_every_class_newsgraph_publishes_is_in_the_schema_org_tree():
    # Web Annotation's classes describe the evidence, PROV's agent the unnamed sources; every
    # other class is schema.org's or ours, under schema:Thing
    from newsgraph.model.vocab import PUBLISHED_CLASSES

    vocabulary = schemaorg.Vocabulary(ontology())
    for cls in PUBLISHED_CLASSES:
        if cls.startswith((SCHEMA, NG)):
            assert SCHEMA + "Thing" in vocabulary.closure({cls}), cls
