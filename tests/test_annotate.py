from pipeline.annotate import annotate_all, worker_count

TEXTS = [f"Minister {name} said on Monday that the talks in Vienna would resume. “We are ready,” {name} added."
         for name in ("Anna Berg", "Karl Nehammer", "Jens Stoltenberg", "Wendy Sherman")]


def test_annotating_on_two_processes_gives_the_same_results_in_order():
    one, two = annotate_all(TEXTS, workers=1), annotate_all(TEXTS, workers=2)
    assert two == one
    assert [s["text"] for s in two[3]["statements"]] == ["the talks in Vienna would resume", "We are ready,"]
    assert {m["text"] for m in two[1]["mentions"]} >= {"Karl Nehammer", "Vienna"}
    # content lemmas from the article's own parse, for cross-source matching without tagging again
    assert two[3]["statements"][0]["lemmas"] == ["continue", "talk", "vienna"]  # "resume" folded into its synonym


def test_small_batches_stay_in_one_process():
    assert worker_count(5, available=2) == 1
    assert worker_count(64, available=2) == 2
    assert worker_count(1000, available=1) == 1
