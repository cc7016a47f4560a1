"""`newsgraph query --limit/--offset`: pages of a SELECT query's rows, from a real embedded store."""

from __future__ import annotations

import csv
import io

import pytest

from newsgraph.resources import shipped_queries
from newsgraph.store.paging import NotSelect, default_limit, paged

from .answers import EXPECTED
from .conftest import SEED, run_cli

SUBJECTS = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s a ?type } } ORDER BY ?s"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paging") / "store"
    run = run_cli("load", str(SEED), "--store", str(folder))
    assert run.returncode == 0, run.stderr
    return folder


def rows(store, *args: str) -> tuple[list[list[str]], str]:
    """The CSV rows (without the header) of `newsgraph query ARGS`, and what it said on stderr."""
    run = run_cli("query", *args, "--store", str(store), "--format", "csv")
    assert run.returncode == 0, run.stderr
    return list(csv.reader(io.StringIO(run.stdout)))[1:], run.stderr


def test_pages_of_a_shipped_question_follow_each_other_to_the_last(store):
    expected = [[value or "" for value in row] for row in EXPECTED["chain-of-sources"]]
    assert len(expected) == 31
    pages, offset = [], 0
    while True:
        page, note = rows(store, "chain-of-sources", "--limit", "12", "--offset", str(offset))
        pages.append(page)
        if len(page) < 12:
            assert note == ""  # the last page says nothing
            break
        assert f"rows {offset + 1} to {offset + 12}, a full page; more may follow: --offset {offset + 12}" in note
        offset += 12
    assert [len(p) for p in pages] == [12, 12, 7]
    assert [row for page in pages for row in page] == expected  # the same rows, in the same order


def test_a_question_that_grows_with_the_archive_has_a_default_page(store):
    text = shipped_queries()["entities-with-wikidata"]
    assert default_limit(text) == 100 and default_limit(shipped_queries()["chain-of-sources"]) == 100
    everything, note = rows(store, "entities-with-wikidata")
    assert len(everything) == 34 and note == ""  # the seed's 34 fit in one page
    assert rows(store, "entities-with-wikidata", "--all")[0] == everything
    page, note = rows(store, "entities-with-wikidata", "--offset", "30")
    assert page == everything[30:] and note == ""


def test_a_users_query_is_paged_too(store):
    everything, _ = rows(store, SUBJECTS)
    assert len(everything) > 20
    page, note = rows(store, SUBJECTS, "--limit", "5", "--offset", "3")
    assert page == everything[3:8] and "--offset 8 for the next page" in note
    # a query with a LIMIT of its own is paged within what it answers (it becomes a subquery)
    page, _ = rows(store, SUBJECTS + " LIMIT 10", "--limit", "4", "--offset", "8")
    assert page == everything[8:10]
    assert rows(store, SUBJECTS, "--offset", "20")[0] == everything[20:]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "0"], "--limit"),
        (["--limit", "-3"], "--limit"),
        (["--limit", "ten"], "--limit"),
        (["--offset", "-1"], "--offset"),
        (["--all", "--limit", "5"], "--all asks for every row"),
    ],
)
def test_bad_paging_values_are_usage_errors(store, args, message):
    run = run_cli("query", "chain-of-sources", *args, "--store", str(store))
    assert run.returncode == 2 and message in run.stderr and "Usage:" in run.stderr
    assert run.stdout == ""


def test_only_a_select_query_has_rows_to_page(store):
    run = run_cli("query", "ASK { GRAPH ?g { ?s ?p ?o } }", "--limit", "3", "--store", str(store))
    assert run.returncode == 2 and "page the rows of a SELECT query" in run.stderr
    assert run_cli("query", "ASK { GRAPH ?g { ?s ?p ?o } }", "--store", str(store)).stdout.strip() == "true"


def test_the_page_goes_where_the_query_can_take_it():
    # appended when the outermost query has no LIMIT, OFFSET or trailing VALUES of its own ...
    assert paged(SUBJECTS, 5, 10) == SUBJECTS + "\nLIMIT 5 OFFSET 10"
    assert paged(SUBJECTS, None, 10).endswith("\nOFFSET 10") and paged(SUBJECTS, None, 0) == SUBJECTS
    # ... whatever comments, strings, IRIs, variables or prefixed names say
    tricky = (
        "PREFIX limit: <http://ex.org/{offset}#>\n"
        "SELECT ?limit ?values # LIMIT 3 }\n"
        'WHERE { ?limit limit:values \'LIMIT } {\' ; limit:p """OFFSET\n}""" '
        "{ SELECT ?values WHERE { ?values ?p ?o } LIMIT 2 } }"
    )
    assert paged(tricky, 1, 0) == tricky + "\nLIMIT 1"
    # wrapped as a subquery otherwise, the prologue kept in front
    for own in ("LIMIT 10", "OFFSET 2", "VALUES ?s { <http://ex.org/a> }"):
        query = f"PREFIX ex: <http://ex.org/>\nSELECT ?s WHERE {{ ?s ex:p ?o }} {own}"
        assert paged(query, 3, 1) == (
            f"PREFIX ex: <http://ex.org/>\nSELECT * WHERE {{\n{{\nSELECT ?s WHERE {{ ?s ex:p ?o }} {own}\n}}\n}}\n"
            "LIMIT 3 OFFSET 1"
        )
    for query in ("ASK { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }", "DESCRIBE <http://ex.org/a>", "# nothing"):
        with pytest.raises(NotSelect):
            paged(query, 3, 0)


def test_a_page_bound_cuts_the_subquery_the_rows_come_from():
    query = (
        "SELECT ?a ?b WHERE {\n  { SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a\n    #newsgraph:page-bound\n  }\n}"
        " ORDER BY ?a"
    )
    assert "LIMIT 30\n  }" in paged(query, 10, 20) and paged(query, 10, 20).endswith("\nLIMIT 10 OFFSET 20")
    assert "#newsgraph:page-bound" in paged(query, None, 20)  # no bound without a limit
    assert default_limit(query) is None and default_limit("#newsgraph:default-limit 7\n" + query) == 7
