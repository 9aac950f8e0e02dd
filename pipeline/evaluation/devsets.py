"""Scores of the whole pipeline (without Prefect) on annotated development sets, read from the folders and files
the caller names: the tests and `make bench` pass the sets they keep (the AEB pages' statements, the invented news
events)."""

import json
from pathlib import Path

from pipeline.evaluation import scoring
from pipeline.evaluation.release import doc_id, mention_predictions, statement_predictions
from pipeline.ingest import text_record

# The pages rewritten as a paper that quotes with single marks would print them (same length, same offsets).
SINGLE_MARK_STYLE = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def predictions_for_texts(texts):
    """Statement predictions (as `statement_predictions`) of the whole pipeline, without Prefect, run on
    {doc id: article text}."""
    from pipeline import build  # the NLP stack is only needed here
    from pipeline.link.dataset import resolve_dataset

    articles = build.clean_batch([text_record(f"{doc}.txt", text) for doc, text in texts.items()])
    return statement_predictions(resolve_dataset(articles, build.annotate_batch(articles, workers=1)))


def evaluate_statement_devset(pages_dir, annotations, single_marks=False):
    """Statement scores (as `score_statements`) of the pipeline run on the expected texts of annotated pages, as
    published or (`single_marks`) with every double quotation mark made single.

    pages_dir: a folder with `expected/<doc id>.txt` (the corpus' html_scrapinghub_aeb); annotations: JSON Lines of
    gold statements by offset (`doc_id`, `quote_start`, `quote_end`, speakers; the text stays in the pages).
    """
    gold = scoring.load_jsonl(annotations)
    texts = {doc: (Path(pages_dir) / "expected" / f"{doc}.txt").read_text(encoding="utf-8")
             for doc in sorted({g["doc_id"] for g in gold})}
    if single_marks:
        texts = {doc: text.translate(SINGLE_MARK_STYLE) for doc, text in texts.items()}
    for quote in gold:
        quote["quote_text"] = texts[quote["doc_id"]][quote["quote_start"]:quote["quote_end"]]
    return scoring.score_statements(gold, predictions_for_texts(texts), texts)


def evaluate_news_events(folder):
    """{"statements": scores as `score_statements`, "clusters": scores as `score_clusters`} of the pipeline run on
    the articles of `folder` (texts/, statements.jsonl, same_statement.jsonl)."""
    folder = Path(folder)
    gold = scoring.load_jsonl(folder / "statements.jsonl")
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted((folder / "texts").glob("*.txt"))}
    predictions = predictions_for_texts(texts)
    quotes = [{"doc_id": g["doc"].removesuffix(".txt"), "quote_text": g["text"], "quote_start": g["start"],
               "quote_end": g["end"], "speaker": g["speaker_mention"], "speaker_ref": g["speaker"],
               "quote_type": g["type"], "optional": False} for g in gold]
    return {"statements": scoring.score_statements(quotes, predictions, texts),
            "clusters": scoring.score_clusters(gold, scoring.load_jsonl(folder / "same_statement.jsonl"),
                                               predictions)}


def _tables_of_records(records):
    """The whole pipeline's tables, without Prefect, on raw article records."""
    from pipeline import build  # the NLP stack is only needed here
    from pipeline.link.dataset import resolve_dataset

    articles = build.mark_near_duplicates(build.clean_batch(records))
    return resolve_dataset(articles, build.annotate_batch(articles, workers=1))


def evaluate_multi_outlet_events(articles_file, gold_folder):
    """Scores of the pipeline on real coverage of events by several outlets (the corpus' newswcl50): statements (as
    `score_statements`; borderline gold statements optional), same-statement clusters (as `score_clusters`), entity
    links across documents (as `score_entity_links`) and stories (as `score_stories`).

    articles_file: JSON Lines of articles (`id`, `text`, `title`, `date`, `outlet`); gold_folder: the annotations by
    offset into each article's `text` (`statements.jsonl`, `same_statement.jsonl`, `entities.jsonl`, `stories.jsonl`),
    whose texts stay in the corpus.
    """
    from pipeline.ingest.readers.json_records import json_record

    raw = [line for line in Path(articles_file).read_bytes().splitlines() if line.strip()]
    objects = [json.loads(line) for line in raw]
    records = [json_record(obj, f"{obj['id']}.json", line, "json") for obj, line in zip(objects, raw)]
    texts = {obj["id"]: obj["text"] for obj in objects}
    tables = _tables_of_records(records)
    gold_folder = Path(gold_folder)
    gold = scoring.load_jsonl(gold_folder / "statements.jsonl")
    for statement in gold:
        statement["text"] = texts[statement["doc"]][statement["start"]:statement["end"]]
    quotes = [{"doc_id": g["doc"], "quote_text": g["text"], "quote_start": g["start"], "quote_end": g["end"],
               "speaker": g["speaker_mention"], "speaker_ref": g["speaker"], "quote_type": g["type"],
               "optional": g["borderline"]} for g in gold]
    predictions = statement_predictions(tables)
    return {"statements": scoring.score_statements(quotes, predictions, texts),
            "clusters": scoring.score_clusters(gold, scoring.load_jsonl(gold_folder / "same_statement.jsonl"),
                                               predictions),
            "entities": scoring.score_entity_links(scoring.load_jsonl(gold_folder / "entities.jsonl"),
                                                   mention_predictions(tables)),
            "stories": scoring.score_stories(gold_stories(gold_folder / "stories.jsonl"), story_predictions(tables))}


def gold_stories(path):
    """{doc id: story} of a stories.jsonl; an article that does not report its event is a story of its own."""
    return {row["doc"]: row["story"] if row["fits_event"] else row["doc"] for row in scoring.load_jsonl(path)}


def story_predictions(tables):
    return dict(zip(tables["sources"]["uri"].map(doc_id), tables["sources"]["story_id"]))
