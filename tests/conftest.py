"""Shared fixtures: the seed story, its build, and bad copies of it."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import newsgraph

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "stories"
SEED_SLUG = "2025-12-11-putin-lukashenko-support-maduro"
SEED = STORIES / f"{SEED_SLUG}.yaml"
SEED_TEXT = STORIES / f"{SEED_SLUG}.el.txt"
OUTPUT = ROOT / "output"
#: The newsroom catalogue the seed refers to.
CATALOGUE = ROOT / "catalogue"
DATA = Path(__file__).resolve().parent / "data"
#: The shared reference folder next to the repository, when this machine has it.
SHARED = ROOT.parent / "shared"


def _references(story: Path) -> dict[str, str]:
    data = yaml.safe_load(story.read_text(encoding="utf-8"))
    items = [*data.get("entities", []), *data.get("events", [])]
    return {item["id"]: item["catalogue"] for item in items if "catalogue" in item}


#: The seed's references to the catalogue, as its story file writes them: story id -> entry id.
SEED_REFERENCES = _references(SEED)
SEED_ARTICLE = f"https://newsgraph.example/article/{SEED_SLUG}"


def node(id: str) -> str:
    """The IRI the seed's thing ``id`` is published under: the catalogue's for a reference
    (``{base}thing/{entry}``), else the article's (``{article}#{id}``)."""
    if id in SEED_REFERENCES:
        return f"https://newsgraph.example/thing/{SEED_REFERENCES[id]}"
    return f"{SEED_ARTICLE}#{id}"


def copy_seed(folder: Path, name: str | None = None, *, catalogue: bool = True) -> Path:
    """Copy the seed story (as ``name``), its text and the catalogue it refers to (the default
    place: ``catalogue/`` beside the story, when no newsgraph.toml says otherwise) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or SEED.name)
    shutil.copy(SEED, path)
    shutil.copy(SEED_TEXT, folder / SEED_TEXT.name)
    if catalogue and not (folder / "catalogue").exists():
        shutil.copytree(CATALOGUE, folder / "catalogue")
    return path


#: CI sets this so that tests needing rapper/serdi fail instead of skipping when they are missing.
REQUIRE_TOOLS = os.environ.get("NEWSGRAPH_REQUIRE_TOOLS") == "1"


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if REQUIRE_TOOLS:
            pytest.fail(f"{name} is not installed (.ci/run installs it)")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture(scope="session")
def seed_story() -> newsgraph.Story:
    return newsgraph.load_story(SEED)


@pytest.fixture(scope="session")
def seed_result(seed_story) -> newsgraph.BuildResult:
    return newsgraph.build(seed_story)


@pytest.fixture(scope="session")
def seed_data() -> dict[str, Any]:
    with SEED.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


@pytest.fixture
def story_copy(tmp_path: Path, seed_data) -> Callable[..., Path]:
    """Write a changed copy of the seed story (and its text) into tmp_path; returns its path.

    ``story_copy(change)`` calls ``change(data)`` on a deep copy; ``story_copy(text=...)`` writes
    raw text instead of YAML.
    """

    def make(
        change: Callable[[dict], Any] | None = None, *, text: str | bytes | None = None, name: str = "story.yaml"
    ) -> Path:
        path = copy_seed(tmp_path, name)
        if text is not None:
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
            return path
        data = copy.deepcopy(seed_data)
        if change is not None:
            change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return make


def run_cli(
    *args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run ``python -m newsgraph`` in a real process, as a user runs the command."""
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout
    )


def invoke(*args: str, env: dict | None = None):
    """Run the command in this process (faster than :func:`run_cli`; monkeypatches apply).

    The result's ``exception`` is set when the command raised something other than SystemExit.
    """
    from click.testing import CliRunner

    from newsgraph.cli import cli

    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=True)


def assert_clean_exit(result, codes: set[int]) -> None:
    """The command ended with one of ``codes``, through the CLI's own error handling."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in codes, result.output
    assert "Traceback" not in result.output


def entity(data: dict, id: str) -> dict:
    return next(e for e in data["entities"] if e["id"] == id)


def event(data: dict, id: str) -> dict:
    return next(e for e in data["events"] if e["id"] == id)


def _catalogue_entries() -> dict[str, dict]:
    return {
        e["id"]: e
        for path in sorted(CATALOGUE.glob("*.yaml"))
        for e in yaml.safe_load(path.read_text(encoding="utf-8"))["entries"]
    }


def inline(item: dict) -> dict:
    """A reference to the catalogue made the story's own: its entry's type, names and Wikidata
    item written into ``item``, and the reference dropped (for tests of what a story says about
    its own things)."""
    entry = _catalogue_entries()[item.pop("catalogue")]
    for key in ("type", "names", "wikidata"):
        if key in entry:
            item.setdefault(key, entry[key])
    return item


def own(data: dict, id: str) -> dict:
    """The seed's entity ``id``, made the story's own (:func:`inline`)."""
    return inline(entity(data, id))


def set_at(*path_and_value):
    """A story change: set the value at a path of keys and indexes (the last argument)."""
    *path, value = path_and_value

    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def chromium(url: str, *args: str) -> subprocess.CompletedProcess:
    """Debian's headless Chromium on ``url`` (``--dump-dom``, ``--screenshot=...``), logging to stderr."""
    browser = require_tool("chromium")
    return subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", *args, url],
        capture_output=True,
        text=True,
        timeout=120,
    )


def console_errors(stderr: str) -> list[str]:
    """The lines of Chromium's log that report a console message or an uncaught error."""
    return [line for line in stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
