"""Evaluation stays data-agnostic: the shipped package never reaches into the tests' fixtures, `make bench` passes
them itself."""

from pathlib import Path

import pipeline


def test_no_shipped_module_knows_where_the_tests_keep_their_fixtures():
    package = Path(pipeline.__file__).resolve().parent
    assert [p for p in package.rglob("*.py") if "fixtures" in p.read_text(encoding="utf-8")] == []


def test_the_bench_passes_fixtures_that_exist():
    from bench import run

    assert run.DEVSET_STATEMENTS.is_file() and (run.NEWS_EVENTS / "statements.jsonl").is_file()
