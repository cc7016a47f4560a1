"""A command imports only what it uses: the heavy libraries stay out of the commands people run
on every save (`--help`, `validate`, `build`). Each command runs in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT

SEED = ROOT / "stories" / "2025-12-11-putin-lukashenko-support-maduro.yaml"
#: Libraries that cost a tenth of a second or more to import, and what needs them.
HEAVY = ("rdflib", "pyld", "pyshacl", "jsonschema", "referencing", "requests", "dateparser", "babel", "starlette")

_RUN = """
import json, runpy, sys
heavy, code = json.loads(sys.argv[2]), 0
sys.argv = ["newsgraph", *json.loads(sys.argv[1])]
try:
    runpy.run_module("newsgraph", run_name="__main__", alter_sys=True)
except SystemExit as exit:
    code = exit.code
print(json.dumps([code, sorted(m for m in heavy if m in sys.modules)]), file=sys.stderr)
"""


def imported(*args: str) -> tuple[int, list[str]]:
    """The exit code of `newsgraph ARGS` and which of the heavy libraries it imported."""
    run = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(args), json.dumps(HEAVY)], capture_output=True, text=True, cwd=ROOT
    )
    code, modules = json.loads(run.stderr.strip().splitlines()[-1])
    return code, modules


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("validate", str(SEED)),
        ("validate", "--format", "json", str(SEED)),
        ("build", str(SEED), "--out", "-", "--format", "ttl"),
        (
            "draft",
            "--help",
        ),
        (
            "query",
            "--help",
        ),
    ],
)
def test_a_command_imports_none_of_the_heavy_libraries_it_does_not_use(args):
    code, modules = imported(*args)
    assert code == 0 and modules == []


def test_a_story_with_errors_loads_the_detailed_validator_to_explain_them(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("newsgraph: 1\narticle: {}\n", encoding="utf-8")
    code, modules = imported("validate", str(bad))
    assert code == 1 and "jsonschema" in modules


def test_importing_the_package_imports_no_heavy_library_and_keeps_its_names():
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, newsgraph, newsgraph.publishing.build;"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), callable(newsgraph.build),"
            " 'build' in dir(newsgraph))",
        ],
        capture_output=True,
        text=True,
    )
    assert run.stdout.split() == ["[]", "True", "True"], run.stderr


def test_a_question_to_the_embedded_store_needs_no_http_library(tmp_path):
    store = tmp_path / "store"
    assert imported("load", str(SEED), "--store", str(store))[0] == 0
    code, modules = imported("query", "timeline-of-a-thing", "--store", str(store))
    assert code == 0 and "requests" not in modules


@pytest.mark.parametrize("package", ["newsgraph", "newsgraph.store", "newsgraph.wikidata", "newsgraph.drafting"])
def test_every_public_name_of_a_package_resolves_to_what_it_documents(package):
    import importlib

    module = importlib.import_module(package)
    for name in module.__all__:
        value = getattr(module, name)
        assert name in dir(module)
        assert getattr(value, "__name__", name) == name
        assert (getattr(value, "__module__", None) or package).startswith(package)
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018
