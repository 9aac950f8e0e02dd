"""Score a published release against gold annotations in the format of shared/gold/, and export its predictions
in the reference scorers' format."""

import json
from pathlib import Path

from pipeline.errors import UserError
from pipeline.evaluation import scoring
from pipeline.evaluation.documents import score_documents

GOLD_FILES = {"documents": "documents.jsonl", "quotes": "quotes_gold.jsonl", "entities": "entities.jsonl", "statements": "statements.jsonl",
              "clusters": "same_statement.jsonl"}


def doc_id(uri):
    """The gold's document id: the input file's stem (records inside a file keep their fragment)."""
    return Path(uri.split("#", 1)[0]).stem


def statement_predictions(tables):
    """Statements as the reference scorers read them: raw-text offsets, speaker as the resolved entity's name."""
    docs = dict(zip(tables["sources"]["source_id"], tables["sources"]["uri"].map(doc_id)))
    names = dict(zip(tables["entities"]["entity_id"], tables["entities"]["name"]))
    rows = []
    for s in tables["statements"].to_dict("records"):
        entity = s["speaker_entity_id"]
        rows.append({"doc_id": docs[s["source_id"]], "quote_text": s["text"],
                     "quote_start": scoring.as_offset(s["raw_char_start"]),
                     "quote_end": scoring.as_offset(s["raw_char_end"]),
                     "speaker": names.get(entity) if isinstance(entity, str) else _str_or_none(s["speaker"]),
                     "verb": _str_or_none(s["cue"]), "cluster_id": _str_or_none(s["cluster_id"])})
    return rows


def mention_predictions(tables):
    docs = dict(zip(tables["sources"]["source_id"], tables["sources"]["uri"].map(doc_id)))
    return [{"doc_id": docs[m["source_id"]], "text": m["text"], "entity_id": m["entity_id"]}
            for m in tables["mentions"].to_dict("records")]


def cleaned_documents(tables):
    """Sources keyed by file name, shaped like `clean_article` output for `score_documents`."""
    return {Path(row["uri"].split("#", 1)[0]).name: {
        "title": _str_or_none(row["title"]), "outlet": _str_or_none(row["outlet"]), "credits": list(row["credits"]),
        "published_at": row["published_at"].date() if row["published_at"] == row["published_at"] else None,
        "text": row["text"]} for row in tables["sources"].to_dict("records")}


def _str_or_none(value):
    return value if isinstance(value, str) else None


def raw_texts(tables, rawtext_dir):
    """Raw article texts by doc id, from --rawtext or from the release's own input files."""
    texts = {}
    for uri in tables["sources"]["uri"]:
        path = Path(rawtext_dir) / f"{doc_id(uri)}.txt" if rawtext_dir else Path(uri.split("#", 1)[0])
        if path.suffix == ".txt" and path.is_file():
            texts[doc_id(uri)] = path.read_text(encoding="utf-8")
    return texts


def _figure(key, value):
    return f"{key}={value:.4f}" if isinstance(value, float) else f"{key}={value}"


def export_predictions(tables, folder):
    """The release's statements and mentions as JSONL in the reference scorers' column names, for checking."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("statements", statement_predictions(tables)), ("mentions", mention_predictions(tables))):
        with open(folder / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def _shown(metrics, keys):
    return {k: metrics[k] for k in keys if k in metrics}


def score_release(gold_dir, store, release_id=None, rawtext_dir=None, export_dir=None):
    """{part: {figure: value}}: each gold file present in `gold_dir` scored against a release of `store` (a
    `pipeline.release.ReleaseStore`; default the latest), e.g. {"statements": {"quote_f1": 0.9524, ...}, ...}.
    rawtext_dir: the raw .txt articles the gold offsets refer to (default: the release's own input files);
    export_dir: where to write the predictions too."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise UserError(f"gold folder {gold_dir} does not exist")
    present = {key: gold_dir / name for key, name in GOLD_FILES.items() if (gold_dir / name).is_file()}
    if not present:
        raise UserError(f"{gold_dir} holds none of {', '.join(GOLD_FILES.values())}")
    tables = store.release(release_id).read_tables()
    if export_dir:
        export_predictions(tables, export_dir)
    statements = statement_predictions(tables)
    figures = {}
    if "documents" in present:
        metrics = score_documents(cleaned_documents(tables), present["documents"])
        figures["documents"] = {**_shown(metrics, ["field_accuracy", "body_ends_kept", "docs"]), **metrics["fields"],
                                "boilerplate_left": sum(len(found) for found in metrics["boilerplate_left"].values())}
    if "quotes" in present:
        metrics = scoring.score_statements(scoring.load_jsonl(present["quotes"]), statements,
                                           raw_texts(tables, rawtext_dir))
        figures["statements"] = _shown(metrics, ["quote_f1", "speaker_acc", "quote_p", "quote_r", "speaker_ref_acc",
                                                 "ggt03_f1", "ggt08_f1", "n_gold", "n_pred"])
    if "entities" in present:
        metrics = scoring.score_entity_links(scoring.load_jsonl(present["entities"]), mention_predictions(tables))
        figures["entities"] = {**_shown(metrics, ["link_f1", "link_p", "link_r", "bcubed_f1", "coverage"]),
                               "merged": f"{metrics['merged']}/{metrics['merged_of']}"}
    if "statements" in present and "clusters" in present:
        metrics = scoring.score_clusters(scoring.load_jsonl(present["statements"]),
                                         scoring.load_jsonl(present["clusters"]), statements)
        figures["clusters"] = {**_shown(metrics, ["cluster_f1", "cluster_p", "cluster_r"]),
                               "matched": f"{metrics['matched']}/{metrics['matched_of']}"}
    return figures


def report_lines(figures):
    """One line per part of `score_release`'s figures: "statements: quote_f1=0.9524 speaker_acc=0.9857 ..."."""
    return [f"{part}: " + " ".join(_figure(k, v) for k, v in metrics.items()) for part, metrics in figures.items()]


def evaluate_release(gold_dir, store, release_id=None, rawtext_dir=None, export_dir=None):
    """The report lines of `score_release`."""
    return report_lines(score_release(gold_dir, store, release_id, rawtext_dir, export_dir))
