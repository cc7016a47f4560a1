"""Run the docstring examples of every module of the installed package."""

import doctest
import importlib
import pkgutil

import pytest

import newsgraph

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(newsgraph.__path__, "newsgraph.") if m.name != "newsgraph.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name, monkeypatch):
    from .conftest import ROOT

    monkeypatch.chdir(ROOT)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
