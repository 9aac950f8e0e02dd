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
    assert two[3]["statements"][0]["part_lemmas"] is None


def test_a_statement_joining_two_clauses_with_but_has_the_lemmas_of_each():
    text = "The minister said the talks had been useful, but that the gap on tariffs was still wide."
    statement = annotate_all([text], workers=1)[0]["statements"][0]
    assert statement["part_lemmas"] == [["talk", "useful"], ["gap", "tariff", "wide"]]


def test_small_batches_stay_in_one_process():
    assert worker_count(5, available=2) == 1
    assert worker_count(64, available=2) == 2
    assert worker_count(1000, available=1) == 1


def test_a_company_the_recogniser_took_for_a_person_is_the_firm_that_speaks():
    text = ("Shares in Hollis Brandt fell 9% after the firm said it would close 40 stores. \"Demand is weak,\" said "
            "Kate Moss, an analyst at Dunmore Securities. Hollis Brandt said sales had slowed over Christmas.")
    annotated = annotate_all([text], workers=1)[0]
    firm = annotated["statements"][0]
    assert (firm["speaker"], firm["speaker_ref"]) == ("the firm", "Hollis Brandt")
    assert {(m["text"], m["label"]) for m in annotated["mentions"]} >= {("Hollis Brandt", "ORG"), ("Kate Moss", "PERSON")}
