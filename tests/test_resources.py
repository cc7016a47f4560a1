"""Every packaged resource opens by name from the installed package (catches a broken mapping)."""

import json

import pyoxigraph as ox
import pytest
from jsonschema import Draft202012Validator

from newsgraph import resources

from .conftest import ROOT


@pytest.mark.parametrize("name", resources.RESOURCES)
def test_packaged_resource_opens_and_matches_the_repository(name):
    text = resources.read_text(name)
    assert text == (ROOT / name).read_text(encoding="utf-8"), f"installed {name} is stale: reinstall"


def test_every_file_in_schemas_and_ontology_is_packaged():
    folders = ("schemas", "ontology", "data", "queries")
    on_disk = {
        p.relative_to(ROOT).as_posix()
        for d in folders
        for p in (ROOT / d).rglob("*")
        if p.is_file() and p.suffix != ".md" and "__pycache__" not in p.parts
    }
    assert on_disk == set(resources.RESOURCES)


@pytest.mark.parametrize("name", sorted(n for n in resources.RESOURCES if n.endswith(".schema.json")))
def test_every_packaged_schema_is_a_valid_schema_of_its_dialect(name):
    # checked here once, not at every run: `compiled` trusts what the package ships
    from jsonschema.validators import validator_for

    schema = resources.read_json(name)
    validator_for(schema).check_schema(schema)


def test_story_schema_is_valid_2020_12_with_id_and_descriptions():
    schema = resources.read_json("schemas/story.schema.json")
    Draft202012Validator.check_schema(schema)
    assert schema["$id"].startswith("https://")
    missing = []

    def walk(node, path):
        if isinstance(node, dict):
            for key, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{path}/properties/{key}")
            for key, sub in node.items():
                if key not in ("if", "then", "else", "not"):  # conditions, not declarations
                    walk(sub, f"{path}/{key}")
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                walk(sub, f"{path}/{i}")

    walk(schema, "")
    assert missing == [], "every property needs a description"


def test_ontology_and_context_parse():
    triples = list(ox.parse(resources.read_text("ontology/newsgraph.ttl").encode(), format=ox.RdfFormat.TURTLE))
    assert len(triples) > 100
    context = json.loads(resources.read_text("schemas/newsgraph-context.jsonld"))
    assert context["@context"]["schema"] == "http://schema.org/"


def test_resources_open_from_a_source_checkout_as_an_editable_install_sees_it(tmp_path):
    # `pip install -e .` links src/newsgraph only; the folders stand beside src/ in the checkout
    import subprocess
    import sys

    code = (
        "import newsgraph.resources as r, sys; "
        "assert r.__file__.startswith(sys.argv[1]), r.__file__; "
        "[r.read_text(n) for n in r.RESOURCES]; print('read', len(r.RESOURCES))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "src")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": ""},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"read {len(resources.RESOURCES)}"
