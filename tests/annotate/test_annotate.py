from datetime import datetime, timezone

from pipeline.annotate import annotate_articles, skipped_languages, worker_count
from pipeline.build import clean_batch
from pipeline.ingest import text_record

TEXTS = [f"Minister {name} said on Monday that the talks in Vienna would resume. “We are ready,” {name} added."
         for name in ("Anna Berg", "Karl Nehammer", "Jens Stoltenberg", "Wendy Sherman")]


def articles(*texts):
    return clean_batch([text_record(f"{n}.txt", text) for n, text in enumerate(texts)],
                       datetime(2026, 1, 1, tzinfo=timezone.utc))


def test_annotating_on_two_processes_gives_the_same_results_in_order():
    batch = articles(*TEXTS)
    one, two = annotate_articles(batch, workers=1), annotate_articles(batch, workers=2)
    assert two == one
    assert [a.source_id for a in two] == [a.source.source_id for a in batch]
    assert [s.text for s in two[3].statements] == ["the talks in Vienna would resume", "We are ready,"]
    assert {m.text for m in two[1].mentions} >= {"Karl Nehammer", "Vienna"}
    # content lemmas from the article's own parse, for cross-source matching without tagging again
    assert two[3].statements[0].lemmas == ["continue", "talk", "vienna"]  # "resume" folded into its synonym
    assert two[3].statements[0].part_lemmas is None


def test_a_statement_joining_two_clauses_with_but_has_the_lemmas_of_each():
    text = "The minister said the talks had been useful, but that the gap on tariffs was still wide."
    statement = annotate_articles(articles(text), workers=1)[0].statements[0]
    assert statement.part_lemmas == [["talk", "useful"], ["gap", "tariff", "wide"]]


def test_small_batches_stay_in_one_process():
    assert worker_count(5, available=2) == 1
    assert worker_count(64, available=2) == 2
    assert worker_count(1000, available=1) == 1


def test_a_company_the_recogniser_took_for_a_person_is_the_firm_that_speaks():
    text = ("Shares in Hollis Brandt fell 9% after the firm said it would close 40 stores. \"Demand is weak,\" said "
            "Kate Moss, an analyst at Dunmore Securities. Hollis Brandt said sales had slowed over Christmas.")
    annotated = annotate_articles(articles(text), workers=1)[0]
    firm = annotated.statements[0]
    assert (firm.speaker, firm.speaker_ref) == ("the firm", "Hollis Brandt")
    assert {(m.text, m.label) for m in annotated.mentions} >= {("Hollis Brandt", "ORG"), ("Kate Moss", "PERSON")}


def test_an_article_in_a_language_without_a_pack_gets_no_english_rules():
    german = ("Die Ministerin sagte am Montag, dass die Gespräche in Wien fortgesetzt würden. „Wir sind bereit“, "
              "fügte Anna Berg hinzu. Die Opposition kritisierte den Plan scharf.")
    batch = articles(TEXTS[0], german)
    english, skipped = annotate_articles(batch, workers=1)
    assert batch[1].source.language == "de"
    assert (skipped.language, skipped.statements, skipped.mentions) == (None, [], [])
    assert english.language == "en" and english.statements
    assert skipped_languages([english, skipped], batch) == {"de": 1}
