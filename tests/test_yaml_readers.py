"""The fast YAML reader (yaml-rs) is used only where it reads a story exactly as the careful one
(libyaml's composer and our rules) does: generated documents, tricky scalars and the stories of
the repository give the same data, or the careful reader takes over."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import InputError
from newsgraph.stories.storyfile import _careful_yaml, _plain_yaml, parse_text

from .conftest import ROOT

#: Plain scalars the two YAML specifications, or the two readers, may read differently.
TRICKY = [
    "yes", "No", "on", "OFF", "y", "~", "null", "Null", "NULL", "true", "True", "FALSE", "0x1F", "0o17", "017",
    "08", "0b101", "1_000", "1e3", "1E3", "1.0e+3", "-.5e-3", ".inf", "-.Inf", ".NaN", "1:20", "190:20:30",
    "2025-12-11", "2025-12-11T10:00:00Z", "2025-12-11 10:00:00", "+1", "-0", "0.", ".5", "3.14", "-12",
    "12345678901234567890123", "1.5.2", "a: b", "#x", "x #y", "'q'", '"d"', "[a]", "{a: 1}", "- a", "&a", "*a",
    "!t", "!!str x", "<<", "=", "AT&T", "80,000", "M&A!", "é", "Ελλάδα", "\u2028", "\x85", "\t", "",
]  # fmt: skip

scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=30),
)
keys = st.one_of(st.sampled_from(TRICKY), st.text(min_size=1, max_size=12))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


def careful(text: str):
    try:
        data, _, problems = _careful_yaml(text, "story.yaml")
    except InputError:
        return "an error"
    return data, problems


def assert_read_alike(text: str) -> None:
    fast = _plain_yaml(text)
    if fast is not None:
        assert careful(text) == (fast, []), text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.dictionaries(keys, documents, min_size=1, max_size=5),
    flow=st.sampled_from([None, True, False]),
    style=st.sampled_from([None, '"', "'", "|", ">"]),
    width=st.sampled_from([20, 80, 1000]),
)
def test_generated_documents_read_alike_whatever_their_style(data, flow, style, width):
    text = yaml.safe_dump(data, default_flow_style=flow, default_style=style, allow_unicode=True, width=width)
    assert_read_alike(text)


@settings(max_examples=400, deadline=None)
@given(
    pairs=st.lists(st.tuples(st.sampled_from([*TRICKY, "k", "text"]), st.sampled_from(TRICKY)), min_size=1, max_size=6)
)
def test_tricky_plain_scalars_as_written_by_hand_read_alike(pairs):
    # written as an editor writes them, unquoted: the YAML may not even be valid
    text = "".join(f"{k}: {v}\n" for k, v in pairs) + "list:\n" + "".join(f"  - {v}\n" for _, v in pairs)
    assert_read_alike(text)


@pytest.mark.parametrize(
    "path", sorted((ROOT / "stories").glob("*.yaml")) + sorted((ROOT / "tests" / "data").rglob("*.yaml"))
)
def test_the_repositorys_yaml_reads_alike(path):
    assert_read_alike(path.read_text(encoding="utf-8"))


def test_a_usual_story_takes_the_fast_reader_and_its_positions_are_there_when_asked():
    text = "newsgraph: 1\narticle:\n  slug: s\n  published: 2025-12-11\n  text: 80,000 at AT&T!\n"
    assert _plain_yaml(text) == {
        "newsgraph": 1,
        "article": {"slug": "s", "published": "2025-12-11", "text": "80,000 at AT&T!"},
    }
    _, positions, problems = parse_text(text, "story.yaml")
    assert problems == [] and positions["/article/published"] == (4, 3)  # where its key is


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a: &x b\nc: *x\n", "YAML aliases (*name) are not allowed in a story"),
        ("a: !custom x\n", "YAML tag '!custom' is not allowed in a story"),
    ],
)
def test_what_the_rules_refuse_still_reaches_the_careful_reader(text, problem):
    assert _plain_yaml(text) is None
    assert problem in [message for _, message, _ in parse_text(text, "story.yaml")[2]]
