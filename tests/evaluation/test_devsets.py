"""The whole pipeline on annotated development sets the tests own (tests/fixtures) or find in shared/corpus."""

import json

import pytest

from pipeline.evaluation.devsets import evaluate_multi_outlet_events, evaluate_news_events, evaluate_statement_devset

from conftest import AEB_STATEMENTS, MULTI_OUTLET_EVENTS, NEWS_EVENTS, NEWSWCL50_ARTICLES, SHARED

PAGES = SHARED / "corpus" / "html_scrapinghub_aeb"


def test_statements_on_unseen_news_pages_stay_above_their_floor():
    """The 28 annotated AEB pages (many outlets, not the seeds): a published rule-based extractor scores about 0.84
    ggt@0.3 F1 on such news."""
    if not PAGES.is_dir():
        pytest.skip(f"no AEB pages at {PAGES}")
    scores = evaluate_statement_devset(PAGES, AEB_STATEMENTS)
    assert scores["n_gold"] == 407
    assert scores["ggt03_f1"] >= 0.95 and scores["quote_f1"] >= 0.915, scores
    assert scores["speaker_ref_acc"] >= 0.9, scores


def test_statements_quoted_with_single_marks_are_found_too():
    """The same pages as a British paper quoting ‘like this’ would print them (0.78 ggt@0.3 F1 before such texts
    were recognised)."""
    if not PAGES.is_dir():
        pytest.skip(f"no AEB pages at {PAGES}")
    scores = evaluate_statement_devset(PAGES, AEB_STATEMENTS, single_marks=True)
    assert scores["ggt03_f1"] >= 0.92 and scores["quote_f1"] >= 0.89, scores


def test_news_events_annotations_slice_their_texts():
    clusters = [json.loads(line) for line in (NEWS_EVENTS / "same_statement.jsonl").open(encoding="utf-8")]
    statements = [json.loads(line) for line in (NEWS_EVENTS / "statements.jsonl").open(encoding="utf-8")]
    for statement in statements:
        text = (NEWS_EVENTS / "texts" / statement["doc"]).read_text(encoding="utf-8")
        assert text[statement["start"]:statement["end"]] == statement["text"], statement["id"]
    assert {member for cluster in clusters for member in cluster["member_ids"]} <= {s["id"] for s in statements}
    assert (len(statements), len(clusters)) == (521, 115)


def test_statements_and_clusters_on_invented_multi_outlet_events_stay_above_their_floors():
    """Statements extracted and matched across outlets (wire, British, machine-translated, paraphrased) on 16
    events annotated by people who never saw the pipeline."""
    scores = evaluate_news_events(NEWS_EVENTS)
    statements, clusters = scores["statements"], scores["clusters"]
    assert statements["ggt03_f1"] >= 0.945 and statements["quote_f1"] >= 0.925, statements
    assert statements["speaker_ref_acc"] >= 0.95, statements
    assert clusters["cluster_f1"] >= 0.73 and clusters["cluster_p"] >= 0.85, clusters


@pytest.fixture(scope="module")
def newswcl50():
    if not NEWSWCL50_ARTICLES.is_file():
        pytest.skip(f"no newswcl50 corpus at {NEWSWCL50_ARTICLES}")
    return {json.loads(line)["id"]: json.loads(line) for line in NEWSWCL50_ARTICLES.open(encoding="utf-8")}


def test_multi_outlet_annotations_point_into_their_articles(newswcl50):
    rows = {name: [json.loads(line) for line in (MULTI_OUTLET_EVENTS / f"{name}.jsonl").open(encoding="utf-8")]
            for name in ("statements", "same_statement", "entities", "stories")}
    ids = {s["id"] for s in rows["statements"]}
    assert len(ids) == len(rows["statements"]) == 1076
    assert all(0 <= s["start"] < s["end"] <= len(newswcl50[s["doc"]]["text"]) for s in rows["statements"])
    assert {m for c in rows["same_statement"] for m in c["member_ids"]} <= ids
    assert all(alias in newswcl50[doc]["text"] for e in rows["entities"] for alias, docs in e["alias_docs"].items()
               for doc in docs)
    assert {s["doc"] for s in rows["stories"]} == set(newswcl50)


def test_statements_entities_and_clusters_on_real_multi_outlet_news_stay_above_their_floors(newswcl50):
    """Real US coverage of ten events (NYT, HuffPost, USA Today, Fox News, Breitbart), annotated blind."""
    scores = evaluate_multi_outlet_events(NEWSWCL50_ARTICLES, MULTI_OUTLET_EVENTS)
    statements, clusters, entities, stories = (scores[part] for part in ("statements", "clusters", "entities",
                                                                          "stories"))
    assert statements["ggt03_f1"] >= 0.91 and statements["quote_f1"] >= 0.89, statements
    assert statements["speaker_ref_acc"] >= 0.86, statements
    assert entities["link_f1"] >= 0.95 and entities["link_p"] >= 0.98 and entities["coverage"] >= 0.92, entities
    assert clusters["cluster_f1"] >= 0.45 and clusters["cluster_p"] >= 0.66, clusters
    assert stories["bcubed_f1"] >= 0.95, stories

