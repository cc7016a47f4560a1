"""newsgraph.toml: found by walking up from the story; command line > story > file > default."""

from __future__ import annotations

import shutil

import pytest

import newsgraph
from newsgraph.errors import InputError
from newsgraph.stories.config import Config, find_config, read_config

from .conftest import CATALOGUE, SEED, SEED_SLUG, copy_seed, invoke


@pytest.fixture
def newsroom(tmp_path):
    """A newsroom folder with a configuration and the seed story two folders below it."""
    (tmp_path / "newsgraph.toml").write_text(
        'base_iri = "https://news.example/"\nlicense = "https://creativecommons.org/licenses/by/4.0/"\n',
        encoding="utf-8",
    )
    shutil.copytree(CATALOGUE, tmp_path / "catalogue")  # beside newsgraph.toml, where it is looked for
    return copy_seed(tmp_path / "world" / "europe", catalogue=False)


def test_the_nearest_file_above_the_story_gives_what_the_story_does_not(newsroom):
    story = newsgraph.load_story(newsroom)
    assert story.base == "https://news.example/"
    assert story.article.license == "https://creativecommons.org/licenses/by/4.0/"
    result = newsgraph.build(story)
    assert result.article_iri == "https://news.example/article/2025-12-11-putin-lukashenko-support-maduro"
    assert "<https://creativecommons.org/licenses/by/4.0/>" in result.turtle


def test_the_story_wins_over_the_file_and_the_command_line_over_both(newsroom):
    text = newsroom.read_text(encoding="utf-8").replace(
        "newsgraph: 1\n", "newsgraph: 1\nbase: https://desk.example/\n", 1
    )
    newsroom.write_text(text, encoding="utf-8")
    assert newsgraph.load_story(newsroom).base == "https://desk.example/"
    out = newsroom.parent / "out"
    run = invoke("build", str(newsroom), "--out", str(out), "--base-iri", "https://cli.example/")
    assert run.exit_code == 0, run.output
    published = (out / f"{SEED_SLUG}.ttl").read_text(encoding="utf-8")
    assert "<https://cli.example/article/" in published
    # the catalogue's things too: the article and the catalogue agree on their IRIs
    assert "@prefix thing: <https://cli.example/thing/> ." in published
    assert "@prefix thing: <https://cli.example/thing/> ." in (out / "catalogue.ttl").read_text(encoding="utf-8")


def test_a_nearer_file_wins_and_none_means_the_defaults(newsroom, tmp_path_factory):
    (newsroom.parent / "newsgraph.toml").write_text('base_iri = "https://europe.example/"\n', encoding="utf-8")
    assert find_config(newsroom).base_iri == "https://europe.example/"
    assert find_config(newsroom).license is None  # files do not merge: the nearest one is the newsroom's
    alone = tmp_path_factory.mktemp("no-newsroom")
    assert find_config(alone / "story.yaml") == find_config(alone) == Config()
    assert newsgraph.load_story(SEED).base == "https://newsgraph.example/"  # stories/newsgraph.toml


@pytest.mark.parametrize(
    "text, words",
    [
        ('base_iri = "https://news.example"\n', "ending in '/'"),
        ('license = "not an iri"\n', "license:"),
        ('base = "https://news.example/"\n', "unknown key 'base'; the keys are base_iri, license"),
        ("base_iri = 5\n", "base_iri must be a non-empty string"),
        ('base_iri = "https://news.example/\n', "not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file_and_what_to_fix(tmp_path, text, words):
    path = tmp_path / "newsgraph.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_config(path)
    assert str(path) in str(caught.value) and words in str(caught.value)


def test_a_bad_file_stops_the_build_with_exit_2_and_writes_nothing(newsroom):
    (newsroom.parent / "newsgraph.toml").write_text('base_iri = "javascript:alert(1)"\n', encoding="utf-8")
    out = newsroom.parent / "out"
    run = invoke("build", str(newsroom), "--out", str(out))
    assert run.exit_code == 2 and "newsgraph.toml: base_iri:" in run.output
    assert not out.exists() or not any(out.iterdir())


def test_config_command_prints_each_value_and_where_it_came_from(newsroom, monkeypatch):
    monkeypatch.setenv("NEWSGRAPH_CONTACT", "desk@news.example")
    monkeypatch.delenv("NEWSGRAPH_WIKIDATA_SNAPSHOT", raising=False)
    run = invoke("config", str(newsroom))
    assert run.exit_code == 0, run.output
    config_file = str(newsroom.parents[2] / "newsgraph.toml")
    lines = run.output.splitlines()
    assert lines[0] == f"configuration: {config_file}"
    assert f"base_iri = https://news.example/  ({config_file})" in lines
    assert f"license = https://creativecommons.org/licenses/by/4.0/  ({config_file})" in lines
    assert "wikidata_contact = desk@news.example  ($NEWSGRAPH_CONTACT)" in lines
    assert "snapshot = (the packaged snapshot)  (built-in default)" in lines
    assert "catalogue = catalogue/ beside newsgraph.toml  (built-in default)" in lines


def test_a_path_the_system_cannot_look_at_has_no_configuration(tmp_path):
    assert find_config(tmp_path / ("x" * 5000) / "story.yaml") == Config()


def test_the_rights_statement_comes_from_the_story_else_the_newsroom(newsroom):
    config = newsroom.parents[2] / "newsgraph.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + 'copyright_notice = "© 2025 the test newsroom (written for the tests)"\n',
        encoding="utf-8",
    )
    result = newsgraph.build(newsgraph.load_story(newsroom))
    notice = "© 2025 the test newsroom (written for the tests)"
    assert f'schema:copyrightNotice "{notice}"' in result.turtle
    node = next(n for n in result.jsonld_document["@graph"] if n["@id"] == result.article_iri)
    assert node["copyrightNotice"] == notice  # and the document keeps to the JSON-LD profile (checked in build)
    assert result.ninjs_document["copyrightNotice"] == notice
    assert result.ninjs_document["rightsInfo"] == {"linkedRights": "https://creativecommons.org/licenses/by/4.0/"}
    own = newsroom.read_text(encoding="utf-8").replace(
        "  language: el\n", "  language: el\n  copyright_notice: © in.gr\n", 1
    )
    newsroom.write_text(own, encoding="utf-8")
    assert 'schema:copyrightNotice "© in.gr"' in newsgraph.build(newsgraph.load_story(newsroom)).turtle
